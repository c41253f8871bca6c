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
    REAL_VALIDATION_PATH,
    VALIDATION_COLUMNS,
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
                      "a development set (texts and labels read) for 2.3.0-2.10.0; "
                      "training data of the classifier since 2.11.0 (figures in-sample)",
    "themes_heldout2": "blind to codebook 2.1.0; aggregates told to the authors of 2.2.0; "
                       "a development set for 2.3.0-2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout3": "blind to codebook 2.2.0 (kappa 0.755, set F1 0.705 then); "
                       "a development set for 2.3.0-2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout4": "blind to codebook 2.3.0, measured once (kappa 0.806, set F1 0.779); "
                       "a development set for 2.4.0-2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout5": "blind to codebook 2.4.0, measured once (kappa 0.777, set F1 0.795); "
                       "a development set for 2.5.0-2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout6": "blind to codebook 2.5.0, measured once (kappa 0.806, set F1 0.832); "
                       "a development set for 2.6.0-2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout7": "blind to codebook 2.6.0, measured once (kappa 0.824, set F1 0.786); "
                       "a development set for 2.7.0-2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout8": "blind to codebook 2.7.0, measured once (kappa 0.829, set F1 0.816); "
                       "a development set for 2.7.1-2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout9": "blind to codebook 2.7.1, measured once (kappa 0.830, set F1 0.760); "
                       "a development set for 2.8.0-2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout10": "blind to codebook 2.8.0, measured once (kappa 0.751, set F1 0.818); "
                        "a development set for 2.9.0 and 2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout11": "blind to codebook 2.9.0, measured once (kappa 0.785, set F1 0.836); "
                        "a development set for 2.10.0; training data of the classifier since 2.11.0",
    "themes_heldout12": "blind to codebook 2.10.0, measured once (kappa 0.807, set F1 0.850); "
                        "training data of the classifier since 2.11.0",
    "themes_heldout13": "blind: written while 2.11.0 was built, by people who never saw its rules or "
                        "model; measured once with 2.11.0 (kappa 0.913, set F1 0.895; the rules "
                        "alone, 2.10.0: 0.833 / 0.825), again with 2.12.0 (no change made on it)",
}  # fmt: skip


# Real paragraphs copied from real pages of the search corpus: they may not be redistributed,
# so they live outside the repository (REAL_ROOT/<set>, written and coded by helpers who write no
# rules, like the invented sets) and their rows are recorded, not recomputed, by this script.
REAL_ROOT = Path("/tmp")
REAL_SETS = {
    "real10": "160 real paragraphs of 47 pages; one coder; a development set for 2.8.0-2.11.0 "
              "(codebook 2.7.1 on it: kappa 0.538, set F1 0.699)",
    "real11": "159 real paragraphs of 47 other pages; blind to 2.8.0, measured once (kappa 0.441, "
              "set F1 0.634; 2.7.1: 0.452 / 0.643); a development set for 2.9.0-2.11.0",
    "real12": "156 real paragraphs of 46 other pages; blind to 2.9.0, measured once (kappa 0.528, "
              "set F1 0.629; 2.7.1: 0.502 / 0.631); a development set for 2.10.0 and 2.11.0",
    "real13": "143 real paragraphs of 34 other pages; blind to 2.10.0, measured once (kappa 0.577, "
              "set F1 0.611); a development set for the classifier's blend weights (2.11.0)",
    "real14": "148 real paragraphs of 46 other pages; blind to 2.11.0, measured once (kappa 0.579, "
              "set F1 0.694; the rules alone, 2.10.0: 0.512 / 0.643); a development set for 2.12.0",
    "real15": "blind: 142 real paragraphs of 41 pages not in real10-real14 nor read by the writers "
              "of the training sets, collected and coded while 2.12.0 was built; measured once "
              "with 2.12.0 (2.11.0: kappa 0.631, set F1 0.733; the rules alone, 2.10.0: 0.566 / "
              "0.652)",
}  # fmt: skip


def rows_of(root: Path, sets: dict[str, str]) -> list[dict[str, object]]:
    """The validation rows of the sets under `root` with today's codebook."""
    version = load_codebook().version
    return [
        validation_row(evaluate_folder(root / name), name, version, note)
        for name, note in sets.items()
    ]


def test_recorded_real_validation_names_its_sets() -> None:
    """The real-paragraph rows (recorded, not recomputable here) are the sets this file names."""
    recorded = load_validation(REAL_VALIDATION_PATH)
    assert list(recorded.columns) == list(VALIDATION_COLUMNS)
    assert list(recorded["set"]) == list(REAL_SETS)


def current_rows() -> list[dict[str, object]]:
    return rows_of(FIXTURES, HELDOUT_SETS)


def test_recorded_validation_is_todays() -> None:
    recorded = VALIDATION_PATH.read_text(encoding="utf-8")
    assert recorded == validation_csv(current_rows()), (
        "theme_validation.csv is out of date: run .venv/bin/python tests/test_theme_validation.py"
    )
    assert set(load_validation()["set"]) == set(HELDOUT_SETS)


if __name__ == "__main__":
    VALIDATION_PATH.write_text(validation_csv(current_rows()), encoding="utf-8")
    print(f"wrote {VALIDATION_PATH}", file=sys.stderr)
    if all((REAL_ROOT / name).is_dir() for name in REAL_SETS):
        REAL_VALIDATION_PATH.write_text(
            validation_csv(rows_of(REAL_ROOT, REAL_SETS)), encoding="utf-8"
        )
        print(f"wrote {REAL_VALIDATION_PATH}", file=sys.stderr)
    else:
        print(
            f"real sets not under {REAL_ROOT}: {REAL_VALIDATION_PATH} left as it is",
            file=sys.stderr,
        )
