"""The oracle: generated queries of every kind, and what Whoosh's own matchers say they return.

`reference_page` answers a search the slow, obviously correct way: Whoosh's
searcher scores every match of the same query tree (tree -> Whoosh query in
index/ranking.py), filters with Whoosh's own filter, and the test sorts and
groups the full list in plain Python. The engine must give the same page.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

import index
from index.query import tree as t
from index.query.parser import OPERATORS
from index.query.understand import understand
from index.rank import engine
from index.rank.reference import reference_matches
from index.text.wording import wording

KINDS = (
    "word", "and", "or", "not", "phrase", "prefix", "typo", "force", "period", "mixed", "question",
    "exclusion", "odd phrase", "name", "together",
)
# The kinds in the order generated: names and words typed together come three times, a force with them twice, so
# that at least 30% of the searches match through a boosted phrase or name (test_oracle.py).
CYCLE = (*KINDS, "name", "together", "force", "name", "together")


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

    def adjacent(size: int) -> list[str]:
        """`size` words standing together in some paragraph (often its first words), so that the
        boosts for words typed together, names and openings match."""
        tokens = [token.strip('".,;:()?!') for token in rng.choice(texts).split()]
        tokens = [token for token in tokens if token.isalpha() and token.upper() not in OPERATORS] or ["police"]
        start = rng.choice((0, rng.randrange(0, max(1, len(tokens) - size))))
        return tokens[start : start + size]

    def name() -> str:
        """Words of a paragraph typed as a name, with capitals ("Regional Organised Crime"), sometimes
        with the next word of the paragraph in lower case ("Regional Organised crime")."""
        size = rng.choice((2, 2, 3))
        found = adjacent(size + rng.choice((0, 1)))
        return " ".join([word[:1].upper() + word[1:] for word in found[:size]] + [word.lower() for word in found[size:]])

    makers = {
        "word": lambda: rng.choice(words),
        "and": lambda: rng.choice((" ".join(rng.sample(words, rng.choice((2, 2, 3)))), " ".join(adjacent(2)).lower())),
        "or": lambda: " OR ".join(rng.sample(words, rng.choice((2, 3)))),
        "not": lambda: f"{rng.choice(words)} {rng.choice(('-', 'NOT '))}{rng.choice(words)}",
        "phrase": phrase,
        "prefix": lambda: rng.choice(long_words)[: rng.choice((4, 5, 6))] + "*",
        "typo": lambda: " ".join([typo_of(rng.choice(long_words), rng)] + rng.sample(words, rng.choice((0, 1)))),
        "force": lambda: f"{rng.choice(forces)} {rng.choice((rng.choice(words), ' '.join(adjacent(2)).lower(), name()))}",
        "period": lambda: f"{rng.choice((rng.choice(words), ' '.join(adjacent(2)).lower()))} {rng.choice(periods)}",
        "mixed": lambda: f"({rng.choice(words)} OR {rng.choice(words)}) {rng.choice(words)} -{rng.choice(words)}",
        # Four words (often only the fallback matches), or a sentence with a light verb made optional.
        "question": lambda: rng.choice((
            " ".join(rng.sample(words, 4)),
            f"How does {rng.choice(forces)} {rng.choice(('keep', 'make', 'get'))} {' '.join(rng.sample(words, 2))}?",
            f"Why did the force {rng.choice(('need', 'take', 'give'))} {rng.choice(words)}?",
        )),
        # NOT inside OR and inside brackets, nested, and excluding prefixes and typos.
        "exclusion": lambda: rng.choice((
            f"{rng.choice(words)} OR NOT {rng.choice(words)}",
            f"{rng.choice(words)} -({rng.choice(words)} OR {rng.choice(words)})",
            f"{rng.choice(words)} NOT ({rng.choice(words)} NOT {rng.choice(words)})",
            f"{rng.choice(words)} -{rng.choice(long_words)[:5]}*",
            f"{rng.choice(words)} -{typo_of(rng.choice(long_words), rng)}",
        )),
        # A phrase of one stem, or one stem twice.
        "odd phrase": lambda: rng.choice((f'"{rng.choice(words)}"', '"{0} {0}"'.format(rng.choice(words)))),
        # Words of a paragraph typed with capitals: a name, as typed ("Operation Nightjar").
        "name": name,
        # Words of a paragraph typed as they stand there, without quotes.
        "together": lambda: " ".join(adjacent(rng.choice((2, 3)))).lower(),
    }
    cases = []
    for number in range(count):
        kind = CYCLE[number % len(CYCLE)]
        choice = rng.random()
        if choice < 0.45:
            filters = index.Filters()
        elif choice < 0.65:
            filters = index.Filters(forces=tuple(rng.sample(forces, min(len(forces), rng.choice((1, 2))))))
        elif choice < 0.85:
            filters = index.Filters(periods=(rng.choice(periods),))
        elif choice < 0.95:
            filters = index.Filters(statement=rng.choice(infos).slug)
        else:  # names no statement has
            filters = rng.choice((index.Filters(forces=("Atlantis",)), index.Filters(statement="atlantis-1999")))
        page = rng.choice((1, 1, 2, 3, 40))  # 40: past the last page of most searches
        cases.append(Case(kind, makers[kind](), filters, rng.random() < 0.4, page))
    return cases


def reference_ranking(generation, node, filters: index.Filters) -> list[tuple[str, int, float]]:
    """Every match of `node` within `filters`, by Whoosh: best first, ties in corpus order."""
    order = {slug: number for number, slug in enumerate(generation.catalogue)}
    found = reference_matches(generation.whoosh, node, filters)
    return sorted(found, key=lambda hit: (-hit[2], order[hit[0]], hit[1]))


@dataclass
class Reference:
    """What a results page must show, worked out from Whoosh's matches in plain Python."""

    total: int
    hits: list[tuple[str, int, float]]
    statements: int
    # Matching paragraphs per force with the other filters applied (not the force filter), and per period likewise.
    forces: Counter
    periods: Counter
    # Under the same filters: statements with a matching paragraph per force and per period, and all
    # statements per force and per period, matching or not.
    force_statements: Counter
    period_statements: Counter
    force_all: Counter
    period_all: Counter
    # Matching paragraphs per statement, every filter applied.
    per_statement: Counter
    # The (statement, paragraph) listed after the rest because a paragraph with their words ranks above.
    moved: set


def reference_page(statement_index: index.StatementIndex, case: Case, page_size: int = 10) -> Reference:
    """The page a case must give, by Whoosh's matchers."""
    with statement_index.reading() as (generation, _):
        meaning = understand(case.text, generation)
        tree = meaning.query
        if meaning.fallback is not None and not reference_ranking(generation, tree, index.Filters()):
            if reference_ranking(generation, meaning.fallback, case.filters):
                tree = meaning.fallback
        ranking = reference_ranking(generation, tree, case.filters)
        everything = reference_ranking(generation, tree, index.Filters())
        catalogue = generation.catalogue
    f = case.filters

    def passes(slug: str, by_force: bool = True, by_period: bool = True) -> bool:
        info = catalogue[slug]
        return (
            (not f.statement or slug == f.statement)
            and (not by_force or not f.forces or info.force in f.forces)
            and (not by_period or not f.periods or info.period in f.periods)
        )

    forces = Counter(catalogue[slug].force for slug, _, _ in everything if passes(slug, by_force=False))
    periods = Counter(catalogue[slug].period for slug, _, _ in everything if passes(slug, by_period=False))
    matched = {slug for slug, _, _ in everything}
    force_statements = Counter(catalogue[slug].force for slug in matched if passes(slug, by_force=False))
    period_statements = Counter(catalogue[slug].period for slug in matched if passes(slug, by_period=False))
    force_all = Counter(info.force for slug, info in catalogue.items() if passes(slug, by_force=False))
    period_all = Counter(info.period for slug, info in catalogue.items() if passes(slug, by_period=False))
    per_statement = Counter(slug for slug, _, _ in ranking)
    # Repeats after the rest; grouped, each statement once, where its first paragraph of that list stands.
    groups = wording_groups(statement_index)
    moved = repeated(ranking, groups)
    shown = repeats_last(ranking, groups)
    if case.grouped:
        leaders = {}
        for hit in shown:
            leaders.setdefault(hit[0], hit)
        shown = list(leaders.values())
    start = (case.page - 1) * page_size
    return Reference(
        len(ranking), shown[start : start + page_size], len(per_statement), forces, periods,
        force_statements, period_statements, force_all, period_all, per_statement, moved,
    )


# Per generation (its directory), its paragraphs' groups: read once, as a generation never changes.
_GROUPS: dict[str, dict] = {}


def wording_groups(statement_index: index.StatementIndex) -> dict[tuple[str, int], tuple]:
    """(statement, paragraph) -> its group, worked out from the texts Whoosh stores: the force, the
    wording (figures aside) and which paragraph of its statement with that wording it is (the first,
    the second, ...), in paragraph order; a paragraph of figures alone is a group of its own."""
    with statement_index.reading() as (generation, _):
        if generation.location in _GROUPS:
            return _GROUPS[generation.location]
        groups = _GROUPS[generation.location] = {}
        with generation.whoosh.searcher() as searcher:
            stored = sorted(searcher.all_stored_fields(), key=lambda fields: (fields["statement"], fields["paragraph"]))
        for fields in stored:
            key = (fields["statement"], fields["paragraph"])
            words = wording(fields["text"])
            nth = sum(groups.get((fields["statement"], number), (None, None))[1] == words for number in range(fields["paragraph"]))
            groups[key] = (fields["force"], words, nth) if words else key
    return groups


def same_words_by_paragraph(statement_index: index.StatementIndex) -> dict[tuple[str, int], list[tuple[str, int]]]:
    """(statement, paragraph) -> the other paragraphs of its group, in catalogue order."""
    groups = wording_groups(statement_index)
    with statement_index.reading() as (generation, _):
        order = {slug: number for number, slug in enumerate(generation.catalogue)}
    members: dict = {}
    for key in sorted(groups, key=lambda key: (order[key[0]], key[1])):
        members.setdefault(groups[key], []).append(key)
    return {key: [other for other in members[groups[key]] if other != key] for key in groups}


def repeated(hits: list[tuple[str, int, float]], groups: dict) -> set[tuple[str, int]]:
    """The (statement, paragraph) of each of `hits` (best first) whose group an earlier hit has."""
    seen, found = set(), set()
    for hit in hits:
        if groups[hit[:2]] in seen:
            found.add(hit[:2])
        seen.add(groups[hit[:2]])
    return found


def repeats_last(hits: list[tuple[str, int, float]], groups: dict) -> list[tuple[str, int, float]]:
    """`hits` (best first) with each one whose group an earlier hit has moved after all the rest."""
    moved = repeated(hits, groups)
    return [hit for hit in hits if hit[:2] not in moved] + [hit for hit in hits if hit[:2] in moved]


def reference_scores(statement_index: index.StatementIndex, text: str) -> list[tuple[str, int, float]]:
    """Every match of a search by Whoosh's matchers, best first: (statement, paragraph, exact score)."""
    with statement_index.reading() as (generation, _):
        return reference_ranking(generation, understand(text, generation).query, index.Filters())


def boosts_of(node) -> list:
    """The boosts for words standing together in a query tree: words typed together or as a name
    (boosted phrases), a name opening a paragraph, a name followed by what it is."""
    if isinstance(node, t.Phrase) and node.boost != 1.0 or isinstance(node, t.LeadPhrase):
        return [node]
    if isinstance(node, t.Constant) and isinstance(node.child, (t.Phrase, t.Or)):
        return [node] if any(isinstance(child, t.Phrase) for child in getattr(node.child, "children", (node.child,))) else []
    children = getattr(node, "children", None) or [
        child for child in (getattr(node, name, None) for name in ("required", "optional", "excluded", "child")) if child
    ]
    return [boost for child in children if not isinstance(child, str) for boost in boosts_of(child)]


def exercises_a_boost(statement_index: index.StatementIndex, case: Case) -> bool:
    """Whether some paragraph the case's query matches also matches one of its boosted phrases or names."""
    with statement_index.reading() as (generation, _):
        try:
            meaning = understand(case.text, generation)
        except index.QueryError:
            return False
        evaluator = engine.Evaluator(generation.table, generation.columns)
        found = set(evaluator.run(meaning.query).docs.tolist())
        return any(found & set(evaluator.run(boost).docs.tolist()) for boost in boosts_of(meaning.query))
