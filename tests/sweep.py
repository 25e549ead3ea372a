"""Sweep one ranking constant over values and print every judged set's MRR and top-3 at each.

    .venv/bin/python -m tests.sweep LEAD_SENTENCE_WORDS 14 16 18 20 24

The constant is one of index/query/boosts.py's, set in the process for each
value, in every module of index/ that holds it (constants read when the
index is built, such as bm25.SHORTEST, are not swept here: they need a
rebuild). The indexes are those the tests build:
the rival statements (the rival and held-out sets) and ../shared/corpus (the
shared set). This is how a constant's value is chosen on the tuned sets, and
the figures docs/ranking.md gives for one come from it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import index
from index.query import boosts

from .rivals import judged_file, judged_rivals, sources
from .shared_corpus import shared_corpus
from .shared_rivals import judged_shared
from .test_ranking import HELD_OUT, Scores, product_ranking, rank_of


def built(data: Path, target: Path) -> index.StatementIndex:
    """`data` built into `target` and opened without a result cache."""
    index.build_index(data, target)
    return index.open_index(target, cache_size=0)


def main(arguments: list[str]) -> None:
    if len(arguments) < 2 or not hasattr(boosts, arguments[0]):
        raise SystemExit("usage: python -m tests.sweep CONSTANT VALUE [VALUE ...] (a constant of index/query/boosts.py)")
    name, values = arguments[0], [float(value) if "." in value else int(value) for value in arguments[1:]]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        (scratch / "rivals").mkdir()
        for source in sources():
            shutil.copy(source, scratch / "rivals" / source.name)
        rival_index = built(scratch / "rivals", scratch / "rival-index")
        shared_index = built(shared_corpus(), scratch / "shared-index")
        sets = (
            ("rival", rival_index, judged_rivals()),
            ("held-out", rival_index, judged_file(HELD_OUT)),
            ("shared", shared_index, judged_shared()),
        )
        print(f"{name:<24}" + "".join(f"{label:>18}" for label, _, _ in sets))
        original = getattr(boosts, name)
        # Every module of index/ holding the constant (understand.py imports NAMED_BOOST by name).
        holders = [module for key, module in sys.modules.items()
                   if key.startswith("index.") and getattr(module, name, None) is original]
        try:
            for value in values:
                for module in holders:
                    setattr(module, name, value)
                cells = []
                for _, statement_index, rows in sets:
                    got = Scores.of([rank_of(product_ranking(statement_index, row.query), row.relevant) for row in rows])
                    cells.append(f"{got.mrr:.3f} {got.top3:.0%}".rjust(18))
                mark = "  (as shipped)" if value == original else ""
                print(f"{value!s:<24}" + "".join(cells) + mark)
        finally:
            for module in holders:
                setattr(module, name, original)


if __name__ == "__main__":
    main(sys.argv[1:])
