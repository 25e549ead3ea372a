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


def paragraph_docs(generation, slug: str) -> dict[int, int]:
    """Paragraph number -> its number in the score table, for one statement of a generation."""
    docs = generation.columns.paragraphs_of_statement(slug)
    return dict(zip(generation.table.paragraph[docs].tolist(), docs.tolist()))


def same_words_of(generation, slug: str, number: int) -> tuple[SameWords, ...]:
    """same_words() of paragraph `number` of statement `slug` (empty when the generation lacks it)."""
    doc = paragraph_docs(generation, slug).get(number)
    return same_words(generation, doc) if doc is not None else ()


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
