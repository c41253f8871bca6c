"""Property tests (hypothesis, fixed seed) over random mixes of CJK, digits, punctuation,
headings, whitespace and markup: no exception, normalisation keeps the length, every
non-space character lands in exactly one clause, every figure lies inside its clause."""

from __future__ import annotations

import hashlib

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import ingest, schema, structure
from analysis.errors import InputError
from analysis.ingest import Document

# A fixed seed and a few hundred examples, so CI runs the same cases every time.
PROPERTY = settings(
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CJK = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6
)
WORDS = st.sampled_from(
    [
        "推进",
        "资源型地区",
        "高质量发展",
        "安排资金",
        "新增",
        "累计完成",
        "达到",
        "力争",
        "已下达",
        "發展",
        "區域",
        "著力",
        "显著",
        "河南省",
        "平顶山市",
        "十四五",
        "三线一单",
        "十三届",
        "〔2021〕1559号",
        "第1125号",
        "到2025年",
        "2022年5月15日",
        "400-168-6016",
        "浏览次数:12",
    ]
)
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(str),
    st.sampled_from(["１２３", "４５.６", "一百二十", "两千", "三万", "1,000", "1.5-2", "30%"]),
)
UNITS = st.sampled_from(
    [
        "万元",
        "亿元",
        "元",
        "万亩",
        "亩",
        "公顷",
        "平方公里",
        "公里",
        "万千瓦",
        "千瓦时",
        "吨",
        "%",
        "个",
        "家",
        "万套",
    ]
)
PUNCTUATION = st.sampled_from(list("。，,;；：:!?！？、“”《》()（）"))
HEADINGS = st.sampled_from(
    [
        "一、",
        "十二、",
        "(一)",
        "（二）",
        "1.",
        "2、",
        "(3)",
        "①",
        "第一章 ",
        "第二节",
        "第三条",
        "在资金保障方面:",
    ]
)
WHITESPACE = st.sampled_from(["\n", "\r\n", "\n\n", "\u3000", "\u00a0", " ", "\t", "\u3000\u3000"])
MARKUP = st.sampled_from(
    [
        "<p>",
        "</p>",
        "&nbsp;",
        "<br/>",
        '<div class="x">',
        "&#12288;",
        "&amp;",
        "<script>alert(1)</script>",
        "<",
        "&",
    ]
)
FURNITURE = st.sampled_from(
    [
        "首页 > 政策文件",
        "分享到:微信",
        "关闭窗口",
        "河南省发展和改革委员会",
        "2021年5月28日",
        "来源:青海省人民政府",
    ]
)

QUANTITY = st.tuples(
    st.sampled_from(["", "安排资金", "新增", "达到", "已完成", "到2025年"]), NUMBERS, UNITS
).map("".join)

TOKEN = st.one_of(
    QUANTITY,
    CJK,
    QUANTITY,
    WORDS,
    NUMBERS,
    UNITS,
    PUNCTUATION,
    HEADINGS.map(lambda h: "\n" + h),
    WHITESPACE,
    MARKUP,
    FURNITURE.map(lambda f: "\n" + f + "\n"),
)
MIXED_TEXT = st.lists(TOKEN, max_size=80).map("".join)


def document(text: str, doc_id: str = "p") -> Document:
    """A Document from decoded text, as ingest makes it (metadata left blank)."""
    normalised, script = ingest.normalise_text(text)
    return Document(
        doc_id,
        f"{doc_id}.txt",
        hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        "utf-8",
        script,
        text,
        normalised,
    )


def coverage_errors(text: str, clauses: list[dict]) -> list[str]:
    """What breaks "every non-space character in exactly one clause, text == text[start:end]"."""
    errors = []
    count = [0] * len(text)
    for clause in clauses:
        start, end = clause["start"], clause["end"]
        if not 0 <= start < end <= len(text):
            errors.append(f"bad span {start}:{end}")
            continue
        if clause["text"] != text[start:end]:
            errors.append(f"clause text differs from text[{start}:{end}]")
        for position in range(start, end):
            count[position] += 1
    for position, (char, n) in enumerate(zip(text, count, strict=True)):
        if n > 1:
            errors.append(f"character {position} {char!r} in {n} clauses")
        elif n == 0 and char not in structure._EDGE_SPACE:
            errors.append(f"character {position} {char!r} in no clause")
    return errors


@PROPERTY
@given(MIXED_TEXT)
def test_normalise_text_keeps_length_on_mixes(text: str) -> None:
    normalised, script = ingest.normalise_text(text)
    assert len(normalised) == len(text)
    assert script in ("simplified", "traditional")


@PROPERTY
@given(st.text(max_size=200))
def test_normalise_text_keeps_length_on_any_unicode(text: str) -> None:
    normalised, _ = ingest.normalise_text(text)
    assert len(normalised) == len(text)


@PROPERTY
@given(MIXED_TEXT)
def test_decode_utf8_round_trip_or_input_error(text: str) -> None:
    """UTF-8 bytes decode back to the same text, or fail with an InputError (empty text)."""
    try:
        decoded, encoding = ingest.decode_bytes(text.encode("utf-8"), "p.txt")
    except InputError as error:
        assert "p.txt" in error.message
        assert not text.strip(structure._EDGE_SPACE + "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
        return
    assert (decoded, encoding) == (text, "utf-8")


@PROPERTY
@given(MIXED_TEXT)
def test_every_non_space_character_in_exactly_one_clause(text: str) -> None:
    doc = document(text)
    clauses = structure.segment_document(doc)
    assert coverage_errors(doc.text, clauses) == []
    assert {clause["part"] for clause in clauses} <= set(schema.PARTS)


@PROPERTY
@given(st.text(max_size=300))
def test_clauses_cover_any_unicode(text: str) -> None:
    doc = document(text)
    assert coverage_errors(doc.text, structure.segment_document(doc)) == []


@PROPERTY
@given(st.lists(MIXED_TEXT, min_size=2, max_size=3))
def test_clauses_table_over_several_documents(texts: list[str]) -> None:
    docs = [document(text, f"d{i}") for i, text in enumerate(texts)]
    for doc, province in zip(docs, ("河南省", "青海省", "辽宁省"), strict=False):
        doc.province = province
    table = structure.clauses_table(docs)
    assert table["clause_id"].is_unique
    for doc in docs:
        own = table[table["doc_id"] == doc.doc_id].to_dict("records")
        assert coverage_errors(doc.text, own) == []


@PROPERTY
@given(MIXED_TEXT)
def test_every_figure_inside_its_clause_and_matching_its_surface(text: str) -> None:
    from analysis import figures

    doc = document(text)
    clauses = structure.clauses_table([doc])
    found = figures.extract_figures(
        clauses, published={doc.doc_id: doc.published}, doc_types={doc.doc_id: doc.doc_type}
    )
    if found.empty:
        return
    assert found["figure_id"].is_unique
    spans = clauses.set_index("clause_id")[["start", "end"]]
    for row in found.itertuples(index=False):
        assert row.doc_id == doc.doc_id
        clause_start, clause_end = spans.loc[row.clause_id]
        assert clause_start <= row.start < row.end <= clause_end, (row.surface, row.start, row.end)
        assert doc.text[row.start : row.end] == row.surface


@PROPERTY
@given(st.lists(MIXED_TEXT, min_size=1, max_size=2))
def test_build_tables_never_raises(texts: list[str]) -> None:
    from analysis import pipeline

    docs = [document(text, f"d{i}") for i, text in enumerate(texts)]
    tables = pipeline.build_tables(docs)
    assert isinstance(tables.clauses, pd.DataFrame)
    assert set(tables.figures["clause_id"]) <= set(tables.clauses["clause_id"])
    assert set(tables.targets["clause_id"]) <= set(tables.clauses["clause_id"])
