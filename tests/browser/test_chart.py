"""The chart and the facets' counts in a real chromium: accessible and readable on a desktop and a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_frontend import open_at, violations

pytestmark = pytest.mark.browser

# Matches in two statements of three periods and two forces: the period chart is drawn (100%, 100%,
# 0%); each force's one statement matches, 100% and 100%, so no force chart (it would compare nothing).
WITH_CHART = "/search?q=abuse"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def open_everything(page: Page) -> None:
    """Open every disclosure (the facets wherever the layout folds them, the chart's table), so
    that every count is checked."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    expect(page.locator(".chart-table table").first).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_a_results_page_with_the_chart_has_no_accessibility_violations(page: Page, live_server, scheme, size):
    open_at(page, live_server + WITH_CHART, size, scheme)
    expect(page.locator("svg[role=img]")).to_have_count(1)
    open_everything(page)
    assert violations(page) == []


def test_the_chart_has_a_text_alternative(page: Page, live_server):
    page.goto(live_server + WITH_CHART)
    chart = page.get_by_role("img", name="Share of each period's statements that match: 2021/22 100% (1 of 1), "
                                          "2022/23 100% (1 of 1), 2023/24 0% (0 of 1)")
    expect(chart).to_have_count(1)
    open_everything(page)
    expect(page.get_by_role("checkbox", name="Northshire (1 paragraph in 1 statement)")).to_have_count(1)


def test_the_opened_chart_and_facets_fit_a_320px_phone(page: Page, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + WITH_CHART)
    open_everything(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
