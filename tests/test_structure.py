"""Parts, headings, sentences and clauses: one small text per rule, and the seeds' counts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from analysis import ingest, schema, structure
from analysis.ingest import Document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
HENAN, QINGHAI, LIAONING = "000_1d2e5730f4acb035", "002_9f79b8bcaaa70cba", "004_ced2cc56ed9e167a"


def doc_from_text(text: str, doc_id: str = "t") -> Document:
    normalised, script = ingest.normalise_text(text)
    return Document(
        doc_id,
        f"{doc_id}.txt",
        hashlib.sha256(text.encode()).hexdigest(),
        "utf-8",
        script,
        text,
        normalised,
    )


def clauses_of(text: str) -> pd.DataFrame:
    return pd.DataFrame(structure.segment_document(doc_from_text(text)))


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Document], pd.DataFrame]:
    corpus = ingest.read_corpus(RAW)
    return corpus.documents, structure.clauses_table(corpus.documents)


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十八", 28),
        ("三十二", 32),
        ("一百零一", 101),
        ("7", 7),
        ("①", 1),
        ("⑫", 12),
    ],
)
def test_cn_number(numeral: str, expected: int) -> None:
    assert structure.cn_number(numeral) == expected


@pytest.mark.parametrize(
    ("line", "kind", "number", "title"),
    [
        ("第三章 推动产业转型", "chapter", 3, "推动产业转型"),
        ("第二节　培育新动能", "jie", 2, "培育新动能"),
        ("第十二条 本办法自印发之日起施行。", "article", 12, "本办法自印发之日起施行"),
        ("一、总体要求", "cn", 1, "总体要求"),
        ("十二、强化政策支撑", "cn", 12, "强化政策支撑"),
        ("(一)指导思想", "paren_cn", 1, "指导思想"),
        (
            "（二十四）推进采煤沉陷区综合治理。实施平顶山宝丰县等工程。",
            "paren_cn",
            24,
            "推进采煤沉陷区综合治理",
        ),
        ("1.加快发展新能源", "arabic", 1, "加快发展新能源"),
        ("2、完善配套政策", "arabic", 2, "完善配套政策"),
        ("(3)健全机制", "paren_arabic", 3, "健全机制"),
        ("（3）健全机制", "paren_arabic", 3, "健全机制"),
        ("②推进绿色矿山建设", "circled", 2, "推进绿色矿山建设"),
        # work-report run-in items: 第一，… carries its number; ——… is numbered in its section
        ("第一，壮大接续替代产业。全年新增企业40家。", "ordinal", 1, "壮大接续替代产业"),
        ("第十二，加强政府自身建设。", "ordinal", 12, "加强政府自身建设"),
        (
            "——坚持生态修复，矿区面貌明显改善。治理面积1万亩。",
            "dash",
            0,
            "坚持生态修复，矿区面貌明显改善",
        ),
        ("——“双碳”工作稳步推进。", "dash", 0, "“双碳”工作稳步推进"),
    ],
)
def test_match_heading(line: str, kind: str, number: int, title: str) -> None:
    found = structure.match_heading(line)
    assert found is not None
    assert found[:2] == (kind, number)
    assert structure.heading_title(line, found[2]) == title


@pytest.mark.parametrize(
    "line",
    [
        "1.5万亩土地完成复垦。",  # a decimal, not "1."
        "2020年南票区获得扶贫资金。",
        "一是资源富集地区:平顶山市。",
        "一带一路建设",
        "十四五期间",
    ],
)
def test_not_a_heading(line: str) -> None:
    assert structure.match_heading(line) is None


def test_item_numbers_are_scoped_by_section() -> None:
    text = "一、总体要求\n(一)指导思想\n内容。\n二、重点任务\n(一)统筹开发。内容。\n(二)加强保障。内容;再一句。\n"
    clauses = clauses_of(text)
    items = (
        clauses[clauses["is_heading"]][["section_no", "item_no"]]
        .fillna(0)
        .astype(int)
        .values.tolist()
    )
    assert items == [[1, 0], [1, 1], [2, 0], [2, 1], [2, 2]]
    last = clauses.iloc[-1]
    assert (last["section_no"], last["item_no"], last["text"], last["clause_no"]) == (
        2,
        2,
        "再一句。",
        2,
    )


def test_chapters_sections_and_sub_items() -> None:
    text = (
        "第一章 总则\n第一节 目标\n一、发展目标\n1.产业目标。到2025年完成。\n(1)细分目标。\n"
        "第二章 任务\n一、重点任务\n"
    )
    clauses = clauses_of(text)
    headings = clauses[clauses["is_heading"]]
    assert headings["chapter_no"].tolist() == [1, 1, 1, 1, 1, 2, 2]
    assert headings[["section_no", "item_no", "sub_no"]].iloc[4].tolist() == [1, 1, 1]
    assert pd.isna(
        headings.iloc[6]["section_no"]
    )  # 一、 under 第二章 is an item, its section (节) is reset
    assert headings.iloc[6]["item_no"] == 1


def test_reply_sub_parts_end_at_the_colon() -> None:
    text = (
        "何金箭代表:\n一、关于“加强顶层设计”的建议\n"
        "在资金保障方面:近年来累计争取资金。下一步将继续支持。\n"
        "在招商引资方面:省商务厅将组织招商。\n"
    )
    clauses = clauses_of(text)
    sub = clauses[clauses["sub_no"].notna()]
    assert sub["sub_no"].tolist() == [1, 1, 1, 2, 2]
    assert sub["sub_title"].iloc[0] == "在资金保障方面"
    assert sub["text"].tolist()[:2] == ["在资金保障方面:", "近年来累计争取资金。"]
    assert clauses.iloc[0]["part"] == schema.FRONT_MATTER


@pytest.mark.parametrize(
    ("text", "expected_texts"),
    [
        ("推进转型。加快发展!是否可行?好", ["推进转型。", "加快发展!", "是否可行?", "好"]),
        ("全面完成。”下一句。", ["全面完成。”", "下一句。"]),
        ("推进甲;推进乙；推进丙。", ["推进甲;", "推进乙；", "推进丙。"]),
        (
            "(一)指导思想\n以习近平新时代思想为指导。",
            ["(一)指导思想", "以习近平新时代思想为指导。"],
        ),
        ("　　全角缩进的段落。\u00a0\u00a0", ["全角缩进的段落。"]),
        ("第一行\r\n第二行。\r\n", ["第一行", "第二行。"]),
    ],
)
def test_sentences_and_clauses(text: str, expected_texts: list[str]) -> None:
    assert clauses_of("一、标题\n" + text)["text"].tolist()[1:] == expected_texts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # web page: header, date, body, furniture tail
        (
            "某省推进资源型地区转型发展实施方案\n2022-02-24 10:25\n一、总体要求\n推进转型。\n"
            "展开\n订阅邮件周刊\n投资咨询热线\n400-168-6016\n• 产业扶持政策\n",
            [
                "front_matter",
                "front_matter",
                "body",
                "body",
                "boilerplate",
                "boilerplate",
                "boilerplate",
                "boilerplate",
                "boilerplate",
            ],
        ),
        # news lead before 原文如下, a notice wrapping the plan, the plan's title
        (
            "近日,某省发改委发布《关于印发某方案的通知》。\n《通知》指出,推进综合治理。\n政策原文如下:\n某省发展和改革委员会\n关于印发某省实施方案的通知\n各市发展改革委:\n现将方案印发给你们。\n2022年5月15日\n某省实施方案\n一、总体要求\n推进转型。\n",
            ["front_matter"] * 9 + ["body", "body"],
        ),
        # reply letter: page fields, salutation, signature and date
        (
            "关于某建议的答复\n作者:办公室\n来源:\n发布时间:2021年07月23日\n何代表:\n您提出的建议收悉,现答复如下:\n一、关于“某事”的建议\n下一步将推进。\n辽宁省发展和改革委员会\n2021年5月28日\n",
            ["front_matter"] * 5 + ["body"] * 3 + ["back_matter"] * 2,
        ),
        # a notice header: document number, addressees with commas; a letterhead under a title
        (
            "某省人民政府办公厅关于加快资源型地区转型的意见\n晋政办发〔2022〕45号\n各市、县人民政府，省人民政府各委、办、厅、局：\n一、总体要求\n推进转型。\n",
            ["front_matter"] * 3 + ["body", "body"],
        ),
        (
            "关于某建议的答复\n黑龙江省发展和改革委员会\n王代表：\n您的建议收悉。\n一、关于资金\n将积极争取。\n",
            ["front_matter"] * 3 + ["body"] * 3,
        ),
        # a contact line above a letter's signature is the letter's; below a page footer it is furniture
        (
            "一、关于资金\n将积极争取。\n联系人：张明　　联系电话：0451-82621234\n"
            "黑龙江省发展和改革委员会\n2023年6月20日\n",
            ["body", "body", "back_matter", "back_matter", "back_matter"],
        ),
        (
            "一、总体要求\n推进转型。\n分享到：微信 微博\n网站标识码：6204000001"
            + " " * 12
            + "陇ICP备05000826号-1"
            + " " * 12
            + "甘公网安备62040202000101号\n联系电话：0943-8221234\n",
            ["body", "body", "boilerplate", "boilerplate", "boilerplate"],
        ),
        # a document that is only a title; short last lines of a text with no page furniture
        ("关于加快资源枯竭城市转型发展的通知\n", ["front_matter"]),
        ("一、重点城市\n平顶山市\n焦作市\n", ["body", "body", "body"]),
        # share buttons and a view counter inside the page are furniture
        (
            "某市实施方案\n【字体:大 中 小】 打印本页\n浏览次数:1234\n一、总体要求\n推进转型。\n分享到:微信 微博\n",
            ["front_matter", "boilerplate", "boilerplate", "body", "body", "boilerplate"],
        ),
        # a news headline over a portal dateline; the lead is body; 责任编辑, ICP and 主办 lines are furniture
        (
            "鹤壁：老矿区里的新产业\n2021年06月01日 08:00　来源：河南日报　【字号：大 中 小】\n"
            "本报讯　记者从鹤壁市获悉，全市新增企业40家。\n据介绍，治理面积达到1万亩。\n"
            "责任编辑：李某\n主办：某某日报社　豫ICP备00000001号\n",
            ["front_matter", "front_matter", "body", "body", "boilerplate", "boilerplate"],
        ),
        # an agency headline: the dateline opens the lead, which is body
        (
            "淮南：塌陷区上建起光伏电站\n新华社合肥3月2日电（记者 某某）记者从淮南市获悉，光伏装机达到150万千瓦。\n",
            ["front_matter", "body"],
        ),
        # a breadcrumb with 发布时间 and a counter on the title's next line; 附件下载 is furniture, not an annex
        (
            "我县召开矿山修复推进会\n"
            "首页 > 新闻中心 > 部门动态 > 县自然资源局　　发布时间：2022-08-16 09:30　　浏览次数：356\n"
            "8月15日，我县召开推进会。\n附件下载：推进会材料\n",
            ["front_matter", "front_matter", "body", "boilerplate"],
        ),
        # a headline carrying its dateline, over a reporter's lead; a headline's subtitle
        (
            "鹤壁：老矿区里的新产业　2021-06-01 08:00　来源：河南日报\n记者从鹤壁市获悉，全市新增企业40家。\n",
            ["front_matter", "body"],
        ),
        (
            "鹤壁：老矿区里的新产业\n——资源型城市转型调查之三\n2021-06-01 08:00　来源：河南日报\n"
            "记者从鹤壁市获悉，全市新增企业40家。\n",
            ["front_matter"] * 3 + ["body"],
        ),
        # site lines above the headline go with the head; the headline is the line over the date
        (
            "移动新媒体\n微阅读 > 地方新闻\n萍乡下达1.2亿元治理采煤塌陷地\n2022-10-11 18:20:00\n"
            "萍乡网10月11日讯 记者从市财政局获悉，本批资金支持5个乡镇。\n",
            ["front_matter", "boilerplate", "front_matter", "front_matter", "body"],
        ),
        # a byline between the headline and its dateline
        (
            "石嘴山：光伏板下种出新产业\n本报记者　孙某某\n2023-07-01 08:10　来源：宁夏日报\n"
            "记者从石嘴山市获悉，治沙面积达到3万亩。\n",
            ["front_matter"] * 3 + ["body"],
        ),
        # a mirror page's own-report mark with a blanked annotation inside (本報(bào)訊)
        (
            "白銀(yín)：銅城(chéng)新生\n本報(bào)訊　當地產(chǎn)值增長(zhǎng)20%。\n",
            ["front_matter", "body"],
        ),
        # a letter without headings: a title-like line after its first sentence stays body
        (
            "关于某建议的答复\n王代表：\n您的建议收悉，现答复如下。\n某市矿区治理实施方案正在编制\n我们将积极推进。\n",
            ["front_matter", "front_matter", "body", "body", "body"],
        ),
        # a work report: title, congress dateline, speaker and salutation are front matter
        (
            "政府工作报告\n——2023年2月8日在焦作市第十五届人民代表大会第二次会议上\n"
            "焦作市人民政府市长　周某某\n各位代表：\n"
            "现在，我代表市人民政府，向大会报告工作，请予审议。\n一、2022年工作回顾\n"
            "全年新增就业3万人。\n",
            ["front_matter"] * 4 + ["body"] * 3,
        ),
        # a header block copied from an information page
        (
            "某县人民政府门户网站\n索引号：1/2022-01\n发文机关：某县人民政府\n成文日期：2022-03-01\n发布日期：2022-03-05\n某县关于加快矿区转型的实施方案\n一、总体要求\n推进转型。\n",
            ["front_matter"] * 6 + ["body", "body"],
        ),
    ],
)
def test_parts(text: str, parts: list[str]) -> None:
    clauses = clauses_of(text)
    by_paragraph = clauses.groupby("paragraph_no")["part"].first().tolist()
    assert by_paragraph == parts


@pytest.mark.parametrize(
    ("text", "sections", "items"),
    [
        # a numbered list in a letter is items, not divisions of the document
        (
            "下一步,我们将重点做好以下工作:\n1.积极争取国家支持。\n2.加大省级资金投入。\n3.推动项目建设。\n",
            [None, None, None],
            [1, 2, 3],
        ),
        ("(一)加强组织领导。\n(二)强化资金保障。\n", [None, None], [1, 2]),
        (
            "一、总体要求\n1.指导思想。\n二、重点任务\n1.推进治理。\n",
            [1, 1, 2, 2],
            [None, 1, None, 1],
        ),
        # a work report: ——… items in the review and 第一，… items in the plan are both items of their section
        (
            "一、2022年工作回顾\n——坚持转型发展，产业持续优化。新增企业40家。\n——坚持民生为本，保障不断加强。新增就业3万人。\n"
            "二、2023年工作安排\n第一，壮大接续替代产业。新增企业50家。\n第二，推进塌陷区治理。治理1万亩。\n",
            [1, 1, 1, 2, 2, 2],
            [None, 1, 2, None, 1, 2],
        ),
    ],
)
def test_sections_come_only_from_section_headings(text: str, sections: list, items: list) -> None:
    headings = clauses_of(text)
    headings = headings[headings["is_heading"]]
    assert [None if pd.isna(v) else v for v in headings["section_no"]] == sections
    assert [None if pd.isna(v) else v for v in headings["item_no"]] == items


def test_document_without_headings_is_unstructured_body() -> None:
    clauses = clauses_of("近年来,我市大力推进资源型城市转型。下一步,将继续加大支持力度。")
    assert set(clauses["part"]) == {"body"}
    assert clauses["section_no"].isna().all()


def _assert_accounting(doc: Document, clauses: pd.DataFrame) -> None:
    """Every non-space character in exactly one clause; every clause text equals its span."""
    owner = [0] * len(doc.text)
    for start, end, text in zip(clauses["start"], clauses["end"], clauses["text"], strict=True):
        assert doc.text[start:end] == text
        for i in range(start, end):
            owner[i] += 1
    for i, ch in enumerate(doc.text):
        assert owner[i] <= 1
        assert owner[i] == 1 or ch.isspace(), f"character {ch!r} at {i} is in no clause"


def test_character_accounting_on_seeds(seeds: tuple[list[Document], pd.DataFrame]) -> None:
    documents, clauses = seeds
    for doc in documents:
        _assert_accounting(doc, clauses[clauses["doc_id"] == doc.doc_id])


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_character_accounting_in_other_encodings_with_crlf(tmp_path: Path, encoding: str) -> None:
    source = (RAW / f"{HENAN}.txt").read_text(encoding="utf-8")
    if encoding == "gb18030":
        source = ingest.to_simplified(source)
    (tmp_path / "doc.txt").write_bytes(source.replace("\n", "\r\n").encode(encoding))
    doc = ingest.read_corpus(tmp_path).documents[0]
    assert doc.encoding == encoding
    clauses = structure.clauses_table([doc])
    _assert_accounting(doc, clauses)
    body = clauses[clauses["part"] == "body"]
    assert body["section_no"].nunique() == 9
    assert len(body.dropna(subset=["item_no"])[["section_no", "item_no"]].drop_duplicates()) == 32


@pytest.mark.parametrize(
    ("doc_id", "sections", "items"), [(HENAN, 9, 32), (QINGHAI, 3, 22), (LIAONING, 7, 0)]
)
def test_seed_structure_counts(
    seeds: tuple[list[Document], pd.DataFrame], doc_id: str, sections: int, items: int
) -> None:
    _, clauses = seeds
    body = clauses[(clauses["doc_id"] == doc_id) & (clauses["part"] == "body")]
    assert body["section_no"].nunique() == sections
    assert (
        len(body.dropna(subset=["item_no"])[["section_no", "item_no"]].drop_duplicates()) == items
    )


def test_seed_parts(seeds: tuple[list[Document], pd.DataFrame]) -> None:
    _, clauses = seeds
    henan = clauses[clauses["doc_id"] == HENAN]
    lead = henan[henan["text"].str.startswith("《通知》指出")]
    assert lead["part"].tolist() == ["front_matter"]  # the news lead repeating (二十四)
    assert henan[henan["text"] == "政策原文如下:"]["part"].tolist() == ["front_matter"]
    qinghai = clauses[clauses["doc_id"] == QINGHAI]
    tail = qinghai[
        qinghai["paragraph_no"] >= qinghai[qinghai["text"] == "展开"]["paragraph_no"].iloc[0]
    ]
    assert set(tail["part"]) == {"boilerplate"}
    assert "400-168-6016" in tail["text"].tolist()
    liaoning = clauses[clauses["doc_id"] == LIAONING]
    assert liaoning[liaoning["part"] == "back_matter"]["text"].tolist() == [
        "辽宁省发展和改革委员会",
        "2021年5月28日",
    ]


def test_seed_titles_are_simplified(seeds: tuple[list[Document], pd.DataFrame]) -> None:
    _, clauses = seeds
    henan = clauses[(clauses["doc_id"] == HENAN) & clauses["is_heading"]]
    assert "推进采煤沉陷区综合治理" in henan["item_title"].tolist()
    assert henan[henan["item_no"] == 24]["item_title"].iloc[0] == "推进采煤沉陷区综合治理"
    assert henan[henan["item_no"] == 28]["item_title"].iloc[0] == "着力稳定和促进就业"


def test_template_text_is_shared_across_provinces(
    seeds: tuple[list[Document], pd.DataFrame],
) -> None:
    _, clauses = seeds
    template = clauses[clauses["template"]]
    # 对具备复垦条件的建设用地,按照城乡建设用地增减挂钩政策… is written by Henan and (with 可) by Qinghai
    assert template["text"].str.contains("增减挂钩政策和工矿废弃地复垦利用政策").any()
    assert set(template["doc_id"]) == {HENAN, QINGHAI}
    assert not clauses[clauses["doc_id"] == LIAONING]["template"].any()


def test_template_phrase_inside_a_longer_phrase_of_another_province() -> None:
    """A phrase counts as shared when another province wrote it inside a longer phrase."""
    texts = [
        "推进资源型地区高质量发展。",
        "全面推进资源型地区高质量发展工作。",
        "加快采煤沉陷区综合治理力度。",
    ]
    flags = structure.template_flags(texts, ["河南省", "青海省", "辽宁省"])
    assert flags.tolist() == [True, False, False]
    assert not structure.template_flags(
        texts, ["河南省"] * 3
    ).any()  # one province: nothing to share


def test_subpart_heading_is_one_sentence_even_with_punctuation_inside() -> None:
    clauses = clauses_of("一、总体要求\n在资金!保障方面:加大投入;强化监管。\n")
    body = clauses[clauses["sentence_no"] > 1]
    assert body["text"].tolist() == ["在资金!保障方面:", "加大投入;", "强化监管。"]
    assert body["sentence_no"].tolist() == [2, 3, 3]
    assert body["clause_no"].tolist() == [1, 1, 2]
    assert body["is_heading"].tolist() == [True, False, False]


def test_document_columns_match_segment_document(
    seeds: tuple[list[Document], pd.DataFrame],
) -> None:
    documents, _ = seeds
    for doc in documents:
        columns = structure.document_columns(doc)
        rows = structure.segment_document(doc)
        assert list(columns) == schema.CLAUSES.columns
        assert all(len(values) == len(rows) for values in columns.values())
        assert [row["text"] for row in rows] == [
            doc.text[row["start"] : row["end"]] for row in rows
        ]


def test_four_heading_levels_each_keep_their_parent() -> None:
    text = (
        "一、重点任务\n(一)推进治理\n1.推进受损土地复垦利用\n(1)对已稳沉区域开展复垦。\n"
        "(2)对未稳沉区域加强监测。\n2.加强监测\n"
    )
    clauses = clauses_of(text)
    point = clauses[clauses["text"] == "(2)对未稳沉区域加强监测。"].iloc[0]
    assert (
        point["section_no"],
        point["item_no"],
        point["sub_no"],
        point["sub_title"],
        point["point_no"],
    ) == (1, 1, 1, "推进受损土地复垦利用", 2)
    last = clauses.iloc[-1]
    assert (last["sub_no"], last["sub_title"]) == (2, "加强监测")
    assert pd.isna(last["point_no"])
