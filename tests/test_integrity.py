"""The index on disk: never lost, never half-written, damage noticed and repaired."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import index
from bench.synthetic import write_corpus
from index.generation import integrity, layout, score_table, texts
from webapp import create_app

from . import paused_build
from .conftest import ROOT

QUERIES = ["funding", "police OR crime", '"domestic abuse"', "invest*", "fundng", "mental health"]
# These tests are about swaps, not speed: a search slowed by a busy machine must not stop early.
UNHURRIED = 60.0


def answers(reader, queries=QUERIES) -> dict:
    """What each query finds: total and the top hits."""
    out = {}
    for query in queries:
        results = index.search(reader, query, time_limit=UNHURRIED)
        out[query] = (results.total, [(h.statement, h.paragraph, h.score) for h in results.hits])
    return out


@pytest.fixture(scope="module")
def synthetic_once(tmp_path_factory) -> tuple[Path, Path]:
    """40 synthetic statements and their built index, made once (read-only: tests take copies)."""
    folder = tmp_path_factory.mktemp("synthetic")
    data, built = folder / "data", folder / "index"
    write_corpus(data, 40, seed=6)
    index.build_index(data, built)
    return data, built


@pytest.fixture
def synthetic(synthetic_once, tmp_path) -> tuple[Path, Path]:
    """A private copy of 40 synthetic statements and their built index."""
    data, built = tmp_path / "data", tmp_path / "index"
    shutil.copytree(synthetic_once[0], data)
    shutil.copytree(synthetic_once[1], built, symlinks=True)
    return data, built


def test_manifest_holds_a_checksum_of_every_file(synthetic):
    _, built = synthetic
    generation = layout.current_generation(built)
    files = layout.read_manifest(generation)["files"]
    assert set(files) == {p.name for p in generation.iterdir() if p.name != layout.MANIFEST}
    assert integrity.problems(generation) == []


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "delete"])
def test_damaged_index_is_reported_unhealthy_and_a_build_repairs_it(synthetic, damage, caplog):
    data, built = synthetic
    client = create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": built}).test_client()
    assert client.get("/healthz").status_code == 200
    segment = next(layout.current_generation(built).glob("*.seg"))
    content = bytearray(segment.read_bytes())
    if damage == "flip a byte":
        content[len(content) // 2] ^= 0xFF
        segment.write_bytes(content)
    elif damage == "truncate":
        segment.write_bytes(content[:-100])
    else:
        segment.unlink()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unhealthy"
    assert segment.name in response.get_json()["problems"][0]
    assert "Search index unhealthy" in caplog.text and segment.name in caplog.text

    report = index.build_index(data, built)  # the ordinary, incremental command
    assert report.built and report.full and report.repaired
    assert client.get("/healthz").status_code == 200
    assert index.search(index.open_index(built), "funding").total > 0


@pytest.mark.slow
@pytest.mark.parametrize("full", [True, False], ids=["full builds", "updates"])
def test_kill_minus_nine_mid_build_never_loses_the_served_index(synthetic, tmp_path, full):
    """20 builds killed at seeded random steps, each after one statement changed: the served index
    stays whole every time, answers as one version of the data or the other, and every generation
    on disk still matches its checksums (updates share Whoosh's files by hard links)."""
    data, built = synthetic
    target = sorted(data.rglob("*.txt"))[3]
    versions = [target.read_text(), target.read_text().replace("funding", "money")]
    expected = []
    for number, text in enumerate(versions):
        target.write_text(text)
        index.build_index(data, tmp_path / f"version-{number}")
        expected.append(answers(index.open_index(tmp_path / f"version-{number}", cache_size=0)))
    assert expected[0] != expected[1]
    build = [sys.executable, "-m", "tests.paused_build", str(data), str(built), "full" if full else "update"]
    # How many steps a build takes (each write, rename, sync or removal), so the kills land across all of them.
    finished = subprocess.run(build, cwd=ROOT, input="\n" * 100_000, capture_output=True, text=True, check=True)
    steps = finished.stdout.split().count(paused_build.MARK)
    assert steps >= 20  # each file written and synced, each rename (and each statement analysed)
    rng = random.Random(20261126)
    unchanged = 0
    for attempt in range(20):
        target.write_text(versions[attempt % 2])
        before = layout.current_generation(built).name
        # Half the kills at any step, half among the last few: the swap, its sync and the prune.
        kill_at = rng.randrange(1, steps + 1) if attempt % 2 else rng.randrange(steps - 3, steps + 1)
        process = subprocess.Popen(build, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        reached = 0
        for line in process.stdout:  # the build waits at each step until it is told to go on
            if line.strip() != paused_build.MARK:
                continue
            reached += 1
            if reached == kill_at:
                process.kill()
                break
            process.stdin.write("\n")
            process.stdin.flush()
        process.wait(30)
        process.stdin.close()
        process.stdout.close()
        generation = layout.current_generation(built)
        assert generation is not None
        # The live generation and the one before it (requests may still read it) are whole; an older
        # one may be half-removed by a killed prune, and the next build clears it.
        for published in layout.generations(built)[-2:]:
            assert integrity.problems(published) == []
        unchanged += generation.name == before
        assert answers(index.open_index(built, cache_size=0)) in expected
    # Kills before the swap leave the served index as it was; kills after it, the new one.
    assert 1 <= unchanged < 20
    target.write_text(versions[0] + "\nA last paragraph, so that there is always something to build.\n")
    report = index.build_index(data, built, full=full)
    assert report.built and report.full == full
    assert list(built.glob(f"{layout.BUILDING_PREFIX}*")) == []
    assert len(list(built.glob(f"{layout.GENERATION_PREFIX}*"))) == 2
    for published in layout.generations(built):
        assert integrity.problems(published) == []


@pytest.mark.slow
def test_searches_from_8_threads_while_the_index_is_swapped(synthetic):
    """A stress run: whether a search overlaps a swap here is up to the scheduler. The overlap is
    forced in test_a_search_paused_on_a_generation_finishes_on_it_while_two_builds_swap_and_prune_it."""
    data, built = synthetic
    reader = index.open_index(built, cache_size=0)
    expected = answers(reader)
    errors, mismatches, done = [], [], []
    stop = threading.Event()

    def search_repeatedly(offset: int) -> None:
        for number in range(400):  # bounded in count...
            if stop.is_set():
                break
            query = QUERIES[(offset + number) % len(QUERIES)]
            try:
                results = index.search(reader, query, time_limit=UNHURRIED)
            except Exception as error:  # noqa: BLE001 - every failure counts
                errors.append(repr(error))
                continue
            found = (results.total, [(h.statement, h.paragraph, h.score) for h in results.hits])
            if found != expected[query]:
                mismatches.append(query)
            done.append(1)

    threads = [threading.Thread(target=search_repeatedly, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    generations = {layout.current_generation(built).name}
    deadline = time.monotonic() + 60  # ...and in time
    for _ in range(6):
        if time.monotonic() > deadline:
            break
        generations.add(index.build_index(data, built, full=True).generation)
    stop.set()
    for thread in threads:
        thread.join(60)
    assert errors == [] and mismatches == []
    assert len(generations) == 7 and len(done) > 100


def test_a_search_paused_on_a_generation_finishes_on_it_while_two_builds_swap_and_prune_it(data_dir, tmp_path, monkeypatch):
    """Overlap forced, not hoped for: each search stops after taking its generation, two full builds
    publish and prune that generation's directory, and the search then goes on to the right answer
    (typos and prefix* need the vocabulary, which must not be read from the removed directory)."""
    data, built = data_dir, tmp_path / "index"
    index.build_index(data, built)
    queries = ["polise", "moor*", '"domestic abuse"']  # a typo, a prefix, a phrase
    expected = answers(index.open_index(built, cache_size=0), queries)
    assert all(total for total, _ in expected.values())
    reader = index.open_index(built, cache_size=0)
    search_module = sys.modules["index.results.search"]
    real_find = search_module.find
    inside, go_on = threading.Event(), threading.Event()

    def paused_find(generation, *args, **kwargs):
        inside.set()
        assert go_on.wait(UNHURRIED)
        return real_find(generation, *args, **kwargs)

    for query in queries:
        inside.clear(), go_on.clear()
        monkeypatch.setattr(search_module, "find", paused_find)
        found = []
        thread = threading.Thread(target=lambda: found.append(answers(reader, [query])))
        thread.start()
        assert inside.wait(UNHURRIED)
        monkeypatch.setattr(search_module, "find", real_find)  # the builds' own searches are not paused
        taken = reader.current()
        for _ in range(2):
            index.build_index(data, built, full=True)
        assert not taken.path.exists()  # pruned while the search was reading it
        go_on.set()
        thread.join(UNHURRIED)
        assert found == [{query: expected[query]}]
        assert reader.current() is not taken and taken.retired


def test_reader_follows_builds_without_reopening(synthetic):
    data, built = synthetic
    reader = index.open_index(built)
    first = reader.current()
    index.build_index(data, built, full=True)
    second = reader.current()
    assert second is not first and first.retired
    assert answers(reader) == answers(index.open_index(built))


def test_while_the_link_names_the_open_generation_the_layout_is_not_read_again(synthetic, monkeypatch):
    """Each search asks for the current generation: one readlink answers while nothing was
    published, and a published build is still followed."""
    data, built = synthetic
    reader = index.open_index(built)
    first = reader.current()

    def unread(index_dir):
        raise AssertionError("the layout was read again")

    with monkeypatch.context() as patched:
        patched.setattr(layout, "current_generation", unread)
        assert reader.current() is first
    index.build_index(data, built, full=True)
    assert reader.current() is not first and first.retired


def broken_copy(built: Path, missing: str | None) -> Path:
    """A copy of the live generation without one file (`missing`), published as `current` (as a hand deploy could)."""
    live = layout.current_generation(built)
    broken = built / f"{layout.GENERATION_PREFIX}99999999T000000-broken"
    shutil.copytree(live, broken)
    if missing is not None:
        (broken / missing).unlink()
    temporary = built / ".current-broken"
    temporary.symlink_to(broken.name)
    temporary.replace(built / layout.CURRENT)
    return broken


@pytest.mark.parametrize("missing", ["table-docs.npy", "words.tsv", "statements.json"])
def test_a_broken_published_generation_is_never_switched_to(synthetic, missing, caplog):
    """The last good generation keeps serving; /healthz and the log say what was refused."""
    data, built = synthetic
    client = create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": built, "AUTO_BUILD": False}).test_client()
    before = client.get("/api/search?q=funding").get_json()
    broken = broken_copy(built, missing)
    assert client.get("/api/search?q=funding").get_json()["hits"] == before["hits"]
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["status"] == "degraded" and broken.name in health.get_json()["problems"][0]
    assert f"Not switching to {broken.name}" in caplog.text
    # A good build afterwards is switched to, and the process is healthy again.
    (data / "extra.txt").write_text("Extrashire 2024/25\n\nNew words.\n")
    index.build_index(data, built)
    assert client.get("/api/search?q=words").get_json()["total"] == 1
    assert client.get("/healthz").get_json()["status"] == "ok"


def swap(values: np.ndarray, first: int, second: int) -> np.ndarray:
    """A copy of `values` with two entries swapped."""
    values = np.array(values)
    values[first], values[second] = values[second], values[first]
    return values


def set_at(values: np.ndarray, at: int, value) -> np.ndarray:
    """A copy of `values` with one entry changed."""
    values = np.array(values)
    values[at] = value
    return values


# Each damage keeps every file's size (so only a look inside finds it), and the message it is refused with.
DAMAGES = {
    "a paragraph past the last": ("docs", lambda docs, paragraphs: set_at(docs, 0, paragraphs), "paragraphs it does not have"),
    "a negative paragraph": ("docs", lambda docs, paragraphs: set_at(docs, -1, -1), "paragraphs it does not have"),
    "stem offsets going down": ("term-starts", lambda starts, _: swap(starts, 1, 2), "offsets do not go up"),
    "stem offsets not from 0": ("term-starts", lambda starts, _: set_at(starts, 0, 1), "offsets do not go up"),
    "position offsets going down": ("position-starts", lambda starts, _: swap(starts, 1, 2), "offsets do not go up"),
    "statements out of order": ("statement", lambda statement, _: swap(statement, 0, -1), "not in statement order"),
    "stems out of order": (None, None, "stems are not in order"),
    "text offsets going down": ("text-starts", lambda starts, _: swap(starts, 1, 2), "texts' offsets do not go up"),
}


def damaged_copy(built: Path, damage: str) -> Path:
    """A copy of the live generation with one array damaged in place, published as `current`."""
    broken = broken_copy(built, None)
    name, change, _ = DAMAGES[damage]
    if name is None:
        terms = broken / score_table.TERMS_FILE
        stems = terms.read_text("utf-8").split("\n")[:-1]
        stems[0], stems[-1] = stems[-1], stems[0]
        terms.write_text("".join(f"{stem}\n" for stem in stems), "utf-8")
    else:
        path = broken / texts.STARTS_FILE if name == "text-starts" else score_table.array_path(broken, name)
        values = np.load(path)
        paragraphs = len(np.load(score_table.array_path(broken, "statement")))
        changed = change(values, paragraphs)
        assert (changed != values).any() and changed.dtype == values.dtype
        np.save(path, changed, allow_pickle=False)
    assert integrity.size_problems(broken) == []  # every file the size its build wrote
    return broken


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_generation_that_fails_the_checks_on_opening_is_refused_and_the_last_good_one_serves(synthetic, damage, caplog):
    data, built = synthetic
    reader = index.open_index(built, cache_size=0)
    expected = answers(reader)
    broken = damaged_copy(built, damage)
    assert answers(reader) == expected  # no IndexError: the last good generation answers
    assert reader.current().path != broken
    [warning] = reader.warnings()
    assert broken.name in warning and DAMAGES[damage][2] in warning
    assert f"Not switching to {broken.name}" in caplog.text
    assert answers(index.open_index(built, cache_size=0)) == expected  # a new process too


def test_a_new_process_serves_the_last_good_generation_when_the_published_one_is_broken(synthetic):
    data, built = synthetic
    expected = answers(index.open_index(built))
    broken_copy(built, "table-scores.npy")
    assert answers(index.open_index(built)) == expected


def test_start_up_survives_a_build_that_fails_while_a_good_generation_exists(synthetic, monkeypatch, caplog):
    data, built = synthetic
    (data / "extra.txt").write_text("Extrashire 2024/25\n\nNew words.\n")

    def failing_build(*args, **kwargs):
        raise RuntimeError("new index holds 0 paragraphs, expected 13")

    monkeypatch.setattr(index, "build_index", failing_build)
    client = create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": built}).test_client()
    assert "Could not build the search index" in caplog.text
    assert client.get("/api/search?q=funding").get_json()["total"] > 0
    assert client.get("/healthz").status_code == 200


@pytest.mark.slow
def test_verified_signatures_are_remembered_for_the_newest_few_generations_only(synthetic):
    data, built = synthetic
    for number in range(integrity.REMEMBERED + 3):
        (data / "extra.txt").write_text(f"Extrashire 2024/25\n\nNew words, version {number}.\n")
        index.build_index(data, built)
        assert integrity.problems(layout.current_generation(built)) == []
    assert len(integrity._verified) <= integrity.REMEMBERED


def test_a_generation_half_removed_by_a_killed_prune_is_still_the_oldest(synthetic):
    """Removing a file touches its directory: the order of generations must not follow that."""
    data, built = synthetic
    first = layout.current_generation(built)
    (data / "extra.txt").write_text("Extrashire 2024/25\n\nNew words.\n")
    index.build_index(data, built)
    second = layout.current_generation(built)
    time.sleep(0.05)
    (first / "statements.json").unlink()  # as a prune killed half-way would leave it
    assert layout.generations(built) == [first, second]
