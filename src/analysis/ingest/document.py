"""The document record: decoded and normalised text, and its metadata with their sources."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from analysis.formats import TextLayer

#: Metadata fields with a `{field}_source` column in documents.csv.
METADATA_FIELDS = (
    "province", "title", "issuer", "doc_type", "published",
    "posted", "doc_number", "issuer_level", "review_year",
)  # fmt: skip


@dataclass
class Document:
    """One input document: decoded and normalised text, and its metadata."""

    doc_id: str
    source_file: str
    sha256: str
    encoding: str
    script: str
    raw_text: str
    text: str
    province: str = ""
    title: str = ""
    issuer: str = ""
    doc_type: str = ""
    published: str = ""
    url: str = ""
    posted: str = ""  # a page's 发布日期 (ISO); `published` is the document's own date
    doc_number: str = ""  # 发文字号
    issuer_level: str = ""  # schema.ISSUER_LEVELS, from the issuer
    review_year: int | None = None  # a work report: the year its review part reports on
    sources: dict[str, str] = field(default_factory=dict)
    duplicate_of: str = ""
    warnings: list[str] = field(default_factory=list)
    format: str = "txt"  # txt, html, docx or pdf
    layout: TextLayer | None = (
        None  # what an .html, .docx or .pdf file says of its structure (None for .txt)
    )

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def text_sha256(self) -> str:
        """SHA-256 of the text layer as written to interim/{doc_id}.txt (UTF-8)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()
