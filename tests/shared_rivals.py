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

import re
from functools import cache
from pathlib import Path

from index.schema import analyse_words, word_stem
from index.statements import Statement, read_statement

from .rivals import MIN_RIVALS, RELEVANCE, Judged, holds, judged_file



def find_shared_corpus() -> Path:
    """../shared/corpus from the repo root (as in CI); from a worktree nested deeper, the first
    folder above the repo root that holds shared/corpus."""
    root = Path(__file__).resolve().parents[1]
    for folder in root.parents:
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared" / "corpus"
    return root / ".." / "shared" / "corpus"


SHARED_CORPUS = find_shared_corpus()
JUDGED_SHARED = RELEVANCE / "judged-shared.tsv"
SHARED_KINDS = ("scheme", "force", "period", "question", "phrase", "typo")


def shared_sources() -> list[Path]:
    """The statement files of ../shared/corpus."""
    return sorted(SHARED_CORPUS.glob("*.txt"))


def judged_shared() -> list[Judged]:
    """The rows of the judged set on ../shared/corpus."""
    return judged_file(JUDGED_SHARED)


@cache
def shared_corpus() -> dict[str, tuple[Statement, dict[int, frozenset[str]]]]:
    """slug -> (statement, paragraph number -> the stems of its text)."""
    found = {}
    for path in shared_sources():
        statement = read_statement(path)
        stems = {p.number: frozenset(word_stem(w) for w in analyse_words(p.text)) for p in statement.paragraphs}
        found[statement.slug] = (statement, stems)
    return found


def shared_holding(words: str) -> set[str]:
    """Ids ("slug#pN") of the paragraphs of ../shared/corpus that hold every word."""
    return {
        f"{slug}#p{number}"
        for slug, (statement, paragraphs) in shared_corpus().items()
        for number, stems in paragraphs.items()
        if all(holds(statement, stems, word) for word in words.split())
    }


def shared_rivals(row: Judged) -> set[str]:
    """The paragraphs that hold all the row's words and are not judged relevant."""
    return shared_holding(row.words) - row.relevant


def shared_unknown_ids(row: Judged) -> set[str]:
    """Relevant ids that name no paragraph of ../shared/corpus."""
    known = {f"{slug}#p{n}" for slug, (_, paragraphs) in shared_corpus().items() for n in paragraphs}
    return set(row.relevant) - known


def shared_text_of(paragraph_id: str) -> str:
    """The text of one paragraph of ../shared/corpus."""
    slug, number = paragraph_id.split("#p")
    statement = shared_corpus()[slug][0]
    return next(p.text for p in statement.paragraphs if p.number == int(number))


def shared_phrases_held(row: Judged) -> bool:
    """Whether some relevant paragraph holds every "quoted phrase" of the query, word after word."""
    quoted = [[word_stem(w) for w in analyse_words(text)] for text in re.findall(r'"([^"]+)"', row.query)]
    for paragraph_id in row.relevant:
        spelled = " " + " ".join(word_stem(w) for w in analyse_words(shared_text_of(paragraph_id))) + " "
        if all(f" {' '.join(phrase)} " in spelled for phrase in quoted):
            return True
    return False


def problems(row: Judged) -> list[str]:
    """What makes a row unable to measure ranking (empty when it can)."""
    found = []
    if row.kind not in SHARED_KINDS:
        found.append(f"unknown kind {row.kind!r}")
    if shared_unknown_ids(row):
        found.append(f"no such paragraph {sorted(shared_unknown_ids(row))}")
    elif not row.relevant & shared_holding(row.words):
        found.append("no relevant paragraph holds the words")
    elif not shared_phrases_held(row):
        found.append("no relevant paragraph holds the quoted phrase")
    if len(shared_rivals(row)) < MIN_RIVALS:
        found.append(f"only {len(shared_rivals(row))} rivals")
    return found


def check() -> None:
    """Print every row's count of rivals, and what is wrong with a row that cannot measure ranking."""
    for row in judged_shared():
        wrong = problems(row)
        count = len(shared_rivals(row))
        print(f"{count:3d} {row.kind:9s} {row.query!r}" + (f"  <-- {'; '.join(wrong)}" if wrong else ""))


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["show"]:
        for paragraph_id in sorted(shared_holding(" ".join(sys.argv[2:]))):
            print(f"== {paragraph_id}\n{shared_text_of(paragraph_id)}\n")
    else:
        check()
