"""The fast path: a query tree evaluated on a generation's score table with numpy.

Every node becomes a few whole-array operations (slices, gathers, bincounts)
over the postings it touches; no Python loop runs over postings. A node's
result is its matching paragraphs (ascending numbers) and their scores.

The deadline is checked inside every node that loops: between the
alternatives of an Or, the children of an And, the stems of a phrase, and
before and after what a Not or AndNot excludes. Past it, an Or keeps the
alternatives it has; every other node gives nothing rather than a result it
did not finish, since an And missing a child, or an exclusion cut short,
would let wrong paragraphs through. A partial result thus only ever misses
paragraphs, and the search says it is partial.

Memory per node stays near the size of its inputs: matches are combined
sparsely (sorted paragraph numbers), and an array as long as the corpus is
made only when the inputs are already a good share of it, or for a Not,
whose answer is that long.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..generation.columns import DocColumns
from ..generation.score_table import ScoreTable
from ..query import tree as t
from ..query.deadline import Deadline

# Matches are combined in an array as long as the corpus only when they number at least 1/DENSE_SHARE
# of its paragraphs (so that array is at most DENSE_SHARE times their size); fewer are sorted instead.
DENSE_SHARE = 8


@dataclass(frozen=True)
class Matches:
    """Matching paragraphs (ascending) and their scores."""

    docs: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.docs)


NOTHING = Matches(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64))


@dataclass
class Evaluator:
    """Evaluates query trees on one generation's table and columns."""

    table: ScoreTable
    columns: DocColumns
    deadline: Deadline = field(default_factory=Deadline)

    def run(self, node) -> Matches:
        """The paragraphs `node` matches, with their scores."""
        return EVALUATE[type(node)](self, node)

    # -- leaves ---------------------------------------------------------------

    def term(self, node: t.Term) -> Matches:
        """The stem's postings, their contributions times the boost."""
        number = self.table.term(node.stem)
        if number is None:
            return NOTHING
        span = self.table.postings(number)
        return Matches(np.asarray(self.table.docs[span]), self.table.scores[span] * np.float64(node.boost))

    def phrase(self, node: t.Phrase) -> Matches:
        """Paragraphs where the stems stand at consecutive positions; the sum of their contributions."""
        if len(node.stems) == 1:
            return self.term(t.Term(node.stems[0], node.boost))
        return self.phrase_within(node.stems, None, node.boost)

    def lead_phrase(self, node: t.LeadPhrase) -> Matches:
        """Paragraphs where the stems stand at consecutive positions, the last within the paragraph's
        first `within` words and, with `node.sentence`, its first sentence (node.limit)."""
        return self.phrase_within(node.stems, node, node.boost)

    def phrase_within(self, stems: tuple[str, ...], lead: t.LeadPhrase | None, boost: float) -> Matches:
        """Paragraphs where `stems` stand at consecutive positions (ending within `lead`'s limit, when
        given); the sum of their contributions, times `boost`."""
        numbers = [self.table.term(stem) for stem in stems]
        if any(number is None for number in numbers):
            return NOTHING
        spans = [self.table.postings(number) for number in numbers]
        # Candidates: paragraphs holding every stem (smallest posting list first).
        candidates = np.asarray(self.table.docs[min(spans, key=lambda s: s.stop - s.start)])
        where = []
        for span in spans:
            if self.deadline.expired():
                return NOTHING
            docs = self.table.docs[span]
            at = np.searchsorted(docs, candidates)
            found = at < len(docs)
            found[found] = docs[at[found]] == candidates[found]
            candidates, where = candidates[found], [w[found] for w in where] + [at[found]]
        if not len(candidates):
            return NOTHING
        # Positions of the first stem, as (paragraph << 32 | position) keys; then each
        # following stem must stand at key + its offset in the phrase.
        starts = [self.position_keys(span, at, candidates) for span, at in zip(spans, where)]
        first = starts[0]
        ok = np.ones(len(first), dtype=bool)
        for offset, keys in enumerate(starts[1:], 1):
            if self.deadline.expired():
                return NOTHING
            wanted = first + offset
            at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            ok &= keys[at] == wanted
        if lead is not None:
            # The phrase's last word within the first `within` words (and the first sentence: node.limit).
            limit = lead.limit(self.table.lead[(first >> 32).astype(np.int32)].astype(np.int64))
            ok &= (first & 0xFFFFFFFF) + (len(stems) - 1) < limit
        matched = np.unique((first[ok] >> 32).astype(np.int32))
        keep = np.isin(candidates, matched, assume_unique=True)
        total = np.zeros(int(keep.sum()), dtype=np.float64)
        for span, at in zip(spans, where):
            total += self.table.scores[span][at[keep]]
        return Matches(candidates[keep], total * np.float64(boost))

    def lead(self, node: t.Lead) -> Matches:
        """The stem's postings whose first position is among the first `within` words."""
        number = self.table.term(node.stem)
        if number is None:
            return NOTHING
        span = self.table.postings(number)
        # Positions are ascending within a posting: its first is the earliest.
        first = self.table.positions[self.table.position_starts[span]]
        keep = first < node.within
        return Matches(np.asarray(self.table.docs[span])[keep], self.table.scores[span][keep] * np.float64(node.boost))

    def position_keys(self, span: slice, at: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """(paragraph << 32 | position) of every position of the postings `span.start + at`, ascending."""
        postings = span.start + at
        starts = self.table.position_starts[postings].astype(np.int64)
        lengths = self.table.position_starts[postings + 1].astype(np.int64) - starts
        total = int(lengths.sum())
        # Gather the ranges [start, start + length) of every posting in one index array.
        offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        positions = self.table.positions[offsets].astype(np.int64)
        return (np.repeat(docs.astype(np.int64), lengths) << 32) | positions

    def named(self, node: t.Named) -> Matches:
        """Every paragraph of the named force or period, each with the node's score."""
        docs = self.columns.paragraphs_of(node.field, node.value)
        return Matches(docs, np.full(len(docs), float(node.score)))

    # -- combinations -----------------------------------------------------------

    def and_(self, node: t.And) -> Matches:
        """Paragraphs every child matches (nothing as soon as one child matches nothing, or past the deadline)."""
        parts = []
        for child in node.children:
            if self.deadline.expired():
                return NOTHING
            part = self.run(child)
            if not len(part):
                return NOTHING
            parts.append(part)
        return self.combine(parts, needed=len(parts))

    def or_(self, node: t.Or) -> Matches:
        """Paragraphs any child matches; past the deadline, those of the children evaluated so far."""
        parts = []
        for child in node.children:
            if parts and self.deadline.expired():
                break
            parts.append(self.run(child))
        return self.combine(parts, needed=1)

    def combine(self, parts: list[Matches], needed: int) -> Matches:
        """Paragraphs in at least `needed` of `parts`, with the sum of their scores there."""
        parts = [part for part in parts if len(part)]
        if len(parts) < needed or not parts:
            return NOTHING
        if len(parts) == 1:
            return parts[0]
        size = self.table.paragraphs
        docs = np.concatenate([part.docs for part in parts])
        weights = np.concatenate([part.scores for part in parts])
        if len(docs) * DENSE_SHARE >= size:
            counts = np.bincount(docs, minlength=size)
            sums = np.bincount(docs, weights=weights, minlength=size)
            matched = np.flatnonzero(counts >= needed).astype(np.int32)
            return Matches(matched, sums[matched])
        # The same sums in the same order of addition, over the distinct paragraphs only.
        distinct, slot = np.unique(docs, return_inverse=True)
        counts = np.bincount(slot, minlength=len(distinct))
        sums = np.bincount(slot, weights=weights, minlength=len(distinct))
        keep = counts >= needed
        return Matches(distinct[keep].astype(np.int32), sums[keep])

    def andnot(self, node: t.AndNot) -> Matches:
        """The required paragraphs that the excluded branch does not match (nothing when the
        deadline passes before the excluded branch is whole)."""
        required = self.run(node.required)
        if not len(required) or self.deadline.expired():
            return NOTHING
        excluded = self.run(node.excluded)
        if self.deadline.expired():
            return NOTHING
        keep = ~contains(excluded.docs, required.docs)
        return Matches(required.docs[keep], required.scores[keep])

    def andmaybe(self, node: t.AndMaybe) -> Matches:
        """The required paragraphs, plus the optional branch's score where it matches too."""
        required = self.run(node.required)
        if not len(required):
            return NOTHING
        optional = self.run(node.optional)
        found = contains(optional.docs, required.docs)
        extra = np.zeros(len(required), dtype=np.float64)
        extra[found] = optional.scores[np.searchsorted(optional.docs, required.docs[found])]
        return Matches(required.docs, required.scores + extra)

    def constant(self, node: t.Constant) -> Matches:
        """The child's paragraphs, each with the node's score."""
        child = self.run(node.child)
        return Matches(child.docs, np.full(len(child), float(node.score)))

    def not_(self, node: t.Not) -> Matches:
        """Every paragraph the child does not match, scoring 1 (nothing when the deadline passes
        before the child is whole)."""
        if self.deadline.expired():
            return NOTHING
        child = self.run(node.child)
        if self.deadline.expired():
            return NOTHING
        mask = np.ones(self.table.paragraphs, dtype=bool)
        mask[child.docs] = False
        docs = np.flatnonzero(mask).astype(np.int32)
        return Matches(docs, np.ones(len(docs)))


def contains(docs: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """A boolean per paragraph of `wanted`: True where the ascending `docs` holds it."""
    if not len(docs):
        return np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(docs, wanted), len(docs) - 1)
    return docs[at] == wanted


EVALUATE = {
    t.Term: Evaluator.term,
    t.Phrase: Evaluator.phrase,
    t.Lead: Evaluator.lead,
    t.LeadPhrase: Evaluator.lead_phrase,
    t.Named: Evaluator.named,
    t.And: Evaluator.and_,
    t.Or: Evaluator.or_,
    t.AndNot: Evaluator.andnot,
    t.AndMaybe: Evaluator.andmaybe,
    t.Constant: Evaluator.constant,
    t.Not: Evaluator.not_,
}


def listing_keys(docs: np.ndarray, columns: DocColumns, sort: str, later: np.ndarray = NOTHING.docs) -> tuple:
    """The keys `ranked` orders `docs` by before score: the paragraphs of `later` (ascending) after
    every other, then the order of `sort` (DocColumns.sort_keys)."""
    first = (np.isin(docs, later),) if len(later) else ()
    return first + columns.sort_keys(docs, sort)
