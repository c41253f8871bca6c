"""Coverage, alignment, places, primary themes, agreement and keyword in context."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import schema
from analysis.compare import (
    GOLD_PATH,
    agreement,
    alignment_table,
    cohen_kappa,
    coverage_table,
    kwic_table,
    load_gold,
    places_table,
    primary_theme_per_unit,
    top_themes,
)
from analysis.ingest import analysed, read_corpus
from analysis.pipeline import documents_table
from analysis.structure import clauses_table
from analysis.themes import counted_matches, load_codebook, tag_counted_themes, tag_themes

RAW_DIR = Path(__file__).resolve().parents[1] / "data" / "raw"
KAPPA_TARGET = 0.8


@pytest.fixture(scope="module")
def seeds() -> dict[str, pd.DataFrame]:
    corpus = read_corpus(RAW_DIR)
    clauses = clauses_table(analysed(corpus.documents))
    documents = documents_table(corpus.documents, clauses)
    clause_themes = tag_counted_themes(clauses, documents)
    return {
        "clauses": clauses,
        "documents": documents,
        "themes": clause_themes,
        "counted": counted_matches(clause_themes),  # what coverage, places and alignment count
    }


def _clause_rows(rows: list[tuple]) -> pd.DataFrame:
    """(doc_id, part, section_no, item_no, is_heading, template, text) → a clauses table."""
    frame = pd.DataFrame(
        rows, columns=["doc_id", "part", "section_no", "item_no", "is_heading", "template", "text"]
    )
    frame["clause_id"] = [f"{d}-c{i + 1:06d}" for i, d in enumerate(frame["doc_id"])]
    frame["section_no"] = frame["section_no"].astype("Int64")
    frame["item_no"] = frame["item_no"].astype("Int64")
    frame["section_title"] = "节"
    frame["item_title"] = frame["item_no"].map(lambda n: "" if pd.isna(n) else f"条{n}")
    frame["start"] = frame.groupby("doc_id")["text"].transform(
        lambda t: t.str.len().cumsum() - t.str.len()
    )
    frame["end"] = frame["start"] + frame["text"].str.len()
    return frame


SMALL_DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "province": ["河南省", "青海省"],
        "doc_type": ["plan", "reply"],
        "source_file": ["a.txt", "b.txt"],
    }
)
SMALL_CLAUSES = _clause_rows(
    [
        ("a", "front_matter", None, None, False, False, "大力发展光伏。"),
        ("a", "body", 1, 1, True, False, "(一)发展光伏。"),
        ("a", "body", 1, 1, False, False, "建设风电基地。"),
        ("a", "body", 1, 1, False, True, "推进采煤沉陷区综合治理。"),
        ("a", "body", 1, 1, False, False, "其他内容。"),
        ("b", "body", 1, None, False, False, "做好就业工作。"),
        ("b", "boilerplate", None, None, False, False, "招商资讯"),
    ]
)


# --- Cohen's kappa and agreement ------------------------------------------------------------


def test_cohen_kappa_textbook_example() -> None:
    """Wikipedia's example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15 → κ = 0.4."""
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("a", "b", "kappa"),
    [
        (["x", "y", "z"], ["x", "y", "z"], 1.0),
        (["x", "x"], ["x", "x"], 1.0),
        (["x", "y"], ["y", "x"], -1.0),
    ],
)
def test_cohen_kappa_edges(a: list[str], b: list[str], kappa: float) -> None:
    assert cohen_kappa(a, b) == pytest.approx(kappa)


def test_cohen_kappa_needs_equal_non_empty_lists() -> None:
    with pytest.raises(ValueError):
        cohen_kappa([], [])
    with pytest.raises(ValueError):
        cohen_kappa(["x"], ["x", "y"])


def test_agreement_counts_missing_units_as_disagreement() -> None:
    keys = {"doc_id": ["a", "a", "a"], "section_no": [1, 1, 2], "item_no": [1, 2, pd.NA]}
    gold = pd.DataFrame({**keys, "gold_theme_id": ["x", "y", "x"]})
    gold["item_no"] = gold["item_no"].astype("Int64")
    auto = pd.DataFrame({**keys, "theme_id": ["x", "y", "y"], "ranking": ""}).iloc[:2]
    auto["item_no"] = auto["item_no"].astype("Int64")
    result = agreement(auto, gold)
    assert result["n"] == 3
    assert result["agreement_pct"] == pytest.approx(66.7)


# --- coverage ------------------------------------------------------------------------------


def test_coverage_counts_body_without_headings() -> None:
    themes = tag_themes(SMALL_CLAUSES)
    table = coverage_table(SMALL_CLAUSES, themes, SMALL_DOCS)
    assert list(table.columns) == schema.COVERAGE.columns
    assert len(table) == 2 * len(load_codebook().themes)
    row = table[(table["doc_id"] == "a") & (table["theme_id"] == "clean_energy")].iloc[0]
    # 3 body clauses: the heading (一)发展光伏 and the front matter are left out
    assert row["clauses"] == 1 and row["share_clauses"] == pytest.approx(round(1 / 3, 4))
    assert row["share_chars"] == pytest.approx(round(7 / (7 + 12 + 5), 4))
    subsidence = table[
        (table["doc_id"] == "a") & (table["theme_id"] == "subsidence_mining_areas")
    ].iloc[0]
    assert subsidence["clauses"] == 1 and subsidence["clauses_excl_template"] == 0
    assert subsidence["share_clauses_excl_template"] == 0
    clean_excl = row["share_clauses_excl_template"]
    assert clean_excl == pytest.approx(0.5)  # 1 of the 2 non-template body clauses


def test_coverage_on_seeds_has_every_theme_shares_in_range_and_zeros(seeds: dict) -> None:
    table = coverage_table(seeds["clauses"], seeds["counted"], seeds["documents"])
    codebook = load_codebook()
    assert len(table) == len(seeds["documents"]) * len(codebook.themes)
    assert table[["doc_id", "theme_id"]].equals(
        table[["doc_id", "theme_id"]].sort_values(["doc_id", "theme_id"], ignore_index=True)
    )
    for column in [c for c in table.columns if c.startswith("share_")]:
        assert table[column].between(0, 1).all(), column
        assert (table[column] == table[column].round(4)).all()
    assert (table["clauses"] == 0).any(), "zeros are rows too"
    assert set(table["province"]) == {"河南省", "青海省", "辽宁省"}
    assert (table["clauses_excl_template"] <= table["clauses"]).all()


def test_top_themes_leaves_out_context_themes(seeds: dict) -> None:
    table = coverage_table(seeds["clauses"], seeds["counted"], seeds["documents"])
    top = top_themes(table, n=3)
    assert top.groupby("doc_id").size().tolist() == [3, 3, 3]
    assert "regional_typology" not in set(top["theme_id"])


# --- alignment -----------------------------------------------------------------------------


def test_alignment_table(seeds: dict) -> None:
    table = alignment_table(seeds["clauses"], seeds["counted"], seeds["documents"])
    assert list(table.columns) == schema.ALIGNMENT.columns
    assert len(table) == 3 * 18
    assert (table["covered"] == (table["clauses"] >= 1)).all()
    assert table["evidence"].map(lambda e: len([x for x in e.split("|") if x]) <= 3).all()
    assert table[["doc_id", "task_id"]].equals(
        table[["doc_id", "task_id"]].sort_values(["doc_id", "task_id"], ignore_index=True)
    )
    henan = table[table["province"] == "河南省"].set_index("task_id")
    assert henan.loc["N08", "covered"] and henan.loc["N17", "covered"]
    first = henan.loc["N08", "evidence"].split("|")[0]
    assert first.startswith(henan.loc["N08", "doc_id"])


# --- places --------------------------------------------------------------------------------


def test_places_table_counts_sub_provincial_places_per_theme() -> None:
    clauses = _clause_rows(
        [
            ("a", "body", 1, 1, False, False, "河南平顶山发展光伏和就业。"),
            ("a", "body", 1, 1, False, False, "平顶山其他内容。"),
            ("a", "front_matter", None, None, False, False, "平顶山光伏。"),
        ]
    )
    table = places_table(clauses, tag_themes(clauses), SMALL_DOCS)
    assert list(table.columns) == schema.PLACES.columns
    assert table["theme_id"].tolist() == ["all", "clean_energy", "employment"]
    assert table["mentions"].tolist() == [2, 1, 1]  # front matter not counted
    assert (table["place_level"] == "prefecture").all()  # the province mention is left out
    assert (table["province"] == "河南省").all()
    assert set(table["place"]) == {"平顶山市"}


def test_places_on_seeds_resolve_to_provinces(seeds: dict) -> None:
    table = places_table(seeds["clauses"], seeds["counted"], seeds["documents"])
    assert not table.empty
    assert set(table["place_level"]) <= {"prefecture", "county"}
    assert not table.duplicated(["doc_id", "theme_id", "adcode"]).any()
    doc_of = seeds["documents"].set_index("province")["doc_id"]
    henan = table[(table["doc_id"] == doc_of["河南省"]) & (table["theme_id"] == "all")]
    assert "平顶山市" in set(henan["place"])
    assert set(table.loc[table["doc_id"] == doc_of["青海省"], "province"]) == {"青海省"}


# --- primary themes and agreement with the gold labels --------------------------------------


def test_primary_theme_prefers_clauses_then_heading_and_never_a_context_theme() -> None:
    clauses = _clause_rows(
        [
            ("a", "body", 1, None, True, False, "一、总体"),
            ("a", "body", 1, 1, True, False, "(一)发展光伏。"),
            ("a", "body", 1, 1, False, False, "加强就业服务。"),
            ("a", "body", 1, 1, False, False, "建设风电基地。"),
            ("a", "body", 1, 2, False, False, "做好就业工作,发展风电。"),
            ("a", "body", 1, 3, False, False, "支持资源枯竭地区。"),
            ("a", "body", 1, 3, False, False, "支持资源富集地区发展旅游。"),
            ("a", "body", 2, None, True, False, "二、保障"),
            ("a", "body", 2, None, False, False, "强化主体责任。"),
        ]
    )
    units = primary_theme_per_unit(clauses, tag_themes(clauses))
    assert units["section_no"].tolist() == [1, 1, 1, 2]
    assert units["item_no"].isna().tolist() == [False, False, False, True]
    assert units["theme_id"].tolist() == [
        "clean_energy",  # 1 : 1 on body clauses, the heading's 光伏 weighs three times
        "employment",  # one clause, one keyword each: the lead phrase 做好就业工作 states the point
        "successor_industries",  # regional_typology has more clauses but is a context theme
        "governance_mechanisms",
    ]
    assert units["decided_by"].tolist() == ["score", "score", "role", "only"]


def test_gold_labels_follow_the_content_not_the_file_name(seeds: dict) -> None:
    renamed = seeds["documents"].assign(source_file=lambda f: "renamed_" + f["source_file"])
    assert len(load_gold(renamed)) == 62
    other_text = seeds["documents"].assign(sha256="0" * 64)
    assert load_gold(other_text).empty


def test_gold_fixture_labels_every_unit_with_a_codebook_theme() -> None:
    gold = pd.read_csv(GOLD_PATH, dtype=str, keep_default_na=False)
    assert list(gold.columns) == [
        "doc_file",
        "sha256",
        "section_no",
        "item_no",
        "item_title",
        "gold_theme_id",
        "note",
    ]
    assert gold.groupby("doc_file")["sha256"].nunique().eq(1).all()
    assert gold.groupby("doc_file").size().to_dict() == {
        "000_1d2e5730f4acb035.txt": 33,
        "002_9f79b8bcaaa70cba.txt": 22,
        "004_ced2cc56ed9e167a.txt": 7,
    }
    assert set(gold["gold_theme_id"]) <= set(load_codebook().theme_ids)
    assert not gold.duplicated(["doc_file", "section_no", "item_no"]).any()


def test_automatic_primary_themes_agree_with_gold(seeds: dict) -> None:
    """As the report computes it: with the documents table (doc_type and title as context)."""
    auto = primary_theme_per_unit(seeds["clauses"], seeds["themes"], documents=seeds["documents"])
    gold = load_gold(seeds["documents"])
    result = agreement(auto, gold)
    assert result["n"] == 62
    assert result["cohen_kappa"] >= KAPPA_TARGET, result


def test_gold_units_are_the_units_the_program_finds(seeds: dict) -> None:
    auto = primary_theme_per_unit(seeds["clauses"], seeds["themes"])
    gold = load_gold(seeds["documents"])
    keys = ["doc_id", "section_no", "item_no"]
    assert auto[keys].equals(gold[keys])


# --- keyword in context ------------------------------------------------------------------------


def test_kwic_rows_point_at_the_keyword(seeds: dict) -> None:
    clauses = seeds["clauses"]
    table = kwic_table(clauses, seeds["counted"], "clean_energy", width=8)
    assert list(table.columns) == list(schema.KWIC_COLUMNS)
    assert not table.empty
    text_of = clauses.set_index("clause_id")
    for row in table.itertuples(index=False):
        clause = text_of.loc[row.clause_id]
        offset = row.start - clause["start"]
        assert clause["text"][offset : offset + len(row.keyword)] == row.keyword
        assert len(row.left) <= 8 and len(row.right) <= 8
    assert "新能源汽车" not in "".join(table["keyword"] + table["right"].str[:2])


# --- published format ---------------------------------------------------------------------------


def test_tables_match_the_published_schema(seeds: dict) -> None:
    """Every table built here passes analysis.publish's schema check (columns, keys, ranges)."""
    from analysis import tables_io
    from analysis.themes import codebook_table, tag_instruments

    clauses, documents, clause_themes = seeds["clauses"], seeds["documents"], seeds["themes"]
    counted = counted_matches(clause_themes)
    built = {
        "clause_themes": clause_themes,
        "clause_instruments": tag_instruments(clauses),
        "coverage": coverage_table(clauses, counted, documents),
        "places": places_table(clauses, counted, documents),
        "alignment": alignment_table(clauses, counted, documents),
        "themes": codebook_table(),
    }
    for name, table in built.items():
        assert tables_io.table_csv(table, name).count("\n") == len(table) + 1, name


def test_items_without_sections_are_units() -> None:
    """A regulation: 第X章 chapters and 第X条 articles, no 一、 sections."""
    clauses = _clause_rows(
        [
            ("r", "body", None, 1, True, False, "第一条 为推进采煤沉陷区综合治理,制定本办法。"),
            ("r", "body", None, 2, True, False, "第二条 对避险搬迁居民每户补助1.2万元。"),
            ("r", "body", None, 3, True, False, "第三条 支持发展光伏和风电。"),
        ]
    )
    units = primary_theme_per_unit(clauses, tag_themes(clauses))
    assert units["item_no"].tolist() == [1, 2, 3]
    assert units["section_no"].isna().all()
    assert units["theme_id"].tolist()[2] == "clean_energy"
