"""The other years a paragraph's words are repeated in: the hits' "same words, figures aside" links.

A force often carries a paragraph into the next year's statement with only
its figures changed. The build groups such paragraphs (generation/repeats.py);
a ranked list shows the best of a group before its repeats (rank/pages.py),
and each hit names the other paragraphs of its group, oldest first, so that a
reader sees at once that the words recur and can open each year.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SameWords:
    """Another paragraph with a hit's wording, figures aside: where it stands."""

    statement: str
    period: str
    paragraph: int

    @property
    def anchor(self) -> str:
        """The fragment id of the paragraph on its statement page."""
        return f"p{self.paragraph}"


def same_words(generation, doc: int) -> tuple[SameWords, ...]:
    """The other paragraphs of paragraph `doc`'s force with its wording, figures aside, in corpus
    order (a force's statements oldest first); empty when its words are its own."""
    columns = generation.columns
    return tuple(
        SameWords(
            columns.statements[columns.statement_of[other]],
            columns.periods[columns.period_of[other]],
            int(generation.table.paragraph[other]),
        )
        for other in columns.same_words(doc).tolist()
    )
