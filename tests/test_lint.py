"""The package, tests, benchmarks and notebooks are ruff-clean and ruff-formatted (the rules and
the line lengths are in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a subprocess; `make lint` runs the same check

ROOT = Path(__file__).resolve().parents[1]
# the notebooks' jupytext scripts (the .ipynb pairs are excluded from ruff in pyproject.toml)
NOTEBOOK_SCRIPTS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.py"))


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ruff from the project root; its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_ruff_is_clean() -> None:
    result = _ruff("check", "src", "tests", "notebooks", "benchmarks")
    assert result.returncode == 0, result.stdout[-4000:]


def test_ruff_format_is_applied() -> None:
    assert NOTEBOOK_SCRIPTS, "no notebook scripts found in notebooks/"
    result = _ruff("format", "--check", "src", "tests", "benchmarks", *NOTEBOOK_SCRIPTS)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
