"""Tables people read: document names instead of ids, Chinese and English headers, fixed
decimals with units (亿元), blanks instead of NaN, "none named" where a section is empty.

Used by every report page (`analysis.report` re-exports these names for the notebooks).
"""

from __future__ import annotations

from html import escape as html_escape

import pandas as pd

from analysis import places
from analysis.schema import DOC_TYPES, UNKNOWN_PROVINCE
from analysis.tables_io import is_missing

YI = 1e8  # yuan per 亿元

# ---------------------------------------------------------------------------
# Tables people read: names instead of ids, 中文 English headers, fixed decimals, blanks
# ---------------------------------------------------------------------------

#: Shown where a section has nothing to list.
NONE_NAMED = "无 / none named"
#: Column headers of the pages: Chinese and English.
HEADERS: dict[str, str] = {
    "province": "省份 Province",
    "doc_type": "类型 Type",
    "group": "省份·类型 Province·type",
    "documents": "文件数 Documents",
    "document": "文件 Document",
    "title": "标题 Title",
    "issuer": "发文机关 Issuer",
    "issuer_level": "发文级别 Issuer level",
    "published": "发布日期 Published",
    "n_chars": "字数 Characters",
    "source_file": "源文件 Source file",
    "theme": "主题 Theme",
    "task": "国家任务 National task",
    "rank": "名次 Rank",
    "clauses": "条款数 Clauses",
    "body_clauses": "正文条款 Body clauses",
    "share": "占比 Share",
    "share_excl_template": "占比(不含模板) Share without template",
    "mentions": "提及次数 Mentions",
    "left": "上文 Left",
    "keyword": "关键词 Keyword",
    "right": "下文 Right",
    "clause_id": "条款编号 Clause id",
    "span": "位置 Span",
    "scope_level": "范围 Scope",
    "kind": "类别 Kind",
    "status": "状态 Status",
    "period_type": "时间类型 Period type",
    "period": "时期 Period",
    "yi_yuan": "金额(亿元) Amount (100 million yuan)",
    "yi_yuan_high": "上限(亿元) High end (100 million yuan)",
    "figures": "数字个数 Figures",
    "years": "年份 Years",
    "statements": "目标表述 Statements",
    "quantified": "量化 Quantified",
    "qualitative": "定性 Qualitative",
    "target_years": "目标年份 Target years",
    "target_year": "目标年份 Target year",
    "statement": "表述 Statement",
    "place": "地名 Place",
    "place_level": "级别 Level",
    "instrument_type": "工具类型 Instrument type",
    "instrument_subtype": "工具子类 Instrument subtype",
    "sections": "章节 Sections",
    "numbered_items": "条目 Numbered items",
    "template_clauses": "模板条款 Template clauses",
    "surface": "原文 As written",
    "value": "数值 Value",
    "unit": "单位 Unit",
    "covered_documents": "涉及该任务的文件 Documents taking it up",
    # notebooks 01 and 02: documents, clauses, figures, targets, funding
    "doc_id": "文件编号 Document id",
    "format": "格式 Format",
    "encoding": "编码 Encoding",
    "script": "繁简 Script",
    "doc_number": "发文字号 Document number",
    "posted": "上网日期 Posted",
    "review_year": "回顾年份 Year reviewed",
    "n_clauses": "条款数 Clauses",
    "n_body_chars": "正文字数 Body characters",
    "duplicate_of": "重复于 Duplicate of",
    "warnings": "提示 Warnings",
    "part": "部分 Part",
    "section_no": "章节号 Section",
    "section_title": "章节标题 Section title",
    "item_no": "条目号 Item",
    "item_title": "条目标题 Item title",
    "sub_no": "子项号 Sub-item",
    "sub_title": "子项标题 Sub-item title",
    "value_high": "上限 High end",
    "year": "年份 Year",
    "period_start": "起始日 Period start",
    "period_end": "结束日 Period end",
    "scope_place": "范围地名 Scope place",
    "direction": "方向 Direction",
    "figure_ids": "数字编号 Figure ids",
    "amount_yi_yuan": "金额(亿元) Amount (100 million yuan)",
    "amount_yuan": "金额(元) Amount (yuan)",
    "amount_yuan_high": "上限(元) High end (yuan)",
    "source_levels": "资金来源级别 Source levels",
    "instrument": "资金形式 Instrument",
    "same_money_as": "同一笔资金 Same money as",
    "earliest_year": "最早目标年份 Earliest target year",
    "latest_year": "最晚目标年份 Latest target year",
    "issuer_levels": "发文级别 Issuer levels",
    "theme_id": "主题编号 Theme id",
    "total": "合计 Total",
    # clause parts (columns of the clauses-per-part table)
    "front_matter": "文头 Front matter",
    "body": "正文 Body",
    "back_matter": "落款 Back matter",
    "boilerplate": "网页杂项 Page furniture",
}
#: documents.csv's *_source columns: where each metadata value came from ('省份 Province: 来源 source')
HEADERS.update({
    "set": "检验集 Held-out set", "codebook_version": "编码本 Codebook", "paragraphs": "段落 Paragraphs",
    "agreement": "一致率 Agreement", "kappa": "κ", "kappa_low": "κ 95% 下限 low", "kappa_high": "κ 95% 上限 high",
    "set_precision": "主题集 精确率 Set precision", "set_recall": "主题集 召回率 Set recall",
    "set_f1": "主题集 F1 Set F1", "human_paragraphs": "双人编码段落 Paragraphs coded twice",
    "human_kappa": "人-人 κ Human-human κ", "human_set_f1": "人-人 F1 Human-human set F1", "note": "说明 Note",
    "use": "用途 Use",
})  # fmt: skip
HEADERS.update(
    {
        f"{field}_source": f"{HEADERS[field]}: 来源 source"
        for field in (
            "province",
            "title",
            "issuer",
            "doc_type",
            "published",
            "posted",
            "doc_number",
            "issuer_level",
            "review_year",
        )
    }
)
DOC_TYPE_LABELS = {
    "plan": "方案 plan", "opinion": "意见 opinion", "notice": "通知 notice", "reply": "答复 reply",
    "report": "报告 report", "news": "新闻 news", "other": "其他 other",
}  # fmt: skip
STATUS_LABELS = {
    "commitment": "承诺 commitment",
    "achievement": "成绩 achievement",
    "unknown": "未知 unknown",
}
UNKNOWN_DOC_TYPE = "类型未知 type unknown"  # a blank doc_type
YI_DECIMALS = 4  # 亿元 shown with 4 decimals: 1万元 = 0.0001亿元 stays visible
SHARE_DECIMALS = 1  # shares shown as percent with one decimal
TITLE_CHARS = 40  # titles in document names are cut after this many characters


def province_rank(province: str) -> tuple[int, str]:
    """Sort key of a province: official order (adcode, 北京市 first), unknown and blank last."""
    order = {name: i for i, name in enumerate(places.province_names())}
    return (order.get(province, len(order)), province)


def group_rank(province: str, doc_type: str) -> tuple[int, str, int]:
    """Sort key of a province · doc_type group: province order, then the schema's doc_type order."""
    types = {name: i for i, name in enumerate(DOC_TYPES)}
    return (*province_rank(province), types.get(doc_type, len(types)))


def group_label(province: str, doc_type: str) -> str:
    """'河南省 · 方案 plan': one province's documents of one type (unknown province as 未知)."""
    return f"{province or UNKNOWN_PROVINCE} · {DOC_TYPE_LABELS.get(doc_type, doc_type or UNKNOWN_DOC_TYPE)}"


def short_title(title: object, limit: int = TITLE_CHARS) -> str:
    """A title cut after `limit` characters (…); blank for a missing title."""
    text = "" if title is None or is_missing(title) else str(title)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def document_names(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → '河南省 · 标题 (plan)' for the analysed documents; the file name when a title is blank."""
    names = {}
    for row in ordered_documents(documents).itertuples():
        title = short_title(row.title) or str(row.source_file)
        names[row.doc_id] = (
            f"{row.province or UNKNOWN_PROVINCE} · {title} ({row.doc_type or 'other'})"
        )
    return names


def ordered_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """The analysed documents in page order: province (official order), doc_type, published, doc_id."""
    analysed = documents[documents["duplicate_of"].fillna("") == ""].copy()
    analysed["_rank"] = [
        group_rank(p or "", t or "")
        for p, t in zip(analysed["province"], analysed["doc_type"], strict=True)
    ]
    analysed = analysed.sort_values(
        ["_rank", "published", "doc_id"], key=lambda c: c.fillna("") if c.name == "published" else c
    )
    return analysed.drop(columns="_rank").reset_index(drop=True)


def _cell(value: object, decimals: int | None) -> str:
    """One cell as text: blank for None/NaN/NA, fixed decimals for floats, true/false as 是/否."""
    if value is None or is_missing(value):
        return ""
    if isinstance(value, bool):
        return "是 yes" if value else "否 no"
    if isinstance(value, float):
        if decimals is None:
            return f"{value:g}" if value != int(value) else f"{int(value)}"
        return f"{value:.{decimals}f}"
    return str(value)


def readable(
    frame: pd.DataFrame, decimals: dict[str, int] | None = None, percent: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A table for people: every cell text, blanks for missing values, fixed decimals, headers
    from HEADERS (中文 English; other names kept). `percent` columns (0–1 shares) are shown
    as percent with SHARE_DECIMALS decimals; `decimals` fixes the decimals of other columns."""
    decimals = decimals or {}
    out = pd.DataFrame(index=range(len(frame)))
    for column in frame.columns:
        values = frame[column].tolist()
        if column in percent:
            cells = [
                "" if v is None or is_missing(v) else f"{100 * float(v):.{SHARE_DECIMALS}f}%"
                for v in values
            ]
        else:
            cells = [_cell(v, decimals.get(column)) for v in values]
        out[HEADERS.get(column, column)] = cells
    return out


#: Rows of a long table shown on the pages of notebooks 01 and 02 (the full table is the CSV).
PREVIEW_ROWS = 40
VALUE_DECIMALS = 2  # figures' values in their canonical unit (yuan, hectare, percent …)


def preview(frame: pd.DataFrame, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first `rows` rows of a table, for a page that shows a long table in part."""
    return frame.head(rows)


def preview_note(frame: pd.DataFrame, table_name: str, rows: int = PREVIEW_ROWS) -> str:
    """'All 12 rows.' or 'The first 40 of 5,231 rows; the full data: data/processed/figures.csv.'"""
    if len(frame) <= rows:
        return f"All {len(frame):,} rows." if len(frame) != 1 else "1 row."
    return (
        f"The first {rows} of {len(frame):,} rows; the full data: data/processed/{table_name}.csv."
    )


def named_documents(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """`frame` with its doc_id column as `document` ('河南省 · 标题 (plan)' from
    `document_names`); ids without a name (a total row, a second copy) kept as they are."""
    if "doc_id" not in frame.columns:
        return frame
    return frame.assign(doc_id=frame["doc_id"].map(names).fillna(frame["doc_id"])).rename(
        columns={"doc_id": "document"}
    )


def preview_html(
    frame: pd.DataFrame,
    table_name: str | None = None,
    names: dict[str, str] | None = None,
    rows: int = PREVIEW_ROWS,
    **readable_kwargs,
) -> str:
    """A table of notebooks 01 and 02 as HTML for people: `readable` cells and headers, doc_id
    as the document's name (with `names`), "none named" when empty; with `table_name`, only
    the first `rows` rows and a note naming the CSV with every row."""
    from analysis import publish

    frame = named_documents(frame, names) if names is not None else frame
    shown = frame if table_name is None else preview(frame, rows)
    html = (
        publish.static_table_html(readable(shown, **readable_kwargs))
        if len(shown)
        else publish.none_named_html()
    )
    if table_name is not None:
        html += f"\n<p>{html_escape(preview_note(frame, table_name, rows))}</p>"
    return html


def none_named(frame: pd.DataFrame) -> pd.DataFrame | str:
    """The frame, or NONE_NAMED when it has no rows (a section with nothing in it says so)."""
    return NONE_NAMED if frame is None or frame.empty else frame
