"""The score table: every stem's postings with their BM25 contributions, computed once per build.

This is the idea of BM25S (eager sparse scoring): the score of a stem in a
paragraph depends only on the corpus, so the build computes it for every
(stem, paragraph) pair, and a search only gathers and adds up a few slices.

Paragraphs are numbered in corpus order (statements in catalogue order, then
paragraph number), so the same statements give the same table whether it was
built afresh or updated, and ties in score are broken by this number.

Files in a generation directory, all plain arrays (`.npy`, memory-mapped
read-only so that every worker process shares one copy in the page cache):

    table-terms.txt           the stems, sorted; a stem's number is its line
    table-term-starts.npy     stem s has postings [starts[s], starts[s+1])
    table-docs.npy            per posting: the paragraph (int32, ascending within a stem)
    table-scores.npy          per posting: the BM25 contribution (float32)
    table-position-starts.npy per posting: where its positions start in table-positions
    table-positions.npy       token positions, ascending within a posting
    table-statement.npy       per paragraph: its statement's catalogue position
    table-paragraph.npy       per paragraph: its number in the statement
    table-lead.npy            per paragraph: the words of its first sentence (text/leads.py)
    table-wording.npy         per paragraph: its wording's key, figures aside (repeats.py; uint64)
    table-copy.npy            per paragraph: the paragraph of an earlier statement it repeats (repeats.py)
"""

from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

from . import bm25, mapped

PREFIX = "table-"
TERMS_FILE = "table-terms.txt"
# The arrays with one value per paragraph, in corpus order.
PER_PARAGRAPH = ("statement", "paragraph", "lead", "wording", "copy")
# Their types as stored: int32, but for the wording's 64-bit keys.
STORED_AS = {"wording": np.uint64}
ARRAYS = (
    "term-starts", "docs", "scores", "position-starts", "positions", *PER_PARAGRAPH,
)


class TableError(RuntimeError):
    """A score table that is missing, damaged or does not fit its generation."""


@dataclass
class Tokens:
    """Every token of a corpus as three parallel arrays, in corpus order, and the stems they number."""

    stems: list[str]  # sorted; a token's term is its index here
    term: np.ndarray  # int32, per token
    doc: np.ndarray  # int32, per token: the paragraph, non-decreasing
    position: np.ndarray  # int32, per token: its position in the paragraph
    paragraphs: int


def array_path(directory: Path, name: str) -> Path:
    """Where one of the table's arrays lives."""
    return Path(directory) / f"{PREFIX}{name}.npy"


def compact(values: np.ndarray, largest: int) -> np.ndarray:
    """Offsets as uint32 where they fit (they do below four billion tokens), else int64."""
    return values.astype(np.uint32 if largest < 2**32 else np.int64)


def contributions(idf, term_starts, posting_starts, posting_doc, total, lengths, average, chunk=1 << 20) -> np.ndarray:
    """Every posting's BM25 contribution as float32, computed a chunk of postings at a time (memory)."""
    postings = len(posting_starts)
    scores = np.empty(postings, dtype=np.float32)
    stem_of = np.repeat(np.arange(len(idf), dtype=np.int32), np.diff(term_starts))
    for start in range(0, postings, chunk):
        end = min(start + chunk, postings)
        tf = np.diff(np.r_[posting_starts[start:end], posting_starts[end] if end < postings else total]).astype(np.float64)
        scores[start:end] = bm25.contribution(idf[stem_of[start:end]], tf, lengths[posting_doc[start:end]], average)
    return scores


def write_table(directory: Path, tokens: Tokens, per_paragraph: dict[str, np.ndarray]) -> None:
    """Compute the table from a corpus's tokens and write it into a generation directory, with the
    arrays of `per_paragraph` (each PER_PARAGRAPH name: one value per paragraph, in corpus order)."""
    directory = Path(directory)
    count, total = tokens.paragraphs, len(tokens.term)
    lengths = np.bincount(tokens.doc, minlength=count)
    # Tokens arrive in (paragraph, position) order; a stable sort by stem gives (stem, paragraph, position).
    order = np.argsort(tokens.term, kind="stable")
    doc, position = tokens.doc[order], tokens.position[order]
    del order
    # A posting starts where the stem changes (known from the stems' token counts) or the paragraph does.
    stem_starts = np.r_[0, np.cumsum(np.bincount(tokens.term, minlength=len(tokens.stems)))]
    first = np.ones(total, dtype=bool)
    if total:
        first[1:] = doc[1:] != doc[:-1]
        first[stem_starts[stem_starts < total]] = True
    posting_starts = np.flatnonzero(first)
    del first
    posting_doc = doc[posting_starts]
    del doc
    term_starts = np.searchsorted(posting_starts, stem_starts)
    with_stem = np.diff(term_starts)
    # math.log, not np.log: the very function Whoosh's idf uses, so the two agree to the bit.
    idf = np.array([bm25.idf(count, int(n)) for n in with_stem], dtype=np.float64)
    # Whoosh's average length: total / count, or 1 when that is 0.
    average = (total / count if count else 0.0) or 1.0
    scores = contributions(idf, term_starts, posting_starts, posting_doc, total, bm25.stored_lengths(lengths), average)
    (directory / TERMS_FILE).write_text("".join(f"{stem}\n" for stem in tokens.stems), "utf-8")
    arrays = {
        "term-starts": compact(term_starts, len(posting_starts)),
        "docs": posting_doc.astype(np.int32),
        "scores": scores,
        "position-starts": compact(np.append(posting_starts, total), total),
        "positions": position.astype(np.int32),
        **{name: per_paragraph[name].astype(STORED_AS.get(name, np.int32)) for name in PER_PARAGRAPH},
    }
    for name, values in arrays.items():
        np.save(array_path(directory, name), values, allow_pickle=False)


def ascending(values: np.ndarray) -> bool:
    """Whether each value is at least the one before."""
    return bool((values[1:] >= values[:-1]).all())


def starts_ascending(starts: np.ndarray) -> bool:
    """Whether offsets start at 0 and never go down."""
    return len(starts) > 0 and int(starts[0]) == 0 and ascending(starts)


class ScoreTable:
    """One generation's score table, memory-mapped read-only."""

    def __init__(self, directory: Path):
        directory = Path(directory)
        try:
            arrays = {name: mapped.load(array_path(directory, name)) for name in ARRAYS}
            stems = (directory / TERMS_FILE).read_text("utf-8").split("\n")[:-1]
        except (OSError, ValueError) as error:
            raise TableError(f"the score table in {directory} cannot be read: {error}") from error
        self.stems = stems
        self.term_starts = arrays["term-starts"]
        self.docs = arrays["docs"]
        self.scores = arrays["scores"]
        self.position_starts = arrays["position-starts"]
        self.positions = arrays["positions"]
        self.statement = arrays["statement"]
        self.paragraph = arrays["paragraph"]
        self.lead = arrays["lead"]
        self.wording = arrays["wording"]
        self.copy_of = arrays["copy"]
        self.per_paragraph = {name: arrays[name] for name in PER_PARAGRAPH}
        self.paragraphs = len(self.statement)
        self.check()

    def check(self) -> None:
        """Refuse a table whose arrays do not fit together or could not be read safely: sizes and
        ends, then one pass in C over each array (paragraphs in range, offsets that only go up,
        stems in order). The manifest's checksums cover the rest, checked by health checks."""
        postings, tokens = len(self.docs), len(self.positions)
        fits = (
            len(self.term_starts) == len(self.stems) + 1
            and (len(self.stems) == 0 or int(self.term_starts[-1]) == postings)
            and len(self.scores) == postings
            and len(self.position_starts) == postings + 1
            and int(self.position_starts[-1]) == tokens
            and all(len(values) == self.paragraphs for values in self.per_paragraph.values())
        )
        if not fits:
            raise TableError("the score table's arrays do not fit together")
        if not (starts_ascending(self.term_starts) and starts_ascending(self.position_starts)):
            raise TableError("the score table's offsets do not go up")
        if postings and not (0 <= int(self.docs.min()) and int(self.docs.max()) < self.paragraphs):
            raise TableError("the score table names paragraphs it does not have")
        if self.paragraphs and not (int(self.statement[0]) >= 0 and ascending(self.statement)):
            raise TableError("the score table's paragraphs are not in statement order")
        copies = self.copy_of
        if self.paragraphs and not (
            0 <= int(copies.min()) and (copies <= np.arange(self.paragraphs)).all() and (copies[copies] == copies).all()
        ):
            raise TableError("the score table's repeats name a later paragraph, none, or a repeat")
        if not self.in_order():
            raise TableError("the score table's stems are not in order")

    def in_order(self) -> bool:
        """Whether every stem sorts after the one before, as term() needs (one pass in C)."""
        return all(map(operator.lt, self.stems, islice(self.stems, 1, None)))

    def term(self, stem: str) -> int | None:
        """The number of a stem, or None when no paragraph has it (the stems are sorted, so a
        binary search finds it: no dictionary of every stem to build when a generation opens)."""
        number = bisect.bisect_left(self.stems, stem)
        return number if number < len(self.stems) and self.stems[number] == stem else None

    def postings(self, number: int) -> slice:
        """The postings of stem `number`, as a slice of docs / scores / position-starts."""
        return slice(int(self.term_starts[number]), int(self.term_starts[number + 1]))

    def frequency(self, number: int) -> int:
        """How many paragraphs hold stem `number`."""
        return int(self.term_starts[number + 1] - self.term_starts[number])

    def tokens(self) -> Tokens:
        """Every token again, in corpus order: what an update starts from instead of re-analysing."""
        per_posting = np.diff(self.position_starts.astype(np.int64))
        term_of_posting = np.repeat(
            np.arange(len(self.stems), dtype=np.int32), np.diff(self.term_starts.astype(np.int64))
        )
        term = np.repeat(term_of_posting, per_posting)
        doc = np.repeat(np.asarray(self.docs), per_posting)
        position = np.asarray(self.positions)
        order = np.lexsort((position, doc))
        return Tokens(list(self.stems), term[order], doc[order], position[order], self.paragraphs)
