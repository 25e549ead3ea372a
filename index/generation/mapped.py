"""Array files opened memory-mapped and read-only, as plain numpy arrays.

A np.memmap runs Python code (__getitem__, __array_finalize__) on every
slice; a plain ndarray view of the same mapping slices in C. The view keeps
the mapping open for as long as it lives.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def load(path: Path) -> np.ndarray:
    """The array saved (np.save) at `path`, mapped read-only."""
    return np.load(path, mmap_mode="r").view(np.ndarray)


def raw_bytes(path: Path) -> np.ndarray:
    """The bytes of the file at `path`, mapped read-only (numpy cannot map an empty file: it gives an empty array)."""
    if not Path(path).stat().st_size:
        empty = np.zeros(0, np.uint8)
        empty.setflags(write=False)
        return empty
    return np.memmap(path, dtype=np.uint8, mode="r").view(np.ndarray)
