"""A page of matches: the best N in order, or the best paragraph of each statement.

Ranked by relevance, a paragraph whose wording (figures aside) another match
of its force has with a higher score, a year's repeat of it, comes after every
paragraph that is not one (DocColumns.repeats): the same words carried from
year to year do not fill a page ahead of what else matches, and the hit that
leads lists the years that repeat it.
"""

from __future__ import annotations

import numpy as np

from ..generation.columns import DocColumns
from .engine import Matches, NOTHING, contains, listing_keys


def ranked(matches: Matches, limit: int, keys: tuple[np.ndarray, ...] = ()) -> np.ndarray:
    """Indexes into `matches` of its best `limit`, best first: by `keys` (each ascending, the
    first most significant) when given, then higher score, then lower paragraph number."""
    scores = matches.scores
    if len(scores) > limit > 0 and not keys:
        # Everything scoring at least the limit-th best score (ties included), then sorted.
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        chosen = np.flatnonzero(scores >= threshold)
    else:
        chosen = np.arange(len(scores))
    order = np.lexsort((matches.docs[chosen], -scores[chosen], *(key[chosen] for key in reversed(keys))))
    return chosen[order][:limit] if limit > 0 else chosen[order]


def best_per_statement(matches: Matches, statement_of: np.ndarray) -> Matches:
    """The best paragraph of each statement (ties: the first).

    Paragraphs are numbered statement by statement, so a statement's matches are one run.
    """
    if not len(matches):
        return NOTHING
    statements = statement_of[matches.docs]
    starts = np.flatnonzero(np.r_[True, statements[1:] != statements[:-1]])
    sizes = np.diff(np.r_[starts, len(statements)])
    best = np.maximum.reduceat(matches.scores, starts)
    is_best = matches.scores == np.repeat(best, sizes)
    run = np.repeat(np.arange(len(starts)), sizes)
    first = np.flatnonzero(is_best)
    _, leaders = np.unique(run[first], return_index=True)
    chosen = first[leaders]
    return Matches(matches.docs[chosen], matches.scores[chosen])


def by_relevance(matches: Matches, columns: DocColumns, limit: int) -> np.ndarray:
    """Indexes into `matches` of its first `limit` (all for 0) by score, repeats after the rest
    (DocColumns.repeats). Whether a paragraph repeats one ranked higher depends only on the matches
    above it, so the best few are looked at first, and more only while they hold too many repeats."""
    size = limit if limit > 0 else len(matches)
    while True:
        top = ranked(matches, size)
        repeated = columns.repeats(matches.docs[top])
        kept = top[~repeated]
        if (limit > 0 and len(kept) >= limit) or len(top) == len(matches):
            break
        size *= 4
    found = np.concatenate([kept, top[repeated]])
    return found[:limit] if limit > 0 else found


def listed(matches: Matches, columns: DocColumns, sort: str, later: np.ndarray, limit: int) -> np.ndarray:
    """Indexes into `matches` of its first `limit` (all for 0) in listing order. By relevance: the
    paragraphs of `later` after all others, and within each, repeats after the rest (by_relevance());
    by another sort: `later` after all others, then the sort's keys, then score."""
    if sort != "relevance":
        return ranked(matches, limit, listing_keys(matches.docs, columns, sort, later))
    if not len(later):
        return by_relevance(matches, columns, limit)
    parts, remaining, found_later = [], limit, np.isin(matches.docs, later)
    for part in np.flatnonzero(~found_later), np.flatnonzero(found_later):
        parts.append(part[by_relevance(Matches(matches.docs[part], matches.scores[part]), columns, remaining)])
        remaining -= len(parts[-1])
        if limit > 0 and remaining <= 0:
            break
    return np.concatenate(parts)


def moved(matches: Matches, shown: np.ndarray, columns: DocColumns, later: np.ndarray = NOTHING.docs) -> np.ndarray:
    """Per paragraph of `shown` (some of `matches`' docs): True where a match with its wording (and in
    the same part: `later` or not) ranks above it, so that by relevance it is listed after the rest."""
    flags = np.zeros(len(shown), dtype=bool)
    for at, doc in enumerate(shown.tolist()):
        others = columns.same_words(doc)
        found = others[contains(matches.docs, others)]
        if not len(found):
            continue
        score = matches.scores[np.searchsorted(matches.docs, doc)]
        theirs = matches.scores[np.searchsorted(matches.docs, found)]
        above = (theirs > score) | ((theirs == score) & (found < doc))
        if len(later):
            above &= np.isin(found, later) == bool(np.isin(doc, later))
        flags[at] = bool(above.any())
    return flags


def page_of(
    matches: Matches,
    columns: DocColumns,
    page: int,
    page_size: int,
    grouped: bool,
    sort: str = "relevance",
    later: np.ndarray = NOTHING.docs,
) -> Matches:
    """The paragraphs shown on one page, best first (or in `sort` order: "newest" period first,
    "force" A-Z, each then by score); `grouped` shows each statement once, by the first of its
    paragraphs the flat list shows (by relevance) or its best (other sorts); the paragraphs of
    `later` (results as you type: only a completion finds them) come after all others, and by
    relevance a year's repeat of a paragraph after the rest (listed())."""
    limit = page * page_size
    if grouped and sort == "relevance":
        best = statement_leaders(matches, columns, later, limit)
    else:
        if grouped:
            matches = best_per_statement(matches, columns.statement_of)
        best = listed(matches, columns, sort, later, limit)
    best = best[(page - 1) * page_size :]
    return Matches(matches.docs[best], matches.scores[best])


def statement_leaders(matches: Matches, columns: DocColumns, later: np.ndarray, limit: int) -> np.ndarray:
    """Indexes into `matches` of the first paragraph of each statement in the flat list's order
    (listed() by relevance), for the first `limit` statements: a statement whose best paragraph
    repeats another year's is shown by its best paragraph that does not, where that one ranks."""
    # Matches are in corpus order, so a statement's are one run: this many statements there are.
    statements = columns.statement_of[matches.docs]
    wanted = min(limit, int(np.count_nonzero(np.diff(statements))) + 1 if len(statements) else 0)
    size = max(limit, 1)
    while True:
        order = listed(matches, columns, "relevance", later, size)
        _, first = np.unique(statements[order], return_index=True)
        leaders = order[np.sort(first)]
        if len(leaders) >= wanted or len(order) == len(matches):
            return leaders[:limit]
        size *= 4
