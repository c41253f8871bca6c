"""Figures: every quantity mentioned in the clauses, with its unit, value, status and year.

Input is the clauses DataFrame (docs/architecture.md); output is the rows of
`figures.csv` (contract) plus traceability columns. The work is split into
small pure functions:

- `parse_number`: number text -> value (a plain number, no unit; Chinese numerals and
  years are read by analysis.numerals);
- `find_quantities(text)`: one pass of one compiled regex over a clause, with
  the non-figure filters (dates, document numbers, ordinals, slogans...);
- `decide_status`, `find_year`: status and year from the sentence and paragraph
  around a figure;
- `mark_duplicates`: the same fact stated again in a document;
- `extract_figures(clauses)`: all of the above over a clauses table.

Values are exact until the last step, then rounded to `VALUE_DECIMALS` decimals, so
1 亩 = 1/15 hectare is applied exactly: an `int` on the common path (whole numbers,
21.96亿), a `fractions.Fraction` only when the value is not whole (1.5%, 806亩 in hectares).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.numerals import (
    CN_BIG_SCALES,
    CN_DIGITS,
    CN_SMALL_SCALES,
    YEAR_NUMBER,
    YEAR_NUMBER_HINT_CHARS,
    chinese_number,
    read_year,
    ten_plus_plan,
)
from analysis.places import find_places

VALUE_DECIMALS = 6  # decimals kept in `value`/`value_high` after exact conversion
KIND_WINDOW_CHARS = 40  # characters before a figure searched for its kind (资金, 总投资...)
SEGMENT_MAX_CHARS = 60  # longest comma segment searched for 每年 / source words



def compile_with_first_chars(pattern: str, first_chars: str) -> re.Pattern[str]:
    """Compile `pattern` behind a lookahead on the characters its matches start with.

    Same matches as re.compile(pattern), found about ten times faster: the regex engine
    skips straight to those characters instead of trying every alternative at every
    position. `first_chars` is a character-class body (tests check it is complete).
    """
    return re.compile(f"(?=[{first_chars}])(?:{pattern})")


FIGURE_COLUMNS = [
    "figure_id", "doc_id", "clause_id", "start", "end", "surface", "value", "value_high",
    "unit", "unit_raw", "kind", "status", "year", "period_start", "period_end",
    "duplicate_of", "qualifier", "per_year", "status_cue", "year_role", "per_unit",
]

# Parts of a document whose clauses can hold figures (boilerplate and the
# signature/date block cannot).
FIGURE_PARTS = frozenset({"body", "front_matter"})

# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

ALL_SCALES = {**CN_SMALL_SCALES, **CN_BIG_SCALES}
# matches a numeral made of scale words only that is still a number: 百万 千亿 十万 万亿
# (not 千家万户's 千, 万亩良田's 万, 百千万人才工程's 百千万, 亿万农民's 亿万)
SCALE_ONLY_NUMERAL_RE = re.compile(r"[十百千](?:万|亿|万亿)|万亿")
# characters that carry a digit value (a numeral made only of scale words, such as
# 万 in 万亩 or 千 in 千家万户, is not a number)
CN_VALUE_CHARS = frozenset(CN_DIGITS) | {"十", "拾"}

# full-width digits and number punctuation -> ASCII
FULLWIDTH_TO_ASCII = str.maketrans("０１２３４５６７８９．，％－", "0123456789.,%-")

# matches: 1,000  21.96  0.73  ４５００  (Arabic part of a number, no scale word)
ARABIC_RE = re.compile(r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?")


@lru_cache(maxsize=256)
def scale_factor(scale_words: str) -> int:
    """Product of scale words (万 -> 10^4, 千万 -> 10^7, 亿 -> 10^8); 1 when empty."""
    factor = 1
    for ch in scale_words:
        factor *= ALL_SCALES[ch]
    return factor


Exact = int | Fraction  # an exact number: int when whole, Fraction otherwise


def exact_ratio(numerator: int, denominator: int) -> Exact:
    """numerator / denominator exactly: an int when it divides, else a Fraction."""
    quotient, remainder = divmod(numerator, denominator)
    return quotient if remainder == 0 else Fraction(numerator, denominator)


@lru_cache(maxsize=8192)
def number_exact(surface: str) -> Exact:
    """Exact value of a bare number: Arabic (with 万/亿...), Chinese, or 百分之X (-> X).
    Cached: the same number text recurs (2025, 一, 10); the value is immutable."""
    if surface.isdecimal():  # 2196, ４５００: a whole number in digits (int() reads both)
        return int(surface)
    text = surface.strip().translate(FULLWIDTH_TO_ASCII)
    if text.startswith("百分之"):
        text = text[3:]
    match = ARABIC_RE.match(text)
    if match:  # 21.96亿 = 2196 * 10^8 / 10^2
        whole, _, decimals = match.group().replace(",", "").partition(".")
        scale = scale_factor(text[match.end():])
        return exact_ratio(int(whole + decimals) * scale, 10 ** len(decimals))
    if "点" in text:  # 零点五亿: integer part, decimal digits, then the scale words
        whole, decimals = text.split("点", 1)
        digits = decimals.rstrip("万亿萬億")
        decimal_digits = chinese_number(digits)  # digits only: read positionally (零五 -> 5)
        numerator = chinese_number(whole) * 10 ** len(digits) + decimal_digits
        scale = scale_factor(decimals[len(digits):])
        return exact_ratio(numerator * scale, 10 ** len(digits))
    return chinese_number(text)


def parse_number(surface: str) -> float:
    """Value of a bare number (0.73万 -> 7300, 21.96亿 -> 2196000000, 百分之三十 -> 30)."""
    return float(number_exact(surface))


def big_scale_suffix(number_text: str) -> str:
    """The scale words ending a number as written, kept in unit_raw: everything after the
    digits of an Arabic number (0.73万 -> 万, 3千万 -> 千万), the trailing 万/亿 of a Chinese
    numeral (两千三百万 -> 万); '' for a plain number."""
    arabic = ARABIC_RE.match(number_text)
    if arabic:
        return number_text[arabic.end():]
    end = len(number_text)
    start = end
    while start > 0 and number_text[start - 1] in CN_BIG_SCALES:
        start -= 1
    if start == 0:  # the numeral is only scale words (万亿): keep it as the number
        return ""
    return number_text[start:end]


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A unit word: its canonical unit, the exact factor to that unit and the default kind."""

    word: str
    unit: str
    factor: Exact
    kind: str


MEASUREMENT_UNITS = [
    Unit("元", "yuan", 1, "money"),
    Unit("美元", "other", 1, "money"),
    Unit("亩", "hectare", Fraction(1, 15), "area"),
    Unit("公顷", "hectare", 1, "area"),
    Unit("平方米", "hectare", Fraction(1, 10_000), "area"),
    Unit("平方公里", "km2", 1, "area"),
    Unit("平方千米", "km2", 1, "area"),
    Unit("公里", "km", 1, "other"),
    Unit("千米", "km", 1, "other"),
    Unit("米", "km", Fraction(1, 1000), "other"),
    Unit("千瓦", "kW", 1, "capacity"),
    Unit("兆瓦", "kW", 1000, "capacity"),
    Unit("吉瓦", "kW", 1_000_000, "capacity"),
    Unit("千瓦时", "kWh", 1, "energy"),
    Unit("度", "kWh", 1, "energy"),  # only next to 电 (see find_quantities)
    Unit("吨标准煤", "tonne", 1, "mass"),
    Unit("吨", "tonne", 1, "mass"),
    Unit("公斤", "tonne", Fraction(1, 1000), "mass"),
    Unit("千克", "tonne", Fraction(1, 1000), "mass"),
    Unit("立方米", "other", 1, "other"),
    Unit("%", "percent", 1, "share"),
    Unit("％", "percent", 1, "share"),
    Unit("个百分点", "percent", 1, "share"),
    Unit("百分点", "percent", 1, "share"),
    Unit("人次", "count", 1, "count"),
]
# measure words of counts (unit_raw keeps the word). Left out on purpose:
# 类 (其他三类), 位 (三位一体), 篇 (三篇大文章), 部 (五部门), 期, 届, 级, 大, 步, 年, 月, 日.
COUNT_WORDS = "个 家 座 所 户 人 名 套 条 项 处 台 辆 批 栋 间 只 头 张 支 块 艘 架 宗 件 次".split()
UNITS = {u.word: u for u in MEASUREMENT_UNITS} | {
    w: Unit(w, "count", 1, "count") for w in COUNT_WORDS
}
_UNIT_ALTERNATION = "|".join(re.escape(w) for w in sorted(UNITS, key=len, reverse=True))

# ---------------------------------------------------------------------------
# The quantity regex (one pass per clause)
# ---------------------------------------------------------------------------

_ARABIC = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
_CN = r"[零〇○一二两兩三四五六七八九十百千万亿萬億]+(?:点[零〇一二三四五六七八九]+[万亿萬億]*)?"
_NUM = rf"(?:{_ARABIC}[十百千万亿萬億]*|{_CN})"
_SEP = r"(?:—{1,2}|[-–~～至到－])"
_NUMBER_CHARS = "0-9０-９零〇○一二两兩三四五六七八九十百千万亿萬億"  # what a quantity starts with
# matches, with named parts:
#   百分之三十 | 百分之十至百分之十五                         (pct, p1, p2)
#   21.96亿元 | 0.73万亩 | 3000余万元 | 两千多万元 | 82万千瓦   (n1, a1, s1, unit)
#   10%—12% | 5万至8万亩 | 2-3亿元 | 10—15处                  (n1 [u1] sep n2 ... unit)
QUANTITY_PATTERN = (
    rf"(?P<pct>百分之(?P<p1>{_NUM})(?:{_SEP}(?:百分之)?(?P<p2>{_NUM}))?)"
    rf"|(?P<n1>{_NUM})(?P<a1>[余多餘])?(?P<s1>[万亿萬億]*)"
    rf"(?:(?P<u1>{_UNIT_ALTERNATION})?(?P<sep>{_SEP})(?P<n2>{_NUM})(?P<a2>[余多餘])?(?P<s2>[万亿萬億]*))?"
    rf"(?P<unit>{_UNIT_ALTERNATION})"
)
# matches QUANTITY_PATTERN only where a run of number characters starts (1,000 is two
# runs; 第三十个 is tried at 三, never at 十). The lookahead and lookbehind reject every
# other position at once: several times faster than trying the whole pattern everywhere.
QUANTITY_RE = re.compile(rf"(?=[{_NUMBER_CHARS}])(?<![{_NUMBER_CHARS}])(?:{QUANTITY_PATTERN})")
# matches a qualifier right before a figure: 约 / 不少于 / 达到 / 超过 ...
QUALIFIER_BEFORE_RE = re.compile(
    r"(?:不少于|不低于|不超过|不高于|不到|超过|大约|约|接近|近|逾|达到|达|突破|高于|低于|至少|最多|最高|最低|控制在|稳定在)$"
)
# matches a bound word opening a noun phrase that ends in the figure, in its comma segment:
# 按照不低于省级补助资金50%的比例 -> 不低于 for 50% (no other number in between; a 的 in the
# gap other than right before the figure means the bound qualifies an earlier noun:
# 不少于省级资金总额的20% -> 不少于; 营业收入不低于上年的企业给予奖励50万元 -> none)
QUALIFIER_DETACHED_RE = re.compile(
    rf"(?:不少于|不低于|不超过|不高于|至少)(?P<gap>[^{_NUMBER_CHARS},，;；。:：、的]{{1,8}}的?)$"
)
# matches a qualifier right after a figure (used with .match(text, end)): 左右 / 以上 / 以内
QUALIFIER_AFTER_RE = re.compile(r"(?:左右|以上|以下|以内|之内|上下)")
# matches a yearly amount cue before the figure (in its comma segment): 每年 / 年均 / 年产
PER_YEAR_BEFORE_RE = re.compile(r"每年|年均|年平均|每年度|年产|年新增|年处理|年发电")
# matches what follows a Chinese-numeral count in slogans and set phrases: 两个维护,
# 四个意识, 五个一批, 两个市场, 三个方面 (Arabic counts are never filtered by it)
SLOGAN_AFTER_COUNT_RE = re.compile(
    r"(?:代表|意识|自信|全面|维护|确立|一百年|务必|一批|市场|资源|转变|革命|统筹|方面|层次|环节|结合)"
)
# matches a unit-rate cue before the figure (in its comma segment): 每户补助资金1.2万元,
# 每亩1500元, 每人每月300元, 人均 / 户均 / 亩均 (每年 is a yearly amount: per_year)
PER_UNIT_BEFORE_RE = re.compile(
    r"每(?:户|亩|标准亩|人|吨|千瓦时|千瓦|度|平方米|平方公里|公顷|公里|米|立方米|公斤|千克|斤"
    r"|个|家|座|套|间|头|只|名|所|处|台|辆|项|次|万元|月|天|日|周|季度)|[人户亩]均"
)
# matches a unit rate right after the figure (used with .match(text, end)): 1500元/亩,
# 300元/人, 80元/吨, 0.35元/千瓦时, 0.4元/kWh (/年 is a yearly amount: per_year)
PER_UNIT_AFTER_RE = re.compile(r"\s*[/／](?!年)[\u4e00-\u9fffA-Za-z]")
# matches page-view counter labels before 次: 浏览次数 1234次, 阅读 56次
COUNTER_LABEL_RE = re.compile(r"浏览|阅读|点击|访问|查看")
# matches meeting ordinals after N次: 五次会议, 第三次全会
MEETING_AFTER_RE = re.compile(r"(?:会|全会|大会|党代会)")
# matches URLs (figures inside them are not figures)
URL_RE = re.compile(r"(?:https?://|www\.)[\w./?=&%#~+-]+", re.ASCII)
OPEN_QUOTES = "“「『\"'‘《"
CLOSE_QUOTES = "”」』\"'’》"

# matches kind keywords before a money figure (nearest wins); group name = kind
MONEY_KIND_PATTERN = (
    r"(?P<funding>预算内投资|转移支付|资金|补助|补贴|奖补|专项|贷款|拨款|拨付|经费|基金|债券|贴息|奖励|财政)"
    r"|(?P<investment>总投资|投资额|投资|投入)"
    r"|(?P<output>产值|增加值|营业收入|主营业务收入|收入|营收|生产总值|GDP|利润|税收|销售额|交易额|出口额|进出口额)"
)
MONEY_KIND_RE = compile_with_first_chars(MONEY_KIND_PATTERN, "预转资补奖专贷拨经基债贴财总投产增营主收生G利税销交出进")
# matches output / capacity keywords for tonnes and kWh: 产量, 产能 ...
CAPACITY_WORD_RE = re.compile(r"产能|装机|能力")
OUTPUT_WORD_RE = re.compile(r"产量|发电量|产出|生产|产|供应|储量")


@dataclass
class Quantity:
    """One quantity found in a text; `start`/`end` are offsets into that text."""

    start: int
    end: int
    surface: str
    value: Exact
    value_high: Exact | None
    unit: str
    unit_raw: str
    kind: str
    qualifier: str = ""
    per_year: bool = False
    per_unit: bool = False  # a unit rate (每户…1.2万元, 1500元/亩), not an amount


# matches a text up to and including its last mark ending a comma segment (used with
# .match(text, low, pos)); shared with analysis.targets. The marks: the comma, semicolon,
# full stop, colon and enumeration comma (, ， ; ； 。 : ： 、) that end a segment of a
# sentence, and the line break, which ends a paragraph (figures reads windows of several
# paragraphs; a clause's own text holds no line break, so targets reads the same segments)
UP_TO_LAST_SEGMENT_MARK_RE = re.compile(r".*[,，;；。:：、\n]", re.DOTALL)
# matches a text up to and including its last mark ending a sentence (。 ; ； ! ！ ? ？) or
# a paragraph (line break); shared with analysis.targets (same reason as above)
UP_TO_LAST_SENTENCE_MARK_RE = re.compile(r".*[。;；!！?？\n]", re.DOTALL)
# matches the first segment mark (the end of a comma segment)
SEGMENT_MARK_RE = re.compile(r"[,，;；。:：、]")


def _after_last_mark(mark_re: re.Pattern[str], text: str, low: int, pos: int) -> str:
    """text[low:pos] after its last mark matched by `mark_re` (all of it when it has none)."""
    head = mark_re.match(text, low, pos)
    return text[head.end() if head else low : pos]


def _segment_before(text: str, pos: int) -> str:
    """Text from the last punctuation mark before `pos` up to `pos` (a comma segment)."""
    low = max(0, pos - SEGMENT_MAX_CHARS)
    return _after_last_mark(UP_TO_LAST_SEGMENT_MARK_RE, text, low, pos)


def _sentence_tail(text: str, pos: int, width: int) -> str:
    """Up to `width` characters before `pos`, not reaching back past the sentence start."""
    return _after_last_mark(UP_TO_LAST_SENTENCE_MARK_RE, text, max(0, pos - width), pos)


def money_kind(before: str, after: str = "") -> str:
    """Kind of a money figure from the nearest keyword before it (资金, 总投资, 产值...),
    else the first one after it in its comma segment: funding, investment, output, other."""
    best_kind, best_pos = "", -1
    for match in MONEY_KIND_RE.finditer(before):
        if match.start() >= best_pos:
            best_kind, best_pos = match.lastgroup or "", match.start()
    if not best_kind:
        following = MONEY_KIND_RE.search(_segment_after(after))
        best_kind = following.lastgroup or "" if following else ""
    return best_kind or "other"


def _segment_after(text: str) -> str:
    """`text` up to its first punctuation mark (the rest of a comma segment)."""
    mark = SEGMENT_MARK_RE.search(text)
    return text[: mark.start()] if mark else text


def figure_kind(unit: Unit, text: str, start: int, end: int) -> str:
    """Contract `kind` of the figure text[start:end] from its unit and the words of its
    sentence around it (read only for money, energy and mass)."""
    if unit.kind == "money":
        before = _sentence_tail(text, start, KIND_WINDOW_CHARS)
        return money_kind(before, text[end : end + KIND_WINDOW_CHARS])
    if unit.kind in ("energy", "mass"):
        near = _sentence_tail(text, start, KIND_WINDOW_CHARS)[-KIND_WINDOW_CHARS // 2 :]
        if CAPACITY_WORD_RE.search(near):
            return "capacity"
        return "output" if OUTPUT_WORD_RE.search(near) else "other"
    return unit.kind


# characters an ARABIC_RE match starts with (ASCII and full-width digits)
ARABIC_FIRST_CHARS = frozenset("0123456789０１２３４５６７８９")


def _is_cn_numeral(number_text: str) -> bool:
    """True when the number is written in Chinese characters only (ARABIC_RE takes
    full-width digits too): ARABIC_RE matches exactly when the first character is a digit."""
    return not number_text or number_text[0] not in ARABIC_FIRST_CHARS


def _cn_numeral_ok(number_text: str) -> bool:
    """A Chinese numeral that reads as one number: it carries a digit (一..九, 十) but is
    not two bare digits (两三个, 三五家: vague), or it is a scale pair (百万, 千亿, 万亿)."""
    if any(ch in CN_VALUE_CHARS for ch in number_text):
        if len(number_text) == 2 and all(ch in CN_DIGITS for ch in number_text):
            return "〇" in number_text or "零" in number_text
        return True
    return bool(SCALE_ONLY_NUMERAL_RE.fullmatch(number_text))


PLACE_WINDOW_CHARS = 8  # characters around a Chinese numeral searched for a place name


def _starts_place_name(text: str, start: int) -> bool:
    """True when a place name of the gazetteer (analysis.places) covers text[start], the
    first character of a Chinese numeral: 七台河, 六盘水, 三门峡, 十堰, 五家渠, 九台区."""
    low = max(0, start - PLACE_WINDOW_CHARS)
    window = text[low : start + PLACE_WINDOW_CHARS]
    return any(m.start <= start - low < m.end for m in find_places(window))


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text` (one clause): value in the canonical unit, offsets into `text`."""
    url_spans = [m.span() for m in URL_RE.finditer(text)] if ("http" in text or "www" in text) else []
    found: list[Quantity] = []
    for match in QUANTITY_RE.finditer(text):  # a quantity never starts inside the previous one
        quantity = _quantity_from_match(text, match)
        if quantity is None or (url_spans and _in_spans(quantity.start, url_spans)):
            continue
        found.append(quantity)
    return found


def _quantity_from_match(text: str, match: re.Match[str]) -> Quantity | None:
    """Build a Quantity from a QUANTITY_RE match, or None when it is not a figure."""
    start, end = match.span()
    if match.group("pct"):
        p1, p2 = match.group("p1"), match.group("p2")
        low = number_exact(p1)
        high = number_exact(p2) if p2 else None
        unit = UNITS["%"]
        unit_raw = "百分之"
    else:
        unit_word = match.group("unit")
        n1, n2 = match.group("n1"), match.group("n2")
        if not _passes_context_filters(text, start, end, [n1, n2] if n2 else [n1], unit_word):
            return None
        unit = UNITS[unit_word]
        s1, s2 = match.group("s1"), match.group("s2")
        low = number_exact(n1) * scale_factor(s1) if s1 else number_exact(n1)
        high = None
        scale_raw = big_scale_suffix(n1) + s1
        if n2:
            high = number_exact(n2) * scale_factor(s2) if s2 else number_exact(n2)
            high_scale = big_scale_suffix(n2) + s2
            if high_scale and not scale_raw:  # 2-3亿元: the low end shares the scale
                low *= scale_factor(high_scale)
            scale_raw = high_scale
            u1 = match.group("u1")
            if (u1 and u1 != unit_word) or high <= low:
                # not a range after all (e.g. 2020-5个): keep the second number only
                start = match.start("n2")
                low, high = high, None
        unit_raw = scale_raw + unit_word
    surface = text[start:end]
    factor = unit.factor
    value = low * factor
    value_high = high * factor if high is not None else None
    segment = _segment_before(text, start)
    qualifiers = []
    q_before = QUALIFIER_BEFORE_RE.search(text[max(0, start - 4) : start])
    if q_before:
        qualifiers.append(q_before.group())
    else:
        q_detached = QUALIFIER_DETACHED_RE.search(segment)
        if q_detached:
            qualifiers.append(q_detached.group()[: -len(q_detached.group("gap"))])
    for approx in ("a1", "a2"):
        if not match.group("pct") and match.group(approx):
            qualifiers.append(match.group(approx))
    q_after = QUALIFIER_AFTER_RE.match(text, end)
    if q_after:
        qualifiers.append(q_after.group())
    per_year = bool(PER_YEAR_BEFORE_RE.search(segment)) or text.startswith("/年", end)
    per_unit = unit.unit != "percent" and bool(  # a share is a ratio already (人均收入增长5.3%)
        (("每" in segment or "均" in segment) and PER_UNIT_BEFORE_RE.search(segment))
        or PER_UNIT_AFTER_RE.match(text, end)
    )
    return Quantity(
        start=start,
        end=end,
        surface=surface,
        value=value,
        value_high=value_high,
        unit=unit.unit,
        unit_raw=unit_raw,
        kind=figure_kind(unit, text, start, end),
        qualifier=";".join(qualifiers),
        per_year=per_year,
        per_unit=per_unit,
    )


def _passes_context_filters(
    text: str, start: int, end: int, number_texts: list[str], unit_word: str
) -> bool:
    """False for the non-figures: ordinals, slogans, class labels, counters, 一个/一批."""
    prev = text[start - 1] if start > 0 else ""
    nxt = text[end] if end < len(text) else ""
    first = number_texts[0]
    chinese = all(_is_cn_numeral(n) for n in number_texts)
    if prev == "第":  # 第1125号, 第十一次, 第3个
        return False
    if prev.isascii() and prev.isalpha():  # PM2.5, G20, 5A
        return False
    if chinese and not all(_cn_numeral_ok(n) for n in number_texts):  # 千家万户, 万亩良田
        return False
    if nxt == "级":  # 千万千瓦级, 500千伏级: a class label, not a quantity
        return False
    if chinese and first in ("一", "壹") and len(number_texts) == 1:
        return False  # 一批, 一个, 一亩三分地, 最后一公里 (一亿元 keeps its scale word: 一亿)
    if chinese and _starts_place_name(text, start):
        return False  # 七台河, 三台县, 五家渠市: a place name, not 七台 / 三台 / 五家
    if chinese and UNITS[unit_word].kind == "money" and not any(
        ch in CN_BIG_SCALES for ch in text[start:end]
    ):
        return False  # 城乡二元结构: money in Chinese numerals always has 万 or 亿
    unit = UNITS[unit_word]
    if unit.kind == "count":
        if chinese and SLOGAN_AFTER_COUNT_RE.match(text, end):  # 两个维护, 四个意识
            return False
        if chinese and prev in OPEN_QUOTES and any(q in text[end : end + 8] for q in CLOSE_QUOTES):
            return False  # “三个一”: a slogan in quotes
        if unit_word == "次":
            if chinese or MEETING_AFTER_RE.match(text, end):
                return False  # 五次会议, 最多跑一次
            if COUNTER_LABEL_RE.search(text[max(0, start - 8) : start]):
                return False  # 浏览次数:1234次
        if unit_word in ("名", "位") and prev == "前" and text[start - 2 : start] != "目前":
            return False  # 前三名, 前10名: a rank
    if unit_word == "度" and "电" not in text[max(0, start - 10) : start] and nxt != "电":
        return False  # 度 is kWh only next to 电
    return True


# ---------------------------------------------------------------------------
# Years and periods
# ---------------------------------------------------------------------------

# matches year expressions (one regex, named alternatives), in text outside 《》; a year
# is written in Arabic or Chinese digits (numerals.YEAR_NUMBER: 2025, 二〇二五):
#   baseline: 比2020年 / 较2015年底 (the year a change is measured from: no status, no date)
#   target:  到2025年 / 到二〇二五年 / 至2025年底 / 2023年底前 / 二〇二三年底前 / 2025年以前
#            / 到“十四五”末 / 十四五末期
#   period:  2009年-2020年 / 2021-2025年 / 十三五期间 / “十四五”时期
#   plain:   2020年 / 二〇二〇年 / 今年 / 年内 (not 五年内) / 明年 / 去年
# A year followed by 的 (由2015年的9.1亿吨增加到2020年的10.01亿吨) is attributive: it
# dates the figure it describes, not the sentence (see year_mentions).
YEAR_PATTERN = (
    rf"(?P<baseline>(?:比|较|相比|同比|对比)(?P<by>{YEAR_NUMBER})年(?:底|末)?)"
    rf"|(?P<target_to>(?:到|至)(?P<ty1>{YEAR_NUMBER})年(?:底|末|年底)?)"
    rf"|(?P<target_before>(?P<ty2>{YEAR_NUMBER})年(?:底|末|年底)?(?:前|以前|之前))"
    rf"|(?P<period>(?P<py1>{YEAR_NUMBER})年?\s*(?:—{{1,2}}|[-–~～至到－])\s*(?P<py2>{YEAR_NUMBER})年)"
    r"|(?P<plan_end>(?:到|至)?[“\"]?十(?P<pe>[一二三四五六七八九])五[”\"]?(?:时期|期间)?末(?:期)?)"
    r"|(?P<plan>[“\"]?十(?P<pn>[一二三四五六七八九])五[”\"]?(?:时期|期间|以来|规划期)?)"
    rf"|(?P<plain>(?P<y>{YEAR_NUMBER})年(?![0-9]))"
    r"|(?P<this_year>今年|本年度|当年|(?<![0-9一二两三四五六七八九十百几多])年内)"
    r"|(?P<next_year>明年)"
    r"|(?P<last_year>去年|上年)"
)
YEAR_RE = compile_with_first_chars(YEAR_PATTERN, "比较相同对到至0-9一二“\"十今本当年明去上")
# matches what every year expression contains (cheap test before YEAR_RE): a character
# of every year number, the 十 of a plan, or a relative-year word
YEAR_HINT_RE = re.compile(rf"[{YEAR_NUMBER_HINT_CHARS}十今明去上本当]|年内")
# matches book-title marks 《...》 (plan names and document titles: masked from context)
TITLE_RE = re.compile(r"《[^《》\n]{0,120}》")


@dataclass(frozen=True)
class YearMention:
    """A year expression: role target/period/reference, the year or period bounds;
    `attributive` when followed by 的 (2015年的9.1亿吨: it dates only that figure)."""

    start: int
    end: int
    role: str  # "target", "period", "reference", "baseline"
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    text: str = ""
    attributive: bool = False


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
            found.append(YearMention(s, e, "baseline", read_year(m.group("by")), text=t))
        elif m.group("target_to"):
            if text.startswith("的", e):  # 增加到2020年的10.01亿吨: the 2020 level, no target
                found.append(YearMention(s, e, "reference", read_year(m.group("ty1")), text=t, attributive=True))
            else:
                found.append(YearMention(s, e, "target", read_year(m.group("ty1")), text=t))
        elif m.group("target_before"):
            found.append(YearMention(s, e, "target", read_year(m.group("ty2")), text=t))
        elif m.group("period"):
            y1, y2 = read_year(m.group("py1")), read_year(m.group("py2"))
            if y1 <= y2:
                found.append(YearMention(s, e, "period", None, y1, y2, text=t))
        elif m.group("plan_end"):
            _first, last = ten_plus_plan(m.group("pe"))
            found.append(YearMention(s, e, "target", last, text=t))
        elif m.group("plan"):
            first, last = ten_plus_plan(m.group("pn"))
            found.append(YearMention(s, e, "period", None, first, last, text=t))
        elif m.group("plain"):
            attributive = text.startswith("的", e)  # 由2015年的9.1亿吨
            found.append(YearMention(s, e, "reference", read_year(m.group("y")), text=t, attributive=attributive))
        elif doc_year is not None:  # 今年 / 明年 / 去年, relative to the document's year
            offset = 0 if m.group("this_year") else 1 if m.group("next_year") else -1
            found.append(YearMention(s, e, "reference", doc_year + offset, text=t))
    return found


def year_status(mention: YearMention, doc_year: int | None) -> str:
    """What a year expression says about status: commitment, achievement or '' (neutral)."""
    if mention.role == "target":
        if doc_year is None or (mention.year or 0) >= doc_year:
            return "commitment"
        return "achievement"
    if doc_year is None or mention.role == "baseline":
        return ""
    if mention.role == "period":
        if (mention.period_end or 0) < doc_year:
            return "achievement"
        return "commitment"
    year = mention.year or 0
    if year < doc_year:
        return "achievement"
    if year > doc_year:
        return "commitment"
    return ""


# ---------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------

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
STRONG_CUE_RE = compile_with_first_chars(STRONG_CUE_PATTERN, "力将拟预确尚下今接计目已累截近先过以共此现拥")
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
# matches the title of a report on one year's work, in its front matter:
# 关于2022年全省…工作情况的报告 / 关于2022年工作总结 (group year)
REPORT_TITLE_YEAR_RE = re.compile(r"关于(?P<year>(?:19|20)[0-9]{2})年[^。;；\n]{0,80}?(?:报告|总结)")
# matches words that date a sentence to the year being reported on: 全年 / 年内 / 当年 / 本年度
# (五年内 is a span, not the year; 今年 is the year of writing, read by the year rules)
WHOLE_YEAR_RE = re.compile(r"全年|(?<![0-9一二两三四五六七八九十百几多])年内|当年|本年度")
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


# roles of a year expression that, opening a sentence, date the later sentences of the
# paragraph: 到2025年, ... / “十三五”期间, ... (a plain 2020年 dates its own sentence only)
OPENING_ROLES = frozenset({"target", "period"})


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


def decide_status(
    before: str, after: str, paragraph_before: str, doc_year: int | None, forward_doc_type: str = ""
) -> tuple[str, str]:
    """Status of a figure and the cue that decided it.

    `before`: its sentence from the start up to the figure; `after`: the rest of the
    sentence; `paragraph_before`: its paragraph up to the start of the sentence;
    `doc_year`: the year the document was issued (None when unknown).
    Order: nearest strong cue or dated year before the figure > paragraph frame
    (下一步 / 近年来 / a year) > strong cue after the figure in its clause > ambiguous cues >
    commitment in the body of a plan, opinion or notice (`forward_doc_type`) > unknown.
    A cumulative cue (累计) yields to a forward cue before it in the sentence.
    """
    return status_in_context(
        before, after, year_mentions(before, doc_year), paragraph_frame(paragraph_before, doc_year),
        doc_year, forward_doc_type,
    )


def status_in_context(
    before: str,
    after: str,
    before_years: list[YearMention],
    frame: ParagraphFrame,
    doc_year: int | None,
    forward_doc_type: str = "",
    default: tuple[str, str] = ("", ""),
) -> tuple[str, str]:
    """`decide_status` with the year mentions of `before` and the paragraph frame given.

    `forward_doc_type`: the doc_type (plan, opinion, notice) when the figure is in the body
    of a document stating future action: then a figure no cue decides is a commitment.
    `default`: (status, cue) set by the titles over the figure (主要工作成效 -> achievement,
    2023年工作安排 -> commitment) or the document's genre (a report -> achievement): it
    decides a figure no strong cue, year or paragraph frame decides, and a two-way cue
    (TWO_WAY_CUES: 争取 新增 完成 控制在 实现 达到).
    """
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


def find_year(before: str, paragraph_before: str, doc_year: int | None) -> YearMention | None:
    """The year expression that dates a figure: the nearest one before it in its sentence,
    else a target year or period opening an earlier sentence of its paragraph (到2025年,...);
    None when the text does not say."""
    opening = paragraph_frame(paragraph_before, doc_year).opening
    return dating_mention(before, year_mentions(before, doc_year), opening)


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
        cues = [(m.start(), m.lastgroup or "", m.group())
                for m in FRAME_CUE_RE.finditer(self.text, self.read_up_to, cut)]
        for mention in year_mentions(self.text, self.doc_year, self.read_up_to, cut):
            status = year_status(mention, self.doc_year)
            if status:
                cues.append((mention.start, status, mention.text))
            if mention.role in OPENING_ROLES and _opens_sentence(self.text, mention.start):
                self.opening = mention
        if cues:
            self.latest_cue = max(cues if self.latest_cue is None else [self.latest_cue, *cues])
        self.read_up_to = cut


# ---------------------------------------------------------------------------
# Document year
# ---------------------------------------------------------------------------


def _year_of(published: object) -> int | None:
    """Year of a `published` value (ISO date string, int year, or blank)."""
    if published is None:
        return None
    if isinstance(published, int):
        return published
    match = re.match(r"\s*((?:19|20)\d{2})", str(published))
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------------------
# Duplicates
# ---------------------------------------------------------------------------

# matches characters kept for context similarity (CJK and letters; no digits/punctuation)
CONTEXT_CHAR_RE = re.compile(r"[^\u4e00-\u9fffA-Za-z]+")
DUPLICATE_MIN_SIMILARITY = 0.3  # Jaccard of context bigrams above which it is the same fact
CONTEXT_BEFORE_CHARS = 24  # context window before a figure (characters, inside its sentence)
CONTEXT_AFTER_CHARS = 12  # context window after a figure
LEAD_WORDS_MIN_CHARS = 4  # shortest lead (新增就业) that, with the same date, makes the same fact


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

    Same fact = same unit, value and value_high, compatible year and period, and
    similar context (Jaccard of context bigrams >= DUPLICATE_MIN_SIMILARITY), or the same
    date and the same words leading to the figure in its comma segment (新增就业1.2万人 in
    a news lead and again in the plan's targets, both by 2024).
    A row's context is its sentence before and after the figure (`_before`, `_after`);
    rows are bucketed by (unit, value, value_high) first, so only rows of one bucket
    are compared and the bigrams are built only for them.
    """
    firsts: dict[tuple, list[dict]] = {}
    for row in rows:
        key = (row["unit"], row["value"], row["value_high"])
        for first in firsts.get(key, []):
            if not _same_dates(first, row):
                continue
            if (jaccard(_context_of(first), _context_of(row)) >= DUPLICATE_MIN_SIMILARITY
                    or _same_dated_lead(first, row)):
                row["duplicate_of"] = first["figure_id"]
                break
        else:
            firsts.setdefault(key, []).append(row)


def _context_of(row: dict) -> frozenset[str]:
    """The context bigrams of a figure row, built on first use and kept in the row."""
    if "_context" not in row:
        row["_context"] = context_bigrams(row["_before"], row["_after"])
    return row["_context"]


def _lead_words(row: dict) -> str:
    """The CJK words of a figure row's comma segment before it (新增就业 in ，新增就业1.2万人)."""
    segment = _after_last_mark(UP_TO_LAST_SEGMENT_MARK_RE, row["_before"], 0, len(row["_before"]))
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


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------


def _rounded(value: Exact | None) -> float | None:
    return None if value is None else round(float(value), VALUE_DECIMALS)


def _masked(text: str) -> str:
    """`text` with the contents of 《...》 blanked (same length): titles are not context."""
    return TITLE_RE.sub(lambda m: " " * len(m.group()), text)


def extract_figures(
    clauses: pd.DataFrame,
    published: Mapping[str, object],
    doc_types: Mapping[str, str],
) -> pd.DataFrame:
    """Every quantity in the clauses (figures.csv rows, sorted by doc_id, start).

    `published` maps doc_id -> issue date (ISO string or year; documents.csv `published`,
    which ingest infers from the text when the manifest leaves it blank); a document it
    leaves out or leaves blank has no known year (relative years and past years are not
    read). `doc_types` maps doc_id -> doc_type (documents.csv). In the body of a plan,
    opinion or notice a figure no cue decides is a commitment, except under a background
    title (BACKGROUND_TITLE_RE: 一、发展基础). Offsets are into the normalised text;
    only clauses of part body or front_matter hold figures.

    Documents are read one paragraph (line) at a time: no cue, year or 《title》 crosses
    a line, and a long document never has its whole text copied.
    """
    if clauses.empty:
        return _figures_frame([])
    # one array per column, without a Python object per number (views where pandas allows)
    columns = {c: clauses[c].to_numpy() for c in _DocumentView.COLUMNS}
    rows: list[dict] = []
    for doc_id, positions in sorted(clauses.groupby("doc_id", sort=False).indices.items()):
        order = positions[np.argsort(columns["start"][positions], kind="stable")]
        doc = _DocumentView({c: values[order] for c, values in columns.items()})
        doc_year = _year_of(published.get(doc_id))
        doc_type = doc_types.get(doc_id) or ""
        doc_rows = _figures_of_document(doc, doc_id, doc_year, doc_type)
        mark_duplicates(doc_rows)
        rows.extend(doc_rows)
    return _figures_frame(rows)


def _figures_frame(rows: list[dict]) -> pd.DataFrame:
    """The figures table from row dicts, with the contract's column order and types."""
    for row in rows:
        for private in ("_before", "_after", "_context"):
            row.pop(private, None)
    table = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    table["year"] = table["year"].astype("Int64")
    for column in ("start", "end"):
        table[column] = table[column].astype("int64")
    for column in ("value", "value_high"):
        table[column] = table[column].astype("float64")
    table["per_year"] = table["per_year"].astype(bool)
    table["per_unit"] = table["per_unit"].astype(bool)
    return table.reset_index(drop=True)


WINDOW_CHARS = 1 << 20  # text scanned at once: whole paragraphs, about this many characters


class _DocumentView:
    """The clauses of one document in text order (one array per column), read in windows
    of whole paragraphs (lines): no cue, year or 《title》 crosses a line, so a window is
    read as the whole text would be, without ever copying a long document whole."""

    COLUMNS = ("clause_id", "part", "paragraph_no", "sentence_no", "start", "end", "text",
               *BACKGROUND_TITLE_COLUMNS, "chapter_title")

    def __init__(self, cols: dict[str, np.ndarray]) -> None:
        self.cols = cols

    def windows(self) -> Iterator[tuple[int, int]]:
        """(first, stop) clause positions of runs of whole paragraphs of about WINDOW_CHARS."""
        paragraph, starts = self.cols["paragraph_no"], self.cols["start"]
        cuts = np.flatnonzero(paragraph[1:] != paragraph[:-1]) + 1  # first clause of a paragraph
        cut_starts = starts[cuts]
        first = 0
        while first < len(starts):
            i = int(np.searchsorted(cut_starts, starts[first] + WINDOW_CHARS))
            stop = int(cuts[i]) if i < len(cuts) else len(starts)
            yield first, stop
            first = stop

    def text_of(self, first: int, stop: int) -> tuple[int, str]:
        """Start offset and text of clauses first..stop-1 (gaps between them as spaces)."""
        starts, texts = self.cols["start"][first:stop].tolist(), self.cols["text"][first:stop]
        base = cursor = starts[0]
        chunks: list[str] = []
        for start, text in zip(starts, texts, strict=True):
            if start >= cursor:
                chunks.append(" " * (start - cursor))
                chunks.append(text)
                cursor = start + len(text)
        return base, "".join(chunks)


def _figures_of_document(
    doc: _DocumentView, doc_id: str, doc_year: int | None, doc_type: str = ""
) -> list[dict]:
    """Figure rows of one document, in text order (duplicates not yet marked)."""
    forward_doc_type = doc_type if doc_type in FORWARD_DOC_TYPES else ""
    context = _DocumentContext(doc_type, doc_year, report_year(doc) if doc_type == "report" else None)
    rows: list[dict] = []
    for first, stop in doc.windows():
        base, text = doc.text_of(first, stop)
        quantities = find_quantities(text)
        if quantities:
            window = _Window(doc.cols, first, stop, base, text, doc_year, context)
            rows.extend(window.rows(quantities, doc_id, forward_doc_type))
    return rows


def report_year(doc: _DocumentView) -> int | None:
    """The year a report is on, when its title in the front matter says so
    (关于2022年…工作情况的报告 -> 2022, whatever year it was published); else None."""
    front = np.flatnonzero(doc.cols["part"] == "front_matter")
    for text in doc.cols["text"][front].tolist():
        match = REPORT_TITLE_YEAR_RE.search(text)
        if match:
            return int(match.group("year"))
    return None


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
        if RESULTS_TITLE_RE.search(title):  # 2022年工作情况, 主要目标完成情况: results, even with a plans word
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



@dataclass(frozen=True)
class _DocumentContext:
    """The document-level facts status and year read: doc_type, issue year, year reported on."""

    doc_type: str
    doc_year: int | None
    report_year: int | None


class _Window:
    """Clauses first..stop-1 of a document as lists, their text (starting at document
    offset `base`) and, paragraph by paragraph, the same text with 《titles》 masked."""

    def __init__(
        self, cols: dict[str, np.ndarray], first: int, stop: int, base: int, text: str,
        doc_year: int | None, context: _DocumentContext,
    ) -> None:
        self.base, self.text, self.doc_year = base, text, doc_year
        self.context = context
        self.chapter_titles = cols["chapter_title"][first:stop].tolist()
        self.clause_ids = cols["clause_id"][first:stop]
        self.parts = cols["part"][first:stop].tolist()
        self.section_titles, self.item_titles, self.sub_titles = (
            cols[c][first:stop].tolist() for c in BACKGROUND_TITLE_COLUMNS
        )
        self.paragraphs = cols["paragraph_no"][first:stop].tolist()
        self.sentences = cols["sentence_no"][first:stop].tolist()
        self.starts = [s - base for s in cols["start"][first:stop].tolist()]
        self.ends = [e - base for e in cols["end"][first:stop].tolist()]
        self.paragraph = (0, 0)  # clause positions first..stop-1 of the paragraph read below
        self.masked = ""  # that paragraph's text with titles masked, from offset:
        self.offset = 0
        self.frames: ParagraphFrames | None = None
        self.sentence_span: dict[int, tuple[int, int]] = {}  # sentence_no -> window offsets
        self.title_frames: dict[tuple, TitleFrame] = {}  # (sub, item, section, chapter) -> frame

    def _read_paragraph(self, k: int) -> None:
        """Make the paragraph of clause k the current one (masked text, frames, sentences)."""
        if self.paragraph[0] <= k < self.paragraph[1]:
            return
        number = self.paragraphs[k]
        first = stop = k
        while first > 0 and self.paragraphs[first - 1] == number:
            first -= 1
        while stop < len(self.paragraphs) and self.paragraphs[stop] == number:
            stop += 1
        self.paragraph, self.offset = (first, stop), self.starts[first]
        self.masked = _masked(self.text[self.offset : self.ends[stop - 1]])
        self.frames = ParagraphFrames(self.masked, 0, len(self.masked), self.doc_year)
        self.sentence_span = {}
        for j in range(first, stop):
            sentence = self.sentences[j]
            span_start = self.sentence_span.get(sentence, (self.starts[j], 0))[0]
            self.sentence_span[sentence] = (span_start, self.ends[j])

    def _under_background_title(self, k: int) -> bool:
        """True when clause k's section, item or sub-item title reads as background."""
        return (
            _is_background_title(self.section_titles[k])
            or _is_background_title(self.item_titles[k])
            or _is_background_title(self.sub_titles[k])
        )

    def _title_frame(self, k: int) -> TitleFrame:
        """The frame set by clause k's sub, item, section and chapter titles (computed once
        per distinct title tuple of the window: the clauses of an item share their titles)."""
        key = (self.sub_titles[k], self.item_titles[k], self.section_titles[k], self.chapter_titles[k])
        frame = self.title_frames.get(key)
        if frame is None:
            titles = tuple(t for t in key if isinstance(t, str) and t)
            frame = self.title_frames[key] = title_frame(titles, self.doc_year)
        return frame

    def _default(self, k: int, frame: TitleFrame, before: str, after: str) -> tuple[str, str]:
        """The default status of a figure in body clause k (see status_in_context): the
        title frame, else the genre: a report states results; a regulation (other) grants
        payments by rule (每户补助1.2万元: a promised payment)."""
        if frame.status:
            return frame.status, f"({frame.title})"
        if self.context.doc_type == "report":
            return "achievement", "(report)"
        if self.context.doc_type == "other" and not PENALTY_RE.search(before + after):
            clause_end = CLAUSE_END_RE.search(after)
            rule = _last_match(RULE_WORD_RE, before) or RULE_WORD_RE.search(
                after, 0, clause_end.start() if clause_end else len(after))
            if rule:
                return "commitment", f"({rule.group()})"
        return "", ""

    def _framed_year(
        self, titled: TitleFrame, status: str, cue: str, sentence: str
    ) -> tuple[int, str] | None:
        """(year, role) for a body figure the text dates only by its frame: a plans title
        naming a year (2023年工作安排 -> 2023, target); in a report on one year (关于2022年…
        的报告), 全年 / 年内 in its sentence, or an achievement under a results title that
        is not a cumulative total (累计), -> that year, reference. None otherwise."""
        if titled.status == "commitment" and titled.year is not None and status == "commitment":
            return titled.year, "target"
        year = self.context.report_year
        if year is None or status == "commitment":
            return None
        if WHOLE_YEAR_RE.search(sentence):
            return year, "reference"
        if titled.status == "achievement" and status == "achievement" and not cue.startswith("累计"):
            return year, "reference"
        return None

    def rows(self, quantities: list[Quantity], doc_id: str, forward_doc_type: str) -> Iterator[dict]:
        """Figure rows of the quantities found in the window's text, in text order."""
        doc_year = self.doc_year
        per_clause: dict[int, int] = {}  # clause position -> figures numbered so far
        frame_at: dict[int, ParagraphFrame] = {}  # sentence start -> paragraph frame
        for q in quantities:
            k = bisect.bisect_right(self.starts, q.start) - 1
            if k < 0 or self.parts[k] not in FIGURE_PARTS or q.end > self.ends[k]:
                continue
            self._read_paragraph(k)
            s_start, s_end = (p - self.offset for p in self.sentence_span[self.sentences[k]])
            frame = frame_at.get(s_start + self.offset)
            if frame is None:
                frame = frame_at[s_start + self.offset] = self.frames.frame_at(s_start)
            before = self.masked[s_start : q.start - self.offset]
            after = self.masked[q.end - self.offset : s_end]
            before_years = year_mentions(before, doc_year)
            in_body = self.parts[k] == "body"
            titled = self._title_frame(k) if in_body else _NO_TITLE_FRAME
            status, cue = status_in_context(
                before, after, before_years, frame, doc_year,
                forward_doc_type if in_body else "",
                self._default(k, titled, before, after) if in_body else ("", ""),
            )
            if forward_doc_type and cue == f"({forward_doc_type})" and self._under_background_title(k):
                status, cue = "unknown", ""  # no cue, under 一、发展基础: a fact, not a commitment
            mention = dating_mention(before, before_years, frame.opening)
            year, year_role = (mention.year if mention else None), _year_role(mention, status)
            undated = mention is None or WHOLE_YEAR_RE.fullmatch(mention.text) is not None
            if in_body and undated:
                framed = self._framed_year(titled, status, cue, self.masked[s_start:s_end])
                if framed:
                    year, year_role = framed
            clause_id = self.clause_ids[k]
            per_clause[k] = per_clause.get(k, 0) + 1
            yield {
                "figure_id": f"{clause_id}-f{per_clause[k]:03d}",
                "doc_id": doc_id,
                "clause_id": clause_id,
                "start": self.base + q.start,
                "end": self.base + q.end,
                "surface": q.surface,
                "value": _rounded(q.value),
                "value_high": _rounded(q.value_high),
                "unit": q.unit,
                "unit_raw": q.unit_raw,
                "kind": q.kind,
                "status": status,
                "year": year,
                "period_start": f"{mention.period_start}-01-01"
                if mention and mention.period_start else None,
                "period_end": f"{mention.period_end}-12-31"
                if mention and mention.period_end else None,
                "duplicate_of": None,
                "qualifier": q.qualifier,
                "per_year": q.per_year,
                "status_cue": cue,
                "year_role": year_role,
                "per_unit": q.per_unit,
                # context kept for mark_duplicates: what context_bigrams and _lead_words read
                "_before": before[-SEGMENT_MAX_CHARS:],
                "_after": after[:CONTEXT_AFTER_CHARS],
            }


@lru_cache(maxsize=4096)
def _reads_as_background(title: str) -> bool:
    return BACKGROUND_TITLE_RE.search(title) is not None


def _is_background_title(title: object) -> bool:
    """True for a title (str; blank titles are '' or NaN) that reads as background."""
    return isinstance(title, str) and title != "" and _reads_as_background(title)


def _year_role(mention: YearMention | None, status: str) -> str:
    """`target` for a target year (or a dated commitment), `reference` for other years."""
    if mention is None or mention.year is None:
        return ""
    if mention.role == "target" or status == "commitment":
        return "target"
    return "reference"
