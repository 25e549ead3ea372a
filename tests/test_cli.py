"""`flask --app webapp index build | stats | search`."""

from __future__ import annotations

import pytest

from index.generation import layout
from webapp import create_app

from .conftest import SEED_SLUG


@pytest.fixture
def cli(data_dir, tmp_path):
    """Run `index ...` commands against a private data and index folder."""
    app = create_app({"TESTING": True, "DATA_DIR": data_dir, "INDEX_DIR": tmp_path / "ix", "AUTO_BUILD": False})
    return lambda *args: app.test_cli_runner().invoke(args=["index", *args])


def test_build_prints_what_it_indexed(cli, tmp_path):
    result = cli("build")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Rebuilt the index: 3 statements, 12 paragraphs in ")
    assert f"  {tmp_path / 'ix'}/gen-" in result.stdout
    assert "3/3 statements, 12 paragraphs" in result.stderr  # progress
    assert layout.current_generation(tmp_path / "ix") is not None


def test_build_updates_only_what_changed(cli, data_dir):
    cli("build")
    assert cli("build").stdout == "Index is up to date: 3 statements, 12 paragraphs\n"
    (data_dir / "northshire-2022-23.txt").write_text("Northshire 2022/23\n\nOnly one paragraph now.\n")
    (data_dir / "marchford-2023-24.txt").unlink()
    (data_dir / "coast.txt").write_text("Coastshire 2024/25\n\nA lighthouse team.\n")
    result = cli("build", "--quiet")
    assert result.stdout.startswith("Updated the index: 3 statements, 9 paragraphs in ")
    assert "  1 added, 1 changed, 1 removed\n" in result.stdout
    assert result.stderr == ""
    assert cli("build", "--full").stdout.startswith("Rebuilt the index: 3 statements, 9 paragraphs")


def test_build_lists_skipped_files_on_stderr(cli, data_dir):
    (data_dir / "broken.txt").write_text("no header")
    result = cli("build")
    assert result.exit_code == 0
    assert "Skipped broken.txt: no force and period line" in result.stderr
    assert "3 statements" in result.stdout


def test_build_without_data_is_a_clear_error(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": tmp_path / "nowhere", "INDEX_DIR": tmp_path / "ix"})
    result = app.test_cli_runner().invoke(args=["index", "build"])
    assert result.exit_code == 1
    assert f"Error: data directory not found: {tmp_path / 'nowhere'}" in result.stderr
    assert "Traceback" not in result.output


def test_stats(cli, tmp_path):
    assert "no index has been built yet" in cli("stats").stderr
    cli("build")
    lines = cli("stats").stdout.splitlines()
    assert lines[0] == "Statements:  3 (3 forces, 3 periods)"
    assert lines[1] == "Paragraphs:  12"
    assert lines[2].startswith("Size:        ") and lines[2].endswith(" MiB in 1 segment(s)")
    assert lines[3].startswith("Last build:  20") and "(full, " in lines[3]
    assert lines[4] == "Skipped:     0 files"
    assert lines[5].startswith(f"Location:    {tmp_path / 'ix'}/gen-")


def test_search(cli):
    cli("build")
    result = cli("search", "workforce")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "1 paragraph matches 'workforce'; page 1 of 1",
        "",
        f"1. West Midlands 2021/22, paragraph 6  /statements/{SEED_SLUG}#p6",
    ]
    assert "drastic workforce reductions" in result.stdout


def test_search_names_the_years_that_repeat_a_hit(shared_app):
    """On ../shared/corpus, Kettlewick's Weftline paragraph leads "modern slavery" and names the
    three other years that say the same, figures aside."""
    result = shared_app.test_cli_runner().invoke(args=["index", "search", '"modern slavery"'])
    lines = result.stdout.splitlines()
    assert lines[2].startswith("1. Kettlewick 2019/20, paragraph 4")
    assert lines[4] == "   Same words, figures aside, in 2020/21, 2021/22, 2022/23"
    # The three repeats, listed after the rest, say so.
    assert result.stdout.count("   Listed after the other results, as it repeats one above: same words, figures aside, in") == 3


def test_search_filters_typos_and_errors(cli):
    cli("build")
    assert cli("search", "abuse", "--force", "Northshire").stdout.startswith("1 paragraph matches")
    assert cli("search", "abuse").stdout.startswith("2 paragraphs match 'abuse'")
    unknown = cli("search", "abuse", "--force", "Atlantis")
    assert unknown.exit_code == 1 and "no statement has the force 'Atlantis'; there are: Marchford, " in unknown.stderr
    assert cli("search", "abuse", "--period", "2022-23").stdout.startswith("1 paragraph matches")
    unknown = cli("search", "abuse", "--period", "1999/00")
    assert unknown.exit_code == 1 and "no statement has the period '1999/00'" in unknown.stderr
    past = cli("search", "abuse", "--page", "5")
    assert past.exit_code == 1 and "There is no page 5: the results end at page 1." in past.stderr
    assert "Showing results for: deprived" in cli("search", "deprevation").stdout
    refused = cli("search", "*e*")
    assert refused.exit_code == 1 and "at least 2 letters before *" in refused.stderr


def test_search_before_any_build(cli):
    result = cli("search", "abuse")
    assert result.exit_code == 1 and "no index has been built yet" in result.stderr


def test_the_start_up_build_is_logged_in_plain_english(tmp_path, caplog):
    data = tmp_path / "data"
    data.mkdir()
    (data / "one.txt").write_text("Oneshire 2024/25\n\nThe only paragraph.\n")
    with caplog.at_level("INFO"):
        create_app({"TESTING": True, "DATA_DIR": data, "INDEX_DIR": tmp_path / "ix"})
    assert "Built the search index: 1 statement, 1 paragraph in " in caplog.text


def test_search_prints_a_list_line_by_line(runner):
    result = runner.invoke(args=["index", "search", "promises"])
    assert result.exit_code == 0, result.output
    assert "for the year:\n- answer 999 calls" in result.output and "<br>" not in result.output
