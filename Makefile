# Reproducible pipeline for Chinese resource-region policy texts.
# `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: help setup report test test-fast lint bench bench-report docs clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

setup: $(STAMP)  ## create .venv and install the pinned dependencies and the package

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (analysis)" >/dev/null
	touch $(STAMP)

report: setup  ## run the whole pipeline: data/raw -> data/processed and reports/
	$(PY) -m analysis run --raw data/raw --processed data/processed --reports reports

test: setup  ## run the test suite (unit and integration tiers)
	$(PY) -m pytest

test-fast: setup  ## the unit tier only: no pipeline runs or subprocesses (well under 30 s)
	$(PY) -m pytest -m "not slow"

lint: setup  ## ruff check and ruff format --check over the package, tests, benchmarks and notebooks
	$(VENV)/bin/ruff check src tests notebooks benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks notebooks/*.py

bench: setup  ## throughput, scaling and memory benchmark (benchmarks/bench.py)
	$(PY) benchmarks/bench.py

bench-report: setup  ## the real run on generated corpora of 3, 30 and 100 documents (benchmarks/report_bench.py)
	$(PY) benchmarks/report_bench.py

docs: setup  ## regenerate docs/data-dictionary.md from src/analysis/schema.py
	$(PY) -c 'from analysis.publish import write_dictionary_markdown as w; w("docs/data-dictionary.md")'

clean:  ## remove the virtual environment
	rm -rf $(VENV)
