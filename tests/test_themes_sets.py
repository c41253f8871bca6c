"""The theme set of a coding unit (analysis.themes.unit_theme_set): which secondary themes a
unit's own evidence carries. Sentences written for these tests, one rule each."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from analysis.themes import (
    code_unit,
    load_codebook,
    programme_in_part,
    rank_unit_themes,
    unit_theme_set,
)

PROGRAMME = frozenset({"subsidence_mining_areas"})


@pytest.mark.parametrize(
    ("except_primary", "expected"),
    [
        # the default codebook: the document's implementation is not the programme's measure
        (None, ["governance_mechanisms"]),
        # a researcher's codebook that lets the programme reach every unit: its own rule holds
        ((), ["governance_mechanisms", "subsidence_mining_areas"]),
    ],
)
def test_the_set_rules_come_from_the_ranking_codebook(
    except_primary: tuple[str, ...] | None, expected: list[str]
) -> None:
    codebook = load_codebook()
    if except_primary is not None:
        codebook = replace(
            codebook, programmes=replace(codebook.programmes, except_primary=except_primary)
        )
    body = ["各县要落实主体责任，建立工作台账，定期通报进展"]
    ranking = rank_unit_themes([], body, codebook, programmes=PROGRAMME)
    assert unit_theme_set(ranking, codebook) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a second task joined to the programme: the document works inside it only in part
        ("某县关于推进绿色矿山建设与矿山生态修复的实施意见", True),
        ("关于开展绿色矿山创建及尾矿资源化利用工作的通知", True),
        ("关于支持独立工矿区改造提升和接续替代产业培育的若干措施", True),
        # one programme: its name (独立工矿区改造提升), its money, its own steps
        ("某市独立工矿区改造提升实施方案", False),
        ("关于做好采煤沉陷区综合治理和独立工矿区改造提升中央预算内投资项目储备的通知", False),
        ("关于开展绿色矿山遴选和复核工作的通知", False),
        # no programme at all
        ("关于加快尾矿和废石综合利用的通知", False),
    ],
)
def test_a_title_joining_a_second_task_to_the_programme(title: str, expected: bool) -> None:
    assert programme_in_part(title) is expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # a notice on green mines alone: a criterion of its selection is the programme's
        (
            "关于开展绿色矿山遴选工作的通知",
            "推广尾砂充填和干式堆存工艺，全县尾矿综合利用率提高到30%以上。",
            ["resource_efficiency", "green_low_carbon"],
        ),
        # green mines and tailings in one title: the tailings measure is the other task's
        (
            "关于开展绿色矿山创建及尾矿资源化利用工作的通知",
            "推广尾砂充填和干式堆存工艺，全县尾矿综合利用率提高到30%以上。",
            ["resource_efficiency"],
        ),
        # ... a unit naming the programme keeps it by its own evidence
        (
            "关于开展绿色矿山创建及尾矿资源化利用工作的通知",
            "对新评为省级绿色矿山的企业，县财政给予一次性奖励10万元。",
            ["policy_support", "green_low_carbon"],
        ),
    ],
)
def test_a_programme_in_part_reaches_only_units_naming_it(
    title: str, text: str, expected: list[str]
) -> None:
    unit = pd.DataFrame({"text": [text], "is_heading": [False]})
    assert unit_theme_set(code_unit(unit, genre="notice", doc_title=title)) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # the sector a title's measure is for is no theme of the unit by the title alone
        (
            "（三）推动煤电产业绿色低碳转型",
            "对燃煤电厂实施超低排放和节能降碳改造，推广碳捕集利用示范，年内完成改造机组4台。",
            ["green_low_carbon"],
        ),
        # ... nor the kind of investment promotion (产业链 in 产业链精准招商)
        (
            "四、强化产业链精准招商",
            "组建专业招商小分队，对新引进投资5亿元以上的项目实行一事一议，年内签约项目20个。",
            ["parks_investment"],
        ),
        # two objects joined by 和 are both the title's: each is a theme of the unit
        (
            "（二）加快港口和铁路建设",
            "推进港区三期工程，建成铁路专用线20公里。",
            ["infrastructure_transport", "openness_cooperation"],
        ),
    ],
)
def test_a_title_word_modifying_another_theme_is_no_evidence(
    title: str, body: str, expected: list[str]
) -> None:
    assert unit_theme_set(rank_unit_themes([title], [body])) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a theme named once, as an object listed beside the primary's in one measure
        (
            ["推进煤矿智能化改造和绿色开采，年内建成智能化采煤工作面12个，井下作业人员减少三成。"],
            ["industrial_upgrading"],
        ),
        (
            ["组织开展沉陷区综合治理和职工安置，年内完成搬迁安置1200户，新建安置房3000套。"],
            ["subsidence_mining_areas"],
        ),
        # ... a phrase of its own with a measure is the theme's (about_hits)
        (
            ["推进煤矿智能化改造，年内建成智能化采煤工作面12个；推广绿色开采技术。"],
            ["industrial_upgrading", "green_low_carbon"],
        ),
        # ... and so is each item of a list of what money is for (coding manual rule 6)
        (
            ["补助资金主要用于沉陷区居民搬迁安置、受损道路修复和矿区生态修复等方面。"],
            ["policy_support", "subsidence_mining_areas", "eco_restoration"],
        ),
    ],
)
def test_an_object_listed_beside_the_primary_is_no_theme_by_itself(
    body: list[str], expected: list[str]
) -> None:
    assert unit_theme_set(rank_unit_themes([], body)) == expected
