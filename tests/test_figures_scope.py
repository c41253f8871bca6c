"""Scope and direction of figures (analysis.figures.scope, analysis.figures.direction), on
sentences written for these tests in the shapes of provincial plans, replies and news."""

from __future__ import annotations

import pandas as pd
import pytest
from figures_evaluation import plain_clauses

from analysis.figures import extract_figures
from analysis.figures.direction import add_direction, direction_before
from analysis.figures.scope import add_scope


def _documents(
    province: str, issuer: str, issuer_level: str, doc_type: str, title: str = ""
) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "doc_id": "doc",
                "province": province,
                "issuer": issuer,
                "issuer_level": issuer_level,
                "doc_type": doc_type,
                "title": title,
            }
        ]
    )


def _scopes(text: str, documents: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """surface -> (scope_place, scope_level) of each figure of `text` (surfaces unique)."""
    clauses = plain_clauses(text)
    doc_type = documents["doc_type"].iloc[0]
    figures = extract_figures(clauses, published={"doc": 2022}, doc_types={"doc": doc_type})
    scoped = add_scope(figures, clauses, documents)
    return {
        s: (p, lvl)
        for s, p, lvl in zip(
            scoped["surface"], scoped["scope_place"], scoped["scope_level"], strict=True
        )
    }


PROVINCE_REPLY = _documents("辽宁省", "辽宁省发展和改革委员会", "province", "reply")
PROVINCE_PLAN = _documents("山西省", "山西省人民政府", "province", "plan")
CITY_REPORT = _documents("河南省", "焦作市人民政府", "prefecture", "report")
COUNTY_CITY_REPORT = _documents("湖南省", "涟源市人民政府", "county", "report")
NATIONAL_NOTICE = _documents("", "财政部", "national", "notice")
UNKNOWN_ISSUER = _documents("青海省", "", "unknown", "plan", title="青海省资源型地区转型实施方案")


@pytest.mark.parametrize(
    ("text", "documents", "expected"),
    [
        # a district named in the clause: the district's figure, in a provincial reply
        (
            "近年来,北票市已治理采煤沉陷区1250公顷。",
            PROVINCE_REPLY,
            {"1250公顷": ("北票市", "county")},
        ),
        # no place named: the issuer's province
        (
            "到2025年,全省新增光伏装机300万千瓦。",
            PROVINCE_PLAN,
            {"300万千瓦": ("山西省", "province")},
        ),
        ("到2025年,治理历史遗留矿山8000亩。", PROVINCE_PLAN, {"8000亩": ("山西省", "province")}),
        # a list: each item its own city
        (
            "其中:阳泉市9000万元、晋城市6500万元。",
            PROVINCE_PLAN,
            {"9000万元": ("阳泉市", "prefecture"), "6500万元": ("晋城市", "prefecture")},
        ),
        # several cities named together: their province
        (
            "支持大同市、朔州市、忻州市等4个市的9个采煤沉陷区开展治理。",
            PROVINCE_PLAN,
            {"4个": ("山西省", "province"), "9个": ("山西省", "province")},
        ),
        # 全市 in a city's report is the city; 全市 in a county-level city's report is that city
        ("全市地区生产总值达到2150亿元。", CITY_REPORT, {"2150亿元": ("焦作市", "prefecture")}),
        ("全市关闭退出小煤矿24处。", COUNTY_CITY_REPORT, {"24处": ("涟源市", "county")}),
        # one park: a site; a count of parks is not
        ("循环经济产业园区已入驻企业26家。", PROVINCE_REPLY, {"26家": ("辽宁省", "site")}),
        ("全省建成省级以上开发区18个。", PROVINCE_PLAN, {"18个": ("山西省", "province")}),
        # the money's source (市本级) is not its scope: the district receiving it is
        (
            "2021年清河门区获得阜新市本级转型资金1200万元。",
            PROVINCE_REPLY,
            {"1200万元": ("清河门区", "county")},
        ),
        # a district named in full once is recognised bare later in the document
        (
            "近年来,弓长岭区转型成效明显。\n省财政累计为弓长岭争取转移支付3.5亿元。",
            PROVINCE_REPLY,
            {"3.5亿元": ("弓长岭区", "county")},
        ),
        # 全国 and a national issuer: national, no place
        ("全国共有资源型城市262个。", NATIONAL_NOTICE, {"262个": ("", "national")}),
        # issuer unknown: the place of the title
        ("到2025年,完成矿区治理面积1.2万亩。", UNKNOWN_ISSUER, {"1.2万亩": ("青海省", "province")}),
        # 搬迁安置 does not name 迁安市
        ("下一步,计划完成搬迁安置860户。", PROVINCE_PLAN, {"860户": ("山西省", "province")}),
    ],
)
def test_scope(text: str, documents: pd.DataFrame, expected: dict[str, tuple[str, str]]) -> None:
    assert _scopes(text, documents) == expected


def test_scope_adcode_is_the_places() -> None:
    clauses = plain_clauses("近年来,北票市已治理采煤沉陷区1250公顷。")
    figures = extract_figures(clauses, published={"doc": 2022}, doc_types={"doc": "reply"})
    scoped = add_scope(figures, clauses, PROVINCE_REPLY)
    assert scoped["scope_adcode"].tolist() == ["211381000000"]  # 北票市, 朝阳市, 辽宁省


def test_scope_without_issuer_level_column() -> None:
    documents = PROVINCE_PLAN.drop(columns=["issuer_level"])
    assert _scopes("全市新增就业岗位1.5万个。", documents) == {"1.5万个": ("", "prefecture")}


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("单位地区生产总值能耗下降", "decrease"),
        ("PM2.5平均浓度比2020年下降了", "decrease"),
        ("煤炭产能压减", "decrease"),
        ("一般工业固废排放量减少", "decrease"),
        ("规上工业增加值年均增长", "increase"),
        ("森林覆盖率提高到", "increase"),
        ("城镇化率提升至", "increase"),
        ("居民收入增加", "increase"),
        ("工业增加值比重达到", ""),  # 增加值 is a noun
        ("新增就业", ""),  # 新增 counts new things
        ("收入增长,投资", ""),  # the cue belongs to the words before the comma
        ("增长速度达到", ""),
        ("建成", ""),
    ],
)
def test_direction_before(before: str, expected: str) -> None:
    assert direction_before(before) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("单位地区生产总值能耗下降14%。", {"14%": "decrease"}),
        (
            "三大产业产值分别增长12.5%、9.8%和7.1%。",
            {"12.5%": "increase", "9.8%": "increase", "7.1%": "increase"},
        ),
        ("粮食产量增长3%,工业增加值比重达到38%。", {"3%": "increase", "38%": ""}),
        ("森林覆盖率提高到35%以上。", {"35%": "increase"}),
    ],
)
def test_direction_on_figures(text: str, expected: dict[str, str]) -> None:
    clauses = plain_clauses(text)
    figures = add_direction(
        extract_figures(clauses, published={"doc": 2022}, doc_types={"doc": "plan"}), clauses
    )
    assert dict(zip(figures["surface"], figures["direction"], strict=True)) == expected
