"""Keyword hits per clause and the tagging tables (clause_themes.csv, clause_instruments.csv).

Matching is by whole strings with one Aho-Corasick automaton per codebook (keywords and
exclusions together, overlapping matches), built once and cached:

- text that is not the clause's own (cited titles, agency and company names: the theme
  codebook's `not_own_content`) is blanked first;
- pinyin annotations (发(fā)展) and blank runs between two hanzi are skipped, so they do not
  split a keyword (offsets stay those of the text);
- a keyword hit is masked when an exclusion of the same category covers it
  (新能源汽车 masks 新能源 for clean_energy);
- a hit nested in a longer hit of the same category is dropped (it is the same mention),
  and of two overlapping hits of one category the leftmost wins (投资补助 over 补助资金);
- hits of different categories never mask each other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import ahocorasick_rs
import numpy as np
import pandas as pd

from analysis.schema import CLAUSE_INSTRUMENTS, CLAUSE_THEMES
from analysis.structure import change_points
from analysis.themes.codebook import (
    MATCH_SEPARATOR,
    Codebook,
    InstrumentCodebook,
    load_codebook,
    load_instruments,
)
from analysis.themes.masking import BLANK, squeeze_annotations

# Joins clause texts for one automaton pass; never part of a keyword, so no match crosses it.
_CLAUSE_JOINER = "\n"


@dataclass(frozen=True)
class Hit:
    """A keyword mention of one category, after exclusions; offsets into the matched text."""

    category: int
    start: int
    end: int
    keyword: str


@dataclass(frozen=True)
class HitArrays:
    """Keyword hits as parallel arrays (after exclusions and nesting), sorted by start, category."""

    category: np.ndarray
    start: np.ndarray
    end: np.ndarray
    pattern: np.ndarray


class KeywordMatcher:
    """One automaton over the keywords and exclusions of several categories.

    Overlapping matches come from the automaton in one pass; exclusions and nesting are
    resolved with numpy, so the cost in Python is per exclusion hit, not per keyword hit.
    """

    def __init__(
        self, categories: Sequence[tuple[Sequence[str], Sequence[str]]], not_own_content: str = ""
    ) -> None:
        """`categories`: (keywords, exclusions) per category, in category order.

        `not_own_content`: a regex of spans blanked (same length) before matching.
        """
        self._not_own = re.compile(not_own_content) if not_own_content else None
        keyword_of: dict[str, int] = {}
        exclusion_of: dict[str, list[int]] = {}
        for index, (keywords, exclusions) in enumerate(categories):
            for keyword in keywords:
                keyword_of[keyword] = index  # unique across categories (check_categories)
            for exclusion in exclusions:
                exclusion_of.setdefault(exclusion, []).append(index)
        self.patterns: tuple[str, ...] = tuple(sorted(set(keyword_of) | set(exclusion_of)))
        self.n_categories = len(categories)
        self._keyword_category = np.array(
            [keyword_of.get(p, -1) for p in self.patterns], dtype=np.int64
        )
        self._exclusion_categories = tuple(tuple(exclusion_of.get(p, ())) for p in self.patterns)
        self._is_exclusion = np.array([bool(c) for c in self._exclusion_categories], dtype=bool)
        # a DFA: slower to build, but these few hundred patterns are built once and searched often
        self._automaton = ahocorasick_rs.AhoCorasick(
            self.patterns, implementation=ahocorasick_rs.Implementation.DFA
        )

    def own_content(self, text: str) -> str:
        """`text` with the spans that are not its own content blanked (offsets unchanged)."""
        if self._not_own is None:
            return text
        return self._not_own.sub(lambda m: BLANK * len(m.group()), text)

    def hit_arrays(self, text: str) -> HitArrays:
        """Every keyword hit in `text` after blanking, exclusions and same-category nesting."""
        text = self.own_content(text)
        squeezed, position = squeeze_annotations(text)
        raw = self._automaton.find_matches_as_indexes(squeezed, overlapping=True)
        matches = np.fromiter(chain.from_iterable(raw), dtype=np.int64, count=3 * len(raw)).reshape(
            -1, 3
        )
        pattern, start, end = matches[:, 0], matches[:, 1], matches[:, 2]
        if position is not None and len(start):  # offsets back into `text`
            start, end = position[start], position[end - 1] + 1
        category = self._keyword_category[pattern]
        is_keyword = category >= 0
        hits = (category[is_keyword], start[is_keyword], end[is_keyword], pattern[is_keyword])
        is_exclusion = self._is_exclusion[pattern]
        exclusions = [  # in `text` offsets, like the hits (not the squeezed text's)
            (c, s, e)
            for p, s, e in zip(
                pattern[is_exclusion].tolist(),
                start[is_exclusion].tolist(),
                end[is_exclusion].tolist(),
                strict=True,
            )
            for c in self._exclusion_categories[p]
        ]
        hits = _drop_excluded(hits, exclusions, len(text) + 1)
        hits = _drop_nested(hits, len(text) + 1)
        hits = _drop_overlapping(hits)
        order = np.lexsort((hits[0], hits[1]))
        return HitArrays(*(a[order] for a in hits))

    def hits_of_texts(self, texts: Sequence[str]) -> dict[str, list[Hit]]:
        """text → its hits, for many texts in one automaton pass per CLAUSE_BATCH texts."""
        found: dict[str, list[Hit]] = {}
        unique = list(dict.fromkeys(texts))
        for first in range(0, len(unique), CLAUSE_BATCH):
            batch = unique[first : first + CLAUSE_BATCH]
            joined, starts = _joined(batch)
            arrays = self.hit_arrays(joined)
            owner = np.searchsorted(starts, arrays.start, side="right") - 1
            for text in batch:
                found[text] = []
            for i, c, a, b, p in zip(
                owner.tolist(),
                arrays.category.tolist(),
                arrays.start.tolist(),
                arrays.end.tolist(),
                arrays.pattern.tolist(),
                strict=True,
            ):
                base = int(starts[i])
                found[batch[i]].append(Hit(c, a - base, b - base, self.patterns[p]))
        return found

    def hits(self, text: str) -> list[Hit]:
        """Keyword hits in `text` as Hit records, by (start, category)."""
        arrays = self.hit_arrays(text)
        return [
            Hit(int(c), int(s), int(e), self.patterns[p])
            for c, s, e, p in zip(
                arrays.category, arrays.start, arrays.end, arrays.pattern, strict=True
            )
        ]


_HitTuple = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _drop_excluded(
    hits: _HitTuple, exclusions: list[tuple[int, int, int]], stride: int
) -> _HitTuple:
    """Hits not lying inside an exclusion span of their own category."""
    if not exclusions or not len(hits[0]):
        return hits
    category, start, end, _ = hits
    key = category * stride + start  # sorts by category, then start
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    excluded_category, excl_start, excl_end = np.array(exclusions, dtype=np.int64).reshape(-1, 3).T
    lo = np.searchsorted(sorted_key, excluded_category * stride + excl_start, side="left")
    hi = np.searchsorted(sorted_key, excluded_category * stride + excl_end, side="left")
    # each hit of the category starting inside the span
    exclusion, position = _expand_ranges(lo, hi)
    inside = order[position]
    keep = np.ones(len(key), dtype=bool)
    keep[inside[end[inside] <= excl_end[exclusion]]] = False
    return tuple(a[keep] for a in hits)


def _expand_ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, position) with lo[i] <= position < hi[i], range by range."""
    counts = hi - lo
    owner = np.repeat(np.arange(len(lo)), counts)
    position = (
        lo[owner] + np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    )
    return owner, position


def _drop_nested(hits: _HitTuple, stride: int) -> _HitTuple:
    """Hits not nested in another hit of the same category (the longest at a start wins)."""
    category, start, end, _ = hits
    if len(category) < 2:
        return hits
    order = np.lexsort((-end, start, category))
    reach = category[order] * stride + end[order]  # category offset keeps groups apart
    previous = np.concatenate(([-1], np.maximum.accumulate(reach)[:-1]))
    keep = np.zeros(len(category), dtype=bool)
    keep[order[reach > previous]] = True
    return tuple(a[keep] for a in hits)


def _drop_overlapping(hits: _HitTuple) -> _HitTuple:
    """Leftmost hits of a category win over later hits they overlap (投资补助 over 补助资金).

    Runs after `_drop_nested`, so within a category both starts and ends increase: a hit
    that does not overlap its predecessor overlaps no earlier hit and is certainly kept.
    Each round drops the hits overlapping such a certain predecessor.
    """
    order = np.lexsort((hits[1], hits[0]))
    category, start, end, pattern = (a[order] for a in hits)
    while len(category) > 1:
        overlaps = np.zeros(len(category), dtype=bool)
        overlaps[1:] = (category[1:] == category[:-1]) & (start[1:] < end[:-1])
        if not overlaps.any():
            break
        drop = overlaps.copy()
        drop[1:] &= ~overlaps[:-1]
        keep = ~drop
        category, start, end, pattern = category[keep], start[keep], end[keep], pattern[keep]
    return category, start, end, pattern


@lru_cache(maxsize=8)
def theme_matcher(codebook: Codebook) -> KeywordMatcher:
    """The automaton of a theme codebook (built once per codebook), blanking what is not own content."""
    return KeywordMatcher(
        [(t.keywords, t.exclusions) for t in codebook.themes], codebook.not_own_content
    )


@lru_cache(maxsize=8)
def instrument_matcher(codebook: InstrumentCodebook) -> KeywordMatcher:
    """The automaton of an instrument codebook (built once per codebook)."""
    return KeywordMatcher([(s.keywords, s.exclusions) for s in codebook.subtypes])


def theme_hits(text: str, codebook: Codebook | None = None) -> list[tuple[str, int, int, str]]:
    """(theme_id, start, end, keyword) of every theme mention in one text, in text order."""
    codebook = codebook or load_codebook()
    ids = codebook.theme_ids
    return [
        (ids[h.category], h.start, h.end, h.keyword) for h in theme_matcher(codebook).hits(text)
    ]


def themes_of(text: str, codebook: Codebook | None = None) -> dict[str, list[str]]:
    """theme_id → matched keywords (unique, first-occurrence order) for one text."""
    result: dict[str, list[str]] = {}
    for theme_id, _, _, keyword in theme_hits(text, codebook):
        keywords = result.setdefault(theme_id, [])
        if keyword not in keywords:
            keywords.append(keyword)
    return result


CLAUSE_BATCH = 4096  # clauses per automaton pass: only one batch's matches are held at a time


def _joined(texts: Sequence[str]) -> tuple[str, np.ndarray]:
    """All texts in one string and the start offset of each."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + len(_CLAUSE_JOINER)
    return _CLAUSE_JOINER.join(texts), np.cumsum(lengths) - lengths


@dataclass(frozen=True)
class ClauseMatches:
    """One row per clause × category with a hit: parallel arrays, by clause then category."""

    clause: np.ndarray  # index of the clause
    category: np.ndarray
    matched: np.ndarray  # "a|b": the keywords, unique, in order of first occurrence in the clause
    n_matches: np.ndarray


def _clause_category_matches(texts: Sequence[str], matcher: KeywordMatcher) -> ClauseMatches:
    """Clause × category matches of every text, one automaton pass per batch of clauses."""
    batches = [
        _batch_matches(texts[first : first + CLAUSE_BATCH], matcher, first)
        for first in range(0, len(texts), CLAUSE_BATCH)
    ]
    if not batches:
        return ClauseMatches(
            *(np.array([], dtype=dtype) for dtype in (np.int64, np.int64, object, np.int64))
        )
    fields = ("clause", "category", "matched", "n_matches")
    return ClauseMatches(
        *(np.concatenate([getattr(batch, name) for batch in batches]) for name in fields)
    )


def _batch_matches(texts: Sequence[str], matcher: KeywordMatcher, first: int) -> ClauseMatches:
    """Clause × category matches of a batch of texts (clause indexes counted from `first`)."""
    joined, starts = _joined(texts)
    hits = matcher.hit_arrays(joined)
    clause = np.searchsorted(starts, hits.start, side="right") - 1
    order = np.lexsort((hits.start, hits.category, clause))
    clause, category, pattern = clause[order], hits.category[order], hits.pattern[order]
    new_group = np.ones(len(clause), dtype=bool)
    new_group[1:] = (clause[1:] != clause[:-1]) | (category[1:] != category[:-1])
    bounds = np.append(np.flatnonzero(new_group), len(clause))
    group_start, group_end = bounds[:-1], bounds[1:]
    # matched: the group's keywords at their first occurrence, joined by "|" (object-array sums)
    group = np.repeat(np.arange(len(group_start)), group_end - group_start)
    names = np.array(matcher.patterns, dtype=object)
    firsts = np.sort(np.unique(group * len(names) + pattern, return_index=True)[1])
    leads = change_points(group[firsts])
    parts = np.where(leads, names[pattern[firsts]], _separated(matcher)[pattern[firsts]])
    matched = (
        np.add.reduceat(parts, np.flatnonzero(leads)) if len(parts) else np.array([], dtype=object)
    )
    return ClauseMatches(
        clause[group_start] + first, category[group_start], matched, group_end - group_start
    )


@lru_cache(maxsize=8)
def _separated(matcher: KeywordMatcher) -> np.ndarray:
    """The matcher's patterns with MATCH_SEPARATOR in front, as an object array."""
    return np.array([MATCH_SEPARATOR + name for name in matcher.patterns], dtype=object)


def _clause_texts(clauses: pd.DataFrame) -> list[str]:
    """Clause texts as strings (missing text → "")."""
    return clauses["text"].fillna("").astype(str).tolist()


def _column(clauses: pd.DataFrame, name: str) -> np.ndarray:
    """A column of the clause table as an object array of strings, to pick rows from."""
    return clauses[name].astype(str).to_numpy(dtype=object)


def tag_themes(clauses: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Clause × theme matches: clause_id, doc_id, theme_id, matched ("a|b"), n_matches.

    One row per clause and theme with at least one keyword hit after exclusions, sorted by
    clause_id, theme_id. Every clause is tagged whatever its part; coverage keeps the body.
    """
    codebook = codebook or load_codebook()
    found = _clause_category_matches(_clause_texts(clauses), theme_matcher(codebook))
    table = pd.DataFrame(
        {
            "clause_id": _column(clauses, "clause_id")[found.clause],
            "doc_id": _column(clauses, "doc_id")[found.clause],
            "theme_id": np.array(codebook.theme_ids, dtype=object)[found.category],
            "matched": found.matched,
            "n_matches": found.n_matches,
        },
        columns=CLAUSE_THEMES.columns,
    )
    table["n_matches"] = table["n_matches"].astype("int64")
    return table.sort_values(["clause_id", "theme_id"], kind="stable").reset_index(drop=True)


def tag_instruments(
    clauses: pd.DataFrame, codebook: InstrumentCodebook | None = None
) -> pd.DataFrame:
    """Clause × instrument sub-type: clause_id, doc_id, instrument_type, instrument_subtype, matched.

    Sorted by clause_id, instrument_type, instrument_subtype.
    """
    codebook = codebook or load_instruments()
    found = _clause_category_matches(_clause_texts(clauses), instrument_matcher(codebook))
    table = pd.DataFrame(
        {
            "clause_id": _column(clauses, "clause_id")[found.clause],
            "doc_id": _column(clauses, "doc_id")[found.clause],
            "instrument_type": np.array([s.type for s in codebook.subtypes], dtype=object)[
                found.category
            ],
            "instrument_subtype": np.array([s.id for s in codebook.subtypes], dtype=object)[
                found.category
            ],
            "matched": found.matched,
        },
        columns=CLAUSE_INSTRUMENTS.columns,
    )
    order = ["clause_id", "instrument_type", "instrument_subtype"]
    return table.sort_values(order, kind="stable").reset_index(drop=True)
