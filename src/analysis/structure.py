"""Structure: normalised text → parts, headings, sentences and clauses.

Every non-space character of a document lands in exactly one clause, and
`text == normalised_text[start:end]` for every clause. Nothing is deleted: page
furniture, headers and signatures are kept and labelled by `part`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

import ahocorasick_rs
import numpy as np
import pandas as pd

from analysis import genre, header_block
from analysis.figures.numbers import chinese_number
from analysis.formats import TextLayer
from analysis.formats.layout import hint_levels, hinted_headings, page_numbers, region_parts
from analysis.ingest import (
    LEAD_END,
    Document,
    is_date_line,
    is_issuer_line,
    is_site_line,
    title_index,
)
from analysis.schema import BACK_MATTER, BODY, BOILERPLATE, CLAUSES, FRONT_MATTER

#: Heading numbers (chapter_no … point_no, each beside its *_title): blank outside such a heading.
HEADING_NUMBER_COLUMNS = [
    c for c in CLAUSES.columns if c.endswith("_no") and f"{c[:-3]}_title" in CLAUSES.columns
]

_CN_NUMERAL = "[一二三四五六七八九十百零〇]{1,4}"

# Heading markers at the start of a line, by kind (the text after the marker is the title):
HEADING_PATTERNS = [
    # 第一章 / 第三部分 / 第二编 (chapter)
    ("chapter", re.compile(rf"^第({_CN_NUMERAL}|\d{{1,3}})(?:章|部分|编)[\s、.．:：]*")),
    # 第一节 (a section inside a chapter)
    ("jie", re.compile(rf"^第({_CN_NUMERAL}|\d{{1,3}})节[\s、.．:：]*")),
    # 第十二条 (an article of a regulation)
    ("article", re.compile(rf"^第({_CN_NUMERAL}|\d{{1,3}})条[\s、.．:：]*")),
    # 一、 / 十二、 / 三. (section)
    ("cn", re.compile(rf"^({_CN_NUMERAL})\s*[、.．]\s*")),
    # (一) （一） (item)
    ("paren_cn", re.compile(rf"^[(（]\s*({_CN_NUMERAL})\s*[)）]\s*")),
    # 1. 1、 1． but not 1.5万 (sub-item)
    ("arabic", re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*")),
    # (1) （1） (sub-sub-item)
    ("paren_arabic", re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*")),
    # ① ② … ⑳
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
    # 第一，加快构建现代产业体系。 (a run-in item of a work report or letter; number read from the numeral)
    ("ordinal", re.compile(rf"^第({_CN_NUMERAL})\s*[，,、]\s*")),
    # ——坚持转型发展，产业结构持续优化。 (a run-in item; not a dateline ——2024年1月26日在…)
    (
        "dash",
        re.compile(r"^[—－]{2}\s*()(?![\d〇○零一二三四五六七八九十]{2,4}年)(?=[\u4e00-\u9fff“])"),
    ),
]
# Reply letters: a sub-part opened by 在资金保障方面: (the heading ends at the colon).
_SUBPART = re.compile(r"^(在[^。,，:：;；]{2,24}方面)\s*[:：]")
# Order of heading kinds from coarse to fine; the coarsest present below chapter is the section.
_LEVEL_ORDER = ["jie", "cn", "paren_cn", "runin", "arabic", "paren_arabic", "circled"]
# Run-in items share one level: a work report writes ——坚持… in one part and 第一，… in another.
_KIND_CLASS = {"ordinal": "runin", "dash": "runin"}
# Kinds that can divide a document into sections (the rest number items and points).
_SECTION_KINDS = ("jie", "cn")

# Sentence end: a run of 。!?！？ with the closing quotes/brackets that follow (。” or !）).
_SENTENCE_MARKS = "。!?！？"
_CLOSERS = "”’」』)）\"'"
# Clause separators inside a sentence: ; and ；
_CLAUSE_MARKS = ";；"
# Any whitespace at the edges of a span, including NBSP and the ideographic space.
_EDGE_SPACE = " \t\r\n\u00a0\u3000\ufeff\u2002\u2003\u200b"

# Web-page furniture: words that mark navigation, sharing, counters and footers.
_FURNITURE = re.compile(
    r"(首页|当前位置|您的位置|字号|字体|打印|关闭窗口|关闭本页|分享|扫一扫|微信|微博|收藏|浏览次数|阅读次数|"
    r"访问量|点击数|点击量|责任编辑|编辑[:：]|上一篇|下一篇|相关链接|相关阅读|相关新闻|版权所有|ICP备|网站地图|"
    r"联系我们|主办单位|承办单位|技术支持|热线|订阅|登录|注册|免费|二维码|返回顶部|【|】|•|▪|►|>>)"
)
# A telephone number alone: 400-168-6016, 0371-65905000, 12345.
_PHONE_LINE = re.compile(r"^[\d\-—\s()（）转]{5,20}$")
# Punctuation that marks a short line as prose rather than a menu item.
_SHORT_LINE_PUNCT = re.compile(r"[。!?！？;；,，]")
# Contact lines of a page footer: 联系电话：0943-8221234 / 传真: / 邮编: / 地址:
_CONTACT_LINE = re.compile(r"^(联系电话|电话|传真|邮编|邮政编码|电子邮箱|邮箱|地址|联系人)\s*[:：]")
# Footer marks that are furniture at any length: 陇ICP备05000826号, 公网安备, 网站标识码, 版权所有
_FOOTER = re.compile(
    r"(ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|主办[:：]|主办单位|承办单位|附件下载)"
)
# Addressees of a notice, commas allowed, ending in a body or a person and a colon:
# 各市、县人民政府，省政府各部门： / 何金箭代表: / 各有关单位:
_ADDRESSEE = re.compile(
    r"^[^。!?！？;；]{2,160}(政府|部门|单位|委员会|委|办|厅|局|代表|委员|同志|院|所|公司|企业|机构)\s*[:：]$"
)
# Back-matter lines: 附件: 抄送: (此件公开发布)
_BACK_LINE = re.compile(r"^(附件(?!下载)|抄送|印发|（此件|\(此件|此件)")
# A salutation or recipient list ending with a colon, without commas: 何金箭代表: / 各市发展改革委:
_SALUTATION = re.compile(r"^[^。!?！？;；,，]{2,120}[:：]$")


def cn_number(numeral: str) -> int:
    """Number of a heading → int: ① → 1, 7 → 7, and Chinese numerals (十二 → 12, 二十八 → 28,
    一百零一 → 101) read by numerals.chinese_number."""
    if len(numeral) == 1 and "\u2460" <= numeral <= "\u2473":
        return ord(numeral) - 0x2460 + 1
    if numeral.isdecimal():
        return int(numeral)
    return chinese_number(numeral)


@dataclass
class Line:
    """A line of the document: content span without edge whitespace."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their character spans (edge whitespace excluded)."""
    lines = []
    offset = 0
    for raw in text.split("\n"):
        stripped_left = raw.lstrip(_EDGE_SPACE)
        content = stripped_left.rstrip(_EDGE_SPACE)
        if content:
            start = offset + (len(raw) - len(stripped_left))
            lines.append(Line(start, start + len(content), content))
        offset += len(raw) + 1
    return lines


# What a heading starts with (第, 在, a numeral, a bracket, a digit, ①): other lines are not tried.
_HEADING_START = re.compile(r"[第在一二三四五六七八九十百零〇(（\d\u2460-\u2473—－]")


def match_heading(line: str) -> tuple[str, int, int] | None:
    """(kind, number, end of marker) for a heading line, else None."""
    if not _HEADING_START.match(line):
        return None
    subpart = _SUBPART.match(line)
    if subpart:
        return "subpart", 0, 0
    for kind, pattern in HEADING_PATTERNS:
        match = pattern.match(line)
        if match and match.end() < len(line):
            return kind, cn_number(match.group(1)) if match.group(1) else 0, match.end()
    return None


def heading_title(line: str, marker_end: int) -> str:
    """The title after a heading marker: up to the first 。/:, or the whole line when short."""
    rest = line[marker_end:]
    first = re.split(r"[。:：!?！？;；]", rest, maxsplit=1)[0].strip(_EDGE_SPACE)
    if len(first) <= 60:
        return first
    return re.split(r"[,，]", first, maxsplit=1)[0][:60]


def is_furniture(line: str) -> bool:
    """Web-page furniture: navigation, share buttons, counters, hotlines, contacts (short, not prose).

    Length is counted without spaces: a footer full of blanked &nbsp; is still short.
    """
    # a breadcrumb (新闻中心 > 部门动态 > 正文) or a site title (精品范文_最新公文_范文大全): analysis.ingest
    if _PHONE_LINE.match(line) or _CONTACT_LINE.match(line) or is_site_line(line):
        return True
    if "。" not in line and _FOOTER.search(line):
        return True
    visible = len(line) - line.count(" ")
    return visible <= 40 and "。" not in line and bool(_FURNITURE.search(line))


def _is_header_line(line: str) -> bool:
    """A page or letter header line: 来源:/发布时间: fields (also after a breadcrumb or beside a
    counter), a date, a portal dateline (2019年06月12日 08:30 来源：…), a congress dateline
    (——2024年1月26日在…人民代表大会…会议上), a document number."""
    return (
        is_date_line(line)
        or bool(
            header_block.DOC_NUMBER_LINE.match(line.replace(" ", "").replace("　", ""))
        )  # 晋政办发〔2022〕45号
        # 来源: 作者: 发布时间: 索引号: … (the labels of analysis.genre), a portal dateline
        or (
            "。" not in line
            and (header_block.has_header_field(line) or bool(genre.portal_dateline(line)))
        )
        or bool(genre.CONGRESS_DATELINE.match(line))
    )


# The speaker under a work report's dateline: 大同市人民政府市长　李建国 / 代省长 王某某
_SPEAKER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{0,16}?(?:代?[省市县区州旗盟]长|主席|主任)[\s\u3000]*[\u4e00-\u9fff·]{2,5}$"
)


def _is_head_line(line: str) -> bool:
    """What may follow a title before the text begins: headers, furniture, letterhead, addressees."""
    return (
        _is_header_line(line)
        or is_furniture(line)
        or is_issuer_line(line)
        or bool(_SALUTATION.match(line))
        or bool(_ADDRESSEE.match(line))
        or bool(_SPEAKER_LINE.match(line))
    )


def _headline_index(texts: list[str], limit: int) -> int:
    """Index of the last line of a headline opening the text, or -1.

    The headline (analysis.genre.headline_index: headline-shaped, after site lines such as a
    breadcrumb or a site name) carries its own date, 来源 or counter fields, or is followed by a
    header line (date, 来源, 发布时间), page furniture or a news dateline or own-report mark
    (新华社太原6月12日电…, 本报讯…). A subtitle line (——…) right under it belongs to it; the
    index returned is then the subtitle's.
    """
    index = genre.headline_index(texts[:limit])
    if index is None:
        return -1
    if genre.headline_part(texts[index]) != texts[index].strip():
        return index  # 鹤岗：煤城转型迈出坚实步伐　2019年06月12日 08:30　来源：…
    last = index
    if last + 1 < limit and genre.is_headline_companion(texts[last + 1]):
        last += 1
    if last + 1 >= limit:
        return -1
    following = texts[last + 1]
    if (
        _is_header_line(following)
        or is_furniture(following)
        or genre.opens_with_news_mark(following)
    ):
        return last
    return -1


def assign_parts(lines: list[Line]) -> list[str]:
    """Part of every line: front matter, body, back matter or boilerplate."""
    n = len(lines)
    parts = [BODY] * n
    texts = [line.text for line in lines]
    # Tail: furniture and short non-prose lines, then signature and date lines.
    end = n
    seen_signature = False
    seen_furniture = False
    short_lines: list[int] = []
    while end > 0:
        text = texts[end - 1]
        if is_issuer_line(text) or is_date_line(text) or _BACK_LINE.match(text):
            parts[end - 1] = BACK_MATTER
            seen_signature = True
        elif _CONTACT_LINE.match(text) and seen_signature:
            parts[end - 1] = (
                BACK_MATTER  # 联系人/联系电话 above a letter's signature belongs to the letter
            )
        elif is_furniture(text):
            parts[end - 1] = BOILERPLATE
            seen_furniture = True
        elif len(text) <= 15 and not _SHORT_LINE_PUNCT.search(text) and match_heading(text) is None:
            parts[end - 1] = BOILERPLATE  # 展开, 全部, 招商资讯: menu items, if furniture is around
            short_lines.append(end - 1)
        else:
            break
        end -= 1
    if (
        short_lines and not seen_furniture
    ):  # short last lines of a text without page furniture are text
        for index in short_lines:
            parts[index] = BODY
        end = max(short_lines) + 1
    # Head: a news lead up to 原文如下, the title lines, page headers and a salutation.
    first_heading = next(
        (i for i in range(end) if (h := match_heading(texts[i])) and h[0] in ("chapter", "cn")), end
    )
    lead_end = next((i for i in range(first_heading) if LEAD_END.search(texts[i])), -1)
    title_line = title_index(texts[:end])  # the one title rule (analysis.ingest)
    head_end = (
        max(lead_end, -1 if title_line is None or title_line >= first_heading else title_line) + 1
    )
    if head_end == 0:
        head_end = _headline_index(texts, min(end, first_heading)) + 1
    while head_end < end and _is_head_line(texts[head_end]):
        head_end += 1
    for i in range(head_end):
        parts[i] = FRONT_MATTER
    # Furniture anywhere outside the tail (share buttons, counters) is boilerplate.
    for i in range(end):
        if is_furniture(texts[i]) and not _is_header_line(texts[i]):
            parts[i] = BOILERPLATE
    return parts


def _level_map(kinds_present: set[str]) -> dict[str, str]:
    """Heading kind → table level (chapter, section, item, sub, point) for one document.

    第X章 is always the chapter, 第X条 always an item and 在…方面: always a sub-part.
    A section is a 第X节 or a 一、; the finer kinds present, coarse to fine, fill
    item, sub, point (一、 (一) 1. (1) → section, item, sub, point). A document
    numbered only with 1. or (一) has items and no sections: a numbered list in a
    letter is not a division of the document.
    """
    mapping = {"chapter": "chapter", "article": "item", "subpart": "sub"}
    classes = {_KIND_CLASS.get(kind, kind) for kind in kinds_present}
    ordered = [kind for kind in _LEVEL_ORDER if kind in classes]
    levels = (
        ["section", "item", "sub", "point"]
        if ordered and ordered[0] in _SECTION_KINDS
        else ["item", "sub", "point"]
    )
    for index, kind in enumerate(ordered):
        mapping[kind] = levels[min(index, len(levels) - 1)]
    for kind, kind_class in _KIND_CLASS.items():
        if kind_class in mapping:
            mapping[kind] = mapping[kind_class]
    return mapping


# ---------------------------------------------------------------- clauses, column by column
#
# A line is cut after every sentence end (。!? and the closing quotes that follow) and
# after every ; — each piece trimmed of edge whitespace, empty pieces dropped. The cuts
# of a whole document come from one regex pass each and the pieces are computed with
# numpy; the only Python loop is over lines (part, headings), and each clause takes the
# context of its line by index. Tables are built column by column, never row dicts.

_LEVELS = ("chapter", "section", "item", "sub", "point")
# Heading level → the finer levels it closes.
_RESETS = {level: _LEVELS[index + 1 :] for index, level in enumerate(_LEVELS)}
# Columns every clause copies from its line.
LINE_COLUMNS = ["part", *(f"{level}_{field}" for level in _LEVELS for field in ("no", "title"))]


@dataclass
class LineContext:
    """Per line of one document: the `LINE_COLUMNS` values, heading flags and sub-part headings."""

    columns: dict[str, list]  # column → one value per line
    is_heading: np.ndarray  # bool per line: a heading line of the body
    subpart_spans: list[
        tuple[int, int]
    ]  # (start, end) of each 在…方面: heading, a sentence of its own


def line_context(lines: list[Line], layout: TextLayer | None = None) -> LineContext:
    """Part and enclosing headings (number, title) of every line; numbers and titles only in the body."""
    parts = region_parts(
        lines, assign_parts, layout
    )  # a file's marked regions (nav, footer) decide
    headings = [
        match_heading(line.text) if part == BODY else None
        for line, part in zip(lines, parts, strict=True)
    ]
    if layout is not None and not any(
        headings
    ):  # no numbered headings: the file's own (h1–h4, Word styles)
        headings = hinted_headings(lines, parts, layout, BODY)
    kinds = {h[0] for h in headings if h}
    level_of = {**_level_map(kinds), **hint_levels(kinds)}
    context: dict[str, tuple[int | None, str]] = {level: (None, "") for level in _LEVELS}
    sub_counter = 0
    runin_counter = 0  # ——… items carry no number: counted within their section
    columns: dict[str, list] = {name: [] for name in LINE_COLUMNS}
    subpart_spans: list[tuple[int, int]] = []
    for line, part, heading in zip(lines, parts, headings, strict=True):
        if heading:
            kind, number, marker_end = heading
            level = level_of[kind]
            if kind == "subpart":
                sub_counter += 1
                subpart = _SUBPART.match(line.text)
                assert subpart is not None
                number, title = sub_counter, subpart.group(1)
                subpart_spans.append((line.start, line.start + subpart.end()))
            else:
                title = heading_title(line.text, marker_end)
            if _KIND_CLASS.get(kind) == "runin":
                runin_counter = number or runin_counter + 1
                number = runin_counter
            for finer in _RESETS[level]:
                context[finer] = (None, "")
            if level in ("chapter", "section"):
                sub_counter = 0
                runin_counter = 0
            context[level] = (number, title)
        columns["part"].append(part)
        for level in _LEVELS:
            number, title = context[level] if part == BODY else (None, "")
            columns[f"{level}_no"].append(number)
            columns[f"{level}_title"].append(title)
    is_heading = np.array([heading is not None for heading in headings], dtype=bool)
    return LineContext(columns, is_heading, subpart_spans)


@dataclass
class ClauseSpans:
    """The clauses of one document as parallel arrays, in text order."""

    line: np.ndarray  # index of the clause's line
    sentence_no: np.ndarray  # 1, 2, … through the document
    clause_no: np.ndarray  # 1, 2, … within the sentence
    first_sentence: np.ndarray  # bool: the clause is in the first sentence of its line
    start: np.ndarray
    end: np.ndarray


@lru_cache(maxsize=8)
def _char_table(chars: str) -> np.ndarray:
    """Lookup table over all code points: True for the characters of `chars`."""
    table = np.zeros(0x110000, dtype=bool)
    table[[ord(ch) for ch in chars]] = True
    return table


def _is_one_of(codes: np.ndarray, chars: str) -> np.ndarray:
    """Per character (code point): is it one of `chars`?"""
    return _char_table(chars)[codes]


def _sentence_ends(codes: np.ndarray) -> np.ndarray:
    """End offsets of the sentence ends: each run of 。!? and the closers right after it."""
    is_mark = np.append(_is_one_of(codes, _SENTENCE_MARKS), False)
    ends = np.flatnonzero(is_mark[:-1] & ~is_mark[1:]) + 1  # after the last mark of each run
    is_closer = np.append(_is_one_of(codes, _CLOSERS), False)
    while True:  # step over the closers, one character at a time (a run of closers is short)
        closed = is_closer[ends]
        if not closed.any():
            return ends
        ends[closed] += 1


def _non_space_runs(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) offsets of the runs of characters that are not edge whitespace
    (what trimming a piece keeps)."""
    is_text = np.concatenate(([False], ~_is_one_of(codes, _EDGE_SPACE), [False]))
    return np.flatnonzero(is_text[1:] & ~is_text[:-1]), np.flatnonzero(is_text[:-1] & ~is_text[1:])


def _outside(positions: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """The positions not strictly inside any of the (sorted, disjoint) `spans`."""
    if not spans:
        return positions
    lows, highs = np.array(spans, dtype=np.int64).T
    index = np.searchsorted(lows, positions, side="right") - 1
    inside = (index >= 0) & (positions < highs[np.maximum(index, 0)])
    return positions[~inside | (positions == lows[np.maximum(index, 0)])]


def change_points(values: np.ndarray) -> np.ndarray:
    """True where a value differs from the one before it (and at the first value)."""
    starts = np.ones(len(values), dtype=bool)
    starts[1:] = values[1:] != values[:-1]
    return starts


def _trimmed(
    starts: np.ndarray, ends: np.ndarray, run_starts: np.ndarray, run_ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pieces [start, end) without edge whitespace: (start, end, kept) where kept marks the non-empty.

    The runs of non-space characters meeting a piece are those ending after its start
    and starting before its end; the trimmed piece spans from the first to the last.
    """
    first = np.searchsorted(run_ends, starts, side="right")
    last = np.searchsorted(run_starts, ends, side="left") - 1
    kept = first <= last
    first, last = first[kept], last[kept]
    return np.maximum(starts[kept], run_starts[first]), np.minimum(ends[kept], run_ends[last]), kept


def clause_spans(text: str, lines: list[Line], subpart_spans: list[tuple[int, int]]) -> ClauseSpans:
    """Sentences and clauses of every line: cuts after sentence ends and ;, trimmed, empty pieces dropped.

    A sub-part heading (在…方面:) is a sentence of its own, whatever it contains.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")  # one code point per character
    line_starts = np.array([line.start for line in lines], dtype=np.int64)
    line_ends = np.array([line.end for line in lines], dtype=np.int64)
    sentence_cuts = _outside(_sentence_ends(codes), subpart_spans)
    heading_cuts = np.array([end for _, end in subpart_spans], dtype=np.int64)
    sentence_starts = np.unique(np.concatenate([line_starts, sentence_cuts, heading_cuts]))
    clause_cuts = np.flatnonzero(_is_one_of(codes, _CLAUSE_MARKS)) + 1
    cuts = np.unique(np.concatenate([sentence_starts, clause_cuts, line_ends]))
    piece_starts, piece_ends = cuts[:-1], cuts[1:]
    line = np.searchsorted(line_starts, piece_starts, side="right") - 1
    in_line = (
        (line >= 0) & (piece_ends <= line_ends[np.maximum(line, 0)]) if len(lines) else line >= 0
    )
    run_starts, run_ends = _non_space_runs(codes)
    start, end, kept = _trimmed(piece_starts[in_line], piece_ends[in_line], run_starts, run_ends)
    line = line[in_line][kept]
    sentence = np.searchsorted(sentence_starts, start, side="right") - 1
    new_sentence = change_points(sentence)
    sentence_no = np.cumsum(new_sentence)
    clause_no = np.arange(len(start)) - np.flatnonzero(new_sentence)[sentence_no - 1] + 1
    # the sentence number of each line's first clause, carried over the line's clauses
    first_of_line = np.maximum.accumulate(np.where(change_points(line), sentence_no, 0))
    return ClauseSpans(line, sentence_no, clause_no, sentence_no == first_of_line, start, end)


def document_columns(doc: Document) -> dict[str, np.ndarray]:
    """Clauses of one document, one array per column of `CLAUSES.columns` (template False)."""
    text = doc.text
    lines = split_lines(text)
    context = line_context(lines, doc.layout)
    spans = clause_spans(text, lines, context.subpart_spans)
    line, n = spans.line, len(spans.line)
    from_line = {
        name: np.array(values, dtype=object)[line] if n else np.array([], dtype=object)
        for name, values in context.columns.items()
    }
    starts, ends = spans.start.tolist(), spans.end.tolist()
    columns = {
        "clause_id": np.array(
            [f"{doc.doc_id}-c{seq:06d}" for seq in range(1, n + 1)], dtype=object
        ),
        "doc_id": np.full(n, doc.doc_id, dtype=object),
        **from_line,
        "paragraph_no": line + 1,
        "sentence_no": spans.sentence_no,
        "clause_no": spans.clause_no,
        "is_heading": context.is_heading[line] & spans.first_sentence,
        "template": np.zeros(n, dtype=bool),
        "start": spans.start,
        "end": spans.end,
        "page_no": page_numbers(doc.layout, spans.start),
        "text": np.array([text[a:b] for a, b in zip(starts, ends, strict=True)], dtype=object),
    }
    return {name: columns[name] for name in CLAUSES.columns}


def segment_document(doc: Document) -> list[dict]:
    """Clauses of one document as dicts with the columns of `CLAUSES.columns` (template False)."""
    columns = document_columns(doc)
    names = [*CLAUSES.columns[1:], "clause_id"]
    values = [columns[name].tolist() for name in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


# Phrase inside a clause: ≥ 8 characters between , ， : ： 。 ! ? ; quotes, brackets and spaces
# (、 is not a boundary: it joins list items).
TEMPLATE_MIN_PHRASE = 8  # characters: shorter phrases (推进…建设) are shared by chance
TEMPLATE_MIN_SHARE = 0.5  # of the clause's characters in phrases another province also wrote
_PHRASE = re.compile(rf"[^,，:：。!?！？;；“”\"()（）《》\s]{{{TEMPLATE_MIN_PHRASE},}}")
TEMPLATE_BATCH = 20_000  # phrases per automaton pass (bounds the match list held at once)


def template_flags(texts: Sequence[str], provinces: Sequence[str]) -> np.ndarray:
    """Per body clause: written word for word in a document of another province (national template)?

    A clause is template text when at least half of its characters lie in phrases
    (≥ 8 characters between commas) that occur verbatim in the body of another
    province's document. Every phrase occurs in its own province, so "another
    province" means two or more.

    Each distinct clause text is split into phrases once. A phrase written as a whole
    by two provinces is shared; a phrase of one province is shared when it lies inside
    a (longer) phrase of another. Only the phrases of clauses not already decided by
    the first kind (enough shared, or too few phrase characters to reach the share)
    are searched, with one Aho-Corasick automaton over them run through every distinct
    phrase once: linear in the corpus.
    """
    flags = np.zeros(len(texts), dtype=bool)
    if len(set(provinces)) < 2:
        return flags
    text_index: dict[str, int] = {}
    text_of_clause = [text_index.setdefault(text, len(text_index)) for text in texts]
    phrases_of_text = [_PHRASE.findall(text) for text in text_index]
    province_ids: dict[str, int] = {}
    owner: dict[
        str, int
    ] = {}  # phrase → id of the one province that wrote it, _SHARED for two or more
    for province, text in set(zip(provinces, text_of_clause, strict=True)):
        pid = province_ids.setdefault(province, len(province_ids))
        for phrase in phrases_of_text[text]:
            if owner.setdefault(phrase, pid) != pid:
                owner[phrase] = _SHARED
    if not owner:
        return flags
    text_is_template = np.zeros(len(text_index), dtype=bool)
    distinct = list(text_index)
    open_texts: list[int] = []
    candidates: dict[str, int] = {}  # phrase of one province, in an undecided text → its index
    for index, (text, phrases) in enumerate(zip(distinct, phrases_of_text, strict=True)):
        needed = TEMPLATE_MIN_SHARE * len(text)
        if sum(len(p) for p in phrases if owner[p] == _SHARED) >= needed:
            text_is_template[index] = True
        elif sum(map(len, phrases)) >= needed:
            open_texts.append(index)
            for phrase in phrases:
                if owner[phrase] != _SHARED:
                    candidates.setdefault(phrase, len(candidates))
    if candidates:
        found = _found_elsewhere(list(candidates), owner)
        for index in open_texts:
            phrases = phrases_of_text[index]
            shared = sum(len(p) for p in phrases if owner[p] == _SHARED or found[candidates[p]])
            text_is_template[index] = shared >= TEMPLATE_MIN_SHARE * len(distinct[index])
    return text_is_template[text_of_clause]


_SHARED = -1  # owner of a phrase that two or more provinces wrote as a whole


def _found_elsewhere(candidates: list[str], owner: dict[str, int]) -> np.ndarray:
    """Per candidate phrase (of one province): does it lie inside a phrase another province wrote?

    The haystack is every distinct phrase once; a match inside a phrase of another
    province, or of two or more, makes the candidate shared.
    """
    automaton = ahocorasick_rs.AhoCorasick(candidates)
    candidate_owner = np.array([owner[p] for p in candidates], dtype=np.int64)
    found = np.zeros(len(candidates), dtype=bool)
    haystack = list(owner)
    haystack_owner = np.fromiter(owner.values(), dtype=np.int64, count=len(owner))
    for first in range(0, len(haystack), TEMPLATE_BATCH):
        batch = haystack[first : first + TEMPLATE_BATCH]
        lengths = np.fromiter(map(len, batch), dtype=np.int64, count=len(batch)) + len(_JOINER)
        offsets = np.cumsum(lengths) - lengths
        raw = automaton.find_matches_as_indexes(_JOINER.join(batch), overlapping=True)
        matches = np.fromiter(chain.from_iterable(raw), dtype=np.int64, count=3 * len(raw)).reshape(
            -1, 3
        )
        pattern = matches[:, 0]
        where = haystack_owner[first + np.searchsorted(offsets, matches[:, 1], side="right") - 1]
        found[pattern[(where == _SHARED) | (where != candidate_owner[pattern])]] = True
    return found


_JOINER = "\n"  # joins phrases for one automaton pass; no phrase holds it, so no match crosses it


def _is_strictly_increasing(values: np.ndarray) -> bool:
    return all(a < b for a, b in pairwise(values.tolist()))


def clauses_table(documents: list[Document]) -> pd.DataFrame:
    """The clause table of every analysed document (second copies of a document left out)."""
    per_document = [document_columns(doc) for doc in documents if not doc.duplicate_of]
    columns = {  # each document's arrays are dropped (popped) as soon as they are copied
        name: np.concatenate([part.pop(name) for part in per_document])
        if per_document
        else np.array([], dtype=object)
        for name in CLAUSES.columns
    }
    body = columns["part"] == BODY
    province_of_doc = {doc.doc_id: doc.province for doc in documents}
    group_of_doc = {doc_id: province_of_doc.get(doc_id) or doc_id for doc_id in province_of_doc}
    body_groups = [
        group_of_doc.get(doc_id) or doc_id for doc_id in columns["doc_id"][body].tolist()
    ]
    columns["template"] = np.zeros(len(body), dtype=bool)
    columns["template"][body] = template_flags(columns["text"][body].tolist(), body_groups)
    frame = pd.DataFrame(columns, columns=CLAUSES.columns)
    for column in HEADING_NUMBER_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in ("paragraph_no", "sentence_no", "clause_no", "start", "end"):
        frame[column] = frame[column].astype("int64")
    for column in ("is_heading", "template"):
        frame[column] = frame[column].astype(bool)
    if _is_strictly_increasing(columns["clause_id"]):  # documents in id order: already sorted
        return frame
    return frame.sort_values("clause_id", ignore_index=True)
