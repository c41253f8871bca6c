"""Formats: one raw file (.html/.htm, .docx, .pdf) → its text layer.

The text layer is the document as plain text, one paragraph (or table row, or
PDF line run) a line, with what the file says about its own structure beside it:
metadata hints with their source, regions that are page furniture or front
matter, heading hints and, for a PDF, the page of every stretch of text. Every
span is `(start, end)` into `TextLayer.text`, which is what the pipeline writes
to `data/interim/{doc_id}.txt` and what every table's spans index.

`.txt` files are not read here: `analysis.ingest` decodes them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import InputError

#: File endings read by this package, and the format each one is.
FORMAT_OF_SUFFIX: dict[str, str] = {".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
#: File endings refused with a hint on how to save them instead.
REFUSED_SUFFIXES: dict[str, tuple[str, str]] = {
    ".doc": (
        "is an old Word (.doc) file, which cannot be read",
        "open it in Word or WPS and save it as .docx",
    ),
    ".wps": (
        "is a WPS Writer (.wps) file, which cannot be read",
        "open it in WPS and save it as .docx",
    ),
    ".rtf": ("is an RTF file, which cannot be read", "save it as .docx or as plain text (.txt)"),
}


@dataclass(frozen=True)
class Region:
    """A stretch of the text layer that is not body text: `part` is boilerplate or front_matter."""

    start: int
    end: int
    part: str
    why: str  # what decided it, e.g. "<nav>", "class=share", "running footer"


@dataclass(frozen=True)
class Heading:
    """A heading hint: the span of a heading line and its level (1 = top)."""

    start: int
    end: int
    level: int


@dataclass(frozen=True)
class PageSpan:
    """Characters `start`–`end` of the text layer come from page `page_no` (1-based) of a PDF."""

    start: int
    end: int
    page_no: int


@dataclass
class TextLayer:
    """What one file reads as: its text and the structure it declares (spans into `text`)."""

    text: str
    format: str  # html, docx or pdf
    encoding: str  # the charset an HTML page was decoded with; "" for docx and pdf
    #: field → (value, source) read from the file itself: title, issuer, published, posted, doc_number, keywords
    meta: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: field → (value, source) used only when neither the manifest, `meta` nor the text give one
    fallback: dict[str, tuple[str, str]] = field(default_factory=dict)
    regions: list[Region] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    pages: list[PageSpan] = field(default_factory=list)
    ocr: bool = False


def format_of(path: Path) -> str:
    """`txt`, `html`, `docx` or `pdf` from the file ending; "" for a file the pipeline does not read."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return "txt"
    return FORMAT_OF_SUFFIX.get(suffix, "")


def refuse_unreadable(path: Path) -> None:
    """Raise InputError for a file ending that is known and cannot be read (.doc, .wps, .rtf)."""
    refused = REFUSED_SUFFIXES.get(path.suffix.lower())
    if refused:
        raise InputError(path.name, *refused)


def read_text_layer(path: Path, raw: bytes, ocr: bool = False) -> TextLayer:
    """The text layer of an .html/.htm, .docx or .pdf file (raises InputError naming the file)."""
    kind = format_of(path)
    if kind == "html":
        from analysis.formats.html import read_html

        return read_html(raw, path.name)
    if kind == "docx":
        from analysis.formats.docx import read_docx

        return read_docx(raw, path.name)
    if kind == "pdf":
        from analysis.formats.pdf import read_pdf

        return read_pdf(raw, path.name, ocr=ocr)
    refuse_unreadable(path)
    raise InputError(
        path.name, "is not a format the pipeline reads", "use .txt, .html, .docx or .pdf"
    )
