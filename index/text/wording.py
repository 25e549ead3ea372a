"""A paragraph's wording with its figures set aside: what stays the same when a statement is carried into the next year.

Statements are rewritten once a year, and many paragraphs come back with only
their figures changed ("In 2019 the operation closed 86 lines" becomes "In
2021 the operation closed 112 lines"). Two paragraphs of one force with the
same wording are the same paragraph, repeated: the build groups them
(generation/repeats.py) and a ranked list shows the best of each group before
the repeats of any (rank/pages.py).
"""

from __future__ import annotations

from .analysis import analyse_words


def wording(text: str) -> str:
    """The words of `text` as the analyzer reads them (lower case, accents folded), without the
    ones holding a digit ("2019", "£9", "2,180", "14.2"), one space apart."""
    return " ".join(word for word in analyse_words(text) if not any(character.isdigit() for character in word))
