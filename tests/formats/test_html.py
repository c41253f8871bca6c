"""Web pages → text layer: visible text only, encodings, header tables, page regions, headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.formats.html import read_html

from . import documents as doc


def _page(body: str, head: str = "") -> bytes:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    ("body", "head", "expected"),
    [
        ("<p>正文一</p><p>正文二</p>", "", "正文一\n正文二"),
        ("<p>到2025年<script>var x='投资100亿元';</script>完成</p>", "", "到2025年完成"),
        ("<p>甲</p><!-- 投资8888亿元 --><p>乙</p>", "", "甲\n乙"),
        ("<p>甲</p><style>p{color:red}</style><p>乙</p>", "", "甲\n乙"),
        ("<p>甲</p><div hidden>隐藏4444万元</div><p>乙</p>", "", "甲\n乙"),
        (
            "<p>甲</p><div style='display: none'>隐藏</div><span style='visibility:hidden'>也隐藏</span>",
            "",
            "甲",
        ),
        (
            "<p>甲</p><div class='x hide'>由样式表隐藏</div>",
            "<style>.hide{display:none}</style>",
            "甲",
        ),
        (
            "<p>甲</p><div id='tmp'>由id隐藏</div>",
            "<style>/* c */ div#tmp, .z {visibility: hidden}</style>",
            "甲",
        ),
        ("<noscript>请开启脚本</noscript><template><p>模板</p></template><p>甲</p>", "", "甲"),
        ("<p>第一行<br>第二行</p>", "", "第一行\n第二行"),
        (
            "<table><tr><td>指标</td><td>目标值</td></tr><tr><td>森林覆盖率</td><td>25%</td></tr></table>",
            "",
            "指标 目标值\n森林覆盖率 25%",
        ),
        ("<p>&nbsp;&nbsp;甲&lt;5%，乙&#20013;&#22269;</p>", "", "甲<5%，乙中国"),
        ("<p>\u3000\u3000缩进的段落</p>", "", "\u3000\u3000缩进的段落"),
        ("<div>甲<span>乙</span>\n  丙</div>", "", "甲乙 丙"),
        ("<p>甲</p><select><option>第一项</option></select>", "", "甲"),
    ],
)
def test_only_visible_text_reaches_the_text(body: str, head: str, expected: str) -> None:
    assert read_html(_page(body, head), "p.html").text == expected


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (
            "<html><head><meta charset='gbk'></head><body><p>资源型城市转型发展</p></body></html>".encode(
                "gbk"
            ),
            "gb18030",
        ),
        (
            (
                '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                "</head><body><p>资源型城市转型发展</p></body></html>"
            ).encode("gb2312"),
            "gb18030",
        ),
        (
            b"\xef\xbb\xbf" + "<html><body><p>资源型城市转型发展</p></body></html>".encode(),
            "utf-8-sig",
        ),
        (
            "<html><body><p>资源型城市转型发展，推进采煤沉陷区综合治理</p></body></html>".encode(
                "gb18030"
            ),
            "gb18030",
        ),  # no declaration: detected
        (
            (
                "<html><head><meta charset='utf-8'></head>"
                "<body><p>资源型城市转型发展，推进采煤沉陷区综合治理</p></body></html>"
            ).encode("gbk"),
            "gb18030",
        ),  # declared wrongly
        (
            "<html><head><meta charset='big5'></head><body><p>資源型城市轉型發展</p></body></html>".encode(
                "big5"
            ),
            "big5",
        ),
    ],
)
def test_encoding_from_bom_meta_or_detection(raw: bytes, encoding: str) -> None:
    layer = read_html(raw, "p.html")
    assert layer.encoding == encoding
    assert "城市" in layer.text or "城市" in layer.text.replace("資", "资")


def test_gov_page_header_table_fills_the_metadata(tmp_path: Path) -> None:
    layer = read_html(doc.write_gov_page(tmp_path / "gov.html").read_bytes(), "gov.html")
    assert layer.meta["title"] == (doc.TITLE, "header")
    assert layer.meta["issuer"] == (doc.ISSUER, "header")
    assert layer.meta["doc_number"] == (doc.DOC_NUMBER, "header")
    assert layer.meta["published"] == (doc.PUBLISHED, "header")
    assert layer.meta["posted"] == (doc.POSTED, "header")
    assert layer.meta["keywords"] == ("接续产业,转型发展", "meta")
    # the CMS's abbreviated ContentSource and the <title> are only fallbacks
    assert layer.fallback["issuer"] == ("省政府办公厅", "meta")
    assert layer.fallback["title"] == (doc.TITLE, "meta")


def test_gov_page_in_gbk_reads_the_same(tmp_path: Path) -> None:
    utf8 = read_html(doc.write_gov_page(tmp_path / "a.html").read_bytes(), "a.html")
    gbk = read_html(doc.write_gov_page(tmp_path / "b.html", charset="gbk").read_bytes(), "b.html")
    assert gbk.encoding == "gb18030"
    assert gbk.text == utf8.text
    assert gbk.meta == utf8.meta


def _region_texts(layer, part: str) -> list[str]:
    return [layer.text[r.start : r.end] for r in layer.regions if r.part == part]


def test_gov_page_furniture_is_marked_and_the_body_is_not(tmp_path: Path) -> None:
    layer = read_html(doc.write_gov_page(tmp_path / "gov.html").read_bytes(), "gov.html")
    furniture = "\n".join(_region_texts(layer, "boilerplate"))
    for expected in (
        "首页 政务公开 互动交流 办事服务",
        "网站首页",
        "您当前的位置：首页 > 政府信息公开",
        "分享到：微信",
        "【打印】【关闭】",
        "相关链接",
        "关于印发煤矿安全生产规定的通知",
        "晋ICP备05002531号",
    ):
        assert expected in furniture
    header, title = _region_texts(layer, "front_matter")  # the header table, then the <h1>
    assert header.startswith("索 引 号：") and header.endswith("2022年03月21日")
    assert title == doc.TITLE
    after_title = next(r.end for r in layer.regions if r.why == "<h1>")
    for _, text in doc.BLOCKS[
        1:
    ]:  # every other line of the document is after the title, in no region
        start = layer.text.index(text, after_title)
        assert not any(r.start < start + len(text) and start < r.end for r in layer.regions), text
    for figure in ("7777", "8888", "100亿元", "9999"):  # hidden, comment, script, style
        assert figure not in layer.text


def test_gov_page_title_is_a_heading_hint(tmp_path: Path) -> None:
    layer = read_html(doc.write_gov_page(tmp_path / "gov.html").read_bytes(), "gov.html")
    assert [(layer.text[h.start : h.end], h.level) for h in layer.headings] == [(doc.TITLE, 1)]


def test_news_page_regions_from_html5_elements(tmp_path: Path) -> None:
    layer = read_html(doc.write_news_page(tmp_path / "news.html").read_bytes(), "news.html")
    reasons = {r.why for r in layer.regions}
    assert {"<header>", "<aside>", "<footer>"} <= reasons
    assert "class=share" in reasons or "class=bdshare" in reasons
    furniture = "\n".join(_region_texts(layer, "boilerplate"))
    assert "热点推荐" in furniture and "版权所有" in furniture and "首页 | 时政" in furniture
    assert doc.NEWS_TITLE not in furniture  # the article's own h1 is content
    assert layer.fallback["title"] == (doc.NEWS_TITLE, "meta")


@pytest.mark.parametrize(
    ("body", "furniture"),
    [
        # a short block that is mostly links, without any telling class: a menu
        (
            "<div><a href='/1'>首页</a> <a href='/2'>机构</a> <a href='/3'>政务</a></div><p>正文段落写在这里。</p>",
            ["首页 机构 政务"],
        ),
        # a paragraph with one link is text
        ("<p>详见<a href='/x'>附件</a>所列项目清单和资金安排。</p>", []),
        # heading levels are hints, furniture is not
        ("<ul class='menu'><li>甲</li><li>乙</li></ul><h2>一、目标</h2>", ["甲\n乙"]),
        ("<div class='position'>当前位置：首页 > 文件</div>", ["当前位置：首页 > 文件"]),
        ("<p>甲</p><p>[打印本页] [关闭窗口]</p>", ["[打印本页] [关闭窗口]"]),
    ],
)
def test_furniture_decided_from_structure(body: str, furniture: list[str]) -> None:
    layer = read_html(_page(body), "p.html")
    assert _region_texts(layer, "boilerplate") == furniture


def test_headings_h1_to_h4_with_levels() -> None:
    layer = read_html(
        _page("<h1>标题</h1><h2>第一部分</h2><p>正文。</p><h3>小节</h3><h4>细目</h4><h5>不算</h5>"),
        "p.html",
    )
    assert [(layer.text[h.start : h.end], h.level) for h in layer.headings] == [
        ("标题", 1),
        ("第一部分", 2),
        ("小节", 3),
        ("细目", 4),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        _page("<script>var a=1;</script><div hidden>隐藏</div>"),
        b"",
    ],
)
def test_page_without_visible_text_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError) as error:
        read_html(raw, "empty.html")
    assert error.value.file == "empty.html"


_FIELDS = (
    "<tr><td>发文机关：</td><td>某某市人民政府</td></tr>"
    "<tr><td>成文日期：</td><td>2021年06月30日</td></tr>"
    "<tr><td>发文字号：</td><td>某政发〔2021〕7号</td></tr>"
)
_CONTENT = "<p>一、工作目标</p><p>到2025年，治理采煤沉陷区1.2万亩。</p>"


@pytest.mark.parametrize(
    "body",
    [
        # header table and content in one wrapper: only the table is front matter
        f"<div class='main'><table>{_FIELDS}</table><div class='content'>{_CONTENT}</div></div>",
        # an old page laid out in tables: the inner header table, not the layout table
        f"<table><tr><td><table>{_FIELDS}</table></td></tr><tr><td>{_CONTENT}</td></tr></table>",
        # a header made of label blocks in divs, inside a block named like furniture
        "<div class='xxgk-head'><div><span>发文机关：</span><span>某某市人民政府</span></div>"
        "<div><span>成文日期：</span><span>2021年06月30日</span></div>"
        f"<div><span>发文字号：</span><span>某政发〔2021〕7号</span></div></div>{_CONTENT}",
    ],
)
def test_header_table_is_found_and_only_it_is_front_matter(body: str) -> None:
    layer = read_html(_page(body), "p.html")
    assert layer.meta["issuer"] == ("某某市人民政府", "header")
    assert layer.meta["published"] == ("2021-06-30", "header")
    assert layer.meta["doc_number"] == ("某政发〔2021〕7号", "header")
    (header,) = [layer.text[r.start : r.end] for r in layer.regions if r.why == "header table"]
    assert header.startswith("发文机关") and header.endswith("某政发〔2021〕7号")
    assert not any(r.part == "boilerplate" for r in layer.regions)
    assert "到2025年，治理采煤沉陷区1.2万亩。" in layer.text


def test_two_labels_are_not_a_header_table() -> None:
    layer = read_html(
        _page(
            "<table><tr><td>发文机关：</td><td>某局</td><td>发布日期：</td><td>2021-06-30</td></tr></table><p>正文。</p>"
        ),
        "p.html",
    )
    assert layer.meta == {} and layer.regions == []
