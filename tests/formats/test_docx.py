"""Word files → text layer: paragraphs in order, tables as rows, heading styles, footnotes, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from analysis.errors import InputError
from analysis.formats.docx import read_docx
from analysis.formats.docx_numbering import chinese_counting, format_number

from . import documents as doc


def test_document_paragraphs_in_order_with_heading_hints(tmp_path: Path) -> None:
    layer = read_docx(doc.write_docx(tmp_path / "d.docx").read_bytes(), "d.docx")
    lines = [line.strip("\u3000") for line in layer.text.split("\n")]
    assert lines == doc.body_lines()
    hints = [(layer.text[h.start : h.end], h.level) for h in layer.headings]
    assert hints == [(doc.TITLE, 1), ("一、主要目标", 1), ("二、重点任务", 1), ("三、保障措施", 1)]
    assert layer.format == "docx" and layer.meta == {}
    assert [(layer.text[r.start : r.end], r.part) for r in layer.regions] == [
        (doc.TITLE, "front_matter")
    ]  # Title style


def _docx(tmp_path: Path, build) -> bytes:
    document = docx.Document()
    build(document)
    path = tmp_path / "t.docx"
    document.save(str(path))
    return path.read_bytes()


def test_tables_are_rows_of_text_between_the_paragraphs(tmp_path: Path) -> None:
    def build(document) -> None:
        document.add_paragraph("主要指标如下。")
        table = document.add_table(rows=3, cols=3)
        for row, cells in zip(
            table.rows,
            [("指标", "2020年", "2025年"), ("森林覆盖率", "23%", "25%"), ("合计", "", "")],
            strict=True,
        ):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        merged = table.rows[2].cells[1].merge(table.rows[2].cells[2])
        merged.text = "另行统计"
        document.add_paragraph("以上指标为预期性指标。")

    layer = read_docx(_docx(tmp_path, build), "t.docx")
    assert (
        layer.text
        == "主要指标如下。\n指标 2020年 2025年\n森林覆盖率 23% 25%\n合计 另行统计\n以上指标为预期性指标。"
    )


@pytest.mark.parametrize(
    ("style", "level"),
    [
        ("Heading 1", 1),
        ("Heading 2", 2),
        ("Heading 3", 3),
        ("Title", 1),
        ("Normal", 0),
        ("List Bullet", 0),
    ],
)
def test_heading_styles(tmp_path: Path, style: str, level: int) -> None:
    layer = read_docx(
        _docx(tmp_path, lambda d: d.add_paragraph("推进矿区生态修复", style=style)), "t.docx"
    )
    assert [h.level for h in layer.headings] == ([level] if level else [])


def test_line_break_inside_a_paragraph_starts_a_line(tmp_path: Path) -> None:
    def build(document) -> None:
        paragraph = document.add_paragraph("山西省人民政府办公厅")
        paragraph.add_run().add_break()
        paragraph.add_run("2022年3月15日")

    assert read_docx(_docx(tmp_path, build), "t.docx").text == "山西省人民政府办公厅\n2022年3月15日"


def test_footnotes_are_kept_after_the_body_as_back_matter(tmp_path: Path) -> None:
    path = doc.add_footnote(
        doc.write_docx(tmp_path / "d.docx"), "示范园区名单由省发展改革委另行公布。"
    )
    layer = read_docx(path.read_bytes(), "d.docx")
    assert layer.text.endswith("\n示范园区名单由省发展改革委另行公布。")
    (region,) = [r for r in layer.regions if r.why == "footnotes"]
    assert (layer.text[region.start : region.end], region.part) == (
        "示范园区名单由省发展改革委另行公布。",
        "back_matter",
    )


def test_core_properties_only_as_fallback(tmp_path: Path) -> None:
    def build(document) -> None:
        document.add_paragraph("正文没有标题行。")
        document.core_properties.title = "某某市矿区治理工作方案"
        document.core_properties.created = dt.datetime(2021, 6, 30, 9, 0)

    layer = read_docx(_docx(tmp_path, build), "t.docx")
    assert layer.meta == {}
    assert layer.fallback == {
        "title": ("某某市矿区治理工作方案", "file_properties"),
        "published": ("2021-06-30", "file_properties"),
    }


def test_no_fallback_date_without_a_title_in_the_properties(tmp_path: Path) -> None:
    # python-docx's template carries a creation date of its own: without the file's title it is not this document's
    layer = read_docx(_docx(tmp_path, lambda d: d.add_paragraph("正文。")), "t.docx")
    assert layer.fallback == {}


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "encrypted"),
        (b"PK\x03\x04" + b"\x00" * 100, "broken"),
        (b"just some text saved as docx", "not a Word .docx file"),
    ],
)
def test_encrypted_and_broken_files_are_refused(raw: bytes, problem: str) -> None:
    with pytest.raises(InputError) as error:
        read_docx(raw, "bad.docx")
    assert error.value.file == "bad.docx"
    assert problem in error.value.problem
    assert ".docx" in error.value.hint


def test_zip_that_is_not_a_word_file_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    with pytest.raises(InputError, match="broken Word file"):
        read_docx(path.read_bytes(), "x.docx")


def test_empty_word_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="without text"):
        read_docx(_docx(tmp_path, lambda d: None), "t.docx")


def test_automatic_numbering_is_written_as_shown(tmp_path: Path) -> None:
    layer = read_docx(doc.write_docx_numbered(tmp_path / "n.docx").read_bytes(), "n.docx")
    lines = [line.strip("\u3000") for line in layer.text.split("\n")]
    assert lines == doc.body_lines()  # 一、 二、 三、 and （一） （二） rebuilt from numbering.xml


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
    ],
)
def test_chinese_counting(n: int, expected: str) -> None:
    assert chinese_counting(n) == expected


@pytest.mark.parametrize(
    ("n", "num_fmt", "expected"),
    [
        (3, "decimal", "3"),
        (3, "chineseCounting", "三"),
        (3, "chineseLegalSimplified", "叁"),
        (3, "decimalEnclosedCircle", "③"),
        (3, "ideographTraditional", "丙"),
        (3, "lowerLetter", "c"),
        (4, "upperRoman", "IV"),
        (3, "bullet", ""),
    ],
)
def test_number_formats(n: int, num_fmt: str, expected: str) -> None:
    assert format_number(n, num_fmt) == expected
