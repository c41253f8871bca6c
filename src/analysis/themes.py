"""Theme and policy-instrument coding of clauses with versioned keyword codebooks.

The codebooks are YAML files in `analysis/data/` (codebook.yaml, instruments.yaml,
national_tasks.yaml). Matching is by whole strings with one Aho-Corasick automaton per
codebook (keywords and exclusions together, overlapping matches), built once and cached:

- a keyword hit is masked when an exclusion of the same category covers it
  (新能源汽车 masks 新能源 for clean_energy);
- a hit nested in a longer hit of the same category is dropped (it is the same mention),
  and of two overlapping hits of one category the leftmost wins (投资补助 over 补助资金);
- hits of different categories never mask each other.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import ahocorasick_rs
import numpy as np
import pandas as pd
import yaml

from analysis.paths import PACKAGE_DATA

CODEBOOK_PATH = PACKAGE_DATA / "codebook.yaml"
INSTRUMENTS_PATH = PACKAGE_DATA / "instruments.yaml"
NATIONAL_TASKS_PATH = PACKAGE_DATA / "national_tasks.yaml"

TOPIC_ROLE = "topic"
CONTEXT_ROLE = "context"
ROLES = (TOPIC_ROLE, CONTEXT_ROLE)
MATCH_SEPARATOR = "|"
# Joins clause texts for one automaton pass; never part of a keyword, so no match crosses it.
_CLAUSE_JOINER = "\n"

THEME_COLUMNS = ["clause_id", "doc_id", "theme_id", "matched", "n_matches"]
INSTRUMENT_COLUMNS = ["clause_id", "doc_id", "instrument_type", "instrument_subtype", "matched"]


class CodebookError(ValueError):
    """A codebook file breaks a rule (duplicate id, empty keywords, dead exclusion …)."""


@dataclass(frozen=True)
class NationalTask:
    """One task of the national plan (reconstructed headings, see national_tasks.yaml)."""

    id: str
    label: str
    label_en: str


@dataclass(frozen=True)
class Theme:
    """One theme of the codebook."""

    id: str
    label_zh: str
    label_en: str
    definition: str
    keywords: tuple[str, ...]
    exclusions: tuple[str, ...]
    national_tasks: tuple[str, ...]
    role: str = TOPIC_ROLE


@dataclass(frozen=True)
class Codebook:
    """The theme codebook: version, themes in priority order, national tasks."""

    version: str
    themes: tuple[Theme, ...]
    national_tasks: tuple[NationalTask, ...]

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    def labels(self) -> dict[str, str]:
        """theme_id → Chinese label, in codebook order."""
        return {theme.id: theme.label_zh for theme in self.themes}

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id (KeyError when unknown)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


@dataclass(frozen=True)
class InstrumentSubtype:
    """One policy-instrument sub-type (e.g. supply / funding)."""

    id: str
    type: str
    label_zh: str
    label_en: str
    keywords: tuple[str, ...]
    exclusions: tuple[str, ...]


@dataclass(frozen=True)
class InstrumentCodebook:
    """The policy-instrument codebook: version, types and their sub-types."""

    version: str
    types: tuple[str, ...]
    subtypes: tuple[InstrumentSubtype, ...]


@dataclass(frozen=True)
class Hit:
    """A keyword mention of one category, after exclusions; offsets into the matched text."""

    category: int
    start: int
    end: int
    keyword: str


# --- loading and validation -------------------------------------------------------------

# The C (libyaml) parser when PyYAML has it: the same safe constructor, parsing several times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> dict:
    """Parse a YAML mapping, naming the file on failure."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise CodebookError(f"{path}: cannot read codebook: {error}") from error
    if not isinstance(data, dict):
        raise CodebookError(f"{path}: expected a mapping at the top level")
    return data


def _strings(value: object, where: str) -> tuple[str, ...]:
    """A YAML list of non-empty strings, stripped."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise CodebookError(f"{where}: expected a list of strings")
    items = tuple(str(v).strip() for v in value)
    if any(not item for item in items):
        raise CodebookError(f"{where}: empty string in list")
    return items


def check_categories(
    name: str, categories: Sequence[tuple[str, Sequence[str], Sequence[str]]]
) -> None:
    """Validate (id, keywords, exclusions) triples; raise CodebookError on the first problem.

    Rules: ids unique; at least one keyword; no keyword twice in a category or in two
    categories; every exclusion contains a keyword of its own category (else it masks nothing).
    """
    seen_ids: set[str] = set()
    owner: dict[str, str] = {}
    for category_id, keywords, exclusions in categories:
        if category_id in seen_ids:
            raise CodebookError(f"{name}: duplicate id {category_id!r}")
        seen_ids.add(category_id)
        if not keywords:
            raise CodebookError(f"{name}: {category_id!r} has no keywords")
        for keyword in keywords:
            if keyword in owner:
                where = "twice" if owner[keyword] == category_id else f"also in {owner[keyword]!r}"
                raise CodebookError(f"{name}: keyword {keyword!r} of {category_id!r} is {where}")
            owner[keyword] = category_id
        for exclusion in exclusions:
            if not any(keyword in exclusion for keyword in keywords):
                raise CodebookError(
                    f"{name}: exclusion {exclusion!r} of {category_id!r} contains none of its keywords"
                )


def load_national_tasks(path: Path | str = NATIONAL_TASKS_PATH) -> tuple[NationalTask, ...]:
    """National tasks N01… from national_tasks.yaml, in file order."""
    data = _read_yaml(Path(path))
    tasks = tuple(
        NationalTask(str(t["id"]), str(t["label"]), str(t.get("label_en", "")))
        for t in data.get("tasks") or []
    )
    ids = [t.id for t in tasks]
    if not tasks or len(set(ids)) != len(ids):
        raise CodebookError(f"{path}: national task ids missing or duplicated")
    return tasks


def _theme_from(entry: dict, where: str) -> Theme:
    """Build one Theme from its YAML mapping."""
    missing = [k for k in ("id", "label_zh", "label_en", "definition", "keywords") if not entry.get(k)]
    if missing:
        raise CodebookError(f"{where}: theme {entry.get('id', '?')!r} lacks {', '.join(missing)}")
    role = str(entry.get("role", TOPIC_ROLE))
    if role not in ROLES:
        raise CodebookError(f"{where}: theme {entry['id']!r} has unknown role {role!r}")
    return Theme(
        id=str(entry["id"]),
        label_zh=str(entry["label_zh"]),
        label_en=str(entry["label_en"]),
        definition=str(entry["definition"]),
        keywords=_strings(entry["keywords"], f"{where}: {entry['id']} keywords"),
        exclusions=_strings(entry.get("exclusions"), f"{where}: {entry['id']} exclusions"),
        national_tasks=_strings(entry.get("national_tasks"), f"{where}: {entry['id']} national_tasks"),
        role=role,
    )


@lru_cache(maxsize=8)
def _load_codebook_cached(path: str, tasks_path: str) -> Codebook:
    data = _read_yaml(Path(path))
    if not data.get("version"):
        raise CodebookError(f"{path}: no version field")
    themes = tuple(_theme_from(entry, path) for entry in data.get("themes") or [])
    if not themes:
        raise CodebookError(f"{path}: no themes")
    check_categories(path, [(t.id, t.keywords, t.exclusions) for t in themes])
    tasks = load_national_tasks(tasks_path)
    task_ids = {t.id for t in tasks}
    for theme in themes:
        unknown = sorted(set(theme.national_tasks) - task_ids)
        if unknown:
            raise CodebookError(f"{path}: theme {theme.id!r} maps to unknown tasks {unknown}")
    if not 14 <= len(themes) <= 20:
        warnings.warn(f"{path}: {len(themes)} themes (expected 14-20)", stacklevel=2)
    return Codebook(version=str(data["version"]), themes=themes, national_tasks=tasks)


def load_codebook(
    path: Path | str = CODEBOOK_PATH, tasks_path: Path | str = NATIONAL_TASKS_PATH
) -> Codebook:
    """Read and validate the theme codebook (cached per path)."""
    return _load_codebook_cached(str(path), str(tasks_path))


@lru_cache(maxsize=8)
def _load_instruments_cached(path: str) -> InstrumentCodebook:
    data = _read_yaml(Path(path))
    if not data.get("version"):
        raise CodebookError(f"{path}: no version field")
    types: list[str] = []
    subtypes: list[InstrumentSubtype] = []
    for type_entry in data.get("types") or []:
        type_id = str(type_entry["id"])
        types.append(type_id)
        for entry in type_entry.get("subtypes") or []:
            where = f"{path}: {type_id}/{entry.get('id', '?')}"
            subtypes.append(
                InstrumentSubtype(
                    id=str(entry["id"]),
                    type=type_id,
                    label_zh=str(entry.get("label_zh", "")),
                    label_en=str(entry.get("label_en", "")),
                    keywords=_strings(entry.get("keywords"), f"{where} keywords"),
                    exclusions=_strings(entry.get("exclusions"), f"{where} exclusions"),
                )
            )
    if not subtypes:
        raise CodebookError(f"{path}: no instrument sub-types")
    check_categories(path, [(s.id, s.keywords, s.exclusions) for s in subtypes])
    return InstrumentCodebook(version=str(data["version"]), types=tuple(types), subtypes=tuple(subtypes))


def load_instruments(path: Path | str = INSTRUMENTS_PATH) -> InstrumentCodebook:
    """Read and validate the policy-instrument codebook (cached per path)."""
    return _load_instruments_cached(str(path))


# --- matching ---------------------------------------------------------------------------


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

    def __init__(self, categories: Sequence[tuple[Sequence[str], Sequence[str]]]) -> None:
        """`categories`: (keywords, exclusions) per category, in category order."""
        keyword_of: dict[str, int] = {}
        exclusion_of: dict[str, list[int]] = {}
        for index, (keywords, exclusions) in enumerate(categories):
            for keyword in keywords:
                keyword_of[keyword] = index  # unique across categories (check_categories)
            for exclusion in exclusions:
                exclusion_of.setdefault(exclusion, []).append(index)
        self.patterns: tuple[str, ...] = tuple(sorted(set(keyword_of) | set(exclusion_of)))
        self.n_categories = len(categories)
        self._keyword_category = np.array([keyword_of.get(p, -1) for p in self.patterns], dtype=np.int64)
        self._exclusion_categories = tuple(tuple(exclusion_of.get(p, ())) for p in self.patterns)
        self._is_exclusion = np.array([bool(c) for c in self._exclusion_categories], dtype=bool)
        # a DFA: slower to build, but these few hundred patterns are built once and searched often
        self._automaton = ahocorasick_rs.AhoCorasick(self.patterns, implementation=ahocorasick_rs.Implementation.DFA)

    def hit_arrays(self, text: str) -> HitArrays:
        """Every keyword hit in `text` after exclusions and same-category nesting."""
        raw = self._automaton.find_matches_as_indexes(text, overlapping=True)
        matches = np.fromiter(chain.from_iterable(raw), dtype=np.int64, count=3 * len(raw)).reshape(-1, 3)
        pattern, start, end = matches[:, 0], matches[:, 1], matches[:, 2]
        category = self._keyword_category[pattern]
        is_keyword = category >= 0
        hits = (category[is_keyword], start[is_keyword], end[is_keyword], pattern[is_keyword])
        exclusions = [
            (c, s, e)
            for p, s, e in matches[self._is_exclusion[pattern]].tolist()
            for c in self._exclusion_categories[p]
        ]
        hits = _drop_excluded(hits, exclusions, len(text) + 1)
        hits = _drop_nested(hits, len(text) + 1)
        hits = _drop_overlapping(hits)
        order = np.lexsort((hits[0], hits[1]))
        return HitArrays(*(a[order] for a in hits))

    def hits(self, text: str) -> list[Hit]:
        """Keyword hits in `text` as Hit records, by (start, category)."""
        arrays = self.hit_arrays(text)
        return [
            Hit(int(c), int(s), int(e), self.patterns[p])
            for c, s, e, p in zip(arrays.category, arrays.start, arrays.end, arrays.pattern, strict=True)
        ]


_HitTuple = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _drop_excluded(hits: _HitTuple, exclusions: list[tuple[int, int, int]], stride: int) -> _HitTuple:
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
    exclusion, position = _expand_ranges(lo, hi)  # each hit of the category starting inside the span
    inside = order[position]
    keep = np.ones(len(key), dtype=bool)
    keep[inside[end[inside] <= excl_end[exclusion]]] = False
    return tuple(a[keep] for a in hits)


def _expand_ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, position) with lo[i] <= position < hi[i], range by range."""
    counts = hi - lo
    owner = np.repeat(np.arange(len(lo)), counts)
    position = lo[owner] + np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
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
    """The automaton of a theme codebook (built once per codebook)."""
    return KeywordMatcher([(t.keywords, t.exclusions) for t in codebook.themes])


@lru_cache(maxsize=8)
def instrument_matcher(codebook: InstrumentCodebook) -> KeywordMatcher:
    """The automaton of an instrument codebook (built once per codebook)."""
    return KeywordMatcher([(s.keywords, s.exclusions) for s in codebook.subtypes])


def theme_hits(text: str, codebook: Codebook | None = None) -> list[tuple[str, int, int, str]]:
    """(theme_id, start, end, keyword) of every theme mention in one text, in text order."""
    codebook = codebook or load_codebook()
    ids = codebook.theme_ids
    return [(ids[h.category], h.start, h.end, h.keyword) for h in theme_matcher(codebook).hits(text)]


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
        return ClauseMatches(*(np.array([], dtype=dtype) for dtype in (np.int64, np.int64, object, np.int64)))
    fields = ("clause", "category", "matched", "n_matches")
    return ClauseMatches(*(np.concatenate([getattr(batch, name) for batch in batches]) for name in fields))


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
    leads = _run_starts(group[firsts])
    parts = np.where(leads, names[pattern[firsts]], _separated(matcher)[pattern[firsts]])
    matched = np.add.reduceat(parts, np.flatnonzero(leads)) if len(parts) else np.array([], dtype=object)
    return ClauseMatches(clause[group_start] + first, category[group_start], matched, group_end - group_start)


@lru_cache(maxsize=8)
def _separated(matcher: KeywordMatcher) -> np.ndarray:
    """The matcher's patterns with MATCH_SEPARATOR in front, as an object array."""
    return np.array([MATCH_SEPARATOR + name for name in matcher.patterns], dtype=object)


def _run_starts(values: np.ndarray) -> np.ndarray:
    """True where a value differs from the one before it (and at the first value)."""
    starts = np.ones(len(values), dtype=bool)
    starts[1:] = values[1:] != values[:-1]
    return starts


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
    table = pd.DataFrame({
        "clause_id": _column(clauses, "clause_id")[found.clause],
        "doc_id": _column(clauses, "doc_id")[found.clause],
        "theme_id": np.array(codebook.theme_ids, dtype=object)[found.category],
        "matched": found.matched,
        "n_matches": found.n_matches,
    }, columns=THEME_COLUMNS)
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
    table = pd.DataFrame({
        "clause_id": _column(clauses, "clause_id")[found.clause],
        "doc_id": _column(clauses, "doc_id")[found.clause],
        "instrument_type": np.array([s.type for s in codebook.subtypes], dtype=object)[found.category],
        "instrument_subtype": np.array([s.id for s in codebook.subtypes], dtype=object)[found.category],
        "matched": found.matched,
    }, columns=INSTRUMENT_COLUMNS)
    order = ["clause_id", "instrument_type", "instrument_subtype"]
    return table.sort_values(order, kind="stable").reset_index(drop=True)


def codebook_table(codebook: Codebook | None = None) -> pd.DataFrame:
    """themes.csv: one row per theme in codebook order (keywords, exclusions and tasks joined by "|")."""
    codebook = codebook or load_codebook()
    rows = []
    for theme in codebook.themes:
        row = {
            "theme_id": theme.id,
            "label_zh": theme.label_zh,
            "label_en": theme.label_en,
            "definition": theme.definition,
            "keywords": MATCH_SEPARATOR.join(theme.keywords),
            "national_tasks": MATCH_SEPARATOR.join(theme.national_tasks),
            "role": theme.role,
            "exclusions": MATCH_SEPARATOR.join(theme.exclusions),
            "codebook_version": codebook.version,
        }
        rows.append(row)
    return pd.DataFrame(rows)
