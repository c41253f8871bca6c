"""The Excel workbook tables.xlsx: one typed sheet per table and a "columns" sheet.

Byte-identical for identical tables (a fixed creation date); Excel's row and cell limits
are met by continuing sheets and cutting long text in the workbook only, each said in a warning.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from analysis.schema import DATASET_VERSION, PACKAGE, TABLES, Field, table
from analysis.tables_io import TableError, format_table

#: Fixed workbook creation date so that tables.xlsx is byte-identical across runs.
WORKBOOK_CREATED = dt.datetime(2000, 1, 1)


def _allowed_values(field: Field) -> str:
    if not field.enum:
        return ""
    blank = "" if field.required else " (or blank)"
    return ", ".join(field.enum) + blank


def columns_sheet_rows(table_names: Iterable[str]) -> list[list[str]]:
    """Rows (with header) of the workbook's "columns" sheet."""
    rows = [
        ["table", "column", "type", "unit", "description_en", "description_zh", "allowed_values"]
    ]
    for name in table_names:
        for f in table(name).fields:
            rows.append([name, f.name, f.type, f.unit, f.en, f.zh, _allowed_values(f)])
    return rows


def _display_width(text: str) -> int:
    """Approximate column width: East Asian wide characters count double."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


#: Excel's limits: rows of a sheet (the header included) and characters of a cell.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL_CHARS = 32_767


def truncated_cell(cell: str, table_name: str) -> str:
    """A text cell cut to what an Excel cell holds, ending with a note where the full text is."""
    note = f"…[truncated: full text in {table_name}.csv]"
    return (
        cell
        if len(cell) <= EXCEL_MAX_CELL_CHARS
        else cell[: EXCEL_MAX_CELL_CHARS - len(note)] + note
    )


def sheet_parts(
    name: str, n_rows: int, max_rows: int = EXCEL_MAX_ROWS
) -> list[tuple[str, int, int]]:
    """(sheet name, first row, stop row) of the sheets holding `n_rows` data rows of a table: one
    sheet when they fit under a header, else `name`, `name (2)`, … of `max_rows - 1` rows each."""
    per_sheet = max_rows - 1
    if n_rows <= per_sheet:
        return [(name, 0, n_rows)]
    return [
        (name if i == 0 else f"{name} ({i + 1})", start, min(start + per_sheet, n_rows))
        for i, start in enumerate(range(0, n_rows, per_sheet))
    ]


def _checked(code: int, sheet: str, row: int, column: int) -> None:
    """xlsxwriter returns 0 on success; anything else is an error we must not pass over."""
    if code not in (0, None):
        raise TableError(
            f"tables.xlsx, sheet {sheet!r}, row {row + 1}, column {column + 1}: xlsxwriter error {code}"
        )


def _write_sheet(
    workbook,
    name: str,
    rows: list[list[str]],
    types: list[str],
    header_format,
    table_name: str = "",
) -> list[str]:
    """One sheet: typed cells, long text cut to Excel's cell size; returns warnings about cuts."""
    sheet = workbook.add_worksheet(name)
    header, body = rows[0], rows[1:]
    _checked(sheet.write_row(0, 0, header, header_format), name, 0, 0)
    cut = []
    for r, row in enumerate(body, start=1):
        for c, (cell, kind) in enumerate(zip(row, types, strict=True)):
            if cell == "":
                continue
            if kind == "integer":
                code = sheet.write_number(r, c, int(cell))
            elif kind == "number":
                code = sheet.write_number(r, c, float(cell))
            elif kind == "boolean":
                code = sheet.write_boolean(r, c, cell == "true")
            else:
                if len(cell) > EXCEL_MAX_CELL_CHARS:
                    of_doc = (
                        f" of doc_id {row[header.index('doc_id')]}" if "doc_id" in header else ""
                    )
                    cut.append(
                        f"row {r + 1}{of_doc}, column {header[c]} ({len(cell):,} characters)"
                    )
                    cell = truncated_cell(cell, table_name or name)
                code = sheet.write_string(r, c, cell)
            _checked(code, name, r, c)
    for c, title in enumerate(header):
        sample = [title] + [row[c] for row in body[:500]]
        sheet.set_column(c, c, min(60, max(_display_width(s) for s in sample) + 2))
    sheet.freeze_panes(1, 0)
    if body:
        _checked(sheet.autofilter(0, 0, len(body), len(header) - 1), name, 0, 0)
    if not cut:
        return []
    shown = "; ".join(cut[:3]) + (f"; and {len(cut) - 3} more" if len(cut) > 3 else "")
    return [
        f"tables.xlsx, sheet {name}: {len(cut)} cell(s) over Excel's {EXCEL_MAX_CELL_CHARS:,} "
        f"characters cut there ({shown}); the CSV holds the full text"
    ]


def write_workbook(
    tables: Mapping[str, pd.DataFrame], path: Path, warnings: list[str] | None = None
) -> Path:
    """Write tables.xlsx: one sheet per table (schema order) plus a "columns" sheet.

    Values are the same checked, sorted, rounded cells as in the CSVs (without the CSVs' '
    before formula-like text: here every text is a text cell, never a formula); numbers and
    booleans are typed cells, dates stay ISO text. Excel's limits: a table with more rows
    than a sheet holds continues on sheets `name (2)`, …; a text over 32,767 characters is
    cut in the workbook only. Each is said in `warnings` (when given). Every xlsxwriter
    return code is checked. The file is byte-identical for identical tables.
    """
    import xlsxwriter

    names = [n for n in TABLES if n in tables]
    unknown = [n for n in tables if n not in TABLES]
    if unknown:
        raise TableError(f"unknown table(s) for the workbook: {', '.join(unknown)}")
    texts = {n: format_table(tables[n], n) for n in names}
    notes = warnings if warnings is not None else []
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        workbook = xlsxwriter.Workbook(
            tmp,
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        workbook.set_properties(
            {
                "title": PACKAGE["title"],
                "comments": f"dataset version {DATASET_VERSION}; see datapackage.json",
                "created": WORKBOOK_CREATED,
            }
        )
        bold = workbook.add_format({"bold": True})
        for name in names:
            text = texts[name]
            rows = list(map(list, text.itertuples(index=False, name=None)))
            parts = sheet_parts(name, len(rows))
            if len(parts) > 1:
                notes.append(
                    f"tables.xlsx: table {name} has {len(rows):,} rows, more than an Excel sheet holds; "
                    f"continued on sheets {', '.join(p[0] for p in parts[1:])}"
                )
            for sheet_name, start, stop in parts:
                notes += _write_sheet(
                    workbook,
                    sheet_name,
                    [list(text.columns), *rows[start:stop]],
                    [f.type for f in TABLES[name].fields],
                    bold,
                    name,
                )
        _write_sheet(workbook, "columns", columns_sheet_rows(names), ["string"] * 7, bold)
        workbook.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
