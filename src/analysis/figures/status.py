"""Status: is a figure a commitment, an achievement, or unknown, and which rule said so.

`decide_status(before, after, placement, ...)` is the one entry point: production
(figures.extract) and the tests call it, with the figure's `Placement` (the document's
year, doc_type and whether it allocates money; the clause's part and the titles over it).
The section and paragraph frames are read by analysis.figures.frames.

The decision procedure. Five frames are read, from the widest to the nearest, and the
nearer one that speaks wins over a wider one (two-way cues excepted, step 5):

1. document frame (genre + the document's date, `genre_default`; the body, and for news
   and allocating documents the front matter too: headline and lead): a work or progress
   report states results (`frame:report`) up to a plan part opened without a plan heading
   (新的一年 / 今年是 / 2024年是… / 今年政府工作的总体要求: `frame:plan_part:<opener>`,
   commitments), a news article reports facts (`frame:news`), a
   plan, opinion or notice states future action (`frame:plan` ...: used last, step 7), a
   regulation's rule word grants a payment (`rule:补助`). A document that allocates money
   (its title or front matter: 下达/分配/拨付…资金/投资/计划) reports that money as allocated:
   a money figure there is a result (`frame:allocation`), and so is what the allocation
   sentence says it funds (支持…项目15个, `frame:allocation:下达`), but not the works the
   money is to pay for (用于…620户: the genre default; a sentence after 资金主要用于… in its
   paragraph: `frame:allocation_use:用于`, commitments) nor 预计可… effects (step 4).
   The document's date is its published year; for a report without one, the year after
   the one it reviews; for any other document without one, the earliest year its text
   allows (years.year_floor: after its latest 截至…年底, a period it calls past or the
   year a review title names; its own dateline). Every year below is compared with it;
   a report on the results of its own year (given in December: review_year = published
   year, `Placement.review_year`) has that year behind it too (`past_year:2021<=2021
   (reviewed)`), and a period the text calls past (2017—2021年（过去五年）) is a result
   at any date (`past_period:`).
2. section frame (`title_frame`, innermost title first): a review or results title
   (2023年工作回顾, 过去一年工作回顾, 主要工作成效, 工作情况) → achievement
   (`frame:review_section:<title>`); a plan title (2024年工作安排, 主要任务, 下一步工作)
   → commitment (`frame:plan_section:<title>`); a plan title naming a year already past at
   the document date reads as results. A background title (一、发展基础) keeps a plan's
   cue-less figures unknown; in a reply a background or problem title (一、基本情况,
   二、存在的问题) states present facts: achievement (`frame:background_section:<title>`).
3. paragraph frame (`paragraph_frame`): 下一步 / 今后 / 新的一年 / 预期目标是 before the
   sentence → commitment, 近年来 / 过去一年 / 五年来 / 截至 / a past year → achievement
   (`paragraph:<cue>`); a paragraph opening with an enumeration marker (一是…, （二）…,
   ——…, ■…) carries the frame of the paragraph it continues, up to a section heading
   (`carried_frame`).
4. clause cues, in the figure's sentence before it, the nearest deciding
   (STRONG_CUE_RE and the year expressions of analysis.figures.years):
   - 截至2020年底 is "as of" a date, a result (`as_of:截至2020年底`), never "by";
   - a target or year already past at the document date is a result
     (`past_year:2015<2019`), a later one a commitment (`target_year:到2025年`,
     `future_year:2026>2022`); 今年 / 去年 / 上一年 are resolved against the date;
   - cue words: 力争 将 拟 计划 确保 建成后 6月底前 … → commitment, 已 累计 目前 先后 …
     → achievement (`cue:<word>`); 累计 yields to forward cues before it (力争…累计争取);
     the elapsed months of the year (1—9月, 前三季度), 据统计 / 数据显示 and 同比增长 are results
     outside a plan, opinion or notice (`cue:1—9月`), yielding like 累计; 共计 / 合计 are
     sums, no cue;
     比上年 / 比2020年 are baselines of a change, no cue;
   - 预计 in a review frame (a results title, a paragraph opened by 过去一年 / 五年来 / a
     past year; or 预计全年 / 预计去年 in a report) is an estimate of the year just ended:
     achievement (`estimate:预计`); after 今年以来 / 目前 it is still a forecast;
   - a bound of a rule (支付率低于80%的省份: 低于/高于 + figure + 的) is a threshold,
     neither target nor result: unknown.
5. cues next to the figure, in its own comma clause: a strong cue after it (`after:将`;
   a 将 in the next clause does not bind it); outside a plan, opinion or notice, money
   handed over (下达 / 拨付 / 下拨 / 到位 in its comma segment, not under a plan title,
   after 争取 nor in a requirement or request: `cue:下达`); then the frames (steps 1-2,
   when no weak cue or only a two-way one speaks: 新增 争取 完成 实现 达到 控制在 安排
   follow the frame), then a weak cue before or after it (`cue:争取`, `cue:争取到`, `cue:获得`).
6. (allocation, step 1, is checked with the cues next to the figure: before the frames
   and the weak cues, as 安排 there means "allocated"; a requirement or request in the
   figure's segment, 配套资金不低于…, 申请下达…, is not an allocation.)
7. the body of a plan, opinion or notice (FORWARD_DOC_TYPES) → commitment
   (`frame:plan`), except under a background title → unknown.
8. nothing decides → unknown, cue blank.

Checked in this order (the first that speaks decides): threshold (4), clause cues before
the figure (4), paragraph frame (3), strong cue after it in its comma clause (5),
allocation (1), money handed over (5), section then document frame (2, 1; unless a
one-way weak cue speaks), weak cue (5), forward genre (7), unknown (8). Cues are read on
the paragraph with blanked annotations cut out (extract.ReadingText: 截(jié)至 on a mirror
page is 截至).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.figures.frames import (
    NO_TITLE_FRAME,
    ParagraphFrame,
    TitleFrame,
    background_frame,
    is_background_title,
    last_match,
    paragraph_frame,
    title_frame,
    year_cue,
)
from analysis.figures.quantities import compile_with_first_chars
from analysis.figures.years import WHOLE_YEAR_RE, YearMention, year_mentions
from analysis.text import masked_titles

# matches strong status cues (decisive when nearest before the figure in its sentence)
#   commitment: 力争 将 拟 预计 确保 尚需 下一步 今后 目标是, and 计划 as a verb
#     (计划搬迁 计划在 计划总投资; not the noun: 倍增计划， “百校千企”计划 计划指标 按计划);
#     建成后 / 投产后 / 实施后 (项目建成后可新增就业2000人: an expected effect);
#     规划提出 / 方案明确 / 意见要求 / 《…》提出 (a news item or reply reporting what a plan
#     sets; a masked title reads as 》, extract.ReadingText);
#     a deadline without a year: 6月底前, 十月前, 今年底前, 年底前 (2023年底前 is a year)
#   achievement: 已 (not 对已稳沉区域: 已 inside the object) 累计 (not 三年累计: a span
#     of years) 截至 近年来 近三年 目前 先后 过去 以来, and the current state
#     现有 共有 拥有 现存 (全国现有资源型城市262个; not after a verb or preposition that
#     makes it an attribute of the object: 改造提升现有园区, 培育拥有核心技术的企业);
#     a part of the year already elapsed (ELAPSED_SPAN) and a report of data
#     (REPORTED_DATA): 1—9月 / 前三季度 / 上半年 / 据统计 / 数据显示 (a news or finance
#     release stating results; they yield like 累计, and a plan's 上半年 is a deadline)
#   (共计 / 合计 are sums, not a tense: 共计安排2.5亿元 in a plan part is planned money)
# matches a part of the year already elapsed at the time of writing: 1—9月 / 1-6月 /
# 一至九月 / 前三季度 / 前10个月 / 上半年 (not 上半年前, a deadline)
ELAPSED_SPAN = (
    r"(?<![0-9])(?:1|一)(?:—{1,2}|[-－~～至到])(?:1[0-2]|[2-9]|十[一二]?|[二三四五六七八九])月"
    r"|前(?:[一二三]|[1-3])季度|前(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})个月|上半年(?![前底末])"
)
# matches words reporting data already gathered: 据统计 / 据初步统计 / 统计显示 / 数据显示,
# and a change measured on the same period a year before (同比增长6.1%: a statistic)
# (not 据介绍 / 获悉: a news lead, the news frame reads them)
REPORTED_DATA = (
    r"据(?:初步)?统计|统计显示|数据显示|同比(?=增长|下降|增加|减少|提高|上升|回落|降低|持平|分别)"
)
STRONG_CUE_PATTERN = (
    r"(?P<commitment>力争|将|拟|预计|确保|尚需|下一步|下阶段|今后|接下来|预期|目标(?:是|为)"
    r"|(?<![按照据入原”\"》])计划(?=[\u4e00-\u9fff])(?![的中和与及等指项书内外表单生经任期])"
    r"|(?:建成|投产|达产|实施|全部完成)后"
    r"|(?:规划|方案|意见|计划|通知|办法|》)中?(?:提出|明确|要求|确定)"
    r"|(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|中旬|上旬|下旬)?(?:之前|以前|前)"
    r"|(?:今|本|明)?年(?:底|末)(?:之前|以前|前)"
    r")"
    r"|(?P<achievement>(?<![对于把])已|(?<![0-9一二两三四五六七八九十]年)累计|截至|截止|近年来|近几年"
    r"|近[0-9一二两三四五六七八九十]+年|目前|先后|过去(?=的?(?:[0-9一二两三四五六七八九十几]+年|一段时间))|以来|此前"
    rf"|{ELAPSED_SPAN}|{REPORTED_DATA}"
    r"|(?<![对于把将在用托造升活合挥化好持育励引扶助])(?:现有|共有|拥有|现存))"
)
STRONG_CUE_RE = compile_with_first_chars(
    STRONG_CUE_PATTERN,
    "力将拟预确尚下今接计建投达实全规方意通办》0-9一二三四五六七八九十本明年目已累截近先过以共此现拥上前据统数同",
)
# cumulative and current-state cues: achievement unless the other cues before them in the
# sentence all look forward (力争“十四五”期间累计争取中央资金超过一百亿元 and 到2025年,全省
# 现有煤矿减少到45处 are commitments; 2018年,…将南票区纳入…,累计获得 stays an achievement)
CUMULATIVE_CUES = frozenset({"累计", "现有", "共有", "拥有", "现存"})
# matches the cues that read as results only outside a plan, opinion or notice, and yield
# like 累计 (ELAPSED_SPAN, REPORTED_DATA: a plan's 上半年完成选址 is a deadline)
# (read on the cue word alone: 同比 without the 增长 its lookahead wants)
YIELDING_CUE_RE = re.compile(f"(?:{ELAPSED_SPAN}|{REPORTED_DATA}|同比)$")
# matches the end of a clause (a cue after a figure is read up to it, not into the next clause)
CLAUSE_END_RE = re.compile(r"[;；。]")
# document types whose body states future action: a figure there without any cue is a
# commitment (replies and reports mostly state past results: they keep "unknown")
FORWARD_DOC_TYPES = frozenset({"plan", "opinion", "notice"})
# two-way cues (争取 新增 完成 控制在 实现 达到 安排): a results or plans frame, or a report's
# genre, decides them instead of their default reading (安排 in a review: allocated; in a
# plan part: planned)
TWO_WAY_CUES = frozenset({"争取", "新增", "新建", "完成", "控制在", "实现", "达到", "安排"})
# matches a rule word of a regulation (办法/条例, doc_type other) granting money or support:
# 每户补助1.2万元 / 另行奖励5000元 / 按照…30%给予补助 / 奖补 / 补贴 -- a promised payment
RULE_WORD_RE = re.compile(r"补助|奖励|奖补|补贴")
# matches a penalty: 罚款 / 处以 / 并处 -- money a rule takes, never a promised payment
PENALTY_RE = re.compile(r"罚款|罚金|处以|并处|没收")
# matches the title or front matter of a document that allocates money: 关于下达2023年…中央
# 预算内投资计划的通知, 关于分配…补助资金的通知, 四川下达1.8亿元支持… (a news headline)
# (cited titles 《…》 are masked first; 安排 is not enough at document level: 工作安排)
ALLOCATION_DOC_RE = re.compile(
    r"(?:下达|分配|拨付|下拨)[^。;；\n]{0,40}?(?:资金|投资|补助|奖补|计划|转移支付|[0-9.]+[万亿]?元)"
)
# document types that can allocate money (a plan or reply citing an allocation does not)
ALLOCATION_DOC_TYPES = frozenset({"notice", "news", "other", ""})
# matches an allocation verb in a sentence (下达 / 分配 / 拨付 / 下拨 / 安排 / 获得)
ALLOCATION_VERB_RE = re.compile(r"下达|分配|拨付|下拨|安排|获得|争取到")
# matches a verb of money handed over (下达 / 拨付 / 下拨 / 到位) in a figure's comma
# segment: outside a plan, opinion or notice, that money is allocated (项目于…接到文件,
# 下达资金1500万元)
HANDED_OVER_RE = re.compile(r"下达|拨付|下拨|到位")
# matches a requirement or a request in a figure's comma segment: 配套资金不低于1000万元,
# 须拨付到位, 申请下达资金500万元 (a rule or an ask, not money allocated)
REQUIREMENT_RE = re.compile(r"不低于|不少于|不超过|不高于|不得|必须|须|应当|申请|请求|建议")
# matches what turns a figure of an allocation sentence into the use of the money, after
# the verb: 用于…改造620户, 预计可带动1.1万户, 带动, 解决 (the works it is to pay for)
PURPOSE_RE = re.compile(r"用于|用来|带动|预计|可解决|可带动|将")
# matches a bound word right before a figure that, followed by 的 + a noun, makes it a
# rule's threshold (支付率低于80%的省份, 不足50%的项目): neither target nor result
# (不低于 / 不超过 are floors and caps of a commitment: 给予不超过2000万元的奖励; 超过50%的
# 企业 describes how many: neither is a threshold)
THRESHOLD_BOUND_RE = re.compile(r"(?:(?<!不)低于|(?<!不)高于|未达到|达不到)$")
# matches the cue of a paragraph frame reviewing an ended span: paragraph:过去 (过去一年),
# paragraph:五年来, paragraph:past_year:…, paragraph:past_period:…
REVIEW_PARAGRAPH_CUE_RE = re.compile(r"paragraph:(?:过去|[一二两三四五六七八九十]年来|past_)")
# matches, right after 预计, the year being estimated: 预计全年 / 预计去年 / 预计2023年
ESTIMATED_YEAR_RE = re.compile(r"[,，:：\s]*(?:全年|去年|上年|上一年|当年|(?:19|20)[0-9]{2}年)")
# matches ambiguous cues, used only when nothing stronger decides; default reading:
#   争取 / 新增 / 全面完成 / 安排 / 不少于 (a floor) -> commitment;
#   获得 / 了 (after a verb) -> achievement;  完成 / 达到 / 实现 -> none
WEAK_CUE_PATTERN = (
    r"(?P<commitment>争取(?!到)|新增|新建|力求|全面完成|确保完成|安排|不少于|不低于|不超过|不高于|控制在)"
    r"|(?P<achievement>获得|(?<![为除])了(?![解])|取得|争取到|获批)"
    r"|(?P<none>完成|达到|实现)"
)
WEAK_CUE_RE = compile_with_first_chars(WEAK_CUE_PATTERN, "争新力全确安不控获了取完达实")
# (争取到 / 获批: obtained, approved; 争取 alone: sought)


def allocates_money(text: str, doc_type: str = "") -> bool:
    """True when a document's title or front matter (`text`) says it allocates money
    (关于下达…投资计划的通知, 关于分配…补助资金的通知, 四川下达1.8亿元支持…) and its type can
    (ALLOCATION_DOC_TYPES); titles it cites (根据《…关于下达…的通知》) do not count."""
    if doc_type not in ALLOCATION_DOC_TYPES:
        return False
    return ALLOCATION_DOC_RE.search(masked_titles(text)) is not None


@dataclass(frozen=True)
class Placement:
    """Where a figure sits, as production knows it: the document's year (None when
    unknown), doc_type, the clause's part (body, front_matter), the titles over it (blank
    titles may be '' or NaN, as in the clauses table), whether the document allocates
    money (`allocates_money` of its title and front matter) and, in a report, the words
    that opened the plan part the clause is in (`plan_part_opener`; '' before it); in an
    allocating document, the purpose word (用于) of an earlier sentence of the paragraph."""

    doc_year: int | None = None
    doc_type: str = ""
    part: str = "body"
    sub_title: object = ""
    item_title: object = ""
    section_title: object = ""
    chapter_title: object = ""
    allocation: bool = False
    plan_part: str = ""  # in a report, the opener of the plan part the clause is in
    use_of_money: str = ""  # in an allocating document: 用于 earlier in the paragraph
    review_year: int | None = None  # the year the document reviews (years.year_status)

    def titles(self) -> tuple[str, ...]:
        """The non-blank titles over the clause, innermost first (FRAME_TITLE_COLUMNS)."""
        key = (self.sub_title, self.item_title, self.section_title, self.chapter_title)
        return tuple(t for t in key if isinstance(t, str) and t)

    def under_background_title(self) -> bool:
        """True when the section, item or sub-item title reads as background."""
        return (
            is_background_title(self.section_title)
            or is_background_title(self.item_title)
            or is_background_title(self.sub_title)
        )


# document types whose genre states results (the document frame, step 1)
RESULTS_DOC_TYPES = frozenset({"report", "news"})
# matches the opening of a work report's plan part when it has no plan heading: 新的一年,
# 今年是…, 2024年是… (a year not before the document's), 今年政府工作的总体要求 / 今年工作的
# 主要预期目标 (a review paragraph opens 2023年是极不平凡的一年: an earlier year)
PLAN_PART_OPENER_RE = re.compile(
    r"\s*(?:新的一年|今年是|(?P<year>(?:19|20)[0-9]{2})年是|今年(?:政府)?工作的?(?:总体要求|主要预期目标))"
)


def plan_part_opener(paragraph: str, doc_year: int | None) -> str:
    """The words opening a report's plan part when `paragraph` (a body paragraph that is
    not a heading) opens with them, else ''."""
    match = PLAN_PART_OPENER_RE.match(paragraph)
    if match is None:
        return ""
    year = match.group("year")
    if year and (doc_year is None or int(year) < doc_year):
        return ""
    return match.group().strip()


# document types whose background and problem sections state present facts (a reply's
# 一、基本情况 / 二、存在的问题: 全市仍有塌陷区2万亩 is the state of things, an achievement in
# the contract's sense; a plan's background keeps its figures unknown)
FACT_BACKGROUND_DOC_TYPES = frozenset({"reply"})


def genre_default(
    frame: TitleFrame, doc_type: str, before: str, after: str, plan_part: str = ""
) -> tuple[str, str]:
    """The default (status, cue) of a body figure (steps 1-2): the section frame, else the
    genre: a report states results (after its plan part opened without a plan heading,
    `plan_part`, plans), a news article reports facts; a regulation (other)
    grants payments by rule (每户补助1.2万元: a promised payment; a penalty, 罚款, is not one).
    ('', '') when neither says."""
    if frame.status:
        return frame.status, frame.cue
    if doc_type == "report" and plan_part:
        return "commitment", f"frame:plan_part:{plan_part}"
    if doc_type in RESULTS_DOC_TYPES:
        return "achievement", f"frame:{doc_type}"
    if doc_type == "other" and not PENALTY_RE.search(before + after):
        clause_end = CLAUSE_END_RE.search(after)
        rule = last_match(RULE_WORD_RE, before) or RULE_WORD_RE.search(
            after, 0, clause_end.start() if clause_end else len(after)
        )
        if rule:
            return "commitment", f"rule:{rule.group()}"
    return "", ""


def decide_status(
    before: str,
    after: str,
    placement: Placement,
    *,
    paragraph_before: str = "",
    frame: ParagraphFrame | None = None,
    before_years: list[YearMention] | None = None,
    unit: str = "",
) -> tuple[str, str]:
    """Status of a figure and the cue that decided it (the procedure of the module docstring).

    `before`: its sentence from the start up to the figure; `after`: the rest of the
    sentence (both with 《titles》 masked); `placement`: where it sits; `unit`: the
    figure's canonical unit (yuan: money, for the allocation rule). The paragraph before
    the sentence is given as text (`paragraph_before`) or as its frame (`frame`, what
    ParagraphFrames reads once per paragraph); `before_years`: the year mentions of
    `before` when already read (year_mentions(before, doc_year)).
    """
    doc_year = placement.doc_year
    if before_years is None:
        before_years = year_mentions(before, doc_year)
    if frame is None:
        frame = paragraph_frame(paragraph_before, doc_year, placement.review_year)
    in_body = placement.part == "body"
    # a news article's headline and lead, and an allocating document's title, are front
    # matter that states the facts: the document frame reads them too
    framed = in_body or (
        placement.part == "front_matter" and (placement.doc_type == "news" or placement.allocation)
    )
    forward = placement.doc_type if in_body and placement.doc_type in FORWARD_DOC_TYPES else ""
    titled = title_frame(placement.titles(), doc_year) if in_body else NO_TITLE_FRAME
    default = (
        genre_default(titled, placement.doc_type, before, after, placement.plan_part)
        if framed
        else ("", "")
    )
    if in_body and not default[0] and placement.doc_type in FACT_BACKGROUND_DOC_TYPES:
        background = background_frame(placement.titles())
        if background:
            default = ("achievement", f"frame:background_section:{background}")
    context = _Context(
        doc_year, placement.doc_type, titled, frame, forward, default,
        allocation=placement.allocation and framed, money=unit == "yuan",
        use_of_money=placement.use_of_money, reviewed=placement.review_year,
    )  # fmt: skip
    status, cue = _status_from_cues(before, after, before_years, context)
    if forward and cue == f"frame:{forward}" and placement.under_background_title():
        return "unknown", ""  # no cue, under 一、发展基础: a fact, not a commitment
    return status, cue


@dataclass(frozen=True)
class _Context:
    """What the frames around a figure say (steps 1-3), for `_status_from_cues`."""

    doc_year: int | None
    doc_type: str
    titled: TitleFrame
    frame: ParagraphFrame
    forward: str
    default: tuple[str, str]
    allocation: bool = False
    money: bool = False
    use_of_money: str = ""
    reviewed: int | None = None  # the year the document reviews

    def review_frame(self) -> bool:
        """The section or paragraph around the figure reviews a span already ended: a
        results title, or a paragraph opened by 过去一年 / 五年来 / a past year (not 以来 /
        目前 / 截至: "up to now", after which 预计全年 still looks forward)."""
        if self.titled.status == "achievement":
            return True
        return (
            self.frame.status == "achievement"
            and REVIEW_PARAGRAPH_CUE_RE.match(self.frame.cue) is not None
        )


def _clause_cues(
    before: str, before_years: list[YearMention], doc_year: int | None, reviewed: int | None
) -> list[tuple[int, str, str, str]]:
    """(position, status, cue, word) of the strong cues and dated years of `before`; a cue
    word inside a year expression (the 截至 of 截至2020年底) is left to the year."""
    spans = [(m.start, m.end) for m in before_years]
    out: list[tuple[int, str, str, str]] = []
    for m in STRONG_CUE_RE.finditer(before):
        if any(a <= m.start() and m.end() <= b for a, b in spans):
            continue  # inside a year expression
        out.append((m.start(), m.lastgroup or "", f"cue:{m.group()}", m.group()))
    for mention in before_years:
        status, cue = year_cue(mention, doc_year, reviewed)
        if status:
            out.append((mention.start, status, cue, mention.text))
    return out


def _status_from_cues(
    before: str, after: str, before_years: list[YearMention], ctx: _Context
) -> tuple[str, str]:
    """The checks of the module docstring, in order (the background exception apart)."""
    if THRESHOLD_BOUND_RE.search(before) and after.startswith("的"):
        return "unknown", ""  # 支付率低于80%的省份: a rule's threshold
    candidates = _clause_cues(before, before_years, ctx.doc_year, ctx.reviewed)
    if ctx.forward or ctx.default[0] == "commitment":
        # 上半年完成选址 in a plan, a plan section or a report's plan part: a deadline
        candidates = [c for c in candidates if not YIELDING_CUE_RE.match(c[3])]
    if candidates:
        position, status, cue, word = max(candidates)
        others = [
            c for c in candidates if c[3] not in CUMULATIVE_CUES and not YIELDING_CUE_RE.match(c[3])
        ]
        yields = word in CUMULATIVE_CUES or YIELDING_CUE_RE.match(word) is not None
        if yields and others and all(c[1] == "commitment" for c in others):
            position, status, cue, word = max(others)  # 力争“十四五”期间累计争取 (no past cue)
        if word == "预计" and _estimates_a_past_year(before[position + 2 :], ctx):
            return "achievement", "estimate:预计"
        return status, cue
    if ctx.frame.status:
        return ctx.frame.status, ctx.frame.cue
    clause_after = _clause_after(after)
    first_after = STRONG_CUE_RE.search(clause_after)
    if first_after:
        return first_after.lastgroup or "", f"after:{first_after.group()}"
    allocated = _allocation(before, ctx)
    if allocated:
        return "achievement", allocated
    if ctx.allocation and ctx.use_of_money and not ctx.money:
        return "commitment", f"frame:allocation_use:{ctx.use_of_money}"  # what it pays for
    if ctx.money and not ctx.forward and ctx.titled.status != "commitment":
        segment = _segment_before(before)
        handed = last_match(HANDED_OVER_RE, segment)
        weak = last_match(WEAK_CUE_RE, segment)
        if (
            handed
            and not (weak and weak.lastgroup == "commitment")
            and not REQUIREMENT_RE.search(segment)
        ):
            return "achievement", f"cue:{handed.group()}"  # 下达资金1500万元: handed over
    weak = last_match(WEAK_CUE_RE, before) or WEAK_CUE_RE.search(clause_after)
    if ctx.default[0] and (weak is None or weak.group() in TWO_WAY_CUES):
        return ctx.default
    if weak and weak.lastgroup != "none":
        return weak.lastgroup or "", f"cue:{weak.group()}"
    if ctx.forward:
        return "commitment", f"frame:{ctx.forward}"
    return "unknown", ""  # 完成 / 达到 / 实现 alone do not say which


# matches the end of a figure's own clause after it: a comma, semicolon or full stop
# (a cue after a figure binds it only within its clause: 治理1.6万亩,将… leaves 1.6万亩)
COMMA_CLAUSE_END_RE = re.compile(r"[,，;；。:：]")


# matches a text up to its last comma-segment mark (, ， ; ； 。 : ： 、)
_UP_TO_SEGMENT_MARK_RE = re.compile(r".*[,，;；。:：、]", re.DOTALL)


def _segment_before(before: str) -> str:
    """The figure's comma segment before it (the end of `before` after its last mark)."""
    mark = _UP_TO_SEGMENT_MARK_RE.match(before)
    return before[mark.end() :] if mark else before


def _clause_after(after: str) -> str:
    """`after` up to the end of the figure's own comma clause."""
    end = COMMA_CLAUSE_END_RE.search(after)
    return after[: end.start()] if end else after


def _estimates_a_past_year(after_cue: str, ctx: _Context) -> bool:
    """预计 in a review frame, or 预计全年 / 预计2023年 (the year before the document's) in
    a report: the estimate of the year just ended, not a forecast."""
    if ctx.review_frame():
        return True
    if ctx.doc_type != "report" or ctx.titled.status == "commitment":
        return False
    match = ESTIMATED_YEAR_RE.match(after_cue)
    if match is None:
        return False
    year = re.search(r"(?:19|20)[0-9]{2}", match.group())
    return year is None or ctx.doc_year is None or int(year.group()) < ctx.doc_year


def _allocation(before: str, ctx: _Context) -> str:
    """status_cue when the allocation rule (step 1) makes the figure a result, else ''.
    In a document that allocates money: money, and a figure its sentence allocates
    (下达…支持项目15个) unless the use of the money comes between (用于…620户, 预计可…)."""
    if not ctx.allocation or REQUIREMENT_RE.search(_segment_before(before)):
        return ""  # 配套资金不低于1000万元, 申请下达…: a rule or a request, not the allocation
    verb = last_match(ALLOCATION_VERB_RE, before)
    if verb and not PURPOSE_RE.search(before, verb.end()):
        return f"frame:allocation:{verb.group()}"
    if ctx.money and not PURPOSE_RE.search(before):
        return "frame:allocation"
    return ""


def framed_year(
    titled: TitleFrame, report_year: int | None, status: str, cue: str, sentence: str
) -> tuple[int, str] | None:
    """(year, role) for a body figure the text dates only by its frame: a plans title
    naming a year (2023年工作安排 -> 2023, target); in a report on one year (关于2022年…
    的报告, `report_year`; else the year a review title names: 2023年工作回顾, 过去一年),
    全年 / 年内 in its sentence, or an achievement under a results title that is not a
    cumulative total (累计), -> that year, reference. None otherwise."""
    if titled.status == "commitment" and titled.year is not None and status == "commitment":
        return titled.year, "target"
    if report_year is None and titled.status == "achievement":
        report_year = titled.year
    if report_year is None or status == "commitment":
        return None
    if WHOLE_YEAR_RE.search(sentence):
        return report_year, "reference"
    if titled.status == "achievement" and status == "achievement" and cue != "cue:累计":
        return report_year, "reference"
    return None
