"""Results as you type: once the last word is a complete word, Enter's results, then more.

While typing, the last word is searched as the start of a word ("workf" finds "workforce").
When what was typed is already a word of the vocabulary ("workforce"), completing it only adds
matches, below those of the word as typed: the paragraphs Enter would find keep Enter's scores
and order, and the paragraphs only a completion finds ("workforces", "workforce-wide") follow,
their scores scaled under the lowest of Enter's. Whatever the order (relevance, newest, force) and
view (flat or grouped), those paragraphs are listed after all of Enter's: a page orders them by
being completion-only before anything else (engine.listing_keys).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..query.marking import Marking
from ..query.understand import Understanding
from ..rank.engine import NOTHING, Matches

# The completions' best score is put at this fraction of the lowest score of the word as typed.
BELOW = 0.5


def completed_word(meaning: Understanding, vocabulary) -> str | None:
    """The last word searched as the start of a word, when it is a whole word of the vocabulary."""
    for part in meaning.understood:
        if part.kind == "prefix" and part.typed.endswith("…") and not part.excluded:
            word = part.searched[0]
            return word if vocabulary.frequency(word) else None
    return None


def typed_first(typed: Matches, completed: Matches) -> tuple[Matches, np.ndarray]:
    """(the matches of the word as typed with their own scores, and those only a completion finds
    scored below every one of them, paragraphs ascending as matches are; the paragraphs only a
    completion finds, ascending: a page lists them after all the others, whatever its order)."""
    extra = ~np.isin(completed.docs, typed.docs)
    if not len(typed) or not extra.any():
        return (typed, NOTHING.docs) if len(typed) else (completed, NOTHING.docs)
    scores = completed.scores[extra]
    top = float(scores.max())
    floor = float(typed.scores.min())
    scaled = scores * (BELOW * floor / top) if top > 0 else np.zeros_like(scores)
    docs = np.concatenate([typed.docs, completed.docs[extra]])
    order = np.argsort(docs, kind="stable")
    return Matches(docs[order], np.concatenate([typed.scores, scaled])[order]), completed.docs[extra]


def both_marked(typed: Marking, completed: Marking) -> Marking:
    """The marking of the words as typed, with the completions' words marked too."""
    frequencies = dict(completed.frequencies) | dict(typed.frequencies)
    return replace(typed, terms=typed.terms | completed.terms, frequencies=tuple(sorted(frequencies.items())))
