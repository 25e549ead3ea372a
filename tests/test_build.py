"""Building the index: generations, atomic swap, skip when fresh, one builder at a time."""

from __future__ import annotations

import mmap
import multiprocessing
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.formats import Positions

import index
from index.generation import build as build_module, layout, score_table
from index.generation.schema import ParagraphCodec, StemPositions, paragraph_schema
from index.text.analysis import text_analyzer
from webapp import create_app

from .conftest import SEED_SLUG


def generations(index_dir: Path) -> list[str]:
    """Names of the published generations in an index folder."""
    return sorted(p.name for p in index_dir.glob(f"{layout.GENERATION_PREFIX}*"))


def test_build_reports_what_it_indexed(data_dir, tmp_path):
    report = index.build_index(data_dir, tmp_path / "ix")
    assert report.built
    assert report.statements == 3
    assert report.paragraphs == 7 + 3 + 2
    assert report.skipped == ()
    manifest = layout.read_manifest(layout.current_generation(tmp_path / "ix"))
    assert (manifest["statements"], manifest["paragraphs"]) == (3, 12)
    assert manifest["fingerprint"] == index.data_fingerprint(data_dir)


def test_one_whoosh_document_per_body_paragraph(statement_index):
    with statement_index.searcher() as searcher:
        ids = sorted(fields["id"] for fields in searcher.all_stored_fields())
    assert len(ids) == 12
    assert [i for i in ids if i.startswith(SEED_SLUG)] == [f"{SEED_SLUG}#p{n}" for n in range(1, 8)]


def test_fresh_index_is_not_rebuilt(data_dir, tmp_path):
    first = index.build_index(data_dir, tmp_path / "ix")
    again = index.build_index(data_dir, tmp_path / "ix", full=False)
    assert not again.built
    assert again.generation == first.generation
    assert not index.is_stale(data_dir, tmp_path / "ix")


def test_changed_data_makes_the_index_stale_and_a_build_picks_it_up(data_dir, tmp_path):
    ix_dir = tmp_path / "ix"
    index.build_index(data_dir, ix_dir)
    (data_dir / "northshire-2022-23.txt").write_text(
        "Northshire 2022/23\n\nThe heathland wildfire patrols grew this year.\n"
    )
    assert index.is_stale(data_dir, ix_dir)
    report = index.build_index(data_dir, ix_dir, full=False)
    assert report.built and report.paragraphs == 7 + 1 + 2
    results = index.search(index.open_index(ix_dir), "heathland")
    assert [(h.statement, h.paragraph) for h in results.hits] == [("northshire-2022-23", 1)]


def test_full_build_makes_a_new_generation_and_keeps_only_two(data_dir, tmp_path):
    ix_dir = tmp_path / "ix"
    names = [index.build_index(data_dir, ix_dir, full=True).generation for _ in range(4)]
    assert len(set(names)) == 4
    assert generations(ix_dir) == sorted(names[-2:])
    assert layout.current_generation(ix_dir).name == names[-1]


def test_bad_files_are_skipped_and_reported(data_dir, tmp_path):
    (data_dir / "broken.txt").write_text("nothing that looks like a statement")
    report = index.build_index(data_dir, tmp_path / "ix")
    assert report.statements == 3
    assert [(e.source, "no force and period line" in e.reason) for e in report.skipped] == [
        ("broken.txt", True)
    ]
    skipped = index.build_index(data_dir, tmp_path / "ix", full=False).skipped
    assert [e.source for e in skipped] == ["broken.txt"]


def test_missing_data_dir_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="data directory not found"):
        index.build_index(tmp_path / "nowhere", tmp_path / "ix")


def test_failed_build_leaves_the_previous_index_serving(data_dir, tmp_path, monkeypatch):
    ix_dir = tmp_path / "ix"
    before = index.build_index(data_dir, ix_dir).generation
    reader = index.open_index(ix_dir)
    assert index.search(reader, "moorland").total == 1

    def crash(build_dir, *args):
        (build_dir / "half-written").write_text("partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "write_generation", crash)
    (data_dir / "extra.txt").write_text("Extrashire 2024/25\n\nNew words.\n")
    with pytest.raises(RuntimeError, match="disk full"):
        index.build_index(data_dir, ix_dir)
    assert layout.current_generation(ix_dir).name == before
    assert list(ix_dir.glob(f"{layout.BUILDING_PREFIX}*")) == []
    assert index.search(reader, "moorland").total == 1


def test_leftovers_of_a_crashed_build_are_removed_by_the_next(data_dir, tmp_path):
    ix_dir = tmp_path / "ix"
    index.build_index(data_dir, ix_dir)
    leftover = layout.new_build_dir(ix_dir)
    (leftover / "segment").write_text("killed mid-build")
    index.build_index(data_dir, ix_dir)
    assert not leftover.exists()


def test_a_verification_failure_is_not_published(data_dir, tmp_path, monkeypatch):
    ix_dir = tmp_path / "ix"
    before = index.build_index(data_dir, ix_dir).generation
    (data_dir / "extra.txt").write_text("Extrashire 2024/25\n\nNew words.\n")

    def write_nothing(build_dir, *args):
        whoosh_index.create_in(str(build_dir), paragraph_schema())

    monkeypatch.setattr(build_module, "write_generation", write_nothing)
    with pytest.raises(RuntimeError, match="new index cannot be opened: words.tsv is missing"):
        index.build_index(data_dir, ix_dir)
    assert layout.current_generation(ix_dir).name == before


def test_a_generation_whose_stems_are_out_of_order_is_not_published(data_dir, tmp_path, monkeypatch):
    # A stem is found by binary search: out of order, it would quietly find nothing.
    ix_dir = tmp_path / "ix"
    before = index.build_index(data_dir, ix_dir).generation
    (data_dir / "extra.txt").write_text("Extrashire 2024/25\n\nNew words.\n")
    write_generation = build_module.write_generation

    def swap_two_stems(build_dir, *args, **kwargs):
        write_generation(build_dir, *args, **kwargs)
        terms = Path(build_dir) / score_table.TERMS_FILE
        stems = terms.read_text("utf-8").split("\n")[:-1]
        stems[0], stems[-1] = stems[-1], stems[0]
        terms.write_text("".join(f"{stem}\n" for stem in stems), "utf-8")

    monkeypatch.setattr(build_module, "write_generation", swap_two_stems)
    with pytest.raises(RuntimeError, match="stems are not in order"):
        index.build_index(data_dir, ix_dir)
    assert layout.current_generation(ix_dir).name == before


def test_a_stem_is_found_by_its_number_and_a_missing_one_is_not(statement_index):
    table = statement_index.current().table
    stems = table.stems
    assert [table.term(stem) for stem in (stems[0], stems[len(stems) // 2], stems[-1])] == [0, len(stems) // 2, len(stems) - 1]
    between = stems[0] + "\u0000"
    assert between not in stems and stems[0] < between < stems[1]
    assert [table.term(stem) for stem in ("", between, stems[-1] + "z")] == [None, None, None]
    assert table.in_order()


def test_open_index_switches_to_a_new_generation_without_reopening(data_dir, tmp_path):
    ix_dir = tmp_path / "ix"
    index.build_index(data_dir, ix_dir)
    reader = index.open_index(ix_dir)
    assert index.search(reader, "lighthouse").total == 0
    (data_dir / "coast.txt").write_text("Coastshire 2024/25\n\nA lighthouse team patrols the bay.\n")
    index.build_index(data_dir, ix_dir)
    assert index.search(reader, "lighthouse").total == 1
    assert reader.statement_info("coastshire-2024-25").paragraphs == 1


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["polic", "crime", "the", "2.8", "ward"]) | st.text(min_size=1, max_size=6), max_size=400))
def test_whoosh_gets_the_postings_its_own_format_would_make_from_a_list_of_stems(stems):
    analyzer = text_analyzer()
    assert list(StemPositions().word_values(stems, analyzer)) == list(Positions().word_values(stems, analyzer))


def test_every_segment_is_written_with_the_paragraph_codec(data_dir, tmp_path):
    """A full build, an update that adds and one that changes a statement (merging Whoosh's
    segments) all write Whoosh's segments without length statistics."""
    index.build_index(data_dir, tmp_path / "ix")
    (data_dir / "coast.txt").write_text("Coastshire 2024/25\n\nA lighthouse team patrols the bay.\n")
    index.build_index(data_dir, tmp_path / "ix")
    (data_dir / "coast.txt").write_text("Coastshire 2024/25\n\nA lifeboat team patrols the bay.\n")
    index.build_index(data_dir, tmp_path / "ix")
    ix = whoosh_index.open_dir(str(layout.current_generation(tmp_path / "ix")))
    assert len(ix._segments()) >= 1
    assert {type(segment.codec()) for segment in ix._segments()} == {ParagraphCodec}
    assert type(ix.schema["text"].format) is StemPositions
    ix.close()


def file_mapping(array: np.ndarray) -> mmap.mmap | None:
    """The file mapping an array's memory comes from, if any."""
    base = array.base
    while base is not None and not isinstance(base, mmap.mmap):
        base = getattr(base, "base", None)
    return base


def test_the_score_table_and_texts_are_mapped_read_only_not_copied(statement_index):
    """Worker processes share one copy in the page cache: every array is a read-only view of a file
    mapping, and a plain ndarray (slicing a np.memmap runs Python code on every slice)."""
    generation = statement_index.current()
    table, texts = generation.table, generation.texts
    arrays = [table.term_starts, table.docs, table.scores, table.position_starts, table.positions,
              table.statement, table.paragraph, texts.starts, texts.data]
    for array in arrays:
        assert type(array) is np.ndarray and not array.flags.writeable
        assert file_mapping(array) is not None


def test_reading_before_any_build_says_so(tmp_path):
    reader = index.open_index(tmp_path / "empty")
    with pytest.raises(index.IndexUnavailable, match="no index has been built"):
        index.search(reader, "abuse")


def test_a_second_builder_gives_up_clearly_when_the_lock_is_held(data_dir, tmp_path):
    from filelock import FileLock

    ix_dir = tmp_path / "ix"
    ix_dir.mkdir()
    with FileLock(str(ix_dir / layout.LOCK_NAME)):
        # filelock locks are re-entrant per object, so take it from another process.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            message = pool.apply(build_in_subprocess, (str(data_dir), str(ix_dir), 0.2))
    assert message.startswith("BuildInProgress: another process has been building")


def build_in_subprocess(data_dir: str, ix_dir: str, wait: float) -> str:
    """Build from a separate process; return what happened as text."""
    try:
        report = index.build_index(data_dir, ix_dir, full=False, wait=wait)
    except index.BuildInProgress as error:
        return f"BuildInProgress: {error}"
    return f"built={report.built} generation={report.generation} pid={os.getpid()}"


@pytest.mark.slow
def test_processes_starting_at_once_build_only_once(data_dir, tmp_path):
    ix_dir = tmp_path / "ix"
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        outcomes = pool.starmap(build_in_subprocess, [(str(data_dir), str(ix_dir), 60)] * 3)
    assert sum(outcome.startswith("built=True") for outcome in outcomes) == 1
    assert len({outcome.split()[1] for outcome in outcomes}) == 1
    assert len(generations(ix_dir)) == 1


@pytest.mark.parametrize("files", [{}, {"broken.txt": "not a statement"}])
def test_a_folder_with_nothing_to_index_builds_an_empty_index_that_serves(tmp_path, files):
    """No statements (no files, or only files that are skipped): the app serves and says so, no traceback."""
    data = tmp_path / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_text(text)
    report = index.build_index(data, tmp_path / "ix")
    assert (report.statements, report.paragraphs, len(report.skipped)) == (0, 0, len(files))
    opened = index.open_index(tmp_path / "ix")
    results = index.search(opened, "police OR polic* OR \"a b\" OR fundng")
    assert (results.total, results.hits) == (0, ())
    assert not opened.current().texts.data.flags.writeable  # no bytes to map, and still read-only
    client = create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": tmp_path / "ix"}).test_client()
    assert "There is nothing to search yet" in client.get("/").get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json()["statements"] == 0
    assert client.get("/search?q=police").status_code == 200
    assert client.get("/api/search?q=police").get_json()["total"] == 0


@pytest.mark.parametrize("name", ["words.tsv", "table-scores.npy", "table-texts.bin", "statements.json"])
def test_a_generation_missing_a_file_is_unavailable_not_silently_empty(data_dir, tmp_path, name):
    index.build_index(data_dir, tmp_path / "ix")
    (layout.current_generation(tmp_path / "ix") / name).unlink()
    with pytest.raises(index.IndexUnavailable, match="cannot be opened"):
        index.search(index.open_index(tmp_path / "ix"), "abuse")


def test_a_copy_that_sorts_first_never_replaces_the_indexed_statement(data_dir, tmp_path):
    """The duplicate is skipped and named, in the build report, /healthz and index stats."""
    index.build_index(data_dir, tmp_path / "ix")
    (data_dir / "0-copies").mkdir()
    (data_dir / "0-copies" / "seed.txt").write_text((data_dir / f"{SEED_SLUG}.txt").read_text() + "\nA new line.\n")
    report = index.build_index(data_dir, tmp_path / "ix")
    assert [(e.source, f"as {SEED_SLUG}.txt" in e.reason) for e in report.skipped] == [("0-copies/seed.txt", True)]
    assert index.open_index(tmp_path / "ix").statement_info(SEED_SLUG).source == f"{SEED_SLUG}.txt"
    app = create_app({"TESTING": True, "DATA_DIR": data_dir, "INDEX_DIR": tmp_path / "ix", "AUTO_BUILD": False})
    skipped = app.test_client().get("/healthz").get_json()["skipped"]
    assert [entry["source"] for entry in skipped] == ["0-copies/seed.txt"]
    stats = app.test_cli_runner().invoke(args=["index", "stats"]).stdout
    assert "Skipped:     1 file\n  0-copies/seed.txt: same force and period" in stats


def test_the_build_never_imports_the_serving_code():
    """Shared file formats live in their own modules; build.py reaches none of the serving ones."""
    import ast

    tree = ast.parse((Path(build_module.__file__)).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert not imported & {"store", "generation", "search", "engine", "result_cache"}
