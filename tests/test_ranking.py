"""Ranking where ranking decides: the rival set, the product against plain BM25.

Every query of `tests/relevance/judged-rivals*.tsv` has at least three
paragraphs that hold all its words and are not what a person wants
(`tests/rivals.py` checks it), so a search that only matches scores badly
here. The test prints MRR, top-1 and top-3 per kind of query for the product
and for plain BM25 (every word required, Whoosh's BM25F over the same index,
no boosts, no corrections, no fallback), and fails when the product's MRR
falls below MRR_FLOOR (0.95), when a query's relevant paragraph is not in its
first three, or when its lead over plain BM25 falls below 0.20.

Without any one of the lead boost, question handling, four-letter typos or
the gentler as-typed boost, MRR falls below the floor; without a question's
light verbs made optional, "How does Wyvern Coast keep victims updated?"
loses its answer. (The telling-word fallback is guarded by
tests/test_understanding.py: the two queries of this set that fall back
rank the same without it.)

The rival set is the one the ranking was tuned on. One of its rows was
rewritten after the tuning (see its comment in judged-rivals-a.tsv): as first
written, its quoted phrase was not in its judged paragraph, and the set
scored MRR 0.947 with one answer outside the first three. `judged-heldout.tsv` (40
queries, five of each kind) was written and judged blind after the tuning:
its table shows how far the features generalise, and its floor
(HELD_OUT_FLOOR) only guards against a regression. One later constant,
boosts.LEAD_SENTENCE_WORDS, was chosen with its figures printed beside the
tuned sets' (docs/ranking.md; `python -m tests.sweep` prints such a sweep).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
from whoosh import query as wq
from whoosh.scoring import BM25F

import index
from index.text.analysis import analyse_words, word_stem

from .rivals import KINDS, MIN_RIVALS, RELEVANCE, Judged, holding, judged_file, judged_rivals, phrases_held, rivals, sources, unknown_ids

MRR_FLOOR = 0.95
MARGIN_OVER_BM25 = 0.20
# The held-out set was judged after the ranking was tuned: its floor guards against a regression,
# under what it measured (0.899 then, 0.930 now), not a goal.
HELD_OUT = RELEVANCE / "judged-heldout.tsv"
HELD_OUT_FLOOR = 0.85
MIN_QUERIES = 150
MIN_PER_KIND = 15


@pytest.fixture(scope="module")
def rival_index(tmp_path_factory):
    """One index of every statement the rival set is judged over."""
    data = tmp_path_factory.mktemp("rival-data")
    for source in sources():
        shutil.copy(source, data / source.name)
    target = tmp_path_factory.mktemp("rival-index")
    index.build_index(data, target)
    return index.open_index(target, cache_size=0)


def product_ranking(statement_index, query: str) -> list[str]:
    """Paragraph ids of the product's first page of results, best first (every paragraph, not grouped)."""
    # Unhurried: a busy machine must not cut a search short and change the ranking measured.
    results = index.search(statement_index, query, grouped=False, time_limit=60)
    return [f"{hit.statement}#p{hit.paragraph}" for hit in results.hits]


def plain_bm25_ranking(statement_index, query: str) -> list[str]:
    """The first page by plain BM25: every word's stem required, Whoosh's BM25F with its own
    defaults (B 0.75, K1 1.2) over the same index, ties in corpus order."""
    stems = tuple(dict.fromkeys(word_stem(word) for word in analyse_words(query)))
    wanted = wq.And([wq.Term("text", stem) for stem in stems])
    with statement_index.reading() as (generation, _):
        order = {slug: number for number, slug in enumerate(generation.catalogue)}
        with generation.whoosh.searcher(weighting=BM25F()) as searcher:
            found = searcher.search(wanted, limit=None)
            matches = [(hit["statement"], hit["paragraph"], hit.score) for hit in found]
    matches.sort(key=lambda match: (-match[2], order[match[0]], match[1]))
    return [f"{slug}#p{number}" for slug, number, _ in matches[: index.PAGE_SIZE]]


def rank_of(ranking: list[str], relevant: frozenset[str]) -> int | None:
    """1-based rank of the first relevant paragraph, None when none is on the page."""
    return next((rank for rank, found in enumerate(ranking, 1) if found in relevant), None)


@dataclass(frozen=True)
class Scores:
    """How one ranker did on some queries."""

    queries: int
    mrr: float
    top1: float
    top3: float

    @classmethod
    def of(cls, ranks: list[int | None]) -> Scores:
        count = len(ranks) or 1
        return cls(
            len(ranks),
            sum(1 / rank for rank in ranks if rank) / count,
            sum(rank == 1 for rank in ranks) / count,
            sum(rank is not None and rank <= 3 for rank in ranks) / count,
        )


def scores_by_kind(rows: list[Judged], ranks: list[int | None], kinds: tuple[str, ...] = KINDS) -> dict[str, Scores]:
    """Scores per kind of query, and over all of them ("all")."""
    by_kind = {kind: Scores.of([r for row, r in zip(rows, ranks) if row.kind == kind]) for kind in kinds}
    by_kind["all"] = Scores.of(ranks)
    return by_kind


def table(product: dict[str, Scores], plain: dict[str, Scores]) -> str:
    lines = [
        f"{'kind':<11}{'queries':>8}  {'MRR':>6}{'top-1':>7}{'top-3':>7}   {'BM25 MRR':>8}{'top-1':>7}{'top-3':>7}",
    ]
    for kind, ours in product.items():
        theirs = plain[kind]
        lines.append(
            f"{kind:<11}{ours.queries:>8}  {ours.mrr:>6.3f}{ours.top1:>7.0%}{ours.top3:>7.0%}"
            f"   {theirs.mrr:>8.3f}{theirs.top1:>7.0%}{theirs.top3:>7.0%}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("rows, queries, per_kind", [
    pytest.param(judged_rivals(), MIN_QUERIES, MIN_PER_KIND, id="rival set"),
    pytest.param(judged_file(HELD_OUT), 40, 5, id="held-out set"),
])
def test_the_sets_measure_ranking(rows, queries, per_kind):
    """Enough queries of every kind, each judged on real paragraphs, each with three rivals."""
    assert len(rows) >= queries
    for kind in KINDS:
        assert sum(row.kind == kind for row in rows) >= per_kind, kind
    for row in rows:
        assert row.kind in KINDS, row
        assert not unknown_ids(row), row
        assert row.relevant & holding(row.words), f"no relevant paragraph holds the words: {row}"
        assert phrases_held(row), f"no relevant paragraph holds the quoted phrase: {row}"
        assert len(rivals(row)) >= MIN_RIVALS, f"fewer than {MIN_RIVALS} rivals: {row}"


def test_the_held_out_set_asks_what_the_rival_set_does_not():
    asked = {frozenset(row.query.lower().split()) for row in judged_rivals()}
    assert not [row.query for row in judged_file(HELD_OUT) if frozenset(row.query.lower().split()) in asked]


@dataclass(frozen=True)
class Measured:
    """The product and plain BM25 on one judged set: each query's rank, the scores by kind, the misses."""

    ours: list[int | None]
    theirs: list[int | None]
    product: dict[str, Scores]
    plain: dict[str, Scores]
    misses: list[str]


def measure(statement_index, rows: list[Judged], title: str, kinds: tuple[str, ...] = KINDS) -> Measured:
    """Rank every row's query both ways, and print the table and the misses under `title`."""
    ours = [rank_of(product_ranking(statement_index, row.query), row.relevant) for row in rows]
    theirs = [rank_of(plain_bm25_ranking(statement_index, row.query), row.relevant) for row in rows]
    product, plain = scores_by_kind(rows, ours, kinds), scores_by_kind(rows, theirs, kinds)
    misses = [f"  {rank or '-':>2}  {row.kind:<10} {row.query}" for row, rank in zip(rows, ours) if rank != 1]
    print(f"\n{title}: the product against plain BM25\n{table(product, plain)}")
    print("Below rank 1 (rank, kind, query):\n" + ("\n".join(misses) or "  none"))
    return Measured(ours, theirs, product, plain, misses)


def test_ranking_beats_plain_bm25(rival_index, capsys):
    with capsys.disabled():
        measured = measure(rival_index, judged_rivals(), "Rival set")
    product, plain, misses = measured.product, measured.plain, measured.misses
    assert product["all"].mrr >= MRR_FLOOR, misses
    assert product["all"].top3 == 1.0, [miss for miss in misses if miss.split()[0] not in ("2", "3")]
    assert product["all"].mrr - plain["all"].mrr >= MARGIN_OVER_BM25


def test_ranking_holds_on_the_held_out_set(rival_index, capsys):
    """The same measures on queries judged blind after tuning: how far the features generalise."""
    rows = judged_file(HELD_OUT)
    # Rows whose answer is no answer of the rival set: the most independent of the tuning.
    tuned_answers = set().union(*(row.relevant for row in judged_rivals()))
    fresh = [not row.relevant & tuned_answers for row in rows]
    with capsys.disabled():
        measured = measure(rival_index, rows, "Held-out set (judged blind after the tuning)")
        fresh_ours = Scores.of([rank for rank, keep in zip(measured.ours, fresh) if keep])
        fresh_plain = Scores.of([rank for rank, keep in zip(measured.theirs, fresh) if keep])
        print(f"Of them, the {fresh_ours.queries} whose answer answers no query of the rival set: "
              f"MRR {fresh_ours.mrr:.3f} (plain BM25 {fresh_plain.mrr:.3f})")
    assert measured.product["all"].mrr >= HELD_OUT_FLOOR, measured.misses
    assert measured.product["all"].mrr - measured.plain["all"].mrr >= MARGIN_OVER_BM25
