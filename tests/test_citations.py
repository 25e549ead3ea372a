"""Citations: one line per paragraph, the same on statement pages and in the JSON API."""

from __future__ import annotations

from datetime import date

import pytest

import index
from webapp import citations, create_app

from .conftest import SEED_SLUG, copy_corpus
from .test_app import HIT_KEYS, injected_markup, text_of

# Not the day the tests run, so that a citation dated by anything but citations.today() shows.
FIXED_DAY = date(2025, 2, 3)
SEED_P3 = (
    'West Midlands Police, "West Midlands 2021/22", paragraph 3. '
    "http://localhost/statements/west-midlands-2021-22#p3 (accessed 3 February 2025)."
)
# An invented statement whose disclaimer names its author with markup in it.
VALESHIRE = """Valeshire 2024/25

The force says...

Valeshire answers most emergency calls within ten seconds.

Disclaimer: the above statement has been prepared by Vale <b onmouseover="alert(1)">Fen</b> & Co Police.
"""


@pytest.fixture
def fixed_day(monkeypatch):
    """Today is FIXED_DAY for every citation."""
    monkeypatch.setattr(citations, "today", lambda: FIXED_DAY)
    return FIXED_DAY


def test_the_citation_format():
    line = citations.citation_text(
        "West Midlands Police", "West Midlands", "2021/22", 3,
        "https://host/statements/west-midlands-2021-22#p3", date(2026, 12, 1),
    )
    assert line == (
        'West Midlands Police, "West Midlands 2021/22", paragraph 3. '
        "https://host/statements/west-midlands-2021-22#p3 (accessed 1 December 2026)."
    )


@pytest.mark.parametrize(
    ("day", "written"),
    [(date(2026, 1, 1), "1 January 2026"), (date(2025, 5, 9), "9 May 2025"), (date(2024, 12, 31), "31 December 2024")],
)
def test_dates_are_written_out(day, written):
    assert citations.long_date(day) == written


@pytest.mark.parametrize(
    ("disclaimer", "author"),
    [
        ("Disclaimer: the above statement has been prepared by West Midlands Police. The views are not HMICFRS's.", "West Midlands Police"),
        ("Disclaimer: the above statement has been prepared by Northshire Constabulary.", "Northshire Constabulary"),
        ("Disclaimer: PREPARED BY Kent Police", "Kent Police"),
        ("Disclaimer: prepared by St. Helens Police. The views are its own.", "St. Helens Police"),
        ("Disclaimer: the views are the force's own.", "West Midlands"),
        ("", "West Midlands"),
    ],
)
def test_the_author_is_who_the_disclaimer_says_prepared_it_else_the_force(disclaimer, author):
    info = index.StatementInfo(SEED_SLUG, "West Midlands", "2021/22", "", disclaimer, "x.txt", 7)
    assert info.author == author


def test_api_statement_paragraphs_carry_their_citation(client, fixed_day):
    paragraphs = client.get(f"/api/statements/{SEED_SLUG}").get_json()["paragraphs"]
    assert paragraphs[2]["citation"] == SEED_P3
    assert [set(p) for p in paragraphs] == [{"number", "text", "url", "citation", "same_words"}] * 7
    assert paragraphs[2]["url"] == f"/statements/{SEED_SLUG}#p3"  # the existing field is unchanged


def test_api_search_hits_carry_their_citation(client, fixed_day):
    [hit] = client.get("/api/search?q=moorland").get_json()["hits"]
    assert HIT_KEYS | {"citation"} <= set(hit)
    assert hit["url"] == "/statements/northshire-2022-23#p1"
    assert hit["citation"] == (
        'Northshire Constabulary, "Northshire 2022/23", paragraph 1. '
        "http://localhost/statements/northshire-2022-23#p1 (accessed 3 February 2025)."
    )
    similar = client.get("/api/statements/northshire-2022-23/p2/similar").get_json()["hits"]
    assert similar[0]["citation"].startswith('West Midlands Police, "West Midlands 2021/22", paragraph 2. http://localhost/')


def test_the_date_accessed_is_the_servers_today(client, monkeypatch):
    monkeypatch.setattr(citations, "today", lambda: date(2027, 3, 9))
    assert client.get(f"/api/statements/{SEED_SLUG}").get_json()["paragraphs"][0]["citation"].endswith(
        "#p1 (accessed 9 March 2027)."
    )
    assert "(accessed 9 March 2027).</p>" in text_of(client.get(f"/statements/{SEED_SLUG}"))


def test_every_paragraph_of_a_statement_page_can_be_cited(client, fixed_day):
    page = text_of(client.get(f"/statements/{SEED_SLUG}?q=workforce"))
    assert page.count('<details class="cite">') == 7
    assert (
        '<summary>Cite<span class="visually-hidden"> paragraph 3</span></summary>\n'
        f'        <p class="citation">{SEED_P3.replace(chr(34), "&#34;")}</p>'
    ) in page
    section = page.split('id="p6"')[1].split("</section>")[0]
    assert "paragraph 6. http://localhost/statements/west-midlands-2021-22#p6 (accessed" in section
    assert "?q=" not in section.split('class="citation"')[1]  # the permanent link, not the highlighted page


def test_citations_are_escaped_on_the_page_and_plain_in_json(tmp_path, fixed_day):
    data = copy_corpus(tmp_path / "data")
    (data / "valeshire-2024-25.txt").write_text(VALESHIRE, encoding="utf-8")
    client = create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": tmp_path / "ix"}).test_client()
    author = 'Vale <b onmouseover="alert(1)">Fen</b> & Co Police'
    cited = client.get("/api/statements/valeshire-2024-25").get_json()["paragraphs"][0]["citation"]
    assert cited.startswith(f'{author}, "Valeshire 2024/25", paragraph 1. http://localhost/statements/valeshire-2024-25#p1')
    page = text_of(client.get("/statements/valeshire-2024-25"))
    assert injected_markup(page) == []
    assert (
        '<p class="citation">Vale &lt;b onmouseover=&#34;alert(1)&#34;&gt;Fen&lt;/b&gt; &amp; Co Police, '
        "&#34;Valeshire 2024/25&#34;, paragraph 1."
    ) in page
    [hit] = client.get("/api/search?q=emergency").get_json()["hits"]
    assert hit["citation"] == cited
