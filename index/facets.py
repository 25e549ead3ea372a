"""Filters and facet counts: which forces, periods and statements the matches fall in.

Counting reads the force, period and statement columns of every matching
paragraph once, as whole arrays. Each force and period gets three counts:
its matching paragraphs, the statements they fall in, and all its statements
in the index (so that a share of statements can be shown, fair to a period
with more statements than another). Each facet is counted with the other
facet's filter applied but not its own, so that choosing a force still shows
how the other forces compare.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
        there is nothing to compare (fewer than two such periods, or matches in fewer than two statements)."""
        bars = tuple(v for v in self.periods if v.all_statements)
        return bars if len(bars) > 1 and sum(v.statements for v in bars) > 1 else ()

    def forces_matching(self) -> int:
        """How many forces have a matching statement: those listed, and those beyond the list (the
        force chart draws at most CHART_FORCES of them)."""
        return sum(1 for v in self.forces if v.statements) + self.more_forces

    def force_chart(self) -> tuple[FacetValue, ...]:
        """The force chart's bars: the forces with matches whose statements match most often (then
        most paragraphs); none when fewer than two forces have matches."""
        matching = [v for v in self.forces if v.statements]
        # Stable: forces of equal share keep the facet order (most paragraphs, then A-Z).
        matching.sort(key=lambda v: v.share, reverse=True)
        return tuple(matching[:CHART_FORCES]) if len(matching) > 1 else ()


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


def counted(value_of: np.ndarray, among: np.ndarray, size: int) -> np.ndarray:
    """Per value number (0..size-1): how many items `among` selects (a boolean per item) have it."""
    return np.bincount(value_of[among], minlength=size)


def listing(number: dict[str, int], listed, wanted, paragraphs, matching, everything) -> tuple[FacetValue, ...]:
    """The facet values of the `listed` names, with their counts (arrays by the names' `number`),
    chosen when `wanted`; a chosen name the index does not have counts nothing."""
    wanted = set(wanted)
    paragraphs, matching, everything = paragraphs.tolist(), matching.tolist(), everything.tolist()
    values = []
    for name in listed:
        n = number.get(name)
        if n is None:
            values.append(FacetValue(name, 0, name in wanted))
        else:
            values.append(FacetValue(name, paragraphs[n], name in wanted, matching[n], everything[n]))
    return tuple(values)


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
    everywhere = np.ones(statements, dtype=bool)
    if filters.statement:
        everywhere &= chosen(np.arange(statements), columns.statements, (filters.statement,))
    in_periods = everywhere & chosen(statement_period, columns.periods, filters.periods) if filters.periods else everywhere
    in_forces = everywhere & chosen(statement_force, columns.forces, filters.forces) if filters.forces else everywhere
    kept = (in_forces & in_periods)[statement_of]
    per_statement = np.bincount(statement_of[kept], minlength=statements)
    # Statements with a matching paragraph, before any filter.
    matched = np.bincount(statement_of, minlength=statements) > 0

    # Forces are counted within the chosen periods, periods within the chosen forces.
    force_counts = counted(columns.force_of[docs], in_periods[statement_of], forces)
    force_statements = counted(statement_force, matched & in_periods, forces)
    force_all = counted(statement_force, in_periods, forces)
    period_counts = counted(columns.period_of[docs], in_forces[statement_of], periods)
    period_statements = counted(statement_period, matched & in_forces, periods)
    period_all = counted(statement_period, in_forces, periods)

    # Forces with matches, most paragraphs first, then by name; the first `listed_forces` of them
    # and every chosen force are listed.
    with_matches = np.flatnonzero(force_counts)
    ranked_forces = with_matches[np.lexsort((columns.force_name_rank[with_matches], -force_counts[with_matches]))]
    listed = [columns.forces[n] for n in ranked_forces[:listed_forces].tolist()]
    shown = set(listed)
    listed += [force for force in dict.fromkeys(filters.forces) if force not in shown]
    shown.update(listed)
    facets = Facets(
        forces=listing(columns.force_number, listed, filters.forces, force_counts, force_statements, force_all),
        more_forces=more_forces(columns.force_number, ranked_forces[listed_forces:], filters.forces),
        periods=listing(
            columns.period_number,
            sorted(set(columns.periods) | set(filters.periods)),
            filters.periods,
            period_counts,
            period_statements,
            period_all,
        ),
    )
    return Tally(facets, int(kept.sum()), per_statement, int(np.count_nonzero(per_statement)), kept)
