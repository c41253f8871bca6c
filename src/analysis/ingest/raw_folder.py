"""The raw folder: which entries are documents, their names and ids, the manifest."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from pathlib import Path

from analysis.errors import InputError
from analysis.ingest.decoding import decode_bytes
from analysis.ingest.metadata import parse_date
from analysis.ingest.script import _simplified_cell
from analysis.places import normalise_province
from analysis.schema import DOC_TYPES

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("source_file", "province", "title", "issuer", "doc_type", "published", "url")
TEXT_SUFFIXES = (".txt",)
#: Every file ending read as a document: .txt here, .html/.htm, .docx and .pdf by analysis.formats.
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def doc_id_for(source_file: str) -> str:
    """Stable, readable, file-name-safe id from the file name: 000_1d2e.txt → 000_1d2e, 山西规划.txt → 山西规划.

    Letters (Chinese included), digits, _ and - are kept; a name with anything else
    (spaces, punctuation) has those replaced by - and gains a short hash of the full
    name, so two files never share an id.
    """
    stem = unicodedata.normalize("NFC", Path(source_file).stem)
    slug = re.sub(r"[^\w-]+", "-", stem).strip("-")
    if slug == stem and slug:
        return slug
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


def _manifest_error(row_no: int, problem: str) -> InputError:
    return InputError(
        f"{MANIFEST_NAME} row {row_no}", problem, "fix the manifest row or leave the cell blank"
    )


def read_manifest(raw_dir: Path, text_files: list[str]) -> dict[str, dict[str, str]]:
    """Manifest rows keyed by source_file (empty when there is no manifest).

    Errors name the row: unknown column, a file that is not in the folder, a bad
    date, an unknown province or doc_type.
    """
    path = raw_dir / MANIFEST_NAME
    if not path.exists():
        return {}
    text, _ = decode_bytes(path.read_bytes(), MANIFEST_NAME)
    reader = csv.DictReader(io.StringIO(text))
    header = [
        name.strip() for name in reader.fieldnames or [] if name.strip()
    ]  # Excel adds empty trailing cells
    unknown = [name for name in header if name not in MANIFEST_COLUMNS]
    if unknown:
        raise InputError(
            MANIFEST_NAME,
            f"unknown column(s) {', '.join(unknown)}",
            f"allowed columns: {', '.join(MANIFEST_COLUMNS)}",
        )
    if "source_file" not in header:
        raise InputError(
            MANIFEST_NAME, "has no source_file column", f"columns: {', '.join(MANIFEST_COLUMNS)}"
        )
    rows: dict[str, dict[str, str]] = {}
    for row_no, row in enumerate(reader, start=2):
        extra = [value for value in row.get(None) or [] if value.strip()]
        extra += [
            value
            for key, value in row.items()
            if key is not None and not key.strip() and (value or "").strip()
        ]
        if extra:
            raise _manifest_error(
                row_no,
                f"has more cells than the header ({len(extra)} extra: {', '.join(extra)}); "
                "quote a cell that contains a comma",
            )
        clean = {
            key.strip(): (value or "").strip()
            for key, value in row.items()
            if key is not None and key.strip()
        }
        for key in (
            "province",
            "title",
            "issuer",
        ):  # 廣西, a traditional title → simplified, as the texts are
            if clean.get(key):
                clean[key] = _simplified_cell(clean[key])
        source = clean.get("source_file", "")
        if not source:
            raise _manifest_error(row_no, "has no source_file")
        if source not in text_files:
            raise _manifest_error(
                row_no,
                f"names {source}, which is not a document (.txt, .html, .docx, .pdf) in {raw_dir.name}/",
            )
        if source in rows:
            raise _manifest_error(row_no, f"repeats {source}")
        if clean.get("published"):
            iso = parse_date(clean["published"])
            if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", clean["published"]):
                raise _manifest_error(
                    row_no, f"published date {clean['published']!r} is not a valid YYYY-MM-DD date"
                )
        if clean.get("province"):
            full = normalise_province(clean["province"])
            if not full:
                raise _manifest_error(
                    row_no,
                    f"province {clean['province']!r} is not a Chinese province-level name (e.g. 河南省)",
                )
            clean["province"] = full
        if clean.get("doc_type") and clean["doc_type"] not in DOC_TYPES:
            raise _manifest_error(
                row_no, f"doc_type {clean['doc_type']!r} is not one of {', '.join(DOC_TYPES)}"
            )
        rows[source] = clean
    return rows


NAME_MAX_BYTES = 255  # longest file name (in UTF-8 bytes) common file systems allow


def checked_entries(raw_dir: Path) -> tuple[list[Path], list[str]]:
    """(entries of the raw folder to consider, sorted; names of hidden entries, skipped).

    A symbolic link is followed only when it resolves inside the raw folder; one pointing
    outside it (or nowhere) is refused (InputError), so no outside file is ever published.
    """
    root = raw_dir.resolve()
    entries, hidden = [], []
    for path in sorted(raw_dir.iterdir()):
        try:
            path.name.encode("utf-8")
        except (
            UnicodeEncodeError
        ):  # bytes the file system gave that are not UTF-8 (surrogate escapes)
            raise InputError(
                ascii(path.name),
                "has a file name that is not valid UTF-8",
                "rename the file (e.g. with convmv) to a UTF-8 name",
            ) from None
        if path.name.startswith("."):
            hidden.append(path.name)
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.exists():
                raise InputError(
                    path.name,
                    f"is a symbolic link to {target}, which does not exist",
                    "remove the link or copy the file into the folder",
                )
            if root not in target.parents:
                raise InputError(
                    path.name,
                    f"is a symbolic link to {target}, outside {raw_dir.name}/",
                    "copy the file into the folder instead of linking to it",
                )
        entries.append(path)
    return entries, hidden


def _names_differ(name: str, other: str) -> str:
    """How two file names giving one doc_id differ, for the message: the code points of the
    differing part when they differ only in Unicode normalisation (they look identical), else ""."""
    if name == other or unicodedata.normalize("NFC", name) != unicodedata.normalize("NFC", other):
        return ""
    start = next((i for i, (a, b) in enumerate(zip(name, other, strict=False)) if a != b), 0)
    end = next(
        (i for i, (a, b) in enumerate(zip(name[::-1], other[::-1], strict=False)) if a != b), 0
    )

    def points(text: str) -> str:
        return " ".join(f"U+{ord(ch):04X}" for ch in text[start : len(text) - end])

    return f" (the two names differ only in Unicode normalisation: {points(name)} in one, {points(other)} in the other)"
