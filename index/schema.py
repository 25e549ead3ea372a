"""The one Whoosh schema and the analyzer that every text field shares.

One Whoosh document is one body paragraph of one statement.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer
from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.formats import Positions
from whoosh.support.charset import accent_map

# Bumped whenever the schema, the analyzer, what the parser stores or the format of
# a generation's own files changes, so that an index built by an older version
# counts as stale and is rebuilt
# (12: Whoosh's postings are written without length statistics;
# 13: the catalogue holds each statement's source address and publication date;
# 14: a short paragraph is scored at 3/4 of the average length, bm25.SHORTEST, so the
# score table's contributions changed;
# 15: Source:/Published: lines count only after a disclaimer, so a file without one
# may keep its last paragraph).
SCHEMA_VERSION = 15

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
        text=paragraph_text(),
    )


def paragraph_text() -> TEXT:
    """The text field: stems with their positions (for phrases), the text stored."""
    field = TEXT(analyzer=text_analyzer(), stored=True, phrase=True)
    field.format = StemPositions(field_boost=field.format.field_boost)
    return field


class StemPositions(Positions):
    """Whoosh's positions format, also given a paragraph as the list of its stems (the build
    analyses each paragraph once, in tokens.py): the same postings, without a Token per stem."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, list):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        positions = defaultdict(list)
        for position, stem in enumerate(value):
            positions[stem].append(position)
        for stem, found in positions.items():
            encoded = one_position(found[0]) if len(found) == 1 else self.encode(found)
            yield stem, len(found), len(found) * self.field_boost, encoded


@lru_cache(maxsize=4096)
def one_position(position: int) -> bytes:
    """Whoosh's encoding of a stem that stands once in a paragraph, at `position` (most do)."""
    return Positions().encode([position])


class ParagraphCodec(W3Codec):
    """Whoosh's codec without length statistics in the postings. With them, Whoosh reads every
    posting's paragraph length back from the file it has just written (a sixth of its indexing
    time), only to bound the scores of blocks of postings so a top-N search may skip them. Scores
    read the lengths from their own column either way; without the bounds, Whoosh skips less.

    Whoosh pickles this class and StemPositions by their module path into every generation's table
    of contents: moving or renaming either needs a new SCHEMA_VERSION, so that old generations
    are rebuilt instead of failing to open."""

    length_stats = False
