"""Evaluation of the figure extractor against a hand-made gold list, and small helpers.

`python -m analysis.evaluate_figures [RAW_DIR] [GOLD_CSV]` prints, per document and
overall, precision and recall of figures (matched by doc, surface, value, unit and
occurrence), status accuracy on the matched figures, and duplicate accuracy.

`plain_clauses(text)` turns a plain string into a clauses table (one paragraph per
line, sentences at 。!?, clauses at ;) for tests on texts written by hand.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from analysis.figures import extract_figures
from analysis.paths import DEFAULT_RAW, PROJECT_ROOT

DEFAULT_GOLD = PROJECT_ROOT / "tests" / "fixtures" / "figures_gold.csv"
VALUE_TOLERANCE = 1e-6  # relative tolerance when matching values

# matches a sentence: text up to and including 。!?！？ (or the end of the line)
SENTENCE_RE = re.compile(r"[^。!?！？]+[。!?！？]*")
# matches a clause inside a sentence: text up to and including ; or ；
CLAUSE_RE = re.compile(r"[^;；]+[;；]?")


def plain_clauses(text: str, doc_id: str = "doc", part: str = "body") -> pd.DataFrame:
    """A clauses table for a plain string: lines are paragraphs, 。!? end sentences, ; clauses."""
    rows = []
    offset = 0
    sentence_no = 0
    for paragraph_no, line in enumerate(text.split("\n"), start=1):
        for sentence in SENTENCE_RE.finditer(line):
            if not sentence.group().strip():
                continue
            sentence_no += 1
            for clause_no, clause in enumerate(CLAUSE_RE.finditer(sentence.group()), start=1):
                start = offset + sentence.start() + clause.start()
                rows.append({
                    "clause_id": f"{doc_id}-c{len(rows) + 1:06d}",
                    "doc_id": doc_id,
                    "part": part,
                    "paragraph_no": paragraph_no,
                    "sentence_no": sentence_no,
                    "clause_no": clause_no,
                    "is_heading": False,
                    "start": start,
                    "end": start + len(clause.group()),
                    "text": clause.group(),
                })
        offset += len(line) + 1
    return pd.DataFrame(rows)


def seed_tables(raw_dir: Path = DEFAULT_RAW) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Documents (doc_id, source_file, province, published), clauses and figures of a folder."""
    from analysis.ingest import read_corpus
    from analysis.structure import clauses_table

    corpus = read_corpus(Path(raw_dir))
    documents = pd.DataFrame(
        [(d.doc_id, d.source_file, d.province, d.published) for d in corpus.documents],
        columns=["doc_id", "source_file", "province", "published"],
    )
    clauses = clauses_table(corpus.documents)
    published = dict(zip(documents["doc_id"], documents["published"], strict=True))
    figures = extract_figures(clauses, published=published)
    return documents, clauses, figures


def load_gold(path: Path = DEFAULT_GOLD) -> pd.DataFrame:
    """The gold figures: source_file, surface, value, unit, status, occurrence, same_fact_as."""
    gold = pd.read_csv(path, dtype={"surface": str, "unit": str, "status": str}, keep_default_na=False)
    gold["value"] = gold["value"].astype(float)
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
        results.append({
            "doc_id": doc_id,
            "gold": len(g),
            "found": len(f),
            "matched": matched,
            "precision": matched / len(f) if len(f) else 1.0,
            "recall": matched / len(g) if len(g) else 1.0,
            "status_accuracy": status_ok / matched if matched else 1.0,
            "duplicate_accuracy": dup_ok / matched if matched else 1.0,
        })
    return pd.DataFrame(results)


def gold_with_doc_ids(gold: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with the doc_id of their source file."""
    doc_of_file = dict(zip(documents["source_file"], documents["doc_id"], strict=True))
    gold = gold.copy()
    gold["doc_id"] = gold["source_file"].map(doc_of_file)
    return gold


def main(argv: list[str] | None = None) -> int:
    """Print the figures of the seeds and the evaluation against the gold list."""
    args = sys.argv[1:] if argv is None else argv
    raw_dir = Path(args[0]) if args else DEFAULT_RAW
    gold_path = Path(args[1]) if len(args) > 1 else DEFAULT_GOLD
    documents, _clauses, figures = seed_tables(raw_dir)
    gold = gold_with_doc_ids(load_gold(gold_path), documents)
    columns = ["figure_id", "surface", "value", "unit", "kind", "status", "status_cue",
               "year", "period_start", "duplicate_of", "qualifier"]
    with pd.option_context("display.width", 250, "display.max_rows", 500):
        print(figures[columns].to_string(index=False))
        report = evaluate(figures, gold, sorted(documents["doc_id"]))
        print(report.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
