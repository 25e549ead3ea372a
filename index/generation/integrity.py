"""Is a generation on disk exactly what its build wrote? Checksums, checked cheaply.

A build records the size and SHA-256 of every file of the generation in its
manifest. Checking hashes everything again, but only when a file's size or
modification time changed since the last good check, so a health check can
run often.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path

from . import layout

CHUNK = 1 << 20
# Generations whose files were last seen whole, with the signature they had then (the newest few).
_verified: OrderedDict[str, tuple] = OrderedDict()
REMEMBERED = 8
_lock = threading.Lock()


def file_digest(path: Path) -> str:
    """SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_checksums(directory: Path) -> dict[str, dict]:
    """{name: {"size", "sha256"}} of every file of a generation but its manifest."""
    return {
        path.name: {"size": path.stat().st_size, "sha256": file_digest(path)}
        for path in sorted(Path(directory).iterdir())
        if path.is_file() and path.name != layout.MANIFEST
    }


def expected_files(generation: Path) -> tuple[dict | None, list[str]]:
    """The manifest's {name: {"size", "sha256"}} of a generation, or what is wrong with the manifest."""
    manifest = layout.read_manifest(generation)
    if manifest is None:
        return None, [f"{generation.name}: the manifest is missing or unreadable"]
    expected = manifest.get("files")
    if not isinstance(expected, dict):
        return None, [f"{generation.name}: the manifest lists no file checksums"]
    return expected, []


def size_problems(generation: Path) -> list[str]:
    """Files of a generation that are missing or not the size its build wrote (cheap: no hashing)."""
    return check_sizes(generation)[0]


def check_sizes(generation: Path) -> tuple[list[str], tuple, dict]:
    """(what is missing or the wrong size, the files' signature of size, time and inode, the manifest's files)."""
    expected, found = expected_files(generation)
    if expected is None:
        return found, (), {}
    signature = []
    for name, facts in sorted(expected.items()):
        path = generation / name
        try:
            stat = path.stat()
        except OSError:
            found.append(f"{generation.name}/{name} is missing")
            continue
        signature.append((name, stat.st_size, stat.st_mtime_ns, stat.st_ino))
        if stat.st_size != facts["size"]:
            found.append(f"{generation.name}/{name} has {stat.st_size} bytes, expected {facts['size']}")
    return found, tuple(signature), expected


def problems(generation: Path | None) -> list[str]:
    """What is wrong with a generation's files (empty when they are as built)."""
    if generation is None:
        return ["no index has been built"]
    found, signature, expected = check_sizes(generation)
    if found:
        return found
    key = str(generation)
    with _lock:
        if _verified.get(key) == signature:
            return []
    for name, facts in sorted(expected.items()):
        if file_digest(generation / name) != facts["sha256"]:
            found.append(f"{generation.name}/{name} does not match its checksum")
    if not found:
        with _lock:
            _verified[key] = signature
            _verified.move_to_end(key)
            while len(_verified) > REMEMBERED:
                _verified.popitem(last=False)
    return found
