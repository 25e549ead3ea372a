"""Load with and without an attacker, and a soak: the production server on 127.0.0.1 only.

    .venv/bin/python -m bench.hostile [--paragraphs 10000] [--seconds 10]

An ordinary query mix runs alone for a fixed time, then again while an
attacker sends the hostile catalogue (expensive wildcards, huge ORs, giant
tokens, parser-breaking syntax); then a 2,000-request soak records the
server's open file descriptors and memory. Every loop is bounded in
requests and time. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path
from urllib.parse import quote

import index

from .corpus import corpus_dir
from .load import load
from .queries import QUERIES
from .web import serve

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = [
    "ka* ri*", "*e*", " OR ".join(f"word{n}" for n in range(1023)), "x" * 16_000, "NOT AND ",
    " AND ".join(["crime"] * 1000), "(" * 400 + "crime" + ")" * 400, "co* pa* re*", "in* OR pr* OR co*",
    " OR ".join(["police", "crime", "community", "public", "support", "the", "of", "and"] * 3),
    '"the of and to in a" OR "police crime"', "a" * 499, "\x00\ud800 police",
]


def ordinary_paths(built: Path) -> list[str]:
    """A realistic mix: every query type, pages and JSON, flat and grouped. A second page is asked
    for only where the index `built` has one (a page past the last is refused with a 400)."""
    searched = index.open_index(built)
    paths = []
    for number, query in enumerate(QUERIES):
        q = quote(query.text)
        paths.append(f"/search?q={q}" if number % 3 else f"/api/search?q={q}")
        if number % 4 == 0 and index.search(searched, query.text, page_size=index.PAGE_SIZE).pages > 1:
            paths.append(f"/search?q={q}&page=2&view=flat")
    return paths


def hostile_paths() -> list[str]:
    """The attacker's requests."""
    return [f"/search?q={quote(text.encode('utf-8', 'surrogatepass'), safe='')}" for text in HOSTILE]


def process_facts(pid: int) -> tuple[int, float]:
    """(open file descriptors, resident memory MB) of a process."""
    fds = len(list(Path(f"/proc/{pid}/fd").iterdir()))
    rss_kb = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                  if line.startswith("VmRSS:"))
    return fds, rss_kb / 1024


def run(data: Path, built: Path, seconds: float, soak_requests: int = 2000) -> dict:
    """Alone, under attack, and soak; returns the figures."""
    figures = {}
    with serve(data, built, settings={"RESULT_CACHE_SIZE": 0}) as server:
        ordinary = ordinary_paths(built)
        # Every path at least once in each phase, however busy the machine.
        figures["alone"] = load(server.url, ordinary, seconds, threads=4, at_least=len(ordinary))
        attack = {}

        def attacker():
            attack["result"] = load(server.url, hostile_paths(), seconds, threads=2,
                                    ok_statuses=frozenset({200, 400}), at_least=len(hostile_paths()))

        thread = threading.Thread(target=attacker)
        thread.start()
        figures["attacked"] = load(server.url, ordinary, seconds, threads=4, at_least=len(ordinary))
        thread.join(seconds + 60)
        figures["attacker"] = attack["result"]
        soak = []
        for _ in range(4):
            result = load(server.url, ordinary + hostile_paths()[:3], seconds=120,
                          threads=4, max_requests=soak_requests // 4, ok_statuses=frozenset({200, 400}))
            soak.append((result.requests, result.errors, *process_facts(server.pid)))
        figures["soak"] = soak
    return figures


def main(argv: list[str] | None = None) -> None:
    """Run the load, attack and soak, and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds of each load phase (default 10)")
    parser.add_argument("--work", type=Path, default=ROOT / "instance" / "bench")
    args = parser.parse_args(argv)
    data = corpus_dir(args.work, args.paragraphs)
    built = args.work / f"index-{args.paragraphs}"
    index.build_index(data, built)
    figures = run(data, built, args.seconds)
    print(f"## Load ({args.paragraphs:,} paragraphs, waitress 4 threads, result cache off, {args.seconds:g} s per phase)\n")
    print("| phase | requests | requests/s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    for label, key in (("ordinary queries alone", "alone"), ("ordinary queries under attack", "attacked"),
                       ("the attacker's requests", "attacker")):
        r = figures[key]
        print(f"| {label} | {r.requests:,} | {r.rate:,.0f} | {r.p50:.1f} | {r.p99:.1f} | {r.errors} |")
    ratio = figures["attacked"].p99 / figures["alone"].p99 if figures["alone"].p99 else 0
    print(f"\np99 of ordinary queries under attack / alone: {ratio:.2f}x\n")
    print("## Soak\n")
    print("| after requests | errors | open fds | memory MB |")
    print("|---|---|---|---|")
    total = 0
    for requests, errors, fds, rss in figures["soak"]:
        total += requests
        print(f"| {total:,} | {errors} | {fds} | {rss:.0f} |")


if __name__ == "__main__":
    main()
