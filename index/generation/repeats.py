"""Paragraphs repeated from year to year: per paragraph, the first of its force with the same wording.

A force's statement for one year often carries paragraphs of the year before
with only the figures changed (text/wording.py). The build gives every
paragraph the number of the first paragraph, in corpus order (a force's
statements oldest first), of an earlier statement of its force with the same
wording: itself when it repeats none. The score table stores it (`table-copy.npy`); a search
ranks the best paragraph of each group before the repeats (rank/pages.py)
and a hit lists the other years that say the same (results/search.py).
"""

from __future__ import annotations

import hashlib
from collections import Counter

import numpy as np

from ..text.wording import wording_of


def wording_key(words: list[str]) -> int:
    """A paragraph's wording (text/wording.py) as 64 bits, from its words: what the score table
    keeps (`table-wording.npy`), so that an update groups unchanged statements without reading
    them again. 0 for a paragraph of figures alone. (blake2b: the same in every process.)"""
    text = wording_of(words)
    if not text:
        return 0
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little") or 1


def first_copies(forces: list[str], statements: list[int], keys: list[int]) -> np.ndarray:
    """Per paragraph (corpus order; `statements` its statement's number, ascending, `forces` its force,
    `keys` its wording_key), the number of the first paragraph of an earlier statement of its force
    with the same wording: itself when there is none, or when it has no words but figures (key 0).

    Paragraphs of one statement are never repeats of each other ("999 calls" and "101 calls" of one
    year are two paragraphs): the n-th paragraph of a statement with a wording repeats the first
    n-th paragraph with that wording of an earlier statement, and nothing else."""
    first: dict[tuple[str, int, int], int] = {}
    copies = np.arange(len(keys), dtype=np.int32)
    seen: Counter = Counter()
    current = None
    for number, (force, statement, key) in enumerate(zip(forces, statements, keys)):
        if statement != current:
            seen, current = Counter(), statement
        if not key:
            continue
        nth = seen[key]
        seen[key] += 1
        copies[number] = first.setdefault((force, key, nth), number)
    return copies


def group_sizes(copy_of: np.ndarray) -> np.ndarray:
    """Per paragraph number g, how many paragraphs are in group g (the group of p is copy_of[p])."""
    return np.bincount(copy_of, minlength=len(copy_of))


def group_order(copy_of: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The paragraphs in order of their group, and where each group starts in that order: group g
    is members[starts[g] : starts[g] + sizes[g]] (no members: a paragraph that heads no group)."""
    members = np.argsort(copy_of, kind="stable").astype(np.int32)
    return members, np.cumsum(sizes) - sizes
