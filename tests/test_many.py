"""Many statements: a generated corpus of 200 statements, searched, filtered, grouped, updated."""

from __future__ import annotations

import math
import shutil
from dataclasses import replace

import pytest

import index
from bench.synthetic import force_names, write_corpus
from .conftest import MANY_STATEMENTS as STATEMENTS
from .conftest import client_of
from index.generation import integrity, layout, tokens
from index.results.facets import CHART_FORCES
from webapp.views import FORCES_SHOWN
from index.generation.vocabulary import load_vocabulary
from webapp import create_app


@pytest.fixture
def copies(many_dir, many_index_dir, tmp_path):
    """Private copies of the data and the built index, for tests that change them."""
    data, built = tmp_path / "data", tmp_path / "index"
    shutil.copytree(many_dir, data)
    shutil.copytree(many_index_dir, built, symlinks=True)
    return data, built


def hit_ids(results) -> list[tuple[str, int]]:
    return [(hit.statement, hit.paragraph) for hit in results.hits]


@pytest.fixture(scope="module")
def many_client(many_dir, many_index_dir):
    """A test client of the app on the 200 statements."""
    return client_of(many_dir, many_index_dir)


# ---- the generator ------------------------------------------------------------


def test_generator_is_deterministic(tmp_path):
    first = [p.read_text() for p in write_corpus(tmp_path / "a", 12, seed=9)]
    again = [p.read_text() for p in write_corpus(tmp_path / "b", 12, seed=9)]
    other = [p.read_text() for p in write_corpus(tmp_path / "c", 12, seed=10)]
    assert first == again and first != other


def test_generator_makes_parseable_statements_with_realistic_paragraphs(many_dir):
    statements, errors = index.load_statements(many_dir)
    assert (len(statements), errors) == (STATEMENTS, [])
    lengths = [len(p.text.split()) for s in statements for p in s.paragraphs]
    assert min(lengths) >= 40 and max(lengths) <= 200
    assert len({s.force for s in statements}) == 40 and len({s.period for s in statements}) == 5


def test_generator_scales_to_ten_thousand_names():
    assert len(set(force_names(2_000))) == 2_000


# ---- browsing -----------------------------------------------------------------


def test_the_whole_corpus_is_indexed(many, many_dir):
    paragraphs = sum(len(s.paragraphs) for s in index.load_statements(many_dir)[0])
    assert len(many.statements()) == STATEMENTS
    assert many.manifest()["paragraphs"] == paragraphs


def test_statement_list_grouped_and_sortable(many_client):
    by_force = many_client.get("/statements").get_data(as_text=True)
    assert by_force.count('scope="rowgroup" rowspan="5"') == 40
    by_period = many_client.get("/statements?sort=period").get_data(as_text=True)
    assert by_period.count('scope="rowgroup" rowspan="40"') == 5
    assert by_period.index(">2023/24</th>") < by_period.index(">2019/20</th>")
    assert many_client.get("/statements?sort=size").status_code == 400
    data = many_client.get("/api/statements?sort=period").get_json()
    assert data["sort"] == "period" and data["statements"][0]["period"] == "2023/24"


def test_statement_page_links_the_same_forces_other_periods(many_client, many):
    periods = many.periods_of(many.statements()[0].force)
    middle = periods[2]
    page = many_client.get(f"/statements/{middle.slug}").get_data(as_text=True)
    assert f'rel="prev" href="/statements/{periods[1].slug}"' in page
    assert f'rel="next" href="/statements/{periods[3].slug}"' in page
    first = many_client.get(f"/statements/{periods[0].slug}").get_data(as_text=True)
    assert 'rel="prev"' not in first and f'rel="next" href="/statements/{periods[1].slug}"' in first


def test_pages_make_only_the_catalogue_entries_they_show(many_dir, many_index_dir):
    """A page that shows a few statements does not make an entry for each of the 200."""
    app = create_app({"TESTING": True, "DATA_DIR": many_dir, "INDEX_DIR": many_index_dir, "RESULT_CACHE_SIZE": 0})
    client = app.test_client()
    catalogue = app.extensions["statement_index"].index.current().catalogue
    first = next(iter(catalogue))
    for path in ["/", "/search?q=funding", "/search?q=funding&view=flat", f"/statements/{first}"]:
        assert client.get(path).status_code == 200
    assert 0 < len(catalogue._made) <= 20


# ---- facets and filters -------------------------------------------------------


def test_facet_counts_add_up(many):
    results = index.search(many, "funding")
    assert results.total > 100
    assert sum(v.count for v in results.facets.forces) == results.total
    assert sum(v.count for v in results.facets.periods) == results.total
    assert [v.value for v in results.facets.periods] == ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]


def test_filters_really_filter_on_every_page(many):
    """The filter must reach the ranking too (Whoosh's collectors can silently drop it)."""
    everything = index.search(many, "funding")
    force = everything.facets.forces[3]
    narrowed = index.Filters(forces=(force.value,))
    first = index.search(many, "funding", filters=narrowed, page_size=5)
    assert first.total == force.count
    seen = []
    for page in range(1, first.pages + 1):
        seen += index.search(many, "funding", filters=narrowed, page=page, page_size=5).hits
    assert len(seen) == force.count
    assert {hit.force for hit in seen} == {force.value}


def test_choosing_a_force_keeps_the_other_forces_counts(many):
    everything = index.search(many, "funding")
    chosen = everything.facets.forces[0]
    narrowed = index.search(many, "funding", filters=index.Filters(forces=(chosen.value,)))
    assert narrowed.facets.forces == tuple(
        replace(v, selected=v.value == chosen.value) for v in everything.facets.forces
    )
    assert sum(v.count for v in narrowed.facets.periods) == chosen.count


def test_force_and_period_filters_combine(many):
    everything = index.search(many, "funding")
    force, period = everything.facets.forces[0].value, "2021/22"
    both = index.search(many, "funding", filters=index.Filters((force,), (period,)), page_size=100)
    assert both.total == len(both.hits) > 0
    assert {(h.force, h.period) for h in both.hits} == {(force, period)}
    two_periods = index.search(many, "funding", filters=index.Filters(periods=("2019/20", "2023/24")))
    counts = {v.value: v.count for v in everything.facets.periods}
    assert two_periods.total == counts["2019/20"] + counts["2023/24"]


def test_statement_filter(many):
    slug = index.search(many, "funding").hits[0].statement
    results = index.search(many, "funding", filters=index.Filters(statement=slug), page_size=50)
    assert {hit.statement for hit in results.hits} == {slug}
    assert results.total == len(results.hits)


def test_too_many_filter_values_are_refused(many):
    with pytest.raises(index.QueryError, match="at most 20 forces"):
        index.search(many, "funding", filters=index.Filters(forces=tuple(force_names(21))))


# ---- grouping and paging ------------------------------------------------------


def test_grouped_view_is_the_best_paragraph_of_each_statement(many):
    grouped = index.search(many, "funding", grouped=True, page_size=10)
    flat = index.search(many, "funding", page_size=100)
    assert len({hit.statement for hit in grouped.hits}) == 10
    assert grouped.pages == math.ceil(grouped.statements / 10)
    best = {}
    for hit in flat.hits:
        best.setdefault(hit.statement, hit)
    assert hit_ids(grouped) == [(h.statement, h.paragraph) for h in list(best.values())[:10]]
    for hit in grouped.hits:
        alone = index.search(many, "funding", filters=index.Filters(statement=hit.statement))
        assert hit.more_in_statement == alone.total - 1


def test_grouped_pages_do_not_repeat_statements(many):
    pages = [index.search(many, "funding", grouped=True, page=n, page_size=10) for n in (1, 2, 3)]
    statements = [hit.statement for page in pages for hit in page.hits]
    assert len(statements) == len(set(statements)) == 30


def test_flat_pages_partition_the_ranking(many):
    whole = hit_ids(index.search(many, "crime", page_size=30))
    pieces = [hit_ids(index.search(many, "crime", page=n, page_size=10)) for n in (1, 2, 3)]
    assert pieces[0] + pieces[1] + pieces[2] == whole


def test_deep_paging_is_capped(many):
    results = index.search(many, "the", page_size=1)
    assert results.total > index.MAX_PAGE and results.pages == index.MAX_PAGE
    with pytest.raises(index.QueryError, match="Choose a page from 1 to 100"):
        index.search(many, "the", page=index.MAX_PAGE + 1, page_size=1)


# ---- the web pages and API on many statements ----------------------------------


def test_results_page_facets_filters_and_chart(many_client, many):
    everything = index.search(many, "funding")
    force = everything.facets.forces[0]
    page = many_client.get("/search?q=funding").get_data(as_text=True)
    counts = f"{force.count} paragraphs in {force.statements} statements"
    assert f'name="force" value="{force.value}">\n            <label for="facet-force-1">{force.value} ({counts})</label>' in page
    assert "Showing the best paragraph of each statement." in page
    assert "more in this statement" in page
    # Every force's statements mention funding in the 8 highest shares: a force chart would compare nothing.
    assert page.count('<rect class="bar"') == page.count('<rect class="bar-track"') == 5
    rural = many_client.get("/search?q=rural").get_data(as_text=True)
    assert rural.count('<rect class="bar"') == rural.count('<rect class="bar-track"') == 5 + 8
    assert '<caption id="chart-table-period">Statements that match, per period</caption>' in page
    narrowed = many_client.get(f"/search?q=funding&force={force.value}&view=grouped").get_data(as_text=True)
    assert f'Force: {force.value} <span aria-hidden="true">×</span>' in narrowed
    assert 'href="/search?q=funding&amp;view=grouped">Force:' in narrowed  # one click removes it
    assert f"{force.count} paragraphs match" in narrowed


def test_the_force_chart_says_how_many_forces_have_matches_beyond_those_drawn(many_client, many):
    """38 forces match "rural"; the chart draws the eight highest and says of how many."""
    matching = sum(1 for v in index.search(many, "rural").facets.forces if v.statements)
    assert matching > CHART_FORCES
    page = many_client.get("/search?q=rural").get_data(as_text=True)
    assert f": the {CHART_FORCES} highest of {matching} forces with matches</figcaption>" in page


def test_the_page_lists_the_first_forces_and_folds_the_rest(many_client, many):
    """Forty forces match "funding": the first FORCES_SHOWN are listed to narrow by, the others
    under "Show all 40 forces" (a <details>: it opens without script)."""
    forces = index.search(many, "funding").facets.forces
    page = many_client.get("/search?q=funding").get_data(as_text=True)
    facet = page[page.index('<legend class="facet-title">Force</legend>'):]
    first = facet[: facet.index("</ul>")]
    assert first.count('<li class="facet-option">') == FORCES_SHOWN
    assert all(f">{v.value} (" in first for v in forces[:FORCES_SHOWN])
    assert f">{forces[FORCES_SHOWN].value} (" not in first
    folded = facet[facet.index('<details class="more-forces">'):facet.index("</details>")]
    assert f"<summary>Show all {len(forces)} forces</summary>" in folded
    assert folded.count('<li class="facet-option">') == len(forces) - FORCES_SHOWN
    assert all(f">{v.value} (" in folded for v in forces[FORCES_SHOWN:])


def test_api_filters_and_facets(many_client, many):
    everything = index.search(many, "funding")
    forces = [v.value for v in everything.facets.forces[:2]]
    data = many_client.get(
        "/api/search", query_string={"q": "funding", "force": forces, "period": "2022/23", "view": "grouped"}
    ).get_json()
    assert data["filters"] == {"forces": forces, "periods": ["2022/23"], "statement": None}
    assert data["grouped"] is True
    assert {(hit["force"], hit["period"]) for hit in data["hits"]} <= {(f, "2022/23") for f in forces}
    assert {f["value"] for f in data["facets"]["forces"] if f["selected"]} == set(forces)
    assert sum(f["count"] for f in data["facets"]["periods"] if f["selected"]) == data["total"]
    assert many_client.get("/api/search?q=funding&view=tiles").status_code == 400


# ---- incremental updates --------------------------------------------------------


@pytest.mark.slow
def test_changing_one_file_reindexes_only_it(copies, monkeypatch):
    data, built = copies
    analysed = []
    real = tokens.analyse_statement
    monkeypatch.setattr(tokens, "analyse_statement", lambda s: analysed.append(s.slug) or real(s))
    path = sorted(data.rglob("*.txt"))[7]
    slug = index.text.statements.read_statement(path).slug
    text = path.read_text().replace("The force says...", "The force says...\n\nA zeppelin hangar opened.")
    path.write_text(text)
    before = layout.current_generation(built)
    report = index.build_index(data, built)
    assert (report.added, report.changed, report.removed, report.full) == ((), (slug,), (), False)
    reader = index.open_index(built)
    assert hit_ids(index.search(reader, "zeppelin hangar")) == [(slug, 1)]
    # Unchanged statements were not analysed again: their tokens came from the live score table.
    assert analysed == [slug]
    assert layout.current_generation(built) != before
    # Both generations are whole: the update shared Whoosh's files by hard links and wrote none in place.
    assert integrity.problems(before) == [] == integrity.problems(layout.current_generation(built))


@pytest.mark.slow
def test_deleting_a_file_removes_its_statement(copies):
    data, built = copies
    path = sorted(data.rglob("*.txt"))[3]
    slug = index.text.statements.read_statement(path).slug
    path.unlink()
    report = index.build_index(data, built)
    assert (report.added, report.changed, report.removed) == ((), (), (slug,))
    reader = index.open_index(built)
    assert reader.statement_info(slug) is None
    assert index.search(reader, "funding", filters=index.Filters(statement=slug)).total == 0
    assert slug not in {v.value for v in index.search(reader, "the").facets.forces}
    assert len(reader.statements()) == STATEMENTS - 1


def test_adding_a_file_adds_its_statement(copies):
    data, built = copies
    (data / "new").mkdir()
    (data / "new" / "zed.txt").write_text("Zedshire 2024/25\n\nThe zeppelin hangar opened.\n")
    report = index.build_index(data, built)
    assert (report.added, report.changed, report.removed) == (("zedshire-2024-25",), (), ())
    assert hit_ids(index.search(index.open_index(built), "zeppelin")) == [("zedshire-2024-25", 1)]


@pytest.mark.slow
def test_update_and_full_rebuild_agree(copies):
    data, built = copies
    paths = sorted(data.rglob("*.txt"))
    paths[0].unlink()
    paths[1].write_text(paths[1].read_text().replace("funding", "money"))
    updated = index.build_index(data, built)
    rebuilt_dir = built.parent / "rebuilt"
    rebuilt = index.build_index(data, rebuilt_dir, full=True)
    assert (updated.statements, updated.paragraphs) == (rebuilt.statements, rebuilt.paragraphs)
    # The vocabulary kept up to date word by word equals one counted afresh.
    updated_words = load_vocabulary(layout.current_generation(built)).counts
    assert updated_words == load_vocabulary(layout.current_generation(rebuilt_dir)).counts
    assert "money" in updated_words
    for query in ("funding", "money", '"organised crime groups"', "polic*"):
        a = index.search(index.open_index(built), query, page_size=100)
        b = index.search(index.open_index(rebuilt_dir), query, page_size=100)
        assert a.total == b.total
        assert sorted(hit_ids(a)) == sorted(hit_ids(b))


def test_duplicate_and_bad_files_at_scale(copies):
    data, built = copies
    original = sorted(data.rglob("*.txt"))[5]
    (data / "copies").mkdir()
    shutil.copy(original, data / "copies" / "again.txt")
    (data / "copies" / "broken.txt").write_text("not a statement")
    report = index.build_index(data, built)
    reasons = {e.source: e.reason for e in report.skipped}
    assert set(reasons) == {"copies/again.txt", "copies/broken.txt"}
    assert original.relative_to(data).as_posix() in reasons["copies/again.txt"]
    assert report.statements == STATEMENTS


@pytest.mark.slow
def test_progress_is_reported(copies, tmp_path):
    data, _ = copies
    seen = []
    report = index.build_index(data, tmp_path / "fresh", progress=seen.append)
    assert len(seen) == STATEMENTS
    assert seen[-1].statements_done == seen[-1].statements_total == STATEMENTS
    assert seen[-1].paragraphs_done == report.paragraphs
    assert [p.statements_done for p in seen] == list(range(1, STATEMENTS + 1))
    assert seen[-1].rate == seen[-1].paragraphs_done / seen[-1].seconds


@pytest.mark.parametrize(("paragraphs", "seconds", "rate"), [(500, 2.0, 250.0), (500, 0.0, 0.0), (0, 3.0, 0.0)])
def test_the_rate_is_paragraphs_per_second(paragraphs, seconds, rate):
    assert index.Progress(1, 2, paragraphs, seconds).rate == rate


@pytest.mark.slow
def test_cli_on_many_statements(copies):
    data, built = copies
    app = create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": built, "AUTO_BUILD": False})
    cli = app.test_cli_runner()
    assert cli.invoke(args=["index", "build"]).stdout.startswith(f"Index is up to date: {STATEMENTS} statements")
    sorted(data.rglob("*.txt"))[0].unlink()
    updated = cli.invoke(args=["index", "build", "--quiet"]).stdout
    assert "Updated the index: 199 statements" in updated and "0 added, 0 changed, 1 removed" in updated
    stats = cli.invoke(args=["index", "stats"]).stdout.splitlines()
    assert stats[0] == "Statements:  199 (40 forces, 5 periods)"
    force = index.search(index.open_index(built), "funding").facets.forces[0]
    found = cli.invoke(args=["index", "search", "funding", "--force", force.value]).stdout
    assert found.startswith(f"{force.count} paragraphs match 'funding'")
    assert found.count(f". {force.value} ") == min(10, force.count)


@pytest.mark.parametrize(
    "query",
    ["funding demand", "mental health", "police", '"organised crime groups"', "knife OR drugs OR burglary",
     "invest*", "fundng", "funding -demand", "rural theft"],
)
def test_totals_count_every_match(many_index_dir, query):
    """The total is every paragraph Whoosh's own matchers find for the same query tree."""
    from index.rank.reference import whoosh_query
    from index.query.understand import understand

    reader = index.open_index(many_index_dir, cache_size=0)
    results = index.search(reader, query)
    with reader.reading() as (generation, searcher):
        meaning = understand(query, generation)
        independent = len(set(searcher.docs_for_query(whoosh_query(meaning.query))))
    assert results.total == independent > 0
    assert sum(v.count for v in results.facets.forces) == independent


def test_whooshs_other_operators_work_as_the_readme_says(many):
    """AND is the default between words and may be typed; REQUIRE is AND; ANDNOT is NOT;
    ANDMAYBE ranks paragraphs that also have the word first without requiring it."""
    plain, both = index.search(many, "police"), index.search(many, "police crime")
    assert 0 < both.total < plain.total
    assert index.search(many, "police AND crime").total == index.search(many, "police REQUIRE crime").total == both.total
    without = index.search(many, "police NOT crime").total
    assert index.search(many, "police ANDNOT crime").total == without == plain.total - both.total
    maybe = index.search(many, "police ANDMAYBE crime", page_size=20)
    assert maybe.total == plain.total
    assert all("crime" in hit.text.lower() for hit in maybe.hits)
