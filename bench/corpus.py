"""Benchmark corpora: synthetic statements sized by paragraph count, written once and reused."""

from __future__ import annotations

import shutil
from pathlib import Path

from .synthetic import write_corpus

# write_corpus draws 4 to 9 paragraphs per statement: 6.5 on average.
PARAGRAPHS_PER_STATEMENT = 6.5


def corpus_dir(root: Path, paragraphs: int, seed: int = 0) -> Path:
    """A folder of synthetic statements with about `paragraphs` paragraphs, made on first use."""
    target = Path(root) / f"corpus-{paragraphs}"
    done = target / ".complete"
    if not done.exists():
        shutil.rmtree(target, ignore_errors=True)
        statements = max(1, round(paragraphs / PARAGRAPHS_PER_STATEMENT))
        write_corpus(target, statements, seed=seed)
        done.write_text("ok")
    return target


def paragraph_texts(data_dir: Path) -> list[tuple[str, int, str]]:
    """(statement slug, paragraph number, text) of every paragraph, for the other engines."""
    from index import load_statements

    statements, _ = load_statements(data_dir)
    return [(s.slug, p.number, p.text) for s in statements for p in s.paragraphs]
