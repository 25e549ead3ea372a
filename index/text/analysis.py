"""The analyzer every text field shares: words as a reader sees them, then their English stems."""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer
from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.support.charset import accent_map

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
