"""Benchmark: throughput, scaling and memory of text → all tables (`make bench`).

A synthetic corpus is built deterministically from the seed documents: their
body clauses are recombined into many documents of 20–100k characters, with
numbers, place names, heading structure, page furniture, encodings (UTF-8,
UTF-8 with BOM, CRLF, GB18030) and script (some traditional) varied by a seeded
random generator. The same seed gives the same bytes.

Each size runs in a fresh process (so peak memory of one size does not leak
into the next): bytes → decoded → normalised → metadata → clauses, figures,
targets, funding, themes (`pipeline.build_tables`), all in memory, no notebooks.
A floor is timed on the same text: one compiled regular-expression pass.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import multiprocessing.pool
import os
import random
import re
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.connection import Connection
from pathlib import Path

import opencc
import pandas as pd

from analysis import ingest, paths, pipeline, schema, structure
from analysis.places import PREFECTURE_LEVEL, divisions, find_places

DEFAULT_SIZES = [1_000_000, 3_000_000, 10_000_000]
LONG_DOC_CHARS = (
    30_000_000  # the long-document case: one generated document of this many characters
)
LONG_DOC_BLOCK = 50_000  # characters per structured block of the long document
DEFAULT_SEED = 20240601
DOC_CHARS = (20_000, 100_000)  # length range of a synthetic document, in characters
MIN_DOC_CHARS = 2_000  # the last document of a small corpus may be shorter, never below this
# The floor: one pass of one compiled regex shaped like a figure (number, scale word, unit).
FLOOR_PATTERN = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:元|亩|公顷|千瓦|吨|个|%)")
JSON_KEYS = (
    "chars",
    "docs",
    "seconds",
    "chars_per_s",
    "peak_rss_mb",
    "scaling",
    "floor_chars_per_s",
)

_CN_NUMS = "一二三四五六七八九十"
_TOPICS = (
    "推进资源型地区高质量发展",
    "推动资源枯竭城市转型",
    "支持独立工矿区改造提升",
    "加快采煤沉陷区综合治理",
    "促进能源资源产业绿色发展",
)
_GENRES = ("实施方案", "行动计划", "规划", "指导意见", "工作方案")
_HEAD_FURNITURE = (
    "首页 > 政策文件 > 规划计划",
    "字号:大 中 小  打印  关闭窗口",
    "分享到:微信 微博",
    "浏览次数:{n}",
)
# Quantified sentences mixed in (the seeds hold few figures): money, area, capacity, shares, counts.
_FIGURE_CLAUSES = (
    "到{year}年,{place}新增光伏装机容量{n}万千瓦,风电装机达到{m}万千瓦。",
    "{year}年安排省级专项资金{n}亿元,支持{m}个重点项目建设。",
    "累计完成采煤沉陷区治理{n}万亩,复垦利用土地{m}公顷。",
    "力争到{year}年,战略性新兴产业增加值占规模以上工业增加值比重达到{p}%以上;",
    "已下达中央预算内投资{n}万元,带动社会投资{m}亿元。",
    "建成国家级绿色矿山{n}家、省级示范园区{m}个,年产值突破{n}亿元。",
    "十四五期间,计划改造棚户区住房{n}万套、城镇老旧小区{m}个。",
)
_TAIL_FURNITURE = (
    "上一篇:{p}关于开展专项行动的通知",
    "相关链接",
    "版权所有:{p}人民政府 ICP备{n}号",
    "联系我们  网站地图",
    "扫一扫在手机打开当前页",
)


# ---------------------------------------------------------------- synthetic corpus


@dataclass(frozen=True)
class ClausePool:
    """What the generator recombines: the seeds' body clauses and item titles, and place names."""

    clauses: tuple[str, ...]
    titles: tuple[str, ...]
    places_by_province: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def clause_pool(raw_dir: Path = paths.DEFAULT_RAW) -> ClausePool:
    """Body clauses (not headings, ≥ 8 characters) and item titles of the seed documents."""
    documents = ingest.read_corpus(raw_dir).documents
    clauses = structure.clauses_table(ingest.analysed(documents))
    body = clauses[clauses["part"] == schema.BODY]
    prose = sorted({text for text in body.loc[~body["is_heading"], "text"] if len(text) >= 8})
    titles = sorted({title for title in body["item_title"] if 2 <= len(title) <= 30})
    places: dict[str, list[str]] = {}
    for division in divisions():
        if division.level == PREFECTURE_LEVEL and len(division.name) >= 3:
            places.setdefault(division.province, []).append(division.name)
    return ClausePool(tuple(prose), tuple(titles), {k: tuple(v) for k, v in places.items() if v})


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Replace each run of digits: years stay years (2021–2035), other numbers get new digits."""

    def replace(match: re.Match[str]) -> str:
        digits = match.group()
        if len(digits) == 4 and digits.startswith("20"):
            return str(rng.randint(2021, 2035))
        return str(rng.randint(1 if len(digits) > 1 else 0, 10 ** len(digits) - 1))

    return re.sub(r"\d+", replace, text)


def _vary_places(text: str, places: Sequence[str], rng: random.Random) -> str:
    """Replace the place names found in `text` by places of the document's province."""
    mentions = find_places(text)
    if not mentions or not places:
        return text
    out, cut = [], 0
    for mention in mentions:
        out.append(text[cut : mention.start])
        out.append(rng.choice(places))
        cut = mention.end
    out.append(text[cut:])
    return "".join(out)


def _clause(pool: ClausePool, places: Sequence[str], rng: random.Random) -> str:
    """One seed clause with new numbers and place names (or, one time in twenty, a quantified one)."""
    if rng.random() < 1 / 20:
        return rng.choice(_FIGURE_CLAUSES).format(
            year=rng.randint(2021, 2035),
            place=rng.choice(places),
            n=rng.randint(1, 9999),
            m=round(rng.uniform(0.5, 999), rng.choice((0, 1, 2))),
            p=rng.randint(5, 60),
        )
    return _vary_places(_vary_numbers(rng.choice(pool.clauses), rng), places, rng)


def _paragraph(pool: ClausePool, places: Sequence[str], rng: random.Random) -> str:
    """2–6 clauses joined into a paragraph (a clause ending in ; continues the sentence)."""
    return "".join(_clause(pool, places, rng) for _ in range(rng.randint(2, 6)))


def _body(pool: ClausePool, places: Sequence[str], rng: random.Random, target: int) -> list[str]:
    """Body lines with 一、/(一)/1. headings (or 第一章/第一节), paragraphs, inline item titles."""
    lines: list[str] = []
    size = counted = 0  # characters in lines[:counted]
    chapters = rng.random() < 0.2
    section = 0
    while size < target:
        section += 1
        numeral = _cn_numeral(section)
        heading = (
            f"第{numeral}章 {rng.choice(pool.titles)}"
            if chapters
            else f"{numeral}、{rng.choice(pool.titles)}"
        )
        lines.append(heading)
        for item in range(1, rng.randint(2, 6) + 1):
            style = rng.random()
            title = rng.choice(pool.titles)
            if style < 0.5:
                lines.append(f"({_cn_numeral(item)}){title}。{_paragraph(pool, places, rng)}")
            elif style < 0.8:
                lines.append(f"（{_cn_numeral(item)}）{title}")
                for sub in range(1, rng.randint(2, 4) + 1):
                    lines.append(
                        f"{sub}.{rng.choice(pool.titles)}。{_paragraph(pool, places, rng)}"
                    )
            else:
                lines.append(_paragraph(pool, places, rng))
            size += sum(len(line) for line in lines[counted:])
            counted = len(lines)
            if size >= target:
                break
    return lines


def _cn_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 35 → 三十五 (1–99)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_NUMS[ones - 1]
    head = "" if tens == 1 else _CN_NUMS[tens - 1]
    return head + "十" + (_CN_NUMS[ones - 1] if ones else "")


def synthetic_text(pool: ClausePool, rng: random.Random, target: int, province: str = "") -> str:
    """One document: furniture, title, date, salutation, structured body, signature, furniture.

    The province is drawn at random unless `province` is given (benchmarks/report_bench.py
    spreads documents over all 31 provinces)."""
    province = province or rng.choice(sorted(pool.places_by_province))
    places = pool.places_by_province[province]
    year, month, day = rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28)
    lines: list[str] = []
    if rng.random() < 0.5:
        lines += [line.format(n=rng.randint(10, 99999)) for line in rng.sample(_HEAD_FURNITURE, 2)]
    lines.append(f"{province}{rng.choice(_TOPICS)}{rng.choice(_GENRES)}")
    lines.append(f"发布时间:{year}-{month:02d}-{day:02d} 10:{rng.randint(10, 59)}")
    if rng.random() < 0.3:
        lines.append(f"{rng.choice(places)}人民政府、省直有关部门:")
    lines += _body(pool, places, rng, target - 200)
    lines += [f"{province}发展和改革委员会", f"{year}年{month}月{day}日"]
    if rng.random() < 0.5:
        lines += [
            line.format(p=province, n=rng.randint(10**7, 10**8))
            for line in rng.sample(_TAIL_FURNITURE, 3)
        ]
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


def encode_variant(text: str, rng: random.Random) -> bytes:
    """Bytes as documents arrive: UTF-8 (70%), CRLF, BOM, GB18030, traditional, markup, full-width."""
    roll = rng.random()
    if roll < 0.05:
        text = text.replace("\n", "<p>", 40).replace("、", "&nbsp;", 20)
    elif roll < 0.1:
        text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    elif roll < 0.15:
        text = _to_traditional().convert(text)
    if 0.7 <= roll < 0.8:
        return text.replace("\n", "\r\n").encode("utf-8")
    if 0.8 <= roll < 0.9:
        return text.encode("utf-8-sig")
    if 0.9 <= roll:
        return text.encode("gb18030")
    return text.encode("utf-8")


def synthetic_corpus(total_chars: int, seed: int = DEFAULT_SEED) -> list[tuple[str, bytes]]:
    """(file name, bytes) of documents totalling at least `total_chars` decoded characters.

    Deterministic: the same seed gives the same bytes (each document has its own
    generator seeded from the corpus generator, so sizes share their first documents).
    """
    pool = clause_pool()
    rng = random.Random(seed)
    files: list[tuple[str, bytes]] = []
    done = 0
    while done < total_chars:
        target = rng.randint(*DOC_CHARS)
        doc_rng = random.Random(rng.getrandbits(64))
        remaining = total_chars - done
        text = synthetic_text(pool, doc_rng, max(MIN_DOC_CHARS, min(target, remaining)))
        files.append((f"{len(files):05d}_synthetic.txt", encode_variant(text, doc_rng)))
        done += len(text)
    return files


def long_document_text(total_chars: int, seed: int = DEFAULT_SEED) -> str:
    """One long document (a compilation of plans) of at least `total_chars` characters.

    Title and date, then structured bodies of `LONG_DOC_BLOCK` characters one after
    another (each restarting its 一、/第一章 numbering), then a signature. Deterministic.
    """
    pool = clause_pool()
    rng = random.Random(seed)
    province = rng.choice(sorted(pool.places_by_province))
    places = pool.places_by_province[province]
    lines = [
        f"{province}资源型地区转型发展政策汇编",
        f"发布时间:2023-05-06 10:{rng.randint(10, 59)}",
    ]
    size = 0
    while size < total_chars:
        block = _body(pool, places, rng, LONG_DOC_BLOCK)
        lines += block
        size += sum(len(line) + 1 for line in block)
    lines += [f"{province}发展和改革委员会", "2023年5月6日"]
    return "\n".join(lines) + "\n"


def corpus_digest(files: Sequence[tuple[str, bytes]]) -> str:
    """sha256 over every file name and its bytes (to check determinism)."""
    digest = hashlib.sha256()
    for name, raw in files:
        digest.update(name.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()


# ---------------------------------------------------------------- text → tables


def tables_from_bytes(files: Sequence[tuple[str, bytes]]) -> pipeline.Tables:
    """Every table of a corpus given as (file name, bytes), in one process."""
    return pipeline.build_tables([ingest.document_from_bytes(name, raw) for name, raw in files])


def _tables_and_rss(files: Sequence[tuple[str, bytes]]) -> tuple[pipeline.Tables, int]:
    """Worker task: the tables of a chunk and this worker's peak RSS in kB."""
    return tables_from_bytes(files), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def chunked(files: Sequence[tuple[str, bytes]], n_chunks: int) -> list[list[tuple[str, bytes]]]:
    """Documents in `n_chunks` contiguous chunks of about equal bytes (order kept)."""
    total = sum(len(raw) for _, raw in files) or 1
    chunks: list[list[tuple[str, bytes]]] = [[] for _ in range(max(1, n_chunks))]
    seen = 0
    for item in files:
        index = min(len(chunks) - 1, seen * len(chunks) // total)
        chunks[index].append(item)
        seen += len(item[1])
    return [chunk for chunk in chunks if chunk]


def concat_tables(parts: Sequence[pipeline.Tables]) -> pipeline.Tables:
    """Tables of several chunks as one (rows of each table concatenated in chunk order)."""
    names = ("documents", "clauses", "figures", "targets", "funding", "clause_themes")
    merged = {
        name: pd.concat([getattr(part, name) for part in parts], ignore_index=True)
        for name in names
    }
    return pipeline.Tables(**merged)


def worker_pool(workers: int) -> multiprocessing.pool.Pool:
    """Forked worker processes: they inherit the codebooks and automata already built."""
    return multiprocessing.get_context("fork").Pool(workers)


def tables_parallel(
    files: Sequence[tuple[str, bytes]], workers: int, pool: multiprocessing.pool.Pool | None = None
) -> tuple[pipeline.Tables, list[int]]:
    """Tables of a corpus spread over `workers` processes (chunks of documents); worker peak RSS kB.

    Cross-document steps (the template flag, which compares provinces) see one
    chunk at a time here; the per-document tables are the same as in one process.
    """
    own_pool = pool is None
    pool = pool or worker_pool(workers)
    try:
        results = pool.map(_tables_and_rss, chunked(files, workers * 4), chunksize=1)
    finally:
        if own_pool:
            pool.close()
            pool.join()
    return concat_tables([tables for tables, _ in results]), [rss for _, rss in results]


# ---------------------------------------------------------------- measuring


class TreeRssSampler:
    """Samples the summed RSS of this process and its children (psutil) until stopped."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak_bytes = max(self.peak_bytes, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeRssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def floor_seconds(texts: Sequence[str]) -> tuple[float, int]:
    """Seconds for one `FLOOR_PATTERN.finditer` pass over every text, and the matches found."""
    started = time.perf_counter()
    found = sum(1 for text in texts for _ in FLOOR_PATTERN.finditer(text))
    return time.perf_counter() - started, found


def measure(size: int, workers: int = 1, seed: int = DEFAULT_SEED) -> dict:
    """Build the corpus of `size` characters, then time text → tables and the regex floor.

    One-off start-up (loading the codebooks, building the automata) is done first
    on a tiny corpus and reported apart as `startup_seconds`.
    """
    started = time.perf_counter()
    tables_from_bytes(
        synthetic_corpus(MIN_DOC_CHARS, seed + 1)
    )  # one-off start-up: codebooks, automata
    startup = time.perf_counter() - started
    files = synthetic_corpus(size, seed)
    texts = [ingest.decode_bytes(raw, name)[0] for name, raw in files]
    chars = sum(len(text) for text in texts)
    floor, _ = floor_seconds(texts)
    del texts
    gc.collect()
    started = time.perf_counter()
    pool = worker_pool(workers) if workers > 1 else None  # forked before the sampler thread starts
    with TreeRssSampler() as sampler:
        if pool is not None:
            with pool:
                tables, worker_rss = tables_parallel(files, workers, pool)
        else:
            tables, worker_rss = tables_from_bytes(files), []
        seconds = time.perf_counter() - started
    own_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # one process: its own exact peak; several: the largest sampled sum of RSS over the
    # process tree (pages shared after fork counted in every process: an upper bound)
    peak_kb = own_kb if workers <= 1 else max(sampler.peak_bytes // 1024, own_kb)
    return {
        "chars": chars,
        "docs": len(files),
        "seconds": round(seconds, 6),
        "chars_per_s": round(chars / seconds),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "floor_chars_per_s": round(chars / floor) if floor > 0 else 0,
        "startup_seconds": round(startup, 3),
        "clauses": len(tables.clauses),
        "figures": len(tables.figures),
        "workers": workers,
        "worker_peak_rss_mb": [round(kb / 1024, 1) for kb in worker_rss],
    }


def measure_long_document(total_chars: int = LONG_DOC_CHARS, seed: int = DEFAULT_SEED) -> dict:
    """Text → tables of one generated document of `total_chars` characters: seconds and peak memory."""
    tables_from_bytes(
        synthetic_corpus(MIN_DOC_CHARS, seed + 1)
    )  # one-off start-up, as in `measure`
    files = [("long_document.txt", long_document_text(total_chars, seed).encode("utf-8"))]
    gc.collect()
    started = time.perf_counter()
    documents = [
        ingest.document_from_bytes(*files.pop())
    ]  # the bytes are dropped once decoded, as in `ingest.read_document`
    tables = pipeline.build_tables(documents)
    seconds = time.perf_counter() - started
    return {
        "chars": tables.documents["n_chars"].iloc[0].item(),
        "seconds": round(seconds, 6),
        "chars_per_s": round(tables.documents["n_chars"].iloc[0].item() / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "clauses": len(tables.clauses),
        "figures": len(tables.figures),
    }


def long_document_line(result: dict) -> str:
    """The printed line of the long-document case."""
    return (
        f"long document: {result['chars']:,} characters in one document, {result['seconds']:.2f} s, "
        f"{result['chars_per_s']:,} chars/s, peak {result['peak_rss_mb']:.1f} MB, "
        f"{result['clauses']:,} clauses, {result['figures']:,} figures"
    )


def _send_result(task: Callable[..., dict], args: tuple, connection: Connection) -> None:
    """Child-process entry: run `task(*args)` and send its result (or the error text) back."""
    try:
        connection.send(task(*args))
    except BaseException as error:  # reported by the parent, which raises
        connection.send({"error": f"{type(error).__name__}: {error}"})
    finally:
        connection.close()


def in_child(task: Callable[..., dict], *args: object) -> dict:
    """`task(*args)` in a fresh (spawned) process, so its peak memory is its own."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(task, args, sender))
    process.start()
    sender.close()
    result = receiver.recv()
    process.join()
    if "error" in result:
        raise RuntimeError(f"bench {task.__name__}{args} failed: {result['error']}")
    return result


def measure_in_child(size: int, workers: int = 1, seed: int = DEFAULT_SEED) -> dict:
    """`measure` in a fresh (spawned) process, so each size's peak memory is its own."""
    return in_child(measure, size, workers, seed)


def summary(results: Sequence[dict]) -> dict:
    """The JSON line: figures of the largest size, with seconds at every size."""
    largest = max(results, key=lambda r: r["chars"])
    return {
        "chars": largest["chars"],
        "docs": largest["docs"],
        "seconds": largest["seconds"],
        "chars_per_s": largest["chars_per_s"],
        "peak_rss_mb": largest["peak_rss_mb"],
        "scaling": [[r["chars"], r["seconds"]] for r in sorted(results, key=lambda r: r["chars"])],
        "floor_chars_per_s": largest["floor_chars_per_s"],
    }


def table_lines(results: Sequence[dict]) -> Iterator[str]:
    """The printed table: one row per size, then the per-character cost ratio."""
    yield (
        f"{'chars':>12} {'docs':>6} {'seconds':>8} {'chars/s':>11} {'peak MB':>8} "
        f"{'floor chars/s':>14} {'clauses':>8} {'figures':>8} {'startup s':>9}"
    )
    for r in results:
        yield (
            f"{r['chars']:>12,} {r['docs']:>6} {r['seconds']:>8.2f} {r['chars_per_s']:>11,} "
            f"{r['peak_rss_mb']:>8.1f} {r['floor_chars_per_s']:>14,} {r['clauses']:>8,} "
            f"{r['figures']:>8,} {r['startup_seconds']:>9.2f}"
        )
    if len(results) > 1:
        small, large = (
            min(results, key=lambda r: r["chars"]),
            max(results, key=lambda r: r["chars"]),
        )
        ratio = (large["seconds"] / large["chars"]) / (small["seconds"] / small["chars"])
        yield f"per-character cost, largest / smallest size: {ratio:.2f}x"


def run_bench(
    sizes: list[int] | None = None,
    workers: int = 1,
    seed: int = DEFAULT_SEED,
    long_doc_chars: int | None = None,
) -> int:
    """Measure every size in its own process, print the table and the JSON line; exit code.

    The default run (no `sizes`) also measures one long document of `LONG_DOC_CHARS`
    (or `long_doc_chars`) characters and prints it on its own line before the JSON line.
    """
    if long_doc_chars is None and sizes is None:
        long_doc_chars = LONG_DOC_CHARS
    sizes = sorted(sizes or DEFAULT_SIZES)
    cpus = os.cpu_count()
    load = os.getloadavg()[0]
    print(
        f"bench: text → all tables, {workers} worker process(es) on {cpus} CPUs, seed {seed}, "
        f"python {sys.version.split()[0]}, load average {load:.2f} at start",
        flush=True,
    )
    if load > 0.5:
        print(
            "  note: other processes are using the CPUs; throughput and the --workers speed-up read low",
            flush=True,
        )
    results = []
    for size in sizes:
        results.append(measure_in_child(size, workers, seed))
        print(f"  {size:,} characters measured", file=sys.stderr, flush=True)
    long_doc = in_child(measure_long_document, long_doc_chars, seed) if long_doc_chars else None
    for line in table_lines(results):
        print(line)
    if long_doc:
        print(long_document_line(long_doc))
    # beside this file: PDF pages/s and HTML MB/s of the format readers
    from formats_bench import formats_line, measure_formats

    with tempfile.TemporaryDirectory() as folder:
        print(formats_line(measure_formats(Path(folder))), flush=True)
    print(json.dumps(summary(results)), flush=True)
    return 0


def profile(size: int = 1_000_000, seed: int = DEFAULT_SEED) -> str:
    """Text → tables of `size` characters under pyinstrument; the text report."""
    from pyinstrument import Profiler

    files = synthetic_corpus(size, seed)
    profiler = Profiler(interval=0.001)
    profiler.start()
    tables_from_bytes(files)
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


def main(argv: list[str]) -> int:
    """python benchmarks/bench.py [--sizes 1000000,3000000] [--workers N]: the benchmark;
    `--profile [size]`: one size under pyinstrument; `--long-doc [chars]`: the long document alone.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="benchmarks/bench.py", description="throughput, scaling and memory of text → tables"
    )
    parser.add_argument(
        "--sizes", type=str, default="", help="comma-separated corpus sizes in characters"
    )
    parser.add_argument("--workers", type=int, default=1, help="processes to spread documents over")
    parser.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=1_000_000,
        default=None,
        help="profile one size instead",
    )
    parser.add_argument(
        "--long-doc",
        type=int,
        nargs="?",
        const=LONG_DOC_CHARS,
        default=None,
        help="only the long document",
    )
    args = parser.parse_args(argv)
    if args.profile is not None:
        print(profile(args.profile))
        return 0
    if args.long_doc is not None:
        print(long_document_line(in_child(measure_long_document, args.long_doc)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()] or None
    return run_bench(sizes=sizes, workers=args.workers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
