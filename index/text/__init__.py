"""Reading statements and analysing their words: statement files -> Statement, Paragraph; words -> stems.

statements.py  a statement file -> Statement of Paragraphs; periods and slugs
provenance.py  the optional Source: and Published: lines of a statement file
analysis.py    the one analyzer: words as a reader sees them, then their English stems
leads.py       a paragraph's lead sentence: how many words its first sentence has
wording.py     a paragraph's wording, figures aside: what stays when it is carried into the next year
filler.py      grammar words and light verbs, which say nothing of a paragraph's subject
"""
