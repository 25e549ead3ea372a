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
"""

from __future__ import annotations

import bisect
import html
import re
from markupsafe import Markup

from .schema import TOKEN_PATTERN, token_stem
from .statements import LIST_ITEM
from .tree import Marking

# A paragraph up to this long is shown whole in results.
WHOLE_UP_TO_CHARS = 400
# About how much of a long paragraph a snippet shows.
SNIPPET_CHARS = 300
ELLIPSIS = "\u2026"
# A word as a reader sees it: letters and digits, with decimals, apostrophes and a trailing %.
WHOLE_WORD = re.compile(r"\w+(?:[.,]\d+)*(?:['’]\w+)*%?")
TOKEN = re.compile(TOKEN_PATTERN)
WORD_CHAR = re.compile(r"\w")
APOSTROPHES = "'’"
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")


def whole_words(text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the words of `text` as a reader sees them ("region’s", "35%", "2.8")."""
    starts, ends = [], []
    for match in WHOLE_WORD.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def marked_spans(text: str, marking: Marking) -> list[tuple[int, int]]:
    """Character spans (start, end) of `text` to mark, in order: a matched token marks its
    whole word ("region’s", not "region" and "s"), and marks only spaces apart are merged.

    Per token only C-level work (the regex, the cached stems); Python looks at the marked ones.
    """
    matches = list(TOKEN.finditer(text))
    stems = list(map(token_stem, map(re.Match.group, matches)))
    marked = {i for i, stem in enumerate(stems) if stem in marking.terms}
    for phrase in marking.phrases:
        size, first = len(phrase), phrase[0]
        for start in [i for i, stem in enumerate(stems) if stem == first]:
            if tuple(stems[start : start + size]) == phrase:
                marked.update(range(start, start + size))
    spans: list[tuple[int, int]] = []
    words = None
    for i in sorted(marked):
        start, end = matches[i].span()
        if start >= 2 and text[start - 1] in APOSTROPHES and WORD_CHAR.match(text, start - 2):
            # The token continues a word ("s" of "region’s"): find the word it belongs to.
            word_starts, word_ends = words = words or whole_words(text)
            word = bisect.bisect_right(word_starts, start) - 1
            if word >= 0 and word_ends[word] >= end:
                start, end = word_starts[word], word_ends[word]
        else:
            start, end = WHOLE_WORD.match(text, start).span()
        if spans and start < spans[-1][1]:
            continue  # the same word, already marked
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


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


def best_pieces(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of a long paragraph worth showing, in reading order.

    Greedy: first the sentence with the most different matched words, then
    each sentence that adds words not shown yet, while the budget lasts.
    """
    candidates = []
    for start, end in sentences(text):
        inside = [(s, e) for s, e in spans if s >= start and e <= end]
        words = {text[s:e].lower() for s, e in inside}
        candidates.append((start, end, words, len(inside)))
    chosen, covered, budget = [], set(), SNIPPET_CHARS
    while candidates and budget >= 60:
        best = max(candidates, key=lambda c: (len(c[2] - covered), c[3], -c[0]))
        candidates.remove(best)
        start, end, words, _ = best
        if chosen and not words - covered:
            break  # nothing new to show
        if chosen and end - start > budget:
            continue  # a shorter sentence may still fit
        if end - start > SNIPPET_CHARS * 1.3:
            anchor = next(((s, e) for s, e in spans if start <= s < end), (start, start))
            start, end = word_window(text, *anchor, min(budget, SNIPPET_CHARS))
        chosen.append((start, end))
        covered |= words
        budget -= end - start
    return sorted(chosen)


def snippet(text: str, marking: Marking) -> Markup:
    """A results-page snippet: a short paragraph whole, a long one as its best sentences."""
    if len(text) <= WHOLE_UP_TO_CHARS:
        return line_breaks(highlight_whole(text, marking))
    spans = marked_spans(text, marking) if marking else []
    pieces = best_pieces(text, spans)
    parts = [format_span(text, spans, start, end) for start, end in pieces]
    joined = f" {ELLIPSIS} ".join(parts)
    if pieces[0][0] > 0:
        joined = f"{ELLIPSIS} {joined}"
    if pieces[-1][1] < len(text):
        joined = f"{joined} {ELLIPSIS}"
    return line_breaks(joined)


def line_breaks(html_text: str) -> Markup:
    """Escaped HTML with each line of a list on a line of its own (<br>: snippets are inline)."""
    return Markup(str(html_text).replace("\n", "<br>"))
