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


def tally(reader, docnums, filters: Filters, all_periods: list[str]) -> Tally:
    """Count facets and filtered matches over `docnums` (the unfiltered matches)."""
    forces_of = reader.column_reader("force")
    periods_of = reader.column_reader("period")
    statements_of = reader.column_reader("statement")
    chosen_forces, chosen_periods = set(filters.forces), set(filters.periods)
    force_counts, period_counts, per_statement = Counter(), Counter(), Counter()
    for docnum in docnums:
        statement = statements_of[docnum]
        if filters.statement and statement != filters.statement:
            continue
        force, period = forces_of[docnum], periods_of[docnum]
        force_ok = not chosen_forces or force in chosen_forces
        period_ok = not chosen_periods or period in chosen_periods
        if period_ok:
            force_counts[force] += 1
        if force_ok:
            period_counts[period] += 1
        if force_ok and period_ok:
            per_statement[statement] += 1
    forces = sorted(force_counts.items(), key=lambda item: (-item[1], item[0]))
    for force in chosen_forces - set(force_counts):
        forces.append((force, 0))
    periods = sorted(set(all_periods) | set(period_counts) | chosen_periods)
    facets = Facets(
        forces=tuple(FacetValue(f, n, f in chosen_forces) for f, n in forces),
        periods=tuple(FacetValue(p, period_counts.get(p, 0), p in chosen_periods) for p in periods),
    )
    return Tally(facets, sum(per_statement.values()), dict(per_statement))
