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
from IPython.display import HTML, display

from analysis import ingest, pipeline, report, tables_io
from analysis.schema import PARTS

pd.set_option("display.max_colwidth", 60)

# %%
corpus = ingest.read_corpus(Path(raw_dir))
documents_table, clauses = pipeline.clauses_stage(corpus.documents)

# %% [markdown]
# ## 文件与元数据 / Documents and their metadata
# Where each value came from is in the `*_source` columns (manifest, text, title, issuer, places, signature, header).


# %%
def show(frame, table_name=None, **kwargs):
    """A table for people: report.preview_html (blanks, 中文 English headers, fixed decimals, document names)."""
    display(HTML(report.preview_html(frame, table_name, names=names, **kwargs)))


names = report.document_names(documents_table)
# the documents table defines the ids: shown with them, in two parts (what, and where it came from)
about = [
    "doc_id",
    "province",
    "title",
    "issuer",
    "issuer_level",
    "doc_type",
    "published",
    "doc_number",
    "n_chars",
    "n_clauses",
    "n_body_chars",
    "duplicate_of",
]
display(HTML(report.preview_html(documents_table[about])))
sources = [c for c in documents_table.columns if c.endswith("_source")]
display(
    HTML(
        report.preview_html(
            documents_table[
                [
                    "doc_id",
                    "source_file",
                    "format",
                    "encoding",
                    "script",
                    "posted",
                    "review_year",
                    *sources,
                    "warnings",
                ]
            ]
        )
    )
)
for message in pipeline.document_warnings(documents_table):
    print("warning:", message)

# %% [markdown]
# ## 结构 / Structure: clauses per part, sections and numbered items per document

# %%
structure = report.structure_summary(clauses).rename_axis("doc_id").reset_index()
show(structure)
parts = pd.crosstab(clauses["doc_id"], clauses["part"]).reindex(columns=list(PARTS), fill_value=0)
parts = parts.rename_axis(columns=None).reset_index()
show(parts)

# %% [markdown]
# ## 标题 / Headings

# %%
headings = clauses[clauses["is_heading"]][
    ["doc_id", "section_no", "section_title", "item_no", "item_title", "sub_no", "sub_title"]
]
show(headings, "clauses")

# %%
tables_io.save_table(documents_table, Path(processed_dir), "documents")
tables_io.save_table(clauses, Path(processed_dir), "clauses")
pipeline.write_interim_texts(ingest.analysed(corpus.documents), Path(interim_dir))
print(
    f"{len(documents_table)} documents, {len(clauses)} clauses written to {Path(processed_dir).name}/"
)
