"""A force as a unit: its statements in period order, and what it said about each subject over the years.

A subject's *chain* links the paragraphs the subject aligner pairs between
consecutive periods (county lines: 2019/20 ¶4 → 2020/21 ¶5 → 2021/22 ¶5). A
subject that skips a period (dropped one year, back the next) is linked across
the gap: the paragraphs whose chain ended the period before the gap are aligned
with the paragraphs new the period after it. Each chain is labelled with its
most telling terms: the weightiest stems found in most of its periods, the
force's own name and figures aside.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..generation.catalogue import StatementInfo, force_slug
from ..generation.store import StatementIndex
from .rows import paragraph_subjects
from .subject_terms import term_words, weighted_terms
from .subjects import DROPPED, NEW, Subject, align_subjects

# Terms that label a chain.
LABEL_TERMS = 4

# A paragraph of a chain: (position of its period in the force's statements, paragraph number).
Node = tuple[int, int]


@dataclass(frozen=True)
class ChainStep:
    """The paragraphs of one period on one subject."""

    statement: StatementInfo
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Chain:
    """One subject through the force's periods: its steps in period order, and its telling terms."""

    label: tuple[str, ...]
    steps: tuple[ChainStep, ...]


@dataclass(frozen=True)
class ForceYears:
    """A force: its statements, oldest period first, and its subjects' chains (longest first)."""

    force: str
    slug: str
    statements: tuple[StatementInfo, ...]
    chains: tuple[Chain, ...]


def force_names(index: StatementIndex) -> list[str]:
    """Every force's name, in order (case aside), read from the catalogue's force column alone."""
    return sorted(set(index.current().catalogue.columns["force"]), key=str.lower)


def force_list(index: StatementIndex) -> list[tuple[str, list[StatementInfo]]]:
    """Every force (by name, case aside) with its statements, oldest period first."""
    return [(name, index.periods_of(name)) for name in force_names(index)]


def force_named(index: StatementIndex, slug: str) -> str | None:
    """The force whose address is `slug`, or None."""
    return next((name for name in force_names(index) if force_slug(name) == slug), None)


def force_years(index: StatementIndex, slug: str) -> ForceYears | None:
    """The force whose address is `slug`, with its chains (None when no force has that address)."""
    name = force_named(index, slug)
    if name is None:
        return None
    infos = index.periods_of(name)
    subjects = [paragraph_subjects(index, info.slug) for info in infos]
    own_name = {stem for stem in weighted_terms(name, lambda stem: 1.0)}
    chains = [
        Chain(label(nodes, subjects, own_name), steps(nodes, infos))
        for nodes in subject_chains(subjects)
        if len({period for period, _ in nodes}) > 1
    ]
    chains.sort(key=lambda chain: (-len(chain.steps), chain.steps[0].statement.period, chain.steps[0].paragraphs))
    return ForceYears(name, slug, tuple(infos), tuple(chains))


def subject_chains(subjects: list[list[Subject]]) -> list[set[Node]]:
    """The paragraphs of consecutive periods linked by subject, as sets of nodes (every paragraph in one)."""
    parent: dict[Node, Node] = {}

    def root(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    def join(one: Node, other: Node) -> None:
        parent[root(one)] = root(other)

    for period, paragraphs in enumerate(subjects):
        for number in range(1, len(paragraphs) + 1):
            root((period, number))
    for period in range(len(subjects) - 1):
        link_periods(subjects, period, period + 1, join)
    # Across one missing period: chains ending before it and paragraphs new after it.
    for period in range(1, len(subjects) - 1):
        ended = [n for n in range(1, len(subjects[period - 1]) + 1) if not reaches(parent, root, (period - 1, n), period)]
        started = [n for n in range(1, len(subjects[period + 1]) + 1)
                   if not reaches(parent, root, (period + 1, n), period)]
        if ended and started:
            link_periods(subjects, period - 1, period + 1, join, ended, started)
    groups: dict[Node, set[Node]] = {}
    for node in list(parent):
        groups.setdefault(root(node), set()).add(node)
    return list(groups.values())


def reaches(parent: dict, root, node: Node, period: int) -> bool:
    """Whether `node`'s chain has a paragraph in `period`."""
    top = root(node)
    return any(other[0] == period and root(other) == top for other in parent)


def link_periods(subjects, older: int, newer: int, join, old_numbers=None, new_numbers=None) -> None:
    """Join the chains of the paragraphs the aligner pairs between two periods (only the numbers given)."""
    old_numbers = list(range(1, len(subjects[older]) + 1)) if old_numbers is None else old_numbers
    new_numbers = list(range(1, len(subjects[newer]) + 1)) if new_numbers is None else new_numbers
    links = align_subjects([subjects[older][n - 1] for n in old_numbers], [subjects[newer][n - 1] for n in new_numbers])
    for link in links:
        if link.kind in (NEW, DROPPED):
            continue
        for i in link.older:
            for j in link.newer:
                join((older, old_numbers[i]), (newer, new_numbers[j]))


def steps(nodes: set[Node], infos: list[StatementInfo]) -> tuple[ChainStep, ...]:
    """A chain's nodes as steps, one per period, oldest first."""
    by_period: dict[int, list[int]] = {}
    for period, number in nodes:
        by_period.setdefault(period, []).append(number)
    return tuple(ChainStep(infos[period], tuple(sorted(numbers))) for period, numbers in sorted(by_period.items()))


def label(nodes: set[Node], subjects: list[list[Subject]], own_name: set[str]) -> tuple[str, ...]:
    """A chain's most telling terms, as words: stems in most of its periods, weightiest first."""
    periods: Counter = Counter()
    weight: dict[str, float] = {}
    for period in {period for period, _ in nodes}:
        stems: dict[str, float] = {}
        for p, number in nodes:
            if p == period:
                for stem, value in subjects[p][number - 1].terms.items():
                    stems[stem] = max(stems.get(stem, 0.0), value)
        for stem, value in stems.items():
            periods[stem] += 1
            weight[stem] = max(weight.get(stem, 0.0), value)
    # Figures change from year to year and name nothing: they are left out of labels.
    candidates = [stem for stem in periods if stem not in own_name and not any(c.isdigit() for c in stem)]
    # A stem found in more of the chain's periods tells more about it than a heavier one found once.
    ranked = sorted(candidates, key=lambda stem: (-periods[stem] ** 2 * weight[stem], stem))
    texts = tuple(subjects[p][number - 1].text for p, number in sorted(nodes))
    return term_words(tuple(ranked[:LABEL_TERMS]), texts)
