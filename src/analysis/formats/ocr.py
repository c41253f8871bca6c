"""OCR of a scanned PDF with Tesseract (optional: only where `tesseract` and its chi_sim data are installed).

Asked for with `python -m analysis run --ocr` (environment variable ANALYSIS_OCR=1 for
the notebooks). Each page is rendered by PDFium at OCR_DPI and read by `tesseract … -l
chi_sim`; its paragraphs (blank-line separated) become lines, the spaces Tesseract puts
between Chinese characters are removed, and a paragraph that is a page number, or that
opens or closes two or more pages alike, is boilerplate. The text is marked as OCR in
documents.csv (`encoding` ocr): it has reading errors a text layer does not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from analysis.errors import InputError
from analysis.formats import PageSpan, Region, TextLayer

OCR_DPI = 300
OCR_LANGUAGE = "chi_sim"
OCR_ENCODING = "ocr"  # documents.csv `encoding` of a text read by OCR
OCR_ENV = "ANALYSIS_OCR"  # "1": scanned PDFs are read by OCR instead of refused
OCR_TIMEOUT_S = 120  # per page
# Chinese characters and full-width punctuation: Tesseract separates them with spaces
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")
# A page number on a line of its own: 3, - 3 -, — 3 —, 第3页
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–·•]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,4})[\s\-—–·•]*$"
)


def ocr_requested() -> bool:
    """True when the run asked for OCR (ANALYSIS_OCR=1, set by `run --ocr`)."""
    return os.environ.get(OCR_ENV, "") == "1"


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """True when `tesseract` is on the PATH with Chinese (chi_sim) data."""
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
    )
    return OCR_LANGUAGE in (listed.stdout + listed.stderr).split()


def clean_ocr_text(text: str) -> str:
    """Tesseract's text of one paragraph: lines joined, spaces beside Chinese characters removed."""
    joined = " ".join(line.strip() for line in text.splitlines() if line.strip())
    return _SPACE_NEAR_CJK.sub("", joined)


def _page_paragraphs(image: Path) -> list[str]:
    result = subprocess.run(
        ["tesseract", str(image), "stdout", "-l", OCR_LANGUAGE, "--psm", "3"],
        capture_output=True, text=True, timeout=OCR_TIMEOUT_S,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip()[:200])
    paragraphs = [clean_ocr_text(block) for block in re.split(r"\n\s*\n", result.stdout)]
    return [p for p in paragraphs if p]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def ocr_pdf(document, source_file: str) -> TextLayer:
    """The text layer of an opened scanned PDF (pypdfium2 document) read by Tesseract."""
    if not ocr_available():
        raise InputError(
            source_file,
            "has no text layer and OCR is not available here",
            "install tesseract-ocr and tesseract-ocr-chi-sim, or export the PDF with text",
        )
    pages: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(len(document)):
            image = Path(folder) / f"page{index + 1}.png"
            document[index].render(scale=OCR_DPI / 72).to_pil().save(image)
            try:
                pages.append(_page_paragraphs(image))
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                raise InputError(
                    source_file,
                    f"could not be read by OCR on page {index + 1} ({error})",
                    "export the PDF with text",
                ) from None
    edges: dict[str, set[int]] = {}
    for page_no, paragraphs in enumerate(pages, start=1):
        for paragraph in {paragraphs[0], paragraphs[-1]} if paragraphs else set():
            edges.setdefault(_shape(paragraph), set()).add(page_no)
    text_parts: list[str] = []
    spans: list[PageSpan] = []
    regions: list[Region] = []
    offset = 0
    for page_no, paragraphs in enumerate(pages, start=1):
        for position, paragraph in enumerate(paragraphs):
            at_edge = position in (0, len(paragraphs) - 1)
            if _PAGE_NUMBER.match(paragraph) or (
                at_edge and len(edges.get(_shape(paragraph), ())) >= 2
            ):
                regions.append(
                    Region(
                        offset,
                        offset + len(paragraph),
                        "boilerplate",
                        "page number"
                        if _PAGE_NUMBER.match(paragraph)
                        else "running head or footer",
                    )
                )
            spans.append(PageSpan(offset, offset + len(paragraph), page_no))
            text_parts.append(paragraph)
            offset += len(paragraph) + 1
    text = "\n".join(text_parts)
    if not text.strip():
        raise InputError(
            source_file, "has no text layer and OCR found no text in it", "export the PDF with text"
        )
    return TextLayer(
        text=text, format="pdf", encoding=OCR_ENCODING, regions=regions, pages=spans, ocr=True
    )
