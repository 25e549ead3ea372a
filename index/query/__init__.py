"""Understanding a query: what a person typed -> one bounded query tree that both evaluators run.

parser.py      user text -> a bounded parse of the words typed (Whoosh's parser, operators opt-in)
understand.py  words -> the query tree: stems, corrections, named forces and periods, typing
typos.py       words typed wrong -> the closest real words of the vocabulary, and the text corrected
named.py       forces and periods named in a query
completion.py  the last word while typing, searched as the start of a word
questions.py   a question typed as a sentence: its content words, light verbs optional
boosts.py      what ranks a paragraph about the words first (lead, names, together) and the fallback
tree.py        the query tree's nodes
marking.py     what a query marks in a paragraph (its stems, phrases, words typed side by side)
deadline.py    one deadline for a whole search
"""
