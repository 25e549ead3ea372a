"""Finished result pages, remembered per generation (a new build empties it by replacing it)."""

from __future__ import annotations

import threading
from collections import OrderedDict

# Result pages remembered per generation (0 turns the cache off).
CACHE_SIZE = 256


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
