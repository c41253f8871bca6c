"""PDFs with a text layer → text layer, with pypdfium2 (PDFium).

PDFium gives the text of a page as boxed segments (one per run of text on a
line). From their positions this module puts the page in reading order and
rebuilds paragraphs:

- columns: a vertical gutter in the middle half of the page that no narrow
  segment crosses splits the page in two; a segment crossing it (a title over
  both columns) starts a new band, and each band is read left column first;
- lines: segments of one column on the same baseline are one line;
- paragraphs: a line that reaches its column's right edge continues on the next
  line unless that one is indented, in another font size, or a numbered
  heading; a paragraph may continue across a column or a page break;
- running headers, footers and page numbers (in the top or bottom margin and
  repeated on other pages, or shaped like a page number) are kept as lines of
  their own, marked boilerplate; when they interrupt a paragraph they are
  written after it.

Each stretch of the text layer is listed with its page number (`PageSpan`). A
PDF without a text layer (a scan) is refused, as are encrypted and broken files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from analysis.errors import InputError
from analysis.formats import PageSpan, Region, TextLayer

MARGIN_SHARE = 0.07  # of the page height, at the top and at the bottom: where running heads and page numbers sit
GUTTER_MIN_WIDTH = 6.0  # points: the narrowest white strip that separates two columns
GUTTER_ZONE = (0.25, 0.75)  # share of the page width where a column gutter may lie
MIN_SIDE_SEGMENTS = 3  # segments each side of a gutter for the page to have two columns
REACHES_RIGHT_EMS = (
    2.5  # a line ending within this many character heights of the column's edge is full
)
INDENT_EMS = (
    1.0  # a line starting this many character heights right of the column's edge is indented
)
SAME_SIZE = 0.2  # relative difference in line height still read as the same font size
MIN_CHARS_PER_PAGE = 5  # fewer visible characters on average: the PDF has no text layer (a scan)
# A page number on a line of its own: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 10 页, 3/10, Page 3
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–·•]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|[Pp]age\s*\d+|\d{1,4})[\s\-—–·•]*$"
)
# A numbered heading at a line's start, which always starts a paragraph: 一、 (一) 1. 第一章 第三条
_HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十百\d]{1,4}[章节条部])"
)
_HINT_SCAN = (
    "it looks like a scan; export it from the original with text, or run with --ocr where "
    "Tesseract with Chinese data is installed (tesseract-ocr, tesseract-ocr-chi-sim)"
)
_HINT_BROKEN = "save it again as a PDF with text, or as .docx"


@dataclass
class Segment:
    """A run of text on one line of a page: its box in points (origin bottom left) and text."""

    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class PdfLine:
    """One line of a column in reading order, with the edges of the column it belongs to."""

    page_no: int
    text: str
    left: float
    right: float
    height: float
    col_left: float
    col_right: float
    page_centre: float = 0.0  # x of the middle of the page
    furniture: str = ""  # why it is a running head, footer or page number; "" for text


# ---------------------------------------------------------------- opening


def _open(raw: bytes, source_file: str):
    import pypdfium2 as pdfium

    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(source_file, "is not a PDF file (no %PDF header)", _HINT_BROKEN)
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise InputError(
                source_file,
                "is an encrypted (password-protected) PDF",
                "save an unprotected copy as PDF with text",
            ) from None
        raise InputError(source_file, f"is a broken PDF ({error})", _HINT_BROKEN) from None


WORD_GAP_EMS = (
    0.25  # a gap this wide between Latin letters or digits is a space the PDF did not write
)
FIELD_GAP_EMS = (
    1.5  # a gap this wide between any characters separates two fields (table cells, tab stops)
)


def _is_word_gap(before: str, after: str, gap: float, height: float) -> bool:
    """True when the white between two characters on a line reads as a space.

    Justified Chinese text spreads its characters apart, and full-width brackets carry
    white inside their boxes: between hanzi and between digits only a gap of FIELD_GAP_EMS
    counts; between Latin letters (a word the PDF wrote without a space) a quarter of a
    character.
    """
    if not before or not after or before.isspace() or after.isspace():
        return False
    latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
    digits = before.isdigit() and after.isdigit()  # a spaced-out number is one number
    return gap > (WORD_GAP_EMS if latin and not digits else FIELD_GAP_EMS) * height


def page_segments(page) -> list[Segment]:
    """The page's text as segments: runs of characters on one baseline, in content order.

    PDFium's loose character boxes (font ascent to descent) give the positions; a run
    breaks at PDFium's own line ends, where the baseline moves, where the text jumps
    back or more than two character widths forward (into another column).
    """
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    segments: list[Segment] = []
    current: Segment | None = None
    for index, char in enumerate(text[:count]):
        if char in "\r\n\ufffe":
            current = None
            continue
        if char.isspace() and pdfium_c.FPDFText_IsGenerated(textpage.raw, index):
            continue  # a space PDFium guessed from a gap: `_is_word_gap` decides those
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        if char.isspace() and current is not None:
            current.text += char
            continue
        if char.isspace():
            continue
        height = top - bottom
        if (
            current is None
            or abs(bottom - current.bottom) > 0.5 * max(height, current.height)
            or left < current.right - 0.5 * height
            or left > current.right + 2 * height
        ):
            current = Segment(left, bottom, right, top, char)
            segments.append(current)
        else:
            if _is_word_gap(current.text[-1:], char, left - current.right, height):
                current.text += " "
            current.text += char
            current.right = max(current.right, right)
            current.top = max(current.top, top)
    textpage.close()
    for segment in segments:
        segment.text = segment.text.rstrip()
    return segments


# ---------------------------------------------------------------- one page


def find_gutter(segments: list[Segment], width: float) -> float | None:
    """x of the middle of a vertical strip between two columns, or None (one column).

    The strip lies in the middle half of the page, is at least GUTTER_MIN_WIDTH wide and
    is crossed by at most a tenth of the segments (titles and other lines spanning both
    columns cross it); at least MIN_SIDE_SEGMENTS segments lie wholly on each side.
    """
    if len(segments) < 2 * MIN_SIDE_SEGMENTS:
        return None
    allowed = max(1, len(segments) // 10)
    low, high = int(GUTTER_ZONE[0] * width), int(GUTTER_ZONE[1] * width)
    # segments crossing each 1-point strip x … x+1 (at its middle), by a difference array
    centres = np.arange(low, high) + 0.5
    lefts = np.array([s.left for s in segments])
    rights = np.array([s.right for s in segments])
    first = np.searchsorted(
        centres, lefts, side="right"
    )  # first strip whose centre is right of the left edge
    last = np.searchsorted(centres, rights, side="left")  # strips before the right edge
    steps = np.zeros(len(centres) + 1, dtype=int)
    np.add.at(steps, first, 1)
    np.add.at(steps, last, -1)
    crossing = np.cumsum(steps)[:-1].tolist()
    runs: list[tuple[int, int]] = []  # strips crossed by few segments, as offsets from `low`
    run_start = None
    for offset, count in enumerate([*crossing, allowed + 1]):  # the sentinel closes the last run
        if count <= allowed and run_start is None:
            run_start = offset
        elif count > allowed and run_start is not None:
            runs.append((run_start, offset))
            run_start = None
    for start, end in sorted(runs, key=lambda run: run[0] - run[1]):  # widest first
        if end - start < GUTTER_MIN_WIDTH:
            break
        middle = low + (start + end) / 2
        left_side = sum(1 for s in segments if s.right <= middle)
        right_side = sum(1 for s in segments if s.left >= middle)
        if (
            min(left_side, right_side) >= MIN_SIDE_SEGMENTS
        ):  # text on both sides: a gutter, not a margin
            return middle
    return None


def _lines_of(segments: list[Segment]) -> list[list[Segment]]:
    """Segments grouped into lines (same baseline within half a line height), top to bottom, left to right."""
    lines: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: (-s.top, s.left)):
        if lines:
            last = lines[-1][0]
            if abs((segment.top + segment.bottom) - (last.top + last.bottom)) / 2 < 0.5 * min(
                segment.height, last.height
            ):
                lines[-1].append(segment)
                continue
        lines.append([segment])
    return [sorted(line, key=lambda s: s.left) for line in lines]


def _joined(line: list[Segment]) -> str:
    """The text of a line's segments, a space where they are more than a third of a character apart."""
    text = line[0].text
    for before, after in pairwise(line):
        gap = after.left - before.right
        text += (
            " " if _is_word_gap(text[-1:], after.text[:1], gap, before.height) else ""
        ) + after.text
    return text


def _column_lines(page_no: int, segments: list[Segment], centre: float) -> list[PdfLine]:
    """The lines of one column (or of a spanning band) in order, with the column's edges.

    The right edge is the furthest right end of the lines that start at the left edge
    (or indented up to three characters): a right-aligned signature or a centred title
    does not widen the column.
    """
    if not segments:
        return []
    grouped = _lines_of(segments)
    col_left = min(s.left for s in segments)
    starting = [line[-1].right for line in grouped if line[0].left <= col_left + 3 * line[0].height]
    col_right = max(starting or [s.right for s in segments])
    return [
        PdfLine(
            page_no,
            _joined(line),
            line[0].left,
            line[-1].right,
            max(s.height for s in line),
            col_left,
            col_right,
            centre,
        )
        for line in grouped
    ]


def page_lines(page_no: int, segments: list[Segment], width: float, height: float) -> list[PdfLine]:
    """The lines of a page in reading order; margin lines first noted as candidates for furniture."""
    top_margin, bottom_margin = height * (1 - MARGIN_SHARE), height * MARGIN_SHARE
    body = [s for s in segments if s.bottom >= bottom_margin and s.top <= top_margin]
    head = [s for s in segments if s.top > top_margin and s not in body]
    foot = [s for s in segments if s.bottom < bottom_margin and s not in body and s not in head]
    ordered = _column_lines(page_no, head, width / 2)
    for line in ordered:
        line.furniture = "margin"
    gutter = find_gutter(body, width)
    if gutter is None:
        ordered += _column_lines(page_no, body, width / 2)
    else:
        spanning = sorted((s for s in body if s.left < gutter < s.right), key=lambda s: -s.top)
        columns = [s for s in body if not s.left < gutter < s.right]
        ceiling = float("inf")
        for cut in [*spanning, None]:  # bands between spanning segments, each read left then right
            floor = cut.top if cut is not None else float("-inf")
            band = [s for s in columns if floor <= (s.top + s.bottom) / 2 < ceiling]
            ordered += _column_lines(page_no, [s for s in band if s.right <= gutter], width / 2)
            ordered += _column_lines(page_no, [s for s in band if s.left >= gutter], width / 2)
            if cut is not None:
                ordered += _column_lines(page_no, [cut], width / 2)
                ceiling = cut.bottom
    tail = _column_lines(page_no, foot, width / 2)
    for line in tail:
        line.furniture = "margin"
    return ordered + tail


# ---------------------------------------------------------------- furniture and paragraphs


def _shape(text: str) -> str:
    """A line with digits replaced, to recognise a running head repeated with another page number."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def mark_furniture(lines: list[PdfLine]) -> None:
    """Margin lines that repeat on another page or are page numbers → furniture; other margin lines are text."""
    pages_of: dict[str, set[int]] = {}
    for line in lines:
        if line.furniture:
            pages_of.setdefault(_shape(line.text), set()).add(line.page_no)
    for line in lines:
        if not line.furniture:
            continue
        if _PAGE_NUMBER.match(line.text):
            line.furniture = "page number"
        elif len(pages_of[_shape(line.text)]) >= 2:
            line.furniture = "running head or footer"
        else:
            line.furniture = ""


def _centred(line: PdfLine) -> bool:
    """A line whose middle is the middle of the page (within a character)."""
    return abs((line.left + line.right) / 2 - line.page_centre) < line.height


def continues(before: PdfLine, after: PdfLine) -> bool:
    """True when `after` goes on with the paragraph `before` belongs to.

    A centred title wrapped onto a shorter centred line continues; otherwise `before`
    must reach its column's right edge and `after` must start at the left edge, in
    the same size, without a heading number.
    """
    em = before.height
    same_size = abs(after.height - before.height) <= SAME_SIZE * em
    if (
        _centred(before)
        and _centred(after)
        and same_size
        and after.right - after.left < before.right - before.left - 2 * em
    ):
        return True
    if before.right < before.col_right - REACHES_RIGHT_EMS * em:
        return False  # `before` ends short of its column's edge: the paragraph ended
    if after.left > after.col_left + INDENT_EMS * em or after.text.startswith(("\u3000", " ")):
        return False  # indented: a new paragraph
    if not same_size:
        return False
    return not _HEADING_START.match(after.text)


def _glue(before: str, after: str) -> str:
    """How two wrapped lines join: a space between Latin letters, nothing else (hanzi, a number cut in two)."""
    return (
        " "
        if before[-1:].isascii()
        and before[-1:].isalpha()
        and after[:1].isascii()
        and after[:1].isalpha()
        else ""
    )


def read_pdf(raw: bytes, source_file: str, ocr: bool = False) -> TextLayer:
    """The text layer of a PDF (raises InputError for encrypted or broken files, and for scans
    unless `ocr` is asked for and Tesseract with chi_sim is installed: analysis.formats.ocr)."""
    document = _open(raw, source_file)
    try:
        lines: list[PdfLine] = []
        visible = 0
        n_pages = len(document)
        for index in range(n_pages):
            page = document[index]
            width, height = page.get_size()
            segments = page_segments(page)
            visible += sum(len(s.text.strip()) for s in segments)
            lines += page_lines(index + 1, segments, width, height)
            page.close()
        if n_pages and visible < MIN_CHARS_PER_PAGE * n_pages and ocr:
            from analysis.formats.ocr import ocr_pdf

            return ocr_pdf(document, source_file)
    finally:
        document.close()
    if n_pages == 0:
        raise InputError(source_file, "is a PDF without pages", _HINT_BROKEN)
    if visible < MIN_CHARS_PER_PAGE * n_pages:
        raise InputError(
            source_file, f"has no text layer ({visible} characters on {n_pages} pages)", _HINT_SCAN
        )
    mark_furniture(lines)
    return _layer(lines)


def _layer(lines: list[PdfLine]) -> TextLayer:
    """Write paragraphs and furniture lines; note furniture regions and the page of every stretch."""
    pieces: list[str] = []
    pages: list[PageSpan] = []
    regions: list[Region] = []
    offset = 0
    deferred: list[PdfLine] = []  # furniture met inside a paragraph, written after it
    previous: PdfLine | None = None

    def write(text: str, page_no: int) -> None:
        nonlocal offset
        pages.append(PageSpan(offset, offset + len(text), page_no))
        pieces.append(text)
        offset += len(text)

    def end_line() -> None:
        nonlocal offset
        pieces.append("\n")
        offset += 1

    def write_furniture(line: PdfLine) -> None:
        text = line.text.strip()
        regions.append(Region(offset, offset + len(text), "boilerplate", line.furniture))
        write(text, line.page_no)
        end_line()

    for line in lines:
        if line.furniture:
            if previous is None:
                write_furniture(line)
            else:
                deferred.append(line)
            continue
        if previous is not None and continues(previous, line):
            write(_glue(pieces[-1], line.text.lstrip()) + line.text.strip(), line.page_no)
        else:
            if previous is not None:
                end_line()
                for waiting in deferred:
                    write_furniture(waiting)
                deferred = []
            write(line.text.rstrip(), line.page_no)
        previous = line
    if previous is not None:
        end_line()
    for waiting in deferred:
        write_furniture(waiting)
    text = "".join(pieces).rstrip("\n")
    pages = [
        PageSpan(p.start, min(p.end, len(text)), p.page_no) for p in pages if p.start < len(text)
    ]
    return TextLayer(text=text, format="pdf", encoding="", regions=regions, pages=_merged(pages))


def _merged(pages: list[PageSpan]) -> list[PageSpan]:
    """Adjacent stretches of the same page as one (the newline between them included)."""
    merged: list[PageSpan] = []
    for span in pages:
        if merged and merged[-1].page_no == span.page_no:
            merged[-1] = PageSpan(merged[-1].start, span.end, span.page_no)
        else:
            merged.append(span)
    return merged


def page_of(pages: list[PageSpan], position: int) -> int | None:
    """The page number of a character position of the text layer (None outside every page span)."""
    for span in pages:
        if span.start <= position < span.end or (
            span.start <= position <= span.end and span is pages[-1]
        ):
            return span.page_no
    return None
