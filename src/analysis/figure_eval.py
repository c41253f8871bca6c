"""Evaluate figures and document metadata on labelled documents:
`python -m analysis evaluate-figures FOLDER [FOLDER ...]`.

A FOLDER holds documents (.txt, read with analysis.ingest as a run reads them) and
`expected.yaml` (format: tests/fixtures/genre_dev/README.md):

- `documents`: file → {genre, province, doc_type, published, title, ...}; a field `F_alt`
  lists other accepted values of F;
- `figures`: file → labels in text order, each {surface, value, unit, status, ...}
  (`status_alt`, `unit_alt`, `value_alt` accepted alike).

Documents are grouped by their labelled `genre` (else their labelled doc_type). The
documents go through the production stages (pipeline.clauses_stage, then
pipeline.figures_table: the figures of pipeline.figures_stage, before scope, direction and
the money tables are added). A label is matched to a found figure by position and surface: the
n-th occurrence of its surface in the text (not right after another digit) overlaps the
found figure's span, and both surfaces agree once outer qualifier words are dropped
(`surface_key`). Printed per genre and overall: labels, found, matched, recall, precision,
value/unit accuracy and status accuracy over the matched, and metadata accuracy for
province, doc_type, published and title, each and all four together.

The matching helpers (`surface_key`, `find_spans`, `match_document`, `metadata_ok`) are the
ones the labelled test suites use (tests/style_evaluation.py imports them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from analysis.errors import InputError
from analysis.text import nfkc_chars

EXPECTED_NAME = "expected.yaml"
METADATA_FIELDS = ("province", "doc_type", "published", "title")
# matches qualifier words outside a labelled or found surface: 约5%, 超过50%, 5%左右
_QUALIFIER_HEAD = re.compile(r"^(约|超过|不少于|不低于|不超过|达到|近|突破|逾|高于|低于)")
_QUALIFIER_TAIL = re.compile(r"(左右|以上|以内|以下|多)$")
_NUMBER_BEFORE = "0-9.零〇一二两三四五六七八九十百千万亿"  # after NFKC folding
# matches what title comparison ignores: whitespace (blanked pinyin annotations, line breaks)
_BLANKS_RE = re.compile(r"\s+")


def surface_key(surface: str) -> str:
    """A surface without outer qualifier words and spaces, NFKC-folded (约5% → 5%)."""
    key = re.sub(r"\s+", "", nfkc_chars(str(surface)))
    key = _QUALIFIER_HEAD.sub("", key)
    return _QUALIFIER_TAIL.sub("", key)


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of `needle` in `text` (both NFKC-folded) not preceded by another digit or numeral."""
    folded, target = nfkc_chars(text), nfkc_chars(needle)
    pattern = re.compile(rf"(?<![{_NUMBER_BEFORE}]){re.escape(target)}")
    return [(m.start(), m.end()) for m in pattern.finditer(folded)]


def same_value(a: float, b: float) -> bool:
    """Equal up to a relative 1e-6 (values are rounded to 6 decimals)."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def allowed(label: dict, name: str) -> list:
    """The accepted values of a label's field: the value (or list) and its `<name>_alt` list."""
    main = label.get(name)
    values = main if isinstance(main, list) else [main]
    return [*values, *label.get(f"{name}_alt", [])]


def value_unit_ok(label: dict, row: pd.Series) -> bool:
    """The found row has the label's unit and value (or an accepted alternative)."""
    units_ok = row["unit"] in allowed(label, "unit")
    values = [v for v in allowed(label, "value") if v is not None]
    return units_ok and any(same_value(float(row["value"]), float(v)) for v in values)


def status_ok(label: dict, row: pd.Series) -> bool:
    """The found row's status is the label's (or an accepted alternative)."""
    return row["status"] in allowed(label, "status")


def occurrences(labels: list[dict]) -> list[int]:
    """For each label in text order, which occurrence of its surface it is (1-based)."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        key = surface_key(label["surface"])
        seen[key] = seen.get(key, 0) + 1
        out.append(seen[key])
    return out


@dataclass
class LabelMatch:
    """A label, its span in the text (None when its surface is not there), the found row
    matched to it (None when none) and every found row overlapping the span."""

    label: dict
    occurrence: int
    span: tuple[int, int] | None
    row: pd.Series | None
    near: list[pd.Series] = field(default_factory=list)


def match_document(
    text: str, labels: list[dict], found: pd.DataFrame, *, require_value_unit: bool = True
) -> tuple[list[LabelMatch], pd.DataFrame]:
    """Match the labels of one document to its found figures (rows sorted by start).

    A label matches the first unused found row overlapping its span whose surface agrees
    (surface_key), and, when `require_value_unit`, whose value and unit agree too (the test
    suites' rule); evaluate-figures matches by surface and position only and scores value
    and unit apart. Returns the matches in label order and the found rows left unmatched.
    """
    found = found.sort_values("start").reset_index(drop=True)
    used: set[int] = set()
    matches = []
    for label, occurrence in zip(labels, occurrences(labels), strict=True):
        spans = find_spans(text, label["surface"])
        if len(spans) < occurrence:
            matches.append(LabelMatch(label, occurrence, None, None))
            continue
        g_start, g_end = spans[occurrence - 1]
        overlapping = [
            i
            for i, (start, end) in enumerate(zip(found["start"], found["end"], strict=True))
            if i not in used and start < g_end and g_start < end
        ]
        hit = None
        for i in overlapping:
            row = found.loc[i]
            if surface_key(row["surface"]) != surface_key(label["surface"]):
                continue
            if require_value_unit and not value_unit_ok(label, row):
                continue
            hit = i
            break
        if hit is not None:
            used.add(hit)
        row = found.loc[hit] if hit is not None else None
        matches.append(
            LabelMatch(
                label, occurrence, (g_start, g_end), row, [found.loc[i] for i in overlapping]
            )
        )
    return matches, found.loc[[i for i in found.index if i not in used]]


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def metadata_ok(expected: dict, name: str, got: object) -> bool:
    """The program's value of a document field is the label's or an accepted `_alt` one
    (NFKC-folded; encodings case- and underscore-insensitive; titles without blanks)."""
    value = "" if _blank(got) else str(got)
    accepted = [str(v) for v in allowed(expected, name)]
    if name == "encoding":
        value = value.lower().replace("_", "-")
    if name == "title":
        value = _BLANKS_RE.sub("", value)
        accepted = [_BLANKS_RE.sub("", v) for v in accepted]
    return nfkc_chars(value) in [nfkc_chars(v) for v in accepted]


# ----------------------------------------------------------------- the command


@dataclass
class DocumentScore:
    """Counts for one labelled document."""

    folder: str
    file: str
    genre: str
    labels: int
    found: int
    matched: int
    value_unit_ok: int
    status_ok: int
    metadata: dict[str, bool]
    missing_labels: list[str]
    problems: list[str] = field(default_factory=list)


def load_expected(folder: Path) -> dict:
    """FOLDER/expected.yaml, checked for the parts evaluate-figures reads (InputError if not)."""
    path = folder / EXPECTED_NAME
    if not folder.is_dir():
        raise InputError(
            str(folder), "is not a folder", "pass folders holding .txt files and expected.yaml"
        )
    if not path.is_file():
        raise InputError(
            str(path),
            "does not exist",
            "write the labels there (see tests/fixtures/genre_dev/README.md)",
        )
    try:
        expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(
            str(path), f"is not readable YAML ({type(error).__name__})", "fix the file"
        ) from None
    if not isinstance(expected, dict) or not isinstance(expected.get("documents"), dict):
        raise InputError(
            str(path), "has no `documents:` mapping", "see tests/fixtures/genre_dev/README.md"
        )
    figures = expected.get("figures") or {}
    if not isinstance(figures, dict):
        raise InputError(
            str(path), "`figures:` is not a mapping of file → labels", "see the README"
        )
    for name, labels in figures.items():
        for i, label in enumerate(labels or [], start=1):
            if not isinstance(label, dict) or not {"surface", "value", "unit", "status"} <= set(
                label
            ):
                raise InputError(
                    str(path),
                    f"figure {i} of {name} lacks surface/value/unit/status",
                    "fix the label",
                )
    return expected


def score_folder(folder: Path) -> list[DocumentScore]:
    """Run the production stages on FOLDER's documents and score them against its labels."""
    from analysis import pipeline
    from analysis.ingest import read_corpus

    expected = load_expected(folder)
    corpus = read_corpus(folder)
    by_file = {doc.source_file: doc for doc in corpus.documents}
    missing = [name for name in expected["documents"] if name not in by_file]
    if missing:
        raise InputError(
            str(folder / EXPECTED_NAME),
            f"labels {missing[0]!r}, which is not in the folder",
            "fix the file name",
        )
    documents, clauses = pipeline.clauses_stage(corpus.documents)
    figures = pipeline.figures_table(clauses, documents)  # what figures_stage extracts
    rows = documents.set_index("source_file")
    scores = []
    for name, doc_labels in expected["documents"].items():
        doc = by_file[name]
        labels = (expected.get("figures") or {}).get(name) or []
        found = figures[figures["doc_id"] == doc.doc_id]
        matches, _spurious = match_document(doc.text, labels, found, require_value_unit=False)
        matched = [m for m in matches if m.row is not None]
        metadata = {
            f: metadata_ok(doc_labels, f, rows.loc[name, f])
            for f in METADATA_FIELDS
            if f in doc_labels
        }
        problems = [
            f"{f}: got {rows.loc[name, f]!r}, expected {allowed(doc_labels, f)}"
            for f, ok in metadata.items()
            if not ok
        ]
        problems.extend(_figure_problems(matches, _spurious))
        scores.append(
            DocumentScore(
                folder=folder.name,
                file=name,
                genre=str(doc_labels.get("genre") or doc_labels.get("doc_type") or "unlabelled"),
                labels=len(labels),
                found=len(found),
                matched=len(matched),
                value_unit_ok=sum(value_unit_ok(m.label, m.row) for m in matched),
                status_ok=sum(status_ok(m.label, m.row) for m in matched),
                metadata=metadata,
                missing_labels=[m.label["surface"] for m in matches if m.span is None],
                problems=problems,
            )
        )
    return scores


def _describe(row: pd.Series) -> str:
    return (
        f"{row['surface']!r} {row['value']:g} {row['unit']} {row['status']}"
        f" cue={row['status_cue'] or ''!r}"
    )


def _figure_problems(matches: list[LabelMatch], spurious: pd.DataFrame) -> list[str]:
    """One line per missed label, wrong value/unit, wrong status and unlabelled figure."""
    out = []
    for m in matches:
        want = f"{m.label['surface']!r}#{m.occurrence}"
        if m.row is None:
            near = "; ".join(_describe(r) for r in m.near) or "nothing there"
            out.append(f"missed {want} ({m.label['value']} {m.label['unit']}): found {near}")
            continue
        if not value_unit_ok(m.label, m.row):
            out.append(
                f"value/unit {want}: expected {m.label['value']} {m.label['unit']}, got {_describe(m.row)}"
            )
        if not status_ok(m.label, m.row):
            out.append(f"status {want}: expected {m.label['status']}, got {_describe(m.row)}")
    out.extend(f"unlabelled {_describe(r)}" for _i, r in spurious.iterrows())
    return out


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def summary_table(scores: Sequence[DocumentScore]) -> pd.DataFrame:
    """One row per genre (sorted) and an `all` row: counts and the accuracies."""
    genres = sorted({s.genre for s in scores})
    rows = [_summary_row(g, [s for s in scores if s.genre == g]) for g in genres]
    rows.append(_summary_row("all", list(scores)))
    return pd.DataFrame(rows)


def _summary_row(genre: str, scores: list[DocumentScore]) -> dict:
    labels, found, matched = (
        sum(getattr(s, k) for s in scores) for k in ("labels", "found", "matched")
    )
    row = {
        "genre": genre,
        "docs": len(scores),
        "labels": labels,
        "found": found,
        "matched": matched,
        "recall": _ratio(matched, labels),
        "precision": _ratio(matched, found),
        "value_unit": _ratio(sum(s.value_unit_ok for s in scores), matched),
        "status": _ratio(sum(s.status_ok for s in scores), matched),
    }
    for f in METADATA_FIELDS:
        judged = [s.metadata[f] for s in scores if f in s.metadata]
        row[f] = _ratio(sum(judged), len(judged))
    together = [all(s.metadata.values()) for s in scores if s.metadata]
    row["metadata_all"] = _ratio(sum(together), len(together))
    return row


def format_table(table: pd.DataFrame) -> str:
    """The summary as fixed-width text (3 decimals; n/a where nothing was judged)."""
    with pd.option_context("display.width", 240, "display.max_columns", 30):
        return table.to_string(index=False, float_format=lambda x: f"{x:.3f}", na_rep="n/a")


def run_evaluate_figures(folders: Sequence[Path], verbose: bool = False) -> int:
    """evaluate-figures: print the per-genre table of every folder together; exit code 0."""
    scores: list[DocumentScore] = []
    for folder in folders:
        scores.extend(score_folder(Path(folder)))
    for s in scores:
        for surface in s.missing_labels:
            print(
                f"warning: {s.folder}/{s.file}: labelled surface {surface!r} is not in the text (counted as missed)"
            )
    print(format_table(summary_table(scores)))
    if verbose:
        print()
        for s in scores:
            meta = " ".join(f"{f}={'ok' if ok else 'WRONG'}" for f, ok in s.metadata.items())
            print(
                f"{s.folder}/{s.file}: matched {s.matched}/{s.labels} of {s.found} found, "
                f"value/unit {s.value_unit_ok}, status {s.status_ok}; {meta}"
            )
            for problem in s.problems:
                print(f"    {problem}")
    return 0
