"""Search, see the marks, click through to the paragraph: in a real chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SEED = "/statements/west-midlands-2021-22"


@pytest.fixture
def small_page(page: Page) -> Page:
    """A phone-sized window, so that landing on a paragraph needs a scroll."""
    page.set_viewport_size({"width": 390, "height": 640})
    return page


def expect_target(page: Page, paragraph_id: str) -> None:
    """Wait until the paragraph marked as the target (:target, or .is-target after a text fragment)
    is `paragraph_id`: after a click the URL changes before the new page has loaded."""
    page.wait_for_load_state()
    expect(page.locator(".paragraph:target, .paragraph.is-target").first).to_have_attribute("id", paragraph_id)


def test_search_then_land_on_the_marked_paragraph(small_page: Page, live_server):
    page = small_page
    page.goto(live_server + "/")
    page.get_by_label("Search the statements").fill("workforce")
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server + "/search?q=workforce")
    expect(page.get_by_role("status")).to_contain_text("1 paragraph matches")
    expect(page.locator(".snippet mark").first).to_have_text("workforce")

    page.locator(".hit-title a").first.click()

    expect(page).to_have_url(live_server + f"{SEED}?q=workforce#p6")
    paragraph = page.locator("#p6")
    expect_target(page, "p6")
    expect(paragraph).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
    expect(paragraph.locator("mark")).to_have_text(["workforce", "workforce"])
    expect(page.locator("#p5 mark")).to_have_count(0)

    # The :target paragraph is visibly marked: its background differs from its neighbour's.
    background = "(el) => getComputedStyle(el).backgroundColor"
    assert paragraph.evaluate(background) != page.locator("#p5").evaluate(background)


def test_remove_highlighting_keeps_the_place(small_page: Page, live_server):
    page = small_page
    page.goto(f"{live_server}{SEED}?q=workforce#p6")
    expect(page.locator("mark")).to_have_count(2)
    page.get_by_role("link", name="Remove highlighting").click()
    expect(page).to_have_url(f"{live_server}{SEED}#p6")
    expect_target(page, "p6")
    expect(page.locator("mark")).to_have_count(0)


def test_permalink_is_clean_and_targets_its_paragraph(small_page: Page, live_server):
    page = small_page
    page.goto(f"{live_server}{SEED}?q=workforce")
    # On a phone, a paragraph that is neither the target nor matched keeps its tools folded.
    permalink = page.get_by_role("link", name="Link to paragraph 3")
    expect(permalink).to_be_hidden()
    page.locator("#p3 .tools-toggle summary").click()
    expect(permalink).to_be_visible()
    expect(permalink).to_have_attribute("href", f"{SEED}#p3")
    permalink.click()
    expect(page).to_have_url(f"{live_server}{SEED}#p3")
    expect_target(page, "p3")
    expect(page.locator("#p3")).to_be_in_viewport()


def test_script_in_a_statement_is_shown_as_text(page: Page, live_server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server + "/search?q=script")
    expect(page.locator(".snippet").first).to_contain_text('<script>alert("marchford")</script>')
    page.goto(live_server + "/statements/marchford-2023-24?q=onmouseover")
    expect(page.locator("#p2")).to_contain_text('x" onmouseover="alert(1)')
    page.locator("#p2 mark").first.hover()
    assert dialogs == []


def test_did_you_mean_flow(page: Page, live_server):
    page.goto(live_server + "/")
    page.get_by_label("Search the statements").fill("deprevation")
    page.keyboard.press("Enter")
    expect(page.locator(".suggestion")).to_contain_text("Showing results for deprived. Search instead for deprevation.")
    page.get_by_role("link", name="deprevation", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(live_server + "/search?q=deprevation&") + r".*as_typed=1"))
    expect(page.get_by_role("status")).to_contain_text("No paragraph matches")
    page.go_back()
    page.get_by_role("link", name="deprived", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(live_server + "/search?q=deprived") + r"(&view=grouped)?$"))
    expect(page.get_by_label("Search the statements")).to_have_value("deprived")
    expect(page.locator(".suggestion")).to_have_count(0)
    expect(page.locator(".snippet mark")).to_have_text(["deprived"])


@pytest.mark.parametrize("scripts", ["without JavaScript", "with JavaScript"])
def test_filters_survive_a_new_search(page: Page, no_js_page: Page, live_server, scripts):
    """Choose a force, search again: the live results, the page Enter gives and its chip keep the force."""
    page = no_js_page if scripts == "without JavaScript" else page
    page.goto(live_server + "/search?q=police&force=Northshire&view=flat")
    expect(page.get_by_role("link", name=re.compile("Force: Northshire"))).to_be_visible()
    box = page.get_by_label("Search the statements")
    box.fill("abuse")
    if scripts == "with JavaScript":
        # Live results: the same filter (Northshire has one of the two paragraphs about abuse).
        expect(page.locator("#results-area .result-count")).to_contain_text("1 paragraph matches")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=abuse&force=Northshire&view=flat$"))
    expect(page.get_by_role("status")).to_contain_text("1 paragraph matches")
    expect(page.get_by_role("link", name=re.compile("Force: Northshire"))).to_be_visible()
