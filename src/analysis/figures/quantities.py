"""Finding quantities: one pass of one compiled regex over a text, with the filters that
reject the non-figures (dates, document numbers, ordinals, slogans, place names...), the
qualifiers around a figure (约, 不少于, 左右), per-year and per-unit cues, and its kind.

`find_quantities(text)` gives `Quantity` values in the canonical unit (units.UNITS),
offsets into `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from analysis.figures.numbers import (
    CN_BIG_SCALES,
    Exact,
    big_scale_suffix,
    chinese_numeral_ok,
    is_chinese_numeral,
    number_exact,
    scale_factor,
)
from analysis.figures.units import ADMIN_UNIT_WORDS, UNIT_ALTERNATION, UNITS, Unit
from analysis.places import find_places
from analysis.text import (
    UP_TO_LAST_SEGMENT_MARK_RE,
    UP_TO_LAST_SENTENCE_MARK_RE,
    after_last_mark,
    segment_after,
)

KIND_WINDOW_CHARS = 40  # characters before a figure searched for its kind (资金, 总投资...)
SEGMENT_MAX_CHARS = 60  # longest comma segment searched for 每年 / source words


def compile_with_first_chars(pattern: str, first_chars: str) -> re.Pattern[str]:
    """Compile `pattern` behind a lookahead on the characters its matches start with.

    Same matches as re.compile(pattern), found about ten times faster: the regex engine
    skips straight to those characters instead of trying every alternative at every
    position. `first_chars` is a character-class body (tests check it is complete).
    """
    return re.compile(f"(?=[{first_chars}])(?:{pattern})")


_ARABIC = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
_CN = r"[零〇○一二两兩三四五六七八九十百千万亿萬億]+(?:点[零〇一二三四五六七八九]+[万亿萬億]*)?"
_NUM = rf"(?:{_ARABIC}[十百千万亿萬億]*|{_CN})"
_SEP = r"(?:—{1,2}|[-–~～至到－])"
_NUMBER_CHARS = "0-9０-９零〇○一二两兩三四五六七八九十百千万亿萬億"  # what a quantity starts with
# matches, with named parts:
#   百分之三十 | 百分之十至百分之十五                         (pct, p1, p2)
#   21.96亿元 | 0.73万亩 | 3000余万元 | 两千多万元 | 82万千瓦   (n1, a1, s1, unit)
#   10%—12% | 5万至8万亩 | 2-3亿元 | 10—15处                  (n1 [u1] sep n2 ... unit)
#   6.5亿中央投资 | 3000万资金                                  (bare, bare_money: 元 left out)
#   近30万居民                                                 (bare, bare_people: a count)
#   下达补助资金1.54亿, / 投资3000万。                            (bare, bare_end: after a
#                                                              money noun, MONEY_NOUNS_BEFORE)
#   三分之二 | 四分之一                                         (frac: fd 分之 fn, a share)
#   六成 | 近八成 | 三成以上                                    (decile: dn 成, tenths)
# (bare and frac are tried only where the unit alternative fails: 6.5亿元 stays whole)
BARE_MONEY_AFTER = (  # what 元 may be left out before: 中央投资, 省级资金, 专项补助, 社会资本
    r"(?:中央|省级|省|市级|市|县级|县|财政|预算内|专项|各级|社会|民间|项目)*"
    r"(?:投资|资金|补助|奖补|补贴|债券|拨款|转移支付|资本金|资本|融资)"
)
BARE_PEOPLE_AFTER = r"(?:居民|群众|人口|职工|农民工|农民|矿工|工人|市民|村民|移民|贫困人口)"
# the money nouns right before an amount that may leave 元 out at the end of its clause
MONEY_NOUNS_BEFORE = frozenset(
    "资金 补助 投资 奖补 补贴 拨款 拨付 下达 基金 债券 资本 本金 融资 投入".split()
)
# matches a qualifier between a money noun and a bare amount: 投资约12亿, 资金超过3亿
BARE_QUALIFIER_RE = re.compile(r"(?:约|近|超过|超|逾|达到|达|共|合计|累计|总计)$")
# what 成 never starts when it follows a digit as a decile: 三成员, 五成果, 建成为 (六成
# = 60%; 一成 is left out with every 一: 一成不变)
DECILE_NOT_AFTER = "员果效为立就交品本熟年功绩型都长"
QUANTITY_PATTERN = (
    rf"(?P<pct>百分之(?P<p1>{_NUM})(?:{_SEP}(?:百分之)?(?P<p2>{_NUM}))?)"
    rf"|(?P<frac>(?P<fd>[一二三四五六七八九十百千]+)分之(?P<fn>[一二三四五六七八九十]+))"
    rf"|(?P<decile>(?P<dn>[二两三四五六七八九])成(?![{DECILE_NOT_AFTER}]))"
    rf"|(?P<n1>{_NUM})(?P<a1>[余多餘])?(?P<s1>[万亿萬億]*)"
    rf"(?:(?P<u1>{UNIT_ALTERNATION})?(?P<sep>{_SEP})(?P<n2>{_NUM})(?P<a2>[余多餘])?(?P<s2>[万亿萬億]*))?"
    rf"(?P<unit>{UNIT_ALTERNATION})"
    rf"|(?P<bare>(?P<bn>{_NUM})(?P<bs>[万亿萬億]*))"
    rf"(?=(?P<bare_money>{BARE_MONEY_AFTER})|(?P<bare_people>{BARE_PEOPLE_AFTER})"
    r"|(?P<bare_end>[,，。;；、)）\n]|$))"
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
# matches what makes N个 a duration, not a count: 3个月, 20个工作日, 2个多月, 48个小时
# (a duration says how long an action takes: its time belongs in year/period, not a figure)
DURATION_AFTER_RE = re.compile(r"多?(?:月|工作日|小时|季度|星期|礼拜|年头)")
# matches the list members sharing the unit of the figure after them: 分别提高8.2、7.5、
# 6.9个百分点 -> 8.2 and 7.5 (Arabic numbers joined by 、, right before the figure)
LIST_MEMBERS_RE = re.compile(rf"(?:(?<![0-9.]){_ARABIC}、)+$")
LIST_MEMBER_RE = re.compile(rf"(?P<number>{_ARABIC})、")
LIST_WINDOW_CHARS = 60  # characters before a figure searched for list members
# matches 分别 (respectively) before a list: it makes a list of integers shared-unit too
RESPECTIVELY_RE = re.compile(r"分别|依次")
# what follows an administrative unit word when it is not one counted: 4市场 / 县域 /
# 区域 / 村民 / 乡镇企业 (compounds), 市级 (a level), 三区三线 (a planning term)
ADMIN_UNIT_NOT_AFTER = "场民级值委直属域城镇内县外委庄组里集一二三四五六七八九十两"
# what follows 对 / 双 when they are not pairs: 12对接 / 3对口 / 双创 / 双碳 (a word),
# 1对1 (one-to-one, a score)
PAIR_NOT_AFTER = {
    "对": "接口比象于标外应照话策待0123456789一二三四五六七八九十",
    "双": "创碳向赢循拥百0123456789一二三四五六七八九十",
}
# matches what a Chinese-numeral count of administrative units or pairs may end at:
# 覆盖三县、… / 建成矿井六对。 (“一主六双”, 三县一区 read as names and slogans)
CN_NAMED_COUNT_END_RE = re.compile(r"[、,，。;；:：)）等共的\s]|$")
# matches URLs (figures inside them are not figures)
URL_RE = re.compile(r"(?:https?://|www\.)[\w./?=&%#~+-]+", re.ASCII)
OPEN_QUOTES = "“「『\"'‘《"
CLOSE_QUOTES = "”」』\"'’》"

# matches kind keywords before a money figure (nearest wins); group name = kind
MONEY_KIND_PATTERN = (
    r"(?P<funding>预算内投资|转移支付|资金|补助|补贴|奖补|专项|贷款|拨款|拨付|经费|基金|债券|贴息|奖励|财政)"
    r"|(?P<investment>总投资|投资额|投资|投入|资本金)"
    r"|(?P<output>产值|增加值|营业收入|主营业务收入|收入|营收|生产总值|GDP|利润|税收|销售额|交易额|出口额|进出口额)"
)
MONEY_KIND_RE = compile_with_first_chars(
    MONEY_KIND_PATTERN, "预转资补奖专贷拨经基债贴财总投产增营主收生G利税销交出进"
)
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


def _segment_before(text: str, pos: int) -> str:
    """Text from the last punctuation mark before `pos` up to `pos` (a comma segment)."""
    low = max(0, pos - SEGMENT_MAX_CHARS)
    return after_last_mark(UP_TO_LAST_SEGMENT_MARK_RE, text, low, pos)


def _sentence_tail(text: str, pos: int, width: int) -> str:
    """Up to `width` characters before `pos`, not reaching back past the sentence start."""
    return after_last_mark(UP_TO_LAST_SENTENCE_MARK_RE, text, max(0, pos - width), pos)


def money_kind(before: str, after: str = "") -> str:
    """Kind of a money figure from the nearest keyword before it (资金, 总投资, 产值...),
    else the first one after it in its comma segment: funding, investment, output, other."""
    best_kind, best_pos = "", -1
    for match in MONEY_KIND_RE.finditer(before):
        if match.start() >= best_pos:
            best_kind, best_pos = match.lastgroup or "", match.start()
    if not best_kind:
        following = MONEY_KIND_RE.search(segment_after(after))
        best_kind = following.lastgroup or "" if following else ""
    return best_kind or "other"


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
    url_spans = (
        [m.span() for m in URL_RE.finditer(text)] if ("http" in text or "www" in text) else []
    )
    found: list[Quantity] = []
    for match in QUANTITY_RE.finditer(text):  # a quantity never starts inside the previous one
        quantity = _quantity_from_match(text, match)
        if quantity is None or (url_spans and _in_spans(quantity.start, url_spans)):
            continue
        if not match.group("pct") and not match.group("frac") and not match.group("bare"):
            floor = found[-1].end if found else 0
            found.extend(_list_members(text, quantity, match, floor))
        found.append(quantity)
    return found


def _list_members(text: str, last: Quantity, match: re.Match[str], floor: int) -> list[Quantity]:
    """The numbers listed right before `last` that share its unit (8.2、7.5、6.9个百分点 ->
    8.2 and 7.5 percentage points; 1.2、0.8亿元 -> 1.2亿 and 0.8亿), from text[floor:].
    A list of whole numbers counts only after 分别 / 依次 in its comma segment (1、2号
    are labels, not amounts); decimals always share the unit."""
    low = max(floor, last.start - LIST_WINDOW_CHARS)
    run = LIST_MEMBERS_RE.search(text, low, last.start)
    if run is None or text[run.start() - 1 : run.start()] == "第":
        return []
    members = [m for m in LIST_MEMBER_RE.finditer(text, run.start(), run.end())]
    decimals = all("." in m.group("number") for m in members) and "." in match.group("n1")
    if not decimals and not RESPECTIVELY_RE.search(_segment_before(text, run.start())):
        return []
    unit = UNITS[match.group("unit")]
    scale = big_scale_suffix(match.group("n1")) + (match.group("s1") or "")
    out = []
    for m in members:
        number = m.group("number")
        value = number_exact(number)
        if scale and not big_scale_suffix(number):
            value *= scale_factor(scale)
        out.append(
            Quantity(
                start=m.start(),
                end=m.start() + len(number),
                surface=number,
                value=value * unit.factor,
                value_high=None,
                unit=last.unit,
                unit_raw=last.unit_raw,
                kind=last.kind,
                per_year=last.per_year,
                per_unit=last.per_unit,
            )
        )
    return out


def _quantity_from_match(text: str, match: re.Match[str]) -> Quantity | None:
    """Build a Quantity from a QUANTITY_RE match, or None when it is not a figure."""
    start, end = match.span()
    if match.group("pct"):
        p1, p2 = match.group("p1"), match.group("p2")
        low = number_exact(p1)
        high = number_exact(p2) if p2 else None
        unit = UNITS["%"]
        unit_raw = "百分之"
    elif match.group("decile"):
        low = number_exact(match.group("dn")) * 10  # 六成 -> 60 (percent)
        high = None
        unit = UNITS["%"]
        unit_raw = "成"
    elif match.group("frac"):
        if text[start - 1 : start] == "第":
            return None
        low = Fraction(number_exact(match.group("fn")), number_exact(match.group("fd"))) * 100
        high = None
        unit = UNITS["%"]
        unit_raw = "分之"
    elif match.group("bare"):
        number = match.group("bn")
        scale_raw = big_scale_suffix(number) + match.group("bs")
        if not scale_raw or not _passes_context_filters(text, start, end, [number], "元"):
            return None  # 6.5亿 / 30万 need their scale word (5投资 is not an amount)
        if match.group("bare_end") is not None and not _money_noun_before(text, start):
            return None  # 人口1.5亿, : no money noun before it
        low = (
            number_exact(number) * scale_factor(match.group("bs"))
            if match.group("bs")
            else number_exact(number)
        )
        high = None
        unit = UNITS["人"] if match.group("bare_people") else UNITS["元"]
        unit_raw = scale_raw
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
    per_unit = unit.kind != "share" and bool(  # a share is a ratio already (人均收入增长5.3%)
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


def _money_noun_before(text: str, start: int) -> bool:
    """True when a money noun (MONEY_NOUNS_BEFORE) ends right before text[start], or
    before a qualifier there: 社会投资12亿, 资本金3亿, 投资约12亿."""
    low = max(0, start - 6)
    q = BARE_QUALIFIER_RE.search(text, low, start)
    end = q.start() if q else start
    return text[max(0, end - 2) : end] in MONEY_NOUNS_BEFORE


def _passes_context_filters(
    text: str, start: int, end: int, number_texts: list[str], unit_word: str
) -> bool:
    """False for the non-figures: ordinals, slogans, class labels, counters, 一个/一批."""
    prev = text[start - 1] if start > 0 else ""
    nxt = text[end] if end < len(text) else ""
    first = number_texts[0]
    chinese = all(is_chinese_numeral(n) for n in number_texts)
    if prev == "第":  # 第1125号, 第十一次, 第3个
        return False
    if prev.isascii() and prev.isalpha():  # PM2.5, G20, 5A
        return False
    if chinese and not all(chinese_numeral_ok(n) for n in number_texts):  # 千家万户, 万亩良田
        return False
    if nxt == "级":  # 千万千瓦级, 500千伏级: a class label, not a quantity
        return False
    if chinese and first in ("一", "壹") and len(number_texts) == 1:
        return False  # 一批, 一个, 一亩三分地, 最后一公里 (一亿元 keeps its scale word: 一亿)
    if chinese and _starts_place_name(text, start):
        return False  # 七台河, 三台县, 五家渠市: a place name, not 七台 / 三台 / 五家
    if (
        chinese
        and UNITS[unit_word].kind == "money"
        and not any(ch in CN_BIG_SCALES for ch in text[start:end])
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
        if unit_word == "个" and DURATION_AFTER_RE.match(text, end):
            return False  # 3个月, 20个工作日: a duration, not a count
        if unit_word in PAIR_NOT_AFTER and nxt and nxt in PAIR_NOT_AFTER[unit_word]:
            return False  # 12对接, 双创: a word, not pairs
        if unit_word in ADMIN_UNIT_WORDS and nxt and nxt in ADMIN_UNIT_NOT_AFTER:
            return False  # 4市场, 县域, 三区三线: a compound word, not a count
        named = unit_word in ADMIN_UNIT_WORDS or unit_word in PAIR_NOT_AFTER
        if named and chinese and not CN_NAMED_COUNT_END_RE.match(text, end):
            return False  # 三县一区, “一主六双”: a name or slogan; 覆盖三县、 is a count
    if unit_word == "度" and "电" not in text[max(0, start - 10) : start] and nxt != "电":
        return False  # 度 is kWh only next to 电
    return True
