"""What to mark in a paragraph, and where: the words of a query found in its text.

A query's words are marked by stem; a quoted phrase, and the query's words typed side by side
("stop and search"), are marked together where they stand so. A word that only joins others
("and", "of": filler.FILLER_STEMS, and the "s" of a possessive) is marked inside such a phrase,
never alone. A word is marked whole as a reader sees it, hyphens and apostrophes included
("body-worn", "region’s"). This module finds the spans; snippets.py escapes the text and makes the
marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from ..text.analysis import TOKEN_PATTERN, token_stem
from ..text.filler import FILLER_STEMS as JOINING_WORDS
from .parser import OPERATORS
from .typos import corrected

# A word as a reader sees it: letters and digits, with decimals, apostrophes, hyphens and a trailing %.
WHOLE_WORD = re.compile(r"\w+(?:[.,]\d+)*(?:['’‐-]\w+(?:[.,]\d+)*)*%?")
TOKEN = re.compile(TOKEN_PATTERN)
WORD_CHAR = re.compile(r"\w")
# What joins two tokens into one word as a reader sees it ("region’s", "body-worn").
JOINERS = "'’‐-"
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


@dataclass(frozen=True)
class Evidence:
    """One marked span of a paragraph: where it stands, the stems in it, and the length in words
    of the longest phrase (or run of typed words) it holds (0: none)."""

    start: int
    end: int
    stems: frozenset[str]
    phrase: int = 0


def whole_words(text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the words of `text` as a reader sees them ("region’s", "body-worn", "35%")."""
    starts, ends = [], []
    for match in WHOLE_WORD.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def evidence(text: str, marking: Marking) -> list[Evidence]:
    """The marked spans of `text`, in order: a matched token marks its whole word ("region’s",
    "body-worn"), a filler word only inside a phrase, and marks only spaces apart are merged.

    Per token only C-level work (the regex, the cached stems); Python looks at the marked ones.
    """
    matches = list(TOKEN.finditer(text))
    stems = list(map(token_stem, map(re.Match.group, matches)))
    marked = {i: 0 for i, stem in enumerate(stems) if stem in marking.alone}
    firsts = {phrase[0] for phrase in marking.sequences}
    starting: dict[str, list[int]] = {}
    for i, stem in enumerate(stems):
        if stem in firsts:
            starting.setdefault(stem, []).append(i)
    for phrase in marking.sequences:
        size = len(phrase)
        for start in starting.get(phrase[0], ()):
            if tuple(stems[start : start + size]) == phrase and side_by_side_in(text, matches[start : start + size]):
                for i in range(start, start + size):
                    marked[i] = max(marked.get(i, 0), size)
    spans: list[Evidence] = []
    words = None
    for i in sorted(marked):
        start, end = matches[i].span()
        if start >= 2 and text[start - 1] in JOINERS and WORD_CHAR.match(text, start - 2):
            # The token continues a word ("s" of "region’s", "worn" of "body-worn"): find its word.
            word_starts, word_ends = words = words or whole_words(text)
            word = bisect.bisect_right(word_starts, start) - 1
            if word >= 0 and word_ends[word] >= end:
                start, end = word_starts[word], word_ends[word]
        else:
            start, end = WHOLE_WORD.match(text, start).span()
        if spans and start < spans[-1].end:
            # The same word, already marked.
            last = spans[-1]
            spans[-1] = Evidence(last.start, max(last.end, end), last.stems | {stems[i]}, max(last.phrase, marked[i]))
        elif spans and not text[spans[-1].end : start].strip():
            last = spans[-1]
            spans[-1] = Evidence(last.start, end, last.stems | {stems[i]}, max(last.phrase, marked[i]))
        else:
            spans.append(Evidence(start, end, frozenset({stems[i]}), marked[i]))
    return spans


def side_by_side_in(text: str, tokens: list[re.Match]) -> bool:
    """True when nothing but spaces and joiners stands between the `tokens` of `text`: "stop and
    search" or "stop-and-search", not "stop, and search"."""
    return all(not text[one.end() : other.start()].strip(" \t\n" + JOINERS) for one, other in zip(tokens, tokens[1:]))


def marked_spans(text: str, marking: Marking) -> list[tuple[int, int]]:
    """Character spans (start, end) of `text` to mark, in order (see evidence())."""
    return [(span.start, span.end) for span in evidence(text, marking)]


def marking_of(resolver, rest: str, table) -> Marking:
    """What to mark of the words `resolver` (understand.Resolver) resolved: their stems, phrases,
    the words typed side by side (corrected where they were), and how many paragraphs hold each stem."""
    runs = side_by_side(corrected(rest, resolver.replacements))
    stems = set(resolver.terms).union(*resolver.phrases, *runs)
    frequencies = tuple((stem, table.frequency(number)) for stem in sorted(stems)
                        if (number := table.term(stem)) is not None)
    return Marking(frozenset(resolver.terms), tuple(resolver.phrases), runs, frequencies)
