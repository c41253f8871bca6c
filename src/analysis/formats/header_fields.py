"""The header table of a government information page (信息公开): labels → metadata fields.

A page's header table lists 索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号,
发布日期 …, each label beside its value (in the next cell, or after a colon in
the same cell).
"""

from __future__ import annotations

import re

from analysis.header_block import (  # the one list of labels and the one value rule
    HEADER_LABELS,
    keep_field,
)

# A label at the start of a cell, letters possibly spaced out (标　　题), then an optional colon
# and the value: "发文字号：晋政发〔2022〕5号" → (发文字号, 晋政发〔2022〕5号); "成文日期" → (成文日期, "").
_LABEL = re.compile(
    r"^\s*("
    + "|".join(r"\s*".join(label) for label in sorted(HEADER_LABELS, key=len, reverse=True))
    + r")\s*[:：]?\s*(.*?)\s*$",
    re.S,
)
MIN_LABELS = 3  # distinct header labels that make a table (or list) a header table
MIN_LABELLED_SHARE = 0.6  # of a header table's characters in labels and their values


def label_of(cell: str) -> tuple[str, str] | None:
    """(label without spaces, rest of the cell) when the cell starts with a header label."""
    match = _LABEL.match(cell)
    if not match:
        return None
    return re.sub(r"\s+", "", match.group(1)), match.group(2)


def count_labels(cells: list[str]) -> int:
    """Distinct header labels among the cells."""
    return len({found[0] for cell in cells if (found := label_of(cell))})


def labelled_share(cells: list[str]) -> float:
    """Share of the cells' visible characters in labels and the values right after them (0–1)."""
    total = labelled = 0
    pending = False
    for cell in cells:
        size = len(re.sub(r"\s+", "", cell))
        total += size
        labelled_cell = label_of(cell)
        if labelled_cell or pending:
            labelled += size
        pending = bool(labelled_cell) and not labelled_cell[1]
    return labelled / total if total else 0.0


def header_fields(cells: list[str]) -> dict[str, str]:
    """Metadata fields from the cells of a header table, in reading order.

    A label followed by its value in the same cell, or by a value in the next
    cell; dates as ISO; the first value of a field wins; empty values are dropped.
    """
    found: dict[str, str] = {}
    pending = ""
    for cell in cells:
        labelled = label_of(cell)
        if labelled:
            label, rest = labelled
            pending = label if not rest else ""
            if rest:
                keep_field(found, HEADER_LABELS[label], rest)
            continue
        if pending:
            keep_field(found, HEADER_LABELS[pending], cell)
            pending = ""
    return found
