"""A paragraph carried into a later year with only its figures changed: one group, its best first.

The build gives each paragraph the first of its force with the same wording,
figures aside (index/text/wording.py, index/generation/repeats.py). Ranked by
relevance, a group's best paragraph comes first and its repeats after every
other match; each hit names the other years that say the same. Checked on a
statement pair written here, and on ../shared/corpus, whose forces carry
paragraphs from year to year (Kettlewick's Operation Weftline paragraph, four
years running with the same words).
"""

from __future__ import annotations

import numpy as np
import pytest

import index
from index.generation.repeats import first_copies, wording_key
from index.text.analysis import analyse_words
from index.text.wording import wording

from .test_app import text_of

STATEMENT = """More about this area

Testshire {period}

The logo of Testshire Police

The force says...

In {year} the heron team ringed {count} herons on the river and the marsh.

The heron count on the marsh was low this year, the team says, and the river too.

Herons nest by the marsh and the team guards them.

Disclaimer: written for this test.
"""


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """Testshire 2021/22 and 2022/23: the first paragraph carried over with new figures; Otherton 2022/23
    with the same words (another force: not a repeat)."""
    data = tmp_path_factory.mktemp("repeats-data")
    for slug, period, year, count in (("testshire-2021-22", "2021/22", 2021, 40), ("testshire-2022-23", "2022/23", 2022, 55)):
        (data / f"{slug}.txt").write_text(STATEMENT.format(period=period, year=year, count=count), encoding="utf-8")
    other = STATEMENT.format(period="2022/23", year=2022, count=55).replace("Testshire", "Otherton")
    (data / "otherton-2022-23.txt").write_text(other, encoding="utf-8")
    target = tmp_path_factory.mktemp("repeats-index")
    index.build_index(data, target)
    return index.open_index(target, cache_size=0)


def test_wording_sets_figures_aside():
    assert wording("In 2019 the unit closed 86 lines, £2.1 million.") == "in # the unit closed # lines # million"
    assert wording("In 2021 the unit closed 112 lines, £9 million.") == "in # the unit closed # lines # million"
    assert wording("COVID-19: 1,340 fines, 2023/24") == "covid # # fines # #"
    assert wording("In 2021 the unit opened 112 lines") != wording("In 2021 the unit closed 112 lines")
    assert wording("Phase 1/2 of the plan") != wording("Phase 3 of the plan")  # a figure is a word still
    assert wording("2,180 - 14.2%") == ""


def test_first_copies_are_of_earlier_statements_of_the_force():
    forces = ["A", "A", "A", "B", "A", "A", "A", "A"]
    statements = [0, 0, 0, 1, 2, 2, 2, 2]
    texts = ["closed 86 lines", "other words", "closed 99 lines", "closed 86 lines", "closed 112 lines", "2019",
             "other words", "2020"]
    # 2 differs from 0 only in a figure but stands in the same statement: not a repeat. 3 is another
    # force's. 4 repeats 0 and 6 repeats 1 (an earlier statement of their force); 5 and 7 hold figures alone.
    keys = [wording_key(analyse_words(text)) for text in texts]
    assert keys[5] == keys[7] == 0 and keys[0] == keys[4] != keys[1]
    assert first_copies(forces, statements, keys).tolist() == [0, 1, 2, 3, 0, 5, 1, 7]
    # One paragraph of a wording in the first statement, two in the next (and the other way round): the
    # second of the two is no repeat of the first, nor of anything.
    assert first_copies(["A"] * 3, [0, 1, 1], [9, 9, 9]).tolist() == [0, 0, 2]
    assert first_copies(["A"] * 3, [0, 0, 1], [9, 9, 9]).tolist() == [0, 1, 0]


CHAINED = {
    # One paragraph of its kind in 2021/22, two in 2022/23 (figures apart), two in 2023/24 with another between.
    "testshire-2021-22": ["In 2021 the team ringed 40 herons."],
    "testshire-2022-23": ["In 2022 the team ringed 55 herons.", "In 2022 the team ringed 12 herons."],
    "testshire-2023-24": ["In 2023 the team ringed 60 herons.", "Owls nest in the barns.", "In 2023 the team ringed 7 herons."],
}


@pytest.fixture(scope="module")
def chained(tmp_path_factory):
    data = tmp_path_factory.mktemp("chained-data")
    for slug, paragraphs in CHAINED.items():
        period = slug.split("-", 1)[1].replace("-", "/")
        body = "\n\n".join(paragraphs)
        text = STATEMENT.split("The force says...")[0].format(period=period) + f"The force says...\n\n{body}\n\nDisclaimer: test.\n"
        (data / f"{slug}.txt").write_text(text, encoding="utf-8")
    target = tmp_path_factory.mktemp("chained-index")
    index.build_index(data, target)
    return index.open_index(target, cache_size=0)


def test_the_nth_of_a_wording_in_a_statement_repeats_the_nth_of_an_earlier_one(chained):
    """Never two paragraphs of one statement: 2022/23's first "ringed" repeats 2021/22's, its second starts
    a group of its own, which 2023/24's second joins."""
    page = index.statement_page(chained, "testshire-2022-23")
    assert [[(o.statement, o.paragraph) for o in p.same_words] for p in page.paragraphs] == [
        [("testshire-2021-22", 1), ("testshire-2023-24", 1)],
        [("testshire-2023-24", 3)],
    ]
    # Within one year nothing repeats: no hit is moved, and none names its own year.
    only = index.search(chained, "ringed", grouped=False, filters=index.Filters(periods=("2022/23",)))
    assert [hit.repeat for hit in only.hits] == [False, False]
    assert all(other.period != hit.period for hit in only.hits for other in hit.same_words)


@pytest.mark.parametrize("corpus", ["chained", "two_years", "shared_index"])
def test_every_paragraph_names_what_the_plain_python_reference_groups_with_it(request, corpus):
    """The build's groups, as each statement page shows them, against tests/oracle.py's reference,
    worked out from Whoosh's stored texts."""
    from .oracle import same_words_by_paragraph

    statement_index = request.getfixturevalue(corpus)
    expected = same_words_by_paragraph(statement_index)
    for info in statement_index.statements():
        for paragraph in index.statement_page(statement_index, info.slug).paragraphs:
            found = [(other.statement, other.paragraph) for other in paragraph.same_words]
            assert found == expected[(info.slug, paragraph.number)], (info.slug, paragraph.number)


def test_a_repeat_comes_after_every_other_match_and_names_the_other_year(two_years):
    found = index.search(two_years, "heron", grouped=False)
    order = [(hit.statement, hit.paragraph) for hit in found.hits]
    # Testshire 2022/23 says what 2021/22 said, its first paragraph with new figures and the other two
    # word for word: its three come after every other match, whatever their scores (Otherton's, the same
    # words, are another force's and stay where they score).
    assert [slug for slug, _ in order[-3:]] == ["testshire-2022-23"] * 3
    assert "testshire-2022-23" not in [slug for slug, _ in order[:-3]]
    assert [hit.score for hit in found.hits[-3:]] == sorted((hit.score for hit in found.hits[-3:]), reverse=True)
    repeat = order.index(("testshire-2022-23", 1))
    first = next(hit for hit in found.hits if (hit.statement, hit.paragraph) == ("testshire-2021-22", 1))
    assert first.same_words == (index.SameWords("testshire-2022-23", "2022/23", 1),)
    assert found.hits[repeat].same_words == (index.SameWords("testshire-2021-22", "2021/22", 1),)
    other = next(hit for hit in found.hits if hit.statement == "otherton-2022-23" and hit.paragraph == 1)
    assert other.same_words == ()


def test_a_repeat_moves_only_by_relevance(two_years):
    """Sorted by the newest period, the order is the sort's: the repeat is not moved."""
    newest = index.search(two_years, "heron", grouped=False, sort="newest")
    assert [hit.period for hit in newest.hits] == sorted((hit.period for hit in newest.hits), reverse=True)
    scores = [hit.score for hit in newest.hits if hit.period == "2022/23"]
    assert scores == sorted(scores, reverse=True)


def test_a_repeat_alone_in_a_filter_is_not_moved(two_years):
    """Within one year, no other match has its words: nothing moves."""
    only = index.search(two_years, "heron", grouped=False, filters=index.Filters(periods=("2022/23",)))
    assert [hit.score for hit in only.hits] == sorted((hit.score for hit in only.hits), reverse=True)


def test_the_grouped_view_moves_a_statement_led_by_a_repeat(two_years):
    grouped = index.search(two_years, "ringed", grouped=True)
    assert [hit.statement for hit in grouped.hits][-1] != "testshire-2021-22"
    assert len(grouped.hits) == 3


def test_the_grouped_view_shows_a_statement_by_its_first_paragraph_in_the_flat_list(shared_index):
    """For "children", Kettlewick 2021/22's best paragraph is its Weftline repeat, but its paragraph 3 (its
    own words) is fourth in the flat list: grouped, the statement is fourth too, shown by paragraph 3,
    not sent after every other statement with its repeat."""
    flat = index.search(shared_index, "children", grouped=False).hits
    grouped = index.search(shared_index, "children", grouped=True).hits
    assert (flat[3].statement, flat[3].paragraph) == ("kettlewick-2021-22", 3)
    assert (grouped[3].statement, grouped[3].paragraph) == ("kettlewick-2021-22", 3)
    # Each statement once, in the order of its first paragraph in the flat list.
    firsts = list(dict.fromkeys(hit.statement for hit in index.search(shared_index, "children", grouped=False, page_size=50).hits))
    assert [hit.statement for hit in grouped] == firsts[: len(grouped)]


@pytest.mark.parametrize("damage", ["later", "chained"])
def test_the_table_refuses_repeats_it_cannot_mean(two_years, tmp_path, damage):
    """A paragraph repeating a later one, or one that is itself a repeat: a damaged table, refused."""
    from index.generation.score_table import ScoreTable, TableError, array_path

    with two_years.reading() as (generation, _):
        source = generation.path
        copies = np.asarray(generation.table.copy_of).copy()
    for path in source.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    repeat = int(np.flatnonzero(copies != np.arange(len(copies)))[0])
    if damage == "later":
        copies[0] = len(copies) - 1
    else:
        copies[-1] = repeat  # `repeat` names its own first paragraph: a chain, never written
    np.save(array_path(tmp_path, "copy"), copies)
    with pytest.raises(TableError, match="repeats"):
        ScoreTable(tmp_path)


# ---- ../shared/corpus ----

WEFTLINE = ["kettlewick-2019-20", "kettlewick-2020-21", "kettlewick-2021-22", "kettlewick-2022-23"]


def test_the_shared_corpus_carries_paragraphs_from_year_to_year(shared_index):
    with shared_index.reading() as (generation, _):
        copies = np.asarray(generation.table.copy_of)
    repeats = int((copies != np.arange(len(copies))).sum())
    print(f"\nshared corpus: {repeats} of its {len(copies)} paragraphs repeat one of an earlier statement of their force")
    assert repeats >= 20


def test_weftline_shows_once_before_the_other_forces(shared_index):
    """Four years of Kettlewick's Weftline paragraph (figures aside, the same words) said
    "modern slavery" ahead of every other force's paragraph; now one leads and three follow the rest."""
    hits = index.search(shared_index, '"modern slavery"', grouped=False).hits
    statements = [hit.statement for hit in hits]
    assert statements[0] in WEFTLINE
    assert [slug for slug in statements[:4] if slug in WEFTLINE] == statements[:1]
    assert {"penhallow-2022-23", "penhallow-2019-20"} <= set(statements[:3])
    assert [slug for slug in statements[-3:]] == [slug for slug in WEFTLINE if slug != statements[0]]
    assert [other.statement for other in hits[0].same_words] == [slug for slug in WEFTLINE if slug != statements[0]]
    # The three listed after the rest say why; the one that leads does not.
    assert [hit.repeat for hit in hits] == [False] * (len(hits) - 3) + [True] * 3


def test_the_results_page_and_its_json_name_the_other_years(shared_client):
    page = text_of(shared_client.get('/search?q="modern slavery"&view=flat'))
    assert "Same words, figures aside, in" in page
    # Each year's link keeps the search, so the page it opens marks the words, as the hit's own link does.
    link = "/statements/kettlewick-2020-21?q=%22modern+slavery%22#p6"
    assert f'href="{link}"' in page
    opened = text_of(shared_client.get(link.split("#")[0]))
    assert "<mark>modern slavery</mark>" in opened or "<mark>modern</mark>" in opened
    data = shared_client.get('/api/search?q="modern slavery"&view=flat').get_json()
    first = data["hits"][0]
    assert [other["url"] for other in first["same_words"]][0].endswith("/statements/kettlewick-2020-21#p6")
    assert {"statement", "period", "paragraph", "url"} <= set(first["same_words"][0])
    assert [hit["repeat"] for hit in data["hits"]][-3:] == [True] * 3 and not first["repeat"]
    assert page.count("Listed after the other results, as it repeats one above: same words, figures aside, in") == 3
    # Every link it gives opens the paragraph it names.
    for other in first["same_words"]:
        assert shared_client.get(f"/statements/{other['statement']}").status_code == 200


def test_the_statement_page_and_its_json_name_the_other_years(shared_client):
    """Kettlewick 2020/21's Weftline paragraph (6) names 2019/20, 2021/22 and 2022/23; a paragraph
    of its own words names none."""
    page = text_of(shared_client.get("/statements/kettlewick-2020-21"))
    section = page[page.index('id="p6"') : page.index('id="p7"')]
    assert "Same words, figures aside, in" in section
    assert [f'href="/statements/{slug}#p' in section for slug in WEFTLINE if slug != "kettlewick-2020-21"] == [True] * 3
    data = shared_client.get("/api/statements/kettlewick-2020-21").get_json()
    weftline = next(p for p in data["paragraphs"] if p["number"] == 6)
    assert [other["statement"] for other in weftline["same_words"]] == [s for s in WEFTLINE if s != "kettlewick-2020-21"]
    assert all(other["url"].startswith("/statements/") for other in weftline["same_words"])
    assert any(p["same_words"] == [] for p in data["paragraphs"])


def test_listing_by_relevance_equals_sorting_every_match_by_hand():
    """by_relevance() looks at the best few first and further only while they hold too many repeats:
    at every limit it must list what ordering every match by hand gives (score, then paragraph; a
    paragraph whose group came before it after the rest)."""
    from types import SimpleNamespace

    from index.generation.columns import DocColumns
    from index.generation.repeats import group_sizes
    from index.rank.engine import Matches
    from index.rank.pages import by_relevance

    rng = np.random.default_rng(3)
    for trial in range(40):
        paragraphs = int(rng.integers(1, 60))
        copy_of = np.minimum(rng.integers(0, paragraphs, paragraphs), np.arange(paragraphs)).astype(np.int32)
        copy_of = copy_of[copy_of]  # a group is named by its first paragraph
        columns = SimpleNamespace(copy_of=copy_of, copy_counts=group_sizes(copy_of))
        columns.repeats = lambda docs, c=columns: DocColumns.repeats(c, docs)
        docs = np.sort(rng.choice(paragraphs, int(rng.integers(0, paragraphs + 1)), replace=False)).astype(np.int32)
        scores = rng.integers(0, 4, len(docs)).astype(np.float64)  # few values: many ties
        best_first = sorted(range(len(docs)), key=lambda i: (-scores[i], docs[i]))
        seen, first, later = set(), [], []
        for i in best_first:
            (later if copy_of[docs[i]] in seen else first).append(i)
            seen.add(copy_of[docs[i]])
        expected = first + later
        for limit in (0, 1, 2, 3, 5, 10, 100):
            found = by_relevance(Matches(docs, scores), columns, limit).tolist()
            assert found == (expected[:limit] if limit else expected), (trial, limit)


def test_similar_paragraphs_name_the_years_that_repeat_them(shared_client):
    """Weftline's paragraph in 2020/21 is most like its own repeats in other years: each similar hit
    names the years with its words, as a search's hits do."""
    data = shared_client.get("/api/statements/kettlewick-2020-21/p6/similar").get_json()
    repeats = [hit for hit in data["hits"] if hit["statement"] in WEFTLINE]
    assert repeats and all(hit["same_words"] for hit in repeats)
    assert all("kettlewick-2020-21" in [other["statement"] for other in hit["same_words"]] for hit in repeats)


def test_a_download_lists_the_repeats_after_the_rest_as_the_page_does(shared_index, shared_client):
    """The rows of a download in the flat view's order: Weftline's three repeats last, in the library and
    in the CSV the site serves."""
    from .test_export import csv_rows

    export = index.export_rows(shared_index, '"modern slavery"')
    flat = index.search(shared_index, '"modern slavery"', grouped=False, page_size=50).hits
    assert [(row.statement, row.paragraph) for row in export.rows] == [(hit.statement, hit.paragraph) for hit in flat]
    assert [row.statement for row in export.rows][-3:] == [hit.statement for hit in flat if hit.repeat]
    rows = csv_rows(shared_client.get('/search.csv?q="modern slavery"'))
    statements = [row[rows[0].index("url")].split("/statements/")[1].split("#")[0] for row in rows[1:]]
    assert statements == [hit.statement for hit in flat]


def test_an_updated_index_groups_repeats_and_counts_leads_as_a_full_build(shared_corpus_dir, tmp_path):
    """A statement changed and the index updated (only it re-read): its lead counts and every paragraph's
    group are those a full build of the same data gives, byte for byte."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(shared_corpus_dir, data, ignore=shutil.ignore_patterns("*.json", "*.md"))
    index.build_index(data, tmp_path / "updated")
    statement = data / "kettlewick-2021-22.txt"
    text = statement.read_text(encoding="utf-8")
    # Weftline's paragraph gets new figures (still a repeat); another paragraph new words and a new first sentence.
    changed = text.replace("closed 112 lines", "closed 120 lines").replace("Organised crime groups based in Kettlewick", "Gangs from Kettlewick. They", 1)
    assert changed != text
    statement.write_text(changed, encoding="utf-8")
    report = index.build_index(data, tmp_path / "updated")
    assert not report.full and report.changed == ("kettlewick-2021-22",)
    index.build_index(data, tmp_path / "full", full=True)
    tables = []
    for name in ("updated", "full"):
        with index.open_index(tmp_path / name, cache_size=0).reading() as (generation, _):
            tables.append((np.asarray(generation.table.lead).tolist(), np.asarray(generation.table.copy_of).tolist()))
    assert tables[0] == tables[1]
    assert tables[0][1] != list(range(len(tables[0][1])))  # there are repeats to get right


def test_a_repeat_is_moved_only_within_its_part_of_a_live_list():
    """Results as you type list the matches only a completion finds (`later`) after all others; a
    paragraph is moved for a repeat only within its own part, as listed() moves it."""
    from types import SimpleNamespace

    from index.generation.columns import DocColumns
    from index.generation.repeats import group_order, group_sizes
    from index.rank.engine import Matches
    from index.rank.pages import listed, moved

    copy_of = np.array([0, 0, 2], dtype=np.int32)
    columns = SimpleNamespace(copy_of=copy_of, copy_counts=group_sizes(copy_of), statement_of=np.array([0, 1, 1]))
    columns.copy_order = group_order(copy_of, columns.copy_counts)
    columns.same_words = lambda doc, c=columns: DocColumns.same_words(c, doc)
    columns.repeats = lambda docs, c=columns: DocColumns.repeats(c, docs)
    matches = Matches(np.array([0, 1, 2], dtype=np.int32), np.array([3.0, 2.0, 1.0]))
    none, later = np.zeros(0, dtype=np.int32), np.array([0], dtype=np.int32)
    assert moved(matches, np.array([1]), columns).tolist() == [True]
    assert listed(matches, columns, "relevance", none, 0).tolist() == [0, 2, 1]
    # Paragraph 0 found only by a completion: 1 leads Enter's part, unmoved, and 0 leads the other.
    assert moved(matches, np.array([1, 0]), columns, later).tolist() == [False, False]
    assert listed(matches, columns, "relevance", later, 0).tolist() == [1, 2, 0]
