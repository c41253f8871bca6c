"""Targets and funding, on small texts and on the seeds (expected values read from the texts)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from figures_evaluation import plain_clauses, seed_tables
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import targets as targets_module
from analysis.figures import extract_figures, years
from analysis.figures.years import target_year_of
from analysis.targets import (
    build_funding,
    build_targets,
    instrument,
    source_level,
)

# production always passes a doc_type: a reply has no genre default (its figures keep
# what their words say), so these texts are read as a stretch of a reply's body
A_REPLY = {"doc": "reply"}

# ---------------------------------------------------------------- target years


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("到2025年,资源型地区地区生产总值年均增速高于全省平均水平。", 2025),
        ("展望到2035年,资源保障有力。", 2035),
        ("2023年底前,建成5个示范园区。", 2023),
        ("2025年以前,完成治理任务。", 2025),
        ("力争“十四五末期”,重点采煤沉陷区综合治理取得显著进展。", 2025),
        ("到“十四五”末,新增装机500万千瓦。", 2025),
        ("省卫生健康委计划在2021年,全省建设400个高标准乡镇卫生院。", 2021),
        ("2021年拟对最低工资标准进行调整。", 2021),
        ("2020年南票区获得省以上扶贫发展资金6683.8万元。", None),  # a past fact
        ("2009年-2020年,我省累计为南票争取财力性转移支付21.96亿元。", None),
        ("通过正在编制的《辽宁省采煤沉陷区综合治理规划(2021-2025年)》。", None),  # a title
        ("以“十四五”规划为指引。", None),  # a plan name, not a target
        # years in Chinese digits
        ("到二〇二五年,全省治理采煤沉陷区五万亩,总投资一百二十亿元。", 2025),
        ("展望到二〇三五年,资源保障有力。", 2035),
        ("到二○三五年,基本实现转型。", 2035),  # ○ U+25CB
        ("二〇二三年底前,建成5个示范园区。", 2023),
        ("2025年底前,建成5个示范园区。", 2025),
        ("到“十四五”末,资源型地区转型取得明显成效。", 2025),
        ("计划在二〇二二年完成搬迁。", 2022),
        ("二〇二〇年,全省完成造林5万亩。", None),  # a past fact
    ],
)
def test_target_year_of(text: str, year: int | None) -> None:
    assert target_year_of(text) == year


TARGET_YEAR_SAMPLES = [
    "到2025年",
    "至2030年底",
    "力争到2025年",
    "2023年底前",
    "2025年以前",
    "2025年之前",
    "到“十四五”末",
    "十四五末期",
    '至"十三五"期间末',
    "计划在2021年",
    "拟于2022年",
    "预计2024年",
    "2021年拟",
    "2021年,将",
    "2021年计划",
    "2019年力争",
    "1998年前",
    "到二〇二五年",
    "二〇二三年底前",
    "至二○三〇年",
    "拟于二零二二年",
    "一九九八年前",
]


def test_first_char_lookahead_keeps_every_target_year(seeds) -> None:
    _documents, clauses, _figures, _targets, _funding = seeds
    text = "\n".join([*clauses["text"], *TARGET_YEAR_SAMPLES])
    plain = re.compile(years.TARGET_YEAR_PATTERN)
    assert [(m.span(), m.lastgroup) for m in years.TARGET_YEAR_RE.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)
    ]


@given(
    st.lists(
        st.sampled_from([*TARGET_YEAR_SAMPLES, "２０２５年", "十", "年", "底", "前", "资金", "。"])
    )
)
@settings(derandomize=True, max_examples=300, deadline=None)
def test_year_hint_is_in_every_target_year(parts: list[str]) -> None:
    """build_targets skips clauses without TARGET_YEAR_HINT_RE: none of them has a target year."""
    text = "".join(parts)
    if years.TARGET_YEAR_HINT_RE.search(text) is None:
        assert target_year_of(text) is None


WINDOW_TEXT = st.text(alphabet=st.sampled_from("资金万元亿2,，;；。:：、!！?？\n "), max_size=260)


@given(WINDOW_TEXT, st.integers(min_value=0, max_value=260))
@settings(derandomize=True, max_examples=300, deadline=None)
def test_windows_before_money_match_their_definition(text: str, position: int) -> None:
    position = min(position, len(text))
    window = text[max(0, position - targets_module.SENTENCE_MAX_CHARS) : position]
    sentence = window[max(window.rfind(ch) for ch in "。;；!！?？\n") + 1 :]
    assert targets_module._window_before(text, position) == sentence
    segment = sentence[max(sentence.rfind(ch) for ch in ",，;；。:：、\n") + 1 :]
    assert targets_module._segment(sentence) == segment


def _targets(text: str, published: int = 2022) -> pd.DataFrame:
    clauses = plain_clauses(text)
    figures = extract_figures(clauses, published={"doc": published}, doc_types=A_REPLY)
    return build_targets(clauses, figures)


def test_qualitative_goal_is_an_unquantified_target() -> None:
    targets = _targets(
        "(二)发展目标。到2025年,资源型地区地区生产总值年均增速高于全省平均水平,产业结构持续优化。"
    )
    [row] = targets.itertuples(index=False)
    assert row.target_year == 2025
    assert not row.quantified
    assert pd.isna(row.figure_id)
    assert row.statement.startswith("到2025年")


def test_one_row_per_committed_figure() -> None:
    targets = _targets(
        "省卫生健康委计划在2021年,全省建设400个高标准乡镇卫生院,200个社区医院。", published=2021
    )
    assert len(targets) == 2
    assert targets["quantified"].all()
    assert targets["target_year"].tolist() == [2021, 2021]
    assert targets["target_id"].is_unique


def test_achievements_are_not_targets() -> None:
    assert _targets("近年来,南票区已治理采煤沉陷区2542公顷。", published=2021).empty


def test_quantified_commitment_without_year_is_a_target() -> None:
    targets = _targets("下一步,用好用足82万千瓦新能源发电指标。", published=2021)
    [row] = targets.itertuples(index=False)
    assert row.quantified
    assert pd.isna(row.target_year)


def test_chinese_year_target_carries_its_figures() -> None:
    targets = _targets("到二〇二五年,全省治理采煤沉陷区五万亩,总投资一百二十亿元。")
    assert targets["target_year"].tolist() == [2025, 2025]
    assert targets["quantified"].all()


def test_background_facts_are_not_targets() -> None:
    text = "\n".join(
        [
            "一、发展基础",
            "全国现有资源型城市262个,全省资源型城市11个。",
            "二、主要任务",
            "建设接续替代产业园区5个。",
        ]
    )
    clauses = plain_clauses(text)
    figures = extract_figures(clauses, published={"doc": 2022}, doc_types={"doc": "plan"})
    targets = build_targets(clauses, figures)
    surface = dict(zip(figures["figure_id"], figures["surface"], strict=True))
    assert [surface[f] for f in targets["figure_id"]] == ["5个"]


# ---------------------------------------------------------------- funding


@pytest.mark.parametrize(
    ("before", "level"),
    [
        ("累计获得中央预算内投资补助资金", "central"),
        (
            "通过国家资源枯竭城市转移支付补助资金,2009年-2020年,我省累计为南票争取财力性转移支付",
            "central",
        ),
        ("2020年南票区获得省以上扶贫发展资金", "provincial"),
        ("建档立卡贫困人口医疗补充保险省补助资金", "provincial"),
        ("葫芦岛市本级脱贫攻坚资金", "municipal"),
        ("今年,我省将设立资源型地区转型发展专项资金", "provincial"),
        ("2021年,省财政设立资源型地区转型发展专项资金", "provincial"),
        ("县级财政配套资金", "county/district"),
        ("引导社会资本投入", "enterprise/social"),
        ("已落地项目5个,总投资", ""),
    ],
)
def test_source_level(before: str, level: str) -> None:
    assert source_level(before) == level


@pytest.mark.parametrize(
    ("before", "term"),
    [
        ("我省累计为南票争取财力性转移支付", "转移支付"),
        ("累计获得中央预算内投资补助资金", "中央预算内投资"),
        ("设立资源型地区转型发展专项资金", "专项资金"),
        ("2020年南票区获得省以上扶贫发展资金", "扶贫发展资金"),
        ("建档立卡贫困人口医疗补充保险省补助资金", "补助资金"),
        ("向企业发放贷款", "贷款"),
        ("已落地项目5个,总投资", "总投资"),
        ("资金支持总额达", "资金"),
        ("奖励", ""),
    ],
)
def test_instrument(before: str, term: str) -> None:
    assert instrument(before) == term


def test_funding_folds_duplicates() -> None:
    text = "\n".join(
        [
            "今年,我省将设立资源型地区转型发展专项资金2亿元。",
            "近年来,南票区已治理采煤沉陷区2542公顷。",
            "2021年,省财政设立资源型地区转型发展专项资金2亿元。",
        ]
    )
    clauses = plain_clauses(text)
    funding = build_funding(
        clauses, extract_figures(clauses, published={"doc": 2021}, doc_types=A_REPLY)
    )
    [row] = funding.itertuples(index=False)
    assert row.amount_yuan == 200_000_000
    assert row.mentions == 2
    assert (row.status, row.year, row.source_level, row.instrument) == (
        "commitment",
        2021,
        "provincial",
        "专项资金",
    )


def test_funding_per_year_and_range() -> None:
    clauses = plain_clauses("每年安排补助资金2-3亿元。")
    [row] = build_funding(
        clauses, extract_figures(clauses, published={}, doc_types=A_REPLY)
    ).itertuples(index=False)
    assert row.per_year
    assert (row.amount_yuan, row.amount_yuan_high) == (200_000_000, 300_000_000)
    assert not row.per_unit


def test_funding_flags_unit_rates() -> None:
    clauses = plain_clauses(
        "每人每月发放生活补贴300元。复垦补助标准为1500元/亩。安排补助资金3000万元。"
    )
    funding = build_funding(
        clauses, extract_figures(clauses, published={"doc": 2022}, doc_types=A_REPLY)
    )
    assert dict(zip(funding["surface"], funding["per_unit"], strict=True)) == {
        "300元": True,
        "1500元": True,
        "3000万元": False,
    }


# ---------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds():
    documents, clauses, figures = seed_tables()
    return (
        documents,
        clauses,
        figures,
        build_targets(clauses, figures),
        build_funding(clauses, figures),
    )


def test_seed_targets(seeds) -> None:
    documents, _clauses, figures, targets, _funding = seeds
    henan, qinghai, liaoning = sorted(documents["doc_id"])
    # Henan: two qualitative goals (2025, 2035), nothing quantified
    h = targets[targets["doc_id"] == henan]
    assert h["target_year"].tolist() == [2025, 2035]
    assert not h["quantified"].any()
    # Qinghai: the 2025 and 2035 goals, and 0.73万亩 by 2025
    q = targets[targets["doc_id"] == qinghai]
    assert q["target_year"].tolist() == [2025, 2035, 2025]
    surface = dict(zip(figures["figure_id"], figures["surface"], strict=True))
    assert [surface[f] for f in q["figure_id"].dropna()] == ["0.73万亩"]
    # Liaoning: quantified commitments read from the text
    lq = targets[(targets["doc_id"] == liaoning) & targets["quantified"]]
    assert sorted(surface[f] for f in lq["figure_id"]) == sorted(
        ["2亿元", "82万千瓦", "58家", "23家", "4000亩", "1000亩", "400个", "200个", "2亿元"]
    )
    assert lq["duplicate_of"].notna().sum() == 1  # the 2亿元 fund restated in section 七
    lu = targets[(targets["doc_id"] == liaoning) & ~targets["quantified"]]
    assert lu["target_year"].tolist() == [2025, 2021]  # 力争“十四五末期”, 2021年拟…调整


def test_seed_funding(seeds) -> None:
    documents, _clauses, _figures, _targets, funding = seeds
    liaoning = sorted(documents["doc_id"])[2]
    assert set(funding["doc_id"]) == {liaoning}  # Henan and Qinghai name no money
    rows = funding.set_index("surface")
    assert len(funding) == 12  # 14 money mentions, two restated
    assert rows.loc["21.96亿元", "mentions"] == 2
    assert rows.loc["2亿元", "mentions"] == 2
    assert rows.loc["21.96亿元", "source_level"] == "central"
    assert rows.loc["21.96亿元", "instrument"] == "转移支付"
    assert rows.loc["21.96亿元", "period_start"] == "2009-01-01"
    assert rows.loc["0.64亿元", "instrument"] == "中央预算内投资"
    assert rows.loc["1939万元", "source_level"] == "municipal"
    assert rows.loc["4.3亿元", "instrument"] == "总投资"
    committed = funding.loc[funding["status"] == "commitment", "amount_yuan"].sum()
    achieved = funding.loc[funding["status"] == "achievement", "amount_yuan"].sum()
    assert committed == 200_000_000
    # 21.96亿 + 0.64亿 + 4.3亿 + 6683.8万 + 240.59万 + 1939万 + 686万 + 6386万 + 151万
    # + 1103万 + 626万
    assert achieved == pytest.approx(2_196_000_000 + 64_000_000 + 430_000_000 + 178_153_900)


def test_seed_province_summary(seeds) -> None:
    documents, _clauses, _figures, targets, funding = seeds
    province = dict(zip(documents["doc_id"], documents["province"], strict=True))
    unique = targets[targets["quantified"] & targets["duplicate_of"].isna()]
    summary = (
        pd.DataFrame(
            {
                "quantified_commitments": unique.groupby("doc_id").size(),
                "committed_yuan": funding[funding["status"] == "commitment"]
                .groupby("doc_id")["amount_yuan"]
                .sum(),
                "achieved_yuan": funding[funding["status"] == "achievement"]
                .groupby("doc_id")["amount_yuan"]
                .sum(),
            }
        )
        .reindex(sorted(province))
        .fillna(0)
    )
    summary.index = [province[d] for d in summary.index]
    print()
    print(summary.to_string(float_format=lambda x: f"{x:,.0f}"))
    assert summary.loc["辽宁省", "quantified_commitments"] == 8
    assert summary.loc["青海省", "quantified_commitments"] == 1
    assert summary.loc["河南省", "quantified_commitments"] == 0
