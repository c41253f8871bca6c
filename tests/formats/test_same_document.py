"""The same document as .txt, .html, .docx and .pdf gives the same body clauses and the same figures.

Documented differences between the formats (README, "Inputs"): a page's header table,
navigation and footer, and a PDF's running heads and page numbers are extra lines of
part front_matter or boilerplate; a PDF writes them after a paragraph they interrupt.
The body — every clause of part `body` — and its figures are the same.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import ingest, pipeline

from . import documents as doc

FORMATS = [
    pytest.param("txt", doc.write_txt, id="txt"),
    pytest.param("html", doc.write_gov_page, id="html"),
    pytest.param("docx", doc.write_docx, id="docx"),
    pytest.param("docx", doc.write_docx_numbered, id="docx-auto-numbering"),
    pytest.param(
        "pdf", lambda path: doc.write_pdf(path, columns=1), id="pdf-1col", marks=pytest.mark.slow
    ),
    pytest.param(
        "pdf", lambda path: doc.write_pdf(path, columns=2), id="pdf-2col", marks=pytest.mark.slow
    ),
]
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # fpdf2's note on A5 dimensions


def _tables(tmp_path: Path, suffix: str, write) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    folder = tmp_path / suffix
    folder.mkdir()
    write(folder / f"plan.{suffix}")
    corpus = ingest.read_corpus(folder)
    documents, clauses = pipeline.clauses_stage(corpus.documents)
    figures = pipeline.figures_stage(clauses, documents)["figures"]
    return documents.iloc[0], clauses, figures


def _body_texts(clauses: pd.DataFrame) -> list[str]:
    return clauses.loc[clauses["part"] == "body", "text"].tolist()


def _figure_facts(figures: pd.DataFrame) -> list[tuple[float, str, str]]:
    return [
        (round(float(v), 4), u, s)
        for v, u, s in zip(figures["value"], figures["unit"], figures["status"], strict=True)
    ]


@pytest.fixture(scope="module")
def txt_tables(tmp_path_factory: pytest.TempPathFactory):
    return _tables(tmp_path_factory.mktemp("txt"), "txt", doc.write_txt)


def test_the_text_gives_the_figures_read_from_it(txt_tables) -> None:
    _, _, figures = txt_tables
    expected = [(round(v, 4), unit, status) for v, unit, status in doc.EXPECTED_FIGURES]
    assert _figure_facts(figures) == expected


@pytest.mark.parametrize(("suffix", "write"), FORMATS)
def test_same_body_clauses_and_figures_in_every_format(
    tmp_path: Path, txt_tables, suffix: str, write
) -> None:
    _, txt_clauses, txt_figures = txt_tables
    document, clauses, figures = _tables(tmp_path, suffix, write)
    assert document["format"] == suffix
    assert _body_texts(clauses) == _body_texts(txt_clauses)
    assert _figure_facts(figures) == _figure_facts(txt_figures)


@pytest.mark.parametrize(("suffix", "write"), FORMATS)
def test_same_metadata_in_every_format(tmp_path: Path, suffix: str, write) -> None:
    document, _, _ = _tables(tmp_path, suffix, write)
    assert (document["title"], document["issuer"], document["published"]) == (
        doc.TITLE,
        doc.ISSUER,
        doc.PUBLISHED,
    )
    assert document["province"] == "山西省"


def test_gov_page_header_table_fills_the_documents_row(tmp_path: Path) -> None:
    document, clauses, _ = _tables(tmp_path, "html", doc.write_gov_page)
    assert document["doc_number"] == doc.DOC_NUMBER and document["doc_number_source"] == "header"
    assert document["posted"] == doc.POSTED and document["posted_source"] == "header"
    assert document["published"] == doc.PUBLISHED and document["published_source"] == "header"
    assert (document["title_source"], document["issuer_source"]) == ("header", "header")
    boilerplate = " ".join(clauses.loc[clauses["part"] == "boilerplate", "text"])
    for furniture in ("首页", "您当前的位置", "分享到", "【打印】【关闭】", "相关链接", "晋ICP备"):
        assert furniture in boilerplate
    header = " ".join(clauses.loc[clauses["part"] == "front_matter", "text"])
    assert "索 引 号" in header and "发文字号" in header


@pytest.mark.slow
@pytest.mark.parametrize("columns", [1, 2])
def test_pdf_page_numbers_on_clauses_and_figures(tmp_path: Path, columns: int) -> None:
    _, clauses, figures = _tables(
        tmp_path, "pdf", lambda path: doc.write_pdf(path, columns=columns)
    )
    page_of_clause = dict(zip(clauses["text"], clauses["page_no"], strict=False))
    assert (
        page_of_clause["为加快培育接续替代产业，推动资源型地区转型发展，结合我省实际，制定本方案。"]
        == 1
    )
    assert page_of_clause[doc.DATE_LINE] == 2
    assert set(figures["page_no"]) <= {1, 2} and figures["page_no"].notna().all()
    furniture = clauses[clauses["part"] == "boilerplate"]["text"].tolist()
    assert doc.RUNNING_HEAD in furniture and "— 1 —" in furniture


def test_non_pdf_formats_have_blank_page_numbers(txt_tables) -> None:
    _, clauses, figures = txt_tables
    assert clauses["page_no"].isna().all() and figures["page_no"].isna().all()
