"""The built index as a running process sees it: opened once, shared by threads,
switched over to a newer generation when a build publishes one.

Whoosh readers keep file cursors, so a searcher must not be used by two
threads at once; but opening one per request costs more than many searches.
Each generation therefore keeps a small pool of searchers: a request borrows
one and gives it back. When a new generation is published, requests move to
it and the old pool is closed as its searchers come back.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import OrderedDict
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from whoosh import index as whoosh_index

from . import integrity, layout
from .catalogue import StatementInfo
from .columns import DocColumns, doc_columns
from .contents import open_contents
from .score_table import ScoreTable
from .texts import Texts
from .statements import slugify
from .vocabulary import Vocabulary, load_vocabulary

logger = logging.getLogger(__name__)

# Idle searchers kept per generation (one per server thread is enough).
POOL_SIZE = 16
# Result pages remembered per generation (0 turns the cache off).
CACHE_SIZE = 256


class IndexUnavailable(RuntimeError):
    """There is no built index to read (it was never built, or cannot be opened)."""


class ResultCache:
    """A small least-recently-used map of finished results, safe between threads.

    It belongs to one generation, so a new build empties it by replacing it.
    """

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        """The remembered value for `key`, or None."""
        if not self.size:
            return None
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        """Remember `value`, forgetting the least recently used beyond `size`."""
        if not self.size:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class Generation:
    """One opened, immutable generation of the index: Whoosh, the score table, the catalogue,
    a searcher pool and a result cache."""

    def __init__(
        self,
        path: Path,
        whoosh,
        table: ScoreTable,
        texts: Texts,
        catalogue: dict[str, StatementInfo],
        cache_size: int = CACHE_SIZE,
    ):
        self.path = path
        self.whoosh = whoosh
        self.table = table
        self.texts = texts
        self.catalogue = catalogue
        self.columns: DocColumns = doc_columns(catalogue, table.statement)
        # Lower-case force names -> force keys, for spotting a force named in a query.
        self.forces = {force.lower(): key for force, key in zip(self.columns.forces, self.columns.force_keys)}
        # Period slugs ("2021-22") -> periods as written ("2021/22").
        self.periods = {slugify(period): period for period in self.columns.periods}
        self.retired = False
        self.results = ResultCache(cache_size)
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._vocabulary: Vocabulary | None = None
        self._lazy_lock = threading.Lock()

    def borrow(self):
        """An idle searcher of this generation, or a new one."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self.whoosh.searcher()

    def give_back(self, searcher) -> None:
        """Return a borrowed searcher; it is closed if the pool is full or the generation retired."""
        if self.retired or self._idle.qsize() >= POOL_SIZE:
            searcher.close()
        else:
            self._idle.put(searcher)
            if self.retired:  # retired while we were putting it back
                self.close_idle()

    def close_idle(self) -> None:
        """Close every idle searcher."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return

    @cached_property
    def manifest(self) -> dict:
        """What the build that made this generation recorded (read on first use)."""
        return layout.read_manifest(self.path) or {}

    @property
    def vocabulary(self) -> Vocabulary:
        """The real words of this generation, loaded on first use."""
        if self._vocabulary is None:
            with self._lazy_lock:
                if self._vocabulary is None:
                    self._vocabulary = load_vocabulary(self.path)
        return self._vocabulary


class StatementIndex:
    """The current index of one index directory; safe to share between threads."""

    def __init__(self, index_dir: Path, cache_size: int = CACHE_SIZE):
        self.index_dir = Path(index_dir)
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._generation: Generation | None = None
        # The published generation that could not be opened, and why (only the latest).
        self.refused: tuple[Path, str] | None = None

    def current(self) -> Generation:
        """The generation to serve: the published one, opened once (again only when a build
        swaps it); when that cannot be opened, the last good one keeps serving."""
        path = layout.current_generation(self.index_dir)
        generation = self._generation
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


def open_generation(path: Path, cache_size: int = CACHE_SIZE) -> Generation:
    """Open the Whoosh index, score table, texts and catalogue of one generation directory."""
    try:
        contents = open_contents(path)
        ix = whoosh_index.open_dir(str(path))
        return Generation(path, ix, contents.table, contents.texts, contents.catalogue, cache_size)
    except Exception as error:  # Any unreadable file means this generation cannot serve.
        raise IndexUnavailable(f"the index in {path} cannot be opened: {error}") from error
