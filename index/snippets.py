"""Highlighted, escaped HTML for paragraphs: the one place markup is made.

Whoosh's HtmlFormatter escapes the paragraph text and wraps matched words in
<mark>; everything it returns is safe to place in element content (never in
an attribute: it does not escape quotes).
"""

from __future__ import annotations

import html

from whoosh import highlight

from .query import positive_leaves

# A paragraph up to this long is shown whole in results.
WHOLE_UP_TO_CHARS = 400
FRAGMENT_CHARS = 220
FRAGMENT_CONTEXT = 70
MAX_FRAGMENTS = 3
ELLIPSIS = "\u2026"


def highlight_terms(query, reader, fieldname: str = "text") -> frozenset[str]:
    """The indexed words to mark for a query: its positive terms, prefixes expanded, once per query."""
    terms = set()
    for leaf in positive_leaves(query):
        for field, term in leaf.existing_terms(reader, phrases=True, expand=True):
            if field == fieldname:
                terms.add(term.decode("utf-8") if isinstance(term, bytes) else term)
    return frozenset(terms)


def formatter() -> highlight.HtmlFormatter:
    """A fresh formatter (it keeps per-call state, so one per call keeps threads apart)."""
    return highlight.HtmlFormatter(tagname="mark", classname="match", termclass="term", between="")


def matched_fragments(text: str, terms: frozenset[str], analyzer, fragmenter, top: int):
    """The best fragments of `text` that contain any of `terms`, in reading order."""
    tokens = analyzer(text, chars=True, mode="query", removestops=False)
    tokens = highlight.set_matched_filter(tokens, terms)
    fragments = fragmenter.fragment_tokens(text, tokens)
    return highlight.top_fragments(
        fragments, top, highlight.BasicFragmentScorer(), highlight.FIRST, minscore=1
    )


def highlight_whole(text: str, terms: frozenset[str], analyzer) -> str:
    """All of `text`, escaped, with every matched word marked."""
    if terms:
        fragments = matched_fragments(text, terms, analyzer, highlight.WholeFragmenter(), 1)
        if fragments:
            return formatter().format_fragment(fragments[0])
    return html.escape(text, quote=False)


def snippet(text: str, terms: frozenset[str], analyzer) -> str:
    """A results-page snippet: a short paragraph whole, a long one as its best fragments."""
    if len(text) <= WHOLE_UP_TO_CHARS:
        return highlight_whole(text, terms, analyzer)
    fragmenter = highlight.ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=FRAGMENT_CONTEXT)
    fragments = matched_fragments(text, terms, analyzer, fragmenter, MAX_FRAGMENTS) if terms else []
    if not fragments:
        cut = text.rfind(" ", 0, FRAGMENT_CHARS)
        return html.escape(text[: cut if cut > 0 else FRAGMENT_CHARS], quote=False) + " " + ELLIPSIS
    marker = formatter()
    parts = []
    for fragment in fragments:
        parts.append(marker.format_fragment(fragment).strip())
    joined = f" {ELLIPSIS} ".join(parts)
    if fragments[0].startchar > 0:
        joined = f"{ELLIPSIS} {joined}"
    if fragments[-1].endchar < len(text):
        joined = f"{joined} {ELLIPSIS}"
    return joined
