"""Results as you type are Enter's results once the last word is complete: completing it only adds
matches, below those of the word as typed (on the independent corpus)."""

from __future__ import annotations

import html
import re

import pytest

import index


@pytest.fixture(scope="module")
def shared(shared_index_dir) -> index.StatementIndex:
    """The independent corpus's index (conftest), opened."""
    return index.open_index(shared_index_dir)


def listed(results: index.ResultsPage) -> list[tuple[str, int, float]]:
    """Each hit's statement, paragraph and score, in order."""
    return [(hit.statement, hit.paragraph, hit.score) for hit in results.hits]


@pytest.mark.parametrize("query", ["workforce", "recruitment", "police work", "work", "rural crime", "Aldermoor drone",
                                   "car", "fraud"])
@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("sort", index.SORTS)
def test_a_complete_last_word_lists_enters_hits_first_in_enters_order(shared, query, grouped, sort):
    enter = index.search(shared, query, page_size=100, grouped=grouped, sort=sort)
    live = index.search(shared, query, page_size=100, grouped=grouped, sort=sort, complete_last=True)
    assert enter.total and live.live
    assert listed(live)[: len(enter.hits)] == listed(enter)
    assert live.total >= enter.total


@pytest.mark.parametrize("sort", index.SORTS)
def test_completions_come_after_enters_hits_whatever_the_order(shared, sort):
    # "car" finds 6 paragraphs; "care", "cars", ... 36 more, some of them newer or of a force
    # earlier in A-Z than Enter's: sorting by period or force first must not lift them.
    enter = index.search(shared, "car", page_size=100, sort=sort)
    live = index.search(shared, "car", page_size=100, sort=sort, complete_last=True)
    assert (enter.total, live.total) == (6, 42)
    assert listed(live)[:6] == listed(enter)
    assert listed(live)[:2] == listed(index.search(shared, "car", page_size=2, sort=sort, complete_last=True))


@pytest.mark.parametrize("sort", index.SORTS)
def test_a_live_download_lists_enters_rows_first(shared, sort):
    enter = index.export_rows(shared, "car", sort=sort)
    live = index.export_rows(shared, "car", sort=sort, complete_last=True)
    rows = [(row.statement, row.paragraph, row.score) for row in live.rows]
    assert rows[: enter.total] == [(row.statement, row.paragraph, row.score) for row in enter.rows]
    assert live.total == len(rows) == 42


@pytest.mark.parametrize("sort", index.SORTS)
def test_a_live_page_counts_the_completions_matches_too(shared, sort):
    # docs/results.md: on a live page the total and each "N more in this statement" count every
    # paragraph listed, the completions' included (Enter's page counts the word as typed only).
    enter = index.search(shared, "car", page_size=100, sort=sort, grouped=True)
    live = index.search(shared, "car", page_size=100, sort=sort, grouped=True, complete_last=True)
    assert sum(1 + hit.more_in_statement for hit in live.hits) == live.total == 42
    assert sum(1 + hit.more_in_statement for hit in enter.hits) == enter.total == 6
    flat = index.search(shared, "car", page_size=100, sort=sort, complete_last=True)
    assert (flat.total, len(flat.hits), flat.statements) == (42, 42, live.statements)


def test_completions_only_add_matches_below_the_word_as_typed(shared):
    enter = index.search(shared, "work", page_size=100, grouped=False)
    live = index.search(shared, "work", page_size=100, grouped=False, complete_last=True)
    added = listed(live)[len(enter.hits):]
    assert added, "working, workload, ... find paragraphs that 'work' does not"
    assert max(score for *_, score in added) < min(score for *_, score in listed(enter))
    assert live.understood[0].kind == "prefix"  # still said to be the start of a word


def test_the_first_ten_are_the_same_page(shared):
    for query in ("workforce", "work", "officers"):
        assert listed(index.search(shared, query, complete_last=True)) == listed(index.search(shared, query))


def test_an_unfinished_word_is_completed(shared):
    live = index.search(shared, "workf", complete_last=True)
    assert [part.kind for part in live.understood] == ["prefix"]
    assert live.total and "<mark>workforce</mark>" in live.hits[0].snippet


def test_every_search_link_of_a_live_page_opens(shared_client):
    """A live page's links are Enter's address, so it offers no page Enter lacks: where completions
    add pages ("car": 42 paragraphs live, 6 by Enter), it asks for Enter instead of linking them."""
    page = shared_client.get("/search?q=car&live=1&view=flat").get_data(as_text=True)
    assert 'aria-label="Results pages"' not in page and "Press Enter to see every page" in page
    links = sorted(set(re.findall(r'href="(/search\?[^"]+)"', page)))
    assert links
    for link in links[:80]:
        assert shared_client.get(html.unescape(link)).status_code == 200, link
    assert 'aria-label="Results pages"' in shared_client.get("/search?q=police&view=flat").get_data(as_text=True)
