"""The comparison's numbers as tables: province_money.csv and province_targets.csv.

Every number the comparison page shows about money or targets comes from these two
tables, so that each can be cited and checked:

- `province_money(funding, documents)`: sums of unique money figures per province ×
  doc_type × scope_level × kind × status × period_type (and, for multi-year amounts, the
  period). A sum never crosses kind (funding, investment, output, other), status
  (commitment, achievement), period type (one year, several years, each year) or scope
  (province-wide vs a city, county or site); repeated mentions (duplicate_of, already
  folded in funding.csv) and probable same money (same_money_as) count once; a total and
  its parts (part_of) are never both summed; rates per unit (每户, 元/亩) are never summed.
- `province_targets(targets, clause_themes, documents)`: distinct target statements per
  province × doc_type × theme, with a total row `theme_id = all` in which each statement
  counts once (a statement with four themes counts once under each of them).

- `province_coverage(clauses, clause_themes, documents, theme_ids)` and
  `province_alignment(alignment, clauses, documents)` (notebook 03): theme coverage and
  national-task alignment per province × doc_type, pooled over the documents (clauses summed
  over body clauses summed), with the counts behind every share.

Only analysed documents count (second copies, documents.csv duplicate_of, are out).
"""

from __future__ import annotations

import pandas as pd

from analysis.compare import SHARE_DECIMALS, coverage_clauses
from analysis.schema import ISSUER_LEVELS, TABLES

ALL_THEMES = "all"  # theme_id of the total row of province_targets
JOIN = ";"  # joins ids and years in one cell
MULTI_YEAR = "multi_year"
MONEY_KEY = (
    "province",
    "doc_type",
    "scope_level",
    "kind",
    "status",
    "period_type",
    "period_start",
    "period_end",
)
TARGET_KEY = ("province", "doc_type")


def _text(values: pd.Series) -> pd.Series:
    """A column as plain strings, blanks (NaN, NA, None) as ""."""
    return values.astype(object).where(values.notna(), "").astype(str)


def _flag(values: pd.Series) -> pd.Series:
    """A boolean column (bool, pandas boolean with NA, or 'true'/'false') as bool; NA is False."""
    if values.dtype == object:
        values = values.map(lambda v: v is True or str(v).lower() == "true")
    return values.astype("boolean").fillna(False).astype(bool)


def analysed_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """doc_id, province and doc_type of the analysed documents (second copies left out)."""
    docs = documents
    if "duplicate_of" in docs.columns:
        docs = docs[_text(docs["duplicate_of"]) == ""]
    issuer_level = (
        docs["issuer_level"] if "issuer_level" in docs.columns else pd.Series("", index=docs.index)
    )
    return pd.DataFrame(
        {
            "doc_id": _text(docs["doc_id"]),
            "province": _text(docs["province"]),
            "doc_type": _text(docs["doc_type"]),
            "issuer_level": _text(issuer_level).replace("", "unknown"),
        }
    ).reset_index(drop=True)


def countable_money(funding: pd.DataFrame) -> pd.DataFrame:
    """The funding rows that are summed: not a rate per unit, not probable same money as
    an earlier row (same_money_as), not a part of a total (part_of: the total counts).
    Repeated mentions are already one row in funding.csv."""
    keep = ~_flag(funding["per_unit"]) if "per_unit" in funding.columns else True
    for linked in ("same_money_as", "part_of"):
        if linked in funding.columns:
            keep = keep & (_text(funding[linked]) == "")
    return funding[keep]


def _years(values: pd.Series) -> str:
    years = sorted({int(v) for v in values if not pd.isna(v)})
    return JOIN.join(str(y) for y in years)


def _sum_yuan(amounts: pd.Series) -> float:
    """Sum of amounts in yuan, rounded to fen (2 decimals)."""
    return round(float(amounts.sum()), 2)


def province_money(funding: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """province_money.csv (schema.TABLES['province_money']); amounts in yuan."""
    columns = TABLES["province_money"].columns
    docs = analysed_documents(documents)
    money = countable_money(funding)
    money = money[_text(money["doc_id"]).isin(set(docs["doc_id"]))]
    if money.empty:
        return pd.DataFrame({c: [] for c in columns})
    low = pd.to_numeric(money["amount_yuan"]).astype(float)
    high = (
        pd.to_numeric(money["amount_yuan_high"]).astype(float)
        if "amount_yuan_high" in money
        else low
    )
    multi = _text(money["period_type"]) == MULTI_YEAR
    frame = pd.DataFrame(
        {
            "doc_id": _text(money["doc_id"]).to_numpy(),
            "figure_id": _text(money["figure_id"]).to_numpy(),
            "scope_level": _text(money["scope_level"]).replace("", "unknown").to_numpy(),
            "kind": _text(money["kind"]).to_numpy(),
            "status": _text(money["status"]).to_numpy(),
            "period_type": _text(money["period_type"]).replace("", "unknown").to_numpy(),
            "period_start": _text(money["period_start"]).where(multi, "").to_numpy(),
            "period_end": _text(money["period_end"]).where(multi, "").to_numpy(),
            "amount_yuan": low.to_numpy(),
            "amount_yuan_high": high.fillna(low).to_numpy(),
            "year": pd.to_numeric(money["year"]).to_numpy(),
        }
    ).merge(docs, on="doc_id", how="left")
    grouped = frame.sort_values("figure_id", kind="stable").groupby(
        list(MONEY_KEY), sort=True, dropna=False
    )
    rows = grouped.agg(
        amount_yuan=("amount_yuan", _sum_yuan),
        amount_yuan_high=("amount_yuan_high", _sum_yuan),
        figures=("figure_id", "size"),
        documents=("doc_id", "nunique"),
        years=("year", _years),
        figure_ids=("figure_id", JOIN.join),
    ).reset_index()
    table = pd.DataFrame(rows, columns=columns)
    for column in ("figures", "documents"):
        table[column] = table[column].astype("int64")
    return table.reset_index(drop=True)


def province_targets(
    targets: pd.DataFrame, clause_themes: pd.DataFrame, documents: pd.DataFrame
) -> pd.DataFrame:
    """province_targets.csv (schema.TABLES['province_targets']): per province × doc_type,
    one row per theme of the statements' clauses and one `all` row (zeros when the
    documents state no target)."""
    columns = TABLES["province_targets"].columns
    docs = analysed_documents(documents)
    statements = pd.DataFrame(
        {
            "target_id": _text(targets["target_id"]),
            "doc_id": _text(targets["doc_id"]),
            "clause_id": _text(targets["clause_id"]),
            "quantified": _flag(targets["quantified"]),
            "target_year": pd.to_numeric(targets["target_year"]),
        }
    ).merge(docs, on="doc_id", how="inner")
    themes = pd.DataFrame(
        {
            "clause_id": _text(clause_themes["clause_id"]),
            "theme_id": _text(clause_themes["theme_id"]),
        }
    ).drop_duplicates()
    tagged = statements.merge(themes, on="clause_id", how="inner")
    tagged = pd.concat([tagged, statements.assign(theme_id=ALL_THEMES)], ignore_index=True)
    # one row per statement and theme, then counts per province × doc_type × theme in one pass
    per_theme = (
        tagged.drop_duplicates([*TARGET_KEY, "theme_id", "target_id"])
        .groupby([*TARGET_KEY, "theme_id"], sort=True)
        .agg(
            statements=("target_id", "size"),
            quantified=("quantified", "sum"),
            earliest_year=("target_year", "min"),
            latest_year=("target_year", "max"),
        )
    )
    with_statements = set(per_theme.index.droplevel("theme_id"))  # (province, doc_type) pairs
    no_statements = per_theme.iloc[0:0].droplevel(list(TARGET_KEY))
    rows = []
    for (province, doc_type), group_docs in docs.groupby(list(TARGET_KEY), sort=True):
        doc_ids = JOIN.join(sorted(group_docs["doc_id"]))
        issuer_levels = JOIN.join(
            level for level in ISSUER_LEVELS if level in set(group_docs["issuer_level"])
        )
        here = (
            per_theme.loc[(province, doc_type)]
            if (province, doc_type) in with_statements
            else no_statements
        )
        theme_ids = [*sorted(set(here.index) - {ALL_THEMES}), ALL_THEMES]
        for theme_id in theme_ids:
            counts = here.loc[theme_id] if theme_id in here.index else None
            statements_n = int(counts["statements"]) if counts is not None else 0
            quantified = int(counts["quantified"]) if counts is not None else 0
            earliest = counts["earliest_year"] if counts is not None else None
            latest = counts["latest_year"] if counts is not None else None
            rows.append(
                {
                    "province": province,
                    "doc_type": doc_type,
                    "theme_id": theme_id,
                    "statements": statements_n,
                    "quantified": quantified,
                    "qualitative": statements_n - quantified,
                    "earliest_year": None if pd.isna(earliest) else int(earliest),
                    "latest_year": None if pd.isna(latest) else int(latest),
                    "doc_ids": doc_ids,
                    "issuer_levels": issuer_levels,
                }
            )
    table = pd.DataFrame(rows, columns=columns)
    for column in ("statements", "quantified", "qualitative"):
        table[column] = table[column].astype("int64")
    for column in ("earliest_year", "latest_year"):
        table[column] = table[column].astype("Int64")
    return table.reset_index(drop=True)


# --- coverage and alignment per province × doc_type (notebook 03) ----------------------------
#
# The comparison page's theme coverage and national-task alignment, pooled over the documents
# of one province and doc_type: clauses summed over the documents, divided by their body
# clauses summed (compare.coverage_clauses: body, no headings), never a mean of shares.

GROUP_KEY = ["province", "doc_type"]


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """part / whole rounded to SHARE_DECIMALS (as coverage.csv); 0 where whole is 0."""
    ratio = part.astype(float) / whole.where(whole > 0).astype(float)
    return ratio.fillna(0.0).round(SHARE_DECIMALS)


def _group_documents(docs: pd.DataFrame) -> pd.DataFrame:
    """Per province × doc_type of `analysed_documents`: documents, doc_ids (sorted, joined by ;)."""
    return (
        docs.sort_values("doc_id")
        .groupby(GROUP_KEY, sort=True)["doc_id"]
        .agg(documents="size", doc_ids=JOIN.join)
        .reset_index()
    )


def _body_of_groups(clauses: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """The body clauses (no headings) of the analysed documents: clause_id, doc_id, n_chars
    (characters of the clause text), province, doc_type."""
    body = coverage_clauses(clauses)
    frame = pd.DataFrame(
        {
            "clause_id": _text(body["clause_id"]).to_numpy(),
            "doc_id": _text(body["doc_id"]).to_numpy(),
            "n_chars": _text(body["text"]).str.len().to_numpy(),
        }
    )
    return frame.merge(docs[["doc_id", *GROUP_KEY]], on="doc_id", how="inner")


def province_coverage(
    clauses: pd.DataFrame,
    clause_themes: pd.DataFrame,
    documents: pd.DataFrame,
    theme_ids: list[str],
) -> pd.DataFrame:
    """province_coverage.csv (schema.TABLES['province_coverage']): per province × doc_type and
    every theme of `theme_ids`, body clauses and characters of the group's documents, those
    tagged with the theme, and the pooled shares (0–1). Second copies left out."""
    columns = TABLES["province_coverage"].columns
    docs = analysed_documents(documents)
    groups = _group_documents(docs)
    body = _body_of_groups(clauses, docs)
    totals = body.groupby(GROUP_KEY, sort=True).agg(
        body_clauses=("clause_id", "size"), body_chars=("n_chars", "sum")
    )
    themes = pd.DataFrame(
        {
            "clause_id": _text(clause_themes["clause_id"]),
            "theme_id": _text(clause_themes["theme_id"]),
        }
    ).drop_duplicates()
    tagged = body.merge(themes, on="clause_id", how="inner")
    hits = tagged.groupby([*GROUP_KEY, "theme_id"], sort=True).agg(
        clauses=("clause_id", "size"), chars=("n_chars", "sum")
    )
    grid = groups.merge(pd.DataFrame({"theme_id": sorted(set(theme_ids))}), how="cross")
    table = grid.merge(totals.reset_index(), on=GROUP_KEY, how="left").merge(
        hits.reset_index(), on=[*GROUP_KEY, "theme_id"], how="left"
    )
    for column in ("documents", "body_clauses", "body_chars", "clauses", "chars"):
        table[column] = table[column].fillna(0).astype("int64")
    table["share_clauses"] = _share(table["clauses"], table["body_clauses"])
    table["share_chars"] = _share(table["chars"], table["body_chars"])
    return table[columns].sort_values([*GROUP_KEY, "theme_id"], ignore_index=True)


def province_alignment(
    alignment: pd.DataFrame, clauses: pd.DataFrame, documents: pd.DataFrame
) -> pd.DataFrame:
    """province_alignment.csv (schema.TABLES['province_alignment']): per province × doc_type
    and national task of alignment.csv, the clauses taking it up (summed over the group's
    documents), the group's body clauses, the pooled share (0–1) and the documents covering it."""
    columns = TABLES["province_alignment"].columns
    docs = analysed_documents(documents)
    groups = _group_documents(docs)
    totals = (
        _body_of_groups(clauses, docs).groupby(GROUP_KEY, sort=True).size().rename("body_clauses")
    )
    tasks = pd.DataFrame(
        {
            "doc_id": _text(alignment["doc_id"]),
            "task_id": _text(alignment["task_id"]),
            "task_label": _text(alignment["task_label"]),
            "clauses": pd.to_numeric(alignment["clauses"]).astype("int64"),
            "covered": _flag(alignment["covered"]),
        }
    ).merge(docs[["doc_id", *GROUP_KEY]], on="doc_id", how="inner")
    summed = (
        tasks.groupby([*GROUP_KEY, "task_id"], sort=True)
        .agg(
            task_label=("task_label", "first"),
            clauses=("clauses", "sum"),
            covered_documents=("covered", "sum"),
        )
        .reset_index()
    )
    table = summed.merge(groups, on=GROUP_KEY, how="inner").merge(
        totals.reset_index(), on=GROUP_KEY, how="left"
    )
    for column in ("documents", "body_clauses", "clauses", "covered_documents"):
        table[column] = table[column].fillna(0).astype("int64")
    table["share"] = _share(table["clauses"], table["body_clauses"])
    return table[columns].sort_values([*GROUP_KEY, "task_id"], ignore_index=True)
