"""Two versions of a statement's paragraphs, paired in reading order by how alike their words are.

Two paragraphs are *alike* when at least half of their distinct words are
shared: the Dice coefficient of their word sets, 2·|A ∩ B| / (|A| + |B|),
is at least SIMILAR_ENOUGH (words compared case-insensitively, punctuation
aside). Below that they are different paragraphs: the older one was removed
and the newer one added, even when they speak of the same topic.

The alignment is monotone (pairs never cross) and pairs the alike paragraphs
whose similarities add up to the most, by dynamic programming over the two
lists. A paragraph moved past others cannot be paired in order: it stays
removed where it was and added where it is now, and `moved_pairs` then
matches such leftovers so a page can say where each went.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

# At least half of the distinct words shared (Dice coefficient): "changed", not "different".
SIMILAR_ENOUGH = 0.5
# Past this many paragraph pairs (about 500 × 500), only identical paragraphs are paired:
# the table would cost seconds. Statements have tens of paragraphs.
MAX_PAIRS = 250_000

WORD = re.compile(r"\w+")

# One step of an alignment: (older index, newer index), either None for a paragraph on one side only.
Step = tuple[int | None, int | None]


def word_set(text: str) -> frozenset[str]:
    """The distinct words of `text`, case folded."""
    return frozenset(word.casefold() for word in WORD.findall(text))


def similarity(older: frozenset[str], newer: frozenset[str]) -> float:
    """The Dice coefficient of two word sets: 1.0 for the same words, 0.0 for none shared."""
    if not older and not newer:
        return 1.0
    return 2 * len(older & newer) / (len(older) + len(newer))


def align(older: Sequence[str], newer: Sequence[str]) -> list[Step]:
    """Every paragraph of `older` and `newer` once, in reading order: alike ones paired, the others alone.

    In a stretch between two pairs, the older paragraphs come before the newer ones.
    """
    if len(older) * len(newer) > MAX_PAIRS:
        return align_identical(older, newer)
    older_words = [word_set(text) for text in older]
    newer_words = [word_set(text) for text in newer]
    rows, columns = len(older), len(newer)
    # best[i][j]: the most similarity that pairs among older[i:] and newer[j:] can add up to.
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    alike = [[0.0] * columns for _ in range(rows)]
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            score = similarity(older_words[i], newer_words[j])
            paired = score + best[i + 1][j + 1] if score >= SIMILAR_ENOUGH else -1.0
            alike[i][j] = score
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    steps: list[Step] = []
    i = j = 0
    while i < rows and j < columns:
        score = alike[i][j]
        if score >= SIMILAR_ENOUGH and score + best[i + 1][j + 1] == best[i][j]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] == best[i][j]:
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    steps += [(k, None) for k in range(i, rows)]
    steps += [(None, k) for k in range(j, columns)]
    return steps


def align_identical(older: Sequence[str], newer: Sequence[str]) -> list[Step]:
    """The alignment of very long statements: identical paragraphs paired in order, no others."""
    steps: list[Step] = []
    matcher = difflib.SequenceMatcher(None, list(older), list(newer), autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            steps += zip(range(old_start, old_end), range(new_start, new_end))
        else:
            steps += [(k, None) for k in range(old_start, old_end)]
            steps += [(None, k) for k in range(new_start, new_end)]
    return steps


def moved_pairs(older: Sequence[str], newer: Sequence[str], steps: Sequence[Step]) -> dict[int, int]:
    """Among the paragraphs an alignment left alone, alike ones on either side (older index ->
    newer index): paragraphs that moved. The most alike are matched first, each paragraph once."""
    removed = [i for i, j in steps if j is None]
    added = [j for i, j in steps if i is None]
    if len(removed) * len(added) > MAX_PAIRS:
        return {}
    newer_words = {j: word_set(newer[j]) for j in added}
    candidates = []
    for i in removed:
        words = word_set(older[i])
        for j in added:
            score = similarity(words, newer_words[j])
            if score >= SIMILAR_ENOUGH:
                candidates.append((-score, i, j))
    moved: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in moved and j not in taken:
            moved[i] = j
            taken.add(j)
    return moved
