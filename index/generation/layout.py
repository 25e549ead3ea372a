"""Where built indexes live on disk, and how a new one replaces the old.

    <index dir>/
        current -> gen-20261126T103000-1a2b3c   the one readers use (a symlink)
        gen-20261126T103000-1a2b3c/             Whoosh files + manifest.json + statements.json
        .building-xxxx/                         a build in progress (or a crashed one)
        .build.lock                             held by the one process building

A build writes a complete generation beside the live one, then repoints
`current` with one atomic rename. Readers therefore see the old index or the
new one, never a half-written one; a crash mid-build leaves `current` as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

CURRENT = "current"
GENERATION_PREFIX = "gen-"
BUILDING_PREFIX = ".building-"
LOCK_NAME = ".build.lock"
MANIFEST = "manifest.json"


def current_generation(index_dir: Path) -> Path | None:
    """The generation readers should use, or None when nothing was built yet."""
    link = Path(index_dir) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    generation = Path(index_dir) / target
    return generation if (generation / MANIFEST).is_file() else None


def read_manifest(generation: Path | None) -> dict | None:
    """The manifest of a generation, or None when it is missing or unreadable."""
    if generation is None:
        return None
    try:
        return json.loads((generation / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, data) -> None:
    """Write JSON and flush it to disk before returning."""
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())


def new_build_dir(index_dir: Path) -> Path:
    """A fresh, private directory to build a generation in."""
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=BUILDING_PREFIX, dir=index_dir))


def fsync_dir(path: Path) -> None:
    """Make a rename inside `path` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(build_dir: Path, index_dir: Path) -> Path:
    """Turn a finished build into a generation and point `current` at it, atomically."""
    index_dir = Path(index_dir)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    generation = index_dir / f"{GENERATION_PREFIX}{stamp}-{build_dir.name[len(BUILDING_PREFIX):]}"
    for path in build_dir.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    # mkdtemp makes a private directory; readers may run as another user.
    os.chmod(build_dir, 0o755)
    os.rename(build_dir, generation)
    temporary_link = index_dir / f".{CURRENT}-{generation.name}"
    os.symlink(generation.name, temporary_link)
    os.replace(temporary_link, index_dir / CURRENT)
    fsync_dir(index_dir)
    return generation


def generations(index_dir: Path) -> list[Path]:
    """Every published generation in an index directory, oldest first.

    Ordered by when each build wrote its manifest: a directory's own time changes
    whenever a file inside it is removed, so a generation half-removed by a killed
    prune would otherwise pass for the newest. One without a manifest sorts first.
    """

    def written(path: Path) -> tuple[int, str]:
        try:
            return (path / MANIFEST).stat().st_mtime_ns, path.name
        except OSError:
            return 0, path.name

    return sorted(Path(index_dir).glob(f"{GENERATION_PREFIX}*"), key=written)


def prune(index_dir: Path, keep: int = 2) -> list[Path]:
    """Remove crashed builds and all but the newest `keep` generations (call under the build lock).

    The previous generation is kept so that requests already reading it finish.
    """
    index_dir = Path(index_dir)
    live = current_generation(index_dir)
    removed = []
    for path in index_dir.glob(f"{BUILDING_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    for path in generations(index_dir)[:-keep]:
        if live is None or path.resolve() != live.resolve():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    for path in index_dir.glob(f".{CURRENT}-*"):
        path.unlink(missing_ok=True)
    return removed
