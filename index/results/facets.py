"""Filters and facet counts: which forces, periods and statements the matches fall in.

Counting reads the statement of every matching paragraph once, as a whole
array, and counts per statement; forces and periods are counted from their
statements (a statement's paragraphs share its force and period). Each force
and period gets three counts: its matching paragraphs, the statements they
fall in, and all its statements in the index (so that a share of statements
can be shown, fair to a period with more statements than another). Each facet
is counted with the other facet's filter applied but not its own, so that
choosing a force still shows how the other forces compare.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text.statements import slugify

# At most this many values of one filter in a query (force=...&force=...).
MAX_FILTER_VALUES = 20
# Forces listed in the facets, those with most matching paragraphs first (chosen ones always):
# enough for every police force of a country, and a bounded page and answer when there are more.
LISTED_FORCES = 100


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; empty means everything."""

    forces: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    statement: str | None = None

    def __bool__(self) -> bool:
        return bool(self.forces or self.periods or self.statement)

    def chosen(self) -> tuple[str, ...]:
        """Every value chosen: the forces, then the periods, then the statement."""
        return (*self.forces, *self.periods, *((self.statement,) if self.statement else ()))


@dataclass(frozen=True)
class FacetValue:
    """One force or period: its matching paragraphs, the statements they fall in, and whether it is chosen.

    Counted with the other facet's filter (and the statement filter) applied, not its own.
    """

    value: str
    # Matching paragraphs.
    count: int
    selected: bool = False
    # Statements with at least one matching paragraph.
    statements: int = 0
    # Statements of this force or period in the index, matching or not (the same filters applied).
    all_statements: int = 0

    @property
    def share(self) -> float:
        """The fraction of its statements that match (0 when it has none)."""
        return self.statements / self.all_statements if self.all_statements else 0.0


# At most this many forces in the force chart.
CHART_FORCES = 8


@dataclass(frozen=True)
class Facets:
    """Counts of matching paragraphs and statements per force and per period."""

    forces: tuple[FacetValue, ...] = ()
    periods: tuple[FacetValue, ...] = ()
    # Forces with matches beyond the LISTED_FORCES listed (those with fewest matching paragraphs).
    more_forces: int = 0

    def period_chart(self) -> tuple[FacetValue, ...]:
        """The period chart's bars: every period with statements in scope, oldest first; none when
        there is nothing to compare (fewer than two such periods, matches in fewer than two
        statements, or the same share in every period)."""
        bars = tuple(v for v in self.periods if v.all_statements)
        return bars if len(bars) > 1 and sum(v.statements for v in bars) > 1 and differ(bars) else ()

    def forces_matching(self) -> int:
        """How many forces have a matching statement: those listed, and those beyond the list (the
        force chart draws at most CHART_FORCES of them)."""
        return sum(1 for v in self.forces if v.statements) + self.more_forces

    def force_chart(self, named: tuple[str, ...] = ()) -> tuple[FacetValue, ...]:
        """The force chart's bars: the forces with matches whose statements match most often (then
        most paragraphs), a force `named` in the query (by its key, "west-midlands") always among
        them; none when fewer than two forces have matches or every bar has the same share."""
        matching = [v for v in self.forces if v.statements]
        # Stable: forces of equal share keep the facet order (most paragraphs, then A-Z).
        matching.sort(key=lambda v: v.share, reverse=True)
        wanted = [v for v in matching if slugify(v.value) in set(named)][:CHART_FORCES]
        bars = [v for v in matching if v not in wanted][: CHART_FORCES - len(wanted)]
        # The named forces take the places of the lowest bars, and the bars keep their order.
        bars = sorted(bars + wanted, key=matching.index)
        return tuple(bars) if len(bars) > 1 and differ(bars) else ()


def differ(bars) -> bool:
    """True when the bars do not all show the same share: a chart then compares something."""
    return len({v.share for v in bars}) > 1


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
    # Which of the matches pass every filter (a boolean per match; None: there is no filter, all do).
    kept: np.ndarray | None


def chosen(column: np.ndarray, names: tuple[str, ...], wanted: tuple[str, ...]) -> np.ndarray:
    """A boolean per match: is its value (a number into `names`) one of `wanted`?"""
    wanted = set(wanted)
    numbers = [n for n, name in enumerate(names) if name in wanted]
    return np.isin(column, numbers)


def counted(value_of: np.ndarray, among: np.ndarray | None, size: int) -> np.ndarray:
    """Per value number (0..size-1): how many items `among` selects (a boolean per item; None: all) have it."""
    if among is None:
        return np.bincount(value_of, minlength=size)
    # Counting with the selection as weights: a third of the time of selecting first.
    return np.bincount(value_of, weights=among, minlength=size).astype(np.int64)


def summed(value_of: np.ndarray, weights: np.ndarray, among: np.ndarray | None, size: int) -> np.ndarray:
    """Per value number (0..size-1): the sum of the `weights` (whole numbers) of the items `among`
    selects (None: all) that have it."""
    if among is not None:
        weights = weights * among
    return np.bincount(value_of, weights=weights, minlength=size).astype(np.int64)


def both(first: np.ndarray | None, second: np.ndarray | None) -> np.ndarray | None:
    """Two selections (a boolean per item; None: all) as one."""
    return second if first is None else first if second is None else first & second


def listing(number: dict[str, int], listed, wanted, paragraphs, matching, everything) -> tuple[FacetValue, ...]:
    """The facet values of the `listed` names, with their counts (arrays by the names' `number`),
    chosen when `wanted`; a chosen name the index does not have counts nothing."""
    wanted = set(wanted)
    numbers = [number.get(name) for name in listed]
    known = [n for n in numbers if n is not None]
    counts = zip(paragraphs[known].tolist(), matching[known].tolist(), everything[known].tolist())
    values = []
    for name, n in zip(listed, numbers):
        if n is None:
            values.append(FacetValue(name, 0, name in wanted))
        else:
            count, statements, all_statements = next(counts)
            values.append(FacetValue(name, count, name in wanted, statements, all_statements))
    return tuple(values)


def ranked(counts: np.ndarray, name_rank: np.ndarray, first: int) -> tuple[np.ndarray, np.ndarray]:
    """The numbers of the values with a count: the `first` of them in order (highest count,
    then name), and the rest (in no order)."""
    with_counts = np.flatnonzero(counts)
    # One key per value, smallest first: the count, then the name's place (each place is unique).
    key = -counts[with_counts].astype(np.int64) * len(name_rank) + name_rank[with_counts]
    if len(with_counts) > first:
        split = np.argpartition(key, first)
        head, rest = split[:first], split[first:]
    else:
        head, rest = np.arange(len(with_counts)), np.arange(0)
    return with_counts[head[np.argsort(key[head])]], with_counts[rest]


def more_forces(number: dict[str, int], beyond: np.ndarray, wanted) -> int:
    """How many of the forces `beyond` the listed ones (numbers) are not listed: the chosen ones are."""
    chosen_numbers = [number[force] for force in set(wanted) if force in number]
    return len(beyond) - int(np.count_nonzero(np.isin(beyond, chosen_numbers))) if chosen_numbers else len(beyond)


def tally(columns, docs: np.ndarray, filters: Filters, listed_forces: int = LISTED_FORCES) -> Tally:
    """Count facets and filtered matches over `docs` (the unfiltered matches).

    `columns` (columns.DocColumns) holds each paragraph's force, period and
    statement, and each statement's force and period, as small integers, so
    counting is a few whole-array passes. The filters are worked out per
    statement; a paragraph passes when its statement does.
    """
    docs = np.asarray(docs)
    statement_of = columns.statement_of[docs]
    statement_force, statement_period = columns.statement_force, columns.statement_period
    forces, periods, statements = len(columns.forces), len(columns.periods), len(columns.statements)
    # Per statement, whether each filter lets it through (None: there is no such filter, all pass;
    # then no mask is made or applied, the common case).
    everywhere = chosen(np.arange(statements), columns.statements, (filters.statement,)) if filters.statement else None
    in_periods = both(everywhere, chosen(statement_period, columns.periods, filters.periods) if filters.periods else None)
    in_forces = both(everywhere, chosen(statement_force, columns.forces, filters.forces) if filters.forces else None)
    in_scope = both(in_forces, in_periods)
    # Matching paragraphs per statement, before any filter.
    paragraphs_per_statement = np.bincount(statement_of, minlength=statements)
    if in_scope is None:
        kept, per_statement = None, paragraphs_per_statement
    else:
        kept = in_scope[statement_of]
        per_statement = np.bincount(statement_of[kept], minlength=statements)
    # Statements with a matching paragraph, before any filter.
    matched = paragraphs_per_statement > 0

    # Forces are counted within the chosen periods, periods within the chosen forces; paragraphs
    # as the sum of their statements' (a statement's paragraphs share its force and period).
    force_counts = summed(statement_force, paragraphs_per_statement, in_periods, forces)
    force_statements = counted(statement_force, both(matched, in_periods), forces)
    force_all = counted(statement_force, in_periods, forces)
    period_counts = summed(statement_period, paragraphs_per_statement, in_forces, periods)
    period_statements = counted(statement_period, both(matched, in_forces), periods)
    period_all = counted(statement_period, in_forces, periods)

    # Forces with matches, most paragraphs first, then by name; the first `listed_forces` of them
    # and every chosen force are listed.
    first, beyond = ranked(force_counts, columns.force_name_rank, listed_forces)
    listed = [columns.forces[n] for n in first.tolist()]
    shown = set(listed)
    listed += [force for force in dict.fromkeys(filters.forces) if force not in shown]
    facets = Facets(
        forces=listing(columns.force_number, listed, filters.forces, force_counts, force_statements, force_all),
        more_forces=more_forces(columns.force_number, beyond, filters.forces),
        periods=listing(
            columns.period_number,
            sorted(set(columns.periods) | set(filters.periods)),
            filters.periods,
            period_counts,
            period_statements,
            period_all,
        ),
    )
    total = len(docs) if kept is None else int(np.count_nonzero(kept))
    return Tally(facets, total, per_statement, int(np.count_nonzero(per_statement)), kept)
