"""Publishing: datapackage.json, Excel workbook, data dictionary, HTML pages (Jinja2 templates).

The CSV files themselves are written by `analysis.tables_io`.

Everything written to data/processed/ and docs/ is a pure function of the tables and
`analysis.schema`: no timestamps, no absolute paths, byte-identical on rerun. Run details
(date, elapsed times) go to reports/index.html only.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import jinja2
import pandas as pd

from analysis import __version__
from analysis.ingest import Corpus
from analysis.pipeline import document_warnings
from analysis.schema import DATASET_VERSION, PACKAGE, TABLES, VOCABULARIES, Field, Table, table
from analysis.tables_io import (
    FORMULA_NOTE,
    FORMULA_NOTE_ZH,
    TableError,
    format_table,
    is_missing,
    load_tables,
    write_atomic,
)

#: Fixed workbook creation date so that tables.xlsx is byte-identical across runs.
WORKBOOK_CREATED = dt.datetime(2000, 1, 1)
SITE_TITLE_ZH = "资源型地区高质量发展政策文本分析"
SITE_TITLE_EN = "Policy texts on resource-based regions"


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
    write_atomic(path, text.encode("utf-8"))
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


#: Excel's limits: rows of a sheet (the header included) and characters of a cell.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL_CHARS = 32_767


def truncated_cell(cell: str, table_name: str) -> str:
    """A text cell cut to what an Excel cell holds, ending with a note where the full text is."""
    note = f"…[truncated: full text in {table_name}.csv]"
    return cell if len(cell) <= EXCEL_MAX_CELL_CHARS else cell[: EXCEL_MAX_CELL_CHARS - len(note)] + note


def sheet_parts(name: str, n_rows: int, max_rows: int = EXCEL_MAX_ROWS) -> list[tuple[str, int, int]]:
    """(sheet name, first row, stop row) of the sheets holding `n_rows` data rows of a table: one
    sheet when they fit under a header, else `name`, `name (2)`, … of `max_rows - 1` rows each."""
    per_sheet = max_rows - 1
    if n_rows <= per_sheet:
        return [(name, 0, n_rows)]
    return [(name if i == 0 else f"{name} ({i + 1})", start, min(start + per_sheet, n_rows)) for i, start in enumerate(range(0, n_rows, per_sheet))]


def _checked(code: int, sheet: str, row: int, column: int) -> None:
    """xlsxwriter returns 0 on success; anything else is an error we must not pass over."""
    if code not in (0, None):
        raise TableError(f"tables.xlsx, sheet {sheet!r}, row {row + 1}, column {column + 1}: xlsxwriter error {code}")


def _write_sheet(workbook, name: str, rows: list[list[str]], types: list[str], header_format, table_name: str = "") -> list[str]:
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
                    of_doc = f" of doc_id {row[header.index('doc_id')]}" if "doc_id" in header else ""
                    cut.append(f"row {r + 1}{of_doc}, column {header[c]} ({len(cell):,} characters)")
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
    return [f"tables.xlsx, sheet {name}: {len(cut)} cell(s) over Excel's {EXCEL_MAX_CELL_CHARS:,} characters cut there ({shown}); the CSV holds the full text"]


def write_workbook(tables: Mapping[str, pd.DataFrame], path: Path, warnings: list[str] | None = None) -> Path:
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
                notes.append(f"tables.xlsx: table {name} has {len(rows):,} rows, more than an Excel sheet holds; continued on sheets {', '.join(p[0] for p in parts[1:])}")
            for sheet_name, start, stop in parts:
                notes += _write_sheet(workbook, sheet_name, [list(text.columns), *rows[start:stop]], [f.type for f in TABLES[name].fields], bold, name)
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
        "src/analysis/schema.py. Do not edit by hand: edit schema.py and run `make docs`. -->",
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
        f"Formula-like text: {FORMULA_NOTE}",
        "",
        f"公式样文本：{FORMULA_NOTE_ZH}",
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
    write_atomic(Path(path), dictionary_markdown().encode("utf-8"))
    return Path(path)


# ---------------------------------------------------------------------------
# HTML: templates (src/analysis/templates/), notebook export, reports/index.html
# ---------------------------------------------------------------------------

TEMPLATES_DIR = Path(__file__).parent / "templates"
#: The nbconvert template of notebook pages, as nbconvert's loader names it.
_NOTEBOOK_TEMPLATE = "analysis_report.html.j2"


def _blank(value: object) -> object:
    """Jinja filter: blank for None, NaN and NA, the value otherwise (escaped by autoescape)."""
    return "" if value is None or is_missing(value) else value


def _json(value: object) -> str:
    """Jinja filter: a parameter value as JSON text (non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False)


@functools.cache
def _environment() -> jinja2.Environment:
    """The Jinja2 environment of our pages: templates folder, autoescape on, strict names."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["blank"] = _blank
    environment.filters["json"] = _json
    return environment


def render(template_name: str, **context: object) -> str:
    """A page or fragment from src/analysis/templates/, every value HTML-escaped."""
    return _environment().get_template(template_name).render(**context)


_LIVE_MARKUP = re.compile(
    r"<(?:script|iframe|object|embed)\b|javascript:|<[^>]*\son[a-z]+\s*=", re.IGNORECASE
)


def live_markup(html_text: str) -> list[str]:
    """Pieces of an HTML page that could run code (script tags, event handlers, javascript:).

    The index and the KWIC fragment contain none (a test asserts it); notebook pages carry
    only the scripts of the interactive tables (`interactive_tables_init_html`, itables).
    """
    return _LIVE_MARKUP.findall(html_text)


def kwic_html(rows: Iterable[Mapping[str, object]], columns: Sequence[str] = ()) -> str:
    """An HTML table of keyword-in-context rows, every piece of text escaped.

    Each row has "left", "keyword" and "right" (see `analysis.compare.kwic`), plus any
    `columns` shown first (e.g. "doc_id", "clause_id"). The keyword is highlighted with <mark>.
    """
    return render("kwic.html.j2", rows=list(rows), columns=list(columns)).rstrip("\n")


def notebook_html(nb, title: str) -> str:
    """Self-contained HTML of a notebook node: code hidden, images inline, page <title> set."""
    from nbconvert import HTMLExporter

    nb = nb.copy()
    nb.metadata = dict(nb.metadata)
    nb.metadata["title"] = title  # nbconvert escapes it into <title>
    for cell in nb.cells:  # papermill gives its parameters cell a random id: fix it, same page bytes on rerun
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    template = (TEMPLATES_DIR / "notebook_page.html.j2").read_text(encoding="utf-8")
    exporter = HTMLExporter(
        template_name="lab",
        template_file=_NOTEBOOK_TEMPLATE,
        extra_loaders=[jinja2.DictLoader({_NOTEBOOK_TEMPLATE: template})],
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
    write_atomic(Path(html_path), notebook_html(nb, title).encode("utf-8"))
    return Path(html_path)


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
    return render(
        "reports_index.html.j2",
        site_title_zh=SITE_TITLE_ZH,
        site_title_en=SITE_TITLE_EN,
        pages=pages,
        inputs=inputs,
        package_version=package_version,
        dataset_version=dataset_version,
        warnings=warnings,
        timings=timings,
        run_started=run_started,
    )


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
    write_atomic(path, text.encode("utf-8"))
    return path


# ---------------------------------------------------------------------------
# After the notebooks: everything published from one run
# ---------------------------------------------------------------------------

REPORTS_README = """# reports/

Generated by `make report` (`python -m analysis run`); not committed. Open
`index.html`: it links one self-contained HTML page per notebook run, lists the
input files with their sha256, the parameters and the versions. `figures/` holds
the plots as PNG; the executed notebooks (`*.ipynb`) are kept for inspection.
"""


def shown_path(path: str | os.PathLike) -> str:
    """A folder as a page shows it: relative to the project when inside it, otherwise
    only its last two parts after …/ (never this machine's absolute path)."""
    from analysis.paths import PROJECT_ROOT

    candidate = Path(path)
    if not candidate.is_absolute():
        return candidate.as_posix()
    try:
        return candidate.resolve().relative_to(PROJECT_ROOT.resolve()).as_posix() or "."
    except ValueError:
        return "…/" + "/".join(candidate.parts[-2:])


def page_order(runs: Sequence) -> list:
    """Notebook runs in the index's order: as run, except that the province profiles come in
    the official province order (北京市 first, unknown last) whatever order they finished in."""
    from analysis.report import province_rank

    profiles = [run for run in runs if "province" in run.parameters]
    ranked = iter(sorted(profiles, key=lambda run: province_rank(str(run.parameters["province"]))))
    return [next(ranked) if "province" in run.parameters else run for run in runs]


def publish_outputs(corpus: Corpus, runs: list, staged: dict[str, Path], shown_dirs: dict[str, str]) -> list[str]:
    """After the notebooks: HTML pages, reports/index.html, datapackage.json and tables.xlsx.

    `runs` are the notebook runs (output_stem, title, notebook, parameters, seconds);
    `staged` holds the "processed" and "reports" folders being written; `shown_dirs` the
    folder names shown on the index instead of the staging paths.
    Returns the warnings found by the notebooks that the input check did not know.
    """
    reports_dir = staged["reports"]
    (reports_dir / "README.md").write_text(REPORTS_README, encoding="utf-8")
    processed_dir = staged["processed"]
    pages = []
    for run in page_order(runs):
        html_name = f"{run.output_stem}.html"
        export_html(reports_dir / f"{run.output_stem}.ipynb", reports_dir / html_name, run.title)
        shown = {key: shown_dirs.get(key, value) for key, value in run.parameters.items() if key != "interim_dir"}
        for key in ("processed_dir", "reports_dir"):
            if key in shown:
                shown[key] = shown_dirs[key]
        shown = {key: shown_path(value) if key.endswith("_dir") else value for key, value in shown.items()}
        pages.append({"title": run.title, "href": html_name, "notebook": f"notebooks/{run.notebook}.ipynb", "parameters": shown, "seconds": round(run.seconds, 1)})
    inputs = [{"source_file": doc.source_file, "sha256": doc.sha256} for doc in corpus.documents]
    write_datapackage(processed_dir)
    tables = load_tables(processed_dir)
    workbook_warnings: list[str] = []
    write_workbook(tables, processed_dir / "tables.xlsx", workbook_warnings)
    new_warnings = [m for m in document_warnings(tables["documents"]) if m not in corpus.warnings]
    new_warnings += workbook_warnings
    write_index(
        reports_dir,
        pages=pages,
        inputs=inputs,
        package_version=__version__,
        dataset_version=DATASET_VERSION,
        warnings=[*corpus.warnings, *new_warnings],
        timings={page["href"]: page["seconds"] for page in pages},
    )
    return new_warnings


# ---------------------------------------------------------------------------
# Interactive tables (itables, offline): sortable, searchable, paged, no download
# ---------------------------------------------------------------------------

#: Rows per page of an interactive table, and the page-length menu.
TABLE_PAGE_LENGTH = 10
TABLE_LENGTH_MENU = [10, 25, 100, -1]
_TABLE_ID = re.compile(r"[^A-Za-z0-9_-]+")  # anything not allowed in our table ids
# A run of backslashes before a \uXXXX escape of a non-ASCII character: \u6cb3 (a JSON escape in
# the page's script) or \\u6cb3 (the same escape inside the JSON string that itables nests).
_NON_ASCII_ESCAPE = re.compile(r"(?<!\\)(\\{1,2})u([0-9a-fA-F]{4})")


def _unescape_non_ascii(script: str) -> str:
    """Write escaped CJK characters as themselves (3 bytes in UTF-8 instead of 6–7 as \\uXXXX).

    Only characters from U+00A0 up, outside the surrogates and U+2028/U+2029, are written
    out: those mean the same inside a JavaScript string; quotes, <, controls stay escaped.
    """

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(2), 16)
        if code < 0xA0 or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029):
            return match.group(0)
        return chr(code)

    return _NON_ASCII_ESCAPE.sub(replace, script)


def interactive_tables_init_html() -> str:
    """The DataTables bundle (JavaScript and CSS, base64, ~1 MB) for one page, shown once before
    any `interactive_table_html`; nothing is loaded from the network (itables offline mode)."""
    from itables import javascript, options

    init = javascript.read_package_file("html/init_datatables.html")
    init = javascript.replace_value(
        init,
        "import { set_or_remove_dark_class } from '" + javascript.UNPKG_DT_BUNDLE_URL_NO_VERSION + "';",
        "const { set_or_remove_dark_class } = await window." + javascript._itables_underscore_version() + ";",
    )
    return init + javascript.generate_init_offline_itables_html(options.dt_bundle)


def interactive_table_html(frame: pd.DataFrame, table_id: str, page_length: int = TABLE_PAGE_LENGTH) -> str:
    """A sortable, searchable, paged table of every row of `frame` (cells escaped, no downsampling).

    `table_id` names the table in the page (letters, digits, - and _ kept), so a page is the
    same bytes on every run. Needs `interactive_tables_init_html` earlier in the page.
    """
    from itables import to_html_datatable

    html = to_html_datatable(
        frame,
        table_id="t_" + _TABLE_ID.sub("_", table_id),
        connected=False,
        maxBytes=0,  # never drop rows to save bytes: every row stays reachable
        maxRows=0,
        maxColumns=0,
        showIndex=False,
        allow_html=False,
        pageLength=page_length,
        lengthMenu=TABLE_LENGTH_MENU,
        classes="display compact cell-border",
        display_logo_when_loading=False,
        warn_on_undocumented_option=False,
    )
    return _unescape_non_ascii(html)


def static_table_html(frame: pd.DataFrame) -> str:
    """A small table for people (no index column, cells escaped, blanks for missing values)."""
    return frame.to_html(index=False, border=0, classes="readable", na_rep="", escape=True)


def none_named_html() -> str:
    """What a section with nothing in it shows (report.NONE_NAMED)."""
    from analysis.report import NONE_NAMED

    return render("none_named.html.j2", text=NONE_NAMED).rstrip("\n")


def table_html(frame: pd.DataFrame, table_id: str) -> str:
    """A table for a page: "none named" when empty, a plain table up to TABLE_PAGE_LENGTH rows,
    otherwise an interactive one (sortable, searchable, every row reachable)."""
    if frame is None or frame.empty:
        return none_named_html()
    if len(frame) <= TABLE_PAGE_LENGTH:
        return static_table_html(frame)
    return interactive_table_html(frame, table_id)
