"""Boosts: what ranks a paragraph about the words above one that mentions them in passing.

Each is an optional part of the query tree (tree.py), so both evaluators run
it, and each was kept because it raised MRR on the rival set
(tests/test_ranking.py) or on the shared set (tests/test_shared_ranking.py)
without lowering the other judged sets; tests/test_scoring.py pins each
constant by an order it decides:

- a force or period named in the query is a tier: its paragraphs first, the
  words deciding the order among them (tiered());
- a telling word (in at most COMMON_SHARE of the paragraphs) among a
  paragraph's first LEAD_WORDS words counts again;
- a name typed with capitals followed in a paragraph by what it is ("X is",
  "X, a ...") marks the paragraph that introduces it (defining());
- a run of capitalised words as typed ("Operation Nightjar") is a name,
  worth more found whole, and again opening a paragraph; a quoted phrase or
  the words as typed count again in a paragraph's first sentence;
- plain words standing together as typed add a little;
- when all the words together match nothing, the fallback asks for some of
  them, paragraphs holding more of the telling words first.
"""

from __future__ import annotations

import math
import re

from ..text.analysis import analyse_words, word_stem
from . import tree as t
from .parser import OPERATORS, SENTENCE_ENDS, SENTENCE_PUNCTUATION, after_open_quote

# Every boost is a small binary fraction, so that scores add up exactly (see tree.py).
# A force or period named in the query is a tier, not a bonus that swamps the text score:
# each paragraph of a named period gets the least power of two above the most any paragraph
# can score for the words (named_tier()), and of a named force twice that, so that they come
# first and, within them, the words decide the order. Alone (only a force or period typed),
# these fixed scores rank its paragraphs above any mention of the name elsewhere.
NAMED_BOOST = 100.0
PERIOD_BOOST = 50.0
# The plain words standing together as typed add their scores again, times this.
PHRASE_BOOST = 0.5
# A word among a paragraph's first LEAD_WORDS words adds its score again, times LEAD_BOOST:
# a paragraph's opening says what it is about.
LEAD_WORDS = 12
LEAD_BOOST = 2.0
# Words typed with capitals next to each other ("Operation Nightjar") are a name: found together, they add this.
NAME_BOOST = 2.0
# A name opening a paragraph (after at most NAME_OPENS_AFTER words, "The ...") adds its score again, times
# LEAD_BOOST: the paragraph is about it ("Kettlewick Connect, launched in July 2019, is ..."). Further in,
# a name is as often an aside ("Alongside enforcement, Operation Cinder has ..."); the defining boost
# finds the paragraph that introduces it wherever it stands.
NAME_OPENS_AFTER = 1
# A quoted phrase or the words as typed anywhere in a paragraph's first sentence, within its first
# LEAD_SENTENCE_WORDS words, add their score again, times LEAD_BOOST: plain words have no cue like a
# name's "is", and the sentence that opens a paragraph introduces its subject ("In April 2023 the force
# launched Wexcombe Local, a new model of neighbourhood policing."). Further in, a long sentence has moved on.
LEAD_SENTENCE_WORDS = 18
CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
# In the fallback, added once per telling word a paragraph holds: more of them beat a higher BM25.
WORD_BONUS = 64.0
# A telling word followed by what it is ("Operation Cinder, a dedicated team", "Seawatch is the
# force's summer operation"): the paragraph introduces it. Added once, whatever the count.
DEFINING_BOOST = 12.0
DEFINING_CUES = ("is", "a", "an", "it", "which")
# A word in more than this share of paragraphs ("force", "police") tells little about a paragraph.
COMMON_SHARE = 0.2


def proximity_terms(query: t.Node) -> list[str]:
    """The stems of plain words ANDed at the top of a query, in order (for the together-boost)."""
    parts = query.children if isinstance(query, t.And) else (query,)
    return [part.stem for part in parts if isinstance(part, t.Term)]


def lead_terms(query: t.Node) -> list[str]:
    """The stems of the plain words and phrases required at the top of a query (for the lead boost)."""
    parts = query.children if isinstance(query, t.And) else (query,)
    stems = [part.stem if isinstance(part, t.Term) else part.stems for part in parts if isinstance(part, (t.Term, t.Phrase))]
    return list(dict.fromkeys(stem for item in stems for stem in ((item,) if isinstance(item, str) else item)))


def capitalised(text: str) -> list[str]:
    """The stems of the words typed with a capital outside quotes, but not a lone one opening the query
    or a sentence of it: phones capitalise a first word ("Officers"), which names nothing; a run of
    capitalised words there ("Operation Nightjar") still counts."""
    tokens = text.split()
    plain = [
        not quoted and '"' not in token and token not in OPERATORS
        and CAPITALISED.fullmatch(token.strip(SENTENCE_PUNCTUATION)) is not None
        for token, quoted in zip(tokens, after_open_quote(tokens))
    ]
    found = []
    for at, token in enumerate(tokens):
        opening = at == 0 or tokens[at - 1][-1] in SENTENCE_ENDS
        in_run = at + 1 < len(tokens) and plain[at + 1] and token[-1] not in SENTENCE_PUNCTUATION
        if plain[at] and (in_run or not opening):
            found += [word_stem(part) for part in analyse_words(token.strip(SENTENCE_PUNCTUATION))]
    return list(dict.fromkeys(found))


def names(text: str) -> list[tuple[str, ...]]:
    """The stems of each run of two or more capitalised words typed outside quotes ("Safer Streets Fund")."""
    runs, run = [], []
    tokens = [*text.split(), ""]  # the empty token ends the last run
    for token, quoted in zip(tokens, after_open_quote(tokens)):
        word = token.strip(SENTENCE_PUNCTUATION)
        plain = not quoted and '"' not in token and token not in OPERATORS and CAPITALISED.fullmatch(word)
        if plain:
            run.append(word)
            if token[-1] not in SENTENCE_PUNCTUATION:
                continue
        if len(run) >= 2:
            runs.append(tuple(word_stem(word) for word in analyse_words(" ".join(run))))
        run = []
    return runs


def defining(defined: list[str]) -> list[t.Node]:
    """A fixed score for a paragraph in which a name's (last) stem is followed by what it is (DEFINING_CUES)."""
    phrases = [t.Phrase((stem, cue)) for stem in defined for cue in DEFINING_CUES]
    return [t.Constant(t.any_of(phrases), DEFINING_BOOST)] if phrases and DEFINING_BOOST else []


def with_boosts(
    base: t.Node,
    stems: list[str],
    boosts: list[t.Node],
    named: list[tuple[str, ...]] = (),
    lead: list[str] = (),
    defined: list[str] = (),
) -> t.Node:
    """Add the optional boosts to a base query: named statements (`boosts`), telling words in a
    paragraph's lead, names typed with capitals (`named`) and the names followed by what they are
    (`defined`: their stems), names opening a paragraph, phrases and words in its first sentence,
    and the words standing together as typed.
    """
    optional = list(boosts)
    optional += [t.Lead(term, LEAD_WORDS, LEAD_BOOST) for term in lead]
    optional += defining(list(dict.fromkeys(defined)))
    optional += [t.Phrase(run, NAME_BOOST) for run in named if run != tuple(stems)]
    # A name opening a paragraph, a quoted phrase or the words as typed in its first sentence: it is about them.
    parts = base.children if isinstance(base, t.And) else (base,)
    leading = {run: t.LeadPhrase(run, len(run) + NAME_OPENS_AFTER, LEAD_BOOST, sentence=False) for run in named}
    for run in [*(part.stems for part in parts if isinstance(part, t.Phrase)), tuple(stems)]:
        if len(run) >= 2:
            leading.setdefault(run, t.LeadPhrase(run, LEAD_SENTENCE_WORDS, LEAD_BOOST))
    optional += leading.values()
    if len(stems) >= 2:
        optional.append(t.Phrase(tuple(stems), PHRASE_BOOST))
    if not optional:
        return base
    return t.AndMaybe(base, t.any_of(optional))


def looser(query: t.Node, telling) -> t.Node | None:
    """Some of the words instead of all of them, or None when the query has nothing to loosen.

    Each telling word a paragraph holds (`telling(part)`: not one most
    paragraphs use) adds WORD_BONUS, so paragraphs with more of them come
    first, and BM25 orders those with as many.
    """
    required = query.required if isinstance(query, t.AndNot) else query
    if not isinstance(required, t.And) or len(required.children) < 2:
        return None
    parts = required.children
    told = [part for part in parts if telling(part)] or list(parts)
    some = t.Or((*parts, *(t.Constant(part, WORD_BONUS) for part in told)))
    return t.AndNot(some, query.excluded) if isinstance(query, t.AndNot) else some


def ceiling(node: t.Node, table) -> float:
    """The most any paragraph can score for `node`: each stem's highest contribution, times its
    boosts, and every fixed score, added up (an upper bound: no paragraph need reach it)."""

    def best(stem: str) -> float:
        number = table.term(stem)
        return float(table.scores[table.postings(number)].max()) if number is not None else 0.0

    if isinstance(node, (t.Term, t.Lead)):
        return best(node.stem) * node.boost
    if isinstance(node, (t.Phrase, t.LeadPhrase)):
        return sum(best(stem) for stem in node.stems) * node.boost
    if isinstance(node, (t.Constant, t.Named)):
        return float(node.score)
    if isinstance(node, (t.And, t.Or)):
        return sum(ceiling(child, table) for child in node.children)
    if isinstance(node, t.AndMaybe):
        return ceiling(node.required, table) + ceiling(node.optional, table)
    if isinstance(node, t.AndNot):
        return ceiling(node.required, table)
    return 1.0  # Not: a fixed 1


def named_tier(query: t.Node, table) -> float:
    """The score of a named period's paragraphs for `query`: the least power of two above its ceiling."""
    return 2.0 ** math.ceil(math.log2(ceiling(query, table) + 1))


def tiered(query: t.Node, forces: list[str], periods: list[str], table) -> t.Node:
    """`query`, its paragraphs of the named forces and periods first (a tier each: see NAMED_BOOST)."""
    if not forces and not periods:
        return query
    tier = named_tier(query, table)
    named = [t.Named("force", key, 2 * tier) for key in forces] + [t.Named("period", p, tier) for p in periods]
    return t.AndMaybe(query, t.any_of(named))


def common_test(table):
    """A test of query parts: False for a plain word in more than COMMON_SHARE of the paragraphs."""
    limit = COMMON_SHARE * table.paragraphs

    def telling(part: t.Node) -> bool:
        if not isinstance(part, t.Term):
            return True
        number = table.term(part.stem)
        return number is None or table.frequency(number) <= limit

    return telling
