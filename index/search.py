"""A query -> one page of ranked, highlighted hits, as plain dataclasses.

Nothing Whoosh makes leaves this module: hits and snippets are copied out
while the searcher is open (Whoosh results die with their searcher).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from whoosh.collectors import TimeLimit, TimeLimitCollector

from .query import QueryError
from .snippets import Marking, snippet
from .store import StatementIndex
from .understand import Understood, understand

PAGE_SIZE = 10
MAX_PAGE = 100
# Seconds of matching before we stop and return what was found so far.
TIME_LIMIT = 1.0


@dataclass(frozen=True)
class Hit:
    """One matching paragraph."""

    statement: str
    force: str
    period: str
    paragraph: int
    text: str
    snippet: str
    score: float

    @property
    def anchor(self) -> str:
        """The fragment id of the paragraph on its statement page."""
        return f"p{self.paragraph}"


@dataclass(frozen=True)
class ResultsPage:
    """One page of results for a query."""

    query: str
    total: int
    page: int
    pages: int
    page_size: int
    took_ms: float
    hits: tuple[Hit, ...]
    # True when the time limit stopped matching early: total and hits are partial.
    partial: bool = False
    # How each part of the query was understood (stems, corrections, named force...).
    understood: tuple[Understood, ...] = ()
    # The query with typos corrected, when any were ("did you mean").
    suggestion: str | None = None
    # True when no paragraph had all the words, and these hits have some of them.
    fallback: bool = False


def check_page(page: int) -> None:
    """Refuse page numbers outside 1..MAX_PAGE."""
    if not 1 <= page <= MAX_PAGE:
        raise QueryError(f"Choose a page from 1 to {MAX_PAGE}.")


def make_hit(fields: dict, score: float, marking: Marking, analyzer) -> Hit:
    """Copy one matching paragraph's stored fields into a Hit, with its snippet."""
    return Hit(
        statement=fields["statement"],
        force=fields["force"],
        period=fields["period"],
        paragraph=fields["paragraph"],
        text=fields["text"],
        snippet=snippet(fields["text"], marking, analyzer),
        score=round(float(score or 0.0), 4),
    )


def collect(searcher, query, limit: int, time_limit: float):
    """Run `query` for its top `limit` hits; (results, total, partial) even when time runs out."""
    collector = TimeLimitCollector(
        searcher.collector(limit=limit), timelimit=time_limit, use_alarm=False
    )
    partial = False
    try:
        searcher.search_with_collector(query, collector)
    except TimeLimit:
        partial = True
    results = collector.results()
    return results, (results.scored_length() if partial else len(results)), partial


def search(
    index: StatementIndex,
    text: str,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    time_limit: float = TIME_LIMIT,
) -> ResultsPage:
    """Run what a person typed and return the requested page of hits (QueryError if it cannot run)."""
    started = time.perf_counter()
    check_page(page)
    generation = index.current()
    with index.searcher() as searcher:
        meaning = understand(text, searcher.reader(), generation.forces, generation.periods)
        limit = page * page_size
        results, total, partial = collect(searcher, meaning.query, limit, time_limit)
        fallback = False
        if total == 0 and meaning.fallback is not None:
            results, total, partial = collect(searcher, meaning.fallback, limit, time_limit)
            fallback = total > 0
        analyzer = searcher.schema["text"].analyzer
        hits = tuple(
            make_hit(found.fields(), found.score, meaning.marking, analyzer)
            for found in results[(page - 1) * page_size : limit]
        )
    return ResultsPage(
        query=text,
        total=total,
        page=page,
        pages=max(1, min(MAX_PAGE, math.ceil(total / page_size))),
        page_size=page_size,
        took_ms=round((time.perf_counter() - started) * 1000, 2),
        hits=hits,
        partial=partial,
        understood=meaning.understood,
        suggestion=meaning.suggestion,
        fallback=fallback,
    )
