"""Repeated facts: the same figure stated again in a document gets `duplicate_of` set to
the figure_id of its first mention (`mark_duplicates`)."""

from __future__ import annotations

import re

from analysis.text import UP_TO_LAST_SEGMENT_MARK_RE, after_last_mark

# matches characters kept for context similarity (CJK and letters; no digits/punctuation)
CONTEXT_CHAR_RE = re.compile(r"[^\u4e00-\u9fffA-Za-z]+")
DUPLICATE_MIN_SIMILARITY = 0.3  # Jaccard of context bigrams above which it is the same fact
CONTEXT_BEFORE_CHARS = 24  # context window before a figure (characters, inside its sentence)
CONTEXT_AFTER_CHARS = 12  # context window after a figure
LEAD_WORDS_MIN_CHARS = 4  # shortest lead (新增就业) that, with the same date, makes the same fact
# qualifiers that make a figure approximate (近千万吨, 约5%, 3000余万元, 5%左右): an
# approximate figure and an exact one of the same value are not the same fact
APPROXIMATE_QUALIFIERS = ("近", "约", "大约", "接近", "左右", "上下", "余", "多", "餘")


def context_bigrams(before: str, after: str) -> frozenset[str]:
    """Character bigrams of the words around a figure (digits and punctuation dropped)."""
    left = CONTEXT_CHAR_RE.sub("", before[-CONTEXT_BEFORE_CHARS:])
    right = CONTEXT_CHAR_RE.sub("", after[:CONTEXT_AFTER_CHARS])
    grams = {left[i : i + 2] for i in range(len(left) - 1)}
    grams |= {right[i : i + 2] for i in range(len(right) - 1)}
    return frozenset(grams)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def mark_duplicates(rows: list[dict]) -> None:
    """Set `duplicate_of` on later mentions of the same fact (rows of one document, in order).

    Same fact = same unit, value and value_high, both approximate or both not (近千万吨 is
    not the 1000万吨 stated elsewhere), compatible year and period, and
    similar context (Jaccard of context bigrams >= DUPLICATE_MIN_SIMILARITY), or the same
    date and the same words leading to the figure in its comma segment (新增就业1.2万人 in
    a news lead and again in the plan's targets, both by 2024).
    A row's context is its sentence before and after the figure (`_before`, `_after`);
    rows are bucketed by (unit, value, value_high) first, so only rows of one bucket
    are compared and the bigrams are built only for them.
    """
    firsts: dict[tuple, list[dict]] = {}
    for row in rows:
        key = (row["unit"], row["value"], row["value_high"], is_approximate(row.get("qualifier")))
        for first in firsts.get(key, []):
            if not _same_dates(first, row):
                continue
            if jaccard(
                _context_of(first), _context_of(row)
            ) >= DUPLICATE_MIN_SIMILARITY or _same_dated_lead(first, row):
                row["duplicate_of"] = first["figure_id"]
                break
        else:
            firsts.setdefault(key, []).append(row)


def is_approximate(qualifier: object) -> bool:
    """True when a figure's qualifier (';'-joined, as in figures.csv) makes it approximate."""
    words = str(qualifier or "").split(";")
    return any(word in APPROXIMATE_QUALIFIERS for word in words)


def _context_of(row: dict) -> frozenset[str]:
    """The context bigrams of a figure row, built on first use and kept in the row."""
    if "_context" not in row:
        row["_context"] = context_bigrams(row["_before"], row["_after"])
    return row["_context"]


def _lead_words(row: dict) -> str:
    """The CJK words of a figure row's comma segment before it (新增就业 in ，新增就业1.2万人)."""
    segment = after_last_mark(UP_TO_LAST_SEGMENT_MARK_RE, row["_before"], 0, len(row["_before"]))
    return CONTEXT_CHAR_RE.sub("", segment)


def _same_dated_lead(a: dict, b: dict) -> bool:
    """Both figures dated alike (a year or a period, on both) and led by the same words."""
    dated = any(a[c] is not None and a[c] == b[c] for c in ("year", "period_start", "period_end"))
    lead = _lead_words(a)
    return dated and len(lead) >= LEAD_WORDS_MIN_CHARS and lead == _lead_words(b)


def _same_dates(a: dict, b: dict) -> bool:
    """False when both figures are dated and the dates differ."""
    for column in ("year", "period_start", "period_end"):
        if a[column] is not None and b[column] is not None and a[column] != b[column]:
            return False
    return True
