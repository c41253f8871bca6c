"""The benchmark: a deterministic synthetic corpus, and a quick run printing the JSON line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import ingest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench  # benchmarks/bench.py: the harness lives outside the package


def test_run_bench_prints_the_json_line_last(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.run_bench(sizes=[20_000, 40_000]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    assert tuple(result) == bench.JSON_KEYS
    assert 40_000 <= result["chars"] < 40_000 + bench.DOC_CHARS[1]
    assert result["docs"] >= 1
    assert result["seconds"] > 0  # printed, not asserted: wall time depends on the machine
    assert result["chars_per_s"] == pytest.approx(result["chars"] / result["seconds"], rel=0.01)
    assert result["peak_rss_mb"] > 0  # printed, not asserted: memory depends on the machine
    assert [size for size, _ in result["scaling"]] == sorted(size for size, _ in result["scaling"])
    assert len(result["scaling"]) == 2 and result["scaling"][-1][0] == result["chars"]
    assert result["floor_chars_per_s"] > result["chars_per_s"]
    assert any(line.lstrip().startswith("chars") for line in lines)  # the table header


def test_synthetic_corpus_is_deterministic() -> None:
    first = bench.synthetic_corpus(60_000, seed=7)
    assert first == bench.synthetic_corpus(60_000, seed=7)
    assert bench.corpus_digest(first) == bench.corpus_digest(bench.synthetic_corpus(60_000, seed=7))
    assert bench.corpus_digest(first) != bench.corpus_digest(bench.synthetic_corpus(60_000, seed=8))


def test_synthetic_documents_decode_and_have_the_stated_size() -> None:
    files = bench.synthetic_corpus(600_000)
    texts = [ingest.decode_bytes(raw, name)[0] for name, raw in files]
    assert sum(map(len, texts)) >= 600_000
    low, high = bench.DOC_CHARS
    assert all(0.9 * low <= len(text) <= 1.1 * high for text in texts[:-1])
    encodings = {ingest.decode_bytes(raw, name)[1] for name, raw in files}
    assert "utf-8" in encodings and len(encodings) > 1  # the corpus mixes encodings


@pytest.mark.slow  # starts worker processes
def test_workers_give_the_same_per_document_tables() -> None:
    files = bench.synthetic_corpus(150_000)
    one = bench.tables_from_bytes(files)
    spread, worker_rss = bench.tables_parallel(files, workers=2)
    assert worker_rss and all(kb > 0 for kb in worker_rss)
    for name in ("documents", "figures", "clause_themes"):
        key = {
            "documents": "doc_id",
            "figures": "figure_id",
            "clause_themes": ["clause_id", "theme_id"],
        }[name]
        pd.testing.assert_frame_equal(
            getattr(one, name).sort_values(key, ignore_index=True),
            getattr(spread, name).sort_values(key, ignore_index=True),
        )
    assert len(one.clauses) == len(spread.clauses)


def test_summary_takes_the_largest_size() -> None:
    results = [
        {
            "chars": 3,
            "docs": 1,
            "seconds": 1.0,
            "chars_per_s": 3,
            "peak_rss_mb": 1.0,
            "floor_chars_per_s": 9,
        },
        {
            "chars": 1,
            "docs": 1,
            "seconds": 0.5,
            "chars_per_s": 2,
            "peak_rss_mb": 1.0,
            "floor_chars_per_s": 9,
        },
    ]
    assert bench.summary(results)["chars"] == 3
    assert bench.summary(results)["scaling"] == [[1, 0.5], [3, 1.0]]


def test_long_document_is_one_deterministic_document() -> None:
    text = bench.long_document_text(150_000, seed=3)
    assert text == bench.long_document_text(150_000, seed=3)
    assert len(text) >= 150_000
    assert text.count("一、") >= 2  # several structured blocks, each restarting its numbering


def test_measure_long_document_reports_time_and_memory() -> None:
    result = bench.measure_long_document(60_000)
    assert result["chars"] >= 60_000 and result["clauses"] > 0
    assert result["chars_per_s"] == pytest.approx(result["chars"] / result["seconds"], rel=0.01)
    assert result["peak_rss_mb"] > 0
    assert bench.long_document_line(result).startswith("long document: ")
