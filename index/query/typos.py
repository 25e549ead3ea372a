"""Words typed wrong: the closest real words of the vocabulary, the stems they stand for, and the text corrected."""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from ..generation.vocabulary import Vocabulary, close_words
from ..text.analysis import stem
from .deadline import Deadline


MAX_CORRECTIONS = 3


def typo_distance(word: str) -> int:
    """Edits allowed when correcting `word`: none under 4 letters, 1 from 4, 2 from 9."""
    return 0 if len(word) < 4 else 1 if len(word) < 9 else 2


def closest_words(table, vocabulary: Vocabulary, word: str, deadline: Deadline | None = None) -> tuple[str, ...]:
    """Real words nearest to `word`: the nearest tier only, most common first (none once `deadline` passed)."""
    limit = typo_distance(word)
    if not limit or word.isdigit():
        return ()
    candidates = set(vocabulary.within(word, limit, prefix=1)) - {word}
    # Candidates share the first letter, so a swap of the first two is tried directly.
    candidates.update(swap for swap in swapped_neighbours(word) if vocabulary.frequency(swap))
    if deadline is not None and deadline.expired():
        return ()
    if not candidates:
        # A misspelt form may still be close to a stem ("deprevation" -> "depriv" -> "deprived").
        term = stem(word)
        candidates = {
            real
            for close in close_words(table.stems, term, typo_distance(term), prefix=1)
            if (real := word_for_stem(vocabulary, close))
        }
    if not candidates:
        return ()
    distances = {candidate: OSA.distance(word, candidate) for candidate in candidates}
    nearest = min(distances.values())
    ranked = sorted(
        (c for c in candidates if distances[c] == nearest),
        key=lambda c: (-vocabulary.frequency(c), c),
    )
    return tuple(ranked[:MAX_CORRECTIONS])


def swapped_neighbours(word: str) -> set[str]:
    """Every spelling of `word` with two neighbouring letters swapped ("precpet" -> "precept", ...)."""
    return {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    }


def word_for_stem(vocabulary: Vocabulary, term: str) -> str | None:
    """The most common real word whose stem is `term` (stems are mostly prefixes of their words)."""
    best, best_count = None, 0
    for number, word in enumerate(vocabulary.starting_with(term)):
        if number >= 50:
            break
        count = vocabulary.frequency(word)
        if stem(word) == term and count > best_count:
            best, best_count = word, count
    return best


def corrected(text: str, replacements: dict[str, str], keep_capitals: bool = False) -> str:
    """`text` with each word typed wrong replaced by its correction (capitalised where the typed word was)."""
    for typed, better in replacements.items():

        def replaced(found: re.Match, better: str = better) -> str:
            return better[:1].upper() + better[1:] if keep_capitals and found[0][:1].isupper() else better

        text = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", replaced, text, flags=re.I)
    return text
