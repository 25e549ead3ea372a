"""Precision and recall of the subject aligner against judged alignments (alignment-*.json).

    python -m tests.alignment_report            # the independent corpus, ../shared/corpus
    python -m tests.alignment_report --own      # our own judged pairs, tests/corpus-subjects

Each judged link is expanded to its (older, newer) paragraph pairs (a merge of
two paragraphs into one is two pairs); a new or dropped paragraph is a pair
with one side None. A pair the aligner makes counts as right when the judges
made it, whatever kind either gave it; per kind, recall counts the judged
pairs of that kind found, precision the aligner's pairs of that kind that are
right (moved pairs are judged same or updated pairs out of order).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import index

from .shared_corpus import shared_corpus

ROOT = Path(__file__).resolve().parents[1]
OWN_CORPUS = ROOT / "tests" / "corpus-subjects"
# Built with our own judged statements for their term statistics: more paragraphs than one force's two.
OWN_COMPANIONS = (ROOT / "tests" / "corpus", ROOT / "data")
KINDS = ("same", "updated", "rewritten", "moved", "merged", "split", "new", "dropped")

Pair = tuple[str, str, int | None, int | None]  # older slug, newer slug, older number, newer number


@dataclass
class Figures:
    """Counts behind precision and recall, overall (pairs with both sides) and per kind."""

    judged: Counter = field(default_factory=Counter)  # kind -> judged pairs
    found: Counter = field(default_factory=Counter)  # kind -> judged pairs the aligner made too
    made: Counter = field(default_factory=Counter)  # kind -> pairs the aligner made
    right: Counter = field(default_factory=Counter)  # kind -> pairs the aligner made that were judged
    pairs_judged: int = 0
    pairs_found: int = 0
    pairs_made: int = 0
    pairs_right: int = 0

    def precision(self, kind: str | None = None) -> float:
        """Share of the aligner's pairs (of `kind`) that the judges made."""
        made, right = (self.pairs_made, self.pairs_right) if kind is None else (self.made[kind], self.right[kind])
        return right / made if made else 1.0

    def recall(self, kind: str | None = None) -> float:
        """Share of the judged pairs (of `kind`) that the aligner made."""
        judged, found = (self.pairs_judged, self.pairs_found) if kind is None else (self.judged[kind], self.found[kind])
        return found / judged if judged else 1.0


def judged_pairs(folder: Path) -> dict[Pair, str]:
    """Every judged pair of every alignment file in `folder`, with its kind."""
    pairs: dict[Pair, str] = {}
    for path in sorted(Path(folder).glob("alignment-*.json")):
        for compared in json.loads(path.read_text("utf-8"))["pairs"]:
            older, newer = compared["older"], compared["newer"]
            for link in compared["links"]:
                for number in link["older"] or [None]:
                    for other in link["newer"] or [None]:
                        pairs[(older, newer, number, other)] = link["kind"]
    return pairs


def made_pairs(statement_index: index.StatementIndex, older: str, newer: str) -> dict[Pair, str]:
    """Every pair the aligner makes between two statements, with its kind."""
    comparison = index.compare_statements(statement_index, older, newer)
    pairs: dict[Pair, str] = {}
    for row in comparison.rows:
        for number in row.older_numbers or (None,):
            for other in row.newer_numbers or (None,):
                pairs[(older, newer, number, other)] = row.kind
    return pairs


def evaluate(statement_index: index.StatementIndex, folder: Path) -> Figures:
    """The aligner's figures against every judged alignment in `folder`."""
    judged = judged_pairs(folder)
    made: dict[Pair, str] = {}
    for older, newer in sorted({(older, newer) for older, newer, _, _ in judged}):
        made.update(made_pairs(statement_index, older, newer))
    judged_by_kind, found, pairs_judged, pairs_found = counted(judged, made)
    made_by_kind, right, pairs_made, pairs_right = counted(made, judged)
    return Figures(judged_by_kind, found, made_by_kind, right, pairs_judged, pairs_found, pairs_made, pairs_right)


def counted(pairs: dict[Pair, str], other: dict[Pair, str]) -> tuple[Counter, Counter, int, int]:
    """Per kind, how many `pairs` there are and how many of them `other` holds too; then the same
    over the pairs with both sides (a new or dropped paragraph's link has None on one side)."""
    total, held = Counter(), Counter()
    for pair, kind in pairs.items():
        total[kind] += 1
        held[kind] += pair in other
    both_sides = [pair for pair in pairs if None not in pair]
    return total, held, len(both_sides), sum(pair in other for pair in both_sides)


def table(figures: Figures) -> str:
    """The figures as a plain text table."""
    lines = [f"{'kind':<10} {'judged':>6} {'found':>6} {'recall':>7}   {'made':>5} {'right':>5} {'precision':>9}"]
    for kind in KINDS:
        lines.append(
            f"{kind:<10} {figures.judged[kind]:>6} {figures.found[kind]:>6} {figures.recall(kind):>7.3f}   "
            f"{figures.made[kind]:>5} {figures.right[kind]:>5} {figures.precision(kind):>9.3f}"
        )
    lines.append(
        f"{'pairs':<10} {figures.pairs_judged:>6} {figures.pairs_found:>6} {figures.recall():>7.3f}   "
        f"{figures.pairs_made:>5} {figures.pairs_right:>5} {figures.precision():>9.3f}"
    )
    return "\n".join(lines)


def gather(folders, target: Path) -> Path:
    """Copy every statement of `folders` into `target` (a data folder to build)."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        for path in Path(folder).glob("*.txt"):
            shutil.copy(path, target / path.name)
    return target


def main(argv: list[str]) -> int:
    """Build an index of the chosen corpus in a temporary folder and print the figures."""
    own = "--own" in argv
    folder = OWN_CORPUS if own else shared_corpus()
    with tempfile.TemporaryDirectory() as scratch:
        data = gather((folder, *OWN_COMPANIONS) if own else (folder,), Path(scratch) / "data")
        index.build_index(data, Path(scratch) / "index")
        figures = evaluate(index.open_index(Path(scratch) / "index"), folder)
    print(f"Judged alignments in {folder}:")
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
