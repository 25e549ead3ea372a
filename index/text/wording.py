"""A paragraph's wording with its figures set aside: what stays the same when a statement is carried into the next year.

Statements are rewritten once a year, and many paragraphs come back with only
their figures changed ("In 2019 the operation closed 86 lines" becomes "In
2021 the operation closed 112 lines"). Two paragraphs of one force's
statements with the same wording are the same paragraph, repeated: the build
groups them (generation/repeats.py) and a ranked list shows the best of each
group before the repeats of any (rank/pages.py).
"""

from __future__ import annotations

from .analysis import analyse_words

# What a figure becomes in a wording: "closed 86 lines" and "closed 112 lines" read alike, while
# "Phase 1/2" and "Phase 3" do not.
FIGURE = "#"


def wording(text: str) -> str:
    """The words of `text` as the analyzer reads them (lower case, accents folded), each holding a
    digit ("2019", "£9", "2,180", "14.2") read as FIGURE, one space apart; "" when it has no
    word but figures."""
    return wording_of(analyse_words(text))


def wording_of(words: list[str]) -> str:
    """wording() of a paragraph whose words (analysis.analyse_words) are `words`."""
    read = [word if word.isalpha() or not any(map(str.isdigit, word)) else FIGURE for word in words]
    return " ".join(read) if any(word != FIGURE for word in read) else ""
