"""The last word while typing: searched as the start of a word, completed to the commonest words it starts."""

from __future__ import annotations

import re

from whoosh.support.charset import accent_map

from .parser import OPERATORS, quote_open


# While typing, the last word is the start of a word: the commonest words it starts, at most this many.
COMPLETIONS = 50
# A last word that can be completed: a plain word of two letters or more.
COMPLETABLE = re.compile(r"[^\W\d_][\w'’]+")


def completing(text: str) -> str | None:
    """The word being typed at the end of `text`, when it can be searched as the start of a word
    (a plain word outside quotes, not excluded); None otherwise."""
    tokens = text.split()
    if not tokens or quote_open(text) or text[-1].isspace():
        return None
    last = tokens[-1]
    if last in OPERATORS or not COMPLETABLE.fullmatch(last) or (len(tokens) > 1 and tokens[-2] == "NOT"):
        return None
    return last.lower().translate(accent_map)  # as the parser gives a prefix
