"""Accessible, usable with and without JavaScript, responsive: checked in a real chromium."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from ..pages import PAGES, SEED

pytestmark = pytest.mark.browser

AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}


# The screens every page is tried on: a phone 390 px wide, and a desktop.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def violations(page: Page) -> list[str]:
    results = Axe().run(page, options=AXE_RULES)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]]


def open_at(page: Page, url: str, size: dict, scheme: str) -> None:
    """Go to `url` on a screen of `size` ({"width", "height"}) in the colour `scheme` ("light", "dark")."""
    page.set_viewport_size(size)
    page.emulate_media(color_scheme=scheme)
    page.goto(url)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_accessibility_violations(page: Page, live_server, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server + path)  # a desktop: the facets are open beside the results
    assert violations(page) == []


def tab_until(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches `selector` (at most `limit` times)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_outline(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")


def test_keyboard_only(page: Page, live_server):
    page.goto(live_server + "/")
    page.evaluate("document.activeElement.blur()")
    tab_until(page, "a.skip-link")
    tab_until(page, "#q")
    page.keyboard.type("workforce")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server + "/search?q=workforce")
    tab_until(page, ".hit-title a")
    assert focus_outline(page) != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#p6")).to_be_in_viewport()
    expect(page.locator("#p6.is-target, #p6:target")).to_have_count(1)
    tab_until(page, "#p6 a.permalink", limit=3)
    assert focus_outline(page) != "none"
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"{SEED}#p6"


def test_skip_link_moves_focus_to_the_content(page: Page, live_server):
    page.goto(live_server + SEED)
    tab_until(page, "a.skip-link", limit=2)
    expect(page.locator("a.skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    tab_until(page, "main a", limit=5)


def test_everything_works_without_javascript(no_js_page: Page, live_server):
    page = no_js_page
    page.goto(live_server + "/")
    page.get_by_label("Search the statements").fill("force")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("7 paragraphs match")
    # Filters (open beside the results on a desktop): choose a force, remove it with one click.
    page.get_by_role("checkbox", name=re.compile(r"^Northshire \(1 paragraph in 1 statement\)")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"force=Northshire"))
    expect(page.get_by_role("status")).to_contain_text("1 paragraph matches")
    page.get_by_role("link", name=re.compile("Force: Northshire")).click()
    expect(page).not_to_have_url(re.compile("force="))
    # Paging, in the flat view.
    page.get_by_role("link", name="Show every paragraph").click()
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("ol.hits")).to_have_attribute("start", "4")
    # Highlighting and permalinks.
    page.locator(".hit-title a").first.click()
    expect(page.locator(".paragraph-text mark").first).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Link to paragraph 1$")).click()
    # The URL changes before the new page has loaded: wait for the page, then for its target.
    expect(page).to_have_url(re.compile(r"/statements/[a-z0-9-]+#p1$"))
    page.wait_for_load_state()
    expect(page.locator(":target")).to_have_attribute("id", "p1")
    assert page.locator("button.copy-link").count() == 0  # nothing made by script


def test_results_as_you_type_and_back_works(page: Page, live_server, csp_errors):
    page.goto(live_server + "/")
    page.get_by_label("Search the statements").press_sequentially("moorland", delay=40)
    expect(page.locator("#results-area .hit")).to_have_count(1)
    expect(page.locator("#results-area .snippet mark")).to_have_text("moorland")
    expect(page.locator("#results-area .result-count")).to_contain_text("1 paragraph matches")
    expect(page.locator("#live-status")).to_contain_text("1 paragraph matches")
    # Made on the home page just after the form, in reading order: the status, then the results.
    placed = page.evaluate(
        "() => [...document.querySelectorAll('form.search-form, #live-status, #results-area')].map(e => e.id || 'form')"
    )
    assert placed == ["form", "live-status", "results-area"]
    expect(page).to_have_url(live_server + "/search?q=moorland")  # Enter's address, not the live one
    page.go_back()
    expect(page).to_have_url(live_server + "/")
    assert csp_errors == []


def test_live_results_escape_markup(page: Page, live_server):
    page.goto(live_server + "/")
    page.get_by_label("Search the statements").press_sequentially("script", delay=30)
    expect(page.locator("#results-area .snippet").first).to_contain_text('<script>alert("marchford")</script>')
    assert page.locator("#results-area script").count() == 0


def test_slash_focuses_the_search_box(page: Page, live_server):
    for path in (SEED, "/search?q=abuse", "/statements"):
        page.goto(live_server + path)
        page.locator("h1").click()
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "q"


def test_copy_link_copies_the_clean_url(browser, live_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server}{SEED}?q=workforce")
    page.get_by_role("button", name="Copy link to paragraph 3").click()
    expect(page.locator("#p3 .copy-status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server}{SEED}#p3"
    context.close()


def test_hit_links_carry_no_text_fragment(page: Page, live_server):
    """A text fragment (#p6:~:text=workforce) would find the query quoted in the statement page's
    notice first, and scroll there: hit links name the paragraph alone, served and live."""
    page.goto(live_server + "/search?q=workforce")
    expect(page.locator(".hit-title a").first).to_have_attribute("href", f"{SEED}?q=workforce#p6")
    page.get_by_label("Search the statements").fill("workforces")
    expect(page.locator("#results-area .hit-title a").first).to_have_attribute("href", f"{SEED}?q=workforces#p6")


@pytest.mark.parametrize("path", ["/search?q=abuse", SEED, "/statements", "/search?q=force&view=flat"])
def test_no_sideways_scrolling_at_320px(page: Page, live_server, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_print_shows_the_statement_without_controls(page: Page, live_server):
    page.goto(f"{live_server}{SEED}?q=workforce")
    page.emulate_media(media="print")
    expect(page.locator("a.permalink").first).to_be_hidden()
    expect(page.locator(".header-search")).to_be_hidden()
    expect(page.locator("#p6 .paragraph-text")).to_be_visible()


def test_reduced_motion_turns_off_smooth_scrolling(page: Page, live_server):
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server + SEED)
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"


def test_marks_are_not_told_apart_by_colour_alone(page: Page, live_server):
    page.goto(live_server + "/search?q=workforce")
    assert page.locator(".snippet mark").first.evaluate("el => getComputedStyle(el).borderBottomStyle") == "solid"


def test_no_content_security_policy_violations(page: Page, live_server, csp_errors):
    for path in PAGES.values():
        page.goto(live_server + path)
    assert csp_errors == []


def live_count(page: Page) -> int:
    """The number the live results' count line says (0 for "No paragraph matches")."""
    text = page.locator("#results-area .result-count").inner_text()
    found = re.search(r"([0-9][0-9,]*) paragraphs?", text)
    return int(found.group(1).replace(",", "")) if found else 0


def test_typing_a_word_letter_by_letter_never_flashes_zero(page: Page, live_server):
    """The last word is the start of a word while typing: every count on the way to "workforce"
    is above zero, nothing is fetched for one letter, and the end is the page Enter gives."""
    page.goto(live_server + "/")
    box = page.get_by_label("Search the statements")
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "live=1" in request.url else None)
    counts = []
    for typed in (word[:n] for word in ["workforce"] for n in range(1, len(word) + 1)):
        if len(typed) < 2:
            box.press_sequentially(typed)
            page.wait_for_timeout(400)
            continue
        box.press_sequentially(typed[-1])
        # Wait for the area of these very letters to be swapped in (not merely fetched).
        expect(page.locator("#results-area")).to_have_attribute("data-query", typed)
        counts.append(live_count(page))
    assert not any("q=w&" in url for url in fetched)  # one letter fetches nothing
    assert len(counts) == 8 and min(counts) > 0, counts
    live_hits = page.locator("#results-area .hit-title").all_inner_texts()
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=workforce$"))
    assert page.locator("#results-area .hit-title").all_inner_texts() == live_hits
