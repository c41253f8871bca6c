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
# # 主题、政策工具与覆盖 / Themes, instruments and coverage
#
# Tags every clause with the themes of the versioned codebook (`analysis/data/codebook.yaml`)
# and the policy instruments (supply / environment / demand), then measures coverage per
# document × theme on the body only, with and without national template text; places
# named and the alignment with the national plan's tasks.
# Writes `clause_themes.csv`, `clause_instruments.csv`, `coverage.csv`, `places.csv`,
# `alignment.csv`, `themes.csv`, and the comparison's coverage and alignment per province ×
# document type (`province_coverage.csv`, `province_alignment.csv`).

# %% tags=["parameters"]
raw_dir = "../data/raw"
processed_dir = "../data/processed"
interim_dir = "../data/interim"
reports_dir = "../reports"

# %%
from pathlib import Path

import pandas as pd
from IPython.display import display

from analysis import pipeline, tables_io, themes

pd.set_option("display.max_colwidth", 60)

# %%
clauses = tables_io.load_table(Path(processed_dir), "clauses")
documents = tables_io.load_table(Path(processed_dir), "documents")
tables = pipeline.themes_stage(clauses, documents)
clause_instruments, coverage, places = (
    tables["clause_instruments"],
    tables["coverage"],
    tables["places"],
)
print(f"codebook version {themes.load_codebook().version}: {len(tables['themes'])} themes")

# %% [markdown]
# ## 覆盖 / Coverage: share of body clauses per theme (with template text)

# %%
display(coverage.pivot_table(index="theme_id", columns="province", values="share_clauses"))

# %% [markdown]
# ## 政策工具 / Policy instruments per document (clauses)

# %%
display(
    pd.crosstab(
        [clause_instruments["instrument_type"], clause_instruments["instrument_subtype"]],
        clause_instruments["doc_id"],
    )
)

# %% [markdown]
# ## 地名 / Places named (all themes)

# %%
display(
    places[places["theme_id"] == "all"]
    .sort_values(["doc_id", "mentions"], ascending=[True, False])
    .head(40)
)

# %%
for name, table in tables.items():
    tables_io.save_table(table, Path(processed_dir), name)
print(f"{len(tables['clause_themes'])} clause × theme rows, {len(coverage)} coverage rows written")
