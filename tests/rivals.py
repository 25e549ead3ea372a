"""The rival-paragraph judged set: queries where ranking, not matching, decides.

`tests/relevance/judged-rivals-*.tsv` judge queries over the seed, the dozen
statements of `tests/relevance/statements/` and the statements of
`tests/relevance/rivals/`. Each row is

    kind <TAB> query <TAB> relevant ids <TAB> words

`words` are the words every competing paragraph holds (the query's own words
when the column is "-"; for a question, its content words; for a typo, the
word meant). A paragraph holds a word when its text has the word's stem, when
the word is part of its statement's force name, or when the word is its
statement's period ("2022/23", written any way a period may be). `rivals()` lists, for one row, the paragraphs that hold all
the words but are not judged relevant: the set only measures ranking when
every row has at least three of them. A quoted phrase matches only the
paragraphs holding it, so a row with one judges a paragraph that does
(`phrases_held()`).

Run `python -m tests.rivals` to see the count of rivals of every row, and
`python -m tests.rivals show WORDS...` to read every paragraph that holds the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.schema import analyse_words, word_stem
from index.statements import Statement, canonical_period, read_statement

RELEVANCE = Path(__file__).resolve().parent / "relevance"
SEED = Path(__file__).resolve().parent.parent / "data" / "west-midlands-2021-22.txt"
JUDGED = sorted(RELEVANCE.glob("judged-rivals*.tsv"))
KINDS = ("focused", "scheme", "force", "period", "phrase", "typo", "inflection", "question")
MIN_RIVALS = 3


@dataclass(frozen=True)
class Judged:
    kind: str
    query: str
    relevant: frozenset[str]
    words: str


def sources() -> list[Path]:
    """The statement files the rival set is judged over."""
    return [SEED, *sorted((RELEVANCE / "statements").glob("*.txt")), *sorted((RELEVANCE / "rivals").glob("*.txt"))]


def judged_rivals() -> list[Judged]:
    return [row for path in JUDGED for row in judged_file(path)]


def judged_file(path: Path) -> list[Judged]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise ValueError(f"{path.name} line {number}: 4 tab-separated fields expected, got {len(fields)}")
        kind, query, relevant, words = fields
        rows.append(Judged(kind, query, frozenset(relevant.split(",")), query if words == "-" else words))
    return rows


@cache
def corpus() -> dict[str, tuple[Statement, dict[int, frozenset[str]]]]:
    """slug -> (statement, paragraph number -> the stems of its text)."""
    found = {}
    for path in sources():
        statement = read_statement(path)
        stems = {p.number: frozenset(word_stem(w) for w in analyse_words(p.text)) for p in statement.paragraphs}
        found[statement.slug] = (statement, stems)
    return found


def holds(statement: Statement, stems: frozenset[str], word: str) -> bool:
    """Whether a paragraph (its statement, its stems) holds one word of a query."""
    if canonical_period(word) is not None and canonical_period(word) == statement.period:
        return True
    force = {word_stem(w) for w in analyse_words(statement.force)}
    wanted = [word_stem(w) for w in analyse_words(word)]
    return all(stem in stems or stem in force for stem in wanted)


def holding(words: str) -> set[str]:
    """Ids ("slug#pN") of the paragraphs that hold every word."""
    return {
        f"{slug}#p{number}"
        for slug, (statement, paragraphs) in corpus().items()
        for number, stems in paragraphs.items()
        if all(holds(statement, stems, word) for word in words.split())
    }


def phrases_held(row: Judged) -> bool:
    """Whether some relevant paragraph holds every "quoted phrase" of the query, word after word:
    a quoted query matches no other paragraph, so a row judging one without it cannot be met."""
    quoted = [[word_stem(w) for w in analyse_words(text)] for text in re.findall(r'"([^"]+)"', row.query)]
    for paragraph_id in row.relevant:
        stems = [word_stem(w) for w in analyse_words(text_of(paragraph_id))]
        spelled = " " + " ".join(stems) + " "
        if all(f" {' '.join(phrase)} " in spelled for phrase in quoted):
            return True
    return False


def rivals(row: Judged) -> set[str]:
    return holding(row.words) - row.relevant


def unknown_ids(row: Judged) -> set[str]:
    known = {f"{slug}#p{n}" for slug, (_, paragraphs) in corpus().items() for n in paragraphs}
    return set(row.relevant) - known


def text_of(paragraph_id: str) -> str:
    slug, number = paragraph_id.split("#p")
    statement = corpus()[slug][0]
    return next(p.text for p in statement.paragraphs if p.number == int(number))


def show(words: str) -> None:
    for paragraph_id in sorted(holding(words)):
        print(f"== {paragraph_id}\n{text_of(paragraph_id)}\n")


def check() -> None:
    for row in judged_rivals():
        problems = []
        if row.kind not in KINDS:
            problems.append(f"unknown kind {row.kind!r}")
        if unknown_ids(row):
            problems.append(f"no such paragraph {sorted(unknown_ids(row))}")
        if not row.relevant & holding(row.words):
            problems.append("no relevant paragraph holds the words")
        if not phrases_held(row):
            problems.append("no relevant paragraph holds the quoted phrase")
        count = len(rivals(row))
        if count < MIN_RIVALS:
            problems.append(f"only {count} rivals")
        print(f"{count:3d} {row.kind:10s} {row.query!r}" + (f"  <-- {'; '.join(problems)}" if problems else ""))


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["show"]:
        show(" ".join(sys.argv[2:]))
    else:
        check()
