"""Links that keep a search's state: the facets' many links are the one link search_url makes."""

from __future__ import annotations

import pytest
from flask import current_app, url_for
from hypothesis import given, settings
from hypothesis import strategies as st

import index
from webapp import create_app
from webapp.links import (
    PATHS_KEPT,
    hit_urls,
    path_for,
    permanent_url,
    results_state,
    statement_path,
    statement_url,
)

NAMES = st.sampled_from(["Kent", "West Midlands", "Avon & Somerset", "Dyfed-Powys", "Ynys Môn", "a/b?c=d#e"])
PERIODS = st.sampled_from(["2021/22", "2022/23", "2023/24"])


@st.composite
def results_pages(draw) -> index.ResultsPage:
    """A results page in any state a link can carry."""
    forces = tuple(draw(st.lists(NAMES, max_size=2, unique=True)))
    periods = tuple(draw(st.lists(PERIODS, max_size=2, unique=True)))
    listed = draw(st.lists(NAMES, min_size=1, max_size=6, unique=True))
    return index.ResultsPage(
        query=draw(st.sampled_from(["knife crime", '"mental health" -drugs', "polic* & co", "été"])),
        total=50, page=draw(st.integers(1, 3)), pages=5, page_size=10, took_ms=1.0, hits=(),
        filters=index.Filters(forces, periods, draw(st.none() | st.just("kent-2022-23"))),
        facets=index.Facets(
            forces=tuple(index.FacetValue(name, 3, selected=name in forces) for name in listed),
            periods=tuple(index.FacetValue(period, 2, selected=period in periods) for period in ("2021/22", "2022/23", "2023/24")),
        ),
        grouped=draw(st.booleans()), as_typed=draw(st.booleans()),
        sort=draw(st.sampled_from(index.SORTS)), live=draw(st.booleans()),
    )


@pytest.fixture(scope="module")
def request_context():
    app = create_app({"TESTING": True, "AUTO_BUILD": False, "INDEX_DIR": "/nonexistent", "DATA_DIR": "/nonexistent"})
    with app.test_request_context("/search"):
        yield


SLUGS = st.sampled_from(["west-midlands-2021-22", "kent-2022-23", "a", "0-9"]) | st.text(min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(SLUGS)
def test_a_statement_path_is_the_one_url_for_writes(request_context, slug):
    """Any slug: those of slugify's letters by swapping the slug in, others (never made) by url_for
    itself; the absolute link to a paragraph likewise."""
    assert statement_path(slug) == url_for("pages.statement", slug=slug)
    assert permanent_url(slug, 3) == url_for("pages.statement", slug=slug, _external=True, _anchor="p3")


@settings(max_examples=100, deadline=None)
@given(results_pages(), st.lists(st.tuples(SLUGS, st.integers(1, 40)), max_size=4))
def test_hit_urls_are_the_links_statement_url_makes(request_context, results, places):
    """A results page's hits carry its query and state; hits shown elsewhere carry neither."""
    hits = [index.Hit(slug, "Kent", "2022/23", number, "text", "text", 1.0) for slug, number in places]
    state = {"q": results.query or None, **results_state(results)}
    assert hit_urls(hits, results) == [statement_url(hit.statement, hit.anchor, **state) for hit in hits]
    assert hit_urls(hits) == [statement_url(hit.statement, hit.anchor) for hit in hits]


def test_paths_follow_where_the_app_is_mounted_and_the_host_asked(client):
    """Paths are kept per app, yet a page served under a prefix links under it, and a permanent
    link names the host it was asked on."""
    plain = client.get("/search?q=workforce").get_data(as_text=True)
    mounted = client.get("/search?q=workforce", environ_overrides={"SCRIPT_NAME": "/sub"}).get_data(as_text=True)
    assert 'href="/static/style.css"' in plain and 'href="/statements/' in plain
    assert 'href="/sub/static/style.css"' in mounted and 'href="/sub/statements/' in mounted
    assert 'action="/sub/search"' in mounted and 'href="/statements/' not in mounted
    for base in ("http://a.example", "http://b.example", "https://a.example"):
        hit = client.get("/api/search?q=workforce", base_url=base).get_json()["hits"][0]
        assert f"{base}/statements/{hit['statement']}#p" in hit["citation"]


def test_the_paths_kept_are_bounded(request_context):
    for number in range(PATHS_KEPT * 3):
        assert path_for("pages.statement", slug=f"odd slug {number}") == url_for("pages.statement", slug=f"odd slug {number}")
    assert 0 < len(current_app.extensions["link_paths"]) <= PATHS_KEPT
