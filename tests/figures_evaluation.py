"""Test helpers: clauses of hand-written texts, and the evaluation of the figure extractor
against the hand-made gold list of the seeds (tests/fixtures/figures_gold.csv).

`plain_clauses(text)` runs the production segmentation (ingest.normalise_text, then
structure.clauses_table) on a plain string. `evaluate` gives, per document and overall,
precision and recall of figures (matched by doc, surface, value, unit and occurrence),
status accuracy on the matched figures and duplicate accuracy; tests/test_figures.py
prints it (`pytest -s tests/test_figures.py -k seed_evaluation`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import ingest, structure
from analysis.figures import extract_figures
from analysis.paths import DEFAULT_RAW

GOLD = Path(__file__).resolve().parent / "fixtures" / "figures_gold.csv"
VALUE_TOLERANCE = 1e-6  # relative tolerance when matching values


def plain_clauses(text: str, doc_id: str = "doc", part: str | None = "body") -> pd.DataFrame:
    """The clauses of `text` as the pipeline segments it (a Document made from the text,
    structure.clauses_table). Every clause gets part `part` (the texts stand for a
    stretch of a document's body, front or back matter); None keeps the parts found."""
    normalised, script = ingest.normalise_text(text)
    doc = ingest.Document(
        doc_id=doc_id,
        source_file=f"{doc_id}.txt",
        sha256="",
        encoding="utf-8",
        script=script,
        raw_text=text,
        text=normalised,
    )
    clauses = structure.clauses_table([doc])
    if part is not None:
        clauses["part"] = part
    return clauses


def seed_tables(raw_dir: Path = DEFAULT_RAW) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Documents (doc_id, source_file, province, published, doc_type), clauses and figures
    of a folder, as the pipeline builds them."""
    corpus = ingest.read_corpus(Path(raw_dir))
    analysed = ingest.analysed(corpus.documents)
    documents = pd.DataFrame(
        [(d.doc_id, d.source_file, d.province, d.published, d.doc_type) for d in analysed],
        columns=["doc_id", "source_file", "province", "published", "doc_type"],
    )
    clauses = structure.clauses_table(analysed)
    figures = extract_figures(
        clauses,
        published=dict(zip(documents["doc_id"], documents["published"], strict=True)),
        doc_types=dict(zip(documents["doc_id"], documents["doc_type"], strict=True)),
    )
    return documents, clauses, figures


def load_gold(path: Path = GOLD) -> pd.DataFrame:
    """The gold figures: source_file, surface, value, unit, status, occurrence, same_fact_as."""
    gold = pd.read_csv(
        path, dtype={"surface": str, "unit": str, "status": str}, keep_default_na=False
    )
    gold["value"] = gold["value"].astype(float)
    return gold


def gold_with_doc_ids(gold: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with the doc_id of their source file."""
    doc_of_file = dict(zip(documents["source_file"], documents["doc_id"], strict=True))
    gold = gold.copy()
    gold["doc_id"] = gold["source_file"].map(doc_of_file)
    return gold


def _with_occurrence(frame: pd.DataFrame) -> pd.DataFrame:
    """Number the mentions of each (doc, surface) in document order (1, 2, ...)."""
    frame = frame.copy()
    frame["occurrence"] = frame.groupby(["doc_id", "surface"]).cumcount() + 1
    return frame


def _values_equal(a: float, b: float) -> bool:
    return abs(a - b) <= VALUE_TOLERANCE * max(1.0, abs(a), abs(b))


def evaluate(figures: pd.DataFrame, gold: pd.DataFrame, doc_ids: list[str]) -> pd.DataFrame:
    """Per document (and 'all'): gold, found, matched, precision, recall, status accuracy,
    duplicate accuracy. A match needs the same doc, surface, unit, value and occurrence."""
    found = _with_occurrence(figures.sort_values(["doc_id", "start"]))
    gold = gold.sort_values(["doc_id", "gold_no"]) if "gold_no" in gold else gold
    results = []
    for doc_id in [*doc_ids, "all"]:
        f = found if doc_id == "all" else found[found["doc_id"] == doc_id]
        g = gold if doc_id == "all" else gold[gold["doc_id"] == doc_id]
        found_by_key = {
            (r.doc_id, r.surface, int(r.occurrence)): r for r in f.itertuples(index=False)
        }
        matched = status_ok = dup_ok = 0
        for r in g.itertuples(index=False):
            hit = found_by_key.get((r.doc_id, r.surface, int(r.occurrence)))
            if hit is None or hit.unit != r.unit or not _values_equal(hit.value, r.value):
                continue
            matched += 1
            status_ok += hit.status == r.status
            expected_dup = bool(r.same_fact_as)
            dup_ok += (isinstance(hit.duplicate_of, str) and hit.duplicate_of != "") == expected_dup
        results.append(
            {
                "doc_id": doc_id,
                "gold": len(g),
                "found": len(f),
                "matched": matched,
                "precision": matched / len(f) if len(f) else 1.0,
                "recall": matched / len(g) if len(g) else 1.0,
                "status_accuracy": status_ok / matched if matched else 1.0,
                "duplicate_accuracy": dup_ok / matched if matched else 1.0,
            }
        )
    return pd.DataFrame(results)
