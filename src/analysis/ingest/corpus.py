"""Reading a raw folder into a corpus: every document decoded, normalised and described."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InputError
from analysis.formats import format_of, read_text_layer, refuse_unreadable
from analysis.formats.ocr import ocr_requested
from analysis.ingest.decoding import decode_bytes
from analysis.ingest.document import Document
from analysis.ingest.metadata import doc_type_from_title, infer_metadata
from analysis.ingest.normalise import FULLWIDTH_ALNUM, normalise_text
from analysis.ingest.raw_folder import (
    DOCUMENT_SUFFIXES,
    MANIFEST_NAME,
    NAME_MAX_BYTES,
    _names_differ,
    checked_entries,
    doc_id_for,
    read_manifest,
)
from analysis.ingest.script import _simplified_cell

#: `encoding` of a document whose text comes from a file format, not from decoding bytes:
#: a .docx package's XML is UTF-8; a PDF's text comes through its fonts' Unicode maps.
LAYER_ENCODINGS = {
    "docx": "utf-8",
    "pdf": "unicode",
}  # a scanned PDF read by OCR: "ocr" (formats.ocr)


@dataclass
class Corpus:
    """The documents of a raw folder, in file-name order, and what was noticed on the way."""

    documents: list[Document]
    warnings: list[str]
    skipped: list[str]


def read_document(
    path: Path, manifest_row: dict[str, str] | None = None, ocr: bool = False
) -> Document:
    """Read, decode, normalise one file and infer its metadata (manifest values win)."""
    return document_from_bytes(path.name, path.read_bytes(), manifest_row, ocr=ocr)


def document_from_bytes(
    source_file: str, raw: bytes, manifest_row: dict[str, str] | None = None, ocr: bool = False
) -> Document:
    """`read_document` on the bytes of a file called `source_file` (e.g. generated in memory)."""
    kind = format_of(Path(source_file)) or "txt"
    layout = None
    if kind == "txt":
        decoded, encoding = decode_bytes(raw, source_file)
    else:  # the text layer of a page, a Word file or a PDF: spans index it
        layout = read_text_layer(
            Path(source_file), raw, ocr=ocr
        )  # ocr: a scanned PDF is read by Tesseract
        decoded, encoding = layout.text, layout.encoding or LAYER_ENCODINGS[kind]
    normalised, script = normalise_text(decoded)
    row = manifest_row or {}
    doc = Document(
        doc_id=doc_id_for(source_file),
        source_file=source_file,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        script=script,
        raw_text=decoded,
        text=normalised,
        url=row.get("url", ""),
        format=kind,
        layout=layout,
    )
    for key in ("province", "title", "issuer", "doc_type", "published"):
        if row.get(key):
            setattr(doc, key, row[key])
            doc.sources[key] = "manifest"
    if layout is not None:  # the file's own metadata (header table, <meta>) before the text's
        apply_hints(doc, layout.meta)
    infer_metadata(doc)
    if layout is not None and apply_hints(doc, layout.fallback) and not doc.doc_type:
        doc.doc_type = doc_type_from_title(doc.title) or ("other" if doc.title else "")
        doc.sources["doc_type"] = "title" if doc.doc_type else ""
    return doc


def apply_hints(doc: Document, hints: dict[str, tuple[str, str]]) -> bool:
    """Fill blank metadata fields from a file's own (value, source) hints; True when any was filled.

    Values are normalised as the text is (traditional → simplified, full-width digits);
    hints for fields a document does not have (keywords) are left out.
    """
    filled = False
    for key, (value, source) in sorted(hints.items()):
        if not value or not isinstance(getattr(doc, key, None), str) or getattr(doc, key):
            continue
        setattr(doc, key, _simplified_cell(value).translate(FULLWIDTH_ALNUM))
        doc.sources[key] = source
        filled = True
    return filled


def read_corpus(raw_dir: Path, ocr: bool | None = None) -> Corpus:
    """Every document of `raw_dir` (.txt, .html/.htm, .docx, .pdf; sorted by file name), validated.

    `ocr` (default: the ANALYSIS_OCR environment variable, set by `run --ocr`) reads a
    scanned PDF with Tesseract instead of refusing it. Raises InputError on the first
    bad file or manifest row, .doc/.wps/.rtf before any file is read. Other files are
    listed as skipped; a second copy of the same content is a warning and is
    analysed once (the copy keeps a documents row marked duplicate_of).
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(
            str(raw_dir), "is not a folder", "pass --raw with the folder holding the .txt files"
        )
    entries, hidden = checked_entries(raw_dir)
    for path in entries:  # .doc, .wps, .rtf: refused with a hint before any file is read
        if path.is_file():
            refuse_unreadable(path)
    text_files = [p for p in entries if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES]
    skipped = [p.name for p in entries if p not in text_files and p.name != MANIFEST_NAME]
    if not text_files:
        raise InputError(
            str(raw_dir),
            "holds no documents (.txt, .html, .docx or .pdf)",
            "put the policy texts there",
        )
    manifest = read_manifest(raw_dir, [p.name for p in text_files])
    documents: list[Document] = []
    warnings = [
        f"{name}: skipped (not a .txt, .html, .htm, .docx or .pdf file)" for name in skipped
    ]
    warnings += [f"{name}: skipped (a hidden file: its name starts with a dot)" for name in hidden]
    by_hash: dict[str, Document] = {}
    ids: dict[str, str] = {}
    for path in text_files:
        interim_name = (
            f"{doc_id_for(path.name)}.txt"  # interim/{doc_id}.txt must be a legal file name
        )
        if len(interim_name.encode("utf-8")) > NAME_MAX_BYTES:
            raise InputError(
                path.name,
                f"is too long a name: its text would be saved as interim/{interim_name[:24]}…, "
                f"{len(interim_name.encode('utf-8'))} bytes, "
                f"over the {NAME_MAX_BYTES} bytes a file name may have",
                "shorten the file name (and its manifest row)",
            )
        doc = read_document(
            path, manifest.get(path.name), ocr=ocr_requested() if ocr is None else ocr
        )
        if doc.doc_id in ids:
            raise InputError(
                path.name,
                f"gets the same doc_id {doc.doc_id!r} as {ids[doc.doc_id]}{_names_differ(path.name, ids[doc.doc_id])}",
                "rename one of the files",
            )
        ids[doc.doc_id] = path.name
        first = by_hash.get(doc.sha256) or by_hash.get(_content_key(doc))
        if first is not None:
            doc.duplicate_of = first.doc_id
            message = f"{path.name}: same content as {first.source_file}; analysed once (as {first.doc_id})"
            doc.warnings.append(message)
            warnings.append(message)
        else:
            by_hash[doc.sha256] = doc
            by_hash[_content_key(doc)] = doc
        documents.append(doc)
    return Corpus(documents, warnings, skipped)


def _content_key(doc: Document) -> str:
    """Hash of the normalised text without whitespace: the same document saved in two encodings."""
    return "text:" + hashlib.sha256(re.sub(r"\s+", "", doc.text).encode("utf-8")).hexdigest()


def analysed(documents: list[Document]) -> list[Document]:
    """The documents analysed (second copies of the same content left out)."""
    return [doc for doc in documents if not doc.duplicate_of]
