"""Document metadata from the text: title, issuer, genre (doc_type), dates, province.

The line rules (dates, issuer lines, site lines, titles) live here and are shared with
`analysis.genre` (shapes of work reports, news and page header blocks) and
`analysis.structure`; `infer_metadata` combines them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from analysis.figures.numbers import chinese_number
from analysis.ingest.document import Document
from analysis.ingest.normalise import reading_text
from analysis.places import find_places

# A genre word at the end of a title, nearest the end wins: 关于印发…方案的通知 → notice.
DOC_TYPE_WORDS = (
    ("reply", ("答复", "复函", "回复", "的答复", "批复")),
    ("notice", ("通知", "通告", "公告")),
    ("opinion", ("意见", "指导意见")),
    ("report", ("通报", "报告", "公报", "总结", "汇报")),
    ("plan", ("方案", "规划", "计划", "纲要", "行动计划")),
    ("other", ("办法", "条例", "规定", "决定", "细则", "措施", "政策")),
)
_TITLE_GENRE = re.compile(
    "|".join(sorted({w for _, words in DOC_TYPE_WORDS for w in words}, key=len, reverse=True))
)
# Sentence-final punctuation: a line containing one is prose, not a title.
_SENTENCE_END = re.compile(r"[。!?！？;；]")
# An issuing body on a line of its own: 辽宁省发展和改革委员会, 某某市人民政府办公室, 省财政厅, 财政部;
# a decree header 山西省人民政府令 names its issuer too.
_ISSUER_LINE = re.compile(
    r"^[\u4e00-\u9fff()（）、]{2,40}(委员会|人民政府|人民政府办公厅|办公厅|办公室|政府|厅|局|委|部|署|院|中心|小组)令?$"
)
# A 来源 or 发布机构 header field, alone or beside other fields on the line:
# 来源:青海省人民政府 / 发布时间：2022-01-18  来源：内蒙古自治区发展和改革委员会
_SOURCE_FIELD = re.compile(r"(?:^|\s)(?:来源|发布机构|发文机关|发文单位)\s*[:：]\s*(\S+)")
# Dates: 2022年5月15日, 2022-02-24, 2022/2/24, 2022.02.24, 2021年07月23日.
_ARABIC_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?(?!\d)"
)
# Chinese-numeral dates: 二〇二二年三月八日, 二○二一年十二月二十八日.
_HANZI_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
# A line that is only a date (with optional weekday/time): a header or signature date.
# (a clock time as 08:30 or 10时14分: 2023年06月12日 10时14分)
_DATE_LINE = re.compile(
    r"^\s*(?:发布时间|发布日期|日期|时间|成文日期)?\s*[:：]?\s*(?:[\d〇○零一二三四五六七八九十年月日时分秒\-/.\s:：]+)\s*$"
)


def parse_date(text: str) -> str:
    """First valid date in `text` as ISO YYYY-MM-DD, or "" (Arabic, full-width or Chinese numerals)."""
    found: list[tuple[int, date]] = []
    for match in _ARABIC_DATE.finditer(text):
        try:
            found.append((match.start(), date(int(match[1]), int(match[2]), int(match[3]))))
        except ValueError:
            continue
    for match in _HANZI_DATE.finditer(text):
        try:
            year, month, day = (
                chinese_number(match[i]) for i in (1, 2, 3)
            )  # 二〇二二, 十二, 二十八
            found.append((match.start(), date(year, month, day)))
        except (KeyError, ValueError):
            continue
    return min(found)[1].isoformat() if found else ""


def is_date_line(line: str) -> bool:
    """A line holding only a date (and perhaps a time or a 发布时间: label)."""
    stripped = line.strip()
    return bool(stripped) and bool(_DATE_LINE.match(stripped)) and bool(parse_date(stripped))


# A numbered heading, never an issuer: 二、成立领导小组 / (三)省财政厅
_NUMBERED = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[、.．)）]")


def is_issuer_line(line: str) -> bool:
    """A line naming an issuing body alone (a signature or a letterhead)."""
    name = line.strip().replace(" ", "")
    return bool(_ISSUER_LINE.match(name)) and not _NUMBERED.match(name)


# A page header field holding a title, not a title line: 标题：… / 名称：… / 附件：…
_LABELLED_LINE = re.compile(
    r"^(?:标\s*题|名\s*称|文件名称|信息名称|原标题|附\s*件|主题分类|索引号|发文字号)\s*[:：]"
)


# A page's site lines, never a title: a site title of labels joined by _ (精品范文_最新公文_总结大全),
# a breadcrumb (当前位置: 首页>> 政务资讯>> 部门动态 / 首页 > 新闻中心 / 新闻中心 > 部门动态 > 正文)
_SITE_LINE = re.compile(
    r"^[^_＿。；;！？!?]{1,24}(?:[_＿][^_＿。；;！？!?]{1,24}){2,}$"  # three or more labels joined by _
    r"|^[^_＿。；;！？!?]{1,40}[_＿][^_＿。；;！？!?]{0,12}(?:网|网站|大全|在线阅读|频道|栏目|首页|文库)$"  # …_某某网
    r"|^(?:当前位置|您的位置|您当前的位置|您现在的位置|现在的位置|所在位置)\s*[:：]"  # a breadcrumb's label
    r"|^(?:网站首页|首页|主页)\s*(?:>>?|[＞»›/→]|-{1,2}>?)"  # 首页 / 新闻中心 / 正文
    r"|^[^。，,;；>＞»]{1,12}(?:\s*(?:[>＞»›]+|->|→)\s*[^。，,;；>＞»]{1,16}){1,6}\s*[>＞»]*$"  # 首页>> A>> B
)


def is_site_line(line: str) -> bool:
    """A site title of _-joined labels or a breadcrumb: page boilerplate, never a title or headline."""
    return bool(_SITE_LINE.match(line.strip()))


def is_title_line(line: str) -> bool:
    """A plausible document title: a genre word, no sentence punctuation, not too long, not a
    labelled header field (标题：… is the page's field; its value is read as the header's title),
    not a site title or breadcrumb (`is_site_line`)."""
    stripped = line.strip()
    return (
        4 <= len(stripped) <= 90
        and not _SENTENCE_END.search(stripped)
        and not stripped.endswith((":", "："))
        and "如下" not in stripped
        and bool(_TITLE_GENRE.search(stripped))
        and not re.match(r"^[(（]?[一二三四五六七八九十\d]+[、.)）]", stripped)
        and not _LABELLED_LINE.match(stripped)
        and not is_site_line(stripped)
    )


def clean_title(line: str) -> str:
    """Title as written, with inner runs of spaces removed (发展 "十四五" → 发展"十四五")."""
    return re.sub(r"\s+", "", line.strip())


def doc_type_from_title(title: str) -> str:
    """plan/opinion/notice/reply/report/other from the genre word nearest the end of the title."""
    matches = list(_TITLE_GENRE.finditer(title))
    if not matches:
        return ""
    word = matches[-1].group()
    for doc_type, words in DOC_TYPE_WORDS:
        if word in words:
            return doc_type
    return "other"


def province_in(text: str) -> str:
    """The province named first in `text` (full or short form), or ""."""
    for place in find_places(text):
        return place.province
    return ""


PLACES_MIN_MENTIONS = 3  # place mentions needed before they may decide a document's province
PLACES_MIN_SHARE = 0.6  # of those mentions in one province: a clear majority, not a plurality


def province_from_places(text: str) -> str:
    """The province at least 60% of ≥ 3 place mentions in `text` belong to, or "" (never a guess)."""
    counts: dict[str, int] = {}
    for place in find_places(text):
        counts[place.province] = counts.get(place.province, 0) + 1
    total = sum(counts.values())
    if total < PLACES_MIN_MENTIONS:
        return ""
    province, best = max(counts.items(), key=lambda item: item[1])
    return province if best >= PLACES_MIN_SHARE * total else ""


# A national body as issuer or at the head of a title: 国务院办公厅, 国家发展改革委, 财政部, 中共中央办公厅
_NATIONAL_BODY = re.compile(
    r"^(?:关于)?(?:国务院|中共中央|全国人大|中华人民共和国|国家[\u4e00-\u9fff]{1,12}(?:委员会|委|局|署|院)|[\u4e00-\u9fff]{1,10}部(?:办公厅)?(?=$|关于|等|印发))"
)


def is_national(issuer: str, title: str) -> bool:
    """True for a document issued by a national body (its province stays blank: it is not a province's)."""
    for name in (issuer, title):
        if name and _NATIONAL_BODY.match(name) and not province_in(name):
            return True
    return False


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


# 正文 starts after a news lead: 政策原文如下: / 全文如下: / 原文如下
LEAD_END = re.compile(r"(?:政策)?(?:原文|全文)如下\s*[:：]?\s*$")
# First top-level heading: 一、 or 第一章 / 第一部分.
_TOP_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十\d]{1,3}[章部编])"
)


def infer_title(text: str) -> str:
    """The document's own title (`title_index`), a title broken over two lines joined; else
    the first title-like line of the first five."""
    lines = _lines(text)
    index = title_index(lines)
    if index is not None:
        return _joined_title(lines, index)
    return next((clean_title(line) for line in lines[:5] if is_title_line(line)), "")


def title_index(lines: list[str]) -> int | None:
    """Index of the document's title line: the last title-like line of the head (the lines before
    the first sentence), or the title right above the first top-level heading when a wrapper's
    prose precedes it; None if neither.

    A notice that wraps a plan (关于印发…的通知 …现将…印发给你们。 then the plan's title) yields the
    plan's title; a news lead before 原文如下 is skipped. Without a top-level heading, a title-like
    line after the first sentence (an annex name, a cut-off line) is never the title.
    """
    heading = next((i for i, line in enumerate(lines) if _TOP_HEADING.match(line)), None)
    first_heading = min(len(lines), 15) if heading is None else heading
    lead_end = next(
        (i for i, line in enumerate(lines[:first_heading]) if LEAD_END.search(line)), -1
    )
    first_prose = next(
        (i for i in range(lead_end + 1, first_heading) if _SENTENCE_END.search(lines[i])),
        first_heading,
    )
    above_heading = (
        range(max(first_prose, first_heading - WRAPPED_TITLE_LINES), first_heading)
        if heading is not None
        else ()
    )
    candidates = [i for i in above_heading if is_title_line(lines[i])]
    candidates = candidates or [
        i for i in range(lead_end + 1, first_prose) if is_title_line(lines[i])
    ]
    return candidates[-1] if candidates else None


WRAPPED_TITLE_LINES = 3  # lines above the first heading where a wrapped document's title stands


def _joined_title(lines: list[str], index: int) -> str:
    """The title at `index`, joined with the line above when the title was broken after 关于…."""
    title, above = lines[index], lines[index - 1] if index > 0 else ""
    if (
        above
        and "关于" in above
        and "关于" not in title
        and not is_title_line(above)
        and not _SENTENCE_END.search(above)
        and len(above) <= 40
    ):
        return clean_title(above + title)
    return clean_title(title)


def _issuer_name(line: str) -> str:
    """An issuer line as a name: spaces removed, a decree's 令 dropped (山西省人民政府令 → 山西省人民政府)."""
    return line.replace(" ", "").removesuffix("令")


def _issuer_run_ending_at(lines: list[str], last: int) -> list[str]:
    """The run of issuer lines ending at index `last` (a joint signature has several)."""
    first = last
    while first > 0 and is_issuer_line(lines[first - 1]):
        first -= 1
    return [_issuer_name(line) for line in lines[first : last + 1]]


def signature_issuers(text: str) -> list[str]:
    """The issuing bodies signing at the end, in text order.

    A signature is the run of issuer lines right above a date line (the last such run);
    without one, the last issuer lines before any 附件 line (an annex listing 省发展改革委 /
    省财政厅 names bodies that did not sign).
    """
    non_empty = [line for line in _lines(text) if line]
    tail = non_empty[-12:]
    for index in range(len(tail) - 1, 0, -1):
        if is_date_line(tail[index]) and is_issuer_line(tail[index - 1]):
            return _issuer_run_ending_at(tail, index - 1)
    annex = next((i for i, line in enumerate(tail) if line.startswith("附件")), len(tail))
    last = max((i for i, line in enumerate(tail[:annex]) if is_issuer_line(line)), default=None)
    return [] if last is None else _issuer_run_ending_at(tail, last)


def infer_issuer(text: str, letterhead: bool = True) -> str:
    """Issuing body: the signature (joint signatures joined with 、), else a 来源: field, else a letterhead line.

    The signature comes first because a web page's 来源 field often abbreviates (省发展改革委).
    `letterhead=False` for a news page, whose short lines above the headline are menus (新闻中心).
    """
    signed = signature_issuers(text)
    if signed:
        return "、".join(signed)
    lines = _lines(text)
    for line in lines[:20]:
        source = _SOURCE_FIELD.search(line)
        if source and is_issuer_line(source.group(1)):
            return _issuer_name(source.group(1))
    for line in [line for line in lines if line][:15] if letterhead else ():
        if _TOP_HEADING.match(line):
            break
        if is_issuer_line(line):
            return _issuer_name(line)
    return ""


def infer_published(text: str) -> tuple[str, str]:
    """(ISO date, where found): the signature date near the end, else a date in the header."""
    non_empty = [line for line in _lines(text) if line]
    tail = non_empty[-8:]
    for line in reversed(tail):
        if is_date_line(line):
            return parse_date(line), "signature"
    for line in non_empty[:12]:
        if _TOP_HEADING.match(line):
            break
        if is_date_line(line) or re.match(r"^(发布时间|发布日期|成文日期|日期)\s*[:：]", line):
            found = parse_date(line)
            if found:
                return found, "header"
    return "", ""


def infer_metadata(doc: Document) -> None:
    """Fill what the manifest left blank from the text; record where each value came from.

    The genre shapes (work report, news, a page's header block) come from `analysis.genre`;
    the title, signature and date rules below cover the rest.
    """
    from analysis import genre, header_block  # build on this module's line and date rules

    text = reading_text(doc)
    lines = [line for line in _lines(text) if line]
    header = header_block.header_fields(lines)
    page = header.fields if header.labels >= HEADER_BLOCK_MIN_LABELS else {}
    shape = "report" if genre.is_work_report(lines) else "news" if genre.is_news(lines) else ""
    if not doc.title:
        headline = genre.news_headline(lines) if shape == "news" else ""
        doc.title, source = (headline, "text") if headline else (infer_title(text), "text")
        if not doc.title and page.get("title"):
            doc.title, source = page["title"], "header"
        if (
            not doc.title
        ):  # the headline above a portal dateline (… 2023年06月12日 10时14分 来源：…)
            doc.title, source = genre.dated_headline(lines), "text"
        doc.sources["title"] = source if doc.title else ""
    if not doc.issuer:
        doc.issuer, doc.sources["issuer"] = _inferred_issuer(doc, lines, page, shape, genre)
    if not doc.doc_type:
        doc.doc_type = shape or doc_type_from_title(doc.title) or ("other" if doc.title else "")
        doc.sources["doc_type"] = ("text" if shape else "title") if doc.doc_type else ""
    if not doc.posted and header.fields.get("posted"):
        doc.posted, doc.sources["posted"] = header.fields["posted"], "header"
    if not doc.published:
        doc.published, doc.sources["published"] = _inferred_published(
            doc, lines, header.fields, shape, genre
        )
    if not doc.doc_number:
        number, source = header.fields.get("doc_number", ""), "header"
        if not number:
            number, source = genre.doc_number_line(lines), "text"
        doc.doc_number, doc.sources["doc_number"] = number, source if number else ""
    if not doc.province and is_national(doc.issuer, doc.title):
        doc.sources["province"] = ""
        doc.warnings.append(f"{doc.source_file}: issued by a national body; province left blank")
    elif not doc.province:
        for source, value in _province_guesses(doc, lines, genre):
            if value:
                doc.province, doc.sources["province"] = value, source
                break
        else:
            doc.sources["province"] = ""
    if not doc.issuer_level:
        doc.issuer_level = genre.issuer_level(doc.issuer)
        doc.sources["issuer_level"] = "issuer" if doc.issuer else ""
    if doc.review_year is None and doc.doc_type == "report":
        doc.review_year, doc.sources["review_year"] = genre.review_year(
            lines, doc.title, doc.published
        )


HEADER_BLOCK_MIN_LABELS = (
    3  # distinct labels (索引号, 发文机关, 成文日期 …) that make a page's header block
)


def _inferred_issuer(
    doc: Document, lines: list[str], page: dict[str, str], shape: str, genre
) -> tuple[str, str]:
    """(issuer, source): the header block's 发文机关, a work report's government, a news outlet, the text's."""
    if page.get("issuer"):
        return page["issuer"], "header"
    if shape == "report":
        issuer = genre.work_report_issuer(lines, doc.title)
        if issuer:
            return issuer, "text"
    issuer = genre.news_outlet(lines) if shape == "news" else ""
    issuer = issuer or infer_issuer(reading_text(doc), letterhead=shape != "news")
    return issuer, "text" if issuer else ""


def _inferred_published(
    doc: Document, lines: list[str], fields: dict[str, str], shape: str, genre
) -> tuple[str, str]:
    """(ISO date, source): 成文日期, a congress or news dateline, the signature, the page's posted date."""
    if fields.get("published"):
        return fields["published"], "header"
    if shape == "report":
        dated = genre.congress_date(lines)
        if dated:
            return dated, "header"
    if shape == "news":
        dated = genre.portal_date(lines) or genre.agency_date(lines, doc.posted)
        if dated:
            return dated, "header"
    published, source = infer_published(reading_text(doc))
    if published:
        return published, source
    dated = genre.portal_date(lines) or doc.posted  # a page's date when the document gives none
    return (dated, "header") if dated else ("", "")


def _province_guesses(doc: Document, lines: list[str], genre) -> Iterator[tuple[str, str]]:
    """(source, province) from the issuer, the title, the opening lines, then the places named in the text.

    A generator: the scan of the whole text for places runs only when the others find nothing.
    """
    yield "issuer", province_in(doc.issuer)
    yield "title", province_in(doc.title)
    yield "places", genre.opening_province(lines)
    yield "places", province_from_places(reading_text(doc))
