"""One opened generation: Whoosh's index, the score table, texts, catalogue and columns,
with its pool of Whoosh searchers, its result cache and its vocabulary.

Whoosh readers keep file cursors, so a searcher must not be used by two
threads at once; but opening one per request costs more than many requests.
Each generation therefore keeps a small pool of searchers (for statement
pages and similar paragraphs): a request borrows one and gives it back. When
a new generation is published, the old pool is closed as its searchers come
back. Searches themselves read only the memory-mapped table and texts.
"""

from __future__ import annotations

import queue
import threading
from functools import cached_property
from pathlib import Path

from whoosh import index as whoosh_index

from ..text.statements import slugify
from . import layout
from .catalogue import Catalogue
from .columns import DocColumns, doc_columns
from .contents import open_contents
from .result_cache import CACHE_SIZE, ResultCache
from .score_table import ScoreTable
from .texts import Texts
from .vocabulary import WORDS_FILE, Vocabulary, load_vocabulary, parse_vocabulary

# Idle searchers kept per generation (one per server thread is enough).
POOL_SIZE = 16


class IndexUnavailable(RuntimeError):
    """There is no built index to read (it was never built, or cannot be opened)."""


class Generation:
    """One opened, immutable generation of the index: Whoosh, the score table, the catalogue,
    a searcher pool and a result cache."""

    def __init__(
        self,
        path: Path,
        whoosh,
        table: ScoreTable,
        texts: Texts,
        catalogue: Catalogue,
        cache_size: int = CACHE_SIZE,
        words=None,
    ):
        self.path = path
        # The path as a string, for the check each search makes that it is still the one published.
        self.location = str(path)
        self.whoosh = whoosh
        self.table = table
        self.texts = texts
        self.catalogue = catalogue
        self.columns: DocColumns = doc_columns(catalogue, table.statement, table.copy_of)
        # Lower-case force names -> force keys, for spotting a force named in a query.
        self.forces = {force.lower(): key for force, key in zip(self.columns.forces, self.columns.force_keys)}
        # The most words in a force's name: how far a query is looked at for one.
        self.longest_force = max((name.count(" ") + 1 for name in self.forces), default=0)
        # Period slugs ("2021-22") -> periods as written ("2021/22").
        self.periods = {slugify(period): period for period in self.columns.periods}
        self.retired = False
        self.results = ResultCache(cache_size)
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._vocabulary: Vocabulary | None = None
        # The words file, held open from the opening on: read on first use, it is still there
        # when a prune has removed this generation's directory meanwhile (None: read it now).
        self._words = words
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
        """The real words of this generation, read on first use from the file held open since the opening."""
        if self._vocabulary is None:
            with self._lazy_lock:
                if self._vocabulary is None:
                    if self._words is None:
                        self._vocabulary = load_vocabulary(self.path)
                    else:
                        with self._words:
                            self._vocabulary = parse_vocabulary(self._words.read().decode("utf-8"))
                        self._words = None
        return self._vocabulary


def open_generation(path: Path, cache_size: int = CACHE_SIZE) -> Generation:
    """Open the Whoosh index, score table, texts and catalogue of one generation directory."""
    try:
        contents = open_contents(path)
        ix = whoosh_index.open_dir(str(path))
        words = open(path / WORDS_FILE, "rb")  # noqa: SIM115 - held open until the vocabulary is read
        return Generation(path, ix, contents.table, contents.texts, contents.catalogue, cache_size, words)
    except Exception as error:  # Any unreadable file means this generation cannot serve.
        raise IndexUnavailable(f"the index in {path} cannot be opened: {error}") from error
