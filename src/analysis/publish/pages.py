"""HTML: Jinja2 templates with autoescape (src/analysis/templates/), notebook pages,
reports/index.html, KWIC fragments and the tables shown on pages (plain or interactive).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import jinja2
import pandas as pd

from analysis.tables_io import is_missing, write_atomic

SITE_TITLE_ZH = "资源型地区高质量发展政策文本分析"
SITE_TITLE_EN = "Policy texts on resource-based regions"


# ---------------------------------------------------------------------------
# HTML: templates (src/analysis/templates/), notebook export, reports/index.html
# ---------------------------------------------------------------------------


TEMPLATES_DIR = Path(__file__).parent.parent / "templates"  # src/analysis/templates/
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
    for cell in (
        nb.cells
    ):  # papermill gives its parameters cell a random id: fix it, same page bytes on rerun
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
    text = index_html(
        pages, inputs, package_version, dataset_version, warnings, timings, run_started
    )
    path = Path(reports_dir) / "index.html"
    write_atomic(path, text.encode("utf-8"))
    return path


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
        "import { set_or_remove_dark_class } from '"
        + javascript.UNPKG_DT_BUNDLE_URL_NO_VERSION
        + "';",
        "const { set_or_remove_dark_class } = await window."
        + javascript._itables_underscore_version()
        + ";",
    )
    return init + javascript.generate_init_offline_itables_html(options.dt_bundle)


def interactive_table_html(
    frame: pd.DataFrame, table_id: str, page_length: int = TABLE_PAGE_LENGTH
) -> str:
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
