"""A paragraph's lead sentence: where its first sentence ends, counted in words.

A paragraph's opening says what it is about ("In April 2023 the force
launched Wexcombe Local, a new model of neighbourhood policing."), so words
standing together there rank higher (query/boosts.py). The build counts, for
every paragraph, the words of its first sentence; both evaluators read that
count (the score table stores it; the reference counts again from the stored
text with this same function).

A sentence ends at ".", "!", "?", ":" or ";" followed by a space or the end
of the paragraph, or at a line break: a list's heading ("Performance in
2022/23:") is its own lead, not the whole list. A full stop inside a number
("4.8 million") ends nothing.
"""

from __future__ import annotations

import re

from .analysis import analyse_words

SENTENCE_END = re.compile(r"[.!?:;](?=\s|$)|\n")


def lead_words(text: str) -> int:
    """How many words (as the analyzer counts them) the first sentence of `text` has."""
    end = SENTENCE_END.search(text)
    return len(analyse_words(text[: end.end()] if end else text))
