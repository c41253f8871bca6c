"""Theme and policy-instrument coding of clauses with versioned keyword codebooks.

One module per concern; every name used outside the package is importable from
`analysis.themes`:

- `codebook`: reading and validating codebook.yaml, instruments.yaml, national_tasks.yaml
  (`load_codebook`, `load_instruments`, `check_categories`, `CodebookError`) and themes.csv
  (`codebook_table`);
- `masking`: text that is not the clause's own (BLANK for cited titles, reply topics, agency
  and company names; the agency-suffix guards) and pinyin or blank runs between hanzi
  (`squeeze_annotations`);
- `matching`: keyword hits (`KeywordMatcher`, `theme_hits`, `themes_of`) and the tagging
  tables (`tag_themes`, `tag_instruments`);
- `framing`: the shapes of a unit: titles, framing paragraphs (`is_framing_shape`), region
  typology (`typology_evidence`);
- `phrases`: where a keyword stands in a clause (position factors, enumerations, what a
  phrase is about);
- `primary`: the primary theme and theme set of a coding unit (`rank_unit_themes`,
  `code_unit`, `unit_theme_set`, `deciding_rule`); its docstring states the whole rule;
- `paragraphs`: a paragraph as the coding unit evaluate-themes validates (`code_paragraph`),
  each paragraph's themes (`paragraph_theme_sets`) and which clause × theme matches count
  for coverage (`tag_counted_themes`, `counted_matches`).
"""

from __future__ import annotations

from analysis.themes.codebook import (
    CODEBOOK_PATH,
    CONTEXT_ROLE,
    INSTRUMENTS_PATH,
    MATCH_SEPARATOR,
    MIN_THEMES,
    NATIONAL_TASKS_PATH,
    SEED_SOURCE,
    TOPIC_ROLE,
    Codebook,
    CodebookError,
    InstrumentCodebook,
    NationalTask,
    Theme,
    check_categories,
    codebook_table,
    load_codebook,
    load_instruments,
    load_national_tasks,
)
from analysis.themes.framing import (
    FRAMING_THEME,
    LAST_POSITION,
    is_framing_section,
    is_framing_shape,
)
from analysis.themes.masking import BLANK
from analysis.themes.matching import (
    Hit,
    KeywordMatcher,
    instrument_matcher,
    tag_instruments,
    tag_themes,
    theme_hits,
    theme_matcher,
    themes_of,
)
from analysis.themes.paragraphs import (
    code_paragraph,
    counted_matches,
    paragraph_theme_sets,
    tag_counted_themes,
)
from analysis.themes.primary import (
    DECIDING_RULES,
    DOCUMENT_TOPIC_MIN_UNITS,
    ThemeScore,
    code_unit,
    deciding_rule,
    document_programmes,
    document_topic_themes,
    programme_in_part,
    rank_unit_themes,
    unit_theme_set,
    unit_themes,
)

__all__ = [
    "BLANK",
    "CODEBOOK_PATH",
    "CONTEXT_ROLE",
    "DECIDING_RULES",
    "DOCUMENT_TOPIC_MIN_UNITS",
    "FRAMING_THEME",
    "INSTRUMENTS_PATH",
    "LAST_POSITION",
    "MATCH_SEPARATOR",
    "MIN_THEMES",
    "NATIONAL_TASKS_PATH",
    "SEED_SOURCE",
    "TOPIC_ROLE",
    "Codebook",
    "CodebookError",
    "Hit",
    "InstrumentCodebook",
    "KeywordMatcher",
    "NationalTask",
    "Theme",
    "ThemeScore",
    "check_categories",
    "code_paragraph",
    "code_unit",
    "codebook_table",
    "counted_matches",
    "deciding_rule",
    "document_programmes",
    "document_topic_themes",
    "instrument_matcher",
    "is_framing_section",
    "is_framing_shape",
    "load_codebook",
    "load_instruments",
    "load_national_tasks",
    "paragraph_theme_sets",
    "programme_in_part",
    "rank_unit_themes",
    "tag_counted_themes",
    "tag_instruments",
    "tag_themes",
    "theme_hits",
    "theme_matcher",
    "themes_of",
    "unit_theme_set",
    "unit_themes",
]
