"""Word files (.docx) → text layer, with python-docx.

Paragraphs and tables in document order (a table row is a line, its cells
separated by a space; a merged cell counts once), Word's automatic numbering written
before its paragraphs as the reader sees it (一、 (一) 1.), heading styles and outline
levels as heading hints, footnotes after the body as back matter. The file's
core properties are used only as a fallback for the title, and for the date only
when the properties carry that title (a template's stale date is not the
document's).
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from analysis.errors import InputError
from analysis.formats import Heading, Region, TextLayer
from analysis.formats.docx_numbering import paragraph_number, read_numbering
from analysis.formats.text_builder import TextBuilder

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC = (f"{{{W}}}{name}" for name in ("p", "tbl", "tr", "tc"))
_FOOTNOTES_REL = "/footnotes"
# Built-in heading styles: "Heading 1" … "Heading 9", Chinese Word's 标题 1; "Title" is level 1.
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_HINT = "open it in Word or WPS and save it as .docx without a password"


def _open(raw: bytes, source_file: str):
    """The python-docx Document, or InputError for an encrypted, old-format or broken file."""
    import docx

    if raw.startswith(_OLE_MAGIC):
        raise InputError(
            source_file,
            "is encrypted (password-protected) or an old .doc file renamed to .docx",
            _HINT,
        )
    if not raw.startswith(b"PK"):
        raise InputError(source_file, "is not a Word .docx file (not a ZIP package)", _HINT)
    try:
        return docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise InputError(
            source_file, f"is a broken Word file ({type(error).__name__})", _HINT
        ) from None
    except Exception as error:  # python-docx raises its own PackageNotFoundError and others
        raise InputError(
            source_file, f"is a broken Word file ({type(error).__name__}: {error})", _HINT
        ) from None


def is_title_style(paragraph) -> bool:
    """A paragraph in Word's Title style (标题): the document's title."""
    return paragraph.style is not None and paragraph.style.name.lower() == "title"


def heading_level(paragraph) -> int:
    """1–9 for a heading paragraph (style Heading N / 标题 N / Title, or an outline level), else 0."""
    name = paragraph.style.name if paragraph.style is not None else ""
    if is_title_style(paragraph):
        return 1
    match = _HEADING_STYLE.match(name.strip())
    if match:
        return int(match.group(1))
    levels = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    if levels and levels[0].isdigit() and int(levels[0]) < 9:
        return int(levels[0]) + 1
    return 0


def _row_cells(row) -> list[str]:
    """Texts of a table row's cells, a horizontally merged cell once."""
    texts, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        texts.append(" ".join(cell.text.split()))
    return texts


def _footnotes(document) -> list[str]:
    """The texts of the footnotes (separators left out), in id order."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith(_FOOTNOTES_REL) and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            notes = []
            for note in root.iter(f"{{{W}}}footnote"):
                if note.get(f"{{{W}}}type") in (
                    "separator",
                    "continuationSeparator",
                    "continuationNotice",
                ):
                    continue
                text = "".join(note.itertext()).strip()
                if text:
                    notes.append(text)
            return notes
    return []


def read_docx(raw: bytes, source_file: str) -> TextLayer:
    """The text layer of a .docx file (raises InputError for encrypted, broken or empty files)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _open(raw, source_file)
    numbering = read_numbering(document)
    out = TextBuilder()
    headings: list[Heading] = []
    regions: list[Region] = []
    for child in document.element.body.iterchildren():
        if child.tag == _P:
            paragraph = Paragraph(child, document)
            start = out.line_start()
            text = paragraph.text
            number = paragraph_number(paragraph, numbering)  # Word's automatic 一、 (一) 1.
            if number and text.strip():
                indent = text[: len(text) - len(text.lstrip())]
                text = indent + number + text.lstrip()
            for index, piece in enumerate(text.split("\n")):  # a line break starts a line
                if index:
                    out.newline()
                out.write(piece.replace("\t", " "))
            end = out.offset
            out.newline()
            level = heading_level(paragraph)
            if level and end > start:
                headings.append(Heading(start, end, level))
            if is_title_style(paragraph) and end > start:  # the document's title: front matter
                regions.append(Region(start, end, "front_matter", "Title style"))
        elif child.tag == _TBL:
            for row in Table(child, document).rows:
                for cell in _row_cells(row):
                    out.space()
                    out.write(cell)
                out.newline()
    notes = _footnotes(document)
    if notes:
        start = out.line_start()
        for note in notes:
            out.write(note)
            end = out.offset
            out.newline()
        regions.append(Region(start, end, "back_matter", "footnotes"))
    text = out.text()
    if not text.strip():
        raise InputError(
            source_file,
            "is a Word file without text",
            "check that the file is the document itself, not an empty template",
        )
    properties = document.core_properties
    fallback: dict[str, tuple[str, str]] = {}
    core_title = re.sub(r"\s+", "", properties.title or "")
    if core_title:
        fallback["title"] = (core_title, "file_properties")
        if properties.created is not None:
            fallback["published"] = (properties.created.date().isoformat(), "file_properties")
    return TextLayer(
        text=text, format="docx", encoding="", fallback=fallback, regions=regions, headings=headings
    )
