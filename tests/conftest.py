"""Shared integration fixtures: each corpus goes through `python -m analysis run` once per session.

Full runs take most of the suite's time, so tests that need one share it here rather than
running the pipeline again. Tests using these fixtures live in modules marked `slow`.
"""

from __future__ import annotations

import shutil

import pytest
from pipeline_runs import SEEDS, Run, finished_run, write_awkward_corpus, write_hostile_corpus


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The seeds in data/raw, run as `make report` runs them, into a temporary folder."""
    root = tmp_path_factory.mktemp("seed_run")
    shutil.copytree(SEEDS, root / "raw")
    return finished_run(root)


@pytest.fixture(scope="session")
def awkward_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """A small corpus of awkward inputs run through (see pipeline_runs.write_awkward_corpus)."""
    root = tmp_path_factory.mktemp("awkward_run")
    write_awkward_corpus(root / "raw")
    return finished_run(root)


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Hostile inputs that must run through (see pipeline_runs.write_hostile_corpus), in a
    terminal that shows only ASCII."""
    root = tmp_path_factory.mktemp("hostile_run")
    write_hostile_corpus(root / "raw")
    return finished_run(root, env={"PYTHONIOENCODING": "ascii"})
