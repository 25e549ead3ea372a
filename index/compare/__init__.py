"""Comparison: two statements of one force aligned by subject, and a force's subjects through its years.

subjects.py       paragraph pairs scored by what they are about, chosen by assignment; merges and splits
subject_terms.py  the idf-weighted stems a paragraph is about
subject_order.py  which pairs moved, and the order rows are shown in
alignment.py      how alike two paragraphs' words are
word_diff.py      the words a changed paragraph removed and added
rows.py           two periods of one force -> Comparison of rows by subject
forces.py         a force's statements and the chains of its subjects through the years
"""
