"""`python -m analysis run` on bad input: exit code 2, a message naming the file (or the
manifest row), no traceback, and the earlier tables and reports left byte for byte as
they were. With a full run: a non-.txt file is listed as skipped, and text from a
document never becomes live markup in a published HTML page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cli

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
HENAN = "000_1d2e5730f4acb035.txt"
EARLIER_CSV = ROOT / "data" / "processed" / "figures_gold.csv"

ZH_LINE = "推进资源型地区高质量发展，加快采煤沉陷区综合治理。\n"
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstartxref\n0\n%%EOF\n"
SCRIPT = "<script>alert(1)</script>"
SCRIPT_DOC = (
    "河南省推进资源枯竭城市转型实施方案\n"
    "一、总体要求\n"
    f"(一)发展目标。到2025年,新增光伏装机容量100万千瓦。{SCRIPT}本方案自印发之日起施行。\n"
    f"(二)资金保障。安排省级专项资金2亿元,支持10个重点项目建设;{SCRIPT}\n"
    "河南省发展和改革委员会\n"
    "2022年5月15日\n"
)

# name → (extra files in raw/ beside one seed document, text stderr must name)
BAD_INPUTS: dict[str, tuple[dict[str, bytes], str]] = {
    "empty file": ({"empty.txt": b""}, "empty.txt"),
    "PDF bytes under .txt": ({"scan.txt": PDF_BYTES}, "scan.txt"),
    "undecodable bytes": ({"garbled.txt": bytes([0x80, 0xFF, 0xFF, 0x81, 0xFF, 0x30]) * 40}, "garbled.txt"),
    "UTF-8 and GBK lines mixed": ({"mixed.txt": ZH_LINE.encode("utf-8") * 3 + ZH_LINE.encode("gbk") * 2}, "mixed.txt"),
    "manifest row for a missing file": ({"manifest.csv": b"source_file,province\nmissing.txt,\xe6\xb2\xb3\xe5\x8d\x97\xe7\x9c\x81\n"}, "manifest.csv row 2"),
    "manifest unknown column": ({"manifest.csv": f"source_file,colour\n{HENAN},red\n".encode()}, "manifest.csv"),
    "manifest bad date": ({"manifest.csv": f"source_file,published\n{HENAN},2022-13-45\n".encode()}, "manifest.csv row 2"),
    "manifest unknown province": ({"manifest.csv": f"source_file,province\n{HENAN},火星省\n".encode()}, "manifest.csv row 2"),
}


def run_cli(raw: Path, processed: Path, reports: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    """`python -m analysis run` in a subprocess, as a user would call it."""
    command = [sys.executable, "-m", "analysis", "run", "--raw", str(raw), "--processed", str(processed), "--reports", str(reports)]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def snapshot(folder: Path, leave_out: Path) -> dict[str, bytes]:
    """Every file and folder under `folder` (outside `leave_out`): relative path → bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else b"<folder>"
        for path in sorted(folder.rglob("*"))
        if path != leave_out and leave_out not in path.parents
    }


def earlier_outputs(root: Path) -> tuple[Path, Path]:
    """processed/ and reports/ folders as an earlier run left them (sentinels and a table)."""
    processed, reports = root / "processed", root / "reports"
    processed.mkdir()
    (reports / "figures").mkdir(parents=True)
    if EARLIER_CSV.exists():
        shutil.copyfile(EARLIER_CSV, processed / "figures.csv")
    (processed / "documents.csv").write_text("doc_id,source_file\nold,old.txt\n", encoding="utf-8")
    (processed / "SENTINEL").write_bytes(b"earlier run")
    (reports / "index.html").write_text("<html><body>earlier report</body></html>", encoding="utf-8")
    (reports / "figures" / "SENTINEL").write_bytes(b"earlier figure")
    return processed, reports


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_exits_2_names_the_file_and_changes_nothing(case: str, tmp_path: Path) -> None:
    extra, named = BAD_INPUTS[case]
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(SEEDS / HENAN, raw / HENAN)
    for name, content in extra.items():
        (raw / name).write_bytes(content)
    processed, reports = earlier_outputs(tmp_path)
    before = snapshot(tmp_path, leave_out=raw)

    result = run_cli(raw, processed, reports, timeout=300)

    assert result.returncode == cli.EXIT_INPUT_ERROR, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert named in result.stderr, result.stderr
    assert result.stderr.startswith("error: "), result.stderr
    assert snapshot(tmp_path, leave_out=raw) == before  # nothing written, no staging left behind
    assert sorted(p.name for p in raw.iterdir()) == sorted([HENAN, *extra])  # raw files untouched


# ---------------------------------------------------------------- full runs



def full_run_inputs(raw: Path) -> None:
    """The seeds, a document and a manifest title holding <script>, and two non-.txt files."""
    raw.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, raw / seed.name)
    (raw / "100_script.txt").write_text(SCRIPT_DOC, encoding="utf-8")
    (raw / "manifest.csv").write_text(f"source_file,title\n100_script.txt,河南省方案{SCRIPT}\n", encoding="utf-8")
    (raw / "scan.pdf").write_bytes(PDF_BYTES)
    (raw / "notes.md").write_text("# notes\n", encoding="utf-8")


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    """One successful run over the seeds plus the awkward files (shared by the tests below)."""
    root = tmp_path_factory.mktemp("full")
    full_run_inputs(root / "raw")
    result = run_cli(root / "raw", root / "processed", root / "reports")
    assert result.returncode == 0, result.stderr[-3000:]
    return result, root


@pytest.fixture(scope="module")
def second(full: tuple[subprocess.CompletedProcess, Path]) -> tuple[subprocess.CompletedProcess, Path]:
    """A second run on the same inputs into fresh folders (for byte-identical tables)."""
    _, first_root = full
    root = first_root.parent / "second"
    root.mkdir()
    result = run_cli(first_root / "raw", root / "processed", root / "reports")
    assert result.returncode == 0, result.stderr[-3000:]
    return result, root


def test_non_txt_files_are_listed_as_skipped(full: tuple[subprocess.CompletedProcess, Path]) -> None:
    result, root = full
    for name in ("scan.pdf", "notes.md"):
        assert f"{name}: skipped" in result.stdout, result.stdout
        assert name in (root / "reports" / "index.html").read_text(encoding="utf-8")
        assert name not in (root / "processed" / "documents.csv").read_text(encoding="utf-8")
    assert "Traceback" not in result.stderr


def test_text_never_becomes_live_markup_in_html(full: tuple[subprocess.CompletedProcess, Path]) -> None:
    _, root = full
    pages = sorted((root / "reports").rglob("*.html"))
    assert pages
    live = [str(page.relative_to(root)) for page in pages if SCRIPT in page.read_text(encoding="utf-8")]
    assert live == []
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert any(escaped in page.read_text(encoding="utf-8") for page in pages), "the manifest title should be shown, escaped"


def test_two_runs_give_byte_identical_tables(
    full: tuple[subprocess.CompletedProcess, Path], second: tuple[subprocess.CompletedProcess, Path]
) -> None:
    tables = sorted(path.name for path in (full[1] / "processed").glob("*.csv"))
    assert tables
    assert tables == sorted(path.name for path in (second[1] / "processed").glob("*.csv"))
    for name in tables:
        assert (full[1] / "processed" / name).read_bytes() == (second[1] / "processed" / name).read_bytes(), name
