"""Every paragraph a search matches, best first, up to a cap: what a download holds.

The same matching step as a results page (search.find), so a download holds
exactly the paragraphs the pages show, in the flat view's order. Matching is
bounded by the search's deadline; the texts are read one row at a time as
the rows are iterated, so a caller can stream them without holding them all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterator

import numpy as np

from ..generation.store import StatementIndex
from ..query.deadline import Deadline
from ..rank.pages import listed
from .facets import Filters
from .search import TIME_LIMIT, check_sort, find, paragraph_fields

# Rows a download holds at most, unless the caller chooses another cap.
MAX_EXPORT_ROWS = 5000


@dataclass(frozen=True)
class ExportRow:
    """One matching paragraph in a download: its rank, where it is, its score and its whole text."""

    rank: int
    statement: str
    force: str
    period: str
    paragraph: int
    score: float
    text: str


class ExportRows:
    """The rows of a download, best first, each text read from the index when its row is reached."""

    def __init__(self, generation, docs: np.ndarray, scores: np.ndarray):
        # Holding the generation keeps its memory-mapped texts readable even after a swap.
        self._generation = generation
        self._docs = docs
        self._scores = scores

    def __len__(self) -> int:
        return len(self._docs)

    def __iter__(self) -> Iterator[ExportRow]:
        for rank, (doc, score) in enumerate(zip(self._docs, self._scores), 1):
            fields = paragraph_fields(self._generation, doc)
            yield ExportRow(
                rank=rank,
                statement=fields["statement"],
                force=fields["force"],
                period=fields["period"],
                paragraph=fields["paragraph"],
                score=round(float(score), 4),
                text=fields["text"],
            )


@dataclass(frozen=True)
class Export:
    """A search's matching paragraphs for download: what was asked, how many matched, and the rows."""

    query: str
    filters: Filters
    as_typed: bool
    # The order of the rows ("relevance", "newest", "force"), and whether the last word was read
    # as the start of a word (results as you type).
    sort: str
    live: bool
    # Matching paragraphs (filters applied); more than len(rows) when the cap cut the download.
    total: int
    # The most rows this download could hold.
    limit: int
    # True when the time limit stopped matching early: total and rows are those found so far.
    partial: bool
    # True when no paragraph had all the words, and these rows have some of them.
    fallback: bool
    # The query with typos corrected, when any were (the rows are for the corrected words).
    suggestion: str | None
    rows: ExportRows = field(repr=False, compare=False)

    @property
    def truncated(self) -> bool:
        """True when more paragraphs matched than the download holds."""
        return self.total > len(self.rows)


def export_rows(
    index: StatementIndex,
    text: str,
    filters: Filters = Filters(),
    as_typed: bool = False,
    limit: int = MAX_EXPORT_ROWS,
    time_limit: float = TIME_LIMIT,
    sort: str = "relevance",
    complete_last: bool = False,
) -> Export:
    """Every paragraph `text` matches within `filters`, best first, at most `limit` (QueryError if it cannot run).

    Ranked as the flat results view ranks them: higher score first, ties in corpus order, a year's
    repeat of a paragraph after the rest (or, with `sort`, the newest period or force A-Z first, as
    search() sorts); with `complete_last`, the paragraphs only a completion of the last word finds
    come after all others, as on the page.
    """
    if limit < 1:
        raise ValueError("a download holds at least one row")
    check_sort(sort)
    deadline = Deadline(time.perf_counter() + time_limit)
    generation = index.current()
    found = find(generation, text, filters, as_typed, deadline, complete_last)
    best = listed(found.matches, generation.columns, sort, found.later, limit)
    return Export(
        query=text,
        filters=filters,
        as_typed=as_typed,
        sort=sort,
        live=complete_last,
        total=found.counts.total,
        limit=limit,
        partial=deadline.passed,
        fallback=found.fallback,
        suggestion=found.meaning.suggestion,
        rows=ExportRows(generation, found.matches.docs[best], found.matches.scores[best]),
    )
