"""Targets and funding, on small texts and on the seeds (expected values read from the texts)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from figures_evaluation import plain_clauses
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import pipeline
from analysis import targets as targets_module
from analysis.figures import extract_figures, years
from analysis.figures.years import target_year_of
from analysis.paths import DEFAULT_RAW
from analysis.targets import (
    build_funding,
    build_targets,
    commitment_year,
    equal_at_precision,
    instrument,
    period_type_of,
    precision_of,
    source_level,
    source_levels,
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


def _surfaces(text: str, published: int = 2022) -> list[list[str]]:
    """The committed figures (surfaces, text order) of each target statement of `text`."""
    clauses = plain_clauses(text)
    figures = extract_figures(clauses, published={"doc": published}, doc_types=A_REPLY)
    surface = dict(zip(figures["figure_id"], figures["surface"], strict=True))
    targets = build_targets(clauses, figures)
    return [
        [surface[f] for f in ids.split(";")] if isinstance(ids, str) else []
        for ids in targets["figure_ids"]
    ]


def test_one_row_per_statement_with_all_its_figures() -> None:
    targets = _targets(
        "市卫生健康委计划在2024年,全市建设30个标准化村卫生室,12个社区医院。", published=2024
    )
    [row] = targets.itertuples(index=False)
    assert row.quantified and row.target_year == 2024
    assert row.figure_ids.split(";")[0] == row.figure_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one statement, its committed figures in text order
        ("到2026年,新建光伏电站3座,改造老旧管网45公里。", [["3座", "45公里"]]),
        # two statements (two sentences), one qualitative
        ("到2027年,矿区生态环境明显改善。计划在2025年,复垦土地800亩。", [[], ["800亩"]]),
        # 截至 is "as of": a result, never a target (achieved money, no target year)
        ("截至2023年底,已累计获得省级补助资金2.6亿元。", []),
        ("截止2022年末,全县已关闭小煤矿17处。", []),
        # a clause with a target year and an achieved figure is a report, not a target
        ("到2021年底,已完成搬迁安置1200户。", []),
    ],
)
def test_target_statements(text: str, expected: list[list[str]]) -> None:
    assert _surfaces(text, published=2024) == expected


def test_restated_commitment_is_left_out() -> None:
    text = "今年,县财政将安排转型发展资金3000万元。\n(五)保障措施。今年,县财政将安排转型发展资金3000万元,用于园区建设。"
    assert _surfaces(text, published=2024) == [["3000万元"]]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("到2025年,基本建成", 2025),
        ("截至2021年底,已累计获得", None),
        ("截止2020年,全省", None),
        ("截至2020年底已完成,到2025年再完成", 2025),
    ],
)
def test_commitment_year(text: str, year: int | None) -> None:
    assert commitment_year(text) == year


def test_achievements_are_not_targets() -> None:
    assert _targets("近年来,南票区已治理采煤沉陷区2542公顷。", published=2021).empty


def test_quantified_commitment_without_year_is_a_target() -> None:
    targets = _targets("下一步,用好用足82万千瓦新能源发电指标。", published=2021)
    [row] = targets.itertuples(index=False)
    assert row.quantified
    assert pd.isna(row.target_year)


def test_chinese_year_target_carries_its_figures() -> None:
    targets = _targets("到二〇二五年,全省治理采煤沉陷区五万亩,总投资一百二十亿元。")
    assert targets["target_year"].tolist() == [2025]
    assert targets["quantified"].all()
    assert len(targets["figure_ids"].iloc[0].split(";")) == 2


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
        ("2020年南票区获得省以上扶贫发展资金", "mixed"),  # 省以上: central and provincial
        ("省有关单位争取国家和省本级资金支持南票区独立工矿区改造搬迁专项资金", "mixed"),
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
    ("before", "levels"),
    [
        ("市县争取中央和省级补助资金", ("central", "provincial")),
        ("获得省以上专项资金", ("central", "provincial")),
        ("获得市级以上奖补资金", ("central", "provincial", "municipal")),
        ("县级财政配套资金", ("county/district",)),
        ("中央预算内投资", ("central",)),
        ("总投资", ()),
    ],
)
def test_source_levels(before: str, levels: tuple[str, ...]) -> None:
    assert source_levels(before) == levels


@pytest.mark.parametrize(
    ("surface", "precision", "digits"),
    [
        ("0.64亿元", 1_000_000, 2),
        ("6386万元", 10_000, 4),
        ("4000万元", 10_000_000, 1),
        ("21.96亿元", 1_000_000, 4),
        ("300元", 100, 1),
        ("两亿元", None, None),
    ],
)
def test_precision_of(surface: str, precision: int | None, digits: int | None) -> None:
    found = precision_of(surface)
    assert (found is None) if precision is None else (found == (precision, digits))


@pytest.mark.parametrize(
    ("a", "amount_a", "b", "amount_b", "same"),
    [
        ("0.64亿元", 64e6, "6386万元", 63.86e6, True),  # 0.64亿 at the precision of 0.01亿
        ("0.64亿元", 64e6, "6286万元", 62.86e6, False),  # 0.63亿
        ("1.5亿元", 150e6, "15000万元", 150e6, True),
        ("2亿元", 200e6, "1.6亿元", 160e6, False),  # one significant digit: too coarse
        ("3.2亿元", 320e6, "3.2亿元", 320e6, True),
    ],
)
def test_equal_at_precision(a: str, amount_a: float, b: str, amount_b: float, same: bool) -> None:
    assert equal_at_precision(a, amount_a, b, amount_b) is same


@pytest.mark.parametrize(
    ("per_year", "year", "start", "end", "segment", "expected"),
    [
        (True, 2021, None, None, "每年安排", "per_year"),
        (False, None, "2009-01-01", "2020-12-31", "累计争取", "multi_year"),
        (False, None, "2021-01-01", "2021-12-31", "安排", "single_year"),
        (False, 2018, None, None, "累计获得中央预算内投资", "multi_year"),
        (False, 2020, None, None, "获得扶贫发展资金", "single_year"),
        (False, None, None, None, "专项资金", "unknown"),
    ],
)
def test_period_type_of(per_year, year, start, end, segment, expected) -> None:
    assert period_type_of(per_year, year, start, end, segment) == expected


def _linked(text: str, column: str) -> dict[str, str]:
    """surface -> surface of the money figure a funding row's `column` names."""
    clauses = plain_clauses(text)
    funding = build_funding(
        clauses, extract_figures(clauses, published={"doc": 2021}, doc_types=A_REPLY)
    )
    surface = dict(zip(funding["figure_id"], funding["surface"], strict=True))
    return {
        row_surface: surface[target]
        for row_surface, target in zip(funding["surface"], funding[column], strict=True)
        if isinstance(target, str) and target
    }


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # an allocation list adding up to its total (in the lines after it)
        (
            "我县获得省级转型发展补助资金1900万元。现将资金分配如下:\n"
            "一、棚户区改造项目1200万元;\n二、矿区道路项目450万元;\n三、职业培训项目250万元。",
            {"1200万元": "1900万元", "450万元": "1900万元", "250万元": "1900万元"},
        ),
        # 其中 in the clause, and the list after it
        (
            "本次共下达中央预算内投资2.4亿元。其中:甲县1.1亿元、乙县8000万元。",
            {"1.1亿元": "2.4亿元", "8000万元": "2.4亿元"},
        ),
        ("累计投入资金5亿元,其中中央资金2亿元。", {"2亿元": "5亿元"}),
        # amounts that neither add up nor follow 其中: separate money
        ("安排专项资金3000万元,另安排奖补资金1200万元,贴息资金900万元。", {}),
    ],
)
def test_part_of(text: str, parts: dict[str, str]) -> None:
    assert _linked(text, "part_of") == parts


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        # the same programme, written in 亿元 and in 万元 two paragraphs apart
        (
            "2019年,将本市纳入采煤沉陷区综合治理中央预算内投资支持范围,累计获得补助资金1.25亿元。\n"
            "市有关部门争取采煤沉陷区综合治理中央预算内投资专项资金12468万元,另获东北振兴专项资金300万元。",
            {"12468万元": "1.25亿元"},
        ),
        # equal at the precision, but nothing in common in the words: two facts
        (
            "获得棚户区改造补助资金1.25亿元。\n安排职业技能培训经费12468万元。",
            {},
        ),
    ],
)
def test_same_money_as(text: str, linked: dict[str, str]) -> None:
    clauses = plain_clauses(text)
    funding = build_funding(
        clauses, extract_figures(clauses, published={"doc": 2021}, doc_types=A_REPLY)
    )
    surface = dict(zip(funding["figure_id"], funding["surface"], strict=True))
    found = {
        row.surface: surface[row.same_money_as]
        for row in funding.itertuples(index=False)
        if isinstance(row.same_money_as, str) and row.same_money_as
    }
    assert found == linked


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
    """The seeds' documents, clauses, figures, targets and funding, as notebook 02 builds them."""
    corpus = pipeline.check_inputs(DEFAULT_RAW)
    documents, clauses = pipeline.clauses_stage(corpus.documents)
    tables = pipeline.figures_stage(clauses, documents)
    return documents, clauses, tables["figures"], tables["targets"], tables["funding"]


def test_seed_targets(seeds) -> None:
    """Hand count from data/raw: Henan 0 quantified statements (2 qualitative goals, 2025 and
    2035), Qinghai 1 (0.73万亩 by 2025; 2 qualitative), Liaoning 4 (the 2亿元 fund, 82万千瓦,
    58家/23家/4000亩/1000亩 in one clause, 400个/200个 in one clause; the 2亿元 fund restated
    in section 七 is not counted again; 2 qualitative: 力争“十四五末期”, 2021年拟…调整)."""
    documents, _clauses, figures, targets, _funding = seeds
    henan, qinghai, liaoning = sorted(documents["doc_id"])
    surface = dict(zip(figures["figure_id"], figures["surface"], strict=True))

    def statements(doc_id: str) -> list[tuple[object, list[str]]]:
        rows = targets[targets["doc_id"] == doc_id]
        return [
            (
                None if pd.isna(year) else int(year),
                [surface[f] for f in ids.split(";")] if isinstance(ids, str) else [],
            )
            for year, ids in zip(rows["target_year"], rows["figure_ids"], strict=True)
        ]

    assert statements(henan) == [(2025, []), (2035, [])]
    assert statements(qinghai) == [(2025, []), (2035, []), (2025, ["0.73万亩"])]
    assert statements(liaoning) == [
        (2021, ["2亿元"]),
        (None, ["82万千瓦"]),
        (2025, []),
        (None, ["58家", "23家", "4000亩", "1000亩"]),
        (2021, ["400个", "200个"]),
        (2021, []),
    ]
    assert targets["target_id"].is_unique and targets["clause_id"].is_unique
    assert (targets["status"] == "commitment").all()
    first = targets["figure_ids"].dropna().str.split(";").str[0]
    assert first.tolist() == targets["figure_id"].dropna().tolist()


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
    # 国家和省本级资金 and 省以上: several levels, listed
    assert rows.loc["6386万元", ["source_level", "source_levels"]].tolist() == [
        "mixed",
        "central;provincial",
    ]
    assert rows.loc["6683.8万元", ["source_level", "source_levels"]].tolist() == [
        "mixed",
        "central;provincial",
    ]
    # 0.64亿元 of 中央预算内投资 and 6386万元, both for 独立工矿区改造搬迁 in 南票区
    assert rows.loc["6386万元", "same_money_as"] == rows.loc["0.64亿元", "figure_id"]
    assert rows["same_money_as"].notna().sum() == 1
    # kinds and periods read from the text
    assert rows.loc["4.3亿元", "kind"] == "investment"
    assert rows.loc["21.96亿元", "period_type"] == "multi_year"  # 2009年-2020年
    assert rows.loc["0.64亿元", "period_type"] == "multi_year"  # 2018年…累计获得
    assert rows.loc["2亿元", "period_type"] == "single_year"  # 今年 (2021)
    assert rows.loc["1939万元", "period_type"] == "single_year"  # 2020年
    # scope: 南票区's money, 葫芦岛市's park investment, the province's fund
    assert rows.loc["21.96亿元", ["scope_place", "scope_level"]].tolist() == ["南票区", "county"]
    assert rows.loc["1939万元", ["scope_place", "scope_level"]].tolist() == ["南票区", "county"]
    assert rows.loc["2亿元", ["scope_place", "scope_level"]].tolist() == ["辽宁省", "province"]
    committed = funding.loc[funding["status"] == "commitment", "amount_yuan"].sum()
    achieved = funding.loc[funding["status"] == "achievement", "amount_yuan"].sum()
    assert committed == 200_000_000
    # 21.96亿 + 0.64亿 + 4.3亿 + 6683.8万 + 240.59万 + 1939万 + 686万 + 6386万 + 151万
    # + 1103万 + 626万 (every money figure is listed; the sums are province_money's)
    assert achieved == pytest.approx(2_196_000_000 + 64_000_000 + 430_000_000 + 178_153_900)
