"""province_money and province_targets (analysis.summaries): on small frames built by hand,
and on the seeds against sums and counts made by reading data/raw."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import pipeline, summaries, tables_io
from analysis.paths import DEFAULT_RAW

DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d"],
        "province": ["山西省", "山西省", "河南省", "山西省"],
        "doc_type": ["plan", "plan", "reply", "plan"],
        "duplicate_of": ["", "", "", "a"],  # d is a second copy of a: never counted
    }
)


def _money(*rows: tuple) -> pd.DataFrame:
    columns = [
        "figure_id", "doc_id", "amount_yuan", "amount_yuan_high", "kind", "status", "period_type",
        "period_start", "period_end", "year", "scope_level", "per_unit", "same_money_as",
    ]  # fmt: skip
    return pd.DataFrame(list(rows), columns=columns)


def test_money_never_summed_across_kind_status_period_or_scope() -> None:
    funding = _money(
        ("a-1", "a", 100.0, None, "funding", "achievement", "single_year", None, None, 2020, "province", False, None),
        ("a-2", "a", 50.0, 80.0, "funding", "achievement", "single_year", None, None, 2021, "province", False, None),
        ("a-3", "a", 1000.0, None, "investment", "achievement", "single_year", None, None, 2020, "province",
         False, None),
        ("a-4", "a", 7.0, None, "funding", "commitment", "single_year", None, None, 2025, "province", False, None),
        ("a-5", "a", 300.0, None, "funding", "achievement", "multi_year", "2009-01-01", "2020-12-31", None,
         "province", False, None),
        ("b-1", "b", 20.0, None, "funding", "achievement", "single_year", None, None, 2020, "county", False, None),
        ("b-2", "b", 9.0, None, "funding", "achievement", "single_year", None, None, 2020, "province", True, None),
        ("b-3", "b", 99.0, None, "funding", "achievement", "single_year", None, None, 2020, "province", False, "a-1"),
        ("c-1", "c", 5.0, None, "output", "unknown", "unknown", None, None, None, "prefecture", False, None),
        ("d-1", "d", 100.0, None, "funding", "achievement", "single_year", None, None, 2020, "province", False, None),
    )  # fmt: skip
    table = summaries.province_money(funding, DOCS)
    rows = {
        (r.province, r.scope_level, r.kind, r.status, r.period_type, r.period_start): (
            r.amount_yuan, r.amount_yuan_high, r.figures, r.documents, r.years, r.figure_ids,
        )
        for r in table.itertuples(index=False)
    }  # fmt: skip
    assert rows == {
        # a-1 + a-2 (b-3 is the same money as a-1, b-2 a rate, d a second copy)
        ("山西省", "province", "funding", "achievement", "single_year", ""):
            (150.0, 180.0, 2, 1, "2020;2021", "a-1;a-2"),
        ("山西省", "province", "investment", "achievement", "single_year", ""): (1000.0, 1000.0, 1, 1, "2020", "a-3"),
        ("山西省", "province", "funding", "commitment", "single_year", ""): (7.0, 7.0, 1, 1, "2025", "a-4"),
        ("山西省", "province", "funding", "achievement", "multi_year", "2009-01-01"): (300.0, 300.0, 1, 1, "", "a-5"),
        ("山西省", "county", "funding", "achievement", "single_year", ""): (20.0, 20.0, 1, 1, "2020", "b-1"),
        ("河南省", "prefecture", "output", "unknown", "unknown", ""): (5.0, 5.0, 1, 1, "", "c-1"),
    }  # fmt: skip
    tables_io.format_table(table, "province_money")  # fits the schema


def test_targets_per_theme_and_all() -> None:
    targets = pd.DataFrame(
        {
            "target_id": ["a-c1-t", "a-c2-t", "b-c1-t", "c-c1-t"],
            "doc_id": ["a", "a", "b", "c"],
            "clause_id": ["a-c1", "a-c2", "b-c1", "c-c1"],
            "quantified": [True, False, True, False],
            "target_year": [2025, 2035, None, 2021],
        }
    )
    clause_themes = pd.DataFrame(
        {
            # a-c1 has four themes: once under each, once under all
            "clause_id": ["a-c1", "a-c1", "a-c1", "a-c1", "a-c2", "b-c1"],
            "theme_id": ["t1", "t2", "t3", "t4", "t1", "t2"],
        }
    )
    docs = pd.concat(
        [
            DOCS,
            pd.DataFrame(
                [{"doc_id": "e", "province": "青海省", "doc_type": "plan", "duplicate_of": ""}]
            ),
        ]
    )
    table = summaries.province_targets(targets, clause_themes, docs)
    rows = {
        (r.province, r.doc_type, r.theme_id): (
            r.statements, r.quantified, r.qualitative,
            None if pd.isna(r.earliest_year) else r.earliest_year,
            None if pd.isna(r.latest_year) else r.latest_year,
        )
        for r in table.itertuples(index=False)
    }  # fmt: skip
    assert rows == {
        ("山西省", "plan", "t1"): (2, 1, 1, 2025, 2035),
        ("山西省", "plan", "t2"): (2, 2, 0, 2025, 2025),
        ("山西省", "plan", "t3"): (1, 1, 0, 2025, 2025),
        ("山西省", "plan", "t4"): (1, 1, 0, 2025, 2025),
        ("山西省", "plan", "all"): (3, 2, 1, 2025, 2035),
        ("河南省", "reply", "all"): (1, 0, 1, 2021, 2021),  # no theme: counted in all only
        ("青海省", "plan", "all"): (0, 0, 0, None, None),  # a province with no target
    }
    assert table.loc[table["province"] == "山西省", "doc_ids"].unique().tolist() == ["a;b"]
    assert set(table["issuer_levels"]) == {"unknown"}  # DOCS has no issuer_level column


# ---------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_tables() -> dict[str, pd.DataFrame]:
    corpus = pipeline.check_inputs(DEFAULT_RAW)
    documents, clauses = pipeline.clauses_stage(corpus.documents)
    return pipeline.figures_stage(clauses, documents)


def test_seed_province_money(seed_tables) -> None:
    """Sums made by reading the Liaoning reply (Henan and Qinghai name no money):
    the 2亿元 fund promised for 2021 (province-wide); 南票区's money, apart by period type:
    21.96亿元 of 2009-2020, 0.64亿元 累计 since 2018 (6386万元 is the same money, counted
    once), 6683.8万元 + 240.59万元 + 1939万元 in 2020, and 686万元 + 151万元 + 1103万元 +
    626万元 with no year; 4.3亿元 is the park's total investment (葫芦岛市), not funding."""
    money = seed_tables["province_money"]
    rows = {
        (r.province, r.doc_type, r.scope_level, r.kind, r.status, r.period_type, r.period_start): (
            r.amount_yuan, r.figures,
        )
        for r in money.itertuples(index=False)
    }  # fmt: skip
    assert rows == {
        ("辽宁省", "reply", "province", "funding", "commitment", "single_year", ""): (200_000_000, 1),
        ("辽宁省", "reply", "county", "funding", "achievement", "multi_year", "2009-01-01"): (2_196_000_000, 1),
        ("辽宁省", "reply", "county", "funding", "achievement", "multi_year", ""): (64_000_000, 1),
        ("辽宁省", "reply", "county", "funding", "achievement", "single_year", ""):
            (66_838_000 + 2_405_900 + 19_390_000, 3),
        ("辽宁省", "reply", "county", "funding", "achievement", "unknown", ""):
            (6_860_000 + 1_510_000 + 11_030_000 + 6_260_000, 4),
        ("辽宁省", "reply", "prefecture", "investment", "achievement", "unknown", ""): (430_000_000, 1),
    }  # fmt: skip


def test_seed_province_targets(seed_tables) -> None:
    """Hand count of distinct quantified target statements: Henan 0, Qinghai 1, Liaoning 4
    (qualitative: 2, 2, 2); target years 2025-2035, 2025-2035, 2021-2025."""
    table = seed_tables["province_targets"]
    totals = table[table["theme_id"] == "all"].set_index("province")
    assert totals.loc[
        ["河南省", "青海省", "辽宁省"], ["statements", "quantified", "qualitative"]
    ].values.tolist() == [
        [2, 0, 2],
        [3, 1, 2],
        [6, 4, 2],
    ]
    assert totals.loc["辽宁省", ["earliest_year", "latest_year"]].tolist() == [2021, 2025]
    # Qinghai's plan names no issuer: its level is unknown, the others are provincial bodies
    assert totals.loc[["河南省", "青海省", "辽宁省"], "issuer_levels"].tolist() == [
        "province",
        "unknown",
        "province",
    ]
    # a theme never counts more statements than the province has
    per_theme = table[table["theme_id"] != "all"]
    limit = per_theme["province"].map(totals["statements"])
    assert (per_theme["statements"] <= limit).all()


def test_parts_of_a_total_are_not_summed_with_it() -> None:
    funding = _money(
        (
            "a-1",
            "a",
            1900.0,
            None,
            "funding",
            "achievement",
            "unknown",
            None,
            None,
            None,
            "county",
            False,
            None,
        ),
        (
            "a-2",
            "a",
            1200.0,
            None,
            "funding",
            "achievement",
            "unknown",
            None,
            None,
            None,
            "county",
            False,
            None,
        ),
        (
            "a-3",
            "a",
            700.0,
            None,
            "funding",
            "achievement",
            "unknown",
            None,
            None,
            None,
            "county",
            False,
            None,
        ),
    ).assign(part_of=[None, "a-1", "a-1"])
    [row] = summaries.province_money(funding, DOCS).itertuples(index=False)
    assert (row.amount_yuan, row.figures, row.figure_ids) == (1900.0, 1, "a-1")


# ------------------------------------------- coverage and alignment per province × doc_type

# a, b: 山西省 plans; c: a 河南省 reply; d: a second copy of a (never counted); e: a 青海省
# plan with front matter only (no body clause: shares 0, not a division by zero)
GROUP_DOCS = pd.concat(
    [
        DOCS,
        pd.DataFrame(
            [{"doc_id": "e", "province": "青海省", "doc_type": "plan", "duplicate_of": ""}]
        ),
    ],
    ignore_index=True,
)
GROUP_CLAUSES = pd.DataFrame(
    [
        ("a-1", "a", "body", True, "一、总体要求"),  # a heading: not counted
        ("a-2", "a", "body", False, "发展清洁能源"),  # 6 characters
        ("a-3", "a", "body", False, "修复生态环境和发展"),  # 9
        ("a-4", "a", "front_matter", False, "关于印发方案的通知"),  # not body
        ("b-1", "b", "body", False, "促进就业"),  # 4
        ("b-2", "b", "body", False, "其他事项"),  # 4
        ("c-1", "c", "body", False, "答复如下内容"),  # 6
        ("d-1", "d", "body", False, "发展清洁能源"),
        ("e-1", "e", "front_matter", False, "青海省人民政府"),
    ],
    columns=["clause_id", "doc_id", "part", "is_heading", "text"],
)
GROUP_THEMES = pd.DataFrame(
    {
        "clause_id": ["a-1", "a-2", "a-3", "a-3", "a-4", "b-1", "d-1"],
        "theme_id": ["t1", "t1", "t1", "t2", "t1", "t2", "t1"],
    }
)


def test_province_coverage_pools_clauses_and_characters_over_documents() -> None:
    table = summaries.province_coverage(GROUP_CLAUSES, GROUP_THEMES, GROUP_DOCS, ["t2", "t1", "t3"])
    rows = {
        (r.province, r.theme_id): (
            r.documents, r.body_clauses, r.clauses, r.share_clauses, r.body_chars, r.chars, r.share_chars, r.doc_ids,
        )
        for r in table.itertuples(index=False)
    }  # fmt: skip
    assert rows == {
        # body clauses a-2, a-3, b-1, b-2 (23 characters); t1: a-2, a-3 (15 characters)
        ("山西省", "t1"): (2, 4, 2, 0.5, 23, 15, 0.6522, "a;b"),  # 15/23 = 0.65217…
        # t2: a-3, b-1 (13 characters)
        ("山西省", "t2"): (2, 4, 2, 0.5, 23, 13, 0.5652, "a;b"),  # 13/23 = 0.56521…
        ("山西省", "t3"): (2, 4, 0, 0.0, 23, 0, 0.0, "a;b"),
        **{("河南省", t): (1, 1, 0, 0.0, 6, 0, 0.0, "c") for t in ("t1", "t2", "t3")},
        **{("青海省", t): (1, 0, 0, 0.0, 0, 0, 0.0, "e") for t in ("t1", "t2", "t3")},
    }
    tables_io.format_table(table, "province_coverage")  # fits the schema


def test_province_alignment_sums_clauses_and_covering_documents() -> None:
    alignment = pd.DataFrame(
        [
            ("a", "N01", "任务一", 2, True),
            ("a", "N02", "任务二", 0, False),
            ("b", "N01", "任务一", 1, True),
            ("b", "N02", "任务二", 0, False),
            ("c", "N01", "任务一", 0, False),
            ("c", "N02", "任务二", 1, True),
            ("d", "N01", "任务一", 5, True),  # the second copy: never counted
            ("e", "N01", "任务一", 0, False),
            ("e", "N02", "任务二", 0, False),
        ],
        columns=["doc_id", "task_id", "task_label", "clauses", "covered"],
    )
    table = summaries.province_alignment(alignment, GROUP_CLAUSES, GROUP_DOCS)
    rows = {
        (r.province, r.task_id): (
            r.task_label,
            r.documents,
            r.body_clauses,
            r.clauses,
            r.share,
            r.covered_documents,
        )
        for r in table.itertuples(index=False)
    }
    assert rows == {
        ("山西省", "N01"): ("任务一", 2, 4, 3, 0.75, 2),  # (2 + 1) / 4 body clauses
        ("山西省", "N02"): ("任务二", 2, 4, 0, 0.0, 0),
        ("河南省", "N01"): ("任务一", 1, 1, 0, 0.0, 0),
        ("河南省", "N02"): ("任务二", 1, 1, 1, 1.0, 1),
        ("青海省", "N01"): ("任务一", 1, 0, 0, 0.0, 0),
        ("青海省", "N02"): ("任务二", 1, 0, 0, 0.0, 0),
    }
    tables_io.format_table(table, "province_alignment")  # fits the schema


def test_seed_province_coverage_and_alignment() -> None:
    """On the seeds: the body clauses without headings counted by hand in issue 14 (Henan 89,
    Qinghai 81, Liaoning 55), and every count the sum of the per-document tables."""
    corpus = pipeline.check_inputs(DEFAULT_RAW)
    documents, clauses = pipeline.clauses_stage(corpus.documents)
    tables = pipeline.themes_stage(clauses, documents)
    coverage, alignment = tables["province_coverage"], tables["province_alignment"]
    for table in (coverage, alignment):
        body = table.groupby(["province", "doc_type"])["body_clauses"].unique().map(list).to_dict()
        assert body == {
            ("河南省", "plan"): [89],
            ("青海省", "plan"): [81],
            ("辽宁省", "reply"): [55],
        }
    per_document = tables["coverage"].groupby(["province", "theme_id"])["clauses"].sum()
    assert (
        coverage.set_index(["province", "theme_id"])["clauses"]
        .sort_index()
        .equals(per_document.sort_index())
    )
    tasks = tables["alignment"].groupby(["province", "task_id"])["clauses"].sum()
    assert (
        alignment.set_index(["province", "task_id"])["clauses"]
        .sort_index()
        .equals(tasks.sort_index())
    )
    assert len(coverage) == 3 * len(tables["themes"]) and len(alignment) == 3 * 18
