"""Genre and metadata of copied web pages, news and work reports (analysis.genre via ingest).

Every text here is written for this test in the shapes of real pages (no sentence copied):
work reports with a congress dateline, agency and portal news, government-site news items,
information pages with a header block, mirror pages with pinyin annotations.
"""

from __future__ import annotations

import pytest

from analysis import genre, header_block, ingest, structure


def metadata(text: str, name: str = "doc.txt") -> dict[str, object]:
    """The metadata the production reader infers for `text` (UTF-8 bytes of a .txt file)."""
    doc = ingest.document_from_bytes(name, text.encode("utf-8"))
    fields = (
        "doc_type",
        "title",
        "issuer",
        "province",
        "published",
        "posted",
        "doc_number",
        "issuer_level",
        "review_year",
    )
    return {key: getattr(doc, key) for key in fields} | {
        "sources": doc.sources,
        "script": doc.script,
    }


WORK_REPORT_PREFECTURE = """政府工作报告
——2023年2月8日在焦作市第十五届人民代表大会第二次会议上
焦作市人民政府市长　周某某

各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、2022年工作回顾
全年地区生产总值增长4.0%，新增城镇就业3.1万人。
二、2023年工作安排
地区生产总值增长6%左右。
"""

WORK_REPORT_PROVINCE = """政府工作报告
——2022年1月20日在黑龙江省第十三届人民代表大会第六次会议上
代省长　吴某
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议。
一、过去一年工作回顾
全省采煤沉陷区治理面积达到4.5万亩。
二、今年工作安排
完成棚户区改造2万户。
"""

WORK_REPORT_COUNTY_TITLE = """耒阳市2021年政府工作报告
——2021年1月12日在市第十七届人民代表大会第五次会议上
各位代表：
现在，我代表市人民政府向大会报告工作，请予审议。
一、过去一年工作回顾
关停煤矿12处。
"""

NEWS_AGENCY = """焦作：从“煤城”到“太极城”
新华社郑州5月20日电（记者 田某）记者从焦作市发展改革委获悉，焦作接续替代产业增加值占比已超过六成。
据介绍，全市累计治理采煤沉陷区3.8万亩。
"""

NEWS_AGENCY_POSTED = """石嘴山加快培育新兴产业
发布时间：2021-03-02 10:20
新华社银川3月1日电 记者从石嘴山市获悉，当地新材料产业产值增长18%。
"""

NEWS_PORTAL = """枣庄山亭：矸石山变身光伏园
2021年11月03日 09:12　来源：大众日报　【字号：大 中 小】
本报枣庄讯　记者从山亭区获悉，当地利用矸石山建成光伏电站3座。
数据显示，全区新能源装机达到12万千瓦。
"""

NEWS_GOV_SITE = """当前位置：首页 > 政务公开 > 部门动态
我县召开矿山生态修复现场推进会
来源：县自然资源局　发布日期：2022-08-16
8月15日，我县在某镇召开矿山生态修复现场推进会，观摩修复项目6个。
会议要求，年底前完成剩余治理任务。
"""

FUND_NEWS = """甘肃下达2.3亿元支持资源枯竭城市转型
2023年06月02日 15:40　来源：甘肃日报
记者从省财政厅获悉，省财政近日下达资源枯竭城市转移支付资金2.3亿元，支持白银、玉门等地改善民生。
"""

FUND_NOTICE = """白银市财政局关于下达2023年资源枯竭城市转移支付资金的通知
白财建〔2023〕21号
各县区财政局：
现将2023年资源枯竭城市转移支付资金5600万元下达给你们，请抓紧拨付使用。
附件：资金分配表
白银市财政局
2023年6月20日
"""

GOV_PAGE = """铜川市人民政府网站
索引号：0000-2022-0101　　主题分类：城乡建设
发文机关：铜川市人民政府办公室
成文日期：2022年04月11日
标题：铜川市人民政府办公室关于印发铜川市采煤沉陷区综合治理实施方案的通知
发文字号：铜政办发〔2022〕12号
发布日期：2022年04月15日
铜川市人民政府办公室关于印发铜川市采煤沉陷区综合治理实施方案的通知
各区县人民政府：
现将《铜川市采煤沉陷区综合治理实施方案》印发给你们，请认真组织实施。
铜川市采煤沉陷区综合治理实施方案
一、总体要求
到2025年完成治理面积2万亩。
"""

GOV_PAGE_TABLE_ROWS = """发文机关
国家发展改革委
成文日期    2021-11-30    发文字号    发改振兴〔2021〕1559号
发布日期    2021-12-03
国家发展改革委关于推动资源型地区转型发展的指导意见
各省、自治区、直辖市发展改革委：
一、总体要求
推动资源型地区高质量发展。
"""

MIRROR = """石嘴(zuǐ)山(shān)：老礦(kuàng)區(qū)換新顏(yán)
發(fā)布時(shí)間：2021-05-06　瀏覽次數(shù)：88
本報(bào)訊　記者從(cóng)石嘴山市獲悉，當地完成礦(kuàng)山治理面積(jī)1.2萬畝。
"""

WORK_REPORT_DATE_BELOW = """2022年政府工作报告
——在市十六届人大一次会议上
（2022年1月9日）
各位代表：
现在，我代表市人民政府向大会作政府工作报告，请予审议。
一、过去五年工作回顾
累计关闭矿井14对。
"""

NEWS_PHRASES = """煤城新业态：数字经济园区入驻企业过百家
据了解，园区今年新增入驻企业36家。
数据显示，一季度园区营业收入增长21%。
园区负责人表示，年内将再建一座数据中心。
"""

PLAN_WITH_PHRASES = """某市矿区生态修复实施方案
据统计，全市历史遗留矿山图斑共有120个。
据了解，其中已有40个完成治理。
数据显示，治理率为三分之一。
一、总体要求
"""

MIRROR_OWN_REPORT = """銅(tóng)川(chuān)：老礦(kuàng)城新生
本報(bào)訊　當地新材料產(chǎn)業(yè)產(chǎn)值增長(zhǎng)20%。
"""

NEWS_SITE_LINES = """移动新媒体
微阅读 > 地方新闻
萍乡下达1.2亿元治理采煤塌陷地
2022-10-11 18:20:00
萍乡网10月11日讯 记者从市财政局获悉，本批资金支持5个乡镇。
"""

REPORT_ON_NEWS_SITE = """2024年某某市政府工作报告
2024-01-30 10:05　来源：某某日报
各位代表：
现在，我代表市人民政府向大会报告工作，请予审议。
一、2023年工作回顾
新增就业2万人。
"""

NEWS_BELOW_MENUS = """首页
新闻中心
政务公开
办事服务
互动交流
专题专栏
当前位置：首页 > 新闻中心 > 县区动态
某县煤矿关闭后的新生活
2022-05-10 09:00　来源：某某日报
本报讯　记者从某县人社局获悉，全县已安置转岗职工1200人。
"""

WORK_REPORT_DISTRICT = """政府工作报告
——2023年1月5日在淮南市潘集区第十八届人民代表大会第三次会议上
各位代表：
现在，我代表区人民政府向大会报告工作，请予审议。
一、2022年工作回顾
"""

GOV_PAGE_NO_TITLE_LINE = """索引号：0000-2021-0202
发文机关：某县人民政府
成文日期：2021-09-01
标题：某县人民政府关于加快矿区转型发展的意见
发文字号：某政发〔2021〕7号
各乡镇人民政府：
为加快矿区转型，提出如下意见。
一、总体要求
"""

WORK_REPORT_THIS_TERM = """萍乡市人民政府工作报告
——2021年12月28日在萍乡市第十六届人民代表大会第一次会议上
各位代表：
现在，我代表本届政府向大会报告工作，请予审议。
一、过去五年工作回顾
"""

NEWS_BYLINE = """石嘴山：光伏板下种出新产业
本报记者　孙某某
2023-07-01 08:10　来源：宁夏日报
记者从石嘴山市获悉，当地光伏治沙面积达到3万亩。
"""

WRAPPED_POLICY = """我省出台采煤沉陷区治理意见
来源：某省人民政府网　发布时间：2022-01-05
近日，省政府办公厅印发《关于加快采煤沉陷区综合治理的意见》。政策原文如下：
某省人民政府办公厅关于加快采煤沉陷区综合治理的意见
一、总体要求
加快推进治理。
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (WORK_REPORT_PREFECTURE, {"doc_type": "report", "title": "政府工作报告", "issuer": "焦作市人民政府",
                                  "province": "河南省", "published": "2023-02-08", "issuer_level": "prefecture",
                                  "review_year": 2022}),
        (WORK_REPORT_PROVINCE, {"doc_type": "report", "issuer": "黑龙江省人民政府", "province": "黑龙江省",
                                "published": "2022-01-20", "issuer_level": "province", "review_year": 2021}),
        (WORK_REPORT_COUNTY_TITLE, {"doc_type": "report", "title": "耒阳市2021年政府工作报告",
                                    "issuer": "耒阳市人民政府", "province": "湖南省", "published": "2021-01-12",
                                    "issuer_level": "county", "review_year": 2020}),
        (NEWS_AGENCY, {"doc_type": "news", "title": "焦作：从“煤城”到“太极城”", "issuer": "新华社",
                       "province": "河南省", "published": "", "issuer_level": "national", "review_year": None}),
        (NEWS_AGENCY_POSTED, {"doc_type": "news", "title": "石嘴山加快培育新兴产业", "posted": "2021-03-02",
                              "published": "2021-03-01", "province": "宁夏回族自治区"}),
        (NEWS_PORTAL, {"doc_type": "news", "title": "枣庄山亭：矸石山变身光伏园", "issuer": "大众日报",
                       "province": "山东省", "published": "2021-11-03", "posted": ""}),
        (NEWS_GOV_SITE, {"doc_type": "news", "title": "我县召开矿山生态修复现场推进会", "issuer": "县自然资源局",
                         "published": "2022-08-16", "posted": "2022-08-16", "issuer_level": "county"}),
        (FUND_NEWS, {"doc_type": "news", "title": "甘肃下达2.3亿元支持资源枯竭城市转型", "issuer": "甘肃日报",
                     "province": "甘肃省", "published": "2023-06-02", "issuer_level": "province"}),
        (FUND_NOTICE, {"doc_type": "notice", "issuer": "白银市财政局", "province": "甘肃省",
                       "published": "2023-06-20", "doc_number": "白财建〔2023〕21号", "issuer_level": "prefecture"}),
        (GOV_PAGE, {"doc_type": "plan", "title": "铜川市采煤沉陷区综合治理实施方案", "issuer": "铜川市人民政府办公室",
                    "province": "陕西省", "published": "2022-04-11", "posted": "2022-04-15",
                    "doc_number": "铜政办发〔2022〕12号", "issuer_level": "prefecture"}),
        (GOV_PAGE_TABLE_ROWS, {"doc_type": "opinion", "issuer": "国家发展改革委", "province": "",
                               "published": "2021-11-30", "posted": "2021-12-03",
                               "doc_number": "发改振兴〔2021〕1559号", "issuer_level": "national"}),
        (MIRROR, {"doc_type": "news", "title": "石嘴山：老矿区换新颜", "script": "traditional",
                  "province": "宁夏回族自治区", "published": "2021-05-06", "posted": "2021-05-06"}),
        (WRAPPED_POLICY, {"doc_type": "opinion", "title": "某省人民政府办公厅关于加快采煤沉陷区综合治理的意见"}),
        # a district's report: the city and district of the dateline name the government
        (WORK_REPORT_DISTRICT, {"issuer": "淮南市潘集区人民政府", "issuer_level": "county", "province": "安徽省"}),
        # the body has no title line: the header block's 标题 value (never the labelled line itself)
        (GOV_PAGE_NO_TITLE_LINE, {"title": "某县人民政府关于加快矿区转型发展的意见", "doc_type": "opinion",
                                  "issuer": "某县人民政府", "published": "2021-09-01"}),
        # 我代表本届政府: no level word; the dateline names the city; a December session reviews its year
        (WORK_REPORT_THIS_TERM, {"issuer": "萍乡市人民政府", "review_year": 2021, "published": "2021-12-28"}),
        # the dateline abbreviates the congress (人大) and its date stands on the next line
        (WORK_REPORT_DATE_BELOW, {"doc_type": "report", "published": "2022-01-09", "review_year": 2021}),
        # no dateline, but a headline and three reporting phrases
        (NEWS_PHRASES, {"doc_type": "news", "title": "煤城新业态：数字经济园区入驻企业过百家"}),
        # reporting phrases under a formal title do not make a plan a news article
        (PLAN_WITH_PHRASES, {"doc_type": "plan", "title": "某市矿区生态修复实施方案"}),
        # 本報(bào)訊: the own-report mark is read through the blanked annotation
        (MIRROR_OWN_REPORT, {"doc_type": "news", "title": "铜川：老矿城新生", "province": "陕西省"}),
        # a work report copied by a news site without its congress dateline: the page's date
        (REPORT_ON_NEWS_SITE, {"doc_type": "report", "published": "2024-01-30", "review_year": 2023}),
        # a long menu before the headline: the opening runs to the lead
        (NEWS_BELOW_MENUS, {"doc_type": "news", "title": "某县煤矿关闭后的新生活", "issuer": "某某日报",
                            "published": "2022-05-10"}),
        # a byline between the headline and the dateline goes with the headline
        (NEWS_BYLINE, {"doc_type": "news", "title": "石嘴山：光伏板下种出新产业", "published": "2023-07-01"}),
        # a site name above the headline: the line over the date line is the headline
        (NEWS_SITE_LINES, {"doc_type": "news", "title": "萍乡下达1.2亿元治理采煤塌陷地", "province": "江西省"}),
    ],
    ids=["wr-prefecture", "wr-province", "wr-county-title", "news-agency", "news-agency-posted", "news-portal",
         "news-gov-site", "fund-news", "fund-notice", "gov-page", "gov-page-table-rows", "mirror", "wrapped-policy",
         "wr-district", "wr-this-term", "gov-page-no-title-line", "wr-date-below", "news-phrases", "plan-with-phrases",
         "mirror-own-report", "report-on-news-site", "news-below-menus", "news-byline", "news-site-lines"],
)  # fmt: skip
def test_metadata_of_genres(text: str, expected: dict[str, object]) -> None:
    found = metadata(text)
    assert {key: found[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "field", "source"),
    [
        (WORK_REPORT_PREFECTURE, "published", "header"),  # the congress dateline
        (WORK_REPORT_PREFECTURE, "issuer", "text"),
        (WORK_REPORT_PREFECTURE, "doc_type", "text"),  # the genre's shape, not a title word
        (WORK_REPORT_PREFECTURE, "review_year", "text"),  # the review heading
        (WORK_REPORT_PREFECTURE, "issuer_level", "issuer"),
        (GOV_PAGE, "issuer", "header"),
        (GOV_PAGE, "published", "header"),  # 成文日期
        (GOV_PAGE, "posted", "header"),
        (GOV_PAGE, "doc_number", "header"),
        (GOV_PAGE, "doc_type", "title"),
        (FUND_NOTICE, "doc_number", "text"),
        (FUND_NOTICE, "published", "signature"),
        # no year in the dateline, no page date: blank, never a guess
        (NEWS_AGENCY, "published", ""),
        (NEWS_AGENCY, "doc_number", ""),
    ],
)
def test_every_value_says_where_it_came_from(text: str, field: str, source: str) -> None:
    assert metadata(text)["sources"].get(field, "") == source


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["我市召开转型发展推进会", "2023-05-06 来源：某某日报", "记者从鹤壁市发展改革委获悉，本市在深圳举办推介会。"],
         "河南省"),
        (["我市召开转型发展推进会", "2023-05-06", "本市在深圳举办推介会，签约项目12个。"], ""),  # a venue
        (["政府工作报告", "——2024年1月26日在大同市第十六届人民代表大会第四次会议上"], "山西省"),
        (["某地新闻", "记者从鹤壁市获悉，本市在深圳举办推介会。"], "河南省"),  # the news source counts, the venue not
        (["某地新闻", "记者从鹤壁市获悉，鹤壁与深圳市人民政府签约。"], ""),  # two provinces: no guess
        (["鹤壁：老矿区新产业", "记者从深圳市人民政府获悉，两地签约。"], ""),  # head and prose disagree
    ],
)  # fmt: skip
def test_opening_province(lines: list[str], expected: str) -> None:
    assert genre.opening_province(lines) == expected


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        ("国务院办公厅", "national"),
        ("国家发展改革委", "national"),
        ("财政部", "national"),
        ("新华社", "national"),
        ("人民政协报", "national"),
        ("山西省人民政府", "province"),
        ("内蒙古自治区发展和改革委员会", "province"),
        ("省财政厅", "province"),
        ("黑龙江日报", "province"),
        ("鸡西市发展和改革委员会", "prefecture"),
        ("淮南市潘集区人民政府", "county"),  # a district is county level
        ("古交市财政局", "county"),  # a county-level city
        ("县自然资源局", "county"),
        ("某某资讯网", "unknown"),
        ("", "unknown"),
    ],
)
def test_issuer_level(issuer: str, expected: str) -> None:
    assert genre.issuer_level(issuer) == expected


@pytest.mark.parametrize(
    ("lines", "title", "published", "expected"),
    [
        (["一、2023年工作回顾"], "政府工作报告", "2024-01-26", (2023, "text")),
        (["一、“十三五”和2020年工作回顾"], "政府工作报告", "2021-02-03", (2020, "text")),
        (["一、2021年及过去五年工作回顾"], "政府工作报告", "2022-01-06", (2021, "text")),
        (["一、过去一年工作回顾"], "政府工作报告", "2019-01-10", (2018, "text")),
        (["一、主要工作成效"], "某市人民政府关于2022年资源枯竭城市转型发展工作情况的报告", "2023-02-20",
         (2022, "title")),
        (["一、过去一年工作回顾"], "阜新市2019年政府工作报告", "", (2018, "title")),
        (["一、基本情况"], "关于某项工作的报告", "", (None, "")),
    ],
)  # fmt: skip
def test_review_year(
    lines: list[str], title: str, published: str, expected: tuple[int | None, str]
) -> None:
    assert genre.review_year(lines, title, published) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("鹤壁：老矿区里的新产业", "鹤壁：老矿区里的新产业"),
        ("鹤壁：老矿区里的新产业　2021-06-01 08:00　来源：河南日报", "鹤壁：老矿区里的新产业"),
        ("【地方动态】鹤壁：老矿区里的新产业", "鹤壁：老矿区里的新产业"),
        ("鹤壁：老矿区里的新产业　浏览次数：120", "鹤壁：老矿区里的新产业"),
    ],
)
def test_headline_part_cuts_fields_on_the_title_line(line: str, expected: str) -> None:
    assert genre.headline_part(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("鹤壁：老矿区里的新产业", True),
        ("首页 > 新闻中心 > 地方动态", False),  # a breadcrumb
        ("2021年06月01日 08:00 来源：河南日报", False),  # a dateline
        ("各位代表：", False),  # a salutation
        ("鹤壁市发展和改革委员会", False),  # an issuer line
        ("全市完成治理面积3万亩。", False),  # a sentence
        ("发布时间：2021-06-01", False),  # a header field
        (
            "某某资讯网 www.mouzixun.net 2023年06月12日 10时14分 来源：财政部网站",
            False,
        ),  # a portal dateline
        ("精品范文_最新公文_工作总结在线阅读_范文大全", False),  # a site title
        (
            "矿城鹤壁的新答卷　2022-05-06 09:12:40　来源：新华社",
            True,
        ),  # headline fused with its dateline
        (
            "某市融媒网 2022年05月06日 09:12 来源：某市日报",
            False,
        ),  # a portal's name before the date
    ],
)
def test_is_headline(line: str, expected: bool) -> None:
    assert genre.is_headline(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("本报记者　孙某某", True),
        ("记者 张某 通讯员 李某", True),
        ("文/图 王某", True),
        ("——资源型城市转型调查之三", True),
        ("——2024年1月26日在某市第十届人民代表大会第三次会议上", False),  # a congress dateline
        ("文化旅游节开幕", False),
        ("记者从市财政局获悉", False),
    ],
)
def test_is_headline_companion(line: str, expected: bool) -> None:
    assert genre.is_headline_companion(line) is expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["标题", "新华社南昌4月2日电（记者 某某）记者从省发展改革委获悉，……。"], "dateline"),
        (["标题", "本报讯 全市新增就业2万人。"], "own_report"),
        (["标题", "淮北日报讯 全市新增就业2万人。"], "own_report"),
        (["标题", "央广网合肥6月3日消息 全市新增就业2万人。"], "dateline"),
        (["标题", "2021-06-01 08:00 来源：河南日报", "全市新增就业2万人。"], "portal_dateline"),
        (["标题", "2021年06月01日 13:43  |  来源：河南日报 分享到：", "全市新增就业2万人。"], "portal_dateline"),
        (["标题", "记者近日从市财政局了解到，全市下达资金1亿元。"], "reporter_lead"),
        (["我市召开推进会", "来源：市发展改革委 发布日期：2024-03-01", "2月29日，我市召开推进会。"],
         "headline_source_lead"),
        (["关于下达资金的通知", "各县区财政局：", "现将资金下达给你们。"], ""),  # a notice
        (["我市召开推进会", "2月29日，我市召开推进会。"], ""),  # no source or date line: not enough
        # a formal title over a dated lead is the document's own title, not a headline
        (["某县财政局关于下达补助资金的通知", "发布日期：2022-01-05",
          "近日，省财政厅下达补助资金，现将有关事项通知如下。"], ""),
        (["政府信息公开", "我市举行项目集中开工仪式", "发布时间：2023-03-02 09:45", "1日上午，我市举行开工仪式。"],
         "headline_source_lead"),
    ],
)  # fmt: skip
def test_news_cue(lines: list[str], expected: str) -> None:
    assert genre.news_cue(lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["某市人民政府关于某事的通知", "某政发〔2022〕3号", "各县区："], "某政发〔2022〕3号"),
        (["某市人民政府关于某事的通知", "（某政办发〔2021〕12号）"], "某政办发〔2021〕12号"),
        (
            ["某市人民政府关于某事的通知", "根据《某通知》（某政发〔2020〕1号）要求，现通知如下。"],
            "",
        ),  # cited in a sentence
    ],
)
def test_doc_number_line(lines: list[str], expected: str) -> None:
    assert genre.doc_number_line(lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["索引号：1/2022-01", "发文机关：某市人民政府", "成文日期：2022-03-01", "发布日期：2022-03-05"],
         {"issuer": "某市人民政府", "published": "2022-03-01", "posted": "2022-03-05"}),
        (["发布时间：2022-09-14　来源：市发展改革委　阅读次数：10"], {"posted": "2022-09-14"}),
        (["标　　题：某县关于某事的通知", "发文字号：某政发〔2020〕3号"],
         {"title": "某县关于某事的通知", "doc_number": "某政发〔2020〕3号"}),
        (["成文日期", "2020年5月6日"], {"published": "2020-05-06"}),
        (["刊发时间：2018-02-04 A3版 作者：某某"], {"posted": "2018-02-04"}),
        (["发文机关 某县人民政府", "成文日期 2022-01-02"], {"issuer": "某县人民政府", "published": "2022-01-02"}),
        (["全市完成投资10亿元。"], {}),
    ],
)  # fmt: skip
def test_header_fields(lines: list[str], expected: dict[str, str]) -> None:
    assert header_block.header_fields(lines).fields == expected


# ---------------------------------------------------------------- news releases mirrored on portals
# A portal or aggregator copies a department's news release: a site title of _-joined category
# labels, a breadcrumb, the headline, a portal line (portal name, URL, date and clock time,
# 来源：<a department's website>), page furniture, then a 近日/日前 lead. Written for this test.

RELEASE_TRADITIONAL_PINYIN = """精品範(fàn)文_最新公文_工作總(zǒng)結在線閱讀_範文大全
當前位置: 首頁>> 政務資訊>> 部門動態
財(cái)政部下達2023年采煤沉陷區綜合治理補助資金
某某資訊網 www.mouzixun.net 2023年06月12日 10時14分 來源：財政部網站
【字體：大 中 小】 打印本頁 分享到： 瀏覽次數：365
財政部近日下達2023年中央財政采煤沉陷區綜合治理補助資金12億元，支持有關省份推進沉陷區治理。
資金重點用於搬遷安置和基礎設施修復。
"""

RELEASE_TRADITIONAL = """熱門資訊_政策解讀_通知公告_資訊大全
當前位置：首頁 >> 新聞中心 >> 本地要聞
淮北市下達採煤沉陷區治理資金8000萬元
某某政策網 www.zhengce-mou.net 2021年11月03日 09時05分 來源：淮北市人民政府網 編輯：李某
近日，市財政局下達2021年採煤沉陷區綜合治理資金8000萬元，支持兩個區實施搬遷安置。
"""

RELEASE_SIMPLIFIED = """优秀范文_公文写作_工作报告_范文网
您的位置：首页 > 政务动态 > 部门信息
山西省财政厅下达资源型经济转型专项资金3.6亿元
某某文库网 www.wenku-mou.net 2022-09-05 16:40 来源：山西省财政厅网站 作者：综合处
【字体：大 中 小】 打印本页 分享到： 浏览次数：128
日前，省财政厅下达资源型经济转型专项资金3.6亿元，用于支持接续替代产业项目。
"""

RELEASE_SIMPLIFIED_PINYIN = """精选文章_热门范文_心得体会_范文大全
当前位置: 首页>> 要闻>> 部门动态
自(zì)然资源部部署历史遗留矿山生态修复工作
某某网 www.moumou.net 2024年03月08日 14时30分 来源：自然资源部网站
【字体：大 中 小】 打印本页 分享到： 浏览次数：57
自然资源部日前印发通知，部署2024年历史遗留矿山生态修复工作，要求各地加快修复进度。
"""

# the field before the date, a two-label page title ending in the site's name, pinyin in the lead
RELEASE_SOURCE_FIRST = """國(guó)家能源局部署煤礦安全改造工作_某某資訊網
首頁 / 新聞中心 / 正文
國家能源局部署煤礦安全改造工作
來源：國家能源局網站　2022年04月18日 15時02分
國(guó)家能源局日前印發通知，部署煤礦安全改造工作。
"""

# the same portal shape over a paper's report: the paper is the outlet
PORTAL_PAPER_CLOCK = """热点资讯_本地新闻_资讯大全
当前位置: 首页>> 地方新闻
某县矸石山变身光伏电站
某某资讯网 www.mouzixun.net 2023年05月20日 08时05分 来源：某某日报
本报讯 当地利用矸石山建成光伏电站2座。
"""

# a notice reposted on a portal keeps its own genre, title and signature date
NOTICE_ON_PORTAL = """公文范文_通知公告_范文大全
当前位置: 首页>> 公文>> 通知
财政部关于下达2023年采煤沉陷区综合治理补助资金的通知
某某资讯网 www.mouzixun.net 2023年06月12日 10时14分 来源：财政部网站
有关省、自治区财政厅：
现将2023年采煤沉陷区综合治理补助资金下达给你们，请按规定使用。
财政部
2023年6月5日
"""

# no 近日/日前 lead and no outlet: not called news, but the headline above the dateline is the title
DATED_HEADLINE_ONLY = """资讯大全_政策解读_热门文章
当前位置: 首页>> 政务资讯
矿区治理专项资金分配结果公布
某某网 www.moumou.net 2022年08月01日 11时20分 来源：某某资讯
按照分配办法，各县区获得的资金见下表。
"""

# a site title above a plan's own title is never the title
PLAN_UNDER_SITE_TITLE = """范文大全_工作计划_实施方案_总结报告
某市矿区生态修复实施方案
一、总体要求
到2025年完成修复面积1万亩。
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RELEASE_TRADITIONAL_PINYIN, {"doc_type": "news", "title": "财政部下达2023年采煤沉陷区综合治理补助资金",
                                      "published": "2023-06-12", "issuer": "财政部", "issuer_level": "national",
                                      "province": "", "script": "traditional"}),
        (RELEASE_TRADITIONAL, {"doc_type": "news", "title": "淮北市下达采煤沉陷区治理资金8000万元",
                               "published": "2021-11-03", "issuer": "淮北市人民政府",
                               "issuer_level": "prefecture", "province": "安徽省", "script": "traditional"}),
        (RELEASE_SIMPLIFIED, {"doc_type": "news", "title": "山西省财政厅下达资源型经济转型专项资金3.6亿元",
                              "published": "2022-09-05", "issuer": "山西省财政厅", "issuer_level": "province",
                              "province": "山西省"}),
        (RELEASE_SIMPLIFIED_PINYIN, {"doc_type": "news", "title": "自然资源部部署历史遗留矿山生态修复工作",
                                     "published": "2024-03-08", "issuer": "自然资源部",
                                     "issuer_level": "national", "province": ""}),
        (RELEASE_SOURCE_FIRST, {"doc_type": "news", "title": "国家能源局部署煤矿安全改造工作",
                                "published": "2022-04-18", "issuer": "国家能源局", "issuer_level": "national"}),
        (PORTAL_PAPER_CLOCK, {"doc_type": "news", "title": "某县矸石山变身光伏电站", "published": "2023-05-20",
                              "issuer": "某某日报"}),
        (NOTICE_ON_PORTAL, {"doc_type": "notice", "title": "财政部关于下达2023年采煤沉陷区综合治理补助资金的通知",
                            "published": "2023-06-05", "issuer": "财政部"}),
        (DATED_HEADLINE_ONLY, {"title": "矿区治理专项资金分配结果公布", "published": "2022-08-01"}),
        (PLAN_UNDER_SITE_TITLE, {"doc_type": "plan", "title": "某市矿区生态修复实施方案"}),
    ],
    ids=["release-trad-pinyin", "release-trad", "release-simp", "release-simp-pinyin", "release-source-first",
         "portal-paper-clock",
         "notice-on-portal", "dated-headline-only", "plan-under-site-title"],
)  # fmt: skip
def test_metadata_of_portal_releases(text: str, expected: dict[str, object]) -> None:
    found = metadata(text)
    assert {key: found[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "field", "source"),
    [
        (RELEASE_TRADITIONAL_PINYIN, "published", "header"),  # the portal dateline
        (RELEASE_TRADITIONAL_PINYIN, "title", "text"),
        (RELEASE_TRADITIONAL_PINYIN, "doc_type", "text"),
        (RELEASE_TRADITIONAL_PINYIN, "issuer", "text"),  # 来源：财政部网站
        (NOTICE_ON_PORTAL, "published", "signature"),
    ],
)
def test_portal_release_sources(text: str, field: str, source: str) -> None:
    assert metadata(text)["sources"].get(field, "") == source


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("精品范文_最新公文_工作总结在线阅读_范文大全", True),  # a site title of _-joined labels
        ("精品范     文_最新公文_工作总      结在线阅读_范文大全", True),  # with blanked pinyin
        ("热门资讯＿政策解读＿资讯大全", True),  # full-width underscores
        ("当前位置: 首页>> 政务资讯>> 部门动态", True),  # a breadcrumb with >>
        ("您的位置：首页 > 政务动态", True),
        ("新闻中心 > 部门动态 > 正文", True),
        ("首页>>政务资讯>>", True),
        ("财政部下达补助资金_某某资讯网", True),  # a page title ending in the site's name
        ("首页 / 新闻中心 / 正文", True),
        ("财政部下达2023年补助资金", False),  # a headline
        ("位置：某镇某村", False),  # a project's location in a list, not a breadcrumb
        ("关于印发A_B方案的通知", False),  # one underscore, no site word: not a site title
        ("全市完成治理面积3万亩，其中A_B_C区各1万亩。", False),  # a sentence
    ],
)
def test_is_site_line(line: str, expected: bool) -> None:
    assert ingest.is_site_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("某某资讯网 www.mouzixun.net 2023年06月12日 10时14分 来源：财政部网站", "2023-06-12"),
        ("2023年06月12日 10时14分 来源：财政部网站", "2023-06-12"),
        ("2023年06月12日 10时14分05秒 作者：某某", "2023-06-12"),
        ("2022-09-05 16:40 来源：山西省财政厅网站 作者：综合处", "2022-09-05"),
        ("某某网 2021年11月03日 09点05分 编辑：李某", "2021-11-03"),
        ("2021年11月03日 09时05分 www.zhengce-mou.net 来源：某某网", "2021-11-03"),
        ("2021年11月03日 09:05 zhengce-mou.net/news 作者：某某", "2021-11-03"),  # a URL without www
        (
            "来源：财政部网站　2023年06月12日 10时14分",
            "2023-06-12",
        ),  # the field first, the date last
        ("来源：某市人民政府网 发布时间：2021-11-03 09:05", "2021-11-03"),
        ("2021年11月03日 09时05分", ""),  # a date alone is not a portal dateline
        ("2021年11月03日，市财政局下达资金，来源：略", ""),  # prose between the date and 来源
    ],
)
def test_portal_date(line: str, expected: str) -> None:
    assert genre.portal_date(["某地新闻标题", line]) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源：财政部网站", "财政部"),
        ("2022-09-05 16:40 来源：山西省财政厅网站 作者：综合处", "山西省财政厅"),
        ("来源：某市人民政府网 编辑：李某", "某市人民政府"),
        ("来源：县自然资源局　发布日期：2022-08-16", "县自然资源局"),
        ("来源：自然资源部门户网站", "自然资源部"),
        ("来源：财政部经济建设司", "财政部经济建设司"),  # a ministry's division
        ("来源：中华人民共和国财政部网站 2023-06-12", "中华人民共和国财政部"),
        ("来源：大众日报", ""),  # a paper
        ("来源：新华网", ""),  # a news site
        ("来源：某某资讯", ""),  # a portal
        ("作者：综合处", ""),  # no 来源
    ],
)
def test_source_organisation(line: str, expected: str) -> None:
    assert genre.source_organisation(line) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["财政部下达补助资金", "2023年06月12日 10时14分 来源：财政部网站", "财政部近日下达补助资金12亿元。"],
         "release"),
        (["省财政厅下达专项资金", "来源：山西省财政厅网站", "省财政厅日前下达专项资金3.6亿元。"], "release"),
        # a lead opening with 日前， under a 来源 field is the earlier rule's
        (["省财政厅下达专项资金", "来源：山西省财政厅网站", "日前，省财政厅下达专项资金3.6亿元。"],
         "headline_source_lead"),
        # a paper as source: the portal dateline decides
        (["某县矸石山变身光伏电站", "2023年05月20日 08时05分 来源：某某日报", "当地建成光伏电站2座。"],
         "portal_dateline"),
        # a department's source but no 近日/日前 lead: not enough
        (["财政部下达补助资金", "来源：财政部网站", "按照分配办法，财政部下达补助资金12亿元。"], ""),
        (["财政部下达补助资金", "来源：财政部网站 2023-06-12 10:14", "据财政部网站消息，近日下达补助资金12亿元。"],
         "release"),
        # a purpose clause before the department and 近日: still a release's lead
        (["中央财政下达转移支付资金", "来源：财政部网站", "为支持独立工矿区改造提升，财政部近日下达资金30亿元。"],
         "release"),
        (["省财政厅下达补助资金", "来源：省财政厅网站", "为加快采煤沉陷区综合治理，省财政厅日前下达补助资金2.5亿元。"],
         "release"),
        # a purpose clause but the 近日 far into a long second clause: not a lead
        (["财政部下达补助资金", "来源：财政部网站",
          "为支持转型发展，按照国务院有关部署和年度预算安排的总体要求，财政部近日下达补助资金12亿元。"], ""),
        # a 近日 lead under a notice's own title: the notice, not a release
        (["财政部关于下达补助资金的通知", "来源：财政部网站", "近日，财政部下达补助资金，现通知如下。"], ""),
        # the source is a paper, not an organisation, and no dateline: not a release
        (["某县新闻", "来源：某某日报", "某县近日建成光伏电站2座。"], ""),
    ],
)  # fmt: skip
def test_news_cue_of_releases(lines: list[str], expected: str) -> None:
    assert genre.news_cue(lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # site title and breadcrumb boilerplate; headline and portal line front matter; furniture boilerplate
        (RELEASE_TRADITIONAL_PINYIN, ["boilerplate", "boilerplate", "front_matter", "front_matter", "boilerplate",
                                      "body", "body"]),
        (RELEASE_SIMPLIFIED, ["boilerplate", "boilerplate", "front_matter", "front_matter", "boilerplate", "body"]),
        (PLAN_UNDER_SITE_TITLE, ["boilerplate", "front_matter", "body", "body"]),
    ],
    ids=["release-trad-pinyin", "release-simp", "plan-under-site-title"],
)  # fmt: skip
def test_parts_of_portal_pages(text: str, expected: list[str]) -> None:
    doc = ingest.document_from_bytes("doc.txt", text.encode("utf-8"))
    lines = structure.split_lines(doc.text)  # the normalised text, pinyin blanked in place
    assert structure.assign_parts(lines) == expected


FUSED_HEADLINE_NEWS = """首页 > 地方 > 河南频道
矿城鹤壁的新答卷　2022-05-06 09:12:40　来源：新华社
新华社郑州5月6日电（记者 某某）记者从鹤壁市获悉，今年一季度全市接续替代产业产值增长12%。
"""


def test_a_headline_fused_with_its_dateline_is_the_title() -> None:
    found = metadata(FUSED_HEADLINE_NEWS)
    assert (found["title"], found["doc_type"], found["published"]) == (
        "矿城鹤壁的新答卷",
        "news",
        "2022-05-06",
    )
