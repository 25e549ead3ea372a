"""The lead sentence: words standing together in a paragraph's first sentence rank it higher.

"In April 2023 the force launched Wexcombe Local, a new model of neighbourhood
policing." introduces its paragraph's subject in words 13 and 14, past the
first twelve words the lead boost of a single word looks at. Quoted phrases and
the words as typed count again (LEAD_BOOST) when they stand in the paragraph's
first sentence, within its first LEAD_SENTENCE_WORDS (18) words. A name counts
again where it opens the paragraph (NAME_OPENS_AFTER), whatever its sentences.
The build counts each paragraph's first sentence (index/text/leads.py) and the
score table stores the count; the reference counts again from the stored text.
"""

from __future__ import annotations

import re

import pytest

import index
from index.query import boosts
from index.text import leads
from index.text.leads import lead_words

from .test_scoring import ranked

# Three paragraphs that all hold "wagtail site" (so neither word is telling: no single-word lead boost):
#   p1  in its second sentence, at words 5 and 6 (a first sentence of three words);
#   p2  in its first sentence, at words 17 and 18 (its last word at position 17: inside 18 words);
#   p3  twice, first at words 19 and 20 of its first sentence (outside 18, inside 20).
LEAD_STATEMENT = """More about this area

Testshire 2024/25

The logo of Testshire Police

The force says...

The team met. A wagtail site is on the river paths

The team works with the council on the river paths and the banks near the old wagtail site

The team works with the council on the river paths and the banks near the old farm and wagtail site wagtail site

Disclaimer: written for this test.
"""


def build(tmp_path, name: str) -> index.StatementIndex:
    """LEAD_STATEMENT alone, built into an index under `tmp_path / name` and opened."""
    data = tmp_path / f"{name}-data"
    data.mkdir()
    (data / "testshire-2024-25.txt").write_text(LEAD_STATEMENT, encoding="utf-8")
    index.build_index(data, tmp_path / name)
    return index.open_index(tmp_path / name, cache_size=0)


@pytest.fixture(scope="module")
def lead_index(tmp_path_factory):
    return build(tmp_path_factory.mktemp("lead"), "index")


def test_the_words_in_the_first_sentence_come_first(lead_index):
    # p2 holds the words once, but in its first sentence: its BM25 times 1 + PHRASE_BOOST + LEAD_BOOST.
    # p3 holds them twice, further in (1 + PHRASE_BOOST); p1 once, after its first sentence ended.
    assert [number for number, _ in ranked(lead_index, "wagtail site")] == [2, 3, 1]


@pytest.mark.parametrize("words, first", [
    (17, 3),  # p2's phrase ends at word 18: outside; p3, holding it twice, comes first
    (20, 3),  # p3's first phrase ends at word 20: inside; twice and boosted, it comes first
])
def test_lead_sentence_words_decides_an_order(lead_index, monkeypatch, words, first):
    monkeypatch.setattr(boosts, "LEAD_SENTENCE_WORDS", words)
    assert ranked(lead_index, "wagtail site")[0][0] == first


def test_a_sentence_end_closes_the_lead(tmp_path, monkeypatch):
    """Counted as one sentence (no sentence ends), p1 is all lead, and its phrase at words 5 and 6 lifts
    the shortest paragraph first (the count is made when the index is built)."""
    monkeypatch.setattr(leads, "SENTENCE_END", re.compile(r"(?!)"))
    assert ranked(build(tmp_path, "unended"), "wagtail site")[0][0] == 1


def test_both_evaluators_read_the_same_lead(lead_index):
    from index.query import tree as t
    from index.rank import engine
    from index.rank.reference import reference_matches

    node = t.LeadPhrase(("wagtail", "site"), boosts.LEAD_SENTENCE_WORDS)
    with lead_index.reading() as (generation, _):
        ours = engine.Evaluator(generation.table, generation.columns).run(node)
        assert [int(generation.table.paragraph[doc]) for doc in ours.docs] == [2]
        theirs = reference_matches(generation.whoosh, node)
        assert [(number, score) for _, number, score in theirs] == [(2, float(ours.scores[0]))]
        # The stored counts: 3 words ("The team met."), then two first sentences of 18 and 22 words.
        assert generation.table.lead.tolist() == [3, 18, 22]


NAME_STATEMENT = LEAD_STATEMENT.split("The force says...")[0] + """The force says...

Update: Operation Nightjar closed lines in the town.

The team in the town and the county closed lines with Operation Nightjar and Operation Nightjar again.

Disclaimer: written for this test.
"""


def test_a_name_opening_a_paragraph_counts_after_a_short_first_sentence(tmp_path):
    """"Update:" is a first sentence of one word; the name after it still opens the paragraph, so p1
    (the name once) comes before p2 (twice, further in). Bounded by the first sentence, it would not."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "testshire-2024-25.txt").write_text(NAME_STATEMENT, encoding="utf-8")
    index.build_index(data, tmp_path / "index")
    found = ranked(index.open_index(tmp_path / "index", cache_size=0), "Operation Nightjar")
    assert [number for number, _ in found] == [1, 2]


@pytest.mark.parametrize("text, words", [
    ("The team met. A wagtail site is here", 3),
    ("Performance in 2022/23:\n- 999 calls answered: 91%", 4),  # a list's heading is its own lead
    ("First line\nsecond line. Third", 2),  # a line break ends a sentence
    ("It handled 4.8 million passengers in 2021. Numbers rose", 7),  # a decimal point ends nothing
    ("Is it working? Yes", 3),
    ("Priorities; then the rest", 1),
    ("No ending at all here", 5),
    ("", 0),
    ("Officers at St. Albans station and Dr. Patel's team met. Then", 11),  # abbreviations end nothing
    ("1. The force met its target. Then", 6),  # a numbered paragraph's number is no sentence
    ("Some tools, e.g. drones, helped. Then", 6),
    ("It was No. 5 of 9. Then", 6),
])
def test_lead_words_counts_the_first_sentence(text, words):
    assert lead_words(text) == words
