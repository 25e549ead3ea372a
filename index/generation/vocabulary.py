"""The real words of the statements, and how many paragraphs use each.

Typo correction, "did you mean" and prefix* need words as people write them,
not stems. Keeping them as a second Whoosh field doubled the cost of
indexing; a sorted word list beside the index does the same job. Words
close to a typo are found by rapidfuzz (edit distance in C, a swap of
neighbouring letters counting as one edit) over the slice of the list that
shares the typo's first letter: no Python loop over words.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..text.analysis import analyse_words

WORDS_FILE = "words.tsv"


def paragraph_counts(texts: Iterable[str]) -> Counter:
    """Each word of these paragraphs, lower-cased and accent-folded: in how many of them it stands."""
    counts = Counter()
    for text in texts:
        counts.update(set(analyse_words(text)))
    return counts


class Vocabulary:
    """Words with their paragraph counts, searchable by prefix and by edit distance."""

    def __init__(self, counts: Counter | None = None):
        self.counts: Counter = Counter(counts or {})
        self._sorted: list[str] | None = None

    def add(self, counts: Counter) -> None:
        """Count in words (each with the number of paragraphs it stands in)."""
        self.counts.update(counts)
        self._sorted = None

    def remove(self, counts: Counter) -> None:
        """Count out words (each with the number of paragraphs it stands in)."""
        self.counts.subtract(counts)
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

    def within(self, word: str, distance: int, prefix: int = 1) -> list[str]:
        """Words at most `distance` edits from `word`, sharing its first `prefix` letters."""
        return close_words(self.words, word, distance, prefix)

    def save(self, directory: Path) -> None:
        """Write the vocabulary into a generation directory."""
        lines = (f"{word}\t{self.counts[word]}\n" for word in self.words)
        (Path(directory) / WORDS_FILE).write_text("".join(lines), "utf-8")


def close_words(words: list[str], word: str, distance: int, prefix: int = 1) -> list[str]:
    """The entries of the sorted list `words` within `distance` edits of `word` that share its first `prefix` letters."""
    start = word[:prefix]
    low = bisect.bisect_left(words, start)
    # Every string that starts with `start` sorts below start + the last code point.
    high = bisect.bisect_left(words, start + "\U0010ffff", low)
    found = process.extract(
        word, words[low:high], scorer=OSA.distance, score_cutoff=distance, limit=None
    )
    return [candidate for candidate, _, _ in found]


def load_vocabulary(directory: Path) -> Vocabulary:
    """The vocabulary saved in a generation directory (OSError if it is missing: a generation
    without its words is damaged, not one with no words)."""
    return parse_vocabulary((Path(directory) / WORDS_FILE).read_text("utf-8"))


def parse_vocabulary(text: str) -> Vocabulary:
    """A vocabulary from the text of a saved words file (word TAB paragraphs, one a line, sorted)."""
    counts = Counter()
    for line in text.splitlines():
        word, _, count = line.partition("\t")
        counts[word] = int(count)
    vocabulary = Vocabulary(counts)
    vocabulary._sorted = list(counts)  # saved in sorted order
    return vocabulary
