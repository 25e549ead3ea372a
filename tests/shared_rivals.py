"""The judged set on the corpus we did not write: `../shared/corpus`, checked as the rival set is.

`tests/relevance/judged-shared.tsv` judges queries over the twenty statements
of `../shared/corpus/` (four invented forces, 2019/20 to 2023/24, written
independently of this code), in the layout of the rival set (tests/rivals.py):

    kind <TAB> query <TAB> relevant ids <TAB> words

Its kinds are the shapes of query the corpus asks about: a named operation or
scheme, a force plus a subject, a period plus a subject, a question, a quoted
phrase and a typo. A paragraph holds a word as in tests/rivals.py (its stem in
the text, the word in its force's name, or the word its period). Every row
needs at least three rivals: paragraphs that hold all its words and are not
judged relevant.

Run `python -m tests.shared_rivals` to see the rivals of every row, and
`python -m tests.shared_rivals show WORDS...` to read every paragraph that holds the words.
"""

from __future__ import annotations

from pathlib import Path

from .rivals import MIN_RIVALS, RELEVANCE, Judged, StatementSet, judged_file  # noqa: F401 - MIN_RIVALS for the tests
from .shared_corpus import shared_corpus


JUDGED_SHARED = RELEVANCE / "judged-shared.tsv"
SHARED_KINDS = ("scheme", "force", "period", "question", "phrase", "typo")


def shared_sources() -> list[Path]:
    """The statement files of ../shared/corpus."""
    return sorted(shared_corpus().glob("*.txt"))


def judged_shared() -> list[Judged]:
    """The rows of the judged set on ../shared/corpus."""
    return judged_file(JUDGED_SHARED)


SHARED_SET = StatementSet(shared_sources, SHARED_KINDS)
shared_holding, shared_rivals, shared_text_of, problems = (
    SHARED_SET.holding, SHARED_SET.rivals, SHARED_SET.text_of, SHARED_SET.problems)


if __name__ == "__main__":
    import sys

    SHARED_SET.main(judged_shared(), sys.argv[1:])
