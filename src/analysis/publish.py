"""Publishing: deterministic CSV, datapackage.json, Excel workbook, data dictionary, HTML pages.

Everything written to data/processed/ and docs/ is a pure function of the tables and
`analysis.schema`: no timestamps, no absolute paths, byte-identical on rerun. Run details
(date, elapsed times) go to reports/index.html only.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.schema import DATASET_VERSION, PACKAGE, TABLES, VOCABULARIES, Field, Table, table

FLOAT_DECIMALS = 6
#: Fixed workbook creation date so that tables.xlsx is byte-identical across runs.
WORKBOOK_CREATED = dt.datetime(2000, 1, 1)
SITE_TITLE_ZH = "资源型地区高质量发展政策文本分析"
SITE_TITLE_EN = "Policy texts on resource-based regions"

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT_TEXT = re.compile(r"^-?\d+$")


class TableError(ValueError):
    """A table does not match its definition in `analysis.schema`."""


# ---------------------------------------------------------------------------
# Cell formatting (one function per column type)
# ---------------------------------------------------------------------------


def _is_missing(value: object) -> bool:
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
    if _is_missing(value):
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
            raise TableError(f"table {spec.name!r}, column {field.name!r}, row {row}: {exc}") from None
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(text.columns)
    writer.writerows(text.itertuples(index=False, name=None))
    return buffer.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
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
    _write_atomic(Path(path), table_csv(df, table_name).encode("utf-8"))
    return Path(path)


# ---------------------------------------------------------------------------
# datapackage.json
# ---------------------------------------------------------------------------


def _field_descriptor(field: Field, spec: Table) -> dict:
    descriptor: dict = {
        "name": field.name,
        "type": field.type,
        "description": field.en,
        "description_zh": field.zh,
    }
    if field.unit:
        descriptor["unit"] = field.unit
    constraints: dict = {}
    if field.required or field.name in spec.primary_key:
        constraints["required"] = True
    if field.enum:
        constraints["enum"] = list(field.enum)
    if field.pattern:
        constraints["pattern"] = field.pattern
    if field.minimum is not None:
        constraints["minimum"] = field.minimum
    if field.maximum is not None:
        constraints["maximum"] = field.maximum
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def resource_descriptor(spec: Table, included: Iterable[str]) -> dict:
    """Frictionless resource for one table; foreign keys only to tables in `included`."""
    included = set(included)
    foreign_keys = [
        {
            "fields": list(fk.fields),
            "reference": {
                "resource": "" if fk.ref_table == spec.name else fk.ref_table,
                "fields": list(fk.ref_fields),
            },
        }
        for fk in spec.foreign_keys
        if fk.ref_table in included
    ]
    schema: dict = {
        "fields": [_field_descriptor(f, spec) for f in spec.fields],
        "missingValues": [""],
        "primaryKey": list(spec.primary_key),
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": spec.name,
        "type": "table",
        "path": f"{spec.name}.csv",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": spec.name,
        "description": f"One row per {spec.grain_en} / {spec.grain_zh}. Notebook: {spec.notebook}.",
        "dialect": {"csv": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"'}},
        "schema": schema,
    }


def datapackage_descriptor(table_names: Iterable[str] | None = None) -> dict:
    """The datapackage.json content for `table_names` (all tables by default), schema order."""
    names = list(TABLES) if table_names is None else list(table_names)
    for name in names:
        table(name)  # clear error for unknown names
    ordered = [n for n in TABLES if n in names]
    return {
        "name": PACKAGE["name"],
        "title": PACKAGE["title"],
        "description": PACKAGE["description"],
        "version": DATASET_VERSION,
        "licenses": PACKAGE["licenses"],
        "resources": [resource_descriptor(TABLES[n], ordered) for n in ordered],
    }


def write_datapackage(processed_dir: Path, table_names: Iterable[str] | None = None) -> Path:
    """Write processed_dir/datapackage.json (relative paths, no timestamps); return its path.

    Every table's CSV must already exist in `processed_dir` (FileNotFoundError otherwise).
    """
    processed_dir = Path(processed_dir)
    descriptor = datapackage_descriptor(table_names)
    missing = [r["path"] for r in descriptor["resources"] if not (processed_dir / r["path"]).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{processed_dir}: cannot describe missing table file(s): {', '.join(missing)}"
        )
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    path = processed_dir / "datapackage.json"
    _write_atomic(path, text.encode("utf-8"))
    return path


# ---------------------------------------------------------------------------
# Excel workbook
# ---------------------------------------------------------------------------


def _allowed_values(field: Field) -> str:
    if not field.enum:
        return ""
    blank = "" if field.required else " (or blank)"
    return ", ".join(field.enum) + blank


def columns_sheet_rows(table_names: Iterable[str]) -> list[list[str]]:
    """Rows (with header) of the workbook's "columns" sheet."""
    rows = [["table", "column", "type", "unit", "description_en", "description_zh", "allowed_values"]]
    for name in table_names:
        for f in table(name).fields:
            rows.append([name, f.name, f.type, f.unit, f.en, f.zh, _allowed_values(f)])
    return rows


def _display_width(text: str) -> int:
    """Approximate column width: East Asian wide characters count double."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _write_sheet(workbook, name: str, rows: list[list[str]], types: list[str], header_format) -> None:
    sheet = workbook.add_worksheet(name)
    header, body = rows[0], rows[1:]
    sheet.write_row(0, 0, header, header_format)
    for r, row in enumerate(body, start=1):
        for c, (cell, kind) in enumerate(zip(row, types, strict=True)):
            if cell == "":
                continue
            if kind == "integer":
                sheet.write_number(r, c, int(cell))
            elif kind == "number":
                sheet.write_number(r, c, float(cell))
            elif kind == "boolean":
                sheet.write_boolean(r, c, cell == "true")
            elif sheet.write_string(r, c, cell) == -2:
                raise TableError(f"sheet {name!r} row {r}: text longer than Excel's 32,767 characters")
    for c, title in enumerate(header):
        sample = [title] + [row[c] for row in body[:500]]
        sheet.set_column(c, c, min(60, max(_display_width(s) for s in sample) + 2))
    sheet.freeze_panes(1, 0)
    if body:
        sheet.autofilter(0, 0, len(body), len(header) - 1)


def write_workbook(tables: Mapping[str, pd.DataFrame], path: Path) -> Path:
    """Write tables.xlsx: one sheet per table (schema order) plus a "columns" sheet.

    Values are the same checked, sorted, rounded cells as in the CSVs; numbers and booleans
    are typed cells, dates stay ISO text. The file is byte-identical for identical tables.
    """
    import xlsxwriter

    names = [n for n in TABLES if n in tables]
    unknown = [n for n in tables if n not in TABLES]
    if unknown:
        raise TableError(f"unknown table(s) for the workbook: {', '.join(unknown)}")
    texts = {n: format_table(tables[n], n) for n in names}
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
            rows = [list(text.columns), *map(list, text.itertuples(index=False, name=None))]
            _write_sheet(workbook, name, rows, [f.type for f in TABLES[name].fields], bold)
        _write_sheet(workbook, "columns", columns_sheet_rows(names), ["string"] * 7, bold)
        workbook.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# ---------------------------------------------------------------------------
# docs/data-dictionary.md
# ---------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


#: Vocabularies longer than this are listed once, under "Vocabularies", not in every table.
_MD_INLINE_VALUES = 12


def _vocabulary_name(values: tuple[str, ...]) -> str:
    return next((name for name, v in VOCABULARIES.items() if v == values), "")


def _md_values(field: Field) -> str:
    if not field.enum:
        return ""
    name = _vocabulary_name(field.enum)
    if len(field.enum) > _MD_INLINE_VALUES and name:
        values = f"{name} vocabulary ({len(field.enum)} values, see [Vocabularies](#vocabularies))"
    else:
        values = ", ".join(f"`{v}`" for v in field.enum)
    return values if field.required else f"{values}, or blank"


def _md_vocabularies() -> list[str]:
    lines = ["## Vocabularies", "", "| vocabulary | values |", "|---|---|"]
    for name, values in VOCABULARIES.items():
        lines.append(f"| {name} | {_md_cell(', '.join(f'`{v}`' for v in values))} |")
    lines.append("")
    return lines


def _md_table_section(spec: Table) -> list[str]:
    lines = [
        f"## `{spec.name}`",
        "",
        f"One row per {spec.grain_en} / {spec.grain_zh}.",
        "",
        f"- File: `data/processed/{spec.name}.csv`; produced by notebook `{spec.notebook}`.",
        f"- Primary key: {', '.join(f'`{c}`' for c in spec.primary_key)}.",
    ]
    if spec.foreign_keys:
        links = "; ".join(
            f"`{', '.join(fk.fields)}` → `{fk.ref_table}.{', '.join(fk.ref_fields)}`"
            for fk in spec.foreign_keys
        )
        lines.append(f"- Foreign keys: {links}.")
    lines += [
        "",
        "| column | type | unit | allowed values | description | 说明 |",
        "|---|---|---|---|---|---|",
    ]
    for f in spec.fields:
        name = f"`{f.name}`" + (" *" if f.required or f.name in spec.primary_key else "")
        cells = [name, f.type, f.unit, _md_values(f), f.en, f.zh]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    lines.append("")
    return lines


def dictionary_markdown() -> str:
    """The data dictionary for people, generated from `analysis.schema`."""
    lines = [
        "# Data dictionary / 数据字典",
        "",
        "<!-- Generated by analysis.publish.write_dictionary_markdown from "
        "src/analysis/schema.py. Do not edit by hand: edit schema.py and regenerate. -->",
        "",
        f"Dataset version {DATASET_VERSION} (see CHANGELOG.md). Tables are UTF-8 CSV files in "
        "`data/processed/`, described for software in `data/processed/datapackage.json` and "
        "for people here and on the `columns` sheet of `data/processed/tables.xlsx`.",
        "",
        "Conventions: one header row; rows sorted by the primary key; numbers written "
        "fixed-point with at most 6 decimals; booleans `true`/`false`; dates ISO `YYYY-MM-DD`; "
        "a blank cell means missing or unknown, never a guess. `start`/`end` are character "
        "offsets (0-based, end exclusive) into the document's normalised text. Columns marked "
        "* are never blank.",
        "",
        "约定：UTF-8 编码，首行为列名；按主键排序；数字为定点小数（最多6位）；布尔值为 "
        "`true`/`false`；日期为 `YYYY-MM-DD`；空白表示缺失或未知。`start`/`end` 为文档规范化文本中的"
        "字符位置（从0起，不含 end）。带 * 的列不为空。",
        "",
        "| table | one row per | primary key | notebook |",
        "|---|---|---|---|",
    ]
    for spec in TABLES.values():
        key = ", ".join(f"`{c}`" for c in spec.primary_key)
        lines.append(f"| [`{spec.name}`](#{spec.name}) | {_md_cell(spec.grain_en)} | {key} | "
                     f"`{spec.notebook}` |")  # fmt: skip
    lines.append("")
    for spec in TABLES.values():
        lines += _md_table_section(spec)
    lines += _md_vocabularies()
    return "\n".join(lines)


def write_dictionary_markdown(path: Path) -> Path:
    """Write the generated data dictionary (docs/data-dictionary.md); return the path."""
    _write_atomic(Path(path), dictionary_markdown().encode("utf-8"))
    return Path(path)


# ---------------------------------------------------------------------------
# HTML: escaping helpers for notebooks, notebook export, reports/index.html
# ---------------------------------------------------------------------------


def escape_text(value: object) -> str:
    """Document text made safe for HTML (quotes too); blank for missing values."""
    if value is None or _is_missing(value):
        return ""
    return html.escape(str(value), quote=True)


_LIVE_MARKUP = re.compile(
    r"<(?:script|iframe|object|embed)\b|javascript:|<[^>]*\son[a-z]+\s*=", re.IGNORECASE
)


def live_markup(html_text: str) -> list[str]:
    """Pieces of an HTML page that could run code (script tags, event handlers, javascript:).

    Pages written by this module contain none; a test can assert this on every page.
    """
    return _LIVE_MARKUP.findall(html_text)


def kwic(text: str, start: int, end: int, width: int = 20) -> dict[str, str]:
    """Keyword in context: `width` characters left and right of text[start:end]."""
    return {
        "left": text[max(0, start - width) : start],
        "keyword": text[start:end],
        "right": text[end : end + width],
    }


def kwic_html(rows: Iterable[Mapping[str, object]], columns: Sequence[str] = ()) -> str:
    """An HTML table of keyword-in-context rows, every piece of text escaped.

    Each row has "left", "keyword" and "right" (see `kwic`), plus any `columns` shown first
    (e.g. "doc_id", "clause_id"). The keyword is highlighted with <mark>.
    """
    head = "".join(f"<th>{escape_text(c)}</th>" for c in columns)
    parts = [
        '<table class="kwic">',
        f'<thead><tr>{head}<th style="text-align:right">left</th><th>keyword</th>'
        "<th>right</th></tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        extra = "".join(f"<td>{escape_text(row.get(c))}</td>" for c in columns)
        parts.append(
            f"<tr>{extra}"
            f'<td style="text-align:right">{escape_text(row.get("left"))}</td>'
            f"<td><mark>{escape_text(row.get('keyword'))}</mark></td>"
            f"<td>{escape_text(row.get('right'))}</td></tr>"
        )
    parts += ["</tbody>", "</table>"]
    return "\n".join(parts)


#: Template for notebook pages: the lab template without the CDN scripts
#: (require.js, MathJax, Mermaid), so a page works offline and loads nothing remote.
_REPORT_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def notebook_html(nb, title: str) -> str:
    """Self-contained HTML of a notebook node: code hidden, images inline, page <title> set."""
    import jinja2
    from nbconvert import HTMLExporter

    nb = nb.copy()
    nb.metadata = dict(nb.metadata)
    nb.metadata["title"] = title  # nbconvert escapes it into <title>
    exporter = HTMLExporter(
        template_name="lab",
        template_file="analysis_report.html.j2",
        extra_loaders=[jinja2.DictLoader({"analysis_report.html.j2": _REPORT_TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def export_html(executed_ipynb: Path, html_path: Path, title: str) -> Path:
    """Export an executed notebook to a self-contained HTML page (code input hidden)."""
    import nbformat

    nb = nbformat.read(str(executed_ipynb), as_version=4)
    _write_atomic(Path(html_path), notebook_html(nb, title).encode("utf-8"))
    return Path(html_path)


_INDEX_CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
       system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h1 small { display: block; font-size: 1.05rem; color: #555; font-weight: normal; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
code { font-size: 0.85rem; word-break: break-all; }
.warnings li { color: #8a4b00; }
.none { color: #777; }
"""


def _h2(zh: str, en: str) -> str:
    return f"<h2>{escape_text(zh)} / {escape_text(en)}</h2>"


def _html_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table; header cells escaped here, row cells must be HTML already."""
    head = "".join(f"<th>{escape_text(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _parameters_html(parameters: Mapping[str, object] | None) -> str:
    if not parameters:
        return '<span class="none">—</span>'
    return "<br>".join(
        f"<code>{escape_text(k)} = {escape_text(json.dumps(v, ensure_ascii=False))}</code>"
        for k, v in parameters.items()
    )


def index_html(
    pages: Sequence[Mapping[str, object]],
    inputs: Sequence[Mapping[str, object]],
    package_version: str,
    dataset_version: str,
    warnings: Sequence[str],
    timings: Mapping[str, float],
    run_started: str,
) -> str:
    """The reports/index.html page (see `write_index`); every value is escaped."""
    page_rows = [
        [
            f'<a href="{escape_text(p.get("href"))}">{escape_text(p.get("title"))}</a>',
            f"<code>{escape_text(p.get('notebook'))}</code>",
            _parameters_html(p.get("parameters")),  # type: ignore[arg-type]
        ]
        for p in pages
    ]
    input_rows = [
        [f"<code>{escape_text(i.get('source_file'))}</code>", f"<code>{escape_text(i.get('sha256'))}</code>"]
        for i in inputs
    ]
    timing_rows = [[escape_text(step), f"{seconds:.1f}"] for step, seconds in timings.items()]
    if warnings:
        warning_html = '<ul class="warnings">\n' + "\n".join(
            f"<li>{escape_text(w)}</li>" for w in warnings
        ) + "\n</ul>"
    else:
        warning_html = '<p class="none">无 / none</p>'
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape_text(SITE_TITLE_ZH)} / {escape_text(SITE_TITLE_EN)}</title>",
        f"<style>{_INDEX_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape_text(SITE_TITLE_ZH)}<small>{escape_text(SITE_TITLE_EN)}</small></h1>",
        _h2("报告", "Reports"),
        _html_table(["页面 / page", "笔记本 / notebook", "参数 / parameters"], page_rows),
        _h2("输入文件", "Input files"),
        _html_table(["文件 / file", "SHA-256"], input_rows),
        _h2("版本", "Versions"),
        _html_table(
            ["", ""],
            [
                ["软件包 / package <code>analysis</code>", f"<code>{escape_text(package_version)}</code>"],
                ["数据集 / dataset", f"<code>{escape_text(dataset_version)}</code>"],
            ],
        ),
        _h2("警告", "Warnings"),
        warning_html,
        _h2("运行信息", "Run details"),
        f"<p>开始时间 / started: <code>{escape_text(run_started)}</code></p>",
        _html_table(["步骤 / step", "秒 / seconds"], timing_rows),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def write_index(
    reports_dir: Path,
    pages: Sequence[Mapping[str, object]],
    inputs: Sequence[Mapping[str, object]],
    package_version: str,
    dataset_version: str,
    warnings: Sequence[str],
    timings: Mapping[str, float],
    run_started: str | None = None,
) -> Path:
    """Write reports/index.html, the one place for run details; return its path.

    pages: dicts with title, href (relative to reports_dir), notebook, parameters (dict).
    inputs: dicts with source_file, sha256. timings: step name → elapsed seconds.
    run_started: ISO timestamp of the run (default: now, UTC).
    """
    if run_started is None:
        run_started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    text = index_html(pages, inputs, package_version, dataset_version, warnings, timings, run_started)
    path = Path(reports_dir) / "index.html"
    _write_atomic(path, text.encode("utf-8"))
    return path
