"""Relevance, measured: judged queries -> the paragraph a person would want, scored by MRR.

Two judged sets live in tests/relevance/: one over the seed statement alone,
one over the seed plus a dozen invented statements on the same themes, so
that several paragraphs compete for each query. Judgements were written
before the ranking was tuned.

Threshold: MRR >= 0.95 for each set, a loss of at most 0.05 per query on
average. A slip from rank 1 to rank 2 loses 0.5 and a paragraph off the first
page loses 1, so the 71 queries of the corpus set tolerate 7 slips (or 3
drop-outs), and the 22 of the seed set 2 slips (or 1 drop-out).

In most of these queries every matching paragraph is a relevant one, so they
guard matching (stems, typos, phrases, names) more than ranking: ranking is
measured where it decides, on the rival set (test_ranking.py).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

import index

from .conftest import SEED

RELEVANCE = Path(__file__).resolve().parent / "relevance"
MRR_THRESHOLD = 0.95
KINDS = {"plain", "stemming", "typo", "phrase", "or", "not", "prefix", "force", "period",
         "accents", "apostrophe", "number", "fallback", "dash"}


def judged(name: str) -> list[tuple[str, str, set[str]]]:
    """(kind, query, relevant paragraph ids) from a judged-set file."""
    rows = []
    for line in (RELEVANCE / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            kind, query, relevant = line.split("\t")
            rows.append((kind, query, set(relevant.split(","))))
    return rows


def reciprocal_rank(results: index.ResultsPage, relevant: set[str]) -> float:
    """1/rank of the first relevant hit on the first page, 0 if none."""
    for rank, hit in enumerate(results.hits, 1):
        if f"{hit.statement}#p{hit.paragraph}" in relevant:
            return 1 / rank
    return 0.0


@pytest.fixture(scope="module")
def relevance_indexes(tmp_path_factory):
    """An index of the seed alone, and one of the seed plus the invented statements."""
    built = {}
    for name, sources in {
        "judged-seed.tsv": [SEED],
        "judged-corpus.tsv": [SEED, *sorted((RELEVANCE / "statements").glob("*.txt"))],
    }.items():
        data = tmp_path_factory.mktemp("relevance-data")
        for source in sources:
            shutil.copy(source, data / source.name)
        target = tmp_path_factory.mktemp("relevance-index")
        index.build_index(data, target)
        built[name] = index.open_index(target)
    return built


def test_judged_sets_are_large_and_varied():
    rows = judged("judged-seed.tsv") + judged("judged-corpus.tsv")
    assert len(rows) >= 60
    assert {kind for kind, _, _ in rows} == KINDS
    assert len(judged("judged-corpus.tsv")) >= 60
    assert len(list((RELEVANCE / "statements").glob("*.txt"))) >= 12


@pytest.mark.parametrize("name", ["judged-seed.tsv", "judged-corpus.tsv"])
def test_mean_reciprocal_rank(relevance_indexes, name, capsys):
    ranks = Counter()
    scores = []
    misses = []
    for kind, query, relevant in judged(name):
        score = reciprocal_rank(index.search(relevance_indexes[name], query), relevant)
        scores.append(score)
        ranks[kind] += score == 1.0
        if score < 1.0:
            misses.append(f"{query!r} ({kind}): {score:.2f}")
    mrr = sum(scores) / len(scores)
    with capsys.disabled():
        print(f"\n{name}: MRR {mrr:.3f} over {len(scores)} queries; below rank 1: {misses or 'none'}")
    assert mrr >= MRR_THRESHOLD, misses
