"""The one rule for the primary theme of a coding unit (a numbered item, an item-less section,
or one paragraph), used by compare.primary_theme_per_unit and theme_eval:

1. framing by shape: a unit is general_framing when its heading (or run-in heading) is a
   framing heading of the codebook (指导思想, 基本原则, 主要目标 …); or its lead states a
   guiding ideology (以…思想为指导; 深入贯彻落实党的…精神，…); or it sets overall goals
   (到2025年，…基本形成) and sits in a framing section (总体要求) or spans at least
   FRAMING_MIN_TOPICS topic themes; or its lead
   announces the frame (主要预期目标是：) or takes stock of problems (清醒看到, 存在的问题); or it
   reports or sets at least FRAMING_MIN_INDICATORS macro indicators (地区生产总值, 一般公共预算
   收入, 固定资产投资 …: a work report's overview); or, inside a framing section, its lead
   states a stance or a dated goal (坚持以人民为中心…, 到2025年…) or it spans at least
   FRAMING_MIN_TOPICS topic themes (an overview of the base, 发展基础; not a paragraph organised
   by region types); or (2.1.0) its lead is an
   opening purpose sentence (为…，根据…，制定本方案 / 现就有关事项通知如下 / 提出如下意见), a
   reply's acknowledgement (…建议收悉 / 现答复如下) of at most ACKNOWLEDGEMENT_MAX_SENTENCES
   sentences, a review opener with at least two macro
   indicators (过去一年，全县地区生产总值…，一般公共预算收入…) or with the year's stance
   (一年来，我们坚持稳中求进…); or it lists at least FRAMING_MIN_ENUMERATED themes only inside
   enumerations (围绕产业转型、生态修复、民生改善…: the plan's areas, none of them the point);
   or, given its position, it is the closing paragraph of a news page in the shape of a
   commentary (从…到…，这座城市正在走出一条…新路); or it names a region type in passing
   and has no topic theme (the transformation in general; 2.6.0: not a region type the unit
   types itself by or the place states it is, typology_self_re); or (2.2.0) its lead states why the
   transformation matters or where it stands (…转型发展，是…的必然要求 / 具有重要意义 / …关键期,
   机遇与挑战并存) or sums up (总的来看，… / 问题依然突出), or it lists at least PRINCIPLES_MIN
   principles (坚持…，坚持…，坚持…). Problem words in a phrase that sets out to solve them
   (协调解决…困难和问题, 补齐短板弱项) are a task, not a review of the problems.
2. role: topic themes before context themes (region types, framing slogans): a context
   theme is primary only when no topic theme matches, or when it dominates the unit: at least
   CONTEXT_MIN_KEYWORDS distinct keywords and CONTEXT_DOMINANCE times the best topic score
   (a paragraph listing the four city types, with one topic word per type), or when the unit's
   title names it and it scores at least as much as the best topic ((一)成长型城市。…).
   The region-type theme (codebook `typology`) counts only where the paragraph is organised
   by region types (at least min_types type names, or 分类施策 …) or has a region category as
   its subject (对资源枯竭城市，… / 衰退型城市要…) or its title names one; in a paragraph
   naming at least structure_types type names each type name heads its part (title factor).
3. score: each distinct keyword counts once, at its most prominent place, times its weight
   (specificity 2 / 1 / 0.5): ×3 in the unit's title (a heading clause of at most
   TITLE_MAX_CHARS; a longer one, the first sentence of an article, is the lead; without a
   heading, a short first sentence that titles the rest: 营商环境持续优化。) or in a
   run-in frame (在产业培育方面，), ×1.5 in the lead (the first phrase with a keyword of
   the first body clause states the point), ×1 elsewhere in the body, halved in a phrase
   opened by 其中/包括 (a breakdown) or 用于 (what money is for; 2.3.0: also after 用于 inside
   a phrase, 补助资金主要用于…, and in a phrase naming who receives the measure, 对纳入…名录的
   企业，, which is then not the lead; 2.4.0: also what a phrase's measure builds on, 依托…
   up to the verb of what is built, which is neither the lead nor what the phrase is about;
   and the factors money is allocated by, 按照…等因素分配, count a quarter and are no evidence;
   2.5.0: so does the object of the body or list that carries a measure out, 采煤沉陷区综合治理
   领导小组 / …的责任主体 / …项目库, phrases.ORGAN_RE),
   ×0.5 in the heading around a paragraph unit (its item, section or document title); plus
   SPREAD_BONUS for every further body clause carrying the theme. Repeating a word adds
   nothing. Outside the unit's title, the keywords of a theme of the document's own topic
   (found in at least half of its numbered units, at least four) count half.
   Since 2.5.0 a unit whose lead has the money as its subject (MONEY_LEAD_RE: 此次下达资金重点
   用于… / 资金按因素法分配，其中…) scores policy_support just above its best other theme: the
   themes the money goes to are its uses (coding manual rule 5; 2.9.0 also a unit opening with
   an allocated amount, AMOUNT_LEAD_RE: （一）安排1200万元，用于… / …项目3200万元。); and a unit of a programme's
   document naming the programme's own place (a keyword of weight 2: 沉陷区, 独立工矿区) has the
   programme as primary over a broad theme of what is built there (_inside_programme).
   Since 2.5.0 the hits of another theme listed with a region category in one list of places
   (资源枯竭城市、采煤沉陷区所在县 / 向衰退型城市和独立工矿区倾斜) are dropped: they name kinds of
   region, not the programme (phrases.region_listed_hits).
   Since 2.7.0 the broad verb 引进 reaching firms or projects in its phrase (新引进亿元以上项目16个
   / 引进…企业12家) counts as the topic keyword 引进项目 / 引进企业 (phrases.attracted_hits),
   and the money named in a phrase barring an application (同一项目不得重复申报中央预算内投资)
   is the rule's condition, not support (phrases.funding_rule_hits).
4. ties: more body clauses with the theme, then the theme mentioned first in the unit, then
   codebook order (reached only by two hits at the same offset).

The theme set of a unit (unit_theme_set) is its primary theme and every other theme with
substantive evidence of its own: named in the unit's title (any keyword of the theme, whatever
its weight; 2.8.0 not a word modifying another theme's word there, phrases.modifier_hits:
煤电 in 推动煤电产业绿色低碳, 产业链 in 强化产业链精准招商), or carried by at least
SET_MIN_CLAUSES body clauses (since 2.5.0 counting only clauses with a keyword of weight >= 1:
a broad word repeated, 资金, 用地, is no evidence), or a specific term (weight >=
SET_SPECIFIC_WEIGHT), or at least SET_MIN_KEYWORDS distinct keywords weighing at least
SET_MIN_WEIGHT together, counting only keywords outside enumerations of
many areas (a phrase listing, with 、, keywords of at least ENUMERATION_MIN_THEMES themes:
统筹推进新能源、新材料、矿区治理、就业社保等重点工作; since 2.3.0 not a list of concrete uses or
tasks, 资金用于…、…、…等方面 / 重点支持…, whose items each count), and scoring at least SET_MIN_SHARE of the
primary; a region type only as rule 2 says, or (2.2.0) singled out for a measure (对资源枯竭城市
…; 2.6.0 also 对处于成长期的…), or (2.5.0) stated by the place itself (作为资源枯竭城市…; 2.6.0 also
这个…森工林区), or (2.6.0) the subject of a target or result (资源枯竭城市…失业率控制在…以内 /
资源枯竭城市转型加快推进。, also in a run-in title; framing.typology_result_re); never a context
theme that is the document's topic. Since 2.2.0 a topic theme also enters
when one body phrase is about it (about_hits: the phrase states a measure or a target, a figure
or an action verb of MEASURE_RE, and a keyword of weight >= 1 of the theme heads it, no other
theme's word after it in the phrase, outside enumerations), scoring at least SET_ABOUT_SHARE of
the primary; not in a framing paragraph or one organised by structure_types region types (whose
measures are the frame's or the types' own). One clause with a real measure is enough: that is
how the held-out coders listed secondary themes. After 2.7.1 not a phrase whose only use of
the theme's word is as an object listed beside the primary's (、 和 与 及: 推进煤矿智能化改造和
绿色开采 in an upgrading paragraph; phrases.coordinated_categories): the measure is the
primary's, the other object named in passing (outside lists of uses, whose items each count).
Provenance: read on all ten development sets, where the coders gave such a theme in 31 of 102
cases (4 to 17 on each set, 1 of 14 on h8, 2 of 17 on h9, 9 of 14 on dev). Since 2.3.0 a
framing paragraph gets such a theme too when the phrase holds a figure (a concrete target:
单位地区生产总值能耗下降14%); a region type of a unit organised by types stays in its set in a
document about region types; and the theme of a programme the unit's document works inside
(its title names 采煤沉陷区, 独立工矿区 or 绿色矿山: codebook `programmes`) is in the set of
each of its units unless the unit's primary theme is the document's implementation, money or
frame (`except_primary`); since 2.4.0 not in a news page (`except_genres`), whose headline
names its topic while each paragraph reports facts of its own; 2.8.0 not in a unit
naming nothing of it when the title joins a second task to the programme (programme_in_part:
绿色矿山建设和尾矿库治理 / 独立工矿区改造提升和接续产业发展), whose units may be the other task's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from analysis.themes.codebook import (
    CONTEXT_ROLE,
    DEFAULT_WEIGHT,
    TOPIC_ROLE,
    Codebook,
    load_codebook,
)
from analysis.themes.framing import (
    FRAMING_THEME,
    LAST_POSITION,
    is_framing_section,
    is_framing_shape,
    is_run_in_title,
    is_title_shaped,
    typology_evidence,
    typology_result_re,
    typology_self_re,
    typology_target_re,
)
from analysis.themes.matching import Hit, theme_matcher
from analysis.themes.phrases import (
    HEADING_FACTOR,
    about_hits,
    attracted_hits,
    coordinated_categories,
    enumerated_hits,
    figure_hits,
    funding_rule_hits,
    modifier_hits,
    position_factors,
    region_listed_hits,
    site_hits,
)

CONTEXT_HEADING_FACTOR = 0.5
# A unit whose lead has the money as its subject (2.5.0): 此次下达资金重点用于… / 资金按因素法分配，
# 其中… / 市本级资金中安排600万元，支持… / 搬迁补助资金由…共同承担 (an optional heading number, then
# up to 8 Chinese characters before 资金, the fund's name (2.7.1: with no modal or verb of raising or
# arranging money, so not 各县要统筹部分资金用于… or 企业自筹资金用于…); then 资金 and what is done
# with it; not 建立资金使用台账,
# whose 资金 is followed by none of the listed words).
# Its primary is the money theme: the themes it goes to are its uses (coding manual rule 5).
MONEY_THEME = "policy_support"
MONEY_LEAD_RE = re.compile(
    r"^[\s　]*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+条[\s　]*)?"
    # 2.7.1: the prefix is a fund's name, not a subject and its verb (各县要统筹部分资金 /
    # 企业自筹资金用于…: no modal or verb of raising or arranging money in it)
    r"(?:此次|本次|本批|该批|上述|今年|年度)?(?:下达的?)?"
    r"(?:(?!要|应|须|统筹|自筹|筹集|筹措|安排|整合|争取|拿出)[\u4e00-\u9fff]){0,8}?资金"
    r"(?:中|按|重点|主要|由|统筹|分配|安排|用于)"
)
# A unit opening with an allocation of an amount (2.9.0; a funds notice's list of items): （一）安排
# 1200万元，用于… / (一)磷石膏综合利用项目3200万元。 / 其中，…生态修复补助8600万元，用于… / 县财政
# 安排沉陷区后续扶持资金1.1亿元，… (an optional heading number and 其中, up to 16 Chinese characters
# with no verb of spending or raising money, 投入 完成 累计 争取 撬动 筹集 自筹: not a review's 五年累计
# 投入资金4.6亿元; then 安排, 补助, 项目, 资金 or 奖补 directly before the amount in 万元 or 亿元 and a
# punctuation mark). Its primary is the money theme too (coding manual rule 5). Seen on heldout8
# (dexing, shangluo, junlian) and heldout10 (yichang): the coders gave policy_support to all 16
# paragraphs of the eleven development sets with this opening (the code before 2.9.0 to 4 of them).
AMOUNT_LEAD_RE = re.compile(
    r"^[\s　]*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])?"
    r"(?:其中[，,：:]?)?"
    r"(?:(?!投入|完成|累计|争取|撬动|筹集|自筹)[\u4e00-\u9fff]){0,16}?"
    r"(?:安排|补助|项目|资金|奖补)\d+(?:\.\d+)?[万亿]元[，。,；;]"
)
# ... scoring just above the best other theme (also the margin by which _inside_programme puts
# the programme theme above the primary)
MONEY_LEAD_MARGIN = 1.01
# A work report's livelihood review opening with the year's new urban jobs (2.9.0): 民生福祉持续增进。
# 城镇新增就业2.3万人，…；城乡低保标准… / 坚持把民生实事办到群众心坎上，城镇新增就业… (民生 and up to
# 12 characters to the end of the title or first phrase, then the jobs figure). Its parts weigh
# alike, so its first measure decides (coding manual rule 5: the opening clause; two equal halves
# take the first's theme): the primary is employment, the relief and pensions after it secondary.
# The coders of heldout4, 5, 6, 7, 8 and 10 coded such reviews employment (10 paragraphs), those of
# dev, heldout6 and heldout9 social_security (7)
JOBS_THEME = "employment"
JOBS_FIRST_REVIEW_RE = re.compile(
    r"民生[^。；;，,]{0,12}[。，,]\s*(?:全年|全市|全县|全区)?(?:城镇新增就业|新增城镇就业)"
)
# The themes whose projects are put on a site (2.9.0, phrases.site_hits): 在采煤沉陷区布局光伏 is a
# solar measure, the subsidence area its land
SITE_BUILT_THEMES = ("clean_energy",)
# A programme's own place named in a unit of its document (2.5.0, _inside_programme)
PROGRAMME_OWN_WEIGHT = 2.0
DOCUMENT_TOPIC_FACTOR = 0.5  # a theme of the document's own topic (in most of its units)
DOCUMENT_TOPIC_SHARE = 0.5  # ... found in at least this share of the document's units
DOCUMENT_TOPIC_MIN_UNITS = 4  # ... and in at least this many (short documents have no topic words)
SPREAD_BONUS = 0.5  # per body clause with the theme beyond the first
SET_MIN_KEYWORDS = 2  # a secondary theme: distinct own keywords outside enumerations ...
SET_MIN_WEIGHT = 1.5  # ... weighing together at least this (two topic words, not two broad words)
SET_SPECIFIC_WEIGHT = 2.0  # ... or one keyword this specific (a programme term: 采煤沉陷区)
SET_MIN_CLAUSES = (
    2  # ... or body clauses (sentences) of the unit carrying a keyword of weight >= 1 (2.5.0)
)
SET_MIN_SHARE = 0.2  # ... and at least this share of the primary theme's score
# a theme a clause is about (2.2.0): this share of the primary's score suffices
SET_ABOUT_SHARE = 0.05
CONTEXT_MIN_KEYWORDS = 3  # distinct keywords a context theme needs to dominate a unit
CONTEXT_DOMINANCE = 3.0  # times the best topic score
# What separated the primary theme from the runner-up, in the order the rules apply.
DECIDING_RULES = ("framing", "role", "score", "clauses", "first_mention", "codebook_order")


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
    # a body phrase stating a measure or target is about this topic theme (about_hits)
    about: bool = False
    # ... for each such phrase, the themes whose words it lists beside this theme's as objects
    # of one measure (phrases.coordinated_categories, 2.8.0)
    about_beside: tuple[frozenset[str], ...] = ()
    # ... and that phrase holds a figure (figure_hits): a concrete target, which counts in a
    # framing paragraph too (2.3.0)
    target: bool = False
    # the theme of a programme the unit's document works inside (document_programmes, 2.3.0)
    programme: bool = False
    # a keyword of the theme in the unit's own text weighs at least PROGRAMME_OWN_WEIGHT (2.5.0)
    specific: bool = False
    # ... a programme the document works inside only in part (its title joins a second task,
    # programme_in_part, 2.8.0): it enters the unit's set by the unit's own evidence only
    programme_part: bool = False

    @property
    def rank_key(self) -> tuple:
        return (
            self.framing,
            self.eligible,
            round(self.score, 6),
            self.clauses,
            -self.first,
            -self.order,
        )


def unit_themes(texts: Sequence[str], codebook: Codebook | None = None) -> frozenset[str]:
    """The themes with a keyword hit in a unit's texts."""
    codebook = codebook or load_codebook()
    matcher = theme_matcher(codebook)
    return frozenset(
        codebook.theme_ids[hit.category] for text in texts for hit in matcher.hits(text)
    )


@lru_cache(maxsize=4096)  # one title per document, asked once per unit
def document_programmes(doc_title: str, codebook: Codebook | None = None) -> frozenset[str]:
    """The themes of the programme terms (codebook `programmes`) the document's title names:
    关于做好采煤沉陷区综合治理工作的通知 → subsidence_mining_areas (2.3.0). The brackets of a title
    the document transmits are kept (关于印发《独立工矿区改造提升工作方案》的通知 is about it)."""
    codebook = codebook or load_codebook()
    terms = set(codebook.programmes.terms)
    if not doc_title or not terms:
        return frozenset()
    themes = codebook.themes
    return frozenset(
        themes[hit.category].id
        for hit in theme_matcher(codebook).hits(doc_title.translate(_TITLE_BRACKETS))
        if hit.keyword in terms
    )


@lru_cache(maxsize=4096)  # one title per document, asked once per unit
def programme_in_part(doc_title: str, codebook: Codebook | None = None) -> bool:
    """Whether the document's title joins a second task to the programme it names (2.8.0):
    关于开展绿色矿山创建和尾矿综合治理工作的通知 / 关于支持独立工矿区改造提升和接续产业发展的若干
    措施. Such a document works inside the programme only in part: a unit naming nothing of the
    programme may be the other task's (ThemeScore.programme_part; see _joined_task)."""
    codebook = codebook or load_codebook()
    terms = set(codebook.programmes.terms)
    if not doc_title or not terms:
        return False
    title = doc_title.translate(_TITLE_BRACKETS)
    hits = theme_matcher(codebook).hits(title)
    named = [hit for hit in hits if hit.keyword in terms]
    if not named:
        return False
    programmes = frozenset(codebook.themes[hit.category].id for hit in named)
    return _joined_task(title, hits, named, programmes, codebook)


# What joins a second task to a programme in a document's title: 绿色矿山建设和尾矿库系统治理 /
# 独立工矿区改造提升和接续产业发展 (and, or, with; an enumeration comma)
_TITLE_JOIN_RE = re.compile(r"和|及|与|、")


def _joined_task(
    title: str,
    hits: Sequence[Hit],
    named: Sequence[Hit],
    programmes: frozenset[str],
    codebook: Codebook,
) -> bool:
    """Whether `title` joins to its programme terms (`named`) a second task (2.8.0): after a
    conjunction (_TITLE_JOIN_RE) that follows a programme term, a keyword of another topic
    theme, not one of programmes.except_primary (the money, the implementation: 采煤沉陷区综合
    治理和独立工矿区改造提升中央预算内投资 is one programme's money) and not part of the
    programme's name (a word right after its term: 独立工矿区改造提升). Provenance: the green-mine
    notices of held-out sets 6–9 whose titles add tailings, restoration or resource use, and the
    measures of set 5 adding successor industries: their coders gave the programme's theme to
    3 of the 20 units that named nothing of it (to 23 of 30 in single-programme documents)."""
    themes = codebook.themes
    first_end = min(hit.end for hit in named)
    ends = {hit.end for hit in named}
    joins = [m.start() for m in _TITLE_JOIN_RE.finditer(title, first_end)]
    if not joins:
        return False
    return any(
        hit.start > joins[0]
        and hit.start not in ends
        and themes[hit.category].role == TOPIC_ROLE
        and themes[hit.category].id not in programmes
        and themes[hit.category].id not in codebook.programmes.except_primary
        for hit in hits
    )


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
    programmes: frozenset[str] = frozenset(),
    programme_part: bool = False,
) -> list[ThemeScore]:
    """The themes of one coding unit, best first (the primary-theme rule above).

    heading: the unit's own heading clauses; body: its body clauses in order; context_heading:
    the heading of the item or section a paragraph unit sits in (weak evidence only);
    framing_section: the unit lies in a framing section (总体要求, 指导思想 …);
    document_topic: the document's topic themes (document_topic_themes), whose keywords are
    weighed DOCUMENT_TOPIC_FACTOR times as much; known_hits: the hits of texts matched
    beforehand (KeywordMatcher.hits_of_texts), to match many units in one pass; position
    ("last": the document's last body paragraph) and genre (its doc_type) for the framing
    shapes that depend on place (a news page's closing commentary); programmes: the programme
    themes of the unit's document (document_programmes), marked ThemeScore.programme and added
    with score 0 when the unit does not name them; programme_part: the document works inside
    them only in part (programme_in_part), marked ThemeScore.programme_part.
    """
    codebook = codebook or load_codebook()
    ids = codebook.theme_ids
    matcher = theme_matcher(codebook)
    best: dict[int, dict[str, float]] = {}  # theme → keyword → best position factor
    clauses: dict[int, int] = {}
    # ... counting only clauses with a keyword of weight >= 1: a broad word repeated (资金, 用地)
    # is no evidence of its own (2.5.0)
    specific_clauses: dict[int, int] = {}
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
    # ... by a word that modifies no other theme's word there (phrases.modifier_hits, 2.8.0;
    # the set evidence of a title: a title's sector or kind, 煤电产业绿色低碳 / 产业链精准招商, was
    # given by the coders to 1 of the 8 units where it was the theme's only evidence, h h4 h5 h7 h8 h9)
    title_heads: set[int] = set()
    # theme → its own keywords outside enumerations → weight
    evidence: dict[int, dict[str, float]] = {}
    enumerated: set[int] = set()  # themes with a keyword inside an enumeration of many areas
    # themes a body phrase with a measure is about (about_hits, keyword weight >= 1)
    about: set[int] = set()
    targets: set[int] = set()  # ... whose phrase holds a figure (figure_hits)
    # ... and, per such phrase, the themes listed beside it (coordinated_categories)
    beside: dict[int, list[frozenset[int]]] = {}
    themes = codebook.themes
    known_hits = known_hits or {}
    # the region-type and money themes' indexes (-1 when a codebook has none), used throughout
    typology_index = ids.index(codebook.typology.theme) if codebook.typology.theme in ids else -1
    money_index = ids.index(MONEY_THEME) if MONEY_THEME in ids else -1
    built = frozenset(ids.index(t) for t in SITE_BUILT_THEMES if t in ids)
    keywords_of = [theme.keywords for theme in themes]
    for text, place in parts:
        seen: set[int] = set()
        hits = known_hits[text] if text in known_hits else matcher.hits(text)
        hits = attracted_hits(text, hits, keywords_of)
        if money_index >= 0:  # the money named in a rule against double funding (2.7.0)
            barred = funding_rule_hits(text, hits, money_index)
            hits = [h for i, h in enumerate(hits) if i not in barred]
        if typology_index >= 0:  # places listed with a region category are kinds of region (2.5.0)
            dropped = region_listed_hits(text, hits, typology_index)
            hits = [h for i, h in enumerate(hits) if i not in dropped]
        if built:  # the site a clean-energy project is put on is its land (2.9.0)
            sited = site_hits(text, hits, built)
            hits = [h for i, h in enumerate(hits) if i not in sited]
        listed = enumerated_hits(text, hits)
        heads = about_hits(text, hits, listed) if place not in ("title", "run_in") else set()
        figured = figure_hits(text, hits) if heads else set()
        listed_beside = coordinated_categories(text, hits) if heads else []
        for i, (hit, at) in enumerate(zip(hits, position_factors(text, hits, place), strict=True)):
            keywords = best.setdefault(hit.category, {})
            keywords[hit.keyword] = max(keywords.get(hit.keyword, 0.0), at)
            first.setdefault(hit.category, offset + hit.start)
            seen.add(hit.category)
            if i in heads and themes[hit.category].weight(hit.keyword) >= DEFAULT_WEIGHT:
                about.add(hit.category)
                beside.setdefault(hit.category, []).append(frozenset(listed_beside[i]))
                if i in figured:
                    targets.add(hit.category)
            if i in listed:
                enumerated.add(hit.category)
            else:
                evidence.setdefault(hit.category, {})[hit.keyword] = themes[hit.category].weight(
                    hit.keyword
                )
        if place == "title":
            headed |= seen
            modifiers = modifier_hits(text, hits)
            title_heads |= {h.category for i, h in enumerate(hits) if i not in modifiers}
        is_body = place not in ("title", "run_in")
        if is_body:
            for category in seen:
                clauses[category] = clauses.get(category, 0) + 1
            for category in {
                h.category for h in hits if themes[h.category].weight(h.keyword) >= DEFAULT_WEIGHT
            }:
                specific_clauses[category] = specific_clauses.get(category, 0) + 1
        offset += len(text) + 1
    own = {category: dict(keywords) for category, keywords in best.items()}
    if context_heading:
        for hit in matcher.hits(context_heading):
            keywords = best.setdefault(hit.category, {})
            keywords[hit.keyword] = max(keywords.get(hit.keyword, 0.0), CONTEXT_HEADING_FACTOR)
            first.setdefault(hit.category, offset + hit.start)
    topic_count = sum(1 for c in own if themes[c].role == TOPIC_ROLE)
    outside = {c for c in evidence if themes[c].role == TOPIC_ROLE}
    enumerated_only = (
        len({c for c in enumerated if themes[c].role == TOPIC_ROLE} - outside)
        if len(outside) <= 1
        else 0
    )
    typed, structured = typology_evidence(
        tuple(own.get(typology_index, {})), body[0] if body else "", codebook
    )
    typed = typed or typology_index in headed
    target_re = typology_target_re(codebook)
    result_re = typology_result_re(codebook)
    targeted = typology_index in own and (
        any(target_re is not None and target_re.search(t) for t in body)
        # a result is stated in a run-in title too: 资源枯竭城市转型加快推进。… (2.6.0)
        or any(result_re is not None and result_re.search(t) for t in (*heading, *body))
    )
    self_re = typology_self_re(codebook)
    stated = typology_index in own and self_re is not None and any(self_re.search(t) for t in body)
    # each type name heads its part of the paragraph; its measures are the types' own
    if structured:
        about.clear()
        targets.clear()
        best[typology_index] = dict.fromkeys(best[typology_index], HEADING_FACTOR)
    framing = is_framing_shape(
        " ".join(heading),
        body,
        codebook,
        framing_section,
        0 if structured else topic_count,  # organised by region types: not an overview of areas
        enumerated_only,
        position,
        genre,
    ) or (  # a region type in passing (not one the place states it is, 2.6.0)
        typology_index in own and not (typed or stated) and topic_count == 0
    )
    framing_index = ids.index(FRAMING_THEME) if FRAMING_THEME in ids else -1
    if framing and framing_index >= 0:
        best.setdefault(framing_index, {})
        first.setdefault(framing_index, 0)
    scores = {}
    for category, keywords in best.items():
        theme = themes[category]
        topic = DOCUMENT_TOPIC_FACTOR if theme.id in document_topic else 1.0  # not in the title
        score = sum(
            theme.weight(k) * f * (1.0 if f == HEADING_FACTOR else topic)
            for k, f in keywords.items()
        )
        scores[category] = score + SPREAD_BONUS * max(0, clauses.get(category, 0) - 1)
    jobs_index = ids.index(JOBS_THEME) if JOBS_THEME in ids else -1
    if jobs_index in scores and JOBS_FIRST_REVIEW_RE.search("".join([*heading, *body[:1]])):
        # a livelihood review opening with the year's new jobs: its first measure decides (2.9.0)
        rest = max((v for c, v in scores.items() if c != jobs_index), default=0.0)
        scores[jobs_index] = max(scores[jobs_index], MONEY_LEAD_MARGIN * rest)
    opening = (heading or body or [""])[0]  # the unit's first text: its title, else its lead
    if money_index >= 0 and AMOUNT_LEAD_RE.match(opening):  # an allocation's item (2.9.0)
        best.setdefault(money_index, {})
        first.setdefault(money_index, 0)
        scores.setdefault(money_index, 0.0)
    if money_index in scores and (
        (body and MONEY_LEAD_RE.match(body[0])) or AMOUNT_LEAD_RE.match(opening)
    ):
        # the money is the lead's subject: its uses are what it is for (2.5.0, coding manual rule 5)
        rest = max((v for c, v in scores.items() if c != money_index), default=0.0)
        scores[money_index] = max(scores[money_index], MONEY_LEAD_MARGIN * rest)
    best_topic = max((v for c, v in scores.items() if themes[c].role == TOPIC_ROLE), default=0.0)
    scored = []
    for category, keywords in best.items():
        theme = themes[category]
        dominant = (
            len(keywords) >= CONTEXT_MIN_KEYWORDS
            and scores[category] >= CONTEXT_DOMINANCE * best_topic
        )
        titled = (category in headed or (category == typology_index and structured)) and scores[
            category
        ] >= best_topic
        if category == typology_index and not typed:  # named in passing: never the unit's point
            dominant = titled = False
        own_evidence = evidence.get(category, {})
        substantive = (
            (typed or targeted or stated)
            if category == typology_index
            else category in title_heads
            or specific_clauses.get(category, 0) >= SET_MIN_CLAUSES
            or any(w >= SET_SPECIFIC_WEIGHT for w in own_evidence.values())
            or (
                len(own_evidence) >= SET_MIN_KEYWORDS
                and sum(own_evidence.values()) >= SET_MIN_WEIGHT
            )
        )
        scored.append(
            ThemeScore(
                theme_id=theme.id,
                framing=framing and category == framing_index,
                eligible=theme.role == TOPIC_ROLE or best_topic == 0.0 or dominant or titled,
                score=scores[category],
                clauses=clauses.get(category, 0),
                first=first[category],
                order=category,
                own_weight=sum(theme.weight(k) for k in own.get(category, {})),
                context=theme.role == CONTEXT_ROLE,
                # a region type a (non-framing) unit is organised by is this unit's, whatever the
                # document (2.3.0)
                document_topic=theme.id in document_topic
                and not (category == typology_index and typed and not framing),
                substantive=substantive,
                about=theme.role == TOPIC_ROLE and category in about,
                about_beside=tuple(
                    frozenset(ids[c] for c in others) for others in beside.get(category, [])
                ),
                target=theme.role == TOPIC_ROLE and category in targets,
                specific=any(
                    theme.weight(k) >= PROGRAMME_OWN_WEIGHT for k in own.get(category, {})
                ),
            )
        )
    for theme_id in sorted(programmes - {s.theme_id for s in scored}):
        order = ids.index(theme_id)
        scored.append(
            ThemeScore(theme_id, False, True, 0.0, 0, offset + 1, order, 0.0, programme=True)
        )
    scored = [
        replace(s, programme=True, programme_part=programme_part) if s.theme_id in programmes else s
        for s in scored
    ]
    scored.sort(key=lambda s: s.rank_key, reverse=True)
    return _inside_programme(scored, codebook)


def _inside_programme(ranking: list[ThemeScore], codebook: Codebook) -> list[ThemeScore]:
    """A unit of a programme's document that names the programme's own place (one keyword
    weighing PROGRAMME_OWN_WEIGHT: 采煤沉陷区, 独立工矿区; not 搬迁群众 alone, the people a job or
    relief measure is for) works inside the programme: the programme theme is
    its primary over a broad theme of what is built there (roads, schools, repair; coding manual
    rule 5), scoring just above it; not over the implementation, money or frame
    (programmes.except_primary), and not in a framing paragraph (2.5.0)."""
    if not ranking or ranking[0].framing or ranking[0].programme:
        return ranking
    if ranking[0].theme_id in codebook.programmes.except_primary:
        return ranking
    inside = [s for s in ranking if s.programme and s.specific]
    if not inside:
        return ranking
    raised = replace(inside[0], score=max(inside[0].score, MONEY_LEAD_MARGIN * ranking[0].score))
    return [raised, *(s for s in ranking if s is not inside[0])]


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


def unit_theme_set(ranking: Sequence[ThemeScore], codebook: Codebook | None = None) -> list[str]:
    """The unit's themes, best first: the primary, and every theme with substantive evidence of
    its own (ThemeScore.substantive: named in the unit's title, one specific term, or two
    distinct keywords outside enumerations of many areas weighing SET_MIN_WEIGHT; a region type
    only where the unit is organised by types or has one as subject) whose score is at least
    SET_MIN_SHARE of the primary's (a passing mention in a long paragraph is left out).
    A context theme that is the whole document's topic (the region type every article of a
    regulation names) is left out too: it says where the document applies, not this unit.
    A topic theme a body phrase with a measure is about (ThemeScore.about) enters at
    SET_ABOUT_SHARE of the primary's score, unless the primary is general_framing (2.2.0) and
    the phrase holds no figure (ThemeScore.target, 2.3.0). The theme of a programme the
    document works inside (ThemeScore.programme) enters unless the primary is one of the
    codebook's programmes.except_primary (2.3.0). `codebook`: the one the ranking was made
    with (its typology theme and programmes.except_primary; the default codebook when None)."""
    if not ranking:
        return []
    top = ranking[0].score
    # organised by type or a type as subject: never a passing mention
    codebook = codebook or load_codebook()
    typology = codebook.typology.theme
    # the programme the document works inside, unless this unit is its implementation, money or frame
    inside = ranking[0].theme_id not in codebook.programmes.except_primary
    return [
        s.theme_id
        for i, s in enumerate(ranking)
        if i == 0
        or (
            s.substantive
            and (s.score >= SET_MIN_SHARE * top or s.theme_id == typology)
            and not (s.context and s.document_topic)
        )
        or (
            s.about
            and (ranking[0].theme_id != FRAMING_THEME or s.target)
            and s.score >= SET_ABOUT_SHARE * top
            # a phrase of its own: not only an object listed beside the primary's (2.8.0)
            and (not s.about_beside or any(ranking[0].theme_id not in b for b in s.about_beside))
        )
        or (s.programme and inside and not s.programme_part)
    ]


# Brackets of a title cited in the document's own title (关于印发《…措施》的通知): its topic is the document's
_TITLE_BRACKETS = str.maketrans("", "", "《》")
# The clause-table columns holding the titles around a unit, innermost first
AROUND_COLUMNS = ("item_title", "section_title", "chapter_title")
_FRAMING_SECTION_COLUMNS = ("section_title", "chapter_title")


@dataclass(frozen=True)
class UnitRows:
    """One coding unit's clauses as plain lists, in order: texts, whether each is a heading,
    and the title columns around them (AROUND_COLUMNS that the clauses table has)."""

    texts: tuple[str, ...]
    is_heading: tuple[bool, ...]
    titles: dict[str, tuple[object, ...]]


def heading_flag(value: object) -> bool:
    """A heading flag as bool (NaN / NA / None: False)."""
    return value is True or (
        value is not None and value is not pd.NA and value == value and bool(value)
    )


def unit_rows(unit: pd.DataFrame) -> UnitRows:
    """A unit's clause rows (columns text, is_heading, and item_title / section_title /
    chapter_title where known) as UnitRows."""
    return UnitRows(
        texts=tuple(t if isinstance(t, str) else "" for t in unit["text"].tolist()),
        is_heading=tuple(heading_flag(h) for h in unit["is_heading"].tolist()),
        titles={c: tuple(unit[c].tolist()) for c in AROUND_COLUMNS if c in unit.columns},
    )


def _first_title(rows: UnitRows, column: str) -> str:
    """The first non-blank value of a title column of a unit's clauses ("" when none)."""
    for value in rows.titles.get(column, ()):
        text = "" if value is None or value is pd.NA or value != value else str(value).strip()
        if text:
            return text
    return ""


def unit_context_heading(rows: UnitRows, doc_title: str = "") -> str:
    """The nearest heading around a unit that is not part of its own text: its item's, its
    section's, its chapter's title, else the document's title (a news page's headline)."""
    own_text = "".join(rows.texts)
    for column in AROUND_COLUMNS:
        heading = _first_title(rows, column)
        if heading and heading not in own_text:
            return heading
    return doc_title.translate(_TITLE_BRACKETS)


def in_framing_section(rows: UnitRows, codebook: Codebook | None = None) -> bool:
    """The unit's section or chapter title is a framing heading (总体要求; 第一章 发展基础)."""
    return any(
        is_framing_section(_first_title(rows, column), codebook)
        for column in _FRAMING_SECTION_COLUMNS
    )


def code_unit(
    unit: pd.DataFrame | UnitRows,
    codebook: Codebook | None = None,
    *,
    document_topic: frozenset[str] = frozenset(),
    last: bool = False,
    genre: str = "",
    doc_title: str = "",
    known_hits: dict[str, list[Hit]] | None = None,
) -> list[ThemeScore]:
    """rank_unit_themes on one coding unit of a clauses table, with its context in the document.

    `unit`: the unit's clause rows in order (a clauses-table slice with columns text,
    is_heading, and item_title / section_title / chapter_title where known, or the same as
    UnitRows); `last`: the unit holds the document's last body clause; `genre`: the
    document's doc_type; `doc_title`: its title (the heading around a unit with no section or
    item). The one entry point of compare.primary_theme_per_unit (a numbered item or section),
    themes.paragraphs and theme_eval (a paragraph), so all apply the same rules.
    """
    codebook = codebook or load_codebook()
    rows = unit if isinstance(unit, UnitRows) else unit_rows(unit)
    heading = [t for t, h in zip(rows.texts, rows.is_heading, strict=True) if h]
    body = [t for t, h in zip(rows.texts, rows.is_heading, strict=True) if not h]
    return rank_unit_themes(
        heading,
        body,
        codebook,
        # a news page reports: its headline's programme is the topic, not every paragraph's (2.4.0)
        programmes=frozenset()
        if genre in codebook.programmes.except_genres
        else document_programmes(doc_title, codebook),
        programme_part=programme_in_part(doc_title, codebook),
        context_heading=unit_context_heading(rows, doc_title),
        framing_section=in_framing_section(rows, codebook),
        document_topic=document_topic,
        known_hits=known_hits,
        position=LAST_POSITION if last else "",
        genre=genre,
    )
