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
# # 省际比较 / Province comparison
#
# Which provinces cover which themes, how concretely, with how much money, and how
# each aligns with the national plan they implement (国家发展改革委等《推进资源型地区高质量发展
# "十四五"实施方案》, 发改振兴〔2021〕1559号). Document type is shown with every
# province: a plan and a reply letter are different genres.

# %% tags=["parameters"]
raw_dir = "../data/raw"
processed_dir = "../data/processed"
interim_dir = "../data/interim"
reports_dir = "../reports"

# %%
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Image, Markdown, display

from analysis import compare, plots, publish, report, tables_io, themes

pd.set_option("display.max_colwidth", 80)
tables = tables_io.load_tables(Path(processed_dir))
figures_dir = Path(reports_dir) / "figures"
labels = report.province_labels(tables["documents"])
display(tables["documents"][["doc_id", "province", "doc_type", "title", "published"]])

# %% [markdown]
# ## 主题覆盖 / Theme coverage (share of body clauses)

# %%
coverage_matrix = report.coverage_matrix(tables["coverage"], tables["themes"], labels, column="share_clauses")
chart = plots.heatmap(
    coverage_matrix,
    title="主题覆盖 / Theme coverage by province",
    caption="Share of each document's body clauses tagged with the theme (0–1); headings, front matter, signatures and web-page furniture excluded.",
    path=figures_dir / "compare_coverage_heatmap.png",
)
display(Image(filename=chart))
coverage_no_template = report.coverage_matrix(tables["coverage"], tables["themes"], labels, column="share_clauses_excl_template")
display(Markdown("Without template text (clauses written word for word by another province):"))
display(coverage_no_template.round(3))

# %% [markdown]
# ## 各省前三主题 / Top three themes per province

# %%
display(report.top_theme_rows(tables["coverage"], tables["themes"], labels, n=3))

# %% [markdown]
# ## 量化与定性承诺 / Quantified vs qualitative commitments per theme

# %%
commitments = report.commitments_by_theme(tables["targets"], tables["clause_themes"], tables["themes"], labels)
chart = plots.bars(
    commitments,
    title="目标表述 / Target statements per theme",
    caption="Target statements (a target year or a quantified commitment) per theme and province, split into quantified and qualitative.",
    xlabel="target statements",
    path=figures_dir / "compare_commitments.png",
)
display(Image(filename=chart))
display(commitments)

# %% [markdown]
# ## 资金 / Money by status and source (亿元)

# %%
money = report.money_by_status_source(tables["funding"], labels)
chart = plots.bars(
    money,
    title="资金 / Money figures by status (亿元)",
    caption="Sum of unique money amounts (亿元 = 10^8 yuan) per province, by status; repeated mentions counted once, rates (每户, 元/亩) and yearly amounts (每年) left out.",
    xlabel="亿元",
    path=figures_dir / "compare_money.png",
)
display(Image(filename=chart))
display(report.money_table(tables["funding"], labels))

# %% [markdown]
# ## 与国家方案的对应 / Alignment with the national plan's tasks

# %%
alignment_matrix = report.alignment_matrix(tables["alignment"], labels)
chart = plots.heatmap(
    alignment_matrix,
    title="国家任务对应 / National-plan tasks taken up",
    caption="Body clauses per province that take up each task of the national plan (N01–N18, reconstructed headings).",
    path=figures_dir / "compare_alignment.png",
    fmt="d",
    cmap="Greens",
)
display(Image(filename=chart))
display(tables["alignment"][tables["alignment"]["covered"]][["province", "task_id", "task_label", "clauses", "evidence"]])

# %% [markdown]
# ## 编码一致性 / Agreement of the automatic coding with hand labels

# %%
agreement = report.agreement_report(tables)
display(Markdown(report.agreement_sentence(agreement)))
display(agreement["table"])

# %% [markdown]
# ## 地名 / Places named

# %%
display(report.places_summary(tables["places"], labels))

# %% [markdown]
# ## 主题证据 / Keyword in context, per theme
# The clauses behind each theme (document text escaped, keyword highlighted).

# %%
for theme_id, label in themes.load_codebook().labels().items():
    rows = compare.kwic_table(tables["clauses"], tables["clause_themes"], theme_id, width=18)
    display(Markdown(f"### {report.escape_md(label)} (`{theme_id}`): {len(rows)} clauses"))
    display(HTML(publish.kwic_html(rows.head(12).to_dict("records"))))
