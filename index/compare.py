"""Two periods of one force's statement, side by side: what stayed, changed, came and went.

The older statement is always the first (by period, as `/statements` orders
a force's periods), whichever order the two are asked for in. Paragraphs are
paired by `alignment` (alike: at least half their distinct words shared);
a changed pair carries its word-level difference from `word_diff`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .alignment import align, moved_pairs
from .catalogue import StatementInfo
from .statement_page import statement_page
from .store import StatementIndex
from .word_diff import Piece, word_diff

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
KINDS = (SAME, CHANGED, ADDED, REMOVED)


class NotComparable(ValueError):
    """Two statements that cannot be compared: the same one twice, or two forces'."""


@dataclass(frozen=True)
class ComparisonRow:
    """One step through the two statements: a paragraph of either, or of both."""

    # SAME (identical text), CHANGED (alike: see `diff`), ADDED (newer only), REMOVED (older only).
    kind: str
    older_number: int | None
    older_text: str | None
    newer_number: int | None
    newer_text: str | None
    # For CHANGED: the word-level difference, (op, text) pieces ("same", "removed", "added").
    diff: tuple[Piece, ...] = ()
    # For ADDED and REMOVED: the number of an alike paragraph on the other side, out of
    # order (the paragraph moved there), or None.
    moved: int | None = None


@dataclass(frozen=True)
class Comparison:
    """Two statements of one force, older first, and their paragraphs aligned."""

    older: StatementInfo
    newer: StatementInfo
    rows: tuple[ComparisonRow, ...]

    @property
    def counts(self) -> dict[str, int]:
        """How many rows of each kind, in the order of KINDS."""
        return {kind: sum(row.kind == kind for row in self.rows) for kind in KINDS}


def older_first(one: StatementInfo, other: StatementInfo) -> tuple[StatementInfo, StatementInfo]:
    """The two statements, the earlier period first."""
    return (one, other) if one.period <= other.period else (other, one)


def comparable(one: StatementInfo, other: StatementInfo) -> None:
    """Raise NotComparable unless these are two periods of the same force."""
    if one.slug == other.slug:
        raise NotComparable("Compare two different periods: both addresses name the same statement.")
    if one.force != other.force:
        raise NotComparable(
            f"Compare two periods of the same force: “{one.slug}” is {one.force}’s "
            f"and “{other.slug}” is {other.force}’s."
        )


def compare_statements(index: StatementIndex, slug: str, other: str) -> Comparison | None:
    """The statements `slug` and `other` compared, older first (None if either does not exist;
    NotComparable if they are the same statement or two forces')."""
    one, two = index.statement_info(slug), index.statement_info(other)
    if one is None or two is None:
        return None
    comparable(one, two)
    older_info, newer_info = older_first(one, two)
    older_page, newer_page = statement_page(index, older_info.slug), statement_page(index, newer_info.slug)
    if older_page is None or newer_page is None:
        return None  # a build swapped in between and removed one
    older = [(p.number, p.text) for p in older_page.paragraphs]
    newer = [(p.number, p.text) for p in newer_page.paragraphs]
    return Comparison(older_page.statement, newer_page.statement, tuple(compared_rows(older, newer)))


def compared_rows(older: list[tuple[int, str]], newer: list[tuple[int, str]]) -> list[ComparisonRow]:
    """The rows of two statements' (number, text) paragraphs, in reading order."""
    old_texts, new_texts = [text for _, text in older], [text for _, text in newer]
    steps = align(old_texts, new_texts)
    moved = moved_pairs(old_texts, new_texts, steps)
    moved_back = {j: i for i, j in moved.items()}
    rows = []
    for i, j in steps:
        if j is None:
            to = moved.get(i)
            rows.append(ComparisonRow(REMOVED, *older[i], None, None, moved=None if to is None else newer[to][0]))
        elif i is None:
            back = moved_back.get(j)
            rows.append(ComparisonRow(ADDED, None, None, *newer[j], moved=None if back is None else older[back][0]))
        elif old_texts[i] == new_texts[j]:
            rows.append(ComparisonRow(SAME, *older[i], *newer[j]))
        else:
            rows.append(ComparisonRow(CHANGED, *older[i], *newer[j], diff=word_diff(old_texts[i], new_texts[j])))
    return rows
