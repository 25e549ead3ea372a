"""The one Whoosh schema and the analyzer that every text field shares.

One Whoosh document is one body paragraph of one statement.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer
from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.support.charset import accent_map

# Bumped whenever the schema, the analyzer, what the parser stores or the format of
# a generation's own files changes, so that an index built by an older version
# counts as stale and is rebuilt
# (11: the catalogue is stored as columns).
SCHEMA_VERSION = 11

# Words, keeping decimal numbers whole ("2.8"); apostrophes, dashes and
# slashes split words ("drug/alcohol" -> "drug", "alcohol").
TOKEN_PATTERN = r"\w+(?:[.,]\d+)*"


def word_analyzer():
    """Tokenise, lower-case and fold accents: words as people type them ("Môn" -> "mon")."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


# Plurals the Porter stemmer leaves alone, common in statements about people.
IRREGULAR_FORMS = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "wives": "wife",
    "lives": "life",
    "knives": "knife",
    "thieves": "thief",
    "feet": "foot",
    "teeth": "tooth",
}


class IrregularFormsFilter(Filter):
    """Maps irregular plurals to their singular ("children" -> "child") before stemming."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = IRREGULAR_FORMS.get(token.text, token.text)
            yield token


@lru_cache(maxsize=200_000)
def english_stem(word: str) -> str:
    """The English (Porter2) stem of one lower-case word, remembered."""
    return _ENGLISH.stem(word)


_ENGLISH = EnglishStemmer()


class EnglishStemFilter(Filter):
    """Stems each token with a C-level cache: Whoosh's own StemFilter caches in pure
    Python, and stemming dominated both indexing and snippet time."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = english_stem(token.text)
            yield token


def word_stem(word: str) -> str:
    """The index term of one analysed word: irregular plurals mapped, then stemmed."""
    return english_stem(IRREGULAR_FORMS.get(word, word))


_TOKEN = re.compile(TOKEN_PATTERN)


def analyse_words(text: str) -> list[str]:
    """The words of `text` as word_analyzer() gives them, in order, without Token objects (for speed)."""
    return [word.lower().translate(accent_map) for word in _TOKEN.findall(text)]


@lru_cache(maxsize=200_000)
def token_stem(token: str) -> str:
    """The index term of a token as it stands in the text (any case, accents)."""
    return word_stem(token.lower().translate(accent_map))


def text_analyzer():
    """The word analyzer, then English stemming ("officers" -> "offic", "children" -> "child")."""
    return word_analyzer() | IrregularFormsFilter() | EnglishStemFilter()


# One shared stemming chain for turning single words into index terms.
_STEMMER = text_analyzer()


def stem(word: str) -> str:
    """The index term of one word ("deprived" -> "depriv"); "" if it has no letters or digits."""
    return next((token.text for token in _STEMMER(word)), "")


def paragraph_schema() -> Schema:
    """The schema of a paragraph document."""
    return Schema(
        # "<statement slug>#p<number>": unique, the key for updates.
        id=ID(unique=True, stored=True),
        # Sortable: kept as columns, for grouping by statement and counting facets.
        statement=ID(stored=True, sortable=True),
        force=ID(stored=True, sortable=True),
        # The force name as a key ("west-midlands"), for ranking a named force first.
        force_key=ID,
        period=ID(stored=True, sortable=True),
        # One term per number (shift_step=32): paragraphs are never searched by range,
        # and Whoosh's default of eight terms per number cost an eighth of indexing.
        paragraph=NUMERIC(stored=True, sortable=True, shift_step=32),
        # (The unstemmed words live in vocabulary.py, beside the index.)
        text=TEXT(analyzer=text_analyzer(), stored=True, phrase=True),
    )
