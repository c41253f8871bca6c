"""The notebooks as papermill runs them: text and executed copies agree, parameters are literals."""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.py"))


def parameter_problems(source: str) -> list[str]:
    """What in a parameters cell is not `name = literal` (one problem per offending line)."""
    problems = []
    for node in ast.parse(source).body:
        line = ast.get_source_segment(source, node) or ""
        if not (isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None):
            problems.append(f"not an assignment: {line}")
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if not all(isinstance(target, ast.Name) for target in targets):
            problems.append(f"assigns to something other than a name: {line}")
            continue
        try:
            ast.literal_eval(node.value)
        except ValueError:
            problems.append(f"value is not a literal: {line}")
    return problems


@pytest.mark.parametrize(
    "source, expected",
    [
        ('raw_dir = "../data/raw"\nprovince = "河南省"\n', []),
        ("# the folders\nlimit = 10\nshares = (0.1, 0.2)\nflags: dict = {'a': True}\n", []),
        ("twice = a * 2\n", ["value is not a literal: twice = a * 2"]),
        ("folder = Path('x')\n", ["value is not a literal: folder = Path('x')"]),
        ("import os\n", ["not an assignment: import os"]),
        ("a.b = 1\n", ["assigns to something other than a name: a.b = 1"]),
    ],
)
def test_parameter_problems(source: str, expected: list[str]) -> None:
    assert parameter_problems(source) == expected


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_pairs_are_in_sync(notebook: str) -> None:
    """The .py (readable diffs) and the .ipynb (what papermill runs) hold the same cells."""
    text = jupytext.read(ROOT / "notebooks" / f"{notebook}.py")
    executed = jupytext.read(ROOT / "notebooks" / f"{notebook}.ipynb")
    assert [c.source for c in text.cells] == [c.source for c in executed.cells]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_parameters_cell_holds_only_literals(notebook: str) -> None:
    """papermill overrides the one cell tagged `parameters`: it may only bind names to literals."""
    executed = jupytext.read(ROOT / "notebooks" / f"{notebook}.ipynb")
    parameters = [c for c in executed.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    assert parameter_problems(parameters[0].source) == []
