"""What a built index holds, for operators."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from . import layout
from .catalogue import read_catalogue


@dataclass(frozen=True)
class IndexStats:
    """Facts about the current generation of an index."""

    statements: int
    forces: int
    periods: int
    paragraphs: int
    bytes: int
    segments: int
    built_at: str
    full: bool
    seconds: float
    skipped: int
    location: str
    # (file, why) of every statement file the build skipped.
    skipped_files: tuple[tuple[str, str], ...] = ()
    # (file, what was wrong) of every Source: or Published: line left out (the statement is indexed).
    provenance_problems: tuple[tuple[str, str], ...] = ()


def index_stats(index_dir: Path) -> IndexStats | None:
    """Facts about the index in `index_dir`, or None when none has been built."""
    generation = layout.current_generation(index_dir)
    manifest = layout.read_manifest(generation)
    if manifest is None:
        return None
    columns = read_catalogue(generation).columns
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            segments = len(list(reader.leaf_readers()))
    finally:
        ix.close()
    return IndexStats(
        statements=manifest["statements"],
        forces=len(set(columns["force"])),
        periods=len(set(columns["period"])),
        paragraphs=manifest["paragraphs"],
        bytes=sum(path.stat().st_size for path in generation.iterdir() if path.is_file()),
        segments=segments,
        built_at=manifest["built_at"],
        full=manifest.get("full", True),
        seconds=manifest.get("seconds", 0.0),
        skipped=len(manifest.get("skipped", [])),
        location=str(generation),
        skipped_files=tuple((entry["source"], entry["reason"]) for entry in manifest.get("skipped", [])),
        provenance_problems=tuple((entry["source"], entry["problem"]) for entry in manifest.get("provenance", [])),
    )
