"""The benchmark report: one Markdown document, from a header naming its command and machine to the targets."""

from __future__ import annotations

import datetime
import os
import platform
import sqlite3
from pathlib import Path

import numpy

from .queries import KINDS
from .results import PAGE_SHARE_GOAL, SizeRun, Web
from .targets import targets


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    """One line about this machine and the versions that shape the figures."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"numpy {numpy.__version__}")


def header(command: str) -> str:
    """The title, and what produced this file: command, date and machine."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"# Benchmarks\n\nGenerated file: do not edit. Made by `{command}` on {now}; run it again to refresh.\n\n"
            f"Machine: {machine()}")


def build_section(runs: list[SizeRun]) -> str:
    """Build time, memory and index size, ours beside FTS5's build time."""
    rows = []
    for run in runs:
        b = run.build
        spread = f"{min(b.all_seconds):.1f}–{max(b.all_seconds):.1f}" if b.all_seconds else ""
        rows.append([f"{run.paragraphs:,}", f"{b.seconds:.1f}", spread, f"{b.rate:,.0f}", f"{b.peak_mb:,.0f}",
                     f"{b.index_mb:,.1f}", f"{b.whoosh_mb:,.1f}", f"{b.table_mb:,.1f}",
                     f"{b.table_mb / b.whoosh_mb:.2f}x", f"{run.fts_seconds:.2f}",
                     f"{run.paragraphs / run.fts_seconds:,.0f}"])
    return ("## Build\n\n"
            "(ours: the median of full builds of the same corpus, by time; ours s range: the fastest and slowest of "
            "them; ours peak MB: the highest of them. index MB: the whole generation; Whoosh MB: its `MAIN_` and "
            "`_MAIN_` files; table MB: the score table, the `table-` files)\n\n"
            + table(["paragraphs", "ours s", "ours s range", "ours paragraphs/s", "ours peak MB", "ours index MB", "Whoosh MB",
                     "table MB", "table / Whoosh", "FTS5 s", "FTS5 paragraphs/s"], rows))


def queries_section(runs: list[SizeRun]) -> str:
    """p50 and p95 per query type and engine."""
    rows = []
    for run in runs:
        for kind in KINDS:
            ours, cached, fts, naive = (run.timings[name][kind]
                                        for name in ("ours", "ours cached", "sqlite fts5", "naive whoosh"))
            rows.append([f"{run.paragraphs:,}", kind, f"{ours[0]:.1f}", f"{ours[1]:.1f}", f"{cached[0]:.2f}",
                         f"{fts[0]:.2f}", f"{fts[1]:.2f}", f"{naive[0]:.1f}", f"{naive[1]:.1f}"])
    return ("## Queries (ms, including snippets and total count)\n\n"
            "(ours: result cache off, every query computed; ours cached: the same queries again, served from the cache; "
            "naive: Whoosh as its documentation shows it, a new searcher and parser per query and its highlights, "
            "on our index, whose postings carry no length bounds for skipping blocks: index/schema.py, ParagraphCodec)\n\n"
            + table(["paragraphs", "type", "ours p50", "ours p95", "ours cached p50", "FTS5 p50", "FTS5 p95",
                     "naive p50", "naive p95"], rows))


def side_by_side_section(runs: list[SizeRun]) -> str:
    """The mean of the p50s per engine, and the ratios between them."""
    rows = []
    for run in runs:
        mean = {name: run.mean_p50(name) for name in run.timings}
        rows.append([f"{run.paragraphs:,}", f"{mean['ours']:.1f}", f"{mean['ours cached']:.2f}",
                     f"{mean['sqlite fts5']:.2f}", f"{mean['naive whoosh']:.1f}",
                     f"{mean['ours'] / mean['sqlite fts5']:.1f}x", f"{mean['ours cached'] / mean['sqlite fts5']:.2f}x",
                     f"{mean['naive whoosh'] / mean['ours']:.1f}x", f"{run.worst_p95('ours')[1]:.1f}"])
    return "## Side by side (mean of the 7 p50s)\n\n" + table(
        ["paragraphs", "ours ms", "ours cached ms", "FTS5 ms", "naive Whoosh ms", "ours / FTS5",
         "ours cached / FTS5", "naive / ours", "ours worst p95"], rows)


def cold_section(runs: list[SizeRun]) -> str:
    """Process start to first answered query."""
    rows = [[f"{run.paragraphs:,}", f"{run.cold_ms:.0f}"] for run in runs]
    return ("## Cold start (process start to first answered query)\n\n"
            "(the median of several new processes, one after another)\n\n" + table(["paragraphs", "ms"], rows))


def web_section(web: Web) -> str:
    """Requests/s and latency of the search page, with and without its cache, against /opensearch.xml."""
    rows = [[page.label, f"{page.size / 1024:.1f} KiB", f"{page.result.rate:,.0f}", f"{page.result.p50:.1f}",
             f"{page.result.p99:.1f}", page.result.errors, page.result.requests] for page in web.pages]
    return (f"## Web ({web.paragraphs:,} paragraphs, waitress, {web.threads} threads, {web.seconds:g} s each, "
            f"{web.threads} client threads on 127.0.0.1)\n\n"
            "(/opensearch.xml, the cheapest page the app serves, from the same server as the uncached search page)\n\n"
            + table(["page", "size", "requests/s", "p50 ms", "p99 ms", "errors", "requests"], rows)
            + f"\n\nUncached search page / opensearch.xml: {web.share:.1%} of its requests/s."
            + (costs_section(web) if web.costs else ""))


def costs_section(web: Web) -> str:
    """The uncached search page split into its parts (in-process), beside what one page may cost under the server."""
    page = web.costs.page
    rows = [[what, f"{ms:.2f}", f"{ms / page:.0%}"] for what, ms in web.costs.rows()]
    return ("\n\n### Where the uncached search page's time goes\n\n"
            f"In-process, one thread, no server (bench/page.py): ms per page, the best of {web.costs.rounds} passes "
            "over the same URLs.\n\n"
            + table(["part", "ms", "of the page"], rows)
            + f"\n\nUnder the load above (1 / requests per second, which includes waitress and HTTP, unlike the "
            f"rows here) the server spent {web.uncached.ms_each:.2f} ms per uncached search page and "
            f"{web.cheapest.ms_each:.2f} ms per /opensearch.xml: at {PAGE_SHARE_GOAL:.0%} of /opensearch.xml's rate, "
            f"a search page may take {web.budget_ms(PAGE_SHARE_GOAL):.2f} ms.")


def render(command: str, runs: list[SizeRun], web: Web | None) -> str:
    """The whole report as Markdown."""
    sections = [header(command), build_section(runs), queries_section(runs), side_by_side_section(runs),
                cold_section(runs)]
    if web is not None:
        sections.append(web_section(web))
    sections.append("## Targets\n\n" + table(["target", "measured", "met?"], targets(runs, web)))
    return "\n\n".join(sections) + "\n"
