# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (analysis)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 省份概况 / Province profile
#
# One province's documents, structure, figures and targets, theme and instrument
# profile, money and places, and every keyword mention behind its theme coverage.
# Executed once per province found in the corpus (parameter `province`). Tables with more
# than ten rows can be sorted and searched (they work offline).

# %% tags=["parameters"]
raw_dir = "../data/raw"
processed_dir = "../data/processed"
interim_dir = "../data/interim"
reports_dir = "../reports"
province = "河南省"

# %%
from pathlib import Path

from IPython.display import HTML, Image, Markdown, display

from analysis import pipeline, plots, publish, report, tables_io

tables = tables_io.load_tables(Path(processed_dir))
profile = report.province_profile(tables, province)
slug = pipeline.province_slug(province)
display(HTML(publish.interactive_tables_init_html()))
display(Markdown(f"## {report.escape_md(province)}"))


def show(frame, table_id, **kwargs):
    """A section's table for people, or "none named" when it is empty."""
    display(HTML(publish.table_html(report.readable(frame, **kwargs), table_id)))


# %% [markdown]
# ## 文件 / Documents

# %%
show(profile["documents"], "documents")

# %% [markdown]
# ## 结构 / Structure: clauses, sections and numbered items

# %%
show(profile["structure"], "structure")

# %% [markdown]
# ## 数字与目标 / Figures and targets
# Figures by kind and status (figures.csv); distinct target statements per theme
# (province_targets.csv); the target statements themselves (targets.csv).

# %%
show(profile["figures_summary"], "figures_summary")
show(profile["target_counts"], "target_counts")
show(profile["targets"], "targets")

# %% [markdown]
# ## 主题与政策工具 / Themes and policy instruments (body clauses)

# %%
if profile["theme_shares"].empty:
    display(HTML(publish.none_named_html()))
else:
    chart = plots.bars(
        profile["theme_shares"],
        title=f"{province}: 各主题条款占比 / Share of body clauses per theme",
        caption="Share of the body clauses (0–1) of the province's documents of each type "
        "that are tagged with the theme.",
        xlabel="share of body clauses / 正文条款占比",
        path=Path(reports_dir) / "figures" / f"profile_{slug}_themes.png",
        stacked=False,
    )
    display(Image(filename=chart))
show(profile["coverage"], "coverage", percent=("share",))
display(
    Markdown(
        "Per document, with and without template text (clauses shared word for word with another province):"
    )
)
show(profile["coverage_documents"], "coverage_documents", percent=("share", "share_excl_template"))
show(profile["instruments"], "instruments")

# %% [markdown]
# ## 资金 / Money (province_money.csv, 亿元)
# One row per sum of unique money figures of one kind, status, period type and scope; rows
# are never added together.

# %%
show(
    profile["money"],
    "money",
    decimals={"yi_yuan": report.YI_DECIMALS, "yi_yuan_high": report.YI_DECIMALS},
)

# %% [markdown]
# ## 地名 / Places named

# %%
show(profile["places"], "places")

# %% [markdown]
# ## 主题证据 / Keyword in context
# Every keyword mention behind this province's coverage shares (counted matches of body
# clauses); `span` is the position in the document's normalised text (data/interim).

# %%
kwic = report.kwic_rows(tables, doc_ids=profile["doc_ids"])
display(Markdown(f"**{len(kwic)} mentions.**"))
show(report.kwic_counts(kwic), "kwic_counts")
show(kwic, "kwic")
