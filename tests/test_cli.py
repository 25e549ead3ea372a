"""`flask --app webapp index build`."""

from __future__ import annotations

import pytest

from index import layout
from webapp import create_app


@pytest.fixture
def build(data_dir, tmp_path):
    """Run `index build` with extra arguments against a private data and index folder."""
    app = create_app({"TESTING": True, "DATA_DIR": data_dir, "INDEX_DIR": tmp_path / "ix", "AUTO_BUILD": False})
    return lambda *args: app.test_cli_runner().invoke(args=["index", "build", *args])


def test_build_prints_what_it_indexed(build, tmp_path):
    result = build()
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Indexed 3 statements, 12 paragraphs in ")
    assert f"({tmp_path / 'ix'}/gen-" in result.stdout
    assert layout.current_generation(tmp_path / "ix") is not None


def test_build_always_rebuilds_unless_asked_to_skip(build):
    first, second = build(), build()
    assert "Indexed" in first.stdout and "Indexed" in second.stdout
    skipped = build("--if-stale")
    assert skipped.exit_code == 0
    assert skipped.stdout == "Index is up to date: 3 statements, 12 paragraphs\n"


def test_build_lists_skipped_files_on_stderr(build, data_dir):
    (data_dir / "broken.txt").write_text("no header")
    result = build()
    assert result.exit_code == 0
    assert "Skipped broken.txt: no force and period line" in result.stderr
    assert "Indexed 3 statements" in result.stdout


def test_build_without_data_is_a_clear_error(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": tmp_path / "nowhere", "INDEX_DIR": tmp_path / "ix"})
    result = app.test_cli_runner().invoke(args=["index", "build"])
    assert result.exit_code == 1
    assert f"Error: data directory not found: {tmp_path / 'nowhere'}" in result.stderr
    assert "Traceback" not in result.output


def test_build_help(runner):
    result = runner.invoke(args=["index", "build", "--help"])
    assert "Build the index from DATA_DIR into INDEX_DIR" in result.stdout
    assert "--if-stale" in result.stdout
