"""Views for the province profile and comparison reports, built from the processed tables.

Pure functions: tables in, small DataFrames out, ready to show or plot. Province
rows are labelled with their document types (河南省 (plan)), because a plan and a
reply letter are different genres.
"""

from __future__ import annotations

import pandas as pd

from analysis import compare, theme_eval
from analysis import themes as themes_module
from analysis.readable import (  # noqa: F401 (re-exported for the notebooks)
    DOC_TYPE_LABELS,
    HEADERS,
    NONE_NAMED,
    PREVIEW_ROWS,
    SHARE_DECIMALS,
    STATUS_LABELS,
    TITLE_CHARS,
    UNKNOWN_DOC_TYPE,
    VALUE_DECIMALS,
    YI,
    YI_DECIMALS,
    document_names,
    group_label,
    group_rank,
    named_documents,
    none_named,
    ordered_documents,
    preview,
    preview_html,
    preview_note,
    province_rank,
    readable,
    short_title,
)
from analysis.schema import BODY, UNKNOWN_PROVINCE
from analysis.tables_io import is_missing


def escape_md(text: str) -> str:
    """Text safe inside Markdown/HTML output: & < > escaped, Markdown emphasis characters too."""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]#|":
        out = out.replace(ch, "\\" + ch)
    return out


def places_summary(places: pd.DataFrame, labels: dict[str, str], top: int = 15) -> pd.DataFrame:
    """The places each document names most often (all themes); documents in `labels` order."""
    frame = places[(places["theme_id"] == "all") & places["doc_id"].isin(labels)].copy()
    frame["document"] = frame["doc_id"].map(labels)
    frame["_doc"] = frame["doc_id"].map({d: i for i, d in enumerate(labels)})
    frame = frame.sort_values(["_doc", "mentions", "place"], ascending=[True, False, True])
    shown = frame.groupby("doc_id").head(top)
    return shown[["document", "place", "place_level", "province", "mentions"]].reset_index(
        drop=True
    )


def agreement_report(tables: dict[str, pd.DataFrame]) -> dict:
    """Agreement of the automatic primary theme with the hand labels: n, percent, kappa, table."""
    gold = compare.load_gold(tables["documents"])
    labelled = tables["clauses"][
        tables["clauses"]["doc_id"].isin(set(gold["doc_id"]))
    ]  # the rule is per document
    auto = compare.primary_theme_per_unit(
        labelled, tables["clause_themes"], documents=tables["documents"]
    )
    result = dict(compare.agreement(auto, gold))
    result["table"] = compare.gold_comparison(auto, gold)
    return result


def structure_summary(clauses: pd.DataFrame) -> pd.DataFrame:
    """Per document: clauses, body clauses, sections, numbered items (section, item pairs), template clauses."""
    body = clauses[clauses["part"] == BODY]
    items = body.dropna(subset=["item_no"])[["doc_id", "section_no", "item_no"]].drop_duplicates()
    summary = pd.DataFrame(
        {
            "clauses": clauses.groupby("doc_id").size(),
            "body_clauses": body.groupby("doc_id").size(),
            "sections": body.groupby("doc_id")["section_no"].nunique(),
            "numbered_items": items.groupby("doc_id").size(),
            "template_clauses": body.groupby("doc_id")["template"].sum(),
        }
    )
    return summary.fillna(0).astype(int)


def theme_validation() -> pd.DataFrame:
    """The out-of-sample theme figures recorded by `evaluate-themes` on the held-out sets
    (analysis/data/theme_validation.csv), for the page."""
    return theme_eval.load_validation()


def real_theme_validation() -> pd.DataFrame:
    """The theme figures measured on real paragraphs kept outside the repository
    (analysis/data/theme_validation_real.csv), for the page."""
    return theme_eval.load_validation(theme_eval.REAL_VALIDATION_PATH)


BLIND_USE = "out of sample: the figure to cite"
IN_SAMPLE_USE = "in-sample: a development or training set"


def validation_display(validation: pd.DataFrame) -> pd.DataFrame:
    """The validation rows for the page, newest first: the last recorded set (measured blind)
    on top, marked `use` = BLIND_USE, the earlier (development or training) sets after it,
    IN_SAMPLE_USE; the long `note` is left to the CSV (each set's history)."""
    if validation.empty:
        return validation
    shown = validation.iloc[::-1].reset_index(drop=True)
    use = [BLIND_USE] + [IN_SAMPLE_USE] * (len(shown) - 1)
    return shown.drop(columns=["note"]).assign(use=use)


def real_validation_sentence(validation: pd.DataFrame) -> str:
    """One line for the report: how well the coding holds on real paragraphs (the last row is
    the set measured blind); nothing when none are recorded."""
    if validation.empty:
        return ""
    blind = validation.iloc[-1]
    return (
        f"On real paragraphs (codebook {blind['codebook_version']}, set {blind['set']}: "
        f"{blind['paragraphs']} paragraphs copied from {blind['documents']} real government pages "
        f"and news articles, coded by the same manual; the texts may not be redistributed, so they "
        f"are not in the repository and these figures cannot be recomputed from it): primary theme "
        f"agreement {100 * float(blind['agreement']):.1f}%, **Cohen's kappa "
        f"{float(blind['kappa']):.2f} (95% {float(blind['kappa_low']):.2f}–"
        f"{float(blind['kappa_high']):.2f})**, theme sets F1 {float(blind['set_f1']):.2f}; two human "
        f"coders: kappa {blind['human_kappa']}. Real text is harder than the invented held-out "
        f"sets: rely on these figures, not the invented sets', when citing a coverage share."
    )


def validation_sentence(validation: pd.DataFrame) -> str:
    """One line for the report: how well the coding holds on documents it was not written on."""
    if validation.empty:
        return "No out-of-sample validation is recorded for this codebook."
    # rows are in the order the sets were written (theme_eval.validation_csv): the last is the blind one
    blind = validation.iloc[-1]
    return (
        f"Out of sample (codebook {blind['codebook_version']}, set {blind['set']}, {blind['paragraphs']} "
        f"paragraphs of {blind['documents']} documents the codebook was not written on): primary theme "
        f"agreement {100 * float(blind['agreement']):.1f}%, **Cohen's kappa {float(blind['kappa']):.2f} "
        f"(95% {float(blind['kappa_low']):.2f}–{float(blind['kappa_high']):.2f})**, theme sets F1 "
        f"{float(blind['set_f1']):.2f}; two human coders: kappa {blind['human_kappa']}, set F1 "
        f"{blind['human_set_f1']}. Coverage shares inherit these errors: read them as estimates. "
        f"The table lists this set first; the earlier ones are now development or training sets of "
        f"the coder, so their figures are in-sample, not for citing (each set's history: "
        f"analysis/data/theme_validation.csv, column note)."
    )


def agreement_sentence(agreement: dict) -> str:
    """One line for the report: the agreement figures, or why there are none."""
    if not agreement["n"]:
        return (
            "No hand labels for these documents: the gold labels (analysis/data/gold_primary_themes.csv) "
            "cover the three seed texts, matched by sha256. Label a sample of this corpus to measure agreement."
        )
    return (
        f"In sample (the codebook was written on these hand-labelled seed texts, so this overstates accuracy): "
        f"automatic primary theme vs hand labels, per numbered item (per section where a document has no items): "
        f"**{agreement['n']} units, agreement {agreement['agreement_pct']:.1f}%, "
        f"Cohen's kappa {agreement['cohen_kappa']:.2f}**."
    )


def province_profile(tables: dict[str, pd.DataFrame], province: str) -> dict[str, pd.DataFrame]:
    """The pieces of one province's profile page, each ready for `readable` (empty when none).

    Money and target counts come from province_money.csv and province_targets.csv (when the
    run wrote them), so the profile shows the same numbers as the comparison page.
    """
    documents = tables["documents"]
    ordered = ordered_documents(documents)
    docs = ordered[ordered["province"].fillna("").replace("", UNKNOWN_PROVINCE) == province]
    doc_ids = set(docs["doc_id"])
    names = {d: n for d, n in document_names(documents).items() if d in doc_ids}
    clauses = tables["clauses"][tables["clauses"]["doc_id"].isin(doc_ids)]
    structure = structure_summary(clauses).reindex(list(names)).fillna(0).astype(int)
    structure.insert(0, "document", [names[d] for d in structure.index])
    figures = tables["figures"][tables["figures"]["doc_id"].isin(doc_ids)]
    figures_summary = (
        pd.crosstab(figures["kind"], figures["status"].map(lambda v: STATUS_LABELS.get(v, v)),
                    margins=True, margins_name="合计 total").reset_index().rename_axis(columns=None)
        if len(figures) else pd.DataFrame()
    )  # fmt: skip
    targets = tables["targets"][tables["targets"]["doc_id"].isin(doc_ids)].copy()
    targets["document"] = targets["doc_id"].map(names)
    target_columns = ["document", "target_year", "quantified", "statement"]
    coverage = coverage_by_group(tables["province_coverage"], tables["themes"])
    coverage = coverage[coverage["province"].replace("", UNKNOWN_PROVINCE) == province]
    theme_shares = coverage.pivot_table(
        index="theme_zh", columns="group", values="share", aggfunc="first", sort=False
    )
    instruments = tables["clause_instruments"]
    instruments = instruments[instruments["doc_id"].isin(doc_ids)]
    instrument_counts = (
        instruments.groupby(["instrument_type", "instrument_subtype"])
        .size()
        .rename("clauses")
        .reset_index()
    )
    instrument_counts = instrument_counts.sort_values(
        ["clauses", "instrument_type", "instrument_subtype"], ascending=[False, True, True]
    )
    money = (
        money_rows(tables["province_money"], province)
        if "province_money" in tables
        else pd.DataFrame()
    )
    target_counts = (
        target_rows(tables["province_targets"], tables["themes"], province)
        if "province_targets" in tables
        else pd.DataFrame()
    )
    return {
        "documents": docs[
            ["title", "issuer", "doc_type", "published", "n_chars", "source_file"]
        ].reset_index(drop=True),
        "structure": structure.reset_index(drop=True),
        "figures_summary": figures_summary,
        "target_counts": target_counts,
        "targets": targets[target_columns].drop_duplicates().reset_index(drop=True),
        "coverage": coverage[["group", "theme", "clauses", "body_clauses", "share"]].reset_index(
            drop=True
        ),
        "coverage_documents": coverage_by_document(
            tables["coverage"][tables["coverage"]["doc_id"].isin(doc_ids)],
            documents,
            tables["themes"],
        ),
        "theme_shares": theme_shares,
        "instruments": instrument_counts.reset_index(drop=True),
        "money": money,
        "places": places_summary(tables["places"], names, top=25),
        "doc_ids": doc_ids,
    }


# ---------------------------------------------------------------------------
# Province-level views (rows: province · doc_type groups in official order)
# ---------------------------------------------------------------------------


def _group_order(frame: pd.DataFrame) -> pd.DataFrame:
    """A province_coverage / province_alignment frame with `group` labels ('河南省 · 方案 plan',
    blank province as 未知), sorted in page order (province order, then doc_type), stable."""
    frame = frame.copy()
    frame["province"] = frame["province"].fillna("")
    frame["doc_type"] = frame["doc_type"].fillna("")
    frame["group"] = [
        group_label(p, t) for p, t in zip(frame["province"], frame["doc_type"], strict=True)
    ]
    frame["_rank"] = [
        group_rank(p or UNKNOWN_PROVINCE, t)
        for p, t in zip(frame["province"], frame["doc_type"], strict=True)
    ]
    return frame.sort_values("_rank", kind="stable").drop(columns="_rank")


def theme_order(coverage: pd.DataFrame, themes: pd.DataFrame) -> list[str]:
    """Theme ids by clauses tagged in the whole corpus (most first, ties by id), context themes last."""
    totals = coverage.groupby("theme_id")["clauses"].sum()
    role = dict(zip(themes["theme_id"], themes["role"], strict=True)) if "role" in themes else {}
    return sorted(
        themes["theme_id"], key=lambda t: (role.get(t) == "context", -int(totals.get(t, 0)), t)
    )


def theme_names(themes: pd.DataFrame) -> dict[str, str]:
    """theme_id → '清洁能源与新能源 Clean and new energy'."""
    return {row.theme_id: f"{row.label_zh} {row.label_en}" for row in themes.itertuples()}


def coverage_by_group(province_coverage: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """province_coverage.csv for the pages, nothing computed: per province · doc_type group and
    theme, documents, clauses with the theme, body clauses, share (share_clauses, 0–1, pooled
    over the group's documents by notebook 03). Group order, then theme order."""
    frame = _group_order(province_coverage)
    group_pos = {g: i for i, g in enumerate(dict.fromkeys(frame["group"]))}
    theme_pos = {t: i for i, t in enumerate(theme_order(province_coverage, themes))}
    frame = frame.assign(
        _g=frame["group"].map(group_pos), _t=frame["theme_id"].map(theme_pos)
    ).sort_values(["_g", "_t"], kind="stable")
    frame["theme"] = frame["theme_id"].map(theme_names(themes))
    frame["theme_zh"] = frame["theme_id"].map(
        dict(zip(themes["theme_id"], themes["label_zh"], strict=True))
    )
    frame["share"] = frame["share_clauses"].astype(float)
    return frame[
        [
            "province",
            "doc_type",
            "group",
            "documents",
            "theme_id",
            "theme",
            "theme_zh",
            "clauses",
            "body_clauses",
            "share",
        ]
    ].reset_index(drop=True)


def group_matrix(long: pd.DataFrame, column: str, by: str = "theme") -> pd.DataFrame:
    """Rows: groups (page order); columns: `by` values (order of first appearance); cells: `column`."""
    rows = list(dict.fromkeys(long["group"]))
    columns = list(dict.fromkeys(long[by]))
    return (
        long.pivot_table(index="group", columns=by, values=column, aggfunc="first")
        .reindex(index=rows, columns=columns)
        .fillna(0.0)
    )


def alignment_by_group(province_alignment: pd.DataFrame) -> pd.DataFrame:
    """province_alignment.csv for the pages, nothing computed: per province · doc_type group and
    national task, documents, clauses taking it up, body clauses, share (0–1, pooled over the
    group's documents by notebook 03), documents covering it. Group order, then task id."""
    frame = _group_order(province_alignment.sort_values("task_id", kind="stable"))
    frame["task"] = frame["task_id"] + " " + frame["task_label"].fillna("")
    frame["share"] = frame["share"].astype(float)
    return frame[
        [
            "province",
            "doc_type",
            "group",
            "documents",
            "task_id",
            "task",
            "clauses",
            "body_clauses",
            "share",
            "covered_documents",
        ]
    ].reset_index(drop=True)


def top_themes_by_group(
    coverage_long: pd.DataFrame, themes: pd.DataFrame, n: int = 3
) -> pd.DataFrame:
    """The n topic themes with the largest share per group (context themes left out; ties by theme order)."""
    context = (
        set(themes.loc[themes["role"] == "context", "theme_id"]) if "role" in themes else set()
    )
    frame = coverage_long[
        ~coverage_long["theme_id"].isin(context) & (coverage_long["clauses"] > 0)
    ].copy()
    frame["_pos"] = range(len(frame))
    frame = frame.sort_values(["_pos"]).sort_values("share", ascending=False, kind="stable")
    group_pos = {g: i for i, g in enumerate(dict.fromkeys(coverage_long["group"]))}
    top = frame.groupby("group", sort=False).head(n)
    top = top.sort_values(
        ["group", "share"],
        key=lambda c: c.map(group_pos) if c.name == "group" else -c,
        kind="stable",
    )
    top["rank"] = top.groupby("group", sort=False).cumcount() + 1
    return top[["group", "rank", "theme", "clauses", "body_clauses", "share"]].reset_index(
        drop=True
    )


# ---------------------------------------------------------------------------
# Keyword in context: every mention, per document and theme
# ---------------------------------------------------------------------------


def kwic_rows(
    tables: dict[str, pd.DataFrame], doc_ids: set[str] | None = None, width: int = 18
) -> pd.DataFrame:
    """Every keyword mention behind the coverage (counted matches of body clauses) of the
    documents `doc_ids` (all analysed ones by default): province, document title, theme,
    left | keyword | right, clause_id, span (start–end in the normalised text).
    Page order of documents, then theme order, then position."""
    documents = ordered_documents(tables["documents"])
    if doc_ids is not None:
        documents = documents[documents["doc_id"].isin(doc_ids)]
    doc_pos = {d: i for i, d in enumerate(documents["doc_id"])}
    clauses = tables["clauses"][tables["clauses"]["doc_id"].isin(doc_pos)]
    counted = themes_module.counted_matches(tables["clause_themes"])  # what coverage counts
    clause_themes = counted[counted["clause_id"].isin(set(clauses["clause_id"]))]
    order = theme_order(tables["coverage"], tables["themes"])
    names = theme_names(tables["themes"])
    codebook = themes_module.load_codebook()
    parts = [
        compare.kwic_table(clauses, clause_themes, theme_id, width=width, codebook=codebook)
        for theme_id in order
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(
            columns=[
                "province",
                "document",
                "theme",
                "left",
                "keyword",
                "right",
                "clause_id",
                "span",
            ]
        )
    rows = pd.concat(parts, ignore_index=True)
    theme_pos = {t: i for i, t in enumerate(order)}
    rows["_d"] = rows["doc_id"].map(doc_pos)
    rows["_t"] = rows["theme_id"].map(theme_pos)
    rows = rows.sort_values(["_d", "_t", "start"], kind="stable")
    meta = documents.set_index("doc_id")
    rows["province"] = rows["doc_id"].map(meta["province"]).fillna("").replace("", UNKNOWN_PROVINCE)
    rows["document"] = rows["doc_id"].map(meta["title"].fillna("").map(short_title))
    rows["theme"] = rows["theme_id"].map(names)
    rows["span"] = rows["start"].astype(str) + "–" + rows["end"].astype(str)
    return rows[
        ["province", "document", "theme", "left", "keyword", "right", "clause_id", "span"]
    ].reset_index(drop=True)


def kwic_counts(kwic: pd.DataFrame) -> pd.DataFrame:
    """Per document and theme of a `kwic_rows` table: keyword mentions and clauses (row order kept)."""
    if kwic.empty:
        return pd.DataFrame(columns=["province", "document", "theme", "mentions", "clauses"])
    return kwic.groupby(["province", "document", "theme"], sort=False, as_index=False).agg(
        mentions=("keyword", "size"), clauses=("clause_id", "nunique")
    )


# ---------------------------------------------------------------------------
# Money and targets: only the numbers of province_money.csv and province_targets.csv
# ---------------------------------------------------------------------------

MONEY_COLUMNS = (
    "province",
    "doc_type",
    "scope_level",
    "kind",
    "status",
    "period_type",
    "period",
    "yi_yuan",
    "yi_yuan_high",
    "figures",
    "documents",
    "years",
)


def _period(start: object, end: object) -> str:
    """'2009–2020' from ISO dates or years (years only); one year when both are the same or
    one is missing; blank when the row has no period."""
    first = "" if start is None or is_missing(start) else str(start)[:4]
    last = "" if end is None or is_missing(end) else str(end)[:4]
    if first and last and first != last:
        return f"{first}–{last}"
    return first or last


def money_rows(province_money: pd.DataFrame, province: str | None = None) -> pd.DataFrame:
    """province_money.csv as people read it: one row per row of the table (nothing summed
    further), amounts in 亿元 (amount_yuan / 1e8), the period as years; sorted by province
    order, doc_type, scope, kind, status, period type. `province` keeps one province's rows."""
    frame = province_money.copy()
    if province is not None:
        frame = frame[frame["province"].fillna("").replace("", UNKNOWN_PROVINCE) == province]
    frame["province"] = frame["province"].fillna("").replace("", UNKNOWN_PROVINCE)
    frame["period"] = [
        _period(s, e)
        for s, e in zip(
            frame.get("period_start", [None] * len(frame)),
            frame.get("period_end", [None] * len(frame)),
            strict=True,
        )
    ]
    frame["yi_yuan"] = frame["amount_yuan"].astype(float) / YI
    high = frame["amount_yuan_high"] if "amount_yuan_high" in frame else frame["amount_yuan"]
    frame["yi_yuan_high"] = high.astype(float) / YI
    if "years" not in frame:
        frame["years"] = ""
    frame["_rank"] = [
        group_rank(p, t or "")
        for p, t in zip(frame["province"], frame["doc_type"].fillna(""), strict=True)
    ]
    frame = frame.sort_values(
        ["_rank", "scope_level", "kind", "status", "period_type", "period"], kind="stable"
    )
    return frame[list(MONEY_COLUMNS)].reset_index(drop=True)


def money_chart_frame(money: pd.DataFrame, kind: str = "funding", top: int = 30) -> pd.DataFrame:
    """Bars of a chart: the `top` largest rows of one kind from `money_rows`, one bar per row
    (never a sum of rows), label 'province · doc_type · scope · period', one column per status."""
    frame = money[money["kind"] == kind].copy()
    if frame.empty:
        return pd.DataFrame()
    # every key column of province_money is in the label, so that a bar is one row of the table
    frame["label"] = [
        " · ".join((group_label(p, t), s, pt + (f" {per}" if per else ""), STATUS_LABELS.get(st, st)))
        for p, t, s, pt, per, st in zip(frame["province"], frame["doc_type"].fillna(""), frame["scope_level"],
                                        frame["period_type"], frame["period"], frame["status"], strict=True)
    ]  # fmt: skip
    frame = frame.sort_values("yi_yuan", ascending=False, kind="stable").head(top)
    frame["status"] = frame["status"].map(lambda v: STATUS_LABELS.get(v, v))
    chart = frame.pivot_table(
        index="label", columns="status", values="yi_yuan", aggfunc="first", sort=False
    )
    return chart.reindex(list(dict.fromkeys(frame["label"])))


def target_rows(
    province_targets: pd.DataFrame, themes: pd.DataFrame, province: str | None = None
) -> pd.DataFrame:
    """province_targets.csv for people: group, theme ('all' as 全部 all themes), statements,
    quantified, qualitative, target years; group order, the `all` row first."""
    frame = province_targets.copy()
    frame["province"] = frame["province"].fillna("").replace("", UNKNOWN_PROVINCE)
    if province is not None:
        frame = frame[frame["province"] == province]
    names = {**theme_names(themes), "all": "全部 all themes (each statement once)"}
    frame["theme"] = frame["theme_id"].map(names).fillna(frame["theme_id"])
    frame["group"] = [
        group_label(p, t)
        for p, t in zip(frame["province"], frame["doc_type"].fillna(""), strict=True)
    ]
    frame["target_years"] = [
        _period(
            f"{int(a)}" if not is_missing(a) else None, f"{int(b)}" if not is_missing(b) else None
        )
        for a, b in zip(frame["earliest_year"], frame["latest_year"], strict=True)
    ]
    frame["_rank"] = [
        group_rank(p, t or "")
        for p, t in zip(frame["province"], frame["doc_type"].fillna(""), strict=True)
    ]
    frame["_all"] = frame["theme_id"] != "all"
    frame = frame.sort_values(
        ["_rank", "_all", "statements", "theme_id"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    return frame[
        ["group", "theme", "statements", "quantified", "qualitative", "target_years"]
    ].reset_index(drop=True)


def target_chart_frame(targets: pd.DataFrame) -> pd.DataFrame:
    """Per group (page order): quantified and qualitative statements of the `all` rows of `target_rows`.
    The two parts split the same statements, so the bar's length is the group's statements."""
    frame = targets[targets["theme"].str.startswith("全部")]
    return (
        frame.set_index("group")[["quantified", "qualitative"]]
        .rename(columns={"quantified": "量化 quantified", "qualitative": "定性 qualitative"})
        .astype(int)
    )


#: Up to this many documents the comparison page also lists every keyword mention and the
#: per-document coverage; above it (about 400 mentions per document, 0.1 MB per 400 rows),
#: each province's profile page holds them for its documents and the comparison stays < 3 MB.
DETAIL_DOCUMENTS = 10


def coverage_by_document(
    coverage: pd.DataFrame, documents: pd.DataFrame, themes: pd.DataFrame
) -> pd.DataFrame:
    """coverage.csv per document (page order) and theme (theme order), themes with clauses only:
    document name, theme, clauses, share of body clauses, share without template text (0–1)."""
    names = document_names(documents)
    frame = coverage[coverage["doc_id"].isin(names) & (coverage["clauses"] > 0)].copy()
    doc_pos = {d: i for i, d in enumerate(names)}
    theme_pos = {t: i for i, t in enumerate(theme_order(coverage, themes))}
    frame = frame.sort_values(
        ["doc_id", "theme_id"], key=lambda c: c.map(doc_pos if c.name == "doc_id" else theme_pos)
    )
    frame["document"] = frame["doc_id"].map(names)
    frame["theme"] = frame["theme_id"].map(theme_names(themes))
    frame = frame.rename(
        columns={"share_clauses": "share", "share_clauses_excl_template": "share_excl_template"}
    )
    return frame[["document", "theme", "clauses", "share", "share_excl_template"]].reset_index(
        drop=True
    )
