"""Views for the province profile and comparison reports, built from the processed tables.

Pure functions: tables in, small DataFrames out, ready to show or plot. Province
rows are labelled with their document types (河南省 (plan)), because a plan and a
reply letter are different genres.
"""

from __future__ import annotations

import pandas as pd

from analysis import compare
from analysis.schema import BODY, UNKNOWN_PROVINCE

YI = 1e8  # yuan per 亿元



def escape_md(text: str) -> str:
    """Text safe inside Markdown/HTML output: & < > escaped, Markdown emphasis characters too."""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]#|":
        out = out.replace(ch, "\\" + ch)
    return out


def province_labels(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → 'province (doc_type)' for the analysed documents (copies left out)."""
    analysed = documents[documents["duplicate_of"].fillna("") == ""]
    labels = {}
    for row in analysed.itertuples():
        province = row.province or UNKNOWN_PROVINCE
        labels[row.doc_id] = f"{province} ({row.doc_type or 'other'})"
    counts = pd.Series(list(labels.values())).value_counts()
    for doc_id, label in labels.items():  # two documents of one province and type: add the id
        if counts[label] > 1:
            labels[doc_id] = f"{label} {doc_id}"
    return labels


def _theme_names(themes: pd.DataFrame) -> dict[str, str]:
    return {row.theme_id: f"{row.label_zh} {row.theme_id}" for row in themes.itertuples()}


def coverage_matrix(coverage: pd.DataFrame, themes: pd.DataFrame, labels: dict[str, str], column: str = "share_clauses") -> pd.DataFrame:
    """Theme (rows, codebook order) × document label (columns) of a coverage share (0–1)."""
    frame = coverage[coverage["doc_id"].isin(labels)]
    matrix = frame.pivot_table(index="theme_id", columns="doc_id", values=column, aggfunc="sum").astype(float)
    order = [t for t in themes["theme_id"] if t in matrix.index]
    matrix = matrix.reindex(order).rename(index=_theme_names(themes), columns=labels)
    return matrix.fillna(0.0)


def top_theme_rows(coverage: pd.DataFrame, themes: pd.DataFrame, labels: dict[str, str], n: int = 3) -> pd.DataFrame:
    """`compare.top_themes` shown per document label: rank, theme name, share of body clauses (0–1)."""
    names = _theme_names(themes)
    order = {doc_id: i for i, doc_id in enumerate(labels)}
    ranked = compare.top_themes(coverage[coverage["doc_id"].isin(labels)], n=n)
    ranked = ranked.sort_values("doc_id", key=lambda c: c.map(order), kind="stable")
    rows = [
        {"document": labels[row.doc_id], "rank": rank, "theme": names.get(row.theme_id, row.theme_id), "share_clauses": round(float(row.share_clauses), 3)}
        for _, group in ranked.groupby("doc_id", sort=False)
        for rank, row in enumerate(group.itertuples(), start=1)
    ]
    return pd.DataFrame(rows)


def commitments_by_theme(targets: pd.DataFrame, clause_themes: pd.DataFrame, themes: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Target statements per (theme, document), split into quantified and qualitative.

    A statement with several figures counts once; one tagged with two themes counts in both.
    """
    statements = targets.groupby("clause_id", as_index=False).agg(doc_id=("doc_id", "first"), quantified=("quantified", "max"))
    tagged = statements.merge(clause_themes[["clause_id", "theme_id"]], on="clause_id")
    tagged = tagged[tagged["doc_id"].isin(labels)]
    tagged["kind"] = tagged["quantified"].map({True: "quantified 量化", False: "qualitative 定性"})
    names = _theme_names(themes)
    order = {theme_id: i for i, theme_id in enumerate(themes["theme_id"])}
    tagged = tagged.sort_values(["theme_id", "doc_id"], key=lambda c: c.map(order) if c.name == "theme_id" else c)
    tagged["row"] = tagged["theme_id"].map(names) + " · " + tagged["doc_id"].map(labels)
    table = tagged.pivot_table(index="row", columns="kind", values="clause_id", aggfunc="count", fill_value=0, sort=False)
    return table


def amounts(funding: pd.DataFrame) -> pd.DataFrame:
    """Money figures that are amounts: rates (每户…万元, 元/亩) and yearly amounts (每年) are left out of sums."""
    keep = ~funding["per_year"].fillna(False).astype(bool)
    if "per_unit" in funding.columns:
        keep &= ~funding["per_unit"].fillna(False).astype(bool)
    return funding[keep]


def money_by_status_source(funding: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """亿元 per document (rows) and status (columns): unique money amounts (rates and yearly amounts left out)."""
    funding = amounts(funding)
    frame = funding[funding["doc_id"].isin(labels)].copy()
    frame["yi_yuan"] = frame["amount_yuan"].astype(float) / YI
    table = frame.pivot_table(index="doc_id", columns="status", values="yi_yuan", aggfunc="sum", fill_value=0.0)
    table = table.reindex(list(labels), fill_value=0.0)  # documents without money figures show as 0
    return table.rename(index=labels).round(4)


def money_table(funding: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """亿元 per document, status and source level (blank source shown as 'unknown'); amounts only."""
    funding = amounts(funding)
    frame = funding[funding["doc_id"].isin(labels)].copy()
    frame["yi_yuan"] = frame["amount_yuan"].astype(float) / YI
    frame["source_level"] = frame["source_level"].replace("", "unknown")
    table = frame.groupby(["doc_id", "status", "source_level"], as_index=False).agg(yi_yuan=("yi_yuan", "sum"), figures=("figure_id", "count"))
    table["document"] = table["doc_id"].map(labels)
    table["yi_yuan"] = table["yi_yuan"].round(4)
    return table[["document", "status", "source_level", "figures", "yi_yuan"]]


def alignment_matrix(alignment: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """National task (rows) × document label (columns): body clauses taking up the task."""
    frame = alignment[alignment["doc_id"].isin(labels)].copy()
    frame["task"] = frame["task_id"] + " " + frame["task_label"]
    matrix = frame.pivot_table(index="task", columns="doc_id", values="clauses", aggfunc="sum", fill_value=0)
    return matrix.rename(columns=labels).astype(int).sort_index()


def places_summary(places: pd.DataFrame, labels: dict[str, str], top: int = 15) -> pd.DataFrame:
    """The places each document names most often (all themes)."""
    frame = places[(places["theme_id"] == "all") & places["doc_id"].isin(labels)].copy()
    frame["document"] = frame["doc_id"].map(labels)
    frame = frame.sort_values(["doc_id", "mentions", "place"], ascending=[True, False, True])
    shown = frame.groupby("doc_id").head(top)
    return shown[["document", "place", "place_level", "province", "mentions"]].reset_index(drop=True)


def agreement_report(tables: dict[str, pd.DataFrame]) -> dict:
    """Agreement of the automatic primary theme with the hand labels: n, percent, kappa, table."""
    auto = compare.primary_theme_per_unit(tables["clauses"], tables["clause_themes"])
    gold = compare.load_gold(tables["documents"])
    result = dict(compare.agreement(auto, gold))
    result["table"] = compare.gold_comparison(auto, gold)
    return result


def structure_summary(clauses: pd.DataFrame) -> pd.DataFrame:
    """Per document: clauses, body clauses, sections, numbered items (section, item pairs), template clauses."""
    body = clauses[clauses["part"] == BODY]
    items = body.dropna(subset=["item_no"])[["doc_id", "section_no", "item_no"]].drop_duplicates()
    summary = pd.DataFrame({
        "clauses": clauses.groupby("doc_id").size(),
        "body_clauses": body.groupby("doc_id").size(),
        "sections": body.groupby("doc_id")["section_no"].nunique(),
        "numbered_items": items.groupby("doc_id").size(),
        "template_clauses": body.groupby("doc_id")["template"].sum(),
    })
    return summary.fillna(0).astype(int)


def agreement_sentence(agreement: dict) -> str:
    """One line for the report: the agreement figures, or why there are none."""
    if not agreement["n"]:
        return (
            "No hand labels for these documents: the gold labels (analysis/data/gold_primary_themes.csv) "
            "cover the three seed texts, matched by sha256. Label a sample of this corpus to measure agreement."
        )
    return (
        f"Automatic primary theme vs hand labels, per numbered item (per section where a document has no items): "
        f"**{agreement['n']} units, agreement {agreement['agreement_pct']:.1f}%, Cohen's kappa {agreement['cohen_kappa']:.2f}**."
    )


def province_profile(tables: dict[str, pd.DataFrame], province: str) -> dict[str, pd.DataFrame]:
    """The pieces of one province's profile page."""
    documents = tables["documents"]
    docs = documents[(documents["province"].replace("", UNKNOWN_PROVINCE) == province) & (documents["duplicate_of"] == "")]
    doc_ids = set(docs["doc_id"])
    labels = {d: label for d, label in province_labels(documents).items() if d in doc_ids}
    clauses = tables["clauses"][tables["clauses"]["doc_id"].isin(doc_ids)]
    structure = structure_summary(clauses).rename(index=labels)
    figures = tables["figures"][tables["figures"]["doc_id"].isin(doc_ids)]
    figures_summary = pd.crosstab(figures["kind"], figures["status"], margins=True) if len(figures) else pd.DataFrame()
    targets = tables["targets"][tables["targets"]["doc_id"].isin(doc_ids)]
    coverage = tables["coverage"][tables["coverage"]["doc_id"].isin(doc_ids)]
    names = _theme_names(tables["themes"])
    theme_shares = (
        coverage.groupby("theme_id")[["share_clauses", "share_clauses_excl_template"]].mean()
        .reindex([t for t in tables["themes"]["theme_id"] if t in set(coverage["theme_id"])])
        .rename(index=names)
        .rename(columns={"share_clauses": "all body clauses", "share_clauses_excl_template": "without template text"})
    )
    instruments = tables["clause_instruments"]
    instruments = instruments[instruments["doc_id"].isin(doc_ids)]
    funding = tables["funding"][tables["funding"]["doc_id"].isin(doc_ids)]
    return {
        "documents": docs[["doc_id", "source_file", "title", "issuer", "doc_type", "published", "n_chars"]],
        "structure": structure,
        "figures_summary": figures_summary,
        "targets": targets[["target_year", "quantified", "statement"]].drop_duplicates().reset_index(drop=True),
        "theme_shares": theme_shares,
        "instruments": instruments.groupby(["instrument_type", "instrument_subtype"]).size().rename("clauses").reset_index(),
        "money": money_table(funding, labels),
        "places": places_summary(tables["places"], labels, top=25),
    }
