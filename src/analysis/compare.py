"""Province comparison: theme coverage, national-task alignment, places, primary themes,
agreement with hand labels, keyword in context. Pure functions on DataFrames.

What counts as coverage text: body clauses only (`part == "body"`: front matter, the news
lead, boilerplate and signatures are out) and without headings. Headings are left out because
(1) an item heading restates the theme its own body clauses already carry, so counting it
double-counts the item; (2) section headings of the plans are slogans (实施安全韧性提升行动);
(3) the headings of the Liaoning reply quote the deputy's proposal, not the government's
answer. Headings still weigh in `primary_theme_per_unit` (analysis.themes.rank_unit_themes).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.paths import PACKAGE_DATA
from analysis.places import find_places
from analysis.schema import ALIGNMENT, BODY, COVERAGE, KWIC_COLUMNS, PLACES, PRIMARY_THEME_COLUMNS
from analysis.themes import (
    CONTEXT_ROLE,
    MATCH_SEPARATOR,
    Codebook,
    code_unit,
    deciding_rule,
    document_topic_themes,
    load_codebook,
    theme_hits,
    theme_matcher,
)

GOLD_PATH = PACKAGE_DATA / "gold_primary_themes.csv"
SHARE_DECIMALS = 4
EVIDENCE_CLAUSES = 3
PLACE_LEVELS = ("prefecture", "county")

ALL_THEMES = "all"  # places.csv rows counting every mention, whatever the theme


# --- shared helpers -------------------------------------------------------------------------


def coverage_clauses(clauses: pd.DataFrame) -> pd.DataFrame:
    """The clauses coverage is computed on: body, not headings (see the module docstring)."""
    is_body = clauses["part"].astype(str) == BODY
    is_heading = clauses["is_heading"].fillna(False).astype(bool)
    return clauses[is_body & ~is_heading]


def _template_flags(clauses: pd.DataFrame) -> pd.Series:
    """The `template` column as bool (False when the column is absent)."""
    if "template" not in clauses.columns:
        return pd.Series(False, index=clauses.index)
    return clauses["template"].fillna(False).astype(bool)


def _share(part: float, whole: float) -> float:
    """part / whole rounded to SHARE_DECIMALS; 0 when whole is 0."""
    return round(part / whole, SHARE_DECIMALS) if whole else 0.0


def _doc_meta(documents: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """doc_id → (province, doc_type), blanks for missing values."""
    meta = {}
    for row in documents.itertuples(index=False):
        province = getattr(row, "province", "")
        doc_type = getattr(row, "doc_type", "")
        meta[str(row.doc_id)] = (
            "" if pd.isna(province) else str(province),
            "" if pd.isna(doc_type) else str(doc_type),
        )
    return meta


def _doc_ids(documents: pd.DataFrame) -> list[str]:
    """Analysed documents' ids, sorted (second copies marked duplicate_of are left out)."""
    frame = documents
    if "duplicate_of" in frame.columns:
        frame = frame[frame["duplicate_of"].fillna("").astype(str) == ""]
    return sorted(frame["doc_id"].astype(str))


# --- coverage -----------------------------------------------------------------------------


def coverage_table(
    clauses: pd.DataFrame,
    clause_themes: pd.DataFrame,
    documents: pd.DataFrame,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """coverage.csv: one row per document × theme (every theme, zeros included).

    clauses / share_clauses / share_chars count body non-heading clauses with the theme,
    as a 0-1 share of the document's body clauses / characters; the *_excl_template
    columns do the same without sentences shared word for word with another province.
    Sorted by doc_id, theme_id.
    """
    codebook = codebook or load_codebook()
    body = coverage_clauses(clauses).assign(
        n_chars=lambda f: f["text"].fillna("").astype(str).str.len(),
        own=lambda f: ~_template_flags(f),
    )
    body = body[["clause_id", "n_chars", "own"]].assign(doc_id=body["doc_id"].astype(str))
    tagged = body.merge(clause_themes[["clause_id", "theme_id"]], on="clause_id", how="inner")
    meta = _doc_meta(documents)
    # clauses and characters per document (× theme), all and own text: counted once, looked
    # up per row (filtering frames per document × theme was most of notebook 03's time)
    body_all = _counts(body, ["doc_id"])
    body_own = _counts(body[body["own"]], ["doc_id"])
    hits_all = _counts(tagged, ["doc_id", "theme_id"])
    hits_own = _counts(tagged[tagged["own"]], ["doc_id", "theme_id"])
    rows = []
    for doc_id in _doc_ids(documents):
        n_body, body_chars = body_all.get(doc_id, _NO_CLAUSES)
        n_own_body, own_body_chars = body_own.get(doc_id, _NO_CLAUSES)
        province, doc_type = meta.get(doc_id, ("", ""))
        for theme_id in sorted(codebook.theme_ids):
            n_hits, hit_chars = hits_all.get((doc_id, theme_id), _NO_CLAUSES)
            n_own, own_chars = hits_own.get((doc_id, theme_id), _NO_CLAUSES)
            rows.append(
                {
                    "doc_id": doc_id,
                    "province": province,
                    "doc_type": doc_type,
                    "theme_id": theme_id,
                    "clauses": n_hits,
                    "share_clauses": _share(n_hits, n_body),
                    "share_chars": _share(hit_chars, body_chars),
                    "clauses_excl_template": n_own,
                    "share_clauses_excl_template": _share(n_own, n_own_body),
                    "share_chars_excl_template": _share(own_chars, own_body_chars),
                }
            )
    return pd.DataFrame(rows, columns=COVERAGE.columns)


_NO_CLAUSES = (0, np.int64(0))  # (clauses, characters) of a document or theme without any


def _counts(frame: pd.DataFrame, keys: list[str]) -> dict:
    """key (doc_id, or (doc_id, theme_id)) → (number of rows as int, sum of n_chars as
    numpy int64, the type `_share` rounded before), for the keys present in `frame`."""
    grouped = frame.groupby(keys, sort=False)["n_chars"].agg(["size", "sum"])
    return {
        key: (int(size), np.int64(chars))
        for key, size, chars in zip(grouped.index, grouped["size"], grouped["sum"], strict=True)
    }


def top_themes(
    coverage: pd.DataFrame,
    n: int = 3,
    by: str = "share_clauses",
    codebook: Codebook | None = None,
    topic_only: bool = True,
) -> pd.DataFrame:
    """The n themes with the largest `by` per document (ties by theme_id).

    With topic_only, context themes (region types) are left out: they say where, not what.
    """
    codebook = codebook or load_codebook()
    if topic_only:
        context = {t.id for t in codebook.themes if t.role == CONTEXT_ROLE}
        coverage = coverage[~coverage["theme_id"].isin(context)]
    ranked = coverage.sort_values(["doc_id", by, "theme_id"], ascending=[True, False, True])
    return ranked.groupby("doc_id", sort=True).head(n).reset_index(drop=True)


# --- alignment with the national plan ------------------------------------------------------


def themes_of_tasks(codebook: Codebook) -> dict[str, list[str]]:
    """task_id → the themes mapped to it in the codebook (codebook order)."""
    return {
        task.id: [t.id for t in codebook.themes if task.id in t.national_tasks]
        for task in codebook.national_tasks
    }


def alignment_table(
    clauses: pd.DataFrame,
    clause_themes: pd.DataFrame,
    documents: pd.DataFrame,
    codebook: Codebook | None = None,
    min_clauses: int = 1,
) -> pd.DataFrame:
    """Province × national task: which tasks (N01…N18) each document takes up.

    A task is taken up through the themes mapped to it in the codebook (`themes_of_tasks`):
    `clauses` counts body non-heading clauses with any of those themes, `evidence` gives the
    first three clause_ids, `covered` is clauses >= min_clauses. Sorted by doc_id, task_id.
    """
    codebook = codebook or load_codebook()
    themes_of_task = themes_of_tasks(codebook)
    body = coverage_clauses(clauses)
    tagged = body.merge(clause_themes[["clause_id", "theme_id"]], on="clause_id", how="inner")
    meta = _doc_meta(documents)
    # doc_id → theme_id → its clause ids, built once (not a frame filtered per document × task)
    clauses_of: dict[str, dict[str, set[str]]] = {}
    for doc_id, theme_id, clause_id in zip(
        tagged["doc_id"].astype(str), tagged["theme_id"], tagged["clause_id"], strict=True
    ):
        clauses_of.setdefault(doc_id, {}).setdefault(theme_id, set()).add(clause_id)
    rows = []
    for doc_id in _doc_ids(documents):
        doc_themes = clauses_of.get(doc_id, {})
        province, _ = meta.get(doc_id, ("", ""))
        for task in codebook.national_tasks:
            hits = sorted(set().union(*(doc_themes.get(t, set()) for t in themes_of_task[task.id])))
            rows.append(
                {
                    "doc_id": doc_id,
                    "province": province,
                    "task_id": task.id,
                    "task_label": task.label,
                    "clauses": len(hits),
                    "evidence": MATCH_SEPARATOR.join(hits[:EVIDENCE_CLAUSES]),
                    "covered": len(hits) >= min_clauses,
                }
            )
    return pd.DataFrame(rows, columns=ALIGNMENT.columns)


# --- places -------------------------------------------------------------------------------


def places_table(
    clauses: pd.DataFrame,
    clause_themes: pd.DataFrame,
    documents: pd.DataFrame,
) -> pd.DataFrame:
    """places.csv: sub-provincial places (prefectures, counties) named in body clauses.

    One row per document × place × theme of the clauses naming it, plus one row with
    theme_id "all" counting every mention (tagged or not). `province` is the province the
    place belongs to, resolved by `analysis.places.find_places` with the document's province
    as hint. Sorted by doc_id, theme_id, adcode.
    """
    body = coverage_clauses(clauses)
    meta = _doc_meta(documents)
    themes_by_clause: dict[str, list[str]] = {}  # clause_id → its themes, in table order
    for clause_id, theme_id in zip(
        clause_themes["clause_id"], clause_themes["theme_id"], strict=True
    ):
        themes_by_clause.setdefault(clause_id, []).append(theme_id)
    counts: dict[tuple[str, str, str, str, str, str], int] = {}
    for clause in body[["doc_id", "clause_id", "text"]].itertuples(index=False):
        hint, _ = meta.get(str(clause.doc_id), ("", ""))
        for mention in find_places(str(clause.text), province_hint=hint):
            if mention.level not in PLACE_LEVELS:
                continue
            for theme_id in [ALL_THEMES, *themes_by_clause.get(clause.clause_id, [])]:
                key = (
                    str(clause.doc_id),
                    mention.name,
                    mention.adcode,
                    mention.level,
                    mention.province,
                    theme_id,
                )
                counts[key] = counts.get(key, 0) + 1
    rows = [(*key, n) for key, n in counts.items()]
    table = pd.DataFrame(rows, columns=PLACES.columns)
    table["mentions"] = table["mentions"].astype("int64")
    return table.sort_values(["doc_id", "theme_id", "adcode"], ignore_index=True)


# --- primary theme per numbered unit and agreement ------------------------------------------


def _unit_keys(clauses: pd.DataFrame) -> pd.DataFrame:
    """Body clauses with their unit: (section, item) where items exist, else (section, <NA>).

    Clauses of a section that has items but sit outside any item (the section heading) are
    dropped, so a section is a unit only when it has no numbered items (Henan 九, Liaoning).
    A document numbered without sections (a regulation's 第X条, a list of (一)) has its
    items as units, with section <NA>.
    """
    body = clauses[
        (clauses["part"].astype(str) == BODY)
        & (clauses["section_no"].notna() | clauses["item_no"].notna())
    ].copy()
    has_items = body.groupby(["doc_id", "section_no"], dropna=False)["item_no"].transform(
        lambda s: s.notna().any()
    )
    keep = body["item_no"].notna() | ~has_items
    body = body[keep].copy()
    body["unit_title"] = body["item_title"].where(body["item_no"].notna(), body["section_title"])
    return body


def _first_text(values: list) -> str:
    """The first value that is not missing, as a string ("" when all are missing)."""
    return next((str(v) for v in values if isinstance(v, str) or not pd.isna(v)), "")


def _unit_rows(unit: pd.DataFrame) -> tuple[list[str], list[str]]:
    """A unit's heading clauses and body clauses (texts in order). Untagged clauses are kept:
    they hold no keyword, but a framing heading or lead (发展基础, 以…为指导) is read from them."""
    is_heading = unit["is_heading"].fillna(False).astype(bool).tolist()
    texts = unit["text"].fillna("").astype(str).tolist()
    heading = [t for t, h in zip(texts, is_heading, strict=True) if h]
    body = [t for t, h in zip(texts, is_heading, strict=True) if not h]
    return heading, body


def primary_theme_per_unit(
    clauses: pd.DataFrame,
    clause_themes: pd.DataFrame,
    codebook: Codebook | None = None,
    documents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The automatic primary theme of each numbered item (or item-less section).

    The rule is `analysis.themes.code_unit` (rank_unit_themes with the unit's context: the
    heading around it, a framing section or chapter, the document's topic themes, whether it
    holds the document's last body clause and the document's doc_type and title from
    `documents`), the function evaluate-themes uses for its paragraphs, on the units' texts
    matched again with the same codebook (untagged clauses too, for framing shapes);
    `clause_themes` (of the same codebook) gives each unit's themes for the document's topic.
    Without `documents` the doc_type and title are unknown (the rules that need them do not
    apply). Columns: doc_id, section_no, item_no (<NA> for a section unit), unit_title, theme_id
    (blank when nothing matched), theme_clauses, unit_clauses (body non-heading clauses),
    decided_by (the rule that separated it from the runner-up, see
    analysis.themes.DECIDING_RULES, "only" or "framing"), ranking ("theme:clauses|…", best
    first). Sorted by doc_id, section_no, item_no.
    """
    codebook = codebook or load_codebook()
    units = _unit_keys(clauses)
    grouped = [
        (key, unit, *_unit_rows(unit))
        for key, unit in units.groupby(["doc_id", "section_no", "item_no"], dropna=False, sort=True)
    ]
    themes_of_clause = clause_themes.groupby("clause_id")["theme_id"].agg(frozenset).to_dict()
    themes_of_units: dict[str, list[frozenset[str]]] = {}
    for (doc_id, _, _), unit, _, _ in grouped:
        found = [themes_of_clause.get(cid, frozenset()) for cid in unit["clause_id"].tolist()]
        themes_of_units.setdefault(doc_id, []).append(frozenset().union(*found))
    topic = {doc_id: document_topic_themes(units_) for doc_id, units_ in themes_of_units.items()}
    known_hits = theme_matcher(codebook).hits_of_texts(
        units["text"].fillna("").astype(str).tolist()
    )
    body = clauses[clauses["part"].astype(str) == BODY]
    last_clause = (
        body.groupby("doc_id")["clause_id"].max().to_dict()
    )  # clause ids sort in document order
    genre, title = _document_fields(documents)
    rows = []
    for (doc_id, section_no, item_no), unit, _, body_texts in grouped:
        ranking = code_unit(
            unit,
            codebook,
            document_topic=topic[doc_id],
            last=last_clause.get(doc_id) in set(unit["clause_id"].tolist()),
            genre=genre.get(doc_id, ""),
            doc_title=title.get(doc_id, ""),
            known_hits=known_hits,
        )
        rows.append(
            {
                "doc_id": doc_id,
                "section_no": section_no,
                "item_no": item_no,
                "unit_title": _first_text(unit["unit_title"].tolist()),
                "theme_id": ranking[0].theme_id if ranking else "",
                "theme_clauses": ranking[0].clauses if ranking else 0,
                "unit_clauses": len(body_texts),
                "decided_by": deciding_rule(ranking),
                "ranking": MATCH_SEPARATOR.join(f"{s.theme_id}:{s.clauses}" for s in ranking),
            }
        )
    table = pd.DataFrame(rows, columns=PRIMARY_THEME_COLUMNS)
    table["section_no"] = table["section_no"].astype("Int64")
    table["item_no"] = table["item_no"].astype("Int64")
    return table.sort_values(["doc_id", "section_no", "item_no"], ignore_index=True)


def _document_fields(documents: pd.DataFrame | None) -> tuple[dict[str, str], dict[str, str]]:
    """doc_id → doc_type and doc_id → title of the documents table (empty without one)."""
    if documents is None or documents.empty:
        return {}, {}
    ids = documents["doc_id"].astype(str)
    fields = []
    for column in ("doc_type", "title"):
        values = (
            documents[column].fillna("").astype(str)
            if column in documents.columns
            else pd.Series("", index=documents.index)
        )
        fields.append(dict(zip(ids, values, strict=True)))
    return fields[0], fields[1]


def load_gold(documents: pd.DataFrame, path: Path | str = GOLD_PATH) -> pd.DataFrame:
    """The hand-labelled primary themes, keyed by doc_id (matched on the file's sha256).

    Matching on content, not name, keeps the labels with a seed that was renamed and
    never applies them to another text saved under a seed's name. Rows whose document
    is not in `documents` are dropped. Columns: doc_id, section_no, item_no, item_title,
    gold_theme_id, note.
    """
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    doc_of_hash = dict(
        zip(documents["sha256"].astype(str), documents["doc_id"].astype(str), strict=True)
    )
    gold["doc_id"] = gold["sha256"].map(doc_of_hash)
    gold = gold[gold["doc_id"].notna()].copy()
    gold["section_no"] = pd.to_numeric(gold["section_no"].replace("", None)).astype("Int64")
    gold["item_no"] = pd.to_numeric(gold["item_no"].replace("", None)).astype("Int64")
    columns = ["doc_id", "section_no", "item_no", "item_title", "gold_theme_id", "note"]
    return gold[columns].sort_values(["doc_id", "section_no", "item_no"], ignore_index=True)


def gold_comparison(auto: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Gold units joined with the automatic primary theme (blank when the unit was not found)."""
    keys = ["doc_id", "section_no", "item_no"]
    merged = gold.merge(auto[[*keys, "theme_id", "ranking"]], on=keys, how="left")
    merged["theme_id"] = merged["theme_id"].fillna("")
    merged["ranking"] = merged["ranking"].fillna("")
    merged["agree"] = merged["theme_id"] == merged["gold_theme_id"]
    return merged


def cohen_kappa(labels_a: Sequence[str], labels_b: Sequence[str]) -> float:
    """Cohen's kappa of two codings of the same units: (p_o - p_e) / (1 - p_e)."""
    if len(labels_a) != len(labels_b) or not labels_a:
        raise ValueError("two non-empty label lists of the same length are needed")
    n = len(labels_a)
    observed = sum(a == b for a, b in zip(labels_a, labels_b, strict=True)) / n
    categories = set(labels_a) | set(labels_b)
    expected = sum(
        (list(labels_a).count(c) / n) * (list(labels_b).count(c) / n) for c in categories
    )
    if expected == 1:
        return 1.0  # both coders used one and the same category throughout
    return (observed - expected) / (1 - expected)


def agreement(auto: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float | int]:
    """Agreement of the automatic primary themes with the gold labels.

    `auto` is `primary_theme_per_unit(...)`, `gold` is `load_gold(...)`; a gold unit the
    program did not find counts as a disagreement. Returns n, agreement_pct (0-100, one
    decimal) and cohen_kappa (3 decimals).
    """
    merged = gold_comparison(auto, gold)
    auto_labels = merged["theme_id"].tolist()
    gold_labels = merged["gold_theme_id"].tolist()
    return {
        "n": len(merged),
        "agreement_pct": round(100 * float(merged["agree"].mean()), 1) if len(merged) else 0.0,
        "cohen_kappa": round(cohen_kappa(auto_labels, gold_labels), 3) if len(merged) else 0.0,
    }


# --- keyword in context -----------------------------------------------------------------------


def kwic(text: str, start: int, end: int, width: int = 20) -> dict[str, str]:
    """Keyword in context: up to `width` characters left and right of text[start:end]."""
    return {
        "left": text[max(0, start - width) : start],
        "keyword": text[start:end],
        "right": text[end : end + width],
    }


def kwic_table(
    clauses: pd.DataFrame,
    clause_themes: pd.DataFrame,
    theme_id: str,
    width: int = 20,
    codebook: Codebook | None = None,
    body_only: bool = True,
) -> pd.DataFrame:
    """Keyword-in-context rows for one theme: one row per keyword mention (after exclusions).

    start, end are offsets into the document's normalised text; left / right are up to
    `width` characters of the clause on either side. Sorted by clause_id, start.
    """
    codebook = codebook or load_codebook()
    tagged_ids = set(clause_themes.loc[clause_themes["theme_id"] == theme_id, "clause_id"])
    source = coverage_clauses(clauses) if body_only else clauses
    source = source[source["clause_id"].isin(tagged_ids)]
    rows = []
    for clause in source.itertuples(index=False):
        text = str(clause.text)
        for hit_theme, start, end, _keyword in theme_hits(text, codebook):
            if hit_theme != theme_id:
                continue
            rows.append(
                {
                    "clause_id": clause.clause_id,
                    "doc_id": clause.doc_id,
                    "theme_id": theme_id,
                    "start": int(clause.start) + start,
                    "end": int(clause.start) + end,
                    **kwic(text, start, end, width),
                }
            )
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return table.sort_values(["clause_id", "start"], ignore_index=True)
