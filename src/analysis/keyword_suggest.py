"""Candidate keywords from the user's own corpus: `python -m analysis suggest-keywords --raw DIR`.

For each theme, the clauses that carry it (after the codebook's matching rules) are compared
with all other body clauses. Every character n-gram of 2-6 hanzi that is not already a
keyword is counted once per clause, in the clause text with every keyword hit and every span
that is not the clause's own content blanked (so a candidate is never a piece of a keyword
it sits in). A candidate is proposed when it occurs in at least `min_count` clauses of the
theme and more often there than chance; candidates are ranked by Dunning's log-likelihood
ratio G² of the 2 × 2 table (theme clause or not × candidate present or not), with the
pointwise mutual information beside it, and shown with three keyword-in-context examples.
A person reads them and adds the good ones to codebook.yaml (source "measured: <corpus>").
Nothing is downloaded.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.compare import coverage_clauses
from analysis.errors import InputError
from analysis.ingest import analysed, read_corpus
from analysis.structure import clauses_table
from analysis.themes import BLANK, Codebook, load_codebook, theme_matcher

MIN_N, MAX_N = 2, 6  # candidate length in characters
KWIC_WIDTH = 12  # characters either side of an example
EXAMPLES = 3
SUGGESTION_COLUMNS = [
    "theme_id",
    "candidate",
    "theme_clauses",
    "other_clauses",
    "theme_total",
    "corpus_clauses",
    "expected",
    "llr",
    "pmi",
    "example_1",
    "example_2",
    "example_3",
]
# Runs of hanzi (candidates never cross punctuation, digits, Latin letters or blanks)
_HANZI_RUN = re.compile(r"[\u4e00-\u9fff]+")
# Function characters that cannot open or close a candidate term: 的和与及等并在为对将是了…
EDGE_STOP = frozenset("的和与及等并在为对将是了以把从向于其之或由各个也而且但要按把被让使给")


@dataclass(frozen=True)
class ClauseGrams:
    """Per body clause: its text, the text with keywords blanked, its themes and its n-grams."""

    texts: list[str]
    blanked: list[str]
    themes: list[frozenset[str]]
    grams: list[frozenset[str]]


def candidate_grams(text: str) -> frozenset[str]:
    """The distinct 2-6 character hanzi n-grams of `text` not opened or closed by a function character."""
    grams = set()
    for run in _HANZI_RUN.findall(text):
        for n in range(MIN_N, MAX_N + 1):
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if gram[0] not in EDGE_STOP and gram[-1] not in EDGE_STOP:
                    grams.add(gram)
    return frozenset(grams)


def clause_grams(texts: Sequence[str], codebook: Codebook) -> ClauseGrams:
    """Themes and candidate n-grams of each clause (keyword hits and other people's words blanked)."""
    matcher = theme_matcher(codebook)
    ids = codebook.theme_ids
    themes, grams, blanked = [], [], []
    for text in texts:
        own = list(matcher.own_content(text))
        found = set()
        for hit in matcher.hits(text):
            found.add(ids[hit.category])
            own[hit.start : hit.end] = BLANK * (hit.end - hit.start)
        themes.append(frozenset(found))
        blanked.append("".join(own))
        grams.append(candidate_grams(blanked[-1]))
    return ClauseGrams(list(texts), blanked, themes, grams)


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Dunning's G² of the 2 × 2 table [[a, b], [c, d]] (0 × log 0 counted as 0)."""
    n = a + b + c + d
    cells = ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d))
    return 2.0 * sum(o * math.log(o * n / (row * col)) for o, row, col in cells if o)


def _drop_nested(rows: list[dict]) -> list[dict]:
    """Leave out a candidate inside a longer candidate found in exactly the same clauses."""
    keys = {(r["candidate"], r["theme_clauses"], r["other_clauses"]) for r in rows}
    kept = []
    for row in rows:
        gram, a, b = row["candidate"], row["theme_clauses"], row["other_clauses"]
        if any(other != gram and gram in other and oa == a and ob == b for other, oa, ob in keys):
            continue
        kept.append(row)
    return kept


def _examples(gram: str, texts: Iterable[tuple[str, str]]) -> list[str]:
    """Up to EXAMPLES keyword-in-context strings left【gram】right, from (text, blanked text)
    pairs: the occurrence is found in the blanked text, so it is one that was counted."""
    found = []
    for text, blanked in texts:
        at = blanked.find(gram)
        if at < 0:
            continue
        found.append(
            f"{text[max(0, at - KWIC_WIDTH) : at]}【{gram}】{text[at + len(gram) : at + len(gram) + KWIC_WIDTH]}"
        )
        if len(found) == EXAMPLES:
            break
    return found + [""] * (EXAMPLES - len(found))


def suggest_for_theme(
    data: ClauseGrams, theme_id: str, known: set[str], top: int, min_count: int
) -> list[dict]:
    """The best `top` candidates for one theme (rows with SUGGESTION_COLUMNS), by G² then candidate."""
    n = len(data.texts)
    in_theme = [theme_id in themes for themes in data.themes]
    total = sum(in_theme)
    if not total or total == n:
        return []
    inside: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    for grams, flag in zip(data.grams, in_theme, strict=True):
        everywhere.update(grams)
        if flag:
            inside.update(grams)
    rows = []
    for gram, a in inside.items():
        df = everywhere[gram]
        expected = df * total / n
        if a < min_count or a <= expected or gram in known:
            continue
        b = df - a
        rows.append(
            {
                "theme_id": theme_id,
                "candidate": gram,
                "theme_clauses": a,
                "other_clauses": b,
                "theme_total": total,
                "corpus_clauses": n,
                "expected": expected,
                "llr": log_likelihood(a, b, total - a, n - total - b),
                "pmi": math.log2(a * n / (df * total)),
            }
        )
    rows = _drop_nested(rows)
    rows.sort(key=lambda r: (-r["llr"], r["candidate"]))
    rows = rows[:top]
    theme_texts = [
        (t, b) for t, b, flag in zip(data.texts, data.blanked, in_theme, strict=True) if flag
    ]
    for row in rows:
        row.update(
            zip(
                ("example_1", "example_2", "example_3"),
                _examples(row["candidate"], theme_texts),
                strict=True,
            )
        )
    return rows


def suggestions_table(
    raw_dir: Path,
    theme: str = "",
    top: int = 30,
    min_count: int = 3,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Candidate keywords for every theme (or one), from the body clauses of the corpus in raw_dir."""
    codebook = codebook or load_codebook()
    if theme and theme not in codebook.theme_ids:
        raise InputError(
            "--theme",
            f"{theme!r} is not a theme of the codebook",
            f"use one of {', '.join(codebook.theme_ids)}",
        )
    corpus = read_corpus(Path(raw_dir))
    clauses = coverage_clauses(clauses_table(analysed(corpus.documents)))
    data = clause_grams(clauses["text"].fillna("").astype(str).tolist(), codebook)
    known = {w for t in codebook.themes for w in (*t.keywords, *t.exclusions)}
    rows = []
    for theme_id in [theme] if theme else codebook.theme_ids:
        rows += suggest_for_theme(data, theme_id, known, top, min_count)
    table = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    for column in ("expected", "llr", "pmi"):
        table[column] = table[column].astype(float).round(3)
    return table


def run_suggest(
    raw_dir: Path, out: Path, theme: str = "", top: int = 30, min_count: int = 3
) -> int:
    """CLI entry: write the suggestions CSV (whole or not at all) and say how many; 0 on success."""
    if top < 1 or min_count < 1:
        raise InputError("--top/--min-count", "must be at least 1")
    table = suggestions_table(raw_dir, theme, top, min_count)
    out = Path(out)
    staging = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        staging.write_text(
            table.to_csv(index=False, lineterminator="\n", float_format="%.3f"), encoding="utf-8"
        )
        staging.replace(out)
    except OSError as error:
        staging.unlink(missing_ok=True)
        raise InputError(str(out), f"cannot be written ({error.strerror})") from error
    themes = table["theme_id"].nunique()
    print(
        f"{len(table)} candidate keywords for {themes} themes written to {out}; "
        "read them and add the good ones to codebook.yaml"
    )
    return 0
