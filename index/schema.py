"""The one Whoosh schema and the analyzer that every text field shares.

One Whoosh document is one body paragraph of one statement.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

# Bumped whenever the schema or the analyzer changes, so that an index built by
# an older version counts as stale and is rebuilt.
SCHEMA_VERSION = 1

# Words, keeping decimal numbers whole ("2.8"); apostrophes, dashes and
# slashes split words ("drug/alcohol" -> "drug", "alcohol").
TOKEN_PATTERN = r"\w+(?:[.,]\d+)*"


def text_analyzer():
    """Tokenise, lower-case, fold accents and stem English words."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StemFilter(lang="en", cachesize=50_000)
    )


def paragraph_schema() -> Schema:
    """The schema of a paragraph document."""
    return Schema(
        # "<statement slug>#p<number>": unique, the key for updates.
        id=ID(unique=True, stored=True),
        statement=ID(stored=True),
        force=ID(stored=True),
        period=ID(stored=True),
        paragraph=NUMERIC(stored=True, sortable=True),
        text=TEXT(analyzer=text_analyzer(), stored=True, phrase=True),
        # Kept for display only: the source file, for messages.
        source=STORED,
    )
