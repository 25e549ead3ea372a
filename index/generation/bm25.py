"""BM25: the one formula both evaluators score a stem with, and the statistics it needs.

It is Whoosh's BM25F on one field, written once so the score table (built
with numpy) and the reference (Whoosh's matchers) compute it the same way:

    idf          = ln(paragraphs / (paragraphs with the stem + 1)) + 1
    contribution = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average length))

with one change: a paragraph shorter than SHORTEST (3/4) of the average length
is scored as if it had that length. Length normalisation still lowers a word
said once in a long paragraph, but shortness alone no longer lifts a passing
mention above the paragraph about the subject.

`length` is the paragraph's length as Whoosh stores it, one byte on a
logarithmic scale (exact for short paragraphs, rounded for long ones); the
average uses exact lengths. Each contribution is rounded to float32, the
precision the score table stores.
"""

from __future__ import annotations

import math

import numpy as np
from whoosh.util.numeric import byte_to_length

K1 = 1.2
B = 0.75
# The shortest length a paragraph is scored at, as a share of the average length.
SHORTEST = 0.75

# Every length a byte can stand for, indexed by the byte.
_LENGTH_OF_BYTE = np.array([byte_to_length(byte) for byte in range(256)], dtype=np.float64)


def idf(paragraphs: int, with_stem: int) -> float:
    """The inverse document frequency of a stem found in `with_stem` of `paragraphs`."""
    return math.log(paragraphs / (with_stem + 1)) + 1


def stored_lengths(lengths: np.ndarray) -> np.ndarray:
    """Paragraph lengths as Whoosh stores and reads them back: length_to_byte, then byte_to_length."""
    # length_to_byte is a bisect over the lengths the bytes stand for, capped at 255.
    codes = np.minimum(np.searchsorted(_LENGTH_OF_BYTE, lengths, side="left"), 255)
    return _LENGTH_OF_BYTE[codes]


def scored_length(length, average_length: float):
    """The length a paragraph is scored at: its own, or SHORTEST of the average when shorter."""
    return np.maximum(length, SHORTEST * average_length)


def contribution(idf_value, tf, length, average_length: float):
    """BM25 of a stem in a paragraph (floats or numpy arrays), before rounding to float32."""
    length = scored_length(length, average_length)
    return idf_value * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * length / average_length)))
