"""What a query marks in a paragraph: its stems, its phrases and the words typed side by side.

The query's understanding makes a Marking; index.snippets turns it into HTML.
Kept apart from both so that understanding a query never imports the HTML module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .filler import FILLER_STEMS as JOINING_WORDS
from .query import OPERATORS
from .schema import TOKEN_PATTERN, token_stem

TOKEN = re.compile(TOKEN_PATTERN)
# Words that only join others: filler words, and the "s" of a possessive ("region’s").
FILLER_STEMS = JOINING_WORDS | {"s"}
# Runs of words typed side by side are looked for in parts of at most this many words.
LONGEST_RUN = 8



@dataclass(frozen=True)
class Marking:
    """What to mark in a paragraph: stems anywhere, and stem sequences (phrases) only whole."""

    terms: frozenset[str] = frozenset()
    # Quoted phrases.
    phrases: tuple[tuple[str, ...], ...] = ()
    # The query's words typed side by side outside quotes ("stop and search"): marked together
    # where they stand so in a paragraph, and shown first, as a phrase is.
    runs: tuple[tuple[str, ...], ...] = ()
    # (stem, paragraphs holding it): the fewer, the more distinct the word.
    frequencies: tuple[tuple[str, int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases or self.runs)

    @cached_property
    def alone(self) -> frozenset[str]:
        """The stems marked wherever they stand: the terms but the filler words, which are marked
        only inside a phrase or a run of the words as typed."""
        return self.terms - FILLER_STEMS

    @cached_property
    def sequences(self) -> tuple[tuple[str, ...], ...]:
        """The stem sequences marked together where they stand whole: the quoted phrases, the runs
        (without filler words at their ends), and each part of a run that joins words with a filler
        word ("stop and search" of "stop and search powers"), longest first."""
        found = set(self.phrases)
        for run in self.runs:
            content = [i for i, stem in enumerate(run) if stem not in FILLER_STEMS]
            if content:
                # The run without filler words at its ends ("the cost of living" -> "cost of living").
                found.add(run[content[0] : content[-1] + 1])
            for start in range(len(run)):
                for end in range(start + 3, min(len(run), start + LONGEST_RUN) + 1):
                    part = run[start:end]
                    joined = any(stem in FILLER_STEMS for stem in part[1:-1])
                    if joined and part[0] not in FILLER_STEMS and part[-1] not in FILLER_STEMS:
                        found.add(part)
        return tuple(sorted((seq for seq in found if len(seq) > 1), key=len, reverse=True))

    @cached_property
    def frequency(self) -> dict[str, int]:
        """Paragraphs holding each stem (0 when not known)."""
        return dict(self.frequencies)


def side_by_side(query: str) -> tuple[tuple[str, ...], ...]:
    """The stems of the words `query` has side by side outside quotes, each run of two or more
    ("stop and search powers" -> ("stop", "and", "search", "power")); operators, excluded words,
    prefixes and brackets end a run."""
    runs, run, skip = [], [], False
    for token in re.split(r'("[^"]*"?)|\s+', query):
        if not token:
            continue
        plain = not (skip or token in OPERATORS or token.startswith(("-", '"')) or any(c in token for c in "*()"))
        skip = token == "NOT"
        if plain:
            run += [token_stem(word) for word in TOKEN.findall(token)]
        else:
            runs.append(tuple(run))
            run = []
    runs.append(tuple(run))
    return tuple(run for run in runs if len(run) > 1)
