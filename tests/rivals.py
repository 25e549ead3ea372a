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
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from index.text.analysis import analyse_words, word_stem
from index.text.statements import Statement, canonical_period, read_statement

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


class StatementSet:
    """Statement files read for judging: which paragraphs hold a query's words, and what makes a
    judged row unable to measure ranking. The rival set and the set on ../shared/corpus use one each."""

    def __init__(self, sources: Callable[[], list[Path]], kinds: tuple[str, ...]):
        self.sources, self.kinds = sources, kinds

    @cached_property
    def corpus(self) -> dict[str, tuple[Statement, dict[int, frozenset[str]]]]:
        """slug -> (statement, paragraph number -> the stems of its text)."""
        found = {}
        for path in self.sources():
            statement = read_statement(path)
            stems = {p.number: frozenset(word_stem(w) for w in analyse_words(p.text)) for p in statement.paragraphs}
            found[statement.slug] = (statement, stems)
        return found

    def holding(self, words: str) -> set[str]:
        """Ids ("slug#pN") of the paragraphs that hold every word."""
        return {
            f"{slug}#p{number}"
            for slug, (statement, paragraphs) in self.corpus.items()
            for number, stems in paragraphs.items()
            if all(holds(statement, stems, word) for word in words.split())
        }

    def text_of(self, paragraph_id: str) -> str:
        """The text of one paragraph."""
        slug, number = paragraph_id.split("#p")
        statement = self.corpus[slug][0]
        return next(p.text for p in statement.paragraphs if p.number == int(number))

    def phrases_held(self, row: Judged) -> bool:
        """Whether some relevant paragraph holds every "quoted phrase" of the query, word after word:
        a quoted query matches no other paragraph, so a row judging one without it cannot be met."""
        quoted = [[word_stem(w) for w in analyse_words(text)] for text in re.findall(r'"([^"]+)"', row.query)]
        for paragraph_id in row.relevant:
            spelled = " " + " ".join(word_stem(w) for w in analyse_words(self.text_of(paragraph_id))) + " "
            if all(f" {' '.join(phrase)} " in spelled for phrase in quoted):
                return True
        return False

    def rivals(self, row: Judged) -> set[str]:
        """The paragraphs that hold all the row's words and are not judged relevant."""
        return self.holding(row.words) - row.relevant

    def unknown_ids(self, row: Judged) -> set[str]:
        """Relevant ids that name no paragraph."""
        known = {f"{slug}#p{n}" for slug, (_, paragraphs) in self.corpus.items() for n in paragraphs}
        return set(row.relevant) - known

    def problems(self, row: Judged) -> list[str]:
        """What makes a row unable to measure ranking (empty when it can)."""
        found = []
        if row.kind not in self.kinds:
            found.append(f"unknown kind {row.kind!r}")
        if self.unknown_ids(row):
            found.append(f"no such paragraph {sorted(self.unknown_ids(row))}")
        elif not row.relevant & self.holding(row.words):
            found.append("no relevant paragraph holds the words")
        elif not self.phrases_held(row):
            found.append("no relevant paragraph holds the quoted phrase")
        if len(self.rivals(row)) < MIN_RIVALS:
            found.append(f"only {len(self.rivals(row))} rivals")
        return found

    def main(self, rows: list[Judged], argv: list[str]) -> None:
        """`show WORDS...`: every paragraph that holds the words; otherwise every row's count of
        rivals, and what is wrong with a row that cannot measure ranking."""
        if argv[:1] == ["show"]:
            for paragraph_id in sorted(self.holding(" ".join(argv[1:]))):
                print(f"== {paragraph_id}\n{self.text_of(paragraph_id)}\n")
            return
        for row in rows:
            wrong = self.problems(row)
            print(f"{len(self.rivals(row)):3d} {row.kind:10s} {row.query!r}" + (f"  <-- {'; '.join(wrong)}" if wrong else ""))


def holds(statement: Statement, stems: frozenset[str], word: str) -> bool:
    """Whether a paragraph (its statement, its stems) holds one word of a query."""
    if canonical_period(word) is not None and canonical_period(word) == statement.period:
        return True
    force = {word_stem(w) for w in analyse_words(statement.force)}
    wanted = [word_stem(w) for w in analyse_words(word)]
    return all(stem in stems or stem in force for stem in wanted)


RIVAL_SET = StatementSet(sources, KINDS)
holding, rivals, unknown_ids, text_of, phrases_held = (
    RIVAL_SET.holding, RIVAL_SET.rivals, RIVAL_SET.unknown_ids, RIVAL_SET.text_of, RIVAL_SET.phrases_held)


if __name__ == "__main__":
    import sys

    RIVAL_SET.main(judged_rivals(), sys.argv[1:])
