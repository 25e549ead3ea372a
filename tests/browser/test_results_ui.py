"""Items of the results UI in a real chromium, at a desktop's width and at 390 px, light and dark,
each page with no axe violations: every force can be chosen (several at once), charts only when
they compare, live results are Enter's, the statement page's header, the skip link and wording.
On the independent corpus (../shared/corpus) and on 40 synthetic forces."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import serving
from .test_frontend import open_at, violations

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LOOKS = [(size, scheme) for size in SIZES for scheme in ("light", "dark")]


@pytest.fixture(scope="module")
def many_server(many_dir, many_index_dir):
    """The app on 200 statements of 40 forces."""
    with serving({"DATA_DIR": many_dir, "INDEX_DIR": many_index_dir}) as url:
        yield url


# From this width (64rem in style.css) the filters stand beside the results, with no toggle.
FILTERS_BESIDE_FROM = 1024


def open_filters(page: Page) -> None:
    """On a phone the filters fold behind a toggle: open it (a desktop shows them already)."""
    # Once the page and its stylesheet have loaded: a page just navigated to may not be styled yet,
    # and the desktop's hidden toggle would then look visible.
    page.wait_for_load_state("load")
    toggle = page.locator(".filters-toggle summary")
    if page.viewport_size["width"] < FILTERS_BESIDE_FROM:
        toggle.click()
    else:
        expect(toggle).to_be_hidden()


# ---- item 2: every force and period can be chosen, several at once ----------------------------


@pytest.mark.parametrize(("size", "scheme"), LOOKS)
def test_all_forces_shown_filtered_and_several_chosen_at_once(page: Page, many_server, size, scheme):
    open_at(page, many_server + "/search?q=funding", SIZES[size], scheme)
    open_filters(page)
    forces = page.locator(".facet-forces input[name=force]")
    expect(forces).to_have_count(40)
    page.get_by_text("Show all 40 forces").click()
    box = page.get_by_label("Filter the forces")
    expect(box).to_be_visible()
    assert violations(page) == []
    box.fill("bram")
    shown = page.locator(".facet-forces li.facet-option:visible label")
    expect(shown.first).to_be_visible()
    names = [text.split(" (")[0] for text in shown.all_text_contents()]
    assert names and all("bram" in name.lower() for name in names)
    last = page.locator(".more-forces li.facet-option:visible input").last
    chosen_late = last.get_attribute("value")
    last.check()
    first = page.locator(".facet-forces > ul li.facet-option:visible input").first
    chosen_first = first.get_attribute("value")
    first.check()
    page.locator("input[name=period]").first.check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"period=2019%2F20"))
    open_filters(page)
    ticked = page.locator(".facet-forces input[name=force]:checked")
    expect(ticked).to_have_count(2)
    assert sorted(ticked.evaluate_all("(boxes) => boxes.map((b) => b.value)")) == sorted([chosen_first, chosen_late])
    # The chosen ones are shown without opening "Show all".
    for name in (chosen_first, chosen_late):
        expect(page.locator(f".facet-forces > ul input[value='{name}']")).to_be_visible()
    assert violations(page) == []


def test_show_all_forces_works_without_javascript(browser, many_server):
    context = browser.new_context(java_script_enabled=False, viewport=SIZES["phone"])
    page = context.new_page()
    page.goto(many_server + "/search?q=funding")
    open_filters(page)
    page.get_by_text("Show all 40 forces").click()
    expect(page.locator(".more-forces li.facet-option").first).to_be_visible()
    expect(page.locator(".force-filter")).to_be_hidden()  # the box needs the script: not offered
    page.locator(".more-forces input[name=force]").first.check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"force="))
    context.close()


# ---- item 3: a chart that compares something -----------------------------------------------------


@pytest.mark.parametrize(("size", "scheme"), LOOKS)
def test_charts_only_when_shares_differ(page: Page, shared_server, size, scheme):
    open_at(page, shared_server + "/search?q=domestic+abuse", SIZES[size], scheme)
    expect(page.locator(".charts svg[role=img]")).to_have_count(2)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert violations(page) == []
    open_at(page, shared_server + "/search?q=rural", SIZES[size], scheme)
    expect(page.locator(".charts")).to_have_count(0)
    # No space kept: the last thing in the results column is the downloads line, then nothing.
    assert page.locator(".results-main > *").last.evaluate("(el) => el.className") == "downloads"


# ---- item 4: live results are Enter's ------------------------------------------------------------


def hit_links(page: Page) -> list[str]:
    return page.locator(".hit-title a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")


@pytest.mark.parametrize(("size", "scheme"), LOOKS)
def test_live_results_are_enters_and_clearing_returns_to_the_start(page: Page, shared_server, size, scheme):
    open_at(page, shared_server + "/search?q=workforce", SIZES[size], scheme)
    enter = hit_links(page)
    assert enter
    open_at(page, shared_server + "/", SIZES[size], scheme)
    start_title = page.title()
    box = page.get_by_label("Search the statements")
    box.press_sequentially("workforce", delay=20)
    expect(page.locator(".hit-title a").first).to_be_visible()
    expect(page).to_have_title(re.compile("^workforce – search results"))
    expect(page).to_have_url(shared_server + "/search?q=workforce")  # Enter's address: no live=1
    assert hit_links(page) == enter  # the same hits, in the same order, with Enter's links
    assert violations(page) == []
    box.fill("")
    expect(page.locator(".hit")).to_have_count(0)
    expect(page).to_have_title(start_title)
    expect(page).to_have_url(shared_server + "/")
    assert page.locator("#results-area").inner_text() == ""


# ---- item 5: the statement page's header -----------------------------------------------------------


@pytest.mark.parametrize(("size", "scheme"), LOOKS)
def test_statement_header_and_copy_link_on_one_line(page: Page, shared_server, size, scheme):
    open_at(page, shared_server + "/statements/aldermoor-2021-22", SIZES[size], scheme)
    nav = page.locator(".period-nav")
    expect(nav).to_have_text(re.compile(
        r"^\s*Other years of Aldermoor:\s*2019/20\s+2020/21\s+2021/22 \(this statement\)\s+2022/23\s+2023/24\s*$"
    ))
    # The dots between the years are drawn by CSS: after every year but the last.
    dots = nav.locator("li").evaluate_all("(items) => items.map((li) => getComputedStyle(li, '::after').content)")
    assert dots == ['" ·"'] * 4 + ["none"]
    # One line at a desktop's width.
    if size == "desktop":
        assert nav.evaluate("(el) => el.getClientRects().length") == 1 and nav.bounding_box()["height"] < 40
    assert nav.locator("strong").evaluate("(el) => getComputedStyle(el).fontWeight") == "700"
    expect(page.get_by_text("More about this area")).to_have_count(0)
    if size == "phone":
        page.locator("#p1 .tools-toggle summary").click()
    button = page.locator("#p1 button.copy-link")
    expect(button).to_be_visible()
    lines = button.evaluate(
        "(b) => { const r = document.createRange(); r.selectNodeContents(b); return r.getClientRects().length; }"
    )
    assert lines == 1
    assert violations(page) == []


# ---- item 6: the skip link and the typo wording ----------------------------------------------------


@pytest.mark.parametrize(("size", "scheme"), LOOKS)
def test_skip_to_results_first_and_the_corrected_word_first(page: Page, shared_server, size, scheme):
    open_at(page, shared_server + "/search?q=recruitmnet", SIZES[size], scheme)
    expect(page.locator(".result-count")).to_have_text(
        re.compile(r"^\s*26 paragraphs match\s+recruitment \(you typed recruitmnet\) in 20 statements\s*$")
    )
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.hit') !== null")
    assert violations(page) == []
