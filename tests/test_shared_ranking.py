"""Ranking on the corpus we did not write: the judged set on ../shared/corpus, the product against plain BM25.

`tests/relevance/judged-shared.tsv` (87 queries over the twenty statements of
`../shared/corpus`, judged by reading before the ranking was changed for it;
`python -m tests.shared_rivals` checks that every query has at least three
rivals) is measured here as the rival set is in tests/test_ranking.py: MRR,
top-1 and top-3 per kind, for the product and for plain BM25 (print with -s).
The tests fail below MRR 0.95 (0.866 before the ranking was changed for it), or when any answer
is not in its query's first three.
"""

from __future__ import annotations

import pytest

import index

from .shared_rivals import MIN_RIVALS, SHARED_KINDS, judged_shared, problems, shared_rivals
from .test_ranking import measure

MRR_FLOOR = 0.95
MIN_QUERIES = 80


@pytest.fixture(scope="module")
def shared_index(shared_index_dir):
    """The twenty statements of ../shared/corpus (conftest's index), opened without a result cache."""
    return index.open_index(shared_index_dir, cache_size=0)


def test_the_shared_set_measures_ranking():
    """At least 80 queries, a dozen of every kind, each judged on real paragraphs with three rivals."""
    rows = judged_shared()
    assert len(rows) >= MIN_QUERIES
    for kind in SHARED_KINDS:
        assert sum(row.kind == kind for row in rows) >= 12, kind
    assert [(row.query, problems(row)) for row in rows if problems(row)] == []
    assert min(len(shared_rivals(row)) for row in rows) >= MIN_RIVALS


@pytest.fixture(scope="module")
def measured(shared_index):
    """Every query's rank by the product and by plain BM25, the table printed once."""
    found = measure(shared_index, judged_shared(), "Shared corpus (../shared/corpus)", SHARED_KINDS)
    return found.product, found.misses


def test_ranking_on_the_shared_corpus(measured):
    """MRR 0.95 or more (0.866 before the ranking was changed for this set)."""
    product, misses = measured
    assert product["all"].mrr >= MRR_FLOOR, misses


def test_every_answer_is_in_the_first_three(measured):
    """Every answer in the first three (85 of 87 before the lead sentence and the repeats moved last)."""
    product, misses = measured
    assert product["all"].top3 == 1.0, [miss for miss in misses if miss.split()[0] not in ("2", "3")]
