"""Ranking: the query tree evaluated on the score table (the fast path) and by Whoosh's matchers (the reference).

engine.py     the tree evaluated with numpy on the generation's score table
pages.py      a page of matches: the best N in order, or the best paragraph of each statement
reference.py  the same tree evaluated by Whoosh's matchers, which the oracle test holds the engine equal to
(BM25's formula lives in generation/bm25.py, where the score table is computed from it.)
"""
