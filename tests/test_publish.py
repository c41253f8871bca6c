"""Publishing: deterministic CSV, datapackage.json, workbook, dictionary, HTML pages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import nbclient
import nbformat
import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis import publish
from analysis.compare import kwic
from analysis.schema import DATASET_VERSION, TABLES
from analysis.tables_io import TableError, format_number, table_csv, write_table

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert(1)</script>"
SHA = "ab" * 32


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A table with every schema column; columns a row leaves out are missing (None)."""
    return pd.DataFrame(rows, columns=TABLES[name].columns)


def tiny_tables() -> dict[str, pd.DataFrame]:
    """One small, consistent row set per table (every foreign key resolves)."""
    c1, c2 = "d1-c000001", "d1-c000002"
    return {
        "documents": frame(
            "documents",
            [
                {
                    "doc_id": "d1",
                    "source_file": "河南.txt",
                    "sha256": SHA,
                    "format": "txt",
                    "text_sha256": SHA,
                    "encoding": "gb18030",
                    "script": "traditional",
                    "province": "河南省",
                    "title": f"关于{SCRIPT}的通知",
                    "issuer": "河南省发展和改革委员会",
                    "doc_type": "plan",
                    "published": "2022-05-15",
                    "n_chars": 120,
                    "province_source": "issuer",
                    "title_source": "text",
                    "published_source": "signature",
                    "n_clauses": 2,
                    "n_body_chars": 40,
                },
                {
                    "doc_id": "d0",
                    "source_file": "copy.txt",
                    "sha256": SHA,
                    "format": "txt",
                    "text_sha256": SHA,
                    "encoding": "utf-8",
                    "script": "simplified",
                    "n_chars": 120,
                    "duplicate_of": "d1",
                    "warnings": "copy.txt: same content as 河南.txt",
                },
            ],
        ),
        "clauses": frame(
            "clauses",
            [
                {
                    "clause_id": c2,
                    "doc_id": "d1",
                    "part": "body",
                    "section_no": 1,
                    "section_title": "总体要求",
                    "paragraph_no": 2,
                    "sentence_no": 2,
                    "clause_no": 1,
                    "is_heading": False,
                    "template": True,
                    "start": 20,
                    "end": 40,
                    "text": "到2025年，安排21.96亿元转移支付，新增4000亩",
                },
                {
                    "clause_id": c1,
                    "doc_id": "d1",
                    "part": "front_matter",
                    "paragraph_no": 1,
                    "sentence_no": 1,
                    "clause_no": 1,
                    "is_heading": True,
                    "template": False,
                    "start": 0,
                    "end": 10,
                    "text": "河南省发展和改革委员会\r\n",
                },
            ],
        ),
        "figures": frame(
            "figures",
            [
                {
                    "figure_id": "f1",
                    "doc_id": "d1",
                    "clause_id": c2,
                    "start": 27,
                    "end": 34,
                    "surface": "21.96亿元",
                    "value": 2196000000.0,
                    "unit": "yuan",
                    "unit_raw": "亿元",
                    "kind": "funding",
                    "status": "commitment",
                    "year": 2025.0,
                    "per_year": False,
                    "status_cue": "到2025年",
                    "scope_level": "province",
                },
                {
                    "figure_id": "f2",
                    "doc_id": "d1",
                    "clause_id": c2,
                    "start": 36,
                    "end": 41,
                    "surface": "4000亩",
                    "value": 4000 / 15,
                    "unit": "hectare",
                    "unit_raw": "亩",
                    "kind": "area",
                    "status": "commitment",
                    "qualifier": "约",
                    "scope_place": "平顶山市",
                    "scope_adcode": "410400000000",
                    "scope_level": "prefecture",
                },
                {
                    "figure_id": "f3",
                    "doc_id": "d1",
                    "clause_id": c2,
                    "start": 36,
                    "end": 41,
                    "surface": "4000亩",
                    "value": 4000 / 15,
                    "unit": "hectare",
                    "unit_raw": "亩",
                    "kind": "area",
                    "status": "commitment",
                    "duplicate_of": "f2",
                    "scope_level": "prefecture",
                    "direction": "increase",
                },
            ],
        ),
        "targets": frame(
            "targets",
            [
                {
                    "target_id": "t1",
                    "doc_id": "d1",
                    "clause_id": c2,
                    "target_year": 2025,
                    "statement": "到2025年，安排21.96亿元转移支付",
                    "figure_id": "f1",
                    "quantified": True,
                    "start": 20,
                    "end": 40,
                    "status": "commitment",
                    "figure_ids": "f1",
                },
                {
                    "target_id": "t2",
                    "doc_id": "d1",
                    "clause_id": c2,
                    "target_year": 2025,
                    "statement": "到2025年",
                    "quantified": False,
                    "start": 20,
                    "end": 26,
                    "status": "commitment",
                },
            ],
        ),
        "funding": frame(
            "funding",
            [
                {
                    "figure_id": "f1",
                    "doc_id": "d1",
                    "amount_yuan": 2196000000.0,
                    "status": "commitment",
                    "year": 2025,
                    "source_level": "central",
                    "instrument": "转移支付",
                    "mentions": 2,
                    "clause_id": c2,
                    "surface": "21.96亿元",
                    "per_year": False,
                    "kind": "funding",
                    "scope_level": "province",
                    "period_type": "single_year",
                },
            ],
        ),
        "clause_themes": frame(
            "clause_themes",
            [
                {
                    "clause_id": c2,
                    "doc_id": "d1",
                    "theme_id": "subsidence",
                    "matched": "采煤沉陷区",
                    "n_matches": 1,
                    "counted": True,
                },
            ],
        ),
        "clause_instruments": frame(
            "clause_instruments",
            [
                {
                    "clause_id": c2,
                    "doc_id": "d1",
                    "instrument_type": "supply",
                    "instrument_subtype": "资金投入",
                    "matched": "转移支付",
                },
            ],
        ),
        "coverage": frame(
            "coverage",
            [
                {
                    "doc_id": "d1",
                    "province": "河南省",
                    "theme_id": "subsidence",
                    "clauses": 1,
                    "share_clauses": 1 / 3,
                    "share_chars": 0.1 + 0.2,
                    "doc_type": "plan",
                    "clauses_excl_template": 0,
                    "share_clauses_excl_template": 0.0,
                    "share_chars_excl_template": 0.0,
                },
            ],
        ),
        "places": frame(
            "places",
            [
                {
                    "doc_id": "d1",
                    "place": "平顶山市",
                    "adcode": "410400000000",
                    "place_level": "prefecture",
                    "province": "河南省",
                    "theme_id": "all",
                    "mentions": 2,
                },
            ],
        ),
        "alignment": frame(
            "alignment",
            [
                {
                    "doc_id": "d1",
                    "province": "河南省",
                    "task_id": "T5",
                    "task_label": "采煤沉陷区综合治理",
                    "clauses": 1,
                    "evidence": c2,
                    "covered": True,
                },
            ],
        ),
        "themes": frame(
            "themes",
            [
                {
                    "theme_id": "subsidence",
                    "label_zh": "采煤沉陷区治理",
                    "label_en": "Subsidence",
                    "definition": "Coal-mining subsidence areas.",
                    "keywords": "采煤沉陷区",
                    "national_tasks": "T5",
                    "role": "topic",
                    "exclusions": "",
                    "codebook_version": "1.0.0",
                },
            ],
        ),
        "province_money": frame(
            "province_money",
            [
                {
                    "province": "河南省",
                    "doc_type": "plan",
                    "scope_level": "province",
                    "kind": "funding",
                    "status": "commitment",
                    "period_type": "single_year",
                    "amount_yuan": 2e8,
                    "amount_yuan_high": 2e8,
                    "figures": 1,
                    "documents": 1,
                    "years": "2025",
                    "figure_ids": "d1-c000001-f001",
                },
            ],
        ),
        "province_targets": frame(
            "province_targets",
            [
                {
                    "province": "河南省",
                    "doc_type": "plan",
                    "theme_id": "all",
                    "statements": 1,
                    "quantified": 1,
                    "qualitative": 0,
                    "earliest_year": 2025,
                    "latest_year": 2025,
                    "doc_ids": "d1",
                    "issuer_levels": "province",
                },
            ],
        ),
        "province_coverage": frame(
            "province_coverage",
            [
                {
                    "province": "河南省",
                    "doc_type": "plan",
                    "theme_id": "subsidence",
                    "documents": 1,
                    "body_clauses": 2,
                    "clauses": 1,
                    "share_clauses": 0.5,
                    "body_chars": 40,
                    "chars": 20,
                    "share_chars": 0.5,
                    "doc_ids": "d1",
                },
            ],
        ),
        "province_alignment": frame(
            "province_alignment",
            [
                {
                    "province": "河南省",
                    "doc_type": "plan",
                    "task_id": "T5",
                    "task_label": "采煤沉陷区治理",
                    "documents": 1,
                    "body_clauses": 2,
                    "clauses": 1,
                    "share": 0.5,
                    "covered_documents": 1,
                    "doc_ids": "d1",
                },
            ],
        ),
    }


def read_back(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.1 + 0.2, "0.3"),
        (1e-7, "0"),
        (1.5e-5, "0.000015"),
        (2.0, "2"),
        (-0.0, "0"),
        (-1e-9, "0"),
        (1e20, "100000000000000000000"),
        (2196000000.0, "2196000000"),
        (4000 / 15, "266.666667"),
        (0.1234567, "0.123457"),
    ],
)
def test_format_number_fixed_point(value, expected):
    assert format_number(value) == expected
    assert "e" not in format_number(value).lower()


def test_format_number_rejects_infinity():
    with pytest.raises(ValueError, match="finite"):
        format_number(float("inf"))


def test_write_table_twice_byte_identical_and_independent_of_row_order(tmp_path):
    clauses = tiny_tables()["clauses"]
    first, second, shuffled = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    write_table(clauses, first, "clauses")
    write_table(clauses, second, "clauses")
    write_table(clauses.iloc[::-1], shuffled, "clauses")
    assert first.read_bytes() == second.read_bytes() == shuffled.read_bytes()


def test_write_table_encoding_and_line_ends(tmp_path):
    path = write_table(tiny_tables()["clauses"], tmp_path / "clauses.csv", "clauses")
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")
    assert data.endswith(b"\n")
    lines = data.split(b"\n")
    assert lines[0] == ",".join(TABLES["clauses"].columns).encode()
    # The only \r is inside the quoted clause text that had one.
    assert data.count(b"\r") == 1
    assert b'"\xe6\xb2\xb3' in data  # the field with \r\n is quoted


def test_rows_sorted_by_primary_key_and_columns_in_schema_order():
    shuffled = tiny_tables()["clauses"]
    shuffled = shuffled[list(reversed(shuffled.columns))]
    back = read_back(table_csv(shuffled, "clauses"))
    assert list(back.columns) == TABLES["clauses"].columns
    assert back["clause_id"].tolist() == ["d1-c000001", "d1-c000002"]


def test_formatting_of_numbers_booleans_blanks_and_chinese():
    tables = tiny_tables()
    coverage = read_back(table_csv(tables["coverage"], "coverage")).iloc[0]
    assert coverage["share_chars"] == "0.3"
    assert coverage["share_clauses"] == "0.333333"
    assert coverage["share_clauses_excl_template"] == "0"
    figures = read_back(table_csv(tables["figures"], "figures"))
    assert figures["year"].tolist() == ["2025", "", ""]  # float column with NaN: no ".0"
    assert figures["value"].tolist() == ["2196000000", "266.666667", "266.666667"]
    assert figures["per_year"].tolist() == ["false", "", ""]
    assert figures["value_high"].tolist() == ["", "", ""]
    clauses = read_back(table_csv(tables["clauses"], "clauses"))
    assert clauses["is_heading"].tolist() == ["true", "false"]
    assert clauses["chapter_no"].tolist() == ["", ""]
    assert clauses["section_no"].tolist() == ["", "1"]
    assert clauses["text"].tolist() == tables["clauses"]["text"].iloc[::-1].tolist()
    documents = read_back(table_csv(tables["documents"], "documents"))
    assert documents.set_index("doc_id").loc["d1", "title"] == f"关于{SCRIPT}的通知"


def test_nullable_dtypes_and_numpy_scalars():
    coverage = tiny_tables()["coverage"].astype({"clauses": "Int64", "share_chars": "Float64"})
    coverage["clauses_excl_template"] = np.int64(7)
    row = read_back(table_csv(coverage, "coverage")).iloc[0]
    assert (row["clauses"], row["share_chars"], row["clauses_excl_template"]) == ("1", "0.3", "7")


def test_typed_and_object_columns_give_the_same_csv():
    clauses = tiny_tables()["clauses"].astype(
        {"section_no": "Int64", "paragraph_no": "int64", "is_heading": "bool", "text": "str"}
    )
    assert table_csv(clauses, "clauses") == table_csv(clauses.astype(object), "clauses")


def test_dates_accept_iso_text_and_date_objects():
    documents = tiny_tables()["documents"]
    documents["published"] = [pd.Timestamp("2022-05-15"), None]
    back = read_back(table_csv(documents, "documents")).set_index("doc_id")
    assert back.loc["d1", "published"] == "2022-05-15"
    assert back.loc["d0", "published"] == ""


def test_missing_and_unknown_columns_named_in_error():
    documents = tiny_tables()["documents"].drop(columns=["sha256"]).assign(surprise=1)
    with pytest.raises(TableError) as error:
        table_csv(documents, "documents")
    message = str(error.value)
    assert "'documents'" in message
    assert "missing column(s): sha256" in message
    assert "unknown column(s): surprise" in message


@pytest.mark.parametrize(
    "table_name, column, value, match",
    [
        ("figures", "unit", "万元", "outside the vocabulary: '万元'"),
        ("documents", "province", "河南", "outside the vocabulary"),
        ("clauses", "part", "", "blank value"),
        ("documents", "sha256", "xyz", "does not match"),
        ("documents", "published", "2022-02-30", "day is out of range"),
        ("documents", "published", "15/05/2022", "ISO date"),
        ("clauses", "start", 2.5, "expected an integer"),
        ("clauses", "is_heading", "yes", "expected true/false"),
        ("coverage", "share_chars", 1.5, r"outside \[0, 1\]"),
        ("figures", "surface", 3.0, "expected text"),
    ],
)
def test_bad_values_fail_clearly(table_name, column, value, match):
    df = tiny_tables()[table_name]
    df[column] = df[column].astype(object)
    df.loc[df.index[0], column] = value
    with pytest.raises(TableError, match=match) as error:
        table_csv(df, table_name)
    assert f"column '{column}'" in str(error.value)


def test_duplicate_primary_key_fails():
    figures = tiny_tables()["figures"]
    figures.loc[1, "figure_id"] = "f1"
    with pytest.raises(TableError, match="primary key"):
        table_csv(figures, "figures")


def test_empty_table_writes_header_only():
    empty = frame("themes", [])
    assert table_csv(empty, "themes") == ",".join(TABLES["themes"].columns) + "\n"


# ---------------------------------------------------------------------------
# datapackage.json
# ---------------------------------------------------------------------------


def write_all(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    for name, df in tables.items():
        write_table(df, folder / f"{name}.csv", name)
    return publish.write_datapackage(folder, tables)


def validate(descriptor_path: Path):
    from frictionless import Package

    return Package(str(descriptor_path)).validate()


def test_datapackage_validates_with_frictionless(tmp_path):
    path = write_all(tiny_tables(), tmp_path)
    report = validate(path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_datapackage_is_deterministic_and_relative(tmp_path):
    path = write_all(tiny_tables(), tmp_path)
    first = path.read_bytes()
    publish.write_datapackage(tmp_path, tiny_tables())
    assert path.read_bytes() == first
    text = first.decode("utf-8")
    assert text.endswith("}\n")
    assert str(tmp_path) not in text
    descriptor = json.loads(text)
    assert descriptor["version"] == DATASET_VERSION
    assert descriptor["licenses"]
    assert [r["name"] for r in descriptor["resources"]] == list(TABLES)
    assert [r["path"] for r in descriptor["resources"]] == [f"{n}.csv" for n in TABLES]
    figures = descriptor["resources"][2]["schema"]
    assert figures["primaryKey"] == ["figure_id"]
    assert {
        "fields": ["clause_id"],
        "reference": {"resource": "clauses", "fields": ["clause_id"]},
    } in figures["foreignKeys"]
    unit = next(f for f in figures["fields"] if f["name"] == "unit")
    assert unit["constraints"]["enum"][0] == "yuan"
    assert "description_zh" in unit


def test_datapackage_foreign_key_violation_fails(tmp_path):
    tables = tiny_tables()
    tables["clauses"].loc[0, "doc_id"] = "no_such_doc"
    report = validate(write_all(tables, tmp_path))
    assert not report.valid
    errors = report.flatten(["type", "note"])
    assert any(kind == "foreign-key" and "no_such_doc" in note for kind, note in errors), errors


def test_datapackage_self_reference_violation_fails(tmp_path):
    tables = tiny_tables()
    tables["figures"].loc[2, "duplicate_of"] = "f9"
    report = validate(write_all(tables, tmp_path))
    assert not report.valid


def test_datapackage_subset_keeps_only_resolvable_foreign_keys(tmp_path):
    tables = {k: v for k, v in tiny_tables().items() if k in ("documents", "clauses")}
    report = validate(write_all(tables, tmp_path))
    assert report.valid, report.flatten(["type", "note"])


def test_datapackage_refuses_missing_table_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"documents\.csv"):
        publish.write_datapackage(tmp_path)


# ---------------------------------------------------------------------------
# Workbook
# ---------------------------------------------------------------------------


def test_workbook_sheets_chinese_and_types(tmp_path):
    path = publish.write_workbook(tiny_tables(), tmp_path / "tables.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == [*TABLES, "columns"]
    documents = list(book["documents"].iter_rows(values_only=True))
    assert list(documents[0]) == TABLES["documents"].columns
    header = documents[0]
    d1 = dict(zip(header, documents[2], strict=True))  # sorted: d0, d1
    assert d1["title"] == f"关于{SCRIPT}的通知"
    assert d1["province"] == "河南省"
    assert d1["n_chars"] == 120
    assert d1["published"] == "2022-05-15"
    assert d1["url"] is None
    clauses = list(book["clauses"].iter_rows(values_only=True))
    assert clauses[1][TABLES["clauses"].columns.index("is_heading")] is True
    coverage = list(book["coverage"].iter_rows(values_only=True))
    assert coverage[1][TABLES["coverage"].columns.index("share_chars")] == 0.3
    columns = list(book["columns"].iter_rows(values_only=True))
    assert columns[0] == ("table", "column", "type", "unit", "description_en", "description_zh",
                          "allowed_values")  # fmt: skip
    assert len(columns) - 1 == sum(len(t.fields) for t in TABLES.values())
    assert any(row[1] == "amount_yuan" and row[3] == "元 yuan" for row in columns)
    book.close()


def test_workbook_byte_identical_across_runs(tmp_path):
    first = publish.write_workbook(tiny_tables(), tmp_path / "a.xlsx")
    second = publish.write_workbook(tiny_tables(), tmp_path / "b.xlsx")
    assert first.read_bytes() == second.read_bytes()


def test_workbook_does_not_turn_text_into_formulas(tmp_path):
    tables = {"themes": tiny_tables()["themes"].assign(definition='=HYPERLINK("http://x")')}
    path = publish.write_workbook(tables, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path)["themes"]
    cell = sheet.cell(row=2, column=TABLES["themes"].columns.index("definition") + 1)
    assert cell.data_type == "s"


# ---------------------------------------------------------------------------
# Data dictionary
# ---------------------------------------------------------------------------


def test_dictionary_markdown_is_up_to_date():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == publish.dictionary_markdown(), (
        "docs/data-dictionary.md is out of date: run make docs"
    )


def test_dictionary_lists_every_column_with_its_unit():
    text = publish.dictionary_markdown()
    for spec in TABLES.values():
        assert f"## `{spec.name}`" in text
        assert spec.notebook in text
        for field in spec.fields:
            assert f"`{field.name}`" in text
            if field.unit:
                assert field.unit in text


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (SCRIPT, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"),
        ('a"b&', "<td>a&#34;b&amp;</td>"),
        (None, "<td></td>"),
        (float("nan"), "<td></td>"),
    ],
)
def test_template_cells_are_escaped_and_blank_for_missing(value, expected):
    page = publish.kwic_html(
        [{"doc_id": value, "left": "", "keyword": "", "right": ""}], columns=["doc_id"]
    )
    assert expected in page


def test_kwic_helpers_escape_and_mark():
    text = "前文<b>采煤沉陷区</b>治理"
    start = text.index("采煤沉陷区")
    row = kwic(text, start, start + 5, width=4)
    assert row == {"left": "文<b>", "keyword": "采煤沉陷区", "right": "</b>"}
    page = publish.kwic_html([{**row, "doc_id": SCRIPT}], columns=["doc_id"])
    assert "<mark>采煤沉陷区</mark>" in page
    assert "&lt;b&gt;" in page and "<b>" not in page
    assert "<script" not in page
    assert publish.live_markup(page) == []


def test_live_markup_finds_scripts_and_handlers():
    assert publish.live_markup("<p>ok</p>") == []
    assert publish.live_markup(SCRIPT)
    assert publish.live_markup('<img src=x onerror="alert(1)">')
    assert publish.live_markup('<a href="javascript:alert(1)">')


def index_page(tmp_path: Path, run_started: str | None = "2024-01-01T00:00:00+00:00") -> str:
    path = publish.write_index(
        tmp_path,
        pages=[{"title": f"河南省 {SCRIPT}", "href": "04_profile_henan.html",
                "notebook": "notebooks/04_province_profile.ipynb",
                "parameters": {"province": "河南省", "note": "<b>"}}],
        inputs=[{"source_file": "a<b>.txt", "sha256": SHA}],
        package_version="0.1.0",
        dataset_version=DATASET_VERSION,
        warnings=[f"x.txt: title {SCRIPT}"],
        timings={"01_clauses": 2.345},
        run_started=run_started,
    )  # fmt: skip
    assert path == tmp_path / "index.html"
    return path.read_text(encoding="utf-8")


def test_index_escapes_and_lists_everything(tmp_path):
    page = index_page(tmp_path)
    assert publish.live_markup(page) == []
    assert "<b>" not in page
    assert "河南省 &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "title &lt;script&gt;" in page
    assert 'href="04_profile_henan.html"' in page
    assert SHA in page and "a&lt;b&gt;.txt" in page
    assert (
        "资源型地区高质量发展政策文本分析" in page
        and "Policy texts on resource-based regions" in page
    )
    assert DATASET_VERSION in page and "0.1.0" in page
    assert "province = &#34;河南省&#34;" in page
    assert "2024-01-01T00:00:00+00:00" in page and "2.3" in page
    assert "http" not in page  # self-contained: nothing loaded from elsewhere
    assert "<link" not in page and "src=" not in page


def test_index_without_warnings_and_default_run_date(tmp_path):
    path = publish.write_index(tmp_path, [], [], "0.1.0", DATASET_VERSION, [], {})
    page = path.read_text(encoding="utf-8")
    assert "none" in page
    assert publish.live_markup(page) == []


@pytest.fixture(scope="module")
def executed_notebook(tmp_path_factory) -> Path:
    """A tiny notebook with a DataFrame holding <script>, a plot and a kwic table, executed."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.fail("no python3 kernel: run make setup (it installs the project's kernel)")
    kwic = publish.kwic_html([{"left": "<i>", "keyword": SCRIPT.replace("1", "2"), "right": "&"}])
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "HIDDEN_CODE_MARKER = 1\nimport pandas as pd\n"
            f"pd.DataFrame({{'text': [{SCRIPT!r}, '河南省采煤沉陷区']}})"
        ),
        nbformat.v4.new_code_cell(
            "import matplotlib.pyplot as plt\nfrom IPython.display import display\n"
            "fig, ax = plt.subplots()\nax.plot([1, 2])\ndisplay(fig)\nplt.close(fig)"
        ),
        nbformat.v4.new_code_cell(f"from IPython.display import HTML\nHTML({kwic!r})"),
        nbformat.v4.new_code_cell(f"print({SCRIPT!r})"),
    ]
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    path = tmp_path_factory.mktemp("nb") / "report.ipynb"
    nbformat.write(nb, str(path))
    return path


@pytest.mark.slow  # starts a Jupyter kernel
def test_export_html_hides_code_and_escapes_document_text(executed_notebook, tmp_path):
    html_path = publish.export_html(executed_notebook, tmp_path / "report.html", f"河南省 {SCRIPT}")
    page = html_path.read_text(encoding="utf-8")
    assert "HIDDEN_CODE_MARKER" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # DataFrame cell and print
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page  # kwic table
    assert "<mark>" in page
    assert publish.live_markup(page) == []
    assert "<title>河南省 &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "河南省采煤沉陷区" in page
    assert 'src="data:image/png;base64,' in page
    assert "cdnjs" not in page and "require.min.js" not in page


@pytest.mark.slow  # starts a Jupyter kernel
def test_export_html_is_deterministic(executed_notebook, tmp_path):
    first = publish.export_html(executed_notebook, tmp_path / "a.html", "t").read_bytes()
    second = publish.export_html(executed_notebook, tmp_path / "b.html", "t").read_bytes()
    assert first == second


# ---------------------------------------------------------------------------
# Interactive tables, page order, paths on pages, chart sizes
# ---------------------------------------------------------------------------


def _table_data(html: str) -> list[list]:
    """The rows an itables table carries (its data_json), decoded as the browser decodes them."""
    start = html.index("let dt_args = ") + len("let dt_args = ")
    end = html.index("};", start) + 1
    return json.loads(json.loads(html[start:end])["data_json"])


def test_interactive_table_keeps_every_row_and_escapes() -> None:
    frame = pd.DataFrame(
        {
            "文件 Document": [f"河南省文件{i}" for i in range(2_000)],
            "n": [str(i) for i in range(2_000)],
        }
    )
    frame.loc[0, "文件 Document"] = SCRIPT
    html = publish.interactive_table_html(frame, "kwic rows")
    rows = _table_data(html)
    assert len(rows) == 2_000  # no downsampling (itables would drop rows above 64 kB)
    assert rows[0][0] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert rows[1999] == ["河南省文件1999", "1999"]
    assert 'id="t_kwic_rows"' in html  # fixed id: the page is the same bytes on every run
    assert "unpkg.com" not in html and "https://cdn" not in html
    assert "河南省文件1999" in html  # CJK written as itself, not as \\uXXXX (3 bytes, not 7)


@pytest.mark.parametrize(
    "text",
    [
        "河南",
        'a"b',
        "back\\slash \\u6cb3 literally",
        "</script>",
        "line\u2028sep",
        "emoji 😀",
        "tab\there",
    ],
)
def test_unescaping_cjk_keeps_the_data(text: str) -> None:
    """Writing CJK as itself changes no cell of what itables wrote (cells are text, not markup)."""
    from itables import to_html_datatable

    frame = pd.DataFrame({"x": [text, "河南省"]})
    html = publish.interactive_table_html(frame, "t")
    assert _table_data(html) == _table_data(
        to_html_datatable(frame, table_id="t_t", connected=False)
    )
    if text == "</script>":
        assert _table_data(html)[0] == ["&lt;/script&gt;"]


def test_interactive_init_is_offline_and_measured() -> None:
    init = publish.interactive_tables_init_html()
    assert "unpkg.com" not in init.replace("dt_for_itables", "")  # the bundle is inline
    assert "atob(" in init
    # the weight this adds to each page with interactive tables: DataTables bundle, base64
    assert 0.8e6 < len(init.encode()) < 1.2e6


@pytest.mark.parametrize(
    ("rows", "expected"),
    [(0, "none named"), (3, "<table"), (11, "dt_args")],
)
def test_table_html_none_named_plain_or_interactive(rows: int, expected: str) -> None:
    html = publish.table_html(pd.DataFrame({"省份 Province": ["河南省"] * rows}), "x")
    assert expected in html


def test_static_table_blank_not_nan() -> None:
    html = publish.static_table_html(pd.DataFrame({"a": [None, float("nan")], "b": ["x", pd.NA]}))
    assert "NaN" not in html and "&lt;NA&gt;" not in html and "None" not in html


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (Path("/tmp/r/run_100/reports"), "…/run_100/reports"),
        ("reports", "reports"),
        (Path(__file__).resolve().parents[1] / "data" / "processed", "data/processed"),
    ],
)
def test_shown_path_never_absolute(path, expected: str) -> None:
    assert publish.shown_path(path) == expected


def test_page_order_profiles_in_official_province_order() -> None:
    from types import SimpleNamespace as Run

    runs = [
        Run(name="01", parameters={}),
        *(Run(name=p, parameters={"province": p}) for p in ("青海省", "未知", "北京市", "辽宁省")),
        Run(name="05", parameters={}),
    ]
    assert [r.name for r in publish.page_order(runs)] == [
        "01",
        "北京市",
        "辽宁省",
        "青海省",
        "未知",
        "05",
    ]


@pytest.mark.parametrize(("rows", "cols"), [(3, 20), (62, 20), (120, 18)])
def test_charts_stay_within_the_screen_cap(tmp_path: Path, rows: int, cols: int) -> None:
    from analysis import plots

    matrix = pd.DataFrame(np.linspace(0, 1, rows * cols).reshape(rows, cols),
                          index=[f"新疆维吾尔自治区 · 方案 plan {i}" for i in range(rows)],
                          columns=[f"采煤沉陷区与独立工矿区 {j}" for j in range(cols)])  # fmt: skip
    paths = plots.heatmaps(matrix, "标题 title", "caption " * 30, tmp_path, "m")
    assert (
        len(paths) == -(-rows // plots.MAX_CHART_ROWS)
        if rows > plots.TRANSPOSE_UP_TO_ROWS
        else len(paths) == 1
    )
    for path in paths:
        header = path.read_bytes()[16:24]
        width, height = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")
        assert max(width, height) <= plots.MAX_CHART_PX < 3000
        assert width <= plots.MAX_CHART_WIDTH_PX
    bars = plots.bars(
        pd.DataFrame({"a": range(rows)}, index=[f"r{i}" for i in range(rows)]),
        "t",
        "c",
        "x",
        tmp_path / "b.png",
    )
    header = bars.read_bytes()[16:24]
    assert (
        max(int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big"))
        <= plots.MAX_CHART_PX
    )


@pytest.mark.parametrize(
    ("inches", "expected"), [((10, 5), 110), ((40, 10), 35), ((9, 30), 93), ((14, 10), 100)]
)
def test_capped_dpi(inches, expected: int) -> None:
    from analysis import plots

    assert plots.capped_dpi(inches) == expected


def test_notebook_page_does_not_carry_papermills_random_cell_id() -> None:
    cell = nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["injected-parameters"]})
    cell["id"] = "e543b1af"  # papermill draws a new one on every run
    page = publish.notebook_html(nbformat.v4.new_notebook(cells=[cell]), "t")
    assert "e543b1af" not in page and "cell-id=injected-parameters" in page
