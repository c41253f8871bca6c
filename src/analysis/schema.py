"""The data dictionary as code: every published table, column, unit and vocabulary.

One place to edit. `publish.py` derives the CSV format checks, `datapackage.json`,
the workbook's "columns" sheet and `docs/data-dictionary.md` from `TABLES`.
Bump `DATASET_VERSION` (and add a CHANGELOG.md entry) whenever a table changes meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

DATASET_VERSION = "2.3.0"

# ---------------------------------------------------------------------------
# Vocabularies (the contract's are copied verbatim; listed in docs/data-dictionary.md)
# ---------------------------------------------------------------------------

#: The 34 provincial-level divisions, full official names, simplified characters, adcode order.
PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区",
    "辽宁省", "吉林省", "黑龙江省",
    "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
    "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省",
    "重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
    "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    "台湾省", "香港特别行政区", "澳门特别行政区",
)  # fmt: skip
#: Shown for documents whose province could not be inferred (the `province` cell stays blank).
UNKNOWN_PROVINCE = "未知"
#: Genres: `report` = work and progress reports (政府工作报告, 工作情况的报告); `news` = a news
#: article about a policy (headline, dateline, 记者…获悉); `notice` includes fund-allocation notices.
DOC_TYPES: tuple[str, ...] = ("plan", "opinion", "notice", "reply", "report", "news", "other")
#: Administrative level of a document's issuer (from its name and the gazetteer).
ISSUER_LEVELS: tuple[str, ...] = ("national", "province", "prefecture", "county", "unknown")
PARTS: tuple[str, ...] = ("front_matter", "body", "back_matter", "boilerplate")
#: The parts by name (structure labels clauses with them; coverage counts BODY only).
FRONT_MATTER, BODY, BACK_MATTER, BOILERPLATE = PARTS
UNITS: tuple[str, ...] = (
    "yuan", "hectare", "km2", "km", "kW", "kWh", "tonne", "percent", "percentage_point",
    "count", "other",
)  # fmt: skip
KINDS: tuple[str, ...] = (
    "funding", "investment", "output", "area", "capacity", "share", "count", "other",
)  # fmt: skip
STATUSES: tuple[str, ...] = ("commitment", "achievement", "unknown")
ENCODINGS: tuple[str, ...] = (
    "utf-8",
    "utf-8-sig",
    "gb18030",
    "big5",
    "cp950",
    "big5hkscs",
    "utf-16",
    "unicode",
    "ocr",
)
#: Input formats: plain text, a saved web page, a Word file, a PDF with a text layer (analysis.formats).
FORMATS: tuple[str, ...] = ("txt", "html", "docx", "pdf")
SCRIPTS: tuple[str, ...] = ("simplified", "traditional")
#: Where a metadata value of `documents` came from (blank: value unknown).
METADATA_SOURCES: tuple[str, ...] = (
    "manifest", "text", "issuer", "title", "places", "signature", "header",
    "meta", "heading", "file_properties",
)  # fmt: skip
#: Level of government or actor providing money (blank: not stated).
SOURCE_LEVELS: tuple[str, ...] = (
    "central", "provincial", "municipal", "county/district", "enterprise/social", "mixed",
)  # fmt: skip
#: Area a figure concerns (`site`: one project, park, mine or plant; see analysis.figures.scope).
SCOPE_LEVELS: tuple[str, ...] = ("national", "province", "prefecture", "county", "site", "unknown")
#: Time a money amount covers: one year, several years (period_start–period_end), each year.
PERIOD_TYPES: tuple[str, ...] = ("single_year", "multi_year", "per_year", "unknown")
#: Direction of change a figure states (下降14% → decrease); blank when none.
DIRECTIONS: tuple[str, ...] = ("increase", "decrease")
#: Rothwell & Zegveld policy-instrument types (供给型 / 环境型 / 需求型).
INSTRUMENT_TYPES: tuple[str, ...] = ("supply", "environment", "demand")
#: Administrative level of a place name resolved with the gazetteer.
PLACE_LEVELS: tuple[str, ...] = ("province", "prefecture", "county")

#: Named vocabularies, for the data dictionary (fields refer to the tuples above).
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "province": PROVINCES,
    "doc_type": DOC_TYPES,
    "part": PARTS,
    "unit": UNITS,
    "kind": KINDS,
    "status": STATUSES,
    "encoding": ENCODINGS,
    "script": SCRIPTS,
    "format": FORMATS,
    "metadata source": METADATA_SOURCES,
    "source_level": SOURCE_LEVELS,
    "instrument_type": INSTRUMENT_TYPES,
    "place_level": PLACE_LEVELS,
    "scope_level": SCOPE_LEVELS,
    "period_type": PERIOD_TYPES,
    "direction": DIRECTIONS,
    "issuer_level": ISSUER_LEVELS,
}

#: Column types used (Frictionless Table Schema names).
TYPES: tuple[str, ...] = ("string", "integer", "number", "boolean", "date")
NUMERIC_TYPES: tuple[str, ...] = ("integer", "number")

# Units (English / Chinese), used in the `unit` of numeric columns.
U_CHARS = "characters 字符"
U_COUNT = "count 个数"
U_ORDINAL = "ordinal, 1-based 序号（从1起）"
U_YEAR = "calendar year 公历年"
U_FRACTION = "fraction 0–1 比例（0–1）"
U_YUAN = "元 yuan"
U_CANONICAL = "canonical unit given by `unit` 单位见 unit 列"


@dataclass(frozen=True)
class Field:
    """One column: name, type, bilingual description, unit and constraints."""

    name: str
    type: str
    en: str
    zh: str
    unit: str = ""
    enum: tuple[str, ...] = ()
    required: bool = False
    pattern: str = ""
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ForeignKey:
    """`fields` of this table reference `ref_fields` of table `ref_table`."""

    fields: tuple[str, ...]
    ref_table: str
    ref_fields: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One published table (one CSV in data/processed/)."""

    name: str
    grain_en: str
    grain_zh: str
    notebook: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def columns(self) -> list[str]:
        """Column names in published order."""
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        """The field called `name` (KeyError if absent)."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")


# ---------------------------------------------------------------------------
# Shared column definitions
# ---------------------------------------------------------------------------


def _doc_id(
    en: str = "Document the row comes from (see documents.csv).",
    zh: str = "所属文档编号（见 documents.csv）。",
) -> Field:
    return Field("doc_id", "string", en, zh, required=True)


def _clause_id(
    en: str = "Clause the row belongs to (see clauses.csv).",
    zh: str = "所属条款编号（见 clauses.csv）。",
    required: bool = True,
) -> Field:
    return Field("clause_id", "string", en, zh, required=required)


def _figure_id(en: str, zh: str, required: bool = True) -> Field:
    return Field("figure_id", "string", en, zh, required=required)


def _start(what_en: str, what_zh: str) -> Field:
    return Field(
        "start", "integer",
        f"Start of the span of {what_en}: character offset (0-based) into the document's "
        "normalised text.",
        f"{what_zh}在文档规范化文本中的起始位置（字符偏移，从0起）。",
        unit=U_CHARS, required=True, minimum=0,
    )  # fmt: skip


def _end(what_en: str, what_zh: str) -> Field:
    return Field(
        "end", "integer",
        f"End of the span of {what_en} (exclusive): the span is normalised_text[start:end].",
        f"{what_zh}在文档规范化文本中的结束位置（不含该位置）：normalised_text[start:end]。",
        unit=U_CHARS, required=True, minimum=0,
    )  # fmt: skip


def _province(en: str, zh: str) -> Field:
    return Field("province", "string", en, zh, enum=PROVINCES)


def _doc_province() -> Field:
    return _province(
        "Province of the document (copied from documents.csv); blank if unknown.",
        "文档所属省级行政区（取自 documents.csv）；未知则为空。",
    )


def _doc_type() -> Field:
    return Field(
        "doc_type", "string",
        "Genre of the document (copied from documents.csv): plan, opinion, notice, "
        "reply (reply letter), report, news, other.",
        "文档类型（取自 documents.csv）：规划/方案、意见、通知、答复（复函）、报告、新闻、其他。",
        enum=DOC_TYPES,
    )  # fmt: skip


def _status(en: str, zh: str) -> Field:
    return Field("status", "string", en, zh, enum=STATUSES, required=True)


def _year() -> Field:
    return Field(
        "year", "integer",
        "Target or reference year of the figure (到2025年 → 2025, 2023年底前 → 2023); "
        "blank if the text gives none.",
        "数字对应的目标年或参照年（到2025年 → 2025）；文中未给出则为空。",
        unit=U_YEAR,
    )  # fmt: skip


def _period_start() -> Field:
    return Field(
        "period_start", "date",
        "First day of the period the figure refers to, ISO YYYY-MM-DD (十四五 → 2021-01-01, "
        "2009年-2020年 → 2009-01-01); blank if none.",
        "数字所指时期的起始日（十四五 → 2021-01-01）；无则为空。",
    )  # fmt: skip


def _period_end() -> Field:
    return Field(
        "period_end", "date",
        "Last day of the period the figure refers to, ISO YYYY-MM-DD (十四五 → 2025-12-31, "
        "2009年-2020年 → 2020-12-31); blank if none.",
        "数字所指时期的结束日（十四五 → 2025-12-31）；无则为空。",
    )  # fmt: skip


def _per_year() -> Field:
    return Field(
        "per_year", "boolean",
        "True if the amount is a yearly amount (每年…).",
        "是否为每年的数额（每年…）。",
    )  # fmt: skip


def _per_unit() -> Field:
    return Field(
        "per_unit", "boolean",
        "True if the figure is a rate per unit (每户…万元, 每亩1500元, 1500元/亩, 人均), not a total; "
        "rates are listed but never summed.",
        "是否为单位比率（每户、每亩、元/亩、人均等），而非总量；比率只列出、不加总。",
    )  # fmt: skip


def _scope_place() -> Field:
    return Field(
        "scope_place", "string",
        "The most specific place the figure concerns, official name from the gazetteer (南票区, "
        "葫芦岛市, 辽宁省; 全国 for national); from its clause, else its sentence, else (replies, "
        "news) its paragraph, else the issuer (analysis.figures.scope); blank if unknown.",
        "数字所涉及的最具体地点（地名库全称，如 南票区、葫芦岛市、辽宁省；全国级为“全国”）；"
        "依次取自所在条款、句子、（答复和新闻的）段落、发文机关；未知则为空。",
    )  # fmt: skip


def _scope_level() -> Field:
    return Field(
        "scope_level", "string",
        "Level of the area the figure concerns: national, province, prefecture, county, site "
        "(one project, park, mine or plant: 循环产业园区已入驻企业14家), unknown. Province "
        "comparisons keep province-wide and sub-province figures apart by this column.",
        "数字所涉及范围的级别：全国、省、地市、县区、单个项目/园区/矿山(site)、未知；"
        "省际比较按此列区分全省与省以下数字。",
        enum=SCOPE_LEVELS, required=True,
    )  # fmt: skip


def _surface() -> Field:
    return Field(
        "surface", "string",
        "The figure as written (number, scale word and unit), equal to the normalised text "
        "at the span.",
        "数字的原文写法（数值、量级和单位），等于规范化文本中该区间的文字。",
        required=True,
    )  # fmt: skip


def _page_no(en_what: str, zh_what: str) -> Field:
    return Field(
        "page_no", "integer",
        f"Page of the PDF {en_what} (1 = first page); blank for documents that are not PDFs.",
        f"{zh_what}所在的 PDF 页码（第1页为1）；非 PDF 文档为空。",
        unit=U_ORDINAL, minimum=1,
    )  # fmt: skip


def _source(column: str, en_what: str, zh_what: str) -> Field:
    return Field(
        column, "string",
        f"Where `{en_what}` came from: manifest, text, issuer, title, places, signature, header "
        "(a page's header table or header lines), meta (a page's <meta> tags or <title>), heading "
        "(a page's <h1>), file_properties (a Word file's core properties); blank when the value is blank.",
        f"{zh_what}的来源：清单(manifest)、正文、发文机关、标题、地名、落款、文头（网页信息表或文头行）、"
        "网页元数据(meta)、网页一级标题(heading)、Word 文件属性(file_properties)；值为空时为空。",
        enum=METADATA_SOURCES,
    )  # fmt: skip


def _theme_id(
    en: str = "Theme of the codebook (see themes.csv).",
    zh: str = "主题编号（见 themes.csv 编码表）。",
) -> Field:
    return Field("theme_id", "string", en, zh, required=True)


def _matched(en: str, zh: str) -> Field:
    return Field("matched", "string", en, zh, required=True)


def _fk(column: str, ref_table: str, ref_column: str | None = None) -> ForeignKey:
    return ForeignKey((column,), ref_table, (ref_column or column,))


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------

DOCUMENTS = Table(
    name="documents",
    grain_en="document",
    grain_zh="每个文档一行",
    notebook="01_clauses",
    primary_key=("doc_id",),
    foreign_keys=(_fk("duplicate_of", "documents", "doc_id"),),
    fields=(
        _doc_id("Document identifier, stable across runs.", "文档编号，多次运行保持不变。"),
        Field("source_file", "string",
              "File name of the document in data/raw/ (relative path).",
              "原始文件名（data/raw/ 下的相对路径）。", required=True),
        Field("sha256", "string",
              "SHA-256 of the raw file's bytes (64 lowercase hex digits): identifies the input.",
              "原始文件字节的 SHA-256 值（64位小写十六进制），用于识别输入文件。",
              required=True, pattern="^[0-9a-f]{64}$"),
        Field("format", "string",
              "Format of the raw file: txt, html (a saved web page), docx (a Word file), pdf (a PDF "
              "with a text layer).",
              "原始文件格式：txt、html（保存的网页）、docx（Word 文件）、pdf（带文字层的 PDF）。",
              enum=FORMATS, required=True),
        Field("text_sha256", "string",
              "SHA-256 of the document's text layer as written to data/interim/{doc_id}.txt (UTF-8): "
              "the text every span indexes.",
              "文档文字层（data/interim/{doc_id}.txt，UTF-8）的 SHA-256 值：所有区间均指向该文本。",
              required=True, pattern="^[0-9a-f]{64}$"),
        Field("encoding", "string",
              "Character encoding the raw bytes were decoded with (a web page's charset; utf-8 for "
              "a Word file's XML; unicode for a PDF, whose text comes through its fonts' Unicode maps; "
              "ocr for a scanned PDF read by Tesseract with `run --ocr`, which has reading errors).",
              "原始字节的字符编码（网页的字符集；Word 文件的 XML 为 utf-8；"
              "PDF 文字经字体的 Unicode 映射取得，记为 unicode；"
              "扫描版 PDF 经 OCR（run --ocr）识别，记为 ocr，可能有识别错误）。",
              enum=ENCODINGS, required=True),
        Field("script", "string",
              "Script of the raw text; traditional characters are converted to simplified in "
              "the normalised text.",
              "原文字体（简体或繁体）；繁体在规范化文本中转换为简体。",
              enum=SCRIPTS, required=True),
        _province(
            "Province-level division of the document, full official name in simplified "
            "characters; from the manifest or inferred from issuer, title or place names; "
            "blank if unknown.",
            "文档所属省级行政区（简体全称）；取自清单，或由发文机关、标题、地名推断；未知则为空。"),
        Field("title", "string", "Title of the document (manifest or text).",
              "文档标题（取自清单或正文）。"),
        Field("issuer", "string", "Issuing body (发文机关), from the manifest or the text.",
              "发文机关（取自清单或正文）。"),
        Field("doc_type", "string",
              "Genre of the document: plan, opinion, notice (fund-allocation notices included), "
              "reply (reply letter to a proposal), report (work and progress reports, 政府工作报告), "
              "news (a news article about a policy), other.",
              "文档类型：规划/方案(plan)、意见(opinion)、通知(notice，含资金下达通知)、答复(reply)、"
              "报告(report，含政府工作报告)、新闻(news)、其他(other)。",
              enum=DOC_TYPES),
        Field("published", "date",
              "Date of publication or signature, ISO YYYY-MM-DD; blank if unknown (never guessed).",
              "发布或落款日期（YYYY-MM-DD）；未知则为空，不作猜测。"),
        Field("n_chars", "integer",
              "Length of the normalised text (equal to the decoded raw text's length).",
              "规范化文本的字符数（与解码后的原文长度相同）。",
              unit=U_CHARS, required=True, minimum=0),
        Field("url", "string", "Source web address from the manifest; blank if not given.",
              "来源网址（取自清单）；未提供则为空。"),
        Field("posted", "date",
              "Date a web page put the document online (发布日期/发布时间), ISO YYYY-MM-DD; "
              "`published` stays the document's own date; blank if the text gives none.",
              "网页发布日期（发布日期/发布时间，YYYY-MM-DD）；published 仍为文档自身日期；未给出则为空。"),
        Field("doc_number", "string",
              "Document number (发文字号), e.g. 枣政办字〔2022〕9号; blank if none.",
              "发文字号（如 枣政办字〔2022〕9号）；无则为空。"),
        Field("issuer_level", "string",
              "Administrative level of the issuer: national, province, prefecture, county, "
              "unknown (issuer blank or without a place); from the issuer's name and the gazetteer.",
              "发文机关的行政级别：国家、省、地市、县区、未知；由发文机关名称和地名库判断。",
              enum=ISSUER_LEVELS),
        Field("review_year", "integer",
              "For a work report (doc_type report): the calendar year its review part reports on "
              "(一、2023年工作回顾 → 2023; 过去一年 in a report given in 2024 → 2023); blank otherwise.",
              "工作报告所回顾的年份（一、2023年工作回顾 → 2023；2024年所作报告中的“过去一年” → 2023）；"
              "其他文档为空。",
              unit=U_YEAR),
        _source("province_source", "province", "省份"),
        _source("title_source", "title", "标题"),
        _source("issuer_source", "issuer", "发文机关"),
        _source("doc_type_source", "doc_type", "文档类型"),
        _source("published_source", "published", "发布日期"),
        _source("posted_source", "posted", "网页发布日期"),
        _source("doc_number_source", "doc_number", "发文字号"),
        _source("issuer_level_source", "issuer_level", "发文机关级别"),
        _source("review_year_source", "review_year", "回顾年份"),
        Field("n_clauses", "integer", "Number of clauses of the document in clauses.csv (all parts).",
              "该文档在 clauses.csv 中的条款数（含所有部分）。",
              unit=U_COUNT, minimum=0),
        Field("n_body_chars", "integer",
              "Number of characters in the document's clauses of part `body`.",
              "正文(body)条款的字符数。", unit=U_CHARS, minimum=0),
        Field("duplicate_of", "string",
              "doc_id of the first document with the same content under another file name; "
              "blank otherwise. A duplicate is analysed once.",
              "内容相同（文件名不同）的首个文档的 doc_id；否则为空。重复文档只分析一次。"),
        Field("warnings", "string",
              "Warnings raised while reading the document (e.g. no body text, no recognised "
              "structure); blank if none.",
              "读取该文档时产生的警告（如无正文、无可识别结构）；无则为空。"),
    ),
)  # fmt: skip

CLAUSES = Table(
    name="clauses",
    grain_en="clause (a sentence, or a part of one split at ；)",
    grain_zh="每个条款一行（一个句子，或按分号切分的句子片段）",
    notebook="01_clauses",
    primary_key=("clause_id",),
    foreign_keys=(_fk("doc_id", "documents"),),
    fields=(
        Field("clause_id", "string",
              "Clause identifier `{doc_id}-c{seq:06d}`; sorts in document order.",
              "条款编号 `{doc_id}-c{序号:06d}`，按文中顺序排序。", required=True),
        _doc_id(),
        Field("part", "string",
              "Part of the document: front_matter (headers, notice wrapper, news lead), body, "
              "back_matter (signature, date), boilerplate (web-page furniture).",
              "文档部分：front_matter（文头、转发通知、新闻导语）、body（正文）、"
              "back_matter（落款、日期）、boilerplate（网页附属内容）。",
              enum=PARTS, required=True),
        Field("chapter_no", "integer",
              "Number of the chapter (第X章 / 第X部分) the clause is in; blank if the document "
              "has no chapters.",
              "所在章（第X章/第X部分）的序号；文档无章时为空。", unit=U_ORDINAL, minimum=0),
        Field("chapter_title", "string", "Title of that chapter; blank if none.",
              "所在章的标题；无则为空。"),
        Field("section_no", "integer",
              "Number of the section heading the clause is in (一、总体要求 → 1); blank if none.",
              "所在节（一、总体要求 → 1）的序号；无则为空。", unit=U_ORDINAL, minimum=0),
        Field("section_title", "string", "Title of that section (一、总体要求 → 总体要求).",
              "所在节的标题（一、总体要求 → 总体要求）。"),
        Field("item_no", "integer",
              "Number of the item the clause is in ((四)提升创新平台能级 → 4); numbering is "
              "scoped by section; blank if none.",
              "所在条目（(四)提升创新平台能级 → 4）的序号，在节内编号；无则为空。",
              unit=U_ORDINAL, minimum=0),
        Field("item_title", "string", "Title of that item ((四)提升创新平台能级。 → 提升创新平台能级).",
              "所在条目的标题。"),
        Field("sub_no", "integer",
              "Number of the sub-item (1. / (1) / 在…方面 in reply letters); blank if none.",
              "所在子条目（1. / (1) / 答复函中的“在…方面”）的序号；无则为空。",
              unit=U_ORDINAL, minimum=0),
        Field("sub_title", "string", "Title of that sub-item; blank if none.",
              "所在子条目的标题；无则为空。"),
        Field("point_no", "integer",
              "Number of the point one level below the sub-item (the (1) of 一、(一)1.(1)); blank if none.",
              "子条目下一级要点（如 一、(一)1.(1) 中的 (1)）的序号；无则为空。",
              unit=U_ORDINAL, minimum=0),
        Field("point_title", "string", "Title of that point; blank if none.",
              "该要点的标题；无则为空。"),
        Field("paragraph_no", "integer",
              "1-based ordinal of the non-empty line (paragraph) in the document.",
              "所在段落（非空行）在文档中的序号。", unit=U_ORDINAL, minimum=1),
        Field("sentence_no", "integer", "1-based ordinal of the sentence in the document.",
              "所在句子在文档中的序号。", unit=U_ORDINAL, required=True, minimum=1),
        Field("clause_no", "integer",
              "1-based ordinal of the clause in its sentence (split at ; and ；).",
              "条款在句中的序号（按分号切分）。", unit=U_ORDINAL, required=True, minimum=1),
        Field("is_heading", "boolean", "True if the clause is, or starts with, a heading line.",
              "条款是否为（或以）标题行（开头）。"),
        Field("template", "boolean",
              "True if the sentence appears word for word in a document of another province "
              "(national template text).",
              "该句是否逐字出现在其他省份的文档中（国家模板文字）。"),
        _start("the clause", "条款"),
        _end("the clause", "条款"),
        Field("text", "string",
              "Clause text as in the normalised text (simplified characters, half-width digits "
              "and letters).",
              "条款文字（规范化文本：简体、半角数字和字母）。", required=True),
        _page_no("the clause starts on", "条款起始"),
    ),
)  # fmt: skip

FIGURES = Table(
    name="figures",
    grain_en="quantity mentioned in the text",
    grain_zh="文中每个数量一行",
    notebook="02_figures",
    primary_key=("figure_id",),
    foreign_keys=(
        _fk("doc_id", "documents"),
        _fk("clause_id", "clauses"),
        _fk("duplicate_of", "figures", "figure_id"),
    ),
    fields=(
        _figure_id("Figure identifier; sorts in document order.", "数字编号，按文中顺序排序。"),
        _doc_id(),
        _clause_id("Clause the figure is in (see clauses.csv).", "数字所在条款（见 clauses.csv）。"),
        _start("the figure", "数字"),
        _end("the figure", "数字"),
        _surface(),
        Field("value", "number",
              "Quantity in the canonical unit given by `unit` (万/亿 applied, 亩 → hectare at "
              "1/15, 万千瓦 → kW, Chinese numerals read); the low end of a range.",
              "按 unit 列标准单位换算后的数值（已计入万/亿，亩按1/15换算为公顷，万千瓦换算为千瓦，"
              "中文数字已转换）；区间取下限。",
              unit=U_CANONICAL, required=True),
        Field("value_high", "number",
              "High end of a range in the same unit (10%—12% → 12); blank unless a range.",
              "区间上限（同一单位，如 10%—12% → 12）；非区间则为空。", unit=U_CANONICAL),
        Field("unit", "string", "Canonical unit of `value` and `value_high`.",
              "value 与 value_high 的标准单位。", enum=UNITS, required=True),
        Field("unit_raw", "string", "Unit as written in the text (万亩, 亿元, 家).",
              "原文中的单位写法（万亩、亿元、家）。"),
        Field("kind", "string",
              "What the quantity measures: funding, investment, output, area, capacity, share, "
              "count, other.",
              "数量类别：资金、投资、产出、面积、产能/装机、比例、数目、其他。",
              enum=KINDS, required=True),
        _status("commitment (planned, targeted, to be done), achievement (done, reached, already "
                "allocated), or unknown when the text does not say.",
                "承诺（计划、目标、将要完成）、成绩（已完成、已达到、已下达）或未知（文中未说明）。"),
        _year(),
        _period_start(),
        _period_end(),
        Field("duplicate_of", "string",
              "figure_id of the first mention when the same fact is stated again; blank "
              "otherwise (the same number in another fact is not a duplicate).",
              "同一事实再次出现时，首次提及的 figure_id；否则为空（数值相同但事实不同不算重复）。"),
        Field("qualifier", "string",
              "Approximation or bound as written (约, 左右, 以上, 超过, 不少于, 不低于, 达到, 余, 多); "
              "blank if none.",
              "原文中的约数或界限词（约、左右、以上、超过、不少于、不低于、达到、余、多）；无则为空。"),
        _per_year(),
        Field("status_cue", "string",
              "Word(s) in the clause or its paragraph that decided `status` (到2025年, 已, 累计 …); "
              "blank if status is unknown.",
              "判定 status 的关键词（到2025年、已、累计等）；状态未知时为空。"),
        Field("year_role", "string",
              "What `year` is: target (到2025年, 2023年底前) or reference (2020年 in a report of "
              "the past); blank if no year.",
              "year 的含义：target 目标年，reference 参照年；无年份则为空。",
              enum=("target", "reference")),
        _per_unit(),
        _scope_place(),
        Field("scope_adcode", "string",
              "12-digit administrative division code of `scope_place` (gazetteer); blank for "
              "national or when no place is known.",
              "scope_place 的12位行政区划代码；全国级或地点未知时为空。", pattern="^[0-9]{6,12}$"),
        _scope_level(),
        Field("direction", "string",
              "Direction of change the words right before the figure state: increase (增长, 增加, "
              "提高到, 提升), decrease (下降, 减少, 降低, 压减); blank otherwise (下降14% is a "
              "decrease of 14 %, not a share).",
              "数字前紧邻词语所表示的变化方向：增加（增长、增加、提高到、提升）、减少（下降、减少、"
              "降低、压减）；否则为空。",
              enum=DIRECTIONS),
        _page_no("the figure's clause starts on (a clause running over a page break keeps its "
                 "first page)", "数字所在条款起始"),
    ),
)  # fmt: skip

TARGETS = Table(
    name="targets",
    grain_en="target statement: a body clause committing to something by a target year or "
    "with a committed quantity (restatements of an earlier target left out)",
    grain_zh="每条目标表述（条款）一行：带目标年份或承诺数量的正文条款（重复表述的目标不计）",
    notebook="02_figures",
    primary_key=("target_id",),
    foreign_keys=(
        _fk("doc_id", "documents"),
        _fk("clause_id", "clauses"),
        _fk("figure_id", "figures"),
    ),
    fields=(
        Field("target_id", "string", "Target identifier; sorts in document order.",
              "目标编号，按文中顺序排序。", required=True),
        _doc_id(),
        _clause_id("Clause stating the target (see clauses.csv).", "表述目标的条款（见 clauses.csv）。"),
        Field("target_year", "integer",
              "Year by which the target is to be met (到2025年 → 2025); blank if none is given.",
              "目标年份（到2025年 → 2025）；未给出则为空。", unit=U_YEAR),
        Field("statement", "string", "The target statement as written (normalised text).",
              "目标表述原文（规范化文本）。", required=True),
        _figure_id("The first figure of `figure_ids` (see figures.csv); blank for a qualitative "
                   "target.", "figure_ids 中的第一个数字（见 figures.csv）；定性目标为空。",
                   required=False),
        Field("quantified", "boolean", "True if the target carries a committed quantity (a figure).",
              "目标是否含有承诺的量化数字。", required=True),
        _start("the statement", "目标表述"),
        _end("the statement", "目标表述"),
        _status("Always commitment: targets are commitments only (截至2021年底,已累计获得… is an "
                "achievement, not a target).",
                "恒为承诺：目标只含承诺（“截至2021年底,已累计获得…”属成绩，不是目标）。"),
        Field("figure_ids", "string",
              "The committed figures of the statement (see figures.csv), in text order, joined "
              "by ; — restated figures (duplicate_of set) left out; blank for a qualitative target.",
              "目标表述所含的承诺数字（见 figures.csv），按文中顺序以 ; 分隔，不含重复提及的数字；"
              "定性目标为空。"),
    ),
)  # fmt: skip

FUNDING = Table(
    name="funding",
    grain_en="unique money figure of any kind (funding, investment, output, other: see `kind`; "
    "repeated mentions of the same fact counted once)",
    grain_zh="每个不重复的金额数字一行（资金、投资、产出等，见 kind；同一事实的重复提及只计一次）",
    notebook="02_figures",
    primary_key=("figure_id",),
    foreign_keys=(
        _fk("figure_id", "figures"),
        _fk("doc_id", "documents"),
        _fk("clause_id", "clauses"),
    ),
    fields=(
        _figure_id("The first mention of the money figure (see figures.csv).",
                   "该资金数字的首次提及（见 figures.csv）。"),
        _doc_id(),
        Field("amount_yuan", "number",
              "Amount in yuan (万元 and 亿元 converted); the low end of a range.",
              "金额（元，已换算万元、亿元）；区间取下限。", unit=U_YUAN, required=True),
        _status("commitment (planned, to be allocated), achievement (already allocated or spent) "
                "or unknown.",
                "承诺（计划、拟安排）、成绩（已下达、已投入）或未知。"),
        _year(),
        _period_start(),
        _period_end(),
        Field("source_level", "string",
              "Who provides the money: central, provincial, municipal, county/district, "
              "enterprise/social, or mixed when the words name several (国家和省本级资金, 省以上 "
              "= central and provincial: see `source_levels`); blank if the text does not say.",
              "资金来源层级：中央、省级、市级、县区级、企业/社会；多个层级（国家和省本级资金、"
              "省以上）为 mixed，见 source_levels；文中未说明则为空。",
              enum=SOURCE_LEVELS),
        Field("instrument", "string",
              "Funding instrument as named in the text (转移支付, 中央预算内投资, 专项资金, 补助资金, "
              "贷款, 总投资 …); blank if not named.",
              "资金渠道（转移支付、中央预算内投资、专项资金、补助资金、贷款、总投资等）；未提及则为空。"),
        Field("mentions", "integer",
              "Number of mentions of this fact in the document (first mention plus repeats).",
              "该事实在文档中被提及的次数（首次提及加重复提及）。",
              unit=U_COUNT, required=True, minimum=1),
        _clause_id("Clause of the first mention (see clauses.csv).",
                   "首次提及所在条款（见 clauses.csv）。"),
        Field("surface", "string", "The money figure as written at its first mention (21.96亿元).",
              "首次提及时的原文写法（如 21.96亿元）。", required=True),
        _per_year(),
        Field("amount_yuan_high", "number",
              "Upper bound in yuan when the money figure is a range (2-3亿元 → 300000000); blank otherwise.",
              "金额为区间时的上限（元）；否则为空。", unit=U_YUAN),
        Field("kind", "string",
              "funding (allocated, granted or obtained money), investment (project investment), "
              "output (产值, 增加值) or other.",
              "资金类型：funding 资金安排/获得，investment 投资，output 产出，other 其他。",
              enum=KINDS, required=True),
        _per_unit(),
        Field("source_levels", "string",
              "Every source level the words name, joined by ; (国家和省本级资金 → central;provincial); "
              "equal to `source_level` when it is a single level; blank if none.",
              "文字所列的全部来源层级，以 ; 分隔（国家和省本级资金 → central;provincial）；"
              "单一层级时同 source_level；无则为空。"),
        _scope_place(),
        _scope_level(),
        Field("period_type", "string",
              "Time the amount covers: single_year (one year, or no period stated with a year), "
              "multi_year (period_start–period_end span several years, or 累计 over years not "
              "stated), per_year (每年…), unknown. Amounts of different period types are never summed.",
              "金额所覆盖的时间：单一年度、多年（period_start–period_end 跨多年，或“累计”未写明年份）、"
              "每年、未知。不同时间类型的金额不相加。",
              enum=PERIOD_TYPES, required=True),
        Field("same_money_as", "string",
              "figure_id of an earlier money figure of the same document that is probably the same "
              "money written another way (0.64亿元 and 6386万元 for the same programme): equal at "
              "the precision of the rounder amount (two significant digits or more), the same "
              "purpose words, no conflicting year or period; counted once (the earlier); blank otherwise.",
              "同一文档中很可能是同一笔资金的较早金额数字的 figure_id（如同一项目的 0.64亿元 与 "
              "6386万元）：按较粗金额的精度相等（至少两位有效数字）、用途文字相同、年份或时期不矛盾；"
              "只计一次（较早者）；否则为空。"),
        Field("part_of", "string",
              "figure_id of an earlier money figure of the same document this one is a part of "
              "(其中中央资金2亿元 after 5亿元; the items of an allocation list that add up to its total: "
              "2860万元 → 1450万元, 830万元, 580万元); sums count the total, not its parts; blank otherwise.",
              "同一文档中本金额所属的较早总额的 figure_id（“其中”之后的分项；分配清单中合计等于总额的各项）；"
              "汇总只计总额、不计分项；否则为空。"),
    ),
)  # fmt: skip

CLAUSE_THEMES = Table(
    name="clause_themes",
    grain_en="clause × theme match",
    grain_zh="每个“条款×主题”匹配一行",
    notebook="03_themes",
    primary_key=("clause_id", "theme_id"),
    foreign_keys=(
        _fk("clause_id", "clauses"),
        _fk("doc_id", "documents"),
        _fk("theme_id", "themes"),
    ),
    fields=(
        _clause_id(),
        _doc_id(),
        _theme_id(),
        _matched("Keywords of the theme found in the clause (codebook spelling).",
                 "条款中匹配到的该主题关键词（按编码表写法）。"),
        Field("n_matches", "integer", "Number of keyword occurrences of the theme in the clause.",
              "该主题关键词在条款中出现的次数。", unit=U_COUNT, minimum=1),
        Field("counted", "boolean",
              "True if the theme is one of the themes of the clause's paragraph (the coding "
              "evaluate-themes validates against human coders), so the match counts for coverage, "
              "places and alignment; false for a passing mention.",
              "该主题属于条款所在段落的主题（即 evaluate-themes 以人工编码检验的编码）时为真，"
              "计入覆盖率、地名与任务对照；仅为顺带提及时为假。", required=True),
    ),
)  # fmt: skip

CLAUSE_INSTRUMENTS = Table(
    name="clause_instruments",
    grain_en="clause × policy-instrument sub-type match",
    grain_zh="每个“条款×政策工具子类”匹配一行",
    notebook="03_themes",
    primary_key=("clause_id", "instrument_type", "instrument_subtype"),
    foreign_keys=(_fk("clause_id", "clauses"), _fk("doc_id", "documents")),
    fields=(
        _clause_id(),
        _doc_id(),
        Field("instrument_type", "string",
              "Policy-instrument type (Rothwell & Zegveld): supply, environment, demand.",
              "政策工具类型：供给型(supply)、环境型(environment)、需求型(demand)。",
              enum=INSTRUMENT_TYPES, required=True),
        Field("instrument_subtype", "string",
              "Sub-type of the instrument as named in the codebook (e.g. 人才培养, 资金投入, 金融支持).",
              "政策工具子类（按编码表，如人才培养、资金投入、金融支持）。", required=True),
        _matched("Keywords of the sub-type found in the clause.", "条款中匹配到的该子类关键词。"),
    ),
)  # fmt: skip

_EXCL = " Template clauses (text shared word for word with another province) not counted."
_EXCL_ZH = "不计模板条款（与其他省份逐字相同的文字）。"

COVERAGE = Table(
    name="coverage",
    grain_en="document × theme (body clauses only)",
    grain_zh="每个“文档×主题”一行（仅计正文条款）",
    notebook="03_themes",
    primary_key=("doc_id", "theme_id"),
    foreign_keys=(_fk("doc_id", "documents"), _fk("theme_id", "themes")),
    fields=(
        _doc_id(),
        _doc_province(),
        _theme_id(),
        Field("clauses", "integer",
              "Number of body clauses of the document tagged with the theme (clause_themes.csv rows "
              "with `counted` true: a keyword of the theme in a paragraph the theme is coded for).",
              "文档正文中标注为该主题的条款数（clause_themes.csv 中 counted 为真的行：该主题关键词"
              "出现在编码为该主题的段落中）。", unit=U_COUNT, required=True, minimum=0),
        Field("share_clauses", "number",
              "Share of the document's body clauses tagged with the theme.",
              "标注为该主题的条款占正文条款的比例。",
              unit=U_FRACTION, minimum=0, maximum=1),
        Field("share_chars", "number",
              "Share of the document's body characters that lie in clauses tagged with the theme.",
              "标注为该主题的条款字符数占正文字符数的比例。",
              unit=U_FRACTION, minimum=0, maximum=1),
        _doc_type(),
        Field("clauses_excl_template", "integer", "As `clauses`." + _EXCL,
              "同 clauses，" + _EXCL_ZH, unit=U_COUNT, minimum=0),
        Field("share_clauses_excl_template", "number", "As `share_clauses`." + _EXCL,
              "同 share_clauses，" + _EXCL_ZH, unit=U_FRACTION, minimum=0, maximum=1),
        Field("share_chars_excl_template", "number", "As `share_chars`." + _EXCL,
              "同 share_chars，" + _EXCL_ZH, unit=U_FRACTION, minimum=0, maximum=1),
    ),
)  # fmt: skip

PLACES = Table(
    name="places",
    grain_en="document × place × theme (theme_id `all` counts every mention)",
    grain_zh="每个“文档×地名×主题”一行（theme_id 为 all 时计全部提及）",
    notebook="03_themes",
    primary_key=("doc_id", "theme_id", "adcode"),
    foreign_keys=(_fk("doc_id", "documents"),),
    fields=(
        _doc_id(),
        Field("place", "string", "Place name as resolved by the gazetteer (full name).",
              "地名（按地名库解析后的全称）。", required=True),
        Field("adcode", "string",
              "Administrative division code of the place (国家行政区划代码).",
              "行政区划代码。", required=True, pattern="^[0-9]{6,12}$"),
        Field("place_level", "string", "Administrative level: province, prefecture, county.",
              "行政级别：省级、地级、县级。", enum=PLACE_LEVELS),
        _province("Province the place belongs to.", "地名所属省级行政区。"),
        _theme_id("Theme of the clauses the place is mentioned in (see themes.csv), or `all` "
                  "for all mentions.", "地名所在条款的主题（见 themes.csv），all 表示全部提及。"),
        Field("mentions", "integer", "Number of mentions of the place in such clauses.",
              "地名在相应条款中被提及的次数。", unit=U_COUNT, required=True, minimum=1),
    ),
)  # fmt: skip

ALIGNMENT = Table(
    name="alignment",
    grain_en="document × task of the national plan (发改振兴〔2021〕1559号)",
    grain_zh="每个“文档×国家方案任务”一行（发改振兴〔2021〕1559号）",
    notebook="03_themes",
    primary_key=("doc_id", "task_id"),
    foreign_keys=(_fk("doc_id", "documents"),),
    fields=(
        _doc_id(),
        _doc_province(),
        Field("task_id", "string", "Identifier of the national-plan task (codebook).",
              "国家方案任务编号（编码表）。", required=True),
        Field("task_label", "string", "Heading of the national-plan task.",
              "国家方案任务的标题。"),
        Field("clauses", "integer", "Number of body clauses of the document that take up the task.",
              "文档正文中涉及该任务的条款数。", unit=U_COUNT, required=True, minimum=0),
        Field("evidence", "string",
              "The clauses behind the match (clause ids or excerpts); blank if not covered.",
              "支撑匹配的条款（条款编号或摘录）；未涉及则为空。"),
        Field("covered", "boolean", "True if the document takes up the task.",
              "文档是否涉及该任务。", required=True),
    ),
)  # fmt: skip

THEMES = Table(
    name="themes",
    grain_en="theme of the codebook",
    grain_zh="编码表中每个主题一行",
    notebook="03_themes",
    primary_key=("theme_id",),
    fields=(
        _theme_id("Theme identifier.", "主题编号。"),
        Field("label_zh", "string", "Chinese label of the theme.", "主题中文名称。", required=True),
        Field("label_en", "string", "English label of the theme.", "主题英文名称。", required=True),
        Field("definition", "string", "One-line definition of the theme.", "主题的一句话定义。"),
        Field("keywords", "string",
              "Keywords matched as whole strings (simplified characters).",
              "作为整体匹配的关键词（简体）。"),
        Field("national_tasks", "string", "task_id(s) of the national plan the theme maps to.",
              "该主题对应的国家方案任务编号。"),
        Field("role", "string",
              "topic: what a clause is about; context: where or in which frame (region types, "
              "plan framing), counted but never an item's primary theme when a topic theme matches.",
              "topic：条款内容主题；context：语境类（地区类型、总体框架），计入覆盖但不作为主要主题。",
              enum=("topic", "context"), required=True),
        Field("exclusions", "string",
              "Strings that mask a keyword hit of this theme where they occur (新能源汽车 masks 新能源), joined by |.",
              "排除词：出现处不计该主题的关键词命中（如 新能源汽车 不计 新能源），以 | 分隔。"),
        Field("codebook_version", "string", "Version of the codebook (analysis/data/codebook.yaml).",
              "编码表版本。", required=True),
    ),
)  # fmt: skip

PROVINCE_MONEY = Table(
    name="province_money",
    grain_en="province × doc_type × scope_level × kind × status × period_type (and, for "
    "multi_year, the period): sums never cross kind, status, period type or scope",
    grain_zh="每个“省份×文档类型×范围级别×金额类型×状态×时间类型（多年金额另按时期）”一行："
    "不跨类型、状态、时间类型或范围相加",
    notebook="02_figures",
    # the key columns of the grain may be blank (province unknown, period not multi-year),
    # which a primary key may not: the figures summed identify a row
    primary_key=("figure_ids",),
    fields=(
        _province("Province of the documents (documents.csv); blank if unknown.",
                  "文档所属省级行政区（documents.csv）；未知则为空。"),
        _doc_type(),
        _scope_level(),
        Field("kind", "string",
              "What the money measures: funding (allocated, granted or obtained), investment "
              "(project investment, 总投资), output (GDP, 产值), other. Investment and output are "
              "never funding.",
              "金额类型：资金(funding)、投资(investment，如总投资)、产出(output，如GDP、产值)、其他；"
              "投资与产出不计为资金。",
              enum=KINDS, required=True),
        _status("commitment, achievement or unknown (funding.csv).", "承诺、成绩或未知（同 funding）。"),
        Field("period_type", "string", "single_year, multi_year, per_year or unknown (funding.csv).",
              "单一年度、多年、每年或未知（同 funding）。", enum=PERIOD_TYPES, required=True),
        Field("period_start", "date",
              "For multi_year rows: the first day of the period the amounts cover; blank when the "
              "text states none (累计) and for other period types.",
              "多年金额所覆盖时期的起始日；未写明（累计）或其他时间类型为空。"),
        Field("period_end", "date", "For multi_year rows: the last day of that period; blank otherwise.",
              "多年金额所覆盖时期的结束日；否则为空。"),
        Field("amount_yuan", "number",
              "Sum of the unique money figures of the row (low end of ranges); repeated mentions "
              "(duplicate_of) and probable same money (same_money_as) counted once; parts of a total "
              "(part_of) left out, their total counts; rates per unit (每户, 元/亩) left out.",
              "该行不重复金额之和（区间取下限）；重复提及与很可能同一笔的资金只计一次；总额的分项不计"
              "（计其总额）；单位比率不计。",
              unit=U_YUAN, required=True, minimum=0),
        Field("amount_yuan_high", "number",
              "As `amount_yuan` with the high end of ranges.", "同 amount_yuan，区间取上限。",
              unit=U_YUAN, required=True, minimum=0),
        Field("figures", "integer", "Number of money figures summed.", "相加的金额数字个数。",
              unit=U_COUNT, required=True, minimum=1),
        Field("documents", "integer", "Number of documents the figures come from.",
              "这些数字所来自的文档数。", unit=U_COUNT, required=True, minimum=1),
        Field("years", "string",
              "The distinct years of the figures (funding.csv `year`), sorted, joined by ;; blank if none.",
              "这些数字的年份（去重、排序，以 ; 分隔）；无则为空。"),
        Field("figure_ids", "string", "The figures summed (funding.csv), joined by ;.",
              "相加的数字编号（见 funding.csv），以 ; 分隔。", required=True),
    ),
)  # fmt: skip

PROVINCE_TARGETS = Table(
    name="province_targets",
    grain_en="province × doc_type × theme (theme_id `all`: every statement once)",
    grain_zh="每个“省份×文档类型×主题”一行（theme_id 为 all 时每条表述计一次）",
    notebook="02_figures",
    # province may be blank (unknown), which a primary key may not: the documents identify it
    primary_key=("doc_ids", "theme_id"),
    fields=(
        _province("Province of the documents (documents.csv); blank if unknown.",
                  "文档所属省级行政区（documents.csv）；未知则为空。"),
        _doc_type(),
        _theme_id("Theme of the statements' clauses (see themes.csv), or `all`: a statement with "
                  "several themes counts once under each and once under all.",
                  "目标表述所在条款的主题（见 themes.csv）或 all：多主题表述在每个主题下各计一次，"
                  "在 all 下计一次。"),
        Field("statements", "integer", "Distinct target statements (targets.csv rows).",
              "不重复的目标表述数（targets.csv 行数）。", unit=U_COUNT, required=True, minimum=0),
        Field("quantified", "integer", "Of those, statements with a committed quantity.",
              "其中含承诺数量的表述数。", unit=U_COUNT, required=True, minimum=0),
        Field("qualitative", "integer", "Of those, statements without one (a target year only).",
              "其中不含数量（仅有目标年份）的表述数。", unit=U_COUNT, required=True, minimum=0),
        Field("earliest_year", "integer", "Earliest target year of the statements; blank if none.",
              "这些表述的最早目标年份；无则为空。", unit=U_YEAR),
        Field("latest_year", "integer", "Latest target year of the statements; blank if none.",
              "这些表述的最晚目标年份；无则为空。", unit=U_YEAR),
        Field("doc_ids", "string",
              "The analysed documents of the province and doc_type (documents.csv), joined by ;.",
              "该省份、该文档类型的已分析文档（见 documents.csv），以 ; 分隔。", required=True),
        Field("issuer_levels", "string",
              "The issuer levels of those documents (documents.csv issuer_level), joined by ; "
              "(province;prefecture: a province's and a city's report counted under one province).",
              "这些文档的发文机关级别（documents.csv issuer_level），以 ; 分隔"
              "（如 province;prefecture：省级与市级报告同计于一省）。", required=True),
    ),
)  # fmt: skip

_GROUP_DOC_IDS = Field(
    "doc_ids", "string",
    "The analysed documents of the province and doc_type (documents.csv), joined by ;.",
    "该省份、该文档类型的已分析文档（见 documents.csv），以 ; 分隔。", required=True,
)  # fmt: skip
_GROUP_DOCUMENTS = Field(
    "documents", "integer", "Number of analysed documents of the province and doc_type.",
    "该省份、该文档类型的已分析文档数。", unit=U_COUNT, required=True, minimum=1,
)  # fmt: skip
_GROUP_BODY_CLAUSES = Field(
    "body_clauses", "integer",
    "Body clauses without headings of those documents (the denominator of the shares; as coverage.csv).",
    "这些文档的正文条款数（不含标题；占比的分母，同 coverage.csv）。",
    unit=U_COUNT, required=True, minimum=0,
)  # fmt: skip

PROVINCE_COVERAGE = Table(
    name="province_coverage",
    grain_en="province × doc_type × theme (every theme; shares pooled over the documents)",
    grain_zh="每个“省份×文档类型×主题”一行（含全部主题；占比按该组全部文档合计）",
    notebook="03_themes",
    # province may be blank (unknown), which a primary key may not: the documents identify it
    primary_key=("doc_ids", "theme_id"),
    foreign_keys=(_fk("theme_id", "themes"),),
    fields=(
        _province("Province of the documents (documents.csv); blank if unknown.",
                  "文档所属省级行政区（documents.csv）；未知则为空。"),
        _doc_type(),
        _theme_id(),
        _GROUP_DOCUMENTS,
        _GROUP_BODY_CLAUSES,
        Field("clauses", "integer",
              "Body clauses of those documents tagged with the theme (the sum of coverage.csv `clauses`).",
              "这些文档正文中标注为该主题的条款数（coverage.csv clauses 之和）。",
              unit=U_COUNT, required=True, minimum=0),
        Field("share_clauses", "number", "clauses / body_clauses (0 when there are no body clauses).",
              "clauses / body_clauses（无正文条款时为0）。",
              unit=U_FRACTION, required=True, minimum=0, maximum=1),
        Field("body_chars", "integer", "Characters of those body clauses.",
              "这些正文条款的字符数。", unit=U_CHARS, required=True, minimum=0),
        Field("chars", "integer", "Characters of the body clauses tagged with the theme.",
              "标注为该主题的正文条款字符数。", unit=U_CHARS, required=True, minimum=0),
        Field("share_chars", "number", "chars / body_chars (0 when there are no body characters).",
              "chars / body_chars（无正文字符时为0）。",
              unit=U_FRACTION, required=True, minimum=0, maximum=1),
        _GROUP_DOC_IDS,
    ),
)  # fmt: skip

PROVINCE_ALIGNMENT = Table(
    name="province_alignment",
    grain_en="province × doc_type × task of the national plan (shares pooled over the documents)",
    grain_zh="每个“省份×文档类型×国家方案任务”一行（占比按该组全部文档合计）",
    notebook="03_themes",
    primary_key=("doc_ids", "task_id"),
    fields=(
        _province("Province of the documents (documents.csv); blank if unknown.",
                  "文档所属省级行政区（documents.csv）；未知则为空。"),
        _doc_type(),
        Field("task_id", "string", "Identifier of the national-plan task (codebook).",
              "国家方案任务编号（编码表）。", required=True),
        Field("task_label", "string", "Heading of the national-plan task.", "国家方案任务的标题。"),
        _GROUP_DOCUMENTS,
        _GROUP_BODY_CLAUSES,
        Field("clauses", "integer",
              "Body clauses of those documents that take up the task (the sum of alignment.csv `clauses`).",
              "这些文档正文中涉及该任务的条款数（alignment.csv clauses 之和）。",
              unit=U_COUNT, required=True, minimum=0),
        Field("share", "number", "clauses / body_clauses (0 when there are no body clauses).",
              "clauses / body_clauses（无正文条款时为0）。",
              unit=U_FRACTION, required=True, minimum=0, maximum=1),
        Field("covered_documents", "integer",
              "Documents that take up the task (alignment.csv `covered`).",
              "涉及该任务的文档数（alignment.csv covered）。", unit=U_COUNT, required=True, minimum=0),
        _GROUP_DOC_IDS,
    ),
)  # fmt: skip

#: All tables, in publication order.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        DOCUMENTS, CLAUSES, FIGURES, TARGETS, FUNDING, CLAUSE_THEMES, CLAUSE_INSTRUMENTS,
        COVERAGE, PLACES, ALIGNMENT, THEMES, PROVINCE_MONEY, PROVINCE_TARGETS,
        PROVINCE_COVERAGE, PROVINCE_ALIGNMENT,
    )
}  # fmt: skip
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)

#: Columns of tables that notebooks show but do not publish (built by `analysis.compare`).
PRIMARY_THEME_COLUMNS: tuple[str, ...] = (
    "doc_id", "section_no", "item_no", "unit_title", "theme_id", "theme_clauses",
    "unit_clauses", "decided_by", "ranking",
)  # fmt: skip
KWIC_COLUMNS: tuple[str, ...] = (
    "clause_id", "doc_id", "theme_id", "start", "end", "left", "keyword", "right",
)  # fmt: skip

#: Descriptive metadata of the published data package (datapackage.json).
PACKAGE = {
    "name": "resource-region-policy-texts",
    "title": "资源型地区高质量发展政策文本分析 / Policy texts on resource-based regions",
    "description": (
        "Chinese provincial policy texts on the high-quality development of resource-based "
        "regions turned into clause, figure, target, funding and theme tables. Every row from "
        "text carries doc_id and the character span start/end into the document's normalised "
        "text. 资源型地区高质量发展省级政策文本的条款、数字、目标、资金和主题表；"
        "每行均可按 doc_id 与 start/end 追溯至原文。"
    ),
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ],
}


def table(name: str) -> Table:
    """The table called `name`, with a clear error for unknown names."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known tables: {', '.join(TABLES)}") from None
