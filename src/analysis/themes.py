"""Theme and policy-instrument coding of clauses with versioned keyword codebooks.

The codebooks are YAML files in `analysis/data/` (codebook.yaml, instruments.yaml,
national_tasks.yaml). Matching is by whole strings with one Aho-Corasick automaton per
codebook (keywords and exclusions together, overlapping matches), built once and cached:

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
import warnings
from bisect import bisect_right
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
from analysis.schema import CLAUSE_INSTRUMENTS, CLAUSE_THEMES
from analysis.structure import change_points

CODEBOOK_PATH = PACKAGE_DATA / "codebook.yaml"
INSTRUMENTS_PATH = PACKAGE_DATA / "instruments.yaml"
NATIONAL_TASKS_PATH = PACKAGE_DATA / "national_tasks.yaml"

DEFAULT_WEIGHT = 1.0
SEED_SOURCE = "seeds"
TOPIC_ROLE = "topic"
CONTEXT_ROLE = "context"
ROLES = (TOPIC_ROLE, CONTEXT_ROLE)
MATCH_SEPARATOR = "|"
MIN_THEMES = 14  # fewer themes than this suggests a truncated codebook (a warning, not an error)
# Joins clause texts for one automaton pass; never part of a keyword, so no match crosses it.
_CLAUSE_JOINER = "\n"
# Replaces each character of a span that is not the text's own content (never in a keyword,
# and not a space, so squeeze_annotations never joins the words on either side of a blanked name).
BLANK = "\u25a1"



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
    weights: tuple[float, ...] = ()  # specificity of each keyword (parallel to keywords; empty = all 1)
    sources: tuple[str, ...] = ()  # where each keyword came from (parallel to keywords)

    def weight(self, keyword: str) -> float:
        """The keyword's specificity weight (2 programme term, 1 topic word, 0.5 broad word)."""
        if not self.weights:
            return DEFAULT_WEIGHT
        return self.weights[self.keywords.index(keyword)]


@dataclass(frozen=True)
class TypologyRule:
    """When the region-type theme is a paragraph's own (codebook `typology`, see rank_unit_themes)."""

    theme: str = ""  # the region-type theme's id
    types: tuple[str, ...] = ()  # the type names (成长型, 成熟型 …)
    guidance: tuple[str, ...] = ()  # differentiated-guidance words (分类施策 …)
    min_types: int = 2  # distinct type names that organise a paragraph by type
    structure_types: int = 3  # distinct type names that make it a typology paragraph


@dataclass(frozen=True)
class Codebook:
    """The theme codebook: version, themes in priority order, national tasks.

    `not_own_content` is the regular expression of the spans blanked before matching (cited
    titles, reply topics, agency and company names); `framing_headings` the unit headings
    that make a unit general_framing by shape, `framing_indicators` the macro indicators
    whose listing does (`review_openers`: the review phrases after which two indicators do);
    `typology` when the region-type theme is coded.
    """

    version: str
    themes: tuple[Theme, ...]
    national_tasks: tuple[NationalTask, ...]
    not_own_content: str = ""
    framing_headings: tuple[str, ...] = ()
    framing_indicators: tuple[str, ...] = ()
    review_openers: tuple[str, ...] = ()
    typology: TypologyRule = TypologyRule()

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


def _keyword_groups(value: object, where: str) -> tuple[tuple[str, ...], tuple[float, ...], tuple[str, ...]]:
    """A theme's `keywords`: bare strings (seeds, weight 1) or groups {source, weight, words}.

    Returns (keywords, weights, sources), parallel, in file order.
    """
    if not isinstance(value, list):
        raise CodebookError(f"{where}: expected a list of keywords or keyword groups")
    keywords: list[str] = []
    weights: list[float] = []
    sources: list[str] = []
    for item in value:
        if isinstance(item, dict):
            source = str(item.get("source") or "").strip()
            if not source:
                raise CodebookError(f"{where}: keyword group without a source")
            weight = item.get("weight", DEFAULT_WEIGHT)
            if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
                raise CodebookError(f"{where}: weight {weight!r} of group {source!r} is not a positive number")
            words = _strings(item.get("words"), f"{where} ({source})")
            if not words:
                raise CodebookError(f"{where}: keyword group {source!r} has no words")
        else:
            source, weight, words = SEED_SOURCE, DEFAULT_WEIGHT, _strings([item], where)
        keywords.extend(words)
        weights.extend([float(weight)] * len(words))
        sources.extend([source] * len(words))
    return tuple(keywords), tuple(weights), tuple(sources)


def _theme_from(entry: dict, where: str) -> Theme:
    """Build one Theme from its YAML mapping."""
    missing = [k for k in ("id", "label_zh", "label_en", "definition", "keywords") if not entry.get(k)]
    if missing:
        raise CodebookError(f"{where}: theme {entry.get('id', '?')!r} lacks {', '.join(missing)}")
    role = str(entry.get("role", TOPIC_ROLE))
    if role not in ROLES:
        raise CodebookError(f"{where}: theme {entry['id']!r} has unknown role {role!r}")
    keywords, weights, sources = _keyword_groups(entry["keywords"], f"{where}: {entry['id']} keywords")
    return Theme(
        id=str(entry["id"]),
        label_zh=str(entry["label_zh"]),
        label_en=str(entry["label_en"]),
        definition=str(entry["definition"]),
        keywords=keywords,
        exclusions=_strings(entry.get("exclusions"), f"{where}: {entry['id']} exclusions"),
        national_tasks=_strings(entry.get("national_tasks"), f"{where}: {entry['id']} national_tasks"),
        role=role,
        weights=weights,
        sources=sources,
    )


def _not_own_content_pattern(data: object, where: str) -> str:
    """One regular expression of everything `not_own_content` blanks (patterns, then agency names)."""
    if data is None:
        return ""
    if not isinstance(data, dict):
        raise CodebookError(f"{where}: not_own_content must be a mapping")
    parts = []
    for entry in data.get("patterns") or []:
        pattern = str(entry.get("pattern") or "")
        try:
            re.compile(pattern)
        except re.error as error:
            raise CodebookError(f"{where}: not_own_content pattern {entry.get('id')!r} is not a regex: {error}") from error
        if not pattern or re.fullmatch(pattern, ""):
            raise CodebookError(f"{where}: not_own_content pattern {entry.get('id')!r} matches the empty string")
        parts.append(f"(?:{pattern})")
    stems = _strings(data.get("agency_stems"), f"{where}: agency_stems")
    suffixes = _strings(data.get("agency_suffixes"), f"{where}: agency_suffixes")
    if stems and suffixes:
        # longest alternatives first, so 委员会 is tried before 委 and 总局 before 局
        stem_re = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
        suffix_re = "|".join(_agency_suffix(s) for s in sorted(suffixes, key=len, reverse=True))
        # the lookahead on the stems' first characters lets most positions fail at once
        first = "".join(sorted({re.escape(s[0]) for s in stems}))
        parts.append(f"(?:(?=[{first}])(?:{stem_re})(?:{suffix_re}))")
    return "|".join(parts)


def _agency_suffix(suffix: str) -> str:
    """An agency suffix as a regex; 部 and 办 only where they do not start a verb (部署, 办学)."""
    guard = AGENCY_SUFFIX_GUARDS.get(suffix, "")
    return re.escape(suffix) + (f"(?![{guard}])" if guard else "")


# Characters after 部 / 办 that make them part of a word, not an agency: 部署 部分; 办学 办理 办好 办事
AGENCY_SUFFIX_GUARDS = {"部": "署分位件", "办": "学理好事法成公"}


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
    if len(themes) < MIN_THEMES:  # no upper cap: adding a theme is one entry in the codebook
        warnings.warn(f"{path}: only {len(themes)} themes (expected at least {MIN_THEMES})", stacklevel=2)
    framing = data.get("framing") or {}
    typology = _typology_rule(data.get("typology"), path, {t.id for t in themes})
    return Codebook(
        version=str(data["version"]),
        themes=themes,
        national_tasks=tasks,
        not_own_content=_not_own_content_pattern(data.get("not_own_content"), path),
        framing_headings=_strings(framing.get("headings"), f"{path}: framing headings"),
        framing_indicators=_strings(framing.get("indicators"), f"{path}: framing indicators"),
        review_openers=_strings(framing.get("review_openers"), f"{path}: framing review_openers"),
        typology=typology,
    )


def _typology_rule(data: object, path: str, theme_ids: set[str]) -> TypologyRule:
    """The codebook's `typology` mapping (an empty rule when absent)."""
    if data is None:
        return TypologyRule()
    if not isinstance(data, dict) or str(data.get("theme", "")) not in theme_ids:
        raise CodebookError(f"{path}: typology must be a mapping whose theme is a theme id")
    counts = {k: data.get(k, getattr(TypologyRule, k)) for k in ("min_types", "structure_types")}
    if any(not isinstance(v, int) or isinstance(v, bool) or v < 1 for v in counts.values()):
        raise CodebookError(f"{path}: typology min_types and structure_types must be positive integers")
    return TypologyRule(
        theme=str(data["theme"]),
        types=_strings(data.get("types"), f"{path}: typology types"),
        guidance=_strings(data.get("guidance"), f"{path}: typology guidance"),
        **counts,
    )


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


# Between two hanzi, what splits a word without being part of the text: a pinyin annotation
# 发(fā)展 / 资源（zīyuán）, or spaces left where one was blanked (发    展).
_ANNOTATION_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{1,24}[)）]|[ \t\u3000\u00a0]+)(?=[\u4e00-\u9fff])"
)


def squeeze_annotations(text: str) -> tuple[str, np.ndarray | None]:
    """`text` without pinyin annotations and blank runs between hanzi, and the offset in `text`
    of each remaining character (None when nothing was removed)."""
    spans = [m.span() for m in _ANNOTATION_RE.finditer(text)]
    if not spans:
        return text, None
    keep = np.ones(len(text), dtype=bool)
    for a, b in spans:
        keep[a:b] = False
    position = np.flatnonzero(keep)
    # the text between the removed spans (finditer's spans are disjoint and in order)
    ends = [0, *(b for _, b in spans)]
    starts = [a for a, _ in spans] + [len(text)]
    return "".join(text[e:s] for e, s in zip(ends, starts, strict=True)), position


class KeywordMatcher:
    """One automaton over the keywords and exclusions of several categories.

    Overlapping matches come from the automaton in one pass; exclusions and nesting are
    resolved with numpy, so the cost in Python is per exclusion hit, not per keyword hit.
    """

    def __init__(self, categories: Sequence[tuple[Sequence[str], Sequence[str]]], not_own_content: str = "") -> None:
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
        self._keyword_category = np.array([keyword_of.get(p, -1) for p in self.patterns], dtype=np.int64)
        self._exclusion_categories = tuple(tuple(exclusion_of.get(p, ())) for p in self.patterns)
        self._is_exclusion = np.array([bool(c) for c in self._exclusion_categories], dtype=bool)
        # a DFA: slower to build, but these few hundred patterns are built once and searched often
        self._automaton = ahocorasick_rs.AhoCorasick(self.patterns, implementation=ahocorasick_rs.Implementation.DFA)

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
        matches = np.fromiter(chain.from_iterable(raw), dtype=np.int64, count=3 * len(raw)).reshape(-1, 3)
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
            for i, c, a, b, p in zip(owner.tolist(), arrays.category.tolist(), arrays.start.tolist(),
                                     arrays.end.tolist(), arrays.pattern.tolist(), strict=True):
                base = int(starts[i])
                found[batch[i]].append(Hit(c, a - base, b - base, self.patterns[p]))
        return found

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
    """The automaton of a theme codebook (built once per codebook), blanking what is not own content."""
    return KeywordMatcher([(t.keywords, t.exclusions) for t in codebook.themes], codebook.not_own_content)


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
    leads = change_points(group[firsts])
    parts = np.where(leads, names[pattern[firsts]], _separated(matcher)[pattern[firsts]])
    matched = np.add.reduceat(parts, np.flatnonzero(leads)) if len(parts) else np.array([], dtype=object)
    return ClauseMatches(clause[group_start] + first, category[group_start], matched, group_end - group_start)


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
    table = pd.DataFrame({
        "clause_id": _column(clauses, "clause_id")[found.clause],
        "doc_id": _column(clauses, "doc_id")[found.clause],
        "theme_id": np.array(codebook.theme_ids, dtype=object)[found.category],
        "matched": found.matched,
        "n_matches": found.n_matches,
    }, columns=CLAUSE_THEMES.columns)
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
    }, columns=CLAUSE_INSTRUMENTS.columns)
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


# --- primary theme of a coding unit ---------------------------------------------------------
#
# The one rule for the primary theme of a coding unit (a numbered item, an item-less section,
# or one paragraph), used by compare.primary_theme_per_unit and theme_eval:
#
# 1. framing by shape: a unit is general_framing when its heading (or run-in heading) is a
#    framing heading of the codebook (指导思想, 基本原则, 主要目标 …); or its lead states a
#    guiding ideology (以…思想为指导; 深入贯彻落实党的…精神，…); or it sets overall goals (到2025年，…基本形成) and sits in a
#    framing section (总体要求) or spans at least FRAMING_MIN_TOPICS topic themes; or its lead
#    announces the frame (主要预期目标是：) or takes stock of problems (清醒看到, 存在的问题); or it
#    reports or sets at least FRAMING_MIN_INDICATORS macro indicators (地区生产总值, 一般公共预算
#    收入, 固定资产投资 …: a work report's overview); or, inside a framing section, its lead
#    states a stance or a dated goal (坚持以人民为中心…, 到2025年…) or it spans at least
#    FRAMING_MIN_TOPICS topic themes (an overview of the base, 发展基础; not a paragraph organised
#    by region types); or (2.1.0) its lead is an
#    opening purpose sentence (为…，根据…，制定本方案 / 现就有关事项通知如下 / 提出如下意见), a
#    reply's acknowledgement (…建议收悉 / 现答复如下) of at most ACKNOWLEDGEMENT_MAX_SENTENCES
#    sentences, a review opener with at least two macro
#    indicators (过去一年，全县地区生产总值…，一般公共预算收入…) or with the year's stance
#    (一年来，我们坚持稳中求进…); or it lists at least FRAMING_MIN_ENUMERATED themes only inside
#    enumerations (围绕产业转型、生态修复、民生改善…: the plan's areas, none of them the point);
#    or, given its position, it is the closing paragraph of a news page in the shape of a
#    commentary (从…到…，这座城市正在走出一条…新路); or it names a region type in passing
#    and has no topic theme (the transformation in general); or (2.2.0) its lead states why the
#    transformation matters or where it stands (…转型发展，是…的必然要求 / 具有重要意义 / …关键期,
#    机遇与挑战并存) or sums up (总的来看，… / 问题依然突出), or it lists at least PRINCIPLES_MIN
#    principles (坚持…，坚持…，坚持…). Problem words in a phrase that sets out to solve them
#    (协调解决…困难和问题, 补齐短板弱项) are a task, not a review of the problems.
# 2. role: topic themes before context themes (region types, framing slogans): a context
#    theme is primary only when no topic theme matches, or when it dominates the unit: at least
#    CONTEXT_MIN_KEYWORDS distinct keywords and CONTEXT_DOMINANCE times the best topic score
#    (a paragraph listing the four city types, with one topic word per type), or when the unit's
#    title names it and it scores at least as much as the best topic ((一)成长型城市。…).
#    The region-type theme (codebook `typology`) counts only where the paragraph is organised
#    by region types (at least min_types type names, or 分类施策 …) or has a region category as
#    its subject (对资源枯竭城市，… / 衰退型城市要…) or its title names one; in a paragraph
#    naming at least structure_types type names each type name heads its part (title factor).
# 3. score: each distinct keyword counts once, at its most prominent place, times its weight
#    (specificity 2 / 1 / 0.5): ×3 in the unit's title (a heading clause of at most
#    TITLE_MAX_CHARS; a longer one, the first sentence of an article, is the lead; without a
#    heading, a short first sentence that titles the rest: 营商环境持续优化。) or in a
#    run-in frame (在产业培育方面，), ×1.5 in the lead (the first phrase with a keyword of
#    the first body clause states the point), ×1 elsewhere in the body, halved in a phrase
#    opened by 其中/包括 (a breakdown) or 用于 (what money is for),
#    ×0.5 in the heading around a paragraph unit (its item, section or document title); plus
#    SPREAD_BONUS for every further body clause carrying the theme. Repeating a word adds
#    nothing. Outside the unit's title, the keywords of a theme of the document's own topic
#    (found in at least half of its numbered units, at least four) count half.
# 4. ties: more body clauses with the theme, then the theme mentioned first in the unit, then
#    codebook order (reached only by two hits at the same offset).
#
# The theme set of a unit (unit_theme_set) is its primary theme and every other theme with
# substantive evidence of its own: named in the unit's title (a keyword of weight >= 1), or a
# specific term (weight >= SET_SPECIFIC_WEIGHT), or at least SET_MIN_KEYWORDS distinct keywords
# weighing at least SET_MIN_WEIGHT together, counting only keywords outside enumerations of
# many areas (a phrase listing, with 、, keywords of at least ENUMERATION_MIN_THEMES themes:
# 统筹推进新能源、新材料、矿区治理、就业社保等重点工作), and scoring at least SET_MIN_SHARE of the
# primary; a region type only as rule 2 says, or (2.2.0) singled out for a measure (对资源枯竭城市
# …); never a context theme that is the document's topic. Since 2.2.0 a topic theme also enters
# when one body phrase is about it (about_hits: the phrase states a measure or a target, a figure
# or an action verb of MEASURE_RE, and a keyword of weight >= 1 of the theme heads it, no other
# theme's word after it in the phrase, outside enumerations), scoring at least SET_ABOUT_SHARE of
# the primary; not in a framing paragraph or one organised by structure_types region types (whose
# measures are the frame's or the types' own). One clause with a real measure is enough: that is
# how the held-out coders listed secondary themes.

HEADING_FACTOR = 3.0
LEAD_FACTOR = 1.5
BODY_FACTOR = 1.0
CONTEXT_HEADING_FACTOR = 0.5
SUBORDINATE_FACTOR = 0.5  # a phrase opened by 其中/包括/用于
DOCUMENT_TOPIC_FACTOR = 0.5  # a theme of the document's own topic (in most of its units)
DOCUMENT_TOPIC_SHARE = 0.5  # ... found in at least this share of the document's units
DOCUMENT_TOPIC_MIN_UNITS = 4  # ... and in at least this many (short documents have no topic words)
SPREAD_BONUS = 0.5  # per body clause with the theme beyond the first
FRAMING_MIN_TOPICS = 3  # goal paragraphs outside a framing section: distinct topic themes needed
FRAMING_MIN_INDICATORS = 3  # macro indicators (codebook framing.indicators) that make a review/goal paragraph
SET_MIN_KEYWORDS = 2  # a secondary theme: distinct own keywords outside enumerations ...
SET_MIN_WEIGHT = 1.5  # ... weighing together at least this (two topic words, not two broad words)
SET_SPECIFIC_WEIGHT = 2.0  # ... or one keyword this specific (a programme term: 采煤沉陷区)
SET_MIN_CLAUSES = 2  # ... or body clauses (sentences) of the unit carrying it
SET_MIN_SHARE = 0.2  # ... and at least this share of the primary theme's score
SET_ABOUT_SHARE = 0.05  # a theme a clause is about (2.2.0): this share of the primary's score suffices
ENUMERATION_MIN_THEMES = 3  # a phrase listing keywords of this many themes ...
ENUMERATION_MIN_MARKS = 2  # ... in at least three items (two 、) enumerates areas
FRAMING_MIN_ENUMERATED = 4  # themes listed only in enumerations that make an overview paragraph
ACKNOWLEDGEMENT_MAX_SENTENCES = 2  # a reply's acknowledgement paragraph: 收悉 and at most one more sentence
REVIEW_MIN_INDICATORS = 2  # macro indicators after a review opener (过去一年，…) that make an overview
TITLE_MAX_CHARS = 30  # a heading clause longer than this (without its numbering) is a sentence
RUN_IN_TITLE_MAX_CHARS = 16  # a first sentence this short, without a comma, titles the unit
# Enumerators that open a run-in title: 一是 / 二是 / 首先 / 第一，
RUN_IN_ENUMERATOR_RE = re.compile(r"^(?:[一二三四五六七八九十]+是|首先|其次|最后|第[一二三四五六七八九十]+[，,、]?)")
CONTEXT_MIN_KEYWORDS = 3  # distinct keywords a context theme needs to dominate a unit
CONTEXT_DOMINANCE = 3.0  # times the best topic score
FRAMING_THEME = "general_framing"
# What separated the primary theme from the runner-up, in the order the rules apply.
DECIDING_RULES = ("framing", "role", "score", "clauses", "first_mention", "codebook_order")

# A guiding ideology: 以习近平新时代中国特色社会主义思想为指导 / 以…为引领, or a lead that opens
# with carrying out the Party's line: 深入贯彻落实党的二十大和二十届三中全会精神，…
IDEOLOGY_RE = re.compile(
    r"以[^。；;]{2,60}?(?:思想|理念|精神|重要论述)为(?:指导|引领|统领)"
    r"|^[\s　]*(?:要|必须)?(?:深入|全面|认真|坚决)贯彻(?:落实)?(?:习近平|党的|党中央|中央|省委|市委)"
)
# Overall goals: 到2025年，…基本形成 / 到“十四五”末…显著提升 (within one sentence)
GOAL_RE = re.compile(
    r"(?:到|至)(?:20\d{2}年|[“\"]?十[四五六]五[”\"]?(?:末|期末|时期末))[^。]{0,120}?"
    r"(?:基本形成|基本建立|基本实现|初步形成|初步建立|全面建成|基本建成|显著增强|明显增强|显著提升|"
    r"明显提升|大幅提升|稳步提升|明显改善|显著改善|取得[^。]{0,6}进展|迈上新台阶|基本完成|基本解决|更加完善)"
)
# Where one phrase of a clause ends and the next begins: ， , ； ; ： :
PHRASE_BREAK_RE = re.compile(r"[，,；;：:]\s*")
# A phrase that breaks down what came before (其中光伏项目7个 / 包括…) or lists what money or
# land is for (用于支持接续替代产业、采煤沉陷区治理…: the point is the money)
SUBORDINATE_RE = re.compile(r"\s*(?:其中|包括|(?:主要|重点|专项)?用于)")
# A run-in frame that names the paragraph's subject: 在产业培育方面， / 在资金保障方面：
RUN_IN_FRAME_RE = re.compile(r"^[\s　]*在[^，,。:：；;]{2,20}方面[，,:：]")
# A lead that announces the frame: 今年经济社会发展的主要预期目标是： / 总体要求是：
FRAMING_LEAD_RE = re.compile(
    r"(?:主要预期目标|预期目标|总体要求|总体思路|指导思想|基本原则|工作目标|主要目标|发展目标|总体目标)(?:是|为)?[:：]"
    # … or takes stock of the problems: 我们也清醒看到 / 存在的问题 / 面临的困难和挑战
    r"|清醒(?:地)?(?:看到|认识到)|存在(?:的)?(?:一些)?(?:困难和)?问题|面临的(?:困难|挑战|问题)|困难和问题"
    # (2.2.0) … or sums up: 总的来看，… / 问题依然突出 / 短板弱项
    r"|^[\s　]*(?:总的来看|总体来看|综合来看|总体上看)|(?:问题|矛盾)(?:依然|仍然|仍|还比较|比较)突出|短板弱项"
)
# (2.2.0) The lead states why the transformation matters or where it stands, not a task:
# 推动资源型地区转型发展，是…的必然要求 / 具有重要意义 / “十四五”时期是…关键期 / 机遇与挑战并存
SIGNIFICANCE_RE = re.compile(
    r"(?:转型|发展|振兴)(?:工作)?[，,]?(?:是|事关)[^。]{0,60}?(?:必然要求|必然选择|重要举措|根本出路|重大战略|重要意义)"
    r"|具有(?:十分|极其)?重要(?:的)?(?:现实|战略|深远)?意义"
    r"|关键期|关键阶段|攻坚期|窗口期|机遇(?:与|和)挑战并存|爬坡过坎|战略机遇期"
)
# (2.2.0) A list of principles: at least PRINCIPLES_MIN phrases opening with 坚持 (坚持市场主导…，坚持分类施策…)
PRINCIPLE_RE = re.compile(r"(?:^|[，,；;。])\s*坚持")
PRINCIPLES_MIN = 3
# A phrase that sets out to solve problems (协调解决项目建设中的困难和问题, 补齐短板弱项 are measures, not a
# review of the problems): 解决 / 化解 / 破解 / 帮助 / 研究 before the problem words, in the same phrase
SOLVING_RE = re.compile(r"解决|化解|破解|帮助|研究|协调|排查|整改|补齐|补上|弥补|补强|聚焦")
# Where a phrase starts: after ， , ； ; 。 ： :
_PHRASE_START_RE = re.compile(r"[，,；;。：:]")


def announces_frame(text: str) -> bool:
    """FRAMING_LEAD_RE in `text`, except problem words in a phrase that sets out to solve them (2.2.0)."""
    for match in FRAMING_LEAD_RE.finditer(text):
        starts = [m.end() for m in _PHRASE_START_RE.finditer(text, 0, match.start())]
        if not SOLVING_RE.search(text, starts[-1] if starts else 0, match.start()):
            return True
    return False


# Inside a framing section, a stance or a dated goal is framing: 坚持以人民为中心… / 到2025年，…
FRAMING_SECTION_LEAD_RE = re.compile(r"^\s*(?:坚持以|以|按照|围绕|立足)|(?:到|至)(?:20\d{2}年|[“\"]?十[四五六]五[”\"]?末)")
# An opening purpose sentence of a plan or notice: 为加快…，根据…，结合我市实际，制定本方案 /
# 为做好…工作，现就有关事项通知如下 / …，提出如下意见 (within one sentence)
PURPOSE_RE = re.compile(
    r"^[\s　]*(?:为了?|根据|按照|依据|依照)[^。]{2,160}?"
    r"(?:制定本|特制定|制订本|现就[^。]{0,40}?(?:通知如下|意见如下|提出如下)|提出(?:如下|以下)(?:意见|措施)|特提出|通知如下)"
)
# A reply's acknowledgement: 您提出的关于…的建议收悉 / 现答复如下 / 现将有关情况答复如下 (its closing
# courtesy, 感谢您对…的关心和支持, has no theme)
ACKNOWLEDGEMENT_RE = re.compile(r"收悉|答复如下")
# A work report's review of the year's stance: 一年来，我们坚持稳中求进工作总基调… / 过去五年，我们始终…
REVIEW_STANCE_RE = re.compile(
    r"^[\s　]*(?:过去一年|过去五年|一年来|五年来|今年以来)[，,]?(?:我们|全县|全市|全省)?(?:始终|坚持|全面|深入|认真)"
)
# A news page's closing commentary: 从“一煤独大”到多业并举…走出一条转型发展的新路子 / 焕发新活力
NEWS_COMMENTARY_RE = re.compile(
    r"走出(?:了)?一条|新路(?:子|(?!径))|新篇章|新画卷|焕发(?:出)?(?:新的?)?(?:生机|活力)|蝶变|华丽转身|从[^。，]{1,16}到[^。，]{1,16}[，,]从"
)
# A phrase that states a measure or a target (2.2.0): a figure (新增学位3000个, 下降8%) or an
# action verb (推进 / 实施 / 建设 / 完善 / 给予 / 引进 / 复垦 …); a phrase without one names a
# topic in passing (依托原有铁路专用线 / 经济结构偏重)
MEASURE_RE = re.compile(
    r"[0-9０-９]|[一二三四五六七八九十百千万两]+(?:个|家|所|座|户|套|项|条|公里|万|亿|人|批)"
    r"|推进|推动|加快|实施|建设|建成|新建|改建|扩建|完成|完善|健全|建立|支持|鼓励|开展|加强|强化|提升|提高"
    r"|培育|发展|打造|落实|深化|新增|改造|治理|引进|设立|组织|给予|安排|发放|实行|推行|推广|开工|投产"
    r"|达到|下降|降低|增长|扩大|优化|保障|促进|吸纳|解决|整治|修复|创建|争取|纳入|规范|压实|布局|配套"
    r"|开发|利用|出台|制定|开通|融入|共建|组建|成立|兑现|补齐|淘汰|关闭|搬迁|安置|复垦|提供|实现|严格"
    r"|破解|化解|遏制|严控|退出|延伸|拓展|拓宽|承接|培训|帮助|探索|引入"
)
# Enumeration marks inside a phrase: 新能源、新材料、矿区治理
ENUMERATION_MARK = "、"
NEWS_GENRE = "news"
LAST_POSITION = "last"
# Leading numbering or markers before a heading's words: 一、 (一) 1. 第一条 ——
_HEADING_MARKER_RE = re.compile(r"^[\s　]*(?:第[一二三四五六七八九十百\d]+[章节条部分]+|[(（]?[一二三四五六七八九十\d]+[)）、.．]|——)*[\s　]*")


@dataclass(frozen=True)
class ThemeScore:
    """A theme's standing in one unit; `rank_key` orders themes best first."""

    theme_id: str
    framing: bool  # the unit has the shape of a framing paragraph and this is general_framing
    eligible: bool  # a topic theme, or a context theme where no topic theme (or dominating)
    score: float
    clauses: int  # body clauses with the theme
    first: int  # offset of the theme's first own mention in the unit (heading, then body)
    order: int  # codebook position
    own_weight: float  # summed weights of the theme's distinct keywords in the unit's own text
    context: bool = False  # a context theme (region types, framing slogans)
    document_topic: bool = False  # one of the document's topic themes
    substantive: bool = False  # evidence of its own for the unit's theme set (see unit_theme_set)
    about: bool = False  # a body phrase stating a measure or target is about this topic theme (about_hits)

    @property
    def rank_key(self) -> tuple:
        return (self.framing, self.eligible, round(self.score, 6), self.clauses, -self.first, -self.order)


def is_title_shaped(text: str) -> bool:
    """A heading clause that reads as a title: short (推进采煤沉陷区综合治理; 聚焦新质生产力，加快
    产业转型升级). A long first sentence of a numbered article (第一条 为规范…资金管理，提高…，
    根据…，制定本办法) is the unit's lead."""
    return len(_HEADING_MARKER_RE.sub("", text)) <= TITLE_MAX_CHARS


def is_run_in_title(text: str) -> bool:
    """A short first sentence that titles the sentences after it (二是不断拓展就业渠道。/
    营商环境持续优化。): at most RUN_IN_TITLE_MAX_CHARS without its enumerator, ending in 。."""
    words = RUN_IN_ENUMERATOR_RE.sub("", text.strip())
    return words.endswith(("。", "！")) and len(words) - 1 <= RUN_IN_TITLE_MAX_CHARS and "，" not in words


def _starts_with_framing_heading(text: str, headings: Sequence[str]) -> bool:
    """True when `text`, without its numbering, opens with a framing heading (（二）基本原则。)."""
    words = _HEADING_MARKER_RE.sub("", text)
    return any(words.startswith(h) for h in headings)


def is_framing_shape(
    heading: str,
    body: Sequence[str],
    codebook: Codebook,
    framing_section: bool,
    topic_themes: int,
    enumerated_only: int = 0,
    position: str = "",
    genre: str = "",
) -> bool:
    """Rule 1: the unit is a framing paragraph by its shape and place (see the rule above).

    enumerated_only: topic themes the unit names only inside enumerations of many areas (when
    at most one other topic theme is named); position: "last" for a document's last body
    paragraph; genre: the document's doc_type (schema.DOC_TYPES).
    """
    if heading and _starts_with_framing_heading(heading, codebook.framing_headings):
        return True
    lead = "".join(body[:2])
    if body and _starts_with_framing_heading(body[0], codebook.framing_headings) and len(body[0]) <= 40:
        return True
    if IDEOLOGY_RE.search(lead) or (body and announces_frame(body[0])):
        return True
    if body and (PURPOSE_RE.search(body[0]) or REVIEW_STANCE_RE.search(body[0]) or SIGNIFICANCE_RE.search(body[0])):
        return True
    if len(PRINCIPLE_RE.findall("".join(body))) >= PRINCIPLES_MIN:
        return True
    if body and len(body) <= ACKNOWLEDGEMENT_MAX_SENTENCES and ACKNOWLEDGEMENT_RE.search(body[0]):
        return True  # 建议收悉。感谢…，现答复如下： (not an answer that starts on the same line)
    text = "".join(body)
    indicators = sum(indicator in text for indicator in codebook.framing_indicators)
    if indicators >= FRAMING_MIN_INDICATORS:
        return True
    if indicators >= REVIEW_MIN_INDICATORS and body and body[0].lstrip().startswith(codebook.review_openers):
        return True
    if enumerated_only >= FRAMING_MIN_ENUMERATED:
        return True
    if position == LAST_POSITION and genre == NEWS_GENRE and NEWS_COMMENTARY_RE.search(text):
        return True
    if framing_section and body and FRAMING_SECTION_LEAD_RE.search(body[0]):
        return True
    if framing_section and topic_themes >= FRAMING_MIN_TOPICS:
        return True  # an overview of the base or the goals across several areas (发展基础: 沉陷区治理、棚户区改造、生态修复…)
    return bool(GOAL_RE.search(text)) and (framing_section or topic_themes >= FRAMING_MIN_TOPICS)


def phrases_of(text: str, hits: Sequence[Hit]) -> tuple[list[int], list[int]]:
    """The start offsets of the phrases of `text` (split at ，；：) and the phrase of each hit."""
    starts = [0, *(m.end() for m in PHRASE_BREAK_RE.finditer(text))]
    return starts, [bisect_right(starts, hit.start) - 1 for hit in hits]


def position_factors(text: str, hits: Sequence[Hit], place: str) -> list[float]:
    """The position factor of each hit of one clause (rule 3).

    place "title" or "run_in" (a short first sentence titling the rest): HEADING_FACTOR. place
    "lead" (the unit's first body clause): a run-in frame
    (在…方面，) counts as a title, the first phrase carrying a keyword is the lead
    (LEAD_FACTOR), later phrases BODY_FACTOR. place "body": BODY_FACTOR. Anywhere, a phrase
    opened by 其中/包括 (a breakdown of what came before) or 用于 (what money is for) counts
    SUBORDINATE_FACTOR times as much.
    """
    starts, phrase = phrases_of(text, hits)
    frame = RUN_IN_FRAME_RE.match(text) if place == "lead" else None
    frame_end = frame.end() if frame else 0
    after_frame = [p for p, hit in zip(phrase, hits, strict=True) if hit.start >= frame_end]
    lead_phrase = min(after_frame) if place == "lead" and after_frame else -1
    factors = []
    for hit, p in zip(hits, phrase, strict=True):
        if place in ("title", "run_in") or hit.end <= frame_end:
            factor = HEADING_FACTOR
        else:
            factor = LEAD_FACTOR if p == lead_phrase else BODY_FACTOR
        if SUBORDINATE_RE.match(text, starts[p]):
            factor *= SUBORDINATE_FACTOR
        factors.append(factor)
    return factors


def enumerated_hits(text: str, hits: Sequence[Hit]) -> set[int]:
    """Indexes of the hits lying in an enumeration of many areas: a phrase of `text` with at
    least ENUMERATION_MIN_MARKS 、 whose hits belong to at least ENUMERATION_MIN_THEMES themes
    (新能源、新材料、矿区治理、就业社保; not 完善供水、供暖管网)."""
    starts, phrase = phrases_of(text, hits)
    ends = [*starts[1:], len(text)]
    themes: dict[int, set[int]] = {}
    for hit, p in zip(hits, phrase, strict=True):
        themes.setdefault(p, set()).add(hit.category)
    listing = {
        p for p, found in themes.items()
        if len(found) >= ENUMERATION_MIN_THEMES and text.count(ENUMERATION_MARK, starts[p], ends[p]) >= ENUMERATION_MIN_MARKS
    }
    return {i for i, p in enumerate(phrase) if p in listing}


def about_hits(text: str, hits: Sequence[Hit], listed: set[int]) -> set[int]:
    """Indexes of the hits a phrase of `text` is about (2.2.0): outside an enumeration of many
    areas (`listed`), in a phrase stating a measure or a target (MEASURE_RE), and the head of
    its phrase: no word of another theme after it that it modifies (in 储能电池等新能源装备制造项目
    储能 modifies 新能源装备; in 沉陷区综合治理领导小组 the phrase is about the 领导小组). A word of
    another theme joined to it by 、 / 和 / 与 / 及 is a second object, not one it modifies
    (在产业转移、人才交流等方面开展合作), unless 等 closes the list before it (…等新能源装备)."""
    starts, phrase = phrases_of(text, hits)
    ends = [*starts[1:], len(text)]
    measured = {p for p in set(phrase) if MEASURE_RE.search(text, starts[p], ends[p])}
    about = set()
    for i, (hit, p) in enumerate(zip(hits, phrase, strict=True)):
        if i in listed or p not in measured:
            continue
        modified = (
            h for h, q in zip(hits[i + 1 :], phrase[i + 1 :], strict=True)
            if q == p and h.category != hit.category and h.start >= hit.end
        )
        if not any(_modifies(text[hit.end : h.start]) for h in modified):
            about.add(i)
    return about


# Between two objects of one phrase: 、 和 与 及 (coordinated); 等 closes a list of modifiers
_COORDINATION_RE = re.compile(r"[、和与及]")


def _modifies(gap: str) -> bool:
    """Whether a word modifies the other theme's word `gap` characters before it (see about_hits)."""
    return "等" in gap or not _COORDINATION_RE.search(gap)


@lru_cache(maxsize=8)
def _typology_subject_re(codebook: Codebook) -> re.Pattern[str] | None:
    """A lead opening with a region category as its subject: 对资源枯竭城市， / 衰退型城市要 /
    针对资源型地区，… (the typology theme's keywords of weight >= 1, longest first)."""
    rule = codebook.typology
    if not rule.theme or rule.theme not in codebook.theme_ids:
        return None
    theme = codebook.theme(rule.theme)
    words = sorted((k for k in theme.keywords if theme.weight(k) >= DEFAULT_WEIGHT), key=len, reverse=True)
    names = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"^[\s　]*(?:对于?|针对)?(?:全省|全市|全国|各类?|各)?(?:{names})[\u4e00-\u9fff]{{0,4}}?"
        r"(?:[，,]|要|应|重点|着力|可)"
    )


@lru_cache(maxsize=8)
def _typology_target_re(codebook: Codebook) -> re.Pattern[str] | None:
    """A region category singled out for a measure anywhere in a clause (2.2.0): 对资源枯竭城市和
    独立工矿区项目适当提高补助比例 (the typology keywords of weight >= 1). A region category that
    is only the beneficiary of support (支持资源枯竭城市建设…) is not: on the dev set that is in passing."""
    rule = codebook.typology
    if not rule.theme or rule.theme not in codebook.theme_ids:
        return None
    theme = codebook.theme(rule.theme)
    words = sorted((k for k in theme.keywords if theme.weight(k) >= DEFAULT_WEIGHT), key=len, reverse=True)
    names = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:对于?|针对)(?:全省|全市|全国|各类?|各|有关)?(?:{names})")


def typology_evidence(keywords: Sequence[str], lead: str, codebook: Codebook) -> tuple[bool, bool]:
    """(organised, structured) by the region-type keywords found in a unit, and whether its
    lead has a region category as subject folded into `organised` (codebook `typology`)."""
    rule = codebook.typology
    types = {t for t in rule.types if any(t in k for k in keywords)}
    guided = any(k in rule.guidance for k in keywords)
    subject_re = _typology_subject_re(codebook)
    subject = bool(keywords) and subject_re is not None and bool(subject_re.match(lead))
    return len(types) >= rule.min_types or guided or subject, len(types) >= rule.structure_types


def unit_themes(texts: Sequence[str], codebook: Codebook | None = None) -> frozenset[str]:
    """The themes with a keyword hit in a unit's texts."""
    codebook = codebook or load_codebook()
    matcher = theme_matcher(codebook)
    return frozenset(codebook.theme_ids[hit.category] for text in texts for hit in matcher.hits(text))


def document_topic_themes(units: Sequence[frozenset[str]]) -> frozenset[str]:
    """Themes found in at least DOCUMENT_TOPIC_SHARE of a document's units (and in at least
    DOCUMENT_TOPIC_MIN_UNITS of them): the document's own topic (subsidence in every item of a
    notice on independent mining areas), which says little about which part a unit is."""
    if len(units) < DOCUMENT_TOPIC_MIN_UNITS:
        return frozenset()
    counts: dict[str, int] = {}
    for themes in units:
        for theme_id in themes:
            counts[theme_id] = counts.get(theme_id, 0) + 1
    need = max(DOCUMENT_TOPIC_MIN_UNITS, DOCUMENT_TOPIC_SHARE * len(units))
    return frozenset(t for t, n in counts.items() if n >= need)


def rank_unit_themes(
    heading: Sequence[str],
    body: Sequence[str],
    codebook: Codebook | None = None,
    context_heading: str = "",
    framing_section: bool = False,
    document_topic: frozenset[str] = frozenset(),
    known_hits: dict[str, list[Hit]] | None = None,
    position: str = "",
    genre: str = "",
) -> list[ThemeScore]:
    """The themes of one coding unit, best first (the primary-theme rule above).

    heading: the unit's own heading clauses; body: its body clauses in order; context_heading:
    the heading of the item or section a paragraph unit sits in (weak evidence only);
    framing_section: the unit lies in a framing section (总体要求, 指导思想 …);
    document_topic: the document's topic themes (document_topic_themes), whose keywords are
    weighed DOCUMENT_TOPIC_FACTOR times as much; known_hits: the hits of texts matched
    beforehand (KeywordMatcher.hits_of_texts), to match many units in one pass; position
    ("last": the document's last body paragraph) and genre (its doc_type) for the framing
    shapes that depend on place (a news page's closing commentary).
    """
    codebook = codebook or load_codebook()
    ids = codebook.theme_ids
    matcher = theme_matcher(codebook)
    best: dict[int, dict[str, float]] = {}  # theme → keyword → best position factor
    clauses: dict[int, int] = {}
    first: dict[int, int] = {}
    offset = 0
    titles = [text for text in heading if is_title_shaped(text)]
    body = [*(text for text in heading if not is_title_shaped(text)), *body]
    run_in = not titles and len(body) > 1 and is_run_in_title(body[0])  # 能源保供坚实有力。…
    if run_in:
        titles, body = [body[0]], list(body[1:])
    heading = titles
    parts = [(text, "run_in" if run_in else "title") for text in heading]
    parts += [(text, "lead" if i == 0 else "body") for i, text in enumerate(body)]
    headed: set[int] = set()  # themes named in the unit's own heading (not a run-in title)
    evidence: dict[int, dict[str, float]] = {}  # theme → its own keywords outside enumerations → weight
    enumerated: set[int] = set()  # themes with a keyword inside an enumeration of many areas
    about: set[int] = set()  # themes a body phrase with a measure is about (about_hits, keyword weight >= 1)
    themes = codebook.themes
    known_hits = known_hits or {}
    for text, place in parts:
        seen: set[int] = set()
        hits = known_hits[text] if text in known_hits else matcher.hits(text)
        listed = enumerated_hits(text, hits)
        heads = about_hits(text, hits, listed) if place not in ("title", "run_in") else set()
        for i, (hit, at) in enumerate(zip(hits, position_factors(text, hits, place), strict=True)):
            keywords = best.setdefault(hit.category, {})
            keywords[hit.keyword] = max(keywords.get(hit.keyword, 0.0), at)
            first.setdefault(hit.category, offset + hit.start)
            seen.add(hit.category)
            if i in heads and themes[hit.category].weight(hit.keyword) >= DEFAULT_WEIGHT:
                about.add(hit.category)
            if i in listed:
                enumerated.add(hit.category)
            else:
                evidence.setdefault(hit.category, {})[hit.keyword] = themes[hit.category].weight(hit.keyword)
        if place == "title":
            headed |= seen
        is_body = place not in ("title", "run_in")
        if is_body:
            for category in seen:
                clauses[category] = clauses.get(category, 0) + 1
        offset += len(text) + 1
    own = {category: dict(keywords) for category, keywords in best.items()}
    if context_heading:
        for hit in matcher.hits(context_heading):
            keywords = best.setdefault(hit.category, {})
            keywords[hit.keyword] = max(keywords.get(hit.keyword, 0.0), CONTEXT_HEADING_FACTOR)
            first.setdefault(hit.category, offset + hit.start)
    topic_count = sum(1 for c in own if themes[c].role == TOPIC_ROLE)
    outside = {c for c in evidence if themes[c].role == TOPIC_ROLE}
    enumerated_only = len({c for c in enumerated if themes[c].role == TOPIC_ROLE} - outside) if len(outside) <= 1 else 0
    typology_index = ids.index(codebook.typology.theme) if codebook.typology.theme in ids else -1
    typed, structured = typology_evidence(tuple(own.get(typology_index, {})), body[0] if body else "", codebook)
    typed = typed or typology_index in headed
    target_re = _typology_target_re(codebook)
    targeted = typology_index in own and target_re is not None and any(target_re.search(t) for t in body)
    if structured:  # each type name heads its part of the paragraph; its measures are the types' own
        about.clear()
        best[typology_index] = dict.fromkeys(best[typology_index], HEADING_FACTOR)
    framing = is_framing_shape(
        " ".join(heading), body, codebook, framing_section,
        0 if structured else topic_count,  # organised by region types: not an overview of areas
        enumerated_only, position, genre,
    ) or (typology_index in own and not typed and topic_count == 0)  # a region type in passing
    framing_index = ids.index(FRAMING_THEME) if FRAMING_THEME in ids else -1
    if framing and framing_index >= 0:
        best.setdefault(framing_index, {})
        first.setdefault(framing_index, 0)
    scores = {}
    for category, keywords in best.items():
        theme = themes[category]
        topic = DOCUMENT_TOPIC_FACTOR if theme.id in document_topic else 1.0  # not in the title
        score = sum(theme.weight(k) * f * (1.0 if f == HEADING_FACTOR else topic) for k, f in keywords.items())
        scores[category] = score + SPREAD_BONUS * max(0, clauses.get(category, 0) - 1)
    best_topic = max((v for c, v in scores.items() if themes[c].role == TOPIC_ROLE), default=0.0)
    scored = []
    for category, keywords in best.items():
        theme = themes[category]
        dominant = len(keywords) >= CONTEXT_MIN_KEYWORDS and scores[category] >= CONTEXT_DOMINANCE * best_topic
        titled = (category in headed or (category == typology_index and structured)) and scores[category] >= best_topic
        if category == typology_index and not typed:  # named in passing: never the unit's point
            dominant = titled = False
        own_evidence = evidence.get(category, {})
        substantive = (
            (typed or targeted) if category == typology_index
            else category in headed
            or clauses.get(category, 0) >= SET_MIN_CLAUSES
            or any(w >= SET_SPECIFIC_WEIGHT for w in own_evidence.values())
            or (len(own_evidence) >= SET_MIN_KEYWORDS and sum(own_evidence.values()) >= SET_MIN_WEIGHT)
        )
        scored.append(ThemeScore(
            theme_id=theme.id,
            framing=framing and category == framing_index,
            eligible=theme.role == TOPIC_ROLE or best_topic == 0.0 or dominant or titled,
            score=scores[category],
            clauses=clauses.get(category, 0),
            first=first[category],
            order=category,
            own_weight=sum(theme.weight(k) for k in own.get(category, {})),
            context=theme.role == CONTEXT_ROLE,
            document_topic=theme.id in document_topic,
            substantive=substantive,
            about=theme.role == TOPIC_ROLE and category in about,
        ))
    scored.sort(key=lambda s: s.rank_key, reverse=True)
    return scored


def deciding_rule(ranking: Sequence[ThemeScore]) -> str:
    """The first rule (DECIDING_RULES) on which the best theme beats the runner-up ("only" for one)."""
    if not ranking:
        return ""
    if len(ranking) == 1:
        return "framing" if ranking[0].framing else "only"
    best, runner_up = ranking[0].rank_key, ranking[1].rank_key
    for rule, a, b in zip(DECIDING_RULES, best, runner_up, strict=True):
        if a != b:
            return rule
    return DECIDING_RULES[-1]


def unit_theme_set(ranking: Sequence[ThemeScore]) -> list[str]:
    """The unit's themes, best first: the primary, and every theme with substantive evidence of
    its own (ThemeScore.substantive: named in the unit's title, one specific term, or two
    distinct keywords outside enumerations of many areas weighing SET_MIN_WEIGHT; a region type
    only where the unit is organised by types or has one as subject) whose score is at least
    SET_MIN_SHARE of the primary's (a passing mention in a long paragraph is left out).
    A context theme that is the whole document's topic (the region type every article of a
    regulation names) is left out too: it says where the document applies, not this unit.
    A topic theme a body phrase with a measure is about (ThemeScore.about) enters at
    SET_ABOUT_SHARE of the primary's score, unless the primary is general_framing (2.2.0)."""
    if not ranking:
        return []
    top = ranking[0].score
    typology = load_codebook().typology.theme  # organised by type or a type as subject: never a passing mention
    return [
        s.theme_id
        for i, s in enumerate(ranking)
        if i == 0
        or (s.substantive and (s.score >= SET_MIN_SHARE * top or s.theme_id == typology) and not (s.context and s.document_topic))
        or (s.about and ranking[0].theme_id != FRAMING_THEME and s.score >= SET_ABOUT_SHARE * top)
    ]


def is_framing_section(title: str, codebook: Codebook | None = None) -> bool:
    """A section whose title is a framing heading (总体要求, 指导思想和发展目标 …)."""
    codebook = codebook or load_codebook()
    return bool(title) and _starts_with_framing_heading(title, codebook.framing_headings)


# --- one coding unit in its document (production and evaluation) ------------------------------

# Brackets of a title cited in the document's own title (关于印发《…措施》的通知): its topic is the document's
_TITLE_BRACKETS = str.maketrans("", "", "《》")
# The clause-table columns holding the titles around a unit, innermost first
_AROUND_COLUMNS = ("item_title", "section_title", "chapter_title")
_FRAMING_SECTION_COLUMNS = ("section_title", "chapter_title")


def _first_title(unit: pd.DataFrame, column: str) -> str:
    """The first non-blank value of a title column of a unit's clauses ("" when none)."""
    if column not in unit.columns:
        return ""
    values = unit[column].dropna().astype(str).str.strip()
    values = values[values != ""]
    return str(values.iloc[0]) if len(values) else ""


def unit_context_heading(unit: pd.DataFrame, doc_title: str = "") -> str:
    """The nearest heading around a unit that is not part of its own text: its item's, its
    section's, its chapter's title, else the document's title (a news page's headline)."""
    own_text = "".join(unit["text"].fillna("").astype(str))
    for column in _AROUND_COLUMNS:
        heading = _first_title(unit, column)
        if heading and heading not in own_text:
            return heading
    return doc_title.translate(_TITLE_BRACKETS)


def in_framing_section(unit: pd.DataFrame, codebook: Codebook | None = None) -> bool:
    """The unit's section or chapter title is a framing heading (总体要求; 第一章 发展基础)."""
    return any(is_framing_section(_first_title(unit, column), codebook) for column in _FRAMING_SECTION_COLUMNS)


def code_unit(
    unit: pd.DataFrame,
    codebook: Codebook | None = None,
    *,
    document_topic: frozenset[str] = frozenset(),
    last: bool = False,
    genre: str = "",
    doc_title: str = "",
    known_hits: dict[str, list[Hit]] | None = None,
) -> list[ThemeScore]:
    """rank_unit_themes on one coding unit of a clauses table, with its context in the document.

    `unit`: the unit's clause rows in order (columns text, is_heading, and item_title /
    section_title / chapter_title where known); `last`: the unit holds the document's last
    body clause; `genre`: the document's doc_type; `doc_title`: its title (the heading around a
    unit with no section or item). The one entry point of compare.primary_theme_per_unit (a
    numbered item or section) and theme_eval (a paragraph), so both apply the same rules.
    """
    codebook = codebook or load_codebook()
    texts = unit["text"].fillna("").astype(str).tolist()
    is_heading = unit["is_heading"].fillna(False).astype(bool).tolist()
    heading = [t for t, h in zip(texts, is_heading, strict=True) if h]
    body = [t for t, h in zip(texts, is_heading, strict=True) if not h]
    return rank_unit_themes(
        heading, body, codebook,
        context_heading=unit_context_heading(unit, doc_title),
        framing_section=in_framing_section(unit, codebook),
        document_topic=document_topic,
        known_hits=known_hits,
        position=LAST_POSITION if last else "",
        genre=genre,
    )
