"""One invented policy document, written at test time as .txt, .html (a 信息公开 page), .docx and .pdf.

The sentences are written for these tests (no real document's text). The document
has a title, a purpose sentence, numbered sections and items with figures (amounts,
shares, areas, a capacity, counts; commitments and achievements), a long paragraph
that wraps in the PDF, and a signature with its date.

- `write_txt`: what a researcher pastes, UTF-8, one paragraph a line.
- `write_gov_page`: a government information page (header table: 索引号 … 发布日期,
  navigation, breadcrumbs, share bar, related links, footer, 【打印】【关闭】) with script,
  style, a comment and a hidden element that each hold a figure that must not be read.
- `write_news_page`: a news page (navigation, h1 title, 来源/发布时间 line, lead, share bar).
- `write_docx`: python-docx, the title in the Title style, the sections as Heading 1.
- `write_pdf`: fpdf2 with Noto Sans CJK SC embedded (the font set-up installs), A5 pages
  with a running header and a page number, in one column or two.
"""

from __future__ import annotations

from pathlib import Path

TITLE = "山西省资源型地区接续产业培育三年行动方案"
ISSUER = "山西省人民政府办公厅"
DATE_LINE = "2022年3月15日"
DOC_NUMBER = "晋政办发〔2022〕18号"
POSTED = "2022-03-21"
PUBLISHED = "2022-03-15"
RUNNING_HEAD = "山西省人民政府办公厅文件"

#: (kind, text): kind is title, para (body paragraph), heading, or sign (signature line).
BLOCKS: list[tuple[str, str]] = [
    ("title", TITLE),
    ("para", "为加快培育接续替代产业，推动资源型地区转型发展，结合我省实际，制定本方案。"),
    ("heading", "一、主要目标"),
    (
        "para",
        "到2025年，全省接续替代产业增加值达到1200亿元，占工业增加值比重提高到35%以上；新建省级转型示范园区8个。",
    ),
    ("para", "2022年，全省已安排转型专项资金15亿元，完成采煤沉陷区治理2.6万亩。"),
    ("heading", "二、重点任务"),
    (
        "para",
        "（一）壮大新兴产业。每年新增规模以上工业企业不少于50家，新能源装机容量达到600万千瓦。",
    ),
    ("para", "（二）加强生态修复。力争修复历史遗留矿山面积3000公顷，矸石综合利用率不低于90%。"),
    ("heading", "三、保障措施"),
    (
        "para",
        "省级财政每年统筹安排资金不低于5亿元，支持示范园区基础设施建设和企业技术改造，对新认定的省级示范园区给予一次性奖励500万元；"
        "各市要建立重点项目推进机制，明确责任单位和完成时限，按季度报送工作进展情况，确保各项任务按期完成。",
    ),
    ("sign", ISSUER),
    ("sign", DATE_LINE),
]

#: The figures every format must give: (surface number as written, unit, status) read from the text above.
EXPECTED_FIGURES = [
    (1200e8, "yuan", "commitment"),
    (35.0, "percent", "commitment"),
    (8.0, "count", "commitment"),
    (15e8, "yuan", "achievement"),
    (2.6e4 / 15, "hectare", "achievement"),
    (50.0, "count", "commitment"),
    (600e4, "kW", "commitment"),
    (3000.0, "hectare", "commitment"),
    (90.0, "percent", "commitment"),
    (5e8, "yuan", "commitment"),
    (500e4, "yuan", "commitment"),
]


def body_lines() -> list[str]:
    return [text for _, text in BLOCKS]


def write_txt(path: Path) -> Path:
    """The document as pasted text: one block a line, UTF-8."""
    path.write_text("\n".join(body_lines()) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- web pages

_GOV_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_山西省人民政府门户网站</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2022-03-21 09:30">
<meta name="ContentSource" content="省政府办公厅">
<meta name="Keywords" content="接续产业,转型发展">
<style>.hide{{display:none}} p{{margin:0}} /* 投资9999亿元 */</style>
<script>var budget = "到2025年,投资100亿元"; document.write(budget);</script>
</head>
<body>
<div class="top-bar"><a href="/">首页</a> <a href="/zw">政务公开</a> <a href="/hd">互动交流</a> <a href="/fw">办事服务</a></div>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/xxgk">信息公开</a></li><li><a href="/zcjd">政策解读</a></li></ul></div>
<div class="bread-crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/xxgk">政府信息公开</a> &gt; <a href="/wj">省政府办公厅文件</a></div>
<div class="xxgk-header"><table>
<tr><td>索 引 号：</td><td>11140000MB0123456X/2022-00345</td><td>主题分类：</td><td>城乡建设、环境保护</td></tr>
<tr><td>发文机关：</td><td>{issuer}</td><td>成文日期：</td><td>2022年03月15日</td></tr>
<tr><td>标　　题：</td><td colspan="3">{title}</td></tr>
<tr><td>发文字号：</td><td>{doc_number}</td><td>发布日期：</td><td>2022年03月21日</td></tr>
</table></div>
<div class="article">
<h1 class="title">{title}</h1>
<!-- 编辑备注：原稿写的是投资8888亿元 -->
<div id="zoom" class="pages_content">
{paragraphs}
<div class="hide">到2030年累计投资7777亿元</div>
<p hidden>内部统计数据4444万元</p>
</div>
</div>
<div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="print-close">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">关于印发煤矿安全生产规定的通知</a></li><li><a href="/b">省政府办公厅关于加强耕地保护的意见</a></li></ul></div>
<div id="footer"><p>主办：山西省人民政府办公厅　网站标识码：1400000001</p><p>晋ICP备05002531号　联系电话：0351-1234567</p></div>
</body></html>
"""


def _html_paragraphs() -> str:
    lines = []
    for kind, text in BLOCKS[1:]:
        if kind == "heading":
            lines.append(f"<p><strong>{text}</strong></p>")
        elif kind == "sign":
            lines.append(f'<p style="text-align:right">{text}</p>')
        else:
            lines.append(f"<p>\u3000\u3000{text}</p>")
    return "\n".join(lines)


def write_gov_page(path: Path, charset: str = "utf-8") -> Path:
    """A 信息公开 page carrying the document, saved in `charset` and declaring it in a <meta>."""
    page = _GOV_PAGE.format(
        charset=charset,
        title=TITLE,
        issuer=ISSUER,
        doc_number=DOC_NUMBER,
        paragraphs=_html_paragraphs(),
    )
    path.write_bytes(
        page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)
    )
    return path


NEWS_TITLE = "我省出台接续产业培育三年行动方案"

_NEWS_PAGE = """<html><head><meta charset="utf-8"><title>{news_title}-山西新闻网</title></head>
<body>
<header class="site-header"><div class="logo">山西新闻网</div>
<nav><a href="/">首页</a> | <a href="/sz">时政</a> | <a href="/jj">经济</a> | <a href="/sh">社会</a></nav></header>
<article>
<h1>{news_title}</h1>
<div class="info">来源：山西日报　发布时间：2022-03-22 08:15</div>
<p>近日，省政府办公厅印发行动方案，提出到2025年接续替代产业增加值达到1200亿元。</p>
<p>方案从壮大新兴产业、加强生态修复等方面部署了重点任务。</p>
</article>
<div class="bdsharebuttonbox">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<aside><h3>热点推荐</h3><ul><li><a href="/1">全省春耕生产有序推进</a></li><li><a href="/2">太原地铁二号线客流创新高</a></li></ul></aside>
<footer>版权所有 山西新闻网　未经授权禁止转载</footer>
</body></html>
"""


def write_news_page(path: Path) -> Path:
    path.write_text(_NEWS_PAGE.format(news_title=NEWS_TITLE), encoding="utf-8")
    return path


# ---------------------------------------------------------------- Word


def write_docx(path: Path, core_title: str = "") -> Path:
    """The document written with python-docx: Title style, sections as Heading 1, a right-aligned signature."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for kind, text in BLOCKS:
        if kind == "title":
            document.add_paragraph(text, style="Title")
        elif kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "sign":
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            document.add_paragraph("\u3000\u3000" + text)
    document.core_properties.title = core_title
    document.save(str(path))
    return path


# ---------------------------------------------------------------- PDF


def cjk_font() -> str:
    """The Noto Sans CJK collection the project installs (analysis.plots uses the same file)."""
    from analysis.plots import cjk_font_path

    return str(cjk_font_path())


NOTO_SC_INDEX = 2  # Noto Sans CJK SC in the collection (JP, KR, SC, TC, HK, …)


def write_pdf(path: Path, columns: int = 1, char_spacing: float = 0.0) -> Path:
    """The document printed by fpdf2 on A5 pages with the CJK font embedded, in `columns` columns.

    Every page has a running header and a centred page number (— 1 —); paragraphs are
    indented two characters and wrap at the column's edge; the long paragraphs run on
    across column and page breaks. `char_spacing` (points) spreads the characters apart
    as justified Chinese text does.
    """
    from fpdf import FPDF

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("noto", size=8)
            self.set_y(6)
            self.cell(0, 5, RUNNING_HEAD, align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-11)
            self.set_font("noto", size=8)
            self.cell(0, 5, f"— {self.page_no()} —", align="C")

    pdf = Printed(format=(100, 140))
    pdf.add_font("noto", fname=cjk_font(), collection_font_number=NOTO_SC_INDEX)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_margins(14, 18, 14)
    pdf.add_page()
    pdf.set_font("noto", size=15)
    pdf.multi_cell(0, 9, TITLE, align="C")
    pdf.ln(3)
    pdf.set_font("noto", size=11)
    pdf.set_char_spacing(char_spacing)
    with pdf.text_columns(ncols=columns, gutter=8, l_margin=14, r_margin=14) as cols:
        for kind, text in BLOCKS[1:]:
            if kind == "sign":
                continue
            with cols.paragraph(
                text_align="LEFT", first_line_indent=0 if kind == "heading" else 7.4
            ) as paragraph:
                paragraph.write(text)
    pdf.ln(4)
    for _, text in [block for block in BLOCKS if block[0] == "sign"]:
        pdf.cell(0, 7, text, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def add_footnote(path: Path, text: str) -> Path:
    """Add a footnotes part with one footnote to a .docx written by python-docx (which cannot write them).

    The part, its relationship and its content type are added as Word writes them.
    """
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    rels = members["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdFoot1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    types = (
        members["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
        )
    )
    members["word/_rels/document.xml.rels"] = rels.encode()
    members["[Content_Types].xml"] = types.encode()
    members["word/footnotes.xml"] = _FOOTNOTES_XML.format(text=text).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return path


# A list definition as Word writes it for Chinese documents: 一、 then （一） then 1.
_CHINESE_LIST = (
    '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>'
    "</w:abstractNum>"
)
_CHINESE_NUM = '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def write_docx_numbered(path: Path) -> Path:
    """The document written with python-docx, its 一、 and （一） numbers left to Word's automatic numbering.

    The headings and items carry no number in their text, only a numbering property
    (list 90, level 0 or 1), as when a clerk uses Word's numbering buttons.
    """
    import re

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_CHINESE_LIST))
    numbering.append(parse_xml(_CHINESE_NUM))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().set(qn("w:val"), str(level))
        num_pr.get_or_add_numId().set(qn("w:val"), "90")

    for kind, text in BLOCKS:
        heading = re.match(r"^[一二三四五六七八九十]+、", text)
        item = re.match(r"^（[一二三四五六七八九十]+）", text)
        if kind == "title":
            document.add_paragraph(text, style="Title")
        elif kind == "heading" and heading:
            numbered(text[heading.end() :], 0)
        elif item:
            numbered(text[item.end() :], 1)
        elif kind == "sign":
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            document.add_paragraph("\u3000\u3000" + text)
    document.save(str(path))
    return path


def write_scan(path: Path, dpi: int = 200) -> Path:
    """The one-column PDF printed, then every page rendered to a grey image and put in a new PDF: a scan."""
    import tempfile

    import pypdfium2 as pdfium
    from fpdf import FPDF

    with tempfile.TemporaryDirectory() as folder:
        printed = write_pdf(Path(folder) / "printed.pdf")
        source = pdfium.PdfDocument(str(printed))
        scan = FPDF(format=(100, 140))
        for index in range(len(source)):
            image = Path(folder) / f"page{index + 1}.png"
            source[index].render(scale=dpi / 72).to_pil().convert("L").save(image)
            scan.add_page()
            scan.image(str(image), x=0, y=0, w=100, h=140)
        source.close()
        scan.output(str(path))
    return path
