"""A query -> one page of ranked, highlighted hits, as plain dataclasses.

Nothing Whoosh makes leaves this module: hits and snippets are copied out
while the searcher is open (Whoosh results die with their searcher).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from whoosh.collectors import TimeLimit, TimeLimitCollector

from .query import QueryError, expand_prefixes, parse_query
from .snippets import highlight_terms, snippet
from .store import StatementIndex

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


def check_page(page: int) -> None:
    """Refuse page numbers outside 1..MAX_PAGE."""
    if not 1 <= page <= MAX_PAGE:
        raise QueryError(f"Choose a page from 1 to {MAX_PAGE}.")


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
    query = parse_query(text, index.schema)
    with index.searcher() as searcher:
        reader = searcher.reader()
        expand_prefixes(query, reader)
        collector = TimeLimitCollector(
            searcher.collector(limit=page * page_size), timelimit=time_limit, use_alarm=False
        )
        partial = False
        try:
            searcher.search_with_collector(query, collector)
        except TimeLimit:
            partial = True
        results = collector.results()
        total = results.scored_length() if partial else len(results)
        terms = highlight_terms(query, reader)
        analyzer = searcher.schema["text"].analyzer
        hits = tuple(
            Hit(
                statement=fields["statement"],
                force=fields["force"],
                period=fields["period"],
                paragraph=fields["paragraph"],
                text=fields["text"],
                snippet=snippet(fields["text"], terms, analyzer),
                score=round(float(whoosh_hit.score or 0.0), 4),
            )
            for whoosh_hit in results[(page - 1) * page_size : page * page_size]
            for fields in (whoosh_hit.fields(),)
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
    )
