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
# # 省际比较 / Province comparison
#
# Which provinces cover which themes, how concretely, with how much money, and how each
# aligns with the national plan they implement (国家发展改革委等《推进资源型地区高质量发展
# "十四五"实施方案》, 发改振兴〔2021〕1559号). Rows are one province's documents of one type
# (省份 · 类型): a plan and a reply letter are different genres. Provinces come in the
# official order (北京市 first). Charts show at most 60 rows each; every table below a chart
# holds the full data and can be sorted and searched (it works offline).

# %% tags=["parameters"]
raw_dir = "../data/raw"
processed_dir = "../data/processed"
interim_dir = "../data/interim"
reports_dir = "../reports"

# %%
from pathlib import Path

from IPython.display import HTML, Image, Markdown, display

from analysis import plots, publish, report, tables_io

tables = tables_io.load_tables(Path(processed_dir))
figures_dir = Path(reports_dir) / "figures"
display(HTML(publish.interactive_tables_init_html()))
documents = report.ordered_documents(tables["documents"])
documents["province"] = documents["province"].replace("", report.UNKNOWN_PROVINCE)
columns = ["province", "doc_type", "title", "issuer", "published", "n_chars", "source_file"]
display(Markdown(f"**{len(documents)} documents, {documents['province'].nunique()} provinces.**"))
display(HTML(publish.table_html(report.readable(documents[columns]), "documents")))


# %% [markdown]
# ## 主题覆盖 / Theme coverage (share of body clauses, province_coverage.csv)

# %%
coverage = report.coverage_by_group(tables["province_coverage"], tables["themes"])
charts = plots.heatmaps(
    report.group_matrix(coverage, "share", by="theme_zh"),
    figures_dir=figures_dir,
    name="compare_coverage_heatmap",
    title="主题覆盖 / Theme coverage by province and document type",
    caption="Share of the body clauses of each province's documents of one type that are tagged "
    "with the theme (pooled over its documents): a keyword of the theme in a paragraph coded "
    "with it, not a passing mention; headings, front matter, signatures and web-page "
    "furniture excluded. Themes by corpus-wide clauses.",
)
for chart in charts:
    display(Image(filename=chart))
display(Markdown("Full data (province_coverage.csv: clauses tagged, body clauses, share):"))
display(
    HTML(
        publish.table_html(
            report.readable(
                coverage[["group", "documents", "theme", "clauses", "body_clauses", "share"]],
                percent=("share",),
            ),
            "coverage",
        )
    )
)
detail = len(documents) <= report.DETAIL_DOCUMENTS
if detail:
    display(
        Markdown(
            "Per document, with and without template text (clauses shared word for word with another province):"
        )
    )
    per_document = report.coverage_by_document(
        tables["coverage"], tables["documents"], tables["themes"]
    )
    display(
        HTML(
            publish.table_html(
                report.readable(per_document, percent=("share", "share_excl_template")),
                "coverage_documents",
            )
        )
    )
else:
    display(
        Markdown(
            "Per document, with and without template text: on each province's page (index.html)."
        )
    )

# %% [markdown]
# ## 各省前三主题 / Top three themes per province and document type

# %%
display(
    HTML(
        publish.table_html(
            report.readable(
                report.top_themes_by_group(coverage, tables["themes"], n=3), percent=("share",)
            ),
            "top_themes",
        )
    )
)

# %% [markdown]
# ## 目标表述 / Target statements (province_targets.csv)
# Distinct target statements (a commitment with a target year or a quantity), counted once
# per statement; quantified and qualitative split the same statements. Per theme, a statement
# tagged with two themes counts under both; the 全部 row counts it once.

# %%
targets = (
    report.target_rows(tables["province_targets"], tables["themes"])
    if "province_targets" in tables
    else None
)
if targets is None or targets.empty:
    display(HTML(publish.none_named_html()))
else:
    chart = plots.bars(
        report.target_chart_frame(targets).head(plots.MAX_CHART_ROWS),
        title="目标表述 / Target statements per province and document type",
        caption="Distinct target statements per province and document type "
        "(province_targets.csv, theme_id all), split into quantified and qualitative; "
        "the table below has every theme.",
        xlabel="target statements / 目标表述",
        path=figures_dir / "compare_commitments.png",
    )
    display(Image(filename=chart))
    display(HTML(publish.table_html(report.readable(targets), "targets")))

# %% [markdown]
# ## 资金 / Money (province_money.csv, 亿元)
# Each row is one sum of unique money figures that never crosses kind (funding, investment,
# output), status (commitment, achievement), period type (one year, several years, each year)
# or scope (province-wide vs a city, county or site). Rows are never added up here.

# %%
money = report.money_rows(tables["province_money"]) if "province_money" in tables else None
if money is None or money.empty:
    display(HTML(publish.none_named_html()))
else:
    chart_frame = report.money_chart_frame(money, kind="funding", top=30)
    if not chart_frame.empty:
        chart = plots.bars(
            chart_frame,
            title="资金 / Funding (亿元): the 30 largest rows",
            caption="One bar per row of province_money.csv with kind funding (亿元 = 10^8 yuan), "
            "coloured by its status; no bar adds rows together. "
            "Investment and output are in the table only.",
            xlabel="亿元",
            path=figures_dir / "compare_money.png",
            value_format="{:.2f}",
        )
        display(Image(filename=chart))
    display(
        HTML(
            publish.table_html(
                report.readable(
                    money,
                    decimals={"yi_yuan": report.YI_DECIMALS, "yi_yuan_high": report.YI_DECIMALS},
                ),
                "money",
            )
        )
    )

# %% [markdown]
# ## 与国家方案的对应 / Alignment with the national plan's tasks
#
# **Where the task list comes from, and its limits.** The eighteen tasks (N01–N18) are in
# `src/analysis/data/national_tasks.yaml`. They stand for the task list of the national plan
# 发改振兴〔2021〕1559号, but only its opening could be read: one task heading is confirmed
# there, the others are reconstructed from headings that provincial plans repeat word for
# word — Qinghai's plan above all, also Henan, Gansu and Anhui. Because Qinghai's headings
# shaped the list, Qinghai's alignment is partly circular (high by construction), and a
# province that words the same tasks differently scores lower than it should. A task is taken
# up through the themes mapped to it in the codebook; the share is clauses taking it up over
# the body clauses of the province's documents of that type (province_alignment.csv).

# %%
alignment = report.alignment_by_group(tables["province_alignment"])
charts = plots.heatmaps(
    report.group_matrix(alignment, "share", by="task"),
    figures_dir=figures_dir,
    name="compare_alignment",
    title="国家任务对应 / National-plan tasks taken up (share of body clauses)",
    caption="Share of body clauses per province and document type that take up each task "
    "(N01–N18, a reconstructed list: see the note above).",
    cmap="Greens",
)
for chart in charts:
    display(Image(filename=chart))
display(
    HTML(
        publish.table_html(
            report.readable(
                alignment[
                    [
                        "group",
                        "documents",
                        "task",
                        "clauses",
                        "body_clauses",
                        "share",
                        "covered_documents",
                    ]
                ],
                percent=("share",),
            ),
            "alignment",
        )
    )
)

# %% [markdown]
# ## 编码一致性 / Agreement of the automatic coding with hand labels
#
# Each paragraph is coded by the codebook's keyword rules blended with a classifier trained on
# hand-coded invented paragraphs (analysis.themes.model). Out of sample first: held-out
# paragraphs written and coded by people who did not write the codebook (a second coder on a
# third of them gives the human agreement), then real paragraphs kept outside the repository.
# Then this corpus's own hand labels, where it has any (for the seeds these are in-sample: the
# codebook was written on them).

# %%
display(Markdown(report.validation_sentence(report.theme_validation())))
validation_shown = report.validation_display(report.theme_validation())
display(HTML(publish.table_html(report.readable(validation_shown), "theme_validation")))
display(Markdown(report.real_validation_sentence(report.real_theme_validation())))
real_shown = report.validation_display(report.real_theme_validation())
display(HTML(publish.table_html(report.readable(real_shown), "theme_validation_real")))
agreement = report.agreement_report(tables)
display(Markdown(report.agreement_sentence(agreement)))
if agreement["n"]:
    gold = agreement["table"].copy()
    gold["document"] = gold["doc_id"].map(report.document_names(tables["documents"]))
    display(
        HTML(
            publish.table_html(
                report.readable(
                    gold[
                        [
                            "document",
                            "section_no",
                            "item_no",
                            "item_title",
                            "gold_theme_id",
                            "theme_id",
                            "agree",
                        ]
                    ]
                ),
                "agreement",
            )
        )
    )

# %% [markdown]
# ## 地名 / Places named (the most named per document: 15, or 5 above ten documents; all on the province pages)

# %%
places = report.places_summary(
    tables["places"], report.document_names(tables["documents"]), top=15 if detail else 5
)
display(HTML(publish.table_html(report.readable(places), "places")))

# %% [markdown]
# ## 主题证据 / Keyword in context, per document and theme
# Every keyword mention behind the coverage shares: counted matches of body clauses; `span` is
# the position in the document's normalised text (data/interim). Search the table for a
# province, a title, a theme or a word.

# %%
if detail:
    kwic = report.kwic_rows(tables)
    display(Markdown(f"**{len(kwic)} mentions.** Mentions and clauses per document and theme:"))
    display(HTML(publish.table_html(report.readable(report.kwic_counts(kwic)), "kwic_counts")))
    display(HTML(publish.table_html(report.readable(kwic), "kwic")))
else:
    display(
        Markdown(
            f"More than {report.DETAIL_DOCUMENTS} documents: each province's page (index.html) "
            "lists every keyword mention of its documents, with the counts per document and theme."
        )
    )
