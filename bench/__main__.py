"""Benchmarks: build, queries side by side with SQLite FTS5 and naive Whoosh, web load and where a page's time goes, cold start.

    .venv/bin/python -m bench                       # 1k, 10k and 100k paragraphs (about 7 minutes)
    .venv/bin/python -m bench --sizes 1000,10000    # quicker

Everything runs on this machine, in one run, on the same synthetic corpus;
web load goes to 127.0.0.1 only, for a fixed time. Writes a Markdown report
to docs/benchmarks.md (or --out) and prints it.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

from index.generation import layout

from .corpus import corpus_dir, paragraph_texts
from .engines import Fts5, NaiveWhoosh, Ours, build_fts5
from .load import load
from .page import page_costs
from .queries import KINDS, QUERIES
from .report import render
from .results import Build, Page, SizeRun, Web, median_build
from .web import serve

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 5
THREADS = 4
# Full builds per size, the median reported: one build's time varies by a tenth from run to run here.
BUILDS = 3
# New processes started per size for the cold start, the median reported: a single start varies
# by a quarter from run to run here, more than a build does.
COLD_STARTS = 9
MB = 1_048_576


def progress(message: str) -> None:
    """A line on stderr, so a long run shows where it is without touching the report on stdout."""
    print(message, file=sys.stderr, flush=True)


def index_sizes(generation: Path) -> tuple[int, int, int]:
    """Bytes on disk of a generation: all of it, Whoosh's own files, and the score table's."""
    files = [path for path in generation.iterdir() if path.is_file()]
    whoosh = [path for path in files if path.name.startswith(("MAIN_", "_MAIN_"))]
    score_table = [path for path in files if path.name.startswith("table-")]
    return tuple(sum(path.stat().st_size for path in group) for group in (files, whoosh, score_table))


def build_ours(data_dir: Path, index_dir: Path) -> Build:
    """Build our index in a child process, which reports its own peak memory (and its children's)."""
    code = (
        "import resource, sys, index;"
        "r = index.build_index(sys.argv[1], sys.argv[2], full=True);"
        "peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN));"
        "print(r.paragraphs, r.seconds, peak)"
    )
    output = subprocess.run([sys.executable, "-c", code, str(data_dir), str(index_dir)],
                            check=True, capture_output=True, text=True, cwd=ROOT).stdout.split()
    total, whoosh, score_table = index_sizes(layout.current_generation(index_dir))
    return Build(int(output[0]), float(output[1]), int(output[2]) / 1024, total / MB, whoosh / MB, score_table / MB)


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


def measure_size(work: Path, size: int) -> SizeRun:
    """Build, query and cold-start every engine on the corpus of one size."""
    data = corpus_dir(work, size)
    ours_dir = work / f"index-{size}"
    progress(f"{size:,} paragraphs: building ({BUILDS} times)")
    built = median_build([build_ours(data, ours_dir) for _ in range(BUILDS)])
    paragraphs = paragraph_texts(data)
    fts_path = work / f"fts5-{size}.sqlite"
    fts_seconds = build_fts5(paragraphs, fts_path)
    progress(f"{size:,} paragraphs: querying")
    engines = [Ours(ours_dir), Ours(ours_dir, cache_size=256), Fts5(fts_path), NaiveWhoosh(ours_dir)]
    timings = {engine.name: time_queries(engine) for engine in engines}
    cold = statistics.median(cold_start(ours_dir) for _ in range(COLD_STARTS))
    return SizeRun(size, len(paragraphs), built, fts_seconds, timings, cold)


def load_page(label: str, server, paths: list[str], seconds: float) -> Page:
    """Load one page (round-robin over `paths`) on a running server."""
    size = len(urllib.request.urlopen(server.url + paths[0]).read())
    return Page(label, size, load(server.url, paths, seconds=seconds, threads=THREADS))


def web_load(work: Path, run: SizeRun, seconds: float) -> Web:
    """The search page with its result cache, then without it beside /opensearch.xml on the same server."""
    progress(f"{run.size:,} paragraphs: web load")
    data, index_dir = corpus_dir(work, run.size), work / f"index-{run.size}"
    search = [f"/search?q={quote_plus(q.text)}&view=flat" for q in QUERIES if q.kind != "typo"]
    with serve(data, index_dir, threads=THREADS) as server:
        cached = load_page("search page", server, search, seconds)
    # The same server for both, so the ratio between them is the cost of searching alone.
    with serve(data, index_dir, threads=THREADS, settings={"RESULT_CACHE_SIZE": 0}) as server:
        uncached = load_page("search page, result cache off", server, search, seconds)
        cheapest = load_page("/opensearch.xml", server, ["/opensearch.xml"], seconds)
    progress(f"{run.size:,} paragraphs: where the search page's time goes")
    costs = page_costs(data, index_dir, search)
    return Web(run.paragraphs, seconds, THREADS, cached, uncached, cheapest, costs)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks, write the report and print it."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="paragraph counts (default 1000,10000,100000)")
    parser.add_argument("--work", type=Path, default=ROOT / "instance" / "bench", help="where corpora and indexes go")
    parser.add_argument("--web-seconds", type=float, default=10.0, help="seconds of load per page (default 10; 0 skips)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md",
                        help="where the report goes (default docs/benchmarks.md)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)

    runs = [measure_size(args.work, size) for size in sizes]
    web_run = next((run for run in runs if run.size == 10_000), runs[0])
    web = web_load(args.work, web_run, args.web_seconds) if args.web_seconds > 0 else None
    report = render(shlex.join([".venv/bin/python", "-m", "bench", *argv]), runs, web)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report, end="")


if __name__ == "__main__":
    main()
