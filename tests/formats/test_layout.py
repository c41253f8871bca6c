"""A file's own structure in the clause table: marked regions as parts, its headings where the
text has no numbered ones."""

from __future__ import annotations

from pathlib import Path

import docx
import pandas as pd

from analysis import ingest, structure

PAGE = """<html><head><meta charset="utf-8"></head><body>
<nav><a href="/">首页</a> <a href="/a">新闻</a></nav>
<h1>某市矿区生态修复工作要点</h1>
<h2>总体安排</h2>
<p>今年完成矿山修复面积120公顷。</p>
<h3>资金保障</h3>
<p>市财政安排专项资金3000万元。</p>
<h2>工作要求</h2>
<p>各县区按月报送进度。</p>
<div class="footer">版权所有 某市人民政府</div>
</body></html>"""


def _clauses(path: Path) -> pd.DataFrame:
    return structure.clauses_table([ingest.read_document(path)])


def _row(clauses: pd.DataFrame, text: str) -> dict:
    return clauses[clauses["text"] == text].iloc[0].to_dict()


def test_page_headings_number_the_sections_when_the_text_has_none(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    clauses = _clauses(tmp_path / "page.html")
    first = _row(clauses, "今年完成矿山修复面积120公顷。")
    assert (first["part"], first["section_no"], first["section_title"]) == ("body", 1, "总体安排")
    money = _row(clauses, "市财政安排专项资金3000万元。")
    assert (money["section_no"], money["section_title"], money["item_no"], money["item_title"]) == (
        1,
        "总体安排",
        1,
        "资金保障",
    )
    last = _row(clauses, "各县区按月报送进度。")
    assert (last["section_no"], last["section_title"]) == (2, "工作要求")
    assert pd.isna(last["item_no"])  # a new section closes the item
    assert _row(clauses, "首页 新闻")["part"] == "boilerplate"
    assert _row(clauses, "版权所有 某市人民政府")["part"] == "boilerplate"
    assert _row(clauses, "总体安排")["is_heading"]


def test_numbered_headings_win_over_the_files_headings(tmp_path: Path) -> None:
    page = PAGE.replace("<h2>总体安排</h2>", "<h2>一、总体安排</h2>").replace(
        "<h2>工作要求</h2>", "<h2>二、工作要求</h2>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    clauses = _clauses(tmp_path / "page.html")
    money = _row(clauses, "市财政安排专项资金3000万元。")
    assert (money["section_no"], money["section_title"]) == (1, "总体安排")
    assert pd.isna(money["item_no"])  # the h3 without a number is not a heading here


def test_word_heading_styles_number_the_sections(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市矿区生态修复工作要点", style="Title")
    document.add_heading("总体安排", level=1)
    document.add_paragraph("今年完成矿山修复面积120公顷。")
    document.add_heading("工作要求", level=1)
    document.add_paragraph("各县区按月报送进度。")
    document.save(str(tmp_path / "plan.docx"))
    clauses = _clauses(tmp_path / "plan.docx")
    assert _row(clauses, "今年完成矿山修复面积120公顷。")["section_title"] == "总体安排"
    assert _row(clauses, "各县区按月报送进度。")["section_no"] == 2
