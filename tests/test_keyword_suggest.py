"""suggest-keywords: candidate n-grams, the log-likelihood ratio, and the CSV the CLI writes."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.keyword_suggest import (
    SUGGESTION_COLUMNS,
    candidate_grams,
    log_likelihood,
    suggestions_table,
)
from analysis.themes import load_codebook

DEV = Path(__file__).resolve().parent / "fixtures" / "themes_dev"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("发展矸石", {"发展", "矸石", "发展矸石", "展矸"}, set()),
        ("的煤矸石", {"煤矸石", "矸石"}, {"的煤"}),  # a function character cannot open a term
        ("光伏,风电", {"光伏", "风电"}, {"伏,风", "伏风"}),  # never across punctuation
        ("采煤沉陷区综合治理工程", {"综合治理工程"}, {"采煤沉陷区综合"}),  # at most 6 characters
    ],
)
def test_candidate_grams(text: str, present: set, absent: set) -> None:
    grams = candidate_grams(text)
    assert present <= grams and not absent & grams


def test_log_likelihood_is_zero_without_association_and_grows_with_it() -> None:
    assert log_likelihood(5, 5, 5, 5) == pytest.approx(0.0)
    weak, strong = log_likelihood(6, 4, 4, 6), log_likelihood(9, 1, 1, 9)
    assert 0 < weak < strong
    # hand computation for [[9, 1], [1, 9]]: every expected count is 5
    assert strong == pytest.approx(2 * (18 * math.log(9 / 5) + 2 * math.log(1 / 5)))


def test_suggestions_are_new_strings_that_co_occur_with_the_theme() -> None:
    table = suggestions_table(DEV, theme="subsidence_mining_areas", min_count=2)
    assert list(table.columns) == SUGGESTION_COLUMNS
    assert not table.empty and set(table["theme_id"]) == {"subsidence_mining_areas"}
    keywords = set(load_codebook().theme("subsidence_mining_areas").keywords)
    assert not set(table["candidate"]) & keywords
    assert (table["theme_clauses"] >= 2).all()
    assert (table["theme_clauses"] > table["expected"]).all()
    assert table["llr"].is_monotonic_decreasing
    first = table.iloc[0]
    assert f"【{first['candidate']}】" in first["example_1"]


def test_cli_writes_the_csv_and_rejects_an_unknown_theme(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "s.csv"
    assert main(["suggest-keywords", "--raw", str(DEV), "--out", str(out), "--min-count", "2"]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == SUGGESTION_COLUMNS and len(table) > 0
    bad = tmp_path / "bad.csv"
    assert main(["suggest-keywords", "--raw", str(DEV), "--out", str(bad), "--theme", "nope"]) == 2
    assert "not a theme of the codebook" in capsys.readouterr().err
    assert not bad.exists()
