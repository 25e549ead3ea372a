"""Where the independent corpus lies: ../shared/corpus, 20 statements of 4 invented forces over five
years, written by others. The fixtures that build it (once per session) are in conftest.py."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Beside the repository (as in CI), or beside the folder of a git worktree.
CANDIDATES = (ROOT / ".." / "shared" / "corpus", ROOT / ".." / ".." / "shared" / "corpus")


def shared_corpus() -> Path:
    """The folder of the independent corpus (an error naming where it was looked for, if absent)."""
    for candidate in CANDIDATES:
        if candidate.is_dir():
            return candidate.resolve()
    raise FileNotFoundError(f"the shared corpus is missing: looked in {', '.join(map(str, CANDIDATES))}")
