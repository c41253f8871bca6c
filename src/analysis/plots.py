"""Plots with Chinese labels: the CJK font installed by set-up, and the report's chart helpers.

Every chart has a title and a one-line caption saying what it counts, and is
saved as PNG under reports/figures/.
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import font_manager

CJK_FONT_FAMILY = "Noto Sans CJK SC"
DPI = 110  # pixels per inch of the saved PNGs
MAX_CHART_PX = 2800  # no chart is larger than this on its long side (a screen, not a poster)
MAX_CHART_WIDTH_PX = 1400  # nor wider than a page, so it is shown at full size
MAX_CHART_ROWS = 60  # rows a chart shows at most; the page's table holds the rest
PNG_COLORS = 128  # colours of a saved chart (palette PNG)
ANNOTATE_MAX_CELLS = (
    400  # a heatmap with more cells shows colour and a scale, not a number per cell
)


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """The Noto Sans CJK collection shipped by the `noto-cjk-sans-otc` package (installed by set-up)."""
    import noto_cjk_sans_otc

    return Path(str(noto_cjk_sans_otc.FONT_PATH))


def use_cjk_font() -> str:
    """Register Noto Sans CJK SC with matplotlib and make it the default sans-serif; returns the family."""
    path = cjk_font_path()
    if CJK_FONT_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(path))
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = [CJK_FONT_FAMILY, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["figure.dpi"] = DPI
    plt.rcParams["savefig.dpi"] = DPI
    plt.rcParams["svg.hashsalt"] = "analysis"
    return CJK_FONT_FAMILY


def _finish(fig: plt.Figure, title: str, caption: str, path: Path) -> Path:
    """Title, wrapped caption, layout; save as PNG at `path` and close the figure."""
    width_inches = fig.get_size_inches()[0]
    wrapped = textwrap.fill(
        caption, width=int(width_inches * 14)
    )  # ~14 caption characters per inch
    lines = wrapped.count("\n") + 1
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    fig.text(0.01, 0.005, wrapped, fontsize=9, color="#444444", ha="left", va="bottom")
    bottom = min(0.25, 0.025 + 0.2 * lines / fig.get_size_inches()[1])
    fig.tight_layout(rect=(0, bottom, 1, 0.95))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.set_dpi(capped_dpi(fig.get_size_inches()))
    fig.canvas.draw()  # rendered once, straight into the palette PNG (no RGBA PNG in between)
    pixels = np.asarray(fig.canvas.buffer_rgba())
    plt.close(fig)
    Path(path).write_bytes(palette_png(pixels))
    return Path(path)


def palette_png(pixels: np.ndarray, colors: int = PNG_COLORS) -> bytes:
    """An RGBA pixel array as a PNG of `colors` colours (fast octree, no dithering): a chart's
    flat cells and anti-aliased text look the same at about a quarter of the bytes."""
    from PIL import Image

    image = Image.fromarray(pixels[:, :, :3])
    reduced = image.quantize(
        colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    reduced.save(out, format="PNG")
    return out.getvalue()


def capped_dpi(
    size_inches: tuple[float, float],
    dpi: int = DPI,
    max_px: int = MAX_CHART_PX,
    max_width_px: int = MAX_CHART_WIDTH_PX,
) -> int:
    """`dpi`, lowered so that a figure of `size_inches` stays within `max_px` on its long side
    and `max_width_px` wide (a page shows it at full size, not shrunk)."""
    width, height = max(float(size_inches[0]), 1e-9), max(float(size_inches[1]), 1e-9)
    return int(min(dpi, max_px // max(width, height), max_width_px // width))


def _max_inches() -> float:
    """The long side of a chart at DPI that stays within MAX_CHART_PX, in inches."""
    return MAX_CHART_PX / DPI


def heatmap(
    matrix: pd.DataFrame,
    title: str,
    caption: str,
    path: Path,
    fmt: str = ".0%",
    cmap: str = "YlGnBu",
) -> Path:
    """A labelled heatmap of a rows × columns matrix (values annotated with `fmt`), saved as PNG.

    Sized for a screen: rows and columns get smaller (and the annotations with them) as
    there are more, the long side stays within MAX_CHART_PX; callers pass at most
    MAX_CHART_ROWS rows and show the full data in a table.
    """
    use_cjk_font()
    n_rows, n_cols = len(matrix.index), len(matrix.columns)
    longest_row_label = max((len(str(label)) for label in matrix.index), default=10)
    longest_col_label = max((len(str(label)) for label in matrix.columns), default=10)
    max_width = MAX_CHART_WIDTH_PX / DPI
    label_w = 0.14 * min(longest_row_label, 30) + 0.6
    cell_w = min(0.9, max(0.3, (max_width - label_w - 1.3) / max(n_cols, 1)))
    cell_h = min(0.42 if n_rows <= 25 else 0.28, max(0.2, (_max_inches() - 4.0) / max(n_rows, 1)))
    width = min(max_width, max(6.0, cell_w * n_cols + label_w + 1.3))
    height = min(_max_inches(), max(3.0, cell_h * n_rows + 0.09 * min(longest_col_label, 28) + 1.8))
    fig, ax = plt.subplots(figsize=(width, height))
    if matrix.empty:
        ax.text(
            0.5, 0.5, "无数据 / nothing to show", ha="center", va="center", transform=ax.transAxes
        )
        return _finish(fig, title, caption, path)
    font = 9 if cell_h >= 0.35 and cell_w >= 0.6 else 7
    annotate = (
        n_rows * n_cols <= ANNOTATE_MAX_CELLS
    )  # above: colour and a scale; the table has the values
    sns.heatmap(matrix, annot=annotate, fmt=fmt, cmap=cmap, cbar=not annotate, linewidths=0.5, ax=ax,
                annot_kws={"fontsize": font}, cbar_kws={"shrink": 0.3, "format": _percent_or_plain(fmt)})  # fmt: skip
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xticks(
        [i + 0.5 for i in range(n_cols)], [_wrap_label(label) for label in matrix.columns]
    )
    ax.tick_params(axis="x", labelrotation=90 if n_cols > 8 else 30, labelsize=9)
    ax.tick_params(axis="y", labelsize=9 if cell_h >= 0.3 else 8)
    if n_rows > 25:  # a long matrix keeps its column names in view
        ax.xaxis.tick_top()
    return _finish(fig, title, caption, path)


def _percent_or_plain(fmt: str) -> str:
    """The colour scale's tick format for a cell format: '.0%' → '{x:.0%}', 'd' → '{x:.0f}'."""
    return "{x:" + (fmt if fmt.endswith("%") else ".0f") + "}"


def _wrap_label(label: object, width: int = 18) -> str:
    """A column label cut to `width` characters (…): long theme names stay on the chart."""
    text = str(label)
    return text if len(text) <= width else text[: width - 1] + "…"


def bars(
    frame: pd.DataFrame,
    title: str,
    caption: str,
    xlabel: str,
    path: Path,
    stacked: bool = True,
    value_format: str = "",
) -> Path:
    """Horizontal bars, one bar per row of `frame`, one colour per column, saved as PNG.

    `value_format` (e.g. "{:.2f}") writes each bar's value beside it; the legend sits outside.
    """
    use_cjk_font()
    bar_h = min(
        0.38 if len(frame.index) <= 25 else 0.26,
        max(0.2, (_max_inches() - 2.0) / max(len(frame.index), 1)),
    )
    height = min(_max_inches(), max(3.0, bar_h * len(frame.index) + 1.8))
    longest_label = max((len(str(label)) for label in frame.index), default=10)
    width = min(MAX_CHART_WIDTH_PX / DPI, max(9.0, 6.5 + 0.1 * longest_label))
    fig, ax = plt.subplots(figsize=(width, height))
    if frame.empty or frame.shape[1] == 0:
        ax.text(
            0.5, 0.5, "无数据 / nothing to show", ha="center", va="center", transform=ax.transAxes
        )
        ax.set_yticks(range(len(frame.index)), [str(label) for label in frame.index])
        ax.set_xlabel(xlabel)
        return _finish(fig, title, caption, path)
    frame.plot.barh(stacked=stacked, ax=ax, width=0.75)
    ax.tick_params(axis="y", labelsize=9 if bar_h >= 0.3 else 8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    if value_format:  # each bar's value written at its end (small bars stay readable)
        for container in ax.containers:
            values = [patch.get_width() for patch in container]
            ax.bar_label(
                container,
                labels=[value_format.format(v) if v else "" for v in values],
                fontsize=7,
                padding=2,
            )
        left, right = ax.get_xlim()
        ax.set_xlim(left, right + 0.12 * (right - left))  # room for the longest bar's value
        ax.legend(fontsize=9, loc="lower right")  # bars sorted longest first leave that corner free
    else:
        ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _finish(fig, title, caption, path)


#: A matrix with at most this many rows is drawn transposed (its columns down the side).
TRANSPOSE_UP_TO_ROWS = 10


def heatmaps(
    matrix: pd.DataFrame, title: str, caption: str, figures_dir: Path, name: str, **style: str
) -> list[Path]:
    """Small multiples of a long matrix: one heatmap per MAX_CHART_ROWS rows, saved as
    `name.png`, `name_2.png`, …; a matrix of a few rows is drawn transposed so it reads down."""
    if len(matrix.index) <= TRANSPOSE_UP_TO_ROWS:
        return [heatmap(matrix.T, title, caption, Path(figures_dir) / f"{name}.png", **style)]
    step = MAX_CHART_ROWS
    parts = [matrix.iloc[i : i + step] for i in range(0, len(matrix.index), step)]
    paths = []
    for n, part in enumerate(parts, start=1):
        suffix = f" ({n}/{len(parts)})" if len(parts) > 1 else ""
        path = Path(figures_dir) / (f"{name}.png" if n == 1 else f"{name}_{n}.png")
        paths.append(heatmap(part, title + suffix, caption, path, **style))
    return paths
