"""Statements -> a Whoosh index on disk: built in a new directory, verified, then swapped in."""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from whoosh import index as whoosh_index

from . import layout
from .catalogue import write_catalogue
from .schema import SCHEMA_VERSION, paragraph_schema
from .statements import Statement, StatementError, load_statements, slugify, statement_files

# Memory Whoosh may use for its indexing buffer before it spills to disk.
WRITER_LIMIT_MB = 256


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


def paragraph_documents(statement: Statement):
    """The Whoosh documents of one statement, one per body paragraph."""
    for paragraph in statement.paragraphs:
        yield {
            "id": f"{statement.slug}#p{paragraph.number}",
            "statement": statement.slug,
            "force": statement.force,
            "force_key": slugify(statement.force),
            "period": statement.period,
            "paragraph": paragraph.number,
            "text": paragraph.text,
            "words": paragraph.text,
            "source": statement.source,
        }


def write_generation(build_dir: Path, statements: list[Statement]) -> int:
    """Write the Whoosh index and the catalogue of `statements` into `build_dir`."""
    ix = whoosh_index.create_in(str(build_dir), paragraph_schema())
    writer = ix.writer(limitmb=WRITER_LIMIT_MB)
    try:
        count = 0
        for statement in statements:
            for document in paragraph_documents(statement):
                writer.add_document(**document)
                count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    write_catalogue(build_dir, statements)
    return count


def verify_generation(build_dir: Path, expected_paragraphs: int) -> None:
    """Refuse to publish an index whose document count is not what was written."""
    ix = whoosh_index.open_dir(str(build_dir))
    try:
        found = ix.doc_count()
    finally:
        ix.close()
    if found != expected_paragraphs:
        raise RuntimeError(f"new index holds {found} paragraphs, expected {expected_paragraphs}")


def build_locked(data_dir: Path, index_dir: Path, fingerprint: str) -> BuildReport:
    """Build and publish a new generation; the caller holds the build lock."""
    started = time.perf_counter()
    statements, skipped = load_statements(data_dir)
    build_dir = layout.new_build_dir(index_dir)
    try:
        paragraphs = write_generation(build_dir, statements)
        verify_generation(build_dir, paragraphs)
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
                "skipped": [{"source": e.source, "reason": e.reason} for e in skipped],
            },
        )
        generation = layout.publish(build_dir, index_dir)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    layout.prune(index_dir)
    return BuildReport(True, len(statements), paragraphs, seconds, tuple(skipped), generation.name)


def build_index(data_dir: Path, index_dir: Path, *, full: bool = True, wait: float = 600) -> BuildReport:
    """Build the index from `data_dir` into `index_dir`.

    With `full=False` the build is skipped when the index already matches the
    data. Only one process builds at a time: others wait up to `wait` seconds,
    then find the index fresh and skip.
    """
    data_dir, index_dir = Path(data_dir), Path(index_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"data directory not found: {data_dir}")
    index_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        with FileLock(str(index_dir / layout.LOCK_NAME), timeout=wait):
            fingerprint = data_fingerprint(data_dir)
            manifest = layout.read_manifest(layout.current_generation(index_dir))
            if not full and manifest and manifest.get("fingerprint") == fingerprint:
                return BuildReport(
                    False,
                    manifest["statements"],
                    manifest["paragraphs"],
                    time.perf_counter() - started,
                    tuple(StatementError(s["source"], s["reason"]) for s in manifest["skipped"]),
                    layout.current_generation(index_dir).name,
                )
            return build_locked(data_dir, index_dir, fingerprint)
    except Timeout:
        raise BuildInProgress(
            f"another process has been building the index in {index_dir} "
            f"for over {wait:g} s; try again when it finishes"
        ) from None
