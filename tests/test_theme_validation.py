"""The out-of-sample theme figures the reports show (src/analysis/data/theme_validation.csv) are
what `evaluate-themes` gives today on the held-out sets with today's codebook.

The held-out sets (tests/fixtures/themes_heldout*) were written and coded by people who did not
write the codebook, before the program ran on them, with a second coder on a third of each.
After a change to the codebook or the theme rules, rerun
`.venv/bin/python tests/test_theme_validation.py` to record the new figures (and say in the
CHANGELOG how they moved).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis.theme_eval import (
    VALIDATION_PATH,
    evaluate_folder,
    load_validation,
    validation_csv,
    validation_row,
)
from analysis.themes import load_codebook

pytestmark = pytest.mark.slow  # codes about 1,550 paragraphs

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# set → how blind it is to the codebook (said on the page beside its figures)
HELDOUT_SETS = {
    "themes_heldout": "blind to codebook 2.0.0; aggregates told to the authors of 2.1.0 and 2.2.0; "
                      "a development set (texts and labels read) for 2.3.0-2.7.1",
    "themes_heldout2": "blind to codebook 2.1.0; aggregates told to the authors of 2.2.0; "
                       "a development set for 2.3.0-2.7.1",
    "themes_heldout3": "blind to codebook 2.2.0 (kappa 0.755, set F1 0.705 then); "
                       "a development set for 2.3.0-2.7.1",
    "themes_heldout4": "blind to codebook 2.3.0, measured once (kappa 0.806, set F1 0.779); "
                       "a development set for 2.4.0-2.7.1",
    "themes_heldout5": "blind to codebook 2.4.0, measured once (kappa 0.777, set F1 0.795); "
                       "a development set for 2.5.0-2.7.1",
    "themes_heldout6": "blind to codebook 2.5.0, measured once (kappa 0.806, set F1 0.832); "
                       "a development set for 2.6.0-2.7.1",
    "themes_heldout7": "blind to codebook 2.6.0, measured once (kappa 0.824, set F1 0.786); "
                       "a development set for 2.7.0 and 2.7.1",
    "themes_heldout8": "blind to codebook 2.7.0, measured once (kappa 0.829, set F1 0.816); "
                       "a development set for 2.7.1",
    "themes_heldout9": "blind: written while 2.7.1 was written, by people who never saw its rules; "
                       "measured once with the finished 2.7.1",
}  # fmt: skip


def current_rows() -> list[dict[str, object]]:
    version = load_codebook().version
    return [
        validation_row(evaluate_folder(FIXTURES / name), name, version, note)
        for name, note in HELDOUT_SETS.items()
    ]


def test_recorded_validation_is_todays() -> None:
    recorded = VALIDATION_PATH.read_text(encoding="utf-8")
    assert recorded == validation_csv(current_rows()), (
        "theme_validation.csv is out of date: run .venv/bin/python tests/test_theme_validation.py"
    )
    assert set(load_validation()["set"]) == set(HELDOUT_SETS)


if __name__ == "__main__":
    VALIDATION_PATH.write_text(validation_csv(current_rows()), encoding="utf-8")
    print(f"wrote {VALIDATION_PATH}", file=sys.stderr)
