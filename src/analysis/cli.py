"""Command line: `python -m analysis run [--raw DIR] [--processed DIR] [--reports DIR]`,
`evaluate-themes FOLDER`, `evaluate-figures FOLDER [FOLDER ...]` and
`suggest-keywords --raw DIR [--theme ID]`.

`run` checks the inputs, executes the notebooks in order with papermill into a
staging folder, exports HTML pages and the index, and only when everything
succeeded moves the new tables and reports into place. A failed run leaves the
previous outputs untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.errors import InputError

EXIT_INPUT_ERROR = 2
EXIT_NOTEBOOK_FAILED = 3


@dataclass
class NotebookRun:
    """One execution of a notebook: its source, output name, parameters and page title."""

    notebook: str
    output_stem: str
    title: str
    parameters: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


# Notebooks in execution order; the profile notebook runs once per province.
PIPELINE = [
    ("01_clauses", "文本与条款 / Texts and clauses"),
    ("02_figures", "数字、目标与资金 / Figures, targets and funding"),
    ("03_themes", "主题、政策工具与覆盖 / Themes, instruments and coverage"),
]
PROFILE_NOTEBOOK = ("04_province_profile", "省份概况 / Province profile")
COMPARE_NOTEBOOK = ("05_compare", "省际比较 / Province comparison")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the whole pipeline: raw texts → tables and reports")
    run.add_argument("--raw", type=Path, default=paths.DEFAULT_RAW, help="folder of documents: .txt, .html/.htm, .docx, .pdf (default data/raw)")
    run.add_argument("--processed", type=Path, default=paths.DEFAULT_PROCESSED, help="output tables (default data/processed)")
    run.add_argument("--reports", type=Path, default=paths.DEFAULT_REPORTS, help="output reports (default reports)")
    run.add_argument("--workers", type=int, default=2, help="notebooks executed side by side when independent (default 2)")
    evaluate = commands.add_parser("evaluate-themes", help="theme coding against hand-coded paragraphs (FOLDER/*.txt, coder_a.csv, coder_b.csv)")
    evaluate.add_argument("folder", type=Path, help="folder of .txt documents and coder_a.csv (optional coder_b.csv)")
    evaluate.add_argument("--out", type=Path, default=None, help="also write the per-paragraph codings to this CSV")
    figures = commands.add_parser("evaluate-figures", help="figures, status and metadata against labelled documents (FOLDER/*.txt, expected.yaml), per genre")
    figures.add_argument("folders", type=Path, nargs="+", metavar="FOLDER", help="folder of .txt documents and expected.yaml")
    figures.add_argument("--details", action="store_true", help="also list, per document, every missed, wrong or unlabelled figure and wrong metadata field")
    suggest = commands.add_parser("suggest-keywords", help="candidate keywords co-occurring with a theme's keywords in your corpus")
    suggest.add_argument("--raw", type=Path, default=paths.DEFAULT_RAW, help="folder of .txt documents (default data/raw)")
    suggest.add_argument("--theme", type=str, default="", help="only this theme id (default: every theme)")
    suggest.add_argument("--out", type=Path, default=Path("keyword_suggestions.csv"), help="CSV to write (default keyword_suggestions.csv)")
    suggest.add_argument("--top", type=int, default=30, help="candidates per theme (default 30)")
    suggest.add_argument("--min-count", type=int, default=3, help="minimum clauses of the theme containing a candidate (default 3)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("evaluate-themes", "suggest-keywords", "evaluate-figures"):
        return _run_theme_tool(args)
    try:
        return run_pipeline(args.raw, args.processed, args.reports, workers=args.workers)
    except KeyboardInterrupt:
        print("interrupted: the previous tables and reports are unchanged.", file=sys.stderr)
        return 130
    except InputError as error:
        print(f"error: {error.message}", file=sys.stderr)
        print("Nothing was written; the previous tables and reports are unchanged.", file=sys.stderr)
        return EXIT_INPUT_ERROR


def _run_theme_tool(args: argparse.Namespace) -> int:
    """evaluate-themes / suggest-keywords: bad input is a message and exit 2, never a traceback."""
    try:
        if args.command == "evaluate-figures":
            from analysis.figure_eval import run_evaluate_figures

            return run_evaluate_figures(args.folders, verbose=args.details)
        if args.command == "evaluate-themes":
            from analysis.theme_eval import run_evaluate

            return run_evaluate(args.folder, args.out)
        from analysis.keyword_suggest import run_suggest

        return run_suggest(args.raw, args.out, theme=args.theme, top=args.top, min_count=args.min_count)
    except InputError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_INPUT_ERROR


def _display_path(path: Path) -> str:
    """A folder as shown to people: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(paths.PROJECT_ROOT))
    except ValueError:
        return str(path.resolve())


def _execute(run: NotebookRun, output_dir: Path) -> None:
    """Execute one notebook with papermill into `output_dir` (raises on a failing cell)."""
    import papermill

    started = time.perf_counter()
    papermill.execute_notebook(
        str(paths.NOTEBOOKS_DIR / f"{run.notebook}.ipynb"),
        str(output_dir / f"{run.output_stem}.ipynb"),
        parameters=run.parameters,
        kernel_name="python3",
        cwd=str(paths.NOTEBOOKS_DIR),
        progress_bar=False,
        log_output=False,
        report_mode=True,
        # quiet the kernel's own log (transport warnings, shutdown notices) in the run output
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    )
    run.seconds = time.perf_counter() - started


@dataclass
class _Progress:
    """Prints `[done/total] notebook  seconds` as notebooks finish."""

    total: int
    done: int = 0

    def report(self, run: NotebookRun) -> None:
        self.done += 1
        print(f"[{self.done}/{self.total}] {run.output_stem:<40} {run.seconds:6.1f} s", flush=True)


def _run_stages(stages: list[list[NotebookRun]], output_dir: Path, workers: int, progress: _Progress) -> tuple[NotebookRun, Exception] | None:
    """Execute the stages in order, the notebooks of a stage in parallel; the first failure, or None."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for stage in stages:
            futures = {pool.submit(_execute, run, output_dir): run for run in stage}
            failure = None
            for future in as_completed(futures):
                run = futures[future]
                error = future.exception()
                if error is not None:
                    failure = failure or (run, error)
                else:
                    progress.report(run)
            if failure is not None:
                return failure
    return None


def _failure_summary(error: BaseException) -> str:
    """The failing cell's first line and the exception, in a few lines."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        first_line = next((line for line in error.source.splitlines() if line.strip()), "")
        return f"  cell {error.exec_count}: {first_line}\n  {error.ename}: {error.evalue}"
    return f"  {type(error).__name__}: {error}"


def _replace_dir(staged: Path, target: Path) -> None:
    """Move a staged folder into place, keeping the old one until the move succeeded."""
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(backup)
    try:
        shutil.move(str(staged), str(target))
    except Exception:
        if backup.exists():
            backup.rename(target)
        raise
    if backup.exists():
        shutil.rmtree(backup)


def run_pipeline(raw_dir: Path, processed_dir: Path, reports_dir: Path, workers: int = 2) -> int:
    """Check inputs, execute every notebook into a staging folder, then move outputs into place."""
    from analysis import pipeline, publish

    raw_dir, processed_dir, reports_dir = (Path(p).resolve() for p in (raw_dir, processed_dir, reports_dir))
    interim_dir = paths.interim_dir_for(processed_dir)
    started = time.perf_counter()
    corpus = pipeline.check_inputs(raw_dir)  # raises InputError before anything is written
    provinces = pipeline.provinces_of(corpus)
    for message in corpus.warnings:
        print(f"warning: {message}")

    staging = processed_dir.parent / f".staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        staged = {"processed": staging / "processed", "interim": staging / "interim", "reports": staging / "reports"}
        for folder in staged.values():
            folder.mkdir(parents=True)
        (staged["reports"] / "figures").mkdir()
        common = {
            "raw_dir": str(raw_dir),
            "processed_dir": str(staged["processed"]),
            "interim_dir": str(staged["interim"]),
            "reports_dir": str(staged["reports"]),
        }
        clauses_run, figures_run, themes_run = (NotebookRun(name, name, title, dict(common)) for name, title in PIPELINE)
        profile_runs = [
            NotebookRun(PROFILE_NOTEBOOK[0], f"{PROFILE_NOTEBOOK[0]}_{pipeline.province_slug(province)}", f"{province} {PROFILE_NOTEBOOK[1]}", {**common, "province": province})
            for province in provinces
        ]
        compare_run = NotebookRun(COMPARE_NOTEBOOK[0], COMPARE_NOTEBOOK[0], COMPARE_NOTEBOOK[1], dict(common))
        # Stages run in order; the notebooks of one stage only read what earlier stages wrote,
        # so they run side by side (figures ∥ themes; every profile ∥ the comparison).
        stages = [[clauses_run], [figures_run, themes_run], [*profile_runs, compare_run]]
        all_runs = [run for stage in stages for run in stage]
        progress = _Progress(len(all_runs))
        failed = _run_stages(stages, staged["reports"], max(1, workers), progress)
        if failed is not None:  # a notebook failed: report briefly, keep it, leave outputs untouched
            run, error = failed
            failed_dir = reports_dir.parent / f"{reports_dir.name}-failed"
            if failed_dir.exists():
                shutil.rmtree(failed_dir)
            shutil.move(str(staged["reports"]), str(failed_dir))
            print(f"error: notebook {run.output_stem} failed\n{_failure_summary(error)}", file=sys.stderr)
            print(f"The executed notebook is kept in {_display_path(failed_dir)}/ for inspection; previous outputs are unchanged.", file=sys.stderr)
            return EXIT_NOTEBOOK_FAILED

        publish_started = time.perf_counter()
        shown_dirs = {"raw_dir": _display_path(raw_dir), "processed_dir": _display_path(processed_dir), "reports_dir": _display_path(reports_dir)}
        try:
            for message in publish.publish_outputs(corpus, all_runs, staged, shown_dirs):
                print(f"warning: {message}")
        except Exception as error:  # publishing failed: say what, leave the previous outputs in place
            print(f"error: publishing the tables and reports failed\n  {type(error).__name__}: {error}", file=sys.stderr)
            print("Previous outputs are unchanged.", file=sys.stderr)
            return EXIT_NOTEBOOK_FAILED
        publish_seconds = time.perf_counter() - publish_started
        print(f"[publish] HTML pages, index, datapackage, workbook {publish_seconds:6.1f} s")
        _replace_dir(staged["processed"], processed_dir)
        _replace_dir(staged["interim"], interim_dir)
        _replace_dir(staged["reports"], reports_dir)
    finally:  # success, failure or Ctrl-C: no staging folder is left behind
        shutil.rmtree(staging, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print(f"done in {elapsed:.1f} s: tables in {_display_path(processed_dir)}/, reports in {_display_path(reports_dir)}/index.html")
    return 0
