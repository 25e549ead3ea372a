"""Two periods of one force's statement, side by side, one row per subject.

The older statement is always the first (by period, as `/statements` orders
a force's periods), whichever order the two are asked for in. Paragraphs are
paired by subject (`subjects`: idf-weighted terms from this index's own
statistics, an assignment solver, merges and splits); a one-to-one pair whose
words mostly stayed carries its word-level difference from `word_diff`, and
the other pairs the key terms both sides share, marked (by `snippets`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..generation.catalogue import StatementInfo
from ..generation.store import StatementIndex
from ..results.snippets import Marking, paragraph_html
from ..results.statement_page import statement_page
from . import subjects
from .subject_terms import table_idf, term_words, weighted_terms
from .subjects import Link, Subject, align_subjects
from .word_diff import Piece, word_diff

KINDS = subjects.KINDS
# The coarse change of a row, as the first comparisons named it (the JSON summary keeps these counts).
SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
CHANGES = (SAME, CHANGED, ADDED, REMOVED)
# Shared key terms marked on a rewritten, merged or split row's paragraphs.
KEY_TERMS = 8


class NotComparable(ValueError):
    """Two statements that cannot be compared: the same one twice, or two forces'."""


@dataclass(frozen=True)
class ComparisonRow:
    """One subject of the two statements: a paragraph of either, or paragraphs of both."""

    # One of subjects.KINDS: same, updated, rewritten, moved, merged, split, new, dropped.
    kind: str
    # The first paragraph of each side (None for a side without any).
    older_number: int | None
    older_text: str | None
    newer_number: int | None
    newer_text: str | None
    # For one-to-one pairs whose text changed but mostly stayed (updated, moved): the word-level
    # difference, (op, text) pieces ("same", "removed", "added").
    diff: tuple[Piece, ...] = ()
    # For a moved row: the older paragraph it came from, out of the reading order.
    moved: int | None = None
    # Every paragraph of each side, in order (several for merged and split rows).
    older_numbers: tuple[int, ...] = ()
    older_texts: tuple[str, ...] = ()
    newer_numbers: tuple[int, ...] = ()
    newer_texts: tuple[str, ...] = ()
    # How sure the pairing (or the lack of one) is, 0 to 1 (see subjects).
    confidence: float = 1.0
    # The key terms both sides share, weightiest first, as words (at most KEY_TERMS); they are
    # marked in the *_html of rewritten, merged and split rows.
    key_terms: tuple[str, ...] = ()
    # Escaped block HTML of each paragraph, key terms in <mark> (rewritten, merged, split rows).
    older_html: tuple[str, ...] = ()
    newer_html: tuple[str, ...] = ()

    @property
    def change(self) -> str:
        """The coarse change: same (identical text), changed, added (newer only) or removed (older only)."""
        if not self.older_numbers:
            return ADDED
        if not self.newer_numbers:
            return REMOVED
        return SAME if self.older_texts == self.newer_texts else CHANGED

    @property
    def changed_words(self) -> tuple[Piece, ...]:
        """The word-level difference of a changed row, whatever its kind (the JSON API's `diff`); () otherwise."""
        if self.change != CHANGED:
            return ()
        # Rewritten, merged and split rows mark key terms on the page, not words; the JSON still spells out
        # both sides' words (each side's paragraphs in order, joined by a space), as changed rows always did.
        return self.diff or word_diff(" ".join(self.older_texts), " ".join(self.newer_texts))


@dataclass(frozen=True)
class Comparison:
    """Two statements of one force, older first, and their paragraphs aligned by subject."""

    older: StatementInfo
    newer: StatementInfo
    rows: tuple[ComparisonRow, ...]

    @property
    def counts(self) -> dict[str, int]:
        """How many rows of each kind, in the order of KINDS."""
        return {kind: sum(row.kind == kind for row in self.rows) for kind in KINDS}

    @property
    def changes(self) -> dict[str, int]:
        """How many rows of each coarse change (same, changed, added, removed)."""
        return {change: sum(row.change == change for row in self.rows) for change in CHANGES}


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
    idf = table_idf(index.current().table)
    return Comparison(older_page.statement, newer_page.statement, tuple(compared_rows(older, newer, idf)))


def paragraph_subjects(index: StatementIndex, slug: str) -> list[Subject]:
    """Each paragraph of statement `slug` as the aligner sees it (empty when there is no such statement)."""
    page = statement_page(index, slug)
    if page is None:
        return []
    idf = table_idf(index.current().table)
    return [Subject(p.text, weighted_terms(p.text, idf)) for p in page.paragraphs]


def compared_rows(older: list[tuple[int, str]], newer: list[tuple[int, str]], idf=None) -> list[ComparisonRow]:
    """The rows of two statements' (number, text) paragraphs, one per subject, in the newer's order
    (`idf`: a stem's inverse document frequency; every stem weighs 1 when not given)."""
    idf = idf or (lambda stem: 1.0)
    old = [Subject(text, weighted_terms(text, idf)) for _, text in older]
    new = [Subject(text, weighted_terms(text, idf)) for _, text in newer]
    return [row_of(link, older, newer) for link in align_subjects(old, new)]


def row_of(link: Link, older: list[tuple[int, str]], newer: list[tuple[int, str]]) -> ComparisonRow:
    """One link as a row: its paragraphs' numbers and texts, a difference or marked key terms."""
    old_numbers = tuple(older[i][0] for i in link.older)
    old_texts = tuple(older[i][1] for i in link.older)
    new_numbers = tuple(newer[j][0] for j in link.newer)
    new_texts = tuple(newer[j][1] for j in link.newer)
    diff: tuple[Piece, ...] = ()
    old_html: tuple[str, ...] = ()
    new_html: tuple[str, ...] = ()
    stems = link.shared[:KEY_TERMS]
    if link.kind in (subjects.UPDATED, subjects.MOVED) and old_texts != new_texts:
        diff = word_diff(old_texts[0], new_texts[0])
    elif link.kind in (subjects.REWRITTEN, subjects.MERGED, subjects.SPLIT):
        marking = Marking(frozenset(stems))
        old_html = tuple(paragraph_html(text, marking) for text in old_texts)
        new_html = tuple(paragraph_html(text, marking) for text in new_texts)
    return ComparisonRow(
        kind=link.kind,
        older_number=old_numbers[0] if old_numbers else None,
        older_text=old_texts[0] if old_texts else None,
        newer_number=new_numbers[0] if new_numbers else None,
        newer_text=new_texts[0] if new_texts else None,
        diff=diff,
        moved=old_numbers[0] if link.kind == subjects.MOVED else None,
        older_numbers=old_numbers,
        older_texts=old_texts,
        newer_numbers=new_numbers,
        newer_texts=new_texts,
        confidence=link.confidence,
        key_terms=term_words(stems, new_texts + old_texts),
        older_html=old_html,
        newer_html=new_html,
    )
