"""The words one version of a paragraph removed and added: a word-level difference.

A word is a run of characters between spaces, punctuation included
("stations." and "stations," differ). The difference is a sequence of
pieces (op, text), op being "same", "removed" or "added", in reading order
(at a replacement, the removed words come before the added ones). Read the
"same" and "removed" pieces joined by single spaces and you have the older
text's words; the "same" and "added" pieces, the newer's (a list's line
breaks may come back as spaces where a piece ends). Pieces are plain text:
whoever shows them escapes them.
"""

from __future__ import annotations

import difflib
import re

SAME, REMOVED, ADDED = "same", "removed", "added"

WORD = re.compile(r"\S+")

Piece = tuple[str, str]


def words_of(text: str) -> list[re.Match]:
    """The words of `text`, with where each stands."""
    return list(WORD.finditer(text))


def stretch(text: str, words: list[re.Match], start: int, end: int) -> str:
    """The text from word `start` to the end of word `end - 1`, as written."""
    return text[words[start].start() : words[end - 1].end()]


def word_diff(older: str, newer: str) -> tuple[Piece, ...]:
    """The pieces that turn `older` into `newer`, word by word."""
    old_words, new_words = words_of(older), words_of(newer)
    matcher = difflib.SequenceMatcher(
        None, [w.group() for w in old_words], [w.group() for w in new_words], autojunk=False
    )
    pieces: list[Piece] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            pieces.append((SAME, stretch(newer, new_words, new_start, new_end)))
            continue
        if old_end > old_start:
            pieces.append((REMOVED, stretch(older, old_words, old_start, old_end)))
        if new_end > new_start:
            pieces.append((ADDED, stretch(newer, new_words, new_start, new_end)))
    return tuple(pieces)
