"""What a paragraph is about, as weighted stems: the terms the subject aligner compares.

A stem weighs its inverse document frequency in the index (the generation's
own statistics: a stem in few paragraphs says more about a subject than one in
many), times NAME_WEIGHT when it stands capitalised inside a sentence (a proper
name: "Operation Kestrel", "Brackwater") or FIGURE_WEIGHT when it holds a digit
("2,870", "24"). Filler words ("the", "has", "most") weigh nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..generation import bm25
from ..generation.score_table import ScoreTable
from ..text.analysis import TOKEN_PATTERN, token_stem
from ..text.filler import FILLER_STEMS

# A name shared by two paragraphs (an operation, a town, a scheme) is strong evidence of one subject.
NAME_WEIGHT = 2.0
# A figure shared (an area, a count kept from year to year) is evidence too, weaker: figures recur by chance.
FIGURE_WEIGHT = 1.5

TOKEN = re.compile(TOKEN_PATTERN)
# What may stand before the first word of a sentence or list item (a capital there is no name).
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n•*\-–—(\"“‘']\s*)\s*$")

# A paragraph's terms: stem -> weight.
Terms = dict[str, float]


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a list item or the text."""
    return bool(SENTENCE_END.search(text[max(0, start - 4) : start])) or not text[:start].strip()


def weighted_terms(text: str, idf: Callable[[str], float]) -> Terms:
    """The stems of `text` with their weights (`idf`: a stem's inverse document frequency)."""
    terms: Terms = {}
    for match in TOKEN.finditer(text):
        word = match.group()
        stem = token_stem(word)
        if stem in FILLER_STEMS:
            continue
        weight = idf(stem)
        if any(character.isdigit() for character in word):
            weight *= FIGURE_WEIGHT
        elif word[0].isupper() and not starts_sentence(text, match.start()):
            weight *= NAME_WEIGHT
        terms[stem] = max(terms.get(stem, 0.0), weight)
    return terms


def table_idf(table: ScoreTable) -> Callable[[str], float]:
    """A stem's idf in a generation's score table (a stem the table lacks counts as in no paragraph)."""
    paragraphs = max(table.paragraphs, 1)
    known: dict[str, float] = {}

    def idf(stem: str) -> float:
        if stem not in known:
            number = table.term(stem)
            known[stem] = bm25.idf(paragraphs, 0 if number is None else table.frequency(number))
        return known[stem]

    return idf


def term_words(stems: tuple[str, ...], texts: tuple[str, ...]) -> tuple[str, ...]:
    """Each stem as a reader knows it: its first word in `texts` (lower case unless a name)."""
    found: dict[str, str] = {}
    for text in texts:
        for match in TOKEN.finditer(text):
            stem = token_stem(match.group())
            if stem in stems and stem not in found:
                word = match.group()
                name = word[0].isupper() and not starts_sentence(text, match.start())
                found[stem] = word if name else word.lower()
    return tuple(found.get(stem, stem) for stem in stems)
