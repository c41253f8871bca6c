"""Status: is a figure a commitment, an achievement, or unknown, and which rule said so.

`decide_status(before, after, placement, ...)` is the one entry point: production
(figures.extract) and the tests call it, with the figure's `Placement` (document year,
doc_type, part and the titles over its clause). The rules, in order, and the
`status_cue` each writes:

1. the nearest strong cue or dated year before the figure in its sentence
   (STRONG_CUE_RE, year_status)                                -> the cue: 力争, 已, 到2025年
   a cumulative cue (累计) yields to forward cues before it       -> that forward cue
2. the paragraph frame (下一步 / 近年来 / a year earlier in it)    -> 下一步(paragraph)
3. a strong cue after the figure in its clause                  -> 将(after)
4. the title or genre default (`title_frame`, `genre_default`), when no weak cue or
   only a two-way one (TWO_WAY_CUES) speaks                     -> (主要工作成效) / (report) / (补助)
5. a weak cue before, else after (WEAK_CUE_RE)                  -> 争取, 获得
6. the body of a plan, opinion or notice (FORWARD_DOC_TYPES)    -> (plan)
   except under a background title (一、发展基础)                 -> unknown, ''
7. nothing decides                                              -> unknown, ''
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.figures.quantities import compile_with_first_chars
from analysis.figures.years import (
    OPENING_ROLES,
    WHOLE_YEAR_RE,
    YearMention,
    year_mentions,
    year_status,
)

# matches strong status cues (decisive when nearest before the figure in its sentence)
#   commitment: 力争 将 拟 预计 确保 尚需 下一步 今后 目标是, and 计划 as a verb
#     (计划搬迁 计划在 计划总投资; not the noun: 倍增计划， “百校千企”计划 计划指标 按计划)
#   achievement: 已 (not 对已稳沉区域: 已 inside the object) 累计 (not 三年累计: a span
#     of years) 截至 近年来 近三年 目前 先后 过去 以来 共计, and the current state
#     现有 共有 拥有 现存 (全国现有资源型城市262个; not after a verb or preposition that
#     makes it an attribute of the object: 改造提升现有园区, 培育拥有核心技术的企业)
STRONG_CUE_PATTERN = (
    r"(?P<commitment>力争|将|拟|预计|确保|尚需|下一步|下阶段|今后|接下来|预期|目标(?:是|为)"
    r"|(?<![按照据入原”\"》])计划(?=[\u4e00-\u9fff])(?![的中和与及等指项书内外表单生经任期])"
    r")"
    r"|(?P<achievement>(?<![对于把])已|(?<![0-9一二两三四五六七八九十]年)累计|截至|截止|近年来|近几年"
    r"|近[0-9一二两三四五六七八九十]+年|目前|先后|过去|以来|共计|此前"
    r"|(?<![对于把将在用托造升活合挥化好持育励引扶助])(?:现有|共有|拥有|现存))"
)
STRONG_CUE_RE = compile_with_first_chars(
    STRONG_CUE_PATTERN, "力将拟预确尚下今接计目已累截近先过以共此现拥"
)
# cumulative and current-state cues: achievement unless the other cues before them in the
# sentence all look forward (力争“十四五”期间累计争取中央资金超过一百亿元 and 到2025年,全省
# 现有煤矿减少到45处 are commitments; 2018年,…将南票区纳入…,累计获得 stays an achievement)
CUMULATIVE_CUES = frozenset({"累计", "共计", "现有", "共有", "拥有", "现存"})
# matches the end of a clause (a cue after a figure is read up to it, not into the next clause)
CLAUSE_END_RE = re.compile(r"[;；。]")
# document types whose body states future action: a figure there without any cue is a
# commitment (replies and reports mostly state past results: they keep "unknown")
FORWARD_DOC_TYPES = frozenset({"plan", "opinion", "notice"})
# matches a section, item or sub-item title that reads as background (the facts before the
# plan: 一、发展基础, (一)发展现状, 面临的形势, 取得成效, 规划背景): there a figure without a cue
# stays unknown instead of defaulting to a commitment
# (取得成效 / 工作回顾 are results titles, RESULTS_TITLE_RE, read first)
BACKGROUND_TITLE_RE = re.compile(r"发展基础|现状|基本情况|面临(?:的)?形势|背景")
BACKGROUND_TITLE_COLUMNS = ("section_title", "item_title", "sub_title")
# the titles that frame a clause, innermost first: the first that reads as results or as
# plans sets the default status of the figures under it
FRAME_TITLE_COLUMNS = ("sub_title", "item_title", "section_title", "chapter_title")
# matches a title that reads as plans: 2023年工作安排, 工作计划, 下一步工作, 主要目标,
# 发展目标, 目标任务, 重点任务, 主要任务, 2023年重点工作 (a year before the document's is
# past work: it reads as results)
PLAN_TITLE_RE = re.compile(
    r"工作(?:安排|计划|打算|思路)|下一步|下阶段|(?:主要|发展|总体)目标|目标任务|重点任务|主要任务"
    r"|(?P<year>(?:19|20)[0-9]{2})年(?:工作|重点|主要)"
)
# matches a title that reads as results: 主要工作成效, 取得的成绩, 工作进展, 完成情况,
# 开展情况, 工作情况, 工作回顾, 工作总结 (a bare 主要工作 is not one: in a plan it lists tasks;
# 发展基础 / 现状 / 基本情况 are background, BACKGROUND_TITLE_RE, and keep their treatment)
# A bare 成效 is not enough: 巩固提升污染防治成效 is a task of a plan.
RESULTS_TITLE_RE = re.compile(
    r"(?:主要|取得(?:的)?|工作|总体|发展|建设|转型)(?:成效|成绩|成就|进展)|进展情况|(?:完成|开展|执行|落实|工作)情况|工作回顾|工作总结"
)
# two-way cues (争取 新增 完成 控制在 实现 达到): a results or plans frame, or a report's
# genre, decides them instead of their default reading
TWO_WAY_CUES = frozenset({"争取", "新增", "新建", "完成", "控制在", "实现", "达到"})
# matches a rule word of a regulation (办法/条例, doc_type other) granting money or support:
# 每户补助1.2万元 / 另行奖励5000元 / 按照…30%给予补助 / 奖补 / 补贴 -- a promised payment
RULE_WORD_RE = re.compile(r"补助|奖励|奖补|补贴")
# matches a penalty: 罚款 / 处以 / 并处 -- money a rule takes, never a promised payment
PENALTY_RE = re.compile(r"罚款|罚金|处以|并处|没收")
# matches ambiguous cues, used only when nothing stronger decides; default reading:
#   争取 / 新增 / 全面完成 / 安排 / 不少于 (a floor) -> commitment;  获得 / 了 (after a verb) -> achievement;  完成 / 达到 / 实现 -> none
WEAK_CUE_PATTERN = (
    r"(?P<commitment>争取|新增|新建|力求|全面完成|确保完成|安排|不少于|不低于|不超过|不高于|控制在)"
    r"|(?P<achievement>获得|(?<![为除])了(?![解])|取得)"
    r"|(?P<none>完成|达到|实现)"
)
WEAK_CUE_RE = compile_with_first_chars(WEAK_CUE_PATTERN, "争新力全确安不控获了取完达实")
# matches paragraph frames: cues that set the status of the sentences after them
FRAME_CUE_PATTERN = (
    r"(?P<commitment>下一步|下阶段|今后|接下来)"
    r"|(?P<achievement>近年来|近几年|目前|截至|截止|以来|过去)"
)
FRAME_CUE_RE = compile_with_first_chars(FRAME_CUE_PATTERN, "下今接近目截以过")


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - keep the last match
        pass
    return last


@dataclass(frozen=True)
class ParagraphFrame:
    """What the paragraph before a sentence says: a status frame (下一步 -> commitment,
    近年来 -> achievement, a dated year) and the target year or period opening one of its
    sentences (到2025年, / “十三五”期间,), which dates the later sentences."""

    status: str = ""
    cue: str = ""
    opening: YearMention | None = None


def paragraph_frame(paragraph_before: str, doc_year: int | None) -> ParagraphFrame:
    """The frame set by `paragraph_before` (its paragraph up to the start of a sentence)."""
    frames: list[tuple[int, str, str]] = []  # (position, status, cue)
    for m in FRAME_CUE_RE.finditer(paragraph_before):
        frames.append((m.start(), m.lastgroup or "", m.group()))
    opening = None
    for mention in year_mentions(paragraph_before, doc_year):
        status = year_status(mention, doc_year)
        if status:
            frames.append((mention.start, status, mention.text))
        if mention.role in OPENING_ROLES and _opens_sentence(paragraph_before, mention.start):
            opening = mention
    if not frames:
        return ParagraphFrame(opening=opening)
    _position, status, cue = max(frames)
    return ParagraphFrame(status, f"{cue}(paragraph)", opening)


def _opens_sentence(text: str, position: int) -> bool:
    """True when `position` starts a sentence of `text` (到2025年, ... after 。 or a heading)."""
    end = position  # text[:end] is text[:position] without its trailing whitespace
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end == 0 or text[end - 1] in "。:：;；!！?？" or text[max(0, end - 2) : end] == "展望"


# sentence-end marks that no year expression (YEAR_RE) or frame cue (FRAME_CUE_RE) can
# contain, so no match reaches across one: the matches in a paragraph up to such a mark
# are those read up to an earlier one plus those read from there (tests/test_figures.py
# checks ParagraphFrames against paragraph_frame)
FRAME_SAFE_MARKS = frozenset("。!！?？;；")


class ParagraphFrames:
    """`paragraph_frame` at the sentence starts of one paragraph, in text order, reading
    the paragraph once.

    A long paragraph (a document without line breaks) has many sentences; computing the
    frame of each from its own paragraph_before would read the paragraph again for every
    sentence. Here each request reads only the text since the previous one: at a cut right
    after a FRAME_SAFE_MARKS mark, the cues and year mentions before the cut are those
    already read plus those of the new stretch. Any other cut is computed directly.
    """

    def __init__(self, masked: str, start: int, end: int, doc_year: int | None) -> None:
        self.masked, self.start, self.doc_year = masked, start, doc_year
        self.text = masked[start:end]
        self.read_up_to = 0  # text[:read_up_to] is read (0, or a cut after a safe mark)
        self.latest_cue: tuple[int, str, str] | None = None  # (position, status, cue)
        self.opening: YearMention | None = None

    def frame_at(self, sentence_start: int) -> ParagraphFrame:
        """paragraph_frame(masked[paragraph start : sentence_start], doc_year)."""
        cut = sentence_start - self.start
        if not (
            self.read_up_to <= cut <= len(self.text)
            and cut > 0
            and self.text[cut - 1] in FRAME_SAFE_MARKS
        ):
            return paragraph_frame(self.masked[self.start : sentence_start], self.doc_year)
        self._read(cut)
        if self.latest_cue is None:
            return ParagraphFrame(opening=self.opening)
        _position, status, cue = self.latest_cue
        return ParagraphFrame(status, f"{cue}(paragraph)", self.opening)

    def _read(self, cut: int) -> None:
        """Take in the cues and year mentions of text[read_up_to:cut]."""
        cues = [
            (m.start(), m.lastgroup or "", m.group())
            for m in FRAME_CUE_RE.finditer(self.text, self.read_up_to, cut)
        ]
        for mention in year_mentions(self.text, self.doc_year, self.read_up_to, cut):
            status = year_status(mention, self.doc_year)
            if status:
                cues.append((mention.start, status, mention.text))
            if mention.role in OPENING_ROLES and _opens_sentence(self.text, mention.start):
                self.opening = mention
        if cues:
            self.latest_cue = max(cues if self.latest_cue is None else [self.latest_cue, *cues])
        self.read_up_to = cut


@dataclass(frozen=True)
class TitleFrame:
    """What the titles over a clause say: status `commitment` (plans) or `achievement`
    (results) or '' (neither), the title that says it, and a year it names (2023年工作安排)."""

    status: str = ""
    title: str = ""
    year: int | None = None


_NO_TITLE_FRAME = TitleFrame()


@lru_cache(maxsize=4096)
def title_frame(titles: tuple[str, ...], doc_year: int | None) -> TitleFrame:
    """The frame of the first title (innermost first) that reads as plans or results."""
    for title in titles:
        if RESULTS_TITLE_RE.search(
            title
        ):  # 2022年工作情况, 主要目标完成情况: results, even with a plans word
            return TitleFrame("achievement", title)
        plan = PLAN_TITLE_RE.search(title)
        if plan and plan.group("year"):
            year = int(plan.group("year"))
            if doc_year is not None and year < doc_year:  # 2021年工作 in a 2022 document: past
                return TitleFrame("achievement", title, year)
            return TitleFrame("commitment", title, year)
        if plan:
            return TitleFrame("commitment", title)
    return _NO_TITLE_FRAME


@lru_cache(maxsize=4096)
def _reads_as_background(title: str) -> bool:
    return BACKGROUND_TITLE_RE.search(title) is not None


def _is_background_title(title: object) -> bool:
    """True for a title (str; blank titles are '' or NaN) that reads as background."""
    return isinstance(title, str) and title != "" and _reads_as_background(title)


@dataclass(frozen=True)
class Placement:
    """Where a figure sits, as production knows it: the document's issue year (None when
    unknown) and doc_type, the clause's part (body, front_matter) and the titles over it
    (blank titles may be '' or NaN, as in the clauses table)."""

    doc_year: int | None = None
    doc_type: str = ""
    part: str = "body"
    sub_title: object = ""
    item_title: object = ""
    section_title: object = ""
    chapter_title: object = ""

    def titles(self) -> tuple[str, ...]:
        """The non-blank titles over the clause, innermost first (FRAME_TITLE_COLUMNS)."""
        key = (self.sub_title, self.item_title, self.section_title, self.chapter_title)
        return tuple(t for t in key if isinstance(t, str) and t)

    def under_background_title(self) -> bool:
        """True when the section, item or sub-item title reads as background."""
        return (
            _is_background_title(self.section_title)
            or _is_background_title(self.item_title)
            or _is_background_title(self.sub_title)
        )


def genre_default(frame: TitleFrame, doc_type: str, before: str, after: str) -> tuple[str, str]:
    """The default (status, cue) of a body figure (rule 4): the title frame, else the genre:
    a report states results; a regulation (other) grants payments by rule (每户补助1.2万元:
    a promised payment; a penalty, 罚款, is not one). ('', '') when neither says."""
    if frame.status:
        return frame.status, f"({frame.title})"
    if doc_type == "report":
        return "achievement", "(report)"
    if doc_type == "other" and not PENALTY_RE.search(before + after):
        clause_end = CLAUSE_END_RE.search(after)
        rule = _last_match(RULE_WORD_RE, before) or RULE_WORD_RE.search(
            after, 0, clause_end.start() if clause_end else len(after)
        )
        if rule:
            return "commitment", f"({rule.group()})"
    return "", ""


def decide_status(
    before: str,
    after: str,
    placement: Placement,
    *,
    paragraph_before: str = "",
    frame: ParagraphFrame | None = None,
    before_years: list[YearMention] | None = None,
) -> tuple[str, str]:
    """Status of a figure and the cue that decided it (the rules of the module docstring).

    `before`: its sentence from the start up to the figure; `after`: the rest of the
    sentence (both with 《titles》 masked); `placement`: where it sits. The paragraph
    before the sentence is given as text (`paragraph_before`) or as its frame (`frame`,
    what ParagraphFrames reads once per paragraph); `before_years`: the year mentions of
    `before` when already read (year_mentions(before, doc_year)).
    """
    doc_year = placement.doc_year
    if before_years is None:
        before_years = year_mentions(before, doc_year)
    if frame is None:
        frame = paragraph_frame(paragraph_before, doc_year)
    in_body = placement.part == "body"
    forward = placement.doc_type if in_body and placement.doc_type in FORWARD_DOC_TYPES else ""
    default = (
        genre_default(title_frame(placement.titles(), doc_year), placement.doc_type, before, after)
        if in_body
        else ("", "")
    )
    status, cue = _status_from_cues(before, after, before_years, frame, doc_year, forward, default)
    if forward and cue == f"({forward})" and placement.under_background_title():
        return "unknown", ""  # no cue, under 一、发展基础: a fact, not a commitment
    return status, cue


def _status_from_cues(
    before: str,
    after: str,
    before_years: list[YearMention],
    frame: ParagraphFrame,
    doc_year: int | None,
    forward_doc_type: str,
    default: tuple[str, str],
) -> tuple[str, str]:
    """Rules 1-7 of the module docstring (the background exception of rule 6 apart)."""
    candidates: list[tuple[int, str, str]] = []  # (position, status, cue)
    for m in STRONG_CUE_RE.finditer(before):
        candidates.append((m.start(), m.lastgroup or "", m.group()))
    for mention in before_years:
        status = year_status(mention, doc_year)
        if status:
            candidates.append((mention.start, status, mention.text))
    if candidates:
        _position, status, cue = max(candidates)
        others = [c for c in candidates if c[2] not in CUMULATIVE_CUES]
        if cue in CUMULATIVE_CUES and others and all(c[1] == "commitment" for c in others):
            _position, status, cue = max(others)  # 力争“十四五”期间累计争取 (no past cue)
        return status, cue
    if frame.status:
        return frame.status, frame.cue
    clause_end = CLAUSE_END_RE.search(after)
    clause_after = after[: clause_end.start()] if clause_end else after
    first_after = STRONG_CUE_RE.search(clause_after)
    if first_after:
        return first_after.lastgroup or "", f"{first_after.group()}(after)"
    weak = _last_match(WEAK_CUE_RE, before) or WEAK_CUE_RE.search(clause_after)
    if default[0] and (weak is None or weak.group() in TWO_WAY_CUES):
        return default
    if weak and weak.lastgroup != "none":
        return weak.lastgroup or "", weak.group()
    if forward_doc_type:
        return "commitment", f"({forward_doc_type})"
    return "unknown", ""  # 完成 / 达到 / 实现 alone do not say which


def framed_year(
    titled: TitleFrame, report_year: int | None, status: str, cue: str, sentence: str
) -> tuple[int, str] | None:
    """(year, role) for a body figure the text dates only by its frame: a plans title
    naming a year (2023年工作安排 -> 2023, target); in a report on one year (关于2022年…
    的报告, `report_year`), 全年 / 年内 in its sentence, or an achievement under a results
    title that is not a cumulative total (累计), -> that year, reference. None otherwise."""
    if titled.status == "commitment" and titled.year is not None and status == "commitment":
        return titled.year, "target"
    if report_year is None or status == "commitment":
        return None
    if WHOLE_YEAR_RE.search(sentence):
        return report_year, "reference"
    if titled.status == "achievement" and status == "achievement" and not cue.startswith("累计"):
        return report_year, "reference"
    return None
