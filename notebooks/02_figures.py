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
from IPython.display import display

from analysis import pipeline, tables_io

pd.set_option("display.max_colwidth", 60)

# %%
clauses = tables_io.load_table(Path(processed_dir), "clauses")
documents = tables_io.load_table(Path(processed_dir), "documents")
tables = pipeline.figures_stage(clauses, documents)
figure_table, target_table, funding_table = tables["figures"], tables["targets"], tables["funding"]
province_money, province_targets = tables["province_money"], tables["province_targets"]

# %% [markdown]
# ## 数字 / Figures by document, kind and status

# %%
display(pd.crosstab([figure_table["doc_id"], figure_table["kind"]], figure_table["status"], margins=True))

# %%
display(figure_table[["doc_id", "surface", "value", "value_high", "unit", "kind", "status", "year", "scope_place", "scope_level", "direction", "duplicate_of"]])

# %% [markdown]
# ## 目标 / Target statements (quantified or not)

# %%
display(pd.crosstab(target_table["doc_id"], target_table["quantified"]))
display(target_table[["doc_id", "target_year", "quantified", "figure_ids", "statement"]].head(40))

# %% [markdown]
# ## 各省目标表述 / Distinct target statements per province (province_targets.csv; `all` counts each statement once)

# %%
display(province_targets[province_targets["theme_id"] == "all"])

# %% [markdown]
# ## 资金 / Money figures (unique facts; amounts in 亿元 for reading, yuan in the table)

# %%
shown = funding_table.assign(amount_yi_yuan=funding_table["amount_yuan"] / 1e8)
display(shown[["doc_id", "surface", "kind", "amount_yi_yuan", "status", "period_type", "year", "period_start", "period_end", "source_levels", "instrument", "scope_place", "scope_level", "same_money_as", "mentions"]])

# %% [markdown]
# ## 各省金额 / Money per province (province_money.csv: never summed across kind, status, period type or scope)

# %%
display(province_money.assign(amount_yi_yuan=province_money["amount_yuan"] / 1e8).drop(columns=["figure_ids"]))

# %%
tables_io.save_table(figure_table, Path(processed_dir), "figures")
tables_io.save_table(target_table, Path(processed_dir), "targets")
tables_io.save_table(funding_table, Path(processed_dir), "funding")
tables_io.save_table(province_money, Path(processed_dir), "province_money")
tables_io.save_table(province_targets, Path(processed_dir), "province_targets")
print(f"{len(figure_table)} figures, {len(target_table)} targets, {len(funding_table)} money figures written")
