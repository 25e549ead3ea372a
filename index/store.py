"""The built index as a running process sees it: opened once, shared by threads,
switched over to a newer generation when a build publishes one.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from . import layout
from .catalogue import StatementInfo, read_catalogue
from .statements import slugify


class IndexUnavailable(RuntimeError):
    """There is no built index to read (it was never built, or cannot be opened)."""


@dataclass(frozen=True)
class Generation:
    """One opened, immutable generation of the index."""

    path: Path
    whoosh: object
    catalogue: dict[str, StatementInfo]
    manifest: dict
    # Lower-case force names -> force keys, for spotting a force named in a query.
    forces: dict[str, str]
    # Period slugs ("2021-22") -> periods as written ("2021/22").
    periods: dict[str, str]


class StatementIndex:
    """The current index of one index directory; safe to share between threads."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._generation: Generation | None = None

    def current(self) -> Generation:
        """The newest published generation, opened (re-opened only when a build swapped it)."""
        path = layout.current_generation(self.index_dir)
        generation = self._generation
        if generation is not None and (path is None or path == generation.path):
            # A vanished link keeps the open generation serving rather than failing.
            return generation
        if path is None:
            raise IndexUnavailable(f"no index has been built in {self.index_dir}")
        with self._lock:
            if self._generation is None or self._generation.path != path:
                self._generation = open_generation(path)
            return self._generation

    @contextmanager
    def searcher(self):
        """A Whoosh searcher on the current generation, closed on exit (for index/ only)."""
        generation = self.current()
        searcher = generation.whoosh.searcher()
        try:
            yield searcher
        finally:
            searcher.close()

    @property
    def schema(self):
        """The schema of the current generation."""
        return self.current().whoosh.schema

    def statements(self) -> list[StatementInfo]:
        """Every indexed statement, in force then period order."""
        return list(self.current().catalogue.values())

    def periods_of(self, force: str) -> list[StatementInfo]:
        """Every statement of one force, oldest period first."""
        return sorted(
            (info for info in self.current().catalogue.values() if info.force == force),
            key=lambda info: info.period,
        )

    def statement_info(self, slug: str) -> StatementInfo | None:
        """The catalogue entry for `slug`, or None."""
        return self.current().catalogue.get(slug)

    def manifest(self) -> dict:
        """What the build that made the current generation recorded."""
        return dict(self.current().manifest)


def open_generation(path: Path) -> Generation:
    """Open the Whoosh index and catalogue of one generation directory."""
    try:
        ix = whoosh_index.open_dir(str(path))
        catalogue = read_catalogue(path)
    except Exception as error:  # Any unreadable file means this generation cannot serve.
        raise IndexUnavailable(f"the index in {path} cannot be opened: {error}") from error
    forces = {info.force.lower(): slugify(info.force) for info in catalogue.values()}
    periods = {slugify(info.period): info.period for info in catalogue.values()}
    return Generation(path, ix, catalogue, layout.read_manifest(path) or {}, forces, periods)
