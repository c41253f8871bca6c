"""Report benchmark: the real `python -m analysis run` on generated corpora (`make bench-report`).

Corpora of 3, 30 and 100 documents spread over the 31 provinces of the mainland
(document i belongs to province i mod 31, in the official order) are generated with the
throughput benchmark's generator (benchmarks/bench.py: seed clauses recombined, numbers
and places varied, furniture and encodings mixed), sized like the seed documents
(3,000–9,000 characters). Each corpus and the seeds (data/raw) are run into a folder
under /tmp, three times interleaved (`--repeat`); the script prints the median seconds per
notebook, page sizes and the largest chart, and the ratio of each notebook's time to the
seeds' run. The median of interleaved runs is used because the machines are shared: one
run of a 1–3 s notebook moves by ±0.5 s with the load.

Targets (issue 14): each notebook within 1.5× of the seeds' run at about 100 documents,
every page under 3 MB, every chart under 3,000 px on its long side.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench

from analysis import ingest, paths, pipeline, places, tables_io

DEFAULT_COUNTS = (3, 30, 100)
REPORT_DOC_CHARS = (3_000, 9_000)  # like the seeds (4,500–6,000 characters)
N_PROVINCES = 31  # mainland provinces, autonomous regions and municipalities
MAX_PAGE_BYTES = 3_000_000
MAX_CHART_PX = 3_000
MAX_RATIO = 1.5
# A progress line of `python -m analysis run`: "[3/7] 02_figures      1.1 s"
PROGRESS = re.compile(r"^\[\d+/\d+\]\s+(\S+)\s+([\d.]+) s$")
# The publishing line: "[publish] HTML pages, index, datapackage, workbook    0.9 s"
PUBLISH = re.compile(r"^\[publish\].*?([\d.]+) s$")
PROFILE = "04_province_profile"


def report_corpus(n_documents: int, seed: int = bench.DEFAULT_SEED) -> list[tuple[str, bytes]]:
    """(file name, bytes) of `n_documents` generated documents over the 31 provinces (deterministic)."""
    pool = bench.clause_pool()
    provinces = places.province_names()[:N_PROVINCES]
    rng = random.Random(seed)
    files = []
    for i in range(n_documents):
        doc_rng = random.Random(rng.getrandbits(64))
        text = bench.synthetic_text(
            pool,
            doc_rng,
            doc_rng.randint(*REPORT_DOC_CHARS),
            province=provinces[i % len(provinces)],
        )
        files.append((f"{i:03d}_generated.txt", bench.encode_variant(text, doc_rng)))
    return files


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's IHDR chunk."""
    with open(path, "rb") as handle:
        header = handle.read(24)
    return struct.unpack(">II", header[16:24])


def run_report(raw_dir: Path, out_dir: Path) -> dict:
    """Run the pipeline on `raw_dir` into `out_dir`; seconds per notebook, page bytes, chart sizes."""
    command = [sys.executable, "-m", "analysis", "run", "--raw", str(raw_dir),
               "--processed", str(out_dir / "processed"), "--reports", str(out_dir / "reports")]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=paths.PROJECT_ROOT, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"analysis run failed on {raw_dir} (exit {done.returncode}):\n{done.stderr[-2000:]}"
        )
    seconds: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if match := PROGRESS.match(line.strip()):
            seconds[match.group(1)] = float(match.group(2))
        elif match := PUBLISH.match(line.strip()):
            seconds["publish"] = float(match.group(1))
    reports = out_dir / "reports"
    pages = {p.name: p.stat().st_size for p in sorted(reports.glob("*.html"))}
    charts = {p.name: png_size(p) for p in sorted((reports / "figures").glob("*.png"))}
    return {"seconds": seconds, "pages": pages, "charts": charts}


def median_result(results: list[dict]) -> dict:
    """One result from repeated runs of the same corpus: the median seconds per notebook
    (the machine is shared and noisy); pages and charts are the same in every run."""
    names = sorted(set().union(*(r["seconds"] for r in results)))
    seconds = {
        name: statistics.median(r["seconds"][name] for r in results if name in r["seconds"])
        for name in names
    }
    return {**results[-1], "seconds": seconds}


def stage_seconds(raw_dir: Path, work_dir: Path) -> dict[str, float]:
    """Seconds of the stage functions of notebooks 01–03 run in this process (no kernel, no
    page), on tables saved and read back as the notebooks do: what the computing costs."""
    timer = time.perf_counter
    start = timer()
    documents, clauses = pipeline.clauses_stage(ingest.read_corpus(raw_dir).documents)
    seconds = {"01": timer() - start}
    work_dir.mkdir(parents=True, exist_ok=True)
    tables_io.save_table(documents, work_dir, "documents")
    tables_io.save_table(clauses, work_dir, "clauses")
    documents, clauses = (
        tables_io.load_table(work_dir, "documents"),
        tables_io.load_table(work_dir, "clauses"),
    )
    for stem, stage in (("02", pipeline.figures_stage), ("03", pipeline.themes_stage)):
        start = timer()
        stage(clauses, documents)
        seconds[stem] = timer() - start
    return seconds


def stage_line(name: str, seconds: dict[str, float]) -> str:
    """'stages 100: 01 0.12 s  02 0.95 s  03 0.48 s' (in-process, see stage_seconds)."""
    return f"stages {name:<6} " + "  ".join(f"{k} {v:.2f} s" for k, v in seconds.items())


def summary_row(name: str, n_docs: int, result: dict) -> dict:
    """One line of the table: per-notebook seconds (profiles: mean and max), page and chart sizes."""
    seconds = result["seconds"]
    profiles = [s for stem, s in seconds.items() if stem.startswith(PROFILE)]
    largest_chart = max(result["charts"].items(), key=lambda kv: max(kv[1]), default=("", (0, 0)))
    largest_page = max(result["pages"].items(), key=lambda kv: kv[1], default=("", 0))
    return {
        "corpus": name,
        "docs": n_docs,
        "provinces": len(profiles),
        "01": seconds.get("01_clauses", 0.0),
        "02": seconds.get("02_figures", 0.0),
        "03": seconds.get("03_themes", 0.0),
        "04_mean": sum(profiles) / len(profiles) if profiles else 0.0,
        "04_max": max(profiles, default=0.0),
        "05": seconds.get("05_compare", 0.0),
        "publish": seconds.get("publish", 0.0),
        "compare_mb": result["pages"].get("05_compare.html", 0) / 1e6,
        "largest_page": largest_page[0],
        "largest_page_mb": largest_page[1] / 1e6,
        "largest_chart": largest_chart[0],
        "largest_chart_px": largest_chart[1],
    }


def table_lines(rows: list[dict]) -> list[str]:
    """The benchmark table, then the ratios to the seeds and the target checks."""
    lines = [
        f"{'corpus':<8} {'docs':>4} {'prov':>4} {'01 s':>6} {'02 s':>6} {'03 s':>6} {'04 mean':>8} "
        f"{'04 max':>7} {'05 s':>6} {'publish':>7} {'05 MB':>6} {'largest page (MB)':<40} {'largest chart (px)':<40}",
    ]  # fmt: skip
    for r in rows:
        w, h = r["largest_chart_px"]
        page = f"{r['largest_page']} {r['largest_page_mb']:.2f}"
        chart = f"{r['largest_chart']} {w}×{h}"
        lines.append(
            f"{r['corpus']:<8} {r['docs']:>4} {r['provinces']:>4} {r['01']:>6.1f} {r['02']:>6.1f} "
            f"{r['03']:>6.1f} {r['04_mean']:>8.1f} "
            f"{r['04_max']:>7.1f} {r['05']:>6.1f} {r['publish']:>7.1f} {r['compare_mb']:>6.2f} "
            f"{page:<40} {chart:<40}"
        )  # fmt: skip
    seeds = next((r for r in rows if r["corpus"] == "seeds"), None)
    if seeds:
        lines.append("")
        lines.append("time per notebook ÷ seeds' run (target ≤ 1.5):")
        for r in rows:
            if r is seeds:
                continue
            ratios = {k: r[k] / seeds[k] for k in ("01", "02", "03", "04_mean", "05") if seeds[k]}
            worst = max(ratios.values(), default=0.0)
            cells = "  ".join(f"{k} {v:.2f}" for k, v in ratios.items())
            lines.append(f"  {r['corpus']:<8} {cells}  {'ok' if worst <= MAX_RATIO else 'OVER'}")
    lines.append("")
    for r in rows:
        page_ok = r["largest_page_mb"] * 1e6 < MAX_PAGE_BYTES
        chart_ok = max(r["largest_chart_px"]) < MAX_CHART_PX
        lines.append(
            f"  {r['corpus']:<8} pages < 3 MB: {'ok' if page_ok else 'OVER'}; "
            f"charts < 3,000 px: {'ok' if chart_ok else 'OVER'}"
        )
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="benchmarks/report_bench.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--counts",
        type=str,
        default=",".join(map(str, DEFAULT_COUNTS)),
        help="documents per generated corpus (default 3,30,100)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for the runs (default: a new folder under /tmp, kept)",
    )
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds' run (data/raw)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of every corpus, interleaved, reporting the median seconds (default 3)",
    )
    parser.add_argument(
        "--stages",
        action="store_true",
        help="also time the stage functions of notebooks 01-03 in this process (no kernel, no page)",
    )
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="report_bench_"))
    rows = []
    stages = []
    if args.stages and not args.no_seeds:
        stages.append(stage_line("seeds", stage_seconds(paths.DEFAULT_RAW, out / "stages_seeds")))
    counts = [int(c) for c in args.counts.split(",") if c]
    for count in counts:
        raw = out / f"raw_{count}"
        if raw.exists():
            shutil.rmtree(raw)
        raw.mkdir(parents=True)
        for name, data in report_corpus(count):
            (raw / name).write_bytes(data)
    corpora = [] if args.no_seeds else [("seeds", paths.DEFAULT_RAW)]
    corpora += [(str(count), out / f"raw_{count}") for count in counts]
    results: dict[str, list[dict]] = {name: [] for name, _ in corpora}
    for repeat in range(max(1, args.repeat)):  # interleaved, so load changes hit every corpus
        for name, raw in corpora:
            results[name].append(run_report(raw, out / f"run_{name}"))
            print(f"{name} run {repeat + 1} done ({out / f'run_{name}'})", flush=True)
    for name, raw in corpora:
        n_docs = len(
            [p for p in raw.iterdir() if p.suffix in {".txt", ".html", ".htm", ".docx", ".pdf"}]
        )
        rows.append(summary_row(name, n_docs, median_result(results[name])))
        if args.stages and name != "seeds":
            stages.append(stage_line(name, stage_seconds(raw, out / f"stages_{name}")))
    print()
    print("\n".join(table_lines(rows)))
    if stages:
        print(
            "\nstage functions in-process (what the computing costs, without kernel start and pages):"
        )
        print("\n".join(stages))
    print(f"\nruns kept in {out}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv[1:]))
    except RuntimeError as error:  # a run failed: its message, not a traceback
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(1) from None
