"""A run interrupted midway (Ctrl-C) leaves the previous outputs intact and no staging folder."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _default_sigint() -> None:
    """In the child before exec: Ctrl-C handled as by a terminal. A runner started in the
    background (`cmd &`) ignores SIGINT, its children inherit that, and Python then leaves
    SIGINT ignored instead of raising KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_interrupted_run_changes_nothing(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    processed.mkdir()
    reports.mkdir()
    (processed / "documents.csv").write_text("an earlier table\n", encoding="utf-8")
    (reports / "index.html").write_text("<p>an earlier report</p>\n", encoding="utf-8")
    before = _files(tmp_path)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis",
            "run",
            "--raw",
            str(raw),
            "--processed",
            str(processed),
            "--reports",
            str(reports),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        preexec_fn=_default_sigint,
    )
    assert process.stdout is not None
    first_line = process.stdout.readline()  # the first notebook has finished: the run is midway
    assert first_line.startswith("[1/")
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    time.sleep(0.2)
    assert _files(tmp_path) == before
    assert not list(tmp_path.glob(".staging-*"))
