"""The catalogue: what each indexed statement is, stored beside its paragraphs.

Whoosh holds the paragraphs; the catalogue holds the statement-level facts a
page needs (title, disclaimer, paragraph count) so that a statement is looked
up by slug in the built index, never by turning a URL into a file path.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .layout import write_json
from .statements import Statement

CATALOGUE = "statements.json"
# "the above statement has been prepared by West Midlands Police." -> "West Midlands Police"
# The author named in a disclaimer: up to the full stop ending the sentence ("St." does not end it).
PREPARED_BY = re.compile(r"\bprepared by\s+(?P<author>.{1,120}?)\s*(?:(?<!\bSt)(?<!\bMt)(?<!\bFt)\.|$)", re.IGNORECASE)


@dataclass(frozen=True)
class StatementInfo:
    """A statement as listed: everything but its paragraphs' text."""

    slug: str
    force: str
    period: str
    title: str
    disclaimer: str
    source: str
    paragraphs: int

    @property
    def author(self) -> str:
        """Who wrote the statement: as its disclaimer names them ("prepared by West Midlands Police"),
        else the force."""
        match = PREPARED_BY.search(self.disclaimer)
        return match["author"] if match else self.force


def info_of(statement: Statement) -> StatementInfo:
    """The catalogue entry of a parsed statement."""
    return StatementInfo(
        slug=statement.slug,
        force=statement.force,
        period=statement.period,
        title=statement.title,
        disclaimer=statement.disclaimer,
        source=statement.source,
        paragraphs=len(statement.paragraphs),
    )


def write_catalogue(generation: Path, statements: list[Statement]) -> None:
    """Store the catalogue of `statements` in a generation directory."""
    write_json(Path(generation) / CATALOGUE, [asdict(info_of(s)) for s in statements])


def read_catalogue(generation: Path) -> dict[str, StatementInfo]:
    """The catalogue of a generation, keyed by slug, in force then period order."""
    entries = json.loads((Path(generation) / CATALOGUE).read_text("utf-8"))
    fields = set(StatementInfo.__dataclass_fields__)
    catalogue = {}
    for entry in entries:
        if entry.keys() != fields:
            raise ValueError(f"a catalogue entry has the fields {sorted(entry)}, expected {sorted(fields)}")
        # A frozen dataclass's __init__ sets each field through object.__setattr__: for the
        # 15,000 entries of a large catalogue that was a sixth of a new process's first search.
        info = object.__new__(StatementInfo)
        info.__dict__.update(entry)
        catalogue[entry["slug"]] = info
    return catalogue
