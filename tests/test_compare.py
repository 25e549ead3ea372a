"""Comparing two periods of a force's statement: the alignment, the word-level difference, and
the comparison read from the index (Northshire and Marchford, each in two periods)."""

from __future__ import annotations

import pytest

import index
from index.compare.alignment import similarity, word_set
from index.compare.rows import compared_rows
from index.compare.word_diff import word_diff

OLD, NEW = "northshire-2021-22", "northshire-2022-23"

# Paragraphs of distinct topics, and one of them edited.
A = "The force answers emergency calls within ten minutes in towns and twenty in the countryside."
B = "Neighbourhood teams hold a monthly surgery in every market town and publish what they heard."
C = "A new custody suite opened in the spring with cells for forty detained people."
D = "Volunteers patrol the canal paths at weekends and report fly-tipping to the council."
E = "Cyber crime officers train small businesses to spot invoice fraud and phishing emails."
A_EDITED = "The force answers emergency calls within nine minutes in towns and eighteen in the countryside."


# ---- updated or rewritten ----------------------------------------------------
# (The pairing itself: tests/test_subjects.py.)


@pytest.mark.parametrize(
    "older, newer, updated",
    [
        ("alpha beta gamma delta", "alpha beta epsilon zeta", True),  # half the words shared: 0.5
        ("alpha beta gamma delta", "alpha beta epsilon zeta eta", False),  # 4/9 = 0.44
        ("Officers, TODAY.", "officers today", True),  # case and punctuation aside
    ],
)
def test_updated_means_at_least_half_the_words_shared(older, newer, updated):
    assert (similarity(word_set(older), word_set(newer)) >= index.SIMILAR_ENOUGH) is updated
    assert [row.kind for row in compared_rows([(1, older)], [(1, newer)])] == ["updated" if updated else "rewritten"]


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
    rows = [(row.kind, row.older_numbers, row.newer_numbers, row.moved, row.confidence) for row in comparison.rows]
    # Was (reading order, half the words shared): changed, removed, added, same, removed, the domestic
    # abuse paragraph removed where it was and added where it is. By subject it is one row, moved.
    assert rows == [
        ("updated", (1,), (1,), None, 0.933),
        ("dropped", (2,), (), None, 0.784),  # the front counters: gone
        ("moved", (4,), (2,), 4, 0.929),  # domestic abuse: moved up from paragraph 4, and reworded
        ("same", (3,), (3,), None, 1.0),
    ]
    changed = comparison.rows[0]
    assert changed.diff == (
        ("same", "Northshire is a largely rural county of moorland villages, two cathedral cities and a long coastline, policed from"),
        ("removed", "sixteen"),
        ("added", "fourteen"),
        ("same", "stations."),
    )
    assert changed.older_text.endswith("sixteen stations.") and changed.newer_text.endswith("fourteen stations.")
    assert (changed.older_number, changed.newer_number) == (1, 1)
    assert comparison.rows[2].diff[:3] == (("same", "Domestic abuse accounts for one in"), ("removed", "six"), ("added", "five"))
    assert [row.diff for row in (comparison.rows[1], comparison.rows[3])] == [(), ()]
    assert comparison.counts == {"same": 1, "updated": 1, "rewritten": 0, "moved": 1, "merged": 0, "split": 0,
                                 "new": 0, "dropped": 1}
    assert comparison.changes == {"same": 1, "changed": 2, "added": 0, "removed": 1}
    assert comparison.rows[3].key_terms[:3] == ("lines", "neighbours", "networks")


def test_the_older_period_comes_first_whatever_the_order_asked(compare_index):
    assert index.compare_statements(compare_index, NEW, OLD) == index.compare_statements(compare_index, OLD, NEW)


def test_markup_stays_plain_text_in_the_comparison(compare_index):
    comparison = index.compare_statements(compare_index, "marchford-2023-24", "marchford-2022-23")
    assert [row.kind for row in comparison.rows] == ["updated", "same"]
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
    assert [(row.kind, row.older_number, row.newer_number, row.older_text, row.change) for row in rows] == [
        ("dropped", 1, None, A, "removed"),
        ("same", 2, 1, B, "same"),
    ]


def test_rewritten_merged_and_split_rows_mark_their_shared_key_terms_escaped():
    older = [(1, "Operation Kestrel closed <b>county</b> lines in Hebbleford."), (2, C)]
    newer = [(1, "Gangs still run county lines from Hebbleford, so Kestrel officers shut forty-one of them this year."), (2, C)]
    row = compared_rows(older, newer)[0]
    assert row.kind == "rewritten" and row.diff == ()
    assert set(row.key_terms) == {"Hebbleford", "Kestrel", "county", "lines"}
    assert row.older_html == (
        "<p>Operation <mark>Kestrel</mark> closed &lt;b&gt;<mark>county</mark>&lt;/b&gt; <mark>lines</mark> in "
        "<mark>Hebbleford</mark>.</p>",
    )
    assert row.newer_html == (
        "<p>Gangs still run <mark>county lines</mark> from <mark>Hebbleford</mark>, so <mark>Kestrel</mark> officers "
        "shut forty-one of them this year.</p>",
    )
    split = compared_rows([(1, A + " " + B)], [(1, A), (2, B)])[0]
    assert (split.kind, split.older_numbers, split.newer_numbers) == ("split", (1,), (1, 2))
    assert len(split.older_html) == 1 and len(split.newer_html) == 2 and "<mark>" in split.newer_html[1]
