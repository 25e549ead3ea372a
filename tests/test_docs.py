"""The README documents every setting and command, and CI runs its test command."""

from __future__ import annotations

import re

import pytest

from webapp import create_app
from webapp.config import SETTINGS

from .conftest import ROOT

README = (ROOT / "README.md").read_text()


def shell_blocks(text: str) -> list[str]:
    """The contents of the ```sh blocks of a Markdown text."""
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_setting_is_documented(name):
    assert f"`FLASK_{name}`" in README


def command_help(tmp_path, *names: str) -> str:
    """The --help text of `flask --app webapp <names>`, as the README shows it."""
    app = create_app({"TESTING": True, "INDEX_DIR": tmp_path, "AUTO_BUILD": False})
    output = app.test_cli_runner().invoke(args=[*names, "--help"]).stdout
    return output.replace("Usage: webapp ", "Usage: flask --app webapp ")


@pytest.mark.parametrize("name", ["build", "stats", "search"])
def test_readme_reproduces_each_command_help(tmp_path, name):
    assert command_help(tmp_path, "index", name) in README


def test_every_index_command_is_in_the_readme(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": tmp_path, "AUTO_BUILD": False})
    assert sorted(app.cli.get_command(None, "index").commands) == ["build", "search", "stats"]


def test_readme_has_the_two_set_up_commands():
    run, test = shell_blocks(README)[:2]
    assert "waitress-serve --listen=127.0.0.1:8000 --call webapp:create_app" in run
    assert test.endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command():
    test_command = shell_blocks(README)[1]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines
