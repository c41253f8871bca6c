"""The stage functions: what the notebooks and the CLI call, and all tables in memory.

Notebooks load, call, show and save; the functions they share live here. Reading and
writing tables is `analysis.tables_io`; publishing after the notebooks is `analysis.publish`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import ingest, structure
from analysis.errors import InputError
from analysis.formats.layout import figure_pages
from analysis.ingest import Corpus, Document
from analysis.places import PROVINCE_PINYIN
from analysis.schema import BODY, DOCUMENTS, UNKNOWN_PROVINCE
from analysis.themes.codebook import CODEBOOK_PATH, CodebookError, load_codebook


def check_inputs(raw_dir: Path) -> Corpus:
    """Read and validate every input before anything is written (raises InputError): the
    documents, and the theme codebook with its model file (the notebooks would fail on them
    later, after some had run).

    Warnings about structure (no body, no headings) come later, from notebook 01's
    documents table (`document_warnings`): the clauses are built once, there.
    """
    corpus = ingest.read_corpus(raw_dir)
    check_codebook()
    return corpus


def check_codebook(path: Path = CODEBOOK_PATH) -> None:
    """Load the theme codebook (and its model file); a broken one is an InputError naming it."""
    try:
        load_codebook(path)
    except CodebookError as error:
        file, _, problem = str(error).partition(": ")
        raise InputError(file, problem, "fix it, or restore it from git") from None


def document_warnings(documents: pd.DataFrame) -> list[str]:
    """Every warning recorded in the documents table's `warnings` column, in row order."""
    return [
        message
        for cell in documents["warnings"].fillna("")
        for message in cell.split(" | ")
        if message
    ]


def structure_warnings(documents: list[Document], clauses: pd.DataFrame) -> list[str]:
    """Warnings for documents with no body, or a body without any recognised heading."""
    warnings = []
    parts_of = clauses.groupby("doc_id")["part"].unique().to_dict()
    body = clauses[clauses["part"] == BODY]
    has_heading = body.groupby("doc_id")["is_heading"].any().to_dict()
    for doc in ingest.analysed(documents):
        if doc.doc_id not in has_heading:
            parts = sorted(parts_of.get(doc.doc_id, []))
            message = (
                f"{doc.source_file}: no body text found (only page furniture, headers or signature); "
                f"kept as {', '.join(parts) or 'nothing'}"
            )
        elif not has_heading[doc.doc_id]:
            message = (
                f"{doc.source_file}: no recognised headings (一、 (一) 1. …); "
                "the body is kept as unstructured text"
            )
        else:
            continue
        if message not in doc.warnings:
            doc.warnings.append(message)
        warnings.append(message)
    return warnings


def provinces_of(corpus: Corpus) -> list[str]:
    """Provinces with at least one analysed document, sorted; unknown ones as 未知."""
    return sorted({doc.province or UNKNOWN_PROVINCE for doc in ingest.analysed(corpus.documents)})


def province_slug(province: str) -> str:
    """File-name-safe name of a province: 河南省 → henan; unknown → unknown."""
    return PROVINCE_PINYIN.get(province, "unknown")


def documents_table(documents: list[Document], clauses: pd.DataFrame) -> pd.DataFrame:
    """documents.csv: one row per input document (second copies included, marked duplicate_of)."""
    counts = clauses.groupby("doc_id").size()
    body = clauses[clauses["part"] == BODY]
    body_chars = (body["end"] - body["start"]).groupby(body["doc_id"]).sum()
    rows = []
    for doc in documents:
        rows.append(
            {
                "doc_id": doc.doc_id,
                "source_file": doc.source_file,
                "sha256": doc.sha256,
                "format": doc.format,
                "text_sha256": doc.text_sha256,
                "encoding": doc.encoding,
                "script": doc.script,
                "province": doc.province,
                "title": doc.title,
                "issuer": doc.issuer,
                "doc_type": doc.doc_type,
                "published": doc.published,
                "n_chars": doc.n_chars,
                "url": doc.url,
                "posted": doc.posted,
                "doc_number": doc.doc_number,
                "issuer_level": doc.issuer_level,
                "review_year": doc.review_year,
                **{f"{key}_source": doc.sources.get(key, "") for key in ingest.METADATA_FIELDS},
                "n_clauses": int(counts.get(doc.doc_id, 0)),
                "n_body_chars": int(body_chars.get(doc.doc_id, 0)),
                "duplicate_of": doc.duplicate_of,
                "warnings": " | ".join(doc.warnings),
            }
        )
    frame = pd.DataFrame(rows, columns=DOCUMENTS.columns)
    frame["review_year"] = frame["review_year"].astype(
        "Int64"
    )  # blank for documents that are not reports
    return frame.sort_values("doc_id", ignore_index=True)


def write_interim_texts(documents: list[Document], interim_dir: Path) -> None:
    """Save each document's normalised text as interim/{doc_id}.txt (UTF-8) so any span can be shown."""
    interim_dir = Path(interim_dir)
    interim_dir.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        (interim_dir / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8", newline="")


def read_interim_text(interim_dir: Path, doc_id: str) -> str:
    """A document's normalised text, as saved by `write_interim_texts`."""
    with open(Path(interim_dir) / f"{doc_id}.txt", encoding="utf-8", newline="") as handle:
        return handle.read()


def clauses_stage(documents: list[Document]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Notebook 01: (documents.csv, clauses.csv) of a corpus; second copies listed, not analysed.

    Structure warnings (no body, no headings) are added to each document's `warnings`.
    """
    clauses = structure.clauses_table(ingest.analysed(documents))
    structure_warnings(documents, clauses)
    return documents_table(documents, clauses), clauses


def figures_stage(clauses: pd.DataFrame, documents: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Notebook 02: figures.csv (with scope and direction), targets.csv, funding.csv,
    province_money.csv and province_targets.csv from the clauses and documents tables."""
    from analysis import summaries, targets, themes
    from analysis.figures import direction, scope

    figure_table = figures_table(clauses, documents)
    figure_table = direction.add_direction(
        scope.add_scope(figure_table, clauses, documents), clauses
    )
    funding_table = targets.build_funding(clauses, figure_table)
    target_table = targets.build_targets(clauses, figure_table)
    # the same counted clause themes as notebook 03's clause_themes.csv (one function, one
    # codebook), tagged here because notebook 03 runs side by side with this one; only the
    # target clauses and their paragraphs are coded
    clause_themes = themes.tag_counted_themes(
        clauses, documents, only_clauses=target_table["clause_id"]
    )
    return {
        "figures": figure_table,
        "targets": target_table,
        "funding": funding_table,
        "province_money": summaries.province_money(funding_table, documents),
        "province_targets": summaries.province_targets(target_table, clause_themes, documents),
    }


def figures_table(clauses: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The figures with status and year (figures.extract_figures), given what the documents
    table knows of each document: published, doc_type, title, review_year."""
    from analysis import figures

    doc_ids = documents["doc_id"].tolist()
    table = figures.extract_figures(
        clauses,
        published=dict(zip(doc_ids, documents["published"].fillna("").tolist(), strict=True)),
        doc_types=dict(zip(doc_ids, documents["doc_type"].fillna("").tolist(), strict=True)),
        titles=dict(zip(doc_ids, documents["title"].fillna("").tolist(), strict=True)),
        review_years=_column_by_doc(documents, "review_year"),
    )
    table["page_no"] = figure_pages(table, clauses)  # PDFs: the page of the figure's clause
    return table


def _column_by_doc(documents: pd.DataFrame, column: str) -> dict[str, object]:
    """doc_id -> value of a documents column (blank cells left out; {} without the column)."""
    if column not in documents.columns:
        return {}
    values = documents[column]
    return {
        d: v for d, v in zip(documents["doc_id"], values, strict=True) if not pd.isna(v) and v != ""
    }


def themes_stage(clauses: pd.DataFrame, documents: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Notebook 03: clause × theme and × instrument, coverage, places, alignment, the codebook
    table, and coverage and alignment per province × doc_type (province_coverage.csv,
    province_alignment.csv)."""
    from analysis import compare, summaries, themes

    codebook = themes.load_codebook()
    clause_themes = themes.tag_counted_themes(clauses, documents, codebook)
    # coverage, places and alignment count a theme only where it is its paragraph's theme
    counted = themes.counted_matches(clause_themes)
    alignment = compare.alignment_table(clauses, counted, documents, codebook)
    return {
        "clause_themes": clause_themes,
        "clause_instruments": themes.tag_instruments(clauses),
        "coverage": compare.coverage_table(clauses, counted, documents, codebook),
        "places": compare.places_table(clauses, counted, documents),
        "alignment": alignment,
        "themes": themes.codebook_table(codebook),
        "province_coverage": summaries.province_coverage(
            clauses, counted, documents, list(codebook.theme_ids)
        ),
        "province_alignment": summaries.province_alignment(alignment, clauses, documents),
    }


@dataclass
class Tables:
    """The tables of text → figures and themes, in memory (what `build_tables` returns)."""

    documents: pd.DataFrame
    clauses: pd.DataFrame
    figures: pd.DataFrame
    targets: pd.DataFrame
    funding: pd.DataFrame
    clause_themes: pd.DataFrame


def build_tables(documents: list[Document]) -> Tables:
    """Text → documents, clauses, figures, targets, funding and clause themes, without the notebooks.

    The same stage functions the notebooks call (used by the tests and the benchmark);
    the comparison tables of notebook 03 (coverage, places, alignment) are left out.
    """
    from analysis import themes

    documents_frame, clauses = clauses_stage(documents)
    figure_tables = figures_stage(clauses, documents_frame)
    return Tables(
        documents=documents_frame,
        clauses=clauses,
        figures=figure_tables["figures"],
        targets=figure_tables["targets"],
        funding=figure_tables["funding"],
        clause_themes=themes.tag_counted_themes(clauses, documents_frame),
    )
