"""What the facets and the chart say on the results page and in the JSON API, on a corpus made to
be counted by hand:

    statement         lantern (paragraphs)   beacon (paragraphs)   zeppelin
    Ashford 2022/23   2
    Ashford 2023/24   1
    Brill   2022/23                          1                     1
    Corby   2021/22                          2
    Corby   2022/23

So for "lantern", 2022/23 has three statements of which one matches (33%), 2023/24 one of one
(100%) and 2021/22 none of one (0%); Ashford has no 2021/22 statement at all.
"""

from __future__ import annotations

import re


import pytest

import index
from index.results.facets import FacetValue
from webapp import create_app

FILLER = "Officers work with partners across the town to keep people safe."
STATEMENTS = {
    ("Ashford", "2022/23"): ["The lantern scheme lights the high street.", FILLER, "Lantern patrols continue at night."],
    ("Ashford", "2023/24"): [FILLER, "The lantern scheme was extended to the station."],
    ("Brill", "2022/23"): ["A beacon on the hill warns walkers.", "The zeppelin museum reopened.", FILLER],
    ("Corby", "2021/22"): ["The beacon project began.", "A second beacon was lit.", FILLER],
    ("Corby", "2022/23"): [FILLER],
}


def statement_text(force: str, period: str, paragraphs: list[str]) -> str:
    body = "\n\n".join(paragraphs)
    return (
        f"More about this area\n\n{force} {period}\n\nThe logo of {force} Police\n\nThe force says...\n\n"
        f"{body}\n\nDisclaimer: the above statement has been prepared by {force} Police.\n"
    )


@pytest.fixture(scope="module")
def counted_client(tmp_path_factory):
    """The app on the five statements above."""
    data = tmp_path_factory.mktemp("counted")
    for (force, period), paragraphs in STATEMENTS.items():
        (data / f"{force}-{period.replace('/', '-')}.txt").write_text(statement_text(force, period, paragraphs))
    built = tmp_path_factory.mktemp("counted-index")
    index.build_index(data, built)
    return create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": built}).test_client()


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def chart_of(page: str) -> str:
    """The charts section of a results page ("" when none is drawn)."""
    start = page.find('<section class="charts"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


def bars(chart: str) -> list[str]:
    """The labels of the period chart's bars, in order."""
    svg = chart.split('aria-labelledby="period-chart-title"')[1].split("</svg>")[0]
    return [piece.split(">")[1].split("<")[0] for piece in svg.split('<text class="bar-label"')[1:]]


# ---- the facets' wording ------------------------------------------------------------------


def test_facets_say_paragraphs_and_statements(counted_client):
    page = page_of(counted_client, "/search?q=lantern")
    assert 'name="force" value="Ashford">\n            <label for="facet-force-1">Ashford (3 paragraphs in 2 statements)</label>' in page
    assert 'name="period" value="2022/23">\n            <label for="facet-period-1">2022/23 (2 paragraphs in 1 statement)</label>' in page
    assert 'name="period" value="2023/24">\n            <label for="facet-period-2">2023/24 (1 paragraph in 1 statement)</label>' in page
    assert "2021/22 (" not in page  # no matching paragraph: not offered


def test_a_chosen_force_without_matches_says_so(counted_client):
    page = page_of(counted_client, "/search?q=lantern&force=Brill")
    assert re.search(r'name="force" value="Brill" checked>\s*<label for="facet-force-\d+">Brill \(no matches\)</label>', page)
    assert '<a href="/search?q=lantern&amp;view=grouped">Force: Brill' in page  # one click removes it
    assert ">Ashford (3 paragraphs in 2 statements)</label>" in page


def test_api_facets_carry_statements_beside_every_earlier_field(counted_client):
    data = counted_client.get("/api/search?q=lantern").get_json()
    assert data["facets"]["forces"] == [
        {"value": "Ashford", "count": 3, "selected": False, "statements": 2, "all_statements": 2},
    ]
    assert data["facets"]["periods"] == [
        {"value": "2021/22", "count": 0, "selected": False, "statements": 0, "all_statements": 1},
        {"value": "2022/23", "count": 2, "selected": False, "statements": 1, "all_statements": 3},
        {"value": "2023/24", "count": 1, "selected": False, "statements": 1, "all_statements": 1},
    ]
    assert (data["total"], data["statements"]) == (3, 2)


def test_api_facets_count_statements_within_the_other_filter(counted_client):
    data = counted_client.get("/api/search?q=lantern&force=Ashford").get_json()
    periods = {v["value"]: (v["statements"], v["all_statements"]) for v in data["facets"]["periods"]}
    assert periods == {"2021/22": (0, 0), "2022/23": (1, 1), "2023/24": (1, 1)}
    beacon = counted_client.get("/api/search?q=beacon&period=2022/23").get_json()
    forces = {v["value"]: (v["count"], v["statements"], v["all_statements"]) for v in beacon["facets"]["forces"]}
    assert forces == {"Brill": (1, 1, 1)}  # Corby's beacons are all in 2021/22


# ---- the chart --------------------------------------------------------------------------


def test_the_period_chart_shows_each_periods_share_of_statements(counted_client):
    chart = chart_of(page_of(counted_client, "/search?q=lantern"))
    assert bars(chart) == ["2021/22", "2022/23", "2023/24"]
    assert "2021/22 0% (0 of 1), 2022/23 33% (1 of 3), 2023/24 100% (1 of 1)</title>" in chart
    # The bars are shares of a 110-unit track: 0, a third, all of it.
    assert [piece.split('height="')[1].split('"')[0] for piece in chart.split('<rect class="bar"')[1:]] == [
        "0.0", "36.7", "110.0",
    ]
    assert "<tr><th scope=\"row\">2022/23</th><td>1 of 3 (33%)</td><td>2</td></tr>" in chart
    assert "<tr><th scope=\"row\">2021/22</th><td>0 of 1 (0%)</td><td>0</td></tr>" in chart
    assert 'aria-labelledby="force-chart-title"' not in chart  # one force matches: nothing to compare


def test_periods_without_statements_in_scope_are_not_drawn(counted_client):
    chart = chart_of(page_of(counted_client, "/search?q=beacon&force=Corby&force=Brill"))
    assert bars(chart) == ["2021/22", "2022/23"]  # neither force has a 2023/24 statement
    assert "2023/24" not in chart
    assert "2021/22 100% (1 of 1), 2022/23 50% (1 of 2)</title>" in chart
    assert "(Corby, Brill only)</figcaption>" in chart


def test_no_chart_when_every_period_has_the_same_share(counted_client):
    """Ashford's two statements both match: 100% and 100% compare nothing."""
    page = page_of(counted_client, "/search?q=lantern&force=Ashford")
    assert chart_of(page) == "" and "How often statements say this" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=zeppelin",  # one hit
        "/search?q=lantern&statement=ashford-2022-23",  # one statement in scope
    ],
)
def test_no_chart_without_something_to_compare(counted_client, url):
    page = page_of(counted_client, url)
    assert "paragraph" in page.split('role="status">')[1].split("</p>")[0]  # there are results
    assert chart_of(page) == "" and "<svg" not in page


def test_no_period_chart_for_matches_in_one_statement(counted_client):
    """Corby's two beacon paragraphs are in one statement: its periods compare nothing; the forces still compare."""
    chart = chart_of(page_of(counted_client, "/search?q=beacon&force=Corby"))
    assert 'aria-labelledby="period-chart-title"' not in chart and "per period" not in chart
    assert "statements that match: Brill 100% (1 of 1), Corby 50% (1 of 2)</title>" in chart


def test_the_force_chart_ranks_forces_by_their_share_of_statements(counted_client):
    page = page_of(counted_client, "/search?q=beacon")
    # The facets list Corby first (more paragraphs); the chart Brill first (a larger share).
    assert page.index(">Corby (2 paragraphs in 1 statement)</label>") < page.index(">Brill (1 paragraph in 1 statement)</label>")
    chart = chart_of(page)
    assert "statements that match: Brill 100% (1 of 1), Corby 50% (1 of 2)</title>" in chart
    assert "<tr><th scope=\"row\">Corby</th><td>1 of 2 (50%)</td><td>2</td></tr>" in chart
    assert "2021/22 100% (1 of 1), 2022/23 33% (1 of 3), 2023/24 0% (0 of 1)</title>" in chart


@pytest.mark.parametrize(
    "statements, all_statements, shown",
    [(1, 3, "33%"), (2, 3, "67%"), (1, 8, "13%"), (0, 5, "0%"), (5, 5, "100%"), (1, 300, "&lt;1%"), (299, 300, "&gt;99%")],
)
def test_shares_are_whole_percentages_that_never_round_to_none_or_all(counted_client, statements, all_statements, shown):
    """As a page shows them: through the template filter, escaped."""
    value = FacetValue("2022/23", statements, statements=statements, all_statements=all_statements)
    template = counted_client.application.jinja_env.from_string("{{ v.share|percent }}")
    assert template.render(v=value) == shown
