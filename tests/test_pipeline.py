"""End to end: `python -m analysis run` on the seeds, into a temporary folder.

Checks every table and page exists and has content, and that the committed
tables in data/processed are byte-identical to what the code produces now.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from analysis import schema

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_TABLES = ["documents", "clauses", "figures", "targets", "funding", "clause_themes", "coverage"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("run")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--raw", str(ROOT / "data" / "raw"), "--processed", str(out / "processed"), "--reports", str(out / "reports")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    return result, out


def test_run_succeeds_and_reports_progress(run: tuple[subprocess.CompletedProcess, Path]) -> None:
    result, _ = run
    assert result.returncode == 0, result.stderr[-3000:]
    for notebook in ("01_clauses", "02_figures", "03_themes", "04_province_profile_henan", "05_compare"):
        assert notebook in result.stdout


@pytest.mark.parametrize("table", [*CONTRACT_TABLES, "clause_instruments", "places", "alignment", "themes"])
def test_every_table_has_rows_and_the_contract_columns(run: tuple[subprocess.CompletedProcess, Path], table: str) -> None:
    _, out = run
    lines = (out / "processed" / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1
    header = lines[0].split(",")
    assert header == [field.name for field in schema.table(table).fields]


def test_reports_have_pages_figures_and_index(run: tuple[subprocess.CompletedProcess, Path]) -> None:
    _, out = run
    reports = out / "reports"
    pages = sorted(p.name for p in reports.glob("*.html") if p.name != "index.html")
    assert len(pages) >= 5
    assert {"04_province_profile_henan.html", "04_province_profile_qinghai.html", "04_province_profile_liaoning.html", "05_compare.html"} <= set(pages)
    index = (reports / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert f'href="{page}"' in index
    assert "f74cc41467ba4a4dd24cd51e2ced14b74b291b23dd2cc71fc93a5b76e615a525" in index  # Henan's sha256
    assert len(list((reports / "figures").glob("*.png"))) >= 4
    for page in pages:
        html = (reports / page).read_text(encoding="utf-8")
        assert len(html) > 10_000
        assert "Traceback" not in html
    assert (reports / "05_compare.html").read_text(encoding="utf-8").count("<img") >= 4
    assert (reports / "04_province_profile_henan.html").read_text(encoding="utf-8").count("<img") >= 1


def test_committed_package_validates_with_frictionless(run: tuple[subprocess.CompletedProcess, Path]) -> None:
    from frictionless import Package

    _, out = run
    report = Package(str(out / "processed" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_a_minimal_corpus_runs_through(tmp_path: Path) -> None:
    """One short GB18030 letter with CRLF, no headings, no numbers, no province: warnings, not failures."""
    raw = tmp_path / "raw"
    raw.mkdir()
    text = "某市关于做好资源枯竭城市转型工作的通知\r\n各县区人民政府:\r\n近年来,我市持续推进转型。下一步,将继续加大支持力度。\r\n"
    (raw / "letter.txt").write_bytes(text.encode("gb18030"))
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--raw", str(raw), "--processed", str(tmp_path / "processed"), "--reports", str(tmp_path / "reports")],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "letter.txt: no recognised headings" in result.stdout
    assert "no recognised headings" in (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    documents = (tmp_path / "processed" / "documents.csv").read_text(encoding="utf-8")
    assert ",gb18030,simplified,," in documents  # encoding found, province left blank rather than guessed


def test_normalised_texts_are_kept(run: tuple[subprocess.CompletedProcess, Path]) -> None:
    _, out = run
    assert len(list((out / "interim").glob("*.txt"))) == 3


@pytest.mark.parametrize("table", schema.TABLE_NAMES)
def test_committed_tables_are_what_the_code_produces(run: tuple[subprocess.CompletedProcess, Path], table: str) -> None:
    """The committed CSVs are byte-identical to a fresh run (rerun `make report` and commit if not)."""
    _, out = run
    fresh = out / "processed" / f"{table}.csv"
    committed = ROOT / "data" / "processed" / f"{table}.csv"
    assert committed.exists(), f"{committed.name} is not committed; run make report"
    assert fresh.read_bytes() == committed.read_bytes(), f"data/processed/{table}.csv differs from a fresh run; run make report and commit"


@pytest.mark.parametrize("file_name", ["datapackage.json", "tables.xlsx"])
def test_committed_package_and_workbook_are_what_the_code_produces(run: tuple[subprocess.CompletedProcess, Path], file_name: str) -> None:
    _, out = run
    assert (out / "processed" / file_name).read_bytes() == (ROOT / "data" / "processed" / file_name).read_bytes()


@pytest.mark.parametrize("notebook", sorted(p.stem for p in (ROOT / "notebooks").glob("*.py")))
def test_notebook_pairs_are_in_sync(notebook: str) -> None:
    """The .py (readable diffs) and the .ipynb (what papermill runs) hold the same cells."""
    text = jupytext.read(ROOT / "notebooks" / f"{notebook}.py")
    executed = jupytext.read(ROOT / "notebooks" / f"{notebook}.ipynb")
    assert [c.source for c in text.cells] == [c.source for c in executed.cells]
    parameters = [c for c in executed.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    assert all("=" in line and "(" not in line for line in parameters[0].source.splitlines() if line.strip())
