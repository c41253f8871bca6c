"""What cannot be read is refused before anything is read: the message names the file and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import ingest
from analysis.errors import InputError

from . import documents as doc

OLE = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
)  # the header of an old Office (.doc, .wps) file
TINY_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstartxref\n0\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "raw", "problem", "hint"),
    [
        ("plan.doc", OLE, "old Word (.doc)", "save it as .docx"),
        ("PLAN.DOC", OLE, "old Word (.doc)", "save it as .docx"),
        ("plan.wps", OLE, "WPS Writer (.wps)", "save it as .docx"),
        ("plan.rtf", b"{\\rtf1 ...}", "RTF", ".docx"),
        ("broken.pdf", TINY_PDF, "broken PDF", "PDF with text"),
        ("cut.pdf", b"%PDF-1.4\n" + b"\x00" * 40, "broken PDF", "PDF with text"),
        ("renamed.pdf", "一段文字".encode(), "not a PDF", "PDF with text"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 60, "broken Word file", ".docx"),
        ("locked.docx", OLE, "encrypted", ".docx"),
        (
            "empty.html",
            b"<html><body><script>var a;</script></body></html>",
            "without visible text",
            ".txt",
        ),
    ],
)
def test_unreadable_files_are_refused_naming_the_file(
    tmp_path: Path, name: str, raw: bytes, problem: str, hint: str
) -> None:
    doc.write_txt(tmp_path / "good.txt")
    (tmp_path / name).write_bytes(raw)
    with pytest.raises(InputError) as error:
        ingest.read_corpus(tmp_path)
    assert error.value.file == name
    assert problem in error.value.problem
    assert hint in error.value.hint
    assert error.value.message.startswith(f"{name}: ")


def test_refusal_comes_before_reading_the_other_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")  # would be refused as empty if it were read first
    (tmp_path / "z.doc").write_bytes(OLE)
    with pytest.raises(InputError) as error:
        ingest.read_corpus(tmp_path)
    assert error.value.file == "z.doc"


@pytest.mark.parametrize("name", ["notes.md", "photo.png", "data.xlsx"])
def test_other_files_are_skipped(tmp_path: Path, name: str) -> None:
    doc.write_txt(tmp_path / "good.txt")
    (tmp_path / name).write_bytes(b"x")
    corpus = ingest.read_corpus(tmp_path)
    assert corpus.skipped == [name]
    assert [d.format for d in corpus.documents] == ["txt"]
