"""The facets as one form: several forces and periods chosen at once, chosen ones always shown,
every force reachable without script ("Show all N forces"), a filter box for a long list."""

from __future__ import annotations

import re

import pytest

import index
from webapp.views import FORCES_SHOWN

from .conftest import client_of


@pytest.fixture(scope="module")
def many_client(many_dir, many_index_dir):
    """A test client of the app on 200 statements of 40 forces."""
    return client_of(many_dir, many_index_dir)


def checked(page: str, name: str) -> list[str]:
    """The values of the ticked checkboxes called `name`, in page order."""
    return re.findall(rf'name="{name}" value="([^"]*)" checked>', page)


def test_several_forces_and_periods_at_once(shared_client):
    url = "/search?q=recruitment&force=Aldermoor&force=Wexcombe&period=2022/23&period=2023-24&view=flat"
    page = shared_client.get(url).get_data(as_text=True)
    assert checked(page, "force") == ["Aldermoor", "Wexcombe"]
    assert checked(page, "period") == ["2022/23", "2023/24"]
    data = shared_client.get("/api/" + url[1:]).get_json()
    assert {(hit["force"], hit["period"]) for hit in data["hits"]} == {
        ("Aldermoor", "2022/23"), ("Aldermoor", "2023/24"), ("Wexcombe", "2022/23"), ("Wexcombe", "2023/24")
    }


def test_the_form_keeps_the_words_view_order_and_reading(shared_client):
    page = shared_client.get("/search?q=recruitmnet&as_typed=1&view=flat&sort=newest&page=1").get_data(as_text=True)
    if "facet" not in page:  # as typed, nothing matches: no facets to show
        page = shared_client.get("/search?q=recruitment&view=flat&sort=newest").get_data(as_text=True)
    form = re.search(r'<form class="facets" action="/search" method="get">(.*?)</form>', page, re.S)[1]
    hidden = re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form)
    assert hidden == [("q", "recruitment"), ("view", "flat"), ("sort", "newest")]
    assert '<button type="submit" class="apply-filters">Apply filters</button>' in form


def test_every_force_is_reachable_without_script(many_client, many):
    forces = index.search(many, "funding").facets.forces
    assert len(forces) == 40 > FORCES_SHOWN
    page = many_client.get("/search?q=funding").get_data(as_text=True)
    offered = re.findall(r'name="force" value="([^"]*)"', page)
    assert sorted(offered) == sorted(v.value for v in forces)
    assert "<summary>Show all 40 forces</summary>" in page
    # The filter box is there for app.js to show (hidden until then: without script it does nothing).
    assert '<p class="force-filter" hidden><label for="force-filter">Filter the forces</label>' in page


def test_a_chosen_force_beyond_the_first_is_shown_with_the_first(many_client, many):
    forces = index.search(many, "funding").facets.forces
    late = forces[-1].value
    page = many_client.get(f"/search?q=funding&force={late}&force={forces[0].value}").get_data(as_text=True)
    folded = page.index('<details class="more-forces">')
    chosen_at = page.index(f'name="force" value="{late}" checked>')
    assert chosen_at < folded  # shown, not folded away
    assert page.count(f'name="force" value="{late}" checked>') == 1  # listed once
    assert checked(page, "force") == [forces[0].value, late]


def test_a_short_list_has_nothing_to_fold(shared_client):
    page = shared_client.get("/search?q=recruitment").get_data(as_text=True)
    assert len(re.findall(r'name="force"', page)) == 4
    assert "more-forces" not in page and "force-filter" not in page
