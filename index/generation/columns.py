"""Force, period and statement of every paragraph, as small integers, for filters and facets.

The score table stores each paragraph's statement (its catalogue position);
force and period follow from the catalogue, so they are derived here when a
generation is opened rather than stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..text.statements import slugify
from .catalogue import Catalogue
from .repeats import group_order, group_sizes


@dataclass(frozen=True)
class DocColumns:
    """Per paragraph: force, period and statement numbers, and the names they stand for;
    per statement: its force and period numbers."""

    forces: tuple[str, ...]
    periods: tuple[str, ...]
    statements: tuple[str, ...]
    force_of: np.ndarray
    period_of: np.ndarray
    statement_of: np.ndarray
    # Per statement number: its force and period numbers (for counting statements, not paragraphs).
    statement_force: np.ndarray
    statement_period: np.ndarray
    # Per force number, its key ("west-midlands"), for a force named in a query.
    force_keys: tuple[str, ...]
    # Per force number, its place in A-Z order; per period number, its place from the newest.
    force_rank: np.ndarray
    period_rank: np.ndarray
    # Per force number, its place among the names as Python sorts them (facets list ties so).
    force_name_rank: np.ndarray
    # Name -> number, for forces and for periods.
    force_number: dict[str, int]
    period_number: dict[str, int]
    # Per paragraph, the first of its force with the same wording (itself when none: repeats.py);
    # per paragraph number g, how many paragraphs are in group g.
    copy_of: np.ndarray
    copy_counts: np.ndarray

    @cached_property
    def statement_number(self) -> dict[str, int]:
        """Statement slug -> its number (its place in the catalogue), made on first use."""
        return {slug: number for number, slug in enumerate(self.statements)}

    def paragraphs_of_statement(self, slug: str) -> np.ndarray:
        """The paragraphs of statement `slug`, ascending (none for a slug the generation lacks)."""
        number = self.statement_number.get(slug)
        if number is None:
            return np.zeros(0, dtype=np.int32)
        start, end = np.searchsorted(self.statement_of, [number, number + 1])
        return np.arange(start, end, dtype=np.int32)

    @cached_property
    def copy_order(self) -> tuple[np.ndarray, np.ndarray]:
        """The paragraphs in order of their group, and where each group starts there (repeats.group_order):
        sorted on first use, not each time a generation opens."""
        return group_order(self.copy_of, self.copy_counts)

    def sort_keys(self, docs: np.ndarray, sort: str) -> tuple[np.ndarray, ...]:
        """Keys that order `docs` before score does: none for "relevance"; the newest period
        first for "newest"; force A-Z, then the newest period, for "force"."""
        if sort == "relevance":
            return ()
        period = self.period_rank[self.period_of[docs]]
        return (period,) if sort == "newest" else (self.force_rank[self.force_of[docs]], period)

    def repeats(self, ranked_docs: np.ndarray) -> np.ndarray:
        """Per paragraph of `ranked_docs` (best first): True where one before it has the same wording,
        figures aside (repeats.py): it repeats a paragraph that ranks higher."""
        group = self.copy_of[ranked_docs]
        among = np.flatnonzero(self.copy_counts[group] > 1)
        repeated = np.zeros(len(ranked_docs), dtype=bool)
        if len(among):
            # np.unique's return_index is each group's first place in this order.
            _, first = np.unique(group[among], return_index=True)
            repeated[among] = True
            repeated[among[first]] = False
        return repeated

    def same_words(self, doc: int) -> np.ndarray:
        """The other paragraphs with the wording of paragraph `doc` (ascending; empty when none)."""
        group = int(self.copy_of[doc])
        if self.copy_counts[group] < 2:
            return np.zeros(0, dtype=np.int32)
        members, starts = self.copy_order
        members = members[int(starts[group]) : int(starts[group]) + int(self.copy_counts[group])]
        return members[members != doc]

    def paragraphs_of(self, field: str, value: str) -> np.ndarray:
        """The paragraphs of the forces whose key is `value` ("force") or of the period `value` ("period")."""
        if field == "force":
            wanted = [n for n, key in enumerate(self.force_keys) if key == value]
            column = self.force_of
        else:
            wanted = [n for n, period in enumerate(self.periods) if period == value]
            column = self.period_of
        return np.flatnonzero(np.isin(column, wanted)).astype(np.int32)


def doc_columns(catalogue: Catalogue, statement_of: np.ndarray, copy_of: np.ndarray) -> DocColumns:
    """The columns of a generation, from its catalogue, each paragraph's statement number and the
    first paragraph each repeats (repeats.py)."""
    statement_forces, statement_periods = catalogue.columns["force"], catalogue.columns["period"]
    forces = tuple(dict.fromkeys(statement_forces))
    periods = tuple(dict.fromkeys(statement_periods))
    force_number = {force: n for n, force in enumerate(forces)}
    period_number = {period: n for n, period in enumerate(periods)}
    force_by_statement = np.array([force_number[force] for force in statement_forces], dtype=np.int32)
    period_by_statement = np.array([period_number[period] for period in statement_periods], dtype=np.int32)
    statement_of = np.asarray(statement_of)
    return DocColumns(
        forces,
        periods,
        tuple(catalogue),
        force_by_statement[statement_of] if len(catalogue) else np.zeros(0, dtype=np.int32),
        period_by_statement[statement_of] if len(catalogue) else np.zeros(0, dtype=np.int32),
        statement_of,
        force_by_statement,
        period_by_statement,
        tuple(slugify(force) for force in forces),
        places(sorted(forces, key=lambda force: (force.lower(), force)), forces),
        places(sorted(periods, reverse=True), periods),
        places(sorted(forces), forces),
        {force: n for n, force in enumerate(forces)},
        {period: n for n, period in enumerate(periods)},
        np.asarray(copy_of),
        group_sizes(np.asarray(copy_of)),
    )


def places(ordered: list[str], names: tuple[str, ...]) -> np.ndarray:
    """Per name (by its number in `names`), its place in `ordered`."""
    place = {name: n for n, name in enumerate(ordered)}
    return np.array([place[name] for name in names], dtype=np.int32)
