"""The web app through Flask's test client: pages, the JSON contract, errors, escaping."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import index
from webapp import create_app

from .conftest import ROOT, SEED_SLUG
from .oracle import reference_scores

HIT_KEYS = {"statement", "force", "period", "paragraph", "url", "text", "snippet", "score"}


def text_of(response) -> str:
    return response.get_data(as_text=True)


class TagCollector(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def injected_markup(page: str) -> list[str]:
    """Elements or attributes that only injected text could have made."""
    collector = TagCollector()
    collector.feed(page)
    problems = []
    for tag, attrs in collector.tags:
        if tag == "script" and "src" not in attrs or tag == "b":
            problems.append(tag)
        problems += [f"{tag}[{name}]" for name in attrs if name.startswith("on")]
    return problems


# ---- pages --------------------------------------------------------------------


def test_home_has_a_labelled_search_box(client):
    page = text_of(client.get("/"))
    assert '<label for="q">Search the statements</label>' in page
    assert '<form class="search-form" action="/search" method="get" role="search">' in page
    assert 'href="/statements/west-midlands-2021-22"' in page


def test_results_page_shows_count_time_and_marked_hits(client):
    response = client.get("/search?q=deprived+wards")
    page = text_of(response)
    assert response.status_code == 200
    assert re.search(r"1 paragraph matches\s+<q>deprived wards</q>", page)
    # The time taken is there for those who want it, not in the sentence people read.
    assert re.search(r"<summary>Search details</summary>\s*<p>Took \d+\.\d ms\. Index terms searched: depriv, ward\.</p>", page)
    assert " ms)" not in page.split('class="result-count"')[1].split("</p>")[0]
    assert "West Midlands 2021/22" in page and ", paragraph 2" in page
    assert "<mark>deprived wards</mark>" in page
    assert 'href="/statements/west-midlands-2021-22?q=deprived+wards#p2"' in page
    assert 'role="status"' in page


def test_results_page_keeps_the_query_in_the_box(client):
    page = text_of(client.get("/search?q=organised+crime"))
    assert 'value="organised crime"' in page


def test_filters_that_hide_every_match_say_so(client):
    page = text_of(client.get("/search?q=domestic+abuse&force=Marchford"))
    assert "No paragraph matches <q>domestic abuse</q> with these filters." in page
    assert '<a href="/search?q=domestic+abuse&amp;view=grouped">search without filters</a>' in page


def test_no_results_says_so(client):
    page = text_of(client.get("/search?q=zebra"))
    assert "No paragraph matches <q>zebra</q>" in page


def test_empty_query_invites_a_search(client):
    for url in ("/search", "/search?q=", "/search?q=+++"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Type one or more words and press Enter" in text_of(response)
        assert 'role="alert"' not in text_of(response)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/search?q=*e*", "Put at least 2 letters before *"),
        ("/search?q=NOT+abuse", "not only what to leave out"),
        ("/search?q=" + "x" * 600, "characters long; use at most 500"),
        ("/search?q=abuse&page=abc", "The page must be a whole number"),
        ("/search?q=abuse&page=0", "Choose a page from 1 to 100"),
        ("/search?q=abuse&page=99999999999", "The page must be a whole number"),
    ],
)
def test_bad_queries_are_a_400_page_with_a_message(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    page = text_of(response)
    assert message in page
    assert '<a class="skip-link" href="#content">' in page  # the site's layout
    assert "Traceback" not in page


def test_a_query_too_long_comes_back_cut_to_what_the_box_holds(client):
    page = text_of(client.get("/search?q=" + "x" * 20_000))
    assert "Your search is 20000 characters long" in page
    assert 'value="' + "x" * 500 + '"' in page
    assert "x" * 501 not in page


def test_paging_links(app):
    app.config["RESULTS_PER_PAGE"] = 2
    page = text_of(app.test_client().get("/search?q=force&page=2&view=flat"))
    assert 'rel="prev" href="/search?q=force&amp;view=flat"' in page
    assert 'rel="next" href="/search?q=force&amp;view=flat&amp;page=3"' in page
    assert 'aria-current="page" href="/search?q=force&amp;view=flat&amp;page=2"' in page
    assert '<ol class="hits" id="results" tabindex="-1" start="3">' in page


@pytest.mark.parametrize(
    ("page", "pages", "shown"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, None, 5]),
        (6, 100, [1, None, 4, 5, 6, 7, 8, None, 100]),
        (4, 100, [1, 2, 3, 4, 5, 6, None, 100]),
        (5, 9, [1, None, 3, 4, 5, 6, 7, None, 9]),
        (100, 100, [1, None, 98, 99, 100]),
    ],
)
def test_pagination_shows_the_ends_and_a_window_with_gaps_marked(page, pages, shown):
    from webapp.pagination import page_numbers

    assert page_numbers(page, pages) == shown


def test_pagination_marks_a_gap_as_an_ellipsis(app):
    app.config["RESULTS_PER_PAGE"] = 1
    page = text_of(app.test_client().get("/search?q=force&page=6&view=flat"))
    nav = page[page.index('<nav class="pagination"') :]
    links = re.findall(r'<span class="visually-hidden">Page </span>(\d+)</a>|(…)', nav[: nav.index("</nav>")])
    assert [number or gap for number, gap in links][:4] == ["1", "…", "4", "5"]


def test_statements_list(client):
    page = text_of(client.get("/statements"))
    assert "3 statements." in page
    for slug, force, period in [(SEED_SLUG, "West Midlands", "2021/22"), ("northshire-2022-23", "Northshire", "2022/23")]:
        # Each force's name leads to its page.
        assert f'<th scope="rowgroup" rowspan="1"><a href="/forces/{slug[:-8]}">{force}</a></th>' in page
        assert f'<a href="/statements/{slug}">{period}<span class="visually-hidden"> ({force} {period})</span></a>' in page


def test_statement_page_has_every_paragraph_with_a_clean_permalink(client):
    page = text_of(client.get(f"/statements/{SEED_SLUG}"))
    for number in range(1, 8):
        assert f'id="p{number}"' in page
        assert f'href="/statements/{SEED_SLUG}#p{number}"' in page
    assert page.count(">¶</a>") == 7
    assert "Disclaimer: the above statement has been prepared by West Midlands Police." in page
    assert "<mark" not in page and "Remove highlighting" not in page


def test_statement_page_highlights_the_query(client):
    page = text_of(client.get(f"/statements/{SEED_SLUG}?q=workforce"))
    assert page.count('<mark>workforce</mark>') == 2
    assert f'<a class="remove-highlighting" href="/statements/{SEED_SLUG}">Remove highlighting</a>' in page
    # Permalinks stay clean even on a highlighted page.
    assert f'href="/statements/{SEED_SLUG}#p6"' in page
    assert "?q=workforce#p" not in page


def test_a_statement_without_the_query_words_does_not_claim_to_highlight_them(client):
    page = text_of(client.get(f"/statements/{SEED_SLUG}?q=lighthouse"))
    assert "Nothing in this statement is highlighted for your search <q>lighthouse</q>." in page
    assert "<mark" not in page and "are highlighted" not in page and "Remove highlighting" not in page


def test_unknown_statement_is_a_404_in_the_layout(client):
    response = client.get("/statements/atlantis-1999")
    assert response.status_code == 404
    assert "There is no statement called “atlantis-1999”." in text_of(response)
    assert '<a class="skip-link"' in text_of(response)


def test_unknown_page_is_a_404_in_the_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is no page at this address" in text_of(response)


def test_path_tricks_do_not_reach_files(client):
    for url in ("/statements/..%2F..%2Fpyproject.toml", "/statements/../data/x", "/statements/%2e%2e"):
        response = client.get(url)
        assert response.status_code == 404
        assert "build-system" not in text_of(response)


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch", "options"])
def test_pages_only_answer_get(client, method):
    response = getattr(client, method)("/search?q=abuse")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"
    assert client.head("/search?q=abuse").status_code == 200


def test_unexpected_errors_are_a_plain_500(app, caplog):
    @app.get("/explode")
    def explode():
        raise ZeroDivisionError("secret detail")

    response = app.test_client().get("/explode")
    assert response.status_code == 500
    assert "secret detail" not in text_of(response) and "Traceback" not in text_of(response)
    assert "Something went wrong" in text_of(response)
    assert "secret detail" in caplog.text


def test_security_headers_on_every_response(client):
    for url in ("/", "/search?q=abuse", "/api/search?q=abuse", "/nope", "/static/style.css"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_no_inline_script_or_style_in_templates():
    templates = Path(__file__).resolve().parent.parent / "webapp" / "templates"
    for path in templates.rglob("*.html"):
        source = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", source), path
        assert "<style" not in source and "style=" not in source, path


# ---- the JSON API -------------------------------------------------------------


def test_api_search_contract(corpus_dir, index_dir, statement_index, search_takes):
    client = create_app({"TESTING": True, "DATA_DIR": corpus_dir, "INDEX_DIR": index_dir, "RESULT_CACHE_SIZE": 0}).test_client()
    response = client.get("/api/search?q=deprived+wards")
    assert response.status_code == 200
    data = response.get_json()
    assert {"query", "total", "page", "pages", "took_ms", "hits"} <= set(data)
    assert (data["query"], data["total"], data["page"], data["pages"]) == ("deprived wards", 1, 1, 1)
    assert isinstance(data["took_ms"], float) and data["took_ms"] == search_takes
    [hit] = data["hits"]
    assert HIT_KEYS <= set(hit)
    assert hit["statement"] == SEED_SLUG
    assert (hit["force"], hit["period"], hit["paragraph"]) == ("West Midlands", "2021/22", 2)
    assert hit["url"] == f"/statements/{SEED_SLUG}#p2"
    assert hit["text"].startswith("Home to a population of over 2.8 million")
    assert "<mark>deprived wards</mark>" in hit["snippet"]
    [(_, _, score)] = reference_scores(statement_index, "deprived wards")
    assert isinstance(hit["score"], float) and hit["score"] == round(score, 4)


@pytest.mark.parametrize("view", ["flat", "grouped"])
def test_api_and_page_use_the_same_search(client, view):
    data = client.get(f"/api/search?q=force&view={view}").get_json()
    page = text_of(client.get(f"/search?q=force&view={view}"))
    links = re.findall(r'href="/statements/([^?"]+)\?q=force[^#"]*#p(\d+)"', page)
    assert [(hit["statement"], str(hit["paragraph"])) for hit in data["hits"]] == links
    assert len(links) == (data["statements"] if view == "grouped" else data["total"])
    assert (data["statements"], data["total"]) == (2, 7)


def test_api_paging(app):
    app.config["RESULTS_PER_PAGE"] = 2
    data = app.test_client().get("/api/search?q=force&page=2").get_json()
    assert data["page"] == 2 and len(data["hits"]) == 2 and data["pages"] == -(-data["total"] // 2)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Add a search query"),
        ("q=", "Add a search query"),
        ("q=%20%20", "Add a search query"),
        ("q=*e*", "Put at least 2 letters before *"),
        ("q=abuse&page=x", "The page must be a whole number"),
        ("q=" + "y" * 501, "use at most 500"),
        ("q=%22%22", "no words we can look for"),
    ],
)
def test_api_bad_input_is_a_400_with_an_error(client, query, message):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    assert response.is_json
    assert message in response.get_json()["error"]


def test_api_unknown_route_and_method_are_json(client):
    assert client.get("/api/nothing").get_json() == {
        "error": "There is no page at this address. Check the link, or search the statements."
    }
    assert client.post("/api/search?q=x").status_code == 405


def test_api_statements(client):
    data = client.get("/api/statements").get_json()
    slugs = [s["slug"] for s in data["statements"]]
    assert slugs == ["marchford-2023-24", "northshire-2022-23", SEED_SLUG]
    seed = data["statements"][2]
    assert (seed["force"], seed["period"], seed["paragraphs"], seed["url"]) == (
        "West Midlands", "2021/22", 7, f"/statements/{SEED_SLUG}"
    )


def test_api_statement(client):
    data = client.get(f"/api/statements/{SEED_SLUG}").get_json()
    assert [p["number"] for p in data["paragraphs"]] == list(range(1, 8))
    assert data["paragraphs"][6]["url"] == f"/statements/{SEED_SLUG}#p7"
    assert client.get("/api/statements/atlantis-1999").status_code == 404


def test_healthz(client):
    data = client.get("/healthz").get_json()
    assert (data["status"], data["statements"], data["paragraphs"]) == ("ok", 3, 12)


# ---- escaping -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=script",
        "/search?q=marchford",
        "/search?q=onmouseover",
        "/statements/marchford-2023-24",
        "/statements/marchford-2023-24?q=script+onmouseover",
        "/statements",
        "/",
    ],
)
def test_markup_in_a_statement_renders_as_text(client, url):
    page = text_of(client.get(url))
    assert injected_markup(page) == []
    assert '<script>alert("marchford")' not in page
    assert "<b>bold claims</b>" not in page
    if "marchford" in url or "script" in url or "onmouseover" in url:
        assert "&lt;" in page  # the markup is there, as text


def test_markup_in_a_query_renders_as_text(client):
    query = '<script>alert(1)</script> x" onmouseover="alert(2)'
    for url in ("/search", f"/statements/{SEED_SLUG}"):
        page = text_of(client.get(url, query_string={"q": query}))
        assert injected_markup(page) == []
        assert "<script>alert(1)" not in page


def test_no_template_trusts_html_by_hand():
    """Only Markup made by index.snippets (escaped, then marked) renders as HTML."""
    templates = Path(__file__).resolve().parent.parent / "webapp" / "templates"
    uses = [path.name for path in templates.rglob("*.html") for _ in re.findall(r"\|\s*safe", path.read_text())]
    assert uses == []


def test_only_markup_from_the_snippets_renders_as_html(app):
    """Marks made by index.snippets after escaping render as marks; the same text as a plain string is escaped."""
    from markupsafe import Markup

    from index.results.snippets import snippet
    from index.query.marking import Marking

    made = snippet("Crime & <b>police</b> work", Marking(frozenset({"polic"})))
    assert isinstance(made, Markup) and made == "Crime &amp; &lt;b&gt;<mark>police</mark>&lt;/b&gt; work"
    with app.app_context():
        macro = app.jinja_env.get_template("_marked.html").module.marked
        assert str(macro(made)) == str(made)
        assert str(macro(str(made))) == "Crime &amp;amp; &amp;lt;b&amp;gt;&lt;mark&gt;police&lt;/mark&gt;&amp;lt;/b&amp;gt; work"


def test_understanding_a_query_does_not_import_the_html_module():
    """The marks a query asks for are part of its tree (index.query.marking.Marking); index.snippets makes the HTML."""
    source = (ROOT / "index" / "query" / "understand.py").read_text()
    imported = {node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)}
    assert "snippets" not in imported


# ---- configuration and start-up -----------------------------------------------


def test_config_from_environment_builds_the_index_at_start(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_DATA_DIR", str(data_dir))
    monkeypatch.setenv("FLASK_INDEX_DIR", str(tmp_path / "env-index"))
    app = create_app()
    assert app.config["DATA_DIR"] == str(data_dir)
    assert (tmp_path / "env-index" / "current").is_symlink()
    assert app.test_client().get("/api/search?q=moorland").get_json()["total"] == 1


def test_stale_index_is_rebuilt_when_the_app_starts(data_dir, tmp_path):
    config = {"TESTING": True, "DATA_DIR": data_dir, "INDEX_DIR": tmp_path / "ix"}
    create_app(config)
    (data_dir / "coast.txt").write_text("Coastshire 2024/25\n\nA lighthouse team patrols the bay.\n")
    client = create_app(config).test_client()
    assert client.get("/api/search?q=lighthouse").get_json()["total"] == 1


def test_auto_build_off_serves_503_until_built(data_dir, tmp_path):
    config = {"TESTING": True, "DATA_DIR": data_dir, "INDEX_DIR": tmp_path / "ix", "AUTO_BUILD": False}
    client = create_app(config).test_client()
    response = client.get("/search?q=abuse")
    assert response.status_code == 503
    assert "The search index is not ready" in text_of(response)
    assert client.get("/healthz").status_code == 503
    assert client.get("/api/search?q=abuse").get_json()["error"].startswith("The search index is not ready")
    index.build_index(data_dir, tmp_path / "ix")
    assert client.get("/search?q=abuse").status_code == 200


def test_missing_data_dir_is_logged_not_fatal(tmp_path, caplog):
    config = {"TESTING": True, "DATA_DIR": tmp_path / "nowhere", "INDEX_DIR": tmp_path / "ix"}
    client = create_app(config).test_client()
    assert "data directory not found" in caplog.text
    assert client.get("/").status_code == 503


# ---- understanding people (issue: stemming, typos, "did you mean") --------------


def test_a_corrected_search_says_so_and_offers_the_words_as_typed(client):
    page = text_of(client.get("/search?q=deprevation"))
    assert re.search(r'Showing results for\s+<a href="/search\?q=deprived&amp;view=grouped">deprived</a>\.', page)
    assert re.search(
        r'Search instead for <a href="/search\?q=deprevation&amp;view=grouped&amp;as_typed=1">deprevation</a>\.', page
    )
    assert "Did you mean" not in page  # the results are already for "deprived": no question
    assert "<strong>deprived</strong> (no paragraph has “deprevation”)" in page
    as_typed = client.get("/api/search?q=deprevation&as_typed=1").get_json()
    assert (as_typed["total"], as_typed["suggestion"], as_typed["as_typed"]) == (0, None, True)
    assert as_typed["understood"][0]["found"] is False
    assert client.get("/search?q=deprevation+wards&as_typed=1").status_code == 200
    assert client.get("/api/search?q=x&as_typed=yes").status_code == 400


def test_fallback_note_on_the_page(client):
    page = text_of(client.get("/search?q=moorland+zeppelin"))
    assert "No paragraph contains all of <q>moorland zeppelin</q>; showing 1\n      paragraph with some of them." in page


def test_understood_line_on_the_page(client):
    page = text_of(client.get("/search?q=Northshire+officers+-cameras"))
    assert "<strong>Northshire</strong> (that force’s paragraphs first)" in page
    assert "<strong>officers</strong> (and other forms of the word)" in page
    assert "offic…" not in page  # a stem reads like a typo: only the details name it
    assert "not <strong>cameras</strong>" in page
    question = text_of(client.get("/search?q=Why+did+the+region+need+the+Commonwealth+Games%3F"))
    assert "<strong>need</strong> (counts where it is, not required)" in question
    nowhere = text_of(client.get("/search?q=How+did+the+region+get+the+Commonwealth+Games%3F"))
    assert "<strong>get</strong> (in no paragraph, not required)" in nowhere
    assert "“Why did the” set aside" in question  # each word once


def test_api_search_explains_itself(client):
    data = client.get("/api/search?q=deprevation+wards").get_json()
    assert data["suggestion"] == "deprived wards"
    assert data["fallback"] is False
    assert data["understood"] == [
        {"typed": "deprevation", "kind": "word", "searched": ["depriv"], "corrections": ["deprived"],
         "excluded": False, "found": True, "optional": False},
        {"typed": "wards", "kind": "word", "searched": ["ward"], "corrections": [],
         "excluded": False, "found": True, "optional": False},
    ]
    assert client.get("/api/search?q=moorland+zeppelin").get_json()["fallback"] is True


def test_statement_page_links_to_similar_paragraphs(client):
    page = text_of(client.get(f"/statements/{SEED_SLUG}"))
    assert f'href="/statements/{SEED_SLUG}/p2/similar"' in page


def test_similar_page_and_api(client):
    response = client.get("/statements/northshire-2022-23/p2/similar")
    assert response.status_code == 200
    page = text_of(response)
    assert "Said similarly elsewhere" in page and 'href="/statements/west-midlands-2021-22#p2"' in page
    data = client.get("/api/statements/northshire-2022-23/p2/similar").get_json()
    assert data["url"] == "/statements/northshire-2022-23#p2"
    assert data["hits"][0]["statement"] == SEED_SLUG and data["hits"][0]["paragraph"] == 2
    assert all(hit["statement"] != "northshire-2022-23" for hit in data["hits"])
    assert client.get("/statements/northshire-2022-23/p99/similar").status_code == 404
    assert client.get("/api/statements/nowhere/p1/similar").get_json()["error"].startswith("There is no paragraph")


def test_the_site_icon_is_served_where_browsers_look_and_linked_from_every_page(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml" and b"<svg" in icon.data
    assert '<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">' in client.get("/").get_data(as_text=True)


def test_grouping_is_offered_only_when_matches_fall_in_several_statements(client):
    several = client.get("/search?q=abuse&view=flat").get_data(as_text=True)
    assert "Group by statement" in several
    one = client.get("/search?q=moorland&view=flat").get_data(as_text=True)
    assert "1 paragraph matches" in one and "Group by statement" not in one


def test_periods_without_matches_are_not_listed_as_facets(client):
    page = client.get("/search?q=moorland").get_data(as_text=True)
    assert "2022/23 (1 paragraph in 1 statement)" in page and "no matches" not in page


def test_the_filters_are_in_the_page_once(client):
    """One copy of the chosen filters and facets, for a side column on a desktop and a fold on a phone
    alike (style.css places it); the hint to the syntax is folded over results, open on the home page."""
    page = text_of(client.get("/search?q=police&force=Northshire"))
    assert page.count('class="chosen-filters"') == 1 and page.count('class="facet-lists"') == 1
    assert page.count(">Force: Northshire <span") == 1
    assert re.search(r'<details class="filters-toggle">\s*<summary>Filter by force or period <span class="filters-chosen">\(1 chosen\)</span></summary>\s*</details>\s*<div class="filters-panel">', page)
    assert re.search(r'<summary>Search tips</summary>\s*<p id="q-hint" class="hint">', page)
    assert "<summary>Search tips</summary>" not in text_of(client.get("/"))
    assert 'class="filters' not in text_of(client.get("/search?q=zeppelin"))  # nothing to filter by


def test_a_new_search_from_the_results_page_keeps_the_filters_and_view(client):
    """The form carries the chosen force, period, statement and view, so Enter keeps them."""
    page = text_of(client.get("/search?q=abuse&force=Northshire&period=2022/23&statement=northshire-2022-23&view=flat"))
    form = page.split('<form class="search-form"')[1].split("</form>")[0]
    for hidden in ('name="force" value="Northshire"', 'name="period" value="2022/23"',
                   'name="statement" value="northshire-2022-23"', 'name="view" value="flat"'):
        assert f'<input type="hidden" {hidden}>' in form
    assert 'type="hidden"' not in text_of(client.get("/")).split("</form>")[0]


def test_back_to_results_returns_to_the_filters_view_and_page(client):
    """A hit's link carries the results' state, and the statement page's "Back to results" restores it."""
    page = text_of(client.get("/search?q=police&force=Northshire&force=West+Midlands&view=flat"))
    assert "/statements/northshire-2022-23?q=police&amp;force=Northshire&amp;force=West+Midlands&amp;view=flat#p" in page
    statement = text_of(client.get(
        "/statements/northshire-2022-23?q=police&force=Northshire&force=West+Midlands&view=flat&page=2"
    ))
    assert '<a href="/search?q=police&amp;force=Northshire&amp;force=West+Midlands&amp;view=flat&amp;page=2">Back to results</a>' in statement
    # What cannot be a search's state is dropped, not passed on.
    odd = text_of(client.get("/statements/northshire-2022-23?q=police&view=%3Cx%3E&page=999"))
    assert '<a href="/search?q=police">Back to results</a>' in odd


def test_back_to_results_from_a_live_link_is_enters_address(client):
    """A statement opened with live=1 still marks the completed word, and goes back to Enter's results."""
    statement = text_of(client.get(f"/statements/{SEED_SLUG}?q=police+workf&live=1&view=flat&sort=newest"))
    assert "<mark>workforce</mark>" in statement
    assert '<a href="/search?q=police+workf&amp;view=flat&amp;sort=newest">Back to results</a>' in statement


@pytest.mark.parametrize("page", ["%C2%B2", "9" * 5000, "-1", "1.5"])
def test_odd_page_numbers_are_a_400_or_dropped_never_a_500(client, page):
    assert client.get(f"/search?q=police&page={page}").status_code == 400
    assert client.get(f"/api/search?q=police&page={page}").status_code == 400
    statement = client.get(f"/statements/{SEED_SLUG}?q=police&page={page}")
    assert statement.status_code == 200 and 'href="/search?q=police">Back to results' in text_of(statement)


def test_periods_in_filters_and_queries_may_be_written_any_accepted_way(client):
    canonical = client.get("/api/search?q=abuse&period=2022/23").get_json()
    for written in ("2022-23", "2022%E2%80%9323", "2022/2023"):
        assert client.get(f"/api/search?q=abuse&period={written}").get_json()["total"] == canonical["total"] > 0
    named = client.get("/api/search?q=abuse+2022-23").get_json()
    assert [part["kind"] for part in named["understood"]] == ["period", "word"]


def test_a_search_as_typed_stays_as_typed_through_links(client):
    page = text_of(client.get("/search?q=deprevation+wards&as_typed=1&view=flat"))
    assert "as_typed=1" in page.split('class="hit-title"')[1].split("</a>")[0]
    statement = text_of(client.get(f"/statements/{SEED_SLUG}?q=deprevation+wards&as_typed=1"))
    assert 'href="/search?q=deprevation+wards&amp;as_typed=1">Back to results' in statement
    assert "<mark>deprived" not in statement  # the typo is not corrected on the statement page either


def test_the_typo_links_keep_the_filters(client):
    page = text_of(client.get("/search?q=deprevation&force=West+Midlands&view=flat"))
    assert '<a href="/search?q=deprived&amp;force=West+Midlands&amp;view=flat">deprived</a>' in page
    assert '<a href="/search?q=deprevation&amp;force=West+Midlands&amp;view=flat&amp;as_typed=1">deprevation</a>' in page


def test_results_can_be_sorted_and_the_order_is_kept(client):
    """Sort links (the current one marked), kept by the form, paging, hit links and "Back to results"."""
    page = text_of(client.get("/search?q=police&view=flat&sort=newest"))
    assert '<a href="/search?q=police&amp;view=flat&amp;sort=newest" aria-current="true">Newest period first</a>' in page
    assert '<a href="/search?q=police&amp;view=flat">Relevance</a>' in page
    assert '<a href="/search?q=police&amp;view=flat&amp;sort=force">Force A–Z</a>' in page
    form = page.split('<form class="search-form"')[1].split("</form>")[0]
    assert '<input type="hidden" name="sort" value="newest">' in form
    assert "sort=newest" in page.split('class="hit-title"')[1].split("</a>")[0]
    periods = [hit["period"] for hit in client.get("/api/search?q=police&sort=newest").get_json()["hits"]]
    assert periods == sorted(periods, reverse=True) and len(set(periods)) > 1
    assert client.get("/api/search?q=police&sort=force").get_json()["sort"] == "force"
    statement = text_of(client.get("/statements/northshire-2022-23?q=police&sort=newest&page=2"))
    assert '<a href="/search?q=police&amp;sort=newest&amp;page=2">Back to results</a>' in statement
    assert '<a href="/search?q=police">Back to results</a>' in text_of(client.get("/statements/northshire-2022-23?q=police&sort=x"))


@pytest.mark.parametrize("path", ["/search?q=police&sort=shuffle", "/api/search?q=police&sort=shuffle"])
def test_an_unknown_order_is_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400 and "Sort by" in response.get_data(as_text=True)


def test_a_statement_page_searches_within_itself(client):
    """Its form searches that statement alone, every paragraph; the chip names the statement, not its slug."""
    page = text_of(client.get("/statements/northshire-2022-23?q=abuse"))
    form = page.split('<form class="within-form"')[1].split("</form>")[0]
    assert 'action="/search"' in form and 'value="abuse"' in form
    assert '<input type="hidden" name="statement" value="northshire-2022-23">' in form
    assert '<input type="hidden" name="view" value="flat">' in form
    results = text_of(client.get("/search?q=abuse&statement=northshire-2022-23&view=flat"))
    assert "Statement: Northshire 2022/23" in results
    hits = client.get("/api/search?q=abuse&statement=northshire-2022-23").get_json()["hits"]
    assert hits and {hit["statement"] for hit in hits} == {"northshire-2022-23"}


def test_live_results_take_the_last_word_as_the_start_of_a_word(client):
    """?live=1 (results as you type): "workf" finds "workforce"; without it, the word as typed."""
    live = client.get("/api/search?q=workf&live=1").get_json()
    assert live["total"] > 0 and "<mark>workforce</mark>" in live["hits"][0]["snippet"]
    assert [part["kind"] for part in live["understood"]] == ["prefix"]
    assert client.get("/api/search?q=workf").get_json()["understood"][0]["kind"] == "word"
    page = text_of(client.get("/search?q=police+workf&live=1&view=flat"))
    # Its links carry Enter's address (paging, hits, downloads): a live page is a preview.
    hit_link = page.split('class="hit-title"')[1].split('href="')[1].split('"')[0]
    assert "live=1" not in page.split("</form>", 1)[1]
    assert hit_link.startswith("/statements/") and "q=police+workf" in hit_link
    assert "live" not in page.split('<form class="search-form"')[1].split("</form>")[0]  # Enter searches as typed
    assert client.get("/search?q=police&live=yes").status_code == 400
    # A link to other words (the corrected ones) searches them as typed; the words as typed keep it.
    suggestion = text_of(client.get("/search?q=deprevation+wards&live=1")).split('<p class="suggestion">')[1]
    assert '<a href="/search?q=deprived+wards&amp;view=grouped">deprived wards</a>' in suggestion
    assert "as_typed=1" in suggestion and "live=1" not in suggestion


@pytest.mark.parametrize("rows", [0, -5])
def test_a_download_cap_below_one_is_refused_at_start(corpus_dir, index_dir, rows):
    """A setting no download could honour stops the app at start, saying which, never a 500 later."""
    with pytest.raises(ValueError, match="FLASK_EXPORT_MAX_ROWS must be 1 or more"):
        create_app({"TESTING": True, "DATA_DIR": corpus_dir, "INDEX_DIR": index_dir, "EXPORT_MAX_ROWS": rows})


def test_a_filter_on_a_statement_not_in_the_index_offers_to_search_without_filters(client):
    """A shared link to a statement since removed: no matches, and the way out is one click."""
    page = text_of(client.get("/search?q=domestic+abuse&statement=no-such-statement"))
    assert "No paragraph matches <q>domestic abuse</q> with these filters." in page
    assert '<a href="/search?q=domestic+abuse&amp;view=grouped">searching without filters</a>' in page
    assert "Statement: no-such-statement" in page
