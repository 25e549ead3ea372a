"""The benchmark's build figure: the median of several builds, never the luckiest one."""

from __future__ import annotations

from bench.report import build_section
from bench.results import Build, SizeRun, median_build


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
