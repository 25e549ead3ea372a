"""Every paragraph's text, beside the score table, for the hits a search shows.

Whoosh stores the text too (it is the index of record, and serves statement
pages); a search reads its ten paragraphs from here instead, so that serving
a search never opens Whoosh's segments: at 100k paragraphs, opening them was
a fifth of a new process's time to its first answer.

    table-texts.bin        the texts, UTF-8, one after another
    table-text-starts.npy  paragraph p is bytes [starts[p], starts[p+1]) (int64)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import mapped

TEXTS_FILE = "table-texts.bin"
STARTS_FILE = "table-text-starts.npy"


def write_texts(directory: Path, texts: list[str]) -> None:
    """Store the paragraphs' texts, in corpus order, in a generation directory."""
    encoded = [text.encode("utf-8") for text in texts]
    starts = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(data) for data in encoded], out=starts[1:])
    (Path(directory) / TEXTS_FILE).write_bytes(b"".join(encoded))
    np.save(Path(directory) / STARTS_FILE, starts, allow_pickle=False)


class Texts:
    """The stored texts of one generation, memory-mapped read-only."""

    def __init__(self, directory: Path):
        directory = Path(directory)
        self.starts = mapped.load(directory / STARTS_FILE)
        self.data = mapped.raw_bytes(directory / TEXTS_FILE)
        if len(self.starts) < 1 or int(self.starts[-1]) != len(self.data):
            raise ValueError("the stored texts do not fit their offsets")
        if int(self.starts[0]) != 0 or not (self.starts[1:] >= self.starts[:-1]).all():
            raise ValueError("the stored texts' offsets do not go up")

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, paragraph: int) -> str:
        """The text of one paragraph (by its number in corpus order)."""
        start, end = int(self.starts[paragraph]), int(self.starts[paragraph + 1])
        return self.data[start:end].tobytes().decode("utf-8")
