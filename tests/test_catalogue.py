"""The catalogue: every statement's facts, stored as columns and read back as StatementInfo."""

from __future__ import annotations

import json

import pytest

from index import layout, load_statements
from index.catalogue import CATALOGUE, info_of, read_catalogue, write_catalogue


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


def test_the_served_catalogue_lists_every_statement(statement_index, corpus_dir):
    """What a server reads is what the build wrote, in force then period order."""
    generation = layout.current_generation(statement_index.index_dir)
    assert [info.slug for info in statement_index.statements()] == list(read_catalogue(generation))
    assert {info.slug for info in statement_index.statements()} == {statement.slug for statement in parsed(corpus_dir)}


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


def test_a_catalogue_of_rows_is_refused(tmp_path):
    """One written before the catalogue became columns: the index is rebuilt, never misread."""
    (tmp_path / CATALOGUE).write_text(json.dumps([{"slug": "a"}]), "utf-8")
    with pytest.raises(ValueError, match="not a set of columns"):
        read_catalogue(tmp_path)
