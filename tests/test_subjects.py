"""The subject aligner on made-up paragraphs whose scores are known exactly.

Each paragraph below is 100 stems of weight 1, sharing `k` stems with another: a pair's
score (weighted Dice) and each side's share in the other are then both k / 100.
"""

from __future__ import annotations

import pytest

from index.compare import subjects
from index.compare.subject_order import in_order
from index.compare.subject_terms import starts_sentence, term_words, weighted_terms
from index.compare.subjects import Link, Subject, align_subjects

SIZE = 100


def made(older: int, newer: int, shares: dict[tuple[int, int], int]) -> tuple[list[Subject], list[Subject]]:
    """`older` and `newer` paragraphs (texts "o0", "n1", ...) sharing shares[(i, j)] stems."""
    old_terms = [[] for _ in range(older)]
    new_terms = [[] for _ in range(newer)]
    for (i, j), k in shares.items():
        stems = [f"s{i}x{j}n{n}" for n in range(k)]
        old_terms[i] += stems
        new_terms[j] += stems
    fill = lambda side, number, terms: terms + [f"{side}{number}f{n}" for n in range(SIZE - len(terms))]  # noqa: E731
    old = [Subject(f"o{i}", dict.fromkeys(fill("o", i, terms), 1.0)) for i, terms in enumerate(old_terms)]
    new = [Subject(f"n{j}", dict.fromkeys(fill("n", j, terms), 1.0)) for j, terms in enumerate(new_terms)]
    return old, new


def links(older: int, newer: int, shares: dict[tuple[int, int], int]) -> list[tuple[str, tuple, tuple]]:
    """(kind, older positions, newer positions) of each link."""
    return [(link.kind, link.older, link.newer) for link in align_subjects(*made(older, newer, shares))]


@pytest.mark.parametrize(
    "older, newer, shares, expected",
    [
        # A clear pair (40 shared) is rewritten: the texts ("o0", "n0") share no word.
        (1, 1, {(0, 0): 40}, [("rewritten", (0,), (0,))]),
        # Alone on both sides, a weak pair is kept down to REWRITE_AT (0.12)...
        (1, 1, {(0, 0): 12}, [("rewritten", (0,), (0,))]),
        # ...and not under it: one dropped, one new.
        (1, 1, {(0, 0): 11}, [("dropped", (0,), ()), ("new", (), (0,))]),
        # PAIR_AT (0.2): the solver's pair at 0.22 stands though 0 prefers 1 (0.23): the total is larger.
        (2, 2, {(0, 0): 22, (0, 1): 23, (1, 1): 23}, [("rewritten", (0,), (0,)), ("rewritten", (1,), (1,))]),
        # Under PAIR_AT (0.18), the same pair is not the best left for 0 (0.19 with 1): 0 dropped, 0 new.
        (2, 2, {(0, 0): 18, (0, 1): 19, (1, 1): 19}, [("dropped", (0,), ()), ("new", (), (0,)), ("rewritten", (1,), (1,))]),
        # PART_AT (0.25): a second older paragraph with 30% of its stems in a paired one was merged into it...
        (2, 1, {(0, 0): 40, (1, 0): 30}, [("merged", (0, 1), (0,))]),
        # ...with 20% it was dropped.
        (2, 1, {(0, 0): 40, (1, 0): 20}, [("rewritten", (0,), (0,)), ("dropped", (1,), ())]),
        # And the other way round: split, or a new paragraph.
        (1, 2, {(0, 0): 40, (0, 1): 30}, [("split", (0,), (0, 1))]),
        (1, 2, {(0, 0): 40, (0, 1): 20}, [("rewritten", (0,), (0,)), ("new", (), (1,))]),
        # The best total, not the first match in reading order: 0 -> 1 and 1 -> 0 (0.5 + 0.5 over 0.3).
        (2, 2, {(0, 0): 30, (0, 1): 50, (1, 0): 50}, [("rewritten", (1,), (0,)), ("rewritten", (0,), (1,))]),
        # Nothing on one side.
        (2, 0, {}, [("dropped", (0,), ()), ("dropped", (1,), ())]),
        (0, 1, {}, [("new", (), (0,))]),
    ],
    ids=["pair", "weak-alone", "too-weak", "pair-at", "under-pair-at", "merged", "not-merged", "split",
         "not-split", "best-total", "all-dropped", "all-new"],
)
def test_alignment(older, newer, shares, expected):
    assert links(older, newer, shares) == expected


def test_confidence():
    old, new = made(2, 2, {(0, 0): 40, (0, 1): 10, (1, 0): 6})
    paired, alone = align_subjects(old, new)[0], align_subjects(old, new)[1:]
    # A pair: its score over its score plus the best rival either side has (0.4 / (0.4 + 0.1)).
    assert paired == Link("rewritten", (0,), (0,), 0.8, paired.shared)
    # Alone: 1 - best score / PAIR_AT (0.06 for older 1, 0.1 for newer 1).
    assert [(link.kind, link.confidence) for link in alone] == [("dropped", 0.7), ("new", 0.5)]
    old, new = made(2, 1, {(0, 0): 40, (1, 0): 30})
    # A merge: its weakest part's score over its strongest's.
    assert align_subjects(old, new)[0].confidence == 0.75


def test_shared_terms_weightiest_first():
    old = [Subject("a", {"kestrel": 3.0, "county": 2.0, "line": 1.5, "town": 5.0})]
    new = [Subject("b", {"kestrel": 4.0, "county": 1.0, "line": 1.5, "city": 9.0})]
    assert align_subjects(old, new)[0].shared == ("kestrel", "line", "county")


# Paragraphs with words of their own, for the kinds that depend on the text.
A = "The force answers emergency calls within ten minutes in towns and twenty in the countryside."
A_UPDATED = "The force answers emergency calls within nine minutes in towns and eighteen in the countryside."
A_REWRITTEN = "In the countryside, emergency help reaches callers more slowly than in towns, the force says."
B = "Neighbourhood teams hold a monthly surgery in every market town and publish what they heard."
C = "A new custody suite opened in the spring with cells for forty detained people."
D = "Volunteers patrol the canal paths at weekends and report fly-tipping to the council."


def text_links(older: list[str], newer: list[str]) -> list[tuple[str, tuple, tuple]]:
    """The links of real texts, every stem weighing 1."""
    subjects_of = lambda texts: [Subject(t, weighted_terms(t, lambda stem: 1.0)) for t in texts]  # noqa: E731
    return [(link.kind, link.older, link.newer) for link in align_subjects(subjects_of(older), subjects_of(newer))]


@pytest.mark.parametrize(
    "older, newer, expected",
    [
        ([A, B], [A, B], [("same", (0,), (0,)), ("same", (1,), (1,))]),
        ([A, B], [A_UPDATED, B], [("updated", (0,), (0,)), ("same", (1,), (1,))]),
        ([A, B], [A_REWRITTEN, B], [("rewritten", (0,), (0,)), ("same", (1,), (1,))]),
        # B jumped from second to last: moved; A, C and D keep their order.
        ([A, B, C, D], [A, C, D, B], [("same", (0,), (0,)), ("same", (2,), (1,)), ("same", (3,), (2,)),
                                      ("moved", (1,), (3,))]),
        # An updated paragraph that moved is moved too.
        ([A, B, C, D], [A_UPDATED, C, D, B], [("updated", (0,), (0,)), ("same", (2,), (1,)), ("same", (3,), (2,)),
                                              ("moved", (1,), (3,))]),
        # B and C swapped places (either could be "the one that moved"): B jumped further, as a share of
        # each statement's length (1/3 -> 3/4 against C's 2/3 -> 2/4), so B moved.
        ([A, B, C], [A, D, C, B], [("same", (0,), (0,)), ("new", (), (1,)), ("same", (2,), (2,)), ("moved", (1,), (3,))]),
        # A dropped paragraph stands after the row of the older paragraph before it; a new one where it is.
        ([A, B, C], [D, A, C], [("new", (), (0,)), ("same", (0,), (1,)), ("dropped", (1,), ()), ("same", (2,), (2,))]),
        ([B, A], [A], [("dropped", (0,), ()), ("same", (1,), (0,))]),
    ],
    ids=["same", "updated", "rewritten", "moved", "updated-moved", "moved-the-furthest", "order", "dropped-first"],
)
def test_kinds_and_order(older, newer, expected):
    assert text_links(older, newer) == expected


def test_very_long_statements_pair_only_identical_paragraphs(monkeypatch):
    monkeypatch.setattr(subjects, "MAX_PAIRS", 4)
    assert text_links([A, B, C], [A_UPDATED, B, C]) == [
        ("dropped", (0,), ()), ("new", (), (0,)), ("same", (1,), (1,)), ("same", (2,), (2,))
    ]


@pytest.mark.parametrize(
    "values, weights, kept",
    [
        ([0, 1, 2], [1, 1, 1], {0, 1, 2}),
        ([0, 2, 1], [1, 1, 0.6], {0, 1}),  # equally long runs: the heavier
        ([0, 2, 1], [1, 0.6, 1], {0, 2}),
        ([3, 0, 1, 2], [1, 1, 1, 1], {1, 2, 3}),  # the longer run wins
        ([], [], set()),
    ],
)
def test_in_order(values, weights, kept):
    assert in_order(values, weights) == kept


# ---- the terms ---------------------------------------------------------------


def test_weighted_terms():
    idf = {"oper": 2.0, "kestrel": 3.0, "close": 1.0, "31": 4.0, "line": 1.5}.get
    terms = weighted_terms("Operation Kestrel closed 31 lines. Kestrel closed the lines", lambda s: idf(s, 1.0))
    # "Operation" opens the sentence: no name; "Kestrel" inside it is (x2); a figure x1.5; "the" weighs nothing.
    assert terms == {"oper": 2.0, "kestrel": 6.0, "close": 1.0, "31": 6.0, "line": 1.5}


@pytest.mark.parametrize(
    "text, start, opens",
    [("Kestrel", 0, True), ("by Kestrel", 3, False), ("lines. Kestrel", 7, True), ("- Kestrel", 2, True),
     ("the Kestrel", 4, False)],
)
def test_starts_sentence(text, start, opens):
    assert starts_sentence(text, start) is opens


def test_term_words_are_as_the_text_has_them():
    assert term_words(("kestrel", "line", "absent"), ("The lines of Operation Kestrel.",)) == ("Kestrel", "lines", "absent")
