"""Results as you type are Enter's results once the last word is complete: completing it only adds
matches, below those of the word as typed (on the independent corpus)."""

from __future__ import annotations

import pytest

import index



@pytest.fixture(scope="module")
def shared(shared_index_dir) -> index.StatementIndex:
    """The independent corpus's index (conftest), opened."""
    return index.open_index(shared_index_dir)


def listed(results: index.ResultsPage) -> list[tuple[str, int, float]]:
    """Each hit's statement, paragraph and score, in order."""
    return [(hit.statement, hit.paragraph, hit.score) for hit in results.hits]


@pytest.mark.parametrize("query", ["workforce", "recruitment", "police work", "work", "rural crime", "Aldermoor drone"])
@pytest.mark.parametrize("grouped", [False, True])
def test_a_complete_last_word_lists_enters_hits_first_in_enters_order(shared, query, grouped):
    enter = index.search(shared, query, page_size=100, grouped=grouped)
    live = index.search(shared, query, page_size=100, grouped=grouped, complete_last=True)
    assert enter.total and live.live
    assert listed(live)[: len(enter.hits)] == listed(enter)
    assert live.total >= enter.total


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
