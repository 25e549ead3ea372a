"""Scores checked against numbers worked out independently of both evaluators.

The oracle (test_oracle.py) holds the engine equal to Whoosh's matchers, so a
change made to both at once (K1, B, the idf, a boost) passes it. These tests
hold the scores to literals instead:

- a corpus of four paragraphs whose BM25 scores are worked out by hand from
  the formula (the arithmetic is in the comments), checked in both evaluators
  and through search();
- twelve searches of the seed statement, their order and scores written down;
- each boost constant pinned by a behaviour: a search whose first result
  changes when the constant takes another value.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import index
from index.generation import bm25
from index.query import boosts, tree as t
from index.rank import engine
from index.rank.reference import reference_matches

from .conftest import SEED

# Four paragraphs of one statement (words the stemmer leaves as they are):
#
#   p1  owl fox                            length 2
#   p2  owl owl yak elk                    length 4
#   p3  fox bee cod ant eel gnu            length 6
#   p4  owl bee cod ant eel gnu yak emu    length 8
#
# N = 4 paragraphs, average length = (2 + 4 + 6 + 8) / 4 = 5. With K1 = 1.2, B = 0.75, and a paragraph
# shorter than 3/4 of the average (SHORTEST) scored at 3.75 words (so p1 counts as 3.75 long):
#   idf(stem in n paragraphs) = ln(N / (n + 1)) + 1
#     owl (n = 3): ln(4/4) + 1 = 1
#     fox, yak (n = 2): ln(4/3) + 1 = 1.2876821
#     elk (n = 1): ln(4/2) + 1 = 1.6931472
#   BM25 = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / 5))
#     length 2 -> 3.75: 1 - B + B * 3.75/5 = 0.8125, K1 * 0.8125 = 0.975
#     length 4: 0.85 -> 1.02;  length 6: 1.15 -> 1.38;  length 8: 1.45 -> 1.74
#   owl p1 = 1 * 1 * 2.2 / (1 + 0.975) = 1.1139241
#   owl p2 = 1 * 2 * 2.2 / (2 + 1.02) = 1.4569536
#   owl p4 = 1 * 1 * 2.2 / (1 + 1.74) = 0.8029197
#   fox p1 = 1.2876821 * 2.2 / 1.975 = 1.4343800
#   fox p3 = 1.2876821 * 2.2 / (1 + 1.38) = 1.1902944
#   yak p2 = 1.2876821 * 2.2 / (1 + 1.02) = 1.4024260
#   yak p4 = 1.2876821 * 2.2 / 2.74 = 1.0339053
#   elk p2 = 1.6931472 * 2.2 / 2.02 = 1.8440217
HAND = {
    "owl": {1: 1.1139241, 2: 1.4569536, 4: 0.8029197},
    "fox": {1: 1.4343800, 3: 1.1902944},
    "yak": {2: 1.4024260, 4: 1.0339053},
    "elk": {2: 1.8440217},
}
HAND_STATEMENT = """More about this area

Testshire 2022/23

The logo of Testshire Police

The force says...

owl fox

owl owl yak elk

fox bee cod ant eel gnu

owl bee cod ant eel gnu yak emu

Disclaimer: written for this test.
"""


def one_statement_index(tmp_path_factory, name: str, text: str) -> index.StatementIndex:
    """A statement file `name` holding `text`, alone in an index, opened without a result cache."""
    data = tmp_path_factory.mktemp(f"{name}-data")
    (data / f"{name}.txt").write_text(text, encoding="utf-8")
    target = tmp_path_factory.mktemp(f"{name}-index")
    index.build_index(data, target)
    return index.open_index(target, cache_size=0)


@pytest.fixture(scope="module")
def hand_index(tmp_path_factory):
    """The four paragraphs above, built into an index."""
    return one_statement_index(tmp_path_factory, "testshire-2022-23", HAND_STATEMENT)


def both_evaluators(statement_index, node) -> tuple[dict[int, float], dict[int, float]]:
    """Paragraph number -> score, by the score table and by Whoosh's matchers."""
    with statement_index.reading() as (generation, _):
        matches = engine.Evaluator(generation.table, generation.columns).run(node)
        ours = {int(generation.table.paragraph[doc]): float(score) for doc, score in zip(matches.docs, matches.scores)}
        theirs = {number: score for _, number, score in reference_matches(generation.whoosh, node)}
    return ours, theirs


@pytest.mark.parametrize("stem", sorted(HAND))
def test_bm25_of_each_stem_is_the_formula_worked_by_hand(hand_index, stem):
    ours, theirs = both_evaluators(hand_index, t.Term(stem))
    assert ours == pytest.approx(HAND[stem], abs=1e-6)
    assert theirs == pytest.approx(HAND[stem], abs=1e-6)


def test_all_words_add_their_bm25(hand_index):
    # owl + yak: p2 = 1.4569536 + 1.4024260 = 2.8593796; p4 = 0.8029197 + 1.0339053 = 1.8368250
    expected = {2: 2.8593796, 4: 1.8368250}
    for found in both_evaluators(hand_index, t.And((t.Term("owl"), t.Term("yak")))):
        assert found == pytest.approx(expected, abs=1e-6)


def ranked(statement_index, query: str) -> list[tuple[int, float]]:
    """(paragraph, score) of the first page of a search, best first."""
    return [(hit.paragraph, hit.score) for hit in index.search(statement_index, query, grouped=False).hits]


@pytest.mark.parametrize("query, expected", [
    # One word: plain BM25 (in four paragraphs no word is telling, so no lead boost).
    ("owl", [(2, 1.457), (1, 1.1139), (4, 0.8029)]),
    # Two words standing together as typed in p2 add PHRASE_BOOST (0.5) times their BM25, and as they
    # open p2 (after one word) LEAD_BOOST (2) times it again: p2 = 2.8593796 * (1 + 0.5 + 2) = 10.0078286;
    # p4 (apart) = 1.8368250.
    ("owl yak", [(2, 10.0078), (4, 1.8368)]),
    # No paragraph holds all three: some of them, WORD_BONUS (64) for each held (none is telling,
    # so all count): p2 = 1.4569536 + 1.8440217 + 128 = 131.3009753; p1 = 1.1139241 + 1.4343800 + 128
    # = 130.5483041; p3 = 1.1902944 + 64 = 65.1902944; p4 = 0.8029197 + 64 = 64.8029197.
    ("owl elk fox", [(2, 131.301), (1, 130.5483), (3, 65.1903), (4, 64.8029)]),
    # The force named: its tier is the least power of two above the most "owl" can score
    # (1.4569536 + 1 = 2.457 -> 4), twice that for a force: 8. p2 = 9.4569536, ...
    ("Testshire owl", [(2, 9.457), (1, 9.1139), (4, 8.8029)]),
    # A word typed wrong is searched as the closest real word, at CORRECTION_BOOST (0.5) of its score:
    # "yakk" -> yak: p2 = 1.4024260 * 0.5 + 1.8440217 = 2.5452347.
    ("yakk elk", [(2, 2.5452)]),
])
def test_searches_score_as_worked_by_hand(hand_index, query, expected):
    assert ranked(hand_index, query) == expected


# Twelve searches of the seed statement alone (7 paragraphs), every feature of the ranking touched:
# their order and scores as the ranking gives them, so that any change to a constant shows.
SEED_SEARCHES = [
    # plain BM25: "crime" is in 3 of 7 paragraphs; p4 (35 words) and p7 (25) are both shorter than 3/4
    # of the average, so both are scored at that length, and tie: the first paragraph first.
    ("crime", [(4, 1.7373), (7, 1.7373), (2, 1.045)]),
    ("organised crime", [(4, 6.7041), (2, 3.4242)]),  # together as typed: 1.5 times the phrase below
    ('"organised crime"', [(4, 4.4694), (2, 2.2828)]),
    # telling words in the lead: LEAD_BOOST; and together in the first sentence: LEAD_BOOST again
    ("technical investment", [(5, 27.6035)]),
    ("West Midlands crime", [(4, 9.7373), (7, 9.7373), (2, 9.045)]),  # the force's tier: 8
    ("crime 2021/22", [(4, 5.7373), (7, 5.7373), (2, 5.045)]),  # the period's tier: 4
    ("terorism", [(4, 1.0289), (2, 0.6189)]),  # corrected to "terrorism", at half its score
    ("Counter Terrorism Unit", [(4, 11.8485)]),  # a name
    ("youth innovation", [(5, 66.0577), (6, 65.6934), (3, 65.4868), (2, 65.2378)]),  # the fallback
    ("How does the force prevent crime?", [(7, 5.3606)]),  # a question: its content words
    # A force or a period typed alone: its paragraphs with a fixed score (NAMED_BOOST 100, PERIOD_BOOST 50),
    # those that also name the force in their text first.
    ("West Midlands", [(1, 102.9775), (4, 102.9775), (6, 102.4502), (2, 101.791), (3, 100.0), (5, 100.0), (7, 100.0)]),
    ("2021/22", [(1, 50.0), (2, 50.0), (3, 50.0), (4, 50.0), (5, 50.0), (6, 50.0), (7, 50.0)]),
]


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    """The seed statement alone, built into an index."""
    data = tmp_path_factory.mktemp("seed-data")
    shutil.copy(SEED, data / SEED.name)
    target = tmp_path_factory.mktemp("seed-index")
    index.build_index(data, target)
    return index.open_index(target, cache_size=0)


@pytest.mark.parametrize("query, expected", SEED_SEARCHES, ids=[query for query, _ in SEED_SEARCHES])
def test_seed_searches_keep_their_order_and_scores(seed_index, query, expected):
    assert ranked(seed_index, query) == expected


PINS = Path(__file__).resolve().parent / "corpus-pins"


@pytest.fixture(scope="module")
def pins_index(tmp_path_factory):
    """tests/corpus-pins/: sixteen paragraphs written so that each boost decides one order."""
    target = tmp_path_factory.mktemp("pins-index")
    index.build_index(PINS, target)
    return index.open_index(target, cache_size=0)


def first(statement_index, query: str) -> str:
    """The first result of a search, as "testshire p1"."""
    hit = index.search(statement_index, query, grouped=False).hits[0]
    return f"{hit.statement.split('-')[0]} p{hit.paragraph}"


def no_tier(query, table) -> float:
    """A named force or period worth nothing (to show what the tier does)."""
    return 0.0


@pytest.mark.parametrize("constant, other, query, normally, otherwise", [
    # Heron opens p1 (once) and ends p2 (three times): the lead boost puts p1 first ...
    ("LEAD_BOOST", 0.5, "heron", "testshire p1", "testshire p2"),
    # ... only while "heron" (in 2 of 16 paragraphs) counts as telling.
    ("COMMON_SHARE", 0.1, "heron", "testshire p1", "testshire p2"),
    # Egret is word 12 of p3 (inside the lead) and words 13 and 16 of p4.
    ("LEAD_WORDS", 11, "egret", "testshire p3", "testshire p4"),
    ("LEAD_WORDS", 13, "egret", "testshire p3", "testshire p4"),
    # "swift otter" stands together in p5; p6 holds each word twice, apart.
    ("PHRASE_BOOST", 0.25, "swift otter", "testshire p5", "testshire p6"),
    # "Bittern is a scheme" introduces it in p1; p2 names it twice (both hold "river" once, in the lead;
    # "Bittern" typed first and alone would be a capitalised first word, no name).
    ("DEFINING_BOOST", 0.0, "river Bittern", "otherton p1", "otherton p2"),
    # No paragraph holds all three words: two of them (p4) beat one said six times (p8).
    ("WORD_BONUS", 0.0, "kite owl wren", "otherton p4", "testshire p8"),
    # A named force or period is a tier: Otherton's one plover above Testshire's three.
    ("named_tier", no_tier, "Otherton plover", "otherton p3", "testshire p7"),
    ("named_tier", no_tier, "plover 2023/24", "otherton p3", "testshire p7"),
    # "Kestrel Watch" stands together, as a name, in p1; p2 holds each word twice.
    ("NAME_BOOST", 0.25, "Kestrel Watch nests", "thirdham p1", "thirdham p2"),
    # "Grey Wagtail" opens p4; in p3 it follows two words ("At the ..."), otherwise the two score alike.
    ("NAME_OPENS_AFTER", 2, "Grey Wagtail", "thirdham p4", "thirdham p3"),
])
def test_each_boost_decides_an_order(pins_index, monkeypatch, constant, other, query, normally, otherwise):
    assert first(pins_index, query) == normally
    monkeypatch.setattr(boosts, constant, other)
    assert first(pins_index, query) == otherwise


@pytest.mark.parametrize("query, expected", [
    ("heron", [(1, 7.9174), (2, 4.1731)]),
    ("egret", [(3, 7.9174), (4, 3.6437)]),
    ("swift otter", [(5, 7.9174), (6, 7.2873)]),
    # Typed first and alone, "Bittern" is no name (a phone capitalises a first word): no defining boost.
    ("Bittern", [(2, 3.6437), (1, 2.6391)]),
    ("river Bittern", [(1, 15.6261), (2, 4.6306)]),
    ("kite owl wren", [(4, 134.0787), (8, 70.1126)]),
    ("Otherton plover", [(3, 34.6391), (7, 4.1731)]),
    ("Kestrel Watch nests", [(1, 17.9699), (2, 9.2394)]),
    ("Grey Wagtail", [(4, 29.0306), (3, 18.474)]),
    # Plain words, not a name: in the first sentence of both p3 and p4, so both get the lead-sentence boost
    # (tests/test_lead_sentence.py pins LEAD_SENTENCE_WORDS), and the tie goes to the first paragraph.
    ("wagtail site", [(3, 29.0306), (4, 29.0306)]),
])
def test_the_pinned_orders_score_as_written(pins_index, query, expected):
    assert ranked(pins_index, query)[:2] == expected


def test_shortness_alone_does_not_lift_a_passing_mention(tmp_path, monkeypatch):
    """The seed's p7 (25 words) and p4 (35) each say "crime" once; scored at their own lengths,
    the shorter would come first (bm25.SHORTEST is read when the score table is built)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(SEED, data / SEED.name)
    index.build_index(data, tmp_path / "index")
    assert ranked(index.open_index(tmp_path / "index", cache_size=0), "crime")[0][0] == 4
    monkeypatch.setattr(bm25, "SHORTEST", 0.0)
    index.build_index(data, tmp_path / "unfloored", full=True)
    assert ranked(index.open_index(tmp_path / "unfloored", cache_size=0), "crime")[0][0] == 7


def test_a_named_force_is_kept_in_a_longer_name_but_not_alone():
    from index.query.named import names_with_forces

    forces = {"otherton": "otherton"}
    assert names_with_forces("Otherton Kestrel Watch", forces, ["otherton"]) == [("otherton", "kestrel", "watch")]
    two_words = {"west midlands": "west-midlands"}
    assert names_with_forces("West Midlands crime", two_words, ["west-midlands"]) == []  # a Named boost already
    assert names_with_forces("Otherton Watch", forces, []) == [("otherton", "watch")]


def test_a_typo_in_a_name_is_read_as_its_correction():
    from index.query.typos import corrected

    assert corrected("Kettlewick Conect", {"conect": "connect"}, keep_capitals=True) == "Kettlewick Connect"
    assert corrected("kettlewick conect", {"conect": "connect"}, keep_capitals=True) == "kettlewick connect"
    assert corrected("Kettlewick Conect", {"conect": "connect"}) == "Kettlewick connect"  # as "did you mean" shows it


def test_a_question_word_is_no_part_of_a_name(pins_index):
    from index.query.understand import understand

    with pins_index.reading() as (generation, _):
        meaning = understand("Which Otherton Bittern scheme?", generation)
    openings = [node.stems for node in meaning.query.required.optional.children if isinstance(node, t.LeadPhrase)]
    assert openings == [("otherton", "bittern"), ("bittern", "scheme")]  # the name, and the words as typed


def test_the_tier_is_the_least_power_of_two_above_the_words(pins_index):
    """The ceiling of 'plover': its highest contribution (4.1731, testshire p7) plus the lead boost's
    2 x 4.1731 (an upper bound: no paragraph has it in its lead) = 12.52 -> 16; a force twice that."""
    from index.query.understand import understand

    with pins_index.reading() as (generation, _):
        meaning = understand("Otherton plover", generation)
        assert boosts.named_tier(meaning.query.required, generation.table) == 16.0
    assert meaning.query.optional == t.Named("force", "otherton", 32.0)


MONEY_STATEMENT = """More about this area

Testshire 2023/24

The logo of Testshire Police

The force says...

The force set a budget of ten million pounds for the year and kept to it

Officers spend more time on patrol in the town centre than last year

The force funding review was delayed again this year by the council

Patrols in the town centre and the villages were kept up all year

Disclaimer: written for this test.
"""


@pytest.fixture(scope="module")
def money_index(tmp_path_factory):
    """Four paragraphs: one says "budget", one "spend", one "funding", one none of them."""
    return one_statement_index(tmp_path_factory, "testshire-2023-24", MONEY_STATEMENT)


def test_a_questions_money_verb_also_matches_budget_and_funding_at_half_their_score(money_index):
    plain = dict(ranked(money_index, "budget")) | dict(ranked(money_index, "funding"))
    spend = dict(ranked(money_index, "spend"))
    asked = ranked(money_index, "How much did they spend?")
    # The verb as typed first, then the words statements use for money at MONEY_SHARE (0.5) of their BM25.
    # spend p2 1.7192; funding p3 1.7738 / 2 = 0.8869; budget p1 1.5739 / 2 = 0.787.
    assert asked == [(2, 1.7192), (3, 0.8869), (1, 0.787)]
    assert dict(asked) == pytest.approx({2: spend[2], 1: plain[1] / 2, 3: plain[3] / 2}, abs=1e-4)
    assert [number for number, _ in ranked(money_index, "spend")] == [2]  # typed as words, not a question
    # With a light verb ("need": it adds to the score, but a paragraph need not hold it) as well.
    assert ranked(money_index, "How much did they need to spend?") == asked


def test_money_words_reach_only_a_questions_money_verbs(money_index):
    from index.query.understand import understand

    with money_index.reading() as (generation, _):
        meaning = understand("What did patrols cost?", generation)
        asked = meaning.query
        plain = understand("patrols cost", generation).query
        other = understand("How were patrols kept up?", generation).query
        spent = understand("How much did they spend?", generation).query
    assert "budget" in repr(asked) and "fund" in repr(asked)
    assert "budget" not in repr(plain) and "budget" not in repr(other)
    assert {"budget", "fund"} <= meaning.marking.terms  # marked where they answer, as the verb would be
    ours, theirs = both_evaluators(money_index, spent)  # the engine and Whoosh's matchers alike
    assert ours == pytest.approx(theirs) and sorted(ours) == [1, 2, 3]
