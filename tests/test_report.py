"""Report views on the committed tables (which test_pipeline checks against a fresh run)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import report, tables_io

PROCESSED = Path(__file__).resolve().parents[1] / "data" / "processed"
HENAN, QINGHAI, LIAONING = "000_1d2e5730f4acb035", "002_9f79b8bcaaa70cba", "004_ced2cc56ed9e167a"


@pytest.fixture(scope="module")
def tables() -> dict:
    return tables_io.load_tables(PROCESSED)


def test_province_labels_carry_the_document_type(tables: dict) -> None:
    assert report.province_labels(tables["documents"]) == {HENAN: "河南省 (plan)", QINGHAI: "青海省 (plan)", LIAONING: "辽宁省 (reply)"}


def test_structure_summary(tables: dict) -> None:
    summary = report.structure_summary(tables["clauses"])
    assert summary.loc[HENAN, ["sections", "numbered_items"]].tolist() == [9, 32]
    assert summary.loc[QINGHAI, ["sections", "numbered_items"]].tolist() == [3, 22]
    assert summary.loc[LIAONING, ["sections", "numbered_items"]].tolist() == [7, 0]


def test_money_by_status(tables: dict) -> None:
    money = report.money_by_status_source(tables["funding"], report.province_labels(tables["documents"]))
    # Liaoning, read off the letter: committed 2亿元 (special fund, stated twice); achieved
    # 21.96 + 0.64 + 4.3 亿元 + 6683.8 + 240.59 + 1939 + 686 + 6386 + 151 + 1103 + 626 万元 = 28.681539 亿元
    assert money.loc["辽宁省 (reply)", "commitment"] == pytest.approx(2.0)
    assert money.loc["辽宁省 (reply)", "achievement"] == pytest.approx(28.681539, abs=1e-4)  # rounded to 4 decimals
    assert money.loc["河南省 (plan)"].sum() == 0  # no money figures: shown as zero, not dropped


def test_top_themes_are_topic_themes(tables: dict) -> None:
    top = report.top_theme_rows(tables["coverage"], tables["themes"], report.province_labels(tables["documents"]), n=3)
    assert top.groupby("document").size().tolist() == [3, 3, 3]
    assert not top["theme"].str.contains("regional_typology").any()


def test_escape_md_neutralises_markup() -> None:
    assert report.escape_md("<script>alert(1)</script>*x*") == "&lt;script&gt;alert(1)&lt;/script&gt;\\*x\\*"


def test_agreement_report(tables: dict) -> None:
    agreement = report.agreement_report(tables)
    assert agreement["n"] == 62
    assert agreement["cohen_kappa"] >= 0.8


@pytest.mark.parametrize(
    ("agreement", "expected"),
    [
        ({"n": 62, "agreement_pct": 98.4, "cohen_kappa": 0.983}, "62 units, agreement 98.4%, Cohen's kappa 0.98"),
        ({"n": 0, "agreement_pct": 0.0, "cohen_kappa": 0.0}, "No hand labels for these documents"),
    ],
)
def test_agreement_sentence(agreement: dict, expected: str) -> None:
    assert expected in report.agreement_sentence(agreement)


def test_rates_and_yearly_amounts_are_not_summed() -> None:
    funding = pd.DataFrame({
        "figure_id": ["a", "b", "c"], "doc_id": ["d", "d", "d"], "amount_yuan": [2e8, 1.2e4, 5e8],
        "status": ["commitment"] * 3, "source_level": ["provincial"] * 3,
        "per_year": [False, False, True], "per_unit": [False, True, False],  # 2亿元; 每户1.2万元; 每年5亿元
    })
    money = report.money_by_status_source(funding, {"d": "某省 (plan)"})
    assert money.loc["某省 (plan)", "commitment"] == pytest.approx(2.0)
