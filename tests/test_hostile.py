"""Hostile and accidental abuse of the search box: always a page or a clear 400, escaped.

How long a search may run is tested with a small time limit (tests/test_search.py), never with a
stopwatch here: these tests must pass on a loaded machine.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp import create_app

SEARCH_TIME_LIMIT = 1.0
SEED = "west-midlands-2021-22"

# Tags the templates write (but <script>, counted against a harmless page); anything else came from input.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "link", "body", "a", "header", "div", "nav", "main",
    "footer", "p", "code", "h1", "h2", "form", "label", "input", "button", "span", "ol", "ul", "li",
    "q", "strong", "mark", "details", "summary", "section", "figure", "svg", "rect", "text",
    "figcaption", "table", "caption", "thead", "tbody", "tr", "th", "td", "blockquote", "br",
    "h3", "dl", "dt", "dd", "del", "ins",  # the comparison of a force's years
    "fieldset", "legend",  # the facets form
}

HOSTILE = [
    "ka* ri*",
    "*e*",
    " OR ".join(f"word{n}" for n in range(1023)),
    "x" * 16_000,
    "NOT AND ",
    " AND ".join(["crime"] * 1000),
    "(" * 500 + "crime" + ")" * 500,
    '"' * 301,
    "\x00\x01\x02 police \x7f",
    "police \ud800 crime",
    "text:police^9 [a TO z] {x TO y} crime~3",
    "<script>alert(1)</script>",
    'x" onmouseover="alert(1)',
    "\u202e\u200b\ufeff police",
    "polic" + "\u0301" * 200,
]


class Tags(HTMLParser):
    """Start tags and their attribute names."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, [name for name, _ in attrs]))


def injected(page: str, baseline_scripts: int) -> list[str]:
    """Tags or attributes in a page that the templates never write, and <script> tags beyond
    the `baseline_scripts` that the page of a harmless query has."""
    found = tags_of(page)
    extra = [
        f"{tag}{attrs}"
        for tag, attrs in found
        if (tag not in TEMPLATE_TAGS and tag != "script") or any(name.startswith("on") for name in attrs)
    ]
    scripts = sum(tag == "script" for tag, _ in found)
    return extra + ["script"] * max(0, scripts - baseline_scripts)


@pytest.fixture(scope="module")
def hostile_client(corpus_dir, index_dir):
    app = create_app({
        "TESTING": True, "DATA_DIR": corpus_dir, "INDEX_DIR": index_dir,
        "SEARCH_TIME_LIMIT": SEARCH_TIME_LIMIT, "RESULT_CACHE_SIZE": 0,
    })
    return app.test_client()


@pytest.fixture(scope="module")
def baseline_scripts(hostile_client) -> int:
    """How many <script> tags the results page of a harmless query has."""
    page = hostile_client.get("/search?q=police").get_data(as_text=True)
    return sum(tag == "script" for tag, _ in tags_of(page))


def ask(client, endpoint: str, text: str, extra: str = ""):
    """GET endpoint?q=text, percent-encoding even lone surrogates as a raw client would send them."""
    encoded = quote(text.encode("utf-8", "surrogatepass"), safe="")
    return client.get(f"{endpoint}?q={encoded}{extra}")


def check_answer(response, endpoint: str, baseline_scripts: int) -> None:
    """The properties every answer has."""
    assert response.status_code in (200, 400), response.status_code
    if endpoint == "/search.csv" and response.status_code == 200:
        assert response.mimetype == "text/csv"
        assert response.get_data(as_text=True).startswith("\ufeff")
    elif endpoint == "/search.json":
        assert set(response.get_json()) >= ({"query", "rows"} if response.status_code == 200 else {"error"})
    elif endpoint == "/api/search":
        data = response.get_json()
        assert set(data) >= ({"hits", "total"} if response.status_code == 200 else {"error"})
        for hit in data.get("hits", []):
            # Snippets are HTML: the only markup in them is <mark> (and <br> between list lines), with no attributes.
            assert all(tag in ("mark", "br") and not attrs for tag, attrs in tags_of(hit["snippet"]))
    else:
        page = response.get_data(as_text=True)
        assert injected(page, baseline_scripts) == []
        assert "Traceback" not in page


def tags_of(fragment: str) -> list[tuple[str, list[str]]]:
    """The start tags of an HTML fragment, with their attribute names."""
    parser = Tags()
    parser.feed(fragment)
    return parser.found


@pytest.mark.parametrize("endpoint", ["/search", "/api/search"])
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_catalogue(hostile_client, baseline_scripts, endpoint, text):
    check_answer(ask(hostile_client, endpoint, text), endpoint, baseline_scripts)


@pytest.mark.parametrize("endpoint", ["/search", "/api/search"])
@pytest.mark.parametrize(
    "extra",
    ["&page=-1", "&page=99999999999999999999", "&page=%00", "&force=" + "x" * 5000,
     "".join(f"&force=f{n}" for n in range(50)), "&view=%3Cscript%3E", "&statement=../../etc/passwd"],
)
def test_hostile_parameters(hostile_client, baseline_scripts, endpoint, extra):
    check_answer(ask(hostile_client, endpoint, "police", extra), endpoint, baseline_scripts)


SYNTAX = ["AND", "OR", "NOT", "(", ")", '"', "*", "-", "+", "~", "^", ":", "[", "]", "{", "}", "?",
          "\\", "/", "'", "&", "<", ">", "&amp;", "<script>", "</mark>", 'x" onmouseover=alert(1)',
          "police", "crime", "abuse", "deprived", "wards", "2021/22", "Northshire", "West Midlands"]
EDGES = ["\x00", "\ud800", "\udfff", "\u0301", "\ufb01", "\u0130", "\u200b", "\u202e", "\U0001f642",
         "\uffff", "\ufffe", "\x85", "\u2028", "Ǆ", "ß", "\u00a0"]

tokens = st.one_of(
    st.sampled_from(SYNTAX),
    st.sampled_from(EDGES),
    st.text(min_size=1, max_size=12),
    st.text(alphabet="ab*\"()-", min_size=1, max_size=8),
    st.builds(lambda c, n: c * n, st.sampled_from("xa*(\"-"), st.integers(100, 3000)),
)
queries = st.lists(tokens, max_size=14).map(" ".join)


@pytest.mark.slow
@settings(
    max_examples=10_000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=queries,
    endpoint=st.sampled_from(["/search", "/api/search", "/search.csv", "/search.json", f"/statements/{SEED}"]),
    extra=st.sampled_from(["", "&live=1", "&sort=newest", "&sort=force&view=flat", "&live=1&sort=force&page=2"]),
)
def test_any_query_is_answered_and_escaped(hostile_client, baseline_scripts, text, endpoint, extra):
    """Every query, as typed, while typing (live=1), in every order, on every page that searches."""
    check_answer(ask(hostile_client, endpoint, text, extra), endpoint, baseline_scripts)


slugs = st.one_of(
    st.sampled_from([SEED, "northshire-2022-23", "northshire-2021-22", "marchford-2023-24", "marchford-2022-23",
                     "..", ".", "%2e%2e", "a" * 3000, "%00"]),
    st.text(min_size=1, max_size=40).map(lambda text: quote(text.encode("utf-8", "surrogatepass"), safe="")),
)


@pytest.mark.slow
@settings(max_examples=500, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(first=slugs, second=slugs, api=st.booleans())
def test_any_comparison_is_answered(compare_client, baseline_scripts, first, second, api):
    """Two of any statement names: a comparison (or a redirect to the earlier period first), or a
    clear 400 or 404, never an error page."""
    response = compare_client.get(f"{'/api' if api else ''}/compare/{first}/{second}")
    assert response.status_code in (200, 301, 308, 400, 404), response.status_code
    if response.status_code in (301, 308):
        assert urlsplit(response.location).netloc in ("", "localhost")  # this site only
    elif api:
        assert response.is_json
    else:
        assert injected(response.get_data(as_text=True), baseline_scripts) == []


def test_the_injection_check_sees_a_script_that_a_page_lets_through(baseline_scripts):
    """The guard itself: a page that carried the query as markup would fail the check."""
    harmless = f"<html><body>{'<script src=/static/app.js></script>' * baseline_scripts}<p>police</p></body></html>"
    assert injected(harmless, baseline_scripts) == []
    assert injected(harmless.replace("<p>police</p>", "<p><script>alert(1)</script></p>"), baseline_scripts) == ["script"]
    assert injected(harmless.replace("<p>", '<p onmouseover="x">'), baseline_scripts) == ["p['onmouseover']"]
