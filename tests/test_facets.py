"""Facet counts: per force and per period, the matching paragraphs, the statements they fall in and
all the statements in scope, counted with numpy (index/facets.py) and here in plain Python; and which
bars the charts draw."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import index
from index.query.understand import understand
from index.rank import engine
from index.results.facets import CHART_FORCES, FacetValue, Facets, ranked, tally

FILTERS = [
    index.Filters(),
    index.Filters(forces=("Ashminster",)),
    index.Filters(forces=("Ashminster", "Atlantis")),
    index.Filters(periods=("2021/22",)),
    index.Filters(periods=("2019/20", "2023/24", "1999/00")),
    index.Filters(forces=("Ashminster",), periods=("2022/23",)),
    index.Filters(statement="ashminster-2020-21"),
    index.Filters(forces=("Ashminster",), statement="ashminster-2020-21"),
    index.Filters(statement="atlantis-1999"),
]
QUERIES = ["funding", "police", "funding OR workforce", "partnership -funding", "zzzz"]


def plain_counts(generation, docs, filters: index.Filters) -> tuple[dict, dict]:
    """Per force and per period (value -> (paragraphs, matching statements, all statements)), one
    match at a time from the catalogue: the listing the facets must give."""
    slugs = list(generation.catalogue)

    def passes(slug: str, skip: str) -> bool:
        info = generation.catalogue[slug]
        return (
            (not filters.statement or slug == filters.statement)
            and (skip == "force" or not filters.forces or info.force in filters.forces)
            and (skip == "period" or not filters.periods or info.period in filters.periods)
        )

    listings = []
    for field in ("force", "period"):
        paragraphs, matching = Counter(), defaultdict(set)
        for doc in docs:
            slug = slugs[int(generation.table.statement[doc])]
            if passes(slug, skip=field):
                value = getattr(generation.catalogue[slug], field)
                paragraphs[value] += 1
                matching[value].add(slug)
        everything = Counter(getattr(info, field) for slug, info in generation.catalogue.items() if passes(slug, field))
        # Forces are listed when they match or are chosen; periods always, every one of the index.
        if field == "force":
            names = set(paragraphs) | set(filters.forces)
        else:
            names = {info.period for info in generation.catalogue.values()} | set(filters.periods)
        listings.append({name: (paragraphs[name], len(matching[name]), everything[name]) for name in names})
    return listings[0], listings[1]


@pytest.mark.parametrize("text", QUERIES)
def test_numpy_counts_equal_a_plain_python_count(many, text):
    with many.reading() as (generation, _):
        docs = engine.Evaluator(generation.table, generation.columns).run(understand(text, generation).query).docs
        for filters in FILTERS:
            facets = tally(generation.columns, docs, filters).facets
            forces, periods = plain_counts(generation, docs, filters)
            assert {v.value: (v.count, v.statements, v.all_statements) for v in facets.forces} == forces, filters
            assert {v.value: (v.count, v.statements, v.all_statements) for v in facets.periods} == periods, filters
            assert all(v.selected == (v.value in filters.forces) for v in facets.forces)
            assert all(v.selected == (v.value in filters.periods) for v in facets.periods)


def test_the_plain_count_is_not_trivial(many):
    """The cases above cover statements with several matching paragraphs, and shares other than 0 and 1."""
    with many.reading() as (generation, _):
        docs = engine.Evaluator(generation.table, generation.columns).run(understand("police", generation).query).docs
        forces, periods = plain_counts(generation, docs, index.Filters())
    assert len(periods) == 5 and all(all_statements == 40 for _, _, all_statements in periods.values())
    assert any(paragraphs > statements for paragraphs, statements, _ in forces.values())
    assert any(0 < statements < all_statements for _, statements, all_statements in periods.values())


def test_a_period_of_three_statements_one_matching_is_a_third():
    value = FacetValue("2022/23", 4, statements=1, all_statements=3)
    assert value.share == pytest.approx(1 / 3)
    assert FacetValue("1999/00", 0).share == 0.0  # no statements: no share, not a division by zero


def period(name: str, statements: int, all_statements: int, count: int | None = None) -> FacetValue:
    return FacetValue(name, statements if count is None else count, statements=statements, all_statements=all_statements)


@pytest.mark.parametrize(
    "periods, drawn",
    [
        # Periods with no statements in scope are no bars.
        ([period("2021/22", 0, 0), period("2022/23", 1, 3), period("2023/24", 2, 2)], ["2022/23", "2023/24"]),
        # A period whose statements all miss is a bar (at 0%).
        ([period("2021/22", 0, 4), period("2022/23", 2, 3)], ["2021/22", "2022/23"]),
        # One period with statements: nothing to compare.
        ([period("2021/22", 0, 0), period("2022/23", 3, 3)], []),
        # Matches in one statement only (a one-hit search): nothing to compare.
        ([period("2021/22", 0, 40), period("2022/23", 1, 40, count=1)], []),
        ([period("2021/22", 0, 40), period("2022/23", 1, 40, count=5)], []),
        # The same share in every period: nothing to compare.
        ([period("2021/22", 1, 40), period("2022/23", 1, 40)], []),
        ([period("2021/22", 1, 1), period("2022/23", 1, 1), period("2023/24", 1, 1)], []),
        ([period("2021/22", 1, 40), period("2022/23", 2, 40)], ["2021/22", "2022/23"]),
    ],
)
def test_the_period_chart_draws_periods_with_statements_when_there_is_something_to_compare(periods, drawn):
    assert [v.value for v in Facets(periods=tuple(periods)).period_chart()] == drawn


def force(name: str, count: int, statements: int, all_statements: int, selected: bool = False) -> FacetValue:
    return FacetValue(name, count, selected, statements, all_statements)


def test_the_force_chart_ranks_forces_by_share_then_keeps_the_facet_order():
    facets = Facets(forces=(
        force("Kent", 9, 2, 5), force("Essex", 6, 1, 1), force("Avon", 4, 2, 5), force("Gwent", 0, 0, 3, selected=True),
    ))
    assert [v.value for v in facets.force_chart()] == ["Essex", "Kent", "Avon"]


@pytest.mark.parametrize(
    "forces, drawn",
    [
        ([force("Kent", 3, 2, 5)], 0),
        ([force("Kent", 3, 2, 5), force("Gwent", 0, 0, 3, selected=True)], 0),  # chosen, but no matches
        ([force(f"Force {n}", 20 - n, 1 + n % 2, 2) for n in range(12)], CHART_FORCES),
        # Every bar the same share: nothing to compare.
        ([force(f"Force {n}", 20 - n, 1, 2) for n in range(12)], 0),
        ([force("Kent", 3, 1, 1), force("Essex", 1, 1, 1)], 0),
        ([force("Kent", 3, 2, 5), force("Essex", 1, 1, 1)], 2),
    ],
)
def test_the_force_chart_needs_two_forces_with_matches(forces, drawn):
    assert len(Facets(forces=tuple(forces)).force_chart()) == drawn


def test_forces_matching_counts_those_beyond_the_list_but_not_a_chosen_force_without_matches():
    forces = [force(f"Force {n}", 20 - n, 1, 2) for n in range(12)] + [force("Gwent", 0, 0, 3, selected=True)]
    assert Facets(forces=tuple(forces)).forces_matching() == 12
    assert Facets(forces=tuple(forces), more_forces=30).forces_matching() == 42


@pytest.mark.parametrize("chosen, choose_the_last", [((), False), (("Ashminster", "Atlantis"), False), (("Atlantis",), True)])
def test_the_forces_listed_are_the_ones_with_most_matches_and_the_chosen_ones(many, chosen, choose_the_last):
    """At most `listed_forces` forces with matches, most paragraphs first (ties by name); every chosen
    force too (also one with matches beyond the first 10); `more_forces` counts those left out."""
    with many.reading() as (generation, _):
        docs = engine.Evaluator(generation.table, generation.columns).run(understand("police", generation).query).docs
        counts, _ = plain_counts(generation, docs, index.Filters())
        last = min((name for name in counts if counts[name][0]), key=lambda name: (counts[name][0], name))
        filters = index.Filters(forces=chosen + ((last,) if choose_the_last else ()))
        forces, _ = plain_counts(generation, docs, filters)
        facets = tally(generation.columns, docs, filters, listed_forces=10).facets
    with_matches = sorted((name for name, counts in forces.items() if counts[0]), key=lambda name: (-forces[name][0], name))
    assert len(with_matches) > 20 and (last not in with_matches[:10])
    expected = with_matches[:10] + [force for force in filters.forces if force not in with_matches[:10]]
    assert [v.value for v in facets.forces] == expected
    assert facets.more_forces == len(set(with_matches) - set(expected))
    assert tally(generation.columns, docs, filters).facets.more_forces == 0  # 40 forces: all listed


def test_more_forces_is_a_plain_number_in_json(many):
    import json
    from dataclasses import asdict

    facets = index.search(many, "police").facets
    assert json.loads(json.dumps(asdict(facets)))["more_forces"] == 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 4), max_size=40), st.integers(1, 45), st.randoms(use_true_random=False))
def test_ranked_puts_the_first_in_order_and_keeps_the_rest(counts, first, random):
    """The values with a count: the `first` by highest count then name place, and every other one."""
    places = list(range(len(counts)))
    random.shuffle(places)
    counts, name_rank = np.array(counts, dtype=np.int64), np.array(places, dtype=np.int64)
    head, rest = ranked(counts, name_rank, first)
    expected = sorted(np.flatnonzero(counts).tolist(), key=lambda n: (-counts[n], name_rank[n]))
    assert head.tolist() == expected[:first]
    assert sorted(rest.tolist()) == sorted(expected[first:])
