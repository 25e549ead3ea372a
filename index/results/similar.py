"""Paragraphs of other statements that say something similar to a given paragraph."""

from __future__ import annotations

from dataclasses import dataclass, replace

from whoosh import query as wq

from ..generation.catalogue import StatementInfo
from ..generation.store import StatementIndex
from ..text.filler import FILLER_STEMS
from .same_words import same_words_of
from .search import Hit, make_hit
from .snippets import Marking

# The paragraph's most distinctive words that the similarity query uses.
KEY_TERMS = 12
SIMILAR_LIMIT = 5


@dataclass(frozen=True)
class SimilarParagraphs:
    """A paragraph and the most similar paragraphs of other statements."""

    statement: StatementInfo
    paragraph: int
    text: str
    # The distinctive words (stems) the similarity was judged on.
    key_terms: tuple[str, ...]
    hits: tuple[Hit, ...]


def similar_paragraphs(
    index: StatementIndex, slug: str, number: int, limit: int = SIMILAR_LIMIT
) -> SimilarParagraphs | None:
    """The paragraphs of other statements most like paragraph `number` of `slug` (None if it does not exist)."""
    info = index.statement_info(slug)
    if info is None:
        return None
    with index.reading() as (generation, searcher):
        docnum = searcher.document_number(id=f"{slug}#p{number}")
        if docnum is None:
            return None
        text = searcher.stored_fields(docnum)["text"]
        # Ask for spares: filler words ("the", "has", "most") are dropped, they say nothing of the topic.
        candidates = searcher.key_terms([docnum], "text", numterms=KEY_TERMS * 3)
        key_terms = [(t, w) for t, w in candidates if t not in FILLER_STEMS and len(t) > 2][:KEY_TERMS]
        hits: tuple[Hit, ...] = ()
        if key_terms:
            query = wq.Or([wq.Term("text", term, boost=weight) for term, weight in key_terms])
            results = searcher.search(query, limit=limit, mask=wq.Term("statement", slug))
            marking = Marking(frozenset(term for term, _ in key_terms))
            hits = tuple(
                replace(make_hit(hit.fields(), hit.score, marking), same_words=same_words_of(generation, hit["statement"], hit["paragraph"]))
                for hit in results
            )
    return SimilarParagraphs(info, number, text, tuple(term for term, _ in key_terms), hits)
