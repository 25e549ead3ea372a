"""Downloads: every matching paragraph, best first, capped, as CSV and JSON (index.export_rows, webapp.exports)."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date

import pytest
from werkzeug.test import EnvironBuilder

import index
from webapp import citations, create_app, exports

from .conftest import SEED_SLUG, copy_corpus
from .oracle import reference_scores

# An invented statement whose paragraphs carry what a CSV writer must get right:
# commas and double quotes, a line break in the file (a hard-wrapped line), and
# cells a spreadsheet would take for formulas. Its disclaimer names who wrote it.
QUILLSHIRE = """More about this area

Quillshire 2024/25

The logo of Quillshire Police

The force says...

Quillshire spent 1.2 million on patrols, cameras and training; the "Safer Lanes" scheme,
paid for by the council, covered half of it.

=HYPERLINK("http://example.invalid/","Quillshire figures") once turned up in a Quillshire spreadsheet.

-12% fewer burglaries were recorded in Quillshire villages.

+44 is the code Quillshire callers from abroad dial most.

@QuillshirePolice posts road closures in Quillshire first.

Disclaimer: the above statement has been prepared by Quillshire Police.
"""
QUILLSHIRE_SLUG = "quillshire-2024-25"
COMMA_QUOTE = 'Quillshire spent 1.2 million on patrols, cameras and training; the "Safer Lanes" scheme, paid for by the council, covered half of it.'
# Not the day the tests run, so that a file named by anything but citations.today() shows.
FIXED_DAY = date(2025, 2, 3)


@pytest.fixture(scope="module")
def export_index_dir(tmp_path_factory):
    """The test corpus plus Quillshire, built once for this module."""
    data = copy_corpus(tmp_path_factory.mktemp("export-data"))
    (data / "quillshire-2024-25.txt").write_text(QUILLSHIRE, encoding="utf-8")
    target = tmp_path_factory.mktemp("export-index")
    index.build_index(data, target)
    return data, target


@pytest.fixture
def export_app(export_index_dir, monkeypatch):
    """The app on that corpus; today (of file names and citations) is FIXED_DAY."""
    data, target = export_index_dir
    monkeypatch.setattr(citations, "today", lambda: FIXED_DAY)
    return create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": target, "AUTO_BUILD": False})


class ReadingClient:
    """A test client that reads each response whole, as a browser saving a download does
    (an unread streamed response would keep its request context open)."""

    def __init__(self, app):
        self.client = app.test_client()

    def get(self, url, **kwargs):
        return self.client.get(url, buffered=True, **kwargs)

    def post(self, url):
        return self.client.post(url, buffered=True)

    def head(self, url):
        return self.client.head(url, buffered=True)


@pytest.fixture
def export_client(export_app):
    return ReadingClient(export_app)


def streamed(app, url: str) -> bool:
    """True when the response to `url` is a generator, written as it is read."""
    response = app.test_client().get(url)
    try:
        return response.is_streamed
    finally:
        response.close()


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download, read as a spreadsheet would (after the byte-order mark)."""
    assert response.data.startswith(b"\xef\xbb\xbf")
    text = response.data.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def placed(rows) -> list[tuple[str, int, float]]:
    return [(row.statement, row.paragraph, row.score) for row in rows]


# ---- the library: index.export_rows ----------------------------------------------


def test_every_match_in_the_flat_views_order(statement_index):
    export = index.export_rows(statement_index, "force")
    results = index.search(statement_index, "force", page_size=100)
    assert placed(export.rows) == [(hit.statement, hit.paragraph, hit.score) for hit in results.hits]
    assert [row.rank for row in export.rows] == list(range(1, results.total + 1))
    assert export.total == results.total == len(export.rows) == 7
    assert not export.truncated and not export.partial
    # Whole texts, not snippets.
    assert all(row.text == hit.text for row, hit in zip(export.rows, results.hits))


def test_the_cap_keeps_the_best_and_says_so(statement_index):
    everything = list(index.export_rows(statement_index, "force").rows)
    capped = index.export_rows(statement_index, "force", limit=3)
    assert placed(capped.rows) == placed(everything[:3])
    assert (capped.total, len(capped.rows), capped.limit, capped.truncated) == (7, 3, 3, True)
    exact = index.export_rows(statement_index, "force", limit=7)
    assert not exact.truncated and len(exact.rows) == 7


def test_filters_and_as_typed_narrow_the_export(statement_index):
    northshire = index.export_rows(statement_index, "force", filters=index.Filters(forces=("Northshire",)))
    assert {row.force for row in northshire.rows} == {"Northshire"} and northshire.total == 1
    seed = index.export_rows(statement_index, "force", filters=index.Filters(statement=SEED_SLUG))
    assert {row.statement for row in seed.rows} == {SEED_SLUG} and seed.total == 6
    assert index.export_rows(statement_index, "deprevation").total == 1  # corrected to "deprived"
    assert index.export_rows(statement_index, "deprevation", as_typed=True).total == 0


def test_the_export_shares_the_searchs_time_limit(index_dir):
    uncached = index.open_index(index_dir, cache_size=0)
    query = "moorland OR force OR police OR crime OR polic*"
    hurried = index.export_rows(uncached, query, time_limit=0.0)
    assert hurried.partial
    assert hurried.total == index.search(uncached, query, time_limit=0.0).total < index.export_rows(uncached, query, time_limit=60).total


def test_texts_are_read_as_the_rows_are_reached(statement_index, monkeypatch):
    """Streaming needs rows read one at a time: nothing is read before the first row is asked for."""
    export_module = sys.modules["index.results.export"]
    reads = []
    real = export_module.paragraph_fields
    monkeypatch.setattr(export_module, "paragraph_fields", lambda *args: reads.append(args) or real(*args))
    export = index.export_rows(statement_index, "force")
    assert reads == []
    rows = iter(export.rows)
    next(rows)
    assert len(reads) == 1


def test_a_download_reads_its_rows_as_it_sends_them(export_app, monkeypatch):
    """The headers and the first bytes go out before any paragraph is read; rows are read as the body is."""
    export_module = sys.modules["index.results.export"]
    reads = []
    real = export_module.paragraph_fields
    monkeypatch.setattr(export_module, "paragraph_fields", lambda *args: reads.append(args) or real(*args))
    for path, first in (("/search.csv", b"\xef\xbb\xbfrank,force"), ("/search.json", b'{"query": "force"')):
        reads.clear()
        started = []
        body = export_app(EnvironBuilder(path=path, query_string="q=force").get_environ(), lambda *args: started.append(args))
        try:
            assert started and started[0][0] == "200 OK" and reads == []
            chunks = iter(body)
            assert next(chunks).startswith(first) and reads == []
            rest = b"".join(chunks)
            assert len(reads) == 7 and rest
        finally:
            body.close()


def test_bad_queries_raise_query_error(statement_index):
    for text in ("*e*", "NOT abuse", '""'):
        with pytest.raises(index.QueryError):
            index.export_rows(statement_index, text)
    with pytest.raises(index.QueryError):
        index.export_rows(statement_index, "force", filters=index.Filters(forces=tuple(f"F{n}" for n in range(21))))


# ---- CSV ---------------------------------------------------------------------


def test_csv_columns_header_and_rows(export_app, export_client):
    response = export_client.get("/search.csv?q=moorland")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert streamed(export_app, "/search.csv?q=moorland")
    header, *rows = csv_rows(response)
    assert header == ["rank", "force", "period", "paragraph", "url", "score", "text", "source_url", "published",
                      "search", "made"]
    [row] = rows
    assert row[:5] == ["1", "Northshire", "2022/23", "1", "http://localhost/statements/northshire-2022-23#p1"]
    [(_, _, score)] = reference_scores(index.open_index(export_app.config["INDEX_DIR"]), "moorland")
    assert row[5] == str(round(score, 4))
    assert row[6].startswith("Northshire is a largely rural county of moorland villages")
    # No provenance in this statement's file; what the download was made with, and when, on every row.
    assert row[7:] == ["", "", "query: moorland; sort: relevance", "2025-02-03"]
    # One byte-order mark, then RFC 4180 line ends.
    assert response.data.count(b"\xef\xbb\xbf") == 1
    assert response.data.endswith(b"\r\n") and response.data.count(b"\r\n") == 2


def test_a_paragraph_with_commas_quotes_and_a_wrapped_line_round_trips(export_client):
    response = export_client.get("/search.csv?q=Safer+Lanes")
    [row] = csv_rows(response)[1:]
    # The file's line break inside the paragraph is a hard wrap: the index keeps it as one space.
    stored = export_client.get(f"/api/statements/{QUILLSHIRE_SLUG}").get_json()["paragraphs"][0]["text"]
    assert row[6] == stored == COMMA_QUOTE
    assert b'""Safer Lanes""' in response.data  # quoted the RFC 4180 way


@pytest.mark.parametrize(
    "text",
    [
        'line one\nline two, with a comma and a "quote"',
        'carriage\r\nreturn and "" doubled quotes',
        'trailing comma,',
        "£ – “curly” and 漢字",
        "",
    ],
)
def test_the_csv_writer_round_trips_any_text(text):
    row = {"rank": 1, "force": "Quillshire", "period": "2024/25", "paragraph": 1, "url": "https://h/s#p1", "score": 1.5, "text": text,
           "source_url": "https://o/s", "published": "2024-05-01", "search": "query: x; sort: relevance", "made": "2025-02-03"}
    written = b"".join(exports.csv_chunks([row, row])).decode("utf-8").removeprefix("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(written, newline="")))
    assert rows == [["1", "Quillshire", "2024/25", "1", "https://h/s#p1", "1.5", text, "https://o/s", "2024-05-01",
                     "query: x; sort: relevance", "2025-02-03"]] * 2


def test_the_csv_writer_sends_big_files_in_chunks():
    row = {"rank": 1, "force": "F", "period": "2024/25", "paragraph": 1, "url": "u", "score": 1.0, "text": "x" * 1000,
           "source_url": "", "published": "", "search": "query: x; sort: relevance", "made": "2025-02-03"}
    chunks = list(exports.csv_chunks([row] * 100))
    assert len(chunks) > 2 and all(len(chunk) < 2 * exports.CHUNK_BYTES for chunk in chunks)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44 callers", "'+44 callers"),
        ("-12% fewer", "'-12% fewer"),
        ("@handle", "'@handle"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturned", "'\rReturned"),
        ("plain = text", "plain = text"),
        ("", ""),
        (-3, -3),
        (1.25, 1.25),
    ],
)
def test_cells_that_look_like_formulas_are_defused(value, shown):
    assert exports.spreadsheet_safe(value) == shown


def test_formula_like_paragraphs_come_out_as_text(export_client):
    rows = csv_rows(export_client.get("/search.csv?q=Quillshire&statement=" + QUILLSHIRE_SLUG))[1:]
    texts = {row[3]: row[6] for row in rows}
    assert texts["2"].startswith("'=HYPERLINK(")
    assert texts["3"].startswith("'-12% fewer")
    assert texts["4"].startswith("'+44 is the code")
    assert texts["5"].startswith("'@QuillshirePolice")
    assert texts["1"] == COMMA_QUOTE  # nothing added where nothing is needed
    # JSON is data, not a spreadsheet: its texts are as stored.
    data = export_client.get("/search.json?q=Quillshire&statement=" + QUILLSHIRE_SLUG).get_json()
    assert {row["text"][0] for row in data["rows"]} == {"Q", "=", "-", "+", "@"}


# ---- JSON --------------------------------------------------------------------


def test_json_holds_the_same_rows_as_csv(export_client):
    for query in ("force", "Quillshire", "police OR moorland"):
        data = export_client.get(f"/search.json?q={query}").get_json()
        header, *rows = csv_rows(export_client.get(f"/search.csv?q={query}"))
        # The CSV's last two columns say once a row what the JSON says once at the top.
        assert [list(row) + ["search", "made"] for row in data["rows"]] == [header] * len(rows)
        assert [[str(exports.spreadsheet_safe(value)) for value in row.values()] + [data["search"], data["made"]]
                for row in data["rows"]] == rows
        assert data["exported"] == len(rows) == data["total"]


def test_json_says_what_it_holds(export_app, export_client):
    response = export_client.get("/search.json?q=deprevation&period=2021-22")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/json"
    assert streamed(export_app, "/search.json?q=deprevation")
    data = response.get_json()
    rows = data.pop("rows")
    assert data == {
        "query": "deprevation", "filters": {"force": [], "period": ["2021/22"], "statement": None},
        "as_typed": False, "sort": "relevance", "live": False, "suggestion": "deprived", "fallback": False, "partial": False,
        "total": 1, "exported": 1, "max_rows": 5000, "truncated": False,
        "made": "2025-02-03", "search": "query: deprevation; period: 2021/22; sort: relevance",
    }
    assert rows[0]["url"] == f"http://localhost/statements/{SEED_SLUG}#p2"
    assert rows[0]["rank"] == 1 and rows[0]["paragraph"] == 2


# ---- the cap, filters, file names, headers -------------------------------------------


def test_the_cap_is_respected_and_reported(export_app):
    export_app.config["EXPORT_MAX_ROWS"] = 2
    client = ReadingClient(export_app)
    response = client.get("/search.csv?q=force")
    assert (response.headers["X-Rows-Truncated"], response.headers["X-Total-Matches"]) == ("true", "7")
    assert len(csv_rows(response)) == 1 + 2
    data = client.get("/search.json?q=force").get_json()
    assert (data["truncated"], data["exported"], data["total"], data["max_rows"], len(data["rows"])) == (True, 2, 7, 2, 2)
    page = client.get("/search?q=force").get_data(as_text=True)
    assert "Download the best 2 of 7 paragraphs:" in page
    export_app.config["EXPORT_MAX_ROWS"] = 7
    assert client.get("/search.csv?q=force").headers["X-Rows-Truncated"] == "false"
    assert "Download:" in client.get("/search?q=force").get_data(as_text=True)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("q=force&force=Northshire", [("Northshire", "2022/23")]),
        ("q=force&period=2022-23", [("Northshire", "2022/23")]),
        ("q=abuse&force=West+Midlands&force=Northshire", [("West Midlands", "2021/22"), ("Northshire", "2022/23")]),
        (f"q=force&statement={SEED_SLUG}", [("West Midlands", "2021/22")]),
        ("q=deprevation&as_typed=1", []),
        ("q=zeppelin", []),
    ],
)
def test_filters_are_honoured(export_client, args, expected):
    forces = {(row[1], row[2]) for row in csv_rows(export_client.get(f"/search.csv?{args}"))[1:]}
    assert forces == set(expected)
    api = export_client.get(f"/api/search?{args}&view=flat").get_json()
    json_rows = export_client.get(f"/search.json?{args}").get_json()["rows"]
    assert [(r["force"], r["paragraph"]) for r in json_rows][: len(api["hits"])] == [(h["force"], h["paragraph"]) for h in api["hits"]]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("domestic abuse", "statement-search-domestic-abuse-2025-02-03"),
        ('Domestic "abuse": repeat/calls?', "statement-search-domestic-abuse-repeat-calls-2025-02-03"),
        ("Ynys Môn 2022/23", "statement-search-ynys-mon-2022-23-2025-02-03"),
        ("../../etc/passwd", "statement-search-etc-passwd-2025-02-03"),
        ("漢字", "statement-search-results-2025-02-03"),
        ("organised crime exploitation neighbourhood policing workforce", "statement-search-organised-crime-exploitation-2025-02-03"),
        ("a" * 60, "statement-search-" + "a" * 40 + "-2025-02-03"),
    ],
)
def test_file_names_carry_the_query_and_the_date(query, name):
    assert exports.file_name(query, "csv", FIXED_DAY) == name + ".csv"


@pytest.mark.parametrize(
    ("filters", "sort", "name"),
    [
        (index.Filters(), "relevance", "statement-search-abuse-2025-02-03"),
        (index.Filters(forces=("Northshire",)), "relevance", "statement-search-abuse-northshire-2025-02-03"),
        (index.Filters(forces=("West Midlands", "Ynys Môn"), periods=("2021/22",)), "newest",
         "statement-search-abuse-west-midlands-ynys-mon-2021-22-newest-2025-02-03"),
        (index.Filters(statement="northshire-2022-23"), "force", "statement-search-abuse-northshire-2022-23-force-2025-02-03"),
        (index.Filters(forces=("F" * 60,)), "relevance", "statement-search-abuse-" + "f" * 40 + "-2025-02-03"),
    ],
)
def test_file_names_carry_the_filters_and_a_sort_other_than_relevance(filters, sort, name):
    assert exports.file_name("abuse", "json", FIXED_DAY, filters, sort) == name + ".json"


def test_a_filtered_sorted_download_says_so_in_its_name_and_its_rows(export_client):
    response = export_client.get("/search.csv?q=abuse&force=Northshire&period=2022-23&sort=newest&as_typed=1")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="statement-search-abuse-northshire-2022-23-newest-2025-02-03.csv"'
    )
    header, *rows = csv_rows(response)
    assert rows and {tuple(row[-2:]) for row in rows} == {
        ("query: abuse; force: Northshire; period: 2022/23; sort: newest; words as typed", "2025-02-03")
    }
    data = export_client.get("/search.json?q=abuse&force=Northshire&sort=newest").get_json()
    assert (data["sort"], data["filters"]["force"], data["made"]) == ("newest", ["Northshire"], "2025-02-03")


def test_downloads_are_attachments_named_for_the_query_and_today(export_client):
    csv_response = export_client.get("/search.csv?q=Domestic+abuse")
    assert csv_response.headers["Content-Disposition"] == 'attachment; filename="statement-search-domestic-abuse-2025-02-03.csv"'
    json_response = export_client.get("/search.json?q=Domestic+abuse")
    assert json_response.headers["Content-Disposition"] == 'attachment; filename="statement-search-domestic-abuse-2025-02-03.json"'


def test_the_results_page_links_to_downloads_of_its_own_state(export_app, export_client):
    page = export_client.get(
        "/search?q=deprevation+force&force=West+Midlands&period=2021-22&statement=west-midlands-2021-22&as_typed=1&view=flat&page=1"
    ).get_data(as_text=True)
    state = "q=deprevation+force&amp;force=West+Midlands&amp;period=2021/22&amp;statement=west-midlands-2021-22&amp;as_typed=1"
    assert f'<a href="/search.csv?{state}" download>CSV' in page
    assert f'<a href="/search.json?{state}" download>JSON' in page
    assert "Download:" in page
    assert 'class="downloads"' not in export_client.get("/search?q=zeppelin").get_data(as_text=True)
    # A download holds every match: not the page, nor the view, it was asked from (one hit a
    # page, so that there is a second page: a page past the last is refused).
    export_app.config["RESULTS_PER_PAGE"] = 1
    second = export_client.get("/search?q=force&view=flat&page=2").get_data(as_text=True)
    assert '<a href="/search.csv?q=force" download>CSV' in second
    # Every link on the line downloads what it says.
    for url in ("/search.csv?q=force&force=Northshire", "/search.json?q=force&force=Northshire"):
        assert export_client.get(url).status_code == 200


# ---- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Add a search query"),
        ("q=%20", "Add a search query"),
        ("q=*e*", "Put at least 2 letters before *"),
        ("q=NOT+abuse", "not only what to leave out"),
        ("q=%22%22", "no words we can look for"),
        ("q=" + "y" * 501, "use at most 500"),
        ("q=abuse&as_typed=yes", "as_typed must be 1"),
        ("q=abuse&" + "&".join(f"force=F{n}" for n in range(21)), "Choose at most 20 forces"),
    ],
)
def test_bad_input_is_a_400_with_a_message(export_client, query, message):
    as_json = export_client.get(f"/search.json?{query}")
    assert as_json.status_code == 400 and as_json.is_json
    assert message in as_json.get_json()["error"]
    as_csv = export_client.get(f"/search.csv?{query}")
    assert as_csv.status_code == 400
    assert message in as_csv.get_data(as_text=True)
    assert "Content-Disposition" not in as_csv.headers


def test_downloads_answer_get_and_head_only(export_client):
    assert export_client.post("/search.csv?q=abuse").status_code == 405
    assert export_client.head("/search.csv?q=abuse").status_code == 200
    assert export_client.get("/search.csv?q=abuse").headers["X-Content-Type-Options"] == "nosniff"


def test_a_download_keeps_the_results_order(client):
    """Sorted results download in their order, and the page's download links say so."""
    page = client.get("/search?q=police&sort=newest").get_data(as_text=True)
    assert 'href="/search.csv?q=police&amp;sort=newest"' in page
    rows = client.get("/search.json?q=police&sort=newest").get_json()["rows"]
    periods = [row["period"] for row in rows]
    assert periods == sorted(periods, reverse=True) and len(set(periods)) > 1
    assert client.get("/search.json?q=police&sort=shuffle").status_code == 400


def test_a_paragraph_with_a_comma_a_quote_and_a_newline_round_trips(client):
    """A list keeps its lines apart with newlines: such a paragraph (with a comma and quotes too)
    comes back from the CSV, read as a spreadsheet reads it, exactly as stored."""
    response = client.get("/search.csv?q=promises&statement=marchford-2023-24")
    [row] = csv_rows(response)[1:]
    stored = client.get("/api/statements/marchford-2023-24").get_json()["paragraphs"][1]["text"]
    assert row[6] == stored
    assert "\n- answer 999 calls" in stored and "," in stored and '"' in stored
