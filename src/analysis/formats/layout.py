"""What a file's structure says about the lines of its text layer: parts, heading hints, pages.

`analysis.structure` decides parts and headings from the words of a line; for a web
page, a Word file or a PDF the file itself says more, and these functions give it:

- a line inside a region the file marks (navigation, running footer, header table,
  footnotes) takes that region's part;
- where the text has no numbered headings (一、 (一) 1. …), the file's headings
  (h1–h4, Word heading styles) number the sections, coarsest level first;
- a PDF's page numbers for any positions of the text layer.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import pandas as pd

from analysis.formats import TextLayer

HINT_KIND = "hint"  # heading kinds from hints: hint1 … hint9 (the file's own level)
_HINT_LEVELS = ("section", "item", "sub", "point")  # table levels, coarse to fine


class LineSpan(Protocol):
    start: int
    end: int


def region_parts(
    lines: Sequence[LineSpan], assign: Callable[[list], list[str]], layout: TextLayer | None
) -> list[str]:
    """The part of every line: a marked region's part for the lines inside one, `assign`'s for the rest.

    `assign` (structure.assign_parts) sees only the lines outside the regions, so a
    signature above a page's footer and related links is still the text's last lines.
    """
    if layout is None or not layout.regions:
        return assign(list(lines))
    regions = sorted(layout.regions, key=lambda r: r.start)
    starts = [r.start for r in regions]
    marked: list[str | None] = []
    for line in lines:
        candidate = bisect_right(starts, line.start) - 1
        inside = candidate >= 0 and line.end <= regions[candidate].end
        marked.append(regions[candidate].part if inside else None)
    rest = iter(assign([line for line, part in zip(lines, marked, strict=True) if part is None]))
    return [part if part is not None else next(rest) for part in marked]


def hinted_headings(
    lines: Sequence[LineSpan], parts: list[str], layout: TextLayer | None, body: str
) -> list[tuple[str, int, int] | None]:
    """(kind, number, marker end) for the body lines the file marks as headings, None for the others.

    Kinds are `hint1` … `hint9` by the file's level; numbers count the headings of a
    level since the last coarser one (1, 2, … like 一、 二、); the marker is empty, so
    the whole line is the title.
    """
    found: list[tuple[str, int, int] | None] = [None] * len(lines)
    if layout is None or not layout.headings:
        return found
    counters: dict[int, int] = {}
    hints = sorted(layout.headings, key=lambda h: h.start)
    position = 0
    for index, line in enumerate(lines):
        while position < len(hints) and hints[position].end <= line.start:
            position += 1
        if position == len(hints):
            break
        hint = hints[position]
        if parts[index] != body or not (hint.start < line.end and line.start < hint.end):
            continue
        position += 1  # one line per heading: a heading broken over lines is titled by its first
        counters = {level: n for level, n in counters.items() if level <= hint.level}
        counters[hint.level] = counters.get(hint.level, 0) + 1
        found[index] = (f"{HINT_KIND}{hint.level}", counters[hint.level], 0)
    return found


def hint_levels(kinds: set[str]) -> dict[str, str]:
    """Heading-hint kinds → table level: the coarsest present is the section, then item, sub, point."""
    ordered = sorted(kind for kind in kinds if kind.startswith(HINT_KIND))
    return {
        kind: _HINT_LEVELS[min(index, len(_HINT_LEVELS) - 1)] for index, kind in enumerate(ordered)
    }


def page_numbers(layout: TextLayer | None, positions: np.ndarray) -> np.ndarray:
    """The PDF page (1-based) of each position of the text layer; None everywhere for other formats.

    A position between two stretches (a line end) takes the page of the stretch before it.
    """
    out = np.full(len(positions), None, dtype=object)
    if layout is None or not layout.pages:
        return out
    pages = sorted(layout.pages, key=lambda p: p.start)
    starts = [p.start for p in pages]
    for index, position in enumerate(positions.tolist()):
        candidate = max(bisect_right(starts, position) - 1, 0)
        out[index] = pages[candidate].page_no
    return out


def figure_pages(figures: pd.DataFrame, clauses: pd.DataFrame) -> pd.Series:
    """The PDF page of each figure: the page its clause starts on (blank outside PDFs).

    A clause running over a page break keeps its first page, so a figure after the
    break is given the page before it.
    """
    if figures.empty or "page_no" not in clauses.columns:
        return pd.Series(pd.array([None] * len(figures), dtype="Int64"), index=figures.index)
    page_of_clause = pd.Series(
        pd.array(clauses["page_no"].tolist(), dtype="Int64"), index=clauses["clause_id"].to_numpy()
    )
    return pd.Series(
        pd.array(figures["clause_id"].map(page_of_clause).tolist(), dtype="Int64"),
        index=figures.index,
    )
