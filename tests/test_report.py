"""Report views on the committed tables (which test_pipeline checks against a fresh run)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import report, summaries, tables_io

PROCESSED = Path(__file__).resolve().parents[1] / "data" / "processed"
HENAN, QINGHAI, LIAONING = "000_1d2e5730f4acb035", "002_9f79b8bcaaa70cba", "004_ced2cc56ed9e167a"


@pytest.fixture(scope="module")
def tables() -> dict:
    tables = tables_io.load_tables(PROCESSED)
    # notebook 03's province tables, from the committed tables when data/processed predates them
    if "province_coverage" not in tables:
        tables["province_coverage"] = summaries.province_coverage(
            tables["clauses"],
            tables["clause_themes"],
            tables["documents"],
            list(tables["themes"]["theme_id"]),
        )
    if "province_alignment" not in tables:
        tables["province_alignment"] = summaries.province_alignment(
            tables["alignment"], tables["clauses"], tables["documents"]
        )
    return tables


def test_structure_summary(tables: dict) -> None:
    summary = report.structure_summary(tables["clauses"])
    assert summary.loc[HENAN, ["sections", "numbered_items"]].tolist() == [9, 32]
    assert summary.loc[QINGHAI, ["sections", "numbered_items"]].tolist() == [3, 22]
    assert summary.loc[LIAONING, ["sections", "numbered_items"]].tolist() == [7, 0]


def test_escape_md_neutralises_markup() -> None:
    assert (
        report.escape_md("<script>alert(1)</script>*x*")
        == "&lt;script&gt;alert(1)&lt;/script&gt;\\*x\\*"
    )


def test_agreement_report(tables: dict) -> None:
    agreement = report.agreement_report(tables)
    assert agreement["n"] == 62
    assert agreement["cohen_kappa"] >= 0.8


@pytest.mark.parametrize(
    ("agreement", "expected"),
    [
        (
            {"n": 62, "agreement_pct": 98.4, "cohen_kappa": 0.983},
            "62 units, agreement 98.4%, Cohen's kappa 0.98",
        ),
        ({"n": 0, "agreement_pct": 0.0, "cohen_kappa": 0.0}, "No hand labels for these documents"),
    ],
)
def test_agreement_sentence(agreement: dict, expected: str) -> None:
    assert expected in report.agreement_sentence(agreement)


# --- tables people read ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (float("nan"), None, ""),
        (pd.NA, None, ""),
        (None, 2, ""),
        (486.6666667, 2, "486.67"),  # never 4.866667e+02
        (0.00014, 4, "0.0001"),
        (3.0, None, "3"),
        (True, None, "是 yes"),
        ("河南省", None, "河南省"),
    ],
)
def test_readable_cells(value, decimals, expected) -> None:
    frame = pd.DataFrame({"province": [value]}, dtype=object)
    shown = report.readable(
        frame, decimals={"province": decimals} if decimals is not None else None
    )
    assert shown.columns.tolist() == ["省份 Province"]
    assert shown.iloc[0, 0] == expected


def test_readable_percent_and_unknown_headers() -> None:
    frame = pd.DataFrame({"share": [0.2472, None], "my_column": ["a", pd.NA]})
    shown = report.readable(frame, percent=("share",))
    assert shown.to_dict("list") == {"占比 Share": ["24.7%", ""], "my_column": ["a", ""]}


def test_documents_in_official_province_order_with_names(tables: dict) -> None:
    ordered = report.ordered_documents(tables["documents"])
    assert ordered["province"].tolist() == ["辽宁省", "河南省", "青海省"]  # adcodes 21, 41, 63
    names = report.document_names(tables["documents"])
    assert list(names) == [LIAONING, HENAN, QINGHAI]
    assert names[HENAN] == "河南省 · 河南省推进资源型地区高质量发展“十四五”实施方案 (plan)"
    assert names[LIAONING].startswith("辽宁省 · 省十三届人大五次会议第1125号") and names[
        LIAONING
    ].endswith("… (reply)")


@pytest.mark.parametrize(
    ("province", "expected_before"),
    [("北京市", "河南省"), ("河南省", "青海省"), ("新疆维吾尔自治区", "未知"), ("青海省", "")],
)
def test_province_rank_official_order_unknown_last(province: str, expected_before: str) -> None:
    assert report.province_rank(province) < report.province_rank(expected_before)


def test_coverage_by_group_is_normalised_by_body_clauses(tables: dict) -> None:
    coverage = report.coverage_by_group(tables["province_coverage"], tables["themes"])
    body = coverage.groupby("group", sort=False)["body_clauses"].first()
    # body clauses without headings, counted by hand in issue 14: Henan 89, Qinghai 81, Liaoning 55
    assert body.to_dict() == {
        "辽宁省 · 答复 reply": 55,
        "河南省 · 方案 plan": 89,
        "青海省 · 方案 plan": 81,
    }
    assert (
        coverage["share"] - coverage["clauses"] / coverage["body_clauses"]
    ).abs().max() <= 5e-5  # 4 decimals
    assert len(coverage) == 3 * len(tables["themes"])
    matrix = report.group_matrix(coverage, "share", by="theme_zh")
    assert matrix.index.tolist() == [
        "辽宁省 · 答复 reply",
        "河南省 · 方案 plan",
        "青海省 · 方案 plan",
    ]


def test_alignment_by_group_shares_with_counts(tables: dict) -> None:
    alignment = report.alignment_by_group(tables["province_alignment"])
    assert len(alignment) == 3 * 18
    henan = alignment[alignment["group"] == "河南省 · 方案 plan"].set_index("task_id")
    raw = tables["alignment"].set_index(["doc_id", "task_id"])
    assert henan.loc["N02", "clauses"] == raw.loc[(HENAN, "N02"), "clauses"]
    assert henan.loc["N02", "share"] == pytest.approx(
        raw.loc[(HENAN, "N02"), "clauses"] / 89, abs=5e-5
    )
    assert henan.loc["N02", "covered_documents"] == 1


def test_top_themes_by_group_leave_out_context_themes(tables: dict) -> None:
    coverage = report.coverage_by_group(tables["province_coverage"], tables["themes"])
    top = report.top_themes_by_group(coverage, tables["themes"], n=3)
    assert top.groupby("group", sort=False).size().tolist() == [3, 3, 3]
    assert top["rank"].tolist() == [1, 2, 3] * 3
    assert not top["theme"].str.contains("Region types").any()
    assert (
        top.groupby("group", sort=False)["share"].apply(lambda s: s.is_monotonic_decreasing).all()
    )


def test_kwic_rows_every_mention_with_document_names(tables: dict) -> None:
    from analysis import compare
    from analysis.themes import counted_matches

    kwic = report.kwic_rows(tables)
    expected = sum(
        len(
            compare.kwic_table(
                tables["clauses"], counted_matches(tables["clause_themes"]), theme_id
            )
        )
        for theme_id in tables["themes"]["theme_id"]
    )
    assert len(kwic) == expected  # every row, not the first 12 per theme
    assert kwic["province"].unique().tolist() == ["辽宁省", "河南省", "青海省"]
    assert not kwic["document"].str.contains(r"^\d{3}_[0-9a-f]{16}$").any()  # titles, not hash ids
    row = kwic.iloc[0]
    start, end = (int(x) for x in row["span"].split("–"))
    assert end - start == len(row["keyword"])
    counts = report.kwic_counts(kwic)
    assert counts["mentions"].sum() == len(kwic)


# --- money and targets: province_money.csv and province_targets.csv, shown as they are ----------

MONEY = pd.DataFrame({
    "province": ["辽宁省", "辽宁省", "辽宁省", "河南省"],
    "doc_type": ["reply"] * 3 + ["plan"],
    "scope_level": ["province", "county", "province", "province"],
    "kind": ["funding", "funding", "investment", "funding"],
    "status": ["commitment", "achievement", "achievement", "commitment"],
    "period_type": ["single_year", "multi_year", "single_year", "single_year"],
    "period_start": [None, "2009-01-01", None, None],
    "period_end": [None, "2020-12-31", None, None],
    "amount_yuan": [2e8, 2.196e9, 4.3e8, 1.4e5],
    "amount_yuan_high": [2e8, 2.196e9, 4.3e8, 1.4e5],
    "figures": [1, 1, 1, 1], "documents": [1, 1, 1, 1],
    "years": ["2021", "", "", ""],
    "figure_ids": ["a", "b", "c", "d"],
})  # fmt: skip


def test_money_rows_are_the_table_rows_in_yi_yuan() -> None:
    money = report.money_rows(MONEY)
    assert len(money) == len(MONEY)  # nothing summed further
    assert money["province"].tolist() == ["辽宁省"] * 3 + ["河南省"]
    assert money.loc[money["period"] == "2009–2020", "yi_yuan"].item() == pytest.approx(21.96)
    shown = report.readable(money, decimals={"yi_yuan": report.YI_DECIMALS})
    assert shown["金额(亿元) Amount (100 million yuan)"].tolist()[-1] == "0.0014"  # 14万元
    assert report.money_rows(MONEY, province="河南省")["yi_yuan"].tolist() == [
        pytest.approx(0.0014)
    ]


def test_money_chart_one_bar_per_row_of_one_kind() -> None:
    money = report.money_rows(
        pd.concat([MONEY, MONEY.iloc[[0]].assign(status="achievement", figure_ids="e")])
    )
    chart = report.money_chart_frame(money, kind="funding")
    assert len(chart) == 4  # the investment row is not a funding bar
    assert (chart.notna().sum(axis=1) == 1).all()  # each bar is one row, never a sum across status
    assert (
        chart.index[0] == "辽宁省 · 答复 reply · county · multi_year 2009–2020 · 成绩 achievement"
    )
    assert "辽宁省 · 答复 reply · province · single_year · 承诺 commitment" in chart.index


def test_target_rows_total_first_and_chart_from_it(tables: dict) -> None:
    targets = pd.DataFrame({
        "province": ["辽宁省", "辽宁省", "青海省"], "doc_type": ["reply", "reply", "plan"],
        "theme_id": ["policy_support", "all", "all"], "statements": [3, 6, 1], "quantified": [3, 4, 1],
        "qualitative": [0, 2, 0], "earliest_year": [2021, 2021, 2025], "latest_year": [2021, 2025, pd.NA],
        "doc_ids": [LIAONING, LIAONING, QINGHAI],
    })  # fmt: skip
    rows = report.target_rows(targets, tables["themes"])
    assert rows["group"].tolist() == ["辽宁省 · 答复 reply"] * 2 + ["青海省 · 方案 plan"]
    assert rows["theme"].tolist()[0].startswith("全部")
    assert rows["target_years"].tolist() == ["2021–2025", "2021", "2025"]
    chart = report.target_chart_frame(rows)
    assert chart.to_dict("index") == {
        "辽宁省 · 答复 reply": {"量化 quantified": 4, "定性 qualitative": 2},
        "青海省 · 方案 plan": {"量化 quantified": 1, "定性 qualitative": 0},
    }


def test_profile_pieces_have_names_not_ids(tables: dict) -> None:
    profile = report.province_profile(tables, "辽宁省")
    assert profile["structure"]["document"].tolist() == [
        report.document_names(tables["documents"])[LIAONING]
    ]
    assert profile["doc_ids"] == {LIAONING}
    assert "doc_id" not in profile["documents"].columns
    assert profile["theme_shares"].columns.tolist() == ["辽宁省 · 答复 reply"]


# --- notebooks 01 and 02: tables for people (report.preview_html) ----------------------------

_NAN_TEXT = re.compile(
    r">\s*(?:NaN|nan|&lt;NA&gt;|<NA>|None)\s*<|\d\.\d+e[+-]\d{2}"
)  # a NaN or 4.866667e+02 shown


def test_preview_html_blanks_headers_decimals_and_names(tables: dict) -> None:
    figures = tables["figures"][
        ["doc_id", "surface", "value", "value_high", "year", "duplicate_of"]
    ]
    assert (
        figures["value_high"].isna().any() and figures["year"].isna().any()
    )  # the case to show blank
    names = report.document_names(tables["documents"])
    html = report.preview_html(
        figures, "figures", names=names, rows=10, decimals={"value": 2, "value_high": 2}
    )
    assert not _NAN_TEXT.search(html)
    assert (
        "文件 Document" in html
        and "数值 Value" in html
        and "上限 High end" in html
        and "doc_id" not in html
    )
    assert html.count("<tr>") == 10  # the first rows only (the header row has a style)
    assert (
        f"The first 10 of {len(figures):,} rows; the full data: data/processed/figures.csv." in html
    )
    assert not re.search(r"<td>\d{3}_[0-9a-f]{16}</td>", html)  # documents by name, never by id
    assert f"<td>{names[LIAONING]}</td>" in html or f"<td>{names[HENAN]}</td>" in html


@pytest.mark.parametrize(
    ("values", "decimals", "expected"),
    [
        ([486.6667, None], 2, ["486.67", ""]),  # 0.73万亩 in hectares, a figure without a high end
        ([pd.NA, 2025], None, ["", "2025"]),  # Int64 year with a blank
        ([643000000.0, float("nan")], 2, ["643000000.00", ""]),  # yuan, fixed-point, never 6.43e+08
    ],
)
def test_preview_cells(values: list, decimals: int | None, expected: list[str]) -> None:
    frame = pd.DataFrame(
        {"value": pd.array(values, dtype="Int64" if decimals is None else "Float64")}
    )
    html = report.preview_html(frame, decimals={"value": decimals} if decimals else None)
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert cells == expected


def test_preview_of_an_empty_table_says_none_named() -> None:
    assert report.NONE_NAMED in report.preview_html(pd.DataFrame({"doc_id": []}), "targets")


# --- the published pages of a real run (slow: the seeds through `python -m analysis run`) ---------

_BLANK_CELLS = re.compile(
    r'<td[^>]*>\s*(?:NaN|&lt;NA&gt;|None|nan)\s*</td>|\\"(?:NaN|<NA>|None)\\"'
)  # a NaN shown


@pytest.mark.slow
def test_pages_have_no_machine_paths_no_nan_and_capped_charts(seed_run) -> None:
    reports = seed_run.reports
    pages = sorted(reports.glob("*.html"))
    assert pages
    machine = [str(seed_run.root), str(seed_run.root.resolve()), str(PROCESSED.parents[1])]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for path in machine:
            assert path not in text, f"{page.name} shows the machine path {path}"
        if page.name.startswith(
            ("01_", "02_", "04_", "05_")
        ):  # pages whose tables are report views
            assert not _BLANK_CELLS.search(text), f"{page.name} shows NaN/<NA> in a table"
        assert page.stat().st_size < 3_000_000, f"{page.name}: {page.stat().st_size} bytes"
    for png in (reports / "figures").glob("*.png"):
        header = png.read_bytes()[16:24]
        assert max(int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")) < 3000, (
            png.name
        )
    index = (reports / "index.html").read_text(encoding="utf-8")
    profiles = re.findall(r'href="04_province_profile_(\w+)\.html"', index)
    assert profiles == ["liaoning", "henan", "qinghai"]  # official order (adcode 21, 41, 63)
    compare = (reports / "05_compare.html").read_text(encoding="utf-8")
    for heading in (
        "省份 Province",
        "条款数 Clauses",
        "正文条款 Body clauses",
        "关键词 Keyword",
        "发改振兴〔2021〕1559号",
    ):
        assert heading in compare
    assert "004_ced2cc56ed9e167a" not in re.sub(
        r"\d{3}_[0-9a-f]{16}-c\d+", "", compare.replace("004_ced2cc56ed9e167a.txt", "")
    )


def test_the_page_states_out_of_sample_theme_figures_from_the_recorded_validation() -> None:
    validation = report.theme_validation()
    sentence = report.validation_sentence(validation)
    blind = validation.iloc[-1]
    assert sentence.startswith("Out of sample")
    assert f"Cohen's kappa {float(blind['kappa']):.2f}" in sentence
    assert f"set F1 {blind['human_set_f1']}" in sentence
    assert "in-sample, not for citing" in sentence  # the training sets' rows are not out of sample
    assert report.validation_sentence(validation.iloc[0:0]).startswith("No out-of-sample")


def test_the_page_lists_the_blind_set_first_and_marks_the_others_in_sample() -> None:
    for validation in (report.theme_validation(), report.real_theme_validation()):
        shown = report.validation_display(validation)
        assert shown["set"].iloc[0] == validation["set"].iloc[-1]  # recorded last = measured blind
        assert list(shown["use"]) == [report.BLIND_USE] + [report.IN_SAMPLE_USE] * (len(shown) - 1)
        assert "note" not in shown.columns and len(shown) == len(validation)
