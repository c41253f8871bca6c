"""Throughput of the format readers: PDF pages per second and HTML megabytes per second.

The inputs are made here: a web page in the shape of a government information page
(navigation, header table, about 1 MB of paragraphs, footer) and a PDF printed by
fpdf2 with the project's CJK font, half its pages in one column and half in two.
The paragraphs are random common hanzi with figures, so no real text is needed.

Run alone: `.venv/bin/python benchmarks/formats_bench.py`; `make bench` prints the same line.
"""

from __future__ import annotations

import json
import random
import sys
import time
import warnings
from pathlib import Path

from analysis.formats.html import read_html
from analysis.formats.pdf import read_pdf

HTML_PARAGRAPHS = 2500  # about 1 MB of page
PDF_PAGES = 40  # half one column, half two
REPEATS = 3  # best of
SEED = 15
_HANZI = (
    "的一是在不了有和人这中大为上个国以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及"
    "管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取"
    "据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再"
    "采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元"
    "况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周"
    "委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院"
    "查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
)


def _paragraph(rng: random.Random, chars: int) -> str:
    """A paragraph of random hanzi with a figure and a sentence end."""
    body = "".join(rng.choice(_HANZI) for _ in range(chars))
    return f"{body[: chars // 2]}{rng.randint(1, 999)}亿元，{body[chars // 2 :]}。"


def bench_page(rng: random.Random, paragraphs: int = HTML_PARAGRAPHS) -> bytes:
    """A government information page of `paragraphs` paragraphs (UTF-8 bytes)."""
    rows = "".join(f"<p>\u3000\u3000{_paragraph(rng, 120)}</p>\n" for _ in range(paragraphs))
    return (
        "<html><head><meta charset='utf-8'><title>测试页面_某省人民政府门户网站</title>"
        "<style>.hide{display:none}</style><script>var a = 1;</script></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/a'>信息公开</a> <a href='/b'>政务服务</a></div>"
        "<table><tr><td>索引号：</td><td>0001/2022-1</td><td>发文机关：</td><td>某省人民政府办公厅</td></tr>"
        "<tr><td>成文日期：</td><td>2022年03月15日</td><td>发布日期：</td><td>2022年03月21日</td></tr></table>"
        f"<div class='content'><h1>测试页面</h1>{rows}<!-- 注释 --><div class='hide'>隐藏</div></div>"
        "<div id='footer'>主办：某省人民政府办公厅</div></body></html>"
    ).encode()


def bench_pdf(path: Path, rng: random.Random, pages: int = PDF_PAGES) -> Path:
    """A PDF of `pages` A4 pages printed by fpdf2 with Noto Sans CJK SC: half one column, half two."""
    from fpdf import FPDF

    from analysis.plots import cjk_font_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pdf = FPDF(format="A4")
        pdf.add_font("noto", fname=str(cjk_font_path()), collection_font_number=2)
        pdf.set_font("noto", size=11)
        for page in range(pages):
            pdf.add_page()
            with pdf.text_columns(ncols=1 if page < pages // 2 else 2, gutter=8) as columns:
                for _ in range(8):
                    with columns.paragraph(first_line_indent=7.8) as paragraph:
                        paragraph.write(_paragraph(rng, 110))
        pdf.output(str(path))
    return path


def _best_seconds(task) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        task()
        best = min(best, time.perf_counter() - started)
    return best


def measure_formats(folder: Path, seed: int = SEED) -> dict:
    """HTML MB/s and PDF pages/s of the readers (best of REPEATS), with what was read."""
    rng = random.Random(seed)
    page = bench_page(rng)
    pdf_path = bench_pdf(Path(folder) / "bench.pdf", rng)
    raw_pdf = pdf_path.read_bytes()
    html_seconds = _best_seconds(lambda: read_html(page, "bench.html"))
    pdf_seconds = _best_seconds(lambda: read_pdf(raw_pdf, "bench.pdf"))
    n_pages = PDF_PAGES
    return {
        "html_mb": round(len(page) / 1e6, 3),
        "html_mb_per_s": round(len(page) / 1e6 / html_seconds, 1),
        "pdf_pages": n_pages,
        "pdf_pages_per_s": round(n_pages / pdf_seconds, 1),
    }


def formats_line(result: dict) -> str:
    """One line for the benchmark output."""
    return (
        f"formats: HTML {result['html_mb_per_s']:.1f} MB/s (a {result['html_mb']:.2f} MB page), "
        f"PDF {result['pdf_pages_per_s']:.1f} pages/s ({result['pdf_pages']} pages, half in two columns)"
    )


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = measure_formats(Path(folder))
    print(formats_line(result))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
