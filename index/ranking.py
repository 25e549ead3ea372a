"""The top hits of a query: filtered, time-limited, optionally one per statement.

Whoosh's wrapping collectors do not compose: TimeLimitCollector drives its
child's matches() and collect() itself, so a FilterCollector or
CollapseCollector inside it is silently skipped, and a FilterCollector
bypasses a CollapseCollector the same way. And Require() queries can trip an
assertion in Whoosh's block-quality skipping. So: the deadline is checked in
matches() by our own wrapper, the filter wraps that (it iterates matches()),
and grouping by statement is done here over the ranked hits.

The same pass also records every match (before the filter) for counting and
facets: matching once is cheaper than matching twice, above all for phrases.
So the top-N collector must see every match: it is told neither to skip
low-scoring blocks nor to replace the matcher with one that drops documents
that can no longer reach the top (it does both by default).
"""

from __future__ import annotations

import math
import threading
import time

from whoosh import collectors
from whoosh import query as wq
from whoosh.matching import WrappingMatcher

# The deadline of the search running in this thread (set by ranked()).
_deadline = threading.local()
# Deadline checks happen every this many moves of a matcher (a power of two, minus one).
CHECK_EVERY = 255


class DeadlineMatcher(WrappingMatcher):
    """A matcher that stops the search when its thread's deadline has passed.

    The collector checks the clock between matches, but a phrase matcher can
    walk thousands of candidates inside one step without finding a match
    ("the of and to in a" as a phrase): its terms carry the check instead.
    """

    def __init__(self, child, boost=1.0):
        super().__init__(child, boost)
        self.moves = 0

    def check(self) -> None:
        """Raise TimeLimit when the deadline has passed (looked at every few moves)."""
        self.moves += 1
        if not self.moves & CHECK_EVERY and time.perf_counter() > getattr(_deadline, "at", math.inf):
            raise collectors.TimeLimit

    def next(self):
        self.check()
        return self.child.next()

    def skip_to(self, id):
        self.check()
        return self.child.skip_to(id)


class DeadlineTerm(wq.Term):
    """A term whose matcher respects the running search's deadline."""

    def matcher(self, searcher, context=None):
        return DeadlineMatcher(super().matcher(searcher, context))


class Boosted(wq.WrappingQuery):
    """A query whose scores are multiplied by `boost` (span queries take no boost of their own)."""

    def __init__(self, child, boost: float):
        super().__init__(child)
        self.boost = boost

    def _rewrap(self, child):
        return self.__class__(child, self.boost)

    def matcher(self, searcher, context=None):
        return WrappingMatcher(self.child.matcher(searcher, context), boost=self.boost)


def bounded_phrase(fieldname: str, words: list[str], boost: float = 1.0) -> wq.Query:
    """The words next to each other in order, as a phrase the deadline can interrupt."""
    terms = [DeadlineTerm(fieldname, word) for word in words]
    phrase = wq.SpanNear2(terms, slop=1, ordered=True, mindist=1)
    return Boosted(phrase, boost) if boost != 1.0 else phrase


class DeadlineCollector(collectors.WrappingCollector):
    """Raises TimeLimit from matches() once the thread's deadline has passed; records every match it passes on."""

    def __init__(self, child):
        super().__init__(child)
        # Global document numbers of every match seen (before any filter).
        self.seen: list[int] = []

    def matches(self):
        """The child's matches, until the deadline."""
        seen, offset = self.seen, self.child.offset
        for sub_docnum in self.child.matches():
            if time.perf_counter() > _deadline.at:
                raise collectors.TimeLimit
            seen.append(offset + sub_docnum)
            yield sub_docnum


def ranked(searcher, query, limit: int, time_limit: float, filter_query=None):
    """The top `limit` hits of `query` within `filter_query`, stopping at the time limit.

    Returns (results, every match before the filter, partial).
    """
    top = collectors.TopCollector(limit, usequality=False, replace=0)
    deadline = DeadlineCollector(top)
    collector = deadline
    if filter_query is not None:
        collector = collectors.FilterCollector(deadline, filter_query)
    _deadline.at = time.perf_counter() + time_limit
    try:
        searcher.search_with_collector(query, collector)
    except collectors.TimeLimit:
        return collector.results(), deadline.seen, True
    finally:
        _deadline.at = math.inf
    return collector.results(), deadline.seen, False


def top_hits(searcher, query, page: int, page_size: int, time_limit: float, filter_query, group_by=None):
    """The Whoosh hits of one page, best first.

    `group_by` (each document's statement number, store.DocColumns.statement_of)
    keeps only the best hit of each statement; None gives a flat page.
    Returns (hits, every match before the filter, partial).
    """
    wanted = page * page_size
    if group_by is None:
        results, matched, partial = ranked(searcher, query, wanted, time_limit, filter_query)
        return list(results)[(page - 1) * page_size :], matched, partial
    statement_of = group_by
    depth = wanted * 4
    while True:
        results, matched, partial = ranked(searcher, query, depth, time_limit, filter_query)
        best = {}
        for hit in results:
            best.setdefault(statement_of[hit.docnum], hit)
        if len(best) >= wanted or results.scored_length() < depth or partial:
            return list(best.values())[(page - 1) * page_size : wanted], matched, partial
        depth *= 4
