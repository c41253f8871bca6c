"""A paragraph's themes decide which clause × theme matches count for coverage
(analysis.themes.paragraphs), with the same coding evaluate-themes validates."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest import analysed, read_corpus
from analysis.pipeline import documents_table
from analysis.structure import clauses_table
from analysis.theme_eval import code_paragraphs, evaluate_folder
from analysis.themes import counted_matches, load_codebook, paragraph_theme_sets, tag_counted_themes

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A city plan written for this test: tasks, a jobs paragraph that names an industry in passing,
# and a fund paragraph listing its uses.
PLAN = """某市推进资源枯竭城市转型发展实施方案
一、培育接续替代产业
大力发展光伏、风电和储能产业，建设新能源装备制造基地，到2027年新能源装机容量达到300万千瓦。
依托现有铝产业基础，推进铝精深加工，延伸铝产业链，开展煤矿智能化改造。
二、扩大就业
开展下岗职工技能培训，组织专场招聘会20场，帮助转岗职工再就业1200人，在新能源企业就业岗位中优先安排矿工家属。
三、保障措施
市财政每年安排专项资金1亿元，主要用于接续替代产业培育、采煤沉陷区居民避险搬迁和矿区生态修复。
"""


@pytest.fixture(scope="module")
def plan_matches(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("plan")
    (folder / "plan_city.txt").write_text(PLAN, encoding="utf-8")
    corpus = read_corpus(folder)
    clauses = clauses_table(analysed(corpus.documents))
    documents = documents_table(corpus.documents, clauses)
    table = tag_counted_themes(clauses, documents)
    return table.merge(clauses[["clause_id", "text"]], on="clause_id")


@pytest.mark.parametrize(
    ("paragraph_start", "theme_id", "counted"),
    [
        # the paragraph's point: renewables
        ("大力发展光伏", "clean_energy", True),
        # upgrading the old aluminium base: its own theme
        ("依托现有铝产业", "industrial_upgrading", True),
        # a jobs paragraph: 新能源企业 only says where the jobs are
        ("开展下岗职工", "employment", True),
        ("开展下岗职工", "clean_energy", False),
        # a list of the fund's uses: each use is a theme of the paragraph
        ("市财政每年安排", "policy_support", True),
        ("市财政每年安排", "successor_industries", True),
        ("市财政每年安排", "subsidence_mining_areas", True),
        ("市财政每年安排", "eco_restoration", True),
    ],
)
def test_a_match_counts_when_the_theme_is_its_paragraphs(
    plan_matches: pd.DataFrame, paragraph_start: str, theme_id: str, counted: bool
) -> None:
    row = plan_matches[
        plan_matches["text"].str.startswith(paragraph_start)
        & (plan_matches["theme_id"] == theme_id)
    ]
    assert len(row) == 1, (paragraph_start, theme_id)
    assert bool(row["counted"].iloc[0]) is counted


@pytest.mark.parametrize(
    "flags",
    [
        [True, False],
        pd.array([True, False], dtype="boolean"),  # as tables_io.load_table reads it
        ["true", "false"],  # as plain pandas reads the CSV
    ],
)
def test_counted_matches_keeps_the_counted_rows(flags: object) -> None:
    table = pd.DataFrame(
        {"clause_id": ["c1", "c2"], "theme_id": ["employment"] * 2, "counted": flags}
    )
    assert counted_matches(table)["clause_id"].tolist() == ["c1"]


@pytest.mark.parametrize("folder", ["themes_dev", "themes_heldout9"])
def test_production_paragraph_themes_are_the_validated_ones(folder: str) -> None:
    """Every hand-coded paragraph gets the same themes from paragraph_theme_sets (production,
    by paragraph_no) as from evaluate-themes (by line), so the validation describes coverage."""
    codebook = load_codebook()
    evaluation = evaluate_folder(FIXTURES / folder, codebook)
    per_file, _, _ = code_paragraphs(FIXTURES / folder, codebook)
    for name, clauses in per_file.items():
        documents = pd.DataFrame(
            {
                "doc_id": [clauses["doc_id"].iloc[0]],
                "doc_type": [clauses["doc_type"].iloc[0]],
                "title": [clauses["doc_title"].iloc[0]],
            }
        )
        sets = paragraph_theme_sets(clauses, documents, codebook)
        paragraph_of_line = dict(zip(clauses["line"], clauses["paragraph_no"], strict=True))
        coded = evaluation.paragraphs[evaluation.paragraphs["file"] == name]
        for line, themes in zip(coded["line"], coded["auto_themes"], strict=True):
            key = (str(clauses["doc_id"].iloc[0]), int(paragraph_of_line[line]))
            assert sets.get(key, frozenset()) == frozenset(themes), (name, line)
