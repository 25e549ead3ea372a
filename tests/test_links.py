"""Links that keep a search's state: the facets' many links are the one link search_url makes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import index
from webapp import create_app
from webapp.links import narrowing_urls, search_url

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


@settings(max_examples=200, deadline=None)
@given(results_pages())
def test_narrowing_urls_are_the_links_search_url_makes(request_context, results):
    """Each value not chosen gets the very URL of adding it; chosen ones get none (they are removed instead)."""
    for name, facet_values in (("force", results.facets.forces), ("period", results.facets.periods)):
        expected = {
            value.value: search_url(results, **{f"add_{name}": value.value})
            for value in facet_values if not value.selected
        }
        assert narrowing_urls(results, name, facet_values) == expected


def test_facets_narrow_by_force_or_period_only(request_context):
    results = index.ResultsPage(query="crime", total=1, page=1, pages=1, page_size=10, took_ms=1.0, hits=())
    with pytest.raises(ValueError, match="force or period"):
        narrowing_urls(results, "statement", ())
