"""Statements -> their tokens: analysed once per build, in worker processes when it pays.

One pass of the schema's analyzer gives each paragraph's stems in order
(what Whoosh indexes and the score table is built from) and its distinct
words (what the vocabulary counts). Whoosh is handed the stems as a list, so
it does not analyse the text a second time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from .schema import analyse_words, word_stem
from .score_table import ScoreTable, Tokens
from .statements import Statement

# Below this many paragraphs, starting worker processes costs more than it saves.
PARALLEL_FROM_PARAGRAPHS = 4000
# Statements handed to a worker at a time.
CHUNK = 64


@dataclass(frozen=True)
class StatementTokens:
    """The analysed paragraphs of one statement."""

    slug: str
    # Per paragraph, its stems in order (position = index).
    stems: tuple[tuple[str, ...], ...]
    # Per paragraph, its distinct words (lower-cased, accent-folded, unstemmed).
    words: tuple[frozenset[str], ...]


def analyse_statement(statement: Statement) -> StatementTokens:
    """The stems and words of every paragraph of one statement."""
    stems, words = [], []
    for paragraph in statement.paragraphs:
        typed = analyse_words(paragraph.text)
        stems.append(tuple(map(word_stem, typed)))
        words.append(frozenset(typed))
    return StatementTokens(statement.slug, tuple(stems), tuple(words))


def analyse_all(statements: Iterable[Statement], paragraphs: int) -> Iterator[StatementTokens]:
    """The tokens of each statement, in order; `paragraphs` (their number) decides whether to fork workers."""
    workers = min(os.cpu_count() or 1, 4)
    if paragraphs < PARALLEL_FROM_PARAGRAPHS or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(analyse_statement, statements)
        return
    # Fork: the workers inherit the loaded modules, so they start in milliseconds.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(analyse_statement, statements, chunksize=CHUNK)


def corpus_tokens(
    statements: list[Statement],
    analysed: dict[str, tuple[tuple[str, ...], ...]],
    previous: ScoreTable | None = None,
    previous_slugs: list[str] = (),
) -> Tokens:
    """Every token of the corpus in corpus order: statements in `analysed` from their stems,
    the rest from the `previous` table (whose statements are `previous_slugs`), never re-analysed."""
    first_doc = np.cumsum([0] + [len(s.paragraphs) for s in statements])
    position_of = {s.slug: n for n, s in enumerate(statements)}
    new_stems = sorted({stem for slug in analysed for stems in analysed[slug] for stem in stems})
    stems = sorted(set(new_stems).union(previous.stems if previous is not None else ()))
    number = {stem: n for n, stem in enumerate(stems)}
    terms, docs, positions = [], [], []
    for slug, paragraphs in analysed.items():
        lengths = np.array([len(p) for p in paragraphs], dtype=np.int64)
        flat = [number[stem] for paragraph in paragraphs for stem in paragraph]
        terms.append(np.array(flat, dtype=np.int32))
        docs.append(np.repeat(np.arange(len(paragraphs)) + first_doc[position_of[slug]], lengths))
        positions.append(np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    if previous is not None:
        kept = previous_tokens(previous, previous_slugs, position_of, first_doc, set(analysed))
        remap = np.array([number[stem] for stem in previous.stems], dtype=np.int32)
        terms.append(remap[kept.term].astype(np.int32))
        docs.append(kept.doc)
        positions.append(kept.position)
    term = np.concatenate(terms).astype(np.int32) if terms else np.zeros(0, dtype=np.int32)
    doc = np.concatenate(docs).astype(np.int32) if docs else np.zeros(0, dtype=np.int32)
    position = np.concatenate(positions).astype(np.int32) if positions else np.zeros(0, dtype=np.int32)
    # Each paragraph's tokens come from one piece, in position order: a stable sort by paragraph suffices.
    order = np.argsort(doc, kind="stable")
    term, doc, position = term[order], doc[order], position[order]
    # Stems that only removed statements used are dropped, as a full build would never see them.
    used, term = np.unique(term, return_inverse=True)
    return Tokens([stems[n] for n in used], term.astype(np.int32), doc, position, int(first_doc[-1]))


def previous_tokens(previous: ScoreTable, slugs: list[str], position_of: dict, first_doc: np.ndarray, replaced: set) -> Tokens:
    """The tokens of the previous table's statements that stay unchanged, renumbered to the new corpus."""
    tokens = previous.tokens()
    # Old statement number -> new statement number (-1: removed or re-analysed).
    moved = np.array([-1 if slug in replaced else position_of.get(slug, -1) for slug in slugs] or [-1], dtype=np.int64)
    old_statement = np.asarray(previous.statement)
    old_first = np.searchsorted(old_statement, np.arange(len(slugs)))
    statement = old_statement[tokens.doc]
    new_statement = moved[statement]
    keep = new_statement >= 0
    doc = first_doc[new_statement[keep]] + (tokens.doc[keep] - old_first[statement[keep]])
    return Tokens(tokens.stems, tokens.term[keep], doc.astype(np.int32), tokens.position[keep], 0)
