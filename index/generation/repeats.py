"""Paragraphs repeated from year to year: per paragraph, the first of its force with the same wording.

A force's statement for one year often carries paragraphs of the year before
with only the figures changed (text/wording.py). The build gives every
paragraph the number of the first paragraph, in corpus order (a force's
statements oldest first), of the same force with the same wording: itself
when it repeats none. The score table stores it (`table-copy.npy`); a search
ranks the best paragraph of each group before the repeats (rank/pages.py)
and a hit lists the other years that say the same (results/search.py).
"""

from __future__ import annotations

import numpy as np

from ..text.wording import wording


def first_copies(forces: list[str], texts: list[str]) -> np.ndarray:
    """Per paragraph (corpus order), the number of the first paragraph of its force whose wording,
    figures aside, is the same: itself when there is none (or when it has no words but figures)."""
    first: dict[tuple[str, str], int] = {}
    copies = np.arange(len(texts), dtype=np.int32)
    for number, (force, text) in enumerate(zip(forces, texts)):
        words = wording(text)
        if words:
            copies[number] = first.setdefault((force, words), number)
    return copies


def copy_groups(copy_of: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The paragraphs in order of their group (the group of p is copy_of[p], a paragraph number),
    and per group where its members start in that order and how many there are: group g is
    members[starts[g] : starts[g] + counts[g]] (no members: a paragraph that heads no group)."""
    members = np.argsort(copy_of, kind="stable").astype(np.int32)
    counts = np.bincount(copy_of, minlength=len(copy_of))
    starts = np.cumsum(counts) - counts
    return members, starts, counts
