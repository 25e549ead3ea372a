"""Highlighted, escaped HTML for paragraphs: the one place markup is made.

We decide which words to mark (a query's words by stem, a phrase only where
the whole phrase stands, neighbouring marks merged into one), and which part
of a long paragraph to show (whole sentences where they fit, cut at word
boundaries where they do not). format_span then escapes the text and wraps
the marked spans in <mark>: what it returns is safe in element content (never
in an attribute: it does not escape quotes). What leaves this module (a
snippet, a paragraph's blocks) is Markup, the type that says so: templates
render it as it is, with no |safe anywhere, and a plain string, escaped by
Jinja, can never pass for it.

The evidence comes first: a snippet opens on a quoted phrase, or on the
query's words standing side by side as they were typed ("stop and search"),
then shows the most distinct of the other words (those fewest paragraphs
hold). Which words are marked, and where, is marking.py's.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Marking, marked_spans, side_by_side and TOKEN are also taken from here by other modules.
from ..query.marking import FILLER_STEMS, TOKEN, Evidence, Marking, evidence, marked_spans, side_by_side  # noqa: F401
from ..text.statements import LIST_ITEM

# A paragraph up to this long is shown whole in results.
WHOLE_UP_TO_CHARS = 400
# About how much of a long paragraph a snippet shows.
SNIPPET_CHARS = 300
ELLIPSIS = "\u2026"
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")


def format_span(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """Escaped text[start:end], each of the `spans` inside it in <mark>: the one place marks are made.

    `spans` are in order and do not overlap, as marked_spans gives them.
    """
    parts, at = [], start
    for span_start, span_end in spans:
        if span_start >= start and span_end <= end:
            parts += (escape(text[at:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>")
            at = span_end
    parts.append(escape(text[at:end]))
    return "".join(parts)


def escape(text: str) -> str:
    """`text` safe in element content: &, < and > as entities."""
    return html.escape(text, quote=False)


def highlight_whole(text: str, marking: Marking) -> str:
    """All of `text`, escaped, with every matched word or phrase marked."""
    if not marking:
        return escape(text)
    return format_span(text, marked_spans(text, marking), 0, len(text))


def paragraph_html(text: str, marking: Marking) -> Markup:
    """A paragraph as blocks for its statement page, escaped, its words marked: prose in <p>,
    list lines as <ul> (bullets) or <ol> (numbers, kept as the items' values)."""
    spans = marked_spans(text, marking) if marking else []
    blocks, open_list, start = [], None, 0
    for line in text.split("\n"):
        end = start + len(line)
        item = LIST_ITEM.match(line) if "\n" in text else None
        wanted = None if item is None else "ol" if item["number"] else "ul"
        if open_list and open_list != wanted:
            blocks.append(f"</{open_list}>")
            open_list = None
        if item is None:
            blocks.append(f"<p>{format_span(text, spans, start, end)}</p>")
        else:
            if open_list is None:
                blocks.append(f"<{wanted}>")
                open_list = wanted
            value = f' value="{int(item["number"])}"' if item["number"] else ""
            blocks.append(f"<li{value}>{format_span(text, spans, start + item.end(), end)}</li>")
        start = end + 1
    if open_list:
        blocks.append(f"</{open_list}>")
    return Markup("".join(blocks))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    bounds, start = [], 0
    for match in SENTENCE_END.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def word_window(text: str, start: int, end: int, size: int) -> tuple[int, int]:
    """About `size` characters around text[start:end], widened to word boundaries."""
    spare = max(0, size - (end - start)) // 2
    left, right = max(0, start - spare), min(len(text), end + spare)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else start
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else end
    return left, right


def best_pieces(text: str, spans: list[Evidence], marking: Marking) -> list[tuple[int, int]]:
    """The parts of a long paragraph worth showing, in reading order.

    Greedy: first the sentence with the longest phrase (or run of the words as
    typed), else the one with the most distinct words; then each sentence that
    adds words not shown yet, the most distinct first, while the budget lasts.
    """
    frequency = marking.frequency

    def distinctness(stems: set[str]) -> tuple[int, ...]:
        # The rarest word first: a sentence with a rarer word wins, then one with more words.
        return tuple(sorted((-frequency.get(stem, 0) for stem in stems), reverse=True))

    candidates = []
    for start, end in sentences(text):
        inside = [span for span in spans if span.start >= start and span.end <= end]
        stems = set().union(*(span.stems for span in inside)) - FILLER_STEMS
        phrase = max((span.phrase for span in inside), default=0)
        candidates.append((start, end, stems, phrase, len(inside)))
    chosen, covered, budget = [], set(), SNIPPET_CHARS
    while candidates and budget >= 60:
        best = max(
            candidates,
            key=lambda c: (0 if chosen else c[3], distinctness(c[2] - covered), c[4], -c[0]),
        )
        candidates.remove(best)
        start, end, stems, phrase, _ = best
        if chosen and not stems - covered:
            break  # nothing new to show
        if chosen and end - start > budget:
            continue  # a shorter sentence may still fit
        if end - start > SNIPPET_CHARS * 1.3:
            inside = [span for span in spans if start <= span.start < end]
            # The window is centred on the phrase, else on the most distinct word.
            anchor = max(
                inside,
                key=lambda span: (span.phrase, distinctness(span.stems - covered), -span.start),
                default=None,
            )
            around = (anchor.start, anchor.end) if anchor else (start, start)
            start, end = word_window(text, *around, min(budget, SNIPPET_CHARS))
        chosen.append((start, end))
        covered |= stems
        budget -= end - start
    return sorted(chosen)


def snippet(text: str, marking: Marking) -> Markup:
    """A results-page snippet: a short paragraph whole, a long one as its best sentences."""
    if len(text) <= WHOLE_UP_TO_CHARS:
        return line_breaks(highlight_whole(text, marking))
    spans = evidence(text, marking) if marking else []
    pieces = best_pieces(text, spans, marking)
    marks = [(span.start, span.end) for span in spans]
    parts = [format_span(text, marks, start, end) for start, end in pieces]
    joined = f" {ELLIPSIS} ".join(parts)
    if pieces[0][0] > 0:
        joined = f"{ELLIPSIS} {joined}"
    if pieces[-1][1] < len(text):
        joined = f"{joined} {ELLIPSIS}"
    return line_breaks(joined)


def line_breaks(html_text: str) -> Markup:
    """Escaped HTML with each line of a list on a line of its own (<br>: snippets are inline)."""
    return Markup(str(html_text).replace("\n", "<br>"))
