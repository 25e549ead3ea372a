"""Results: pages of hits, snippets (the one place markup is made), facets, exports, similar paragraphs.

search.py          query -> ResultsPage of Hits (plain dataclasses)
same_words.py      the other years a hit's words are repeated in, figures aside
live.py            results as you type: Enter's results once the last word is complete, then more
snippets.py        escaped, then <mark>-highlighted text: snippets, whole paragraphs, lists
facets.py          filters, facet counts and the chart's bars
export.py          query -> every match, best first, capped
statement_page.py  a whole statement, optionally highlighted
similar.py         paragraphs of other statements that say the same
"""
