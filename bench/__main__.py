"""Benchmarks: build, queries side by side with SQLite FTS5 and naive Whoosh, web load, cold start.

    .venv/bin/python -m bench                       # 1k, 10k and 100k paragraphs (about 15 minutes)
    .venv/bin/python -m bench --sizes 1000,10000    # quicker

Everything runs on this machine, in one run, on the same synthetic corpus;
web load goes to 127.0.0.1 only, for a fixed time. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

from index import layout

from .corpus import corpus_dir, paragraph_texts
from .engines import Fts5, NaiveWhoosh, Ours, build_fts5
from .load import load
from .queries import KINDS, QUERIES
from .web import STATIC_PATH, serve

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 5


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    """One line about this machine."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}"


def build_ours(data_dir: Path, index_dir: Path) -> dict:
    """Build our index in a child process (so its peak memory can be read)."""
    code = (
        "import sys, time, index;"
        "r = index.build_index(sys.argv[1], sys.argv[2], full=True);"
        "print(r.paragraphs, r.seconds)"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", code, str(data_dir), str(index_dir)],
                            check=True, capture_output=True, text=True, cwd=ROOT).stdout.split()
    wall = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    generation = layout.current_generation(index_dir)
    size = sum(p.stat().st_size for p in generation.iterdir() if p.is_file())
    paragraphs, seconds = int(output[0]), float(output[1])
    return {
        "paragraphs": paragraphs,
        "seconds": seconds,
        "wall": wall,
        "rate": paragraphs / seconds,
        "peak_mb": max(peak_kb, before) / 1024,
        "size_mb": size / 1_048_576,
    }


def time_queries(engine) -> dict[str, tuple[float, float]]:
    """p50 and p95 (ms) per query type, over every variant run REPEATS times after a warm-up."""
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for query in QUERIES:
        engine.run(query)
        for _ in range(REPEATS):
            started = time.perf_counter()
            engine.run(query)
            times[query.kind].append((time.perf_counter() - started) * 1000)
    return {kind: (statistics.median(ms), sorted(ms)[int(0.95 * (len(ms) - 1))]) for kind, ms in times.items()}


def cold_start(index_dir: Path) -> float:
    """ms from starting a Python process to its first answered query (our search)."""
    code = "import sys, index; print(index.search(index.open_index(sys.argv[1]), 'police').total)"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(index_dir)], check=True, capture_output=True, cwd=ROOT)
    return (time.perf_counter() - started) * 1000


def web_load(data_dir: Path, index_dir: Path, work: Path, seconds: float) -> list[list]:
    """Requests/s and latency of the search page and of a static page of the same size."""
    rows = []
    search_paths = [f"/search?q={quote_plus(q.text)}&view=flat" for q in QUERIES if q.kind != "typo"]
    with serve(data_dir, index_dir) as server:
        page = urllib.request.urlopen(server.url + search_paths[0]).read()
    static = work / "static-page.html"
    static.write_bytes(page)
    for cache, label in ((256, "search page"), (0, "search page, result cache off")):
        with serve(data_dir, index_dir, settings={"RESULT_CACHE_SIZE": cache}) as server:
            result = load(server.url, search_paths, seconds=seconds, threads=4)
        rows.append([label, f"{len(page) / 1024:.1f} KiB", f"{result.rate:,.0f}", f"{result.p50:.1f}",
                     f"{result.p99:.1f}", result.errors, result.requests])
    with serve(data_dir, index_dir, static_page=static) as server:
        result = load(server.url, [STATIC_PATH], seconds=seconds, threads=4)
    rows.append(["static page, same size", f"{len(page) / 1024:.1f} KiB", f"{result.rate:,.0f}",
                 f"{result.p50:.1f}", f"{result.p99:.1f}", result.errors, result.requests])
    return rows


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="paragraph counts (default 1000,10000,100000)")
    parser.add_argument("--work", type=Path, default=ROOT / "instance" / "bench", help="where corpora and indexes go")
    parser.add_argument("--web-seconds", type=float, default=10.0, help="seconds of load per page (default 10)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)

    print(f"Machine: {machine()}\n")
    builds, query_rows, ratio_rows, colds = [], [], [], []
    for size in sizes:
        data = corpus_dir(args.work, size)
        ours_dir = args.work / f"index-{size}"
        built = build_ours(data, ours_dir)
        paragraphs = paragraph_texts(data)
        fts_path = args.work / f"fts5-{size}.sqlite"
        fts_seconds = build_fts5(paragraphs, fts_path)
        builds.append([f"{built['paragraphs']:,}", f"{built['seconds']:.1f}", f"{built['rate']:,.0f}",
                       f"{built['peak_mb']:,.0f}", f"{built['size_mb']:,.1f}",
                       f"{fts_seconds:.2f}", f"{len(paragraphs) / fts_seconds:,.0f}"])
        engines = [Ours(ours_dir), Ours(ours_dir, cache_size=256), Fts5(fts_path), NaiveWhoosh(ours_dir)]
        timings = {engine.name: time_queries(engine) for engine in engines}
        for kind in KINDS:
            ours, cached, fts, naive = (
                timings[name][kind] for name in ("ours", "ours cached", "sqlite fts5", "naive whoosh")
            )
            query_rows.append([f"{len(paragraphs):,}", kind, f"{ours[0]:.1f}", f"{ours[1]:.1f}",
                               f"{cached[0]:.2f}", f"{fts[0]:.2f}", f"{fts[1]:.2f}",
                               f"{naive[0]:.1f}", f"{naive[1]:.1f}"])
        mean = {name: statistics.mean(timings[name][kind][0] for kind in KINDS) for name in timings}
        ratio_rows.append([f"{len(paragraphs):,}", f"{mean['ours']:.1f}", f"{mean['ours cached']:.2f}",
                           f"{mean['sqlite fts5']:.2f}", f"{mean['naive whoosh']:.1f}",
                           f"{mean['ours'] / mean['sqlite fts5']:.1f}x",
                           f"{mean['ours cached'] / mean['sqlite fts5']:.2f}x",
                           f"{mean['naive whoosh'] / mean['ours']:.1f}x",
                           f"{max(timings['ours'][kind][1] for kind in KINDS):.1f}"])
        colds.append([f"{len(paragraphs):,}", f"{statistics.median(cold_start(ours_dir) for _ in range(3)):.0f}"])

    print("## Build\n")
    print(table(["paragraphs", "ours s", "ours paragraphs/s", "ours peak MB", "ours index MB", "FTS5 s", "FTS5 paragraphs/s"], builds))
    print("\n## Queries (ms, including snippets and total count)\n")
    print("(ours: result cache off, every query computed; ours cached: the same queries again, served from the cache)\n")
    print(table(["paragraphs", "type", "ours p50", "ours p95", "ours cached p50", "FTS5 p50", "FTS5 p95", "naive p50", "naive p95"], query_rows))
    print("\n## Side by side (mean of the 7 p50s)\n")
    print(table(["paragraphs", "ours ms", "ours cached ms", "FTS5 ms", "naive Whoosh ms", "ours / FTS5",
                 "ours cached / FTS5", "naive / ours", "ours worst p95"], ratio_rows))
    print("\n## Cold start (process start to first answered query)\n")
    print(table(["paragraphs", "ms"], colds))
    web_size = 10_000 if 10_000 in sizes else sizes[0]
    print(f"\n## Web ({web_size:,} paragraphs, waitress, 4 threads, {args.web_seconds:g} s each, 4 client threads on 127.0.0.1)\n")
    rows = web_load(corpus_dir(args.work, web_size), args.work / f"index-{web_size}", args.work, args.web_seconds)
    print(table(["page", "size", "requests/s", "p50 ms", "p99 ms", "errors", "requests"], rows))


if __name__ == "__main__":
    main()
