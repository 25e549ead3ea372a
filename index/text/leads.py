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
("4.8 million"), after a common abbreviation ("St. Albans", "No. 5", "e.g.")
or after a paragraph's own number ("1. The force ...") ends nothing.
"""

from __future__ import annotations

import re

from .analysis import analyse_words

SENTENCE_END = re.compile(r"[.!?:;](?=\s|$)|\n")
# Words a full stop follows without ending a sentence ("St. Albans", "No. 5", "e.g. a fine").
ABBREVIATIONS = frozenset("st dr mr mrs ms no nos vs eg ie approx".split())
LAST_WORD = re.compile(r"[\w.]+$")


def lead_words(text: str) -> int:
    """How many words (as the analyzer counts them) the first sentence of `text` has."""
    for end in SENTENCE_END.finditer(text):
        if end.group() == "." and not ends_a_sentence(text[: end.start()]):
            continue
        return len(analyse_words(text[: end.end()]))
    return len(analyse_words(text))


def ends_a_sentence(before: str) -> bool:
    """Whether a full stop after `before` ends a sentence: not after an abbreviation, nor after the
    number of a numbered paragraph ("1. The force ...")."""
    word = LAST_WORD.search(before)
    if word is None:
        return True
    last = word.group().replace(".", "").lower()
    return last not in ABBREVIATIONS and not (before.strip().isdigit() and len(before.strip()) <= 3)
