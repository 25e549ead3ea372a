"""A parsed query + the index -> what to run, what to mark, and how it was understood.

Here the words people typed meet the words the statements use:

- each word is looked up by its stem ("officers" -> "offic");
- a word no paragraph contains is replaced by the closest real words (one
  edit allowed from 4 letters, two from 9), ranked below exact matches, and
  offered back as "did you mean";
- prefix* expands over real words, within a cap;
- a force name or period in the query ranks that statement's paragraphs first
  instead of requiring the paragraph to repeat the name;
- a question typed as a sentence is searched for its content words
  (questions.py);
- the boosts that rank a paragraph about the words first, and the fallback
  when all the words together match nothing, are in boosts.py;
- while typing, the last word is searched as the start of a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from whoosh import query as wq

from ..text.analysis import stem
from . import tree as t
from .boosts import (
    NAMED_BOOST, PERIOD_BOOST, capitalised, common_test, lead_terms, looser, proximity_terms, tiered,
    with_boosts,
)
from .completion import COMPLETIONS, completing
from .deadline import Deadline
from .marking import Marking, marking_of
from .named import find_named, names_with_forces
from .parser import MAX_PREFIX_EXPANSION, QueryError, normalise_query, parse_query
from .questions import MONEY_VERBS, MONEY_WORDS, asking, light_verbs, money_words, question
from .typos import closest_words, corrected

# A corrected word's score is halved (a binary fraction, as every boost: see tree.py).
CORRECTION_BOOST = 0.5


@dataclass(frozen=True)
class Understood:
    """How one part of the query was understood."""

    typed: str
    # "word", "phrase", "prefix", "force", "period", or "ignored" (a question's filler word).
    kind: str
    # What the index was searched for: stems, or for a prefix the prefix.
    searched: tuple[str, ...]
    # Real words searched instead, because no paragraph has the word typed.
    corrections: tuple[str, ...] = ()
    # True for words after NOT or -.
    excluded: bool = False
    # False when nothing in the index matched this part (and nothing close did).
    found: bool = True
    # True for a question's light verb ("keep", "need"): it adds to the score, but a paragraph need not hold it.
    optional: bool = False


@dataclass
class Understanding:
    """What to run for a query, and what to tell the person about it."""

    query: t.Node
    # Asks for some rather than all of the words; None when there is nothing looser to try.
    fallback: t.Node | None
    marking: Marking
    understood: tuple[Understood, ...]
    # The query with typos corrected, when any were.
    suggestion: str | None


@dataclass
class Resolver:
    """Resolves the leaves of one parsed query against one generation's stems and vocabulary."""

    generation: object  # generation.Generation: its score table's stems, its vocabulary (loaded on first use)
    # False to search the words exactly as typed, correcting none.
    correct: bool = True
    # The prefix added for the word being typed (see completing()), searched as its commonest completions.
    completing: str | None = None
    # The search's deadline: past it, prefix* and typos expand no further (the search is then partial).
    deadline: Deadline = field(default_factory=Deadline)
    notes: list[Understood] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    replacements: dict[str, str] = field(default_factory=dict)

    def has_stem(self, term: str) -> bool:
        """True when some paragraph contains a word with this stem."""
        return self.generation.table.term(term) is not None

    def closest(self, word: str) -> tuple[str, ...]:
        """The real words to search instead of `word` (none when searching as typed)."""
        if not self.correct or self.deadline.expired():
            return ()
        return closest_words(self.generation.table, self.generation.vocabulary, word, self.deadline)

    def resolve(self, node: wq.Query, excluded: bool = False) -> t.Node:
        """The query tree for a parsed node."""
        if isinstance(node, wq.Not):
            return t.Not(self.resolve(node.query, excluded=True))
        if isinstance(node, wq.AndNot):
            return t.AndNot(self.resolve(node.a, excluded), self.resolve(node.b, True))
        if isinstance(node, wq.AndMaybe):
            return t.AndMaybe(self.resolve(node.a, excluded), self.resolve(node.b, excluded))
        if isinstance(node, wq.Require):  # "a REQUIRE b": both must match
            return t.all_of([self.resolve(node.a, excluded), self.resolve(node.b, excluded)])
        if isinstance(node, wq.Phrase):
            return self.phrase(node.words, excluded)
        if isinstance(node, wq.Prefix):
            return self.prefix(node.text, excluded)
        if isinstance(node, wq.Term):
            return self.word(node.text, excluded)
        children = [self.resolve(child, excluded) for child in node.children()]
        if isinstance(node, wq.And):
            return t.all_of(children)
        if isinstance(node, wq.Or):
            return t.Or(tuple(children))
        raise QueryError("We could not understand that search. Try plain words, or check quotes and brackets.")

    def word(self, word: str, excluded: bool) -> t.Node:
        """A single word: its stem, or the closest real words when no paragraph has it."""
        term = stem(word)
        found = self.has_stem(term)
        if found or excluded:
            if not excluded:
                self.terms.add(term)
            self.note(Understood(word, "word", (term,), excluded=excluded, found=found))
            return t.Term(term)
        corrections = self.closest(word)
        if not corrections:
            self.note(Understood(word, "word", (term,), found=False))
            return t.Term(term)
        stems = tuple(dict.fromkeys(stem(c) for c in corrections))
        self.terms.update(stems)
        self.replacements[word] = corrections[0]
        self.note(Understood(word, "word", stems, corrections))
        return t.Or(tuple(t.Term(s, CORRECTION_BOOST) for s in stems))

    def phrase(self, words: list[str], excluded: bool) -> t.Node:
        """A quoted phrase, each missing word replaced by its closest real word."""
        used, corrections = [], []
        for word in words:
            if not excluded and not self.has_stem(stem(word)):
                best = self.closest(word)[:1]
                if best:
                    self.replacements[word] = best[0]
                    corrections.append(best[0])
                    word = best[0]
            used.append(word)
        stems = tuple(stem(word) for word in used)
        if not excluded:
            self.phrases.append(stems)
        self.note(Understood(" ".join(words), "phrase", stems, tuple(corrections), excluded))
        return t.Phrase(stems)

    def prefix(self, text: str, excluded: bool) -> t.Node:
        """prefix*: every real word that starts with it (within the cap), searched by stem.

        The word being typed (`completing`) is searched as its commonest
        completions instead, or as a word when nothing starts so.
        """
        vocabulary = self.generation.vocabulary
        if text == self.completing:
            completions = sorted(self.starting_with(text), key=lambda word: (-vocabulary.frequency(word), word))
            if not completions:
                return self.word(text, excluded)
            stems = sorted({stem(word) for word in completions[:COMPLETIONS]})
            if not excluded:
                self.terms.update(stems)
            self.note(Understood(f"{text}…", "prefix", (text,), excluded=excluded))
            return t.Or(tuple(t.Term(term) for term in stems))
        words = []
        for word in self.starting_with(text):
            words.append(word)
            if len(words) > MAX_PREFIX_EXPANSION:
                raise QueryError(
                    f"'{text}*' matches more than {MAX_PREFIX_EXPANSION} different words; "
                    "type more letters before *."
                )
        stems = sorted({stem(word) for word in words})
        if not excluded:
            self.terms.update(stems)
        self.note(Understood(f"{text}*", "prefix", (text,), excluded=excluded, found=bool(words)))
        if not stems:
            return t.Term(stem(text))  # matches nothing, as nothing starts so
        return t.Or(tuple(t.Term(term) for term in stems))

    def starting_with(self, prefix: str):
        """The real words that start with `prefix`, in order, until the deadline passes."""
        for word in self.generation.vocabulary.starting_with(prefix):
            if self.deadline.expired():
                return
            yield word

    def note(self, understood: Understood) -> None:
        """Record how a part of the query was understood."""
        self.notes.append(understood)


def not_light(telling, light: frozenset[str]):
    """`telling` (boosts.common_test), but False for a plain word whose stem is in `light`."""
    return lambda part: telling(part) and not (isinstance(part, t.Term) and part.stem in light)


def understand(
    text: str, generation, correct: bool = True, complete_last: bool = False, deadline: Deadline | None = None
) -> Understanding:
    """Turn what a person typed into query trees to run (QueryError if it cannot run).

    `complete_last` (while typing) searches the last word as the start of a word; past `deadline`,
    prefix* and typos expand no further.

    `generation` (generation.Generation) gives the stems of the index (its score
    table), the vocabulary of real words, the force names (lower-case name ->
    force key) and the periods (slug -> period).
    """
    forces, periods = generation.forces, generation.periods
    tree = parse_query(text)  # checks the query as typed, before anything is removed
    cleaned = normalise_query(text)
    rest, named_forces, named_periods = find_named(cleaned, forces, periods, generation.longest_force)
    asked = question(rest)
    if asked:
        rest, ignored = asked
    typing = completing(rest) if complete_last else None
    if typing:
        rest = f"{rest}*"
    if rest != cleaned and rest:
        tree = parse_query(rest)
    resolver = Resolver(generation, correct, completing=typing, deadline=deadline or Deadline())
    for word in ignored if asked else ():
        resolver.note(Understood(word, "ignored", ()))
    for key in named_forces:
        resolver.note(Understood(key, "force", (key,)))
    for period in named_periods:
        resolver.note(Understood(period, "period", (period,)))
    base = resolver.resolve(tree)
    boosts = [t.Named("force", key, NAMED_BOOST) for key in named_forces]
    boosts += [t.Named("period", p, PERIOD_BOOST) for p in named_periods]
    stems = proximity_terms(base)
    if not rest and boosts:
        # Only a force or period was typed: its paragraphs first, then mentions elsewhere.
        query = t.Or((base, *boosts))
        fallback = None
    else:
        telling = common_test(generation.table)
        lead = [term for term in lead_terms(base) if telling(t.Term(term))]
        light = frozenset(stem(word) for word in light_verbs(rest)) if asked else frozenset()
        matching, optional = asking(base, light)
        if asked and MONEY_VERBS.intersection(word.lower() for word in rest.split()):
            # A question's money verb also matches what statements say: "budget", "funding" (questions.py).
            said = tuple(dict.fromkeys(stem(word) for word in MONEY_WORDS))
            matching = money_words(matching, frozenset(stem(word) for word in MONEY_VERBS), said)
            resolver.terms.update(said)
        if optional:
            resolver.notes = [
                replace(note, optional=True) if note.kind == "word" and not note.corrections
                and note.searched[0] in optional else note
                for note in resolver.notes
            ]
            # Light verbs are not telling words either, when the fallback ranks by how many a paragraph holds.
            telling = not_light(telling, optional)
        # Names as meant: a typo in a name is read as its correction ("Kettlewick Conect"); a question's
        # first word is no part of a name ("Which Kettlewick ...").
        typed = cleaned.split(None, 1)[-1] if asked else cleaned
        runs = names_with_forces(corrected(typed, resolver.replacements, True), forces, named_forces)
        # A name typed with capitals, followed in a paragraph by what it is, marks the paragraph that introduces it.
        # Read in the query as typed, where a question's name ("What is Seawatch?") does not open it; a word
        # dropped from `rest` (a force, a question's word) counts only where it was searched too (resolver.terms).
        capitals = capitalised(corrected(cleaned, resolver.replacements, True))
        defined = [run[-1] for run in runs] + [term for term in capitals if term in resolver.terms]
        table = generation.table
        query = tiered(with_boosts(matching, stems, [], runs, lead, defined), named_forces, named_periods, table)
        loose = looser(base, telling)
        fallback = tiered(with_boosts(loose, [], []), named_forces, named_periods, table) if loose is not None else None
    suggestion = corrected(cleaned, resolver.replacements) if resolver.replacements else None
    return Understanding(
        query=query,
        fallback=fallback,
        marking=marking_of(resolver, rest, generation.table),
        understood=tuple(resolver.notes),
        suggestion=suggestion if suggestion != cleaned else None,
    )
