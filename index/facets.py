"""Filters and facet counts: which forces, periods and statements the matches fall in.

Counting reads the force, period and statement columns of every matching
paragraph once, as whole arrays. Each facet is counted with the other facet's filter applied
but not its own, so that choosing a force still shows how the other forces
compare.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
    # Matching paragraphs per statement number (filters applied), for grouping.
    per_statement: np.ndarray
    # How many statements have a matching paragraph (filters applied).
    statements: int
    # Which of the matches pass every filter (a boolean per match).
    kept: np.ndarray


def chosen(column: np.ndarray, names: tuple[str, ...], wanted: tuple[str, ...]) -> np.ndarray:
    """A boolean per match: is its value (a number into `names`) one of `wanted`?"""
    wanted = set(wanted)
    numbers = [n for n, name in enumerate(names) if name in wanted]
    return np.isin(column, numbers)


def tally(columns, docs: np.ndarray, filters: Filters) -> Tally:
    """Count facets and filtered matches over `docs` (the unfiltered matches).

    `columns` (columns.DocColumns) holds each paragraph's force, period and
    statement as small integers, so counting is a few whole-array passes.
    """
    docs = np.asarray(docs)
    force_of, period_of, statement_of = (column[docs] for column in (columns.force_of, columns.period_of, columns.statement_of))
    everywhere = np.ones(len(docs), dtype=bool)
    if filters.statement:
        everywhere &= chosen(statement_of, columns.statements, (filters.statement,))
    in_periods = everywhere & chosen(period_of, columns.periods, filters.periods) if filters.periods else everywhere
    in_forces = everywhere & chosen(force_of, columns.forces, filters.forces) if filters.forces else everywhere
    kept = in_forces & in_periods
    force_counts = np.bincount(force_of[in_periods], minlength=len(columns.forces))
    period_counts = np.bincount(period_of[in_forces], minlength=len(columns.periods))
    per_statement = np.bincount(statement_of[kept], minlength=len(columns.statements))

    forces = sorted(
        ((columns.forces[i], int(force_counts[i])) for i in np.flatnonzero(force_counts)),
        key=lambda item: (-item[1], item[0]),
    )
    forces += [(force, 0) for force in filters.forces if force not in {f for f, _ in forces}]
    named_periods = {columns.periods[i]: int(period_counts[i]) for i in np.flatnonzero(period_counts)}
    periods = sorted(set(columns.periods) | set(named_periods) | set(filters.periods))
    facets = Facets(
        forces=tuple(FacetValue(f, n, f in filters.forces) for f, n in forces),
        periods=tuple(FacetValue(p, named_periods.get(p, 0), p in filters.periods) for p in periods),
    )
    return Tally(facets, int(kept.sum()), per_statement, int(np.count_nonzero(per_statement)), kept)
