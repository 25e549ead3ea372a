"""Guards that must fail when broken: the result cache's rules, the filter limit, the generation switch's lock."""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import replace

import pytest

import index
from index.generation import layout

from .conftest import copy_corpus

store = sys.modules["index.generation.store"]
search_module = sys.modules["index.results.search"]
# Long enough that nothing here is cut short by a busy machine; waits are for events, this bounds them.
PATIENCE = 30


def same_page(results) -> index.ResultsPage:
    """A results page without its timing, the one field that may differ between two runs."""
    return replace(results, took_ms=0.0)


# Each row: a search, then another that differs in one argument of the cache's key. A cache
# that forgot that argument would serve the first page for the second.
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"text": "the"}, {"text": "force"}),
        ({"text": "the", "page_size": 5}, {"text": "the", "page_size": 5, "page": 2}),
        ({"text": "the", "page_size": 5}, {"text": "the", "page_size": 3}),
        ({"text": "the"}, {"text": "the", "filters": index.Filters(forces=("Northshire",))}),
        ({"text": "the"}, {"text": "the", "filters": index.Filters(periods=("2023/24",))}),
        ({"text": "the"}, {"text": "the", "filters": index.Filters(statement="marchford-2023-24")}),
        ({"text": "the"}, {"text": "the", "grouped": True}),
        ({"text": "policce"}, {"text": "policce", "as_typed": True}),
        ({"text": "the"}, {"text": "the", "sort": "force"}),
        ({"text": "the"}, {"text": "the", "sort": "newest"}),
        ({"text": "polic"}, {"text": "polic", "complete_last": True}),
    ],
    ids=["text", "page", "page size", "forces", "periods", "statement", "grouped", "as typed", "sort force",
         "sort newest", "while typing"],
)
def test_the_cache_tells_apart_every_argument_of_a_search(index_dir, first, second):
    cached = index.open_index(index_dir, cache_size=8)
    uncached = index.open_index(index_dir, cache_size=0)
    assert same_page(index.search(cached, **first)) == same_page(index.search(uncached, **first))
    expected = same_page(index.search(uncached, **second))
    assert same_page(index.search(cached, **second)) == expected
    assert expected != same_page(index.search(uncached, **first))  # the row does test something


def test_a_page_cut_short_by_the_deadline_is_not_remembered(index_dir):
    query = "moorland OR force OR police"
    cached = index.open_index(index_dir, cache_size=8)
    hurried = index.search(cached, query, time_limit=0.0)
    assert hurried.partial and hurried.total == 1  # moorland's paragraph alone
    unhurried = index.search(cached, query, time_limit=PATIENCE)
    assert not unhurried.partial
    assert same_page(unhurried) == same_page(index.search(index.open_index(index_dir, cache_size=0), query))


def test_a_finished_page_is_remembered(index_dir):
    cached = index.open_index(index_dir, cache_size=8)
    first = index.search(cached, "moorland OR force OR police")
    assert index.search(cached, "moorland OR force OR police").hits is first.hits


def names(count: int) -> tuple[str, ...]:
    """`count` different names no statement has."""
    return tuple(f"Nowhere {number}" for number in range(count))


def periods(count: int) -> tuple[str, ...]:
    """`count` well-formed periods no statement has (1901/02, 1902/03, ...)."""
    return tuple(f"{1901 + number}/{(2 + number) % 100:02d}" for number in range(count))


@pytest.mark.parametrize("field", ["forces", "periods"])
def test_filter_values_are_limited_to_exactly_max_filter_values(statement_index, field):
    assert index.MAX_FILTER_VALUES == 20
    made = names if field == "forces" else periods
    allowed = index.Filters(**{field: made(index.MAX_FILTER_VALUES)})
    assert index.search(statement_index, "police", filters=allowed).total == 0  # accepted, and none such
    with pytest.raises(index.QueryError, match="at most 20 forces and 20 periods"):
        index.search(statement_index, "police", filters=index.Filters(**{field: made(index.MAX_FILTER_VALUES + 1)}))


@pytest.mark.parametrize("field", ["force", "period"])
def test_the_api_refuses_too_many_filter_values_and_the_back_link_keeps_at_most_the_limit(client, field):
    values = "&".join(f"{field}=Nowhere+{number}" for number in range(25))
    response = client.get(f"/api/search?q=police&{values}")
    assert (response.status_code, response.get_json()) == (400, {"error": "Choose at most 20 forces and 20 periods."})
    page = client.get(f"/statements/northshire-2022-23?q=police&{values}").get_data(as_text=True)
    back = re.search(r'<a href="([^"]*)">Back to results</a>', page)[1]
    assert back.count(f"{field}=") == index.MAX_FILTER_VALUES


class ArrivalLock:
    """A lock that counts the threads that came to take it (so a test knows when one is waiting)."""

    def __init__(self, arrived):
        self._lock = threading.Lock()
        self._arrived = arrived

    def __enter__(self):
        self._arrived()
        self._lock.acquire()
        return self

    def __exit__(self, *exc):
        self._lock.release()


def test_two_searches_that_see_a_new_build_at_once_open_it_once(data_dir, tmp_path, monkeypatch):
    """The switch to a new generation is made under a lock. Both threads are held until both have
    seen the new build; the first to open it waits until the other is at the lock (or, without
    the lock, opening the same generation too)."""
    built = tmp_path / "ix"
    index.build_index(data_dir, built)
    reader = index.open_index(built)
    first = reader.current()
    (data_dir / "coast.txt").write_text("Coastshire 2024/25\n\nA lighthouse team patrols the bay.\n")
    index.build_index(data_dir, built)

    both_saw_it = threading.Barrier(2, timeout=PATIENCE)
    other_is_here = threading.Event()
    counts = {"arrived": 0, "opened": 0}
    counting = threading.Lock()

    def count(name: str, wake_at: int) -> int:
        with counting:
            counts[name] += 1
            if counts[name] == wake_at:
                other_is_here.set()
            return counts[name]

    real_current, real_open = layout.current_generation, store.open_generation

    def current_generation(index_dir):
        both_saw_it.wait()
        return real_current(index_dir)

    def open_generation(path, cache_size):
        if count("opened", wake_at=2) == 1:
            assert other_is_here.wait(PATIENCE)
        return real_open(path, cache_size)

    monkeypatch.setattr(layout, "current_generation", current_generation)
    monkeypatch.setattr(store, "open_generation", open_generation)
    reader._lock = ArrivalLock(lambda: count("arrived", wake_at=2))
    got = []
    threads = [threading.Thread(target=lambda: got.append(reader.current())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PATIENCE)
    assert counts["opened"] == 1
    assert len(got) == 2 and got[0] is got[1] is reader.current()
    assert got[0] is not first and first.retired and not got[0].retired
