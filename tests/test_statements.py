"""Statement files -> Statement objects, including the awkward layouts real files have."""

from __future__ import annotations

import pytest

import index
from index.text.statements import StatementError, load_statements, parse_statement, read_statement, slugify

from .conftest import SEED

BODY = "First paragraph.\n\nSecond paragraph."
HEADER = "More about this area\n\nKent 2022/23\n\nThe logo of Kent Police\n\nThe force says...\n\n"
DISCLAIMER = "\n\nDisclaimer: prepared by Kent Police."


def test_seed_statement_facts():
    statement = read_statement(SEED, "seed.txt")
    assert statement.force == "West Midlands"
    assert statement.period == "2021/22"
    assert statement.slug == "west-midlands-2021-22"
    assert statement.title == "More about this area"
    assert [p.number for p in statement.paragraphs] == [1, 2, 3, 4, 5, 6, 7]
    assert statement.disclaimer.startswith("Disclaimer: the above statement has been prepared")
    assert statement.source == "seed.txt"


@pytest.mark.parametrize(
    ("number", "first_words"),
    [
        (1, "West Midlands is a predominantly urban area"),
        (2, "Home to a population of over 2.8 million"),
        (3, "The region’s youth and diversity are strengths"),
        (4, "West Midlands collaborates with other forces"),
        (5, "The force has made significant technical investment"),
        (6, "The introduction of the policing uplift"),
        (7, "The force has strong values of fairness"),
    ],
)
def test_seed_paragraphs_start_with(number, first_words):
    paragraph = read_statement(SEED).paragraphs[number - 1]
    assert paragraph.number == number
    assert paragraph.text.startswith(first_words)


def test_seed_header_and_disclaimer_are_not_paragraphs():
    texts = [p.text for p in read_statement(SEED).paragraphs]
    for header in ("More about this area", "West Midlands 2021/22", "The logo of", "The force says"):
        assert not any(text.startswith(header) for text in texts)
    assert not any("Disclaimer" in text for text in texts)


def test_seed_double_spaces_are_collapsed():
    assert all("  " not in p.text for p in read_statement(SEED).paragraphs)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("plain", HEADER + BODY + DISCLAIMER),
        ("byte order mark", "\ufeff" + HEADER + BODY + DISCLAIMER),
        ("CRLF line endings", (HEADER + BODY + DISCLAIMER).replace("\n", "\r\n")),
        ("CR line endings", (HEADER + BODY + DISCLAIMER).replace("\n", "\r")),
        ("trailing spaces", (HEADER + BODY + DISCLAIMER).replace("\n", "  \t\n")),
        ("several blank lines", (HEADER + BODY + DISCLAIMER).replace("\n\n", "\n\n\n \n\n")),
        ("hard-wrapped", HEADER + "First\nparagraph.\n\nSecond\n   paragraph." + DISCLAIMER),
        ("no page heading", HEADER.replace("More about this area\n\n", "") + BODY + DISCLAIMER),
        ("no logo caption", HEADER.replace("The logo of Kent Police\n\n", "") + BODY + DISCLAIMER),
        ("no 'force says'", HEADER.replace("The force says...\n\n", "") + BODY + DISCLAIMER),
        ("unicode ellipsis", HEADER.replace("says...", "says…") + BODY + DISCLAIMER),
        ("header without blank lines", HEADER.replace("\n\n", "\n") + "\n" + BODY + DISCLAIMER),
        ("disclaimer wrapped onto last paragraph", HEADER + BODY + DISCLAIMER.replace("\n\n", "\n")),
        ("no trailing newline", (HEADER + BODY + DISCLAIMER).rstrip()),
        ("tabs and control characters", HEADER + "First\tparagraph.\x07\n\nSecond paragraph." + DISCLAIMER),
    ],
)
def test_awkward_layouts_parse_the_same(name, text):
    statement = parse_statement(text, name)
    assert (statement.force, statement.period, statement.slug) == ("Kent", "2022/23", "kent-2022-23")
    assert [p.text for p in statement.paragraphs] == ["First paragraph.", "Second paragraph."]
    assert statement.disclaimer == "Disclaimer: prepared by Kent Police."


def test_missing_disclaimer_is_allowed():
    statement = parse_statement(HEADER + BODY, "x")
    assert statement.disclaimer == ""
    assert len(statement.paragraphs) == 2


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty"),
        ("\n \n\t\n", "the file is empty"),
        ("Just some text.\n\nWith no header at all.", "no force and period line"),
        ("More about this area\n\nKent 2022/23\n\nThe force says...\n", "no body paragraphs"),
        ("Kent 2022/23\n\nDisclaimer: only a disclaimer", "no body paragraphs"),
    ],
)
def test_unparseable_text_names_the_file_and_why(text, reason):
    with pytest.raises(StatementError) as caught:
        parse_statement(text, "forces/kent.txt")
    assert caught.value.source == "forces/kent.txt"
    assert reason in caught.value.reason
    assert str(caught.value).startswith("forces/kent.txt: ")


def test_non_utf8_file_is_an_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes((HEADER + "Caf\xe9 culture.").encode("latin-1"))
    with pytest.raises(StatementError, match="not UTF-8"):
        read_statement(path, "latin1.txt")


@pytest.mark.parametrize(
    ("parts", "slug"),
    [
        (("West Midlands", "2021/22"), "west-midlands-2021-22"),
        (("Avon and Somerset", "2021/2022"), "avon-and-somerset-2021-2022"),
        (("Dyfed-Powys", "2023"), "dyfed-powys-2023"),
        (("Ynys Môn", "2022/23"), "ynys-mon-2022-23"),
        (("City of London!", "2022/23"), "city-of-london-2022-23"),
    ],
)
def test_slugify(parts, slug):
    assert slugify(*parts) == slug


def test_load_statements_skips_bad_files_and_keeps_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text(HEADER + BODY)
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "other.txt").write_text(HEADER.replace("Kent", "Essex") + BODY)
    (tmp_path / "bad.txt").write_text("no header here")
    (tmp_path / "notes.md").write_text("not a statement file")
    statements, errors = load_statements(tmp_path)
    assert [s.source for s in statements] == ["nested/other.txt", "good.txt"]
    assert [(e.source, "no force and period line" in e.reason) for e in errors] == [("bad.txt", True)]


def test_duplicate_force_and_period_names_both_files(tmp_path):
    (tmp_path / "a.txt").write_text(HEADER + BODY)
    (tmp_path / "b.txt").write_text(HEADER + "Another body.")
    statements, errors = load_statements(tmp_path)
    assert [s.source for s in statements] == ["a.txt"]
    assert len(errors) == 1
    assert errors[0].source == "b.txt"
    assert "a.txt" in errors[0].reason and "Kent 2022/23" in errors[0].reason


@pytest.mark.parametrize(
    ("written", "period"),
    [("2022/23", "2022/23"), ("2022-23", "2022/23"), ("2022\u201323", "2022/23"), ("2022 / 23", "2022/23"),
     ("2022/2023", "2022/23"), ("2022-2023", "2022/23"), ("1999/00", "1999/00"), ("2023", "2023")],
)
def test_periods_are_written_one_way(written, period):
    statement = parse_statement(HEADER.replace("2022/23", written) + BODY, "kent.txt")
    assert statement.period == period
    assert statement.slug == slugify("Kent", period)


@pytest.mark.parametrize("written", ["2023/25", "2023/2025", "2023-22", "2023/23"])
def test_a_period_of_years_that_do_not_follow_each_other_is_refused(written):
    with pytest.raises(StatementError, match=f"the period {written} is not two consecutive years"):
        parse_statement(HEADER.replace("2022/23", written) + BODY, "forces/kent.txt")


def test_a_duplicate_never_replaces_the_statement_already_indexed(tmp_path):
    """First by path, unless the other file is the one indexed: never an accident of folder order."""
    (tmp_path / "kent.txt").write_text(HEADER + BODY)
    (tmp_path / "copies").mkdir()
    (tmp_path / "copies" / "kent-again.txt").write_text(HEADER + "Another body.")
    statements, errors = load_statements(tmp_path, indexed={"kent-2022-23": "kent.txt"})
    assert [s.source for s in statements] == ["kent.txt"]
    assert [e.source for e in errors] == ["copies/kent-again.txt"]
    assert errors[0].reason.count("kent.txt") == 1 and "skipped" not in errors[0].reason
    statements, _ = load_statements(tmp_path)
    assert [s.source for s in statements] == ["copies/kent-again.txt"]  # nothing indexed: first by path


LISTED = """Northshire 2022/23

The force says...

Our priorities:
- reduce harm,
  especially to children
* catch more burglars
• one more

1. first
2) second

Prose hard-wrapped
- with a dash at the start of a line, once.

- one item alone
is not a list

Disclaimer: prepared by Northshire Police.
"""


def test_a_list_keeps_one_line_per_item():
    paragraphs = [p.text for p in parse_statement(LISTED, "listed.txt").paragraphs]
    assert paragraphs == [
        "Our priorities:\n- reduce harm, especially to children\n* catch more burglars\n• one more",
        "1. first\n2) second",
        "Prose hard-wrapped - with a dash at the start of a line, once.",
        "- one item alone is not a list",
    ]


@pytest.mark.parametrize(
    ("typed", "period"),
    [("2021/22", "2021/22"), (" 2021-22 ", "2021/22"), ("2021–22", "2021/22"), ("2021/2022", "2021/22"),
     ("2021", "2021"), ("2021/23", "2021/23"), (" Atlantis ", "Atlantis")],
)
def test_a_period_filter_is_read_one_way_for_pages_api_and_command_line(typed, period):
    """index.filter_period: the views and `flask index search --period` both call it."""
    assert index.filter_period(typed) == period
