"""Filler words: English words that carry grammar, not a topic ("has", "most", "also").

They are indexed and searchable like any word; this list keeps them out of
what describes a paragraph's topic (the key terms of similar paragraphs) and
out of what a question typed as a sentence is searched for.
"""

from __future__ import annotations

from .analysis import word_stem

FILLER_WORDS = frozenset(
    """
    a about above across after again against all almost along already also although always am among an and
    another any anyone anything are around as at be became because become becomes been before being below
    between both but by can cannot could did do does doing done down during each either else enough even ever
    every few for from further had has have having he her here hers herself him himself his how however i if in
    into is it its itself just least less like many may me might more most much must my
    myself neither no nor not now of off often on once only onto or other others otherwise our ours
    ourselves out over own per perhaps quite rather really same several shall she should since so some still
    such than that the their theirs them themselves then there therefore these they this those though through
    throughout thus to together too toward towards under until up upon us very via was we were what
    whatever when where whether which while who whom whose why will with within without would yet you your
    yours yourself whilst amongst
    """.split()
)

# The same words as index terms, for comparing with stems.
FILLER_STEMS = frozenset(word_stem(word) for word in FILLER_WORDS)

# Light verbs: in a question they frame the asking more than they name what is asked about
# ("How does Wyvern Coast keep victims updated?"), and the paragraph that answers may not use
# them. A question's light verbs, as typed, add to a paragraph's score but do not decide its
# match (questions.py). Forms that are often nouns ("needs", "making", "keeping", "takes") are
# not among them: a need asked about is a topic.
LIGHT_VERBS = frozenset(
    """
    get gets got getting give gives gave given giving go goes went going keep keeps kept
    make makes made need needed put puts take took taken
    """.split()
)
