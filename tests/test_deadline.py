"""A bounded cost in every node: each node that loops checks the search's deadline, and no node
makes an array as long as the corpus where the few paragraphs it handles would do.

The deadline here is a countdown that passes at its n-th check (no clock): where a node checks it,
and what the node gives then, is asserted exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from whoosh import query as wq

from index import QueryError

from index.query import tree as t
from index.query.understand import understand
from index.rank import engine
from index.rank.reference import DeadlineMatcher, DeadlinePassed, reference_matches

from .oracle import generate

POLICE, FORCE, CRIME = t.Term("polic"), t.Term("forc"), t.Term("crime")
# An Or of many alternatives, as a hostile prefix* or OR list makes.
MANY = t.Or(tuple(t.Term(stem) for stem in ("polic", "forc", "crime", "offic", "commun") * 40))
CRIMES = t.Or((CRIME,) * 100)


@dataclass
class Countdown(engine.Deadline):
    """A deadline that passes at its `checks`-th check."""

    checks: int = 1

    def expired(self) -> bool:
        if not self.passed:
            self.checks -= 1
            self.passed = self.checks <= 0
        return self.passed


class Counting(engine.Evaluator):
    """An evaluator that counts the nodes it evaluates."""

    runs = 0

    def run(self, node):
        self.runs += 1
        return super().run(node)


def evaluate(generation, node, deadline=None):
    """(paragraphs, scores, nodes evaluated, deadline passed) of `node` on `generation`."""
    deadline = deadline or engine.Deadline()
    evaluator = Counting(generation.table, generation.columns, deadline)
    matches = evaluator.run(node)
    return matches.docs.tolist(), matches.scores.tolist(), evaluator.runs, deadline.passed


@pytest.fixture
def generation(statement_index):
    with statement_index.reading() as (generation, _):
        yield generation


# Each row: a hostile node, the check at which the deadline passes, how many nodes are evaluated
# then, and whether anything is given (an Or keeps what it has; every other node gives nothing).
@pytest.mark.parametrize(
    ("node", "passes_at", "runs", "gives"),
    [
        (t.And((POLICE, MANY, MANY, MANY)), 1, 1, False),  # before the first child
        (t.And((POLICE, MANY, MANY, MANY)), 2, 2, False),  # before the second
        (t.And((MANY, MANY, MANY)), 3, 4, False),  # inside the first child's Or, then before the second child
        (t.Phrase(("domest", "abus")), 1, 1, False),  # gathering the stems' paragraphs
        (t.Phrase(("domest", "abus")), 3, 1, False),  # matching the stems' positions
        (t.Not(MANY), 1, 1, False),  # before what it excludes
        (t.Not(MANY), 3, 4, False),  # while evaluating what it excludes
        (t.AndNot(FORCE, CRIMES), 1, 2, False),  # before what it excludes
        (t.AndNot(FORCE, CRIMES), 3, 5, False),  # while evaluating what it excludes
        (MANY, 1, 2, True),  # an Or: the first alternative only
        (MANY, 5, 6, True),  # the first five
    ],
    ids=["and 1", "and 2", "and in child", "phrase stems", "phrase positions", "not before", "not inside",
         "andnot before", "andnot inside", "or 1", "or 5"],
)
def test_each_node_that_loops_stops_at_the_deadline(generation, node, passes_at, runs, gives):
    whole, _, whole_runs, _ = evaluate(generation, node)
    assert whole and whole_runs >= runs  # unhurried, the node matches (and evaluates as much or more)
    docs, _, evaluated, passed = evaluate(generation, node, Countdown(checks=passes_at))
    assert passed and evaluated == runs
    assert bool(docs) == gives and set(docs) <= set(whole)  # partial only ever misses paragraphs


def test_prefix_expansion_stops_at_the_deadline(generation):
    whole = understand("co*", generation).query
    assert len(whole.children) == 12
    deadline = Countdown(checks=4)
    cut = understand("co*", generation, deadline=deadline).query
    assert deadline.passed and cut.children == whole.children[:3]


def test_prefix_completion_stops_at_the_deadline(generation):
    deadline = Countdown(checks=4)
    meaning = understand("co", generation, complete_last=True, deadline=deadline)
    assert deadline.passed and len(meaning.query.children) == 3


@pytest.mark.parametrize("passes_at", [1, 2])
def test_typo_expansion_stops_at_the_deadline(generation, passes_at):
    assert understand("policce", generation).understood[0].corrections == ("police",)
    deadline = Countdown(checks=passes_at)
    meaning = understand("policce", generation, deadline=deadline)
    assert deadline.passed and meaning.understood[0].corrections == () and meaning.suggestion is None


class Vast:
    """A generation's score table claiming 2**50 paragraphs: any node that made an array as long as
    the corpus would fail to allocate it."""

    paragraphs = 2**50

    def __init__(self, table):
        self._table = table

    def __getattr__(self, name):
        return getattr(self._table, name)


@pytest.mark.parametrize(
    "node",
    [
        t.And((POLICE, FORCE)),
        t.Or((POLICE, FORCE, CRIME)),
        t.AndNot(t.Or((POLICE, FORCE)), CRIME),
        t.AndMaybe(FORCE, t.Phrase(("polic", "forc"), 0.5)),
        t.AndMaybe(t.And((POLICE, FORCE)), CRIME),
        t.Constant(t.Or((CRIME, t.Term("nosuchstem"))), 2.0),
    ],
    ids=["and", "or", "andnot", "andmaybe phrase", "andmaybe", "constant"],
)
def test_no_node_but_not_makes_an_array_as_long_as_the_corpus(generation, node):
    """And the sparse form gives the very paragraphs and scores (to the bit) that the dense one does."""
    dense = engine.Evaluator(generation.table, generation.columns).run(node)
    sparse = engine.Evaluator(Vast(generation.table), generation.columns).run(node)
    assert len(dense)
    assert sparse.docs.tolist() == dense.docs.tolist()
    assert sparse.scores.tobytes() == dense.scores.tobytes()


def test_the_small_corpus_combines_densely(generation):
    """The other form, so that the comparison above compares two."""
    docs = engine.Evaluator(generation.table, generation.columns).run(t.Or((POLICE, FORCE))).docs
    assert len(docs) * engine.DENSE_SHARE >= generation.table.paragraphs
    assert isinstance(np.asarray(docs), np.ndarray)


# ---- the reference: Whoosh's matchers ---------------------------------------------


def test_the_reference_means_the_same_when_it_checks_a_deadline(statement_index):
    """Checking the deadline changes nothing while it has not passed: same paragraphs, same scores."""
    with statement_index.reading() as (generation, _):
        for case in generate(statement_index, 150, seed=7):
            try:
                meaning = understand(case.text, generation)
            except QueryError:
                continue
            plain = reference_matches(generation.whoosh, meaning.query, case.filters)
            assert reference_matches(generation.whoosh, meaning.query, case.filters, engine.Deadline()) == plain


@pytest.mark.parametrize(
    "node",
    [t.And((POLICE, FORCE)), MANY, t.Phrase(("domest", "abus")), t.Or((POLICE, t.Not(CRIMES))), t.Not(CRIMES),
     t.AndNot(FORCE, CRIMES), t.AndMaybe(FORCE, MANY), t.Constant(MANY, 2.0)],
    ids=["and", "or", "phrase", "not under or", "not alone", "andnot", "andmaybe", "constant"],
)
def test_every_node_of_the_reference_stops_at_the_deadline(generation, node):
    assert reference_matches(generation.whoosh, node)
    for passes_at in (1, 2, 3):
        deadline = Countdown(checks=passes_at)
        assert reference_matches(generation.whoosh, node, deadline=deadline) == []
        assert deadline.passed and deadline.checks == 0  # stopped at the check that found it passed


@pytest.mark.parametrize("move", ["next", "skip_to"])
def test_a_reference_matcher_checks_the_deadline_at_every_move(generation, move):
    with generation.whoosh.searcher() as searcher:
        leaf = searcher.leaf_searchers()[0][0]
        deadline = Countdown(checks=2)
        matcher = DeadlineMatcher(wq.Term("text", "polic").matcher(leaf), deadline)
        step = (lambda: matcher.next()) if move == "next" else (lambda: matcher.skip_to(matcher.id() + 1))
        step()  # the first check: not yet
        with pytest.raises(DeadlinePassed):
            step()
