"""What a person types -> the Whoosh query we run, or a message saying why not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.query.parser import (
    MAX_BRACKETS,
    MAX_QUERY_CHARS,
    QueryError,
    after_open_quote,
    make_parser,
    normalise_query,
    parse_query,
    plain_words,
    quote_open,
)


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("deprived wards", "(text:deprived AND text:wards)"),
        ("Officers", "text:officers"),
        ('"organised crime"', 'text:"organised crime"'),
        ("“organised crime”", 'text:"organised crime"'),
        ("abuse OR violence", "(text:abuse OR text:violence)"),
        ("abuse NOT child", "(text:abuse AND NOT text:child)"),
        ("abuse -child", "(text:abuse AND NOT text:child)"),
        ("+abuse", "text:abuse"),
        ("polic*", "text:polic*"),
        ("Organisati*", "text:organisati*"),
        ("drug/alcohol", "(text:drug AND text:alcohol)"),
        ("drug-related", "(text:drug AND text:related)"),
        ("region’s", "(text:region AND text:s)"),
        ("2.8 million", "(text:2.8 AND text:million)"),
        ("35%", "text:35"),
        ("Ynys Môn", "(text:ynys AND text:mon)"),
        ("(abuse OR violence) youth", "((text:abuse OR text:violence) AND text:youth)"),
        # Syntax we do not expose is plain text.
        ("text:foo", "(text:text AND text:foo)"),
        ("force:kent", "(text:force AND text:kent)"),
        ("abuse^10", "(text:abuse AND text:10)"),
        ("[a TO z]", "(text:a AND text:to AND text:z)"),
        ("crime~2", "(text:crime AND text:2)"),
        ('"unbalanced quote', "(text:unbalanced AND text:quote)"),
        ("  spaced\t\tout\n", "(text:spaced AND text:out)"),
    ],
)
def test_parse(typed, parsed):
    assert str(parse_query(typed)) == parsed


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type one or more words"),
        ("   ", "Type one or more words"),
        ("!!! ???", "no words we can look for"),
        ("NOT abuse", "not only what to leave out"),
        ("-abuse", "not only what to leave out"),
        ("NOT AND ", "not only what to leave out"),
        ("*e*", "at least 2 letters before *"),
        ("a* b*", "at least 2 letters before *"),
        ("x" * (MAX_QUERY_CHARS + 1), "characters long"),
        (" AND ".join(["word"] * 1000)[:490], "too many words"),
        (" ".join(f"w{i}" for i in range(30)), "use at most 24"),
        ("(" * 9 + "a OR b" + ")" * 9, "more than 8 deep"),
        ("(" * 12 + "a OR b" + ")" * 12, "more than 8 deep"),
    ],
)
def test_refused(typed, message):
    with pytest.raises(QueryError, match=message):
        parse_query(typed)


def test_brackets_8_deep_are_accepted():
    assert str(parse_query("(" * 8 + "a OR b" + ")" * 8)) == "(text:a OR text:b)"


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("a\x00b", "a b"),
        ("a\ud800b", "a b"),
        ("cafe\u0301", "caf\u00e9"),
        ("-x -y", "NOT x NOT y"),
        ("well-known", "well-known"),
        ("‘quoted’", "'quoted'"),
    ],
)
def test_normalise(typed, cleaned):
    assert normalise_query(typed) == cleaned


def nested(levels: int, with_not: bool = False) -> str:
    """`levels` brackets inside each other, alternating OR and AND (and NOT before each, if asked)."""
    text = "w0 w1"
    for level in range(levels, 0, -1):
        text = f"x{level} {'OR' if level % 2 else ''} {'NOT ' if with_not else ''}({text})"
    return text


@pytest.mark.parametrize("with_not", [False, True])
def test_brackets_nest_up_to_the_promised_depth(with_not):
    assert parse_query(nested(MAX_BRACKETS, with_not))
    with pytest.raises(QueryError, match=f"more than {MAX_BRACKETS} deep"):
        parse_query(nested(MAX_BRACKETS + 1, with_not))
    assert parse_query('"((((((((( a" b')  # brackets inside quotes are words


# Words and marks a query of plain words is made of, with the syntax that must send it to Whoosh's parser.
TYPED_PIECES = st.sampled_from(
    ["crime", "Crime", "crime", "police", "Ynys", "Môn", "ÉCOLE", "straße", "2.8", "35%", "2021/22",
     "region’s", "o'brien", "drug-related", "a", "the", "and", "or", "not", "AND", "OR", "NOT",
     "ANDMAYBE", "ANDNOT", "REQUIRE", "polic*", '"organised', 'crime"', "(abuse", "youth)", "—", "…", "&", "+x",
     "-x", "x1y2", "ﬁne", "?", "½", "٣", "_", "__init__"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TYPED_PIECES, min_size=1, max_size=8))
def test_plain_words_are_parsed_as_whoosh_parses_them(pieces):
    """The parser is skipped for plain words only, and then makes the very tree Whoosh's would."""
    cleaned = normalise_query(" ".join(pieces))
    fast = plain_words(cleaned)
    if fast is not None:
        assert fast == make_parser().parse(cleaned)


@pytest.mark.parametrize("typed", ["crime", "mental health", "crime police crime", "drug-related harm", "Ynys Môn 2.8"])
def test_plain_words_skip_the_parser(typed):
    """The usual query of plain words takes the short way (so the test above compares something)."""
    assert plain_words(normalise_query(typed)) == make_parser().parse(normalise_query(typed))
    assert plain_words(normalise_query(typed)) is not None


@pytest.mark.parametrize(
    "typed", ['"mental health"', "abuse OR violence", "(abuse)", "polic*", "abuse NOT child", "crime REQUIRE police"]
)
def test_syntax_goes_to_the_parser(typed):
    assert plain_words(normalise_query(typed)) is None


@pytest.mark.parametrize(
    ("typed", "open_", "after"),
    [
        ("police", False, [False]),
        ('"domestic abuse"', False, [False, True]),
        ('"domestic abuse" police', False, [False, True, False]),
        ('a "b c', True, [False, False, True]),
        ('"one" "two three" four', False, [False, False, True, False]),
        ('say "hi" then', False, [False, False, False]),
    ],
)
def test_the_one_rule_of_what_stands_inside_quotes(typed, open_, after):
    """Used by the normaliser, the bracket count, names and periods in a query, capitalised names and completion."""
    assert quote_open(typed) == open_
    assert after_open_quote(typed.split()) == after
