"""Where the subjects of two statements stand: which pairs moved, and the order rows are shown in.

A pair *moved* when it is outside the run of pairs that keeps both statements'
order: the longest run, and among runs as long the one whose pairs stand most
nearly where they stood (so that the paragraph that jumped is the one moved,
as wikidiff2 marks moved paragraphs). Rows follow the newer statement's
reading order; a dropped paragraph follows the row of the older paragraph
before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .subjects import Link

# Kinds of subjects.KINDS (that module imports this one).
SAME, UPDATED, MOVED = "same", "updated", "moved"


def mark_moves(links: list[Link], older_count: int, newer_count: int) -> list[Link]:
    """Same and updated pairs outside the run of pairs kept in both statements' order: moved.

    The run kept is the longest; among runs as long, the one whose pairs stand most nearly where
    they stood (as a share of each statement's length): a paragraph that jumped is the one moved.
    """
    paired = sorted((link for link in links if link.older and link.newer), key=lambda link: link.older[0])
    shifts = [abs(link.older[0] / older_count - link.newer[0] / newer_count) for link in paired]
    keep = in_order([link.newer[0] for link in paired], [1 - shift / 2 for shift in shifts])
    out_of_order = {id(link) for number, link in enumerate(paired) if number not in keep}
    return [
        replace(link, kind=MOVED)
        if id(link) in out_of_order and link.kind in (SAME, UPDATED) else link
        for link in links
    ]


def in_order(values: list[int], weights: list[float]) -> set[int]:
    """The positions of the increasing subsequence of `values` with the most weight (each weight
    between 1/2 and 1, so a longer run always weighs more)."""
    best: list[float] = []
    before: list[int | None] = []
    for position, value in enumerate(values):
        options = [(best[k], k) for k in range(position) if values[k] < value]
        weight, previous = max(options, default=(0.0, None))
        best.append(weight + weights[position])
        before.append(previous)
    kept: set[int] = set()
    at = max(range(len(values)), key=best.__getitem__, default=None)
    while at is not None:
        kept.add(at)
        at = before[at]
    return kept


def ordered(links: list[Link], older: Sequence, newer: Sequence) -> list[Link]:
    """Links in the newer statement's reading order; a dropped paragraph follows the link holding
    the older paragraph before it (or leads, when there is none)."""
    place: dict[int, float] = {}  # older position -> where its link stands
    for link in links:
        if link.newer:
            for i in link.older:
                place[i] = min(link.newer)

    def key(link: Link) -> tuple[float, int, int]:
        if link.newer:
            return (min(link.newer), 0, 0)
        i = link.older[0]
        before = [place[k] for k in range(i - 1, -1, -1) if k in place][:1]
        return ((before[0] if before else -1) + 0.5, i, 0)

    return sorted(links, key=key)
