# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (analysis)
#     language: python
#     name: python3
# ---

# %% [markdown]
# %% [markdown]
# # 省份概况 / Province profile
#
# One province's documents, structure, figures and targets, theme and instrument
# profile, money and places. Executed once per province found in the corpus
# (parameter `province`).

# %% tags=["parameters"]
raw_dir = "../data/raw"
processed_dir = "../data/processed"
interim_dir = "../data/interim"
reports_dir = "../reports"
province = "河南省"

# %%
from pathlib import Path

import pandas as pd
from IPython.display import Image, Markdown, display

from analysis import pipeline, plots, report, tables_io

pd.set_option("display.max_colwidth", 80)
tables = tables_io.load_tables(Path(processed_dir))
profile = report.province_profile(tables, province)
slug = pipeline.province_slug(province)
display(Markdown(f"## {report.escape_md(province)}"))

# %% [markdown]
# ## 文件 / Documents

# %%
display(profile["documents"])

# %% [markdown]
# ## 结构 / Structure: clauses per part, sections and numbered items

# %%
display(profile["structure"])

# %% [markdown]
# ## 数字与目标 / Figures and targets

# %%
display(profile["figures_summary"])
display(profile["targets"])

# %% [markdown]
# ## 主题与政策工具 / Themes and policy instruments (body clauses)

# %%
chart = plots.bars(
    profile["theme_shares"],
    title=f"{province}: 各主题条款占比 / Share of body clauses per theme",
    caption="Share of body clauses (0–1) tagged with each theme, with and without template text shared with other provinces.",
    xlabel="share of body clauses",
    path=Path(reports_dir) / "figures" / f"profile_{slug}_themes.png",
    stacked=False,
)
display(Image(filename=chart))
display(profile["instruments"])

# %% [markdown]
# ## 资金 / Money (亿元, unique figures)

# %%
display(profile["money"])

# %% [markdown]
# ## 地名 / Places named

# %%
display(profile["places"])
