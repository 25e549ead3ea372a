"""Statements -> their tokens: analysed once per build, in worker processes when it pays.

One pass of the schema's analyzer gives each paragraph's stems in order
(what Whoosh indexes and the score table is built from) and its distinct
words (what the vocabulary counts). Whoosh is handed the stems as a list, so
it does not analyse the text a second time.

A statement's tokens are kept compact (its distinct stems once, then one
small integer per token), so that a build holds a whole corpus's tokens in
arrays rather than as millions of Python strings.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..text.analysis import analyse_words, word_stem
from ..text.leads import lead_words
from ..text.statements import Statement
from .repeats import wording_key
from .score_table import ScoreTable, Tokens

# Below this many paragraphs, starting worker processes costs more than it saves.
PARALLEL_FROM_PARAGRAPHS = 4000
# Statements analysed per batch: two batches at most are in memory at once.
BATCH = 1000
# Worker processes for analysis (and Whoosh writers for a large new index): one per core, at most 4.
WORKERS = min(os.cpu_count() or 1, 4)


@dataclass(frozen=True)
class StatementTokens:
    """The analysed paragraphs of one statement."""

    slug: str
    # The statement's distinct stems; a token is a number into this tuple.
    stems: tuple[str, ...]
    # Every token of every paragraph, in order (int32 numbers into `stems`).
    term: np.ndarray
    # How many tokens each paragraph has.
    lengths: np.ndarray
    # Each word (lower-cased, accent-folded, unstemmed): in how many of the paragraphs it stands.
    words: Counter | None
    # Per paragraph: the words of its first sentence (text/leads.py), and its wording's key (repeats.py).
    leads: np.ndarray
    wordings: np.ndarray

    def paragraph_stems(self) -> Iterator[list[str]]:
        """Each paragraph's stems, in order."""
        stems, at = self.stems, 0
        for length in self.lengths.tolist():
            yield [stems[number] for number in self.term[at : at + length].tolist()]
            at += length


def analyse_statement(statement: Statement) -> StatementTokens:
    """The stems and words of every paragraph of one statement."""
    number: dict[str, int] = {}
    terms, lengths, words, leads, wordings = [], [], Counter(), [], []
    for paragraph in statement.paragraphs:
        typed = analyse_words(paragraph.text)
        terms.extend(number.setdefault(word_stem(word), len(number)) for word in typed)
        lengths.append(len(typed))
        words.update(set(typed))
        leads.append(lead_words(paragraph.text))
        wordings.append(wording_key(typed))
    return StatementTokens(
        statement.slug,
        tuple(number),
        np.array(terms, dtype=np.int32),
        np.array(lengths, dtype=np.int32),
        words,
        np.array(leads, dtype=np.int32),
        np.array(wordings, dtype=np.uint64),
    )


def analyse_all(statements: Sequence[Statement]) -> Iterator[StatementTokens]:
    """The tokens of each statement, in order: in worker processes for large batches of work."""
    import multiprocessing  # (only builds need it; serving processes start faster without)

    paragraphs = sum(len(statement.paragraphs) for statement in statements)
    if paragraphs < PARALLEL_FROM_PARAGRAPHS or WORKERS < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(analyse_statement, statements)
        return
    batches = [statements[at : at + BATCH] for at in range(0, len(statements), BATCH)]
    # Fork: the workers inherit the loaded modules, so they start in milliseconds.
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        pending = pool.map_async(analyse_statement, batches[0])
        for following in [*batches[1:], None]:
            done = pending.get()
            # The workers analyse the next batch while the caller indexes this one.
            if following is not None:
                pending = pool.map_async(analyse_statement, following)
            yield from done


def corpus_tokens(
    statements: list[Statement],
    analysed: dict[str, StatementTokens],
    previous: ScoreTable | None = None,
    previous_slugs: list[str] = (),
) -> Tokens:
    """Every token of the corpus in corpus order: statements in `analysed` from their tokens,
    the rest from the `previous` table (whose statements are `previous_slugs`), never re-analysed."""
    first_doc = np.cumsum([0] + [len(s.paragraphs) for s in statements])
    position_of = {s.slug: n for n, s in enumerate(statements)}
    known = set().union(*(tokens.stems for tokens in analysed.values()))
    stems = sorted(known.union(previous.stems if previous is not None else ()))
    number = {stem: n for n, stem in enumerate(stems)}
    terms, docs, positions = [], [], []
    for slug, tokens in analysed.items():
        remap = np.array([number[stem] for stem in tokens.stems], dtype=np.int32)
        lengths = tokens.lengths
        terms.append(remap[tokens.term] if len(remap) else tokens.term)
        docs.append(np.repeat(np.arange(len(lengths), dtype=np.int32) + np.int32(first_doc[position_of[slug]]), lengths))
        positions.append(np.arange(len(tokens.term), dtype=np.int32) - np.repeat(np.cumsum(lengths, dtype=np.int32) - lengths, lengths))
    if previous is not None:
        kept_term, kept_doc, kept_position = previous_tokens(previous, previous_slugs, position_of, first_doc, set(analysed))
        remap = np.array([number[stem] for stem in previous.stems], dtype=np.int32)
        terms.append(remap[kept_term] if len(remap) else kept_term)
        docs.append(kept_doc)
        positions.append(kept_position)
    term = np.concatenate([np.zeros(0, np.int32), *terms]).astype(np.int32, copy=False)
    doc = np.concatenate([np.zeros(0, np.int32), *docs]).astype(np.int32, copy=False)
    position = np.concatenate([np.zeros(0, np.int32), *positions]).astype(np.int32, copy=False)
    del terms, docs, positions
    if len(doc) and (doc[1:] < doc[:-1]).any():
        # Each paragraph's tokens come from one piece, in position order: a stable sort by paragraph suffices.
        order = np.argsort(doc, kind="stable")
        term, doc, position = term[order], doc[order], position[order]
    # Stems that only removed statements used are dropped, as a full build would never see them.
    used = np.zeros(len(stems), dtype=bool)
    used[term] = True
    if not used.all():
        term = (np.cumsum(used) - 1).astype(np.int32)[term]
        stems = [stem for stem, is_used in zip(stems, used) if is_used]
    return Tokens(stems, term, doc, position, int(first_doc[-1]))


def paragraph_facts(
    statements: list[Statement],
    analysed: dict[str, StatementTokens],
    previous: ScoreTable | None = None,
    previous_slugs: list[str] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph of the corpus, in corpus order: its first sentence's words and its wording's key,
    for statements in `analysed` from their analysis, for the rest from the `previous` table."""
    old_position = {slug: n for n, slug in enumerate(previous_slugs)}
    old_first = np.searchsorted(np.asarray(previous.statement), np.arange(len(previous_slugs) + 1)) if previous else None
    leads, wordings = [], []
    for statement in statements:
        if statement.slug in analysed:
            tokens = analysed[statement.slug]
            leads.append(tokens.leads)
            wordings.append(tokens.wordings)
        else:
            at = old_position[statement.slug]
            span = slice(int(old_first[at]), int(old_first[at + 1]))
            leads.append(np.asarray(previous.lead[span]))
            wordings.append(np.asarray(previous.wording[span]))
    return (
        np.concatenate([np.zeros(0, np.int32), *leads]).astype(np.int32),
        np.concatenate([np.zeros(0, np.uint64), *wordings]).astype(np.uint64),
    )


def previous_tokens(
    previous: ScoreTable, slugs: list[str], position_of: dict[str, int], first_doc: np.ndarray, replaced: set[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(stem, paragraph, position) of every token of the previous table's statements that stay
    unchanged, paragraphs renumbered to the new corpus (stems still the previous table's numbers)."""
    tokens = previous.tokens()
    # Old statement number -> new statement number (-1: removed or re-analysed).
    moved = np.array([-1 if slug in replaced else position_of.get(slug, -1) for slug in slugs] or [-1], dtype=np.int64)
    old_statement = np.asarray(previous.statement)
    old_first = np.searchsorted(old_statement, np.arange(len(slugs)))
    statement = old_statement[tokens.doc]
    new_statement = moved[statement]
    keep = new_statement >= 0
    doc = first_doc[new_statement[keep]] + (tokens.doc[keep] - old_first[statement[keep]])
    return tokens.term[keep], doc.astype(np.int32), tokens.position[keep]
