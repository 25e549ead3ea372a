"""index/ in rooms by stage: each a package with a front door, imports running one way, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

INDEX = Path(__file__).resolve().parent.parent / "index"
# The rooms in the order data flows through them: a module imports from its own room or an earlier one.
STAGES = ["text", "generation", "query", "rank", "results", "compare"]
MAX_LINES = 300
MODULES = sorted(path for path in INDEX.rglob("*.py"))


def room(path: Path) -> str | None:
    """The room a module stands in (None: the front door, index/__init__.py)."""
    parts = path.relative_to(INDEX).parts
    return parts[0] if len(parts) > 1 else None


def rooms_imported(path: Path) -> set[str]:
    """The rooms a module imports from (its own included)."""
    here = room(path)
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and here is not None:
                found.add(here)
            elif node.level == 2 or (node.level == 1 and here is None):
                name = node.module or node.names[0].name
                found.add(name.split(".")[0])
            elif node.level == 0 and (node.module or "").startswith("index."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("index.")}
    return found


def test_index_is_in_rooms_by_stage():
    assert sorted(path.name for path in INDEX.iterdir() if path.is_dir() and path.name != "__pycache__") == sorted(STAGES)
    assert [path.name for path in INDEX.glob("*.py")] == ["__init__.py"]


@pytest.mark.parametrize("stage", STAGES)
def test_each_room_has_a_front_door_that_says_what_it_is_in_one_line(stage):
    doc = ast.get_docstring(ast.parse((INDEX / stage / "__init__.py").read_text()))
    assert doc and doc.splitlines()[0].endswith(".") and len(doc.splitlines()[0]) <= 120
    # The front door names every module of its room.
    modules = {path.stem for path in (INDEX / stage).glob("*.py") if path.stem != "__init__"}
    assert {module for module in modules if f"{module}.py" in doc} == modules


@pytest.mark.parametrize("stage", STAGES)
def test_the_architecture_page_maps_every_module_as_its_front_door_names_it(stage):
    """docs/architecture.md's module map holds each front door's lines as written (a module added to
    a room, or its line changed, and not to the map, fails here)."""
    page = (INDEX.parent / "docs" / "architecture.md").read_text()
    doc = ast.get_docstring(ast.parse((INDEX / stage / "__init__.py").read_text()))
    lines = [line for line in doc.splitlines()[1:] if line.strip()]
    assert [line for line in lines if f"    {line}" not in page] == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(INDEX)))
def test_imports_run_one_way_from_a_later_room_to_an_earlier_one(path):
    here = room(path)
    if here is None:
        return  # the front door imports from every room
    allowed = set(STAGES[: STAGES.index(here) + 1])
    assert rooms_imported(path) <= allowed


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(INDEX)))
def test_no_module_is_over_300_lines(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES


def test_a_later_room_importing_from_an_earlier_one_is_allowed_and_the_reverse_is_caught(tmp_path):
    """The checker itself: a query module importing from results/ is seen."""
    later = tmp_path / "index" / "query" / "example.py"
    later.parent.mkdir(parents=True)
    later.write_text("from ..results.snippets import snippet\nfrom ..text.analysis import stem\nfrom . import tree\n")
    global INDEX
    saved, INDEX = INDEX, tmp_path / "index"
    try:
        assert rooms_imported(later) == {"results", "text", "query"}
    finally:
        INDEX = saved


def test_every_room_is_installed_with_the_package():
    import tomllib

    from setuptools import find_packages

    pyproject = tomllib.loads((INDEX.parent / "pyproject.toml").read_text())
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {f"index.{stage}" for stage in STAGES} <= set(find_packages(where=INDEX.parent, include=include))
