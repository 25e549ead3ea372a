"""A generation on disk: statements built into one immutable directory, verified, swapped in, opened read-only.

build.py         data/ -> a new generation beside the live one, verified, then published
write.py         Whoosh's segments (new, or updated by hard links), then the files beside them
tokens.py        statements -> stems and words, analysed once (worker processes)
schema.py        the Whoosh schema of a paragraph document, its postings format and codec
bm25.py          the one BM25 formula and Whoosh's one-byte lengths (the score table stores its contributions)
score_table.py   per stem: paragraphs, BM25 contributions, positions (.npy, memory-mapped)
texts.py         each paragraph's text beside the table
repeats.py       paragraphs repeated from year to year: the first of each force's same wording
mapped.py        the table's and texts' files as read-only arrays over their mappings
columns.py       force, period and statement of each paragraph
catalogue.py     statement-level facts stored with the index
vocabulary.py    the real words, for typos, "did you mean" and prefix*
contents.py      a generation's own files, opened and checked to fit together
integrity.py     checksums of a generation's files
layout.py        generations on disk and the atomic swap
opened.py        one opened generation: its files, Whoosh searchers, vocabulary
store.py         the generation serving: shared by threads, switched on swap, never to a broken one
result_cache.py  finished result pages, per generation
stats.py         what a built index holds
"""
