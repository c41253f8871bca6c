"""Figures: every quantity mentioned in the clauses, with its unit, value, status and year.

Input is the clauses DataFrame (docs/architecture.md); output is the rows of
`figures.csv` (schema.TABLES["figures"]). One module per concern:

- `numbers`: numerals as written (Arabic, Chinese, scale words): `parse_number`;
- `units`: the one unit table (raw unit → canonical unit, factor, kind);
- `quantities`: `find_quantities(text)`, the spans of figures in a text;
- `years`: the one set of year patterns (target, reference, baseline, period years;
  `target_year_of` for targets.csv);
- `frames`: the section and paragraph frames status reads (title_frame, paragraph_frame,
  carried_frame, year_cue);
- `status`: `decide_status`, the one entry point deciding commitment / achievement;
- `duplicates`: `mark_duplicates`, the same fact stated again;
- `extract`: `extract_figures(clauses, published, doc_types, titles=, review_years=)`,
  wiring them.
"""

from __future__ import annotations

from analysis.figures.duplicates import mark_duplicates
from analysis.figures.extract import FIGURE_COLUMNS, extract_figures
from analysis.figures.numbers import chinese_number, number_exact, parse_number
from analysis.figures.quantities import Quantity, find_quantities
from analysis.figures.status import Placement, decide_status
from analysis.figures.units import UNITS
from analysis.figures.years import target_year_of, year_mentions

__all__ = [
    "FIGURE_COLUMNS",
    "UNITS",
    "Placement",
    "Quantity",
    "chinese_number",
    "decide_status",
    "extract_figures",
    "find_quantities",
    "mark_duplicates",
    "number_exact",
    "parse_number",
    "target_year_of",
    "year_mentions",
]
