"""/search.atom: an Atom feed per search, read back with feedparser (what feed readers are built on)."""

from __future__ import annotations

import re

import feedparser
import pytest

from webapp.feeds import FEED_ENTRIES


PERIOD_ORDER = ["2023/24", "2022/23", "2021/22", "2020/21", "2019/20"]


def parsed(client, query: str):
    """The feed of `query` (a query string), parsed; it must be well-formed Atom."""
    response = client.get(f"/search.atom?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/atom+xml"
    # Unsanitised: feedparser's own clean-up drops <mark>, which we want to see as it was sent.
    feed = feedparser.parse(response.data, sanitize_html=False)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_a_feed_lists_each_paragraph_with_its_permalink_force_period_and_marks(shared_client):
    feed = parsed(shared_client, "q=body-worn")
    api = shared_client.get("/api/search?q=body-worn&sort=newest&view=flat&page=1").get_json()
    assert len(feed.entries) == api["total"] == 13
    assert feed.feed.title == "Statement Search: body-worn"
    first = feed.entries[0]
    hit = api["hits"][0]
    assert first.title == f"{hit['force']} {hit['period']}, paragraph {hit['paragraph']}"
    assert first.link == f"http://localhost/statements/{hit['statement']}#p{hit['paragraph']}" == first.id
    assert [tag.term for tag in first.tags] == [hit["force"], hit["period"]]
    assert first.author == hit["force"]
    assert first.content[0].type == "text/html"
    assert first.content[0].value == hit["snippet"]
    assert "<mark>body-worn</mark>" in first.content[0].value
    assert feed.feed.link == "http://localhost/search?q=body-worn"


def test_the_newest_period_comes_first(shared_client):
    feed = parsed(shared_client, "q=recruitment")
    periods = [entry.tags[1].term for entry in feed.entries]
    assert len(set(periods)) == 5
    assert periods == sorted(periods, key=PERIOD_ORDER.index)


def test_the_feed_takes_the_filters_of_the_results_page(shared_client):
    feed = parsed(shared_client, "q=recruitment&force=Wexcombe&period=2022-23")
    assert {(entry.tags[0].term, entry.tags[1].term) for entry in feed.entries} == {("Wexcombe", "2022/23")}
    assert feed.feed.title == "Statement Search: recruitment (Wexcombe, 2022/23)"
    corrected = parsed(shared_client, "q=recruitmnet")
    assert len(corrected.entries) == 26
    assert parsed(shared_client, "q=recruitmnet&as_typed=1").entries == []


def test_a_feed_holds_at_most_a_page_of_entries_and_pages_on(shared_client):
    total = shared_client.get("/api/search?q=police").get_json()["total"]
    assert total > FEED_ENTRIES
    first, second = parsed(shared_client, "q=police"), parsed(shared_client, "q=police&page=2")
    assert len(first.entries) == FEED_ENTRIES
    assert len(second.entries) == min(total - FEED_ENTRIES, FEED_ENTRIES)
    assert not {e.id for e in first.entries} & {e.id for e in second.entries}


@pytest.mark.parametrize(
    ("query", "message"),
    [("q=", "Add a search query"), ("q=rural&period=banana", "is not a period"),
     ("q=rural&page=9", "There is no page 9"), ("q=*e*", "Put at least 2 letters before *")],
)
def test_what_the_results_page_refuses_the_feed_refuses(shared_client, query, message):
    response = shared_client.get(f"/search.atom?{query}")
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_text_xml_cannot_hold_is_left_out_and_markup_stays_text(shared_client):
    feed = parsed(shared_client, "q=rural%0B%01+%3Cscript%3E+%26+crime")
    assert feed.feed.title == "Statement Search: rural <script> & crime"
    assert feed.entries


def test_the_results_page_names_its_feed(shared_client):
    page = shared_client.get("/search?q=recruitment&force=Wexcombe&view=flat&sort=force").get_data(as_text=True)
    link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">', page)
    assert link[1] == "Atom feed: recruitment"
    assert link[2] == "/search.atom?q=recruitment&amp;force=Wexcombe"
    assert parsed(shared_client, "q=recruitment&force=Wexcombe").entries
    assert "application/atom+xml" not in shared_client.get("/search").get_data(as_text=True)
