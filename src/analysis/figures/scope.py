"""Scope of a figure: the area it concerns (`scope_place`, `scope_adcode`, `scope_level`).

A province's text is often about one of its cities, districts or parks: 南票区已治理采煤
沉陷区2542公顷 in a provincial reply is a district's figure. The decision, in order:

1. Site: the figure's comma segment names one park, mine or plant (SITE_RE: 产业园区,
   园中园, 开发区, 煤矿, 电站 …) and the figure is not a count of such sites (58家地方煤矿,
   开发区50个 count sites) → `site`; the place holding it is found as below.
2. A place or level word in the figure's own list item before it (the text since the last
   mark , ; 。 : 、): the nearest (其中:平顶山市1.2亿元、焦作市8600万元 → each its city),
   unless 等 closes the list before the figure (忻州市等4个市: step 3 reads the list).
3. Places named in the figure's clause (gazetteer `analysis.places`, titles 《…》 masked),
   and level words (全省/我省 → the document's province, 全市 → the issuer's city, else the
   document's main city, 全国 → national): the most specific level wins; when the clause
   lists several places of that level, the figure concerns them together: their common
   parent (攀枝花市、广安市…等7个市 → 四川省). A place naming the money's source (葫芦岛市本级,
   XX市财政) is not a scope. A county-level name written in full once in the document is
   also recognised bare later (南票区 … 为南票争取).
   Then the same in the rest of the figure's sentence (clauses split at ；).
4. In a reply letter or a news article, the same in the figure's paragraph (their
   paragraphs are about the place the proposal or story concerns; a plan's paragraph lists
   tasks of the whole province, where a county named in passing is an example, not a scope).
5. The document: the issuer's level (documents.csv `issuer_level`) and place (the most
   specific place in the issuer, else the province); when the issuer level is unknown, the
   most specific place of the title (青海省推进… → 青海省); else `unknown`.

`scope_place` is the gazetteer's official name (南票区, 葫芦岛市, 辽宁省), blank for national;
`scope_adcode` its 12-digit code (blank for national or when no place is named).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.places import COUNTY_LEVEL, PREFECTURE_LEVEL, PROVINCE_LEVEL, divisions, find_places
from analysis.text import masked_titles

NATIONAL = "national"
SITE = "site"
UNKNOWN = "unknown"
NATIONAL_PLACE = ""  # scope_place of a national figure: no division names the whole country
# more specific levels rank higher (the most specific place of a text wins)
LEVEL_RANK = {NATIONAL: 0, PROVINCE_LEVEL: 1, PREFECTURE_LEVEL: 2, COUNTY_LEVEL: 3}
# genres whose paragraphs are about one place (step 4)
PARAGRAPH_SCOPED_DOC_TYPES = frozenset({"reply", "news"})

# words naming a whole level without a place name (rules as data): level -> words
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    NATIONAL: ("全国",),
    PROVINCE_LEVEL: ("全省", "我省", "本省", "省域", "省内"),
    PREFECTURE_LEVEL: ("全市", "我市", "本市", "市域"),
    COUNTY_LEVEL: ("全县", "我县", "本县", "县域"),
}
# 全区/我区 mean the whole autonomous region in a provincial text of 广西, 内蒙古, 宁夏,
# 新疆 or 西藏, and a district elsewhere
REGION_WORDS = ("全区", "我区", "本区")
# matches a level word (group name = the level; REGION_WORDS under `region`)
LEVEL_WORD_RE = re.compile(
    "|".join(f"(?P<{level}>{'|'.join(words)})" for level, words in LEVEL_WORDS.items())
    + f"|(?P<region>{'|'.join(REGION_WORDS)})"
)
# matches a noun naming one site: a park, development zone, mine, quarry or plant
# (产业园区, 循环产业园区, 园中园, 经济开发区, 地方煤矿, 露天采石场, 光伏电站 …)
# (not 矿山/煤矿: 历史遗留矿山, 全省煤矿 name many)
SITE_RE = re.compile(
    r"产业园区?|工业园区?|园中园|园区|开发区|高新区|工业集中区|露天矿|采石场|电站|电厂"
)
# matches, right after a place, words making it the money's source, not its scope (葫芦岛市本级)
SOURCE_AFTER_PLACE_RE = re.compile(r"本级|财政|级")
# bare forms the gazetteer reads inside common words (迁安 in 搬迁安置)
IGNORED_FORMS = frozenset({"迁安"})
# matches 等 closing a list of places (忻州市等4个市): the figure counts the whole list
COLLECTIVE_RE = re.compile(r"等")
# matches the marks ending a list item (step 2)
ITEM_MARK_RE = re.compile(r"[,，;；。:：、\n]")
# matches the marks ending a comma segment for the site rule (the enumeration comma 、 is
# not one: 58家地方煤矿、23家露天采石场 is one segment)
SITE_SEGMENT_MARK_RE = re.compile(r"[,，;；。:：\n]")
COUNTED_SITE_GAP = 3  # a site noun this close (characters) to a count figure is what it counts


@dataclass(frozen=True)
class Scope:
    """The area a figure concerns: official name, 12-digit adcode, level."""

    place: str
    adcode: str
    level: str


@dataclass(frozen=True)
class _Candidate:
    """A place (or level word) named in a text at [start, end)."""

    start: int
    end: int
    scope: Scope


@dataclass(frozen=True)
class DocumentContext:
    """What the scope of a document's figures defaults to, and how to read its level words."""

    province: str
    default: Scope
    issuer_place: Scope | None  # the issuer's own place (全市 in a city's text), if known
    autonomous_region: bool  # 全区 means the province
    aliases: Mapping[str, Scope]  # bare forms of county names written in full (南票 → 南票区)
    main_places: Mapping[str, Scope]  # level -> the document's main place of that level


UNKNOWN_SCOPE = Scope("", "", UNKNOWN)


@dataclass(frozen=True)
class FigureInText:
    """A figure's position for scope: its clause, sentence and paragraph texts (each with
    the offset of its first character) and its own span, all in document offsets."""

    start: int
    end: int
    kind: str
    clause: tuple[int, str]
    sentence: tuple[int, str]
    paragraph: tuple[int, str]


def province_scope(province: str) -> Scope:
    """The Scope of a province by its official name (blank place when unknown)."""
    for division in divisions():
        if division.level == PROVINCE_LEVEL and division.name == province:
            return Scope(division.name, division.adcode, PROVINCE_LEVEL)
    return Scope("", "", PROVINCE_LEVEL)


@lru_cache(maxsize=1)
def _division_by_adcode() -> dict[str, Scope]:
    return {d.adcode: Scope(d.name, d.adcode, d.level) for d in divisions()}


def common_parent(scopes: list[Scope]) -> Scope:
    """The smallest division holding every one of `scopes` (places of one level): their
    prefecture, else their province, else national."""
    by_code = _division_by_adcode()
    for digits in (4, 2):
        heads = {s.adcode[:digits] for s in scopes}
        if len(heads) == 1:
            parent = by_code.get(next(iter(heads)).ljust(12, "0"))
            if parent is not None and LEVEL_RANK[parent.level] < LEVEL_RANK[scopes[0].level]:
                return parent
    return Scope(NATIONAL_PLACE, "", NATIONAL)


def most_specific(text: str, province: str) -> Scope | None:
    """The most specific gazetteer place of `text` (first of its level), or None."""
    best: Scope | None = None
    for mention in find_places(masked_titles(text), province):
        if best is None or LEVEL_RANK[mention.level] > LEVEL_RANK[best.level]:
            best = Scope(mention.name, mention.adcode, mention.level)
    return best


def document_context(
    province: str,
    issuer: str,
    issuer_level: str,
    title: str,
    texts: Iterable[str],
) -> DocumentContext:
    """The scope defaults of one document (see the module docstring, step 5), and the bare
    forms of the county-level names its `texts` (its clauses) write in full."""
    issuer_place = most_specific(issuer, province) if issuer else None
    if issuer_level == NATIONAL:
        default = Scope(NATIONAL_PLACE, "", NATIONAL)
    elif issuer_level == PROVINCE_LEVEL:
        default = province_scope(province)
    elif issuer_level in (PREFECTURE_LEVEL, COUNTY_LEVEL):
        same = issuer_place is not None and issuer_place.level == issuer_level
        default = issuer_place if same else Scope("", "", issuer_level)
    else:
        default = most_specific(title, province) or UNKNOWN_SCOPE
    aliases: dict[str, Scope] = {}
    mentions: Counter[Scope] = Counter()
    for text in texts:
        for mention in find_places(masked_titles(text), province):
            if mention.surface in IGNORED_FORMS:
                continue
            found = Scope(mention.name, mention.adcode, mention.level)
            mentions[found] += 1
            bare = mention.name[:-1]
            if mention.level == COUNTY_LEVEL and mention.name[-1] in "区县旗" and len(bare) >= 2:
                aliases.setdefault(bare, found)
    main_places: dict[str, Scope] = {}
    title_place = most_specific(title, province) if title else None
    for level in (PREFECTURE_LEVEL, COUNTY_LEVEL):
        if issuer_place is not None and issuer_place.level == level:
            main_places[level] = issuer_place
        elif title_place is not None and title_place.level == level:
            main_places[level] = title_place
        else:
            ranked = sorted((-n, s.adcode, s) for s, n in mentions.items() if s.level == level)
            if ranked:
                main_places[level] = ranked[0][2]
    # a county-level city's 全市 is the city itself (冷水江市人民政府, or a title naming
    # 玉门市 and no prefecture: 全市 → that city)
    for own in (issuer_place, title_place):
        if own is not None and own.level == COUNTY_LEVEL and own.place.endswith("市"):
            main_places[PREFECTURE_LEVEL] = own
            break
    return DocumentContext(
        province=province,
        default=default,
        issuer_place=issuer_place if issuer_place and issuer_place.level == issuer_level else None,
        autonomous_region=province.endswith("自治区") and issuer_level == PROVINCE_LEVEL,
        aliases=aliases,
        main_places=main_places,
    )


def _level_word_scope(level: str, context: DocumentContext) -> Scope:
    """The Scope a level word names in a document (全省 → its province)."""
    if level == "region":
        level = PROVINCE_LEVEL if context.autonomous_region else COUNTY_LEVEL
    if level == NATIONAL:
        return Scope(NATIONAL_PLACE, "", NATIONAL)
    if level == PROVINCE_LEVEL:
        return province_scope(context.province)
    return context.main_places.get(level, Scope("", "", level))


def candidates(text: str, offset: int, context: DocumentContext) -> list[_Candidate]:
    """Places, bare county names and level words named in `text` (offsets + `offset`)."""
    masked = masked_titles(text)
    found = [
        _Candidate(offset + m.start, offset + m.end, Scope(m.name, m.adcode, m.level))
        for m in find_places(masked, context.province)
        if m.surface not in IGNORED_FORMS and not SOURCE_AFTER_PLACE_RE.match(masked, m.end)
    ]
    for bare, scope in context.aliases.items():
        position = masked.find(bare)
        while position >= 0:
            found.append(_Candidate(offset + position, offset + position + len(bare), scope))
            position = masked.find(bare, position + len(bare))
    for m in LEVEL_WORD_RE.finditer(masked):
        level = m.lastgroup or ""
        found.append(
            _Candidate(offset + m.start(), offset + m.end(), _level_word_scope(level, context))
        )
    return found


def choose(found: list[_Candidate], start: int, end: int) -> Scope | None:
    """The most specific candidate; when several distinct named places share that level,
    their common parent; else the one with a name, the nearest before the figure
    [start, end), then the first after it."""
    if not found:
        return None
    top = max(LEVEL_RANK[c.scope.level] for c in found)
    named = sorted(
        {c.scope for c in found if LEVEL_RANK[c.scope.level] == top and c.scope.place},
        key=lambda s: s.adcode,
    )
    if len(named) > 1 and top > LEVEL_RANK[NATIONAL]:
        return common_parent(named)

    def key(candidate: _Candidate) -> tuple[int, int, int, int]:
        before = candidate.end <= start
        distance = start - candidate.end if before else candidate.start - end
        return (
            -LEVEL_RANK[candidate.scope.level],
            0 if candidate.scope.place else 1,
            0 if before else 1,
            distance,
        )

    return min(found, key=key).scope


def is_site(text: str, offset: int, start: int, end: int, kind: str) -> bool:
    """True when the figure's comma segment of `text` names one site (SITE_RE) that the
    figure does not count (a count figure next to a site noun counts sites)."""
    low, high = start - offset, end - offset
    marks_before = [m.end() for m in SITE_SEGMENT_MARK_RE.finditer(text, 0, low)]
    segment_start = marks_before[-1] if marks_before else 0
    mark_after = SITE_SEGMENT_MARK_RE.search(text, high)
    segment_end = mark_after.start() if mark_after else len(text)
    segment = masked_titles(text[segment_start:segment_end])
    sites = list(SITE_RE.finditer(segment))
    if not sites:
        return False
    if kind == "count":
        low_in, high_in = low - segment_start, high - segment_start
        for site in sites:
            if low_in - COUNTED_SITE_GAP <= site.end() <= low_in:
                return False
            if high_in <= site.start() <= high_in + COUNTED_SITE_GAP:
                return False
    return True


def in_item(found: list[_Candidate], text: str, offset: int, start: int) -> Scope | None:
    """The candidate nearest before the figure within its list item (step 2), or None."""
    marks = [m.end() for m in ITEM_MARK_RE.finditer(text, 0, start - offset)]
    item_start = offset + (marks[-1] if marks else 0)
    before = [c for c in found if item_start <= c.start and c.end <= start]
    if not before:
        return None
    nearest = max(before, key=lambda c: c.end)
    if COLLECTIVE_RE.search(text, nearest.end - offset, start - offset):
        return None  # 大同市、朔州市、忻州市等4个市: the list as a whole (step 3)
    return nearest.scope


def scope_of(
    figure: FigureInText,
    context: DocumentContext,
    doc_type: str,
    cache: dict[tuple[int, str], list[_Candidate]] | None = None,
) -> Scope:
    """The scope of one figure (module docstring, steps 1-5). `cache` keeps the candidates
    of each (offset, text) read, for the figures that share a clause, sentence or paragraph."""

    def found_in(offset: int, text: str) -> list[_Candidate]:
        if cache is None:
            return candidates(text, offset, context)
        key = (offset, text)
        if key not in cache:
            cache[key] = candidates(text, offset, context)
        return cache[key]

    clause_offset, clause_text = figure.clause
    clause_found = found_in(clause_offset, clause_text)
    place = in_item(clause_found, clause_text, clause_offset, figure.start)
    if place is None:
        place = choose(clause_found, figure.start, figure.end)
    texts = [figure.sentence]
    if doc_type in PARAGRAPH_SCOPED_DOC_TYPES:
        texts.append(figure.paragraph)
    for offset, text in texts:
        if place is not None:
            break
        place = choose(found_in(offset, text), figure.start, figure.end)
    place = place or context.default
    if is_site(clause_text, clause_offset, figure.start, figure.end, figure.kind):
        return Scope(place.place, place.adcode, SITE)
    return place


def _joined(rows: list[tuple[int, str]]) -> tuple[int, str]:
    """(offset, text) of clauses in text order, gaps kept as spaces (offsets stay true)."""
    offset = rows[0][0]
    parts: list[str] = []
    cursor = offset
    for start, text in rows:
        if start < cursor:
            continue
        parts.append(" " * (start - cursor))
        parts.append(text)
        cursor = start + len(text)
    return offset, "".join(parts)


def add_scope(
    figures: pd.DataFrame, clauses: pd.DataFrame, documents: pd.DataFrame
) -> pd.DataFrame:
    """`figures` with scope_place, scope_adcode and scope_level filled (a copy).

    `clauses` gives each figure's clause, sentence and paragraph; `documents` the province,
    issuer, issuer_level (blank or absent: unknown), title and doc_type of each document."""
    figures = figures.copy()
    if figures.empty:
        for column in ("scope_place", "scope_adcode", "scope_level"):
            figures[column] = pd.Series(dtype=object)
        return figures
    fields: dict[str, dict[str, str]] = {}  # column -> doc_id -> value ("" when blank)
    for name in ("province", "issuer", "issuer_level", "title", "doc_type"):
        values = documents[name].tolist() if name in documents.columns else [""] * len(documents)
        fields[name] = {
            doc_id: "" if value is None or pd.isna(value) else str(value)
            for doc_id, value in zip(documents["doc_id"].tolist(), values, strict=True)
        }

    def doc_field(doc_id: str, name: str) -> str:
        return fields[name].get(doc_id, "")

    needed = clauses[clauses["doc_id"].isin(set(figures["doc_id"]))]
    by_clause: dict[str, tuple[str, int, int, int, str]] = {}
    sentences: dict[tuple[str, int], list[tuple[int, str]]] = {}
    paragraphs: dict[tuple[str, int], list[tuple[int, str]]] = {}
    doc_texts: dict[str, list[str]] = {}
    paragraph_column = "paragraph_no" if "paragraph_no" in needed.columns else "sentence_no"
    for clause_id, doc_id, sentence_no, paragraph_no, start, text in zip(
        *(
            needed[c].tolist()
            for c in ("clause_id", "doc_id", "sentence_no", paragraph_column, "start", "text")
        ),
        strict=True,
    ):
        paragraph = int(paragraph_no) if not pd.isna(paragraph_no) else -int(sentence_no)
        by_clause[clause_id] = (doc_id, int(sentence_no), paragraph, int(start), text)
        sentences.setdefault((doc_id, int(sentence_no)), []).append((int(start), text))
        paragraphs.setdefault((doc_id, paragraph), []).append((int(start), text))
        doc_texts.setdefault(doc_id, []).append(text)
    contexts = {
        doc_id: document_context(
            doc_field(doc_id, "province"),
            doc_field(doc_id, "issuer"),
            doc_field(doc_id, "issuer_level") or UNKNOWN,
            doc_field(doc_id, "title"),
            doc_texts.get(doc_id, []),
        )
        for doc_id in sorted(set(figures["doc_id"]))
    }
    scopes = []
    joined: dict[tuple[str, str, int], tuple[int, str]] = {}  # sentence and paragraph texts

    def text_of_run(what: str, doc_id: str, number: int) -> tuple[int, str]:
        key = (what, doc_id, number)
        if key not in joined:
            runs = sentences if what == "sentence" else paragraphs
            joined[key] = _joined(sorted(runs[(doc_id, number)]))
        return joined[key]

    caches: dict[str, dict[tuple[int, str], list[_Candidate]]] = {}
    for doc_id, clause_id, start, end, kind in zip(
        *(figures[c].tolist() for c in ("doc_id", "clause_id", "start", "end", "kind")), strict=True
    ):
        if clause_id not in by_clause:
            scopes.append(contexts[doc_id].default)
            continue
        _doc, sentence_no, paragraph, clause_start, clause_text = by_clause[clause_id]
        figure = FigureInText(
            int(start), int(end), str(kind), (clause_start, clause_text),
            text_of_run("sentence", doc_id, sentence_no),
            text_of_run("paragraph", doc_id, paragraph),
        )  # fmt: skip
        cache = caches.setdefault(doc_id, {})
        scopes.append(scope_of(figure, contexts[doc_id], doc_field(doc_id, "doc_type"), cache))
    figures["scope_place"] = [s.place for s in scopes]
    figures["scope_adcode"] = [s.adcode for s in scopes]
    figures["scope_level"] = [s.level for s in scopes]
    return figures
