"""User text -> a bounded query tree of the words as typed.

Plain words must all match. Understood as well: "quoted phrases", OR, AND,
NOT word, -word, (groups) and prefix*. Field names, ranges, boosts and leading
wildcards are not reachable from the public box: their characters are plain
text here. Everything is bounded, so that no query can make Whoosh's parser
or matcher run away.

The tree holds words lower-cased and accent-folded but not stemmed, so that
`understand.py` still knows what was typed when it looks words up in the index.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from whoosh import query as wq
from whoosh.fields import TEXT, Schema
from whoosh.qparser import GroupPlugin, OperatorsPlugin, PhrasePlugin, PrefixPlugin, QueryParser
from whoosh.qparser.syntax import AndGroup

from ..text.analysis import analyse_words, word_analyzer

MAX_QUERY_CHARS = 500
MAX_TERMS = 24
# Brackets as typed may nest this deep; the parsed tree, where each level can add an
# operator and a NOT, at most twice that and two more.
MAX_BRACKETS = 8
MAX_DEPTH = 2 * MAX_BRACKETS + 2
MIN_PREFIX_CHARS = 2
MAX_PREFIX_EXPANSION = 200
# The operators, as typed in capitals (all that Whoosh's OperatorsPlugin reads).
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE"})
# The characters of the rest of the syntax: "phrases", (groups) and prefix*.
SYNTAX_CHARACTERS = frozenset('"()*')
# Punctuation that ends a word typed in a sentence ("overtime?"), not part of it.
SENTENCE_PUNCTUATION = "?!.,;:"
# Of those, the ones that end a sentence: the next word is capitalised as a first word, not as a name.
SENTENCE_ENDS = "?!."

# Curly quotes and apostrophes mean the same as straight ones here.
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"})
# C0/C1 controls, lone surrogates and non-characters: never part of a query.
UNWANTED = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# "-word" at the start or after a space or bracket means NOT word; "+word" means word.
MINUS = re.compile(r"(?:(?<=^)|(?<=[\s(]))-(?=[^\s-])")
PLUS = re.compile(r"(?:(?<=^)|(?<=[\s(]))\+(?=\S)")
# Characters that only mean something to syntax we do not expose.
INERT = str.maketrans({":": " ", "^": " ", "[": " ", "]": " ", "{": " ", "}": " ", "~": " "})


class QueryError(ValueError):
    """A query we will not run; the message tells the person what to change."""


def quote_open(text: str) -> bool:
    """True when `text` leaves a quote open: an odd number of (straightened) quote marks.
    The one rule of what stands inside quotes; the functions below build on it."""
    return text.count('"') % 2 == 1


def after_open_quote(tokens: list[str]) -> list[bool]:
    """For each token of a query split at spaces: True when a quote is open before it."""
    flags, quoted = [], False
    for token in tokens:
        flags.append(quoted)
        quoted ^= quote_open(token)
    return flags


def normalise_query(text: str) -> str:
    """NFC, straight quotes, no control characters, single spaces, -word as NOT word."""
    text = unicodedata.normalize("NFC", UNWANTED.sub(" ", text)).translate(QUOTES).translate(INERT)
    text = " ".join(text.split())
    text = PLUS.sub("", MINUS.sub("NOT ", text))
    if quote_open(text):
        # An unbalanced quote is a typo, not a phrase that runs to the end.
        text = text.replace('"', " ")
    return " ".join(text.split())


@functools.cache
def make_parser() -> QueryParser:
    """The parser for the public search box: operators yes, field syntax no. Built once per
    process (building one costs a fifth of understanding a query); parsing keeps no state in it."""
    return QueryParser(
        "text",
        Schema(text=TEXT(analyzer=word_analyzer(), phrase=True)),
        plugins=[PhrasePlugin(), GroupPlugin(), OperatorsPlugin(), PrefixPlugin()],
        group=AndGroup,
    )


def plain_words(cleaned: str) -> wq.Query | None:
    """The tree Whoosh's parser makes of a query of plain words, made without it (parsing is most
    of the cost of understanding a query): each different word once, ANDed. None when the query
    has anything for the parser to read: quotes, brackets, prefix* or an operator."""
    if not SYNTAX_CHARACTERS.isdisjoint(cleaned) or not OPERATORS.isdisjoint(cleaned.split()):
        return None
    terms = [wq.Term("text", word) for word in dict.fromkeys(analyse_words(cleaned))]
    if not terms:
        return wq.NullQuery
    return terms[0] if len(terms) == 1 else wq.And(terms)


def depth(query: wq.Query) -> int:
    """How deeply a query tree nests."""
    children = list(query.children())
    return 1 + max((depth(child) for child in children), default=0)


def leaves(query: wq.Query) -> list[wq.Query]:
    """The terms, phrases and prefixes of a query tree."""
    return [query] if query.is_leaf() or isinstance(query, wq.Phrase) else [
        leaf for child in query.children() for leaf in leaves(child)
    ]


def positive_leaves(query: wq.Query) -> list[wq.Query]:
    """The leaves a matching paragraph contains: everything outside NOT."""
    if isinstance(query, wq.Not):
        return []
    if isinstance(query, wq.AndNot):
        return positive_leaves(query.a)
    if query.is_leaf() or isinstance(query, wq.Phrase):
        return [query]
    return [leaf for child in query.children() for leaf in positive_leaves(child)]


def bracket_depth(text: str) -> int:
    """How deeply the brackets of a normalised query nest (brackets inside quotes are words)."""
    deepest = level = 0
    for character, quoted in zip(text, after_open_quote(list(text))):
        if not quoted and character == "(":
            level += 1
            deepest = max(deepest, level)
        elif not quoted and character == ")":
            level = max(0, level - 1)
    return deepest


def check_bounds(query: wq.Query) -> None:
    """Refuse queries too large or too deep to run quickly."""
    found = leaves(query)
    words = sum(len(leaf.words) if isinstance(leaf, wq.Phrase) else 1 for leaf in found)
    if words > MAX_TERMS:
        raise QueryError(f"Your search has {words} words; use at most {MAX_TERMS}.")
    if depth(query) > MAX_DEPTH:
        raise QueryError("Your search nests brackets too deeply; simplify it.")
    for leaf in found:
        if isinstance(leaf, wq.Prefix) and len(leaf.text) < MIN_PREFIX_CHARS:
            raise QueryError(
                f"Put at least {MIN_PREFIX_CHARS} letters before * (for example 'polic*')."
            )


def parse_query(text: str) -> wq.Query:
    """Parse what a person typed into a bounded query, or raise QueryError saying why not."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"Your search is {len(text)} characters long; use at most {MAX_QUERY_CHARS}."
        )
    cleaned = normalise_query(text)
    if not cleaned:
        raise QueryError("Type one or more words to search for.")
    if len(cleaned.split()) > MAX_TERMS * 2:
        raise QueryError(f"Your search has too many words; use at most {MAX_TERMS}.")
    if bracket_depth(cleaned) > MAX_BRACKETS:
        raise QueryError(f"Your search puts brackets inside brackets more than {MAX_BRACKETS} deep; simplify it.")
    query = plain_words(cleaned)
    if query is None:
        try:
            query = make_parser().parse(cleaned)
        except Exception:  # Whoosh's parser has known crashes on odd input.
            raise QueryError(
                "We could not understand that search. Try plain words, or check "
                "quotes and brackets."
            ) from None
    if query is wq.NullQuery or not leaves(query):
        raise QueryError("Your search has no words we can look for; try letters or numbers.")
    if not positive_leaves(query):
        raise QueryError("Say what to look for, not only what to leave out (NOT or -).")
    check_bounds(query)
    return query
