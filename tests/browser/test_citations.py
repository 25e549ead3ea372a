"""Citing a paragraph in a real chromium: readable without JavaScript, copied with it, accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ..pages import SEED
from .test_frontend import open_at, violations

pytestmark = pytest.mark.browser

CITATION = re.compile(
    r'^West Midlands Police, "West Midlands 2021/22", paragraph 3\. '
    r"http://127\.0\.0\.1:\d+/statements/west-midlands-2021-22#p3 \(accessed \d{1,2} [A-Z][a-z]+ \d{4}\)\.$"
)


def test_cite_copies_the_citation(browser, live_server, csp_errors):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server}{SEED}?q=workforce")
    line = page.locator("#p3 .citation")
    expect(line).to_be_hidden()
    page.get_by_text("Cite paragraph 3").click()
    expect(line).to_be_visible()
    expect(line).to_have_text(CITATION)
    page.get_by_role("button", name="Copy citation of paragraph 3").click()
    expect(page.locator("#p3 .citation-status")).to_have_text("Citation copied")
    assert page.evaluate("navigator.clipboard.readText()") == line.text_content()
    assert csp_errors == []
    context.close()


def test_the_citation_is_readable_without_javascript(no_js_page: Page, live_server):
    page = no_js_page
    page.goto(live_server + SEED)
    page.locator("#p3 .cite summary").click()
    expect(page.locator("#p3 .citation")).to_have_text(CITATION)
    assert page.locator("button.copy-citation").count() == 0  # nothing made by script


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_citation_is_accessible_and_fits_a_phone(page: Page, live_server, scheme):
    open_at(page, live_server + SEED, {"width": 320, "height": 640}, scheme)
    page.locator("#p3 .tools-toggle summary").click()  # a phone folds a paragraph's tools
    page.locator("#p3 .cite summary").click()
    expect(page.get_by_role("button", name="Copy citation of paragraph 3")).to_be_visible()
    assert violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
