"""Searching the index without Flask: ranking, highlighting, paging, plain dataclasses out."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time

import pytest

import index

from .conftest import ROOT, SEED_SLUG
from .oracle import reference_scores


def found(results: index.ResultsPage) -> list[tuple[str, int]]:
    """(statement, paragraph) of each hit, in rank order."""
    return [(hit.statement, hit.paragraph) for hit in results.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("deprived wards", [(SEED_SLUG, 2)]),
        ("frontline officer", [(SEED_SLUG, 5)]),  # stemming: finds "officers"
        ("officer", [("northshire-2022-23", 2), (SEED_SLUG, 5)]),
        ("Coventry", [(SEED_SLUG, 1), (SEED_SLUG, 3)]),
        ('"Commonwealth Games"', [(SEED_SLUG, 3)]),
        ("moorland OR lighthouse", [("northshire-2022-23", 1)]),
        ("domestic abuse -cameras", [(SEED_SLUG, 2)]),
        ("Ballist*", [(SEED_SLUG, 4)]),
        ("drug/alcohol dependency", [(SEED_SLUG, 2)]),
        ("2.8 million", [(SEED_SLUG, 2)]),
        ("CAMERAS", [("northshire-2022-23", 2)]),
        ("zebra crossing", []),
    ],
)
def test_search_finds(statement_index, query, expected):
    assert found(index.search(statement_index, query)) == expected


def test_more_occurrences_rank_higher(statement_index):
    # "domestic abuse" twice in Northshire's paragraph 2, once in the seed's paragraph 2.
    results = index.search(statement_index, "domestic abuse")
    assert found(results) == [("northshire-2022-23", 2), (SEED_SLUG, 2)]
    # Whoosh's own scores, shown to 4 places; the first above the second.
    expected = reference_scores(statement_index, "domestic abuse")
    assert [hit.score for hit in results.hits] == [round(score, 4) for _, _, score in expected]
    assert results.hits[0].score > results.hits[1].score


def test_hit_carries_the_paragraph_and_a_marked_snippet(statement_index):
    hit = index.search(statement_index, "frontline officers").hits[0]
    assert (hit.force, hit.period, hit.paragraph, hit.anchor) == ("West Midlands", "2021/22", 5, "p5")
    assert hit.text.startswith("The force has made significant technical investment")
    assert "<mark>frontline officers</mark>" in hit.snippet


def test_stemmed_matches_are_marked(statement_index):
    snippet = index.search(statement_index, "organisation").hits[0].snippet
    assert '<mark>organisations</mark>' in snippet


def test_prefix_matches_are_marked(statement_index):
    hit = index.search(statement_index, "Ballist*").hits[0]
    assert '<mark>Ballistics</mark>' in hit.snippet


def unmarked(snippet: str) -> str:
    """A snippet's text without its marks."""
    return snippet.replace("<mark>", "").replace("</mark>", "")


def test_long_paragraph_snippet_is_its_best_sentence(statement_index):
    hit = index.search(statement_index, "deprived").hits[0]
    assert len(hit.text) > 600
    assert hit.snippet.endswith(". …") and not hit.snippet.startswith("…")
    first_sentence = hit.text[: hit.text.index("country.") + len("country.")]
    assert unmarked(hit.snippet) == first_sentence + " …"


def test_snippet_from_the_middle_of_a_paragraph_has_ellipses_both_sides(statement_index):
    hit = index.search(statement_index, "terrorism extremism").hits[0]
    assert hit.snippet.startswith("… ") and hit.snippet.endswith(" …")
    inner = unmarked(hit.snippet)[2:-2]
    assert inner.startswith("The force also faces") and inner.endswith("extremism.")
    assert inner in hit.text


def test_snippet_of_a_very_long_sentence_is_cut_at_words(statement_index, tmp_path):
    words = " ".join(f"filler{n}" for n in range(120))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "long.txt").write_text(f"Longshire 2024/25\n\n{words} beacon {words}.\n")
    index.build_index(tmp_path / "data", tmp_path / "ix")
    hit = index.search(index.open_index(tmp_path / "ix"), "beacon").hits[0]
    inner = unmarked(hit.snippet)
    assert inner.startswith("… filler") and inner.endswith(" …")
    assert " beacon " in inner and len(inner) < 400
    assert inner[2:-2] in hit.text  # whole words only: every cut falls on a space
    cut_start = hit.text.index(inner[2:-2])
    assert hit.text[cut_start - 1] == " " and hit.text[cut_start + len(inner) - 4] == " "


def test_short_paragraph_snippet_is_the_whole_paragraph(statement_index):
    hit = index.search(statement_index, "legitimacy").hits[0]
    assert hit.snippet.replace('<mark>legitimacy</mark>', "legitimacy") == hit.text


def test_negated_words_are_not_marked(statement_index):
    hit = index.search(statement_index, "abuse NOT cameras").hits[0]
    assert "<mark" in hit.snippet
    assert 'term0">cameras' not in hit.snippet


def test_markup_in_statements_is_escaped_in_snippets(statement_index):
    hit = index.search(statement_index, "script").hits[0]
    assert "<script>" not in hit.snippet
    assert "&lt;<mark>script</mark>&gt;" in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<script>" in hit.text  # the plain text is kept as written


def test_paging(statement_index):
    first = index.search(statement_index, "force", page=1, page_size=2)
    second = index.search(statement_index, "force", page=2, page_size=2)
    assert first.total == second.total >= 5
    assert first.pages == second.pages == -(-first.total // 2)
    assert len(first.hits) == len(second.hits) == 2
    assert not set(found(first)) & set(found(second))
    everything = index.search(statement_index, "force", page_size=100)
    assert found(everything)[:4] == found(first) + found(second)


def test_page_past_the_end_is_empty_not_an_error(statement_index):
    results = index.search(statement_index, "moorland", page=3)
    assert (results.total, results.pages, results.hits) == (1, 1, ())


@pytest.mark.parametrize("page_number", [0, -1, index.MAX_PAGE + 1])
def test_page_out_of_range_is_refused(statement_index, page_number):
    with pytest.raises(index.QueryError, match="Choose a page from 1 to"):
        index.search(statement_index, "force", page=page_number)


def test_prefix_expanding_to_too_many_words_is_refused(statement_index, monkeypatch):
    from index.query import understand

    monkeypatch.setattr(understand, "MAX_PREFIX_EXPANSION", 2)
    with pytest.raises(index.QueryError, match="matches more than 2 different words"):
        index.search(statement_index, "co*")


def test_time_limit_returns_partial_results_instead_of_failing(index_dir):
    uncached = index.open_index(index_dir, cache_size=0)
    query = "moorland OR force OR police OR crime OR polic*"
    results = index.search(uncached, query, time_limit=0.0)
    assert results.partial
    # The deadline had passed before the second alternative: what was found is the first one's.
    unhurried = index.search(uncached, query, time_limit=60)
    assert results.total == index.search(uncached, "moorland", time_limit=60).total < unhurried.total
    assert not unhurried.partial


@pytest.mark.parametrize("query", ["force NOT (moorland OR crime)", "force -(moorland OR crime)", "police OR NOT (crime OR force)"])
def test_what_a_query_excludes_is_never_cut_short_by_the_deadline(index_dir, query):
    """A partial answer may miss paragraphs; it never includes one the query excludes."""
    uncached = index.open_index(index_dir, cache_size=0)
    hurried = index.search(uncached, query, time_limit=0.0, page_size=100)
    relaxed = index.search(uncached, query, page_size=100)
    assert {(h.statement, h.paragraph) for h in hurried.hits} <= {(h.statement, h.paragraph) for h in relaxed.hits}
    assert hurried.total <= relaxed.total


def test_the_fallback_shares_the_searchs_deadline(index_dir):
    """One deadline per search: a fallback does not start with a fresh time limit of its own."""
    uncached = index.open_index(index_dir, cache_size=0)
    query = "(moorland OR police) workforce zzyzx"  # nothing has every word: only the fallback finds paragraphs
    relaxed = index.search(uncached, query)
    assert relaxed.fallback and relaxed.total and not relaxed.partial
    hurried = index.search(uncached, query, time_limit=0.0)
    assert hurried.partial and not hurried.fallback and hurried.total == 0


def test_results_are_plain_data(statement_index, search_takes):
    results = index.search(index.open_index(statement_index.index_dir, cache_size=0), "force OR police")

    def plain(value):
        if dataclasses.is_dataclass(value):
            return all(plain(getattr(value, f.name)) for f in dataclasses.fields(value))
        if isinstance(value, tuple):
            return all(plain(item) for item in value)
        return value is None or isinstance(value, (str, int, float, bool))

    assert results.hits and plain(results)
    assert results.took_ms == search_takes  # the time from its start to its end, in milliseconds


def test_statement_page_in_order_with_marks(statement_index):
    shown = index.statement_page(statement_index, SEED_SLUG, highlight="workforce")
    assert [p.number for p in shown.paragraphs] == list(range(1, 8))
    assert [p.matched for p in shown.paragraphs] == [False] * 5 + [True, False]
    assert shown.paragraphs[5].html.count('<mark>workforce</mark>') == 2
    assert shown.highlight == "workforce"
    assert shown.statement.disclaimer.startswith("Disclaimer:")


def test_statement_page_without_query_is_clean(statement_index):
    shown = index.statement_page(statement_index, SEED_SLUG)
    assert not any(p.matched for p in shown.paragraphs)
    assert shown.paragraphs[2].html == f"<p>{shown.paragraphs[2].text}</p>"  # nothing to escape in it


def test_statement_page_with_bad_query_says_why(statement_index):
    shown = index.statement_page(statement_index, SEED_SLUG, highlight="*e*")
    assert shown.highlight == ""
    assert "at least 2 letters" in shown.highlight_error
    assert not any(p.matched for p in shown.paragraphs)


def test_statement_page_escapes_markup(statement_index):
    shown = index.statement_page(statement_index, "marchford-2023-24", highlight="bold")
    assert shown.paragraphs[0].html.startswith("<p>Marchford keeps a public log of &lt;script&gt;")
    assert '&lt;b&gt;<mark>bold</mark> claims&lt;/b&gt;' in shown.paragraphs[1].html


def test_unknown_statement_is_none(statement_index):
    assert index.statement_page(statement_index, "atlantis-1999") is None


def test_index_package_never_imports_flask():
    code = "import sys, index; print(sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'werkzeug', 'jinja2'}))"
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_results_are_cached_until_the_next_build(index_dir):
    cached = index.open_index(index_dir, cache_size=8)
    first, again = index.search(cached, "workforce"), index.search(cached, "workforce")
    assert again.hits is first.hits  # the same finished page, not recomputed
    other_page = index.search(cached, "workforce", page=2)
    assert other_page.hits is not first.hits
    uncached = index.open_index(index_dir, cache_size=0)
    assert index.search(uncached, "workforce").hits is not index.search(uncached, "workforce").hits


def test_the_deadline_runs_from_the_start_of_the_search(index_dir, monkeypatch):
    """Understanding the words (typo and prefix look-ups) spends the same time limit as matching."""
    search_module = sys.modules["index.results.search"]

    real = search_module.understand

    def slow_understanding(*args, **kwargs):
        time.sleep(0.1)
        return real(*args, **kwargs)

    monkeypatch.setattr(search_module, "understand", slow_understanding)
    results = index.search(index.open_index(index_dir, cache_size=0), "moorland OR force OR police", time_limit=0.05)
    assert results.partial


@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("sort", ["newest", "force"])
def test_results_can_be_sorted_by_period_or_force(many, sort, grouped):
    """Every match, ordered newest period first (or force A-Z, then newest period), then by
    relevance: the same paragraphs as a relevance search, in that order, page after page."""
    everything = index.search(many, "community", page_size=10_000, grouped=grouped)
    assert everything.total > 30
    periods = sorted({hit.period for hit in everything.hits}, reverse=True)

    def key(hit):
        newest = periods.index(hit.period)
        first = (newest,) if sort == "newest" else (hit.force.lower(), newest)
        return (*first, -hit.score)

    expected = sorted(everything.hits, key=key)
    pages = [index.search(many, "community", page=n, sort=sort, grouped=grouped) for n in (1, 2, 3)]
    shown = [hit for page in pages for hit in page.hits]
    assert [key(hit) for hit in shown] == [key(hit) for hit in expected[: len(shown)]]
    assert shown != list(everything.hits[: len(shown)])  # the order did change
    assert {page.total for page in pages} == {everything.total}
    assert all(page.sort == sort for page in pages)


def test_an_unknown_order_is_refused(statement_index):
    with pytest.raises(index.QueryError, match="Sort by"):
        index.search(statement_index, "crime", sort="shuffle")


def test_a_list_is_shown_as_a_list(statement_index):
    """A paragraph's list lines come back as <ul>/<ol> items, escaped, with the words marked."""
    shown = index.statement_page(statement_index, "marchford-2023-24", highlight="month numbered")
    html = shown.paragraphs[1].html
    assert html == (
        '<p>A tag like x" onmouseover="alert(1) must stay text, and so must &lt;b&gt;bold claims&lt;/b&gt; '
        "about response times. Marchford's promises for the year:</p>"
        "<ul><li>answer 999 calls within ten seconds, &amp; say so &lt;i&gt;in public&lt;/i&gt;</li>"
        "<li>keep the log up to date every <mark>month</mark></li></ul>"
        '<ol><li value="1">first of two <mark>numbered</mark> aims</li>'
        '<li value="2">second of two <mark>numbered</mark> aims</li></ol>'
    )


def test_a_list_in_a_snippet_keeps_its_lines(statement_index):
    results = index.search(statement_index, "promises", filters=index.Filters(statement="marchford-2023-24"))
    snippet = results.hits[0].snippet
    assert "<mark>promises</mark> for the year:<br>- answer 999 calls" in snippet
    assert "aims<br>2. second" in snippet
    assert "\n" not in snippet

