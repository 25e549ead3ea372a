"""Comparing two periods of a force's statement: the alignment, the word-level difference, and
the comparison read from the index (Northshire and Marchford, each in two periods)."""

from __future__ import annotations

import pytest

import index
from index import alignment
from index.alignment import align, moved_pairs, similarity, word_set
from index.compare import compared_rows
from index.word_diff import word_diff

OLD, NEW = "northshire-2021-22", "northshire-2022-23"

# Paragraphs for the alignment table: each a distinct topic, so that only edits are alike.
A = "The force answers emergency calls within ten minutes in towns and twenty in the countryside."
B = "Neighbourhood teams hold a monthly surgery in every market town and publish what they heard."
C = "A new custody suite opened in the spring with cells for forty detained people."
D = "Volunteers patrol the canal paths at weekends and report fly-tipping to the council."
E = "Cyber crime officers train small businesses to spot invoice fraud and phishing emails."
A_EDITED = "The force answers emergency calls within nine minutes in towns and eighteen in the countryside."


# ---- alignment ----------------------------------------------------------------


@pytest.mark.parametrize(
    "older, newer, steps",
    [
        ([A, B, C], [A, B, C], [(0, 0), (1, 1), (2, 2)]),
        ([A, B, C], [D, A, B, C], [(None, 0), (0, 1), (1, 2), (2, 3)]),  # added first
        ([A, B, C], [A, B, D, C], [(0, 0), (1, 1), (None, 2), (2, 3)]),  # added between
        ([A, B, C], [A, B, C, D], [(0, 0), (1, 1), (2, 2), (None, 3)]),  # added last
        ([A, B, C], [A, C], [(0, 0), (1, None), (2, 1)]),  # removed
        ([A, B, C], [A_EDITED, B, C], [(0, 0), (1, 1), (2, 2)]),  # edited: still paired
        ([A, B, C], [A, E, C], [(0, 0), (1, None), (None, 1), (2, 2)]),  # replaced: removed, then added
        ([A, B, C, D], [A, C, D, B], [(0, 0), (1, None), (2, 1), (3, 2), (None, 3)]),  # B moved to the end
        ([A, B, C], [], [(0, None), (1, None), (2, None)]),
        ([], [A], [(None, 0)]),
    ],
)
def test_alignment(older, newer, steps):
    assert align(older, newer) == steps


def test_a_moved_paragraph_is_found_on_the_other_side():
    older, newer = [A, B, C, D], [A, C, D, B]
    assert moved_pairs(older, newer, align(older, newer)) == {1: 3}
    # A replaced paragraph has no counterpart: it did not move.
    assert moved_pairs([A, B, C], [A, E, C], align([A, B, C], [A, E, C])) == {}


def test_moved_paragraphs_are_matched_each_once_the_most_alike_first():
    alone = [(0, None), (1, None), (None, 0), (None, 1)]
    assert moved_pairs([A, B], [A_EDITED, A], alone) == {0: 1}
    assert moved_pairs([A_EDITED, A], [A], [(0, None), (1, None), (None, 0)]) == {1: 0}


@pytest.mark.parametrize(
    "older, newer, paired",
    [
        ("alpha beta gamma delta", "alpha beta epsilon zeta", True),  # half the words shared: 0.5
        ("alpha beta gamma delta", "alpha beta epsilon zeta eta", False),  # 4/9 = 0.44
        ("Officers, TODAY.", "officers today", True),  # case and punctuation aside
    ],
)
def test_alike_means_at_least_half_the_words_shared(older, newer, paired):
    assert (similarity(word_set(older), word_set(newer)) >= index.SIMILAR_ENOUGH) is paired
    assert align([older], [newer]) == ([(0, 0)] if paired else [(0, None), (None, 0)])


def test_the_alignment_prefers_the_most_alike_pairing():
    # The edited A is alike to both; pairing it with A (not with the weaker rewrite) adds up to more.
    weaker = "The force answers emergency calls quickly in the countryside."
    assert align([A], [weaker, A_EDITED]) == [(None, 0), (0, 1)]


def test_very_long_statements_pair_only_identical_paragraphs(monkeypatch):
    monkeypatch.setattr(alignment, "MAX_PAIRS", 4)
    assert align([A, B, C], [A_EDITED, B, C]) == [(0, None), (None, 0), (1, 1), (2, 2)]


# ---- word-level difference ----------------------------------------------------


def test_word_diff_marks_the_words_removed_and_added():
    assert word_diff("policed from sixteen stations.", "policed from fourteen stations.") == (
        ("same", "policed from"),
        ("removed", "sixteen"),
        ("added", "fourteen"),
        ("same", "stations."),
    )


@pytest.mark.parametrize(
    "older, newer",
    [
        (A, A_EDITED),
        ("one two three", "zero one two three four"),
        ("one two three", "two"),
        ("a <b>bold</b> claim", "a <i>quiet</i> claim & more"),
    ],
)
def test_word_diff_pieces_spell_out_both_texts(older, newer):
    pieces = word_diff(older, newer)
    assert " ".join(text for op, text in pieces if op != "added") == older
    assert " ".join(text for op, text in pieces if op != "removed") == newer


# ---- the comparison of two statements in the index ----------------------------


def test_northshire_compared(compare_index):
    comparison = index.compare_statements(compare_index, OLD, NEW)
    assert (comparison.older.slug, comparison.newer.slug) == (OLD, NEW)
    rows = [(row.kind, row.older_number, row.newer_number, row.moved) for row in comparison.rows]
    assert rows == [
        ("changed", 1, 1, None),
        ("removed", 2, None, None),  # the front counters: gone
        ("added", None, 2, 4),  # domestic abuse: moved up from paragraph 4, and reworded
        ("same", 3, 3, None),
        ("removed", 4, None, 2),
    ]
    changed = comparison.rows[0]
    assert changed.diff == (
        ("same", "Northshire is a largely rural county of moorland villages, two cathedral cities and a long coastline, policed from"),
        ("removed", "sixteen"),
        ("added", "fourteen"),
        ("same", "stations."),
    )
    assert changed.older_text.endswith("sixteen stations.") and changed.newer_text.endswith("fourteen stations.")
    assert all(row.diff == () for row in comparison.rows[1:])
    assert comparison.counts == {"same": 1, "changed": 1, "added": 1, "removed": 2}


def test_the_older_period_comes_first_whatever_the_order_asked(compare_index):
    assert index.compare_statements(compare_index, NEW, OLD) == index.compare_statements(compare_index, OLD, NEW)


def test_markup_stays_plain_text_in_the_comparison(compare_index):
    comparison = index.compare_statements(compare_index, "marchford-2023-24", "marchford-2022-23")
    assert [row.kind for row in comparison.rows] == ["changed", "same"]
    assert ("removed", "<i>old</i>") in comparison.rows[0].diff


@pytest.mark.parametrize(
    "slug, other, message",
    [
        (NEW, NEW, "Compare two different periods"),
        (NEW, "marchford-2023-24", "Compare two periods of the same force"),
    ],
)
def test_statements_that_cannot_be_compared(compare_index, slug, other, message):
    with pytest.raises(index.NotComparable, match=message):
        index.compare_statements(compare_index, slug, other)


def test_an_unknown_statement_compares_to_nothing(compare_index):
    assert index.compare_statements(compare_index, NEW, "atlantis-1999") is None
    assert index.compare_statements(compare_index, "atlantis-1999", NEW) is None


def test_rows_carry_numbers_not_positions():
    rows = compared_rows([(1, A), (2, B)], [(1, B)])
    assert [(row.kind, row.older_number, row.newer_number, row.older_text) for row in rows] == [
        ("removed", 1, None, A),
        ("same", 2, 1, B),
    ]
