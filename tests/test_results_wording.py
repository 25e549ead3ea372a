"""The results page's keyboard path and wording: a "Skip to results" link first, and a corrected
typo's count line naming the corrected word first (on the independent corpus)."""

from __future__ import annotations

import re



def links(page: str) -> list[str]:
    """The href of every link of a page's body, in order."""
    body = page[page.index("<body"):]
    return re.findall(r'<a\b[^>]*href="([^"]*)"', body)


def test_skip_to_results_is_the_first_link_and_lands_on_the_results(shared_client):
    page = shared_client.get("/search?q=rural").get_data(as_text=True)
    assert links(page)[:2] == ["#results", "#content"]
    assert '<a class="skip-link" href="#results">Skip to results</a>' in page
    # The target is the list of hits, after every facet.
    assert page.count('id="results"') == 1
    assert page.index('<ol class="hits" id="results" tabindex="-1"') > page.index('class="facets"')
    nothing = shared_client.get("/search?q=zeppelin").get_data(as_text=True)
    assert '<div class="results-main" id="results" tabindex="-1">' in nothing


def test_pages_without_results_have_no_skip_to_results(shared_client):
    for url in ("/search", "/search?q=*e*", "/", "/statements"):
        assert "#results" not in links(shared_client.get(url).get_data(as_text=True)), url


def test_a_corrected_typo_names_the_corrected_word_first(shared_client):
    page = shared_client.get("/search?q=recruitmnet").get_data(as_text=True)
    line = re.search(r'<p class="result-count" role="status">(.*?)</p>', page, re.S)[1]
    assert " ".join(re.sub(r"<[^>]+>", "'", line).split()) == (
        "26 paragraphs match 'recruitment' (you typed 'recruitmnet') in 20 statements"
    )


def test_a_search_without_typos_names_only_the_words(shared_client):
    page = shared_client.get("/search?q=recruitment").get_data(as_text=True)
    line = re.search(r'<p class="result-count" role="status">(.*?)</p>', page, re.S)[1]
    assert "you typed" not in line and "<q>recruitment</q>" in line


def test_the_cli_names_the_corrected_word_first(shared_app):
    result = shared_app.test_cli_runner().invoke(args=["index", "search", "recruitmnet"])
    assert result.stdout.splitlines()[0] == "26 paragraphs match 'recruitment' (you typed 'recruitmnet'); page 1 of 3"
