"""A query -> one page of ranked, highlighted hits, as plain dataclasses.

The engine ranks and counts on the score table, and the paragraphs shown
come from the texts stored beside it: a search never opens Whoosh's segments.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

import numpy as np

from ..generation.store import StatementIndex
from ..query.parser import QueryError
from ..query.understand import Understanding, Understood, understand
from ..rank.engine import NOTHING, Deadline, Evaluator, Matches
from ..rank.pages import moved, page_of
from ..text.statements import canonical_period
from .facets import MAX_FILTER_VALUES, Facets, Filters, Tally, tally
from .live import both_marked, completed_word, typed_first
from .same_words import SameWords, same_words
from .snippets import Marking, snippet

PAGE_SIZE = 10
MAX_PAGE = 100
# The orders results can be shown in.
SORTS = ("relevance", "newest", "force")
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
    # In the grouped view: how many more paragraphs of this statement match.
    more_in_statement: int = 0
    # The other years of its force with the same words, figures aside (same_words.py), oldest first.
    same_words: tuple[SameWords, ...] = ()
    # Ranked by relevance: True when one of those ranks above it, so it is listed after the rest.
    repeat: bool = False

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
    # How each part of the query was understood (stems, corrections, named force...).
    understood: tuple[Understood, ...] = ()
    # The query with typos corrected, when any were ("did you mean").
    suggestion: str | None = None
    # True when no paragraph had all the words, and these hits have some of them.
    fallback: bool = False
    # What the results are narrowed to, and the counts for narrowing further.
    filters: Filters = Filters()
    facets: Facets = Facets()
    # How many statements the matching paragraphs belong to.
    statements: int = 0
    # True when hits are the best paragraph of each statement (pages count statements).
    grouped: bool = False
    # True when the words were searched exactly as typed, no typo corrected.
    as_typed: bool = False
    # The order of the hits: "relevance", "newest" (period first) or "force" (A-Z).
    sort: str = "relevance"
    # True for results as you type: the last word was searched as the start of a word.
    live: bool = False
    # What to tell the reader about the filters: a chosen force, period or statement the index does not hold.
    notices: tuple[str, ...] = ()


def named_forces(results: ResultsPage) -> tuple[str, ...]:
    """The keys of the forces named in the query of `results` ("west-midlands"), in order."""
    return tuple(part.typed for part in results.understood if part.kind == "force" and not part.excluded)


def check_page(page: int) -> None:
    """Refuse page numbers outside 1..MAX_PAGE."""
    if not 1 <= page <= MAX_PAGE:
        raise QueryError(f"Choose a page from 1 to {MAX_PAGE}.")


def make_hit(fields: dict, score: float, marking: Marking) -> Hit:
    """Copy one matching paragraph's stored fields into a Hit, with its snippet."""
    return Hit(
        statement=fields["statement"],
        force=fields["force"],
        period=fields["period"],
        paragraph=fields["paragraph"],
        text=fields["text"],
        snippet=snippet(fields["text"], marking),
        score=round(float(score or 0.0), 4),
    )


def paragraph_fields(generation, doc: int) -> dict:
    """What a hit shows of one paragraph, from the generation's columns and stored texts."""
    columns = generation.columns
    return {
        "statement": columns.statements[columns.statement_of[doc]],
        "force": columns.forces[columns.force_of[doc]],
        "period": columns.periods[columns.period_of[doc]],
        "paragraph": int(generation.table.paragraph[doc]),
        "text": generation.texts[doc],
    }


def check_sort(sort: str) -> None:
    """Refuse an order results cannot be shown in."""
    if sort not in SORTS:
        raise QueryError("Sort by relevance, newest or force (sort=relevance, sort=newest or sort=force).")


def check_filters(filters: Filters) -> None:
    """Refuse absurdly many filter values, and a period that is not one (the pages, the API and the
    CLI share this rule; a well-formed period no statement has is not refused)."""
    if max(len(filters.forces), len(filters.periods)) > MAX_FILTER_VALUES:
        raise QueryError(f"Choose at most {MAX_FILTER_VALUES} forces and {MAX_FILTER_VALUES} periods.")
    for period in filters.periods:
        if canonical_period(period) is None:
            raise QueryError(f"“{period[:40]}” is not a period: write one like 2021/22.")


def check_page_reached(results: ResultsPage) -> None:
    """Refuse a page past the last one of `results` (the pages, the API and the CLI share this rule);
    a search the time limit cut short is not refused, since its count of pages is partial."""
    if results.page > results.pages and not results.partial:
        raise QueryError(f"There is no page {results.page}: the results end at page {results.pages}.")


def filter_notices(columns, filters: Filters) -> tuple[str, ...]:
    """A sentence for each chosen force, period or statement that no statement in the index has."""
    notices = [f"No statement in the index is from the force “{force}”." for force in filters.forces
               if force not in columns.force_number]
    notices += [f"No statement in the index covers the period {period}." for period in filters.periods
                if period not in columns.period_number]
    if filters.statement and filters.statement not in columns.statements:
        notices.append(f"There is no statement called “{filters.statement}” in the index.")
    return tuple(notices)


@dataclass(frozen=True)
class Found:
    """What a query matches once filtered: the paragraphs (ascending) with their scores, and how."""

    meaning: Understanding
    matches: Matches
    counts: Tally
    # True when no paragraph had all the words, and these matches have some of them.
    fallback: bool
    # Results as you type: the matches only a completion of the last word finds (ascending),
    # listed after all of Enter's whatever the order.
    later: np.ndarray


def matching(evaluator: Evaluator, meaning: Understanding, columns, filters: Filters, deadline: Deadline):
    """(every paragraph `meaning` matches, unfiltered; their counts within `filters`; True when
    these are the fallback's matches: no paragraph had all the words)."""
    matches = evaluator.run(meaning.query)
    counts = tally(columns, matches.docs, filters)
    # Only when no paragraph at all has every word: a filter that hides
    # the paragraphs that do is not a reason to loosen the words.
    if not len(matches) and meaning.fallback is not None and not deadline.expired():
        loose = evaluator.run(meaning.fallback)
        loose_counts = tally(columns, loose.docs, filters)
        if loose_counts.total:
            return loose, loose_counts, True
    return matches, counts, False


def find(
    generation, text: str, filters: Filters, as_typed: bool, deadline: Deadline, complete_last: bool = False
) -> Found:
    """Every paragraph `text` matches within `filters`, found before `deadline` (QueryError if it cannot run).

    The one matching step behind a results page and a download, so both hold the same paragraphs.
    With `complete_last` and a last word that is already a whole word, Enter's matches come first
    (live.py).
    """
    check_filters(filters)
    columns = generation.columns
    meaning = understand(text, generation, correct=not as_typed, complete_last=complete_last, deadline=deadline)
    evaluator = Evaluator(generation.table, columns, deadline)
    matches, counts, fallback = matching(evaluator, meaning, columns, filters, deadline)
    later = NOTHING.docs
    if complete_last and not fallback and completed_word(meaning, generation.vocabulary):
        typed = understand(text, generation, correct=not as_typed, deadline=deadline)
        exact, _, exact_fallback = matching(evaluator, typed, columns, filters, deadline)
        if len(exact) and not exact_fallback:
            matches, later = typed_first(exact, matches)
            counts = tally(columns, matches.docs, filters)
            meaning = replace(meaning, marking=both_marked(typed.marking, meaning.marking))
    kept = matches if counts.kept is None else Matches(matches.docs[counts.kept], matches.scores[counts.kept])
    return Found(meaning, kept, counts, fallback, later)


def search(
    index: StatementIndex,
    text: str,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    time_limit: float = TIME_LIMIT,
    filters: Filters = Filters(),
    grouped: bool = False,
    as_typed: bool = False,
    sort: str = "relevance",
    complete_last: bool = False,
) -> ResultsPage:
    """Run what a person typed and return the requested page of hits (QueryError if it cannot run).

    `filters` narrows the matches to forces, periods or one statement;
    `grouped` shows the best paragraph of each statement, with how many more match;
    `as_typed` searches the words exactly as typed, correcting no typo;
    `sort` orders the hits: "relevance" (best first), "newest" (the newest
    period first) or "force" (A-Z), each of the last two then by relevance;
    `complete_last` (results as you type) searches the last word as the start of a word.
    """
    started = time.perf_counter()
    check_page(page)
    check_sort(sort)
    key = (text, page, page_size, filters, grouped, as_typed, sort, complete_last)
    generation = index.current()
    cached = generation.results.get(key)
    if cached is not None:
        return replace(cached, took_ms=round((time.perf_counter() - started) * 1000, 2))
    columns = generation.columns
    # One deadline for the whole search, from its start: understanding the words counts,
    # and the fallback gets only what the first pass left.
    deadline = Deadline(started + time_limit)
    found = find(generation, text, filters, as_typed, deadline, complete_last)
    meaning, counts, fallback = found.meaning, found.counts, found.fallback
    shown = page_of(found.matches, columns, page, page_size, grouped, sort, found.later)
    hits = []
    repeats = moved(found.matches, shown.docs, columns, found.later) if sort == "relevance" else [False] * len(shown)
    for doc, score, repeat in zip(shown.docs, shown.scores, repeats):
        hit = make_hit(paragraph_fields(generation, doc), score, meaning.marking)
        hit = replace(hit, same_words=same_words(generation, doc), repeat=bool(repeat))
        if grouped:
            more = int(counts.per_statement[columns.statement_of[doc]]) - 1
            hit = replace(hit, more_in_statement=more)
        hits.append(hit)
    partial = deadline.passed
    units = counts.statements if grouped else counts.total
    results = ResultsPage(
        query=text,
        total=counts.total,
        page=page,
        pages=max(1, min(MAX_PAGE, math.ceil(units / page_size))),
        page_size=page_size,
        took_ms=round((time.perf_counter() - started) * 1000, 2),
        hits=tuple(hits),
        partial=partial,
        understood=meaning.understood,
        suggestion=meaning.suggestion,
        fallback=fallback,
        filters=filters,
        facets=counts.facets,
        statements=counts.statements,
        grouped=grouped,
        as_typed=as_typed,
        sort=sort,
        live=complete_last,
        notices=filter_notices(columns, filters),
    )
    if not partial:  # a page cut short by the time limit is not worth remembering
        generation.results.put(key, results)
    return results
