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
# # 文本与条款 / Texts and clauses
#
# Decodes every document in the raw folder, normalises it (traditional → simplified,
# full-width → half-width, markup blanked; positions kept), infers its metadata and
# splits it into parts, headings, sentences and clauses.
# Writes `documents.csv`, `clauses.csv` and the normalised texts (`interim/{doc_id}.txt`).

# %% tags=["parameters"]
raw_dir = "../data/raw"
processed_dir = "../data/processed"
interim_dir = "../data/interim"
reports_dir = "../reports"

# %%
from pathlib import Path

import pandas as pd
from IPython.display import display

from analysis import ingest, pipeline, report, tables_io

pd.set_option("display.max_colwidth", 60)

# %%
corpus = ingest.read_corpus(Path(raw_dir))
documents_table, clauses = pipeline.clauses_stage(corpus.documents)

# %% [markdown]
# ## 文件与元数据 / Documents and their metadata
# Where each value came from is in the `*_source` columns (manifest, text, title, issuer, places, signature, header).

# %%
display(documents_table.drop(columns=["sha256", "url"]))
for message in pipeline.document_warnings(documents_table):
    print("warning:", message)

# %% [markdown]
# ## 结构 / Structure: clauses per part, sections and numbered items per document

# %%
display(report.structure_summary(clauses))
display(pd.crosstab(clauses["doc_id"], clauses["part"]))

# %% [markdown]
# ## 标题 / Headings

# %%
display(clauses[clauses["is_heading"]][["doc_id", "section_no", "section_title", "item_no", "item_title", "sub_no", "sub_title"]])

# %%
tables_io.save_table(documents_table, Path(processed_dir), "documents")
tables_io.save_table(clauses, Path(processed_dir), "clauses")
pipeline.write_interim_texts(ingest.analysed(corpus.documents), Path(interim_dir))
print(f"{len(documents_table)} documents, {len(clauses)} clauses written to {Path(processed_dir).name}/")
