"""Place names → province, from the bundled gazetteer."""

from __future__ import annotations

import pytest

from analysis import places


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        (
            "葫芦岛市南票区",
            "",
            [("葫芦岛市", "辽宁省", "prefecture"), ("南票区", "辽宁省", "county")],
        ),
        (
            "平顶山宝丰县",
            "",
            [("平顶山市", "河南省", "prefecture"), ("宝丰县", "河南省", "county")],
        ),
        ("大通县重点采煤沉陷区", "", [("大通回族土族自治县", "青海省", "county")]),
        (
            "海西州、西宁市",
            "",
            [("海西蒙古族藏族自治州", "青海省", "prefecture"), ("西宁市", "青海省", "prefecture")],
        ),
        (
            "格尔木、德令哈省级高新技术产业园区",
            "",
            [("格尔木市", "青海省", "county"), ("德令哈市", "青海省", "county")],
        ),
        # 海南 in a Qinghai text is 海南藏族自治州, elsewhere the province
        (
            "海西海南千万千瓦级清洁能源基地",
            "青海省",
            [
                ("海西蒙古族藏族自治州", "青海省", "prefecture"),
                ("海南藏族自治州", "青海省", "prefecture"),
            ],
        ),
        ("海南自由贸易港", "", [("海南省", "海南省", "province")]),
        (
            "内蒙古自治区鄂尔多斯市",
            "",
            [
                ("内蒙古自治区", "内蒙古自治区", "province"),
                ("鄂尔多斯市", "内蒙古自治区", "prefecture"),
            ],
        ),
        # words that look like places but are not
        ("人民安康幸福,长治久安,世界大同", "", []),
        ("开展交流合作,推动矿区生态修复", "", []),
    ],
)
def test_find_places(text: str, hint: str, expected: list[tuple[str, str, str]]) -> None:
    found = [(p.name, p.province, p.level) for p in places.find_places(text, hint)]
    assert found == expected


def test_spans_point_at_the_surface() -> None:
    text = "支持洛阳建设中原城市群副中心城市、南阳建设副中心城市。"
    for place in places.find_places(text):
        assert text[place.start : place.end] == place.surface


def test_ambiguous_name_needs_a_hint() -> None:
    # 鼓楼区 exists in several provinces: left out unless the document's province picks one
    assert places.find_places("鼓楼区") == []
    assert [p.province for p in places.find_places("鼓楼区", "福建省")] == ["福建省"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("河南", "河南省"),
        ("河南省", "河南省"),
        ("内蒙古", "内蒙古自治区"),
        ("北京", "北京市"),
        ("广西", "广西壮族自治区"),
        ("火星", ""),
    ],
)
def test_normalise_province(name: str, expected: str) -> None:
    assert places.normalise_province(name) == expected


def test_every_province_has_a_file_name() -> None:
    assert set(places.province_names()) == set(places.PROVINCE_PINYIN)
    assert len(places.province_names()) == 34


@pytest.mark.parametrize(
    "text", ["强化新老城区衔接过渡", "统筹新城区开发和老城区改造", "设立特别振兴区名录"]
)
def test_generic_district_words_are_not_places(text: str) -> None:
    assert places.find_places(text) == []
