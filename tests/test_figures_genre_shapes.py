"""Status and figure forms of two classes of errors a held-out set of real documents
showed (issue 12): past periods read as plans, and figure forms not found.

Every sentence here is written for these tests in the shapes of work reports, news and
finance releases, plans and fund notices (none copied from a document). Each case runs the
production entry points: `extract_figures` with the document context production passes
(doc_type, published, review_year), or `decide_status` with a `Placement`. Expected values
were written from reading the sentences.
"""

from __future__ import annotations

import pandas as pd
import pytest
from figures_evaluation import plain_clauses

from analysis.figures import Placement, decide_status, extract_figures


def figures_of(
    text: str, doc_type: str, published: object = None, review_year: int | None = None
) -> pd.DataFrame:
    """The figures production extracts from `text` as one document with that context."""
    return extract_figures(
        plain_clauses(text),
        published={"doc": published},
        doc_types={"doc": doc_type},
        review_years={"doc": review_year} if review_year else {},
    )


def row_of(figures: pd.DataFrame, surface: str) -> pd.Series:
    rows = figures[figures["surface"] == surface]
    assert len(rows) == 1, f"{surface!r} not found once in {figures['surface'].tolist()}"
    return rows.iloc[0]


# ---------------------------------------------------------------- 1. past periods are results

PAST_CASES = [
    # a period the text calls past (过去五年) is a result, even when it ends in the year
    # of the document (a report given at a new congress in December)
    (
        "2017—2021年（过去五年），全县地区生产总值年均增长6.8%。",
        "report",
        2021,
        "6.8%",
        "achievement",
        "past_period:2017—2021年（过去五年）",
    ),
    (
        "过去五年（2016—2020年），全市新增城镇就业4.3万人。",
        "report",
        2020,
        "4.3万人",
        "achievement",
        "past_period:2016—2020年",
    ),
    # the sentences after it in its paragraph carry the past frame
    (
        "2017—2021年（过去五年），我们爬坡过坎。全县新建保障性住房2.4万套。",
        "report",
        2021,
        "2.4万套",
        "achievement",
        "paragraph:过去",
    ),
    # an undated report: 截至2020年底 and the past period date it after 2021, so 到2020年
    # and 2017—2021年 are both past
    (
        "截至2020年底，全市有煤矿12处。\n2017—2021年（过去五年），全市累计完成投资1160亿元。"
        "\n到2020年，全市棚户区改造1.2万户。",
        "report",
        None,
        "1.2万户",
        "achievement",
        "past_year:2020<2022",
    ),
    # an undated page whose dateline says 2021: 到2020年 is past
    (
        "2021-03-05 10:20 来源：某市日报\n到2020年，全市采煤沉陷区治理面积达到3.5万亩。",
        "other",
        None,
        "3.5万亩",
        "achievement",
        "past_year:2020<2021",
    ),
    (
        "发布时间：2021年3月5日\n到2020年，全市关闭退出煤矿26处。",
        "other",
        None,
        "26处",
        "achievement",
        "past_year:2020<2021",
    ),
    (
        "——2021年12月28日在某县第十八届人民代表大会第一次会议上\n到2020年，全县脱贫人口达到1.6万人。",
        "report",
        None,
        "1.6万人",
        "achievement",
        "past_year:2020<2021",
    ),
    # a deadline with a day is not a dateline: the document stays undated
    (
        "2025年12月31日前完成老旧小区改造。\n到2024年，全市建成充电桩3000个。",
        "plan",
        None,
        "3000个",
        "commitment",
        "target_year:到2024年",
    ),
    # a review title names the year reviewed: the document is of the next year at least
    (
        "一、2021年工作回顾\n到2020年，全县治理矿山地质环境8平方公里。",
        "report",
        None,
        "8平方公里",
        "achievement",
        "past_year:2020<2022",
    ),
    # the months of the year already elapsed in a finance or statistics release
    (
        "1—9月，全省一般公共预算收入1860亿元，同比增长6.1%。",
        "other",
        "2023-10-20",
        "1860亿元",
        "achievement",
        "cue:1—9月",
    ),
    (
        "前三季度，全市规模以上工业增加值增长7.4%。",
        "other",
        "2023-10-25",
        "7.4%",
        "achievement",
        "cue:前三季度",
    ),
    (
        "据统计，全省棚户区改造开工4.2万套。其中，资源型城市开工2.6万套。",
        "other",
        "2023-10-25",
        "2.6万套",
        "achievement",
        "paragraph:据统计",
    ),
    # a change on the same period a year before is a statistic, a result
    (
        "全市规模以上工业企业营业收入同比增长9.2%。",
        "other",
        "2023-08-01",
        "9.2%",
        "achievement",
        "cue:同比",
    ),
    # in a plan, the genre decides
    ("全市规模以上工业增加值同比增长9%。", "plan", "2023", "9%", "commitment", "frame:plan"),
    # a forward cue after the elapsed span still decides
    (
        "前三季度，全市将新增光伏装机20万千瓦。",
        "other",
        "2023-03-01",
        "20万千瓦",
        "commitment",
        "cue:将",
    ),
    # in a plan, 上半年 is a deadline, not an elapsed span
    (
        "上半年，完成选址并建成标准厂房2万平方米。",
        "plan",
        "2023",
        "2万平方米",
        "commitment",
        "frame:plan",
    ),
    # 共计 is a sum word, not a tense: the plan period decides
    (
        "2022—2024年，省级财政共计安排2.5亿元支持沉陷区治理。",
        "plan",
        "2022",
        "2.5亿元",
        "commitment",
        "period:2022—2024年",
    ),
    (
        "2021年，全市合计完成技改投资80亿元。",
        "other",
        "2022",
        "80亿元",
        "achievement",
        "past_year:2021<2022",
    ),
]


@pytest.mark.parametrize(("text", "doc_type", "published", "surface", "status", "cue"), PAST_CASES)
def test_past_periods_and_retrospective_paragraphs(
    text: str, doc_type: str, published: object, surface: str, status: str, cue: str
) -> None:
    row = row_of(figures_of(text, doc_type, published), surface)
    assert (row["status"], row["status_cue"]) == (status, cue)


# a report given in December on the year then ending (review_year = its own year): a
# period, target or year ending in that year is behind it; later years still look ahead
REVIEWED_YEAR_CASES = [
    (
        "2017—2021年，全县地区生产总值年均增长6.8%。",
        "6.8%",
        "achievement",
        "past_period:2017—2021年",
    ),
    (
        "到2021年底，全县棚户区改造1.1万户。",
        "1.1万户",
        "achievement",
        "past_year:2021<=2021(reviewed)",
    ),
    ("2021年，全县新增城镇就业3200人。", "3200人", "achievement", "past_year:2021<=2021(reviewed)"),
    ("到2026年，全县森林覆盖率达到62%。", "62%", "commitment", "target_year:到2026年"),
]


@pytest.mark.parametrize(("text", "surface", "status", "cue"), REVIEWED_YEAR_CASES)
def test_years_ending_in_the_reviewed_year_are_behind_the_document(
    text: str, surface: str, status: str, cue: str
) -> None:
    row = row_of(figures_of(text, "report", 2021, review_year=2021), surface)
    assert (row["status"], row["status_cue"]) == (status, cue)


def test_without_a_reviewed_year_the_document_year_still_looks_ahead() -> None:
    row = row_of(figures_of("到2021年底，全县棚户区改造1.1万户。", "report", 2021), "1.1万户")
    assert (row["status"], row["status_cue"]) == ("commitment", "target_year:到2021年底")


SUM_WORD_CASES = [
    # 共计 in a plan section of a report: planned money
    (
        "省级财政共计安排",
        "亿元用于沉陷区综合治理。",
        Placement(doc_year=2022, doc_type="report", section_title="二、2022年重点工作"),
        ("commitment", "frame:plan_section:二、2022年重点工作"),
    ),
    # the same words in a review section: a result
    (
        "省级财政共计安排",
        "亿元用于沉陷区综合治理。",
        Placement(doc_year=2022, doc_type="report", section_title="一、2021年工作回顾"),
        ("achievement", "frame:review_section:一、2021年工作回顾"),
    ),
    # 上半年 under a report's plan section is a deadline, not an elapsed span
    (
        "上半年建成",
        "个社区服务中心。",
        Placement(doc_year=2023, doc_type="report", section_title="二、2023年主要任务"),
        ("commitment", "frame:plan_section:二、2023年主要任务"),
    ),
    # and in a report's review it is the half-year behind it
    (
        "上半年建成",
        "个社区服务中心。",
        Placement(doc_year=2023, doc_type="report", section_title="一、2022年工作回顾"),
        ("achievement", "cue:上半年"),
    ),
    # 共计 in a plan's body: the genre decides
    (
        "三年共计投入",
        "亿元。",
        Placement(doc_year=2022, doc_type="plan"),
        ("commitment", "frame:plan"),
    ),
]


@pytest.mark.parametrize(("before", "after", "placement", "expected"), SUM_WORD_CASES)
def test_sum_words_are_not_a_tense(
    before: str, after: str, placement: Placement, expected: tuple[str, str]
) -> None:
    assert decide_status(before, after, placement, unit="yuan") == expected


# ---------------------------------------------------------------- 2. figure forms

# (text, [(surface, value, unit, unit_raw, qualifier)]) in a 2023 news article
FORM_CASES = [
    # deciles: N成 is N tenths (percent, a share)
    ("全市六成以上的矿山完成复绿。", [("六成", 60, "percent", "成", "以上")]),
    ("近八成受访居民表示满意。", [("八成", 80, "percent", "成", "近")]),
    ("约三成资金投向接续替代产业。", [("三成", 30, "percent", "成", "约")]),
    ("由五成员单位组成工作专班。", []),  # 成员: members, not tenths
    ("坚持一成不变的标准。", []),
    # pairs: 对 and 双 are measure words of counts (with 亿 applied)
    ("全市新建矿井19对。", [("19对", 19, "count", "对", "")]),
    ("全县年产袜子26亿双。", [("26亿双", 2_600_000_000, "count", "亿双", "")]),
    ("开展3对口帮扶。", []),  # 对口: a word, not pairs
    ("建成3双创基地。", []),  # 双创: a word, not pairs
    ("开展1对1结对帮扶。", []),  # one-to-one, not a pair
    ("落实“一主六双”发展战略。", []),  # a slogan
    ("全市建成生产矿井六对。", [("六对", 6, "count", "对", "")]),
    # administrative units counted
    ("资金支持4市开展采煤沉陷区治理。", [("4市", 4, "count", "市", "")]),
    ("试点覆盖3县、2区。", [("3县", 3, "count", "县", ""), ("2区", 2, "count", "区", "")]),
    ("项目涉及12个县(市、区)。", [("12个", 12, "count", "个", "")]),
    ("项目涉及12县(市、区)。", [("12县(市、区)", 12, "count", "县(市、区)", "")]),
    ("十堰市、六盘水市纳入试点。", []),  # place names, not counts
    ("统筹划定三区三线。", []),  # a planning term
    ("全市新增12市场主体。", []),  # 市场: a compound, not cities
    # compound units kept as written, value unconverted
    ("全市PM2.5年均浓度降至36微克/立方米。", [("36微克/立方米", 36, "other", "微克/立方米", "")]),
    ("出水化学需氧量低于30毫克/升。", [("30毫克/升", 30, "other", "毫克/升", "低于")]),
    # money in 亿 / 万 without 元 after or before an investment or capital word
    ("项目带动社会投资12亿，", [("12亿", 1_200_000_000, "yuan", "亿", "")]),
    ("新区吸引12亿社会投资。", [("12亿", 1_200_000_000, "yuan", "亿", "")]),
    ("财政注入资本金3亿。", [("3亿", 300_000_000, "yuan", "亿", "")]),
    ("吸引社会资本约5亿，", [("5亿", 500_000_000, "yuan", "亿", "约")]),
    ("撬动8000万社会资本参与治理。", [("8000万", 80_000_000, "yuan", "万", "")]),
    ("全国人口14亿，", []),  # no money word: not money
]


@pytest.mark.parametrize(("text", "expected"), FORM_CASES)
def test_figure_forms_of_the_genres(
    text: str, expected: list[tuple[str, float, str, str, str]]
) -> None:
    figures = figures_of(text, "news", "2023-05-10")
    got = [
        (r.surface, r.value, r.unit, r.unit_raw, r.qualifier)
        for r in figures.itertuples(index=False)
    ]
    assert got == [(s, pytest.approx(v), u, raw, q) for s, v, u, raw, q in expected]
