"""Decoding, normalisation and metadata, on small texts written for each rule and on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import ingest
from analysis.errors import InputError

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
HENAN, QINGHAI, LIAONING = (
    "000_1d2e5730f4acb035.txt",
    "002_9f79b8bcaaa70cba.txt",
    "004_ced2cc56ed9e167a.txt",
)

PLAN = "河南省推进资源型地区高质量发展实施方案\n一、总体要求\n（一）总体思路。推进采煤沉陷区综合治理。\n"
TRADITIONAL = (
    "河南省推進資源型地區高質量發展實施方案\n一、總體要求\n"
    "（一）總體思路。推進採煤沉陷區綜合治理，著力激發創新活力。\n"
)


@pytest.mark.parametrize(
    ("raw", "expected_encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + PLAN.encode("utf-8"), "utf-8-sig"),
        (PLAN.encode("gb18030"), "gb18030"),
        (PLAN.encode("gbk"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
        (PLAN.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
        (TRADITIONAL.replace("\n", "\r\n").encode("big5"), "big5"),
        (PLAN.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_bytes_finds_the_encoding(raw: bytes, expected_encoding: str) -> None:
    text, encoding = ingest.decode_bytes(raw, "x.txt")
    assert encoding == expected_encoding
    assert "一、" in text


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "is empty"),
        (b"  \r\n \n", "is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"abc\x00\x01\x02def" * 10, "binary"),
        (PLAN.encode("utf-8") + "一、二〇二二年三月八日印发".encode("gb18030"), "mixes encodings"),
        (bytes(range(0x80, 0x100)) * 4, "cannot be decoded"),
    ],
)
def test_decode_bytes_rejects_bad_input_naming_the_file(raw: bytes, problem: str) -> None:
    with pytest.raises(InputError) as error:
        ingest.decode_bytes(raw, "broken.txt")
    assert error.value.message.startswith("broken.txt: ")
    assert problem in error.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推進資源型地區高質量發展", "推进资源型地区高质量发展"),
        ("著力激發創新活力", "着力激发创新活力"),  # tw2s fixes 著力, t2s would not
        ("以改善生產生活條件為著力點", "以改善生产生活条件为着力点"),
        ("南陽桐柏堿化工", "南阳桐柏碱化工"),  # the variant 堿 OpenCC leaves alone
        ("執行 整合 建立 指標", "执行 整合 建立 指标"),  # never the *p configs (执行→运行)
        ("覆蓋 互聯網", "覆盖 互联网"),
        ("利用效率顯著提高", "利用效率显著提高"),
    ],
)
def test_to_simplified(text: str, expected: str) -> None:
    assert ingest.to_simplified(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("０．７３万亩，ＧＤＰ增长５％", "0．73万亩，GDP增长5％"),
        ("<p>第一段</p><br/>", " " * 3 + "第一段" + " " * 9),
        ("资金&nbsp;2亿元", "资金" + " " * 6 + "2亿元"),
        ('<div class="x">正文</div>', " " * 15 + "正文" + " " * 6),
        ("PM2.5<35微克", "PM2.5<35微克"),  # a less-than sign is not markup
        # pinyin a mirror site puts after characters is blanked like markup
        ("推动(dòng)产业(yè)升级", "推动" + " " * 6 + "产业" + " " * 4 + "升级"),
        ("建设的(de)矿区", "建设的" + " " * 4 + "矿区"),  # a neutral-tone particle has no tone mark
        ("编号（hào）为3", "编号" + " " * 5 + "为3"),
        (
            "平台(app)上线，智能(ai)巡检",
            "平台(app)上线，智能(ai)巡检",
        ),  # lowercase words, not pinyin
        ("(一)总体要求(2025年)", "(一)总体要求(2025年)"),
    ],
)
def test_normalise_text_keeps_length(text: str, expected: str) -> None:
    normalised, _ = ingest.normalise_text(text)
    assert normalised == expected
    assert len(normalised) == len(text)


def test_simplified_text_is_not_reconverted() -> None:
    """tw2s would turn a simplified 显著 into 显着; simplified documents are left alone."""
    text = "取得显著进展，生态功能和环境质量明显改变。" * 3
    normalised, script = ingest.normalise_text(text)
    assert script == "simplified"
    assert normalised == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年5月15日", "2022-05-15"),
        ("发布时间:2021年07月23日", "2021-07-23"),
        ("2022-02-24 10:25", "2022-02-24"),
        ("２０２２年３月８日", ""),  # full-width digits are made half-width before dates are read
        ("二〇二二年三月八日", "2022-03-08"),
        ("二○二一年十二月二十八日", "2021-12-28"),
        ("2021年2月30日", ""),
        ("到2025年", ""),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert ingest.parse_date(text) == expected


def test_full_width_date_is_read_after_normalisation() -> None:
    normalised, _ = ingest.normalise_text("２０２２年３月８日")
    assert ingest.parse_date(normalised) == "2022-03-08"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("河南省推进资源型地区高质量发展“十四五”实施方案", "plan"),
        ("关于印发河南省推进资源型地区高质量发展“十四五”实施方案的通知", "notice"),
        (
            "省十三届人大五次会议第1125号《关于资源枯竭地区转型发展问题及对策研究的建议》的答复",
            "reply",
        ),
        ("关于加快推进资源枯竭城市转型发展的指导意见", "opinion"),
        ("山西省资源型经济转型综合配套改革试验2021年工作情况通报", "report"),
        ("内蒙古自治区资源型地区转型发展“十四五”规划", "plan"),
        ("资源型地区转型发展专项资金管理办法", "other"),
    ],
)
def test_doc_type_from_title(title: str, expected: str) -> None:
    assert ingest.doc_type_from_title(title) == expected


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("000_1d2e5730f4acb035.txt", "000_1d2e5730f4acb035"),
        ("henan-plan.TXT", "henan-plan"),
        ("山西规划.txt", "山西规划"),
        ("河南 方案.txt", "河南-方案-"),
        ("2022 河南方案（修订）.txt", "2022-河南方案-修订-"),
        ("《》.txt", "doc-"),
    ],
)
def test_doc_id_is_readable_and_safe(file_name: str, expected: str) -> None:
    doc_id = ingest.doc_id_for(file_name)
    assert doc_id.startswith(expected)
    assert all(ch.isalnum() or ch in "-_" for ch in doc_id)
    assert ingest.doc_id_for(file_name) == doc_id


SEED_METADATA = {
    # read off the texts: Henan's notice header names the DRC and is dated 2022年5月15日;
    # Qinghai names the province in its title and has a page date; Liaoning signs and dates its reply.
    HENAN: (
        "traditional",
        "河南省",
        "河南省推进资源型地区高质量发展“十四五”实施方案",
        "河南省发展和改革委员会",
        "plan",
        "2022-05-15",
    ),
    QINGHAI: (
        "simplified",
        "青海省",
        "青海省推进资源型地区高质量发展“十四五”实施方案",
        "",
        "plan",
        "2022-02-24",
    ),
    LIAONING: (
        "simplified",
        "辽宁省",
        "省十三届人大五次会议第1125号《关于资源枯竭地区转型发展问题及对策研究的建议》的答复",
        "辽宁省发展和改革委员会",
        "reply",
        "2021-05-28",
    ),
}


@pytest.mark.parametrize("source_file", sorted(SEED_METADATA))
def test_seed_metadata_is_inferred(source_file: str) -> None:
    doc = ingest.read_document(RAW / source_file)
    script, province, title, issuer, doc_type, published = SEED_METADATA[source_file]
    assert (doc.script, doc.province, doc.title, doc.issuer, doc.doc_type, doc.published) == (
        script,
        province,
        title,
        issuer,
        doc_type,
        published,
    )
    assert doc.encoding == "utf-8"
    assert len(doc.text) == len(doc.raw_text)


def _write(folder: Path, name: str, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)


def test_manifest_overrides_and_blank_cells_are_inferred(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", PLAN)
    _write(
        tmp_path,
        "manifest.csv",
        "source_file,province,title,issuer,doc_type,published,url\na.txt,河南,,某某厅,,2022-03-08,http://example.org/a\n",
    )
    doc = ingest.read_corpus(tmp_path).documents[0]
    assert (doc.province, doc.issuer, doc.published, doc.url) == (
        "河南省",
        "某某厅",
        "2022-03-08",
        "http://example.org/a",
    )
    assert doc.sources["province"] == "manifest"
    assert doc.title == "河南省推进资源型地区高质量发展实施方案"
    assert doc.sources["title"] == "text"


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("source_file,province\nmissing.txt,河南省\n", "manifest.csv row 2: names missing.txt"),
        ("source_file,provence\na.txt,河南省\n", "unknown column(s) provence"),
        (
            "source_file,published\na.txt,2022-13-01\n",
            "manifest.csv row 2: published date '2022-13-01'",
        ),
        ("source_file,published\na.txt,2022年3月8日\n", "manifest.csv row 2: published date"),
        ("source_file,province\na.txt,火星省\n", "manifest.csv row 2: province '火星省'"),
        ("source_file,doc_type\na.txt,law\n", "manifest.csv row 2: doc_type 'law'"),
        (
            "source_file,title,issuer\na.txt,关于印发某方案的通知,某省发改委,plan\n",
            "manifest.csv row 2: has more cells than the header (1 extra: plan)",
        ),
    ],
)
def test_manifest_errors_name_the_row(tmp_path: Path, manifest: str, message: str) -> None:
    _write(tmp_path, "a.txt", PLAN)
    _write(tmp_path, "manifest.csv", manifest)
    with pytest.raises(InputError) as error:
        ingest.read_corpus(tmp_path)
    assert message in error.value.message


@pytest.mark.parametrize(
    ("issuer", "title", "expected"),
    [
        ("国家发展改革委", "", True),
        ("", "国家发展改革委等关于印发推进资源型地区高质量发展“十四五”实施方案的通知", True),
        ("国务院办公厅", "", True),
        ("财政部", "", True),
        ("", "自然资源部关于加强矿山生态修复的意见", True),
        ("辽宁省发展和改革委员会", "", False),
        ("", "河南省推进资源型地区高质量发展“十四五”实施方案", False),
        ("", "关于加快推进资源枯竭城市转型发展的指导意见", False),
    ],
)
def test_is_national(issuer: str, title: str, expected: bool) -> None:
    assert ingest.is_national(issuer, title) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支持平顶山、鹤壁、焦作、朔州建设示范区。", "河南省"),  # 3 of 4 mentions in Henan
        (
            "支持平顶山、朔州、鄂尔多斯建设示范区。",
            "",
        ),  # one each in three provinces: never a guess
        ("支持平顶山建设示范区。", ""),  # too few mentions
    ],
)
def test_province_from_places_needs_a_clear_majority(text: str, expected: str) -> None:
    assert ingest.province_from_places(text) == expected


def test_manifest_as_excel_writes_it(tmp_path: Path) -> None:
    """GBK bytes, CRLF, an empty trailing header cell, traditional characters in the cells."""
    _write(tmp_path, "a.txt", PLAN)
    manifest = "source_file,province,title,\r\na.txt,廣西,資源型地區轉型方案,\r\n"
    _write(tmp_path, "manifest.csv", manifest.encode("gbk"))
    doc = ingest.read_corpus(tmp_path).documents[0]
    assert (doc.province, doc.title) == ("广西壮族自治区", "资源型地区转型方案")


def test_same_document_twice_is_analysed_once(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", PLAN)
    _write(tmp_path, "b.txt", PLAN.encode("gb18030"))
    _write(tmp_path, "notes.md", b"# notes")
    corpus = ingest.read_corpus(tmp_path)
    assert [d.duplicate_of for d in corpus.documents] == ["", "a"]
    assert [d.doc_id for d in ingest.analysed(corpus.documents)] == ["a"]
    assert any("b.txt: same content as a.txt" in w for w in corpus.warnings)
    assert corpus.skipped == ["notes.md"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a notice wrapping a plan: the plan's title right above its first heading
        ("某市人民政府关于印发某市转型方案的通知\n各县区：\n现将方案印发给你们，请认真执行。\n某市人民政府\n"
         "2022年3月1日\n某市转型方案\n一、总体要求\n推进转型。\n", "某市转型方案"),
        # a title broken over two lines is joined
        ("某省发展和改革委员会关于印发某省资源型城市\n转型发展实施方案的通知\n各市发展改革委：\n一、总体要求\n",
         "某省发展和改革委员会关于印发某省资源型城市转型发展实施方案的通知"),
        # no top-level heading: an annex line after the letter's first sentence is not the title
        ("关于某市第12号建议的答复\n王代表：\n您的建议收悉，现答复如下。\n我们将积极争取资金。\n附件：资金分配方案\n",
         "关于某市第12号建议的答复"),
        # a news lead before 原文如下 is skipped
        ("近日，某省印发方案。\n政策原文如下：\n某省矿区治理方案\n一、总体要求\n", "某省矿区治理方案"),
    ],
)  # fmt: skip
def test_infer_title(text: str, expected: str) -> None:
    assert ingest.infer_title(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某方案\n来源:青海省人民政府\n一、总体要求\n", "青海省人民政府"),
        (
            "某规划\n发布时间：2022-01-18    来源：内蒙古自治区发展和改革委员会\n第一章 总则\n",
            "内蒙古自治区发展和改革委员会",
        ),
        ("某方案\n来源：中国政府网\n一、总体要求\n", ""),  # a website is not an issuer
        (
            "关于某建议的答复\n何代表:\n一、关于资金\n将支持。\n辽宁省发展和改革委员会\n2021年5月28日\n",
            "辽宁省发展和改革委员会",
        ),
        # a joint signature
        (
            "关于某工作的通知\n一、总体目标\n推进治理。\n国家发展改革委\n财政部\n自然资源部\n2022年6月1日\n",
            "国家发展改革委、财政部、自然资源部",
        ),
        # the signature wins over an abbreviated 来源 field
        (
            "某报告\n来源：省发展改革委\n一、主要成效\n推进治理。\n贵州省发展和改革委员会\n2023年2月1日\n",
            "贵州省发展和改革委员会",
        ),
        # an annex listing bodies after the signature; a numbered heading that looks like a body
        (
            "某方案\n来源:某某省人民政府办公厅\n一、总体要求\n推进转型。\n二、成立领导小组\n某某省人民政府办公厅\n2022年3月1日\n附件:任务分工\n省发展改革委\n省财政厅\n省能源局\n",
            "某某省人民政府办公厅",
        ),
        # a decree header
        (
            "山西省人民政府令\n第290号\n《某办法》已经省人民政府常务会议通过。\n第一章 总则\n"
            "第一条 为推进转型,制定本办法。\n",
            "山西省人民政府",
        ),
    ],
)
def test_infer_issuer(text: str, expected: str) -> None:
    assert ingest.infer_issuer(text) == expected


def test_signature_after_an_annex_note_is_found() -> None:
    """附件说明 comes before the signature in official documents (GB/T 9704)."""
    text = "某方案\n一、总体要求\n推进转型。\n附件:1.任务分工\n某某省人民政府\n2022年3月1日\n"
    assert ingest.infer_issuer(text) == "某某省人民政府"
