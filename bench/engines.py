"""The engines compared: ours, SQLite FTS5 (the reference to beat), and Whoosh used the way
its documentation shows (the baseline). Each answers a query with the total count and the
top 10 hits with highlighted snippets."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import index
from index.generation import layout

from .queries import Query

TOP = 10


class Ours:
    """The project's own search function, as the web app calls it (result cache off unless asked)."""

    def __init__(self, index_dir: Path, cache_size: int = 0):
        self.name = "ours cached" if cache_size else "ours"
        self.index = index.open_index(index_dir, cache_size=cache_size)

    def run(self, query: Query) -> tuple[int, list[str]]:
        results = index.search(self.index, query.text, page_size=TOP)
        return results.total, [hit.snippet for hit in results.hits]


class NaiveWhoosh:
    """Whoosh as its docs show it: a new searcher and parser per query, hit.highlights()."""

    name = "naive whoosh"

    def __init__(self, index_dir: Path):
        from whoosh import index as whoosh_index

        self.ix = whoosh_index.open_dir(str(layout.current_generation(index_dir)))

    def run(self, query: Query) -> tuple[int, list[str]]:
        from whoosh.qparser import QueryParser

        with self.ix.searcher() as searcher:
            parsed = QueryParser("text", self.ix.schema).parse(query.text)
            results = searcher.search(parsed, limit=TOP)
            snippets = [hit.highlights("text") for hit in results]
            return len(results), snippets


def build_fts5(paragraphs: list[tuple[str, int, str]], path: Path) -> float:
    """Build an FTS5 table (porter stemming) of the paragraphs; the seconds it took."""
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute(
        "CREATE VIRTUAL TABLE p USING fts5(slug UNINDEXED, number UNINDEXED, text, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    con.executemany("INSERT INTO p VALUES (?, ?, ?)", paragraphs)
    con.commit()
    con.close()
    return time.perf_counter() - started


class Fts5:
    """SQLite FTS5 through Python's sqlite3: bm25 ranking, snippet(), and a count."""

    name = "sqlite fts5"

    def __init__(self, path: Path):
        self.con = sqlite3.connect(path, check_same_thread=False)

    def run(self, query: Query) -> tuple[int, list[str]]:
        rows = self.con.execute(
            "SELECT slug, number, snippet(p, 2, '<mark>', '</mark>', '…', 24) FROM p "
            "WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?",
            (query.fts5, TOP),
        ).fetchall()
        (total,) = self.con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (query.fts5,)).fetchone()
        return total, [row[2] for row in rows]
