"""Saved web pages (.html, .htm) → text layer, with lxml.

Only what a reader sees reaches the text: `<head>`, script, style, comments,
`<template>`, `<noscript>`, form controls and hidden elements (`hidden`,
`display:none`, `visibility:hidden`) never do. Block elements start lines, table
rows are lines with their cells separated by a space. Page regions — navigation,
header, footer, breadcrumbs, share bars, related links, print/close controls —
stay in the text and are listed as boilerplate regions, decided from the page
structure (element, ARIA role, class and id words, link density) before words.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from analysis.errors import InputError
from analysis.formats import Heading, Region, TextLayer
from analysis.formats.header_fields import (
    MIN_LABELLED_SHARE,
    MIN_LABELS,
    count_labels,
    header_fields,
    labelled_share,
)
from analysis.formats.text_builder import TextBuilder
from analysis.ingest import decode_bytes, parse_date

BOILERPLATE = "boilerplate"
FRONT_MATTER = "front_matter"

# ---------------------------------------------------------------- encoding

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-8, UTF-16 LE, UTF-16 BE
# The declared charset in the first bytes: <meta charset="gb2312"> or
# <meta http-equiv="Content-Type" content="text/html; charset=GBK">
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]{2,20})", re.I)
# Declared names → the codec that reads them (GB2312 and GBK pages are read as their superset GB18030).
_CHARSET_CODEC = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5",
    "utf8": "utf-8",
    "utf-8": "utf-8",
}


def decode_html(raw: bytes, source_file: str) -> tuple[str, str]:
    """(text, encoding) of a page: the BOM, else the `<meta charset>`, else detection.

    A declared charset the bytes do not decode with is ignored (pages often
    declare one and are saved in another), and detection decides.
    """
    if raw.startswith(_BOMS):
        return decode_bytes(raw, source_file)
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        codec = _CHARSET_CODEC.get(declared.group(1).decode("ascii").lower())
        if codec:
            try:
                return raw.decode(codec), codec
            except UnicodeDecodeError:
                pass
    return decode_bytes(raw, source_file)


# ---------------------------------------------------------------- what is shown

# Elements whose content is never shown as text.
_NOT_SHOWN = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "select",
        "option",
        "textarea",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "input",
        "button",
    }
)
# Elements that start and end a line.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
})  # fmt: skip
_CELLS = frozenset({"td", "th"})
_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
# An inline style that hides the element: display:none / visibility:hidden
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


# A rule of a <style> sheet: selectors { declarations }
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
# A selector naming one class or id, perhaps after a tag: .hide, div.hidden, #tmp
_SIMPLE_SELECTOR = re.compile(r"^[a-z0-9]*([.#])([\w-]+)$", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def hidden_selectors(root: etree._Element) -> tuple[frozenset[str], frozenset[str]]:
    """(classes, ids) that the page's style sheets hide with display:none or visibility:hidden.

    Only simple selectors (.name, tag.name, #name) are read: enough for the hiding classes
    content systems use; a rule with a descendant or pseudo selector is left alone.
    """
    classes, ids = set(), set()
    for style in root.iter("style"):
        sheet = _CSS_COMMENT.sub("", style.text or "")
        for selectors, declarations in _CSS_RULE.findall(sheet):
            if not _HIDDEN_STYLE.search(declarations):
                continue
            for selector in selectors.split(","):
                simple = _SIMPLE_SELECTOR.match(selector.strip())
                if simple:
                    (classes if simple.group(1) == "." else ids).add(simple.group(2).lower())
    return frozenset(classes), frozenset(ids)


def is_hidden(
    element: etree._Element,
    hidden: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> bool:
    """True for an element the page does not show: `hidden`, an inline or style-sheet display:none."""
    if element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style", "")):
        return True
    classes, ids = hidden
    if ids and element.get("id", "").lower() in ids:
        return True
    return bool(classes) and not classes.isdisjoint(element.get("class", "").lower().split())


# ---------------------------------------------------------------- page regions

# Sectioning elements and ARIA roles of page furniture.
_FURNITURE_TAGS = {"nav": "<nav>", "header": "<header>", "footer": "<footer>", "aside": "<aside>"}
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# class/id words (split at -, _ and case changes) naming furniture: class="top-nav", id="footer",
# class="bread-crumb", class="bdsharebuttonbox" (a word inside a longer name: _FURNITURE_INFIXES).
_FURNITURE_WORDS = frozenset({
    "nav", "navbar", "menu", "header", "head", "top", "topbar", "foot", "footer", "bottom", "breadcrumb",
    "breadcrumbs", "crumb", "crumbs", "position", "location", "dqwz", "share", "bdshare", "fenxiang",
    "related", "relate", "xgxx", "xgwz", "links", "friendlink", "yqlj", "copyright", "banquan",
    "print", "close", "toolbar", "tools", "sidebar", "side", "search", "login",
})  # fmt: skip
_FURNITURE_INFIXES = (
    "nav",
    "menu",
    "footer",
    "breadcrumb",
    "crumb",
    "share",
    "copyright",
    "sidebar",
)
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
# A line made only of page controls in brackets: 【打印】【关闭】, [收藏] [字号：大 中 小]
_CONTROLS_LINE = re.compile(r"^(?:\s*[【\[]\s*[^】\]]{1,12}\s*[】\]]\s*)+$")
LINK_SHARE = 0.7  # of a block's visible characters inside links: a list of links, not text
MIN_LINKS = 2
MAX_LINK_BLOCK_CHARS = 400  # longer blocks are text even when they are mostly links


def furniture_reason(element: etree._Element) -> str:
    """Why an element is a page region (e.g. "<nav>", "class=share"), or "" when it is not."""
    tag = element.tag
    if (
        element.find(".//h1") is not None
    ):  # the page's own heading is content (<article><header><h1>)
        return ""
    if tag in _FURNITURE_TAGS:
        return _FURNITURE_TAGS[tag]
    if element.get("role", "").lower() in _FURNITURE_ROLES:
        return f"role={element.get('role').lower()}"
    for attribute in ("id", "class"):
        value = element.get(attribute, "").lower()
        if not value:
            continue
        words = set(_WORD_SPLIT.split(value))
        hit = words & _FURNITURE_WORDS or {infix for infix in _FURNITURE_INFIXES if infix in value}
        if hit:
            return f"{attribute}={min(hit)}"
    if tag in _BLOCKS or tag in _CELLS:
        return "links" if _is_link_list(element) else ""
    return ""


def _visible_length(text: str) -> int:
    return len(re.sub(r"\s+", "", text))


def _is_link_list(element: etree._Element) -> bool:
    """A short block whose text is mostly inside two or more links (a menu, a related-links list)."""
    links = element.findall(".//a")
    if len(links) < MIN_LINKS:
        return False
    total = _visible_length(element.text_content())
    if not total or total > MAX_LINK_BLOCK_CHARS:
        return False
    linked = sum(_visible_length(link.text_content()) for link in links)
    return linked >= LINK_SHARE * total


# ---------------------------------------------------------------- the walk


class _Walk:
    """Depth-first walk of the body writing the text layer and noting regions and headings."""

    def __init__(
        self, hidden: tuple[frozenset[str], frozenset[str]], header_table: etree._Element | None
    ) -> None:
        self.hidden = hidden
        self.header_table = header_table
        # elements around the header table are content, whatever their class says (the list
        # keeps lxml's element proxies alive, so `is` compares nodes)
        self._holds_header = list(header_table.iterancestors()) if header_table is not None else []
        self.out = TextBuilder()
        self.regions: list[Region] = []
        self.headings: list[Heading] = []
        self._in_region = 0

    def element(self, element: etree._Element) -> None:
        tag = element.tag
        if not isinstance(tag, str):  # a comment or processing instruction: only its tail is text
            return
        tag = tag.lower()
        if tag in _NOT_SHOWN or is_hidden(element, self.hidden):
            return
        if tag == "br":
            self.out.newline()
            return
        block = tag in _BLOCKS
        if block:
            self.out.newline()
        elif tag in _CELLS:
            self.out.space()
        holds_header = any(element is ancestor for ancestor in self._holds_header)
        reason = "" if self._in_region or holds_header else furniture_reason(element)
        region_part = BOILERPLATE if reason else ""
        if element is self.header_table and not self._in_region:
            reason, region_part = "header table", FRONT_MATTER
        # a space written before the first text is trimmed off in `_trimmed`
        start = self.out.offset
        if region_part:
            self._in_region += 1
        if element.text:
            self.out.write(element.text)
        for child in element:
            self.element(child)
            if child.tail:
                self.out.write(child.tail)
        if region_part:
            self._in_region -= 1
            self._close(start, region_part, reason)
        if tag in _HEADING_LEVEL and not self._in_region:
            end = self.out.offset
            if end > start:
                self.headings.append(Heading(start, end, _HEADING_LEVEL[tag]))
        if block:
            self.out.newline()
        elif tag in _CELLS:
            self.out.space()

    def _close(self, start: int, part: str, why: str) -> None:
        end = self.out.offset
        if end > start:
            self.regions.append(Region(start, end, part, why))


MAX_HEADER_CELLS = 40  # a header table lists a dozen fields or so
MAX_HEADER_CHARS = 2000  # and is short
HEADER_CELL_SHARE = 0.9  # of a header table's visible characters inside its cells


def find_header_table(body: etree._Element) -> etree._Element | None:
    """The page's header table, or None: the first table or list (a div of label blocks too),
    with no table inside, of at least three 信息公开 labels whose cells hold nearly all of its
    text, mostly labels and their values (a page layout or a content block is not one)."""
    for element in body.iter("table", "ul", "ol", "dl", "div"):
        if element.find(".//table") is not None or len(element.text_content()) > MAX_HEADER_CHARS:
            continue
        cells = _cells(element)
        if len(cells) > MAX_HEADER_CELLS or count_labels(cells) < MIN_LABELS:
            continue
        if sum(_visible_length(cell) for cell in cells) < HEADER_CELL_SHARE * _visible_length(
            element.text_content()
        ):
            continue  # text outside the cells: a block that holds a header table and more
        if labelled_share(cells) >= MIN_LABELLED_SHARE:
            return element
    return None


def _cells(element: etree._Element) -> list[str]:
    """The visible texts of a header table's cells: td/th, else li/dt/dd, else the innermost elements."""
    for path in (".//td|.//th", ".//li|.//dt|.//dd", ".//*[not(*)]"):
        cells = [" ".join(cell.text_content().split()) for cell in element.xpath(path)]
        if cells:
            return [cell for cell in cells if cell]
    return []


def _trimmed(regions: list[Region], text: str) -> list[Region]:
    """Regions without the white space at their edges (empty ones dropped)."""
    kept = []
    for region in regions:
        start, end = region.start, min(region.end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            kept.append(Region(start, end, region.part, region.why))
    return kept


def _controls_regions(text: str) -> list[Region]:
    """Lines that are only bracketed page controls (【打印】【关闭】) as boilerplate regions."""
    regions, offset = [], 0
    for line in text.split("\n"):
        if _CONTROLS_LINE.match(line):
            regions.append(Region(offset, offset + len(line), BOILERPLATE, "page controls"))
        offset += len(line) + 1
    return regions


# ---------------------------------------------------------------- metadata

# <meta name=…> → field: ArticleTitle, PubDate, ContentSource, Keywords (gov CMS tags).
_META_FIELDS = {
    "articletitle": "title",
    "pubdate": "posted",
    "contentsource": "issuer",
    "keywords": "keywords",
}
# A site name after the page title: 关于…的通知_山西省人民政府门户网站 / …-中国政府网
_SITE_SUFFIX = re.compile(
    r"\s*[_|｜\-–—]+\s*[^_|｜\-–—]*(?:网|政府|门户|网站|平台|频道)[^_|｜\-–—]*$"
)


def _meta_tags(root: etree._Element) -> dict[str, str]:
    found = {}
    for meta in root.iter("meta"):
        field = _META_FIELDS.get((meta.get("name") or "").strip().lower())
        content = " ".join((meta.get("content") or "").split())
        if field and content and field not in found:
            found[field] = parse_date(content) if field == "posted" else content
    return {key: value for key, value in found.items() if value}


def page_title(root: etree._Element) -> str:
    """The `<title>` without the site name after it."""
    title = root.find(".//title")
    if title is None:
        return ""
    text = " ".join(title.text_content().split())
    return re.sub(r"\s+", "", _SITE_SUFFIX.sub("", text))


def read_html(raw: bytes, source_file: str) -> TextLayer:
    """The text layer of a saved web page (raises InputError when it cannot be decoded or parsed)."""
    decoded, encoding = decode_html(raw, source_file)
    try:
        root = lxml.html.document_fromstring(
            decoded.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError) as error:
        raise InputError(
            source_file,
            f"is not a readable web page ({error})",
            "save the page again from the browser (Save as, Web page, HTML only)",
        ) from None
    body = root.find("body")
    top = body if body is not None else root
    header_table = find_header_table(top)
    walk = _Walk(hidden_selectors(root), header_table)
    walk.element(top)
    text = walk.out.text()
    if not text.strip():
        raise InputError(
            source_file,
            "is a web page without visible text",
            "save the page after it has loaded, or copy its text into a .txt file",
        )
    regions = _trimmed(walk.regions, text)
    regions += [
        c
        for c in _controls_regions(text)
        if not any(r.start <= c.start and c.end <= r.end for r in regions)
    ]
    regions.sort(key=lambda r: (r.start, r.end))
    headings = [
        Heading(r.start, r.end, h.level)
        for h in walk.headings
        for r in _trimmed([Region(h.start, h.end, "", "")], text)
    ]
    meta: dict[str, tuple[str, str]] = {
        key: (value, "header")
        for key, value in header_fields(
            _cells(header_table) if header_table is not None else []
        ).items()
    }
    fallback: dict[str, tuple[str, str]] = {}
    for key, value in _meta_tags(root).items():
        if (
            key == "issuer"
        ):  # a CMS's ContentSource is often an abbreviation: the signature comes first
            fallback.setdefault(key, (value, "meta"))
        else:
            meta.setdefault(key, (value, "meta"))
    top_headings = [h for h in headings if h.level == 1]
    if len(top_headings) == 1:  # the page's one <h1> is its headline: the title, front matter
        (headline,) = top_headings
        meta.setdefault(
            "title", (re.sub(r"\s+", "", text[headline.start : headline.end]), "heading")
        )
        if not any(r.start <= headline.start < r.end for r in regions):
            regions = sorted(
                [*regions, Region(headline.start, headline.end, FRONT_MATTER, "<h1>")],
                key=lambda r: (r.start, r.end),
            )
    if page_title(root):
        fallback["title"] = (page_title(root), "meta")
    return TextLayer(
        text=text,
        format="html",
        encoding=encoding,
        meta=meta,
        fallback=fallback,
        regions=regions,
        headings=headings,
    )
