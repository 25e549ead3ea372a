"""The benchmark's report: the median of several builds (never the luckiest one), and the search page's parts."""

from __future__ import annotations

import pytest

import index
from bench.load import LoadResult
from bench import page as page_module
from bench.page import page_costs
from bench.report import build_section, web_section
from bench.results import Build, Page, PageCosts, SizeRun, Web, median_build
from webapp import create_app


def build(seconds: float, peak_mb: float) -> Build:
    return Build(paragraphs=100_000, seconds=seconds, peak_mb=peak_mb, index_mb=390, whoosh_mb=190, table_mb=197)


def test_the_median_build_is_reported_with_the_highest_peak():
    builds = [build(68.1, 900), build(60.3, 960), build(61.5, 940)]
    reported = median_build(builds)
    assert reported.seconds == 61.5 and reported.peak_mb == 960
    assert reported.all_seconds == (68.1, 60.3, 61.5)
    assert round(reported.rate) == round(100_000 / 61.5)


def test_the_report_shows_the_range_of_the_builds():
    run = SizeRun(100_000, 100_000, median_build([build(68.1, 900), build(60.3, 960), build(61.5, 940)]), 3.3, {}, 230)
    row = next(line for line in build_section([run]).splitlines() if line.startswith("| 100,000"))
    assert "| 61.5 | 60.3–68.1 | 1,626 | 960 |" in row


def page(label: str, rate: float) -> Page:
    return Page(label, 20_000, LoadResult(requests=int(rate * 10), errors=0, seconds=10.0, latencies_ms=(1.0,)))


def test_the_report_splits_the_page_and_says_what_one_page_may_take():
    costs = PageCosts(rounds=15, opensearch=0.2, constant=0.1, page=2.0, search=1.0, snippets=0.4, render=0.8)
    web = Web(10_000, 10.0, 4, page("cached", 900), page("uncached", 250), page("/opensearch.xml", 2000), costs)
    section = web_section(web)
    assert "| the whole search page | 2.00 | 100% |" in section
    assert "| of which the snippets | 0.40 | 20% |" in section
    # 250 requests/s is 4 ms each; 2,000 is 0.5 ms, so a quarter of that rate allows 2 ms.
    assert "4.00 ms per uncached search page and 0.50 ms per /opensearch.xml" in section
    assert "a search page may take 2.00 ms" in section


def test_the_page_costs_time_the_search_the_page_runs(corpus_dir, index_dir, monkeypatch):
    """The parts are measured on the page's own search: the same arguments (grouped by default
    here: more than one statement), whether the page or the bench runs it."""
    calls = []
    search = index.search

    def recorded(*args, **kwargs):
        calls.append((args[1:], kwargs))
        return search(*args, **kwargs)

    monkeypatch.setattr(index, "search", recorded)
    paths = ["/search?q=police", "/search?q=moorland&view=flat&page=1"]
    client = create_app({"TESTING": True, "DATA_DIR": corpus_dir, "INDEX_DIR": index_dir}).test_client()
    for path in paths:
        client.get(path)
    pages = set(map(repr, calls))
    assert len(pages) == 2
    calls.clear()
    costs = page_costs(corpus_dir, index_dir, paths, rounds=1)
    assert set(map(repr, calls)) == pages
    assert costs.snippets > 0 and all(ms > 0 for _, ms in costs.rows())


def test_only_pages_with_results_are_measured(corpus_dir, index_dir):
    with pytest.raises(RuntimeError, match="answered 400"):
        page_costs(corpus_dir, index_dir, ["/search?q=police&page=0"], rounds=1)


def test_the_snippets_are_timed_with_the_pages_own_marking(corpus_dir, index_dir, monkeypatch):
    other_words = page_module.understand
    monkeypatch.setattr(page_module, "understand", lambda text, generation: other_words("moorland", generation))
    with pytest.raises(RuntimeError, match="not marked as its page marks them"):
        page_costs(corpus_dir, index_dir, ["/search?q=police"], rounds=1)
