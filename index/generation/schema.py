"""The one Whoosh schema of a paragraph document, and how its postings are written.

One Whoosh document is one body paragraph of one statement.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.formats import Positions

from ..text.analysis import text_analyzer

# Bumped whenever the schema, the analyzer, what the parser stores or the format of
# a generation's own files changes, so that an index built by an older version
# counts as stale and is rebuilt
# (12: Whoosh's postings are written without length statistics;
# 13: the catalogue holds each statement's source address and publication date;
# 14: a short paragraph is scored at 3/4 of the average length, bm25.SHORTEST, so the
# score table's contributions changed;
# 15: Source:/Published: lines count only after a disclaimer, so a file without one
# may keep its last paragraph;
# 16: index/ in sub-packages, so the codec's pickled class path changed;
# 17: the score table holds each paragraph's lead sentence length, table-lead.npy;
# 18: and the first paragraph each repeats, table-copy.npy;
# 19: and each paragraph's wording key, table-wording.npy, so that an update reads no unchanged statement).
SCHEMA_VERSION = 19


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
