"""The query tree: what a search asks for, in the index's own terms (stems, not words).

`understand.py` turns what a person typed into one of these trees. Two
evaluators run it: `engine.py` on the generation's score table (the fast path
that serves every search) and `ranking.py` through Whoosh's matchers (the
reference the oracle test holds the engine to). A node means the same to both:

    Term(stem)             paragraphs with the stem; BM25 score of the stem, times boost
    Phrase(stems)          the stems next to each other, in order; sum of their BM25 scores, times boost
    Lead(stem, within)     paragraphs with the stem among their first `within` words; its BM25 score, times boost
    LeadPhrase(stems, within, sentence)  the stems next to each other, in order, all among the
                           paragraph's first `within` words and, with `sentence`, in its first sentence
                           (text/leads.py); sum of their BM25 scores, times boost
    Named(field, value)    paragraphs of a named force ("force") or period ("period"); a fixed score
    And(children)          paragraphs matching every child; the sum of their scores
    Or(children)           paragraphs matching any child; the sum of the scores of those that match
    AndNot(required, excluded)   `required`'s paragraphs without `excluded`'s; `required`'s score
    AndMaybe(required, optional) `required`'s paragraphs; plus `optional`'s score where it matches too
    Constant(child, score) `child`'s paragraphs, each scoring `score`
    Not(child)             every paragraph that does not match `child`, scoring 1 (only under Or)

Every boost and fixed score is a small binary fraction (2, 0.5, 100, ...) and
every BM25 contribution is a float32, so the float64 sums both evaluators make
are exact whatever the order of addition: the two agree to the bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Term:
    """Paragraphs containing one stem."""

    stem: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Paragraphs in which the stems stand next to each other, in order."""

    stems: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Lead:
    """Paragraphs that have the stem among their first `within` words (a paragraph's lead says what it is about)."""

    stem: str
    within: int
    boost: float = 1.0


@dataclass(frozen=True)
class LeadPhrase:
    """Paragraphs in which the stems stand next to each other, in order, within their first `within`
    words and, with `sentence`, in their first sentence."""

    stems: tuple[str, ...]
    within: int
    boost: float = 1.0
    sentence: bool = True

    def limit(self, lead):
        """How many of a paragraph's first words the stems must stand in, for a first sentence of
        `lead` words (an int, or a numpy array of them)."""
        return np.minimum(lead, self.within) if self.sentence else np.broadcast_to(self.within, np.shape(lead))


@dataclass(frozen=True)
class Named:
    """Every paragraph of a force ("force", by force key) or a period ("period"), with a fixed score."""

    field: str
    value: str
    score: float


@dataclass(frozen=True)
class And:
    """Paragraphs matching every child."""

    children: tuple


@dataclass(frozen=True)
class Or:
    """Paragraphs matching at least one child."""

    children: tuple


@dataclass(frozen=True)
class AndNot:
    """Paragraphs of `required` that `excluded` does not match."""

    required: object
    excluded: object


@dataclass(frozen=True)
class AndMaybe:
    """Paragraphs of `required`, scored higher where `optional` matches too."""

    required: object
    optional: object


@dataclass(frozen=True)
class Constant:
    """Paragraphs of `child`, each with the same score."""

    child: object
    score: float


@dataclass(frozen=True)
class Not:
    """Every paragraph that `child` does not match (only meaningful inside Or)."""

    child: object


Node = Term | Phrase | Lead | LeadPhrase | Named | And | Or | AndNot | AndMaybe | Constant | Not


def any_of(children: list[Node]) -> Node:
    """Paragraphs matching any child: the child itself when there is one."""
    return children[0] if len(children) == 1 else Or(tuple(children))


def all_of(children: list[Node]) -> Node:
    """Paragraphs matching every child; NOT children exclude instead (And(a, Not(b)) is a without b)."""
    wanted = [child for child in children if not isinstance(child, Not)]
    unwanted = [child.child for child in children if isinstance(child, Not)]
    if not wanted:
        return Not(any_of(unwanted))
    required = wanted[0] if len(wanted) == 1 else And(tuple(wanted))
    return AndNot(required, any_of(unwanted)) if unwanted else required
