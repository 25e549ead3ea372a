"""The built index as a running process sees it: opened once, shared by threads,
switched over to a newer generation when a build publishes one, and never
switched to one that cannot be opened: the last good generation keeps serving.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from . import integrity, layout
from .catalogue import StatementInfo
from .opened import Generation, IndexUnavailable, open_generation
from .result_cache import CACHE_SIZE

logger = logging.getLogger(__name__)


class StatementIndex:
    """The current index of one index directory; safe to share between threads."""

    def __init__(self, index_dir: Path, cache_size: int = CACHE_SIZE):
        self.index_dir = Path(index_dir)
        self._base, self._link = str(self.index_dir), str(self.index_dir / layout.CURRENT)
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._generation: Generation | None = None
        # The published generation that could not be opened, and why (only the latest).
        self.refused: tuple[Path, str] | None = None

    def current(self) -> Generation:
        """The generation to serve: the published one, opened once (again only when a build
        swaps it); when that cannot be opened, the last good one keeps serving."""
        generation = self._generation
        if generation is not None:
            # Every search asks: while the link still names the open generation, one readlink answers.
            try:
                if os.path.join(self._base, os.readlink(self._link)) == generation.location:
                    return generation
            except OSError:
                pass
        path = layout.current_generation(self.index_dir)
        if generation is not None and (path is None or path == generation.path or self.is_refused(path)):
            # A vanished link, or a broken generation, keeps the open one serving rather than failing.
            return generation
        if path is None:
            raise IndexUnavailable(f"no index has been built in {self.index_dir}")
        with self._lock:
            if self._generation is None or (self._generation.path != path and not self.is_refused(path)):
                try:
                    opened = open_generation(path, self.cache_size)
                except IndexUnavailable as error:
                    self.refused = (path, str(error))
                    logger.error("Not switching to %s: %s", path.name, error)
                    if self._generation is None:
                        self._generation = self.last_good(error)
                else:
                    self.refused = None
                    previous, self._generation = self._generation, opened
                    if previous is not None:
                        previous.retired = True
                        previous.close_idle()
            return self._generation

    def is_refused(self, path: Path) -> bool:
        """True when `path` is the generation already found broken."""
        return self.refused is not None and self.refused[0] == path

    def last_good(self, error: IndexUnavailable) -> Generation:
        """The newest other generation in the index directory that opens (`error` when none does)."""
        for path in reversed(layout.generations(self.index_dir)):
            if self.is_refused(path):
                continue
            try:
                return open_generation(path, self.cache_size)
            except IndexUnavailable:
                continue
        raise error

    @contextmanager
    def reading(self):
        """(generation, searcher): the current generation and a searcher of it, for this thread alone (index/ only)."""
        for attempt in range(3):
            generation = self.current()
            try:
                searcher = generation.borrow()
                break
            except OSError:
                # Two builds published in the instant between finding the
                # generation and opening it, and the old one was pruned: look again.
                if attempt == 2:
                    raise IndexUnavailable(f"the index in {self.index_dir} keeps changing") from None
        try:
            yield generation, searcher
        finally:
            generation.give_back(searcher)

    @contextmanager
    def searcher(self):
        """A Whoosh searcher on the current generation, for this thread alone until the block ends (index/ only)."""
        with self.reading() as (_, searcher):
            yield searcher

    @property
    def schema(self):
        """The schema of the current generation."""
        return self.current().whoosh.schema

    def statements(self, limit: int | None = None) -> list[StatementInfo]:
        """Every indexed statement (or the first `limit`), in force then period order."""
        return list(islice(self.current().catalogue.values(), limit))

    def statement_count(self) -> int:
        """How many statements are indexed (without making an entry for each)."""
        return len(self.current().catalogue)

    def periods_of(self, force: str) -> list[StatementInfo]:
        """Every statement of one force, oldest period first."""
        return sorted(self.current().catalogue.of_force(force), key=lambda info: info.period)

    def statement_info(self, slug: str) -> StatementInfo | None:
        """The catalogue entry for `slug`, or None."""
        return self.current().catalogue.get(slug)

    def manifest(self) -> dict:
        """What the build that made the current generation recorded."""
        return dict(self.current().manifest)

    def problems(self) -> list[str]:
        """What is wrong with the files of the generation serving (empty when healthy)."""
        try:
            serving = self.current()
        except IndexUnavailable as error:
            return [str(error)]
        return integrity.problems(serving.path)

    def warnings(self) -> list[str]:
        """What an operator should know while searches are served: a published generation refused."""
        if self.refused is None or self._generation is None:
            return []
        path, reason = self.refused
        return [f"{reason}; still serving {self._generation.path.name}"]
