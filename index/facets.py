"""Filters and facet counts: which forces, periods and statements the matches fall in.

Counting reads the force, period and statement columns of every matching
paragraph once. Each facet is counted with the other facet's filter applied
but not its own, so that choosing a force still shows how the other forces
compare.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from whoosh import query as wq

# At most this many values of one filter in a query (force=...&force=...).
MAX_FILTER_VALUES = 20


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; empty means everything."""

    forces: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    statement: str | None = None

    def __bool__(self) -> bool:
        return bool(self.forces or self.periods or self.statement)

    def query(self) -> wq.Query | None:
        """The Whoosh filter for these choices, or None for no filter."""
        parts = []
        if self.forces:
            parts.append(wq.Or([wq.Term("force", force) for force in self.forces]))
        if self.periods:
            parts.append(wq.Or([wq.Term("period", period) for period in self.periods]))
        if self.statement:
            parts.append(wq.Term("statement", self.statement))
        return wq.And(parts) if parts else None


@dataclass(frozen=True)
class FacetValue:
    """One force or period, how many matching paragraphs it has, and whether it is chosen."""

    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facets:
    """Counts of matching paragraphs per force and per period."""

    forces: tuple[FacetValue, ...] = ()
    periods: tuple[FacetValue, ...] = ()


@dataclass(frozen=True)
class Tally:
    """What one pass over the matching paragraphs found."""

    facets: Facets
    # Paragraphs that pass every filter.
    total: int
    # Matching paragraphs per statement (filters applied), for grouping.
    per_statement: dict[str, int]


def tally(columns, docnums, filters: Filters, all_periods: list[str]) -> Tally:
    """Count facets and filtered matches over `docnums` (the unfiltered matches).

    `columns` holds each document's force, period and statement as small
    integers (store.DocColumns), so that counting is a few C-level passes.
    """
    docnums = list(docnums)
    force_of, period_of, statement_of = columns.force_of, columns.period_of, columns.statement_of
    if filters.statement:
        wanted = columns.statements.index(filters.statement) if filters.statement in columns.statements else -1
        docnums = [d for d in docnums if statement_of[d] == wanted]
    chosen_forces = {i for i, f in enumerate(columns.forces) if f in set(filters.forces)}
    chosen_periods = {i for i, p in enumerate(columns.periods) if p in set(filters.periods)}
    in_periods = [d for d in docnums if period_of[d] in chosen_periods] if filters.periods else docnums
    in_forces = [d for d in docnums if force_of[d] in chosen_forces] if filters.forces else docnums
    narrowed = [d for d in in_forces if period_of[d] in chosen_periods] if filters.periods else in_forces
    force_counts = Counter(map(force_of.__getitem__, in_periods))
    period_counts = Counter(map(period_of.__getitem__, in_forces))
    per_statement = Counter(map(statement_of.__getitem__, narrowed))

    forces = sorted(
        ((columns.forces[i], n) for i, n in force_counts.items()), key=lambda item: (-item[1], item[0])
    )
    forces += [(force, 0) for force in filters.forces if force not in {f for f, _ in forces}]
    named_periods = {columns.periods[i]: n for i, n in period_counts.items()}
    periods = sorted(set(all_periods) | set(named_periods) | set(filters.periods))
    facets = Facets(
        forces=tuple(FacetValue(f, n, f in filters.forces) for f, n in forces),
        periods=tuple(FacetValue(p, named_periods.get(p, 0), p in filters.periods) for p in periods),
    )
    return Tally(
        facets,
        len(narrowed),
        {columns.statements[i]: n for i, n in per_statement.items()},
    )
