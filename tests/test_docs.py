"""The README and docs/ document every setting and command, CI runs the README's test command,
and the README stays short: what the app is, the two commands, using it, statement files, configuration."""

from __future__ import annotations

import re
import tomllib

import pytest

from index.text.statements import parse_statement
from webapp import create_app
from webapp.config import SETTINGS

from .conftest import ROOT

README = (ROOT / "README.md").read_text()
DOCS = ROOT / "docs"
# Where the index commands' help texts are reproduced in full.
OPERATIONS = (DOCS / "operations.md").read_text()
MAX_README_LINES = 250


def shell_blocks(text: str) -> list[str]:
    """The contents of the ```sh blocks of a Markdown text."""
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_setting_is_documented(name):
    assert f"`FLASK_{name}`" in README


def command_help(tmp_path, *names: str) -> str:
    """The --help text of `flask --app webapp <names>`, as the docs show it."""
    app = create_app({"TESTING": True, "INDEX_DIR": tmp_path, "AUTO_BUILD": False})
    output = app.test_cli_runner().invoke(args=[*names, "--help"]).stdout
    return output.replace("Usage: webapp ", "Usage: flask --app webapp ")


@pytest.mark.parametrize("name", ["build", "stats", "search"])
def test_the_operations_doc_reproduces_each_command_help(tmp_path, name):
    assert command_help(tmp_path, "index", name) in OPERATIONS


def test_every_index_command_is_in_the_readme(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": tmp_path, "AUTO_BUILD": False})
    commands = sorted(app.cli.get_command(None, "index").commands)
    assert commands == ["build", "search", "stats"]
    shown = "\n".join(shell_blocks(README))
    assert [name for name in commands if f".venv/bin/flask --app webapp index {name}" in shown] == commands


def test_readme_has_the_two_set_up_commands():
    run, test = shell_blocks(README)[:2]
    assert "waitress-serve --listen=127.0.0.1:8000 --call webapp:create_app" in run
    assert test.endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command():
    test_command = shell_blocks(README)[1]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines


def test_the_readme_is_short_and_in_its_order():
    assert len(README.splitlines()) <= MAX_README_LINES
    sections = re.findall(r"^## (.+)$", README, re.M)
    assert sections[:4] == ["Set up", "Using it", "Statement files", "Configuration"]


def test_every_doc_is_linked_from_the_readme_and_every_link_resolves():
    linked = set(re.findall(r"\]\((docs/[^)#]+)", README))
    assert linked == {f"docs/{path.name}" for path in DOCS.glob("*.md")}
    for path in [ROOT / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", path.read_text()):
            assert (path.parent / target).exists(), (path.name, target)


def test_the_readmes_statement_example_is_a_statement():
    example = re.search(r"## Statement files.*?```text\n(.*?)```", README, re.S)[1]
    statement = parse_statement(example, "example.txt")
    assert (statement.force, statement.period, statement.title) == ("Northshire", "2022/23", "More about this area")
    assert [p.number for p in statement.paragraphs] == [1, 2]
    assert statement.disclaimer.startswith("Disclaimer:")
    assert f"/statements/{statement.slug}" in README


def test_the_quick_loop_leaves_out_registered_markers_only():
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["markers"]
    assert {marker.split(":")[0] for marker in markers} >= {"slow", "browser"}
    assert '.venv/bin/pytest -m "not slow and not browser"' in README
