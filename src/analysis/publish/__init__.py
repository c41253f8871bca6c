"""Publishing: datapackage.json, Excel workbook, data dictionary, HTML pages (Jinja2 templates).

The CSV files themselves are written by `analysis.tables_io`.

Everything written to data/processed/ and docs/ is a pure function of the tables and
`analysis.schema`: no timestamps, no absolute paths, byte-identical on rerun. Run details
(date, elapsed times) go to reports/index.html only.

One module per output; every public name stays importable from `analysis.publish`:
`datapackage` (datapackage.json, docs/data-dictionary.md), `workbook` (tables.xlsx),
`pages` (templates, notebook pages, reports/index.html, KWIC, tables on pages),
`run` (`publish_outputs`: everything published after the notebooks of one run).
"""

from analysis.publish.datapackage import (
    datapackage_descriptor,
    dictionary_markdown,
    resource_descriptor,
    write_datapackage,
    write_dictionary_markdown,
)
from analysis.publish.pages import (
    SITE_TITLE_EN,
    SITE_TITLE_ZH,
    TABLE_LENGTH_MENU,
    TABLE_PAGE_LENGTH,
    TEMPLATES_DIR,
    export_html,
    index_html,
    interactive_table_html,
    interactive_tables_init_html,
    kwic_html,
    live_markup,
    none_named_html,
    notebook_html,
    render,
    static_table_html,
    table_html,
    write_index,
)
from analysis.publish.run import REPORTS_README, page_order, publish_outputs, shown_path
from analysis.publish.workbook import (
    EXCEL_MAX_CELL_CHARS,
    EXCEL_MAX_ROWS,
    WORKBOOK_CREATED,
    columns_sheet_rows,
    sheet_parts,
    truncated_cell,
    write_workbook,
)

__all__ = [
    "EXCEL_MAX_CELL_CHARS",
    "EXCEL_MAX_ROWS",
    "REPORTS_README",
    "SITE_TITLE_EN",
    "SITE_TITLE_ZH",
    "TABLE_LENGTH_MENU",
    "TABLE_PAGE_LENGTH",
    "TEMPLATES_DIR",
    "WORKBOOK_CREATED",
    "columns_sheet_rows",
    "datapackage_descriptor",
    "dictionary_markdown",
    "export_html",
    "index_html",
    "interactive_table_html",
    "interactive_tables_init_html",
    "kwic_html",
    "live_markup",
    "none_named_html",
    "notebook_html",
    "page_order",
    "publish_outputs",
    "render",
    "resource_descriptor",
    "sheet_parts",
    "shown_path",
    "static_table_html",
    "table_html",
    "truncated_cell",
    "write_datapackage",
    "write_dictionary_markdown",
    "write_index",
    "write_workbook",
]
