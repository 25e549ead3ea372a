"""Where a statement came from: optional Source: and Published: lines after the disclaimer, shown on
the statement page, in the API, in citations and in downloads; bad values are left out, named by
/healthz and `flask index stats`, and skip nothing. On copies of ../shared/corpus's statements."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date

import pytest

import index
from index.text.provenance import MAX_URL_CHARS, Provenance, split_provenance
from index.text.statements import parse_statement
from webapp import citations, create_app

from .test_app import text_of

GOOD, BAD = "aldermoor-2019-20", "kettlewick-2020-21"
SOURCE = "https://www.aldermoor.police.example/statements/2019-20?year=2019&x=1"
ACCESSED = date(2026, 12, 1)
BODY = "West Shire 2021/22\n\nThe force says...\n\nOne paragraph.\n\nDisclaimer: prepared by West Shire Police.\n"


@pytest.mark.parametrize(
    "tail, provenance, kept",
    [
        ("", Provenance(), 1),
        (f"Source: {SOURCE}\nPublished: 2020-06-30\n", Provenance(SOURCE, "2020-06-30"), 1),
        ("published: 2020-06-30\nSOURCE:  http://a.example  \n", Provenance("http://a.example", "2020-06-30"), 1),
        ("\nSource: https://a.example/s\n", Provenance("https://a.example/s"), 1),  # a block of its own
        ("Source: www.example.police.uk\n", Provenance(problems=("Source: “www.example.police.uk” is not a web address (like https://www.example.police.uk/statement)",)), 1),
        ("Source: javascript:alert(1)\n", Provenance(problems=("Source: “javascript:alert(1)” is not a web address (like https://www.example.police.uk/statement)",)), 1),
        ("Source: ftp://files.example/s\n", Provenance(problems=("Source: “ftp://files.example/s” is not a web address (like https://www.example.police.uk/statement)",)), 1),
        ("Source: https://\n", Provenance(problems=("Source: “https://” is not a web address (like https://www.example.police.uk/statement)",)), 1),
        ("Source: https://a.example/two words\n", Provenance(problems=("Source: “https://a.example/two words” is not a web address (like https://www.example.police.uk/statement)",)), 1),
        ("Published: 2023-02-30\n", Provenance(problems=("Published: 2023-02-30 is not a real date",)), 1),
        ("Published: 30/06/2020\n", Provenance(problems=("Published: “30/06/2020” is not a date written YYYY-MM-DD",)), 1),
        # Bad and good together: the good one is kept.
        (f"Source: {SOURCE}\nPublished: 2020-13-01\n", Provenance(SOURCE, "", ("Published: 2020-13-01 is not a real date",)), 1),
    ],
    ids=["none", "both", "any-case-any-order", "own-block", "no-scheme", "javascript", "ftp", "no-host", "space",
         "impossible-date", "other-format", "one-bad"],
)
def test_source_and_published_lines(tail, provenance, kept):
    statement = parse_statement(BODY + tail, "west-shire.txt")
    assert (statement.source_url, statement.published, statement.provenance_problems) == (
        provenance.source_url, provenance.published, provenance.problems
    )
    # The lines never end up in the disclaimer or the body.
    assert statement.disclaimer == "Disclaimer: prepared by West Shire Police."
    assert len(statement.paragraphs) == kept


HOME_OFFICE = "Source: Home Office police workforce statistics, 2023."


@pytest.mark.parametrize(
    "text, paragraphs, disclaimer, source_url",
    [
        # No disclaimer: the lines are body text, as they were before these lines existed.
        ("One paragraph.\n\n" + HOME_OFFICE, ["One paragraph.", HOME_OFFICE], "", ""),
        ("One paragraph.\n\nSource: https://a.example/s\nPublished: 2020-06-30",
         ["One paragraph.", "Source: https://a.example/s Published: 2020-06-30"], "", ""),
        # A body paragraph that starts "Source:" before the disclaimer stays a paragraph.
        (HOME_OFFICE + "\n\nDisclaimer: x.\nSource: https://a.example/s", [HOME_OFFICE], "Disclaimer: x.", "https://a.example/s"),
        # The disclaimer is its Disclaimer: line and what follows it: a wrapped one ends right above the lines.
        ("One paragraph.\n\nDisclaimer: x\nwrapped.\n\nSource: https://a.example/s", ["One paragraph."],
         "Disclaimer: x wrapped.", "https://a.example/s"),
    ],
    ids=["home-office-no-disclaimer", "address-no-disclaimer", "source-paragraph-then-disclaimer", "wrapped-disclaimer"],
)
def test_the_lines_count_only_after_a_disclaimer(text, paragraphs, disclaimer, source_url):
    statement = parse_statement("West Shire 2021/22\n\n" + text + "\n", "w.txt")
    assert [p.text for p in statement.paragraphs] == paragraphs
    assert (statement.disclaimer, statement.source_url, statement.provenance_problems) == (disclaimer, source_url, ())


@pytest.mark.parametrize(
    "tail, published, problems",
    [
        ("Source: https://a.example/1\nSource: https://a.example/2\n", "", ("Source: given 2 times (give it once)",)),
        ("Source: https://a.example/1\nPublished: 2020-06-30\nsource: x\n", "2020-06-30", ("Source: given 2 times (give it once)",)),
        ("Published: 2020-06-30\nPublished: 2020-07-01\n", "", ("Published: given 2 times (give it once)",)),
    ],
    ids=["source-twice", "source-twice-apart", "published-twice"],
)
def test_a_line_given_twice_is_a_problem_not_disclaimer_text(tail, published, problems):
    statement = parse_statement(BODY + tail, "west-shire.txt")
    assert statement.disclaimer == "Disclaimer: prepared by West Shire Police."
    assert (statement.source_url, statement.published, statement.provenance_problems) == ("", published, problems)
    assert [p.text for p in statement.paragraphs] == ["One paragraph."]  # still indexed, nothing lost


@pytest.mark.parametrize("extra, kept", [(0, True), (1, False)], ids=["at-the-limit", "one-over"])
def test_an_address_up_to_max_url_chars(extra, kept):
    assert MAX_URL_CHARS == 2000  # docs/provenance.md gives the figure
    url = "https://a.example/" + "x" * (MAX_URL_CHARS - len("https://a.example/") + extra)
    assert len(url) == MAX_URL_CHARS + extra
    statement = parse_statement(BODY + f"Source: {url}\nPublished: 2020-06-30\n", "west-shire.txt")
    problems = () if kept else (f"Source: the address is longer than {MAX_URL_CHARS} characters",)
    assert (statement.source_url, statement.published, statement.provenance_problems) == (
        url if kept else "", "2020-06-30", problems
    )
    assert statement.disclaimer == "Disclaimer: prepared by West Shire Police."


def test_only_the_last_lines_count():
    lines, provenance = split_provenance(["Source: https://a.example/1", "Disclaimer: x", "Source: https://a.example/2"])
    assert lines == ["Source: https://a.example/1", "Disclaimer: x"] and provenance.source_url == "https://a.example/2"


def test_todays_files_read_as_before(shared_corpus_dir):
    for path in sorted(shared_corpus_dir.glob("*.txt")):
        statement = parse_statement(path.read_text("utf-8"), path.name)
        assert (statement.source_url, statement.published, statement.provenance_problems) == ("", "", ())
        assert statement.disclaimer.startswith("Disclaimer:") and "Source:" not in statement.disclaimer


# ---- built, served --------------------------------------------------------------


@pytest.fixture(scope="module")
def provenance_app(shared_corpus_dir, tmp_path_factory):
    """The independent corpus with a source and date added to one statement, and bad ones to another."""
    data = tmp_path_factory.mktemp("provenance-data")
    for path in shared_corpus_dir.glob("*.txt"):
        shutil.copy(path, data / path.name)
    with open(data / f"{GOOD}.txt", "a", encoding="utf-8") as file:
        file.write(f"Source: {SOURCE}\nPublished: 2020-06-30\n")
    with open(data / f"{BAD}.txt", "a", encoding="utf-8") as file:
        file.write("Source: aldermoor police website\nPublished: 2021-02-29\n")
    target = tmp_path_factory.mktemp("provenance-index")
    index.build_index(data, target)
    return create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": target, "AUTO_BUILD": False})


@pytest.fixture
def provenance_client(provenance_app, monkeypatch):
    monkeypatch.setattr(citations, "today", lambda: ACCESSED)
    return provenance_app.test_client()


def test_the_statement_page_says_where_and_when(provenance_client):
    page = text_of(provenance_client.get(f"/statements/{GOOD}"))
    escaped = SOURCE.replace("&", "&amp;")
    assert f'<p class="provenance">Published 30 June 2020.\n  Original: <a href="{escaped}" rel="external noopener">{escaped}</a></p>' in page
    assert '<p class="provenance">' not in text_of(provenance_client.get(f"/statements/{BAD}"))


def test_citations_carry_the_original_and_this_apps_link(provenance_client):
    data = provenance_client.get(f"/api/statements/{GOOD}").get_json()
    assert (data["source_url"], data["published"]) == (SOURCE, "2020-06-30")
    assert data["paragraphs"][2]["citation"] == (
        f'Aldermoor Police, "Aldermoor 2019/20", published 30 June 2020, paragraph 3. {SOURCE}; '
        f"here: http://localhost/statements/{GOOD}#p3 (accessed 1 December 2026)."
    )
    page = text_of(provenance_client.get(f"/statements/{GOOD}"))
    assert f"{SOURCE.replace('&', '&amp;')}; here: http://localhost/statements/{GOOD}#p3 (accessed 1 December 2026)." in page
    # Without provenance, the citation is as it always was.
    bad = provenance_client.get(f"/api/statements/{BAD}").get_json()
    assert bad["paragraphs"][0]["citation"] == (
        f'Kettlewick Police, "Kettlewick 2020/21", paragraph 1. http://localhost/statements/{BAD}#p1 (accessed 1 December 2026).'
    )


def test_downloads_carry_them(provenance_client):
    data = provenance_client.get("/search.json?q=Lodestar&force=Aldermoor&period=2019-20").get_json()
    assert {(row["source_url"], row["published"]) for row in data["rows"]} == {(SOURCE, "2020-06-30")}
    response = provenance_client.get("/search.csv?q=Lodestar&force=Aldermoor&period=2019-20")
    header, *rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"), newline="")))
    assert rows and {(row[header.index("source_url")], row[header.index("published")]) for row in rows} == {
        (SOURCE, "2020-06-30")
    }


def test_bad_values_skip_nothing_and_are_named(provenance_client, provenance_app):
    bad = provenance_client.get(f"/api/statements/{BAD}").get_json()
    assert (bad["source_url"], bad["published"]) == ("", "") and len(bad["paragraphs"]) == bad["paragraphs"][-1]["number"] > 5
    assert bad["disclaimer"].endswith("not necessarily those of HMICFRS.")
    health = provenance_client.get("/healthz")
    assert health.status_code == 200
    data = health.get_json()
    assert data["status"] == "ok" and data["statements"] == 20 and data["skipped"] == []
    assert data["provenance"] == [
        {"source": f"{BAD}.txt",
         "problem": "Source: “aldermoor police website” is not a web address (like https://www.example.police.uk/statement)"},
        {"source": f"{BAD}.txt", "problem": "Published: 2021-02-29 is not a real date"},
    ]
    build = provenance_app.test_cli_runner().invoke(args=["index", "build"])
    assert build.exit_code == 0 and "Index is up to date: 20 statements" in build.output
    assert f"Indexed {BAD}.txt without a line: Published: 2021-02-29 is not a real date\n" in build.output
    result = provenance_app.test_cli_runner().invoke(args=["index", "stats"])
    assert result.exit_code == 0
    assert "Provenance:  2 lines left out\n" in result.output
    assert f"  {BAD}.txt: Published: 2021-02-29 is not a real date\n" in result.output


def test_a_start_up_build_logs_each_line_left_out(tmp_path, caplog):
    data = tmp_path / "data"
    data.mkdir()
    (data / "west-shire.txt").write_text(BODY + "Source: not an address\n", "utf-8")
    with caplog.at_level("WARNING"):
        app = create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": tmp_path / "index"})
    assert app.test_client().get("/api/statements/west-shire-2021-22").status_code == 200
    assert [record.getMessage() for record in caplog.records if "without a line" in record.getMessage()] == [
        "Indexed west-shire.txt without a line: Source: “not an address” is not a web address "
        "(like https://www.example.police.uk/statement)"
    ]
