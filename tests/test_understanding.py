"""Search that understands people: analysis, typos, "did you mean", fallback, ranking, snippets."""

from __future__ import annotations

import pytest

import index
from index.query.typos import swapped_neighbours, typo_distance

from .conftest import SEED_SLUG


def found(results):
    return [(hit.statement, hit.paragraph) for hit in results.hits]


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory):
    """A purpose-made corpus, for behaviours the real text cannot show."""
    data = tmp_path_factory.mktemp("tiny")
    (data / "a.txt").write_text(
        "Alphashire 2022/23\n\n"
        "Organised events in the parks helped to reduce crime over the summer.\n\n"
        "Organised crime is rising in the harbour district this year.\n\n"
        "Officers from Ynys Môn joined the region’s drug/alcohol project; 35% of referrals came from schools.\n\n"
        "Community speed watch volunteers cover every village.\n"
    )
    (data / "b.txt").write_text(
        "Betashire 2022/23\n\nCommunity speed watch volunteers cover every village.\n\n"
        "Harassment reports rose, and harassment cases now go to a specialist team.\n"
    )
    target = tmp_path_factory.mktemp("tiny-index")
    index.build_index(data, target)
    return index.open_index(target)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("deprivation", [(SEED_SLUG, 2)]),  # stemming: "deprived"
        ("officer Ynys", [("alphashire-2022-23", 3)]),  # "Officers"
        ("Mon", [("alphashire-2022-23", 3)]),  # accents folded: "Môn"
        ("region's", [("alphashire-2022-23", 3)]),  # curly apostrophe in the text
        ("drug", [("alphashire-2022-23", 3)]),  # split at the slash
        ("alcohol project", [("alphashire-2022-23", 3)]),
        ("35%", [("alphashire-2022-23", 3)]),  # numbers kept
        ("REFERRALS", [("alphashire-2022-23", 3)]),  # case-insensitive
    ],
)
def test_analysis(tiny_index, statement_index, query, expected):
    searched = statement_index if expected[0][0] == SEED_SLUG else tiny_index
    assert found(index.search(searched, query)) == expected


@pytest.mark.parametrize(
    ("word", "edits"),
    [("cri", 0), ("crim", 1), ("abuse", 1), ("policing", 1), ("harassmen", 2), ("deprevation", 2)],
)
def test_typo_allowance_grows_with_length(word, edits):
    assert typo_distance(word) == edits


def test_swapped_neighbours():
    assert "precept" in swapped_neighbours("precpet")
    assert "abc" not in swapped_neighbours("abc")


@pytest.mark.parametrize(
    ("typed", "corrected", "suggestion"),
    [
        ("harrassment", ("harassment",), "harassment"),
        ("Harasment reports", ("harassment",), "harassment reports"),
        ("comunity", ("community",), "community"),
        ("voluntears", ("volunteers",), "volunteers"),
        ("vilage", ("village",), "village"),  # 6 letters, one edit
        ("crme", ("crime", "came"), "crime"),  # 4 letters, one edit; the commoner word first
        ("crm", (), None),  # under 4 letters: never corrected
        ("specialsit team", ("specialist",), "specialist team"),  # a swap counts as one edit
    ],
)
def test_typos_match_close_real_words(tiny_index, typed, corrected, suggestion):
    results = index.search(tiny_index, typed)
    understood = results.understood[0]
    assert understood.corrections == corrected
    assert results.suggestion == suggestion
    assert bool(results.hits) == bool(corrected)


def test_did_you_mean_suggests_real_words_not_stems(statement_index):
    results = index.search(statement_index, "deprevation")
    assert results.suggestion == "deprived"  # not the stem "depriv"
    assert found(results) == [(SEED_SLUG, 2)]
    assert "<mark>deprived</mark>" in results.hits[0].snippet


def test_typo_matches_rank_below_exact_ones(tiny_index):
    exact = index.search(tiny_index, "harassment").hits[0]
    typo = index.search(tiny_index, "harrassment").hits[0]
    assert (exact.statement, exact.paragraph) == (typo.statement, typo.paragraph)
    assert typo.score < exact.score


def test_known_words_are_never_corrected(tiny_index):
    results = index.search(tiny_index, "village")
    assert results.suggestion is None and results.understood[0].corrections == ()


def test_fallback_to_some_of_the_words(tiny_index):
    results = index.search(tiny_index, "harbour lighthouse")
    assert results.fallback
    assert found(results) == [("alphashire-2022-23", 2)]
    assert "<mark>harbour</mark>" in results.hits[0].snippet


def test_no_fallback_when_a_filter_hides_the_paragraphs_with_all_words(tiny_index):
    narrowed = index.Filters(forces=("Betashire",))
    results = index.search(tiny_index, "organised crime", filters=narrowed)
    assert (results.total, results.fallback) == (0, False)
    forces = {v.value: v.count for v in results.facets.forces}
    assert forces == {"Alphashire": 2, "Betashire": 0}  # where the matches are


def test_no_fallback_when_all_words_match(tiny_index):
    assert not index.search(tiny_index, "organised crime").fallback


def test_fallback_ranks_paragraphs_with_more_of_the_words_first(tiny_index):
    results = index.search(tiny_index, "organised crime harbour lighthouse")
    assert results.fallback
    assert found(results)[0] == ("alphashire-2022-23", 2)


def test_words_together_rank_above_scattered_words(tiny_index):
    assert found(index.search(tiny_index, "organised crime")) == [
        ("alphashire-2022-23", 2),
        ("alphashire-2022-23", 1),
    ]


def test_named_force_ranks_its_paragraphs_first(tiny_index):
    # Both statements have the same paragraph; naming a force puts its one first.
    assert found(index.search(tiny_index, "Betashire speed watch"))[0] == ("betashire-2022-23", 1)
    assert found(index.search(tiny_index, "speed watch Alphashire"))[0] == ("alphashire-2022-23", 4)
    kinds = [u.kind for u in index.search(tiny_index, "Betashire speed watch").understood]
    assert kinds == ["force", "word", "word"]


def test_named_force_alone_lists_its_paragraphs(tiny_index):
    results = index.search(tiny_index, "betashire")
    assert found(results) == [("betashire-2022-23", 1), ("betashire-2022-23", 2)]


def test_named_period_ranks_its_statements_first(statement_index):
    results = index.search(statement_index, "force 2022/23")
    assert results.hits[0].period == "2022/23"
    assert [u.kind for u in results.understood][0] == "period"


def test_ties_break_by_statement_then_paragraph(tiny_index):
    assert found(index.search(tiny_index, "speed watch")) == [
        ("alphashire-2022-23", 4),
        ("betashire-2022-23", 1),
    ]


def test_understood_in_the_order_typed(tiny_index):
    results = index.search(tiny_index, '"organised crime" harbr* -parks officers')
    assert [(u.typed, u.kind, u.excluded) for u in results.understood] == [
        ("organised crime", "phrase", False),
        ("harbr*", "prefix", False),
        ("parks", "word", True),
        ("officers", "word", False),
    ]
    assert results.understood[3].searched == ("offic",)


# ---- snippets -----------------------------------------------------------------


def test_a_phrase_is_one_mark_and_only_where_whole(tiny_index):
    hit = index.search(tiny_index, '"organised crime"').hits[0]
    assert hit.snippet == "<mark>Organised crime</mark> is rising in the harbour district this year."
    other = index.search(tiny_index, 'parks "organised crime"')
    assert other.fallback  # no paragraph has both: each is shown with its own mark
    assert {hit.snippet.count("<mark>") for hit in other.hits} == {1}


def test_misspelling_caught_by_stemming_needs_no_correction(tiny_index):
    results = index.search(tiny_index, "volunters")
    assert results.understood[0].corrections == () and results.suggestion is None
    assert found(results) == [("alphashire-2022-23", 4), ("betashire-2022-23", 1)]


def test_stemmed_and_corrected_words_are_marked(tiny_index):
    hit = index.search(tiny_index, "harrasment case").hits[0]
    assert hit.snippet == (
        "<mark>Harassment</mark> reports rose, and <mark>harassment cases</mark> now go to a specialist team."
    )


def test_statement_page_agrees_with_the_snippet(tiny_index):
    for query in ('"organised crime"', "harrasment case", "volunteers village", "officer Mon"):
        hit = index.search(tiny_index, query).hits[0]
        page = index.statement_page(tiny_index, hit.statement, highlight=query)
        assert page.paragraphs[hit.paragraph - 1].html == f"<p>{hit.snippet}</p>"


def test_prefix_over_real_words(tiny_index):
    hit = index.search(tiny_index, "volunt*").hits[0]
    assert "<mark>volunteers</mark>" in hit.snippet


# ---- related paragraphs ---------------------------------------------------------


def test_similar_paragraphs_come_from_other_statements(tiny_index):
    alike = index.similar_paragraphs(tiny_index, "alphashire-2022-23", 4)
    assert [(h.statement, h.paragraph) for h in alike.hits] == [("betashire-2022-23", 1)]
    assert "<mark>" in alike.hits[0].snippet
    assert {"speed", "watch", "volunt"} <= set(alike.key_terms)


def test_similar_paragraphs_of_nothing(tiny_index):
    assert index.similar_paragraphs(tiny_index, "alphashire-2022-23", 99) is None
    assert index.similar_paragraphs(tiny_index, "nowhere-2000", 1) is None


def test_snippet_shows_a_sentence_for_each_word_when_they_are_apart(tmp_path):
    filler = " ".join(["Nothing to see in this sentence at all."] * 6)
    text = f"Apples grow in the orchard. {filler} Pears ripen late in autumn. {filler}"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "fruit.txt").write_text(f"Fruitshire 2024/25\n\n{text}\n")
    index.build_index(tmp_path / "data", tmp_path / "ix")
    snippet = index.search(index.open_index(tmp_path / "ix"), "apples OR pears").hits[0].snippet
    assert snippet == "<mark>Apples</mark> grow in the orchard. … <mark>Pears</mark> ripen late in autumn. …"


ANALYSIS_SAMPLES = [
    "Officers from Ynys Môn joined the region’s drug/alcohol project; 35% of referrals came from schools.",
    "ÀÉÎ ßtraße ﬁre İstanbul 2.8 million, 1,200 calls <script>x</script> CHILDREN's wives",
]


@pytest.mark.parametrize("text", ANALYSIS_SAMPLES)
def test_fast_analysis_gives_the_schema_analyzers_tokens(text, corpus_dir):
    """Builds, snippets and the vocabulary use a one-regex analysis: it must equal Whoosh's analyzer chain."""
    from index.text.analysis import analyse_words, text_analyzer, token_stem, word_analyzer
    from index.results.snippets import TOKEN

    for sample in [text, *(path.read_text() for path in sorted(corpus_dir.glob("*.txt")))]:
        assert analyse_words(sample) == [token.text for token in word_analyzer()(sample)]
        expected = [(t.text, t.startchar, t.endchar) for t in text_analyzer()(sample, chars=True)]
        # What snippets.marked_spans reads: each token's stem and where it stands.
        assert [(token_stem(m.group()), *m.span()) for m in TOKEN.finditer(sample)] == expected


def test_a_swap_of_neighbouring_letters_is_one_edit_when_ranking_corrections():
    """'safegaurding' is one swap from 'safeguarding', two edits from the more common 'safegaurdxyg'."""
    from collections import Counter

    from index.query.typos import closest_words
    from index.generation.vocabulary import Vocabulary

    vocabulary = Vocabulary(Counter({"safeguarding": 1, "safegaurdxyg": 9, "precept": 1, "precepts": 9}))
    assert closest_words(None, vocabulary, "safegaurding") == ("safeguarding",)
    assert closest_words(None, vocabulary, "precpet") == ("precept",)
    assert closest_words(None, vocabulary, "rpecept") == ("precept",)  # the first two letters swapped
    # A swap and a missing letter: two edits, within reach of an 11-letter word only if the swap counts once.
    assert closest_words(None, vocabulary, "safegaurdin") == ("safeguarding",)


def test_similar_paragraphs_are_judged_on_topic_words_not_filler(statement_index):
    """The key terms behind "Said similarly elsewhere" never include words like "has", "most" or "also"."""
    from index.text.filler import FILLER_STEMS

    for number in range(1, 8):
        terms = index.similar_paragraphs(statement_index, SEED_SLUG, number).key_terms
        assert terms and not set(terms) & FILLER_STEMS, (number, terms)


@pytest.mark.parametrize(
    ("query", "marked"),
    [("region's", "<mark>region’s</mark>"), ("region", "<mark>region’s</mark>"), ("35%", "<mark>35%</mark>"),
     ("drug", "<mark>drug</mark>/alcohol")],
)
def test_a_word_is_marked_whole(tiny_index, query, marked):
    """An apostrophe or a percent sign does not split the mark: 'region’s' is one word to a reader."""
    snippet = index.search(tiny_index, query).hits[0].snippet
    assert marked in snippet and snippet.count("<mark>") == 1


@pytest.mark.parametrize(
    ("terms", "phrases", "marked"),
    [({"s"}, (), []), ({"s", "2.8"}, (), ["2.8's"]), ({"region"}, (), ["region’s"]), ({"2.8"}, (), ["2.8's"]),
     (set(), (("the", "region"),), ["the region’s"]), ({"8x"}, (), []), ({"peopl"}, (), ["people"])],
)
def test_a_token_inside_a_word_marks_the_word(terms, phrases, marked):
    """Whichever token of a word matches, the whole word is marked (the "s" after an apostrophe
    only joins: it is never marked alone)."""
    from index.results.snippets import Marking, marked_spans

    text = "In the region’s area, 2.8's people"
    spans = marked_spans(text, Marking(frozenset(terms), phrases))
    assert [text[start:end] for start, end in spans] == marked


def test_a_question_is_searched_for_its_content_words(statement_index):
    """Question and filler words do not decide the match: the content words must all be there."""
    results = index.search(statement_index, "Where is the Commonwealth Games hosted?")
    assert not results.fallback
    assert found(results) == [(SEED_SLUG, 3)]
    ignored = [part.typed for part in results.understood if part.kind == "ignored"]
    assert ignored == ["Where", "is", "the"]


def test_a_questions_light_verb_adds_to_the_score_but_is_not_required(statement_index):
    """"need" frames the asking: the paragraph that answers does not say it, and is found."""
    results = index.search(statement_index, "Why did the region need the Commonwealth Games?")
    assert not results.fallback
    assert found(results) == [(SEED_SLUG, 3)]
    assert [(part.typed, part.optional) for part in results.understood if part.kind == "word"] == [
        ("region", False), ("need", True), ("commonwealth", False), ("games", False)
    ]
    # Typed as plain words, not a question, every word is required: nothing has them all.
    assert index.search(statement_index, "region need Commonwealth Games").fallback


def test_a_need_asked_about_is_a_topic_not_a_light_verb(statement_index):
    """Forms that are often nouns ("needs") stay required, and an excluded word is never optional."""
    results = index.search(statement_index, "What are the needs of the region?")
    assert [(part.typed, part.optional) for part in results.understood if part.kind == "word"] == [
        ("needs", False), ("region", False)
    ]


def test_only_the_light_verb_as_typed_is_optional_not_a_typo_corrected_to_it(statement_index):
    """ "keeep" is corrected to "keep", searched as a required correction: it is not the optional word."""
    results = index.search(statement_index, "How does the region keep keeep safe?")
    assert [(part.typed, part.optional) for part in results.understood if part.kind == "word"] == [
        ("region", False), ("keep", True), ("keeep", False), ("safe", False)
    ]


def test_the_fallback_does_not_reward_a_questions_light_verb(statement_index, monkeypatch):
    """Some-of-the-words ranks by how many telling words a paragraph holds: "keep" is not one."""
    from index.query import boosts
    from index.query import tree as t
    from index.query.understand import understand

    monkeypatch.setattr(boosts, "COMMON_SHARE", 1.0)  # in this tiny corpus, every word counts as telling

    def bonused(node) -> set[str]:
        if isinstance(node, t.Constant):
            return {node.child.stem} if isinstance(node.child, t.Term) else set()
        return set().union(*(bonused(child) for child in getattr(node, "children", ())))

    with statement_index.reading() as (generation, _):
        asked = understand("How does the region keep zebras updated?", generation)
        plain = understand("region keep zebras updated", generation)
    assert "keep" in bonused(plain.fallback)
    assert "keep" not in bonused(asked.fallback) and "region" in bonused(asked.fallback)


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("How much did the force spend on overtime?", ("force spend overtime", ["How", "much", "did", "the", "on"])),
        ("drones in the city?", ("drones city", ["in", "the"])),
        ("what about drones", ("drones", ["what", "about"])),
        ("what drones", None),  # two words: a topic more likely than a question
        ("WHO guidance on masks", None),  # a name in capitals, not a question word
        ("Which forces have no drones?", ("forces no drones", ["Which", "have"])),
        ("drones in the city", None),  # not a question
        ('how "body worn video"', None),  # quotes, operators and prefixes keep every word
        ("how drones OR helicopters", None),
        ("how many?", None),  # nothing left to search for
    ],
)
def test_what_makes_a_question(typed, asked):
    from index.query.questions import question

    assert question(typed) == asked


def test_capitalised_words_typed_together_are_a_name():
    from index.query.boosts import names

    assert names("Operation Nightjar arrests") == [("oper", "nightjar")]
    assert names("Safer Streets Fund, Project Lantern") == [("safer", "street", "fund"), ("project", "lantern")]
    assert names('Drones in "Operation Nightjar" Kelton') == []  # one capitalised word is no name; quotes are a phrase already
    assert names("Drones AND Helicopters") == []


def test_a_name_is_an_optional_phrase_boost(tiny_index):
    from index.query import tree as t
    from index.query.boosts import NAME_BOOST
    from index.query.understand import understand

    with tiny_index.reading() as (generation, _):
        meaning = understand("Domestic Abuse victims", generation)
    assert isinstance(meaning.query, t.AndMaybe)
    assert t.Phrase(("domest", "abus"), NAME_BOOST) in meaning.query.optional.children


def test_the_lead_boost_is_for_telling_words_only(statement_index):
    """A word in the first words of a paragraph counts again, unless most paragraphs have it."""
    from index.query import tree as t
    from index.query.boosts import LEAD_BOOST, LEAD_WORDS
    from index.query.understand import understand

    with statement_index.reading() as (generation, _):
        meaning = understand("force diversity", generation)
    leads = [node for node in meaning.query.optional.children if isinstance(node, t.Lead)]
    assert leads == [t.Lead("divers", LEAD_WORDS, LEAD_BOOST)]  # "force" is in most paragraphs


def test_the_fallback_rewards_telling_words_only(statement_index):
    """Some of the words: each rare word held adds the bonus, a word most paragraphs have does not."""
    from index.query import tree as t
    from index.query.boosts import WORD_BONUS
    from index.query.understand import understand

    with statement_index.reading() as (generation, _):
        meaning = understand("force diversity zebras", generation, correct=False)
    bonuses = [node.child for node in meaning.fallback.children if isinstance(node, t.Constant)]
    assert bonuses == [t.Term("divers"), t.Term("zebra")]
    assert all(node.score == WORD_BONUS for node in meaning.fallback.children if isinstance(node, t.Constant))


@pytest.mark.parametrize(
    ("typed", "word"),
    [("police workf", "workf"), ("Mön", "mon"), ("police ", None), ("w", None), ("police 2022", None),
     ('"body wo', None), ("drones NOT cus", None), ("drones OR", None), ("polic*", None)],
)
def test_the_word_being_typed(typed, word):
    """While typing, only a plain last word of two letters or more is taken as the start of a word."""
    from index.query.completion import completing

    assert completing(typed) == word


@pytest.mark.parametrize("typed, stems", [
    ("Officers", []),  # a phone capitalises the first word: no name
    ("Officers is", []),
    ("drones. Schools", []),  # nor does the first word of a sentence
    ("What is Seawatch?", ["seawatch"]),  # a question's name does not open it
    ("Operation Nightjar arrests", ["oper", "nightjar"]),  # a run of capitals opening the query is a name
    ("drones Kelton", ["kelton"]),  # a capitalised word elsewhere is one
    ("drones, Kelton", ["kelton"]),  # a comma ends no sentence
    ('"Kelton" Kelton', ["kelton"]),  # quoted words are a phrase, not a name
    ('"the Kelton road" drones', []),
])
def test_a_lone_capitalised_first_word_is_no_name(typed, stems):
    from index.query.boosts import capitalised

    assert capitalised(typed) == stems


@pytest.mark.parametrize("corpus, lower", [
    *(("shared_index", typed) for typed in ("officers", "officers is", "schools", "police officers")),
    # "schools. It" (a sentence apart) is on the shared corpus; "keeps a" on the seed.
    *(("statement_index", typed) for typed in ("officers", "officers is", "keeps", "police officers")),
])
def test_capitalising_the_first_word_changes_nothing(request, corpus, lower):
    """Phone keyboards capitalise the first letter: the same hits, order and scores, in both evaluators."""
    from index.query.understand import understand

    from .oracle import reference_ranking

    searched = request.getfixturevalue(corpus)
    upper = lower[:1].upper() + lower[1:]
    pages = [index.search(searched, text, page_size=50).hits for text in (lower, upper)]
    assert pages[0], lower
    assert [(h.statement, h.paragraph, h.score) for h in pages[1]] == [
        (h.statement, h.paragraph, h.score) for h in pages[0]
    ]
    with searched.reading() as (generation, _):
        meanings = [understand(text, generation) for text in (lower, upper)]
        whoosh = [[reference_ranking(generation, node, index.Filters()) if node is not None else None
                   for node in (meaning.query, meaning.fallback)] for meaning in meanings]
    assert any(whoosh[0]) and whoosh[1] == whoosh[0]  # the search, and the fallback when all words match nothing


@pytest.mark.parametrize("typed, defined", [("What is Lodestar?", True), ("Lodestar", False), ("lodestar", False)])
def test_a_questions_name_is_a_name(shared_index, typed, defined):
    """The name in "What is Lodestar?" opens what is left of the question, not the query: it is still a name."""
    from index.query import tree as t
    from index.query.boosts import DEFINING_BOOST
    from index.query.understand import understand

    with shared_index.reading() as (generation, _):
        query = understand(typed, generation).query
    optional = query.optional.children if isinstance(query.optional, t.Or) else (query.optional,)
    assert any(isinstance(node, t.Constant) and node.score == DEFINING_BOOST for node in optional) == defined


def test_words_typed_together_are_marked_as_corrected(statement_index):
    """A typo in words typed side by side is marked as its correction would be ("domestc abuse")."""
    from index.query.understand import understand

    with statement_index.reading() as (generation, _):
        meaning = understand("domestc abuse", generation)
    assert meaning.suggestion == "domestic abuse"
    assert meaning.marking.runs == (("domest", "abus"),)
