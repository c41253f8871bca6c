"""The data dictionary (analysis.schema) is complete, consistent and matches the contract."""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

import pytest

from analysis import ingest, places, schema, targets
from analysis.formats.ocr import OCR_ENCODING
from analysis.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]

# Vocabularies copied from ../shared/contract.md (what users rely on).
CONTRACT_VOCABULARIES = {
    "doc_type": ("plan", "opinion", "notice", "reply", "report", "news", "other"),
    "part": ("front_matter", "body", "back_matter", "boilerplate"),
    "unit": (
        "yuan",
        "hectare",
        "km2",
        "km",
        "kW",
        "kWh",
        "tonne",
        "percent",
        "percentage_point",
        "count",
        "other",
    ),
    "kind": ("funding", "investment", "output", "area", "capacity", "share", "count", "other"),
    "status": ("commitment", "achievement", "unknown"),
}
# Columns that carry each contract vocabulary.
VOCABULARY_COLUMNS = {
    "doc_type": [("documents", "doc_type"), ("coverage", "doc_type")],
    "part": [("clauses", "part")],
    "unit": [("figures", "unit")],
    "kind": [("figures", "kind")],
    "status": [("figures", "status"), ("targets", "status"), ("funding", "status")],
}

# Minimum columns of the contract, per table.
CONTRACT_COLUMNS = {
    "documents": "doc_id, source_file, sha256, encoding, script, province, title, issuer, doc_type, published, n_chars",
    "clauses": "clause_id, doc_id, part, section_no, section_title, item_no, item_title, "
    "sentence_no, clause_no, start, end, text",
    "figures": "figure_id, doc_id, clause_id, start, end, surface, value, value_high, unit, unit_raw, "
    "kind, status, year, period_start, period_end, duplicate_of",
    "targets": "target_id, doc_id, clause_id, target_year, statement, figure_id, quantified",
    "funding": "figure_id, doc_id, amount_yuan, status, year, period_start, period_end, "
    "source_level, instrument, mentions",
    "clause_themes": "clause_id, theme_id, matched",
    "coverage": "doc_id, province, theme_id, clauses, share_clauses, share_chars",
}

EXPECTED_FOREIGN_KEYS = [
    ("clauses", "doc_id", "documents", "doc_id"),
    ("figures", "clause_id", "clauses", "clause_id"),
    ("targets", "figure_id", "figures", "figure_id"),
    ("funding", "figure_id", "figures", "figure_id"),
    ("clause_themes", "clause_id", "clauses", "clause_id"),
    ("clause_themes", "theme_id", "themes", "theme_id"),
    ("coverage", "doc_id", "documents", "doc_id"),
    ("coverage", "theme_id", "themes", "theme_id"),
    ("figures", "duplicate_of", "figures", "figure_id"),
]

ALL_FIELDS = [(t.name, f) for t in TABLES.values() for f in t.fields]
FIELD_IDS = [f"{t}.{f.name}" for t, f in ALL_FIELDS]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _split(columns: str) -> list[str]:
    return [c.strip() for c in columns.split(",")]


@pytest.mark.parametrize("name", list(TABLES))
def test_committed_tables_have_the_schema_columns_in_order(name):
    """What users hold (data/processed) has exactly the columns the schema defines, in order."""
    with open(ROOT / "data" / "processed" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == TABLES[name].columns
    assert schema.TABLE_NAMES == tuple(TABLES)


@pytest.mark.parametrize("name", list(CONTRACT_COLUMNS))
def test_contract_minimum_columns_present(name):
    missing = set(_split(CONTRACT_COLUMNS[name])) - set(TABLES[name].columns)
    assert not missing, f"{name} lacks contract columns {missing}"


@pytest.mark.parametrize("spec", TABLES.values(), ids=list(TABLES))
def test_columns_unique_and_primary_key_among_them(spec):
    assert len(spec.columns) == len(set(spec.columns))
    assert spec.primary_key
    for column in spec.primary_key:
        assert column in spec.columns
        assert spec.field(column).required, f"{spec.name}.{column} is a key but not required"


@pytest.mark.parametrize("spec", TABLES.values(), ids=list(TABLES))
def test_foreign_keys_point_to_existing_keys(spec):
    for fk in spec.foreign_keys:
        assert set(fk.fields) <= set(spec.columns)
        assert fk.ref_table in TABLES, fk
        target = TABLES[fk.ref_table]
        assert set(fk.ref_fields) <= set(target.columns), fk
        # Referenced columns must be unique in the target: they are its primary key.
        assert tuple(fk.ref_fields) == target.primary_key, fk
        for own, ref in zip(fk.fields, fk.ref_fields, strict=True):
            assert spec.field(own).type == target.field(ref).type


@pytest.mark.parametrize("table_name, column, ref_table, ref_column", EXPECTED_FOREIGN_KEYS)
def test_expected_foreign_keys_declared(table_name, column, ref_table, ref_column):
    declared = {(fk.fields, fk.ref_table, fk.ref_fields) for fk in TABLES[table_name].foreign_keys}
    assert ((column,), ref_table, (ref_column,)) in declared


@pytest.mark.parametrize("table_name, field", ALL_FIELDS, ids=FIELD_IDS)
def test_every_column_described_typed_and_with_unit(table_name, field):
    assert field.type in schema.TYPES
    assert len(field.en) > 5, f"{table_name}.{field.name} lacks an English description"
    assert CJK.search(field.zh), f"{table_name}.{field.name} lacks a Chinese description"
    if field.type in schema.NUMERIC_TYPES:
        assert field.unit, f"numeric column {table_name}.{field.name} has no unit"
    else:
        assert not field.unit, f"{table_name}.{field.name} is not numeric but has a unit"
    if field.enum:
        assert field.type == "string"
        assert len(set(field.enum)) == len(field.enum)
        assert "" not in field.enum, "blank is allowed through required=False, not the enum"


def test_spans_are_character_offsets():
    for spec in TABLES.values():
        if "start" in spec.columns:
            assert "end" in spec.columns
            for name in ("start", "end"):
                assert spec.field(name).unit == schema.U_CHARS
                assert spec.field(name).type == "integer"


def test_money_in_yuan_and_shares_are_fractions():
    assert TABLES["funding"].field("amount_yuan").unit == schema.U_YUAN
    for spec in TABLES.values():
        for field in spec.fields:
            if field.name.startswith("share_"):
                assert field.unit == schema.U_FRACTION
                assert (field.minimum, field.maximum) == (0, 1)


@pytest.mark.parametrize("vocabulary", list(CONTRACT_VOCABULARIES))
def test_contract_vocabularies_present_with_same_values(vocabulary):
    values = CONTRACT_VOCABULARIES[vocabulary]
    assert schema.VOCABULARIES[vocabulary] == values
    for table_name, column in VOCABULARY_COLUMNS[vocabulary]:
        assert TABLES[table_name].field(column).enum == values, f"{table_name}.{column}"


def test_provinces_are_the_34_official_names():
    provinces = schema.PROVINCES
    assert len(provinces) == len(set(provinces)) == 34
    for name in ("河南省", "内蒙古自治区", "北京市", "香港特别行政区", "辽宁省", "青海省"):
        assert name in provinces
    assert all(re.search(r"(省|市|自治区|特别行政区)$", p) for p in provinces)
    for table_name in ("documents", "coverage", "places", "alignment"):
        assert TABLES[table_name].field("province").enum == provinces


def test_provinces_agree_with_gazetteer():
    assert set(schema.PROVINCES) == set(places.province_names())


def test_place_levels_agree_with_gazetteer():
    levels = (places.PROVINCE_LEVEL, places.PREFECTURE_LEVEL, places.COUNTY_LEVEL)
    assert set(schema.PLACE_LEVELS) == set(levels)


# The vocabularies below are checked against the code that produces their values: each
# value of the vocabulary is what the real code gives for some input, and nothing else.
PLAN = "推进资源型地区高质量发展，加快采煤沉陷区综合治理，支持接续替代产业发展。"
PLAN_TRADITIONAL = "推進資源型地區高質量發展，加快採煤沉陷區綜合治理，支持接續替代產業發展。"

ENCODED = [  # (bytes of a file, encoding ingest reports)
    (PLAN.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + PLAN.encode("utf-8"), "utf-8-sig"),
    (PLAN.encode("utf-16"), "utf-16"),  # with its byte-order mark
    (PLAN.encode("gb18030"), "gb18030"),
    (PLAN_TRADITIONAL.encode("big5"), "big5"),
    ((PLAN_TRADITIONAL + "裏").encode("cp950"), "cp950"),  # 裏: an ETEN addition, not in plain Big5
    ((PLAN_TRADITIONAL + "佢哋嘅").encode("big5hkscs"), "big5hkscs"),  # 哋 嘅: HKSCS characters
]


@pytest.mark.parametrize("raw, expected", ENCODED, ids=[e for _, e in ENCODED])
def test_encodings_are_what_decoding_reports(raw, expected):
    text, encoding = ingest.decode_bytes(raw, "a.txt")
    assert encoding == expected
    assert text.lstrip("\ufeff").startswith((PLAN, PLAN_TRADITIONAL))
    assert TABLES["documents"].field("encoding").enum == schema.ENCODINGS


def test_every_encoding_is_reported_for_some_file():
    # .txt files as decoding reports them; a PDF's text layer is "unicode", a scan read by OCR "ocr"
    assert {expected for _, expected in ENCODED} | {
        ingest.LAYER_ENCODINGS["pdf"],
        OCR_ENCODING,
    } == set(schema.ENCODINGS)


SCRIPTED = [(PLAN, "simplified"), (PLAN_TRADITIONAL, "traditional")]


@pytest.mark.parametrize("text, expected", SCRIPTED)
def test_scripts_are_what_normalisation_reports(text, expected):
    _, script = ingest.normalise_text(text)
    assert script == expected
    assert {e for _, e in SCRIPTED} == set(schema.SCRIPTS)


SOURCED_MONEY = [  # (words before an amount, the source level they name)
    ("争取中央预算内投资", "central"),
    ("安排省级专项资金", "provincial"),
    ("市本级安排配套资金", "municipal"),
    ("县财政统筹安排资金", "county/district"),
    ("吸引社会资本投入", "enterprise/social"),
    ("争取中央和省级补助资金", "mixed"),  # several levels: listed in source_levels
]


@pytest.mark.parametrize("before, expected", SOURCED_MONEY)
def test_source_levels_are_what_funding_reads(before, expected):
    assert targets.source_level(before) == expected
    assert TABLES["funding"].field("source_level").enum == schema.SOURCE_LEVELS
    assert {e for _, e in SOURCED_MONEY} == set(schema.SOURCE_LEVELS)


SIGNED_PLAN = "河南省资源枯竭城市转型实施方案\n一、总体要求\n推进转型。\n河南省发展和改革委员会\n2022年5月15日\n"
SOURCED_METADATA = [  # (text, manifest row, field, where ingest says the value came from)
    (SIGNED_PLAN, {"title": "某方案"}, "title", "manifest"),
    (SIGNED_PLAN, {}, "title", "text"),
    (SIGNED_PLAN, {}, "province", "issuer"),
    ("青海省支持资源型城市转型的通知\n一、总体要求\n推进转型。\n", {}, "province", "title"),
    (
        "关于做好转型工作的通知\n一、总体要求\n支持平顶山市、焦作市、鹤壁市推进转型。\n",
        {},
        "province",
        "places",
    ),
    (SIGNED_PLAN, {}, "published", "signature"),
    (
        "发布日期:2022-05-15\n关于做好转型工作的通知\n一、总体要求\n" + "推进转型。\n" * 8,
        {},
        "published",
        "header",
    ),
]


@pytest.mark.parametrize(
    "text, manifest_row, field_name, expected",
    SOURCED_METADATA,
    ids=[f"{field_name}-{source}" for _, _, field_name, source in SOURCED_METADATA],
)
def test_metadata_sources_are_what_ingest_records(text, manifest_row, field_name, expected):
    doc = ingest.document_from_bytes("a.txt", text.encode("utf-8"), manifest_row)
    assert doc.sources[field_name] == expected, (getattr(doc, field_name), doc.sources)
    for column in ("province_source", "title_source", "issuer_source", "doc_type_source",
                   "published_source"):  # fmt: skip
        assert TABLES["documents"].field(column).enum == schema.METADATA_SOURCES
    assert {e for *_, e in SOURCED_METADATA} | {e for *_, e in LAYER_SOURCED} == set(
        schema.METADATA_SOURCES
    )


# A web page and a Word file say where their metadata is: header table, <meta>, <h1>, file properties.
_PAGE = (
    "<html><head><meta charset='utf-8'><meta name='PubDate' content='2022-05-20'></head><body>"
    "<table><tr><td>发文机关：</td><td>河南省发展和改革委员会</td><td>成文日期：</td><td>2022年05月15日</td>"
    "<td>发文字号：</td><td>豫发改〔2022〕3号</td></tr></table>"
    "<h1>河南省资源枯竭城市转型实施方案</h1><p>一、总体要求</p><p>推进转型。</p></body></html>"
).encode()
LAYER_SOURCED = [  # (file name, bytes, field, where ingest says the value came from)
    ("a.html", _PAGE, "issuer", "header"),
    ("a.html", _PAGE, "posted", "meta"),
    ("a.html", _PAGE, "title", "heading"),
]


def _docx_with_properties() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("推进转型。")
    document.core_properties.title = "某市转型工作方案"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


LAYER_SOURCED.append(("a.docx", _docx_with_properties(), "title", "file_properties"))


@pytest.mark.parametrize(
    "name, raw, field_name, expected",
    LAYER_SOURCED,
    ids=[f"{n}-{f}-{e}" for n, _, f, e in LAYER_SOURCED],
)
def test_metadata_sources_of_pages_and_word_files(name, raw, field_name, expected):
    doc = ingest.document_from_bytes(name, raw)
    assert doc.sources[field_name] == expected, (getattr(doc, field_name), doc.sources)


def test_every_vocabulary_is_used():
    used = {f.enum for _, f in ALL_FIELDS if f.enum}
    for name, values in schema.VOCABULARIES.items():
        assert values in used, f"vocabulary {name} is used by no column"


def test_every_table_names_its_notebook():
    for spec in TABLES.values():
        assert spec.notebook in {"01_clauses", "02_figures", "03_themes"}
        assert spec.grain_en and CJK.search(spec.grain_zh)


def test_dataset_version_matches_pyproject_and_changelog():
    assert re.fullmatch(r"\d+\.\d+\.\d+", schema.DATASET_VERSION)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["analysis"]["dataset_version"] == schema.DATASET_VERSION
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {schema.DATASET_VERSION}" in changelog


def test_unknown_table_error_names_known_tables():
    with pytest.raises(KeyError, match="documents"):
        schema.table("no_such_table")
