"""Questions typed as sentences: "How much did the force spend on overtime?"

A question is searched for its content words. Its question and filler words
(filler.py) are set aside; its negations stay ("Which forces have no
drones?"); its light verbs ("keep", "need") add to the score but are not
required, as the paragraph that answers may not use them; its money verbs
("spend", "cost") are also read as the words statements use for money
("budget", "funding"), at half their score.
"""

from __future__ import annotations

from ..text.filler import FILLER_WORDS, LIGHT_VERBS
from . import tree as t
from .parser import OPERATORS, SENTENCE_PUNCTUATION, SYNTAX_CHARACTERS

# Words that make what was typed a question when it starts with one of them.
QUESTION_WORDS = frozenset(
    "how what why when where who whom whose which does do did is are was were has have had can could will would".split()
)

# Filler words a question keeps: "Which forces have no drones?" is not about drones alone.
NEGATIONS = frozenset({"no", "not", "nor", "never", "neither", "without"})

# A question asks what a force spent; a statement says what its budget or funding was ("its 2023/24 budget
# of £192.8 million"). In a question these verbs also match those words, at MONEY_SHARE of their score, so
# that a paragraph saying the verb itself still comes first. Kept small: only the verbs of money.
MONEY_VERBS = frozenset("spend spends spent spending cost costs costing".split())
MONEY_WORDS = ("budget", "funding")
MONEY_SHARE = 0.5


def question(text: str) -> tuple[str, list[str]] | None:
    """For a question typed as a sentence, (its content words, its filler words); else None.

    A question ends with "?", or is three words or more starting with a
    question word (not in capitals: "WHO" is a name), and is plain words only:
    no quotes, brackets, operators or prefix*. Negations stay in it.
    """
    tokens = text.split()
    if not tokens or any(token in OPERATORS or not SYNTAX_CHARACTERS.isdisjoint(token) for token in tokens):
        return None
    # "How much did ..." is a question; "WHO guidance" or "Will Smith" is not.
    asks = tokens[0].lower() in QUESTION_WORDS and not tokens[0].isupper() and len(tokens) >= 3
    if not (text.endswith("?") or asks):
        return None
    words = [word for word in (token.strip(SENTENCE_PUNCTUATION) for token in tokens) if word]
    content = [word for word in words if word.lower() not in FILLER_WORDS or word.lower() in NEGATIONS]
    if not content or len(content) == len(words):
        return None
    return " ".join(content), [word for word in words if word not in content]


def light_verbs(content: str) -> list[str]:
    """The light verbs among a question's content words, as typed (filler.LIGHT_VERBS)."""
    return [word for word in content.split() if word.lower() in LIGHT_VERBS]


def asking(base: t.Node, light: frozenset[str]) -> tuple[t.Node, frozenset[str]]:
    """The match of a question whose light verbs have the stems `light`, and the stems it made
    optional: those words add to the score, the others are required. Unchanged (and no stems)
    when it has no light verb, or nothing but light verbs."""
    if not isinstance(base, t.And):
        return base, frozenset()
    optional = [part for part in base.children if isinstance(part, t.Term) and part.stem in light]
    required = [part for part in base.children if part not in optional]
    if not optional or not required:
        return base, frozenset()
    return t.AndMaybe(t.all_of(required), t.any_of(optional)), frozenset(part.stem for part in optional)


def money_words(base: t.Node, money: frozenset[str], said: tuple[str, ...]) -> t.Node:
    """A question's match with each plain word whose stem is in `money` (a money verb's) also
    matching the stems `said` (the words statements use), at MONEY_SHARE of their score."""
    if isinstance(base, t.Term) and base.stem in money:
        return t.Or((base, *(t.Term(other, MONEY_SHARE * base.boost) for other in said if other != base.stem)))
    if isinstance(base, (t.And, t.Or)):
        return type(base)(tuple(money_words(child, money, said) for child in base.children))
    if isinstance(base, t.AndMaybe):
        return t.AndMaybe(money_words(base.required, money, said), base.optional)
    return base
