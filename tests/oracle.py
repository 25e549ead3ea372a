"""The oracle: generated queries of every kind, and what Whoosh's own matchers say they return.

`reference_page` answers a search the slow, obviously correct way: Whoosh's
searcher scores every match of the same query tree (tree -> Whoosh query in
index/ranking.py), filters with Whoosh's own filter, and the test sorts and
groups the full list in plain Python. The engine must give the same page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import index
from index.ranking import reference_matches
from index.understand import understand

KINDS = (
    "word", "and", "or", "not", "phrase", "prefix", "typo", "force", "period", "mixed", "question",
)


@dataclass(frozen=True)
class Case:
    """One generated search."""

    kind: str
    text: str
    filters: index.Filters
    grouped: bool
    page: int


def typo_of(word: str, rng: random.Random) -> str:
    """`word` with one letter dropped, doubled, replaced or swapped with its neighbour (never the first)."""
    at = rng.randrange(1, len(word) - 1)
    change = rng.choice(("drop", "double", "replace", "swap"))
    if change == "drop":
        return word[:at] + word[at + 1 :]
    if change == "double":
        return word[:at] + word[at] + word[at:]
    if change == "replace":
        return word[:at] + rng.choice("aeioustr") + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def generate(statement_index: index.StatementIndex, count: int, seed: int) -> list[Case]:
    """`count` searches of every kind over the words, phrases, forces and periods of an index."""
    rng = random.Random(seed)
    with statement_index.reading() as (generation, searcher):
        vocabulary = generation.vocabulary
        words = [w for w in vocabulary.words if vocabulary.frequency(w) >= 2 and w.isalpha() and len(w) > 2]
        long_words = [w for w in words if len(w) >= 6]
        texts = [searcher.stored_fields(d)["text"] for d in range(min(searcher.doc_count_all(), 400))]
    infos = statement_index.statements()
    forces = sorted({info.force for info in infos})
    periods = sorted({info.period for info in infos})

    def phrase() -> str:
        tokens = rng.choice(texts).split()
        size = rng.choice((2, 2, 3))
        start = rng.randrange(0, max(1, len(tokens) - size))
        return '"' + " ".join(tokens[start : start + size]).strip('".,;:()') + '"'

    makers = {
        "word": lambda: rng.choice(words),
        "and": lambda: " ".join(rng.sample(words, rng.choice((2, 2, 3)))),
        "or": lambda: " OR ".join(rng.sample(words, rng.choice((2, 3)))),
        "not": lambda: f"{rng.choice(words)} {rng.choice(('-', 'NOT '))}{rng.choice(words)}",
        "phrase": phrase,
        "prefix": lambda: rng.choice(long_words)[: rng.choice((4, 5, 6))] + "*",
        "typo": lambda: " ".join([typo_of(rng.choice(long_words), rng)] + rng.sample(words, rng.choice((0, 1)))),
        "force": lambda: f"{rng.choice(forces)} {rng.choice(words)}",
        "period": lambda: f"{rng.choice(words)} {rng.choice(periods)}",
        "mixed": lambda: f"({rng.choice(words)} OR {rng.choice(words)}) {rng.choice(words)} -{rng.choice(words)}",
        "question": lambda: " ".join(rng.sample(words, 4)),  # four words: often only the fallback matches
    }
    cases = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        choice = rng.random()
        if choice < 0.5:
            filters = index.Filters()
        elif choice < 0.7:
            filters = index.Filters(forces=tuple(rng.sample(forces, min(len(forces), rng.choice((1, 2))))))
        elif choice < 0.9:
            filters = index.Filters(periods=(rng.choice(periods),))
        else:
            filters = index.Filters(statement=rng.choice(infos).slug)
        cases.append(Case(kind, makers[kind](), filters, rng.random() < 0.4, rng.choice((1, 1, 2, 3))))
    return cases


def reference_ranking(generation, node, filters: index.Filters) -> list[tuple[str, int, float]]:
    """Every match of `node` within `filters`, by Whoosh: best first, ties in corpus order."""
    order = {slug: number for number, slug in enumerate(generation.catalogue)}
    found = reference_matches(generation.whoosh, node, filters.query())
    return sorted(found, key=lambda hit: (-hit[2], order[hit[0]], hit[1]))


def reference_page(statement_index: index.StatementIndex, case: Case, page_size: int = 10):
    """(total, [(statement, paragraph, score)] of the page) for a case, by Whoosh's matchers."""
    with statement_index.reading() as (generation, _):
        meaning = understand(case.text, generation)
        ranking = reference_ranking(generation, meaning.query, case.filters)
        if meaning.fallback is not None and not reference_ranking(generation, meaning.query, index.Filters()):
            loose = reference_ranking(generation, meaning.fallback, case.filters)
            if loose:
                ranking = loose
    total = len(ranking)
    if case.grouped:
        leaders = {}
        for hit in ranking:
            leaders.setdefault(hit[0], hit)
        ranking = list(leaders.values())
    start = (case.page - 1) * page_size
    return total, ranking[start : start + page_size]
