"""The `index` package's front door: every name it lists resolves, and a process that
only searches does not load the build, the exports or the comparisons."""

import subprocess
import sys
from pathlib import Path

import index

ROOT = Path(__file__).resolve().parent.parent
NOT_FOR_SEARCHING = ["index.generation.build", "index.compare.rows", "index.results.export", "index.compare.forces", "index.results.similar", "index.generation.stats",
                     "index.compare.subjects"]


# The contract: what the web app and other tools may use.
FRONT_DOOR = {
    "BuildInProgress", "BuildReport", "CACHE_SIZE", "Chain", "ChainStep", "ForceYears", "force_slug", "force_years",
    "force_list", "Comparison", "ComparisonRow", "Export", "ExportRow",
    "FacetValue", "Facets", "Filters", "Hit", "IndexStats", "IndexUnavailable", "MAX_EXPORT_ROWS",
    "MAX_FILTER_VALUES", "MAX_PAGE", "MAX_QUERY_CHARS", "NotComparable", "PAGE_SIZE", "Paragraph", "Progress",
    "QueryError", "ResultsPage", "SIMILAR_ENOUGH", "SORTS", "SameWords", "ShownParagraph", "SimilarParagraphs", "Statement",
    "StatementError", "StatementIndex", "StatementInfo", "StatementPage", "Understood", "build_index",
    "canonical_period", "check_filters", "check_page_reached", "compare_statements", "data_fingerprint",
    "export_rows", "filter_period", "index_stats", "is_stale", "load_statements", "named_forces", "older_first",
    "open_index", "parse_statement", "search", "similar_paragraphs", "slugify", "statement_page",
}


def test_every_name_of_the_front_door_is_listed_and_resolves():
    assert set(index.__all__) == FRONT_DOOR
    for name in FRONT_DOOR:
        assert getattr(index, name) is not None, name
        assert name in dir(index), name


def test_an_unknown_name_is_an_attribute_error():
    try:
        index.no_such_name
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("an unknown name resolved")


def run(code: str, *args: str) -> str:
    """`code` in a new Python process, from the repository's root: what it prints."""
    return subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                          text=True, cwd=ROOT, timeout=120).stdout


def test_searching_loads_only_what_search_needs(index_dir):
    loaded = run(
        "import sys, index;"
        "page = index.search(index.open_index(sys.argv[1]), 'police');"
        "assert page.total > 0, page;"
        "print(' '.join(sorted(sys.modules)))",
        str(index_dir),
    ).split()
    assert "index.results.search" in loaded
    assert [name for name in NOT_FOR_SEARCHING if name in loaded] == []


def test_a_name_loads_its_module_on_first_use():
    printed = run("import sys, index;"
                  "before = 'index.generation.build' in sys.modules;"
                  "index.build_index;"
                  "print(before, 'index.generation.build' in sys.modules)").split()
    assert printed == ["False", "True"]


def test_importing_every_module_shadows_no_front_door_name():
    # No module of index/ is named like a front-door name, so importing one never puts a module in a
    # function's place (index.search stays the function once index.results.search is imported).
    printed = run(
        "import importlib, pkgutil, index;"
        "names = {name: getattr(index, name) for name in index.__all__};"
        "[importlib.import_module(m.name) for m in pkgutil.walk_packages(index.__path__, 'index.')];"
        "print(all(getattr(index, name) is value for name, value in names.items()), callable(index.search))"
    ).split()
    assert printed == ["True", "True"]
