"""The independent corpus (../shared/corpus beside the repository): 20 statements of 4 invented
forces over five years, written by others. Fixtures build it once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import index
from webapp import create_app

ROOT = Path(__file__).resolve().parents[1]
# Beside the repository (as in CI), or beside the folder of a git worktree.
CANDIDATES = (ROOT / ".." / "shared" / "corpus", ROOT / ".." / ".." / "shared" / "corpus")


def shared_corpus() -> Path:
    """The folder of the independent corpus (an error naming where it was looked for, if absent)."""
    for candidate in CANDIDATES:
        if candidate.is_dir():
            return candidate.resolve()
    raise FileNotFoundError(f"the shared corpus is missing: looked in {', '.join(map(str, CANDIDATES))}")


@pytest.fixture(scope="session")
def shared_index_dir(tmp_path_factory) -> Path:
    """The independent corpus built into an index (read from where it lies, never written)."""
    target = tmp_path_factory.mktemp("shared-index")
    index.build_index(shared_corpus(), target)
    return target


@pytest.fixture
def shared_app(shared_index_dir):
    """The app on the independent corpus."""
    return create_app({"TESTING": True, "DATA_DIR": shared_corpus(), "INDEX_DIR": shared_index_dir})


@pytest.fixture
def shared_client(shared_app):
    """A test client of the app on the independent corpus."""
    return shared_app.test_client()
