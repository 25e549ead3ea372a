"""The catalogue: every statement's facts, stored as columns and read back as StatementInfo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import index
from index import load_statements
from index.generation import integrity, layout
from index.generation.catalogue import CATALOGUE, info_of, read_catalogue, write_catalogue


def parsed(corpus_dir):
    statements, _ = load_statements(corpus_dir)
    return statements


def test_what_is_written_is_read_back(corpus_dir, tmp_path):
    statements = parsed(corpus_dir)
    write_catalogue(tmp_path, statements)
    catalogue = read_catalogue(tmp_path)
    assert list(catalogue) == [statement.slug for statement in statements]
    assert list(catalogue.values()) == [info_of(statement) for statement in statements]
    first = statements[0]
    assert catalogue[first.slug] is catalogue[first.slug]  # made once
    assert catalogue.get("no-such-statement") is None and "no-such-statement" not in catalogue


def test_the_served_catalogue_lists_every_statement_in_force_then_period_order(statement_index, corpus_dir):
    statements = parsed(corpus_dir)
    assert [(s.force.lower(), s.period) for s in statements] == sorted((s.force.lower(), s.period) for s in statements)
    assert [info.slug for info in statement_index.statements()] == [statement.slug for statement in statements]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda columns: columns.pop("disclaimer"), "has the fields"),
        (lambda columns: columns.update(extra=columns["slug"]), "has the fields"),
        (lambda columns: columns["force"].pop(), "different lengths"),
        (lambda columns: [values.append(values[0]) for values in columns.values()], "names a statement twice"),
    ],
)
def test_a_catalogue_that_does_not_fit_is_refused(corpus_dir, tmp_path, change, message):
    write_catalogue(tmp_path, parsed(corpus_dir))
    path = tmp_path / CATALOGUE
    columns = json.loads(path.read_text("utf-8"))
    change(columns)
    path.write_text(json.dumps(columns), "utf-8")
    with pytest.raises(ValueError, match=message):
        read_catalogue(tmp_path)


def as_rows(path: Path) -> None:
    """Rewrite a catalogue as schema 10 wrote it: one object per statement."""
    columns = json.loads(path.read_text("utf-8"))
    rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
    path.write_text(json.dumps(rows), "utf-8")


def test_a_generation_with_a_catalogue_of_rows_serves_until_it_is_rebuilt(corpus_dir, tmp_path, monkeypatch):
    """An index built before the catalogue became columns keeps serving; its older schema
    makes the next build a full one, which writes columns."""
    built = tmp_path / "index"
    index.build_index(corpus_dir, built)
    generation = layout.current_generation(built)
    expected = list(read_catalogue(generation).values())
    # The generation as schema 10 left it: rows, and a manifest that says so.
    as_rows(generation / CATALOGUE)
    with monkeypatch.context() as schema_10:
        schema_10.setattr("index.generation.build.SCHEMA_VERSION", 10)
        fingerprint = index.data_fingerprint(corpus_dir)
    manifest = layout.read_manifest(generation)
    layout.write_json(generation / layout.MANIFEST, {
        **manifest, "schema_version": 10, "fingerprint": fingerprint, "files": integrity.file_checksums(generation),
    })
    assert list(read_catalogue(generation).values()) == expected
    assert index.search(index.open_index(built), "deprived wards").total == 1
    assert index.is_stale(corpus_dir, built)
    report = index.build_index(corpus_dir, built)
    assert report.built and report.full
    assert isinstance(json.loads((layout.current_generation(built) / CATALOGUE).read_text("utf-8")), dict)


@pytest.mark.parametrize("stored", [[{"slug": "a"}], ["a"], "a", 3])
def test_a_catalogue_of_neither_columns_nor_rows_is_refused(tmp_path, stored):
    (tmp_path / CATALOGUE).write_text(json.dumps(stored), "utf-8")
    with pytest.raises(ValueError, match="catalogue"):
        read_catalogue(tmp_path)


@pytest.mark.parametrize("shape", ["columns", "rows"])
def test_a_catalogue_from_before_provenance_is_read_without_it(corpus_dir, tmp_path, shape):
    """Schema 12 wrote no source_url or published: such a generation keeps serving until its rebuild."""
    write_catalogue(tmp_path, parsed(corpus_dir))
    path = tmp_path / CATALOGUE
    columns = json.loads(path.read_text("utf-8"))
    expected = list(read_catalogue(tmp_path).values())
    del columns["source_url"], columns["published"]
    path.write_text(json.dumps(columns), "utf-8")
    if shape == "rows":
        as_rows(path)
    read = list(read_catalogue(tmp_path).values())
    assert read == expected and {(info.source_url, info.published) for info in read} == {("", "")}
