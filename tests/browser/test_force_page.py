"""The compare page by subject and the force pages in a real chromium, on the independent corpus
(../shared/corpus; their axe check is in test_compare_page.py): one column on a phone, nothing
wider than the screen, and all of it without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ..pages import SHARED_PAGES
from .test_frontend import DESKTOP, PHONE, open_at, violations

pytestmark = pytest.mark.browser

COMPARE = SHARED_PAGES["compare by subject"]
FORCE = SHARED_PAGES["force"]


@pytest.mark.parametrize("path", SHARED_PAGES.values(), ids=SHARED_PAGES.keys())
def test_nothing_is_wider_than_a_phone(page: Page, shared_server, path):
    open_at(page, shared_server + path, PHONE, "light")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_merged_row_side_by_side_on_a_desktop_stacked_on_a_phone(page: Page, shared_server):
    for size, side_by_side in [(DESKTOP, True), (PHONE, False)]:
        open_at(page, shared_server + COMPARE, size, "light")
        row = page.locator(".compare-row.row-merged")
        expect(row.locator(".side-older .side-paragraph")).to_have_count(2)
        older, newer = row.locator(".side-older").bounding_box(), row.locator(".side-newer").bounding_box()
        if side_by_side:
            assert older["y"] == newer["y"] and older["x"] + older["width"] <= newer["x"]
        else:
            assert older["x"] == newer["x"] and older["y"] + older["height"] <= newer["y"]


def test_shared_key_terms_are_marked_on_both_sides(page: Page, shared_server):
    page.goto(shared_server + COMPARE)
    row = page.locator(".compare-row.row-rewritten")
    for side in (".side-older", ".side-newer"):
        mark = row.locator(f"{side} mark").first
        expect(mark).to_be_visible()
        # Told apart without colour: an underline edge as well as the background.
        assert mark.evaluate("el => getComputedStyle(el).borderBottomStyle") == "solid"


def test_force_page_to_a_comparison_and_a_search_without_javascript(browser, shared_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(shared_server + "/forces")
    page.get_by_role("link", name="Aldermoor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aldermoor")
    expect(page.locator(".chain").first.locator(".chain-steps li")).to_have_count(5)
    page.get_by_role("link", name="2019/20 with 2023/24").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aldermoor: 2019/20 compared with 2023/24")
    page.go_back()
    page.get_by_label("Search Aldermoor’s statements").fill("county lines")
    page.get_by_label("Search Aldermoor’s statements").press("Enter")
    page.wait_for_load_state()
    forces = page.locator(".hit-title a").all_inner_texts()
    assert forces and all(text.startswith("Aldermoor") for text in forces)
    context.close()


@pytest.fixture(scope="module")
def provenance_server(shared_corpus_dir, tmp_path_factory):
    """One statement of the independent corpus with a long source address and a publication date."""
    from .conftest import serving

    data = tmp_path_factory.mktemp("provenance-browser")
    text = (shared_corpus_dir / "wexcombe-2021-22.txt").read_text("utf-8")
    long_url = "https://www.wexcombe.police.example/" + "annual-statement-" * 8 + "2021-22"
    (data / "wexcombe-2021-22.txt").write_text(f"{text}\nSource: {long_url}\nPublished: 2022-07-01\n", "utf-8")
    with serving({"DATA_DIR": data, "INDEX_DIR": tmp_path_factory.mktemp("provenance-browser-index")}) as url:
        yield url


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_statement_with_its_source_and_date(page: Page, provenance_server, size):
    open_at(page, provenance_server + "/statements/wexcombe-2021-22", size, "light")
    expect(page.locator(".provenance")).to_contain_text("Published 1 July 2022. Original:")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert violations(page) == []
