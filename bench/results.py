"""What one benchmark run measured, kept as numbers so the report and the targets read the same figures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from .load import LoadResult

# The uncached search page's goal: this share of the cheapest page's requests/s, same server, same run.
PAGE_SHARE_GOAL = 0.25


@dataclass(frozen=True)
class Build:
    """Our index build at one size, and the index it left on disk (sizes in MB)."""

    paragraphs: int
    seconds: float
    peak_mb: float
    index_mb: float
    whoosh_mb: float
    table_mb: float
    # Every build's seconds, when this is the median of several.
    all_seconds: tuple[float, ...] = ()

    @property
    def rate(self) -> float:
        """Paragraphs indexed per second."""
        return self.paragraphs / self.seconds


def median_build(builds: list[Build]) -> Build:
    """The build of median time among full builds of the same corpus, with the highest peak
    memory of them all (an odd number of builds)."""
    ordered = sorted(builds, key=lambda build: build.seconds)
    middle = ordered[len(ordered) // 2]
    return replace(
        middle,
        peak_mb=max(build.peak_mb for build in builds),
        all_seconds=tuple(build.seconds for build in builds),
    )


@dataclass(frozen=True)
class SizeRun:
    """Everything measured at one corpus size."""

    size: int  # as asked for with --sizes; the corpus has about this many paragraphs
    paragraphs: int
    build: Build
    fts_seconds: float
    timings: dict[str, dict[str, tuple[float, float]]]  # engine -> query type -> (p50 ms, p95 ms)
    cold_ms: float

    def mean_p50(self, engine: str) -> float:
        """The mean of an engine's p50s over the query types."""
        return statistics.mean(p50 for p50, _ in self.timings[engine].values())

    def worst_p95(self, engine: str) -> tuple[str, float]:
        """The query type with an engine's highest p95, and that p95."""
        return max(((kind, p95) for kind, (_, p95) in self.timings[engine].items()), key=lambda pair: pair[1])


@dataclass(frozen=True)
class Page:
    """One page put under load: what it is, its size in bytes, and what the load measured."""

    label: str
    size: int
    result: LoadResult

    @property
    def ms_each(self) -> float:
        """1 / requests per second, in ms: the server's time per request, shared out over its concurrent
        clients (not a latency: the p50 is longer)."""
        return 1000 / self.result.rate if self.result.rate else 0.0


@dataclass(frozen=True)
class PageCosts:
    """Milliseconds per page for each part (the best of `rounds` passes); `search` includes `snippets`."""

    rounds: int
    opensearch: float
    constant: float
    page: float
    search: float
    snippets: float
    render: float

    def rows(self) -> list[tuple[str, float]]:
        """(what, ms) in report order."""
        return [
            ("/opensearch.xml through Flask", self.opensearch),
            ("a constant page of the search page's size through Flask", self.constant),
            ("the whole search page", self.page),
            ("the search, as the page runs it", self.search),
            ("of which the snippets", self.snippets),
            ("the template render", self.render),
        ]


@dataclass(frozen=True)
class Web:
    """The web load run: on which corpus size, for how long per page, and the three pages."""

    paragraphs: int
    seconds: float
    threads: int
    cached: Page  # the search page, its result cache on (as deployed)
    uncached: Page  # the search page, every query computed
    cheapest: Page  # /opensearch.xml from the uncached server: the app's floor cost per request
    costs: PageCosts | None = None  # the uncached search page split into its parts, in-process

    @property
    def pages(self) -> list[Page]:
        """The three pages, in report order."""
        return [self.cached, self.uncached, self.cheapest]

    @property
    def share(self) -> float:
        """The uncached search page's request rate as a fraction of the cheapest page's."""
        return self.uncached.result.rate / self.cheapest.result.rate if self.cheapest.result.rate else 0.0

    def budget_ms(self, share: float) -> float:
        """The time a search page may take under the server (ms) to serve `share` of the cheapest page's rate."""
        return self.cheapest.ms_each / share
