"""The compare page in a real chromium: accessible in both colour schemes at desktop and phone
widths, two columns on a desktop and one on a phone, and nothing of it needs JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ..pages import COMPARE_PAGES, SHARED_PAGES
from .test_frontend import DESKTOP, PHONE, focus_outline, open_at, tab_until, violations

pytestmark = pytest.mark.browser

COMPARE = COMPARE_PAGES["compare"]


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "server, path",
    [*(("compare_server", path) for path in COMPARE_PAGES.values()),
     *(("shared_server", path) for path in SHARED_PAGES.values())],
    ids=[*COMPARE_PAGES.keys(), *(f"shared {name}" for name in SHARED_PAGES)],
)
def test_no_accessibility_violations(page: Page, request, server, path, scheme, size):
    """0 axe violations on the comparison and force pages, of the compare corpus and of ../shared/corpus (and a
    results page of it whose hits name the years that repeat them)."""
    open_at(page, request.getfixturevalue(server) + path, size, scheme)
    assert violations(page) == []


def sides(page: Page, row: int) -> tuple[dict, dict]:
    """The boxes of the older and newer sides of one row of the comparison."""
    item = page.locator(".compare-row").nth(row)
    return item.locator(".side-older").bounding_box(), item.locator(".side-newer").bounding_box()


def test_two_columns_on_a_desktop(page: Page, compare_server):
    page.set_viewport_size(DESKTOP)
    page.goto(compare_server + COMPARE)
    older, newer = sides(page, 0)
    assert older["y"] == newer["y"]
    assert older["x"] + older["width"] <= newer["x"]


@pytest.mark.parametrize("width", [390, 320])
def test_one_column_on_a_phone_each_side_labelled(page: Page, compare_server, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(compare_server + COMPARE)
    older, newer = sides(page, 0)
    assert older["x"] == newer["x"]
    assert older["y"] + older["height"] <= newer["y"]
    row = page.locator(".compare-row").first
    expect(row.locator(".side-older .side-label")).to_have_text("2021/22, paragraph 1")
    expect(row.locator(".side-newer .side-label")).to_have_text("2022/23, paragraph 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_changes_are_told_apart_without_colour(page: Page, compare_server):
    page.goto(compare_server + COMPARE)
    removed, added = page.locator(".side-older del").first, page.locator(".side-newer ins").first
    expect(removed).to_have_text("removed: sixteen (end removed)")  # read aloud, not shown
    assert removed.evaluate("el => getComputedStyle(el).textDecorationLine") == "line-through"
    assert added.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    for mark, label in [(removed, "removed"), (added, "added")]:
        hidden = mark.locator(".visually-hidden")
        expect(hidden).to_have_text([f"{label}:", f"(end {label})"])
        assert all(hidden.nth(n).bounding_box()["width"] <= 1 for n in range(2))


def test_the_page_needs_no_javascript(no_js_compare_page: Page, compare_server):
    page = no_js_compare_page
    page.goto(compare_server + "/statements/northshire-2022-23")
    page.get_by_role("link", name="Compare with 2021/22").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Northshire: 2021/22 compared with 2022/23")
    expect(page.locator(".compare-row")).to_have_count(4)
    expect(page.locator(".side-older del").first).to_be_visible()
    expect(page.locator(".compare-row.row-moved .moved")).to_have_text("Paragraph 4 in 2021/22, paragraph 2 in 2022/23.")
    page.get_by_role("link", name="2021/22, paragraph 4", exact=True).click()
    expect(page).to_have_url(compare_server + "/statements/northshire-2021-22#p4")
    page.wait_for_load_state()
    expect(page.locator(":target")).to_have_attribute("id", "p4")


def test_keyboard_reaches_the_paragraph_links(page: Page, compare_server, csp_errors):
    page.goto(compare_server + COMPARE)
    tab_until(page, ".side-label a")
    assert focus_outline(page) != "none"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/statements/northshire-2021-22#p1"
    assert csp_errors == []
