"""Typed CSV reading and writing of the published tables, driven by `analysis.schema`.

Writing: schema column order (an error for a missing or unknown column), rows sorted by the
primary key, fixed-point numbers, `true`/`false`, blank for missing; vocabularies, required
columns and key uniqueness checked; text cells a spreadsheet would run as formulas get a
leading ' (`escape_formula`, the one place for that rule). Reading: the schema's types back
(blank text stays "", blank numbers <NA>, the ' dropped). Byte-identical output for
identical tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import tempfile
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.schema import TABLE_NAMES, Field, Table, table

FLOAT_DECIMALS = 6

# An ISO date, 2021-02-03
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Control characters never written to a CSV: C0 except tab, LF, form feed, CR; DEL; C1 (NUL, ESC, ^Z …)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# An integer written as text, -12 or 345
_INT_TEXT = re.compile(r"^-?\d+$")


# Text cells a spreadsheet would run as a formula when it opens the CSV (OWASP, CSV injection):
# those starting with = + - @, a tab or a CR. Such a cell is written with a ' in front (the
# spreadsheet then shows it as text), and so is a cell that already starts with ', so that
# dropping one leading ' from every text cell that starts with one gives the value back
# (`load_table` does; see FORMULA_NOTE). Only text columns: numbers stay numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"
FORMULA_NOTE = (
    "Text cells that start with = + - @, a tab or a CR, or with ', are written with one ' in front "
    "(so that a spreadsheet opening the CSV shows them instead of running them as formulas); "
    'drop it to get the value: in pandas `df[col].str.replace(r"^\'", "", regex=True)`, '
    'in R `sub("^\'", "", x)` (`analysis.tables_io.load_table` does this). Numbers are never '
    "prefixed; tables.xlsx holds the values as they are, as text cells (never formulas)."
)
FORMULA_NOTE_ZH = (
    "以 = + - @、制表符、回车或 ' 开头的文本单元格，在 CSV 中前面加一个 '（电子表格打开时显示为文本，"
    "不作为公式执行）；去掉开头的一个 ' 即得原值（load_table 自动去掉）。数字不加前缀；"
    "tables.xlsx 中为原值的文本单元格。"
)


def escape_formula(cell: str) -> str:
    """A text cell as the CSV holds it: one ' in front when it starts with = + - @ tab CR or '."""
    return FORMULA_ESCAPE + cell if cell.startswith((*FORMULA_STARTS, FORMULA_ESCAPE)) else cell


def unescape_formula(cell: str) -> str:
    """The value of a text cell read from a CSV: one leading ' dropped (see `escape_formula`)."""
    return cell[1:] if cell.startswith(FORMULA_ESCAPE) else cell


class TableError(ValueError):
    """A table does not match its definition in `analysis.schema`."""


# ---------------------------------------------------------------------------
# Cell formatting (one function per column type)
# ---------------------------------------------------------------------------


def is_missing(value: object) -> bool:
    """True for None, NaN, NA and NaT (scalars only)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value: float, decimals: int = FLOAT_DECIMALS) -> str:
    """Fixed-point text: at most `decimals` decimals, trailing zeros stripped, never scientific.

    >>> format_number(0.1 + 0.2), format_number(2.0), format_number(1e20)
    ('0.3', '2', '100000000000000000000')
    """
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _format_string(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Integral) and not isinstance(value, bool):
        return str(int(value))
    raise ValueError(f"expected text, got {type(value).__name__} {value!r}")


def _format_integer(value: object) -> str:
    if isinstance(value, bool):
        raise ValueError(f"expected an integer, got boolean {value!r}")
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return str(int(number))
        raise ValueError(f"expected an integer, got {value!r}")
    if isinstance(value, str) and _INT_TEXT.match(value):
        return str(int(value))
    raise ValueError(f"expected an integer, got {type(value).__name__} {value!r}")


def _format_number(value: object) -> str:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got boolean {value!r}")
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        return format_number(float(value))
    raise ValueError(f"expected a number, got {type(value).__name__} {value!r}")


def _format_boolean(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    raise ValueError(f"expected true/false, got {type(value).__name__} {value!r}")


def _format_date(value: object) -> str:
    if isinstance(value, str):
        if not value.strip():
            return ""  # blank means unknown (contract: never a guess)
        if _ISO_DATE.match(value):
            dt.date.fromisoformat(value)  # raises on 2021-02-30
            return value
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {value!r}")
    if isinstance(value, dt.datetime):  # includes pandas.Timestamp
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise ValueError(f"expected a date, got {type(value).__name__} {value!r}")


_FORMATTERS = {
    "string": _format_string,
    "integer": _format_integer,
    "number": _format_number,
    "boolean": _format_boolean,
    "date": _format_date,
}


def format_cell(value: object, field: Field) -> str:
    """CSV text of one value of `field`; blank for missing."""
    if is_missing(value):
        return ""
    return _FORMATTERS[field.type](value)


# ---------------------------------------------------------------------------
# Tables: check against the schema, format, sort
# ---------------------------------------------------------------------------


def _check_columns(df: pd.DataFrame, spec: Table) -> None:
    expected = spec.columns
    missing = [c for c in expected if c not in df.columns]
    unknown = [str(c) for c in df.columns if c not in expected]
    problems = []
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s): {', '.join(unknown)}")
    if df.columns.duplicated().any():
        problems.append("duplicated column names")
    if problems:
        raise TableError(
            f"table {spec.name!r}: {'; '.join(problems)}. "
            f"Expected (analysis/schema.py): {', '.join(expected)}"
        )


def _format_column_fast(values: pd.Series, field: Field) -> list[str] | None:
    """Vectorised formatting for dtypes that cannot hold a wrong value; None otherwise."""
    dtype = values.dtype
    if field.type == "string" and isinstance(dtype, pd.StringDtype):
        return values.fillna("").tolist()
    if field.type == "integer" and pd.api.types.is_integer_dtype(dtype):
        return values.astype("string").fillna("").tolist()
    if field.type == "boolean" and pd.api.types.is_bool_dtype(dtype) and not values.hasnans:
        return np.where(values.to_numpy(dtype=bool), "true", "false").tolist()
    return None


def _format_column(values: pd.Series, spec: Table, field: Field) -> list[str]:
    fast = _format_column_fast(values, field)
    if fast is not None:
        return fast
    out = []
    for row, value in enumerate(values.tolist()):
        try:
            out.append(format_cell(value, field))
        except ValueError as exc:
            raise TableError(
                f"table {spec.name!r}, column {field.name!r}, row {row}: {exc}"
            ) from None
    return out


def _check_constraints(text: pd.DataFrame, spec: Table) -> None:
    """Required, enum, pattern, minimum/maximum: the checks frictionless makes, failing early."""
    for field in spec.fields:
        column = text[field.name]
        filled = column[column != ""]
        where = f"table {spec.name!r}, column {field.name!r}"
        if (field.required or field.name in spec.primary_key) and len(filled) < len(column):
            first = int((column == "").to_numpy().argmax())
            raise TableError(
                f"{where}: {len(column) - len(filled)} blank value(s) in a required column "
                f"(first in row {first})"
            )
        if field.enum:
            bad = filled[~filled.isin(field.enum)].value_counts()
            if len(bad):
                shown = ", ".join(f"{v!r} ×{n}" for v, n in bad.head(5).items())
                raise TableError(
                    f"{where}: value(s) outside the vocabulary: {shown}. "
                    f"Allowed: {', '.join(field.enum)}"
                )
        if field.pattern:
            bad = filled[~filled.str.fullmatch(field.pattern)]
            if len(bad):
                raise TableError(f"{where}: {bad.iloc[0]!r} does not match {field.pattern}")
        if field.minimum is not None or field.maximum is not None:
            numbers = filled.astype(float)
            low = field.minimum if field.minimum is not None else -math.inf
            high = field.maximum if field.maximum is not None else math.inf
            bad = numbers[(numbers < low) | (numbers > high)]
            if len(bad):
                raise TableError(f"{where}: {bad.iloc[0]} outside [{low}, {high}]")


def _sort_key(spec: Table):
    def key(column: pd.Series) -> pd.Series:
        if spec.field(str(column.name)).type in ("integer", "number"):
            return pd.to_numeric(column)
        return column

    return key


def format_table(df: pd.DataFrame, table_name: str) -> pd.DataFrame:
    """The table as text cells: schema column order, checked, sorted by primary key.

    Raises TableError naming the table, column and problem.
    """
    spec = table(table_name)
    _check_columns(df, spec)
    text = pd.DataFrame(
        {f.name: _format_column(df[f.name], spec, f) for f in spec.fields},
        columns=spec.columns,
        dtype=object,
    )
    _check_constraints(text, spec)
    key = list(spec.primary_key)
    duplicated = text.duplicated(subset=key, keep=False)
    if duplicated.any():
        first = text.loc[duplicated, key].iloc[0].tolist()
        raise TableError(
            f"table {spec.name!r}: primary key ({', '.join(key)}) not unique, "
            f"e.g. {first} appears {int(duplicated.sum())} times in all"
        )
    text = text.sort_values(key, key=_sort_key(spec), kind="stable")
    return text.reset_index(drop=True)


def table_csv(df: pd.DataFrame, table_name: str) -> str:
    """CSV text of a table in the published format (header row, '\\n' line ends)."""
    text = format_table(df, table_name)
    for field in table(table_name).fields:
        if field.type == "string":
            cells = text[field.name]
            bad = cells[cells.str.contains(_CONTROL_CHARS, regex=True)]
            if len(bad):  # ingest refuses them; this is the last guard before a file
                raise TableError(
                    f"table {table_name!r}, column {field.name!r}, row {bad.index[0]}: "
                    "a control character (NUL, ESC …) in the text"
                )
            text[field.name] = [escape_formula(cell) for cell in cells]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(text.columns)
    writer.writerows(text.itertuples(index=False, name=None))
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder (never half-written)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(df: pd.DataFrame, path: Path, table_name: str) -> Path:
    """Write `df` as the published CSV of `table_name` (UTF-8 without BOM); return the path.

    Columns in schema order (TableError if one is missing or unknown), rows sorted by the
    primary key, floats fixed-point with up to 6 decimals, booleans true/false, blank for
    missing; vocabularies, required columns and key uniqueness are checked.
    """
    write_atomic(Path(path), table_csv(df, table_name).encode("utf-8"))
    return Path(path)


def save_table(frame: pd.DataFrame, processed_dir: Path, name: str) -> Path:
    """Write a table as processed_dir/{name}.csv in the published format (see `write_table`)."""
    return write_table(frame, Path(processed_dir) / f"{name}.csv", name)


def load_table(processed_dir: Path, name: str) -> pd.DataFrame:
    """Read processed_dir/{name}.csv with the schema's types (blank text stays "", blank numbers NA)."""
    spec = table(name)
    frame = pd.read_csv(Path(processed_dir) / f"{name}.csv", dtype=str, keep_default_na=False)
    for column in spec.fields:
        if column.name not in frame.columns:
            continue
        values = frame[column.name]
        if column.type == "integer":
            frame[column.name] = pd.to_numeric(values.replace("", None)).astype("Int64")
        elif column.type == "number":
            frame[column.name] = pd.to_numeric(values.replace("", None)).astype("Float64")
        elif column.type == "boolean":
            frame[column.name] = values.map({"true": True, "false": False}).astype("boolean")
        elif column.type == "date":
            frame[column.name] = values.replace("", None)
        elif column.type == "string":
            frame[column.name] = [unescape_formula(cell) for cell in values]
    return frame


def load_tables(
    processed_dir: Path, names: tuple[str, ...] | None = None
) -> dict[str, pd.DataFrame]:
    """Every table of `names` (all of the schema's by default) present in `processed_dir`, typed."""
    return {
        name: load_table(processed_dir, name)
        for name in (TABLE_NAMES if names is None else names)
        if (Path(processed_dir) / f"{name}.csv").exists()
    }
