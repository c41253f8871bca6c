"""Figures: numbers, units, ranges, qualifiers, non-figures, status, years, duplicates, seeds.

Expected values are written from reading the texts (1 亩 = 1/15 hectare).
"""

from __future__ import annotations

import re
from fractions import Fraction

import pandas as pd
import pytest
from figures_evaluation import (
    evaluate,
    gold_with_doc_ids,
    load_gold,
    plain_clauses,
    seed_tables,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis import text as text_module
from analysis.figures import (
    Placement,
    decide_status,
    duplicates,
    extract,
    extract_figures,
    find_quantities,
    numbers,
    parse_number,
    quantities,
    years,
)
from analysis.figures import frames as frame_rules
from analysis.figures import status as status_rules

# production always passes a doc_type: a reply has no genre default (its figures keep
# what their words say), so these texts are read as a stretch of a reply's body
A_REPLY = {"doc": "reply"}

# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("4000", 4000),
        ("57.5", 57.5),
        ("1,000", 1000),
        ("12,345.5", 12345.5),
        ("４５００", 4500),  # full-width digits
        ("２１．９６", 21.96),  # full-width digits and point
        ("0.73万", 7300),
        ("21.96亿", 2_196_000_000),
        ("6683.8万", 66_838_000),
        ("3千万", 30_000_000),
        ("五亿", 500_000_000),
        ("两千三百万", 23_000_000),
        ("百分之三十", 30),
        ("零点五亿", 50_000_000),
    ],
)
def test_parse_number(surface: str, expected: float) -> None:
    assert parse_number(surface) == pytest.approx(expected, rel=1e-12)


# ---------------------------------------------------------------- units and conversions


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "unit_raw"),
    [
        ("安排资金686万元", "686万元", 6_860_000, "yuan", "万元"),
        ("转移支付21.96亿元", "21.96亿元", 2_196_000_000, "yuan", "亿元"),
        ("奖励500元", "500元", 500, "yuan", "元"),
        ("一百二十亿元", "一百二十亿元", 12_000_000_000, "yuan", "亿元"),
        ("两千三百万元", "两千三百万元", 23_000_000, "yuan", "万元"),
        ("二十八亿元", "二十八亿元", 2_800_000_000, "yuan", "亿元"),
        ("1,000万元", "1,000万元", 10_000_000, "yuan", "万元"),
        ("划出4000亩土地", "4000亩", 4000 / 15, "hectare", "亩"),
        ("治理面积0.73万亩", "0.73万亩", 7300 / 15, "hectare", "万亩"),
        ("完成人工造林27.3万亩", "27.3万亩", 18_200, "hectare", "万亩"),
        ("治理采煤沉陷区2542公顷", "2542公顷", 2542, "hectare", "公顷"),
        ("改造老旧小区10万平方米", "10万平方米", 10, "hectare", "万平方米"),
        ("面积120平方公里", "120平方公里", 120, "km2", "平方公里"),
        ("建成高速公路300公里", "300公里", 300, "km", "公里"),
        ("专用线25千米", "25千米", 25, "km", "千米"),
        ("新能源发电指标82万千瓦", "82万千瓦", 820_000, "kW", "万千瓦"),
        ("光伏电站100兆瓦", "100兆瓦", 100_000, "kW", "兆瓦"),
        ("年发电量12亿千瓦时", "12亿千瓦时", 1_200_000_000, "kWh", "亿千瓦时"),
        ("年发电量100亿度电", "100亿度", 10_000_000_000, "kWh", "亿度"),
        ("煤炭产量1.1亿吨", "1.1亿吨", 110_000_000, "tonne", "亿吨"),
        ("比重达到94.7%", "94.7%", 94.7, "percent", "%"),
        ("比重达到94.7％", "94.7％", 94.7, "percent", "％"),
        ("覆盖率达到百分之三十", "百分之三十", 30, "percent", "百分之"),
        ("提高2个百分点", "2个百分点", 2, "percentage_point", "个百分点"),
        ("入驻企业14家", "14家", 14, "count", "家"),
        ("3个乡镇卫生院", "3个", 3, "count", "个"),
        ("4所乡镇卫生院", "4所", 4, "count", "所"),
        ("六大方面27条支持措施", "27条", 27, "count", "条"),
        ("建设三个示范区", "三个", 3, "count", "个"),
        ("搬迁1200户", "1200户", 1200, "count", "户"),
        ("培训5000人次", "5000人次", 5000, "count", "人次"),
        ("带动就业3万人", "3万人", 30_000, "count", "万人"),
        ("十余家企业", "十余家", 10, "count", "家"),
    ],
)
def test_units_and_conversions(
    text: str, surface: str, value: float, unit: str, unit_raw: str
) -> None:
    [quantity] = find_quantities(text)
    assert quantity.surface == surface
    assert text[quantity.start : quantity.end] == surface
    assert float(quantity.value) == pytest.approx(value, rel=1e-12)
    assert quantity.unit == unit
    assert quantity.unit_raw == unit_raw


def test_mu_to_hectare_is_exact_before_rounding() -> None:
    [quantity] = find_quantities("划拨806亩土地")
    assert quantity.value * 15 == 806  # exact Fraction, not a float


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("2196", 2196),
        ("４５００", 4500),
        ("1,000", 1000),
        ("21.96亿", 2_196_000_000),
        ("0.73万", 7300),
        ("两千三百万", 23_000_000),
        ("零点五亿", 50_000_000),
        ("百分之三十", 30),
        ("94.7", Fraction(947, 10)),
        ("0.125", Fraction(1, 8)),
        ("一点五", Fraction(3, 2)),
        ("6683.8万", 66_838_000),
    ],
)
def test_number_exact_is_an_int_when_whole(surface: str, expected: int | Fraction) -> None:
    value = numbers.number_exact(surface)
    assert value == expected
    assert type(value) is type(expected)  # Fraction only when the value is not whole


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        ("划拨806亩土地", Fraction(806, 15)),
        ("面积0.73万亩", Fraction(7300, 15)),
        ("用地1234.5平方米", Fraction(12345, 10) / 10_000),
        ("新增21.96亿元", Fraction("21.96") * 10**8),
        ("比重达到94.7%", Fraction("94.7")),
        ("光伏电站1.5兆瓦", Fraction("1.5") * 1000),
    ],
)
def test_values_round_as_exact_fractions(text: str, exact: Fraction) -> None:
    """value = the exact value (Fraction arithmetic from the digits) rounded at the end."""
    [quantity] = find_quantities(text)
    assert quantity.value == exact
    assert extract._rounded(quantity.value) == round(float(exact), extract.VALUE_DECIMALS)


SEGMENT_TEXT = st.text(
    alphabet=st.sampled_from("资金万元亿2,，;；。:：、\n!！?？ 《》"), max_size=90
)


def _after_last(text: str, low: int, pos: int, marks: str) -> str:
    """The definition: text[low:pos] after its last mark (a character scan)."""
    cut = max(text.rfind(ch, low, pos) for ch in marks)
    return text[max(cut + 1, low) : pos]


@given(SEGMENT_TEXT, st.integers(min_value=0, max_value=90))
@settings(derandomize=True, max_examples=300, deadline=None)
def test_segment_and_sentence_windows_match_their_definition(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    low = max(0, pos - quantities.SEGMENT_MAX_CHARS)
    assert quantities._segment_before(text, pos) == _after_last(text, low, pos, ",，;；。:：、\n")
    for width in (20, 40):
        assert quantities._sentence_tail(text, pos, width) == _after_last(
            text, max(0, pos - width), pos, "。;；!！?？\n"
        )
    assert text_module.segment_after(text[pos:]) == re.split(r"[,，;；。:：、]", text[pos:])[0]


# ---------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "surface", "value", "value_high", "unit"),
    [
        ("增长10%—12%", "10%—12%", 10, 12, "percent"),
        ("增长10%-12%", "10%-12%", 10, 12, "percent"),
        ("治理5万至8万亩", "5万至8万亩", 50_000 / 15, 80_000 / 15, "hectare"),
        ("投入2-3亿元", "2-3亿元", 200_000_000, 300_000_000, "yuan"),
        ("安排1000-2000万元", "1000-2000万元", 10_000_000, 20_000_000, "yuan"),
        ("新发现大中型矿产地10—15处", "10—15处", 10, 15, "count"),
        ("新发现大中型矿产地10–15处", "10–15处", 10, 15, "count"),
        ("比重达到百分之十至百分之十五", "百分之十至百分之十五", 10, 15, "percent"),
    ],
)
def test_ranges(text: str, surface: str, value: float, value_high: float, unit: str) -> None:
    [quantity] = find_quantities(text)
    assert quantity.surface == surface
    assert float(quantity.value) == pytest.approx(value)
    assert float(quantity.value_high) == pytest.approx(value_high)
    assert quantity.unit == unit


# ---------------------------------------------------------------- qualifiers, per year, kind


@pytest.mark.parametrize(
    ("text", "surface", "qualifier", "per_year"),
    [
        ("全省煤炭产量稳定在1.1亿吨左右", "1.1亿吨", "稳定在;左右", False),
        ("累计投入资金3000余万元", "3000余万元", "余", False),
        ("争取资金两千多万元", "两千多万元", "多", False),
        ("每年安排补助资金不少于五亿元", "五亿元", "不少于", True),
        ("装机容量达到4500万千瓦以上", "4500万千瓦", "达到;以上", False),
        ("约3000万元", "3000万元", "约", False),
        ("超过50家", "50家", "超过", False),
        ("不低于15%", "15%", "不低于", False),
        ("年均增长8%", "8%", "", True),
        ("年产100万吨", "100万吨", "", True),
        ("单位GDP能耗降低13.5%", "13.5%", "", False),
    ],
)
def test_qualifiers_and_per_year(text: str, surface: str, qualifier: str, per_year: bool) -> None:
    [quantity] = find_quantities(text)
    assert quantity.surface == surface
    assert quantity.qualifier == qualifier
    assert quantity.per_year is per_year


@pytest.mark.parametrize(
    ("text", "surface", "per_unit", "per_year"),
    [
        ("对搬迁群众每户补助资金1.2万元", "1.2万元", True, False),
        ("复垦土地每亩1500元", "1500元", True, False),
        ("补助标准为1500元/亩", "1500元", True, False),
        ("生活补贴每人每月300元", "300元", True, False),
        ("按80元/吨征收", "80元", True, False),
        ("上网电价0.35元/千瓦时", "0.35元", True, False),
        ("人均可支配收入达到3万元", "3万元", True, False),
        (
            "城镇居民人均可支配收入增长5.3%",
            "5.3%",
            False,
            False,
        ),  # a growth rate, not a rate per person
        ("每个县至少建设1所标准化县级医院", "1所", True, False),  # one per county
        ("每年每亩补助300元", "300元", True, True),
        ("每年安排补助资金2亿元", "2亿元", False, True),  # a yearly amount, not a unit rate
        ("年处理能力100万吨/年", "100万吨", False, True),
        ("安排补助资金1.2万元", "1.2万元", False, False),  # an amount
        ("搬迁1200户,补助资金3000万元", "3000万元", False, False),  # 户 counts, not 每户
    ],
)
def test_unit_rates_are_flagged(text: str, surface: str, per_unit: bool, per_year: bool) -> None:
    [quantity] = [q for q in find_quantities(text) if q.surface == surface]
    assert (quantity.per_unit, quantity.per_year) == (per_unit, per_year)


def test_unit_rates_stay_in_the_tables() -> None:
    from analysis.targets import build_funding

    clauses = plain_clauses("对搬迁群众每户补助资金1.2万元,共安排补助资金3000万元。")
    figures = extract_figures(clauses, published={"doc": 2022}, doc_types={"doc": "plan"})
    assert figures[["surface", "per_unit"]].values.tolist() == [
        ["1.2万元", True],
        ["3000万元", False],
    ]
    funding = build_funding(clauses, figures)
    assert funding[["surface", "per_unit"]].values.tolist() == [
        ["1.2万元", True],
        ["3000万元", False],
    ]


def test_approximate_amount_keeps_its_value() -> None:
    [quantity] = find_quantities("累计投入资金3000余万元")
    assert float(quantity.value) == 30_000_000


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("累计获得中央预算内投资补助资金0.64亿元", "funding"),
        ("我省累计为南票争取财力性转移支付21.96亿元", "funding"),
        ("设立转型发展专项资金2亿元", "funding"),
        ("提供贷款5亿元", "funding"),
        ("已落地项目5个,总投资4.3亿元", "investment"),
        ("完成固定资产投资120亿元", "investment"),
        ("实现工业产值120亿元", "output"),
        ("工业增加值达到50亿元", "output"),
        ("一百二十亿元", "other"),
        ("全省煤炭产量稳定在1.1亿吨", "output"),
        ("煤炭产能1000万吨", "capacity"),
        ("可再生能源装机容量达到4500万千瓦", "capacity"),
        ("治理面积0.73万亩", "area"),
        ("比重达到94.7%", "share"),
        ("入驻企业14家", "count"),
        ("建成高速公路300公里", "other"),
    ],
)
def test_kind(text: str, kind: str) -> None:
    assert find_quantities(text)[-1].kind == kind


# ---------------------------------------------------------------- not figures


@pytest.mark.parametrize(
    "text",
    [
        "2021年",  # a year
        "发布时间:2021年07月23日",  # a date
        "2022年5月15日",
        "2022-02-24 10:25",  # date and time
        "2009年-2020年,我省",  # a period
        "规划(2021-2025年)",
        "发改振兴〔2021〕1559号",  # document number
        "省十三届人大五次会议第1125号",  # ordinals and a document number
        "省第十一次党代会",
        "党的十九大、十九届历次全会",
        "投资咨询热线400-168-6016",  # phone number
        "浏览次数:1234次",  # page-view counter
        "http://www.gov.cn/zhengce/2021/100元.html",  # URL
        "(一)总体思路。一、总体要求 1.加强领导",  # heading numbers
        "“十四五”实施方案、十三五期间、十四五末期",  # plan names
        "全面落实“三线一单”",  # slogans with numerals
        "继续做好“六稳”“六保”工作",
        "六稳六保",
        "“三步走”战略目标",
        "推进金星工业园区“七通一平”建设",
        "深入推进“三化三制”改革",
        "推进“一区多园”扩区建设模式",
        "“三位一体”的科研管理体系",
        "5G融合应用试验区",
        "使用“四荒地”及石漠化土地",
        "结合做好三篇大文章有关要求",
        "持续实施“百校千企”计划",
        "推进“双招双引”",
        "严格落实“三落实”专项行动",
        "解决南票区“其他三类”人群住房安全问题",
        "特别紧盯世界五百强、国内民营五百强企业",
        "包括三类资源型地区",
        "六大行动",
        "三大特色农业",
        "建设海西海南千万千瓦级清洁能源基地",  # a class label, not a capacity
        "打造一批千亿级集群",
        "形成签约一批、开工一批、投产一批的项目建设格局",
        "千家万户",
        "万亩良田",
        "推广“最多跑一次”",
        "增强“四个意识”、做到“两个维护”",
        "推动三门峡有色金属新材料",
        "一带一路",
        "前10名",
        "PM2.5浓度",
        "温度30度",
        "用3年时间",
        "一是资源富集地区,二是资源枯竭地区",
        "破除城乡二元结构",  # 二元 is not 2 yuan
        "守住一亩三分地",  # idioms with 一
        "打通最后一公里",
        "实施百千万人才工程",  # not a numeral
        "带动亿万农民增收",
        "入选国家千人计划",
        "培育两三个龙头企业",  # vague: two or three
        "统筹利用国内国际两个市场",  # set phrases after a Chinese-numeral count
        "坚持五个一批",
        "五部门联合印发",
        "建设500千伏变电站",  # voltage class (千伏 is not a unit here)
    ],
)
def test_not_a_figure(text: str) -> None:
    assert find_quantities(text) == []


def test_boilerplate_and_back_matter_hold_no_figures() -> None:
    clauses = pd.concat(
        [
            plain_clauses("订阅招商网络邮件周刊,每周推送100条资讯", "d", part="boilerplate"),
            plain_clauses("辽宁省发展和改革委员会 2021年5月28日 共3页", "e", part="back_matter"),
        ],
        ignore_index=True,
    )
    assert extract_figures(clauses, published={}, doc_types={}).empty


# ---------------------------------------------------------------- status


def _first_figure(text: str, published: int | None = 2021) -> pd.Series:
    figures = extract_figures(plain_clauses(text), published={"doc": published}, doc_types=A_REPLY)
    assert len(figures) >= 1, text
    return figures.iloc[0]


def _figure(text: str, surface: str, published: int | None = 2021) -> pd.Series:
    figures = extract_figures(plain_clauses(text), published={"doc": published}, doc_types=A_REPLY)
    return figures[figures["surface"] == surface].iloc[0]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # 争取, both readings
        ("2009年-2020年,我省累计为南票争取财力性转移支付21.96亿元。", "achievement"),
        ("下一步,争取中央预算内投资3亿元,支持棚户区改造。", "commitment"),
        ("争取中央预算内投资3亿元,支持棚户区改造。", "commitment"),
        ("近年来,省有关单位争取国家资金支持专项资金6386万元。", "achievement"),
        # 完成, both readings
        ("到2025年,完成采煤沉陷区治理面积0.73万亩。", "commitment"),
        ("2020年完成造林5万亩,保障脱贫攻坚任务全部完成。", "achievement"),
        ("预计完成土地复垦1000亩。", "commitment"),
        ("全面完成避险搬迁任务1200户。", "commitment"),
        ("近年来,南票区已治理采煤沉陷区2542公顷,完成人工造林27.3万亩。", "achievement"),
        # 达到, both readings
        ("到2025年,可再生能源装机容量达到4500万千瓦。", "commitment"),
        ("目前,工业增加值比重达到94.7%。", "achievement"),
        # other commitment cues
        ("力争新发现大中型矿产地10—15处。", "commitment"),
        ("今年,我省将设立转型发展专项资金2亿元。", "commitment"),
        ("计划投资10亿元建设园区。", "commitment"),
        ("拟安排补助资金2000万元。", "commitment"),
        ("省卫生健康委计划在2021年,全省建设400个高标准乡镇卫生院。", "commitment"),
        ("2023年底前,建成5个示范园区。", "commitment"),
        ("“十四五”期间,新增装机500万千瓦。", "commitment"),
        ("重点对尚需治理的58家地方煤矿进行生态治理。", "commitment"),
        # other achievement cues
        ("循环产业园区已入驻企业14家。", "achievement"),
        ("截至2020年底,累计建成污水处理厂3座。", "achievement"),
        ("“十三五”期间,全省完成投资500亿元。", "achievement"),
        ("2018年,累计获得中央预算内投资补助资金0.64亿元。", "achievement"),
        ("2020年南票区获得省以上扶贫发展资金6683.8万元。", "achievement"),
        ("省卫生健康委支持了3个乡镇卫生院的新建项目。", "achievement"),
        # the text does not say
        ("单位GDP能耗降低13.5%。", "unknown"),
        ("资金支持总额达686万元。", "unknown"),
        # a floor (不少于) or a yearly allocation (每年安排) is a standing commitment
        ("每年安排补助资金不少于五亿元。", "commitment"),
        # 比2020年 is the baseline of a change, not a past-year cue
        ("到2030年,单位地区生产总值能耗比2020年下降20%。", "commitment"),
    ],
)
def test_status(text: str, status: str) -> None:
    assert _first_figure(text)["status"] == status


@pytest.mark.parametrize(
    ("text", "surface", "status"),
    [
        # a 下一步 paragraph: the sentences after it are commitments
        ("下一步,我委将加快推进。重点支持5个项目建设。", "5个", "commitment"),
        # a 近年来 paragraph: achievements until 下一步, commitments after it
        (
            "近年来,我省不断加大支持。共支持项目12个。下一步,我委将继续支持。2021年,省财政设立专项资金2亿元。",
            "12个",
            "achievement",
        ),
        (
            "近年来,我省不断加大支持。共支持项目12个。下一步,我委将继续支持。2021年,省财政设立专项资金2亿元。",
            "2亿元",
            "commitment",
        ),
        # a past year opening the paragraph dates the sentences after it
        ("2020年南票区获得资金100万元。省卫生健康委支持了4所乡镇卫生院。", "4所", "achievement"),
    ],
)
def test_status_from_paragraph(text: str, surface: str, status: str) -> None:
    assert _figure(text, surface)["status"] == status


def test_past_year_depends_on_the_document_date() -> None:
    text = "2021年,全省建设400个高标准乡镇卫生院。"
    assert _first_figure(text, published=2020)["status"] == "commitment"
    assert _first_figure(text, published=2022)["status"] == "achievement"
    assert _first_figure(text, published=None)["status"] == "unknown"


PARAGRAPH_PIECES = st.sampled_from(
    [
        "到2025年,",
        "2023年底前",
        "下一步,",
        "近年来,",
        "目前",
        "2020年",
        "2019年",
        "今年",
        "明年",
        "“十四五”期间",
        "十三五末",
        "比2019年",
        "2021-2025年",
        "展望",
        "完成",
        "资金2亿元",
        "10",
        "。",
        "；",
        ";",
        "!",
        "?",
        "”",
        ",",
        " ",
        "\u3000",
        "《规划(2021-2025年)》",
    ]
)


@given(st.lists(PARAGRAPH_PIECES, max_size=30), st.sampled_from([None, 2021, 2030]))
@example(["“十四五”期间", "。", "完成"], 2021)  # a cue running on past a closing quote
@example(["2020年", "10", "。", "完成"], 2021)  # 2020年 followed by a digit is no year
@example(["到2025年,", "2019年", "。", "展望", " ", "到2025年,", "。"], 2021)
@settings(derandomize=True, max_examples=300, deadline=None)
def test_paragraph_frames_read_once_equal_paragraph_frame(pieces: list[str], doc_year) -> None:
    """The frame at each sentence start, read incrementally, is the frame of the paragraph
    before it (read in text order, at every position: safe cuts and fallbacks alike)."""
    paragraph = "".join(pieces)
    masked = "前文。" + text_module.masked_titles(paragraph) + "后文"
    start = len("前文。")
    frames = frame_rules.ParagraphFrames(masked, start, start + len(paragraph), doc_year)
    for cut in range(len(paragraph) + 1):
        expected = frame_rules.paragraph_frame(masked[start : start + cut], doc_year)
        assert frames.frame_at(start + cut) == expected


def test_long_paragraph_reads_like_its_sentences() -> None:
    """A document without line breaks (one paragraph of many sentences): every repetition
    of the two sentences gets what the text says, as the first one does."""
    piece = "到2025年,新增光伏装机容量35万千瓦,风电装机达到12万千瓦。近年来累计完成治理3.5万亩。"
    figures = extract_figures(
        plain_clauses(piece * 200), published={"doc": 2022}, doc_types=A_REPLY
    )
    assert len(figures) == 600
    expected = [("35万千瓦", "commitment"), ("12万千瓦", "commitment"), ("3.5万亩", "achievement")]
    assert list(zip(figures["surface"], figures["status"], strict=True)) == expected * 200
    committed = figures[figures["status"] == "commitment"]
    assert (committed["year"] == 2025).all()  # 到2025年 of each repetition


@pytest.mark.parametrize(
    ("before", "after", "paragraph_before", "placement", "expected"),
    [
        (
            "近年来,南票区已治理采煤沉陷区",
            "",
            "",
            Placement(2021, "reply"),
            ("achievement", "cue:已"),
        ),
        (
            "重点支持",
            "个项目建设。",
            "下一步,我委将加快推进。",
            Placement(2021, "reply"),
            ("commitment", "paragraph:下一步"),
        ),
        ("新建园区", "。", "", Placement(2021, "reply"), ("commitment", "cue:新建")),
        ("建设园区", "。", "", Placement(2021, "reply"), ("unknown", "")),
        # the body of a plan states future action; front matter does not
        ("建设园区", "。", "", Placement(2021, "plan"), ("commitment", "frame:plan")),
        ("建设园区", "。", "", Placement(2021, "plan", part="front_matter"), ("unknown", "")),
        # ... except under a background title (一、发展基础)
        (
            "建设园区",
            "。",
            "",
            Placement(2021, "plan", section_title="一、发展基础"),
            ("unknown", ""),
        ),
        # a results title over the clause, the genre of a report, a regulation's rule word
        (
            "建设园区",
            "。",
            "",
            Placement(2021, "plan", section_title="一、主要工作成效"),
            ("achievement", "frame:review_section:一、主要工作成效"),
        ),
        (
            "建设园区",
            "。",
            "",
            Placement(2023, "report", sub_title="三、2023年工作安排"),
            ("commitment", "frame:plan_section:三、2023年工作安排"),
        ),
        ("建设园区", "。", "", Placement(2023, "report"), ("achievement", "frame:report")),
        ("每户补助", "。", "", Placement(2023, "other"), ("commitment", "rule:补助")),
        ("违者处以", "罚款。", "", Placement(2023, "other"), ("unknown", "")),
        # a two-way cue (完成) yields to the frame; a strong cue does not
        ("完成投资", "。", "", Placement(2023, "report"), ("achievement", "frame:report")),
        ("力争完成投资", "。", "", Placement(2023, "report"), ("commitment", "cue:力争")),
        # NaN titles (blank in the clauses table) are no titles
        (
            "建设园区",
            "。",
            "",
            Placement(2021, "plan", sub_title=float("nan")),
            ("commitment", "frame:plan"),
        ),
    ],
)
def test_decide_status_reports_its_cue(
    before: str, after: str, paragraph_before: str, placement: Placement, expected: tuple[str, str]
) -> None:
    """The one status entry point, with the placement production passes."""
    assert decide_status(before, after, placement, paragraph_before=paragraph_before) == expected


@pytest.mark.parametrize(
    ("text", "doc_type", "surface"),
    [
        ("一、发展基础\n全省建成园区12个。", "plan", "12个"),
        ("一、主要工作成效\n新开工项目156个。", "report", "156个"),
        ("下一步,我委将加快推进。重点支持5个项目建设。", "reply", "5个"),
        ("第六条 每户补助1.2万元。", "other", "1.2万元"),
    ],
)
def test_production_decides_status_with_decide_status(
    text: str, doc_type: str, surface: str
) -> None:
    """extract_figures's status and cue are decide_status's for the figure's sentence,
    paragraph and placement (read from the clauses table as production reads it)."""
    clauses = plain_clauses(text, part=None)
    row = (
        extract_figures(clauses, published={"doc": 2022}, doc_types={"doc": doc_type})
        .set_index("surface")
        .loc[surface]
    )
    clause = clauses.set_index("clause_id").loc[row["clause_id"]]
    paragraph = clauses[clauses["paragraph_no"] == clause["paragraph_no"]]
    sentence = paragraph[paragraph["sentence_no"] == clause["sentence_no"]]
    sentence_start = int(sentence["start"].min())
    whole = "".join(paragraph["text"])  # the paragraph's clauses are contiguous here
    offset = int(paragraph["start"].min())
    placement = Placement(
        2022,
        doc_type,
        clause["part"],
        clause["sub_title"],
        clause["item_title"],
        clause["section_title"],
        clause["chapter_title"],
    )
    expected = decide_status(
        whole[sentence_start - offset : row["start"] - offset],
        whole[row["end"] - offset : int(sentence["end"].max()) - offset],
        placement,
        paragraph_before=whole[: sentence_start - offset],
    )
    assert (row["status"], row["status_cue"]) == expected


# ---------------------------------------------------------------- years and periods


@pytest.mark.parametrize(
    ("text", "year", "period_start", "period_end"),
    [
        ("到2025年,全省煤炭产量稳定在1.1亿吨左右。", 2025, None, None),
        ("2023年底前,建成5个示范园区。", 2023, None, None),
        (
            "2009年-2020年,我省累计为南票争取财力性转移支付21.96亿元。",
            None,
            "2009-01-01",
            "2020-12-31",
        ),
        ("“十三五”期间,全省完成投资500亿元。", None, "2016-01-01", "2020-12-31"),
        ("十四五时期,新增装机500万千瓦。", None, "2021-01-01", "2025-12-31"),
        ("到“十四五”末,新增装机500万千瓦。", 2025, None, None),
        ("2020年南票区获得省以上扶贫发展资金6683.8万元。", 2020, None, None),
        ("今年,我省将设立转型发展专项资金2亿元。", 2021, None, None),  # published 2021
        # a target year opening the paragraph dates its later sentences
        ("到2025年,全省煤炭产量稳定在1.1亿吨。新增装机500万千瓦。", 2025, None, None),
        # a year inside a 《title》 does not date the figure
        ("根据《辽宁省采煤沉陷区综合治理规划(2021-2025年)》,复垦土地1000亩。", None, None, None),
        ("单位GDP能耗降低13.5%。", None, None, None),
        ("到2030年,单位地区生产总值能耗比2020年下降20%。", 2030, None, None),  # 2020 = baseline
    ],
)
def test_years_and_periods(
    text: str, year: int | None, period_start: str | None, period_end: str | None
) -> None:
    figure = extract_figures(
        plain_clauses(text), published={"doc": "2021-05-28"}, doc_types=A_REPLY
    ).iloc[-1]
    assert (None if pd.isna(figure["year"]) else int(figure["year"])) == year
    assert (None if pd.isna(figure["period_start"]) else figure["period_start"]) == period_start
    assert (None if pd.isna(figure["period_end"]) else figure["period_end"]) == period_end


@pytest.mark.parametrize(
    ("text", "surface", "year", "period", "status"),
    [
        # years in Chinese digits read like Arabic ones (target, plain, period)
        (
            "到二〇二五年,全省治理采煤沉陷区五万亩,总投资一百二十亿元。",
            "五万亩",
            2025,
            (None, None),
            "commitment",
        ),
        (
            "到二〇二五年,全省治理采煤沉陷区五万亩,总投资一百二十亿元。",
            "一百二十亿元",
            2025,
            (None, None),
            "commitment",
        ),
        (
            "到二○三五年,新增装机500万千瓦。",
            "500万千瓦",
            2035,
            (None, None),
            "commitment",
        ),  # ○ U+25CB
        ("到二零三五年,新增装机500万千瓦。", "500万千瓦", 2035, (None, None), "commitment"),
        ("二〇二三年底前,建成5个示范园区。", "5个", 2023, (None, None), "commitment"),
        ("2025年底前,建成5个示范园区。", "5个", 2025, (None, None), "commitment"),
        (
            "二〇二〇年,全省完成造林5万亩。",
            "5万亩",
            2020,
            (None, None),
            "achievement",
        ),  # published 2022
        (
            "二〇一六年至二〇二〇年,全省完成投资500亿元。",
            "500亿元",
            None,
            ("2016-01-01", "2020-12-31"),
            "achievement",
        ),
        ("到“十四五”末,新增装机500万千瓦。", "500万千瓦", 2025, (None, None), "commitment"),
        ("一九九八年建成水库3座。", "3座", 1998, (None, None), "achievement"),
    ],
)
def test_years_in_chinese_numerals(
    text: str, surface: str, year: int | None, period: tuple, status: str
) -> None:
    figure = _figure(text, surface, published=2022)
    assert (None if pd.isna(figure["year"]) else int(figure["year"])) == year
    assert (
        tuple(None if pd.isna(figure[c]) else figure[c] for c in ("period_start", "period_end"))
        == period
    )
    assert figure["status"] == status


@pytest.mark.parametrize(
    "text",
    [
        "到二〇二五年,全省治理采煤沉陷区五万亩。",
        "二〇二三年底前,建成5个示范园区。",
        "二〇一六年至二〇二〇年,全省完成投资500亿元。",
    ],
)
def test_chinese_years_are_not_figures(text: str) -> None:
    assert [q.surface for q in find_quantities(text)] == [
        s for s in ("五万亩", "5个", "500亿元") if s in text
    ]


def test_target_year_role() -> None:
    figure = _first_figure("到2025年,完成采煤沉陷区治理面积0.73万亩。")
    assert figure["year_role"] == "target"
    figure = _first_figure("2018年,累计获得中央预算内投资补助资金0.64亿元。")
    assert figure["year_role"] == "reference"


# ---------------------------------------------------------------- duplicates


DUPLICATES_TEXT = "\n".join(
    [
        "近年来,葫芦岛市在葫芦岛经济开发区划出4000亩土地作为飞地产业园。",
        "下一步,重点对58家地方煤矿,以及4000亩沉陷区村庄建设用地进行生态治理。",
        "近年来,葫芦岛市在葫芦岛经济开发区划出4000亩土地作为飞地产业园,确定了三步走战略目标。",
        "今年,我省将设立资源型地区转型发展专项资金2亿元。",
        "2021年,省财政设立资源型地区转型发展专项资金2亿元。",
        "另外,向企业发放贷款2亿元。",
    ]
)


def test_duplicates_same_fact_not_same_number() -> None:
    figures = extract_figures(
        plain_clauses(DUPLICATES_TEXT), published={"doc": 2021}, doc_types=A_REPLY
    )
    by_surface = {s: g.reset_index(drop=True) for s, g in figures.groupby("surface")}
    park, village, park_again = by_surface["4000亩"].itertuples(index=False)
    assert pd.isna(park.duplicate_of)
    assert pd.isna(village.duplicate_of)  # same number, another fact
    assert park_again.duplicate_of == park.figure_id
    fund, fund_again, loan = by_surface["2亿元"].itertuples(index=False)
    assert fund_again.duplicate_of == fund.figure_id
    assert pd.isna(loan.duplicate_of)  # same amount, another instrument


def test_duplicates_compare_only_rows_with_the_same_value() -> None:
    """Rows are bucketed by (unit, value, value_high): a figure whose value no other figure
    of its document has is never compared, and its context bigrams are never built."""
    rows = [
        {
            "figure_id": f"f{i}",
            "unit": "yuan",
            "value": float(i),
            "value_high": None,
            "year": None,
            "period_start": None,
            "period_end": None,
            "duplicate_of": None,
            "_before": "安排专项资金",
            "_after": "支持项目",
        }
        for i in range(1000)
    ]
    rows.append({**rows[0], "figure_id": "again"})
    duplicates.mark_duplicates(rows)
    assert rows[-1]["duplicate_of"] == "f0"
    assert [row["figure_id"] for row in rows if "_context" in row] == ["f0", "again"]


def test_duplicates_need_the_same_period() -> None:
    text = "2019年,累计投入专项资金2亿元。\n2020年,累计投入专项资金2亿元。"
    figures = extract_figures(plain_clauses(text), published={"doc": 2021}, doc_types=A_REPLY)
    assert figures["duplicate_of"].isna().all()


# ---------------------------------------------------------------- other provinces' styles


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "kind", "status"),
    [
        (
            "到2025年,全省煤炭产量稳定在1.1亿吨左右。",
            "1.1亿吨",
            110_000_000,
            "tonne",
            "output",
            "commitment",
        ),
        ("十四五期间,新发现大中型矿产地10—15处。", "10—15处", 10, "count", "count", "commitment"),
        (
            "十三五以来,累计投入资金3000余万元。",
            "3000余万元",
            30_000_000,
            "yuan",
            "funding",
            "achievement",
        ),
        (
            "省财政每年安排补助资金不少于五亿元。",
            "五亿元",
            500_000_000,
            "yuan",
            "funding",
            "commitment",
        ),
        (
            "鼓励社会资本设立总规模100亿元的转型发展基金。",
            "100亿元",
            10_000_000_000,
            "yuan",
            "funding",
            "unknown",
        ),
        (
            "到2025年,可再生能源装机容量达到4500万千瓦。",
            "4500万千瓦",
            45_000_000,
            "kW",
            "capacity",
            "commitment",
        ),
        ("到2025年,单位GDP能耗降低13.5%。", "13.5%", 13.5, "percent", "share", "commitment"),
        ("截至2021年底,全市已建成光伏电站36座。", "36座", 36, "count", "count", "achievement"),
        (
            "力争到2023年底,全区新增城镇就业2.5万人。",
            "2.5万人",
            25_000,
            "count",
            "count",
            "commitment",
        ),
        (
            "“十三五”时期,共治理矿山地质环境1.2万公顷。",
            "1.2万公顷",
            12_000,
            "hectare",
            "area",
            "achievement",
        ),
        (
            "计划总投资一百二十亿元。",
            "一百二十亿元",
            12_000_000_000,
            "yuan",
            "investment",
            "commitment",
        ),
        ("目前,全市煤矿数量已由120处减少到45处。", "45处", 45, "count", "count", "achievement"),
    ],
)
def test_other_styles(
    text: str, surface: str, value: float, unit: str, kind: str, status: str
) -> None:
    figure = _figure(text, surface, published=2022)
    assert figure["value"] == pytest.approx(value)
    assert (figure["unit"], figure["kind"], figure["status"]) == (unit, kind, status)


# ---------------------------------------------------------------- defects found on unseen styles
# (tests/test_other_styles.py): each (text, expected) written from reading the text


@pytest.mark.parametrize(
    "text",
    [
        "持续推动鹤岗、双鸭山、七台河、伊春等资源枯竭城市转型发展",  # 七台河 is not 七台 = 7
        "支持七台河市独立工矿区改造搬迁",
        "六盘水、三门峡、四平、十堰、五大连池、二连浩特、万州、九江、八宿、三亚、百色、万宁",
        "三台县、五台县、九台区、五家渠市加快转型",  # numeral + measure word starting a name
    ],
)
def test_place_names_with_numerals_are_not_figures(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("购置三台设备", "三台"),  # 三台 without a place name is a count
        ("新建五家企业", "五家"),
        ("七台河市新建三个园区", "三个"),
    ],
)
def test_counts_next_to_place_names_are_kept(text: str, surface: str) -> None:
    assert [q.surface for q in find_quantities(text)] == [surface]


@pytest.mark.parametrize(
    ("text", "published", "surface", "status"),
    [
        # 累计 yields to forward cues before it (力争, a plan period not yet ended)
        (
            "积极争取中央预算内投资,力争“十四五”期间累计争取中央资金超过一百亿元。",
            2022,
            "一百亿元",
            "commitment",
        ),
        # 三年累计: a span of years, not a past cue; in a plan, commitment
        (
            "2022年完成治理面积1.8万亩;三年累计治理废弃矿山120座,矿区植被覆盖率提高10个百分点。",
            2022,
            "120座",
            "commitment",
        ),
        (
            "2022年完成治理面积1.8万亩;三年累计治理废弃矿山120座,矿区植被覆盖率提高10个百分点。",
            2022,
            "10个百分点",
            "commitment",
        ),
        # a cue after the figure is read in its clause only (not past the ;)
        ("2022年完成治理面积1.8万亩;三年累计治理废弃矿山120座。", 2022, "1.8万亩", "commitment"),
        # 累计 with a past year or no forward cue stays an achievement
        ("“十三五”期间,全省累计治理采煤沉陷区面积12.8万亩。", 2022, "12.8万亩", "achievement"),
        (
            "2018年,我委将南票区纳入支持范围,累计获得补助资金0.64亿元。",
            2021,
            "0.64亿元",
            "achievement",
        ),
        ("近三年累计完成矿山治理面积1.2万公顷。", 2023, "1.2万公顷", "achievement"),
        # 已 inside the object (对已稳沉区域) is not the action's tense
        (
            "(1)对已稳沉区域,因地制宜发展设施农业,每年复垦土地不少于二万亩。",
            2022,
            "二万亩",
            "commitment",
        ),
        ("循环产业园区已入驻企业14家。", 2021, "14家", "achievement"),
        # 计划 as a verb before any verb; as a noun it is no cue
        ("对沉陷区实施综合治理,计划搬迁群众3万余人。", 2022, "3万余人", "commitment"),
        ("计划改造老旧小区1200个。", 2022, "1200个", "commitment"),
        ("计划培育龙头企业20家。", 2022, "20家", "commitment"),
    ],
)
def test_status_cues_on_unseen_styles(text: str, published: int, surface: str, status: str) -> None:
    # a plan's body: figures no cue decides are commitments
    figures = extract_figures(
        plain_clauses(text), published={"doc": published}, doc_types={"doc": "plan"}
    )
    assert figures.set_index("surface").loc[surface, "status"] == status


@pytest.mark.parametrize(
    ("text", "doc_type", "status"),
    [
        ("建设铜、铅、锌精深加工项目12个,总投资85.6亿元。", "plan", "commitment"),
        ("打造稀土新材料产业集群,稀土产业产值突破1000亿元。", "plan", "commitment"),
        ("建设铜、铅、锌精深加工项目12个。", "opinion", "commitment"),
        ("建设铜、铅、锌精深加工项目12个。", "notice", "commitment"),
        ("建设铜、铅、锌精深加工项目12个。", "reply", "unknown"),  # replies keep unknown
        ("建设铜、铅、锌精深加工项目12个。", "report", "achievement"),  # a report states results
        ("实施高新技术企业倍增计划,建设精深加工项目12个。", "reply", "unknown"),  # 计划 noun
        ("持续实施“百校千企”计划,建设精深加工项目12个。", "reply", "unknown"),
    ],
)
def test_cueless_figure_in_a_plan_is_a_commitment(text: str, doc_type: str, status: str) -> None:
    figures = extract_figures(
        plain_clauses(text), published={"doc": 2022}, doc_types={"doc": doc_type}
    )
    assert set(figures["status"]) == {status}


PLAN_WITH_BACKGROUND = "\n".join(
    [
        "一、发展基础",
        "全国现有资源型城市262个。",
        "全省资源型城市11个,煤炭产量1.1亿吨。",
        "(一)面临形势",
        "省内资源型企业120家。",
        "二、主要任务",
        "(一)推进转型",
        "建设接续替代产业园区5个。",
        "改造提升现有园区8个。",
        "培育拥有核心技术的企业10家。",
    ]
)


@pytest.mark.parametrize(
    ("surface", "status"),
    [
        ("262个", "achievement"),  # 现有: the current state
        ("11个", "unknown"),  # no cue, under 一、发展基础: background, not a commitment
        ("1.1亿吨", "unknown"),
        ("120家", "unknown"),  # under (一)面临形势 of 一、发展基础
        ("5个", "commitment"),  # no cue under 二、主要任务 of a plan
        ("8个", "commitment"),  # 现有 as an attribute (改造提升现有园区) is no cue
        ("10家", "commitment"),  # 拥有 inside the object (培育拥有…的企业)
    ],
)
def test_background_sections_are_not_commitments(surface: str, status: str) -> None:
    figures = extract_figures(
        plain_clauses(PLAN_WITH_BACKGROUND), published={"doc": 2022}, doc_types={"doc": "plan"}
    )
    assert figures.set_index("surface").loc[surface, "status"] == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("全国现有资源型城市262个。", "achievement"),
        ("全省共有国家认定的资源型城市11个。", "achievement"),
        ("全市拥有国家级开发区3个。", "achievement"),
        ("全省现存历史遗留矿山1200座。", "achievement"),
        ("依托现有园区新建产业基地5个。", "commitment"),  # 依托现有: an attribute
        ("对现有的23家煤矿实施改造。", "commitment"),  # 对现有: an attribute
        ("到2025年,全省现有煤矿减少到45处。", "commitment"),  # 现有 yields to 到2025年 before it
        ("目前,全省现有煤矿45处。", "achievement"),
    ],
)
def test_current_state_cues(text: str, status: str) -> None:
    figures = extract_figures(
        plain_clauses(text), published={"doc": 2022}, doc_types={"doc": "plan"}
    )
    assert figures["status"].iloc[0] == status


def test_cueless_figure_outside_the_body_stays_unknown() -> None:
    clauses = plain_clauses("建设精深加工项目12个。", part="front_matter")
    figures = extract_figures(clauses, published={"doc": 2022}, doc_types={"doc": "plan"})
    assert figures["status"].tolist() == ["unknown"]


@pytest.mark.parametrize(
    ("text", "published", "surface", "year", "period"),
    [
        # a period opening the paragraph dates its later sentences
        (
            "“十三五”期间,全区转型发展取得积极成效。累计完成投资3000余亿元。",
            2022,
            "3000余亿元",
            None,
            ("2016-01-01", "2020-12-31"),
        ),
        # 2015年的 / 到2020年的 date only the figure they describe
        (
            "“十三五”期间,转型取得成效。煤炭产量由2015年的9.1亿吨增加到2020年的10.01亿吨,建成绿色矿山56座。",
            2022,
            "9.1亿吨",
            2015,
            (None, None),
        ),
        (
            "“十三五”期间,转型取得成效。煤炭产量由2015年的9.1亿吨增加到2020年的10.01亿吨,建成绿色矿山56座。",
            2022,
            "10.01亿吨",
            2020,
            (None, None),
        ),
        (
            "“十三五”期间,转型取得成效。煤炭产量由2015年的9.1亿吨增加到2020年的10.01亿吨,建成绿色矿山56座。",
            2022,
            "56座",
            None,
            ("2016-01-01", "2020-12-31"),
        ),
        # 年内 is the document's year (not 五年内)
        (
            "力争年内开工建设接续替代产业项目30个以上,完成投资50亿元。",
            2023,
            "50亿元",
            2023,
            (None, None),
        ),
        ("五年内建设项目30个。", 2023, "30个", None, (None, None)),
    ],
)
def test_years_on_unseen_styles(
    text: str, published: int, surface: str, year: int | None, period: tuple
) -> None:
    figure = (
        extract_figures(plain_clauses(text), published={"doc": published}, doc_types=A_REPLY)
        .set_index("surface")
        .loc[surface]
    )
    assert (None if pd.isna(figure["year"]) else int(figure["year"])) == year
    assert (
        tuple(None if pd.isna(figure[c]) else figure[c] for c in ("period_start", "period_end"))
        == period
    )


def test_status_of_a_past_attributive_year() -> None:
    text = "煤炭产量由2015年的9.1亿吨增加到2020年的10.01亿吨。"
    figure = _figure(text, "10.01亿吨", published=2022)
    assert (figure["status"], figure["year_role"]) == ("achievement", "reference")


def test_duplicate_same_dated_lead_words() -> None:
    text = "\n".join(
        [
            "近日,市政府印发方案,提出到2024年非煤产业增加值占工业比重达到45%,新增就业1.2万人,推动转型。",
            "到2024年,地区生产总值年均增长6.5%左右,新培育规模以上工业企业50户,新增就业1.2万人,民生保障水平明显提升。",
            "到2023年,新增就业1.2万人。",  # another year: another fact
        ]
    )
    figures = extract_figures(plain_clauses(text), published={"doc": 2022}, doc_types=A_REPLY)
    jobs = figures[figures["surface"] == "1.2万人"].reset_index(drop=True)
    assert pd.isna(jobs.loc[0, "duplicate_of"])
    assert jobs.loc[1, "duplicate_of"] == jobs.loc[0, "figure_id"]
    assert pd.isna(jobs.loc[2, "duplicate_of"])


def test_figure_ids_sort_in_text_order_past_99_figures() -> None:
    text = "建设" + "、".join(f"{n}个" for n in range(1, 121)) + "园区。"  # one clause, 120 figures
    figures = extract_figures(plain_clauses(text), published={"doc": 2022}, doc_types=A_REPLY)
    assert len(figures) == 120
    assert figures["figure_id"].tolist() == sorted(figures["figure_id"])
    assert figures["figure_id"].iloc[99].endswith("-f100")
    assert figures["value"].tolist() == list(range(1, 121))


def test_windows_read_as_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document read in windows of a few paragraphs gives the rows of one whole read."""
    text = "\n".join(
        [DUPLICATES_TEXT, "“十三五”期间,全区取得成效。累计完成投资3000余亿元。", DUPLICATES_TEXT]
        * 3
    )
    whole = extract_figures(plain_clauses(text), published={"doc": 2021}, doc_types=A_REPLY)
    monkeypatch.setattr(extract, "WINDOW_CHARS", 50)
    pd.testing.assert_frame_equal(
        extract_figures(plain_clauses(text), published={"doc": 2021}, doc_types=A_REPLY), whole
    )
    assert len(whole) == 3 * (2 * 7 + 1)  # DUPLICATES_TEXT has 7 figures


# ---------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return seed_tables()


def test_seed_spans_point_into_the_text(seeds) -> None:
    from analysis.ingest import read_corpus
    from analysis.paths import DEFAULT_RAW

    texts = {d.doc_id: d.text for d in read_corpus(DEFAULT_RAW).documents}
    _documents, clauses, figures = seeds
    clause_span = {r.clause_id: (r.start, r.end) for r in clauses.itertuples(index=False)}
    assert len(figures) > 0
    for f in figures.itertuples(index=False):
        assert texts[f.doc_id][f.start : f.end] == f.surface
        start, end = clause_span[f.clause_id]
        assert start <= f.start < f.end <= end


def test_seed_rows_sorted_and_ids_stable(seeds) -> None:
    _documents, _clauses, figures = seeds
    assert list(figures.columns[:16]) == [
        "figure_id",
        "doc_id",
        "clause_id",
        "start",
        "end",
        "surface",
        "value",
        "value_high",
        "unit",
        "unit_raw",
        "kind",
        "status",
        "year",
        "period_start",
        "period_end",
        "duplicate_of",
    ]
    assert figures.equals(figures.sort_values(["doc_id", "start"]).reset_index(drop=True))
    assert figures["figure_id"].is_unique
    assert figures["figure_id"].str.fullmatch(r".+-c\d{6}-f\d{3}").all()  # f001: sorts to f999


def test_seed_liaoning_duplicates(seeds) -> None:
    _documents, _clauses, figures = seeds
    liaoning = figures[figures["doc_id"].str.startswith("004")].reset_index(drop=True)
    first_id = {}
    for f in liaoning.itertuples(index=False):
        first_id.setdefault(f.surface, f.figure_id)
    dup = dict(zip(liaoning["figure_id"], liaoning["duplicate_of"], strict=True))
    mentions = liaoning.groupby("surface")["figure_id"].apply(list).to_dict()
    assert dup[mentions["21.96亿元"][1]] == first_id["21.96亿元"]  # sections 二 and 七
    assert dup[mentions["2亿元"][1]] == first_id["2亿元"]  # sections 一 and 七
    park, village, park_again = mentions["4000亩"]  # sections 一, 四, 五
    assert pd.isna(dup[park]) and pd.isna(dup[village])
    assert dup[park_again] == park
    others = liaoning[~liaoning["surface"].isin(["21.96亿元", "2亿元", "4000亩"])]
    assert others["duplicate_of"].isna().all()


def test_seed_henan_has_no_figures(seeds) -> None:
    _documents, _clauses, figures = seeds
    assert not figures["doc_id"].str.startswith("000").any()


def test_seed_evaluation(seeds) -> None:
    documents, _clauses, figures = seeds
    gold = gold_with_doc_ids(load_gold(), documents)
    report = evaluate(figures, gold, sorted(documents["doc_id"]))
    columns = [
        "figure_id",
        "surface",
        "value",
        "unit",
        "kind",
        "status",
        "status_cue",
        "year",
        "period_start",
        "duplicate_of",
        "qualifier",
    ]
    with pd.option_context("display.width", 250, "display.max_rows", 500):
        print()
        print(figures[columns].to_string(index=False))
        print(report.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    overall = report.set_index("doc_id").loc["all"]
    assert overall["gold"] == 40
    assert overall["precision"] >= 0.99
    assert overall["recall"] >= 0.99
    assert overall["status_accuracy"] >= 0.95
    assert overall["duplicate_accuracy"] == 1.0
    # zero non-figures: every figure found is in the gold list
    assert overall["found"] == overall["matched"]


# ---------------------------------------------------------------- fast regexes


@pytest.mark.parametrize(
    ("pattern", "compiled"),
    [
        (years.YEAR_PATTERN, years.YEAR_RE),
        (status_rules.STRONG_CUE_PATTERN, status_rules.STRONG_CUE_RE),
        (status_rules.WEAK_CUE_PATTERN, status_rules.WEAK_CUE_RE),
        (frame_rules.FRAME_CUE_PATTERN, frame_rules.FRAME_CUE_RE),
        (quantities.MONEY_KIND_PATTERN, quantities.MONEY_KIND_RE),
    ],
)
def test_first_char_lookahead_keeps_every_match(pattern: str, compiled, seeds) -> None:
    _documents, clauses, _figures = seeds
    text = "\n".join(
        [
            *clauses["text"],
            DUPLICATES_TEXT,
            "比2020年 较2015年底 同比2019年 对比2018年",
            "“十四五”末 到十三五末期 今年 明年 去年 上年 本年度 当年 1998年 GDP产值",
        ]
    )
    plain = re.compile(pattern)
    assert [(m.span(), m.lastgroup) for m in compiled.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)
    ]


def test_quantities_are_tried_at_run_starts_only(seeds) -> None:
    """QUANTITY_RE.finditer = the pattern tried at each start of a run of number characters
    past the previous quantity (the definition, in Python)."""
    _documents, clauses, _figures = seeds
    text = "\n".join(
        [
            *clauses["text"],
            DUPLICATES_TEXT,
            "第三十个 百分之三十5 1,000元 万2个 5千瓦 两三个 2020年5万亩",
        ]
    )
    plain = re.compile(quantities.QUANTITY_PATTERN)
    expected, resume = [], 0
    for run in re.finditer(r"[0-9０-９零〇○一二两兩三四五六七八九十百千万亿萬億]+", text):
        match = plain.match(text, run.start()) if run.start() >= resume else None
        if match:
            expected.append((match.span(), match.lastgroup))
            resume = match.end()
    assert [(m.span(), m.lastgroup) for m in quantities.QUANTITY_RE.finditer(text)] == expected


# ---------------------------------------------------------------- section frame and genre

# a work report on 2022, published 2023: results in 一、, plans in 三、2023年工作安排
WORK_REPORT = "\n".join(
    [
        "贵州省发展和改革委员会关于2022年全省资源型地区转型发展工作情况的报告",
        "省人民政府：",
        "一、主要工作成效",
        "（一）产业转型步伐加快。规模以上工业增加值增长6.8%，全年新开工转型项目156个，完成投资420亿元。",
        "（二）治理有序推进。全年争取中央预算内投资12.6亿元，支持治理项目28个；完成避险搬迁1.1万户。",
        "（三）就业形势保持稳定。城镇新增就业12.5万人，开展技能培训3.6万人次，失业率控制在4.8%以内。",
        "（四）生态修复。累计建成绿色矿山63座。",
        "二、存在的问题",
        "部分城市财政收支矛盾突出，非煤产业占比为31%。下一步将新建园区5个。",
        "三、2023年工作安排",
        "一是推进生态修复，完成修复面积2万亩；二是积极争取中央资金15亿元；三是城镇新增就业12万人。",
    ]
)


def _report_figures(text: str = WORK_REPORT, doc_type: str = "report") -> pd.DataFrame:
    clauses = plain_clauses(text, part=None)
    figures = extract_figures(clauses, published={"doc": "2023-02-06"}, doc_types={"doc": doc_type})
    return figures.set_index("surface")


@pytest.mark.parametrize(
    ("surface", "status"),
    [
        ("6.8%", "achievement"),  # no cue, under 一、主要工作成效
        ("156个", "achievement"),
        ("420亿元", "achievement"),  # 完成 (two-way) under a results title
        ("12.6亿元", "achievement"),  # 争取 (two-way) under a results title
        ("28个", "achievement"),
        ("1.1万户", "achievement"),
        ("12.5万人", "achievement"),  # 新增 (two-way) under a results title
        ("3.6万人次", "achievement"),
        ("4.8%", "achievement"),  # 控制在 (two-way) under a results title
        ("63座", "achievement"),  # 累计
        ("31%", "achievement"),  # no cue, no frame title: a report states results
        ("5个", "commitment"),  # 下一步 / 将 in a report still look forward
        ("2万亩", "commitment"),  # 完成 under 三、2023年工作安排
        ("15亿元", "commitment"),  # 争取 under a plans title
        ("12万人", "commitment"),  # 新增 under a plans title
    ],
)
def test_report_status_follows_section_frame_and_genre(surface: str, status: str) -> None:
    assert _report_figures().loc[surface, "status"] == status


@pytest.mark.parametrize(
    ("surface", "year", "role"),
    [
        ("156个", 2022, "reference"),  # 全年 in a report on 2022 (title year, not published 2023)
        ("6.8%", 2022, "reference"),  # same sentence as 全年
        ("12.6亿元", 2022, "reference"),
        ("1.1万户", 2022, "reference"),  # 全年 earlier in the sentence, after a ；
        ("12.5万人", 2022, "reference"),  # an achievement under the results title of a 2022 report
        ("63座", None, ""),  # 累计: a running total, not the year's result
        ("31%", None, ""),  # no year stated, no results title
        ("2万亩", 2023, "target"),  # under 三、2023年工作安排
        ("15亿元", 2023, "target"),
    ],
)
def test_report_year_from_title_and_frame(surface: str, year: int | None, role: str) -> None:
    row = _report_figures().loc[surface]
    assert (None if pd.isna(row["year"]) else int(row["year"])) == year
    assert row["year_role"] == role


def test_report_without_title_year_leaves_whole_year_blank() -> None:
    text = "关于资源型地区转型发展工作情况的报告\n一、主要工作成效\n全年新开工转型项目156个。"
    row = _report_figures(text).loc["156个"]
    assert row["status"] == "achievement" and pd.isna(row["year"])  # 全年 of which year: not said


@pytest.mark.parametrize(
    ("text", "doc_type", "surface", "status"),
    [
        # results titles set achievement in any genre, plans titles commitment
        ("一、工作进展\n新增就业1.2万人。", "plan", "1.2万人", "achievement"),
        ("一、2021年工作完成情况\n完成投资50亿元。", "reply", "50亿元", "achievement"),
        (
            "二、2021年工作\n新开工项目8个。",
            "report",
            "8个",
            "achievement",
        ),  # 2021 < 2023: past work
        ("二、下一步工作计划\n新增就业1.2万人。", "report", "1.2万人", "commitment"),
        ("二、主要目标\n城镇新增就业1.2万人。", "report", "1.2万人", "commitment"),
        ("二、重点任务\n（一）推进修复\n完成修复面积2万亩。", "report", "2万亩", "commitment"),
        # a strong cue still decides under a frame
        ("一、主要工作成效\n力争新开工项目8个。", "report", "8个", "commitment"),
        ("二、重点任务\n目前已建成园区4个。", "plan", "4个", "achievement"),
        # a bare 主要工作 in a plan lists tasks (not a results title)
        ("二、主要工作\n建设园区5个。", "plan", "5个", "commitment"),
        # genre: a reply keeps the paragraph logic; cue-less stays unknown
        ("建设园区5个。", "reply", "5个", "unknown"),
        ("近年来，建成园区5个。下一步，新建园区3个。", "reply", "3个", "commitment"),
        # a regulation (other): a rule granting money is a promised payment
        (
            "第六条 实施避险搬迁的，每户补助1.2万元；按期拆除旧房的，每户另行奖励5000元。",
            "other",
            "1.2万元",
            "commitment",
        ),
        (
            "第六条 实施避险搬迁的，每户补助1.2万元；按期拆除旧房的，每户另行奖励5000元。",
            "other",
            "5000元",
            "commitment",
        ),
        ("第七条 对受损耕地实施复垦的，每亩补助1500元。", "other", "1500元", "commitment"),
        ("第八条 按照项目总投资的30%给予补助。", "other", "30%", "commitment"),
        ("第二条 全省共有采煤沉陷区面积3000平方公里。", "other", "3000平方公里", "achievement"),
        (
            "第二条 本办法所称项目涉及面积3000平方公里。",
            "other",
            "3000平方公里",
            "unknown",
        ),  # no rule word
    ],
)
def test_frame_and_genre_defaults(text: str, doc_type: str, surface: str, status: str) -> None:
    assert _report_figures(text, doc_type).loc[surface, "status"] == status


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("市、县财政应当按照不低于省级补助资金50%的比例安排配套资金。", "50%", "不低于"),
        ("配套资金不少于省级资金总额的20%。", "20%", "不少于"),
        ("单个项目补助不超过1000万元。", "1000万元", "不超过"),  # adjacent, as before
        ("不低于标准的项目,补助1000万元。", "1000万元", ""),  # another segment: not its bound
        ("不少于3个县,每县补助1000万元。", "1000万元", ""),  # a number in between
    ],
)
def test_detached_qualifier(text: str, surface: str, qualifier: str) -> None:
    assert _figure(text, surface)["qualifier"] == qualifier


# Found in review: a results title that also holds a plans word, a task titled with 成效,
# 今年 in a report on last year, a bound word qualifying another noun, and penalties.
@pytest.mark.parametrize(
    ("text", "doc_type", "surface", "status", "year"),
    [
        (
            "关于2022年全市能源工作情况的报告\n一、2022年工作情况\n全市新增光伏装机120万千瓦。\n",
            "report",
            "120万千瓦",
            "achievement",
            2022,
        ),
        (
            "某省“十四五”规划\n一、“十三五”主要目标完成情况\n单位GDP能耗累计下降15%。\n",
            "plan",
            "15%",
            "achievement",
            None,
        ),
        (
            "某市生态环境保护规划\n二、主要任务\n(一)巩固提升污染防治成效\n建设污水处理厂3座。\n",
            "plan",
            "3座",
            "commitment",
            None,
        ),
        (
            "关于2022年全市交通工作情况的报告\n一、总体情况\n今年以来,全市新建充电桩500个。\n",
            "report",
            "500个",
            "achievement",
            2023,
        ),
    ],
)
def test_review_status_and_year_cases(
    text: str, doc_type: str, surface: str, status: str, year: int | None
) -> None:
    clauses = plain_clauses(text, part=None)
    figures = extract_figures(
        clauses, published={"doc": "2023-04-20"}, doc_types={"doc": doc_type}
    ).set_index("surface")
    assert figures.loc[surface, "status"] == status
    assert (
        None if pd.isna(figures.loc[surface, "year"]) else int(figures.loc[surface, "year"])
    ) == year


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("按照不低于省级补助资金50%的比例安排配套资金。", "50%", "不低于"),
        ("对营业收入不低于上年的企业给予奖励50万元。", "50万元", ""),  # 不低于 qualifies 营业收入
    ],
)
def test_detached_qualifier_only_within_its_noun_phrase(
    text: str, surface: str, qualifier: str
) -> None:
    figures = extract_figures(
        plain_clauses(text), published={"doc": "2023-01-01"}, doc_types={"doc": "plan"}
    )
    row = figures.set_index("surface").loc[surface]
    assert (row["qualifier"] or "") == qualifier


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("第五条 对搬迁居民每户补助1.2万元。", "commitment"),  # a payment the rule grants
        (
            "第九条 违反本办法规定的,给予警告,并处5000元罚款。",
            "unknown",
        ),  # a penalty, not a payment
    ],
)
def test_regulation_grants_but_not_penalties(text: str, status: str) -> None:
    figures = extract_figures(
        plain_clauses(text), published={"doc": "2023-01-01"}, doc_types={"doc": "other"}
    )
    assert figures["status"].tolist() == [status]
