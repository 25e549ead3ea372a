"""Two statements' paragraphs paired by subject: what each older paragraph became.

Every (older, newer) pair is scored by the weighted Dice coefficient of their
terms (`subject_terms`): twice the weight the two share over the weight of
both. The pairing with the greatest total score is found by an assignment
solver (each paragraph paired at most once, in any order: forces reorder their
statements every year). A pair scoring under PAIR_AT is not forced: its older
paragraph is dropped and its newer one new.

Then merges and splits: a paragraph left over with PART_AT of its terms'
weight within a paired paragraph on the other side joins that pair. Two
older parts in one newer paragraph: merged; one older paragraph in two newer
ones: split. Last, a subject rewritten in new words scores low, but once the
other subjects are paired it is the best match left on both sides: among the
paragraphs still alone, a pair the solver makes that is each one's best
match there and scores REWRITE_AT is kept.

Each link gets a kind and a confidence (0 to 1):

    same       identical text (confidence 1)
    updated    most words the same (alignment.SIMILAR_ENOUGH), facts changed
    rewritten  the same subject in new words
    moved      same or updated, but out of the reading order the other pairs keep
    merged     several older paragraphs in one newer
    split      one older paragraph in several newer
    new        newer only; confidence: how far its best score is under PAIR_AT
    dropped    older only; likewise

A pair's confidence is its score over its score plus the best score either of
its paragraphs has with any other paragraph: how clearly it beats the
alternatives. How the thresholds were chosen (first on our own judged pairs,
tests/corpus-subjects, then on ../shared/corpus): docs/compare.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from .alignment import SIMILAR_ENOUGH, similarity, word_set
from .subject_order import mark_moves, ordered

SAME, UPDATED, REWRITTEN, MOVED = "same", "updated", "rewritten", "moved"
MERGED, SPLIT, NEW, DROPPED = "merged", "split", "new", "dropped"
KINDS = (SAME, UPDATED, REWRITTEN, MOVED, MERGED, SPLIT, NEW, DROPPED)

# The least weighted Dice score of a pair on one subject; under it, two paragraphs are unrelated.
PAIR_AT = 0.2
# The least score of a pair among the paragraphs left alone once the others are paired, when each is
# the other's best match there.
REWRITE_AT = 0.12
# The least share of a left-over paragraph's weight found in a paired paragraph for it to be part of it.
PART_AT = 0.25
# Past this many paragraph pairs (200 x 200), only identical paragraphs are paired: the scores would take
# seconds. Statements have tens of paragraphs.
MAX_PAIRS = 40_000


@dataclass(frozen=True)
class Subject:
    """One paragraph as the aligner sees it: its text and its weighted terms."""

    text: str
    terms: Mapping[str, float]


@dataclass(frozen=True)
class Link:
    """Older paragraphs and newer paragraphs (positions from 0) on one subject, one side may be empty."""

    kind: str
    older: tuple[int, ...]
    newer: tuple[int, ...]
    confidence: float
    # The stems both sides share, weightiest first (what makes it one subject).
    shared: tuple[str, ...] = ()


def scores(older: Sequence[Subject], newer: Sequence[Subject]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pair score, share of older's weight in newer, share of newer's weight in older), each older x newer."""
    stems = sorted({stem for subject in (*older, *newer) for stem in subject.terms})
    column = {stem: number for number, stem in enumerate(stems)}

    def matrix(subjects: Sequence[Subject]) -> np.ndarray:
        values = np.zeros((len(subjects), len(stems)))
        for row, subject in enumerate(subjects):
            for stem, weight in subject.terms.items():
                values[row, column[stem]] = weight
        return values

    old, new = matrix(older), matrix(newer)
    # A stem's weight is the same wherever it stands but for the name/figure factor: the shared
    # weight of a pair is the lesser of its two weights.
    # One older paragraph at a time: an older x newer x stems array would not fit for long statements.
    shared = np.array([np.minimum(row, new).sum(axis=1) for row in old]).reshape(len(older), len(newer))
    old_total, new_total = old.sum(axis=1)[:, None], new.sum(axis=1)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        pair = np.nan_to_num(2 * shared / (old_total + new_total))
        in_newer = np.nan_to_num(shared / old_total)
        in_older = np.nan_to_num(shared / new_total)
    return pair, in_newer, in_older


def attach(groups: dict[int, list[int]], count: int, taken: set[int], within) -> None:
    """Each of `count` paragraphs not `taken` joins the group (by its key) it stands most within,
    `within(paragraph, key)`, when it stands at least PART_AT within it."""
    for member in range(count):
        if member in taken or not groups:
            continue
        key = max(groups, key=lambda key: within(member, key))
        if within(member, key) >= PART_AT:
            groups[key].append(member)


def align_subjects(older: Sequence[Subject], newer: Sequence[Subject]) -> list[Link]:
    """Every paragraph of both sides in exactly one link, links in the newer statement's order
    (a dropped paragraph after the link holding the older paragraph before it)."""
    if not older or not newer or len(older) * len(newer) > MAX_PAIRS:
        return ordered(identical_links(older, newer), older, newer)
    pair, in_newer, in_older = scores(older, newer)
    rows, columns = linear_sum_assignment(pair, maximize=True)
    # newer -> its older parts: the solver's pairs that score enough, then merges join them.
    parts_of = {int(j): [int(i)] for i, j in zip(rows, columns) if pair[i, j] >= PAIR_AT}
    paired_older = {i for parts in parts_of.values() for i in parts}
    # Merges: a left-over older paragraph that stands mostly within a paired newer one.
    attach(parts_of, len(older), paired_older, lambda i, j: in_newer[i, j])
    # Splits: a left-over newer paragraph that stands mostly within the older one of a one-to-one pair.
    pieces_of = {parts[0]: [j] for j, parts in parts_of.items() if len(parts) == 1}  # older -> its newer pieces
    attach(pieces_of, len(newer), set(parts_of), lambda j, i: in_older[i, j])
    links = []
    for j, parts in parts_of.items():
        if len(parts) > 1:
            links.append(group_link(MERGED, tuple(sorted(parts)), (j,), pair, older, newer))
    for i, pieces in pieces_of.items():
        if len(pieces) > 1:
            links.append(group_link(SPLIT, (i,), tuple(sorted(pieces)), pair, older, newer))
        else:
            links.append(pair_link(i, pieces[0], pair, older, newer))
    linked_older = {i for link in links for i in link.older}
    linked_newer = {j for link in links for j in link.newer}
    links += leftover_pairs(pair, linked_older, linked_newer, older, newer)
    linked_older |= {i for link in links for i in link.older}
    linked_newer |= {j for link in links for j in link.newer}
    for i in range(len(older)):
        if i not in linked_older:
            links.append(Link(DROPPED, (i,), (), alone(pair[i, :].max())))
    for j in range(len(newer)):
        if j not in linked_newer:
            links.append(Link(NEW, (), (j,), alone(pair[:, j].max())))
    return ordered(mark_moves(links, len(older), len(newer)), older, newer)


def leftover_pairs(pair, linked_older, linked_newer, older, newer) -> list[Link]:
    """Pairs among the paragraphs still alone that are each other's best match there and score REWRITE_AT."""
    left_older = [i for i in range(len(older)) if i not in linked_older]
    left_newer = [j for j in range(len(newer)) if j not in linked_newer]
    if not left_older or not left_newer:
        return []
    rest = pair[np.ix_(left_older, left_newer)]
    rows, columns = linear_sum_assignment(rest, maximize=True)
    return [
        pair_link(left_older[r], left_newer[c], pair, older, newer)
        for r, c in zip(rows, columns)
        if rest[r, c] >= REWRITE_AT and rest[r, c] == rest[r, :].max() == rest[:, c].max()
    ]


def alone(best: float) -> float:
    """The confidence that a paragraph has no counterpart: 1 with nothing alike, 0 at the pair threshold."""
    return round(max(0.0, 1 - float(best) / PAIR_AT), 3)


def shared_terms(older: Sequence[Subject], newer: Sequence[Subject]) -> tuple[str, ...]:
    """The stems both sides hold, weightiest first."""
    old = {stem: weight for subject in older for stem, weight in subject.terms.items()}
    new = {stem: weight for subject in newer for stem, weight in subject.terms.items()}
    both = old.keys() & new.keys()
    return tuple(sorted(both, key=lambda stem: (-min(old[stem], new[stem]), stem)))


def pair_link(i: int, j: int, pair: np.ndarray, older: Sequence[Subject], newer: Sequence[Subject]) -> Link:
    """The link of a one-to-one pair: same, updated or rewritten, with its confidence."""
    shared = shared_terms([older[i]], [newer[j]])
    if " ".join(older[i].text.split()) == " ".join(newer[j].text.split()):
        return Link(SAME, (i,), (j,), 1.0, shared)
    alike = similarity(word_set(older[i].text), word_set(newer[j].text))
    kind = UPDATED if alike >= SIMILAR_ENOUGH else REWRITTEN
    score = float(pair[i, j])
    rivals = np.concatenate([np.delete(pair[i, :], j), np.delete(pair[:, j], i)])
    rival = float(rivals.max()) if rivals.size else 0.0
    return Link(kind, (i,), (j,), round(score / (score + rival), 3), shared)


def group_link(kind, older_parts, newer_parts, pair, older, newer) -> Link:
    """The link of a merge or a split: confidence is the weakest part's share of the pair scores."""
    parts = [(i, j) for i in older_parts for j in newer_parts]
    weakest = min(float(pair[i, j]) for i, j in parts)
    strongest = max(float(pair[i, j]) for i, j in parts)
    shared = shared_terms([older[i] for i in older_parts], [newer[j] for j in newer_parts])
    return Link(kind, older_parts, newer_parts, round(weakest / strongest if strongest else 0.0, 3), shared)


def identical_links(older: Sequence[Subject], newer: Sequence[Subject]) -> list[Link]:
    """Identical paragraphs paired in order, the rest new or dropped (for very long statements)."""
    waiting: dict[str, list[int]] = {}
    for j, subject in enumerate(newer):
        waiting.setdefault(subject.text, []).append(j)
    links, linked = [], set()
    for i, subject in enumerate(older):
        if waiting.get(subject.text):
            j = waiting[subject.text].pop(0)
            links.append(Link(SAME, (i,), (j,), 1.0))
            linked.add(j)
        else:
            links.append(Link(DROPPED, (i,), (), 1.0))
    links += [Link(NEW, (), (j,), 1.0) for j in range(len(newer)) if j not in linked]
    return links
