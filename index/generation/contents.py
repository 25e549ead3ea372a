"""What a generation holds beside Whoosh's own files, opened and checked to fit together.

A server opens a generation with `open_contents`, and the build verifies a
new generation with the very same function before publishing it, so a
generation that servers would refuse is never published.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import integrity
from .catalogue import Catalogue, read_catalogue
from .score_table import ScoreTable
from .texts import Texts
from .vocabulary import WORDS_FILE


@dataclass(frozen=True)
class Contents:
    """A generation's score table, stored texts and catalogue."""

    table: ScoreTable
    texts: Texts
    catalogue: Catalogue


def open_contents(path: Path) -> Contents:
    """Open a generation's own files; raise (OSError, ValueError, TableError) when any is missing,
    is not the size its build wrote, does not fit the others, or fails the score table's checks."""
    path = Path(path)
    # The vocabulary is read on first use: missing, it would only show then.
    if not (path / WORDS_FILE).is_file():
        raise FileNotFoundError(f"{WORDS_FILE} is missing")
    if wrong := integrity.size_problems(path):
        raise ValueError("; ".join(wrong))
    table, texts, catalogue = ScoreTable(path), Texts(path), read_catalogue(path)
    if len(texts) != table.paragraphs:
        raise ValueError(f"{len(texts)} stored texts for {table.paragraphs} paragraphs")
    if table.paragraphs and int(table.statement[-1]) >= len(catalogue):
        raise ValueError("the score table names statements the catalogue does not have")
    return Contents(table, texts, catalogue)
