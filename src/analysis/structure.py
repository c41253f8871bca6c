"""Structure: normalised text → parts, headings, sentences and clauses.

Every non-space character of a document lands in exactly one clause, and
`text == normalised_text[start:end]` for every clause. Nothing is deleted: page
furniture, headers and signatures are kept and labelled by `part`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

import ahocorasick_rs
import pandas as pd

from analysis.ingest import Document, is_date_line, is_issuer_line, is_title_line

FRONT = "front_matter"
BODY = "body"
BACK = "back_matter"
BOILERPLATE = "boilerplate"
PARTS = (FRONT, BODY, BACK, BOILERPLATE)

CLAUSE_COLUMNS = [
    "clause_id", "doc_id", "part", "chapter_no", "chapter_title", "section_no", "section_title",
    "item_no", "item_title", "sub_no", "sub_title", "paragraph_no", "sentence_no", "clause_no",
    "is_heading", "template", "start", "end", "text",
]
INT_COLUMNS = ["chapter_no", "section_no", "item_no", "sub_no"]

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
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
]
# Reply letters: a sub-part opened by 在资金保障方面: (the heading ends at the colon).
_SUBPART = re.compile(r"^(在[^。,，:：;；]{2,24}方面)\s*[:：]")
# Order of heading kinds from coarse to fine; the coarsest present below chapter is the section.
_LEVEL_ORDER = ["jie", "cn", "paren_cn", "arabic", "paren_arabic", "circled"]

# Sentence end: 。!?！？ with closing quotes/brackets that follow (。” or !）).
_SENTENCE_END = re.compile(r"[。!?！？]+[”’」』)）\"']*")
# Clause separators inside a sentence: ; and ；
_CLAUSE_END = re.compile(r"[;；]")
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
# Page-header fields kept as front matter: 来源: 作者: 发布时间: 索引号: 发文字号:
_HEADER_FIELD = re.compile(r"^(来源|作者|发布时间|发布日期|发布机构|发文机关|索引号|发文字号|文号|成文日期|主题分类|信息来源|时间|日期)\s*[:：]")
# A news lead ends where the original text begins: 政策原文如下: / 全文如下:
_LEAD_END = re.compile(r"(?:政策)?(?:原文|全文)如下\s*[:：]?\s*$")
# Back-matter lines: 附件: 抄送: (此件公开发布)
_BACK_LINE = re.compile(r"^(附件|抄送|印发|（此件|\(此件|此件)")
# A salutation or recipient list ending with a colon, without commas: 何金箭代表: / 各市发展改革委:
_SALUTATION = re.compile(r"^[^。!?！？;；,，]{2,120}[:：]$")


def cn_number(numeral: str) -> int:
    """Chinese or Arabic numeral of a heading → int: 十二 → 12, 二十八 → 28, 一百零一 → 101, 7 → 7."""
    if len(numeral) == 1 and "\u2460" <= numeral <= "\u2473":
        return ord(numeral) - 0x2460 + 1
    if numeral.isdecimal():
        return int(numeral)
    total, current = 0, 0
    for ch in numeral:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


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


def match_heading(line: str) -> tuple[str, int, int] | None:
    """(kind, number, end of marker) for a heading line, else None."""
    subpart = _SUBPART.match(line)
    if subpart:
        return "subpart", 0, 0
    for kind, pattern in HEADING_PATTERNS:
        match = pattern.match(line)
        if match and match.end() < len(line):
            return kind, cn_number(match.group(1)), match.end()
    return None


def heading_title(line: str, marker_end: int) -> str:
    """The title after a heading marker: up to the first 。/:, or the whole line when short."""
    rest = line[marker_end:]
    first = re.split(r"[。:：!?！？;；]", rest, maxsplit=1)[0].strip(_EDGE_SPACE)
    if len(first) <= 60:
        return first
    return re.split(r"[,，]", first, maxsplit=1)[0][:60]


def is_furniture(line: str) -> bool:
    """Web-page furniture: navigation, share buttons, counters, hotlines (short, not prose)."""
    if _PHONE_LINE.match(line):
        return True
    return len(line) <= 40 and "。" not in line and bool(_FURNITURE.search(line))


def _is_header_line(line: str) -> bool:
    return bool(_HEADER_FIELD.match(line)) or is_date_line(line)


def assign_parts(lines: list[Line]) -> list[str]:
    """Part of every line: front matter, body, back matter or boilerplate."""
    n = len(lines)
    parts = [BODY] * n
    texts = [line.text for line in lines]
    # Tail: furniture and short non-prose lines, then signature and date lines.
    end = n
    while end > 0:
        text = texts[end - 1]
        if is_issuer_line(text) or is_date_line(text) or _BACK_LINE.match(text):
            parts[end - 1] = BACK
        elif is_furniture(text) or (len(text) <= 15 and not re.search(r"[。!?！？;；,，]", text) and match_heading(text) is None):
            parts[end - 1] = BOILERPLATE
        else:
            break
        end -= 1
    # Head: a news lead up to 原文如下, the title lines, page headers and a salutation.
    first_heading = next((i for i in range(end) if (h := match_heading(texts[i])) and h[0] in ("chapter", "cn")), end)
    lead_end = next((i for i in range(first_heading) if _LEAD_END.search(texts[i])), -1)
    title_lines = [i for i in range(lead_end + 1, first_heading) if is_title_line(texts[i])]
    head_end = max(lead_end, title_lines[-1] if title_lines else -1) + 1
    while head_end < end and (_is_header_line(texts[head_end]) or is_furniture(texts[head_end]) or _SALUTATION.match(texts[head_end])):
        head_end += 1
    for i in range(head_end):
        parts[i] = FRONT
    # Furniture anywhere outside the tail (share buttons, counters) is boilerplate.
    for i in range(end):
        if is_furniture(texts[i]) and not _is_header_line(texts[i]):
            parts[i] = BOILERPLATE
    return parts


def _level_map(kinds_present: set[str]) -> dict[str, str]:
    """Heading kind → table level (chapter, section, item, sub) for one document.

    第X章 is always the chapter, 第X条 always an item and 在…方面: always a sub-part;
    the other kinds present, coarse to fine, fill section, item, sub.
    """
    mapping = {"chapter": "chapter", "article": "item", "subpart": "sub"}
    levels = ["section", "item", "sub"]
    ordered = [kind for kind in _LEVEL_ORDER if kind in kinds_present]
    for index, kind in enumerate(ordered):
        mapping[kind] = levels[min(index, len(levels) - 1)]
    return mapping


def _split_spans(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split text[start:end] after each match of `pattern`; spans trimmed of edge whitespace."""
    cuts = [start, *(match.end() for match in pattern.finditer(text, start, end)), end]
    trimmed = []
    for a, b in pairwise(cuts):
        piece = text[a:b].lstrip(_EDGE_SPACE)
        if piece:
            left = a + (b - a - len(piece))
            trimmed.append((left, left + len(piece.rstrip(_EDGE_SPACE))))
    return trimmed


def segment_document(doc: Document) -> list[dict]:
    """Clauses of one document as dicts with the columns of `CLAUSE_COLUMNS` (template False)."""
    text = doc.text
    lines = split_lines(text)
    parts = assign_parts(lines)
    headings = [match_heading(line.text) if part == BODY else None for line, part in zip(lines, parts, strict=True)]
    level_of = _level_map({h[0] for h in headings if h})
    context: dict[str, tuple[int | None, str]] = {level: (None, "") for level in ("chapter", "section", "item", "sub")}
    sub_counter = 0
    rows: list[dict] = []
    sentence_no = 0
    for paragraph_no, (line, part, heading) in enumerate(zip(lines, parts, headings, strict=True), start=1):
        heading_end = None
        if heading:
            kind, number, marker_end = heading
            level = level_of[kind]
            if kind == "subpart":
                sub_counter += 1
                subpart = _SUBPART.match(line.text)
                assert subpart is not None
                number, title, heading_end = sub_counter, subpart.group(1), subpart.end()
            else:
                title = heading_title(line.text, marker_end)
            resets = {"chapter": ("section", "item", "sub"), "section": ("item", "sub"), "item": ("sub",), "sub": ()}[level]
            for finer in resets:
                context[finer] = (None, "")
            if level in ("chapter", "section"):
                sub_counter = 0 if kind != "subpart" else sub_counter
            context[level] = (number, title)
        in_body = part == BODY
        first_sentence = True
        for s_start, s_end in _sentence_spans(text, line, heading_end):
            sentence_no += 1
            for clause_no, (c_start, c_end) in enumerate(_split_spans(text, s_start, s_end, _CLAUSE_END), start=1):
                rows.append({
                    "doc_id": doc.doc_id,
                    "part": part,
                    "chapter_no": context["chapter"][0] if in_body else None,
                    "chapter_title": context["chapter"][1] if in_body else "",
                    "section_no": context["section"][0] if in_body else None,
                    "section_title": context["section"][1] if in_body else "",
                    "item_no": context["item"][0] if in_body else None,
                    "item_title": context["item"][1] if in_body else "",
                    "sub_no": context["sub"][0] if in_body else None,
                    "sub_title": context["sub"][1] if in_body else "",
                    "paragraph_no": paragraph_no,
                    "sentence_no": sentence_no,
                    "clause_no": clause_no,
                    "is_heading": bool(heading) and first_sentence,
                    "template": False,
                    "start": c_start,
                    "end": c_end,
                    "text": text[c_start:c_end],
                })
            first_sentence = False
    for seq, row in enumerate(rows, start=1):
        row["clause_id"] = f"{doc.doc_id}-c{seq:06d}"
    return rows


def _sentence_spans(text: str, line: Line, heading_end: int | None) -> list[tuple[int, int]]:
    """Sentences of a line; a heading that ends at a colon (在…方面:) is a sentence of its own."""
    if heading_end:
        cut = line.start + heading_end
        return [(line.start, cut), *_split_spans(text, cut, line.end, _SENTENCE_END)]
    return _split_spans(text, line.start, line.end, _SENTENCE_END)


# Phrase boundaries inside a clause: , ， : ： 。 ! ? and quotes (not 、, which joins list items).
_PHRASE_SPLIT = re.compile(r"[,，:：。!?！？;；“”\"()（）《》\s]+")
TEMPLATE_MIN_PHRASE = 8  # characters: shorter phrases (推进…建设) are shared by chance
TEMPLATE_MIN_SHARE = 0.5  # of the clause's characters in phrases another province also wrote


def _phrases(text: str) -> list[str]:
    return [p for p in _PHRASE_SPLIT.split(text) if len(p) >= TEMPLATE_MIN_PHRASE]


def flag_template(rows: list[dict], province_of_doc: dict[str, str]) -> None:
    """Mark body clauses written word for word in a document of another province (national template).

    A clause is template text when at least half of its characters lie in
    phrases (≥ 8 characters between commas) that occur verbatim in the body of
    another province's document. One Aho-Corasick pass per province keeps this
    linear in the corpus size.
    """
    body = [row for row in rows if row["part"] == BODY]
    province_of_row = [province_of_doc.get(row["doc_id"]) or row["doc_id"] for row in body]
    phrases_of_row = [_phrases(row["text"]) for row in body]
    phrases = sorted({p for row_phrases in phrases_of_row for p in row_phrases})
    if not phrases or len(set(province_of_row)) < 2:
        return
    automaton = ahocorasick_rs.AhoCorasick(phrases)
    # Each distinct clause text once per province: a repeated clause adds no phrase.
    text_of_province: dict[str, dict[str, None]] = defaultdict(dict)
    for row, province in zip(body, province_of_row, strict=True):
        text_of_province[province][row["text"]] = None
    found_in: dict[str, set[str]] = defaultdict(set)
    for province, texts in text_of_province.items():
        matches = automaton.find_matches_as_indexes("\n".join(texts), overlapping=True)
        for index in {match[0] for match in matches}:
            found_in[phrases[index]].add(province)
    for row, province, row_phrases in zip(body, province_of_row, phrases_of_row, strict=True):
        shared = sum(len(p) for p in row_phrases if len(found_in[p]) > 1 or province not in found_in[p])
        row["template"] = shared >= TEMPLATE_MIN_SHARE * len(row["text"])


def clauses_table(documents: list[Document]) -> pd.DataFrame:
    """The clause table of every analysed document (second copies of a document left out)."""
    rows: list[dict] = []
    for doc in documents:
        if not doc.duplicate_of:
            rows.extend(segment_document(doc))
    flag_template(rows, {doc.doc_id: doc.province for doc in documents})
    frame = pd.DataFrame(rows, columns=CLAUSE_COLUMNS)
    for column in INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in ("paragraph_no", "sentence_no", "clause_no", "start", "end"):
        frame[column] = frame[column].astype("int64")
    for column in ("is_heading", "template"):
        frame[column] = frame[column].astype(bool)
    return frame.sort_values("clause_id", ignore_index=True)
