"""Where things sit, on a phone (390 x 844) and on a desktop (1280 x 900), in a real chromium:
the first hit without scrolling, the filters beside the results or folded below the count, a
statement's text at full width with its paragraph tools, the sticky line a followed paragraph
lands below, and a table that never breaks a word."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from ..pages import SEED
from .test_frontend import focus_outline, open_at, tab_until, violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
RESULTS = "/search?q=police"  # 4 paragraphs in 2 statements: grouped, with facets
FILTERED = "/search?q=police&force=Northshire"
TARGETED = f"{SEED}?q=workforce#p6"  # paragraph 6 is the target and the only one matched


def box(locator: Locator) -> dict:
    """The bounding box of `locator` (in the viewport's coordinates)."""
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not rendered"
    return found


def bottom(found: dict) -> float:
    return found["y"] + found["height"]


def right(found: dict) -> float:
    return found["x"] + found["width"]


def settle(page: Page) -> None:
    """Wait until the page has stopped scrolling (smooth scrolling may still be under way)."""
    page.evaluate(
        """async () => {
          const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          let last = -1;
          while (last !== window.scrollY) { last = window.scrollY; await frame(); await frame(); }
        }"""
    )


def with_js(page: Page, no_js_page: Page, scripts: str) -> Page:
    return no_js_page if scripts == "without JavaScript" else page


# ---- results: phone first ------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [RESULTS, FILTERED], ids=["no filter", "a force chosen"])
def test_the_first_hit_shows_on_a_phone_without_scrolling(page: Page, live_server, path, scheme):
    open_at(page, live_server + path, PHONE, scheme)
    hit = page.locator(".hit").first
    title = box(hit.locator(".hit-title"))
    assert page.evaluate("window.scrollY") == 0
    # Its title whole and its snippet starting within the top three-quarters of the screen.
    assert bottom(title) <= 0.75 * PHONE["height"], f"the first hit's title ends at {bottom(title)} px"
    # The count first, then the filters folded away, then the hits.
    count, toggle = box(page.locator(".result-count")), box(page.locator(".filters-toggle summary"))
    assert bottom(count) <= toggle["y"] and bottom(toggle) <= box(hit)["y"]
    expect(page.locator("#q-hint")).to_be_hidden()  # the syntax hint is one click away
    page.get_by_text("Search tips").click()
    expect(page.locator("#q-hint")).to_be_visible()


@pytest.mark.parametrize("scripts", ["without JavaScript", "with JavaScript"])
@pytest.mark.parametrize("path", [RESULTS, FILTERED], ids=["no filter", "a force chosen"])
def test_filters_sit_open_beside_the_results_on_a_desktop(page: Page, no_js_page: Page, live_server, path, scripts):
    page = with_js(page, no_js_page, scripts)
    page.set_viewport_size(DESKTOP)
    page.goto(live_server + path)
    facets = page.locator(".facet-lists label")
    assert facets.count() >= 3
    for n in range(facets.count()):
        expect(facets.nth(n)).to_be_visible()
    expect(page.locator(".filters-toggle")).to_be_hidden()
    expect(page.get_by_role("heading", name="Filter by force or period")).to_be_visible()
    panel, hit = box(page.locator(".filters-panel")), box(page.locator(".hit").first)
    assert panel["x"] + panel["width"] <= hit["x"], "the filters are not in a column of their own"
    assert panel["y"] < bottom(hit), "the filters are not beside the results"
    if "force=" in path:
        expect(page.get_by_role("link", name=re.compile("^Force: Northshire"))).to_be_visible()


@pytest.mark.parametrize("scripts", ["without JavaScript", "with JavaScript"])
def test_filters_fold_below_the_count_on_a_phone(page: Page, no_js_page: Page, live_server, scripts):
    page = with_js(page, no_js_page, scripts)
    page.set_viewport_size(PHONE)
    page.goto(live_server + FILTERED)
    chip = page.get_by_role("link", name=re.compile("^Force: Northshire"))
    facets = page.locator(".facet-lists label")
    toggle = page.locator(".filters-toggle summary")
    expect(toggle).to_have_text("Filter by force or period (1 chosen)")
    expect(chip).to_be_hidden()
    for n in range(facets.count()):
        expect(facets.nth(n)).to_be_hidden()
    toggle.click()
    expect(chip).to_be_visible()
    for n in range(facets.count()):
        expect(facets.nth(n)).to_be_visible()
    # Opened where it was: below the count and the toggle, above the hits.
    panel = box(page.locator(".filters-panel"))
    assert bottom(box(toggle)) <= panel["y"] and bottom(panel) <= box(page.locator(".hit").first)["y"]
    page.get_by_role("checkbox", name=re.compile(r"^West Midlands")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"force=West\+Midlands&force=Northshire|force=Northshire&force=West\+Midlands"))


# ---- a statement on a phone ------------------------------------------------------------------


def shown_controls(page: Page, paragraph: str) -> list[str]:
    """The text of the links, buttons and summaries a reader can see in `paragraph` (an id)."""
    return page.locator(f"#{paragraph}").evaluate(
        """(section) => [...section.querySelectorAll("a, button, summary")]
             .filter((el) => el.checkVisibility())
             .map((el) => el.textContent.replace(/\\s+/g, " ").trim())"""
    )


def test_a_statement_has_the_whole_width_on_a_phone(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server + TARGETED)
    widths = page.locator(".paragraph-text").evaluate_all("(all) => all.map((el) => el.getBoundingClientRect().width)")
    assert len(widths) == 7
    assert min(widths) >= 0.9 * PHONE["width"], widths
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_phone_only_the_target_shows_its_tools(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server + TARGETED)
    assert shown_controls(page, "p6") == ["¶", "Copy link", "Said similarly elsewhere (paragraph 6)", "Cite paragraph 6"]
    for number in (1, 2, 3, 4, 5, 7):
        assert shown_controls(page, f"p{number}") == [f"Tools for paragraph {number}"]
    page.get_by_text("Tools for paragraph 3").click()
    assert shown_controls(page, "p3") == [
        "Tools for paragraph 3", "¶", "Copy link", "Said similarly elsewhere (paragraph 3)", "Cite paragraph 3"
    ]
    page.get_by_text("Cite paragraph 3").click()
    expect(page.locator("#p3 .citation")).to_be_visible()


@pytest.mark.parametrize(
    "path, full",
    [(f"{SEED}#p3", 3), (f"{SEED}?q=workforce", 6)],
    ids=["the target, without a search", "the matched paragraph, without a target"],
)
def test_on_a_phone_the_target_or_matched_paragraph_shows_its_tools(no_js_page: Page, live_server, path, full):
    page = no_js_page  # CSS alone (:target, .matched): no script needed
    page.set_viewport_size(PHONE)
    page.goto(live_server + path)
    for number in range(1, 8):
        shown = shown_controls(page, f"p{number}")
        if number == full:
            assert shown == ["¶", f"Said similarly elsewhere (paragraph {number})", f"Cite paragraph {number}"]
        else:
            assert shown == [f"Tools for paragraph {number}"]


def test_on_a_desktop_every_paragraph_shows_its_tools(page: Page, live_server):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server + TARGETED)
    for number in range(1, 8):
        assert shown_controls(page, f"p{number}") == [
            "¶", "Copy link", f"Said similarly elsewhere (paragraph {number})", f"Cite paragraph {number}"
        ]


# ---- landing on a paragraph ------------------------------------------------------------------


def assert_lands_below_the_line(page: Page, paragraph: str, size: dict) -> None:
    settle(page)
    line = box(page.locator(".statement-bar"))
    target = box(page.locator(f"#{paragraph}"))
    assert page.evaluate("window.scrollY") > 0
    assert line["y"] == 0, "the line is not at the top"
    assert bottom(line) <= target["y"] < size["height"] / 2, f"line ends at {bottom(line)}, target starts at {target['y']}"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_followed_paragraph_lands_below_the_sticky_line(page: Page, live_server, size):
    page.set_viewport_size(size)
    page.goto(live_server + f"{SEED}?q=workforce#p3")
    assert_lands_below_the_line(page, "p3", size)
    line = page.locator(".statement-bar")
    expect(line).to_have_text(re.compile(r"^\s*West Midlands 2021/22\s+¶3\s+Back to results\s*$"))
    expect(line.get_by_role("link", name="Back to results")).to_have_attribute("href", "/search?q=workforce")
    assert line.locator(".bar-force").evaluate("(el) => el.scrollWidth <= el.clientWidth"), "the force's name is cut short"


@pytest.mark.parametrize("width", [390, 320])
def test_the_line_stays_one_line_and_a_long_name_gives_way_not_the_period(page: Page, long_names_server, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(long_names_server + "/statements/greater-moorland-and-fells-2020-21?q=town#p1")
    line = page.locator(".statement-bar")
    expect(line).to_contain_text("¶1")
    assert box(line)["height"] <= 46  # 2.75rem and its border: one line
    expect(line.locator(".bar-period")).to_have_text("2020/21")
    # Side by side in the screen's width, none overlapping the next, the period inside its own box.
    parts = [box(line.locator(part)) for part in (".bar-statement", ".bar-paragraph", "a")]
    assert parts[0]["x"] >= 0 and right(parts[-1]) <= width
    assert all(right(one) <= following["x"] for one, following in zip(parts, parts[1:])), parts
    assert right(box(line.locator(".bar-period"))) <= right(parts[0]), "the period is cut short"


def test_from_a_hit_to_its_paragraph_on_a_phone(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server + "/search?q=workforce")
    page.locator(".hit-title a").first.click()
    expect(page).to_have_url(live_server + TARGETED)  # no text fragment: it would find the notice's quote
    page.wait_for_load_state()
    assert_lands_below_the_line(page, "p6", PHONE)
    expect(page.locator(".statement-bar")).to_contain_text("¶6")
    expect(page.locator(".highlight-notice")).not_to_be_in_viewport()
    page.locator(".statement-bar").get_by_role("link", name="Back to results").click()
    expect(page).to_have_url(live_server + "/search?q=workforce")


def test_the_line_follows_the_address_and_offers_no_way_back_without_a_search(page: Page, live_server):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server + f"{SEED}#p6")
    line = page.locator(".statement-bar")
    expect(line).to_have_text(re.compile(r"^\s*West Midlands 2021/22\s+¶6\s*$"))
    expect(line.get_by_role("link")).to_have_count(0)
    page.get_by_role("link", name="Link to paragraph 2").click()
    expect(line).to_contain_text("¶2")
    assert_lands_below_the_line(page, "p2", DESKTOP)


def test_the_line_never_hides_what_has_the_focus(page: Page, live_server):
    """Tabbing backwards up the statement scrolls each control into view below the line, not under it."""
    page.set_viewport_size(PHONE)
    page.goto(live_server + f"{SEED}?q=workforce#p7")
    settle(page)
    page.keyboard.press("Tab")  # from the target: its tools toggle
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        settle(page)
        focused = box(page.locator(":focus"))
        line = box(page.locator(".statement-bar"))
        assert focused["y"] >= bottom(line), page.evaluate("document.activeElement.outerHTML")


# ---- tables --------------------------------------------------------------------------------

BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("table.statements th, table.statements td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden")) continue;
      for (const word of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("path", ["/statements", "/statements?sort=period"])
def test_the_statement_table_never_breaks_a_word(page: Page, long_names_server, path, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(long_names_server + path)
    expect(page.locator("table.statements td")).to_have_count(8)
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the table scrolls in its own region


def test_a_table_too_wide_for_a_phone_scrolls_in_a_focusable_region(page: Page, long_names_server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(long_names_server + "/statements")
    region = page.get_by_role("region", name="Statements grouped by force")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")  # these names do not fit 320 px
    tab_until(page, ".table-wrap")
    assert focus_outline(page) != "none"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.table-wrap').scrollLeft > 0")


# ---- accessible, focus visible -------------------------------------------------------------

PHONE_PAGES = {
    "home": "/",
    "results": RESULTS,
    "results, filtered": FILTERED,
    "statement, a target": TARGETED,
    "statement list": "/statements",
    "statement list by period": "/statements?sort=period",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PHONE_PAGES.values(), ids=PHONE_PAGES.keys())
def test_no_accessibility_violations_on_a_phone(page: Page, live_server, path, scheme):
    """Axe-core at 390 px, with every fold of the layout open (filters, a paragraph's tools)."""
    open_at(page, live_server + path, PHONE, scheme)
    for toggle in (".filters-toggle summary", "#p3 .tools-toggle summary", ".search-tips summary"):
        if page.locator(toggle).count():
            page.locator(toggle).click()
    assert violations(page) == []


def test_the_folds_show_keyboard_focus(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server + FILTERED)
    for toggle in (".search-tips summary", ".filters-toggle summary"):
        tab_until(page, toggle)
        assert focus_outline(page) != "none"
    page.keyboard.press("Enter")
    expect(page.locator(".facet-lists label").first).to_be_visible()
    page.goto(live_server + TARGETED)
    tab_until(page, "#p7 .tools-toggle summary")
    assert focus_outline(page) != "none"
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Link to paragraph 7")).to_be_visible()
