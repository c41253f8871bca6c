"""Plots with Chinese labels: the CJK font installed by set-up, and the report's chart helpers.

Every chart has a title and a one-line caption saying what it counts, and is
saved as PNG under reports/figures/.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib import font_manager

CJK_FONT_FAMILY = "Noto Sans CJK SC"


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
    plt.rcParams["figure.dpi"] = 110
    plt.rcParams["savefig.dpi"] = 110
    plt.rcParams["svg.hashsalt"] = "analysis"
    return CJK_FONT_FAMILY


def _finish(fig: plt.Figure, title: str, caption: str, path: Path) -> Path:
    """Title, wrapped caption, layout; save as PNG at `path` and close the figure."""
    width_inches = fig.get_size_inches()[0]
    wrapped = textwrap.fill(caption, width=int(width_inches * 14))  # ~14 caption characters per inch
    lines = wrapped.count("\n") + 1
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    fig.text(0.01, 0.005, wrapped, fontsize=9, color="#444444", ha="left", va="bottom")
    bottom = min(0.25, 0.025 + 0.2 * lines / fig.get_size_inches()[1])
    fig.tight_layout(rect=(0, bottom, 1, 0.95))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return Path(path)


def heatmap(matrix: pd.DataFrame, title: str, caption: str, path: Path, fmt: str = ".0%", cmap: str = "YlGnBu") -> Path:
    """A labelled heatmap of a rows × columns matrix (values annotated with `fmt`), saved as PNG."""
    use_cjk_font()
    longest_row_label = max((len(str(label)) for label in matrix.index), default=10)
    width = max(6.0, 1.5 * len(matrix.columns) + 0.14 * longest_row_label + 1.0)
    height = max(3.0, 0.42 * len(matrix.index) + 1.6)
    fig, ax = plt.subplots(figsize=(width, height))
    if matrix.empty:
        ax.text(0.5, 0.5, "无数据 / nothing to show", ha="center", va="center", transform=ax.transAxes)
        return _finish(fig, title, caption, path)
    sns.heatmap(matrix, annot=True, fmt=fmt, cmap=cmap, cbar=False, linewidths=0.5, ax=ax, annot_kws={"fontsize": 9})
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelrotation=20, labelsize=10)
    ax.tick_params(axis="y", labelsize=10)
    return _finish(fig, title, caption, path)


def bars(frame: pd.DataFrame, title: str, caption: str, xlabel: str, path: Path, stacked: bool = True) -> Path:
    """Horizontal bars, one bar per row of `frame`, one colour per column, saved as PNG."""
    use_cjk_font()
    height = max(3.0, 0.38 * len(frame.index) + 1.6)
    fig, ax = plt.subplots(figsize=(9, height))
    if frame.empty or frame.shape[1] == 0:
        ax.text(0.5, 0.5, "无数据 / nothing to show", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks(range(len(frame.index)), [str(label) for label in frame.index])
        ax.set_xlabel(xlabel)
        return _finish(fig, title, caption, path)
    frame.plot.barh(stacked=stacked, ax=ax, width=0.75)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.legend(fontsize=9, loc="lower right")
    return _finish(fig, title, caption, path)
