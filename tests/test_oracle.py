"""The oracle: the score-table engine returns exactly what Whoosh's own matchers return.

For hundreds of generated searches of every kind (words, AND, OR, NOT,
phrases, prefix*, typos, named forces and periods, the fallback, filters,
grouped and flat, pages 1 to 3), on the 200-statement corpus and on the seed
with the test statements: same total, same paragraphs in the same order,
same scores, same facet counts (paragraphs, statements, all statements per force and
period). Also after an incremental update, and an updated index ranks
exactly as a full build of the same files.
"""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from whoosh import index as whoosh_index

import index
from index.generation import layout, tokens
from index.generation.schema import ParagraphCodec
from index.query.understand import understand
from index.rank import engine, pages
from index.results.search import find, paragraph_fields

from .oracle import (
    KINDS, exercises_a_boost, generate, reference_page, reference_ranking, repeats_last, same_words_by_paragraph,
    wording_groups,
)

CASES_PER_CORPUS = 600
# The shared corpus is small (199 paragraphs): fewer cases cover it.
SHARED_CASES = 300


def page_of(results) -> list[tuple[str, int, float]]:
    return [(hit.statement, hit.paragraph, hit.score) for hit in results.hits]


def exact_page(statement_index, case) -> list[tuple[str, int, float]]:
    """The page of a case as the engine ranks it, with its scores unrounded (hits show them to 4 places)."""
    with statement_index.reading() as (generation, _):
        found = find(generation, case.text, case.filters, False, engine.Deadline())
        shown = pages.page_of(found.matches, generation.columns, case.page, 10, case.grouped)
        return [
            (fields["statement"], fields["paragraph"], float(score))
            for doc, score in zip(shown.docs, shown.scores)
            for fields in [paragraph_fields(generation, doc)]
        ]


def checked_refusals(refused: list[str], cases: int, what: str) -> None:
    """Cases the product refused (a prefix* of too many words, ...): reported, and at most 1 in 20."""
    print(f"{what}: {len(refused)} of {cases} cases refused {refused}")
    assert len(refused) <= cases // 20, refused


def assert_same(statement_index, cases) -> None:
    """Every case: the product's page equals the reference page, scores to the bit (and almost every case runs)."""
    refused = []
    same = same_words_by_paragraph(statement_index)
    for case in cases:
        try:
            results = index.search(
                statement_index, case.text, page=case.page, filters=case.filters, grouped=case.grouped, time_limit=60
            )
        except index.QueryError:
            refused.append(case.text)
            continue
        expected = reference_page(statement_index, case)
        # Scores agree to the bit; hits show them rounded to 4 places.
        exact = exact_page(statement_index, case)
        assert exact == expected.hits, case
        assert page_of(results) == [(slug, number, round(score, 4)) for slug, number, score in exact], case
        assert (results.total, results.statements) == (expected.total, expected.statements), case
        forces, periods = results.facets.forces, results.facets.periods
        assert {v.value: v.count for v in forces if v.count} == expected.forces, case
        assert {v.value: v.count for v in periods if v.count} == expected.periods, case
        assert {v.value: v.statements for v in forces if v.statements} == expected.force_statements, case
        assert {v.value: v.statements for v in periods if v.statements} == expected.period_statements, case
        # Every force listed, and every period, with all its statements under the same filters.
        assert all(v.all_statements == expected.force_all[v.value] for v in forces), case
        assert {v.value: v.all_statements for v in periods if v.all_statements} == expected.period_all, case
        assert [hit.repeat for hit in results.hits] == [(h.statement, h.paragraph) in expected.moved for h in results.hits], case
        assert [[(o.statement, o.paragraph) for o in hit.same_words] for hit in results.hits] == [
            same[(hit.statement, hit.paragraph)] for hit in results.hits
        ], case
        for hit in results.hits:
            more = expected.per_statement[hit.statement] - 1 if case.grouped else 0
            assert hit.more_in_statement == more, case
    checked_refusals(refused, len(cases), "oracle")


@pytest.fixture(scope="module")
def many_cases(many):
    return generate(many, CASES_PER_CORPUS, seed=1)


@pytest.mark.slow
def test_the_cases_cover_every_kind_and_option(many_cases):
    kinds = Counter(case.kind for case in many_cases)
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 25
    assert {case.page for case in many_cases} == {1, 2, 3, 40}
    assert {case.grouped for case in many_cases} == {True, False}
    assert any(case.filters.forces for case in many_cases) and any(case.filters.periods for case in many_cases)
    assert any(case.filters.statement for case in many_cases)


# At least this share of the generated searches match a paragraph through a boost for words standing
# together (typed together, a name, a name opening a paragraph or followed by what it is).
BOOSTED_SHARE = 0.30


@pytest.mark.parametrize("corpus", ["many", "statement_index"])
def test_the_cases_exercise_the_boosts(corpus, request, many_cases):
    """A share of the cases whose boosted phrases or names match: the oracle checks those boosts too."""
    statement_index = request.getfixturevalue(corpus)
    cases = many_cases if corpus == "many" else generate(statement_index, CASES_PER_CORPUS, seed=2)
    share = sum(exercises_a_boost(statement_index, case) for case in cases) / len(cases)
    print(f"\n{corpus}: {share:.0%} of {len(cases)} generated searches match through a boosted phrase or name")
    assert share >= BOOSTED_SHARE


@pytest.mark.slow
def test_engine_equals_whoosh_on_many_statements(many, many_cases):
    assert_same(many, many_cases)


def test_engine_equals_whoosh_on_the_seed_and_test_statements(statement_index):
    assert_same(statement_index, generate(statement_index, CASES_PER_CORPUS, seed=2))


def test_engine_equals_whoosh_on_the_shared_corpus(shared_index):
    """../shared/corpus carries paragraphs from year to year with their figures changed: the pages
    must move the same repeats after the rest as the reference does, and list the same other years.
    A good share of its generated pages hold a repeat the reference moved."""
    cases = generate(shared_index, SHARED_CASES, seed=7)
    assert_same(shared_index, cases)
    groups = wording_groups(shared_index)
    moved = 0
    for case in cases:
        with shared_index.reading() as (generation, _):
            try:
                tree = understand(case.text, generation).query
            except index.QueryError:
                continue
            ranking = reference_ranking(generation, tree, case.filters)
        moved += repeats_last(ranking, groups) != ranking
    print(f"\nshared corpus: {moved} of {len(cases)} generated searches move a repeat")
    assert moved >= len(cases) // 10


@pytest.mark.slow
def test_whole_rankings_agree_to_the_last_paragraph(many, many_cases):
    """Not only the pages shown: every match, in order, with the same score."""
    refused = []
    with many.reading() as (generation, _):
        for case in many_cases[:120]:
            try:
                meaning = understand(case.text, generation)
            except index.QueryError:
                refused.append(case.text)
                continue
            for tree in filter(None, (meaning.query, meaning.fallback)):
                matches = engine.Evaluator(generation.table, generation.columns).run(tree)
                order = pages.ranked(matches, 0)
                statement_of = generation.table.statement
                slugs = list(generation.catalogue)
                found = [
                    (slugs[statement_of[doc]], int(generation.table.paragraph[doc]), float(score))
                    for doc, score in zip(matches.docs[order], matches.scores[order])
                ]
                expected = reference_ranking(generation, tree, index.Filters())
                assert found == expected, case
    checked_refusals(refused, 120, "whole rankings")


@pytest.fixture(scope="module")
def updated(many_dir, many_index_dir, tmp_path_factory):
    """The 200 statements changed three ways, brought up to date incrementally and built afresh."""
    work = tmp_path_factory.mktemp("updated")
    data, built, fresh = work / "data", work / "index", work / "fresh"
    shutil.copytree(many_dir, data)
    shutil.copytree(many_index_dir, built, symlinks=True)
    paths = sorted(data.rglob("*.txt"))
    paths[0].unlink()  # removed
    paths[7].write_text(paths[7].read_text().replace("funding", "money").replace("police", "constabulary"))
    (data / "z").mkdir(exist_ok=True)
    shutil.copy(paths[9], data / "z" / "zedshire-2024-25.txt")
    text = (data / "z" / "zedshire-2024-25.txt").read_text().splitlines()
    text[[n for n, line in enumerate(text) if "20" in line][0]] = "Zedshire 2024/25"
    (data / "z" / "zedshire-2024-25.txt").write_text("\n".join(text) + "\nThe zeppelin funding was agreed.\n")
    report = index.build_index(data, built)
    assert not report.full and (len(report.added), len(report.changed), len(report.removed)) == (1, 1, 1)
    assert index.build_index(data, fresh, full=True).full
    return index.open_index(built, cache_size=0), index.open_index(fresh, cache_size=0)


@pytest.mark.slow
def test_engine_equals_whoosh_after_an_incremental_update(updated):
    after_update, _ = updated
    assert_same(after_update, generate(after_update, 150, seed=3))


@pytest.mark.slow
def test_an_update_ranks_exactly_as_a_full_build(updated):
    """Order and scores, not only which paragraphs: deleted paragraphs leave no trace in the statistics."""
    after_update, full_build = updated
    for case in generate(full_build, 150, seed=5):
        a = index.search(after_update, case.text, page=case.page, filters=case.filters, grouped=case.grouped)
        b = index.search(full_build, case.text, page=case.page, filters=case.filters, grouped=case.grouped)
        assert (a.total, page_of(a), a.facets) == (b.total, page_of(b), b.facets), case
        assert exact_page(after_update, case) == exact_page(full_build, case), case  # scores to the bit


@pytest.mark.slow
def test_a_build_in_parallel_processes_scores_exactly_as_one_process(many_dir, many, tmp_path, monkeypatch):
    """Workers analyse, and Whoosh writes one segment per process: the statistics still add up."""
    monkeypatch.setattr(tokens, "PARALLEL_FROM_PARAGRAPHS", 0)
    monkeypatch.setattr(tokens, "WORKERS", 2)  # two processes even on a one-core machine
    index.build_index(many_dir, tmp_path / "parallel")
    ix = whoosh_index.open_dir(str(layout.current_generation(tmp_path / "parallel")))
    assert {type(segment.codec()) for segment in ix._segments()} == {ParagraphCodec}  # the writers' codec too
    ix.close()
    parallel = index.open_index(tmp_path / "parallel", cache_size=0)
    with parallel.reading() as (_, searcher):
        assert len(list(searcher.reader().leaf_readers())) >= 2
    cases = generate(many, 120, seed=6)
    assert_same(parallel, cases)
    for case in cases[:60]:
        a = index.search(parallel, case.text, page=case.page, filters=case.filters, grouped=case.grouped)
        b = index.search(many, case.text, page=case.page, filters=case.filters, grouped=case.grouped)
        assert (a.total, page_of(a)) == (b.total, page_of(b)), case
        assert exact_page(parallel, case) == exact_page(many, case), case  # scores to the bit


@pytest.mark.slow
def test_an_updated_score_table_is_the_full_builds_to_the_byte(updated):
    """Stems only removed statements used are gone, and every posting, score and position is the same."""
    after_update, full_build = updated
    with after_update.reading() as (a, _), full_build.reading() as (b, _):
        assert a.table.stems == b.table.stems
        names = ("term_starts", "docs", "scores", "position_starts", "positions", "statement", "paragraph", "lead",
                 "wording", "copy_of")
        for name in names:
            assert (getattr(a.table, name) == getattr(b.table, name)).all(), name
