"""A whole statement read back from the index, optionally with a query's words marked."""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as wq

from ..generation.catalogue import StatementInfo
from ..generation.store import StatementIndex
from ..query.parser import QueryError
from ..query.understand import understand
from .same_words import SameWords, paragraph_docs, same_words
from .snippets import Marking, paragraph_html


@dataclass(frozen=True)
class ShownParagraph:
    """A paragraph as shown on its statement page."""

    number: int
    text: str
    # Escaped block HTML of the text (<p>, lists as <ul>/<ol>), the query's words in <mark> when highlighting.
    html: str
    matched: bool
    # The other years of its force with the same words, figures aside (same_words.py), oldest first.
    same_words: tuple[SameWords, ...] = ()

    @property
    def anchor(self) -> str:
        """The fragment id of the paragraph."""
        return f"p{self.number}"


@dataclass(frozen=True)
class StatementPage:
    """A statement with its paragraphs, as a page shows it."""

    statement: StatementInfo
    paragraphs: tuple[ShownParagraph, ...]
    # The query whose words are marked ("" when the page is clean).
    highlight: str = ""
    # Why the query could not be used for highlighting ("" when it could).
    highlight_error: str = ""

    @property
    def marked(self) -> bool:
        """Whether any word of the query is marked in any paragraph."""
        return any(paragraph.matched for paragraph in self.paragraphs)


def statement_page(
    index: StatementIndex, slug: str, highlight: str = "", as_typed: bool = False, complete_last: bool = False
) -> StatementPage | None:
    """The statement `slug` with its paragraphs in order (None if there is no such statement);
    the words of `highlight` marked (as typed, no typo corrected, when `as_typed`; its last word as
    the start of a word, as results as you type found it, when `complete_last`)."""
    info = index.statement_info(slug)
    if info is None:
        return None
    highlight = highlight.strip()
    with index.reading() as (generation, searcher):
        marking, error = Marking(), ""
        if highlight:
            try:
                meaning = understand(highlight, generation, correct=not as_typed, complete_last=complete_last)
                marking = meaning.marking
            except QueryError as problem:
                error = str(problem)
        stored = sorted(
            (searcher.stored_fields(docnum) for docnum in searcher.docs_for_query(wq.Term("statement", slug))),
            key=lambda fields: fields["paragraph"],
        )
        docs = paragraph_docs(generation, slug)
        paragraphs = []
        for fields in stored:
            marked = paragraph_html(fields["text"], marking)
            doc = docs.get(fields["paragraph"])
            repeated = same_words(generation, doc) if doc is not None else ()
            paragraphs.append(
                ShownParagraph(fields["paragraph"], fields["text"], marked, "<mark>" in marked, repeated)
            )
    return StatementPage(info, tuple(paragraphs), highlight if not error else "", error)
