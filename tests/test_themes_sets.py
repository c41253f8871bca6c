"""The theme set of a coding unit (analysis.themes.unit_theme_set): which secondary themes a
unit's own evidence carries. Sentences written for these tests, one rule each."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analysis.themes import load_codebook, rank_unit_themes, unit_theme_set

PROGRAMME = frozenset({"subsidence_mining_areas"})


@pytest.mark.parametrize(
    ("except_primary", "expected"),
    [
        # the default codebook: the document's implementation is not the programme's measure
        (None, ["governance_mechanisms"]),
        # a researcher's codebook that lets the programme reach every unit: its own rule holds
        ((), ["governance_mechanisms", "subsidence_mining_areas"]),
    ],
)
def test_the_set_rules_come_from_the_ranking_codebook(
    except_primary: tuple[str, ...] | None, expected: list[str]
) -> None:
    codebook = load_codebook()
    if except_primary is not None:
        codebook = replace(
            codebook, programmes=replace(codebook.programmes, except_primary=except_primary)
        )
    body = ["各县要落实主体责任，建立工作台账，定期通报进展"]
    ranking = rank_unit_themes([], body, codebook, programmes=PROGRAMME)
    assert unit_theme_set(ranking, codebook) == expected
