"""The catalogue: what each indexed statement is, stored beside its paragraphs.

Whoosh holds the paragraphs; the catalogue holds the statement-level facts a
page needs (title, disclaimer, paragraph count) so that a statement is looked
up by slug in the built index, never by turning a URL into a file path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from ..text.statements import Statement, slugify
from .layout import write_json

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
    # Where and when the statement was published ("" when its file does not say: provenance.py).
    source_url: str = ""
    published: str = ""

    @property
    def author(self) -> str:
        """Who wrote the statement: as its disclaimer names them ("prepared by West Midlands Police"),
        else the force."""
        match = PREPARED_BY.search(self.disclaimer)
        return match["author"] if match else self.force


def force_slug(force: str) -> str:
    """The address of a force's page: "West Midlands" -> "west-midlands"."""
    return slugify(force)


# The catalogue's fields: a StatementInfo's, in order.
FIELDS = tuple(field.name for field in fields(StatementInfo))
# Fields a catalogue written before they existed (schema 12) lacks: read as "".
LATER_FIELDS = ("source_url", "published")


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
        source_url=statement.source_url,
        published=statement.published,
    )


class Catalogue(Mapping[str, StatementInfo]):
    """A generation's statements by slug, in force then period order.

    Stored as columns, one list per field: a large catalogue parses in a third of
    the time that one object per statement takes, and a new process's first
    search needs only the force and period columns. Each StatementInfo is made
    the first time it is asked for.
    """

    def __init__(self, columns: dict[str, list]):
        if sorted(columns) != sorted(FIELDS):
            raise ValueError(f"the catalogue has the fields {sorted(columns)}, expected {sorted(FIELDS)}")
        if len({len(values) for values in columns.values()}) > 1:
            raise ValueError("the catalogue's fields have different lengths")
        self.columns = columns
        self._row = {slug: row for row, slug in enumerate(columns["slug"])}
        if len(self._row) != len(columns["slug"]):
            raise ValueError("the catalogue names a statement twice")
        self._made: dict[str, StatementInfo] = {}
        self._by_force: dict[str, list[str]] | None = None

    def __getitem__(self, slug: str) -> StatementInfo:
        info = self._made.get(slug)
        if info is None:
            row = self._row[slug]
            # A frozen dataclass's __init__ sets each field through object.__setattr__: listing
            # the 15,000 statements of a large catalogue (/statements) is 4x faster without it.
            info = object.__new__(StatementInfo)
            info.__dict__.update({name: values[row] for name, values in self.columns.items()})
            self._made[slug] = info  # made twice by two threads at once, both are equal
        return info

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def of_force(self, force: str) -> list[StatementInfo]:
        """The statements of one force, in catalogue order, making only their entries."""
        if self._by_force is None:
            by_force: dict[str, list[str]] = {}
            for slug, name in zip(self.columns["slug"], self.columns["force"]):
                by_force.setdefault(name, []).append(slug)
            self._by_force = by_force  # built twice by two threads at once, both are equal
        return [self[slug] for slug in self._by_force.get(force, [])]


def write_catalogue(generation: Path, statements: list[Statement]) -> None:
    """Store the catalogue of `statements` in a generation directory, as columns."""
    infos = [info_of(statement) for statement in statements]
    columns = {name: [getattr(info, name) for info in infos] for name in FIELDS}
    write_json(Path(generation) / CATALOGUE, columns)


def read_catalogue(generation: Path) -> Catalogue:
    """The catalogue of a generation (ValueError when it is not one).

    A generation built before the catalogue became columns (schema 10) holds a
    list of rows: it is read as well, so that it keeps serving until the
    rebuild its older schema calls for has published a new one.
    """
    stored = json.loads((Path(generation) / CATALOGUE).read_text("utf-8"))
    if isinstance(stored, list):
        stored = as_columns(stored)
    if not isinstance(stored, dict):
        raise ValueError("the catalogue is neither columns nor rows")
    slugs = stored.get("slug")
    for name in LATER_FIELDS:
        if name not in stored and isinstance(slugs, list):
            # An older generation keeps serving until its rebuild: no provenance yet.
            stored[name] = [""] * len(slugs)
    return Catalogue(stored)


def as_columns(rows: list) -> dict[str, list]:
    """Catalogue rows (one dict per statement) as columns (ValueError when they are not rows of it)."""
    rows = [{**dict.fromkeys(LATER_FIELDS, ""), **row} if isinstance(row, dict) else row for row in rows]
    if not all(isinstance(row, dict) and row.keys() == set(FIELDS) for row in rows):
        raise ValueError(f"a catalogue row does not have the fields {list(FIELDS)}")
    return {name: [row[name] for row in rows] for name in FIELDS}
