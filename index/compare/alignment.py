"""How alike two versions of a paragraph's words are: "updated" or "rewritten".

Two paragraphs on one subject (paired by `subjects`) are the same paragraph
*updated* when at least half of their distinct words are shared: the Dice
coefficient of their word sets, 2·|A ∩ B| / (|A| + |B|), is at least
SIMILAR_ENOUGH (words compared case-insensitively, punctuation aside). Below
that the subject was *rewritten* in new words.
"""

from __future__ import annotations

import re

# At least half of the distinct words shared (Dice coefficient): "updated", not "rewritten".
SIMILAR_ENOUGH = 0.5

WORD = re.compile(r"\w+")


def word_set(text: str) -> frozenset[str]:
    """The distinct words of `text`, case folded."""
    return frozenset(word.casefold() for word in WORD.findall(text))


def similarity(older: frozenset[str], newer: frozenset[str]) -> float:
    """The Dice coefficient of two word sets: 1.0 for the same words, 0.0 for none shared."""
    if not older and not newer:
        return 1.0
    return 2 * len(older & newer) / (len(older) + len(newer))
