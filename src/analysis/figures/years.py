"""Years: the one set of year patterns, for figures (target years, reference years,
baselines, periods) and for targets (the target year a clause sets).

- `YEAR_NUMBER`: regex fragment of a year in Arabic (2025) or Chinese digits (二〇二五);
  `read_year` gives its value; `five_year_plan` the years of the n-th five-year plan.
- `year_mentions(text, doc_year)`: every year expression of a text, with its role.
- `year_status`: what a year says about status (a past year -> achievement).
- `dating_mention`: the year expression that dates a figure.
- `target_year_of(text)`: the target year a clause sets (targets.csv `target_year`).

Every pattern is assembled from the fragments below (to / year / 年底 / 前 / 十X五), so a
change to how a year is written is made once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.figures.numbers import CN_DIGITS, chinese_number
from analysis.figures.quantities import compile_with_first_chars
from analysis.text import SEGMENT_MARK_RE, masked_titles

# regex fragment (no groups) matching a year 1900-2099 in Arabic digits (2025; \d also takes
# full-width digits) or Chinese digits (二〇二五, 二○二五, 二零二五, 一九九八)
YEAR_NUMBER = r"(?:(?:19|20)\d{2}|(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})"
# characters every YEAR_NUMBER match holds: an ASCII digit, or 〇/○/零 (20xx) or 九 (19xx)
# (for cheap tests before a year regex: normalised text has ASCII digits only)
YEAR_NUMBER_HINT_CHARS = "0-9〇○零九"


def read_year(year_number: str) -> int:
    """Value of a YEAR_NUMBER match: 2025 -> 2025, 二〇二五 -> 2025."""
    return int(year_number) if year_number.isdecimal() else chinese_number(year_number)


FIRST_PLAN_NUMBER, LAST_PLAN_NUMBER = 6, 19  # 六五 (1981-1985) to 十九五 (2046-2050)


def five_year_plan(number: int) -> tuple[int, int]:
    """First and last year of the n-th five-year plan (十三五 = 13 -> 2016-2020)."""
    if not FIRST_PLAN_NUMBER <= number <= LAST_PLAN_NUMBER:
        raise ValueError(f"no five-year plan number {number}")
    first = 1951 + 5 * number  # 六五 1981, 十三五 2016, 十四五 2021
    return first, first + 4


def ten_plus_plan(digit: str) -> tuple[int, int]:
    """Years of the plan 十{digit}五 (the digit as written: 四 -> 十四五 -> 2021-2025)."""
    return five_year_plan(10 + CN_DIGITS[digit])


# ---------------------------------------------------------------- the fragments

# matches 到 / 至 before a target year (not the 至 of 截至 / the 到 of 截止到: "as of")
_TO = r"(?<![截止])(?:到|至)"
# matches 截至 / 截止 / 截止到 / 截止至 before a year: "as of" that date (a result, never "by")
_AS_OF = r"(?:截至|截止到|截止至|截止)"
_YEAR_END = r"(?:底|末|年底)?"  # matches an optional 底 / 末 / 年底 after 年
_BEFORE = r"(?:前|以前|之前)"  # matches 前 / 以前 / 之前 closing a deadline
_PLAN_PERIOD = r"(?:时期|期间)?"  # matches an optional 时期 / 期间 after a plan


def _year(group: str) -> str:
    """Fragment matching 2025年 / 二〇二五年, the year number in group `group`."""
    return rf"(?P<{group}>{YEAR_NUMBER})年"


def _plan(group: str) -> str:
    """Fragment matching 十四五 / “十四五”, the plan's digit (四) in group `group`."""
    return rf"[“\"]?十(?P<{group}>[一二三四五六七八九])五[”\"]?"


# ---------------------------------------------------------------- year expressions

# matches year expressions (one regex, named alternatives), in text outside 《》; a year
# is written in Arabic or Chinese digits (YEAR_NUMBER: 2025, 二〇二五):
#   baseline: 比2020年 / 较2015年底 / 比上年 / 较去年同期 (the year a change is measured
#             from: no status, no date)
#   as_of:   截至2020年底 / 截止到2018年 / 截至“十三五”末 (the date a result is stated at)
#   target:  到2025年 / 到二〇二五年 / 至2025年底 / 2023年底前 / 二〇二三年底前 / 2025年以前
#            / 到“十四五”末 / 十四五末期
#   period:  2009年-2020年 / 2021-2025年 / 十三五期间 / “十四五”时期
#   plain:   2020年 / 2021年12月 / 二〇二〇年 / 今年 / 年内 (not 五年内) / 明年 / 去年
# A year followed by 的 (由2015年的9.1亿吨增加到2020年的10.01亿吨) is attributive: it
# dates the figure it describes, not the sentence (see year_mentions).
YEAR_PATTERN = (
    rf"(?P<baseline>(?:比|较|相比|同比|对比)(?:{_year('by')}(?:底|末)?|(?P<rel_by>去年|上一年|上年|前年)(?:同期|底|末)?))"
    rf"|(?P<as_of>{_AS_OF}\s*(?:{_year('ay')}{_YEAR_END}|{_plan('ap')}{_PLAN_PERIOD}末(?:期)?))"
    rf"|(?P<target_to>{_TO}{_year('ty1')}{_YEAR_END})"
    rf"|(?P<target_before>{_year('ty2')}{_YEAR_END}{_BEFORE})"
    rf"|(?P<period>(?P<py1>{YEAR_NUMBER})年?\s*(?:—{{1,2}}|[-–~～至到－])\s*{_year('py2')})"
    rf"|(?P<plan_end>{_TO}?{_plan('pe')}{_PLAN_PERIOD}末(?:期)?)"
    rf"|(?P<plan>{_plan('pn')}(?:时期|期间|以来|规划期)?)"
    rf"|(?P<plain>{_year('y')}(?:(?=[0-9]{{1,2}}月)|(?![0-9])))"
    r"|(?P<this_year>今年|本年度|当年|(?<![0-9一二两三四五六七八九十百几多])年内)"
    r"|(?P<next_year>明年)"
    r"|(?P<last_year>去年|上一年|上年)"
)
YEAR_RE = compile_with_first_chars(YEAR_PATTERN, '比较相同对截到至0-9一二“"十今本当年明去上')
# matches what every year expression contains (cheap test before YEAR_RE): a character
# of every year number, the 十 of a plan, or a relative-year word
YEAR_HINT_RE = re.compile(rf"[{YEAR_NUMBER_HINT_CHARS}十今明去上本当]|年内")
# matches words that date a sentence to the year being reported on: 全年 / 年内 / 当年 / 本年度
# (五年内 is a span, not the year; 今年 is the year of writing, read by the year rules)
WHOLE_YEAR_RE = re.compile(r"全年|(?<![0-9一二两三四五六七八九十百几多])年内|当年|本年度")
# matches the title of a report on one year's work, in its front matter:
# 关于2022年全省…工作情况的报告 / 关于2022年工作总结 (group year)
REPORT_TITLE_YEAR_RE = re.compile(
    r"关于(?P<year>(?:19|20)[0-9]{2})年[^。;；\n]{0,80}?(?:报告|总结)"
)
# roles of a year expression that, opening a sentence, date the later sentences of the
# paragraph: 到2025年, ... / “十三五”期间, ... (a plain 2020年 dates its own sentence only)
OPENING_ROLES = frozenset({"target", "period"})
# matches a note right after a period that calls it past: 2017—2021年（过去五年） /
# 2016-2020年(五年来) / 2018—2022年，近五年 (used with .match(text, end))
_SPAN = r"[一二两三四五六七八九十0-9]+年"
PAST_NOTE_AFTER_RE = re.compile(rf"\s*[（(](?:过去|近)?的?{_SPAN}(?:来|间)?[）)]")
# matches a past span right before a period in brackets: 过去五年（2017—2021年 / 五年来(
PAST_NOTE_BEFORE_RE = re.compile(rf"(?:过去的?{_SPAN}|{_SPAN}来)\s*[（(]$")


@dataclass(frozen=True)
class YearMention:
    """A year expression: role target/period/reference, the year or period bounds;
    `attributive` when followed by 的 (2015年的9.1亿吨: it dates only that figure)."""

    start: int
    end: int
    role: str  # "target", "period", "reference", "baseline", "as_of"
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    text: str = ""
    attributive: bool = False
    past: bool = False  # a period the text calls past: 2017—2021年（过去五年）


def year_mentions(
    text: str, doc_year: int | None, start: int = 0, end: int | None = None
) -> list[YearMention]:
    """Every year expression in `text` (in order); relative years need `doc_year`.

    With `start`/`end`: those found reading text[:end] from `start` (offsets into `text`).
    """
    found: list[YearMention] = []
    end = len(text) if end is None else end
    if not YEAR_HINT_RE.search(text, start, end):
        return found
    for m in YEAR_RE.finditer(text, start, end):
        s, e, t = m.start(), m.end(), m.group()
        if m.group("baseline"):
            by = m.group("by")
            if by:
                found.append(YearMention(s, e, "baseline", read_year(by), text=t))
            elif doc_year is not None:  # 比上年 / 较去年同期: the year before the document's
                back = 2 if m.group("rel_by") == "前年" else 1
                found.append(YearMention(s, e, "baseline", doc_year - back, text=t))
        elif m.group("as_of"):
            ay = m.group("ay")
            year = read_year(ay) if ay else ten_plus_plan(m.group("ap"))[1]
            found.append(YearMention(s, e, "as_of", year, text=t))
        elif m.group("target_to"):
            if text.startswith("的", e):  # 增加到2020年的10.01亿吨: the 2020 level, no target
                found.append(
                    YearMention(
                        s, e, "reference", read_year(m.group("ty1")), text=t, attributive=True
                    )
                )
            else:
                found.append(YearMention(s, e, "target", read_year(m.group("ty1")), text=t))
        elif m.group("target_before"):
            found.append(YearMention(s, e, "target", read_year(m.group("ty2")), text=t))
        elif m.group("period"):
            y1, y2 = read_year(m.group("py1")), read_year(m.group("py2"))
            if y1 <= y2:
                note = PAST_NOTE_AFTER_RE.match(text, e)
                if note:  # the note is part of the expression: its 过去 is not a cue of its own
                    e, t = note.end(), text[s : note.end()]
                past = note is not None or (
                    PAST_NOTE_BEFORE_RE.search(text[max(0, s - 8) : s]) is not None
                )
                found.append(YearMention(s, e, "period", None, y1, y2, text=t, past=past))
        elif m.group("plan_end"):
            _first, last = ten_plus_plan(m.group("pe"))
            found.append(YearMention(s, e, "target", last, text=t))
        elif m.group("plan"):
            first, last = ten_plus_plan(m.group("pn"))
            found.append(YearMention(s, e, "period", None, first, last, text=t))
        elif m.group("plain"):
            attributive = text.startswith("的", e)  # 由2015年的9.1亿吨
            found.append(
                YearMention(
                    s, e, "reference", read_year(m.group("y")), text=t, attributive=attributive
                )
            )
        elif doc_year is not None:  # 今年 / 明年 / 去年, relative to the document's year
            offset = 0 if m.group("this_year") else 1 if m.group("next_year") else -1
            found.append(YearMention(s, e, "reference", doc_year + offset, text=t))
    return found


def year_status(mention: YearMention, doc_year: int | None, reviewed: int | None = None) -> str:
    """What a year expression says about status: commitment, achievement or '' (neutral).
    截至2020年底 (as_of) is a result at any date; a target or year already past at the
    document's year `doc_year` is a result; a later one a commitment. A document reviewing
    the year `reviewed` (a report given in December on that year) has that year behind it
    too: a target, period or year ending in it is a result."""
    if reviewed is not None and doc_year is not None and reviewed >= doc_year:
        ends = mention.period_end if mention.role == "period" else mention.year
        if mention.role in ("target", "period", "reference") and ends is not None:
            if ends <= reviewed:
                return "achievement"
    if mention.role == "as_of" or mention.text.endswith("以来"):
        return "achievement"  # 截至2020年底 / “十三五”以来: stated as of now, a result
    if mention.role == "target":
        if doc_year is None or (mention.year or 0) >= doc_year:
            return "commitment"
        return "achievement"
    if mention.past:
        return "achievement"  # 2017—2021年（过去五年）: the text calls it past, at any date
    if doc_year is None or mention.role == "baseline":
        return ""
    if mention.role == "period":
        if mention.past or (mention.period_end or 0) < doc_year:
            return "achievement"
        return "commitment"
    year = mention.year or 0
    if year < doc_year:
        return "achievement"
    if year > doc_year:
        return "commitment"
    return ""


def dating_mention(
    before: str, before_years: list[YearMention], opening: YearMention | None
) -> YearMention | None:
    """The year expression of `before_years` (found in `before`, the sentence up to the
    figure) that dates the figure: the nearest one that is not a baseline (比2020年) nor an
    attributive year of another figure (2015年的9.1亿吨, 56座 -> not 2015), else `opening`."""
    for mention in reversed(before_years):
        if mention.role == "baseline":
            continue
        if mention.attributive and SEGMENT_MARK_RE.search(before, mention.end):
            continue
        return mention
    return opening


def document_year(published: object) -> int | None:
    """Year of a `published` value (ISO date string, int year, or blank)."""
    if published is None:
        return None
    if isinstance(published, int):
        return published
    match = re.match(r"\s*((?:19|20)\d{2})", str(published))
    return int(match.group(1)) if match else None


# what a text states as already past or as its own date, and the earliest year of writing
# each gives (regex with group `year`, years to add); year_floor takes the latest:
#   截至2018年底 / 截止到2018年末                  -> 2019 (written after that year ended)
#   2017—2021年（过去五年） / 过去五年（2017—2021年） -> 2022 (a period it calls past)
#   2021年工作回顾 / 回顾2021年 / 2021年工作总结     -> 2022 (the year it reviews)
#   2021-03-05 / 2021/03/05 / 2021年03月05日 10:20 / 2021年3月5日 来源： / 发布日期：2021年
#   / 日期:2021-03-05 / ——2021年12月28日在…人民代表大会… -> 2021 (its own dateline; a date
#   written with - or / is page metadata, never a deadline in these texts)
YEAR_FLOOR_RULES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"{_AS_OF}\s*(?P<year>{YEAR_NUMBER})年(?:底|末)"), 1),
    (
        re.compile(
            rf"{YEAR_NUMBER}年?\s*(?:—{{1,2}}|[-–~～至到－])\s*(?P<year>{YEAR_NUMBER})年"
            rf"(?={PAST_NOTE_AFTER_RE.pattern})"
        ),
        1,
    ),
    (
        re.compile(
            rf"(?:过去的?{_SPAN}|{_SPAN}来)\s*[（(]{YEAR_NUMBER}年?\s*(?:—{{1,2}}|[-–~～至到－])"
            rf"\s*(?P<year>{YEAR_NUMBER})年"
        ),
        1,
    ),
    (re.compile(rf"(?P<year>{YEAR_NUMBER})年工作(?:回顾|总结)|回顾(?P<year2>{YEAR_NUMBER})年"), 1),
    (
        re.compile(
            r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})(?:[-/][0-9]{1,2}[-/][0-9]{1,2}(?![0-9])"
            r"|年[0-9]{1,2}月[0-9]{1,2}日\s*(?:[0-9]{1,2}:[0-9]{2}|[\s　]*(?:来源|作者|编辑|发布)))"
            r"|(?:日期|时间)[:：\s]*(?P<year2>(?:19|20)[0-9]{2})[-年/]"
            r"|——\s*(?P<year3>(?:19|20)[0-9]{2})年[0-9]{1,2}月[0-9]{1,2}日在[^\n]{0,40}?(?:代表大会|会议)"
        ),
        0,
    ),
)
YEAR_FLOOR_GROUPS = ("year", "year2", "year3")


def year_floor(text: str) -> int | None:
    """The earliest year a text can have been written in, by what it states as already
    past or as its own date (YEAR_FLOOR_RULES: 截至2018年底 -> 2019, 2017—2021年（过去五年）
    -> 2022, 2021年工作回顾 -> 2022, a dateline 2021-03-05 10:20 -> 2021), the latest such.
    None when it states none. Used as the document's year when its date is unknown
    (新华社太原6月12日电 gives no year)."""
    years = []
    for pattern, offset in YEAR_FLOOR_RULES:
        for m in pattern.finditer(text):
            number = next(
                m.group(g) for g in YEAR_FLOOR_GROUPS if g in m.re.groupindex and m.group(g)
            )
            years.append(read_year(number) + offset)
    return max(years) if years else None


def year_role(mention: YearMention | None, status: str) -> str:
    """`target` for a target year (or a dated commitment), `reference` for other years
    (a target year already past, 到2015年 in a 2019 article, dates a result: reference)."""
    if mention is None or mention.year is None:
        return ""
    if (mention.role == "target" and status != "achievement") or status == "commitment":
        return "target"
    return "reference"


# ---------------------------------------------------------------- target years (targets.csv)

# matches a target year in a clause, with the year (YEAR_NUMBER: Arabic or Chinese
# digits) in one of the groups:
#   到2025年 / 到二〇二五年 / 至2025年底 / 力争到2025年     (to)
#   2023年底前 / 二〇二三年底前 / 2025年以前 / 2025年之前   (before)
#   到“十四五”末 / 十四五末期                               (plan: plan number)
#   计划在2021年 / 2021年拟 / 2021年将                      (planned: a dated plan or intention)
TARGET_YEAR_PATTERN = (
    rf"{_TO}{_year('to')}"
    rf"|{_year('before')}{_YEAR_END}{_BEFORE}"
    rf"|{_TO}?{_plan('plan')}{_PLAN_PERIOD}末"
    rf"|(?:计划|拟|预计|力争)(?:在|于)?{_year('planned')}"
    rf"|{_year('intended')}(?:,|,)?(?:拟|将|计划|力争)"
)
TARGET_YEAR_RE = compile_with_first_chars(TARGET_YEAR_PATTERN, '到至12一二“"十计拟预力')
# matches a character every TARGET_YEAR_RE match holds (one of every year number, or the
# 十 of 十四五): a cheap test before the full regex
TARGET_YEAR_HINT_RE = re.compile(f"[{YEAR_NUMBER_HINT_CHARS}十]")


def target_year_of(text: str) -> int | None:
    """The target year a clause sets (到2025年 -> 2025, 到“十四五”末 -> 2025), else None.
    Years inside 《titles》 do not count."""
    # every target year holds 年, or 末 (到“十四五”末), and a TARGET_YEAR_HINT_RE character
    if ("年" not in text and "末" not in text) or not TARGET_YEAR_HINT_RE.search(text):
        return None
    if "《" in text:
        text = masked_titles(text)
    years = []
    for m in TARGET_YEAR_RE.finditer(text):
        if m.group("plan"):
            _first, last = ten_plus_plan(m.group("plan"))
            years.append(last)
        else:
            year = next(g for g in m.group("to", "before", "planned", "intended") if g)
            years.append(read_year(year))
    return years[-1] if years else None
