"""Status of figures in the genres of issue 12, through the production entry point.

Every text here is written for these tests, in the shapes of real work reports, news
articles, fund-allocation notices and reply letters (read in the search tool's pages
corpus); none is copied. Each case runs `extract_figures` (which calls
`status.decide_status`) on the clauses the pipeline's segmentation makes of the text, with
the document context production passes: doc_type, published, title, review_year. Expected
statuses and cues were written from reading the sentences.
"""

from __future__ import annotations

import pandas as pd
import pytest
from figures_evaluation import plain_clauses

from analysis.figures import Placement, decide_status, extract, extract_figures, find_quantities
from analysis.figures import status as status_rules


def figures_of(
    text: str,
    doc_type: str,
    published: object = None,
    *,
    title: str = "",
    review_year: int | None = None,
    part: str | None = "body",
) -> pd.DataFrame:
    """The figures production extracts from `text` as one document with that context."""
    clauses = plain_clauses(text, part=part)
    return extract_figures(
        clauses,
        published={"doc": published},
        doc_types={"doc": doc_type},
        titles={"doc": title},
        review_years={"doc": review_year} if review_year else {},
    )


def figure(figures: pd.DataFrame, surface: str, occurrence: int = 1) -> pd.Series:
    rows = figures[figures["surface"] == surface]
    assert len(rows) >= occurrence, f"{surface!r} not found in {figures['surface'].tolist()}"
    return rows.iloc[occurrence - 1]


# ---------------------------------------------------------------- time: the document's date

TIME_CASES = [
    # a target year already past at the document date reports a result
    ("到2015年,全市煤矿减少到60家。", "news", 2019, "60家", "achievement", "past_year:2015<2019"),
    ("到2015年,全市煤矿减少到60家。", "plan", 2013, "60家", "commitment", "target_year:到2015年"),
    # 截至…底 means "as of": a result, never "by"
    (
        "截至2020年底,全市光伏装机达到120万千瓦。",
        "reply",
        2021,
        "120万千瓦",
        "achievement",
        "as_of:截至2020年底",
    ),
    (
        "截止到2019年末,全县建成光伏电站8座。",
        "news",
        2020,
        "8座",
        "achievement",
        "as_of:截止到2019年末",
    ),
    # even in a plan, where a cue-less figure would be a commitment
    (
        "截至2021年底,全省煤矿数量为320处。",
        "plan",
        2022,
        "320处",
        "achievement",
        "as_of:截至2021年底",
    ),
    # 去年 / 上一年 resolved against the document's year
    (
        "去年全市实现地区生产总值860亿元。",
        "reply",
        2022,
        "860亿元",
        "achievement",
        "past_year:2021<2022",
    ),
    ("上一年全市完成造林3万亩。", "reply", 2022, "3万亩", "achievement", "past_year:2021<2022"),
    # a later year is a commitment, and says which
    (
        "2026年,全市新能源装机达到500万千瓦。",
        "reply",
        2022,
        "500万千瓦",
        "commitment",
        "future_year:2026>2022",
    ),
    # “十三五”以来: since the period began, up to now
    ("“十三五”以来,全市新建园区6个。", "reply", 2020, "6个", "achievement", "since:“十三五”以来"),
]


@pytest.mark.parametrize(("text", "doc_type", "published", "surface", "status", "cue"), TIME_CASES)
def test_years_are_compared_with_the_document_date(
    text: str, doc_type: str, published: int, surface: str, status: str, cue: str
) -> None:
    row = figure(figures_of(text, doc_type, published), surface)
    assert (row["status"], row["status_cue"]) == (status, cue)


def test_as_of_dates_a_result_at_its_year() -> None:
    row = figure(figures_of("截至2020年底,全市光伏装机达到120万千瓦。", "reply", 2021), "120万千瓦")
    assert (int(row["year"]), row["year_role"]) == (2020, "reference")


def test_past_target_year_is_a_reference_year() -> None:
    row = figure(figures_of("到2015年,全市煤矿减少到60家。", "news", 2019), "60家")
    assert (int(row["year"]), row["year_role"]) == (2015, "reference")


def test_undated_article_takes_the_year_after_its_latest_as_of_date() -> None:
    """新华社太原6月12日电 gives no year: 截至2018年底 says it was written in 2019 or later."""
    text = "截至2018年底,全省光伏装机2000万千瓦。\n到2015年,全省煤矿减少到800座。"
    row = figure(figures_of(text, "news", None), "800座")
    assert (row["status"], row["status_cue"]) == ("achievement", "past_year:2015<2019")


def test_report_without_date_is_dated_after_the_year_it_reviews() -> None:
    text = "2023年,全市新建园区5个。"
    row = figure(figures_of(text, "report", None, review_year=2023), "5个")
    assert (row["status"], row["status_cue"]) == ("achievement", "past_year:2023<2024")


# ---------------------------------------------------------------- genre frames

WORK_REPORT = (
    "政府工作报告\n"
    "各位代表:现在,我代表市人民政府向大会报告工作,请予审议。\n"
    "一、2023年工作回顾\n"
    "预计全年地区生产总值增长5.6%。新增城镇就业3.2万人。已争取中央预算内投资4.5亿元。"
    "完成固定资产投资210亿元。\n"
    "二、2024年工作安排\n"
    "地区生产总值增长6%左右。新增城镇就业3万人以上。力争争取中央资金5亿元。"
    "完成固定资产投资230亿元。\n"
)

WORK_REPORT_CASES = [
    ("5.6%", "achievement", "estimate:预计"),  # 预计全年 in a review: the year just ended
    ("3.2万人", "achievement", "frame:review_section:"),  # 新增 in a review: a result
    ("4.5亿元", "achievement", "cue:已"),  # 已争取: obtained
    ("210亿元", "achievement", "frame:review_section:"),  # 完成 follows the frame
    ("6%", "commitment", "frame:plan_section:"),
    ("3万人", "commitment", "frame:plan_section:"),  # 新增 in a plan: a target
    ("5亿元", "commitment", "cue:力争"),  # 力争争取: a promise
    ("230亿元", "commitment", "frame:plan_section:"),
]


@pytest.mark.parametrize(("surface", "status", "cue_start"), WORK_REPORT_CASES)
def test_work_report_review_and_plan_parts(surface: str, status: str, cue_start: str) -> None:
    row = figure(figures_of(WORK_REPORT, "report", "2024-01-20", part=None), surface)
    assert row["status"] == status
    assert row["status_cue"].startswith(cue_start), row["status_cue"]


def test_work_report_review_figures_are_dated_by_the_review_year() -> None:
    figures = figures_of(WORK_REPORT, "report", "2024-01-20", part=None, review_year=2023)
    assert int(figure(figures, "3.2万人")["year"]) == 2023
    assert int(figure(figures, "3万人")["year"]) == 2024


PARAGRAPH_REPORT = (
    "过去一年,我们全力稳增长。全市完成固定资产投资320亿元。\n"
    "新的一年,我们要奋力开创新局面。全市新增城镇就业2万人。\n"
)


@pytest.mark.parametrize(
    ("surface", "status", "cue"),
    [
        ("320亿元", "achievement", "paragraph:过去"),
        ("2万人", "commitment", "paragraph:新的一年"),  # a report turning to its plans
    ],
)
def test_report_paragraph_frames(surface: str, status: str, cue: str) -> None:
    row = figure(figures_of(PARAGRAPH_REPORT, "report", 2024), surface)
    assert (row["status"], row["status_cue"]) == (status, cue)


NEWS_CASES = [
    # a news article reports facts
    ("记者从市发改委获悉,全市煤炭产量下降到1500万吨。", "1500万吨", "achievement", "frame:news"),
    ("据介绍,全市接续替代产业产值增长12.4%。", "12.4%", "achievement", "frame:news"),
    # unless a future cue says otherwise
    ("全市计划新建充电站50座。", "50座", "commitment", "cue:计划"),
    ("下一步,全市将新建园区3个。", "3个", "commitment", "cue:将"),
    ("力争到2025年接续产业占比达到50%。", "50%", "commitment", "target_year:到2025年"),
    # a year already past at the article's date: a result
    ("到2020年,全市关闭煤矿23处。", "23处", "achievement", "past_year:2020<2022"),
]


@pytest.mark.parametrize(("text", "surface", "status", "cue"), NEWS_CASES)
def test_news_reports_facts_unless_a_future_cue(
    text: str, surface: str, status: str, cue: str
) -> None:
    row = figure(figures_of(text, "news", "2022-06-12"), surface)
    assert (row["status"], row["status_cue"]) == (status, cue)


ALLOCATION_TITLE = "关于下达2023年采煤沉陷区综合治理中央预算内投资计划的通知"
ALLOCATION_BODY = (
    "一、本次下达中央预算内投资2.4亿元,支持项目12个。其中:甲市6000万元、乙市4000万元。\n"
    "二、资金主要用于改造棚户区800户。预计可带动就业5000人。\n"
    "三、地方配套资金不低于项目总投资的20%。对支付率低于60%的项目,将收回资金。\n"
)

ALLOCATION_CASES = [
    ("2.4亿元", "achievement", "frame:allocation:下达"),  # the money this notice allocates
    ("12个", "achievement", "frame:allocation:下达"),  # what the allocation sentence funds
    ("6000万元", "achievement", "frame:allocation"),  # the split of the money
    ("4000万元", "achievement", "frame:allocation"),
    ("800户", "commitment", "frame:notice"),  # the works the money is to pay for
    ("5000人", "commitment", "cue:预计"),  # an expected effect
    ("20%", "commitment", "cue:不低于"),  # a floor: a rule for the future
    ("60%", "unknown", ""),  # a threshold of a rule: neither target nor result
]


@pytest.mark.parametrize(("surface", "status", "cue"), ALLOCATION_CASES)
def test_fund_allocation_notice(surface: str, status: str, cue: str) -> None:
    row = figure(figures_of(ALLOCATION_BODY, "notice", 2023, title=ALLOCATION_TITLE), surface)
    assert (row["status"], row["status_cue"]) == (status, cue)


def test_a_notice_that_allocates_nothing_keeps_its_forward_default() -> None:
    text = "一、本次共下达建设项目12个。"
    row = figure(figures_of(text, "notice", 2023, title="关于做好转型项目储备工作的通知"), "12个")
    assert (row["status"], row["status_cue"]) == ("commitment", "frame:notice")


REPLY = (
    "近年来,省里在资金和项目上给予了大力支持。\n"
    "一是加强生态修复,完成矿山治理面积2万亩。\n"
    "二是支持产业升级,新建园区4个。\n"
    "下一步,我们将继续支持转型发展。\n"
    "一是新建园区2个。\n"
    "全市建成公园8座。\n"
)


@pytest.mark.parametrize(
    ("surface", "occurrence", "status", "cue"),
    [
        ("2万亩", 1, "achievement", "paragraph:近年来"),  # carried over 一是…
        ("4个", 1, "achievement", "paragraph:近年来"),  # and over 二是…
        ("2个", 1, "commitment", "paragraph:下一步"),  # the 下一步 block's 一是
        ("8座", 1, "unknown", ""),  # not enumerated: the carried frame ends
    ],
)
def test_reply_frames_carry_over_enumerated_paragraphs(
    surface: str, occurrence: int, status: str, cue: str
) -> None:
    row = figure(figures_of(REPLY, "reply", 2023), surface, occurrence)
    assert (row["status"], row["status_cue"]) == (status, cue)


# ---------------------------------------------------------------- cues both ways, leakage

CUE_CASES = [
    ("已争取中央资金3000万元。", "achievement", "cue:已"),
    ("累计争取中央资金3000万元。", "achievement", "cue:累计"),
    ("获得中央资金3000万元。", "achievement", "cue:获得"),
    ("将争取中央资金3000万元。", "commitment", "cue:将"),
    ("力争争取中央资金3000万元。", "commitment", "cue:力争"),
    ("争取中央资金3000万元。", "commitment", "cue:争取"),  # no frame: a promise
    ("共争取到中央资金3000万元。", "achievement", "cue:争取到"),  # obtained
    ("获批中央资金3000万元。", "achievement", "cue:获批"),
    ("完成投资3000万元。", "unknown", ""),  # 完成 alone does not say
    # cue leakage: a 将 in the next clause does not bind the figure before it
    ("全市治理沉陷区1.6万亩,将继续推进生态修复。", "unknown", ""),
    # ... but a 将 in the figure's own clause does
    ("全市治理沉陷区1.6万亩将于年底前完成。", "commitment", "after:将"),
]


@pytest.mark.parametrize(("text", "status", "cue"), CUE_CASES)
def test_two_way_cues_and_cue_leakage(text: str, status: str, cue: str) -> None:
    row = figures_of(text, "reply", 2023).iloc[0]
    assert (row["status"], row["status_cue"]) == (status, cue)


def test_leaked_cue_does_not_override_a_review_frame() -> None:
    text = "一、2022年工作回顾\n全市治理沉陷区1.6万亩,将继续推进生态修复。\n"
    row = figure(figures_of(text, "report", 2023, part=None), "1.6万亩")
    assert row["status"] == "achievement"
    assert row["status_cue"].startswith("frame:review_section:")


@pytest.mark.parametrize(
    ("before", "after", "placement", "expected"),
    [
        # the entry point itself, with the placement production passes
        ("预计全年地区生产总值增长", "。", Placement(2024, "report"), ("achievement", "estimate:预计")),
        ("预计可带动就业", "。", Placement(2023, "notice"), ("commitment", "cue:预计")),
        ("下达资金", "。", Placement(2023, "notice", allocation=True), ("achievement", "frame:allocation:下达")),
        ("用于改造棚户区", "。", Placement(2023, "notice", allocation=True), ("commitment", "frame:notice")),
        ("建设园区", "。", Placement(2022, "news"), ("achievement", "frame:news")),
        ("对支付率低于", "的省份扣减资金。", Placement(2024, "notice"), ("unknown", "")),
        ("给予不超过", "的奖励。", Placement(2021, "opinion"), ("commitment", "cue:不超过")),
    ],
)  # fmt: skip
def test_decide_status_genre_rules(
    before: str, after: str, placement: Placement, expected: tuple[str, str]
) -> None:
    assert decide_status(before, after, placement, unit="yuan") == expected


# ---------------------------------------------------------------- figure forms

FORM_CASES = [
    # money without 元 before 投资 / 资金 / 补助
    ("争取6.5亿中央投资用于道路改造", [("6.5亿", 650_000_000, "yuan")]),
    ("安排3000万省级资金", [("3000万", 30_000_000, "yuan")]),
    ("争取6.5亿元中央投资", [("6.5亿元", 650_000_000, "yuan")]),
    ("项目总投资1亿。", [("1亿", 100_000_000, "yuan")]),  # a money noun before, clause end after
    ("下达补助资金1.54亿,支持6个县", [("1.54亿", 154_000_000, "yuan"), ("6个", 6, "count")]),
    ("全市人口1.5亿,", []),  # no money noun before it
    ("增加3000万", []),
    # a list sharing one unit
    (
        "三市分别提高8.2、7.5、6.9个百分点",
        [
            ("8.2", 8.2, "percentage_point"),
            ("7.5", 7.5, "percentage_point"),
            ("6.9个百分点", 6.9, "percentage_point"),
        ],
    ),
    ("两类资金分别为1.2、0.8亿元", [("1.2", 120_000_000, "yuan"), ("0.8亿元", 80_000_000, "yuan")]),
    ("三县分别新建3、5、8所学校", [("3", 3, "count"), ("5", 5, "count"), ("8所", 8, "count")]),
    ("修改第1、2、3条", [("3条", 3, "count")]),  # numbered articles, not a shared-unit list
    ("建设1、2号线", []),
    # 个百分点 is its own unit
    ("比重提高2.3个百分点", [("2.3个百分点", 2.3, "percentage_point")]),
    # fractions are shares
    ("先进产能占比达到三分之二", [("三分之二", 66.666667, "percent")]),
    ("四分之一的矿区", [("四分之一", 25, "percent")]),
    # a count without a measure word before people nouns
    ("惠及近30万居民", [("30万", 300_000, "count")]),
    # durations are not counts
    ("力争用3个月完成管网改造", []),
    ("于20个工作日内分解下达", []),
    ("经过2个多月的培训", []),
    ("建设3个园区", [("3个", 3, "count")]),
]


@pytest.mark.parametrize(("text", "expected"), FORM_CASES)
def test_figure_forms(text: str, expected: list[tuple[str, float, str]]) -> None:
    got = [(q.surface, round(float(q.value), 6), q.unit) for q in find_quantities(text)]
    assert got == [(s, pytest.approx(v), u) for s, v, u in expected]


def test_approximate_and_exact_figures_are_not_the_same_fact() -> None:
    text = "全市煤炭年产量近千万吨。\n全市煤炭年产量1000万吨。\n全市煤炭年产量1000万吨。\n"
    figures = figures_of(text, "news", 2022)
    approximate, exact, again = (figures.iloc[i] for i in range(3))
    assert (approximate["surface"], approximate["qualifier"]) == ("千万吨", "近")
    assert pd.isna(exact["duplicate_of"])  # not the 近千万吨 stated before
    assert again["duplicate_of"] == exact["figure_id"]  # the same exact fact again


def test_news_headline_and_lead_take_the_news_frame() -> None:
    """The headline (front matter) of a news item reports the allocation it is about."""
    text = "省财政下达3.2亿元支持矿区治理\n记者从省财政厅获悉,近日下达补助资金3.2亿元。\n"
    figures = figures_of(
        text, "news", "2022-11-16", part=None, title="省财政下达3.2亿元支持矿区治理"
    )
    headline, lead = figure(figures, "3.2亿元", 1), figure(figures, "3.2亿元", 2)
    assert headline["status"] == "achievement"
    assert lead["status"] == "achievement"


@pytest.mark.parametrize(
    ("title", "doc_type", "allocates"),
    [
        ("关于下达2023年采煤沉陷区综合治理中央预算内投资计划的通知", "notice", True),
        ("关于分配2022年省级转型发展补助资金的通知", "notice", True),
        ("中央财政下拨20亿元支持资源枯竭城市转型", "news", True),
        # a cited title is not the document's own
        ("根据《关于下达2023年中央预算内投资计划的通知》,制定本方案", "notice", False),
        # a plan or a reply that mentions an allocation does not allocate
        ("关于下达转型发展资金的实施方案", "plan", False),
        ("关于争取下达转型资金的建议的答复", "reply", False),
        # 安排 alone is a work plan, not an allocation
        ("关于做好2023年转型工作安排的通知", "notice", False),
    ],
)
def test_which_documents_allocate_money(title: str, doc_type: str, allocates: bool) -> None:
    assert status_rules.allocates_money(title, doc_type) is allocates


@pytest.mark.parametrize(
    ("text", "status", "cue"),
    [
        # an expected effect of a project is not a result, even in a news article
        ("项目建成后,可新增就业2000人。", "commitment", "cue:建成后"),
        ("项目投产后年产值可达30亿元。", "commitment", "cue:投产后"),
    ],
)
def test_effects_after_completion_are_commitments(text: str, status: str, cue: str) -> None:
    row = figures_of(text, "news", 2022).iloc[0]
    assert (row["status"], row["status_cue"]) == (status, cue)


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("一、过去一年的工作", "achievement"),
        ("一、过去五年工作回顾", "achievement"),
        ("二、今年工作的总体要求和主要任务", "commitment"),
        ("二、今后五年的奋斗目标", "commitment"),
        ("三、新的一年重点工作", "commitment"),
    ],
)
def test_work_report_section_titles(title: str, status: str) -> None:
    """The title frame decides a cue-less figure of a report (a plan title overrides the
    report's results genre)."""
    text = f"{title}\n全市新开工项目120个。\n"
    row = figure(figures_of(text, "report", 2024, part=None), "120个")
    assert row["status"] == status


@pytest.mark.parametrize(
    ("text", "doc_type", "status", "cue"),
    [
        # money handed over, outside a plan: allocated
        ("项目接到文件后,下达资金1500万元,正在开展调查。", "reply", "achievement", "cue:下达"),
        ("省级财政拨付补助资金800万元。", "report", "achievement", "cue:拨付"),
        # ... but not what is sought, nor in a plan
        ("积极争取省级下达资金1500万元。", "reply", "commitment", "cue:争取"),
        ("省级财政拨付补助资金800万元。", "plan", "commitment", "frame:plan"),
    ],
)
def test_money_handed_over(text: str, doc_type: str, status: str, cue: str) -> None:
    row = figures_of(text, doc_type, 2022).iloc[0]
    assert (row["status"], row["status_cue"]) == (status, cue)


def test_money_handed_over_under_a_plan_title_is_planned() -> None:
    text = "二、2023年工作安排\n省级财政拨付补助资金800万元。\n"
    row = figure(figures_of(text, "report", 2023, part=None), "800万元")
    assert row["status"] == "commitment"


@pytest.mark.parametrize(
    ("text", "doc_type", "status", "cue"),
    [
        # 比上年 / 较去年同期 is the baseline of a change, not a past-year cue
        ("全市地区生产总值比上年增长6%左右。", "plan", "commitment", "frame:plan"),
        ("全市工业增加值较去年同期增长8%。", "news", "achievement", "frame:news"),
        ("去年全市工业增加值增长8%。", "plan", "achievement", "past_year:2021<2022"),
    ],
)
def test_relative_baselines_are_not_past_years(
    text: str, doc_type: str, status: str, cue: str
) -> None:
    row = figures_of(text, doc_type, 2022).iloc[0]
    assert (row["status"], row["status_cue"]) == (status, cue)


def test_plan_part_of_a_report_with_a_baseline() -> None:
    text = "二、2024年工作安排\n地区生产总值比上年增长6%左右。\n"
    row = figure(figures_of(text, "report", 2024, part=None), "6%")
    assert row["status"] == "commitment"
    assert row["status_cue"].startswith("frame:plan_section:")


@pytest.mark.parametrize(
    ("text", "published", "status", "year"),
    [
        # a date with its month dates the sentence like its year
        ("该项目已于2021年12月开工,完成投资3200万元。", 2022, "achievement", 2021),
        ("项目计划于2023年6月开工,总投资3200万元。", 2022, "commitment", 2023),
    ],
)
def test_dates_with_a_month_are_years(text: str, published: int, status: str, year: int) -> None:
    row = figure(figures_of(text, "reply", published), "3200万元")
    assert (row["status"], int(row["year"])) == (status, year)


@pytest.mark.parametrize(
    ("item_title", "status"),
    [
        ("(一)巩固转型发展成效", "commitment"),  # a task on results: the plan part's frame
        ("(一)转型发展成效", "achievement"),  # results
    ],
)
def test_task_titles_on_results_stay_in_the_plan_frame(item_title: str, status: str) -> None:
    text = f"二、2024年工作安排\n{item_title}\n全市新开工项目120个。\n"
    row = figure(figures_of(text, "report", 2024, part=None), "120个")
    assert row["status"] == status


@pytest.mark.parametrize(
    ("text", "status", "cue"),
    [
        ("今年底前,全市新建充电站50座。", "commitment", "cue:今年底前"),
        ("6月底前完成搬迁安置300户。", "commitment", "cue:6月底前"),
        ("3月底前已完成搬迁安置300户。", "achievement", "cue:已"),  # 已 is nearer
    ],
)
def test_deadlines_without_a_year(text: str, status: str, cue: str) -> None:
    row = figures_of(text, "news", 2023).iloc[0]
    assert (row["status"], row["status_cue"]) == (status, cue)


@pytest.mark.parametrize(
    ("title", "doc_type", "status"),
    [
        # a reply's background and problem sections state the present state of things
        ("一、基本情况", "reply", "achievement"),
        ("二、存在的主要问题", "reply", "achievement"),
        # a plan's background keeps cue-less figures unknown (not commitments)
        ("一、发展基础", "plan", "unknown"),
    ],
)
def test_background_sections_by_genre(title: str, doc_type: str, status: str) -> None:
    text = f"{title}\n全市仍有采煤沉陷区2.6万亩。\n"
    row = figure(figures_of(text, doc_type, 2023, part=None), "2.6万亩")
    assert row["status"] == status


@pytest.mark.parametrize(
    "item_title",
    ["(一)在转型发展上取得成效", "(二)力争取得转型成效", "(三)巩固转型发展成效"],
)
def test_goal_titles_in_a_plan_part_are_not_results(item_title: str) -> None:
    text = f"二、2024年工作安排\n{item_title}\n全市新开工项目120个。\n"
    row = figure(figures_of(text, "report", 2024, part=None), "120个")
    assert row["status"] == "commitment"


@pytest.mark.parametrize(
    ("text", "surface", "status"),
    [
        # a news item on a work report's targets: the targets paragraph, and its bullets
        ("今年发展主要预期目标是:\n■全市生产总值增长6%左右。\n", "6%", "commitment"),
        ("今年发展主要预期目标是:全市生产总值增长6%左右,新增就业3万人。", "3万人", "commitment"),
        # a review's 完成了预期目标 does not turn its paragraph into plans
        ("全市较好完成了预期目标。全年地区生产总值增长5.6%。", "5.6%", "achievement"),
    ],
)
def test_targets_paragraphs_in_news(text: str, surface: str, status: str) -> None:
    row = figure(figures_of(text, "news", 2023), surface)
    assert row["status"] == status


@pytest.mark.parametrize(
    ("text", "doc_type", "status"),
    [
        ("过去五年,全市新建园区12个。", "plan", "achievement"),
        ("过去的一年,全市新建园区12个。", "plan", "achievement"),
        # 过去 as "former" is no time frame: the plan's default stands
        ("改变过去粗放发展的做法,全市新建园区12个。", "plan", "commitment"),
    ],
)
def test_past_only_with_a_span(text: str, doc_type: str, status: str) -> None:
    assert figure(figures_of(text, doc_type, 2023), "12个")["status"] == status


PROGRESS_REPORT = (
    "关于2023年全市转型发展工作情况的报告\n"
    "一、工作进展\n"
    "近年来,全市持续推进转型。\n"
    "(一)接续产业加快发展。全年新引进项目46个。\n"
    "(二)沉陷区治理扎实推进。治理沉陷区面积4.6万亩。\n"
    "二、下一步工作打算\n"
    "(一)培育接续产业。新引进项目50个。\n"
    "(二)推进生态修复。新增治理面积1万亩。\n"
)


@pytest.mark.parametrize(
    ("surface", "status", "cue_start"),
    [
        ("46个", "achievement", "paragraph:近年来"),  # carried over the (一) item
        ("4.6万亩", "achievement", "paragraph:近年来"),  # and the (二) item after it
        ("50个", "commitment", "frame:plan_section:"),  # a section heading stops the carry
        ("1万亩", "commitment", "frame:plan_section:"),
    ],
)
def test_carried_frames_stop_at_section_headings(surface: str, status: str, cue_start: str) -> None:
    row = figure(figures_of(PROGRESS_REPORT, "report", 2024, part=None), surface)
    assert row["status"] == status
    assert row["status_cue"].startswith(cue_start), row["status_cue"]


@pytest.mark.parametrize(
    ("text", "doc_type", "status"),
    [
        # in an allocating notice, a required match is a rule, not money allocated
        ("各地配套资金不低于1000万元。", "notice", "commitment"),
        ("本次下达资金1000万元。", "notice", "achievement"),
        # a request to hand money over is not money handed over
        ("我县申请下达资金500万元。", "reply", "unknown"),
    ],
)
def test_requirements_and_requests_are_not_allocations(
    text: str, doc_type: str, status: str
) -> None:
    title = ALLOCATION_TITLE if doc_type == "notice" else ""
    row = figures_of(text, doc_type, 2023, title=title).iloc[0]
    assert row["status"] == status


@pytest.mark.parametrize(
    ("text", "doc_type", "status", "cue"),
    [
        # after 今年以来 (up to now), 预计全年 is a forecast
        (
            "今年以来,全市经济运行平稳。预计全年地区生产总值增长6%。",
            "news",
            "commitment",
            "cue:预计",
        ),
        # after 过去一年 (a span that has ended), an estimate of it
        (
            "过去一年,全市经济运行平稳。预计全年地区生产总值增长6%。",
            "report",
            "achievement",
            "estimate:预计",
        ),
    ],
)
def test_estimate_needs_an_ended_span(text: str, doc_type: str, status: str, cue: str) -> None:
    row = figure(figures_of(text, doc_type, 2023), "6%")
    assert (row["status"], row["status_cue"]) == (status, cue)


@pytest.mark.parametrize(
    ("text", "surface", "status", "cue"),
    [
        # a mirror page's pinyin, blanked by ingest (length kept), does not split cue words
        ("近(jìn)年来，全市新建園區5個。", "5个", "achievement", "cue:近年来"),
        ("下(xià)一步，全市將(jiāng)新建園區5個。", "5个", "commitment", "cue:将"),
        ("截(jié)至2020年底，全市新建園區5個。", "5个", "achievement", "as_of:截至2020年底"),
    ],
)
def test_blanked_pinyin_does_not_split_cues(text: str, surface: str, status: str, cue: str) -> None:
    row = figure(figures_of(text, "reply", 2021), surface)
    assert (row["status"], row["status_cue"]) == (status, cue)
    assert len(row["surface"]) == len(surface)  # offsets still index the text


def test_reading_text_maps_offsets_past_blank_runs() -> None:
    reading = extract.ReadingText("近     年来,已   建成")
    assert reading.text == "近年来,已建成"
    assert [reading.at(i) for i in (0, 1, 6, 9, 10, 13)] == [0, 1, 1, 4, 5, 5]


def test_amount_with_a_blanked_annotation_inside_is_not_cut_short() -> None:
    """资金3.2億(yì)元 blanked is 资金3.2亿    元: not read as a bare 3.2亿 (its surface would
    stop inside the amount as written)."""
    assert find_quantities("资金3.2亿    元") == []


@pytest.mark.parametrize(
    ("text", "status", "cue"),
    [
        # a news item reporting what a plan sets: its figures are the plan's commitments
        ("规划提出,全市新增就业2万人。", "commitment", "cue:规划提出"),
        ("《实施方案》明确,新建产业园区5个。", "commitment", "cue:》明确"),
        ("据介绍,全市新增就业2万人。", "achievement", "frame:news"),
    ],
)
def test_news_reporting_a_plan(text: str, status: str, cue: str) -> None:
    row = figures_of(text, "news", 2023).iloc[0]
    assert (row["status"], row["status_cue"]) == (status, cue)


REPORT_WITHOUT_PLAN_HEADING = (
    "政府工作报告\n"
    "2023年是极不平凡的一年。全市新建园区5个。\n"
    "2024年是全面落实规划的关键之年。今年工作的总体要求是稳中求进。\n"
    "全市新开工项目120个。\n"
    "(一)推进转型。新增就业2万人。\n"
)


@pytest.mark.parametrize(
    ("surface", "status", "cue"),
    [
        ("5个", "achievement", "paragraph:past_year:2023<2024"),  # 2023年是…: the review
        ("120个", "commitment", "frame:plan_part:2024年是"),  # after the plan part opened
        ("2万人", "commitment", "frame:plan_part:2024年是"),
    ],
)
def test_report_plan_part_without_a_heading(surface: str, status: str, cue: str) -> None:
    row = figure(figures_of(REPORT_WITHOUT_PLAN_HEADING, "report", 2024, part=None), surface)
    assert (row["status"], row["status_cue"]) == (status, cue)


def test_works_described_after_the_use_of_the_money_are_commitments() -> None:
    text = (
        "记者获悉,省财政近日下达采煤沉陷区补助资金1.2亿元,支持5个县开展治理。"
        "资金主要用于避险搬迁和道路修复。新建安置房800套,修复道路30公里。\n"
    )
    figures = figures_of(text, "news", 2023, title="省财政下达1.2亿元支持沉陷区治理")
    assert figure(figures, "1.2亿元")["status"] == "achievement"  # allocated
    assert figure(figures, "5个")["status"] == "achievement"  # the recipients it names
    for works in ("800套", "30公里"):
        row = figure(figures, works)
        assert (row["status"], row["status_cue"]) == ("commitment", "frame:allocation_use:用于")
