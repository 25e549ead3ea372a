"""A page of matches: the best N in order, or the best paragraph of each statement."""

from __future__ import annotations

import numpy as np

from ..generation.columns import DocColumns
from .engine import Matches, NOTHING, listing_keys


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
    "force" A-Z, each then by score); `grouped` shows each statement's best paragraph once;
    the paragraphs of `later` (results as you type: only a completion finds them) come after all others."""
    if grouped:
        matches = best_per_statement(matches, columns.statement_of)
    keys = listing_keys(matches.docs, columns, sort, later)
    best = ranked(matches, page * page_size, keys)[(page - 1) * page_size :]
    return Matches(matches.docs[best], matches.scores[best])
