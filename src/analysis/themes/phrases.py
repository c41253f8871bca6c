"""Where a keyword stands inside one clause: its phrase (split at ，；：), its position factor
(rule 3 of `analysis.themes.primary`), enumerations of many areas, and the phrases that are
about a theme (a measure or a target headed by its keyword).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from analysis.themes.matching import Hit

HEADING_FACTOR = 3.0
LEAD_FACTOR = 1.5
BODY_FACTOR = 1.0
SUBORDINATE_FACTOR = 0.5  # a phrase opened by 其中/包括/用于
ENUMERATION_MIN_THEMES = 3  # a phrase listing keywords of this many themes ...
ENUMERATION_MIN_MARKS = 2  # ... in at least three items (two 、) enumerates areas
# Where one phrase of a clause ends and the next begins: ， , ； ; ： :
PHRASE_BREAK_RE = re.compile(r"[，,；;：:]\s*")
# A phrase that breaks down what came before (其中光伏项目7个 / 包括…) or lists what money or
# land is for (用于支持接续替代产业、采煤沉陷区治理…: the point is the money)
SUBORDINATE_RE = re.compile(r"\s*(?:其中|包括|(?:主要|重点|专项)?用于)")
# A phrase naming who receives the measure that follows (2.3.0): 对纳入绿色矿山名录的企业， /
# 对新落地的接续替代产业项目， (the point is the support given them, coding manual rule 5)
BENEFICIARY_RE = re.compile(
    r"[\s　]*对[^，,；;：:。]{1,40}?的(?:企业|项目|单位|团队|人员|个人|家庭|矿山)[\s　]*[，,]"
)
# A phrase opened by what the measure builds on (2.4.0): 依托露天矿坑和矿业遗迹，打造… / 借助口岸
# 优势发展… (up to the phrase's first measure verb: the base is the setting, the point is what is
# built on it; coding manual rule 6, a place mentioned only as background)
BASIS_RE = re.compile(r"[\s　]*(?:依托|依靠|借助|凭借)")
# ... whose base ends at the first verb of what is built (not MEASURE_RE: 安置区, 治理区 name places)
BASIS_END_RE = re.compile(
    r"引进|发展|打造|建设|建成|推动|推进|培育|开展|实施|形成|带动|开发|布局|承接|吸引|延伸|壮大|做强"
)
# A phrase opened by the site a project is built on (2.9.0): 在采煤沉陷区、排土场等废弃土地上布局光伏 /
# 充分利用沙漠和采煤沉陷区土地资源建设光伏发电基地 (an optional adverb or verb of support, then 在 or
# 利用; the site runs up to the first verb of what is built, BASIS_END_RE)
SITE_RE = re.compile(r"[\s　]*(?:充分|积极|支持|鼓励|推动|引导|因地制宜)?(?:在|利用)")
# The factors money is allocated by (2.4.0): 资金按照各地采煤沉陷区治理任务、…和绩效评价结果等因素
# 分配 / 综合考虑…等因素 (the items are yardsticks of the allocation, not what it is for)
FACTORS_RE = re.compile(r"(?:按照|依据|根据|综合考虑)([^。；;：:]{2,80}?)等?因素")
# The body or list that carries a measure out (2.5.0): 市采煤沉陷区综合治理领导小组 / 工矿区改造提升的
# 责任主体 / 独立工矿区改造提升项目库 (up to 12 characters naming its object, then the organ: the
# paragraph is about the organisation, coding manual rule 4; its object is named in passing)
ORGAN_RE = re.compile(r"([^，,；;：:。、]{2,12}?)的?(?:领导小组|责任主体|项目库|指挥部|联席会议)")
# What money is for, inside a phrase (2.3.0): 补助资金主要用于接续替代产业培育、… (the items after it
# are the money's uses, the point is the money)
_MONEY_USE = "用于"
# A run-in frame that names the paragraph's subject: 在产业培育方面， / 在资金保障方面：
RUN_IN_FRAME_RE = re.compile(r"^[\s　]*在[^，,。:：；;]{2,20}方面[，,:：]")
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
    # (2.3.0) a result held or a target kept: 水质稳定保持Ⅱ类 / 控制在4.5%以内
    r"|保持|控制在|稳定在"
)
# A figure in a phrase (2.3.0): a concrete target or result (能耗下降14% / 新增就业2万人 / 建成十个),
# what makes a goal of a framing paragraph a theme of its own (coding manual rule 3)
FIGURE_RE = re.compile(
    r"[0-9０-９]|[一二三四五六七八九十百千万两]+(?:个|家|所|座|户|套|项|条|公里|万|亿|人|批|成)"
    # ... or a target set from above: 能耗完成省定目标 / 完成自治区下达目标 / 完成省下达任务 (2.4.0)
    r"|完成[^，。；]{0,8}(?:目标|任务)"
)
# A list of concrete uses or tasks (2.3.0, coding manual rule 6): money or support spent on the
# items (资金主要用于接续产业培育、居民避险安置、矿区环境整治等方面 / 重点支持…建设项目 / 包括…)
USES_RE = re.compile(r"用于|(?:主要|重点|优先)支持|包括")
# Enumeration marks inside a phrase: 新能源、新材料、矿区治理
ENUMERATION_MARK = "、"
# What joins two items of one list of places (2.5.0): 资源枯竭城市、采煤沉陷区 / 衰退型城市和独立工矿区 /
# 资源枯竭城市（县、区）和独立工矿区 (the head noun of a type name 衰退型 + 城市, an optional bracketed
# note, then 、 和 及 与)
PLACE_LIST_GAP_RE = re.compile(r"(?:城市|地区|城镇|县|市)?(?:[（(][^）)]{0,8}[）)])?[、和及与]")


def phrases_of(text: str, hits: Sequence[Hit]) -> tuple[list[int], list[int]]:
    """The start offsets of the phrases of `text` (split at ，；：) and the phrase of each hit."""
    starts = list(_phrase_starts(text))
    return starts, [bisect_right(starts, hit.start) - 1 for hit in hits]


@lru_cache(maxsize=4096)  # asked for six times per clause by the phrase rules
def _phrase_starts(text: str) -> tuple[int, ...]:
    """The start offsets of the phrases of `text` (split at ，；：)."""
    return (0, *(m.end() for m in PHRASE_BREAK_RE.finditer(text)))


@lru_cache(maxsize=4096)  # asked for by position_factors, enumerated_hits and about_hits
def _aside_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of `text` naming the factors money is allocated by (FACTORS_RE, 2.4.0): yardsticks
    of the allocation, not the clause's point; and (2.5.0) the object of the body or list that
    carries a measure out (ORGAN_RE: 采煤沉陷区综合治理领导小组), named in passing."""
    return tuple(m.span(1) for m in FACTORS_RE.finditer(text)) + tuple(
        m.span(1) for m in ORGAN_RE.finditer(text)
    )


def _basis_ends(text: str, starts: Sequence[int], phrases: set[int]) -> dict[int, int]:
    """For each of `phrases` opened by BASIS_RE (依托…), the offset where its base ends: its first
    verb of what is built (BASIS_END_RE) after the opener, else the phrase's end."""
    ends = [*starts[1:], len(text)]
    found = {}
    for p in phrases:
        opener = BASIS_RE.match(text, starts[p])
        if opener:
            verb = BASIS_END_RE.search(text, opener.end(), ends[p])
            found[p] = verb.start() if verb else ends[p]
    return found


def position_factors(text: str, hits: Sequence[Hit], place: str) -> list[float]:
    """The position factor of each hit of one clause (rule 3).

    place "title" or "run_in" (a short first sentence titling the rest): HEADING_FACTOR. place
    "lead" (the unit's first body clause): a run-in frame
    (在…方面，) counts as a title, the first phrase carrying a keyword is the lead
    (LEAD_FACTOR), later phrases BODY_FACTOR. place "body": BODY_FACTOR. Anywhere, a phrase
    opened by 其中/包括 (a breakdown of what came before) or 用于 (what money is for) counts
    SUBORDINATE_FACTOR times as much, and so (2.3.0) do hits after 用于 inside a phrase and a
    phrase naming who receives the measure (BENEFICIARY_RE: 对纳入…名录的企业，), which is never
    the lead; so (2.4.0) are the hits naming what a phrase's measure builds on (BASIS_RE: 依托…
    up to its verb), which are never the lead either; the factors money is allocated by
    (FACTORS_RE: 按照…等因素分配) and (2.5.0) the object of the body or list that carries a
    measure out (ORGAN_RE: 采煤沉陷区综合治理领导小组) count SUBORDINATE_FACTOR squared (a yardstick
    or a name, less than a use; see _aside_spans).
    """
    starts, phrase = phrases_of(text, hits)
    frame = RUN_IN_FRAME_RE.match(text) if place == "lead" else None
    frame_end = frame.end() if frame else 0
    beneficiary = {p for p in set(phrase) if BENEFICIARY_RE.match(text, starts[p])}
    basis = _basis_ends(text, starts, set(phrase))
    aside = _aside_spans(text)
    after_frame = [
        p
        for p, hit in zip(phrase, hits, strict=True)
        if hit.start >= frame_end and p not in beneficiary and hit.start >= basis.get(p, 0)
    ]
    lead_phrase = min(after_frame) if place == "lead" and after_frame else -1
    factors = []
    for hit, p in zip(hits, phrase, strict=True):
        if place in ("title", "run_in") or hit.end <= frame_end:
            factor = HEADING_FACTOR
        else:
            factor = LEAD_FACTOR if p == lead_phrase else BODY_FACTOR
        if (
            SUBORDINATE_RE.match(text, starts[p])
            or _MONEY_USE in text[starts[p] : hit.start]
            or p in beneficiary
            or hit.start < basis.get(p, 0)
        ):
            factor *= SUBORDINATE_FACTOR
        if any(a <= hit.start < b for a, b in aside):  # a yardstick: less than a use (2.4.0)
            factor *= SUBORDINATE_FACTOR * SUBORDINATE_FACTOR
        factors.append(factor)
    return factors


# Attracting firms or projects with words between (2.7.0): 新引进亿元以上项目16个 / 引进木制品加工、
# 食品加工等劳动密集型企业12家 / 引进一批带动力强的龙头项目 (the verb 引进, a broad word, then in the
# same phrase its object 企业 or 项目; not talent or technology brought in, 引进博士团队5个 / 对企业
# 引进的博士: those never reach 企业/项目 after the verb, and the gap may not name them)
ATTRACT_VERB = "引进"
ATTRACT_OBJECT_RE = re.compile(r"(?P<gap>[^，,；;：:。！？!?]{0,30}?)(?P<object>企业|项目)")
ATTRACT_GAP_EXCLUDED_RE = re.compile(r"人才|博士|硕士|院士|团队|技术|专家")


def attracted_hits(
    text: str, hits: Sequence[Hit], keywords_of: Sequence[Sequence[str]]
) -> list[Hit]:
    """`hits` with each broad 引进 whose phrase goes on to name firms or projects (ATTRACT_OBJECT_RE)
    read as the theme's topic keyword 引进企业 / 引进项目 (when `keywords_of[category]`, the theme's
    keywords, holds it): attracting investment is the measure, coding manual rule 5 (2.7.0)."""
    found = list(hits)
    for i, hit in enumerate(found):
        if hit.keyword != ATTRACT_VERB:
            continue
        match = ATTRACT_OBJECT_RE.match(text, hit.end)
        if match is None or ATTRACT_GAP_EXCLUDED_RE.search(match.group("gap")):
            continue
        keyword = ATTRACT_VERB + match.group("object")
        if keyword in keywords_of[hit.category]:
            found[i] = Hit(hit.category, hit.start, hit.end, keyword)
    return found


# A rule against double funding (2.7.0): 同一项目不得重复申报中央预算内投资 / 已获中央财政资金支持的
# 项目不得重复申报 / 不得同时申报其他…专项 (a phrase in which an application is barred, 不得/严禁 then
# 申报: the money named there is the rule's condition, coding manual rule 4, not support given)
FUNDING_RULE_RE = re.compile(r"(?:不得|严禁)[^，,；;：:。]{0,8}?申报")


def funding_rule_hits(text: str, hits: Sequence[Hit], money: int) -> set[int]:
    """Indices of the hits of `money` (the policy_support theme) in a phrase of `text` that bars
    an application (FUNDING_RULE_RE): the rule against double funding is governance (2.7.0)."""
    starts, phrase = phrases_of(text, hits)
    ends = [*starts[1:], len(text)]
    barred = {p for p in range(len(starts)) if FUNDING_RULE_RE.search(text, starts[p], ends[p])}
    return {i for i, hit in enumerate(hits) if hit.category == money and phrase[i] in barred}


def region_listed_hits(text: str, hits: Sequence[Hit], region: int) -> set[int]:
    """Indices of the hits of other themes listed with a region category (hits of `region`, the
    typology theme) in one list of places (PLACE_LIST_GAP_RE between neighbours): 重点支持资源枯竭
    城市、采煤沉陷区、独立工矿区所在县 / 向衰退型城市和独立工矿区倾斜 name the kinds of region a
    measure is for, not the subsidence or mining-area programme (2.5.0, coding manual rule 6)."""
    order = sorted(range(len(hits)), key=lambda i: hits[i].start)
    chains: list[list[int]] = []
    for i in order:
        if chains:
            last = hits[chains[-1][-1]]
            gap = text[last.end : hits[i].start]
            if hits[i].start >= last.end and PLACE_LIST_GAP_RE.fullmatch(gap):
                chains[-1].append(i)
                continue
        chains.append([i])
    listed: set[int] = set()
    for chain in chains:
        if len(chain) > 1 and any(hits[i].category == region for i in chain):
            listed |= {i for i in chain if hits[i].category != region}
    return listed


def site_hits(text: str, hits: Sequence[Hit], built: frozenset[int]) -> set[int]:
    """Indices of the hits naming the site a project of a `built` theme (clean energy) is put on:
    in a phrase opened by SITE_RE (在… / 利用…) the hits of other themes before its first verb of
    what is built (BASIS_END_RE), when a keyword of a `built` theme follows that verb in the
    phrase: 在采煤沉陷区、排土场等废弃土地上布局集中式光伏 is a solar measure, the subsidence area
    its land, not the subsidence programme (2.9.0, coding manual rule 6: a place mentioned as
    background). Not a phrase whose verb reaches no such keyword (在采煤沉陷区实施避险搬迁)."""
    starts, phrase = phrases_of(text, hits)
    ends = [*starts[1:], len(text)]
    sited: set[int] = set()
    for p in set(phrase):
        opener = SITE_RE.match(text, starts[p])
        verb = BASIS_END_RE.search(text, opener.end(), ends[p]) if opener else None
        if opener is None or verb is None:
            continue
        own = [i for i, q in enumerate(phrase) if q == p]
        if not any(hits[i].category in built and hits[i].start >= verb.start() for i in own):
            continue
        sited |= {
            i
            for i in own
            if opener.end() <= hits[i].start < verb.start() and hits[i].category not in built
        }
    return sited


def enumerated_hits(text: str, hits: Sequence[Hit]) -> set[int]:
    """Indexes of the hits lying in an enumeration of many areas: a phrase of `text` with at
    least ENUMERATION_MIN_MARKS 、 whose hits belong to at least ENUMERATION_MIN_THEMES themes
    (新能源、新材料、矿区治理、就业社保; not 完善供水、供暖管网). A list of concrete uses or tasks
    (USES_RE before the list's first 、: 资金用于…、…、…等方面) is not one: each item is a theme (2.3.0).
    The hits inside an aside (_aside_spans: allocation factors, 2.4.0; an organ's object, 2.5.0)
    are returned too, so that they are no evidence of their own."""
    starts, phrase = phrases_of(text, hits)
    ends = [*starts[1:], len(text)]
    themes: dict[int, set[int]] = {}
    for hit, p in zip(hits, phrase, strict=True):
        themes.setdefault(p, set()).add(hit.category)
    listing = {
        p
        for p, found in themes.items()
        if len(found) >= ENUMERATION_MIN_THEMES
        and text.count(ENUMERATION_MARK, starts[p], ends[p]) >= ENUMERATION_MIN_MARKS
        and not USES_RE.search(text, starts[p], text.find(ENUMERATION_MARK, starts[p], ends[p]))
    }
    aside = _aside_spans(text)
    return {
        i
        for i, (hit, p) in enumerate(zip(hits, phrase, strict=True))
        if p in listing or any(a <= hit.start < b for a, b in aside)
    }


def about_hits(text: str, hits: Sequence[Hit], listed: set[int]) -> set[int]:
    """Indexes of the hits a phrase of `text` is about (2.2.0): outside an enumeration of many
    areas (`listed`), in a phrase stating a measure or a target (MEASURE_RE), and the head of
    its phrase: no word of another theme after it that it modifies (in 储能电池等新能源装备制造项目
    储能 modifies 新能源装备; in 沉陷区综合治理领导小组 the phrase is about the 领导小组). A word of
    another theme joined to it by 、 / 和 / 与 / 及 is a second object, not one it modifies
    (在产业转移、人才交流等方面开展合作), unless 等 closes the list before it (…等新能源装备).
    What the measure builds on (2.4.0: 依托…, BASIS_RE) is background, not an object, and so are
    the factors money is allocated by (FACTORS_RE) and the object of an organ (ORGAN_RE, 2.5.0)."""
    starts, phrase = phrases_of(text, hits)
    ends = [*starts[1:], len(text)]
    measured = {p for p in set(phrase) if MEASURE_RE.search(text, starts[p], ends[p])}
    basis = _basis_ends(text, starts, set(phrase))
    aside = _aside_spans(text)
    about = set()
    for i, (hit, p) in enumerate(zip(hits, phrase, strict=True)):
        if (
            i in listed
            or p not in measured
            or hit.start < basis.get(p, 0)
            or any(a <= hit.start < b for a, b in aside)
        ):
            continue
        modified = (
            h
            for h, q in zip(hits[i + 1 :], phrase[i + 1 :], strict=True)
            if q == p and h.category != hit.category and h.start >= hit.end
        )
        if not any(_modifies(text[hit.end : h.start]) for h in modified):
            about.add(i)
    return about


def modifier_hits(text: str, hits: Sequence[Hit]) -> set[int]:
    """Indexes of the hits that modify a word of another theme after them in their phrase of
    `text` (_modifies: not joined to it by 、 和 与 及): in the title 推动煤电产业绿色低碳 煤电
    names the sector the green measure is for, in 强化产业链精准招商 产业链 the kind of
    investment promotion (2.8.0: a title's modifier is no evidence of its own)."""
    _, phrase = phrases_of(text, hits)
    return {
        i
        for i, (hit, p) in enumerate(zip(hits, phrase, strict=True))
        if any(
            q == p
            and h.category != hit.category
            and h.start >= hit.end
            and _modifies(text[hit.end : h.start])
            for h, q in zip(hits[i + 1 :], phrase[i + 1 :], strict=True)
        )
    }


def coordinated_categories(text: str, hits: Sequence[Hit]) -> list[set[int]]:
    """For each hit, the categories of the other themes' hits of its phrase of `text` joined to
    it as objects of one list (a 、 和 与 及 between them, _COORDINATION_RE): in
    推进煤矿智能化建设和绿色开采 the green word stands beside the upgrading one (2.8.0).
    Not in a list of concrete uses or tasks (USES_RE before the later word: 资金主要用于…、…、…,
    重点支持…和…), whose items each count (coding manual rule 6)."""
    starts, phrase = phrases_of(text, hits)
    found: list[set[int]] = []
    for hit, p in zip(hits, phrase, strict=True):
        found.append(
            {
                h.category
                for h, q in zip(hits, phrase, strict=True)
                if q == p
                and h.category != hit.category
                and _COORDINATION_RE.search(text, min(hit.end, h.end), max(hit.start, h.start))
                and not USES_RE.search(text, starts[p], max(hit.start, h.start))
            }
        )
    return found


# Between two objects of one phrase: 、 和 与 及 (coordinated); 等 closes a list of modifiers
_COORDINATION_RE = re.compile(r"[、和与及]")


def _modifies(gap: str) -> bool:
    """Whether a word modifies the other theme's word `gap` characters before it (see about_hits)."""
    # 补助资金主要用于…: the money is the subject, its uses the objects (2.3.0)
    if _MONEY_USE in gap:
        return False
    return "等" in gap or not _COORDINATION_RE.search(gap)


def figure_hits(text: str, hits: Sequence[Hit]) -> set[int]:
    """Indexes of the hits whose phrase of `text` holds a figure (FIGURE_RE: 下降14%, 2万人): the
    phrase states a concrete target or result (2.3.0)."""
    starts, phrase = phrases_of(text, hits)
    ends = [*starts[1:], len(text)]
    figured = {p for p in set(phrase) if FIGURE_RE.search(text, starts[p], ends[p])}
    return {i for i, p in enumerate(phrase) if p in figured}
