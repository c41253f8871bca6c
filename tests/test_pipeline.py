"""End to end: `python -m analysis run` on the seeds, into a temporary folder.

Checks every table and page exists and has content, and that the committed
tables in data/processed are byte-identical to what the code produces now.
The runs are shared session fixtures (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pipeline_runs import Run

from analysis import schema

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_TABLES = [
    "documents",
    "clauses",
    "figures",
    "targets",
    "funding",
    "clause_themes",
    "coverage",
]


def test_run_succeeds_and_reports_progress(seed_run: Run) -> None:
    result = seed_run.result
    assert result.returncode == 0, result.stderr[-3000:]
    for notebook in (
        "01_clauses",
        "02_figures",
        "03_themes",
        "04_province_profile_henan",
        "05_compare",
    ):
        assert notebook in result.stdout


@pytest.mark.parametrize(
    "table", [*CONTRACT_TABLES, "clause_instruments", "places", "alignment", "themes"]
)
def test_every_table_has_rows_and_the_contract_columns(seed_run: Run, table: str) -> None:
    out = seed_run.root
    lines = (out / "processed" / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1
    header = lines[0].split(",")
    assert header == [field.name for field in schema.table(table).fields]


def test_reports_have_pages_figures_and_index(seed_run: Run) -> None:
    out = seed_run.root
    reports = out / "reports"
    pages = sorted(p.name for p in reports.glob("*.html") if p.name != "index.html")
    assert len(pages) >= 5
    assert {
        "04_province_profile_henan.html",
        "04_province_profile_qinghai.html",
        "04_province_profile_liaoning.html",
        "05_compare.html",
    } <= set(pages)
    index = (reports / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert f'href="{page}"' in index
    assert (
        "f74cc41467ba4a4dd24cd51e2ced14b74b291b23dd2cc71fc93a5b76e615a525" in index
    )  # Henan's sha256
    assert len(list((reports / "figures").glob("*.png"))) >= 4
    for page in pages:
        html = (reports / page).read_text(encoding="utf-8")
        assert len(html) > 10_000
        assert "Traceback" not in html
    assert (reports / "05_compare.html").read_text(encoding="utf-8").count("<img") >= 4
    assert (reports / "04_province_profile_henan.html").read_text(encoding="utf-8").count(
        "<img"
    ) >= 1


def test_committed_package_validates_with_frictionless(seed_run: Run) -> None:
    from frictionless import Package

    out = seed_run.root
    report = Package(str(out / "processed" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_a_minimal_letter_runs_through(awkward_run: Run) -> None:
    """A short GB18030 letter with CRLF, no headings, no numbers, no province: warnings, not failures."""
    assert "letter.txt: no recognised headings" in awkward_run.result.stdout
    index = (awkward_run.reports / "index.html").read_text(encoding="utf-8")
    assert "no recognised headings" in index
    documents = (awkward_run.processed / "documents.csv").read_text(encoding="utf-8")
    letter = next(line for line in documents.splitlines() if ",letter.txt," in line)
    assert (
        ",gb18030,simplified,," in letter
    )  # encoding found, province left blank rather than guessed


def test_normalised_texts_are_kept(seed_run: Run) -> None:
    out = seed_run.root
    assert len(list((out / "interim").glob("*.txt"))) == 3


@pytest.mark.parametrize("table", schema.TABLE_NAMES)
def test_committed_tables_are_what_the_code_produces(seed_run: Run, table: str) -> None:
    """The committed CSVs are byte-identical to a fresh run (rerun `make report` and commit if not)."""
    out = seed_run.root
    fresh = out / "processed" / f"{table}.csv"
    committed = ROOT / "data" / "processed" / f"{table}.csv"
    assert committed.exists(), f"{committed.name} is not committed; run make report"
    assert fresh.read_bytes() == committed.read_bytes(), (
        f"data/processed/{table}.csv differs from a fresh run; run make report and commit"
    )


@pytest.mark.parametrize("file_name", ["datapackage.json", "tables.xlsx"])
def test_committed_package_and_workbook_are_what_the_code_produces(
    seed_run: Run, file_name: str
) -> None:
    out = seed_run.root
    assert (out / "processed" / file_name).read_bytes() == (
        ROOT / "data" / "processed" / file_name
    ).read_bytes()
