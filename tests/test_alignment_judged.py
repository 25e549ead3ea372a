"""The subject aligner against judged alignments: the independent corpus (../shared/corpus,
written and judged by others) and our own (tests/corpus-subjects, on which the thresholds were
first chosen). Run with -s to see the figures, or: python -m tests.alignment_report [--own]."""

from __future__ import annotations

import index

from .alignment_report import OWN_COMPANIONS, OWN_CORPUS, evaluate, gather, table

# What the issue asks of the aligner on the independent corpus.
PRECISION, RECALL, REWRITTEN_RECALL = 0.95, 0.90, 0.75


def test_the_independent_corpus(shared_index, shared_corpus_dir):
    figures = evaluate(shared_index, shared_corpus_dir)
    print(f"\nJudged alignments in {shared_corpus_dir}:\n{table(figures)}")
    # Every judged pair was read (16 pairs of statements; a vacuous pass is no pass).
    assert figures.pairs_judged == 155 and sum(figures.judged.values()) == 190
    assert figures.precision() >= PRECISION
    assert figures.recall() >= RECALL
    assert figures.recall("rewritten") >= REWRITTEN_RECALL


def test_our_own_judged_pairs(tmp_path):
    data = gather((OWN_CORPUS, *OWN_COMPANIONS), tmp_path / "data")
    index.build_index(data, tmp_path / "index")
    figures = evaluate(index.open_index(tmp_path / "index"), OWN_CORPUS)
    print(f"\nJudged alignments in {OWN_CORPUS}:\n{table(figures)}")
    assert figures.pairs_judged == 9
    assert (figures.precision(), figures.recall()) == (1.0, 1.0)
    assert all(figures.recall(kind) == 1.0 and figures.precision(kind) == 1.0 for kind in figures.judged)
