"""Fixtures that chain: corpus -> index -> app -> client.

The corpus is the real West Midlands statement plus two small invented ones
(tests/corpus/): Northshire, with memorable words, and Marchford, whose text
carries markup that must always come out as text. The compare corpus adds
an earlier period of each (tests/corpus-compare/), for comparing a force's years. A second, larger corpus
of 200 generated statements serves the tests of scale.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import index
from bench.synthetic import write_corpus
from webapp import create_app

from .shared_corpus import shared_corpus

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "west-midlands-2021-22.txt"
CORPUS = Path(__file__).resolve().parent / "corpus"
# Earlier periods of Northshire and Marchford, so that the compare corpus has forces with two.
COMPARE_CORPUS = Path(__file__).resolve().parent / "corpus-compare"
SEED_SLUG = "west-midlands-2021-22"
MANY_STATEMENTS = 200


def copy_corpus(target: Path) -> Path:
    """Copy the test corpus (seed included) into `target` and return it."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, target / SEED.name)
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, target / path.name)
    return target


def built(data: Path, tmp_path_factory, name: str) -> Path:
    """`data` built into a new index folder named after `name`."""
    target = tmp_path_factory.mktemp(name)
    index.build_index(data, target)
    return target


def client_of(data: Path, index_dir: Path):
    """A test client of the app on `data` and its index."""
    return create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": index_dir}).test_client()


def chained(name: str, described: str):
    """The fixtures `<name>_index_dir` (built once per session), `<name>_index` (opened) and
    `<name>_client` (a test client of the app) of the corpus fixture `<name>_corpus_dir`."""

    @pytest.fixture(scope="session", name=f"{name}_index_dir")
    def index_dir_(request, tmp_path_factory) -> Path:
        return built(request.getfixturevalue(f"{name}_corpus_dir"), tmp_path_factory, f"{name}-index")

    @pytest.fixture(scope="session", name=f"{name}_index")
    def opened(request) -> index.StatementIndex:
        return index.open_index(request.getfixturevalue(f"{name}_index_dir"))

    @pytest.fixture(name=f"{name}_client")
    def client_(request):
        return client_of(request.getfixturevalue(f"{name}_corpus_dir"), request.getfixturevalue(f"{name}_index_dir"))

    index_dir_.__doc__ = f"The {described}, built once per session."
    opened.__doc__ = f"The {described}'s index, opened."
    client_.__doc__ = f"A test client of the app on the {described}."
    return index_dir_, opened, client_


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory) -> Path:
    """A data folder with the seed and the invented statements (read-only by convention)."""
    return copy_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def index_dir(corpus_dir, tmp_path_factory) -> Path:
    """The corpus, built into an index once per session."""
    return built(corpus_dir, tmp_path_factory, "index")


@pytest.fixture(scope="session")
def statement_index(index_dir) -> index.StatementIndex:
    """The session's index, opened."""
    return index.open_index(index_dir)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A private, writable copy of the corpus, for tests that change the data."""
    return copy_corpus(tmp_path / "data")


@pytest.fixture
def app(corpus_dir, index_dir):
    """The app on the session's corpus and index."""
    return create_app({"TESTING": True, "DATA_DIR": corpus_dir, "INDEX_DIR": index_dir})


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner of the app's commands."""
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def compare_corpus_dir(tmp_path_factory) -> Path:
    """The test corpus plus earlier periods of Northshire and Marchford (two forces with two periods)."""
    target = copy_corpus(tmp_path_factory.mktemp("compare-corpus"))
    for path in COMPARE_CORPUS.glob("*.txt"):
        shutil.copy(path, target / path.name)
    return target


compare_index_dir, compare_index, compare_client = chained("compare", "compare corpus")


@pytest.fixture(scope="session")
def many_dir(tmp_path_factory) -> Path:
    """200 synthetic statements (40 forces x 5 periods) in nested folders."""
    return Path(write_corpus(tmp_path_factory.mktemp("many"), MANY_STATEMENTS, seed=4)[0]).parent.parent


@pytest.fixture(scope="session")
def many_index_dir(many_dir, tmp_path_factory) -> Path:
    """The 200 statements, built once."""
    return built(many_dir, tmp_path_factory, "many-index")


@pytest.fixture(scope="session")
def many(many_index_dir) -> index.StatementIndex:
    """The 200-statement index, opened."""
    return index.open_index(many_index_dir)


# Every search takes exactly this long by the clock `search_takes` gives it, so timings are asserted exactly.
SEARCH_MS = 12.5


@pytest.fixture
def search_takes(monkeypatch) -> float:
    """index.results.search's clock made to advance SEARCH_MS per reading (from the real time, so deadlines hold)."""
    import sys
    import time
    from types import SimpleNamespace

    start = time.perf_counter()
    readings = iter(range(1_000_000))
    clock = SimpleNamespace(perf_counter=lambda: start + next(readings) * SEARCH_MS / 1000)
    monkeypatch.setattr(sys.modules["index.results.search"], "time", clock)
    return SEARCH_MS


# ---- the independent corpus (../shared/corpus: 20 statements of 4 forces, judged alignments) ----


@pytest.fixture(scope="session")
def shared_corpus_dir() -> Path:
    """The independent corpus, read in place (never written)."""
    return shared_corpus()


shared_index_dir, shared_index, shared_client = chained("shared", "independent corpus")


@pytest.fixture
def shared_app(shared_corpus_dir, shared_index_dir):
    """The app on the independent corpus."""
    return create_app({"TESTING": True, "DATA_DIR": shared_corpus_dir, "INDEX_DIR": shared_index_dir})
