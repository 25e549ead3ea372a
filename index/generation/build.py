"""Statements -> a generation on disk: built in a new directory, verified, then swapped in.

A generation holds Whoosh's index, the score table, the vocabulary and the
catalogue. Each statement to index is analysed once (tokens.py); Whoosh gets
its stems, and the score table is computed from the same stems.

An update starts from the live generation: its (immutable) Whoosh files are
hard-linked into the new directory, then only the statements whose text
changed are deleted and re-added, and Whoosh's segments are merged so that
its statistics forget the deleted paragraphs. Unchanged statements are not
re-analysed: their tokens come from the live score table. The score table is
then computed afresh for the whole corpus, so its scores are exactly those a
full build gives. A full build starts from nothing. Either way the live
generation is never written to.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from ..text.statements import Statement, StatementError, load_statements, statement_files
from . import integrity, layout
from .catalogue import read_catalogue, write_catalogue
from .contents import open_contents
from .schema import SCHEMA_VERSION
from .score_table import TableError
from .write import Progress, plan_update, write_generation


class BuildInProgress(RuntimeError):
    """Another process held the build lock for longer than we were willing to wait."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did (or why it did nothing)."""

    built: bool
    statements: int
    paragraphs: int
    seconds: float
    skipped: tuple[StatementError, ...] = field(default_factory=tuple)
    generation: str = ""
    # Slugs of statements added, re-indexed because their text changed, and removed.
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    # True when everything was indexed afresh rather than updated.
    full: bool = True
    # What was wrong with the live index, when this build replaced a damaged one.
    repaired: tuple[str, ...] = ()
    # (file, problem) of each Source: or Published: line left out; the statements are indexed.
    provenance: tuple[tuple[str, str], ...] = ()


def data_fingerprint(data_dir: Path) -> str:
    """A hash of every statement file's name and bytes, and of the schema version."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    data_dir = Path(data_dir)
    for path in statement_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def is_stale(data_dir: Path, index_dir: Path) -> bool:
    """True when there is no index yet, or the data (or schema) changed since it was built."""
    manifest = layout.read_manifest(layout.current_generation(index_dir))
    return manifest is None or manifest.get("fingerprint") != data_fingerprint(data_dir)


def verify_generation(build_dir: Path, statements: list[Statement]) -> None:
    """Refuse to publish a generation that does not open as a server opens it, does not hold
    the statements' paragraphs, or cannot find a paragraph by its own first stem."""
    expected = sum(len(s.paragraphs) for s in statements)
    try:
        contents = open_contents(build_dir)  # stems in order, paragraphs in range, offsets going up...
    except (OSError, ValueError, TableError) as error:
        raise RuntimeError(f"new index cannot be opened: {error}") from error
    table, texts = contents.table, contents.texts
    ix = whoosh_index.open_dir(str(build_dir))
    try:
        found = ix.doc_count()
        if found != expected or table.paragraphs != expected:
            raise RuntimeError(f"new index holds {found} paragraphs, expected {expected}")
        slugs = list(contents.catalogue)
        with ix.searcher() as searcher:
            for doc in range(min(3, table.paragraphs)):
                key = f"{slugs[table.statement[doc]]}#p{table.paragraph[doc]}"
                fields = searcher.document(id=key)
                if fields is None or fields["text"] != texts[doc]:
                    raise RuntimeError(f"new index does not store paragraph {key} as its texts do")
                first = next(iter(searcher.schema["text"].analyzer(fields["text"])), None)
                if first is None:
                    continue
                number = table.term(first.text)
                if number is None or doc not in table.docs[table.postings(number)]:
                    raise RuntimeError(f"new index cannot find paragraph {key} by its first word")
    finally:
        ix.close()


def indexed_sources(generation: Path | None) -> dict[str, str]:
    """Slug -> statement file of what a generation holds (empty when there is none to read)."""
    if generation is None:
        return {}
    try:
        columns = read_catalogue(generation).columns
        return dict(zip(columns["slug"], columns["source"]))
    except (OSError, ValueError, TypeError):
        return {}


def build_locked(
    data_dir: Path,
    index_dir: Path,
    fingerprint: str,
    full: bool,
    progress: Callable[[Progress], None] | None,
    live: Path | None,
    manifest: dict | None,
    damage: list[str],
) -> BuildReport:
    """Build and publish a new generation; the caller holds the build lock and has read
    the live generation and its manifest.

    A damaged live generation (`damage` lists what is wrong) is never updated:
    everything is indexed afresh.
    """
    started = time.perf_counter()
    indexed = indexed_sources(live)
    statements, skipped = load_statements(data_dir, indexed)
    updatable = (
        not full
        and not damage
        and manifest is not None
        and manifest.get("schema_version") == SCHEMA_VERSION
        and isinstance(manifest.get("checksums"), dict)
    )
    plan = plan_update(statements, manifest["checksums"] if updatable else None)
    paragraphs = sum(len(s.paragraphs) for s in statements)
    build_dir = layout.new_build_dir(index_dir)
    try:
        write_generation(build_dir, plan, statements, live if updatable else None, progress, list(indexed))
        write_catalogue(build_dir, statements)
        checksums = integrity.file_checksums(build_dir)
        seconds = time.perf_counter() - started
        layout.write_json(
            build_dir / layout.MANIFEST,
            {
                "schema_version": SCHEMA_VERSION,
                "fingerprint": fingerprint,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "statements": len(statements),
                "paragraphs": paragraphs,
                "seconds": round(seconds, 3),
                "full": not updatable,
                "checksums": {s.slug: s.checksum for s in statements},
                "files": checksums,
                "skipped": [{"source": e.source, "reason": e.reason} for e in skipped],
                # Source: and Published: lines left out, file by file (the statements are indexed).
                "provenance": [
                    {"source": s.source, "problem": problem} for s in statements for problem in s.provenance_problems
                ],
            },
        )
        verify_generation(build_dir, statements)
        generation = layout.publish(build_dir, index_dir)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    layout.prune(index_dir)
    return BuildReport(
        True, len(statements), paragraphs, seconds, tuple(skipped), generation.name,
        plan.added, plan.changed, plan.removed, not updatable, tuple(damage),
        tuple((s.source, problem) for s in statements for problem in s.provenance_problems),
    )


def build_index(
    data_dir: Path,
    index_dir: Path,
    *,
    full: bool = False,
    wait: float = 600,
    progress: Callable[[Progress], None] | None = None,
) -> BuildReport:
    """Bring the index in `index_dir` up to date with the statements in `data_dir`.

    By default only statements whose text changed are re-indexed, and nothing
    happens when the data has not changed; `full=True` rebuilds everything.
    Only one process builds at a time: others wait up to `wait` seconds, then
    find the index fresh and skip. `progress` is called after each statement.
    """
    # Imported here: a process that only serves never needs it (a sixth of start-up's imports).
    from filelock import FileLock, Timeout

    data_dir, index_dir = Path(data_dir), Path(index_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"data directory not found: {data_dir}")
    index_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        with FileLock(str(index_dir / layout.LOCK_NAME), timeout=wait):
            fingerprint = data_fingerprint(data_dir)
            live = layout.current_generation(index_dir)
            manifest = layout.read_manifest(live)
            damage = integrity.problems(live) if manifest else []
            if not full and manifest and not damage and manifest.get("fingerprint") == fingerprint:
                layout.prune(index_dir)  # clears what a crashed build left behind
                return BuildReport(
                    False,
                    manifest["statements"],
                    manifest["paragraphs"],
                    time.perf_counter() - started,
                    tuple(StatementError(s["source"], s["reason"]) for s in manifest["skipped"]),
                    live.name,
                    full=False,
                    provenance=tuple((p["source"], p["problem"]) for p in manifest.get("provenance", [])),
                )
            return build_locked(data_dir, index_dir, fingerprint, full, progress, live, manifest, damage)
    except Timeout:
        raise BuildInProgress(
            f"another process has been building the index in {index_dir} "
            f"for over {wait:g} s; try again when it finishes"
        ) from None
