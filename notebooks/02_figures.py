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
#
# %% [markdown]
# # 数字、目标与资金 / Figures, targets and funding
#
# Every quantity in the clauses (value in a canonical unit, status, year or period),
# the target statements, and one row per unique money figure.
# Writes `figures.csv`, `targets.csv`, `funding.csv`, `province_money.csv` and
# `province_targets.csv`.

# %% tags=["parameters"]
raw_dir = "../data/raw"
processed_dir = "../data/processed"
interim_dir = "../data/interim"
reports_dir = "../reports"

# %%
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from analysis import pipeline, report, tables_io

pd.set_option("display.max_colwidth", 60)

# %%
clauses = tables_io.load_table(Path(processed_dir), "clauses")
documents = tables_io.load_table(Path(processed_dir), "documents")
tables = pipeline.figures_stage(clauses, documents)
figure_table, target_table, funding_table = tables["figures"], tables["targets"], tables["funding"]
province_money, province_targets = tables["province_money"], tables["province_targets"]
names = report.document_names(documents)


def show(frame, table_name=None, **kwargs):
    """A table for people: report.preview_html (blanks, 中文 English headers, fixed decimals, document names)."""
    display(HTML(report.preview_html(frame, table_name, names=names, **kwargs)))


# %% [markdown]
# ## 数字 / Figures by document, kind and status

# %%
by_status = pd.crosstab(
    [figure_table["doc_id"], figure_table["kind"]],
    figure_table["status"],
    margins=True,
    margins_name="total",
)
by_status = by_status.rename_axis(columns=None).reset_index().rename(columns=report.STATUS_LABELS)
show(by_status.replace({"doc_id": {"total": "合计 total"}}), "figures")

# %%
figure_columns = [
    "doc_id",
    "surface",
    "value",
    "value_high",
    "unit",
    "kind",
    "status",
    "year",
    "scope_place",
    "scope_level",
    "direction",
    "duplicate_of",
]
show(
    figure_table[figure_columns],
    "figures",
    decimals={"value": report.VALUE_DECIMALS, "value_high": report.VALUE_DECIMALS},
)

# %% [markdown]
# ## 目标 / Target statements (quantified or not)

# %%
by_quantified = pd.crosstab(target_table["doc_id"], target_table["quantified"].astype(bool))
show(
    by_quantified.rename(columns={True: "quantified", False: "qualitative"})
    .rename_axis(columns=None)
    .reset_index()
)
show(target_table[["doc_id", "target_year", "quantified", "figure_ids", "statement"]], "targets")

# %% [markdown]
# ## 各省目标表述 / Distinct target statements per province (province_targets.csv; `all` counts each statement once)

# %%
show(province_targets[province_targets["theme_id"] == "all"].drop(columns=["doc_ids"]))

# %% [markdown]
# ## 资金 / Money figures (unique facts; amounts in 亿元 for reading, yuan in the table)

# %%
shown = funding_table.assign(amount_yi_yuan=funding_table["amount_yuan"] / report.YI)
funding_columns = [
    "doc_id",
    "surface",
    "kind",
    "amount_yi_yuan",
    "status",
    "period_type",
    "year",
    "period_start",
    "period_end",
    "source_levels",
    "instrument",
    "scope_place",
    "scope_level",
    "same_money_as",
    "mentions",
]
show(shown[funding_columns], "funding", decimals={"amount_yi_yuan": report.YI_DECIMALS})

# %% [markdown]
# ## 各省金额 / Money per province (province_money.csv: never summed across kind, status, period type or scope)

# %%
money = province_money.assign(amount_yi_yuan=province_money["amount_yuan"] / report.YI).drop(
    columns=["figure_ids"]
)
show(
    money,
    "province_money",
    decimals={"amount_yuan": 2, "amount_yuan_high": 2, "amount_yi_yuan": report.YI_DECIMALS},
)

# %%
tables_io.save_table(figure_table, Path(processed_dir), "figures")
tables_io.save_table(target_table, Path(processed_dir), "targets")
tables_io.save_table(funding_table, Path(processed_dir), "funding")
tables_io.save_table(province_money, Path(processed_dir), "province_money")
tables_io.save_table(province_targets, Path(processed_dir), "province_targets")
print(
    f"{len(figure_table)} figures, {len(target_table)} targets, {len(funding_table)} money figures written"
)
