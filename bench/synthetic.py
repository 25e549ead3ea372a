"""Deterministic synthetic statements, for tests and benchmarks.

Invented force names and invented text with realistic word statistics: a
Zipf-like vocabulary (a core of common English and policing words, then
made-up words from syllables, about 50,000 in all), sentences of 8 to 25
words, paragraphs of 40 to 150 words, and recurring phrases so that phrase
queries hit. Nothing is copied from real statements. The same seed always
gives the same files.

    python -m bench.synthetic OUT_DIR --statements 200 [--seed 0]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
from functools import lru_cache
from pathlib import Path

PERIODS = ("2019/20", "2020/21", "2021/22", "2022/23", "2023/24")
VOCABULARY_SIZE = 50_000
ZIPF_EXPONENT = 1.05

# The most frequent words: function words mixed with the vocabulary of statements.
CORE_WORDS = """
the of and to in a for is with on that by as are from this its has have more
force police officers crime demand public our be at their which an work
community communities service services partners support local victims new
year public safety policing neighbourhood funding workforce staff abuse
domestic exploitation children vulnerable people risk harm response calls
organised groups teams technology digital data investment investigation
priority priorities improve improvement partnership partnerships training
county region regional national rural urban city towns residents confidence
prevention prevent protect protecting reduce reduced increase increased
violence violent serious offences offenders drugs drug gangs lines knife
mental health crisis missing young youth safeguarding specialist unit
collaboration collaborate shared joint control room emergency call handlers
online fraud cyber evidence body worn video mobile devices systems records
recruitment recruited uplift retention detectives wellbeing morale diverse
inclusive leadership values legitimacy fairness trust engagement patrols
visible presence roads collisions casualties speeding rural heritage theft
burglary robbery vehicle antisocial behaviour licensing night economy
budget precept grant pressures efficiency savings estate buildings stations
""".split()

# Phrases that recur across statements.
PHRASES = (
    "organised crime groups",
    "domestic abuse",
    "neighbourhood policing teams",
    "mental health crisis",
    "county lines",
    "body worn video",
    "violence against women and girls",
    "police and crime commissioner",
    "antisocial behaviour",
    "child criminal exploitation",
    "serious violence",
    "joint control room",
)

FORCE_STARTS = (
    "Ash Bram Brack Calder Cold Crow Dun East Elder Fen Glen Grey Hazel Hol Kings Lang Low "
    "March Mere Mill North Oak Pen Red Rook Salt Sedge Stan Stone Thorn Wes Whit Wick Wil "
    "Wolds Yar Aber Bly Dor Hart"
).split()
FORCE_ENDS = (
    "bury combe dale field ford gate ham holm hurst ley marsh mere minster moor ridge "
    "shire stead stow thorpe vale well wick worth borough"
).split()
FORCE_PREFIXES = ("", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Greater ")

SYLLABLES = (
    "ka ri mo ten sal vor lin dra pe qui ros ta bel mun cor fi gan hel jo lu "
    "mar nev ol pra sen tor ul vin wes yar zel ab ec id ob un ar er ir or ur"
).split()


def force_names(count: int) -> list[str]:
    """`count` distinct invented force names, always the same ones in the same order."""
    names = (
        f"{prefix}{start}{end}"
        for prefix in FORCE_PREFIXES
        for start, end in itertools.product(FORCE_STARTS, FORCE_ENDS)
    )
    chosen = list(itertools.islice(names, count))
    if len(chosen) < count:
        raise ValueError(f"at most {len(chosen)} force names are available")
    return chosen


@lru_cache(maxsize=4)
def vocabulary(size: int = VOCABULARY_SIZE) -> tuple[str, ...]:
    """Core words first, then invented words made of two to four syllables."""
    words = list(dict.fromkeys(CORE_WORDS))
    seen = set(words)
    maker = random.Random(20261126)
    while len(words) < size:
        word = "".join(maker.choice(SYLLABLES) for _ in range(maker.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return tuple(words)


@lru_cache(maxsize=4)
def cumulative_weights(size: int = VOCABULARY_SIZE) -> tuple[float, ...]:
    """Zipf weights by rank, accumulated, for sampling with bisect."""
    return tuple(itertools.accumulate(1.0 / rank**ZIPF_EXPONENT for rank in range(1, size + 1)))


class TextMaker:
    """Makes sentences and paragraphs from one random stream."""

    def __init__(self, rng: random.Random, size: int = VOCABULARY_SIZE):
        self.rng = rng
        self.words = vocabulary(size)
        self.weights = cumulative_weights(size)

    def word(self) -> str:
        """One word, drawn by Zipf frequency."""
        point = self.rng.random() * self.weights[-1]
        return self.words[bisect.bisect_left(self.weights, point)]

    def sentence(self) -> str:
        """A sentence of 8 to 25 words, sometimes carrying a recurring phrase."""
        words = [self.word() for _ in range(self.rng.randint(8, 25))]
        if self.rng.random() < 0.35:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(PHRASES))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        """A paragraph of about 40 to 150 words."""
        target = self.rng.randint(40, 150)
        sentences, length = [], 0
        while length < target:
            sentence = self.sentence()
            sentences.append(sentence)
            length += sentence.count(" ") + 1
        return " ".join(sentences)


def statement_text(force: str, period: str, maker: TextMaker, paragraphs: int) -> str:
    """A whole statement file in the published layout."""
    body = "\n\n".join(maker.paragraph() for _ in range(paragraphs))
    return (
        f"More about this area\n\n{force} {period}\n\nThe logo of {force} Police\n\n"
        f"The force says...\n\n{body}\n\n"
        f"Disclaimer: the above statement has been prepared by {force} Police.\n"
    )


def write_corpus(
    out_dir: Path,
    statements: int,
    seed: int = 0,
    paragraphs: tuple[int, int] = (4, 9),
) -> list[Path]:
    """Write `statements` statement files under `out_dir` (in folders by initial); return their paths."""
    if not 1 <= statements <= 10_000 * len(PERIODS):
        raise ValueError("statements must be from 1 to 50,000")
    out_dir = Path(out_dir)
    per_force = min(len(PERIODS), max(1, statements // 10))
    forces = force_names(-(-statements // per_force))
    rng = random.Random(seed)
    maker = TextMaker(rng)
    written = []
    for number in range(statements):
        force, period = forces[number // per_force], PERIODS[number % per_force]
        folder = out_dir / force[0].lower()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{force.lower().replace(' ', '-')}-{period.replace('/', '-')}.txt"
        path.write_text(statement_text(force, period, maker, rng.randint(*paragraphs)), "utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    """Command line: write a synthetic corpus."""
    parser = argparse.ArgumentParser(description="Write deterministic synthetic statements.")
    parser.add_argument("out_dir", type=Path, help="folder to write the statement files into")
    parser.add_argument("--statements", type=int, default=200, help="how many (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.out_dir, args.statements, args.seed)
    print(f"Wrote {len(paths)} statements to {args.out_dir}")


if __name__ == "__main__":
    main()
