"""A page per force (/forces, /forces/<slug> and their JSON twins): statements in period order, a
search scoped to the force, its subjects' chains through the years, comparisons of any two periods;
on the independent corpus (../shared/corpus) and the compare corpus."""

from __future__ import annotations

import re

import pytest

import index.compare.forces as forces_module
from webapp import views

from .test_app import text_of

ALDERMOOR = "/forces/aldermoor"


def chains_of(page: str) -> list[tuple[str, list[str]]]:
    """(label, steps) of each chain on a force page; a step is "2019/20 ¶5" (and more for several)."""
    found = []
    for label, steps in re.findall(r'<h3 class="chain-label">(.*?)</h3>\s*<ol class="chain-steps">(.*?)</ol>', page, re.S):
        items = re.findall(r"<li>(.*?)</li>", steps, re.S)
        # "2019/20 ¶3 and ¶4": the period once, then each paragraph.
        found.append((label, [" ".join(re.findall(r">((?:\d{4}/\d\d )?¶\d+)<", item)) for item in items]))
    return found


def test_the_list_of_forces(shared_client):
    page = text_of(shared_client.get("/forces"))
    assert "<h1>All forces</h1>" in page and "<p>4 forces." in page
    assert re.findall(r'<li><a href="(/forces/[a-z-]+)">(\w+)</a>: 5 statements,\s+2019/20 to 2023/24</li>', page) == [
        ("/forces/aldermoor", "Aldermoor"), ("/forces/kettlewick", "Kettlewick"),
        ("/forces/penhallow", "Penhallow"), ("/forces/wexcombe", "Wexcombe"),
    ]
    data = shared_client.get("/api/forces").get_json()
    assert data["forces"][0] == {
        "force": "Aldermoor", "slug": "aldermoor", "url": ALDERMOOR, "statements": 5,
        "periods": ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"],
    }
    assert [force["slug"] for force in data["forces"]] == ["aldermoor", "kettlewick", "penhallow", "wexcombe"]


def test_a_force_page(shared_client):
    response = shared_client.get(ALDERMOOR)
    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>Aldermoor</h1>" in page and "<title>Aldermoor – Statement Search</title>" in page
    # Its statements in period order, with their paragraph counts.
    assert re.findall(r'<a href="/statements/(aldermoor-[0-9-]+)">[^<]*<span[^>]*>[^<]*</span></a></td><td>(\d+)</td>', page) == [
        ("aldermoor-2019-20", "10"), ("aldermoor-2020-21", "10"), ("aldermoor-2021-22", "11"),
        ("aldermoor-2022-23", "11"), ("aldermoor-2023-24", "11"),
    ]
    # A search of this force only.
    assert '<form class="within-form" action="/search" method="get" role="search" aria-label="Within this force">' in page
    assert '<input type="hidden" name="force" value="Aldermoor">' in page
    # Any two periods compared: 10 pairs, neighbours first.
    comparisons = re.findall(r'<li><a href="(/compare/[^"]+)">(\d{4}/\d\d) with (\d{4}/\d\d)</a></li>', page)
    assert len(comparisons) == 10
    assert comparisons[0] == ("/compare/aldermoor-2019-20/aldermoor-2020-21", "2019/20", "2020/21")
    assert comparisons[-1] == ("/compare/aldermoor-2019-20/aldermoor-2023-24", "2019/20", "2023/24")
    for url, _, _ in comparisons:
        assert shared_client.get(url).status_code == 200


def test_subject_chains_through_the_years(shared_client):
    chains = dict(chains_of(text_of(shared_client.get(ALDERMOOR))))
    # Operation Fieldfare (rural crime), every year; the judges linked each step.
    fieldfare = next(label for label in chains if "Fieldfare" in label)
    assert chains[fieldfare] == ["2019/20 ¶5", "2020/21 ¶6", "2021/22 ¶8", "2022/23 ¶8", "2023/24 ¶7"]
    # The night-time economy (Operation Nightjar) from 2021/22 on.
    nightjar = next(label for label in chains if "Nightjar" in label)
    assert chains[nightjar] == ["2021/22 ¶6", "2022/23 ¶3", "2023/24 ¶4"]
    # A subject merged from two paragraphs shows both.
    assert any(steps[0] == "2019/20 ¶3 ¶4" for steps in chains.values())
    # Partnership and safeguarding skips 2022/23 and comes back in 2023/24: linked across the gap.
    assert ["2019/20 ¶6", "2020/21 ¶7 ¶8", "2021/22 ¶9", "2023/24 ¶2"] in chains.values()


def test_a_subject_is_not_linked_across_a_gap_without_the_gap_step(shared_index, monkeypatch):
    # The gap step is what links it: without it the chain stops at 2021/22 (a guard of the gap step).
    monkeypatch.setattr(forces_module, "reaches", lambda *args: True)
    years = forces_module.force_years(shared_index, "aldermoor")
    steps = [[(step.statement.period, step.paragraphs) for step in chain.steps] for chain in years.chains]
    assert [("2019/20", (6,)), ("2020/21", (7, 8)), ("2021/22", (9,))] in steps


def test_the_force_json(shared_client):
    data = shared_client.get(f"/api{ALDERMOOR}").get_json()
    assert (data["force"], data["slug"], data["url"]) == ("Aldermoor", "aldermoor", ALDERMOOR)
    assert data["search_url"] == "/search?force=Aldermoor"
    assert [(s["period"], s["paragraphs"]) for s in data["statements"]] == [
        ("2019/20", 10), ("2020/21", 10), ("2021/22", 11), ("2022/23", 11), ("2023/24", 11)
    ]
    fieldfare = next(chain for chain in data["chains"] if "Fieldfare" in chain["label"])
    assert fieldfare["steps"][0] == {
        "statement": "aldermoor-2019-20", "period": "2019/20",
        "paragraphs": [{"paragraph": 5, "url": "/statements/aldermoor-2019-20#p5"}],
    }
    assert len(fieldfare["label"]) == 4
    # Labels tell subjects apart: the force's own name and figures, in every chain, are left out.
    assert not [chain["label"] for chain in data["chains"]
                if "Aldermoor" in chain["label"] or any(c.isdigit() for term in chain["label"] for c in term)]
    assert data["comparisons"][0] == {
        "older": "2019/20", "newer": "2020/21", "url": "/compare/aldermoor-2019-20/aldermoor-2020-21",
        "api": "/api/compare/aldermoor-2019-20/aldermoor-2020-21",
    }


@pytest.mark.parametrize("path", ["/forces/atlantis", "/api/forces/atlantis", "/forces/%00", "/forces/" + "x" * 2000])
def test_an_unknown_force_is_a_404(shared_client, path):
    response = shared_client.get(path)
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.get_json()["error"].startswith("There is no force called “atlantis”.")


def test_pages_link_to_the_force(shared_client):
    statement = text_of(shared_client.get("/statements/aldermoor-2021-22"))
    assert '<p class="force-link">Every year of <a href="/forces/aldermoor">Aldermoor</a>, subject by subject.</p>' in statement
    listing = text_of(shared_client.get("/statements"))
    assert listing.count('<a href="/forces/') == 4
    results = text_of(shared_client.get("/search?q=county+lines&view=flat"))
    assert '<p class="hit-force"><a href="/forces/aldermoor">Aldermoor, every year</a></p>' in results
    assert '<a href="/forces">Forces</a>' in results  # the site's navigation
    hits = shared_client.get("/api/search?q=county+lines&force=Kettlewick").get_json()["hits"]
    assert hits and {hit["force_url"] for hit in hits} == {"/forces/kettlewick"}



def test_a_hits_force_address_is_built_where_every_force_address_is(shared_client, monkeypatch):
    # One place (views.force_url) spells a force's address: the JSON hits, /api/forces and the
    # templates all ask it, so a change of address cannot leave one of them behind.
    monkeypatch.setattr(views, "force_url", lambda force: f"/elsewhere/{force}")
    hits = shared_client.get("/api/search?q=county+lines").get_json()["hits"]
    assert hits and all(hit["force_url"] == f"/elsewhere/{hit['force']}" for hit in hits)

def test_a_force_with_one_period_has_no_chains(compare_client):
    page = text_of(compare_client.get("/forces/west-midlands"))
    assert "<h2>Compare two years</h2>" not in page
    assert "West Midlands has one period indexed." in page
    chains = chains_of(text_of(compare_client.get("/forces/northshire")))
    assert [steps for _, steps in chains] == [["2021/22 ¶1", "2022/23 ¶1"], ["2021/22 ¶3", "2022/23 ¶3"],
                                                ["2021/22 ¶4", "2022/23 ¶2"]]
