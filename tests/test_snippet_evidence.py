"""Snippets that show the evidence: the query's phrase or its words side by side as typed first,
then the most distinct words; filler words marked only inside a phrase; hyphenated and apostrophe
words marked whole; the statement page marking by the same rules. On the independent corpus, and
on a tiny corpus written so that only the rule decides."""

from __future__ import annotations

import re

import pytest

import index
from index.text.filler import FILLER_WORDS


MARK = re.compile(r"<mark>(.*?)</mark>")
# A sentence of about 200 characters with no query word in it, to fill a paragraph past what a snippet shows.
PADDING = ("Neighbourhood teams met residents in village halls across the county to hear their concerns "
           "about speeding, parking and antisocial behaviour near schools during the long summer holidays.")


def marks(html: str) -> list[str]:
    """The marked texts of some HTML, in order."""
    return MARK.findall(html)


@pytest.fixture(scope="module")
def shared(shared_index_dir) -> index.StatementIndex:
    """The independent corpus's index (conftest), opened."""
    return index.open_index(shared_index_dir)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> index.StatementIndex:
    """Statements in which the first sentence would win without the rules under test."""
    data = tmp_path_factory.mktemp("evidence-data")
    paragraphs = [
        # "stop" and "search" apart first, side by side later.
        f"Officers stop cars at night and search the verges for stolen tools on every patrol. {PADDING} {PADDING} "
        f"Last year officers made 1,200 stop and search encounters, and drugs were found in a third of them.",
        # "funding" is everywhere; "drones" in one paragraph: the drone sentence is the evidence.
        f"Funding for the control room rose again this year and funding for training held level, while "
        f"funding for the new custody suite, the fleet of response cars and the repairs to the estate came "
        f"from the capital budget agreed with the commissioner last spring. {PADDING} {PADDING} "
        f"The new drones unit, paid for from reserves, flew 400 missions over the moors this year.",
        "Funding is tight.", "Funding pays for officers.", "Funding pays for staff.",
    ]
    (data / "oneshire.txt").write_text("Oneshire 2024/25\n\n" + "\n\n".join(paragraphs) + "\n")
    target = tmp_path_factory.mktemp("evidence-index")
    index.build_index(data, target)
    return index.open_index(target)


def test_the_words_as_typed_side_by_side_come_first(tiny):
    hit = index.search(tiny, "stop and search").hits[0]
    assert "<mark>stop and search</mark> encounters" in hit.snippet
    assert hit.snippet.startswith("… Last year officers made 1,200")


def test_a_quoted_phrase_comes_first(tiny):
    hit = index.search(tiny, '"stop and search" officers').hits[0]
    assert "<mark>stop and search</mark> encounters" in hit.snippet


def test_then_the_most_distinct_word(tiny):
    hit = index.search(tiny, "funding drones").hits[0]
    assert hit.snippet.startswith("… The new <mark>drones</mark> unit")
    assert "<mark>Funding</mark>" not in hit.snippet  # no room left for the common word's sentence


def test_stop_and_search_unquoted_is_shown_where_it_stands(shared):
    results = index.search(shared, "stop and search", page_size=50)
    holding = [hit for hit in results.hits if re.search(r"stop and search", hit.text, re.I)]
    assert holding
    for hit in holding:
        assert any(mark.lower().startswith("stop and search") for mark in marks(hit.snippet)), hit.snippet


@pytest.mark.parametrize(
    "query",
    ["children and young people", "victims of crime", "organised crime and the port", "the cost of living",
     "stop and search", "recruitment of officers"],
)
def test_a_filler_word_is_never_marked_alone(shared, query):
    results = index.search(shared, query)
    assert results.hits
    for hit in results.hits:
        alone = [mark for mark in marks(hit.snippet) if mark.lower() in FILLER_WORDS]
        assert alone == [], hit.snippet
        page = index.statement_page(shared, hit.statement, highlight=query)
        html = page.paragraphs[hit.paragraph - 1].html
        assert [mark for mark in marks(html) if mark.lower() in FILLER_WORDS] == []


def test_a_filler_word_is_marked_inside_the_words_as_typed(shared):
    hit = index.search(shared, "the cost of living").hits[0]
    assert "cost of living" in [mark.lower() for mark in marks(hit.snippet)]


@pytest.mark.parametrize(("query", "whole"), [("body-worn", "body-worn"), ("body worn video", "body-worn video"),
                                             ("region's", "region’s")])
def test_hyphenated_and_apostrophe_words_are_marked_whole(shared, query, whole):
    results = index.search(shared, query, page_size=20)
    assert results.hits
    for hit in results.hits:
        # Never half a word: no mark ends or starts at a hyphen or an apostrophe inside a word.
        assert not re.search(r"\w</mark>[-’']\w|\w[-’']<mark>\w", hit.snippet), hit.snippet
    assert any(whole in mark for hit in results.hits for mark in marks(hit.snippet))


@pytest.mark.parametrize("query", ["body-worn", "stop and search", "the cost of living", "region's"])
def test_the_statement_page_marks_what_the_snippet_marks(shared, query):
    for hit in index.search(shared, query).hits:
        page = index.statement_page(shared, hit.statement, highlight=query)
        html = page.paragraphs[hit.paragraph - 1].html
        assert set(marks(hit.snippet)) <= set(marks(html)), (hit.snippet, html)


@pytest.mark.parametrize(
    ("text", "terms", "runs", "marked"),
    [
        ("Body-worn video and stop-and-search data", {"worn"}, (), ["Body-worn"]),
        ("Body-worn video and stop-and-search data", {"stop", "search", "and"}, (("stop", "and", "search"),),
         ["stop-and-search"]),
        ("stop, and search; stop and search", {"stop", "search", "and"}, (("stop", "and", "search"),),
         ["stop", "search", "stop and search"]),
        ("the force’s 2019-20 plan", {"2019"}, (), ["2019-20"]),
        ("the force’s plan", {"forc", "s"}, (), ["force’s"]),
        ("the force’s plan", {"s"}, (), []),
    ],
)
def test_marks_table(text, terms, runs, marked):
    from index.results.snippets import Marking, marked_spans

    spans = marked_spans(text, Marking(frozenset(terms), runs=runs))
    assert [text[start:end] for start, end in spans] == marked


def test_the_words_typed_side_by_side():
    from index.query.marking import side_by_side

    assert side_by_side("stop and search powers") == (("stop", "and", "search", "power"),)
    assert side_by_side('drones "stop and search" body-worn NOT video cameras') == (("bodi", "worn"),)
    assert side_by_side("funding OR drones -budget") == ()
    assert side_by_side("knife crime (youth OR young)") == (("knife", "crime"),)


def test_markup_in_a_statement_stays_text_with_the_new_rules(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.txt").write_text(
        "Xshire 2024/25\n\nThe <script>alert(1)</script> stop-and-search & body-worn <b>record</b>.\n"
    )
    index.build_index(data, tmp_path / "ix")
    hit = index.search(index.open_index(tmp_path / "ix"), "script stop and search").hits[0]
    assert "<script>" not in hit.snippet and "<b>" not in hit.snippet
    assert hit.snippet == ("The &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; "
                           "<mark>stop-and-search</mark> &amp; body-worn &lt;b&gt;record&lt;/b&gt;.")
