"""Documents that are kept but warned about: no body, no headings, a second copy."""

from __future__ import annotations

from pathlib import Path

from analysis import ingest, pipeline, structure


def _corpus(tmp_path: Path, files: dict[str, str]) -> ingest.Corpus:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return ingest.read_corpus(tmp_path)


def test_page_furniture_only_is_kept_as_boilerplate_with_a_warning(tmp_path: Path) -> None:
    corpus = _corpus(
        tmp_path,
        {
            "page.txt": "首页 > 政策文件\n分享到:微信 微博\n浏览次数:1234\n【打印本页】【关闭窗口】\n"
        },
    )
    clauses = structure.clauses_table(corpus.documents)
    warnings = pipeline.structure_warnings(corpus.documents, clauses)
    assert warnings == [
        "page.txt: no body text found (only page furniture, headers or signature); kept as boilerplate"
    ]
    assert set(clauses["part"]) == {"boilerplate"}
    assert "".join(clauses["text"]).replace(" ", "") == corpus.documents[0].text.replace(
        "\n", ""
    ).replace(" ", "")


def test_text_without_headings_is_unstructured_body_with_a_warning(tmp_path: Path) -> None:
    corpus = _corpus(
        tmp_path, {"letter.txt": "近年来,我市持续推进转型。下一步,将继续加大支持力度。\n"}
    )
    clauses = structure.clauses_table(corpus.documents)
    assert pipeline.structure_warnings(corpus.documents, clauses) == [
        "letter.txt: no recognised headings (一、 (一) 1. …); the body is kept as unstructured text"
    ]
    assert set(clauses["part"]) == {"body"}


def test_a_second_copy_is_listed_but_not_analysed(tmp_path: Path) -> None:
    text = "某市实施方案\n一、总体要求\n推进转型。\n"
    corpus = _corpus(tmp_path, {"a.txt": text, "b.txt": text})
    clauses = structure.clauses_table(corpus.documents)
    documents = pipeline.documents_table(corpus.documents, clauses)
    assert documents["duplicate_of"].tolist() == ["", "a"]
    assert set(clauses["doc_id"]) == {"a"}


def test_structure_warnings_reach_the_documents_table(tmp_path: Path) -> None:
    corpus = _corpus(
        tmp_path, {"letter.txt": "近年来,我市持续推进转型。下一步,将继续加大支持力度。\n"}
    )
    documents, _ = pipeline.clauses_stage(corpus.documents)
    assert pipeline.document_warnings(documents) == [
        "letter.txt: no recognised headings (一、 (一) 1. …); the body is kept as unstructured text"
    ]
