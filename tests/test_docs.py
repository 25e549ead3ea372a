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


def test_every_cli_command_and_option_is_documented(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": tmp_path, "AUTO_BUILD": False})
    group = app.cli.get_command(None, "index")
    for name, command in group.commands.items():
        assert f"flask --app webapp index {name}" in README
        for option in command.params:
            for flag in option.opts:
                assert f"index {name} {flag}" in README


def test_readme_has_the_two_set_up_commands():
    run, test = shell_blocks(README)[:2]
    assert "waitress-serve --listen=127.0.0.1:8000 --call webapp:create_app" in run
    assert test.endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command():
    test_command = shell_blocks(README)[1]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines
