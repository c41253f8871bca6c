"""Command line: `python -m analysis run [--raw DIR] [--processed DIR] [--reports DIR]`,
`evaluate-themes FOLDER`, `evaluate-figures FOLDER [FOLDER ...]`,
`suggest-keywords --raw DIR [--theme ID]` and `train-theme-model [FOLDER ...] [--out FILE]`.

`run` checks the folders (`analysis.outputs.check_paths`) and the inputs, takes a lock,
executes the notebooks in order with papermill into staging folders beside the outputs,
exports HTML pages and the index, and only when everything succeeded swaps the new tables,
interim texts and reports in together (`analysis.outputs.commit`). A failed or interrupted
run leaves the previous outputs as they were and no staging folder behind.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed, wait
from dataclasses import dataclass, field
from pathlib import Path

from analysis import outputs, paths
from analysis.errors import InputError
from analysis.themes.codebook import CodebookError
from analysis.themes.model import ModelError

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
    run.add_argument(
        "--raw",
        type=Path,
        default=paths.DEFAULT_RAW,
        help="folder of documents: .txt, .html/.htm, .docx, .pdf (default data/raw)",
    )
    run.add_argument(
        "--processed",
        type=Path,
        default=paths.DEFAULT_PROCESSED,
        help="output tables (default data/processed)",
    )
    run.add_argument(
        "--reports",
        type=Path,
        default=paths.DEFAULT_REPORTS,
        help="output reports (default reports)",
    )
    run.add_argument(
        "--workers",
        type=int,
        default=2,
        help="notebooks executed side by side when independent (default 2)",
    )
    run.add_argument(
        "--ocr",
        action="store_true",
        help="read scanned PDFs with Tesseract (needs tesseract-ocr and tesseract-ocr-chi-sim) "
        "instead of refusing them",
    )
    evaluate = commands.add_parser(
        "evaluate-themes",
        help="theme coding against hand-coded paragraphs (FOLDER/*.txt, coder_a.csv, coder_b.csv)",
    )
    evaluate.add_argument(
        "folder", type=Path, help="folder of .txt documents and coder_a.csv (optional coder_b.csv)"
    )
    evaluate.add_argument(
        "--out", type=Path, default=None, help="also write the per-paragraph codings to this CSV"
    )
    figures = commands.add_parser(
        "evaluate-figures",
        help="figures, status and metadata against labelled documents (FOLDER/*.txt, expected.yaml), per genre",
    )
    figures.add_argument(
        "folders",
        type=Path,
        nargs="+",
        metavar="FOLDER",
        help="folder of .txt documents and expected.yaml",
    )
    figures.add_argument(
        "--details",
        action="store_true",
        help="also list, per document, every missed, wrong or unlabelled figure and wrong metadata field",
    )
    suggest = commands.add_parser(
        "suggest-keywords",
        help="candidate keywords co-occurring with a theme's keywords in your corpus",
    )
    suggest.add_argument(
        "--raw",
        type=Path,
        default=paths.DEFAULT_RAW,
        help="folder of .txt documents (default data/raw)",
    )
    suggest.add_argument(
        "--theme", type=str, default="", help="only this theme id (default: every theme)"
    )
    suggest.add_argument(
        "--out",
        type=Path,
        default=Path("keyword_suggestions.csv"),
        help="CSV to write (default keyword_suggestions.csv)",
    )
    suggest.add_argument("--top", type=int, default=30, help="candidates per theme (default 30)")
    suggest.add_argument(
        "--min-count",
        type=int,
        default=3,
        help="minimum clauses of the theme containing a candidate (default 3)",
    )
    train = commands.add_parser(
        "train-theme-model",
        help="retrain the paragraph classifier blended with the keyword rules (from tests/fixtures)",
    )
    train.add_argument(
        "folders",
        type=Path,
        nargs="*",
        metavar="FOLDER",
        help="folders of .txt documents and coder_a.csv (default: the invented sets the shipped "
        "model is trained on, tests/fixtures)",
    )
    train.add_argument(
        "--out", type=Path, default=None, help="weights file to write (default: the codebook's)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    args = _parser().parse_args(argv)
    if args.command in (
        "evaluate-themes",
        "suggest-keywords",
        "evaluate-figures",
        "train-theme-model",
    ):
        return _run_theme_tool(args)
    if args.ocr:  # read by ingest.read_corpus here and in the notebooks' kernels, which inherit it
        from analysis.formats.ocr import OCR_ENV

        os.environ[OCR_ENV] = "1"
    return run_pipeline(args.raw, args.processed, args.reports, workers=args.workers)


def _safe_streams() -> None:
    """Messages never fail on a terminal that cannot show them (PYTHONIOENCODING=ascii):
    characters it lacks are written as \\uXXXX escapes."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")


def _run_theme_tool(args: argparse.Namespace) -> int:
    """evaluate-themes / suggest-keywords: bad input is a message and exit 2, never a traceback."""
    try:
        if args.command == "evaluate-figures":
            from analysis.figure_eval import run_evaluate_figures

            return run_evaluate_figures(args.folders, verbose=args.details)
        if args.command == "train-theme-model":
            from analysis.theme_train import run_train

            return run_train(args.folders, out=args.out)
        if args.command == "evaluate-themes":
            from analysis.theme_eval import run_evaluate

            return run_evaluate(args.folder, args.out)
        from analysis.keyword_suggest import run_suggest

        return run_suggest(
            args.raw, args.out, theme=args.theme, top=args.top, min_count=args.min_count
        )
    except InputError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except (CodebookError, ModelError) as error:  # the codebook or its model file is broken
        print(f"error: {error}", file=sys.stderr)
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
        # quiet the kernel's own log (transport warnings, shutdown notices) in the run output,
        # and its event-loop loggers: a kernel closing on a loaded machine can log a
        # "ZMQStream callback" traceback to the stderr it shares with the run
        extra_arguments=["--IPKernelApp.log_level=CRITICAL", _KERNEL_QUIET_LINE],
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


def _run_stages(
    stages: list[list[NotebookRun]], output_dir: Path, workers: int, progress: _Progress
) -> tuple[NotebookRun, Exception] | None:
    """Execute the stages in order, the notebooks of a stage in parallel; the first failure, or None."""
    pool = ThreadPoolExecutor(max_workers=workers)
    futures: dict = {}
    try:
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
    except BaseException:
        # interrupted: start nothing more, and let the running notebooks finish writing into the
        # staging folders before the caller removes them (signals deferred while waiting)
        with outputs.deferred_signals():
            for future in futures:
                future.cancel()
            wait(list(futures))
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# The loggers of the event loop the notebook kernels talked through (jupyter_client, tornado)
_KERNEL_LOGGERS = ("tornado", "tornado.application", "tornado.general", "asyncio", "traitlets")
# run by each kernel at start-up (IPKernelApp.exec_lines; no cell, no execution count): the same
# loggers quiet inside the kernel process, whose stderr is the run's
_KERNEL_QUIET_LINE = (
    "--IPKernelApp.exec_lines=for name in "
    + repr(_KERNEL_LOGGERS)
    + ": __import__('logging').getLogger(name).setLevel(50)"
)


def _quiet_kernel_teardown() -> None:
    """Every notebook has finished (its result or error is in hand): what the finished kernels'
    message streams log while they close (an "Exception in callback" traceback when the
    machine is loaded or a signal arrives) is no news for the user, so it is not printed."""
    for name in _KERNEL_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _failure_summary(error: BaseException) -> str:
    """The failing cell's first line and the exception, in a few lines."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        first_line = next((line for line in error.source.splitlines() if line.strip()), "")
        return f"  cell {error.exec_count}: {first_line}\n  {error.ename}: {error.evalue}"
    return f"  {type(error).__name__}: {error}"


def _exit_code_of(signum: int) -> int:
    """Exit status after a signal, as a shell reports it: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signum


def _input_bytes(raw_dir: Path) -> int:
    """Bytes of the files directly in the raw folder (what the free-space estimate scales with)."""
    return sum(p.stat().st_size for p in raw_dir.iterdir() if p.is_file() and not p.is_symlink())


@dataclass
class _RunState:
    """How far a run got, so that messages and clean-up say and do what is true."""

    targets: list[outputs.Target] = field(default_factory=list)
    lock: outputs.RunLock | None = None
    staged: bool = False
    keep_old: bool = False  # undoing a failed swap failed: .old-PID holds the previous outputs


def run_pipeline(raw_dir: Path, processed_dir: Path, reports_dir: Path, workers: int = 2) -> int:
    """Check paths and inputs, execute every notebook into staging folders, then swap all outputs
    in at once (`analysis.outputs.commit`); returns the exit code, never raises."""
    state = _RunState()
    try:
        with outputs.signals_raise():
            return _run(Path(raw_dir), Path(processed_dir), Path(reports_dir), workers, state)
    except outputs.Interrupted as interrupt:
        print(
            f"interrupted ({signal.Signals(interrupt.signum).name}): the previous tables and reports are unchanged.",
            file=sys.stderr,
        )
        return _exit_code_of(interrupt.signum)
    except KeyboardInterrupt:  # SIGINT before our handler was installed
        print("interrupted: the previous tables and reports are unchanged.", file=sys.stderr)
        return _exit_code_of(signal.SIGINT)
    except InputError as error:
        print(f"error: {error.message}", file=sys.stderr)
        print(
            "Nothing was written; the previous tables and reports are unchanged.", file=sys.stderr
        )
        return EXIT_INPUT_ERROR
    except OSError as error:  # creating the lock or staging folders: the disk said no
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        print("The previous tables and reports are unchanged.", file=sys.stderr)
        return EXIT_INPUT_ERROR
    finally:
        with outputs.deferred_signals():  # clean-up is not cut short by a second Ctrl-C
            _clean_up(state)


def _clean_up(state: _RunState) -> None:
    """Remove this run's staging and .old folders (unless they hold the only previous outputs)
    and release the lock; problems are printed, never raised."""
    if state.staged and not state.keep_old:
        for problem in outputs.remove_leftovers(state.targets, os.getpid()):
            print(f"warning: {problem}", file=sys.stderr)
        state.staged = False
    if state.lock is not None:
        state.lock.release()
        state.lock = None


def _run(
    raw_dir: Path, processed_dir: Path, reports_dir: Path, workers: int, state: _RunState
) -> int:
    from analysis import pipeline

    started = time.perf_counter()
    # writes nothing; the folders come back resolved (symbolic links followed)
    processed_dir = outputs.resolved(
        processed_dir, "--processed"
    )  # interim/ is beside the real folder
    state.targets = outputs.check_paths(
        raw_dir, processed_dir, paths.interim_dir_for(processed_dir), reports_dir
    )
    raw_dir = raw_dir.resolve()
    processed_dir, _, reports_dir = (t.path for t in state.targets)
    parents = sorted({t.path.parent for t in state.targets})
    if all(parent.is_dir() for parent in parents):  # leftovers of a killed run can only be there
        _lock_and_recover(state, parents)
    corpus = pipeline.check_inputs(raw_dir)  # raises InputError before anything is written
    provinces = pipeline.provinces_of(corpus)
    for message in corpus.warnings:
        print(f"warning: {message}")
    outputs.check_free_space(
        state.targets, _input_bytes(raw_dir), len(PIPELINE) + len(provinces) + 1
    )
    if state.lock is None:  # new output parents: created only once the inputs passed
        for parent in parents:
            parent.mkdir(parents=True, exist_ok=True)
        _lock_and_recover(state, parents)

    staged_by_role = outputs.make_staging(state.targets, os.getpid())
    state.staged = True
    staged = {
        "processed": staged_by_role["--processed"],
        "interim": staged_by_role["interim/"],
        "reports": staged_by_role["--reports"],
    }
    (staged["reports"] / "figures").mkdir()
    common = {
        "raw_dir": str(raw_dir),
        "processed_dir": str(staged["processed"]),
        "interim_dir": str(staged["interim"]),
        "reports_dir": str(staged["reports"]),
    }
    clauses_run, figures_run, themes_run = (
        NotebookRun(name, name, title, dict(common)) for name, title in PIPELINE
    )
    profile_runs = [
        NotebookRun(
            PROFILE_NOTEBOOK[0],
            f"{PROFILE_NOTEBOOK[0]}_{pipeline.province_slug(province)}",
            f"{province} {PROFILE_NOTEBOOK[1]}",
            {**common, "province": province},
        )
        for province in provinces
    ]
    compare_run = NotebookRun(
        COMPARE_NOTEBOOK[0], COMPARE_NOTEBOOK[0], COMPARE_NOTEBOOK[1], dict(common)
    )
    # Stages run in order; the notebooks of one stage only read what earlier stages wrote,
    # so they run side by side (figures ∥ themes; every profile ∥ the comparison).
    stages = [[clauses_run], [figures_run, themes_run], [*profile_runs, compare_run]]
    all_runs = [run for stage in stages for run in stage]
    progress = _Progress(len(all_runs))
    failed = _run_stages(stages, staged["reports"], max(1, workers), progress)
    _quiet_kernel_teardown()
    if failed is not None:  # a notebook failed: report briefly, keep it, leave outputs untouched
        return _notebook_failed(failed, staged["reports"], reports_dir)

    shown_dirs = {
        "raw_dir": _display_path(raw_dir),
        "processed_dir": _display_path(processed_dir),
        "reports_dir": _display_path(reports_dir),
    }
    code = _publish(corpus, all_runs, staged, shown_dirs)
    if code:
        return code
    code = _commit(state)
    if code:
        return code
    elapsed = time.perf_counter() - started
    print(
        f"done in {elapsed:.1f} s: tables in {_display_path(processed_dir)}/, "
        f"reports in {_display_path(reports_dir)}/index.html"
    )
    return 0


def _lock_and_recover(state: _RunState, parents: list[Path]) -> None:
    """Take the lock in every output parent (InputError if another run holds one), then finish
    what a killed earlier run left there."""
    state.lock = outputs.RunLock(parents)
    state.lock.acquire()
    for message in outputs.recover_leftovers(state.targets):
        print(f"note: {message}")


def _notebook_failed(
    failed: tuple[NotebookRun, Exception], staged_reports: Path, reports_dir: Path
) -> int:
    """Keep the executed notebooks in REPORTS-failed/ (beside the reports) and say which cell failed."""
    run, error = failed
    failed_dir = reports_dir.parent / f"{reports_dir.name}-failed"
    print(f"error: notebook {run.output_stem} failed\n{_failure_summary(error)}", file=sys.stderr)
    try:
        if failed_dir.exists():
            shutil.rmtree(failed_dir)
        os.rename(staged_reports, failed_dir)  # same parent, same file system
        kept = f"The executed notebook is kept in {_display_path(failed_dir)}/ for inspection; "
    except OSError as move_error:
        kept = f"(the executed notebook could not be kept: {move_error.strerror or move_error}); "
    print(f"{kept}the previous tables and reports are unchanged.", file=sys.stderr)
    return EXIT_NOTEBOOK_FAILED


def _publish(
    corpus, all_runs: list[NotebookRun], staged: dict[str, Path], shown_dirs: dict[str, str]
) -> int:
    """HTML pages, index, datapackage and workbook into the staging folders; 0, or an exit code."""
    from analysis import publish

    publish_started = time.perf_counter()
    try:
        outputs.fault("publish")
        for message in publish.publish_outputs(corpus, all_runs, staged, shown_dirs):
            print(f"warning: {message}")
    except OSError as error:  # a full disk, a permission changed under us
        where = f" ({_display_path(Path(error.filename))})" if error.filename else ""
        print(
            f"error: writing the new tables and reports failed: {error.strerror or error}{where}",
            file=sys.stderr,
        )
        print("The previous tables and reports are unchanged.", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except Exception as error:  # publishing failed: say what, leave the previous outputs in place
        print(
            f"error: publishing the tables and reports failed\n  {type(error).__name__}: {error}",
            file=sys.stderr,
        )
        print("The previous tables and reports are unchanged.", file=sys.stderr)
        return EXIT_NOTEBOOK_FAILED
    publish_seconds = time.perf_counter() - publish_started
    print(f"[publish] HTML pages, index, datapackage, workbook {publish_seconds:6.1f} s")
    return 0


def _commit(state: _RunState) -> int:
    """Swap the staged outputs in (all or none); 0, or an exit code with a message saying what holds."""
    pid = os.getpid()
    try:
        late = outputs.commit(state.targets, pid)
    except outputs.Interrupted as interrupt:
        name = signal.Signals(interrupt.signum).name
        print(
            f"interrupted ({name}) while replacing the outputs: undone, the previous tables and reports are unchanged.",
            file=sys.stderr,
        )
        return _exit_code_of(interrupt.signum)
    except outputs.CommitError as error:
        cause = error.cause
        reason = (
            f"{cause.strerror or cause}"
            if isinstance(cause, OSError)
            else signal.Signals(getattr(cause, "signum", signal.SIGINT)).name
        )
        if error.restored:
            print(
                f"error: replacing the outputs failed ({reason}); "
                "undone: the previous tables and reports are unchanged.",
                file=sys.stderr,
            )
            return EXIT_INPUT_ERROR
        state.keep_old = True
        old = sorted({str(t.backup(pid).parent) for t in state.targets})
        print(
            f"error: replacing the outputs failed ({reason}) and undoing it failed too: {error.detail}.",
            file=sys.stderr,
        )
        print(
            f"The previous outputs are kept in {', '.join(old)}; "
            "the next run puts them back (or move them back by hand).",
            file=sys.stderr,
        )
        return EXIT_INPUT_ERROR
    with outputs.deferred_signals():
        for problem in outputs.remove_leftovers(state.targets, pid):
            print(f"warning: {problem}", file=sys.stderr)
    state.staged = False
    if late:
        name = signal.Signals(late[0]).name
        print(
            f"interrupted ({name}) after the new tables and reports were in place: they are complete.",
            file=sys.stderr,
        )
        return _exit_code_of(late[0])
    return 0
