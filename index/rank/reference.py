"""The reference: a query tree evaluated by Whoosh's own matchers.

Whoosh is the index of record, and its matchers define what a query means
and how it scores. The score table (`engine.py`) answers searches; the
oracle test holds it to this module: same paragraphs, same order, same scores.

Whoosh's own statistics (paragraph counts, stem frequencies, one-byte
lengths) and formula do the scoring, with three liberties:

- each BM25 contribution is rounded to float32, the precision the score
  table stores, so that the sums both sides make are exact and agree to the
  bit (see tree.py);
- a paragraph shorter than bm25.SHORTEST of the average is scored at that
  length (bm25.scored_length), as the score table is;
- the average paragraph length is the total of the stems' frequencies over
  the paragraph count. Whoosh's stored total of lengths is exact after one
  commit, but a merge (which every update makes) re-adds the one-byte
  approximations of the merged paragraphs' lengths.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from whoosh import query as wq
from whoosh.matching import AndNotMatcher, WrappingMatcher
from whoosh.query.spans import SpanWrappingMatcher
from whoosh.scoring import BM25F, BM25FScorer

from ..generation import bm25
from ..query import tree as t
from ..text.leads import lead_words

FIELD = "text"


class Float32BM25FScorer(BM25FScorer):
    """Whoosh's BM25F scorer with a given average length, its result rounded to float32."""

    def __init__(self, searcher, fieldname, text, B, K1, average_length: float):
        super().__init__(searcher, fieldname, text, B, K1)
        self.avgfl = average_length or 1

    def _score(self, weight, length):
        return float(np.float32(super()._score(weight, float(bm25.scored_length(length, self.avgfl)))))


class Float32BM25F(BM25F):
    """Whoosh's BM25F with the project's parameters and the exact average length of the
    text field, rounding each contribution to float32."""

    def __init__(self, average_length: float):
        super().__init__(B=bm25.B, K1=bm25.K1)
        self.average_length = average_length

    def scorer(self, searcher, fieldname, text, qf=1):
        """The scorer of one term (Whoosh's interface)."""
        return Float32BM25FScorer(searcher, fieldname, text, self.B, self.K1, self.average_length)


@lru_cache(maxsize=8)
def exact_average_length(whoosh_index) -> float:
    """Tokens per paragraph: the sum of every stem's frequency over the paragraph count
    (remembered per opened index, which never changes)."""
    with whoosh_index.reader() as reader:
        tokens = sum(info.weight() for _, info in reader.iter_field(FIELD))
        return tokens / (reader.doc_count_all() or 1)


class Boosted(wq.WrappingQuery):
    """A query whose scores are multiplied by `boost` (span queries take no boost of their own)."""

    def __init__(self, child, boost: float):
        super().__init__(child)
        self.boost = boost

    def _rewrap(self, child):
        return self.__class__(child, self.boost)

    def matcher(self, searcher, context=None):
        """The child's matcher, its scores multiplied by the boost."""
        return WrappingMatcher(self.child.matcher(searcher, context), boost=self.boost)


class Lead(wq.SpanFirst):
    """Whoosh's SpanFirst, sized as its term (Whoosh leaves the estimate out, and Or needs it)."""

    def estimate_size(self, ixreader):
        return self.q.estimate_size(ixreader)

    def estimate_min_size(self, ixreader):
        return 0


class LeadSentence(Lead):
    """Spans ending within the words a LeadPhrase allows in each paragraph (node.limit: its first
    `within` words and, with `sentence`, its first sentence): the sentence's words counted from the
    stored text (the engine reads the count the build stored; both count with text/leads.py). A
    span ends at its last word's position."""

    def __init__(self, q, node: t.LeadPhrase):
        super().__init__(q, limit=node.within - 1)
        self.node = node

    def __eq__(self, other):
        return super().__eq__(other) and self.node == other.node

    def __hash__(self):
        return hash(self.q) ^ hash(self.node)

    def apply(self, fn):
        """The same limit over `fn` of the child (Whoosh's rewriting of a query tree)."""
        return self.__class__(fn(self.q), self.node)

    def matcher(self, searcher, context=None):
        """The child's matcher, keeping the paragraphs where a span ends within the limit."""
        return LeadSentenceMatcher(self._subm(searcher, context), searcher, self.node)


class LeadSentenceMatcher(SpanWrappingMatcher):
    """Keeps the spans that end within the node's limit for the current paragraph's first sentence."""

    def __init__(self, child, searcher, node: t.LeadPhrase):
        self.searcher = searcher
        self.node = node
        super().__init__(child)

    def copy(self):
        return self.__class__(self.child.copy(), self.searcher, self.node)

    def _replacement(self, newchild):
        return self.__class__(newchild, self.searcher, self.node)

    def _get_spans(self):
        text = self.searcher.stored_fields(self.child.id())["text"]
        limit = int(self.node.limit(lead_words(text)))
        return [span for span in self.child.spans() if span.end < limit]


class FirstCheckedAndNotMatcher(AndNotMatcher):
    """Whoosh's AndNotMatcher, mended: it only looks at the first paragraph of the excluded
    list when both lists start at the same paragraph, so `a -b` returned a's first
    paragraph even when it held b, whenever b's list started earlier."""

    def _find_first(self):
        """Skip the required paragraphs the excluded list holds, wherever that list starts."""
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class AndNot(wq.AndNot):
    """`a` without `b`, with the mended matcher."""

    def matcher(self, searcher, context=None):
        """The mended matcher over the required and excluded matchers."""
        required = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return FirstCheckedAndNotMatcher(required, excluded)


def whoosh_query(node) -> wq.Query:
    """The Whoosh query that means what `node` means."""
    if isinstance(node, t.Term):
        return wq.Term(FIELD, node.stem, boost=node.boost)
    if isinstance(node, t.Phrase):
        terms = [wq.Term(FIELD, stem) for stem in node.stems]
        phrase = wq.SpanNear2(terms, slop=1, ordered=True, mindist=1)
        return Boosted(phrase, node.boost) if node.boost != 1.0 else phrase
    if isinstance(node, t.Lead):
        # A term's span is its position: within the first N words is position <= N - 1.
        lead = Lead(wq.Term(FIELD, node.stem), limit=node.within - 1)
        return Boosted(lead, node.boost) if node.boost != 1.0 else lead
    if isinstance(node, t.LeadPhrase):
        terms = [wq.Term(FIELD, stem) for stem in node.stems]
        phrase = terms[0] if len(terms) == 1 else wq.SpanNear2(terms, slop=1, ordered=True, mindist=1)
        lead = LeadSentence(phrase, node)
        return Boosted(lead, node.boost) if node.boost != 1.0 else lead
    if isinstance(node, t.Named):
        field = "force_key" if node.field == "force" else "period"
        return wq.ConstantScoreQuery(wq.Term(field, node.value), node.score)
    if isinstance(node, t.And):
        return wq.And([whoosh_query(child) for child in node.children])
    if isinstance(node, t.Or):
        return wq.Or([whoosh_query(child) for child in node.children])
    if isinstance(node, t.AndNot):
        return AndNot(whoosh_query(node.required), whoosh_query(node.excluded))
    if isinstance(node, t.AndMaybe):
        return wq.AndMaybe(whoosh_query(node.required), whoosh_query(node.optional))
    if isinstance(node, t.Constant):
        return wq.ConstantScoreQuery(whoosh_query(node.child), node.score)
    if isinstance(node, t.Not):
        return wq.Not(whoosh_query(node.child))
    raise TypeError(f"not a query tree node: {node!r}")


class DeadlinePassed(Exception):
    """The search's deadline passed while Whoosh's matchers were moving through postings."""


class DeadlineMatcher(WrappingMatcher):
    """A matcher that checks the deadline each time it moves: Whoosh's compound matchers loop by moving."""

    def __init__(self, child, deadline):
        super().__init__(child)
        self.deadline = deadline

    def _replacement(self, newchild):
        return self.__class__(newchild, self.deadline)

    def next(self):
        """Move to the next paragraph, unless the deadline has passed."""
        self.check()
        return self.child.next()

    def skip_to(self, id):
        """Skip to paragraph `id` or beyond, unless the deadline has passed."""
        self.check()
        return self.child.skip_to(id)

    def check(self) -> None:
        """Raise DeadlinePassed once the deadline has passed."""
        if self.deadline.expired():
            raise DeadlinePassed


class Deadlined(wq.WrappingQuery):
    """A query whose matcher checks the deadline as it moves."""

    def __init__(self, child, deadline):
        super().__init__(child)
        self.deadline = deadline

    def _rewrap(self, child):
        return self.__class__(child, self.deadline)

    def matcher(self, searcher, context=None):
        """The child's matcher, checking the deadline."""
        return DeadlineMatcher(self.child.matcher(searcher, context), self.deadline)


def bounded(query: wq.Query, deadline) -> wq.Query:
    """`query` with every node, down to the single terms, checking `deadline` each time it moves."""
    if query.is_leaf():
        return Deadlined(query, deadline)
    return Deadlined(query.apply(lambda child: bounded(child, deadline)), deadline)


def filter_query(filters) -> wq.Query | None:
    """The Whoosh filter for a search's facets.Filters, or None for no filter."""
    parts = []
    if filters.forces:
        parts.append(wq.Or([wq.Term("force", force) for force in filters.forces]))
    if filters.periods:
        parts.append(wq.Or([wq.Term("period", period) for period in filters.periods]))
    if filters.statement:
        parts.append(wq.Term("statement", filters.statement))
    return wq.And(parts) if parts else None


def reference_matches(whoosh_index, node, filters=None, deadline=None) -> list[tuple[str, int, float]]:
    """Every paragraph `node` matches within `filters` (facets.Filters): (statement, paragraph, score), unordered.

    With a `deadline` (engine.Deadline), every node that loops checks it, and past it the answer is
    nothing: a partial answer may miss paragraphs, never add any.
    """
    weighting = Float32BM25F(exact_average_length(whoosh_index))
    query = whoosh_query(node) if deadline is None else bounded(whoosh_query(node), deadline)
    with whoosh_index.searcher(weighting=weighting) as searcher:
        chosen = filter_query(filters) if filters is not None else None
        try:
            results = searcher.search(query, limit=None, filter=chosen, scored=True)
            return [(hit["statement"], hit["paragraph"], hit.score) for hit in results]
        except DeadlinePassed:
            return []
