"""A chart that compares something: the share of each period's (or force's) statements that match,
drawn only when the shares differ; a force named in the query always in the force chart; otherwise
no chart and no space kept for one (on the independent corpus and on 40 forces)."""

from __future__ import annotations

import re

import pytest

import index
from index.results.facets import CHART_FORCES

from .conftest import client_of


@pytest.fixture(scope="module")
def many_client(many_dir, many_index_dir):
    """A test client of the app on 200 statements of 40 forces."""
    return client_of(many_dir, many_index_dir)


def chart_titles(page: str) -> list[str]:
    """The text alternative of each chart on a results page."""
    return re.findall(r'<title id="(?:period|force)-chart-title">(.*?)</title>', page)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("domestic abuse", [
            "Share of each period's statements that match: 2019/20 25% (1 of 4), 2020/21 50% (2 of 4), "
            "2021/22 75% (3 of 4), 2022/23 75% (3 of 4), 2023/24 50% (2 of 4)",
            "Share of each force's statements that match: Wexcombe 80% (4 of 5), Kettlewick 80% (4 of 5), "
            "Penhallow 60% (3 of 5)",
        ]),
        # Every period 3 of 4 and the forces' shares alike: nothing to compare, no chart at all.
        ("rural", []),
        ("recruitment", []),
    ],
)
def test_charts_are_drawn_only_when_the_shares_differ(shared_client, query, titles):
    page = shared_client.get(f"/search?q={query}").get_data(as_text=True)
    assert chart_titles(page) == titles
    if not titles:
        # No chart and no space kept for one: no section, heading or table.
        assert 'class="charts"' not in page and "How often statements say this" not in page


def test_a_force_named_in_the_query_is_always_in_the_chart(many_client, many):
    facets = index.search(many, "rural").facets
    drawn = [v.value for v in facets.force_chart()]
    assert len(drawn) == CHART_FORCES
    lowest = [v for v in facets.forces if v.statements and v.value not in drawn][-1]
    page = many_client.get(f"/search?q=rural+{lowest.value}").get_data(as_text=True)
    title = chart_titles(page)[-1]
    assert f" {lowest.value} " in title
    assert title.count("(") == CHART_FORCES  # still eight bars: the named force took the last place
    plain = many_client.get("/search?q=rural").get_data(as_text=True)
    assert f" {lowest.value} " not in chart_titles(plain)[-1]


def test_force_chart_table():
    from index.results.facets import FacetValue, Facets

    forces = tuple(FacetValue(f"Force {n}", 20 - n, False, 2 if n < 9 else 1, 2) for n in range(12))
    facets = Facets(forces=forces)
    # The eight highest are all at 100%: nothing compared, no chart; naming a 50% force makes the
    # bars differ, and it takes the last place.
    assert facets.force_chart() == ()
    assert [v.value for v in facets.force_chart(("force-11",))] == [*(f"Force {n}" for n in range(7)), "Force 11"]
