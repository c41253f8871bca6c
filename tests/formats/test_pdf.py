"""PDFs → text layer: reading order in one and two columns, paragraphs across breaks, running heads, refusals.

The PDFs are printed at test time by fpdf2 with the Noto Sans CJK font embedded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.formats.pdf import page_of, read_pdf

from . import documents as doc

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::UserWarning")]


@pytest.mark.parametrize(("columns", "char_spacing"), [(1, 0.0), (2, 0.0), (1, 4.0), (2, 4.0)])
def test_reading_order_and_paragraphs(tmp_path: Path, columns: int, char_spacing: float) -> None:
    path = doc.write_pdf(tmp_path / "d.pdf", columns=columns, char_spacing=char_spacing)
    layer = read_pdf(path.read_bytes(), "d.pdf")
    furniture = {layer.text[r.start : r.end] for r in layer.regions}
    lines = [line for line in layer.text.split("\n") if line not in furniture]
    assert lines == doc.body_lines()  # every paragraph whole, in order, wrapped lines joined
    pages = {span.page_no for span in layer.pages}
    assert furniture == {doc.RUNNING_HEAD} | {f"— {n} —" for n in pages} and len(pages) >= 2
    assert all(r.part == "boilerplate" for r in layer.regions)


@pytest.mark.parametrize("columns", [1, 2])
def test_page_numbers_of_the_text(tmp_path: Path, columns: int) -> None:
    layer = read_pdf(doc.write_pdf(tmp_path / "d.pdf", columns=columns).read_bytes(), "d.pdf")
    text = layer.text
    assert page_of(layer.pages, text.index("为加快培育")) == 1
    assert (
        page_of(layer.pages, text.index(doc.DATE_LINE)) == 2
    )  # the signature is on the second page
    # the last paragraph starts on page 1 and ends on page 2 (it runs on across the break)
    assert page_of(layer.pages, text.index("省级财政每年")) == 1
    assert page_of(layer.pages, text.index("确保各项任务按期完成")) == 2
    assert page_of(layer.pages, text.index("— 2 —")) == 2


def test_furniture_inside_a_paragraph_is_written_after_it(tmp_path: Path) -> None:
    layer = read_pdf(doc.write_pdf(tmp_path / "d.pdf").read_bytes(), "d.pdf")
    last = next(text for kind, text in reversed(doc.BLOCKS) if kind == "para")
    assert f"{last}\n— 1 —\n{doc.RUNNING_HEAD}\n{doc.BLOCKS[-2][1]}" in layer.text


def _fpdf():
    from fpdf import FPDF

    pdf = FPDF(format=(100, 140))
    pdf.add_font("noto", fname=doc.cjk_font(), collection_font_number=doc.NOTO_SC_INDEX)
    pdf.set_font("noto", size=11)
    return pdf


def test_scan_without_text_layer_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "page.png"
    Image.new("L", (400, 560), 235).save(image)
    pdf = _fpdf()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(image), x=0, y=0, w=100)
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(InputError) as error:
        read_pdf((tmp_path / "scan.pdf").read_bytes(), "scan.pdf")
    assert error.value.file == "scan.pdf"
    assert "no text layer" in error.value.problem and "scan" in error.value.hint


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    pdf = _fpdf()
    pdf.set_encryption(owner_password="owner", user_password="reader")
    pdf.add_page()
    pdf.cell(0, 8, "加密的文件")
    pdf.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(InputError, match="encrypted"):
        read_pdf((tmp_path / "locked.pdf").read_bytes(), "locked.pdf")


@pytest.mark.parametrize("cut", [0.3, 0.6])
def test_broken_pdf_is_refused(tmp_path: Path, cut: float) -> None:
    raw = doc.write_pdf(tmp_path / "d.pdf").read_bytes()
    with pytest.raises(InputError) as error:
        read_pdf(raw[: int(len(raw) * cut)], "cut.pdf")
    assert error.value.file == "cut.pdf"
    assert "broken PDF" in error.value.problem and "PDF with text" in error.value.hint


def test_not_a_pdf_is_refused() -> None:
    with pytest.raises(InputError, match="not a PDF"):
        read_pdf("一段文字".encode(), "x.pdf")
