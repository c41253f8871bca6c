"""Frames: what a figure's section titles and the paragraphs before its sentence say about
its status (the section and paragraph frames of analysis.figures.status).

- `title_frame(titles, doc_year)`: the first title, innermost first, that reads as results
  (2023年工作回顾, 主要工作成效) or plans (2024年工作安排, 主要任务), with the year it names;
  `background_frame`: a background or problems title (基本情况, 存在的问题);
- `paragraph_frame(paragraph_before, doc_year)`: the last frame cue (下一步, 近年来, 新的一年) or
  dated year of the paragraph before a sentence; `ParagraphFrames` reads a paragraph once
  for all its sentences; `carried_frame`: the frame a paragraph opening with an enumeration
  marker (一是…, （二）…) takes over from the paragraph it continues;
- `year_cue(mention, doc_year)`: the (status, status_cue) of a year expression compared with
  the document's year (as_of:, past_year:, target_year:, future_year:, since:).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from analysis.figures.quantities import compile_with_first_chars
from analysis.figures.years import OPENING_ROLES, YearMention, year_mentions, year_status

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
    r"工作(?:安排|计划|打算|思路)|下一步|下阶段|(?:主要|发展|总体|预期)目标|目标任务|重点任务|主要任务"
    r"|(?P<year>(?:19|20)[0-9]{2})年(?:工作|重点|主要)|今年(?:的)?(?:工作|重点|主要)|今后五年|新的一年"
)
# matches a title that reads as results: 主要工作成效, 取得的成绩, 工作进展, 完成情况,
# 开展情况, 工作情况, 工作回顾, 工作总结 (a bare 主要工作 is not one: in a plan it lists tasks;
# 发展基础 / 现状 / 基本情况 are background, BACKGROUND_TITLE_RE, and keep their treatment)
# A bare 成效 is not enough: 巩固提升污染防治成效 is a task of a plan.
RESULTS_TITLE_RE = re.compile(
    r"(?:主要|取得(?:的)?|工作|总体|发展|建设|转型)(?:成效|成绩|成就|进展)|进展情况|(?:完成|开展|执行|落实|工作)情况|工作回顾|工作总结"
    r"|过去(?:一|五|[0-9]+)年"
)
# matches a results word as the object of a task (巩固转型成效, 扩大建设成果, 提升发展成效,
# 在转型上取得成效, 力争取得突破): such a title names work to do, not results
TASK_ON_RESULTS_RE = re.compile(
    r"(?:巩固|提升|扩大|拓展|放大|确保|持续|提高|深化)[^，,。、]{0,6}(?:成效|成绩|成就|进展|成果)"
    r"|上取得|(?:力争|确保|努力|推动)[^，,。、]{0,8}取得"
)
# matches paragraph frames: cues that set the status of the sentences after them
#   commitment: 下一步 下阶段 今后 接下来 新的一年 (a work report turning to its plans),
#     预期目标是 / 预期目标: (今年发展主要预期目标是: …, also in news of a work report;
#     not 完成了预期目标, a review's words)
#   achievement: 近年来 近几年 目前 截至 截止 以来 过去 + a span (过去一年, 过去的五年; not
#     改变过去的做法) 五年来 三年来; in a data release, 1—9月 / 前三季度 / 前10个月 and
#     据统计 / 统计显示 / 数据显示 (the months already elapsed; data gathered)
FRAME_CUE_PATTERN = (
    r"(?P<commitment>下一步|下阶段|今后|接下来|新的一年|预期目标(?:是|为|[:：]))"
    r"|(?P<achievement>近年来|近几年|目前|截至|截止|以来|过去(?=的?(?:[0-9一二两三四五六七八九十几]+年|一段时间))"
    r"|(?<![0-9一二两三四五六七八九十])[一二两三四五六七八九十]年来"
    r"|(?<![0-9])(?:1|一)(?:—{1,2}|[-－~～至到])(?:1[0-2]|[2-9]|十[一二]?|[二三四五六七八九])月"
    r"|前(?:[一二三]|[1-3])季度|前(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})个月"
    r"|据(?:初步)?统计|统计显示|数据显示)"
)
FRAME_CUE_RE = compile_with_first_chars(
    FRAME_CUE_PATTERN, "下今接新预近目截以过一二两三四五六七八九十1前据统数"
)


def last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - keep the last match
        pass
    return last


def year_cue(
    mention: YearMention, doc_year: int | None, reviewed: int | None = None
) -> tuple[str, str]:
    """(status, status_cue) a year expression gives, compared with the document's year:
    截至2020年底 -> (achievement, as_of:截至2020年底); 到2015年 in 2019 -> (achievement,
    past_year:2015<2019); 到2025年 -> (commitment, target_year:到2025年); 2026年 in 2022 ->
    (commitment, future_year:2026>2022); “十三五”期间 in 2021 -> (achievement,
    past_period:“十三五”期间); a baseline or the document's own year -> ('', '').
    `reviewed`: the year the document reviews (years.year_status); a year ending in it
    when it is the document's own gives past_year:2021<=2021 (reviewed)."""
    status = year_status(mention, doc_year, reviewed)
    if not status:
        return "", ""
    if mention.role == "as_of":
        return status, f"as_of:{mention.text}"
    if mention.text.endswith("以来"):
        return status, f"since:{mention.text}"
    if mention.role == "period":
        return status, f"{'past_period' if status == 'achievement' else 'period'}:{mention.text}"
    if status == "achievement":
        if doc_year is not None and (mention.year or 0) >= doc_year:
            return status, f"past_year:{mention.year}<={reviewed}(reviewed)"
        return status, f"past_year:{mention.year}<{doc_year}"
    if mention.role == "target":
        return status, f"target_year:{mention.text}"
    return status, f"future_year:{mention.year}>{doc_year}"


@dataclass(frozen=True)
class ParagraphFrame:
    """What the paragraph before a sentence says: a status frame (下一步 -> commitment,
    近年来 -> achievement, a dated year) and the target year or period opening one of its
    sentences (到2025年, / “十三五”期间,), which dates the later sentences."""

    status: str = ""
    cue: str = ""
    opening: YearMention | None = None


def paragraph_frame(
    paragraph_before: str, doc_year: int | None, reviewed: int | None = None
) -> ParagraphFrame:
    """The frame set by `paragraph_before` (its paragraph up to the start of a sentence);
    `reviewed`: the year the document reviews (year_cue)."""
    frames: list[tuple[int, str, str]] = []  # (position, status, cue)
    for m in FRAME_CUE_RE.finditer(paragraph_before):
        frames.append((m.start(), m.lastgroup or "", m.group()))
    opening = None
    for mention in year_mentions(paragraph_before, doc_year):
        status, cue = year_cue(mention, doc_year, reviewed)
        if status:
            frames.append((mention.start, status, cue))
        if mention.role in OPENING_ROLES and _opens_sentence(paragraph_before, mention.start):
            opening = mention
    if not frames:
        return ParagraphFrame(opening=opening)
    _position, status, cue = max(frames)
    return ParagraphFrame(status, f"paragraph:{cue}", opening)


def _opens_sentence(text: str, position: int) -> bool:
    """True when `position` starts a sentence of `text` (到2025年, ... after 。 or a heading)."""
    end = position  # text[:end] is text[:position] without its trailing whitespace
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end == 0 or text[end - 1] in "。:：;；!！?？" or text[max(0, end - 2) : end] == "展望"


# matches a paragraph opening with an enumeration marker: 一是… / 第一，… / （一）… / 1.… /
# ——坚持… / ■… (a bullet). Such paragraphs continue the one before them: the frame that paragraph ends
# in (近年来…：一是…；二是…) carries over them (`carried_frame`)
ENUMERATION_START_RE = re.compile(
    r"\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,，、]"
    r"|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、](?![0-9])|——|—|[■●◆▲•·])"
)


CARRY_PARAGRAPHS = 12  # earlier paragraphs read back for a carried frame, at most


def carried_frame(
    opening: str, earlier: Iterable[str], doc_year: int | None, reviewed: int | None = None
) -> ParagraphFrame:
    """The frame a paragraph inherits: when it opens (`opening`, its first characters) with
    an enumeration marker, the frame the nearest earlier paragraph ends in, reading back
    over enumerated paragraphs (`earlier`: the earlier paragraphs' texts, nearest first,
    read lazily, at most CARRY_PARAGRAPHS). Else no frame."""
    if not ENUMERATION_START_RE.match(opening):
        return ParagraphFrame()
    for text in itertools.islice(earlier, CARRY_PARAGRAPHS):
        frame = paragraph_frame(text, doc_year, reviewed)
        if frame.status:
            return ParagraphFrame(frame.status, frame.cue)
        if not ENUMERATION_START_RE.match(text):
            break
    return ParagraphFrame()


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

    def __init__(
        self, masked: str, start: int, end: int, doc_year: int | None, reviewed: int | None = None
    ) -> None:
        self.masked, self.start, self.doc_year, self.reviewed = masked, start, doc_year, reviewed
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
            return paragraph_frame(
                self.masked[self.start : sentence_start], self.doc_year, self.reviewed
            )
        self._read(cut)
        if self.latest_cue is None:
            return ParagraphFrame(opening=self.opening)
        _position, status, cue = self.latest_cue
        return ParagraphFrame(status, f"paragraph:{cue}", self.opening)

    def _read(self, cut: int) -> None:
        """Take in the cues and year mentions of text[read_up_to:cut]."""
        cues = [
            (m.start(), m.lastgroup or "", m.group())
            for m in FRAME_CUE_RE.finditer(self.text, self.read_up_to, cut)
        ]
        for mention in year_mentions(self.text, self.doc_year, self.read_up_to, cut):
            status, cue = year_cue(mention, self.doc_year, self.reviewed)
            if status:
                cues.append((mention.start, status, cue))
            if mention.role in OPENING_ROLES and _opens_sentence(self.text, mention.start):
                self.opening = mention
        if cues:
            self.latest_cue = max(cues if self.latest_cue is None else [self.latest_cue, *cues])
        self.read_up_to = cut


@dataclass(frozen=True)
class TitleFrame:
    """What the titles over a clause say: status `commitment` (plans) or `achievement`
    (results) or '' (neither), the title that says it, its kind (review_section /
    plan_section) and the year it names (2023年工作安排; 过去一年工作回顾 -> the year before
    the document's)."""

    status: str = ""
    title: str = ""
    year: int | None = None

    @property
    def cue(self) -> str:
        """status_cue of a figure this frame decides: frame:review_section:<title>."""
        section = "review_section" if self.status == "achievement" else "plan_section"
        return f"frame:{section}:{self.title}"


NO_TITLE_FRAME = TitleFrame()
# matches a year named in a title (2023年工作回顾) or the year before the document's
# (过去一年 / 上一年 / 去年)
TITLE_YEAR_RE = re.compile(r"(?P<year>(?:19|20)[0-9]{2})年|(?P<last>过去一年|上一年|去年)")


def _title_year(title: str, doc_year: int | None) -> int | None:
    match = TITLE_YEAR_RE.search(title)
    if match is None:
        return None
    if match.group("year"):
        return int(match.group("year"))
    return doc_year - 1 if doc_year is not None else None


@lru_cache(maxsize=4096)
def title_frame(titles: tuple[str, ...], doc_year: int | None) -> TitleFrame:
    """The frame of the first title (innermost first) that reads as plans or results."""
    for title in titles:
        if RESULTS_TITLE_RE.search(title) and not TASK_ON_RESULTS_RE.search(title):
            # 2022年工作情况, 主要目标完成情况: results, even with a plans word
            return TitleFrame("achievement", title, _title_year(title, doc_year))
        plan = PLAN_TITLE_RE.search(title)
        if plan and plan.group("year"):
            year = int(plan.group("year"))
            if doc_year is not None and year < doc_year:  # 2021年工作 in a 2022 document: past
                return TitleFrame("achievement", title, year)
            return TitleFrame("commitment", title, year)
        if plan:
            return TitleFrame("commitment", title)
    return NO_TITLE_FRAME


@lru_cache(maxsize=4096)
def _reads_as_background(title: str) -> bool:
    return BACKGROUND_TITLE_RE.search(title) is not None


def is_background_title(title: object) -> bool:
    """True for a title (str; blank titles are '' or NaN) that reads as background."""
    return isinstance(title, str) and title != "" and _reads_as_background(title)


# matches a title stating the facts of a problem: 存在的问题, 存在的主要困难, 面临的困难
PROBLEM_TITLE_RE = re.compile(
    r"存在(?:的)?(?:主要)?(?:问题|困难|不足)|面临(?:的)?(?:主要)?(?:问题|困难)"
)


def background_frame(titles: tuple[str, ...]) -> str:
    """The first title (innermost first) that reads as background or problems, else ''."""
    for title in titles:
        if _reads_as_background(title) or PROBLEM_TITLE_RE.search(title):
            return title
    return ""
