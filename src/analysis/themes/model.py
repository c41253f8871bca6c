"""A paragraph classifier trained on hand-coded paragraphs, blended with the keyword rules.

The keyword rules (`primary.rank_unit_themes`) read the surface: a paragraph whose words are
not in the codebook is coded as nothing, and one keyword can outvote the paragraph's point.
The codebook's `model` section names a linear classifier trained on hand-coded paragraphs
(analysis.theme_train, on invented documents in tests/fixtures; never on the real pages we
measure against): TF-IDF weights of the character 1..ngram_max-grams of the document title's
first `title_chars` characters and the paragraph's own text, a multinomial logistic regression
for the primary theme and one binary logistic regression per theme for the theme set. The
weights file records the settings it was trained with (its `(settings)` row).

The blend (`blend`), with the codebook's weights (all 0–1):
- primary: the theme with the highest  model_weight × P(primary = t)
  + (1 − model_weight) × [t is the rules' primary] + rule_set_bonus × [t is in the rules' set];
- theme set: the rules' themes whose P(t in set) ≥ drop_below, the themes with
  P(t in set) ≥ add_at, and the primary;
- a paragraph in which the rules find no theme is coded by the classifier alone only when its
  top P(primary) ≥ alone_at; a paragraph without text of its own is never classified.

Features are computed here with numpy exactly as scikit-learn's TfidfVectorizer(analyzer="char",
sublinear_tf=True) computes them (tests/test_themes_model.py checks that against the library),
so coding a paragraph never imports scikit-learn or scipy.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

SETTINGS = "(settings)"  # the weights file's second row: how it was trained (key=value;…)
INTERCEPT = "(intercept)"  # its third row: the intercepts
PRIMARY_PREFIX = "primary."  # weights file columns: primary.<theme_id>, set.<theme_id>
SET_PREFIX = "set."
TITLE_SEPARATOR = "｜"  # between the title's first characters and the paragraph's text
# two or more whitespace characters (TfidfVectorizer's char analyzer folds them to one space)
_WHITE_SPACES = re.compile(r"\s\s+")


class ModelError(ValueError):
    """A theme model file that cannot be read (names the file and the problem)."""


@dataclass(frozen=True)
class BlendRule:
    """How the classifier's probabilities and the rules' coding are combined (codebook `model`)."""

    model_weight: float = 0.7
    rule_set_bonus: float = 0.1
    add_at: float = 0.5
    drop_below: float = 0.05
    # a paragraph the rules find no theme in is coded only when P(primary) reaches this
    alone_at: float = 0.4


BLEND_KEYS = tuple(f.name for f in fields(BlendRule))


@dataclass(frozen=True)
class ModelSpec:
    """The codebook's `model` section: the weights file and the blend weights."""

    path: str = ""  # the weights file ("" when the codebook has no model)
    blend: BlendRule = BlendRule()


@dataclass(frozen=True, eq=False)
class ThemeModel:
    """Linear weights of the two classifiers over one character n-gram vocabulary.

    `features`: the n-grams (sorted); `idf`: their inverse document frequencies; `themes`: the
    theme ids of the columns; `primary_coef` (themes × features) and `primary_intercept`:
    the multinomial primary classifier; `set_coef`, `set_intercept`: the per-theme classifiers;
    `title_chars`, `ngram_max`: how a paragraph's text is made (feature_text, char_ngrams);
    `settings`: everything the `(settings)` row records (training settings too).
    """

    features: tuple[str, ...]
    idf: np.ndarray
    themes: tuple[str, ...]
    primary_coef: np.ndarray
    primary_intercept: np.ndarray
    set_coef: np.ndarray
    set_intercept: np.ndarray
    title_chars: int = 30
    ngram_max: int = 3
    settings: tuple[tuple[str, str], ...] = ()

    @cached_property
    def index(self) -> dict[str, int]:
        """n-gram → column."""
        return {feature: i for i, feature in enumerate(self.features)}


def feature_text(title: str, text: str, title_chars: int) -> str:
    """The text a paragraph is classified by: the title's first characters, a separator, the text."""
    return f"{title[:title_chars]}{TITLE_SEPARATOR}{text}"


def char_ngrams(text: str, ngram_max: int) -> list[str]:
    """Character 1..ngram_max-grams of lower-cased text, whitespace runs folded to one space
    (the order TfidfVectorizer's char analyzer yields them)."""
    text = _WHITE_SPACES.sub(" ", text.lower())
    grams = list(text)
    for n in range(2, min(ngram_max + 1, len(text) + 1)):
        grams.extend(text[i : i + n] for i in range(len(text) - n + 1))
    return grams


def tfidf_row(text: str, model: ThemeModel) -> tuple[np.ndarray, np.ndarray]:
    """One text's sublinear TF-IDF features (1 + ln count, × idf, L2-normalised) over the
    model's vocabulary, as (columns, values); n-grams outside it are ignored."""
    index = model.index
    found = [index[g] for g in char_ngrams(text, model.ngram_max) if g in index]
    columns, counts = np.unique(np.array(found, dtype=np.int64), return_counts=True)
    values = (1.0 + np.log(counts.astype(np.float64))) * model.idf[columns]
    norm = float(np.sqrt(values @ values)) if len(values) else 0.0
    return columns, (values / norm if norm > 0 else values)


def tfidf_matrix(texts: Sequence[str], model: ThemeModel) -> np.ndarray:
    """tfidf_row of each text as a dense matrix (texts × features; for tests and small inputs)."""
    matrix = np.zeros((len(texts), len(model.features)))
    for row, text in enumerate(texts):
        columns, values = tfidf_row(text, model)
        matrix[row, columns] = values
    return matrix


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def predict(
    model: ThemeModel, titles: Sequence[str], texts: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """(P(primary = theme), P(theme in the set)) for each paragraph: two arrays of shape
    paragraphs × model.themes, probabilities 0–1. Each paragraph's few hundred non-zero
    features are multiplied with the weights' columns (no dense paragraphs × features matrix)."""
    primary = np.tile(model.primary_intercept, (len(texts), 1))
    in_set = np.tile(model.set_intercept, (len(texts), 1))
    for row, (title, text) in enumerate(zip(titles, texts, strict=True)):
        columns, values = tfidf_row(feature_text(title, text, model.title_chars), model)
        primary[row] += model.primary_coef[:, columns] @ values
        in_set[row] += model.set_coef[:, columns] @ values
    return _softmax(primary), 1.0 / (1.0 + np.exp(-in_set))


def blend(
    rule_primary: str,
    rule_set: Sequence[str],
    primary_p: np.ndarray,
    set_p: np.ndarray,
    themes: Sequence[str],
    rule: BlendRule,
) -> tuple[str, list[str]]:
    """(primary, theme set) of one paragraph from the rules' coding and the classifier's
    probabilities over `themes` (module docstring). The set lists the primary first, then
    the rules' kept themes in their order, then the themes the classifier adds in `themes`
    order. Ties in the primary score fall to the rules' primary, then to `themes` order."""
    if not rule_primary and float(primary_p.max()) < rule.alone_at:
        return "", []
    in_rules = set(rule_set)
    scores = rule.model_weight * primary_p + np.array(
        [
            (1.0 - rule.model_weight) * (theme == rule_primary)
            + rule.rule_set_bonus * (theme in in_rules)
            for theme in themes
        ]
    )
    best = float(scores.max())
    tied = [t for t, s in zip(themes, scores, strict=True) if s == best]
    primary = rule_primary if rule_primary in tied else tied[0]
    column = {theme: i for i, theme in enumerate(themes)}
    kept = [t for t in rule_set if t in column and set_p[column[t]] >= rule.drop_below]
    added = [t for t in themes if set_p[column[t]] >= rule.add_at]
    ordered = [primary]
    for theme in (*kept, *added):
        if theme not in ordered:
            ordered.append(theme)
    return primary, ordered


# --- the weights file -----------------------------------------------------------------------


def _numbers(cells: list[list[str]], path: str, first_line: int) -> np.ndarray:
    """The cells as a float array (numpy parses them); a cell that is not a finite number is
    named with its line (`first_line`: the file line of cells[0])."""
    for line, row in enumerate(cells, start=first_line):
        try:
            values = np.array(row, dtype=np.float64)
        except ValueError:
            bad = next(v for v in row if not _is_float(v))
            raise ModelError(f"{path}: line {line}: {bad!r} is not a number") from None
        if not np.isfinite(values).all():
            raise ModelError(f"{path}: line {line}: a weight is not a finite number")
    return np.array(cells, dtype=np.float64)


def _is_float(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _settings(cell: str, path: str) -> tuple[tuple[str, str], ...]:
    """The `(settings)` row's key=value;… cell, with title_chars and ngram_max positive ints."""
    pairs = tuple(
        (key, value)
        for key, value in (item.split("=", 1) for item in cell.split(";") if item.count("=") == 1)
    )
    found = dict(pairs)
    for key in ("title_chars", "ngram_max"):
        if not found.get(key, "").isdigit() or int(found[key]) < 1:
            raise ModelError(f"{path}: the (settings) row needs {key}=<a positive integer>")
    return pairs


def _read_rows(path: str) -> list[list[str]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))
    except OSError as error:
        raise ModelError(f"{path}: cannot be read ({error.strerror or error})") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise ModelError(f"{path}: not a UTF-8 CSV file ({error})") from None


def _parse_model(path: str) -> ThemeModel:
    """A weights file written by write_model, checked (ModelError names the file and the problem)."""
    rows = _read_rows(path)
    shape_ok = (
        len(rows) >= 4
        and rows[0][:2] == ["feature", "idf"]
        and rows[1][:1] == [SETTINGS]
        and rows[2][:1] == [INTERCEPT]
    )
    if not shape_ok:
        raise ModelError(
            f"{path}: not a theme model file (header feature,idf,…, then the (settings) and "
            "(intercept) rows, then one row per n-gram)"
        )
    header = rows[0]
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ModelError(f"{path}: line {line} has {len(row)} fields, the header {len(header)}")
    unknown = [n for n in header[2:] if not n.startswith((PRIMARY_PREFIX, SET_PREFIX))]
    if unknown:
        raise ModelError(f"{path}: unknown columns {unknown} (primary.<theme> or set.<theme>)")
    primary_cols = [i for i, name in enumerate(header) if name.startswith(PRIMARY_PREFIX)]
    set_cols = [i for i, name in enumerate(header) if name.startswith(SET_PREFIX)]
    themes = tuple(header[i][len(PRIMARY_PREFIX) :] for i in primary_cols)
    if not themes or themes != tuple(header[i][len(SET_PREFIX) :] for i in set_cols):
        raise ModelError(f"{path}: primary.* and set.* columns must name the same themes")
    if len(set(themes)) != len(themes):
        raise ModelError(f"{path}: a theme has two columns")
    features = tuple(row[0] for row in rows[3:])
    if len(set(features)) != len(features):
        raise ModelError(f"{path}: an n-gram has two rows")
    settings = _settings(rows[1][1], path)
    values = _numbers([row[2:] for row in rows[2:]], path, first_line=3)
    idf = _numbers([[row[1]] for row in rows[3:]], path, first_line=4)[:, 0]
    if (idf <= 0).any():
        raise ModelError(f"{path}: an idf is not positive")
    primary_at = [i - 2 for i in primary_cols]
    set_at = [i - 2 for i in set_cols]
    found = dict(settings)
    return ThemeModel(
        features=features,
        idf=idf,
        themes=themes,
        primary_coef=values[1:, primary_at].T.copy(),
        primary_intercept=values[0, primary_at].copy(),
        set_coef=values[1:, set_at].T.copy(),
        set_intercept=values[0, set_at].copy(),
        title_chars=int(found["title_chars"]),
        ngram_max=int(found["ngram_max"]),
        settings=settings,
    )


@lru_cache(maxsize=4)
def _load_cached(path: str, modified_ns: int, size: int) -> ThemeModel:
    return _parse_model(path)


def load_model(path: str) -> ThemeModel:
    """Read a weights file written by write_model (cached per path and modification time, so
    a retrained file is read again)."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise ModelError(f"{path}: cannot be read ({error.strerror or error})") from None
    return _load_cached(path, status.st_mtime_ns, status.st_size)


def model_rows(model: ThemeModel) -> list[list[str]]:
    """The weights file's rows: header, settings, intercepts, one row per n-gram (6 decimals)."""
    header = [
        "feature",
        "idf",
        *(PRIMARY_PREFIX + t for t in model.themes),
        *(SET_PREFIX + t for t in model.themes),
    ]
    settings = ";".join(f"{k}={v}" for k, v in model.settings)
    blanks = [""] * (len(header) - 2)
    rows = [
        header,
        [SETTINGS, settings, *blanks],
        [INTERCEPT, "", *_fmt(model.primary_intercept), *_fmt(model.set_intercept)],
    ]
    for i, feature in enumerate(model.features):
        rows.append(
            [
                feature,
                f"{model.idf[i]:.6f}",
                *_fmt(model.primary_coef[:, i]),
                *_fmt(model.set_coef[:, i]),
            ]
        )
    return rows


def _fmt(values: np.ndarray) -> list[str]:
    # "-0.000000" and "0.000000" are one value: written the same way
    return [f"{v:.6f}".replace("-0.000000", "0.000000") for v in values]


def write_model(model: ThemeModel, path: Path) -> None:
    """Write the weights as CSV (UTF-8, LF), byte-identical for the same model; through a
    temporary file beside `path`, so a failed write leaves the old file whole."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(model_rows(model))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
