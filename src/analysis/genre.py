"""Genre and metadata of texts copied from web pages, news sites and work reports.

Rules by shape, each in one place (`analysis.ingest.infer_metadata` calls them):

- **Work report** (`report`): the opening 我代表…人民政府向大会报告工作 or a congress dateline
  (——2024年1月26日在XX市第十六届人民代表大会第四次会议上). Its date is the dateline's, its issuer
  the people's government of the place the dateline or title names (我代表市人民政府 gives the
  level), its `review_year` the year its review part reports on.
- **News** (`news`): a news dateline or lead in the opening lines (新华社太原6月12日电, 本报讯,
  记者从…获悉, a portal line 2019年06月12日 08:30 来源：XX日报), unless the article only wraps a
  policy text (…原文如下), which keeps the policy's genre. A news report of a fund allocation is
  `news`; the allocation notice itself stays `notice` (its title ends in 通知). The headline is the
  title; the outlet (来源, or the agency of the dateline) the issuer.
- **News release on a portal** (`news`): a headline, a portal line (portal name, URL, a date with
  08:30 or 10时14分, 来源/作者/编辑, in either order) whose 来源 names a department
  (来源：财政部网站 → issuer 财政部), and a 近日/日前 lead. Site titles of `_`-joined labels and
  breadcrumbs above it are boilerplate, never titles (`ingest.is_site_line`); the line above a
  portal line is the title even when nothing else marks the page as news.
- **Government information page**: the header block (索引号, 发文机关, 成文日期, 标题, 发文字号,
  发布日期 …, one label per line or several on a line) gives issuer, published (成文日期),
  posted (发布日期), doc_number and a fallback title.
- Anything else keeps the title rule (`ingest.doc_type_from_title`): a notice that carries a plan
  is a plan.
"""

from __future__ import annotations

import re
from datetime import date

from analysis.header_block import (
    DOC_NUMBER_LINE,
    HEADER_LABEL_FIELD,
    has_header_field,
)
from analysis.ingest import is_date_line, is_issuer_line, is_national, is_site_line, parse_date
from analysis.places import (
    COUNTY_LEVEL,
    PREFECTURE_LEVEL,
    PROVINCE_LEVEL,
    PlaceMention,
    find_places,
)

OPENING_LINES = 8  # non-empty lines searched for datelines, headers and leads (at least)
MAX_OPENING_LINES = 20  # … and up to the first sentence, when page furniture comes first
WORK_REPORT_LINES = 30  # non-empty lines searched for a work report's opening or dateline


def opening(lines: list[str]) -> list[str]:
    """The opening of a text: its first 8 non-empty lines, or up to its first sentence (the lead)
    when menus, breadcrumbs or a header block come first (at most 20 lines)."""
    first_prose = next(
        (i for i, line in enumerate(lines[:MAX_OPENING_LINES]) if "。" in line), None
    )
    end = OPENING_LINES if first_prose is None else max(OPENING_LINES, first_prose + 1)
    return lines[: min(end, MAX_OPENING_LINES)]


# ---------------------------------------------------------------- work reports

# The opening of a government work report: 现在，我代表市人民政府向大会报告工作 / 我代表省人民政府，向大会报告政府工作
WORK_REPORT_OPENING = re.compile(
    r"我代表(?P<level>[省市县区州旗]|自治区|[\u4e00-\u9fff]{2,12}?)?(?:人民)?政府[，,、\s]*向(?:大会|会议)(?:作|报告)"
)
# A congress dateline: ——2024年1月26日在大同市第十六届人民代表大会第四次会议上 / （2023年1月14日在山西省…会议上）
# (the date may be missing: ——在市十六届人大四次会议上, with （2024年1月26日） on the next line)
CONGRESS_DATELINE = re.compile(
    r"^[—－\-─～~（(\s]{1,3}(?P<date>[\d〇○零一二三四五六七八九十]{4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日)?"
    r"\s*在(?P<place>[\u4e00-\u9fff]{0,20}?)(?:第?[一二三四五六七八九十\d]{1,3}届)?(?:人民代表大会|人大)"
)
# A review heading of a work report: 一、2023年工作回顾 / 一、“十三五”和2020年工作回顾 / 一、过去一年工作回顾
_REVIEW_HEADING = re.compile(
    r"^[一二三四五六七八九十]{1,2}[、.．]\s*(?P<title>[^。]{0,30}?(?:工作回顾|回顾))"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
# A title naming a government work report: 阜新市2019年政府工作报告 / 冷水江市人民政府工作报告
_WORK_REPORT_TITLE = re.compile(r"政府工作报告$")
# A progress report on one year's work: 关于2022年资源枯竭城市转型发展工作情况的报告 / 2021年工作总结
_YEAR_REPORT_TITLE = re.compile(
    r"((?:19|20)\d{2})年[^。]{0,40}?(?:工作|情况)[^。]{0,10}(?:报告|总结|汇报)$"
)
#: 我代表X人民政府 → the suffix of the place's official name (市 → 大同市).
_LEVEL_SUFFIXES = {"省": ("省",), "市": ("市",), "县": ("县",), "区": ("区",), "州": ("州",), "旗": ("旗",),
                   "自治区": ("自治区",)}  # fmt: skip


def is_work_report(lines: list[str]) -> bool:
    """A government work report: the 我代表…政府向大会报告 opening or a congress dateline in the opening."""
    return any(
        WORK_REPORT_OPENING.search(line) or CONGRESS_DATELINE.match(line)
        for line in lines[:WORK_REPORT_LINES]
    )


def congress_dateline(lines: list[str]) -> re.Match[str] | None:
    """The congress dateline of a speech (——…在…人民代表大会…会议上) among the opening lines."""
    return next(
        (m for line in lines[:WORK_REPORT_LINES] if (m := CONGRESS_DATELINE.match(line))), None
    )


def congress_date(lines: list[str]) -> str:
    """ISO date of a work report's congress dateline, or of a date line right beside it
    (——在市十六届人大四次会议上 / （2024年1月26日））; "" if none."""
    for index, line in enumerate(lines[:WORK_REPORT_LINES]):
        if not CONGRESS_DATELINE.match(line):
            continue
        for near in (line, *lines[index + 1 : index + 2], *lines[max(index - 1, 0) : index]):
            dated = parse_date(near) if near is line or len(near) <= 20 else ""
            if dated:
                return dated
        return ""
    return ""


def work_report_issuer(lines: list[str], title: str) -> str:
    """XX市人民政府 for a work report: the place of the dateline or title, the level of 我代表X人民政府.

    Blank when no place is named, or when the level word and the place disagree.
    """
    speech = next(
        (m for line in lines[:WORK_REPORT_LINES] if (m := WORK_REPORT_OPENING.search(line))), None
    )
    level = (speech.group("level") or "") if speech else ""
    if level and level not in _LEVEL_SUFFIXES:
        if leading_places(level):  # 我代表大同市人民政府: the full name is written
            return level + "人民政府"
        level = ""  # 我代表本届政府: no level word
    dateline = congress_dateline(lines)
    for source in ((dateline.group("place") if dateline else ""), title):
        chain = leading_places(source)
        if not chain:
            continue
        if level and not chain[-1].name.endswith(_LEVEL_SUFFIXES[level]):
            continue
        return "".join(p.name for p in chain) + "人民政府"  # 淮南市潘集区 → 淮南市潘集区人民政府
    return ""


def leading_places(name: str) -> list[PlaceMention]:
    """The places that open `name` one after another (淮南市潘集区人民政府 → 淮南市, 潘集区)."""
    chain = []
    position = 0
    for place in find_places(name) if name else ():
        if place.start != position:
            break
        chain.append(place)
        position = place.end
    return chain


LATE_CONGRESS_MONTH = 10  # a report given from October on reviews its own year (a December session)


def review_year(lines: list[str], title: str, published: str) -> tuple[int | None, str]:
    """(year a work or progress report reviews, where found): review heading, title, or date − 1.

    一、2023年工作回顾 → 2023 (the latest year in the heading: 一、2021年及过去五年工作回顾 → 2021);
    a title 关于2022年…工作情况的报告 → 2022; a 政府工作报告 given in January 2024 → 2023, one given
    in December 2021 (a new congress's first session) → 2021.
    """
    for line in lines:
        heading = _REVIEW_HEADING.match(line)
        if heading:
            years = [int(y) for y in _YEAR.findall(heading.group("title"))]
            if years:
                return max(years), "text"
            break
    progress = _YEAR_REPORT_TITLE.search(title)
    if progress and not _WORK_REPORT_TITLE.search(title):
        return int(progress.group(1)), "title"
    if published and (_WORK_REPORT_TITLE.search(title) or is_work_report(lines)):
        year, month = int(published[:4]), int(published[5:7])
        return (year if month >= LATE_CONGRESS_MONTH else year - 1), "text"
    titled = _YEAR.search(title)
    if titled and _WORK_REPORT_TITLE.search(title):
        return int(titled.group(1)) - 1, "title"
    return None, ""


# ---------------------------------------------------------------- news

# A news agency's or paper's dateline at a line start: 新华社太原6月12日电 / 中新社大同6月2日电 / 本报北京3月5日讯
AGENCY_DATELINE = re.compile(
    r"^[【\[]?(?P<agency>新华社|中新社|中国新闻社|人民日报|人民网|新华网|央视网|本报|本网|[\u4e00-\u9fff]{2,8}(?:社|网|报))"
    r"(?P<place>[\u4e00-\u9fff]{0,8}?)(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:电|讯|消息)"
)
# A paper's own-report mark at a line start: 本报讯 / 本报萍乡讯 / 本网讯 / 本台消息 / 淮北日报讯
LOCAL_NEWS_MARK = re.compile(
    r"^[【\[]?(?:(?:本报|本网|本刊|本台|本站)[\u4e00-\u9fff]{0,6}|[\u4e00-\u9fff]{2,8}(?:日报|晚报|报|网))(?:讯|消息)"
)
# A reporter's lead in the opening: 记者从市发展改革委获悉 / 记者近日从…了解到 / （记者 孙丽娜）
REPORTER_LEAD = re.compile(r"记者[^。]{0,40}?(?:获悉|了解到|获知|得知)|[(（]记者[^)）]{1,20}[)）]")
# A date and an optional clock time (08:30, 08:30:15, 10时14分, 10点14分05秒)
_DATE_TIME = (
    r"(?P<date>(?:19|20)\d{2}\s*(?:年|-|/|\.)\s*\d{1,2}\s*(?:月|-|/|\.)\s*\d{1,2}\s*日?)"
    r"(?:\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|\d{1,2}\s*[时点]\s*\d{1,2}\s*分(?:\s*\d{1,2}\s*秒)?))?"
)
_BYLINE_FIELD = r"(?:来源|作者|稿源|编辑)\s*[:：]"  # the field of a portal dateline
# A portal dateline: a date (and a clock time) then 来源/作者/编辑 on one line, perhaps after the
# portal's name and a URL: 2019年06月12日 08:30 来源：黑龙江日报 /
# 某某资讯网 www.mouzixun.net 2023年06月12日 10时14分 来源：财政部网站
PORTAL_DATELINE = re.compile(
    _DATE_TIME
    + r"(?:[\s|｜丨/]*(?:https?://)?(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)+[\w./\-]*)?[\s|｜丨/]*"
    + _BYLINE_FIELD
)
# … or the field first, the date (and time) closing the line: 来源：财政部网站　2023年06月12日 10时14分 /
# 来源：某市人民政府网 发布时间：2021-11-03 09:05
SOURCE_FIRST_DATELINE = re.compile(
    _BYLINE_FIELD
    + r"[^。；;]{1,40}?[\s　|｜丨]+(?:(?:发布|更新)?(?:时间|日期)\s*[:：]\s*)?"
    + _DATE_TIME
    + r"\s*$"
)


def portal_dateline(line: str) -> str:
    """ISO date of a portal dateline (a date, perhaps a clock time, and a 来源/作者/编辑 field on one
    line, in either order, no sentence), or ""."""
    line = squeezed(line)
    if "。" in line:
        return ""
    found = PORTAL_DATELINE.search(line) or SOURCE_FIRST_DATELINE.search(line)
    return parse_date(found.group("date")) if found else ""


# 来源 naming a news outlet: 来源：黑龙江日报 / 来源: 贵州日报天眼新闻 / 来源：新华网
NEWS_OUTLET = re.compile(
    r"(?:来源|稿源)\s*[:：]\s*(?P<outlet>[\u4e00-\u9fff]{2,16}?(?:日报|晚报|晨报|时报|商报|报|网|新闻|电视台|广播电台|融媒体中心|客户端|杂志|通讯社|社))"
    r"(?=$|[\s　|｜,，(（【]|作者|编辑)"
)
# 来源 naming an organisation, its website's word dropped: 来源：财政部网站 → 财政部 /
# 来源：某市人民政府网 → 某市人民政府 / 来源：县自然资源局 (an issuer line: `ingest.is_issuer_line`)
_SOURCE_ORGANISATION = re.compile(
    r"(?:信息来源|来源|稿源)\s*[:：]\s*(?P<source>[\u4e00-\u9fff（）()]{2,30}?)(?:门户网站|官方网站|政务网站|网站|官网|网)?"
    r"(?=$|[\s　|｜,，(（【]|作者|编辑)"
)
# A ministry's or department's division as a source: 财政部经济建设司 / 省财政厅预算处
_SUB_BODY = re.compile(r"^[\u4e00-\u9fff]{2,24}(?:部|厅|局|委)[\u4e00-\u9fff]{1,8}(?:司|处)$")
# A news release's lead: 近日/日前 in its first words, perhaps after a purpose clause:
# 财政部日前下达… / 据财政部网站消息，近日… / 为支持资源枯竭城市加快转型发展，财政部近日下达…
RELEASE_LEAD = re.compile(r"^(?:为[^。；;，,]{2,60}[，,])?[^。；;]{0,24}?(?:近日|日前)")
# The lead of a news item opens with the day of the event or a time word: 3月7日，… / 24日上午，… / 近日，…
NEWS_LEAD_OPENING = re.compile(
    r"^(?:(?:\d{1,2}月)?\d{1,2}日(?:[上下]午|晚间?)?|近日|日前|近期|今年以来|连日来)[，,]"
)
# A page's source or date field: 来源：… / 发布日期：2024-06-18 / 时间：2024-09-12
_PAGE_FIELD = re.compile(r"(?:来源|稿源|发布日期|发布时间|时间|日期)\s*[:：]")
# 正文 of a policy after a news lead: 政策原文如下 / 全文如下
_WRAPPED_POLICY = re.compile(r"(?:原文|全文)如下")
#: National news outlets (issuer level `national`).
NATIONAL_OUTLETS = ("新华社", "新华网", "中新社", "中国新闻社", "人民日报", "人民网", "央视", "中央广播电视总台",
                    "光明日报", "经济日报", "中国日报", "工人日报", "中国青年报", "科技日报", "中国新闻网",
                    "人民政协报", "央广网", "中国经济网", "中国网")  # fmt: skip


# Phrases of reporting: 据介绍, 据了解, 数据显示, 记者, 负责人表示, 告诉记者
REPORTING_PHRASES = re.compile(
    r"据介绍|据了解|据悉|据统计|数据显示|记者|负责人(?:表示|介绍|说)|告诉记者|介绍说"
)
REPORTING_MIN = 3  # reporting phrases in the opening paragraphs that make a headlined text news
# A formal genre word at a title's end: such a title is a document's, not a headline
_FORMAL_TITLE_END = re.compile(
    r"(?:通知|意见|方案|规划|计划|纲要|办法|条例|规定|决定|细则|答复|复函|批复|报告|公告|通告|函)$"
)


def news_cue(lines: list[str]) -> str:
    """The shape that makes the opening a news article ("" if none): dateline, own-report mark, lead."""
    lines = opening(lines)
    for line in lines:
        if AGENCY_DATELINE.match(line):
            return "dateline"
        if LOCAL_NEWS_MARK.match(line):
            return "own_report"
        if portal_dateline(line) and NEWS_OUTLET.search(line):
            return "portal_dateline"
    lead_index = next((i for i, line in enumerate(lines) if "。" in line), None)
    if lead_index is None:
        return ""
    lead = lines[lead_index]
    if REPORTER_LEAD.search(lead[:120]):
        return "reporter_lead"
    head = lines[:lead_index]
    first = next((i for i, line in enumerate(head) if is_headline(line)), None)
    if first is not None and _FORMAL_TITLE_END.search(headline_part(head[first])):
        return ""  # a document's own title (…的通知), not a headline: only a dateline or reporter makes it news
    if (
        NEWS_LEAD_OPENING.match(lead)
        and first is not None
        and any(_PAGE_FIELD.search(x) for x in head[first:])
    ):
        return "headline_source_lead"  # 总投资45亿元的项目在我市开工 / 来源：… 时间：… / 9月11日，…
    if (
        first is not None
        and RELEASE_LEAD.match(squeezed(lead))
        and any(source_organisation(x) for x in head[first:])
    ):
        return "release"  # 财政部下达…补助资金 / … 来源：财政部网站 / 财政部近日下达…
    lead_text = "".join(lines[lead_index : lead_index + 6])
    if first is not None and len(REPORTING_PHRASES.findall(lead_text)) >= REPORTING_MIN:
        return "reporting_phrases"  # a headline, then 据介绍 … 数据显示 … 负责人表示
    return ""


def is_news(lines: list[str]) -> bool:
    """A news article about a policy: a news cue in the opening, and no policy text wrapped after it."""
    return bool(news_cue(lines)) and not any(_WRAPPED_POLICY.search(line) for line in lines[:40])


# A run of spaces between two characters as long as a blanked pinyin annotation ((de), (fā) …):
# 本报     讯 in a mirror page's normalised text.
_ANNOTATION_BLANK = re.compile(r"(?<=[\u3400-\u9fff]) {4,8}(?=[\u3400-\u9fff])")


def squeezed(line: str) -> str:
    """`line` without the blanks of pinyin annotations between characters (for reading its shape)."""
    return _ANNOTATION_BLANK.sub("", line) if "    " in line else line


def opens_with_news_mark(line: str) -> bool:
    """The line opens with a news dateline or own-report mark (新华社太原6月12日电, 本报讯)."""
    line = squeezed(line)
    return bool(AGENCY_DATELINE.match(line) or LOCAL_NEWS_MARK.match(line))


def source_organisation(line: str) -> str:
    """The organisation a 来源 field names, its website's word dropped (来源：财政部网站 → 财政部), or ""
    when the source is not an issuing body (a paper, a portal, a person)."""
    found = _SOURCE_ORGANISATION.search(squeezed(line))
    source = found.group("source") if found else ""
    return source if source and (is_issuer_line(source) or _SUB_BODY.search(source)) else ""


def news_outlet(lines: list[str]) -> str:
    """The source of a news article in the opening: the organisation a 来源 names, its website's word
    dropped (来源：财政部网站 → 财政部, 来源：某市人民政府网 → 某市人民政府), or the outlet (来源：XX日报);
    else the agency of the dateline (新华社)."""
    for line in opening(lines):
        organisation = source_organisation(line)
        if organisation:
            return organisation
        outlet = NEWS_OUTLET.search(line)
        if outlet:
            return outlet.group("outlet")
    for line in opening(lines):
        dateline = AGENCY_DATELINE.match(line)
        if dateline and dateline.group("agency") not in ("本报", "本网"):
            return dateline.group("agency")
    return ""


def portal_date(lines: list[str]) -> str:
    """ISO date of the first portal dateline in the opening lines (`portal_dateline`), or ""."""
    return next((dated for line in opening(lines) if (dated := portal_dateline(line))), "")


def agency_date(lines: list[str], posted: str) -> str:
    """Date of a 新华社太原6月12日电 dateline (no year): the year from the page's posted date, else ""."""
    if not posted:
        return ""
    for line in opening(lines):
        dateline = AGENCY_DATELINE.match(line)
        if not dateline:
            continue
        year = int(posted[:4])
        for candidate in (year, year - 1):  # the article is dated on or before the page's date
            try:
                day = date(candidate, int(dateline.group("month")), int(dateline.group("day")))
            except ValueError:
                return ""
            if day.isoformat() <= posted:
                return day.isoformat()
    return ""


# ---------------------------------------------------------------- headlines

# Fields that may follow a headline on its own line: a date, 来源:, 发布时间:, a view counter, 字号
_INLINE_FIELD = re.compile(
    r"[\s　]+(?:(?:19|20)\d{2}\s*(?:年|-|/|\.)\s*\d{1,2}"
    r"|(?:来源|作者|发布时间|发布日期|发布|时间|日期|浏览|阅读|点击|访问)"
    r"(?:次数|量)?\s*[:：]|【?字号|首页\s*[>＞]|[\u4e00-\u9fff]{2,6}\s*[>＞])"
)
# A category label before or after a headline: 【地方动态】
_LABEL = re.compile(r"^[【\[][^】\]]{1,10}[】\]]\s*|\s*[【\[][^】\]]{1,10}[】\]]$")
# What a headline never is: a date first, a breadcrumb (首页 > …, 新闻中心 > …), a salutation.
_NOT_HEADLINE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*(?:年|-|/|\.)|首页|当前位置|您的位置|您当前)|[>＞]|[:：]$"
)
_SENTENCE_MARK = re.compile(r"[。；;]")
HEADLINE_MIN, HEADLINE_MAX = 4, 60  # characters, spaces not counted


def headline_part(line: str) -> str:
    """A line's headline: a category label beside it and date, 来源 or counter fields after it cut off."""
    line = _LABEL.sub("", line.strip())
    cut = _INLINE_FIELD.search(line)
    return (line[: cut.start()] if cut else line).strip()


# A portal's own name before its dateline: a URL (www.mouzixun.net, http://…, x.gov.cn) or a site
# word closing the name (某某资讯网, 某市人民政府门户网站)
_PORTAL_NAME = re.compile(r"(?:https?://|www\.|[a-z0-9\-]+\.(?:com|cn|net|org)\b)|(?:网|网站)\s*$")


def is_portal_name_line(line: str) -> bool:
    """A portal dateline whose text before the date is the portal's name, not a fused headline."""
    return bool(portal_dateline(line)) and bool(
        _PORTAL_NAME.search(line) or _PORTAL_NAME.search(headline_part(line))
    )


def is_headline(line: str) -> bool:
    """Headline-shaped: short, no sentence punctuation, not a date, breadcrumb, salutation or field.

    A headline fused with its dateline (某市的转型答卷　2023-08-03 17:45　来源：新华社) is a headline
    (its fields are cut off by `headline_part`); a portal's name before the date is not.
    """
    text = headline_part(line)
    visible = len(text) - text.count(" ") - text.count("　")
    return (
        HEADLINE_MIN <= visible <= HEADLINE_MAX
        and not _SENTENCE_MARK.search(text)
        and not _NOT_HEADLINE.search(text)
        and not HEADER_LABEL_FIELD.match(text)
        and not is_date_line(text)
        and not is_issuer_line(text)
        and not is_site_line(line)
        and not is_portal_name_line(line)
        and "网站" not in text
    )


def headline_index(lines: list[str]) -> int | None:
    """Index of the headline among the opening lines, before the dateline or lead (None if none).

    The headline-shaped line that carries or is followed by a date, 来源 or 发布 field or a news
    dateline wins (a site name such as 移动新媒体 above it is furniture); else the first one.
    """
    candidates = []
    for index, line in enumerate(opening(lines)):
        if opens_with_news_mark(line) or "。" in line:
            break
        if is_headline(line) and not is_headline_companion(line):
            candidates.append(index)
    for index in candidates:
        after = (
            index + 2
            if index + 1 < len(lines) and is_headline_companion(lines[index + 1])
            else index + 1
        )
        following = lines[after] if after < len(lines) else ""
        carries = headline_part(lines[index]) != lines[index].strip()
        if carries or is_dated_header(following) or opens_with_news_mark(following):
            return index
    return candidates[0] if candidates else None


# A headline's subtitle: ——资源型城市转型调查之一 (short, no sentence mark, not a dated dateline)
SUBTITLE = re.compile(r"^[—－]{2}(?![\d〇○零一二三四五六七八九十]{2,4}年)[^。；;]{2,40}$")
# A byline under a headline: 本报记者　孙某某 / 记者 张某 通讯员 李某 / 文/图 王某
BYLINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}?(?:记者|通讯员)[\s　:：]*[\u4e00-\u9fff·]{2,4}"
    r"(?:[\s　]+(?:通讯员|记者)?[\s　]*[\u4e00-\u9fff·]{2,4})*"
    r"|(?:文/图|文／图|文|图|作者)\s*[/／:：\s　]\s*[\u4e00-\u9fff·]{2,4})$"
)


def is_headline_companion(line: str) -> bool:
    """A line that goes with the headline above it: a subtitle (——…) or a byline (本报记者 某某)."""
    return bool(SUBTITLE.match(line) or BYLINE.match(line.strip()))


def is_dated_header(line: str) -> bool:
    """A header line under a headline: a date (and time) alone, a portal dateline, a 来源/发布 field."""
    return "。" not in line and bool(
        is_date_line(line)
        or portal_dateline(line)
        or _PAGE_FIELD.search(line)
        or has_header_field(line)
    )


def dated_headline(lines: list[str]) -> str:
    """The headline right above a portal dateline in the opening (a byline or subtitle between them
    allowed), its inline fields cut off; "" if none. 财政部下达…补助资金 / 某某网 www.… 2023年06月12日
    10时14分 来源：财政部网站 → 财政部下达…补助资金."""
    head = opening(lines)
    for index, line in enumerate(head):
        if "。" in line:
            break
        if not portal_dateline(line):
            continue
        above = index - 1
        if above > 0 and is_headline_companion(head[above]):
            above -= 1
        if above >= 0 and is_headline(head[above]):
            return re.sub(r"\s+", "", headline_part(head[above]))
        return ""
    return ""


def news_headline(lines: list[str]) -> str:
    """The headline of a news article (`headline_index`), its inline fields cut off."""
    index = headline_index(lines)
    return "" if index is None else re.sub(r"\s+", "", headline_part(lines[index]))


# ---------------------------------------------------------------- header blocks
# (the header block itself is read in `analysis.header_block`)


def doc_number_line(lines: list[str]) -> str:
    """A document number on a line of its own in the opening (吉政办发〔2021〕38号), or ""."""
    for line in lines[: OPENING_LINES + 8]:
        compact = line.replace(" ", "").replace("　", "")
        number = DOC_NUMBER_LINE.match(compact)
        if number:
            return number.group(1)
    return ""


# ---------------------------------------------------------------- issuer level

# A level word at the start of an issuer without a place name: 省财政厅 / 县发改局 / 区政府
_LEVEL_PREFIX = {
    "省": PROVINCE_LEVEL,
    "自治区": PROVINCE_LEVEL,
    "县": COUNTY_LEVEL,
    "区": COUNTY_LEVEL,
}


def issuer_level(issuer: str) -> str:
    """national / province / prefecture / county / unknown for an issuing body (or outlet).

    The finest of the places that open its name (淮南市潘集区人民政府 → county; 黑龙江日报 → province);
    a national body or outlet → national; 省…/县… without a place → that level; else unknown.
    """
    name = issuer.split("、")[0].strip()
    if not name:
        return "unknown"
    chain = leading_places(name)
    if chain:
        levels = [PROVINCE_LEVEL, PREFECTURE_LEVEL, COUNTY_LEVEL]
        return max((p.level for p in chain), key=levels.index)
    if name.startswith(NATIONAL_OUTLETS) or is_national(
        name, ""
    ):  # the one national-body rule (ingest)
        return "national"
    for prefix, level in _LEVEL_PREFIX.items():
        if name.startswith(prefix):
            return level
    return "unknown"


# A government body named after its place: 鹤岗市发展和改革委员会, 某市人民政府, 省财政厅 (after the place)
_BODY_AFTER_PLACE = re.compile(
    r"^(?:人民政府|政府|发展和改革委员会|发展改革委|发改委|财政局|财政厅|[\u4e00-\u9fff]{0,8}?(?:局|厅|委员会|委))"
)
OPENING_PROSE_LINES = (
    2  # prose lines of the opening whose government bodies name the document's place
)


def opening_province(lines: list[str]) -> str:
    """The province of the places named in the head (title, dateline, letterhead lines before the
    first sentence) and of the government bodies and news sources named in the first prose lines
    (记者从鹤岗市发展和改革委员会获悉, 记者从萍乡市获悉), when they all lie in one province.

    Other places in prose are left out: a venue (在深圳举办) or a word that reads as a place
    (搬迁安置 → 迁安) is not the document's place.
    """
    provinces: set[str] = set()
    prose = 0
    for line in opening(lines):
        if "。" in line:
            prose += 1
            if prose > OPENING_PROSE_LINES:
                break
            found = [
                p
                for p in find_places(line)
                if _BODY_AFTER_PLACE.match(line[p.end :]) or line[: p.start].endswith("从")
            ]
        else:
            found = find_places(line)
        provinces.update(p.province for p in found)
    return provinces.pop() if len(provinces) == 1 else ""
