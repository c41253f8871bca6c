"""OCR of scanned PDFs (optional): Tesseract with chi_sim where installed, a clear refusal where not."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.formats import ocr
from analysis.formats.pdf import read_pdf

from . import documents as doc

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@pytest.mark.parametrize(
    ("tesseract_text", "expected"),
    [
        ("山 西 省 人 民 政 府\n", "山西省人民政府"),
        ("到 2025 年 , 全 省\n投 资 100 亿 元 。", "到2025年,全省投资100亿元。"),
        ("PM2.5 浓 度 下 降", "PM2.5浓度下降"),
        ("Green Finance 试 点", "Green Finance试点"),
        ("  \n", ""),
    ],
)
def test_spaces_beside_chinese_characters_are_removed(tesseract_text: str, expected: str) -> None:
    assert ocr.clean_ocr_text(tesseract_text) == expected


def test_scan_with_ocr_asked_but_no_tesseract_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    ocr.ocr_available.cache_clear()
    try:
        with pytest.raises(InputError) as error:
            read_pdf(doc.write_scan(tmp_path / "scan.pdf").read_bytes(), "scan.pdf", ocr=True)
    finally:
        ocr.ocr_available.cache_clear()
    assert error.value.file == "scan.pdf"
    assert (
        "OCR is not available" in error.value.problem
        and "tesseract-ocr-chi-sim" in error.value.hint
    )


@pytest.mark.slow
@pytest.mark.skipif(
    not ocr.ocr_available(), reason="optional: Tesseract with chi_sim data is not installed"
)
def test_scan_is_read_by_ocr_and_marked(tmp_path: Path) -> None:
    layer = read_pdf(doc.write_scan(tmp_path / "scan.pdf").read_bytes(), "scan.pdf", ocr=True)
    assert layer.ocr and layer.encoding == "ocr" and layer.format == "pdf"
    assert {span.page_no for span in layer.pages} == {1, 2}
    furniture = {layer.text[r.start : r.end] for r in layer.regions}
    assert doc.RUNNING_HEAD in furniture  # on both pages
    body = "".join(line for line in layer.text.split("\n") if line not in furniture)
    expected = "".join(doc.body_lines())
    assert (
        difflib.SequenceMatcher(None, body, expected).ratio() > 0.8
    )  # OCR reads most characters right
