"""Theme and instrument codebooks: validation, matching rules, and checks on the seed texts."""

from __future__ import annotations

from pathlib import Path

import opencc
import pandas as pd
import pytest

from analysis.compare import coverage_clauses, primary_theme_per_unit
from analysis.ingest import analysed, read_corpus
from analysis.schema import CLAUSE_INSTRUMENTS, CLAUSE_THEMES
from analysis.structure import clauses_table
from analysis.themes import (
    MIN_THEMES,
    SEED_SOURCE,
    CodebookError,
    check_categories,
    code_unit,
    deciding_rule,
    document_programmes,
    document_topic_themes,
    instrument_matcher,
    load_codebook,
    load_instruments,
    rank_unit_themes,
    tag_instruments,
    tag_themes,
    theme_hits,
    theme_matcher,
    themes_of,
    unit_theme_set,
)

RAW_DIR = Path(__file__).resolve().parents[1] / "data" / "raw"
HENAN, QINGHAI, LIAONING = "000", "002", "004"  # seed file prefixes

# Sentences for keywords the three seeds do not use (they occur in other provinces' plans).
EXTRA_SENTENCES = [
    "建设国家能源资源基地,加强国家规划矿区管理。",
    # (a 大数据产业 is a new industry since 2.3.0: the upgrading keyword is 大数据 used in production)
    "推动企业技术改造,推广大数据在生产中的应用。",
    "做好搬迁安置,改善人居环境。",
    "巩固脱贫成果,深化区域合作。",
    "组织农民工参加技能培训。",
    "对成熟型、衰退型城市实行分类引导。",
    "加强关键核心技术攻关,建设产业信息平台,做好信息汇总。",
    "落实税收优惠和税费减免政策,推进资源税改革。",
    "保障用地指标,扩大政府采购,通过政府购买服务开展应用示范和示范工程。",
    # the seeds use these only inside cited titles or the proposal a reply answers (now blanked)
    "深化对口合作,推进体制创新,对企业贷款给予贴息和奖励资金支持。",
    # the seeds use 绿色化 only inside the upgrading slogan 高端化、智能化、绿色化 (2.5.0: not green)
    "生产矿山完成绿色化改造。",
]

# Themes allowed to be empty on the seed corpus, with the reason (none at present).
EMPTY_THEME_REASONS: dict[str, str] = {}


@pytest.fixture(scope="module")
def seed_clauses() -> pd.DataFrame:
    corpus = read_corpus(RAW_DIR)
    return clauses_table(analysed(corpus.documents))


@pytest.fixture(scope="module")
def seed_themes(seed_clauses: pd.DataFrame) -> pd.DataFrame:
    return tag_themes(seed_clauses)


@pytest.fixture(scope="module")
def keyword_test_text(seed_clauses: pd.DataFrame) -> str:
    return "\n".join([*seed_clauses["text"], *EXTRA_SENTENCES])


def _clauses(texts: list[str], doc_id: str = "d1") -> pd.DataFrame:
    """A minimal clauses table for unit tests."""
    return pd.DataFrame(
        {
            "clause_id": [f"{doc_id}-c{i + 1:06d}" for i in range(len(texts))],
            "doc_id": doc_id,
            "text": texts,
        }
    )


# --- codebook files ---------------------------------------------------------------------


def test_codebook_loads_with_version_and_enough_themes() -> None:
    codebook = load_codebook()
    assert codebook.version
    assert len(codebook.themes) >= MIN_THEMES  # no upper cap: adding a theme is one codebook entry
    assert len(set(codebook.theme_ids)) == len(codebook.theme_ids)
    for theme in codebook.themes:
        assert theme.keywords and theme.label_zh and theme.label_en and theme.definition
        assert "\n" not in theme.definition


def test_national_tasks_are_n01_to_n18_and_mapped() -> None:
    codebook = load_codebook()
    assert [t.id for t in codebook.national_tasks] == [f"N{i:02d}" for i in range(1, 19)]
    mapped = {task for theme in codebook.themes for task in theme.national_tasks}
    assert mapped == {t.id for t in codebook.national_tasks}, "every national task has a theme"


def test_instrument_codebook_has_three_types_with_subtypes() -> None:
    instruments = load_instruments()
    assert instruments.version
    assert instruments.types == ("supply", "environment", "demand")
    for type_id in instruments.types:
        assert [s for s in instruments.subtypes if s.type == type_id]


def test_keywords_are_simplified_characters() -> None:
    to_simplified = opencc.OpenCC("t2s")
    strings = [k for t in load_codebook().themes for k in (*t.keywords, *t.exclusions)]
    strings += [k for s in load_instruments().subtypes for k in (*s.keywords, *s.exclusions)]
    assert [s for s in strings if to_simplified.convert(s) != s] == []


@pytest.mark.parametrize(
    ("categories", "message"),
    [
        ([("a", ["光伏"], []), ("a", ["风电"], [])], "duplicate id"),
        ([("a", [], [])], "no keywords"),
        ([("a", ["光伏"], []), ("b", ["光伏"], [])], "also in 'a'"),
        ([("a", ["光伏", "光伏"], [])], "twice"),
        ([("a", ["新能源"], ["双循环"])], "contains none of its keywords"),
    ],
)
def test_check_categories_rejects(categories: list, message: str) -> None:
    with pytest.raises(CodebookError, match=message):
        check_categories("test", categories)


def test_check_categories_accepts_a_keyword_that_is_another_themes_exclusion() -> None:
    check_categories(
        "test", [("clean", ["新能源"], ["新能源汽车"]), ("industry", ["新能源汽车"], [])]
    )


def test_load_codebook_rejects_a_file_without_version(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text("themes: []\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="no version"):
        load_codebook(path)


# --- matching rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme_id", "expected"),
    [
        ("大力发展新能源汽车产业", "clean_energy", False),
        ("大力发展新能源汽车产业", "successor_industries", True),
        ("大力发展新能源和可再生能源", "clean_energy", True),
        ("主动融入双循环新发展格局", "resource_efficiency", False),
        ("推进园区循环化改造", "resource_efficiency", True),
        ("落实创业创新对口合作协议", "employment", False),
        ("落实创业创新对口合作协议", "openness_cooperation", True),
        ("完善创业担保贷款政策", "employment", True),
        ("推动城市老工业区搬迁改造", "subsidence_mining_areas", False),
        ("推动城市老工业区搬迁改造", "urban_livability", True),
        ("全面完成居民避险搬迁任务", "subsidence_mining_areas", True),
        ("加大重点项目谋划储备力度", "resource_security", False),
        ("建立资源能源储备体系", "resource_security", True),
        ("省人力资源社会保障厅将做好工作", "employment", False),
        ("推动人力资源服务业发展", "employment", True),
        ("发挥失业保险基金作用", "employment", False),
        ("发挥失业保险基金作用", "social_security", True),
        ("以深化供给侧结构性改革为主线", "governance_mechanisms", False),
        ("以深化供给侧结构性改革为主线", "general_framing", True),
        ("推进标准地改革", "governance_mechanisms", True),
        ("建设职业教育实训基地", "public_services", False),
        ("建设职业教育实训基地", "employment", True),
        ("聚焦轨道交通等领域", "infrastructure_transport", False),
        ("污染物排放指标配置给予倾斜", "green_low_carbon", False),
        ("减少污染物排放", "green_low_carbon", True),
        ("建设绿色矿业发展示范区", "parks_investment", False),
        ("建设绿色矿业发展示范区", "green_low_carbon", True),
        ("资源保障有力、经济充满活力", "resource_security", False),
        ("完善重大疾病医疗保险制度", "public_services", False),
        ("完善疾病预防控制体系", "public_services", True),
    ],
)
def test_exclusions_and_keywords(text: str, theme_id: str, expected: bool) -> None:
    assert (theme_id in themes_of(text)) is expected


@pytest.mark.parametrize(
    ("text", "theme_id", "expected"),
    [
        (
            "推进采煤沉陷区综合治理",
            "subsidence_mining_areas",
            [("采煤沉陷区", 2, 7)],
        ),  # 采煤沉陷, 沉陷区 nested
        ("发展循环经济", "resource_efficiency", [("循环经济", 2, 6)]),  # 循环 nested
        (
            "中央预算内投资补助资金",
            "policy_support",
            [("中央预算内", 0, 5), ("投资补助", 5, 9)],
        ),  # 补助资金 overlaps
        ("光伏光伏", "clean_energy", [("光伏", 0, 2), ("光伏", 2, 4)]),
        ("降低碳排放强度", "green_low_carbon", [("碳排放", 2, 5)]),  # 低碳 masked by 降低碳
        ("倡导绿色低碳生活", "green_low_carbon", [("绿色低碳", 2, 6)]),  # 低碳 nested
    ],
)
def test_one_mention_per_place_in_the_text(text: str, theme_id: str, expected: list) -> None:
    hits = [(kw, start, end) for theme, start, end, kw in theme_hits(text) if theme == theme_id]
    assert hits == expected


def test_tag_themes_columns_order_and_counts() -> None:
    clauses = _clauses(["发展光伏、风电和光伏。", "没有主题。", "加强就业和人才培养。"])
    table = tag_themes(clauses)
    assert list(table.columns) == CLAUSE_THEMES.columns
    assert table[["clause_id", "theme_id"]].values.tolist() == [
        ["d1-c000001", "clean_energy"],
        ["d1-c000003", "employment"],
        ["d1-c000003", "innovation_talent"],
    ]
    first = table.iloc[0]
    assert first["matched"] == "光伏|风电"
    assert first["n_matches"] == 3


def test_keywords_never_match_across_clause_boundaries() -> None:
    assert tag_themes(_clauses(["发展光", "伏产业"])).empty


def test_tag_themes_on_empty_input() -> None:
    table = tag_themes(_clauses([]))
    assert table.empty and list(table.columns) == CLAUSE_THEMES.columns


def test_tag_instruments() -> None:
    clauses = _clauses(["争取中央预算内投资支持", "推广贷款贴息", "扩大政府绿色采购规模", "无"])
    table = tag_instruments(clauses)
    assert list(table.columns) == CLAUSE_INSTRUMENTS.columns
    assert table[["clause_id", "instrument_type", "instrument_subtype"]].values.tolist() == [
        ["d1-c000001", "supply", "funding"],
        ["d1-c000002", "environment", "financial"],
        ["d1-c000003", "demand", "procurement"],
    ]


# --- every keyword works somewhere ------------------------------------------------------------


@pytest.mark.parametrize("theme_id", load_codebook().theme_ids)
def test_every_seed_keyword_matches_in_test_text(theme_id: str, keyword_test_text: str) -> None:
    """A seed keyword is found in the seeds, itself or inside a longer keyword of its theme."""
    theme = load_codebook().theme(theme_id)
    matched = set(themes_of(keyword_test_text).get(theme_id, []))
    seeds = [
        k for k, source in zip(theme.keywords, theme.sources, strict=True) if source == SEED_SOURCE
    ]
    missing = [k for k in seeds if not any(k in m for m in matched)]
    assert missing == []


@pytest.mark.parametrize("theme_id", load_codebook().theme_ids)
def test_every_keyword_is_reachable(theme_id: str) -> None:
    """Each keyword, written alone, is a hit of its theme: no exclusion or mask swallows it."""
    theme = load_codebook().theme(theme_id)
    dead = [k for k in theme.keywords if k not in themes_of(k).get(theme_id, [])]
    assert dead == []


def test_every_keyword_has_a_source_and_a_weight() -> None:
    for theme in load_codebook().themes:
        assert len(theme.weights) == len(theme.sources) == len(theme.keywords), theme.id
        assert set(theme.weights) <= {0.5, 1.0, 2.0}, theme.id
        assert all(
            s == SEED_SOURCE or s.startswith(("pages:", "measured:")) for s in theme.sources
        ), theme.id


@pytest.mark.parametrize("subtype", [s.id for s in load_instruments().subtypes])
def test_every_instrument_keyword_matches_in_test_text(
    subtype: str, keyword_test_text: str
) -> None:
    instruments = load_instruments()
    index = [s.id for s in instruments.subtypes].index(subtype)
    matched = {
        h.keyword
        for h in instrument_matcher(instruments).hits(keyword_test_text)
        if h.category == index
    }
    missing = [k for k in instruments.subtypes[index].keywords if k not in matched]
    assert missing == []


# --- seeds -----------------------------------------------------------------------------


def test_no_theme_is_empty_on_the_corpus_body(
    seed_clauses: pd.DataFrame, seed_themes: pd.DataFrame
) -> None:
    body_ids = set(coverage_clauses(seed_clauses)["clause_id"])
    used = set(seed_themes.loc[seed_themes["clause_id"].isin(body_ids), "theme_id"])
    empty = set(load_codebook().theme_ids) - used
    assert empty == set(EMPTY_THEME_REASONS)


def test_every_numbered_unit_gets_a_theme(
    seed_clauses: pd.DataFrame, seed_themes: pd.DataFrame
) -> None:
    units = primary_theme_per_unit(seed_clauses, seed_themes)
    counts = units.groupby(units["doc_id"].str[:3]).size().to_dict()
    assert counts == {
        HENAN: 33,
        QINGHAI: 22,
        LIAONING: 7,
    }  # 32 items + section 九; 22 items; 7 sections
    assert (units["theme_id"] != "").all()


def _unit_themes(
    clauses: pd.DataFrame, tags: pd.DataFrame, prefix: str, section: int, item: int
) -> set[str]:
    unit = clauses[
        clauses["doc_id"].str.startswith(prefix)
        & (clauses["part"] == "body")
        & (clauses["section_no"] == section)
        & (clauses["item_no"] == item)
    ]
    assert not unit.empty
    return set(tags.loc[tags["clause_id"].isin(set(unit["clause_id"])), "theme_id"])


@pytest.mark.parametrize(
    ("henan_unit", "qinghai_unit", "shared_theme"),
    [
        ((5, 18), (2, 2), "clean_energy"),  # 提升能源安全绿色保障 / 加强资源能源保障能力建设
        ((5, 18), (2, 2), "resource_security"),
        ((6, 24), (2, 7), "subsidence_mining_areas"),  # 推进采煤沉陷区综合治理, both
        ((7, 28), (2, 16), "employment"),  # 着力稳定和促进就业, both
    ],
)
def test_henan_and_qinghai_items_share_a_theme(
    seed_clauses: pd.DataFrame,
    seed_themes: pd.DataFrame,
    henan_unit: tuple[int, int],
    qinghai_unit: tuple[int, int],
    shared_theme: str,
) -> None:
    henan = _unit_themes(seed_clauses, seed_themes, HENAN, *henan_unit)
    qinghai = _unit_themes(seed_clauses, seed_themes, QINGHAI, *qinghai_unit)
    assert shared_theme in henan & qinghai


def test_news_lead_and_page_furniture_are_tagged_but_not_body(
    seed_clauses: pd.DataFrame, seed_themes: pd.DataFrame
) -> None:
    """Henan's news lead repeats (二十四) and (十八); it is tagged, but coverage leaves it out."""
    lead = seed_clauses[
        seed_clauses["doc_id"].str.startswith(HENAN) & (seed_clauses["part"] == "front_matter")
    ]
    lead_tags = seed_themes[seed_themes["clause_id"].isin(set(lead["clause_id"]))]
    assert "clean_energy" in set(lead_tags["theme_id"])
    assert not set(lead["clause_id"]) & set(coverage_clauses(seed_clauses)["clause_id"])


def test_codebook_table_and_labels() -> None:
    from analysis.themes import codebook_table

    codebook = load_codebook()
    table = codebook_table(codebook)
    assert table["theme_id"].tolist() == list(codebook.theme_ids)
    assert list(codebook.labels()) == list(codebook.theme_ids)
    assert (
        table.loc[table["theme_id"] == "clean_energy", "exclusions"].item()
        == "新能源汽车|新能源电池|新能源装备|光伏运维|新能源运维|风电运维|风电场运维|光伏组件|光伏支架"
        "|光伏玻璃|光伏钨丝|储能电池|风电塔筒|氢能装备|新能源材料"
    )
    assert set(table["role"]) == {"topic", "context"}
    assert set(table["codebook_version"]) == {codebook.version}


@pytest.mark.parametrize(
    ("text", "theme", "expected"),
    [
        ("省发展改革委牵头推进", "governance_mechanisms", False),  # an agency's name, not a reform
        ("深化体制机制改革", "governance_mechanisms", True),
        ("发展新能源电池材料产业", "clean_energy", False),  # an industry, like 新能源汽车
        ("发展光伏、风电等新能源产业", "clean_energy", True),
    ],
)
def test_agency_names_and_industries_are_excluded(text: str, theme: str, expected: bool) -> None:
    assert (theme in themes_of(text)) is expected


# --- text that is not the paragraph's own content (codebook not_own_content) ------------------


@pytest.mark.parametrize(
    ("text", "theme", "expected"),
    [
        # cited titles, except the document a notice transmits
        ("贯彻落实《关于推进采煤沉陷区综合治理的意见》", "subsidence_mining_areas", False),
        ("现将《采煤沉陷区综合治理方案》印发给你们", "subsidence_mining_areas", True),
        ("关于印发《采煤沉陷区综合治理方案》的通知", "subsidence_mining_areas", True),
        ("推进采煤沉陷区综合治理", "subsidence_mining_areas", True),
        # the proposal a reply answers
        ("您提出的关于加快发展光伏产业的建议收悉，现答复如下", "clean_energy", False),
        ("关于“修复生态环境,助力转型发展”的建议", "eco_restoration", False),
        ("下一步将加快发展光伏产业", "clean_energy", True),
        # agency names built from a stem and a suffix
        ("国家税务总局山西省税务局联合开展专项行动", "governance_mechanisms", False),
        ("市文化和旅游局负责", "successor_industries", False),
        ("发展全域旅游", "successor_industries", True),
        ("省能源局组织实施", "clean_energy", False),
        ("省生态环境厅牵头", "eco_restoration", False),
        (
            "市人力资源和社会保障局做好培训",
            "employment",
            True,
        ),  # 培训 stays, the agency name does not count
        (
            "科学部署，加快办学条件改善",
            "public_services",
            True,
        ),  # 部署 and 办学 are not agency suffixes
        # park committees and companies
        ("经开区管委会负责协调", "parks_investment", False),
        ("支持某某资源型经济转型发展投资有限公司", "regional_typology", False),
        ("晋能控股煤业集团有限公司开展绿色矿山建设", "green_low_carbon", True),
    ],
)
def test_not_own_content_is_blanked(text: str, theme: str, expected: bool) -> None:
    assert (theme in themes_of(text)) is expected


@pytest.mark.parametrize(
    ("text", "theme", "expected"),
    [
        (
            "防范化解金融风险，稳妥处置地方债务",
            "policy_support",
            False,
        ),  # an idiom, not financial support
        ("发展普惠金融", "public_services", False),
        ("发展普惠金融", "policy_support", True),
        ("推进普惠性公共服务", "public_services", True),
        ("妥善解决国有企业历史遗留问题", "eco_restoration", False),
        ("妥善解决国有企业历史遗留问题", "social_security", True),
        ("推进历史遗留矿山治理", "eco_restoration", True),
        ("实施易地扶贫搬迁", "subsidence_mining_areas", False),
        ("实施易地扶贫搬迁", "social_security", True),
        ("经济保持高速增长", "infrastructure_transport", False),
        ("开辟审批绿色通道", "infrastructure_transport", False),
        ("全面加强人才储备", "resource_security", False),
        ("深入开展主题教育", "public_services", False),
        ("推进塌陷区治理和搬迁安置", "subsidence_mining_areas", True),  # paraphrase of 采煤沉陷区
        ("培育接替产业", "successor_industries", True),
        ("推动煤炭产业提档升级", "industrial_upgrading", True),
        ("落实能耗双控，推进碳达峰", "green_low_carbon", True),
        ("大力发展康养产业和文旅产业", "successor_industries", True),
        ("签约引进项目56个", "parks_investment", True),
        ("加快形成新质生产力", "innovation_talent", True),
    ],
)
def test_genre_vocabulary_and_idioms(text: str, theme: str, expected: bool) -> None:
    assert (theme in themes_of(text)) is expected


# --- keyword groups in the codebook file ------------------------------------------------------


def _codebook_file(tmp_path: Path, keywords: str) -> Path:
    """A one-theme codebook (fewer themes than expected: warns, still loads)."""
    path = tmp_path / "codebook.yaml"
    path.write_text(
        "version: '9'\nthemes:\n  - id: a\n    label_zh: 甲\n    label_en: A\n    definition: d\n"
        f"    keywords: {keywords}\n",
        encoding="utf-8",
    )
    return path


def test_keyword_groups_carry_weight_and_source(tmp_path: Path) -> None:
    path = _codebook_file(tmp_path, "[光伏, {source: 'pages: x', weight: 2, words: [风电, 储能]}]")
    with pytest.warns(UserWarning, match="themes"):
        theme = load_codebook(path).theme("a")
    assert theme.keywords == ("光伏", "风电", "储能")
    assert theme.weights == (1.0, 2.0, 2.0)
    assert theme.sources == ("seeds", "pages: x", "pages: x")
    assert theme.weight("风电") == 2.0


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ("[{weight: 2, words: [风电]}]", "without a source"),
        ("[{source: x, weight: -1, words: [风电]}]", "not a positive number"),
        ("[{source: x, words: []}]", "has no words"),
    ],
)
def test_bad_keyword_groups_are_rejected(tmp_path: Path, keywords: str, message: str) -> None:
    with pytest.raises(CodebookError, match=message):
        load_codebook(_codebook_file(tmp_path, keywords))


# --- primary theme of a unit (rank_unit_themes): tables written from reading the texts ---------


@pytest.mark.parametrize(
    ("heading", "body", "expected"),
    [
        # the point is attracting investment; the technology words are what is attracted
        (
            "加大招商引资力度",
            ["围绕新材料、高端装备、新能源汽车产业开展产业链招商", "引进项目30个"],
            "parks_investment",
        ),
        # a specific programme term beats a broad word repeated
        ("", ["落实资金", "用好资金", "推进采煤沉陷区综合治理"], "subsidence_mining_areas"),
        # the heading decides between two themes of equal body weight
        ("提升公共服务水平", ["新建中小学3所", "做好就业服务"], "public_services"),
        # the lead clause states the point
        (
            "",
            ["全面推进绿色矿山建设", "新建矿山全部达到标准", "提高综合利用水平"],
            "green_low_carbon",
        ),
        # a run-in frame names the subject of a reply paragraph
        ("", ["在产业培育方面，依托铁路专用线发展现代物流，吸纳职工就业"], "successor_industries"),
        # region types alone, with one topic word each, are a typology paragraph
        (
            "",
            [
                "成长型城市规范开发秩序，成熟型城市延伸产业链条，衰退型城市化解历史遗留问题，再生型城市发展服务业"
            ],
            "regional_typology",
        ),
        # one region type beside a topic: the topic
        ("", ["支持资源枯竭城市发展光伏产业"], "clean_energy"),
        # an agency name is not a reform
        ("", ["由省发展改革委牵头，加快建设风电基地"], "clean_energy"),
        # a short first sentence titles a work-report paragraph
        (
            "",
            ["营商环境持续优化。", "企业开办时间压缩到半天", "新建光伏电站2座"],
            "governance_mechanisms",
        ),
        ("", ["二是拓展就业渠道。", "发展光伏产业，吸纳劳动力"], "employment"),
        # 城乡统筹协调 is urban-rural integration, not coordination of the work
        ("三是持续推进城乡统筹协调发展", ["推动公共服务设施向农村延伸"], "urban_livability"),
        # 2.2.0: how a programme is carried out and supervised is governance, whatever the programme
        (
            "",
            ["各县区政府是独立工矿区改造提升的责任主体，要制定具体实施方案，明确时间表、路线图。"],
            "governance_mechanisms",
        ),
        (
            "",
            ["各有关部门要按照职责分工，加强对绿色矿山建设的指导和监督，确保各项任务落到实处。"],
            "governance_mechanisms",
        ),
        ("", ["建立接续替代产业发展统计监测制度，定期发布监测报告。"], "governance_mechanisms"),
        # ... and solving the projects' problems is a measure, not a review of problems (framing)
        (
            "",
            [
                "建立项目推进机制，实行重点项目领导包联制度，定期召开项目调度会，协调解决项目建设中的困难和问题。"
            ],
            "governance_mechanisms",
        ),
        # talent policy in other words than the seeds' (人才新政, 人才发展), money as the instrument
        (
            "",
            ["人才是创新的根基。", "该市出台人才新政20条，设立人才发展专项资金每年5000万元"],
            "innovation_talent",
        ),
    ],
)
def test_primary_theme_of_a_unit(heading: str, body: list[str], expected: str) -> None:
    ranking = rank_unit_themes([heading] if heading else [], body)
    assert ranking[0].theme_id == expected


@pytest.mark.parametrize(
    ("heading", "body", "framing_section", "expected"),
    [
        (
            "（一）指导思想",
            ["坚持以习近平新时代中国特色社会主义思想为指导，加快绿色低碳转型"],
            True,
            True,
        ),
        ("", ["以党的二十大精神为指导，锚定高质量发展目标，推动新能源产业发展"], False, True),
        (
            "",
            ["深入贯彻落实党的二十大精神，完整准确全面贯彻新发展理念，加快推动资源型地区转型"],
            False,
            True,
        ),
        # carrying out a regulation is a task, not the Party's line
        ("", ["认真贯彻落实矿山安全生产条例，推进绿色矿山建设"], False, False),
        ("（三）主要目标", ["到2025年，新能源装机达到500万千瓦"], True, True),
        # overall goals inside the framing section
        ("", ["到2025年，多元产业体系基本形成，生态环境明显改善"], True, True),
        # an overview of the base across areas inside a framing section (发展基础), not outside it
        (
            "",
            ["过去五年，采煤沉陷区治理、棚户区改造、矿山生态修复扎实推进，接续替代产业加快发展"],
            True,
            True,
        ),
        (
            "",
            ["过去五年，采煤沉陷区治理、棚户区改造、矿山生态修复扎实推进，接续替代产业加快发展"],
            False,
            False,
        ),
        # a task's own target is not framing
        ("", ["到2025年，完成采煤沉陷区治理面积3万亩，治理任务基本完成"], False, False),
        ("（四）加快发展光伏产业", ["建设光伏基地"], False, False),
        ("", ["（二）基本原则。坚持分类施策、因地制宜"], False, True),
        # an opening purpose sentence of a plan or a notice
        (
            "",
            ["为加快推动资源枯竭城市转型发展，根据国家有关部署，结合我市实际，制定本方案。"],
            False,
            True,
        ),
        ("", ["为做好独立工矿区改造提升项目申报工作，现就有关事项通知如下："], False, True),
        # a purpose phrase that introduces a measure is not the opening purpose sentence
        ("", ["为支持接续替代产业发展，对新建项目给予贷款贴息"], False, False),
        # a reply's acknowledgement
        ("", ["您提出的关于支持采煤沉陷区群众搬迁的建议收悉，现答复如下："], False, True),
        # ... not an answer that goes on in the same paragraph
        (
            "",
            [
                "您提出的建议收悉。",
                "近年来，我市累计完成采煤沉陷区避险搬迁1.8万户。",
                "建成安置小区12个。",
            ],
            False,
            False,
        ),
        # a work report's overview: a review opener with two macro indicators, or the year's stance
        ("", ["过去一年，全县地区生产总值增长5.6%，一般公共预算收入增长8.1%。"], False, True),
        ("", ["全县地区生产总值增长5.6%，新建光伏电站2座，新增装机30万千瓦"], False, False),
        ("", ["一年来，我们坚持稳中求进工作总基调，统筹推进稳增长、促转型各项工作。"], False, True),
        # the plan's areas listed, none of them the point
        ("", ["今年要统筹推进新能源、新材料、矿区治理、就业社保、营商环境等重点工作"], False, True),
        # a region type named in passing, no topic: the transformation in general (a news lead)
        ("", ["5月15日，我市召开资源型城市转型发展推进会，部署下一阶段工作。"], False, True),
        # taking stock of the problems is framing (2.2.0: not a phrase that sets out to solve them)
        ("", ["我们也清醒看到，民营经济活力不足，群众增收渠道单一"], False, True),
        (
            "",
            ["建立项目推进机制，定期召开项目调度会，协调解决项目建设中的困难和问题"],
            False,
            False,
        ),
        # 2.2.0: why the transformation matters or where it stands; a list of principles; a summing-up
        (
            "",
            [
                "推动资源型地区转型发展，是贯彻新发展理念的必然要求，对维护国家能源资源安全具有重要意义。"
            ],
            False,
            True,
        ),
        ("", ["“十四五”时期是我市转型发展的关键期，机遇与挑战并存。"], False, True),
        (
            "",
            ["坚持市场主导、政府引导，坚持分类施策、因地制宜，坚持统筹兼顾、协调发展。"],
            False,
            True,
        ),
        (
            "",
            ["总的来看，全市转型取得阶段性成效，但产业结构单一、生态欠账较多等问题依然突出。"],
            False,
            True,
        ),
        # ... but closing the gaps is a task (补齐短板弱项), and a project's significance is the project's
        ("", ["围绕公共服务设施提标扩面，加快补齐短板弱项，优化义务教育学校布局"], False, False),
        (
            "",
            [
                "该项目是我市今年招商引资落地的最大单体项目，也是推动煤炭由燃料向原料转变的重要举措。"
            ],
            False,
            False,
        ),
        # 2.3.0: a purpose sentence after one sentence presenting the place, and more endings
        (
            "",
            [
                "某市是全省重要的煤炭和电力基地。",
                "为加快推动全市绿色转型，结合本地实际，现提出如下实施意见。",
            ],
            False,
            True,
        ),
        ("", ["为应对煤矿关停带来的就业压力，结合我县实际，制定以下措施。"], False, True),
        ("", ["为推进矿业绿色发展，决定组织开展2025年度绿色矿山评选工作。"], False, True),
        # ... but a second sentence that is a task stays a task
        (
            "",
            ["某市是全省重要的煤炭基地。", "今年新建光伏电站3座，新增装机50万千瓦。"],
            False,
            False,
        ),
        # 2.3.0: more review openers and stances of a work report
        ("", ["过去的一年，我们牢牢把握转型这一主题，经济实现平稳增长。"], False, True),
        ("", ["这一年，全市上下坚定践行新发展理念，推动经济稳中向好。"], False, True),
        ("", ["一年来，面对煤炭资源枯竭和经济下行的压力，我们咬定目标不放松。"], False, True),
        ("", ["一年来，全市新建标准厂房20万平方米，引进项目35个。"], False, False),
    ],
)
def test_framing_is_recognised_by_shape_and_place(
    heading: str, body: list[str], framing_section: bool, expected: bool
) -> None:
    ranking = rank_unit_themes([heading] if heading else [], body, framing_section=framing_section)
    assert (ranking[0].theme_id == "general_framing") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r5: a guiding ideology held up as the guide (为指引) as well as 为指导
        (
            [
                "以习近平新时代中国特色社会主义思想为指引，全面落实省委部署，加快建设开放合作示范区。"
            ],
            True,
        ),
        # r5: a work report's judgement of the year or period under review opens its review
        (
            [
                "2024年是我市发展进程中极具挑战、极不平凡的一年。",
                "面对复杂严峻的外部环境，全市上下迎难而上，新建光伏电站3座。",
            ],
            True,
        ),
        (["“十四五”时期是我区发展进程中极不寻常的五年，新建光伏电站12座。"], True),
        (["2024年，全市新建光伏电站3座，新增装机50万千瓦。"], False),
        # r5: taking stock of the challenges (面临诸多挑战, 矛盾凸显), not solving them
        (["但发展中也面临诸多挑战，煤炭市场波动加剧，新兴产业支撑不足。"], True),
        (["当前，资源开发与环境承载的矛盾凸显，产能过剩问题较为普遍。"], True),
        (["协调解决企业面临诸多困难，帮助企业扩大光伏产能。"], False),
        # r5: the preamble's closing formula as a sentence of its own
        (["为加快推进老工业区搬迁改造，科学有序做好搬迁工作。", "现提出如下实施意见。"], True),
        (["加快推进老工业区搬迁改造。", "对搬迁企业给予搬迁补助。"], False),
        # r5: a statistics paragraph of the three sectors' output
        (
            [
                "全县地区生产总值完成120亿元，增长4.5%。",
                "其中，第一产业增加值完成8亿元，第二产业增加值完成80亿元，第三产业增加值完成32亿元，文旅产业增长12%。",
            ],
            True,
        ),
    ],
)
def test_framing_shapes_of_real_pages(body: list[str], expected: bool) -> None:
    assert (rank_unit_themes([], body)[0].theme_id == "general_framing") is expected


@pytest.mark.parametrize(
    ("body", "genre", "expected"),
    [
        # a news report of an event on the transformation in general (2.8.0)
        (["9月5日，国家发展改革委在某市召开全国资源型地区转型发展现场会。"], "news", True),
        # r5: ... not what its participants proposed, nor a kind named only in a fund's name
        (
            [
                "资源型城市转型发展研讨会日前在某市举行。",
                "与会代表建议，加大中央财政资金对资源型城市的支持力度。",
            ],
            "news",
            False,
        ),
        (["财政部日前印发《某办法》，进一步规范资源枯竭城市转移支付资金管理。"], "news", False),
        # r5: a leader's visit or a speech at the meeting in more wordings
        (
            ["5月8日，省发展改革委负责同志一行对某市资源枯竭城市转型工作进行实地督导。"],
            "news",
            True,
        ),
        (
            ["省委书记近日在某市调研时强调，要坚持创新驱动，加快资源枯竭型城市转型发展。"],
            "news",
            True,
        ),
        (
            ["会上，某部门负责同志在回顾矿业城市转型历程后表示，矿业城市转型要靠接续替代产业。"],
            "news",
            True,
        ),
        # ... a visit on one topic naming no kind of region stays that topic's (2.8.0)
        (["省委书记近日在某市调研时强调，要加快光伏产业发展。"], "news", False),
        # r5: a principle's title of two four-character phrases frames a plan, not a news page
        (
            ["能源之重，在于转型。", "过去五年，全省推进智能化煤矿建设，先进产能占比提升至75%。"],
            "plan",
            True,
        ),
        (
            ["能源之重，在于转型。", "过去五年，全省推进智能化煤矿建设，先进产能占比提升至75%。"],
            "news",
            False,
        ),
    ],
)
def test_event_reports_and_principle_titles_by_genre(
    body: list[str], genre: str, expected: bool
) -> None:
    ranking = rank_unit_themes([], body, genre=genre)
    assert (ranking[0].theme_id == "general_framing") is expected


def test_a_news_pages_closing_commentary_is_framing() -> None:
    body = ["从一煤独大到接续替代产业多点支撑，这座城市正在走出一条转型发展新路。"]
    assert rank_unit_themes([], body)[0].theme_id == "successor_industries"
    assert (
        rank_unit_themes([], body, position="last", genre="report")[0].theme_id
        == "successor_industries"
    )
    assert (
        rank_unit_themes([], body, position="last", genre="news")[0].theme_id == "general_framing"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # organised by region types: a typology paragraph whatever its topic words
        (
            [
                "成长型地区要规范资源开发秩序，成熟型地区要延伸产业链条，衰退型地区要加快接续替代产业发展"
            ],
            "regional_typology",
        ),
        # a region category as the subject of the lead, a topic as the point
        (["对资源枯竭城市，省级财政在分配补助资金时给予倾斜"], "policy_support"),
        # named in passing
        (["我市作为资源枯竭城市，加快发展光伏和风电产业"], "clean_energy"),
    ],
)
def test_region_types_organise_a_paragraph_or_not(body: list[str], expected: str) -> None:
    assert rank_unit_themes([], body)[0].theme_id == expected


def test_repeating_a_keyword_adds_nothing() -> None:
    once = rank_unit_themes([], ["发展光伏"])[0].score
    thrice = rank_unit_themes([], ["发展光伏、光伏、光伏"])[0].score
    assert once == thrice


def test_the_lead_phrase_states_the_point() -> None:
    ranking = rank_unit_themes([], ["做好就业工作，发展风电"])
    assert [s.theme_id for s in ranking[:2]] == ["employment", "clean_energy"]
    assert deciding_rule(ranking) == "score"


def test_ties_fall_to_the_theme_mentioned_first_and_say_so() -> None:
    ranking = rank_unit_themes([], ["支持光伏和就业"])  # one phrase, one keyword each
    assert [s.theme_id for s in ranking[:2]] == ["clean_energy", "employment"]
    assert deciding_rule(ranking) == "first_mention"


def test_a_breakdown_counts_less_than_the_point() -> None:
    """签约 is the point; the technologies after 其中 are what the signed projects are."""
    ranking = rank_unit_themes([], ["新签约项目28个，其中光伏、储能项目7个"])
    assert ranking[0].theme_id == "parks_investment"


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        # subsidence (独立工矿区, 工矿区) in every item of a notice on independent mining areas
        (
            [
                {"subsidence", "transport"},
                {"subsidence", "parks"},
                {"subsidence", "eco"},
                {"subsidence", "jobs"},
            ],
            {"subsidence"},
        ),
        # three units are too few to tell a topic
        ([{"clean"}, {"clean"}, {"clean"}], set()),
        ([{"clean"}, {"jobs"}, {"eco"}, {"parks"}], set()),
    ],
)
def test_document_topic_themes(units: list[set], expected: set) -> None:
    assert document_topic_themes([frozenset(u) for u in units]) == expected


def test_the_documents_topic_theme_counts_half() -> None:
    body = ["推进独立工矿区互联互通，实施电网改造"]
    assert rank_unit_themes([], body)[0].theme_id == "subsidence_mining_areas"
    topic = frozenset({"subsidence_mining_areas"})
    assert (
        rank_unit_themes([], body, document_topic=topic)[0].theme_id == "infrastructure_transport"
    )


def test_a_region_type_named_in_the_title_is_the_units_theme() -> None:
    body = ["规范资源开发秩序，提高资源就地转化水平"]
    assert rank_unit_themes(["（一）成长型城市"], body)[0].theme_id == "regional_typology"
    assert rank_unit_themes([], ["成长型城市要规范资源开发秩序"])[0].theme_id != "regional_typology"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two distinct keywords of a second theme
        (
            ["推进绿色矿山建设，提高回采率和综合利用水平"],
            ["green_low_carbon", "resource_efficiency"],
        ),
        # 2.2.0: one topic word is enough when a phrase stating a measure or target is about it ...
        (["推进绿色矿山建设，提高回采率"], ["green_low_carbon", "resource_efficiency"]),
        (["加快发展接续替代产业，城镇新增就业2000人"], ["successor_industries", "employment"]),
        (["推进采煤沉陷区治理，新建湿地公园2处"], ["subsidence_mining_areas", "eco_restoration"]),
        (["建设研发平台10个，对引进的博士给予奖励资金"], ["innovation_talent", "policy_support"]),
        # ... but a subsidy named after another theme's object is that theme's instrument (2.3.0)
        (["建设研发平台10个，对引进的博士给予安家补助"], ["innovation_talent"]),
        # ... not in a phrase without a measure (依托: where the mines are, not what is done) ...
        (["依托回采率高的优质矿井，推进绿色矿山建设"], ["green_low_carbon"]),
        # ... nor where it modifies another theme's word (the 领导小组 is the clause's object, 就业 its name)
        (
            ["推进采煤沉陷区综合治理，成立市就业工作领导小组"],
            ["subsidence_mining_areas", "governance_mechanisms"],
        ),
        # ... a second object joined by 、 or 和 is not modified by the first one
        (
            ["深化与长三角地区的对口合作，在承接产业转移、人才交流等方面开展合作"],
            ["openness_cooperation", "parks_investment"],
        ),
        (
            ["加快沉陷区治理，完成搬迁安置800户和土地复垦1200亩"],
            ["subsidence_mining_areas", "eco_restoration"],
        ),
        # ... nor in a framing paragraph (its goals are the frame; 接续替代产业 is a specific term) ...
        (
            ["以习近平新时代中国特色社会主义思想为指导，加快发展接续替代产业，扩大就业"],
            ["general_framing", "successor_industries"],
        ),
        # ... unless the phrase states a concrete target, a figure (2.3.0, coding manual rule 3)
        (
            ["以习近平新时代中国特色社会主义思想为指导，加快发展接续替代产业，城镇新增就业2000人"],
            ["general_framing", "successor_industries", "employment"],
        ),
        # a utility's pipes are the city's (供热管网 is not transport), a wetland park is restoration
        (["实施老旧小区改造，更新供热管网30公里"], ["urban_livability"]),
        # ... one specific programme term is
        (["推进绿色矿山建设，同步治理采煤沉陷区"], ["green_low_carbon", "subsidence_mining_areas"]),
        # ... and so is a theme carried by two sentences of the unit
        (
            ["推进绿色矿山建设，提高回采率。", "新建矿山回采率达到90%"],
            ["green_low_carbon", "resource_efficiency"],
        ),
        # a broad word alone (资金, 0.5) does not put its theme in the set
        (["推进绿色矿山建设，落实资金"], ["green_low_carbon"]),
        # keywords inside an enumeration of many areas are not the unit's own evidence
        (
            [
                "发展新能源、新材料、文旅康养和现代物流等接续替代产业，推进光伏、矿山修复、就业培训等项目落地"
            ],
            ["successor_industries"],
        ),
        # region types: in the set when they organise the paragraph or are its subject, not in passing
        (
            ["对资源枯竭城市，省级财政在分配补助资金时给予倾斜"],
            ["policy_support", "regional_typology"],
        ),
        # (2.5.0: a place stating its own kind of region is a statement about that kind, coding
        # manual rule 6; tested below)
        (["我市作为资源枯竭城市，加快发展光伏和风电产业"], ["clean_energy", "regional_typology"]),
        # ... singled out for a measure in a later phrase (2.2.0), not named as the beneficiary of support
        (
            ["中央预算内投资按不超过总投资的60%予以补助，对资源枯竭城市项目适当提高补助比例"],
            ["policy_support", "regional_typology"],
        ),
        (["支持资源枯竭城市建设承接产业转移示范区"], ["parks_investment"]),
        # (two type names, each heading its part: a typology paragraph; 资源开发 and 产业链条 are in passing)
        (["成长型地区要规范资源开发秩序，成熟型地区要延伸产业链条"], ["regional_typology"]),
        # a review's statistic (一般公共预算收入) is not budget policy
        (["过去一年，全县地区生产总值增长5.6%，一般公共预算收入增长8.1%。"], ["general_framing"]),
    ],
)
def test_unit_theme_set(body: list[str], expected: list[str]) -> None:
    assert unit_theme_set(rank_unit_themes([], body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.3.0: a subsidy or loan named after another theme's object is that theme's instrument,
        # not policy_support (social insurance is named, so social_security stays)
        (
            ["对吸纳下岗矿工就业的企业，每人给予3000元社会保险补贴"],
            ["employment", "social_security"],
        ),
        (["为返乡人员发放创业担保贷款8000万元"], ["employment"]),
        # who receives the support is not the point: the support is (primary first)
        (
            ["对纳入绿色矿山名录的企业，在用地、信贷等方面给予优先支持"],
            ["policy_support", "green_low_carbon"],
        ),
        (["对引进的高层次人才给予购房补贴"], ["innovation_talent"]),
        # ... the money itself is still policy_support
        (["市财政安排专项资金5000万元，支持返乡创业"], ["policy_support", "employment"]),
        # sector names and upgrade verbs say where a measure of another kind happens (broad, 0.5)
        (["推动钢铁行业完成超低排放改造"], ["green_low_carbon"]),
        (["推动景区提档升级，新增4A级景区2家"], ["successor_industries"]),
        # data centres and computing are a new industry (coding manual rule 5)
        (["建设数据中心，新增算力规模1万P"], ["successor_industries"]),
        # a cooperation park is a park, the partner the cooperation
        (["与对口城市共建产业合作园区"], ["openness_cooperation", "parks_investment"]),
        # risk prevention and the rules of project applications are governance
        (["稳妥化解地方政府债务风险，严厉打击非法集资"], ["governance_mechanisms"]),
        (["同一项目不得重复申报，申报单位对材料真实性负责"], ["governance_mechanisms"]),
        # 资源开发 in a compensation mechanism is not supply security
        (["完善资源开发补偿和收益分配机制"], ["governance_mechanisms"]),
        # one region type name is enough; a depleted firm is not a kind of region
        (["省级补助资金重点向衰退型城市倾斜"], ["policy_support", "regional_typology"]),
        (
            ["该市作为资源衰退型城市，近年来把医药产业作为首位产业培育"],
            ["successor_industries", "regional_typology"],
        ),
        (["对资源枯竭企业的退休职工实行分类帮扶"], ["social_security"]),
        # recycling of batteries, carbon-sink trading
        (["推进废旧动力电池回收利用和梯次利用"], ["resource_efficiency"]),
        (["探索开展林业碳汇交易"], ["green_low_carbon"]),
        # a park's tax per mu is its efficiency figure, not tax policy
        (["园区亩均税收提高10%"], ["parks_investment"]),
        # vocabulary of 2.3.0: order classes, staged coal conversion, recovery factor, slag, student aid
        (["与职业院校合作开设订单班，每年输送技能型人才300名"], ["employment"]),
        (["推进煤炭分质利用，提取煤焦油和化工产品"], ["industrial_upgrading"]),
        (["推广驱油技术，提高老油田采收率"], ["resource_efficiency"]),
        (["开展冶炼废渣专项整治"], ["resource_efficiency"]),
        (["对困难矿工家庭学生给予教育资助"], ["social_security", "public_services"]),
        (["累计完成废弃煤矿矿区修复面积2000亩"], ["eco_restoration"]),
        # a maintenance trade named after the industry is a skill
        (["职业学院开设光伏运维专业，每年培养技能人才500人"], ["employment"]),
        # a list of concrete uses of money counts item by item (coding manual rule 6), the money too ...
        # (2.5.0: the money is the lead's subject, so it is the primary: coding manual rule 5)
        (
            ["市级补助资金主要用于接续替代产业培育、采煤沉陷区居民搬迁安置、矿山生态修复等方面"],
            [
                "policy_support",
                "subsidence_mining_areas",
                "successor_industries",
                "eco_restoration",
            ],
        ),
        (
            ["重点支持园区道路、标准厂房、污水处理等公共设施建设"],
            ["parks_investment", "urban_livability"],
        ),
        # ... unlike a list of the plan's areas
        (["今年要统筹推进新能源、新材料、矿区治理、就业社保等重点工作"], ["general_framing"]),
        # a district's roads listed with its pipes are the district's (道路 is broad), a rural road is transport
        (["完善老旧小区道路、供排水和照明设施"], ["urban_livability"]),
        (["新建农村公路120公里，改造危桥8座"], ["infrastructure_transport"]),
        # a result held is a measure's result (保持); a framing goal set from above is a target
        (
            ["推进矿山生态修复，全年复绿3000亩；河流水质稳定保持Ⅲ类标准"],
            ["eco_restoration", "green_low_carbon"],
        ),
        (
            [
                "以习近平新时代中国特色社会主义思想为指导，加快转型发展，"
                "单位地区生产总值能耗完成省定下降目标"
            ],
            ["general_framing", "green_low_carbon"],
        ),
        (
            ["以习近平新时代中国特色社会主义思想为指导，加快转型发展，持续降低能耗"],
            ["general_framing"],
        ),
    ],
)
def test_unit_theme_set_2_3_0(body: list[str], expected: list[str]) -> None:
    assert unit_theme_set(rank_unit_themes([], body)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a framing goal handed down from above is a concrete target of its theme (2.4.0) ...
        (
            "以习近平新时代中国特色社会主义思想为指导，推进全面转型，"
            "单位地区生产总值能耗降低完成省下达任务",
            ["general_framing", "green_low_carbon"],
        ),
        # ... and 下达 of a target is not money
        (
            "以习近平新时代中国特色社会主义思想为指导，推进全面转型，"
            "单位工业增加值能耗完成市下达的目标",
            ["general_framing", "green_low_carbon"],
        ),
        # 下达 of funds still is
        ("今年争取上级下达资金3亿元，比上年增加5000万元", ["policy_support"]),
    ],
)
def test_a_target_handed_down_is_the_targets_theme(text: str, expected: list[str]) -> None:
    assert unit_theme_set(rank_unit_themes([], [text])) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # in a document about region types, a unit with a region category as subject keeps it
        (
            ["对衰退型城市，省级财政在分配转型补助资金时给予倾斜"],
            ["policy_support", "regional_typology"],
        ),
        # ... but a passing mention does not enter
        (["支持资源枯竭城市建设承接产业转移示范区"], ["parks_investment"]),
        # ... nor a guidance word in a framing paragraph
        (
            ["坚持以习近平新时代中国特色社会主义思想为指导，坚持分类施策，推动资源型城市转型"],
            ["general_framing"],
        ),
    ],
)
def test_region_type_of_a_unit_in_a_document_about_region_types(
    body: list[str], expected: list[str]
) -> None:
    ranking = rank_unit_themes([], body, document_topic=frozenset({"regional_typology"}))
    assert unit_theme_set(ranking) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("关于做好2025年采煤沉陷区综合治理工作的通知", {"subsidence_mining_areas"}),
        ("关于开展2025年度省级绿色矿山遴选工作的通知", {"green_low_carbon"}),
        # the title a notice transmits is its own topic
        ("关于印发《某市独立工矿区改造提升工作方案》的通知", {"subsidence_mining_areas"}),
        # money and mechanisms are not programmes a document works inside
        ("某市资源枯竭城市转移支付资金管理办法", set()),
        ("某市推动资源型经济转型体制机制创新实施方案", set()),
        # ... nor is a slogan (every paragraph of a carbon-peaking plan is not a programme's)
        ("某省碳达峰实施方案", set()),
        ("", set()),
    ],
)
def test_document_programmes(title: str, expected: set[str]) -> None:
    assert document_programmes(title) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a measure of another kind inside the programme: the programme is a theme too (rule 5) ...
        (
            ["改扩建矿区中小学和卫生院，方便群众就近上学就医"],
            ["public_services", "subsidence_mining_areas"],
        ),
        # ... even a criterion that names none of its words
        (
            ["申报矿山须持有有效采矿许可证，近三年未发生较大生产安全事故"],
            ["subsidence_mining_areas"],
        ),
        # ... but not the document's implementation (or its money, or its frame)
        (["各县要落实主体责任，建立工作台账，定期通报进展"], ["governance_mechanisms"]),
    ],
)
def test_a_programme_named_in_the_title_is_a_theme_of_each_unit(
    body: list[str], expected: list[str]
) -> None:
    ranking = rank_unit_themes([], body, programmes=frozenset({"subsidence_mining_areas"}))
    assert unit_theme_set(ranking) == expected
    assert "subsidence_mining_areas" not in unit_theme_set(rank_unit_themes([], body))


@pytest.mark.parametrize(
    ("genre", "expected"),
    [
        # a notice working inside the programme: each of its measures is the programme's too
        ("notice", ["employment", "subsidence_mining_areas"]),
        ("plan", ["employment", "subsidence_mining_areas"]),
        # a news page's headline names its topic; this paragraph reports training, nothing
        # about the mining area's renovation (2.4.0, codebook programmes.except_genres)
        ("news", ["employment"]),
    ],
)
def test_a_news_headline_is_not_a_programme_of_each_paragraph(
    genre: str, expected: list[str]
) -> None:
    unit = pd.DataFrame(
        {
            "text": ["区人社部门开设技能培训班，今年已培训转岗职工900人次，帮助他们实现再就业。"],
            "is_heading": [False],
        }
    )
    title = "某矿区独立工矿区改造提升纪实"
    assert unit_theme_set(code_unit(unit, genre=genre, doc_title=title)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one utility serving a park, a power plant or a slope is not the town's livability (2.4.0)
        ("完善开发区供水供热和标准厂房，提升园区承载能力。", False),
        ("推进燃煤电厂供热改造，降低供电煤耗。", False),
        ("对不稳定边坡采取削坡和截排水措施，消除地质灾害隐患。", False),
        # ... the town's old pipe networks being renewed are
        ("今年改造老旧供热管网30公里、燃气管网12公里，让居民温暖过冬。", True),
        ("完善安置社区供水管网和物业服务。", True),
    ],
)
def test_a_single_utility_is_broad_and_pipe_networks_are_urban(text: str, expected: bool) -> None:
    assert ("urban_livability" in unit_theme_set(rank_unit_themes([], [text]))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rules for handling and checking money are governance (coding manual rule 4, 2.4.0)
        (
            "各县要在资金到位后20日内落实到项目，实行专账核算，每季度报送支出进度。",
            "governance_mechanisms",
        ),
        (
            "申报项目应已入选省级项目库并办完前期手续，补助资金不得用于偿还债务。",
            "governance_mechanisms",
        ),
        # ... the money itself is support
        ("今年安排转移支付资金1.5亿元，支持接续替代产业园区建设。", "policy_support"),
    ],
)
def test_fund_management_rules_are_governance(text: str, expected: str) -> None:
    assert rank_unit_themes([], [text])[0].theme_id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shantytown and old-housing renewal of any town is not the mining-area programme (2.4.0)
        ("提高城乡低保标准，做好困难职工帮扶，完成老城区棚户区改造600户。", ["social_security"]),
        ("推进老旧小区和棚户区改造，新建口袋公园10处。", ["urban_livability"]),
        ("对特困职工实行分类救助，完成剩余危旧房改造。", ["social_security"]),
        # ... the mining area's own shantytowns are (r6: their renewal rehouses families, housing
        # security beside the programme, as the real sets' coders coded it)
        (
            "推进工矿棚户区改造，同步配套建设安置区道路。",
            ["subsidence_mining_areas", "social_security"],
        ),
    ],
)
def test_shantytown_renewal_is_broad(text: str, expected: list[str]) -> None:
    assert unit_theme_set(rank_unit_themes([], [text])) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # deep processing of farm produce is a new industry, not an upgrade (2.4.0) ...
        ("依托当地杂粮发展农产品精深加工，培育农业产业化龙头企业5家。", False),
        # ... nor is the industrial output statistic
        ("高新技术产业增加值占规上工业比重达到40%，新材料产业集群营业收入突破300亿元。", False),
        # deep processing of the resource itself is
        ("推动煤炭精深加工，延伸煤基材料产业链。", True),
    ],
)
def test_what_is_not_an_upgrade(text: str, expected: bool) -> None:
    assert ("industrial_upgrading" in unit_theme_set(rank_unit_themes([], [text]))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a step of carrying out another theme's measure is not a mechanism (2.4.0)
        ("完成废弃矿山修复800亩，尾矿库治理工程通过验收。", ["eco_restoration"]),
        ("组建新能源产业招商专班，全年引进项目20个。", ["parks_investment"]),
        ("培训由各县人社部门组织实施，培训合格率不低于90%。", ["employment"]),
        # ... the implementation paragraph itself is governance
        ("建立工作台账，明确责任分工，定期通报进展。", ["governance_mechanisms"]),
    ],
)
def test_implementation_steps_are_broad(text: str, expected: list[str]) -> None:
    assert unit_theme_set(rank_unit_themes([], [text])) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a measure builds on is its setting, not its theme (2.4.0, 依托… up to the verb)
        ("依托露天矿坑和矿业遗迹发展工业旅游，年接待游客30万人次。", ["successor_industries"]),
        ("依托安置区周边的产业园区开展技能培训，帮助搬迁群众就近就业。", "employment"),
        # ... but firms attracted there are a measure of its own, in the opening clause (2.7.0:
        # 引进…企业, coding manual rule 5: the main action of the opening clause)
        (
            "依托安置区周边的产业园区引进纺织企业，开展技能培训，帮助搬迁群众就近就业。",
            "parks_investment",
        ),
        # an open pit a measure is about is restoration (露天矿坑: a topic word since 2.4.0)
        ("对废弃露天矿坑实施回填治理，复绿800亩。", ["eco_restoration"]),
        # a carbon sink certified and traded is the carbon side (碳汇 moved to green_low_carbon)
        ("开发林业碳汇项目3个，首批碳汇量在交易平台成交。", ["green_low_carbon"]),
    ],
)
def test_setting_and_sites_2_4_0(text: str, expected: list[str] | str) -> None:
    ranking = rank_unit_themes([], [text])
    if isinstance(expected, str):  # only the primary is the point
        assert ranking[0].theme_id == expected
    else:
        assert unit_theme_set(ranking) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a key project landed is investment, not support given to it (2.4.0: 重点项目 broad) ...
        ("全年实施市级重点项目40个，新签约亿元以上项目15个。", ["parks_investment"]),
        # ... land quotas secured for it are support
        ("对列入省重点项目的转型项目，优先保障用地指标。", ["policy_support"]),
    ],
)
def test_key_projects_are_broad(text: str, expected: list[str]) -> None:
    assert unit_theme_set(rank_unit_themes([], [text])) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a zone named as the place where another measure happens is not the park theme (2.4.0)
        ("在市经济开发区，一条年产3万吨的负极材料生产线正在调试。", False),
        ("推进煤化工延链补链，建设现代煤化工产业示范区。", False),
        # ... building and filling the park is
        ("完善经开区标准厂房和供电设施，全年签约项目30个。", True),
    ],
)
def test_zone_names_are_broad(text: str, expected: bool) -> None:
    assert ("parks_investment" in unit_theme_set(rank_unit_themes([], [text]))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the kinds of mine geological hazard are restoration's (2.4.0)
        ("对废弃采场周边的崩塌、滑坡隐患点采取削坡减载和挡土墙措施。", ["eco_restoration"]),
        # the county town as a place is not urban policy (县城 broad since 2.4.0) ...
        ("镇卫生院新配备了CT设备，群众看病不用再跑150公里去县城。", ["public_services"]),
        # ... building it up is
        ("推进县城城镇化补短板，完善县城市政设施。", ["urban_livability"]),
    ],
)
def test_hazards_and_county_towns(text: str, expected: list[str]) -> None:
    assert unit_theme_set(rank_unit_themes([], [text])) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a town's old and municipal pipe networks are urban renewal, not transport (2.4.0)
        "实施城区燃气、供水老旧管网更新改造60公里，新建口袋公园8处。",
        "完善县城市政管网和公共停车设施。",
    ],
)
def test_municipal_networks_are_urban(text: str) -> None:
    assert unit_theme_set(rank_unit_themes([], [text])) == ["urban_livability"]


@pytest.mark.parametrize(
    "text",
    [
        # the factors money is allocated by are yardsticks, not what the paragraph is about (2.4.0)
        "补助资金按照各县采煤沉陷区治理面积、搬迁人口和上年绩效评价结果等因素分配。",
        "资金综合考虑历史遗留矿山面积、困难职工人数等因素切块下达到县。",
    ],
)
def test_allocation_factors_are_not_themes(text: str) -> None:
    assert unit_theme_set(rank_unit_themes([], [text])) == ["policy_support"]


@pytest.mark.parametrize(
    ("genres", "loads"),
    [("[news]", True), ("[news, blog]", False)],  # a genre must be one of schema.DOC_TYPES
)
def test_programme_except_genres_are_document_types(
    tmp_path: Path, genres: str, loads: bool
) -> None:
    path = _codebook_file(tmp_path, "[光伏]")
    path.write_text(
        path.read_text(encoding="utf-8")
        + f"programmes:\n  terms: [光伏]\n  except_genres: {genres}\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match="themes"):
        if loads:
            assert load_codebook(path).programmes.except_genres == ("news",)
        else:
            with pytest.raises(CodebookError, match="except_genres"):
                load_codebook(path)


def test_programme_terms_must_be_keywords(tmp_path: Path) -> None:
    path = _codebook_file(tmp_path, "[光伏]")
    path.write_text(
        path.read_text(encoding="utf-8") + "programmes:\n  terms: [风电]\n", encoding="utf-8"
    )
    with pytest.warns(UserWarning, match="themes"), pytest.raises(CodebookError, match="keywords"):
        load_codebook(path)


@pytest.mark.parametrize(
    ("text", "theme", "keyword", "span"),
    [
        (
            "推进采(cǎi)煤沉陷区治理",
            "subsidence_mining_areas",
            "采煤沉陷区",
            (2, 12),
        ),  # pinyin annotation
        (
            "资源（zīyuán）枯竭城市",
            "regional_typology",
            "资源枯竭城市",
            (0, 14),
        ),  # full-width brackets
        (
            "推进采    煤沉陷区治理",
            "subsidence_mining_areas",
            "采煤沉陷区",
            (2, 11),
        ),  # a blanked annotation
    ],
)
def test_annotations_do_not_split_keywords(
    text: str, theme: str, keyword: str, span: tuple
) -> None:
    hits = [(kw, start, end) for t, start, end, kw in theme_hits(text) if t == theme]
    assert hits == [(keyword, *span)]


def test_a_blanked_name_does_not_join_its_neighbours() -> None:
    """光 and 伏 on either side of an agency name never make 光伏."""
    assert "clean_energy" not in themes_of("光省能源局伏")


def test_batched_hits_are_the_hits_of_each_text(seed_clauses: pd.DataFrame) -> None:
    matcher = theme_matcher(load_codebook())
    texts = [*seed_clauses["text"].head(300), "推进采(cǎi)煤沉陷区治理", "国家税务总局牵头", ""]
    batched = matcher.hits_of_texts(texts)
    assert all(batched[t] == matcher.hits(t) for t in texts)


@pytest.mark.parametrize(
    "before",
    [
        "字号:大 中 小  打印  关闭窗口",  # page furniture: blank runs between hanzi are squeezed
        "推进采(cǎi)煤沉陷区治理",  # a pinyin annotation is squeezed
    ],
)
def test_exclusions_hold_after_a_squeezed_text_in_the_same_batch(before: str) -> None:
    """Exclusions mask in the same offsets as the hits, whatever was squeezed before the clause:
    资源保障 inside the goal slogan 资源保障有力 is no resource-security measure."""
    matcher = theme_matcher(load_codebook())
    clause = "到2031年,资源保障有力、生态环境美丽。"
    assert matcher.hits_of_texts([before, clause])[clause] == matcher.hits(clause)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.5.0: a place stating which kind of resource region it is (coding manual rule 6)
        (["作为国家确定的资源枯竭城市，该区近年来引进光伏组件项目3个"], True),
        (["我县是全国第三批资源枯竭城市，采掘业一度占全县工业产值的七成"], True),
        (["该市2009年被确定为资源枯竭城市，此后转型步伐明显加快"], True),
        (["已列入国家资源枯竭城市名单的县可申报接续产业项目"], True),
        (["作为东北老工业基地，该市装备制造业基础雄厚"], True),
        # a fund's definition names the cities it supports, not the paragraph's own kind
        (["本办法所称转型资金，是指省级财政安排用于支持资源枯竭城市的资金"], False),
        # the genus (every city of this corpus) is not a kind
        (["我市作为资源型城市，加快发展光伏产业"], False),
        # differentiated guidance held up as a principle names no kind of region
        (["坚持分类施策、因地制宜，坚持市场主导、政府引导"], False),
        (["（一）指导思想。坚持分类指导，推动资源型地区高质量发展"], False),
    ],
)
def test_region_type_stated_by_the_place(body: list[str], expected: bool) -> None:
    assert ("regional_typology" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r5: a kind of region designated (确定了…N个, 界定的…, 经…批准的)
        (["国务院日前确定了第三批25个资源枯竭城市，中央财政给予转移支付支持。"], True),
        (["此前界定的40余个资源枯竭城市，失业人员占全省的一成。"], True),
        # r5: a kind of region opening a phrase as its subject
        (["专家认为，矿业城市转型的关键在于培育非矿产业，延长产业链。"], True),
        (["去年起，我省森工林区全面停止天然林商业性采伐，林下经济加快发展。"], True),
        # ... not the fund or the rating named after it, a forest firm or a programme's name
        (["资源枯竭城市转移支付资金已全部下达，用于棚户区改造。"], False),
        (["森工企业承担的社会职能移交地方，医院和学校运行平稳。"], False),
        (["这一年，老工业基地焕发新活力，石化企业实施减油增化改造。"], False),
        # ... nor a kind of region named after the subject
        (["全市新建光伏电站3座，助力资源枯竭城市转型。"], False),
    ],
)
def test_region_type_designated_or_as_the_subject_of_a_phrase(
    body: list[str], expected: bool
) -> None:
    assert ("regional_typology" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r5: a kind of region as a phrase's subject is what the paragraph is about, not the
        # transformation in general (a region type in passing)
        (["矿业城市在全省城市中所占的比重较大。"], "regional_typology"),
        (["全省推进资源型地区转型发展，部署下一阶段工作。"], "general_framing"),
    ],
)
def test_a_kind_of_region_as_subject_is_no_passing_mention(body: list[str], expected: str) -> None:
    assert rank_unit_themes([], body)[0].theme_id == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.6.0: a region category as the subject of a target or a result (coding manual rule 6)
        (["到2028年，资源枯竭城市登记失业率控制在4.5%以内，生态修复面积明显扩大"], True),
        (["到2030年，全省资源枯竭城市公共服务短板基本补齐"], True),
        (["资源枯竭城市转型加快推进。全年新引进光伏和储能项目12个，文旅收入增长9%"], True),
        (["新兴产业产值增长一成，巩固了资源枯竭城市转型成果"], True),
        (
            ["资金按因素法分配，其中资源枯竭地区重点考虑棚户区存量，资源富集地区重点考虑绩效结果"],
            True,
        ),
        # a fund named after the kind of region is not a result of that kind
        (["本次资源枯竭城市转移支付资金达到1.5亿元，已全部下达"], False),
        (["区资源枯竭城市转型绩效评价获评良好等次，按规定给予奖励资金"], False),
        # the genus (every region of this corpus) is not a kind
        (["到2027年，全省资源型地区非资源型产业增加值占比提高到55%以上"], False),
        # a way of working (因地制宜, codebook typology approaches) is no kind of region
        (["各县区因地制宜加快推进分布式光伏建设，年内新增装机20万千瓦。"], False),
        (["因地制宜重点发展林下经济，建成食用菌基地5个。"], False),
        # 2.6.0: a news page naming the kind of place it reports on (这个…森工林区)
        (["停伐以来，这个以采运木材起家的森工林区走上了林下经济和森林旅游之路"], True),
        (["作为国家确定的森林资源型城市，该市停伐后重点发展林下产业"], True),
        # 2.6.0: a measure for a stage of a resource region's life cycle (对处于成长期的…)
        (
            [
                "对处于成长期的铜矿富集县，重点规范开采秩序；对进入衰退期的老矿区，重点培育接续产业。"
            ],
            True,
        ),
        (["对处于成熟期的煤炭主产县，原则上新增采矿项目须配套就地转化。"], True),
        # ... not a technology's stage
        (["光伏组件技术已进入成熟期，企业扩产意愿较强。"], False),
        # a forest area named only as the setting of a measure is no kind of region
        (["林区新建改建防火通道120公里，林场道路全部硬化"], False),
    ],
)
def test_region_type_as_subject_of_a_target_or_result(body: list[str], expected: bool) -> None:
    assert ("regional_typology" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.6.0: a town's central heating for its residents is a measure of urban livability, a
        # secondary beside relief or the subsidence programme (coding manual rule 5)
        (
            [
                "林业职工全部纳入城镇职工基本养老保险，困难家庭纳入低保，偏远林场所在地实现了集中供暖和自来水入户。"
            ],
            True,
        ),
        (
            ["对受损的乡村道路进行修复，新建供水主管道12公里，将沉陷村庄纳入城区集中供热范围。"],
            True,
        ),
        # 2.6.0: renewing village toilets (户厕, 改厕) is rural living conditions
        (["办好民生实事。提高城乡低保标准；新改建农村户厕3000座；为65岁以上老人免费体检。"], True),
        # a single utility in a park's or a programme's list stays broad
        (["完善产业园区供水、供电和物流配套，引进尾矿利用企业3家。"], False),
        (["完成沉陷区道路和供水设施修复。"], False),
    ],
)
def test_town_utilities_for_residents(body: list[str], expected: bool) -> None:
    assert ("urban_livability" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.5.0: a programme place listed with a region category is a kind of region, not the
        # subsidence or mining-area programme
        (["本批项目重点支持资源枯竭城市、采煤沉陷区、独立工矿区所在县申报"], False),
        (["省级引导资金重点向衰退型城市和独立工矿区倾斜"], False),
        (["对资源枯竭城市（县、区）和独立工矿区的项目提高补助标准"], False),
        # ... the programme's own measure keeps it, also where a region type is named nearby
        (["加快推进采煤沉陷区综合治理，完成避险搬迁1200户"], True),
        (["在资源枯竭城市实施采煤沉陷区综合治理工程"], True),
    ],
)
def test_places_listed_with_region_types(body: list[str], expected: bool) -> None:
    ranking = rank_unit_themes([], body)
    assert ("subsidence_mining_areas" in unit_theme_set(ranking)) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.5.0: the body or list that carries a programme out names it in passing (governance)
        (["成立全市采煤沉陷区综合治理领导小组，由分管副市长任组长"], False),
        (["各区政府是独立工矿区改造提升的责任主体，要建立工作台账"], False),
        (["建立独立工矿区改造提升项目库，实行动态管理"], False),
        # ... the programme's own measure keeps it
        (["推进独立工矿区改造提升，新建道路12公里、改造供水管网8公里"], True),
    ],
)
def test_the_organ_of_a_programme_names_it_in_passing(body: list[str], expected: bool) -> None:
    ranking = rank_unit_themes([], body)
    assert ("subsidence_mining_areas" in unit_theme_set(ranking)) is expected
    if not expected:  # the organ is the point
        assert ranking[0].theme_id == "governance_mechanisms"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.5.0: a housing estate's pipes renewed are urban renewal, a disused rail line turned
        # into a greenway is industrial heritage; neither is transport infrastructure
        ("对矿区老旧小区实施屋面防水、管网更新和供暖改造", False),
        ("完成老旧楼房外墙保温和管网改造", False),
        ("新建改造城镇燃气管道30公里", False),
        ("把停用多年的废弃铁路专用线改造为城市绿道", False),
        # ... a rail siding built for freight still is
        ("新建煤炭铁路专用线2条，打通运输最后一公里", True),
    ],
)
def test_renewed_pipes_and_disused_rail_are_not_transport(text: str, expected: bool) -> None:
    assert ("infrastructure_transport" in themes_of(text)) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.5.0: a broad word repeated over clauses (资金, 用地) is no evidence of its own, and the
        # rules for checking money (资金分配的重要依据, 纳入预算统一管理, 津贴补贴) are governance
        (["市财政局对资金使用情况开展绩效评价；对资金闲置超过一年的，收回统筹使用。"], False),
        (["市发展改革委负责统筹协调；市财政局负责资金保障；市自然资源局负责用地保障。"], False),
        (["市财政局每年开展绩效评价，评价结果作为下年度资金分配的重要依据。"], False),
        (["各县要将资金纳入预算统一管理，不得用于发放津贴补贴。"], False),
        # ... money given for a purpose is still support
        (["市财政安排专项资金3000万元，支持接续替代产业项目建设。"], True),
    ],
)
def test_money_rules_are_not_support(body: list[str], expected: bool) -> None:
    assert ("policy_support" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.5.0: new materials made from the region's own mineral extend its chain (upgrading)
        ("推动钒钛新材料向高纯化、系列化发展", False),
        ("钙基新材料产品占比提高到三成", False),
        ("建设铜基新材料精深加工基地", False),
        # ... new materials unrelated to the old base are a new industry
        ("引进新材料、生物医药企业12家", True),
        # r2: 铝基/陶瓷新材料 were one-document patches: a new material named by a base metal or
        # a craft is not of itself the region's own mineral
        ("引进铝基新材料企业3家", True),
        ("培育陶瓷新材料企业", True),
    ],
)
def test_materials_of_the_own_mineral_are_not_a_new_industry(text: str, expected: bool) -> None:
    assert ("successor_industries" in themes_of(text)) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.5.0: a lead whose subject is the money: the money is the point, the rest its uses
        (
            ["资金按因素法分配，其中甲区安排3000万元，重点支持采煤沉陷区治理后续配套设施建设。"],
            True,
        ),
        (["市本级资金中安排500万元，支持发展矿山工业旅游和文创产业。"], True),
        (["（二）补助资金主要用于接续替代产业培育、困难职工生活救助和矿区环境整治。"], True),
        (["第六条 奖补资金由省级财政和市级财政按比例共同承担。"], True),
        # ... not where a body handles the money, or a measure of another kind spends some
        (["各区要建立资金使用台账，定期公开资金使用情况，接受审计监督。"], False),
        (["两县要统筹安排部分资金用于关闭煤矿分流人员的技能培训和创业扶持。"], False),
    ],
)
def test_a_money_led_unit_is_support(body: list[str], expected: bool) -> None:
    assert (rank_unit_themes([], body)[0].theme_id == "policy_support") is expected


@pytest.mark.parametrize(
    "body",
    [
        # 2.5.0: the steps of a rating or application procedure are governance, whatever is rated
        [
            "申报矿山先对照评价指标开展自评，再由第三方评估机构进行实地评估，县局对申报材料进行初审。"
        ],
        ["市局组织专家对推荐的绿色矿山进行材料审查和实地核查，并出具推荐意见。"],
    ],
)
def test_procedure_steps_are_governance(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "governance_mechanisms"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.5.0: in a programme's document, a unit naming the programme's own place works inside
        # it (coding manual rule 5) ...
        (
            ["（三）生态修复。支持沉陷区水系连通、湿地修复和矸石山综合整治。"],
            "subsidence_mining_areas",
        ),
        (
            [
                "（二）公共服务设施。支持独立工矿区的矿区学校、养老服务中心和社区卫生服务中心改扩建。"
            ],
            "subsidence_mining_areas",
        ),
        # ... not jobs or relief for the people it moved, who are not its place
        (["人社部门对搬迁群众开展技能培训，推动搬迁劳动力在园区企业就近就业。"], "employment"),
    ],
)
def test_a_unit_inside_the_programme(body: list[str], expected: str) -> None:
    ranking = rank_unit_themes([], body, programmes=frozenset({"subsidence_mining_areas"}))
    assert ranking[0].theme_id == expected
    # (outside such a document the broad theme of the first two stays primary)
    if expected == "subsidence_mining_areas":
        assert rank_unit_themes([], body)[0].theme_id != expected


@pytest.mark.parametrize(
    ("text", "theme", "expected"),
    [
        # 2.5.0: a strategy's name, a resettlement's last step and a park's name are not repair or
        # resource efficiency
        ("主动融入黄河流域生态保护和高质量发展，加强与沿黄城市产业对接", "eco_restoration", False),
        ("完成剩余村庄搬迁安置，对已搬迁村庄旧址实施拆旧复垦", "eco_restoration", False),
        # ... repairing mined land and reusing tailings still are
        ("对废弃矿山实施土地复垦和植被恢复", "eco_restoration", True),
        ("推进尾矿综合利用，生产机制砂和建材", "resource_efficiency", True),
    ],
)
def test_names_and_last_steps_are_not_repair(text: str, theme: str, expected: bool) -> None:
    assert (theme in themes_of(text)) is expected


def test_a_park_named_after_a_use_is_a_park() -> None:
    """2.5.0: 尾矿综合利用产业园 names the park; the tailings alone are no evidence of reuse."""
    body = ["在双滦规划建设尾矿综合利用产业园，完善园区供水和供电配套，开展产业链定向招商。"]
    assert unit_theme_set(rank_unit_themes([], body)) == ["parks_investment"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.5.0: the direction slogan of upgrading and green food are not green_low_carbon
        ("推动煤电、煤化工向高端化、智能化、绿色化迈进", False),
        ("推动传统产业高端化智能化绿色化发展", False),
        ("推进煤化工向高端化、多元化、低碳化发展", False),
        ("大力发展绿色食品精深加工和中药材种植", False),
        # ... a mine's own green conversion still is
        ("生产矿山于年底前完成绿色化改造", True),
    ],
)
def test_upgrading_slogans_are_not_green(text: str, expected: bool) -> None:
    assert ("green_low_carbon" in themes_of(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.5.0: a job floor, a poverty workshop and a government covering a repair are no relief
        ("强化就业兜底帮扶，开发公益性岗位500个", False),
        ("在安置点周边建起扶贫车间，吸纳搬迁群众就业", False),
        ("对责任主体灭失的矿山由属地政府兜底治理", False),
        # ... relief of people in need still is
        ("将困难矿工家庭纳入低保，做好兜底保障", True),
    ],
)
def test_job_floors_are_not_relief(text: str, expected: bool) -> None:
    assert ("social_security" in themes_of(text)) is expected


def test_the_restoration_fund_is_a_name() -> None:
    """2.5.0: 矿山地质环境治理恢复基金 names the fund a rule obliges firms to set aside (governance)."""
    body = ["企业依法足额计提矿山地质环境治理恢复基金，建立健全安全和环境管理制度。"]
    ranking = rank_unit_themes([], body)
    assert ranking[0].theme_id == "governance_mechanisms"
    assert "eco_restoration" not in unit_theme_set(ranking)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.7.0: the verb 引进 reaching firms or projects in its phrase is attracting investment
        ("县里今年新引进超五亿元的制造业项目9个，带动新增就业1200人。", True),
        ("依托老矿区闲置厂房引进服装、箱包等劳动密集型企业15家，吸纳下岗矿工就业。", True),
        ("围绕稀土永磁材料引进一批链条带动作用大的龙头项目，新增就业岗位800个。", True),
        # ... not talent or technology brought in (the unit has a theme of its own beside)
        ("对企业新引进的博士和高级工程师给予每月2000元生活补贴，支持建设企业研发中心。", False),
        ("研究院今年引进院士团队2个，建成省级重点实验室一座。", False),
        ("支持企业引进先进技术和工艺装备，开展节能降碳改造。", False),
    ],
)
def test_attracting_firms_or_projects_with_words_between(text: str, expected: bool) -> None:
    assert ("parks_investment" in unit_theme_set(rank_unit_themes([], [text]))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.7.0: a relief payment or housing subsidy to households is the measure's instrument
        ("为860户困难矿工家庭发放生活补助，城乡低保标准提高5%。", False),
        ("对住房困难的下岗职工家庭发放租赁补贴，新增公租房保障400户。", False),
        ("对搬迁确有困难的农户给予每户3万元购房补助，安置房年底前交付。", False),
        # ... money given by the budget stays support
        ("市财政安排转型专项资金1亿元，对新建标准厂房给予补助。", True),
    ],
)
def test_relief_payments_are_not_fiscal_support(text: str, expected: bool) -> None:
    assert ("policy_support" in unit_theme_set(rank_unit_themes([], [text]))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.7.0: a town's or a park's water and drainage pipes are utilities, not transport
        ("完善老城区雨污分流管网，改造背街小巷12条。", False),
        ("更新改造城区供排水老化管网60公里，新建口袋公园5个。", False),
        ("园区配套建设标准厂房和工业水管网，吸引企业入驻。", False),
        # ... a road or a rail line stays transport
        ("新建矿区至县城的二级公路18公里，开通城乡公交线路3条。", True),
    ],
)
def test_water_pipes_are_not_transport(text: str, expected: bool) -> None:
    assert ("infrastructure_transport" in unit_theme_set(rank_unit_themes([], [text]))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.7.0: a work report's livelihood heading is no social-security word of its own
        (
            [
                "民生保障持续加强。",
                "城镇新增就业1.8万人，帮扶关闭矿井失业人员再就业900人；城乡低保标准提高到每人每月700元，企业退休人员基本养老金按时足额发放。",
            ],
            "employment",
        ),
        (
            [
                "民生保障扎实有力。",
                "城镇新增就业2万人，帮扶困难人员再就业1500人；城乡低保标准分别提高到每人每月700元和500元，企业退休人员基本养老金按时足额发放。",
            ],
            "employment",
        ),
        # ... a review that opens with relief stays social security
        (
            [
                "民生保障更加有力。",
                "城乡低保标准提高到每人每月700元，为1800户困难矿工家庭落实临时救助，城镇新增就业6000人。",
            ],
            "social_security",
        ),
    ],
)
def test_a_livelihood_heading_is_no_relief_word(body: list[str], expected: str) -> None:
    assert rank_unit_themes([], body)[0].theme_id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.7.0: the money named in a rule against double funding is the rule's condition
        (
            "申报项目须完成用地预审和环评等前期手续，具备当年开工条件；同一项目不得重复申报中央预算内投资。",
            False,
        ),
        ("已获省级专项资金支持的项目不得再次申报，各县要对申报材料的真实性负责。", False),
        # ... money given stays support
        ("争取中央预算内投资1.5亿元，支持矿区道路和供水设施改造。", True),
    ],
)
def test_a_rule_against_double_funding_is_no_support(text: str, expected: bool) -> None:
    assert ("policy_support" in unit_theme_set(rank_unit_themes([], [text]))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.7.1: a way of working types no place (typology_self_re: kinds only)
        (["这个县因地制宜发展特色农业，建成蔬菜大棚300座。"], False),
        # ... nor does a stage of a firm's or a project's life (no region noun after the stage)
        (["对处于成熟期的企业，给予技术改造补助。"], False),
        (["这个项目已进入成熟期，新增就业200人。"], False),
        (["对进入成长期的中小企业，给予贷款贴息支持。"], False),
        (["对处于成熟期的市场主体，鼓励开展兼并重组。"], False),
        # ... a stage of a region's life with the region after it still does
        (["对进入衰退期的资源型城市，重点支持接续替代产业项目建设。"], True),
        (["对处于成长期和成熟期的铅锌矿、钼矿富集县区，新增采矿项目原则上就地加工。"], True),
        (["这座已进入衰退期的老矿区，近年来重点发展工业旅游。"], True),
        (["作为国家确定的资源枯竭城市，该市重点培育接续产业。"], True),
    ],
)
def test_a_stage_or_a_way_of_working_is_no_kind_of_region(body: list[str], expected: bool) -> None:
    assert ("regional_typology" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.7.1: a subject and its verb before 资金 is no money-led lead (MONEY_LEAD_RE)
        (["各县要统筹部分资金用于关闭煤矿分流职工的技能培训。"], False),
        (["企业自筹资金用于建设智能化生产线，项目建成后新增就业300人。"], False),
        (["各区应安排资金用于困难矿工家庭临时救助和城乡低保提标。"], False),
        # ... a fund's name or the money itself as the subject stays support
        (["此次下达资金重点用于采煤沉陷区居民避险搬迁和安置房建设。"], True),
        (["专项资金重点用于独立工矿区道路、供水和棚户区改造。"], True),
        (["资金按因素法分配，其中衰退型城市权重提高到40%。"], True),
    ],
)
def test_a_money_lead_is_a_fund_not_a_subject_spending(body: list[str], expected: bool) -> None:
    assert (rank_unit_themes([], body)[0].theme_id == "policy_support") is expected


@pytest.mark.parametrize(
    ("text", "theme_id", "expected"),
    [
        # 2.7.1: a gas grid is transport even where 管网配套 (a park's water pipes) is excluded
        ("完成天然气管网配套建设", "infrastructure_transport", True),
        ("年内建成天然气管网120公里，实现乡镇全覆盖", "infrastructure_transport", True),
        # ... a town's or a park's water pipes stay out of transport
        ("提升开发区污水处理和管网配套能力", "infrastructure_transport", False),
        ("完成老旧小区雨污管网配套改造", "infrastructure_transport", False),
        ("新建园区供排水管网配套工程", "infrastructure_transport", False),
        # ... and a town's heating grid stays urban livability
        ("完成城区供热管网配套建设", "urban_livability", True),
        ("完成城区供热管网配套建设", "infrastructure_transport", False),
    ],
)
def test_water_pipe_exclusions_keep_a_gas_grid(text: str, theme_id: str, expected: bool) -> None:
    assert (theme_id in themes_of(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.7.1: a livelihood heading is blanked by its shape (民生保障 + an evaluative word)
        ("民生保障持续加强。", False),
        ("民生保障坚实有力。", False),
        ("民生保障更加有效。", False),
        ("民生保障扎实推进。", False),
        # ... livelihood as a task stays social security
        ("加强民生保障，持续增进民生福祉", True),
        ("着力解决群众急难愁盼问题，办好十件民生实事", True),
    ],
)
def test_a_livelihood_heading_by_its_shape(text: str, expected: bool) -> None:
    assert ("social_security" in themes_of(text)) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.8.0: a news report of a meeting, visit or release on the transformation in general
        (
            ["10月12日，省发展改革委在某市组织召开全省资源型城市转型暨采煤沉陷区治理工作推进会。"],
            True,
        ),
        (
            [
                "会议期间，与会代表实地调研了某县推进资源枯竭城市转型和矿山生态修复的做法。",
                "5个县区负责同志作交流发言。",
            ],
            True,
        ),
        (
            [
                "近日，省自然资源厅等三部门联合印发《某省资源型地区高质量发展行动方案》。",
                "资源型地区是以矿产开采加工为主导产业的地区。",
                "推进资源型地区转型，是保障国家能源资源安全的重要手段。",
            ],
            True,
        ),
        # ... not a meeting on one programme, a standing mechanism, or one reporting deals signed
        (["6月3日，市自然资源局召开全市绿色矿山建设推进会，部署年度创建任务。"], False),
        (["每半年召开一次资源型城市转型现场推进会，协调解决采煤沉陷区治理中的重大问题。"], False),
        (
            ["8月9日，某市在上海举办资源型城市转型专场推介会，现场签约项目12个，总投资85亿元。"],
            False,
        ),
        # a work report's review: more openers and stances
        (["四年来，我们全力落实总书记考察时的重要指示精神，建成全国党性教育基地。"], True),
        (["过去五年，在市委的坚强领导下，全市人民攻坚克难，接续替代产业不断壮大。"], True),
        (["这一年，我们全力推进矿山生态修复，完成历史遗留矿山治理8000亩。"], False),
        # a preamble: 编制本规划, and a purpose closing a longer preamble
        (["为落实国家资源型城市可持续发展规划，推动我市产业转型升级，编制本规划。"], True),
        (
            [
                "某市是国家重要的有色金属基地。",
                "加快该市转型，关系全省区域协调发展大局。",
                "为推动全市高质量发展，提出以下实施方案。",
            ],
            True,
        ),
    ],
)
def test_framing_shapes_of_real_news_reports_and_preambles(body: list[str], expected: bool) -> None:
    assert (rank_unit_themes([], body)[0].theme_id == "general_framing") is expected


def test_a_news_pages_closing_commentary_contributes_its_strength() -> None:
    body = ["下一步，某市将推动光伏产业加快发展，为全省资源型地区转型贡献更大力量。"]
    assert (
        rank_unit_themes([], body, position="last", genre="news")[0].theme_id == "general_framing"
    )
    assert rank_unit_themes([], body, position="last", genre="plan")[0].theme_id == "clean_energy"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.8.0: a statement of which places belong to a kind of region or to the genus
        (["按照国家划定的范围，我省属于资源型地区的有某市、某县等8个市县。"], True),
        (["国务院先后确定了三批资源枯竭城市，我省某市、某县名列其中。"], True),
        (["2009年，国务院确定某市为第二批资源枯竭城市，该市随即启动接续替代产业培育。"], True),
        (["根据国家明确的范围，全省资源型地区主要包括某市、某县和某区。"], True),
        (["我市将积极申报，争取纳入国家资源枯竭城市名录。"], True),
        # ... joining a programme or pilot of the genus states no kind
        (["积极争取将我县纳入资源型地区转型发展试点，在用地指标上给予倾斜。"], False),
    ],
)
def test_a_statement_of_membership_states_the_kind_of_region(
    body: list[str], expected: bool
) -> None:
    assert ("regional_typology" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.8.0: a principle's own title of two four-character phrases
        (["改革引领，创新驱动。", "深化国有企业改革，完善创新激励机制，推动转型发展。"], True),
        (
            [
                "——共建共享、民生为本。",
                "把增进矿区群众福祉作为出发点，加快棚户区改造和社会保障体系建设。",
            ],
            True,
        ),
        (["——产业结构持续优化。", "新增规上工业企业45家，接续替代产业产值增长12%。"], False),
        # ... a paragraph defining a kind of region, unless it says which places belong to it
        (
            [
                "资源枯竭城市是指矿产资源累计采出储量已达可采储量七成以上的城市。",
                "这些城市为国家建设作出过重要贡献，但接续替代产业发展滞后。",
            ],
            True,
        ),
        (
            [
                "资源型地区是以矿产开采加工为主导产业的特殊类型区域。",
                "我省资源型地区主要包括某市、某县。",
            ],
            False,
        ),
        # ... a problem qualifying what a measure is for, or analysed by a visit, is no review
        (["针对部分矿山存在问题的情况，逐一开展实地核查，提出整改意见。"], False),
        (["调研组先后赴三个县区考察采煤沉陷区治理，分析现状和存在的问题。"], False),
    ],
)
def test_principles_definitions_and_problems_in_real_shapes(
    body: list[str], expected: bool
) -> None:
    assert (rank_unit_themes([], body)[0].theme_id == "general_framing") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r2: old housing and old districts renewed, named by their object
        (["对矿区内的老旧楼院实施屋顶防水和楼道照明改造，惠及住户900户。"], True),
        (["年内完成老旧职工住宅加固改造16栋，同步整治周边环境。"], True),
        (["推进北关片区更新改造，完成3处老厂房的保护利用。"], True),
        (["引进文创企业12家，推动东城片区有机更新。"], True),
        # ... residential drainage, gas and heating works renewed
        (["同步推进安置社区雨污管网改造，让居民住得安心。"], True),
        (["落实困难群众救助政策，新建改造城区燃气管道40公里。"], True),
        # ... repaired land made a place for the town's residents
        (["治理后的塌陷湖建成城市客厅，环湖新修休闲步道8公里。"], True),
        # ... not a machine's renewal, a power plant's heating retrofit or a park's water supply
        (["推进企业设备更新改造，淘汰落后生产线12条。"], False),
        (["推进燃煤机组节能改造、供热改造和灵活性改造。"], False),
        (["完成沉陷区道路和供排水设施修复。"], False),
    ],
)
def test_old_housing_utilities_and_public_space_are_urban(body: list[str], expected: bool) -> None:
    assert ("urban_livability" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r2: a road named by what it connects or how it is built is transport, also in a
        # mining-area programme's list
        (["支持工矿区改造提升，新建矿区至镇区连接道路9公里，同步完善社区服务用房。"], True),
        (["实施老矿区棚户区改造600户，建成矿区至县城的连接线。"], True),
        (["完成沉陷村庄道路硬化15公里，修复受损房屋320户。"], True),
        (["争取中央预算内投资8000万元，用于工矿区道路改造和供水管网更新。"], True),
        # ... a road alone stays broad
        (["完善安置区道路和照明设施，做好入住准备。"], False),
    ],
)
def test_connecting_and_rebuilt_roads_are_transport(body: list[str], expected: bool) -> None:
    assert ("infrastructure_transport" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r2: a forest place stating its kind of resource region
        (["作为停伐较早的森工地区，我县把林下经济作为接续产业，种植蓝莓2万亩。"], True),
        (["作为东北老牌的森工资源型城市，这里曾年产原木百万立方米，如今发展森林旅游。"], True),
        # ... a forest area named as a place only
        (["森工地区的冬季旅游线路今年新增3条，接待游客增长两成。"], False),
    ],
)
def test_a_forest_place_stating_its_kind(body: list[str], expected: bool) -> None:
    assert ("regional_typology" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r2: progress reported and checked, performance targets, a leader in charge of projects,
        # benefit sharing (coding manual rule 4)
        (["各县每月报送工程进度，市里按月通报排名靠后的县。"], True),
        (["市直部门每半年对补助项目开展一次抽查。"], True),
        (["各县要在分配方案中写明每个项目的绩效目标。"], True),
        (["建立县级领导联系重点转型项目制度，一个项目一名县级领导。"], True),
        (["探索矿地收益分享办法，让矿区群众分享资源开发成果。"], True),
        # ... a statement about the money itself stays support
        (["下达转型补助资金1.2亿元，用于矿区道路和学校建设。"], False),
    ],
)
def test_reporting_targets_and_sharing_are_governance(body: list[str], expected: bool) -> None:
    assert ("governance_mechanisms" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r2: an occupational disease covered by the insurance's outpatient schemes is social
        # insurance beside the clinic's care
        (["为患职业病的老矿工建立健康档案，并将其纳入门诊慢特病保障。"], True),
        (["县医院开设尘肺病门诊，相关治疗纳入特殊病种结算。"], True),
        # ... the clinic's care alone stays a public service
        (["县医院开设尘肺病康复门诊，为矿工免费体检。"], False),
    ],
)
def test_outpatient_insurance_schemes_are_social_security(body: list[str], expected: bool) -> None:
    assert ("social_security" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.9.0 (AMOUNT_LEAD_RE): a unit opening with an allocation of an amount is a funds
        # notice's item: the money is the point, what it goes to its uses (coding manual rule 5)
        (["（三）安排900万元，用于关闭矿山周边村庄的饮水工程和道路硬化。"], True),
        (
            [
                "（二）尾矿资源化利用项目1500万元。",
                "重点支持两家企业建设尾砂制砖和充填材料生产线。",
            ],
            True,
        ),
        (["其中，废弃矿山复绿补助5200万元，用于石灰岩矿区边坡治理和植被恢复。"], True),
        (["3.转岗职工技能提升奖补600万元，用于煤矿分流职工参加焊工、电工等工种培训。"], True),
        # ... not a review of money spent or a count of projects and their investment
        (["五年累计投入资金3.2亿元，完成废弃矿山修复4200亩。"], False),
        (["全县完成棚户区改造项目12个，总投资5.6亿元，惠及矿工家庭3000户。"], False),
    ],
)
def test_an_allocated_amount_opening_a_unit_is_support(body: list[str], expected: bool) -> None:
    assert (rank_unit_themes([], body)[0].theme_id == "policy_support") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.9.0: a road named by the area it serves, a town's road works and a corridor named by
        # what it carries are transport measures (道路 and 通道 alone stay broad)
        (["今年将改造提升林区道路26公里，并完善林场供水设施。"], True),
        (["年内打通城区断头路5条，新建社区公园3个。"], True),
        (["加快建设县城至循环经济产业园的快速通道，方便园区企业产品外运。"], True),
        (["年内开通至边境口岸的农产品物流通道，扩大对外贸易规模。"], True),
        # ... not a main road a news page walks along
        (["沿着园区主干道，一排排新建厂房正在加紧安装设备。"], False),
    ],
)
def test_roads_named_by_area_or_works_are_transport(body: list[str], expected: bool) -> None:
    assert ("infrastructure_transport" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.9.0 (phrases.site_hits): the land a clean-energy project is put on is its site, not
        # the subsidence programme (nor the waste heap there a restoration)
        (["在采煤沉陷区和矸石山周边的闲置土地上布局分布式光伏，年内新增装机20万千瓦。"], False),
        (["积极利用采空区和关闭矿井的工业场地建设风电场和储能电站。"], False),
        # ... a measure of the programme on its own land stays the programme's
        (["在采煤沉陷区实施居民避险搬迁，年内搬迁800户。"], True),
        (["在采煤沉陷区稳沉后的土地上建设安置小区，配套建设屋顶光伏。"], True),
    ],
)
def test_the_site_of_a_solar_project_is_not_the_programme(body: list[str], expected: bool) -> None:
    assert ("subsidence_mining_areas" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2.9.0: a product made for the clean-energy industry is manufacturing, not energy
        ("新签约光伏组件和储能电池生产项目5个", False),
        ("引进风电塔筒、光伏支架制造企业3家", False),
        ("推动光伏玻璃、氢能装备等项目开工", False),
        # ... building the plant itself stays clean energy
        ("在荒山荒坡建设分布式光伏电站，年内新增装机10万千瓦", True),
    ],
)
def test_clean_energy_products_are_manufacturing(text: str, expected: bool) -> None:
    assert ("clean_energy" in themes_of(text)) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.9.0: supply to power plants and heating, gas storage and a resource found are
        # resource and energy security
        (["今冬电煤日均发运量保持在8万吨以上，保障省内电厂发电供热。"], True),
        (["迎峰度冬期间各煤矿开足马力生产，日均产量稳定在20万吨。"], True),
        (["两个矿区新增查明锰矿资源量3000万吨。"], True),
        (["建成两座地下储气设施，应急储气能力达到5000万立方米。"], True),
        # ... not a work report's output figure of a coal county
        (["全县原煤产量稳定在1500万吨，智能化工作面达到20个。"], False),
    ],
)
def test_supply_storage_and_found_resources_are_security(body: list[str], expected: bool) -> None:
    assert ("resource_security" in unit_theme_set(rank_unit_themes([], body))) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.9.0 (JOBS_FIRST_REVIEW_RE): a livelihood review opening with the year's new jobs
        # takes its first measure's theme (coding manual rule 5), the relief after it secondary
        (
            [
                "民生福祉稳步提升。",
                "城镇新增就业1.8万人，城乡低保标准分别提高到每月800元和600元，"
                "发放临时救助资金5000万元，企业退休人员养老金按时足额发放。",
            ],
            "employment",
        ),
        (
            [
                "坚持把民生实事办好，城镇新增就业9000人，困难群众救助资金足额发放，"
                "城乡低保标准提高5%，新增养老保险参保人数3000人。"
            ],
            "employment",
        ),
        # ... a review opening with relief stays social security
        (
            [
                "民生底线兜得更牢。",
                "城乡低保标准提高6%，发放临时救助资金3000万元，城镇新增就业1.2万人。",
            ],
            "social_security",
        ),
    ],
)
def test_a_livelihood_review_opening_with_jobs_is_employment(
    body: list[str], expected: str
) -> None:
    assert rank_unit_themes([], body)[0].theme_id == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2.9.0: money broken down onto projects by a deadline, no change of use and filing the
        # plan are rules for handling the money: governance (coding manual rule 4)
        (["各县要在资金到位后20日内将资金细化到具体项目，并报市财政局备案。"], True),
        (["各区要在收到资金后30日内将其分解落实到具体项目，不得擅自调整用途。"], True),
        # ... the money given stays support
        (["市财政安排转型补助资金6000万元，支持接续替代产业项目建设。"], False),
    ],
)
def test_breaking_money_down_onto_projects_is_governance(body: list[str], expected: bool) -> None:
    assert (rank_unit_themes([], body)[0].theme_id == "governance_mechanisms") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # r6 (governance misses of the real sets): meetings that deploy and check a programme,
        # transformation plans drawn up, projects reviewed and picked, lower levels urged on
        (["区政府召开全区转型工作推进会，部署下一阶段各项任务。"], True),
        (["省里组织专家对各地上报的方案进行评估论证，择优确定一批项目。"], True),
        (["各县要督促项目单位按时上报进展情况。"], True),
        (["该市已完成转型规划，报省政府审定后印发实施。"], True),
        # ... the money given stays support
        (["市财政安排转型补助资金6000万元，支持接续替代产业项目建设。"], False),
    ],
)
def test_meetings_reviews_and_urging_are_governance(body: list[str], expected: bool) -> None:
    ranking = rank_unit_themes([], body)
    assert bool(ranking and ranking[0].theme_id == "governance_mechanisms") is expected


@pytest.mark.parametrize(
    ("body", "theme"),
    [
        # r6 (forest paragraphs of the real sets): a state forest area is the forest kind of
        # resource region, natural-forest protection and forest guarding are restoration, a
        # logger turned forest guard has a job
        (["国有林区停伐以后，林场把木材加工厂改成了森林康养基地。"], "regional_typology"),
        (["县里全力做好天然林保护，新增封育面积2万亩。"], "eco_restoration"),
        (["今年森林管护面积达到50万亩，实现网格化全覆盖。"], "eco_restoration"),
        (["这个林场的原伐木工如今当上了护林员，每天进山巡查。"], "employment"),
    ],
)
def test_state_forest_areas_forest_guarding_and_guard_jobs(body: list[str], theme: str) -> None:
    assert theme in unit_theme_set(rank_unit_themes([], body))


@pytest.mark.parametrize(
    "body",
    [
        # r6 (miners' housing paragraphs of the real sets): rehousing miners' families is housing
        # security, not only the mining-area programme's renewal
        ["矿务局启动棚户区改造，首批600户职工年底前入住。"],
        ["为改善矿工住房条件，集团计划三年新建住宅楼40栋。"],
        ["今年春节前，1200户矿工家庭乔迁新居。"],
        ["集团新建的矿工宿舍已全部封顶。"],
    ],
)
def test_rehousing_miners_is_social_security(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "social_security"


@pytest.mark.parametrize(
    "body",
    [
        # r6 (forest and mined-site paragraphs of the real sets): the logging ban and the
        # vegetation coming back on a mined site are restoration
        ["2015年起林区全面停止商业性采伐，林业局从采伐转向育林。"],
        ["矿坑边坡上种下的灌木已经成活，植被逐年恢复。"],
    ],
)
def test_logging_ban_and_vegetation_are_restoration(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "eco_restoration"


@pytest.mark.parametrize(
    "body",
    [
        # r6 (forest paragraphs of the real sets): the forest areas' new industries after the
        # logging ban are successor industries
        ["林场职工在林下种植中草药，年收入增加两万元。"],
        ["当地的黑木耳和蓝莓已经卖到了南方各大城市。"],
        ["退休伐木工在村口开起了农家乐，旺季每天接待游客上百人。"],
    ],
)
def test_forest_products_and_farm_stays_are_successor_industries(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "successor_industries"


@pytest.mark.parametrize(
    "body",
    [
        # r6 (coal-output paragraphs of the real sets): coal output reported is supply security
        ["1至9月，全省煤炭产量8.2亿吨，同比增长4.1%。"],
        ["今年以来，重点煤矿合计增产1200万吨。"],
    ],
)
def test_coal_output_is_resource_security(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "resource_security"


@pytest.mark.parametrize(
    "body",
    [
        # r6 (policy_support misses of the real sets): money raised and arranged for a programme,
        # and the packages to steady growth and relieve firms
        ["省里多方筹集2亿元，用于老矿区道路和管网改造。"],
        ["今年争取中央投资3.5亿元，全部用于老矿区的搬迁安置。"],
        ["出台稳增长12条措施，全年为企业减免房租3000万元。"],
        ["落实助企纾困政策，帮助200家中小企业渡过难关。"],
    ],
)
def test_money_raised_and_growth_packages_are_support(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "policy_support"


@pytest.mark.parametrize(
    "body",
    [
        # r6 (governance misses of the real sets): rules and plans drawn up and revised, progress
        # reported at a meeting
        ["区里已起草搬迁安置办法，提交区政府常务会讨论。"],
        ["请各地修改完善方案后于月底前报送我委。"],
        ["会上，三个县分别汇报了上半年工作进展。"],
        ["市里将研究编制新一轮发展规划。"],
    ],
)
def test_drafting_revising_and_reporting_are_governance(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "governance_mechanisms"


@pytest.mark.parametrize(
    "body",
    [
        # r6 (funds notices of the real sets): allocation by performance, a remainder carried over
        # and the responsibility of a level of government are rules of the programme
        ["坚持以绩效为导向，按得分高低确定各县的名单。"],
        ["上一批的结余部分留到下一批使用。"],
        ["这项工作由省级人民政府负总责。"],
    ],
)
def test_performance_remainders_and_responsibility_are_governance(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "governance_mechanisms"


@pytest.mark.parametrize(
    "body",
    [
        # r6 (forest and mine workers of the real sets): a logger's old job and staff moved to other
        # posts are employment
        ["停伐前他是伐木工，如今在林场看护苗圃。"],
        ["矿上把原采掘队的人员分流到地面单位。"],
    ],
)
def test_loggers_and_reassigned_staff_are_employment(body: list[str]) -> None:
    assert rank_unit_themes([], body)[0].theme_id == "employment"
