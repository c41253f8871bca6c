"""`python -m analysis run` on bad input: exit code 2, a message naming the file (or the
manifest row), no traceback, and the earlier tables and reports left byte for byte as
they were. With a full run (the shared `awkward_run` of tests/conftest.py): a non-.txt
file is listed as skipped, and text from a document never becomes live markup in a
published HTML page. That two runs give byte-identical tables is test_pipeline's check
of the committed tables against a fresh run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pipeline_runs import PDF_BYTES, SCRIPT, SEEDS, SKIPPED_FILES, Run, run_cli

from analysis import cli

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
HENAN = "000_1d2e5730f4acb035.txt"
EARLIER_CSV = ROOT / "data" / "processed" / "figures.csv"  # a table as an earlier run left it

ZH_LINE = "推进资源型地区高质量发展，加快采煤沉陷区综合治理。\n"

# name → (extra files in raw/ beside one seed document, text stderr must name)
BAD_INPUTS: dict[str, tuple[dict[str, bytes], str]] = {
    "empty file": ({"empty.txt": b""}, "empty.txt"),
    "PDF bytes under .txt": ({"scan.txt": PDF_BYTES}, "scan.txt"),
    "an old Word file": (
        {"plan.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504},
        "plan.doc",
    ),
    "a WPS file": ({"plan.wps": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504}, "plan.wps"),
    "a broken PDF": ({"broken.pdf": PDF_BYTES}, "broken.pdf"),
    "a broken Word file": ({"broken.docx": b"PK\x03\x04" + b"\x00" * 60}, "broken.docx"),
    "undecodable bytes": (
        {"garbled.txt": bytes([0x80, 0xFF, 0xFF, 0x81, 0xFF, 0x30]) * 40},
        "garbled.txt",
    ),
    "UTF-8 and GBK lines mixed": (
        {"mixed.txt": ZH_LINE.encode("utf-8") * 3 + ZH_LINE.encode("gbk") * 2},
        "mixed.txt",
    ),
    "manifest row for a missing file": (
        {
            "manifest.csv": b"source_file,province\nmissing.txt,\xe6\xb2\xb3\xe5\x8d\x97\xe7\x9c\x81\n"
        },
        "manifest.csv row 2",
    ),
    "manifest unknown column": (
        {"manifest.csv": f"source_file,colour\n{HENAN},red\n".encode()},
        "manifest.csv",
    ),
    "manifest bad date": (
        {"manifest.csv": f"source_file,published\n{HENAN},2022-13-45\n".encode()},
        "manifest.csv row 2",
    ),
    "manifest unknown province": (
        {"manifest.csv": f"source_file,province\n{HENAN},火星省\n".encode()},
        "manifest.csv row 2",
    ),
}


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
    shutil.copyfile(EARLIER_CSV, processed / "figures.csv")
    (processed / "documents.csv").write_text("doc_id,source_file\nold,old.txt\n", encoding="utf-8")
    (processed / "SENTINEL").write_bytes(b"earlier run")
    (reports / "index.html").write_text(
        "<html><body>earlier report</body></html>", encoding="utf-8"
    )
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


# ---------------------------------------------------------------- a full run


def test_non_txt_files_are_listed_as_skipped(awkward_run: Run) -> None:
    for name in SKIPPED_FILES:
        assert f"{name}: skipped" in awkward_run.result.stdout, awkward_run.result.stdout
        assert name in (awkward_run.reports / "index.html").read_text(encoding="utf-8")
        assert name not in (awkward_run.processed / "documents.csv").read_text(encoding="utf-8")
    assert "Traceback" not in awkward_run.result.stderr


def test_text_never_becomes_live_markup_in_html(awkward_run: Run) -> None:
    pages = sorted(awkward_run.reports.rglob("*.html"))
    assert pages
    texts = {
        str(page.relative_to(awkward_run.root)): page.read_text(encoding="utf-8") for page in pages
    }
    assert [name for name, text in texts.items() if SCRIPT in text] == []
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert any(escaped in text for text in texts.values()), (
        "the manifest title should be shown, escaped"
    )
