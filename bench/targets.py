"""The performance targets, judged from the measured numbers: only those whose inputs were measured."""

from __future__ import annotations

from .results import PAGE_SHARE_GOAL, SizeRun, Web

GB_MB = 1024  # peak memory is read in MB of 1,024 KB, so 1 GB is 1,024 of them


def met(ok: bool) -> str:
    """The verdict column."""
    return "met" if ok else "not met"


def worst(run: SizeRun) -> str:
    """Our slowest query type at one size and its p95."""
    kind, p95 = run.worst_p95("ours")
    return f"worst: {kind} {p95:.1f} ms"


def targets(runs: list[SizeRun], web: Web | None) -> list[list[str]]:
    """Rows of [target, measured, met / not met]."""
    by_size = {run.size: run for run in runs}
    largest = by_size[max(by_size)]
    rows = []

    ours, fts = largest.mean_p50("ours"), largest.mean_p50("sqlite fts5")
    rows.append([f"{largest.paragraphs:,} paragraphs: mean p50 of the 7 types at most 0.5x FTS5's",
                 f"{ours / fts:.2f}x ({ours:.1f} ms vs {fts:.2f} ms)", met(ours <= 0.5 * fts)])

    # The p95 limits hold up to 100k paragraphs; a larger corpus is only reported.
    up_to_100k = max((size for size in by_size if size <= 100_000), default=None)
    for limit, size in ((20, up_to_100k), (5, 10_000)):
        if size in by_size:
            run = by_size[size]
            rows.append([f"{run.paragraphs:,} paragraphs: p95 at most {limit} ms for every type",
                         worst(run), met(run.worst_p95("ours")[1] <= limit)])

    if web is not None:
        rows.append([f"{web.paragraphs:,} paragraphs: uncached search page at least {PAGE_SHARE_GOAL:.0%} of "
                     "/opensearch.xml's requests/s",
                     f"{web.share:.1%} ({web.uncached.result.rate:,.0f} vs {web.cheapest.result.rate:,.0f})",
                     met(web.share >= PAGE_SHARE_GOAL)])

    build = largest.build
    rows.append([f"{largest.paragraphs:,} paragraphs: build at least 1,500 paragraphs/s",
                 f"{build.rate:,.0f} paragraphs/s", met(build.rate >= 1500)])
    peak = max(runs, key=lambda run: run.build.peak_mb)
    rows.append(["build peak memory at most 1 GB", f"{peak.build.peak_mb:,.0f} MB (at {peak.paragraphs:,} paragraphs)",
                 met(peak.build.peak_mb <= GB_MB)])
    ratio = build.table_mb / build.whoosh_mb
    measured = (f"{ratio:.2f}x ({build.table_mb:,.1f} MB vs {build.whoosh_mb:,.1f} MB)" if build.table_mb
                else f"no score table files (Whoosh's: {build.whoosh_mb:,.1f} MB)")
    rows.append([f"{largest.paragraphs:,} paragraphs: score table at most 1.5x Whoosh's files", measured,
                 met(ratio <= 1.5)])

    cold = by_size.get(100_000, largest)
    rows.append([f"{cold.paragraphs:,} paragraphs: cold start to first result at most 300 ms",
                 f"{cold.cold_ms:,.0f} ms", met(cold.cold_ms <= 300)])
    return rows
