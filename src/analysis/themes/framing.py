"""The shapes of a coding unit: its title, framing paragraphs (rule 1 of the primary-theme
rule in `analysis.themes.primary`) and the region-type (typology) evidence of rule 2.

A heading clause is a title when short (`is_title_shaped`), a short first sentence titles
the rest (`is_run_in_title`); `is_framing_shape` decides whether a unit is general_framing
by its shape and place; `typology_evidence` whether a paragraph is organised by region types.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from analysis.themes.codebook import DEFAULT_WEIGHT, Codebook, load_codebook

FRAMING_MIN_TOPICS = 3  # goal paragraphs outside a framing section: distinct topic themes needed
# macro indicators (codebook framing.indicators) that make a review/goal paragraph
FRAMING_MIN_INDICATORS = 3
FRAMING_MIN_ENUMERATED = 4  # themes listed only in enumerations that make an overview paragraph
# a reply's acknowledgement paragraph: 收悉 and at most one more sentence
ACKNOWLEDGEMENT_MAX_SENTENCES = 2
# macro indicators after a review opener (过去一年，…) that make an overview
REVIEW_MIN_INDICATORS = 2
TITLE_MAX_CHARS = 30  # a heading clause longer than this (without its numbering) is a sentence
RUN_IN_TITLE_MAX_CHARS = 16  # a first sentence this short, without a comma, titles the unit
# Enumerators that open a run-in title: 一是 / 二是 / 首先 / 第一，
RUN_IN_ENUMERATOR_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+是|首先|其次|最后|第[一二三四五六七八九十]+[，,、]?)"
)
FRAMING_THEME = "general_framing"

# A guiding ideology: 以习近平新时代中国特色社会主义思想为指导 / 以…为引领, or a lead that opens
# with carrying out the Party's line: 深入贯彻落实党的二十大和二十届三中全会精神，…
IDEOLOGY_RE = re.compile(
    r"以[^。；;]{2,60}?(?:思想|理念|精神|重要论述)为(?:指导|引领|统领|指引)"
    r"|^[\s　]*(?:要|必须)?(?:深入|全面|认真|坚决)贯彻(?:落实)?(?:习近平|党的|党中央|中央|省委|市委)"
)
# Overall goals: 到2025年，…基本形成 / 到“十四五”末…显著提升 (within one sentence)
GOAL_RE = re.compile(
    r"(?:到|至)(?:20\d{2}年|[“\"]?十[四五六]五[”\"]?(?:末|期末|时期末))[^。]{0,120}?"
    r"(?:基本形成|基本建立|基本实现|初步形成|初步建立|全面建成|基本建成|显著增强|明显增强|显著提升|"
    r"明显提升|大幅提升|稳步提升|明显改善|显著改善|取得[^。]{0,6}进展|迈上新台阶|基本完成|基本解决|更加完善)"
)
# A lead that announces the frame: 今年经济社会发展的主要预期目标是： / 总体要求是：
FRAMING_LEAD_RE = re.compile(
    r"(?:主要预期目标|预期目标|总体要求|总体思路|指导思想|基本原则|工作目标|主要目标|发展目标|总体目标)(?:是|为)?[:：]"
    # … or takes stock of the problems: 我们也清醒看到 / 存在的问题 / 面临的困难和挑战
    r"|清醒(?:地)?(?:看到|认识到)|存在(?:的)?(?:一些)?(?:困难和)?问题(?!的)|面临的(?:困难|挑战|问题)|困难和问题"
    # (r5, pages: work reports and opinions taking stock) …也面临诸多挑战 / …的矛盾凸显
    r"|面临(?:着)?(?:诸多|不少|许多|一些|严峻)(?:风险)?(?:挑战|困难)|矛盾(?:日益|十分|更加)?凸显"
    # (2.2.0) … or sums up: 总的来看，… / 问题依然突出 / 短板弱项
    r"|^[\s　]*(?:总的来看|总体来看|综合来看|总体上看)|(?:问题|矛盾)(?:依然|仍然|仍|还比较|比较)突出|短板弱项"
)
# (2.2.0) The lead states why the transformation matters or where it stands, not a task:
# 推动资源型地区转型发展，是…的必然要求 / 具有重要意义 / “十四五”时期是…关键期 / 机遇与挑战并存
SIGNIFICANCE_RE = re.compile(
    r"(?:转型|发展|振兴)(?:工作)?[，,]?(?:是|事关)[^。]{0,60}?(?:必然要求|必然选择|重要举措|根本出路|重大战略|重要意义"
    # (2.8.0, pages: 资源型地区 plans and their news: …是维护…安全的重要保障 / …的重要手段)
    r"|重要保障|重要手段|重要环节|题中应有之义)"
    r"|具有(?:十分|极其)?重要(?:的)?(?:现实|战略|深远)?意义"
    r"|关键期|关键阶段|攻坚期|窗口期|机遇(?:与|和)挑战并存|爬坡过坎|战略机遇期"
)
# (2.8.0) A principle's own title: two four-character phrases, 尊重规律，加快转型。 /
# ——生态优先、绿色发展。 (pages: the principles of resource-region plans and opinions, 分类引导，特色发展；
# 有序开发，协调发展), the unit's run-in title or its first sentence
PRINCIPLE_TITLE_RE = re.compile(
    r"^[\s　]*(?:——)?[\u4e00-\u9fff]{4}[，,、][\u4e00-\u9fff]{4}[。；;]?$"
)
# (2.2.0) A list of principles: at least PRINCIPLES_MIN phrases opening with 坚持 (坚持市场主导…，坚持分类施策…)
PRINCIPLE_RE = re.compile(r"(?:^|[，,；;。])\s*坚持")
PRINCIPLES_MIN = 3
# A phrase that sets out to solve problems (协调解决项目建设中的困难和问题, 补齐短板弱项 are measures, not a
# review of the problems; nor, 2.8.0, is a problem that qualifies what a measure is for,
# 对存在问题的矿山限期整改, FRAMING_LEAD_RE's 问题(?!的)): 解决 / 化解 / 破解 / 帮助 / 研究 before the
# problem words, in the same phrase
# (2.8.0: also 分析, a visit that sets out to analyse the problems: 分析现状和存在问题)
SOLVING_RE = re.compile(r"解决|化解|破解|帮助|研究|分析|协调|排查|整改|补齐|补上|弥补|补强|聚焦")
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
FRAMING_SECTION_LEAD_RE = re.compile(
    r"^\s*(?:坚持以|以|按照|围绕|立足)|(?:到|至)(?:20\d{2}年|[“\"]?十[四五六]五[”\"]?末)"
)
# An opening purpose sentence of a plan or notice: 为加快…，根据…，结合我市实际，制定本方案 /
# 为做好…工作，现就有关事项通知如下 / …，提出如下意见 (within one sentence); since 2.3.0 also
# 制定以下措施 / 提出如下实施意见 / 决定开展…工作, and as the second sentence after one sentence
# that presents the place (海西是国家重要的…基地。为…，现提出以下意见。)
PURPOSE_RE = re.compile(
    r"^[\s　]*(?:为了?|根据|按照|依据|依照)[^。]{2,160}?"
    r"(?:制定本|特制定|制订本|编制本|现就[^。]{0,40}?(?:通知如下|意见如下|提出如下)|提出(?:如下|以下)[^。，]{0,4}(?:意见|措施|方案)"
    r"|特提出|通知如下|制定(?:以下|如下)(?:措施|意见|方案)|决定(?:组织)?开展[^。]{0,40}?工作)"
)
# (r5) A work report's or plan's opening judgement of the year or period under review:
# 2022年是我县发展进程中极不平凡的一年。/ “十三五”时期是…极不寻常的五年 / 2011年是“十二五”开局之年
# / 过去的五年，是…爬坡过坎的五年 (pages: city and county government work reports and new-year
# addresses, the first paragraph of their review: 20xx年，是我县…极不平凡的一年)
YEAR_JUDGEMENT_RE = re.compile(
    r"^[\s　]*(?:刚刚过去的|过去的)?(?:20\d{2}年|[“\"]?\s*十[一二三四五六]\s*五\s*[”\"]?\s*时期"
    r"|过去(?:的)?[一两三四五]年|这一年)"
    r"[，,]?(?:是|为)[^。]{0,40}?(?:的一年|的[两三四五]年|之年)"
)
# (r5) The closing formula of a preamble as a sentence of its own, after the purpose (为贯彻…，…工作。
# 现提出如下实施意见。): the whole sentence announces the document
CLOSING_FORMULA_RE = re.compile(
    r"^[\s　]*(?:现|特|特此)?(?:提出|制定|制订)(?:如下|以下)[^。，,]{0,6}(?:意见|措施|方案|办法)[。:：]?$"
)
# A reply's acknowledgement: 您提出的关于…的建议收悉 / 现答复如下 / 现将有关情况答复如下 (its closing
# courtesy, 感谢您对…的关心和支持, has no theme)
ACKNOWLEDGEMENT_RE = re.compile(r"收悉|答复如下")
# A work report's review of the year's stance: 一年来，我们坚持稳中求进工作总基调… / 过去五年，我们始终…
# (2.3.0: also 过去的一年 / 这一年, 全市上下, 牢牢把握 / 坚定践行 / 咬定 …, 面对…压力)
REVIEW_STANCE_RE = re.compile(
    r"^[\s　]*(?:过去(?:的)?一年|过去[两三四五]年|一年来|[两三四五]年来|今年以来|这一年)[，,]?"
    # (2.8.0, pages: city work reports) 五年来，在市委的坚强领导下，… / 四年来，我们全力…
    r"(?:在[^。]{0,40}?(?:领导|支持|监督)下[，,]"
    r"|(?:我们|全县|全市|全省|全旗|全区)?(?:上下)?"
    r"(?:始终|坚持|全面|深入|认真|牢牢|坚定|咬定|面对|克服|统筹|紧紧|全力(?:贯彻|落实)))"
)
# A news page's closing commentary: 从“一煤独大”到多业并举…走出一条转型发展的新路子 / 焕发新活力
NEWS_COMMENTARY_RE = re.compile(
    r"走出(?:了)?一条|贡献[^。，；]{0,8}力量|新路(?:子|(?!径))|新篇章|新画卷|焕发(?:出)?(?:新的?)?(?:生机|活力)|蝶变|华丽转身|从[^。，]{1,16}到[^。，]{1,16}[，,]从"
)
# (2.8.0) What a news report of an event says: a meeting held (召开…现场会 / 座谈会在…举行),
# a visit (赴…调研 / 实地调研了 / 调研组), who attended or spoke (出席, 参会, 作经验交流发言, 听取…汇报),
# a document issued (印发《…》 / 出台…规划); pages: news of meetings, visits and releases on
# resource regions (发改委 调研组赴…, 副省长主持召开…专题会议, 研讨会日前在…举行, 近日…联合印发…方案)
EVENT_RE = re.compile(
    r"(?:召开|举行|举办)[^。]{0,80}?(?:会议|会|论坛)|(?:会|会议|论坛)[^。，]{0,16}?(?:召开|举行)"
    r"|(?:赴|到|来到|深入)[^。，；]{1,24}?(?:调研|考察|视察|察看)|(?:调研|考察|视察|察看)了|调研组"
    r"|(?:出席|主持)(?:会议|座谈会)|参会|与会|参加(?:了)?(?:会议|座谈)|作[^。，]{0,8}发言|作书面交流"
    r"|听取了?[^。]{0,30}?汇报|(?:印发|出台|发布|公布|下发)[^。]{0,60}?(?:《|规划|方案|意见|通知|办法)"
    # r5 (pages: news of leaders' visits and seminars): …一行对…进行实地调研督导 / 近日在某市调研时强调 /
    # 会上，…在回顾…后表示 / 在…会议上作政府工作报告
    r"|一行[^。]{0,40}?(?:调研|考察|视察|督导|检查)|在[^。，,]{1,20}?(?:调研|考察|视察)时"
    r"|(?:会上|会议上)[^。]{0,80}?(?:表示|指出|强调)|(?:作|做)[^。，,]{0,8}(?:工作报告|讲话)"
)
# ... and that it is a report, in its first sentence: a date or 日前/近日, or a lead of the
# meeting's own (会议期间，与会人员… / 参会同志…); not a mechanism (每半年召开一次推进会)
REPORT_TIME_RE = re.compile(
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|日前|近日|近期|^[\s　]*(?:会议期间|会上|参会|与会|调研组)"
)
NEWS_GENRE = "news"
LAST_POSITION = "last"
# Leading numbering or markers before a heading's words: 一、 (一) 1. 第一条 ——
_HEADING_MARKER_RE = re.compile(
    r"^[\s　]*(?:第[一二三四五六七八九十百\d]+[章节条部分]+|[(（]?[一二三四五六七八九十\d]+[)）、.．]|——)*[\s　]*"
)


def is_title_shaped(text: str) -> bool:
    """A heading clause that reads as a title: short (推进采煤沉陷区综合治理; 聚焦新质生产力，加快
    产业转型升级). A long first sentence of a numbered article (第一条 为规范…资金管理，提高…，
    根据…，制定本办法) is the unit's lead."""
    return len(_HEADING_MARKER_RE.sub("", text)) <= TITLE_MAX_CHARS


def is_run_in_title(text: str) -> bool:
    """A short first sentence that titles the sentences after it (二是不断拓展就业渠道。/
    营商环境持续优化。): at most RUN_IN_TITLE_MAX_CHARS without its enumerator, ending in 。."""
    words = RUN_IN_ENUMERATOR_RE.sub("", text.strip())
    return (
        words.endswith(("。", "！"))
        and len(words) - 1 <= RUN_IN_TITLE_MAX_CHARS
        and "，" not in words
    )


def _starts_with_framing_heading(text: str, headings: Sequence[str]) -> bool:
    """True when `text`, without its numbering, opens with a framing heading (（二）基本原则。)."""
    words = _HEADING_MARKER_RE.sub("", text)
    return any(words.startswith(h) for h in headings)


def is_event_report(body: Sequence[str], codebook: Codebook) -> bool:
    """A news report of an event on the transformation in general (2.8.0; coding manual rule
    3): every sentence reports the event (EVENT_RE), defines the kind of region or says why its
    transformation matters (SIGNIFICANCE_RE), the first is dated or the meeting's own lead
    (REPORT_TIME_RE), and a kind of region or its genus is named (国家发展改革委在某市召开全国资源型
    地区转型发展现场会。/ 会议期间，与会人员实地调研了…资源枯竭城市转型…). A meeting or visit on one
    programme or topic (绿色矿山建设推进会, 采煤沉陷区治理调度会) names no kind: it is that topic's.
    r5 (real11): a kind named only in a fund's name (资源枯竭城市转移支付资金管理) names no kind, and a
    sentence saying what the participants proposed (与会代表建议，应延长…) states its content, not
    the event."""
    if not body or not REPORT_TIME_RE.search(body[0]):
        return False
    kinds = _kinds_re(codebook)
    definition = _definition_re(codebook)
    if kinds is None or definition is None:
        return False
    text = _CITED_RE.sub("", "".join(body))
    if not any(not _FUND_AFTER_RE.match(text, m.end()) for m in kinds.finditer(text)):
        return False
    if _AMOUNT_RE.search(text):
        return False
    events = 0
    for sentence in body:
        if EVENT_RE.search(sentence) and not PROPOSAL_RE.search(sentence):
            events += 1
        elif not (definition.match(sentence) or SIGNIFICANCE_RE.search(sentence)):
            return False
    return events > 0


def is_definition_lead(body: Sequence[str], codebook: Codebook) -> bool:
    """A paragraph opening by defining a kind of region or the genus (资源型地区是依托…的特殊类型
    区域。) and saying no more of which places belong to it (typology_self_re: 我省资源型地区主要
    包括…, a statement of the kind): the frame of the transformation (2.8.0)."""
    definition = _definition_re(codebook)
    if not body or definition is None or not definition.match(body[0]):
        return False
    self_re = typology_self_re(codebook)
    return not (self_re is not None and any(self_re.search(t) for t in body))


# A fund named after the kind of region, right after the kind's name: 资源枯竭城市|转移支付 (r5)
_FUND_AFTER_RE = re.compile(r"转移支付")
# What the participants of an event proposed: 与会代表建议，… / 参会专家认为… (r5)
PROPOSAL_RE = re.compile(r"(?:与会|参会)[\u4e00-\u9fff]{0,4}?(?:建议|呼吁|认为|提出)")
# An amount of money reported (现场签约项目18个，总投资126亿元): the event's result is its point
_AMOUNT_RE = re.compile(r"\d[\d.]*\s*(?:亿|万)元")
# A cited title (《…》): a kind of region named in it is not the event's own subject
_CITED_RE = re.compile(r"《[^《》]*》")


@lru_cache(maxsize=8)
def _kinds_re(codebook: Codebook) -> re.Pattern[str] | None:
    """The kinds of region (_typology_names, kinds only) and their genus (typology `genus`)."""
    names = _typology_names(codebook, kinds_only=True, genus=True)
    return re.compile(names) if names else None


@lru_cache(maxsize=8)
def _definition_re(codebook: Codebook) -> re.Pattern[str] | None:
    """A sentence defining a kind of region or the genus (资源型地区是依托…发展起来的特殊类型区域。)."""
    names = _typology_names(codebook, kinds_only=True, genus=True)
    if not names:
        return None
    return re.compile(rf"^[\s　]*(?:{names})(?:是|指)[^。]{{0,60}}?(?:区域|城市|地区)。?$")


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
    if (
        body
        and _starts_with_framing_heading(body[0], codebook.framing_headings)
        and len(body[0]) <= 40
    ):
        return True
    if IDEOLOGY_RE.search(lead) or (body and announces_frame(body[0])):
        return True
    if body and (
        PURPOSE_RE.search(body[0])
        # the second sentence too, whatever the first (written for one presenting the place)
        or (len(body) > 1 and PURPOSE_RE.search(body[1]))
        or REVIEW_STANCE_RE.search(body[0])
        or SIGNIFICANCE_RE.search(body[0])
        or YEAR_JUDGEMENT_RE.search(body[0])
    ):
        return True
    if len(PRINCIPLE_RE.findall("".join(body))) >= PRINCIPLES_MIN:
        return True
    if genre != NEWS_GENRE and (
        PRINCIPLE_TITLE_RE.match(heading) or (body and PRINCIPLE_TITLE_RE.match(body[0]))
    ):
        return (
            True  # a plan's or an opinion's principle (r5: not a news page's 山西之重，在乎能源。)
        )
    if is_definition_lead(body, codebook):
        return True
    if len(body) > 2 and PURPOSE_RE.search(body[-1]):
        return True  # a preamble closing with its purpose: …，提出以下实施方案。 (2.8.0)
    if len(body) > 1 and CLOSING_FORMULA_RE.match(body[-1]):
        return True  # …科学有序推进…工作。现提出如下实施意见。 (r5)
    if is_event_report(body, codebook):
        return True
    if body and len(body) <= ACKNOWLEDGEMENT_MAX_SENTENCES and ACKNOWLEDGEMENT_RE.search(body[0]):
        return True  # 建议收悉。感谢…，现答复如下： (not an answer that starts on the same line)
    text = "".join(body)
    indicators = sum(indicator in text for indicator in codebook.framing_indicators)
    if indicators >= FRAMING_MIN_INDICATORS:
        return True
    if (
        indicators >= REVIEW_MIN_INDICATORS
        and body
        and body[0].lstrip().startswith(codebook.review_openers)
    ):
        return True
    if enumerated_only >= FRAMING_MIN_ENUMERATED:
        return True
    if position == LAST_POSITION and genre == NEWS_GENRE and NEWS_COMMENTARY_RE.search(text):
        return True
    if framing_section and body and FRAMING_SECTION_LEAD_RE.search(body[0]):
        return True
    if framing_section and topic_themes >= FRAMING_MIN_TOPICS:
        # an overview of the base or the goals across several areas (发展基础: 沉陷区治理、棚户区改造、生态修复…)
        return True
    return bool(GOAL_RE.search(text)) and (framing_section or topic_themes >= FRAMING_MIN_TOPICS)


def _typology_names(
    codebook: Codebook,
    kinds_only: bool = False,
    genus: bool = False,
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """The typology theme's keywords of weight >= 1 as one regex alternation, longest first
    (None when the codebook has no typology theme); with `kinds_only` (2.6.0) without the
    guidance and approach words (分类施策, 因地制宜), which name no kind of region, and (2.7.1) with
    a life-cycle stage only when a region noun follows it in its phrase (成熟期的煤炭主产县, codebook
    typology `stages` and `stage_regions`; not 成熟期的企业); with `genus` (2.8.0) also the
    genus of the kinds (typology `genus`: 资源型地区, 资源型城市); without the words of `exclude`."""
    rule = codebook.typology
    if not rule.theme or rule.theme not in codebook.theme_ids:
        return None
    theme = codebook.theme(rule.theme)
    ways = set(rule.guidance) | set(rule.approaches) | set(rule.stages) if kinds_only else set()
    ways |= exclude
    words = sorted(
        {k for k in theme.keywords if theme.weight(k) >= DEFAULT_WEIGHT and k not in ways}
        | (set(rule.genus) if genus else set()),
        key=len,
        reverse=True,
    )
    names = [re.escape(w) for w in words]
    stages = [s for s in rule.stages if s in theme.keywords] if kinds_only else []
    if stages and rule.stage_regions:
        # 成熟期的煤炭主产县 / 成长期和成熟期的铝土矿、锰矿富集县区 (a region noun within 16
        # characters of the phrase; 市 not of 市场)
        regions = "|".join(re.escape(r) for r in sorted(rule.stage_regions, key=len, reverse=True))
        names.append(
            rf"(?:{'|'.join(map(re.escape, stages))})[^，。；,;：:]{{0,16}}?(?:{regions})(?!场)"
        )
    return "|".join(names)


# What a region category's target or result says of it (typology_result_re): 控制在5%以内, 基本补齐,
# 加快推进, 转型成果, 转型困境, 重要支撑
_TYPOLOGY_RESULT = (
    r"(?:控制在|提高到|降低到|下降到|达到|以内|基本补齐|补齐|加快推进|成果|困境|重要支撑)"
)


@lru_cache(maxsize=8)
def _typology_subject_re(codebook: Codebook) -> re.Pattern[str] | None:
    """A lead opening with a region category as its subject: 对资源枯竭城市， / 衰退型城市要 /
    针对资源型地区，… (the typology theme's keywords of weight >= 1, longest first; 2.6.0: not a
    way of working, 因地制宜重点发展…, nor the guidance words, which type a unit by themselves)."""
    names = _typology_names(codebook, kinds_only=True)
    if names is None:
        return None
    return re.compile(
        rf"^[\s　]*(?:对于?|针对)?(?:全省|全市|全国|各类?|各)?(?:{names})[\u4e00-\u9fff]{{0,4}}?"
        r"(?:[，,]|要|应|重点|着力|可)"
    )


@lru_cache(maxsize=8)
def typology_target_re(codebook: Codebook) -> re.Pattern[str] | None:
    """A region category singled out for a measure anywhere in a clause (2.2.0): 对资源枯竭城市和
    独立工矿区项目适当提高补助比例 (the typology keywords of weight >= 1). A region category that
    is only the beneficiary of support (支持资源枯竭城市建设…) is not: on the dev set that is in passing.
    2.6.0: also a stage of a resource region's life cycle a measure is for (对处于成长期和成熟期的…县区,
    对进入衰退期的老矿区); a stage named without 对 (技术已进入成熟期) is not, but what follows the
    stage is not checked (对处于成熟期的企业 matches too). 2.7.1: kinds only (_typology_names), so
    a stage needs a region noun after it (对处于成熟期的企业 no longer matches)."""
    names = _typology_names(codebook, kinds_only=True)
    if names is None:
        return None
    return re.compile(rf"(?:对于?|针对)(?:处于|进入)?(?:全省|全市|全国|各类?|各|有关)?(?:{names})")


@lru_cache(maxsize=8)
def typology_self_re(codebook: Codebook) -> re.Pattern[str] | None:
    """A place stating which kind of resource region it is (2.5.0, coding manual rule 6: the
    paragraph says which kind of region a statement is about): 作为国家确定的资源枯竭城市 / 我市是
    国家第二批资源枯竭城市 / 被确定为(界定为, 归类为)全国首批资源枯竭城市 / 列入资源枯竭城市名单 (the typology
    keywords of weight >= 1; after 是 only a standing such as 国家…/全国…/省…, so 是指…用于支持资源枯竭
    城市 of a fund's definition is not one; the genus 资源型城市, weight 0.5, is not a kind). Unlike
    typology_result_re it kept the guidance and approach words and the bare life-cycle stages
    until 2.7.1; now kinds only (_typology_names), so 这个县因地制宜… and 这个项目已进入成熟期 do
    not match."""
    names = _typology_names(codebook, kinds_only=True)
    members = _typology_names(codebook, kinds_only=True, genus=True)
    subjects = _typology_names(
        codebook, kinds_only=True, exclude=frozenset(codebook.typology.not_subjects)
    )
    if names is None or members is None or subjects is None:
        return None
    return re.compile(
        rf"(?:作为|被?(?:确定|界定|归类|列)为|列入)[^，。；,;：:]{{0,12}}?(?:{names})"
        # 2.8.0 (pages: plans and news naming which places are resource regions): a statement
        # of which places belong to a kind (纳入…资源枯竭城市名录; not 纳入资源型地区…试点, a
        # programme) or to the genus: 属于资源型地区 /
        # 我省资源型地区主要包括… / 确定某市为…资源枯竭型城市 / 确定了44个资源枯竭型城市，…名列其中
        rf"|(?:纳入|列入)[^，。；,;：:]{{0,16}}?(?:{names})"
        rf"|(?:属于|被?(?:确定|界定|归类|列)为)[^，。；,;：:]{{0,16}}?(?:{members})"
        rf"|(?:{members})(?:主要)?(?:包括|涵盖)"
        rf"|确定[^，。；,;：:]{{1,10}}?为[^，。；,;：:]{{0,12}}?(?:{members})"
        rf"|(?:{members})[^。]{{0,40}}?(?:名列其中|位列其中)"
        # r5 (pages: news of the designation of exhausted cities): a kind designated, 国务院确定了第二批
        # 32个资源枯竭城市 / 此前界定的69个资源枯竭城市 / 经国务院批准的资源枯竭城市
        rf"|(?:确定|界定|批准|认定)(?:了|的)[^，。；,;：:]{{0,10}}?(?:{names})"
        rf"|(?<![但就还即则])是(?:[国全省][^，。；,;：:]{{0,8}}?)?(?:{names})"
        # 2.6.0: a news page naming the place it reports on: 这个曾以木材生产为主的森工林区
        rf"|这[个座][^，。；,;：:]{{0,12}}?(?:{names})"
        # r5 (pages: news features and speeches on mining and forest cities): a kind of region
        # opening a phrase as its subject, 矿业城市在资源枯竭型城市中所占的比重很大 / 我省森工林区全面
        # 停止商业性采伐 / 首批资源枯竭型城市编制完成了转型规划; not the fund named after it
        # (资源枯竭城市转移支付…) or a rating (资源枯竭城市转型绩效考核), nor a firm or a programme's
        # name (typology `not_subjects`), nor a kind modifying a noun (森工地区的冬季旅游线路) or
        # defined (资源枯竭城市是指…: a definition lead, is_definition_lead)
        rf"|(?:^|[。；;！？!?，,：:])[\s　]*(?:我省|我市|全省|全国|首批|第[一二三四五]批|各类?|这些|一些|部分)?"
        # (atomic: 资源枯竭城市是指 does not fall back to 资源枯竭 + 城市是指)
        rf"(?>{subjects})(?!的|是|指|转移支付|资金|[^，。；,;]{{0,8}}(?:转移支付|绩效))"
    )


@lru_cache(maxsize=8)
def typology_result_re(codebook: Codebook) -> re.Pattern[str] | None:
    """A region category as the subject of a target, a result or a clause's measure (2.6.0,
    coding manual rule 6: the paragraph says which kind of region the statement is about):
    资源枯竭城市城镇调查失业率控制在5%以内 / 资源枯竭城市民生短板基本补齐 / 资源枯竭城市转型加快推进 /
    巩固资源枯竭城市转型成果 / 成为资源枯竭城市转型的重要支撑 / …，其中资源枯竭地区重点考虑… (the
    typology keywords of weight >= 1). The gap between the category and the result holds no
    转移支付 or 资金: 资源枯竭城市转移支付资金…下达 names a fund, not a kind of region's result; and
    a way of working (因地制宜加快推进…, codebook typology `approaches`) is no kind of region."""
    names = _typology_names(codebook, kinds_only=True)
    if names is None:
        return None
    return re.compile(
        rf"(?:{names})(?:(?!转移支付|资金)[^，。；,;：:]){{0,12}}?{_TYPOLOGY_RESULT}"
        rf"|(?:^|[，。；：,;:]|其中)(?:{names})[\u4e00-\u9fff]{{0,4}}?(?:要|应|重点|着力)"
    )


def typology_evidence(keywords: Sequence[str], lead: str, codebook: Codebook) -> tuple[bool, bool]:
    """(organised, structured) by the region-type keywords found in a unit, and whether its
    lead has a region category as subject folded into `organised` (codebook `typology`)."""
    rule = codebook.typology
    types = {t for t in rule.types if any(t in k for k in keywords)}
    guided = any(k in rule.guidance for k in keywords)
    subject_re = _typology_subject_re(codebook)
    subject = bool(keywords) and subject_re is not None and bool(subject_re.match(lead))
    return len(types) >= rule.min_types or guided or subject, len(types) >= rule.structure_types


def is_framing_section(title: str, codebook: Codebook | None = None) -> bool:
    """A section whose title is a framing heading (总体要求, 指导思想和发展目标 …)."""
    codebook = codebook or load_codebook()
    return bool(title) and _starts_with_framing_heading(title, codebook.framing_headings)
