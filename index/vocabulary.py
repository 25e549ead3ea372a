"""The real words of the statements, and how many paragraphs use each.

Typo correction, "did you mean" and prefix* need words as people write them,
not stems. Keeping them as a second Whoosh field doubled the cost of
indexing; a sorted word list beside the index does the same job: Whoosh's
Levenshtein automaton walks it through bisect exactly as it would walk a
term index.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton

from .schema import word_analyzer

WORDS_FILE = "words.tsv"
_WORDS = word_analyzer()


def paragraph_words(text: str) -> set[str]:
    """The distinct words of a paragraph, lower-cased and accent-folded."""
    return {token.text for token in _WORDS(text)}


class Vocabulary:
    """Words with their paragraph counts, searchable by prefix and by edit distance."""

    def __init__(self, counts: Counter | None = None):
        self.counts: Counter = Counter(counts or {})
        self._sorted: list[str] | None = None

    def add(self, paragraphs: Iterable[str]) -> None:
        """Count the words of these paragraph texts in."""
        for text in paragraphs:
            self.counts.update(paragraph_words(text))
        self._sorted = None

    def remove(self, paragraphs: Iterable[str]) -> None:
        """Count the words of these paragraph texts out."""
        for text in paragraphs:
            self.counts.subtract(paragraph_words(text))
        self.counts = +self.counts  # drops words no paragraph uses any more
        self._sorted = None

    def frequency(self, word: str) -> int:
        """How many paragraphs use `word`."""
        return self.counts.get(word, 0)

    @property
    def words(self) -> list[str]:
        """Every word, sorted."""
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return self._sorted

    def starting_with(self, prefix: str) -> Iterator[str]:
        """Words that start with `prefix`, in order."""
        words = self.words
        for word in words[bisect.bisect_left(words, prefix) :]:
            if not word.startswith(prefix):
                return
            yield word

    def within(self, word: str, distance: int, prefix: int = 1) -> Iterator[str]:
        """Words at most `distance` edits from `word`, sharing its first `prefix` letters."""
        words = self.words

        def first_at_least(text: str) -> str | None:
            at = bisect.bisect_left(words, text)
            return words[at] if at < len(words) else None

        dfa = levenshtein_automaton(word, distance, prefix).to_dfa()
        return find_all_matches(dfa, first_at_least)

    def save(self, directory: Path) -> None:
        """Write the vocabulary into a generation directory."""
        lines = (f"{word}\t{self.counts[word]}\n" for word in self.words)
        (Path(directory) / WORDS_FILE).write_text("".join(lines), "utf-8")


def load_vocabulary(directory: Path) -> Vocabulary:
    """The vocabulary saved in a generation directory (empty if there is none)."""
    path = Path(directory) / WORDS_FILE
    if not path.exists():
        return Vocabulary()
    counts = Counter()
    for line in path.read_text("utf-8").splitlines():
        word, _, count = line.partition("\t")
        counts[word] = int(count)
    vocabulary = Vocabulary(counts)
    vocabulary._sorted = list(counts)  # saved in sorted order
    return vocabulary
