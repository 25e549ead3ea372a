"""Statement Search's library: parse statements, build the index, search it.

The front door. The web app uses these names only:

    report = build_index(data_dir, index_dir)          # build (or skip if fresh)
    index = open_index(index_dir)                     # open once, share
    page = search(index, "domestic abuse", page=1)    # -> ResultsPage of Hits
    every = export_rows(index, "domestic abuse")      # -> Export: every match, best first, capped
    shown = statement_page(index, "west-midlands-2021-22", highlight="abuse")
    alike = similar_paragraphs(index, "west-midlands-2021-22", 2)
    years = compare_statements(index, "northshire-2021-22", "northshire-2022-23")  # -> Comparison
    force = force_years(index, "northshire")         # -> ForceYears: statements and subject chains

The library is in rooms by stage, each importing only from earlier ones:
text/ (statement files, the analyzer) -> generation/ (the index on disk and
the one serving) -> query/ (what was typed -> a query tree) -> rank/ (the tree
evaluated) -> results/ (pages of hits, snippets, facets, exports) ->
compare/ (a force's statements by subject).

A name is imported from its module on first use, so a process that only
searches does not load the build, the exports or the comparisons (a new
process answers its first query sooner: `python -m bench` measures it).

This package never imports Flask.
"""

from __future__ import annotations

import importlib as _importlib

from .generation.result_cache import CACHE_SIZE
from .generation.store import StatementIndex
from .results.search import MAX_PAGE, PAGE_SIZE, SORTS, Hit, ResultsPage, check_filters, check_page_reached, named_forces, search
from .results.statement_page import ShownParagraph, StatementPage, statement_page

# Every other name of the front door, by the module that defines it.
_LAZY = {
    "generation.build": ("BuildInProgress", "BuildReport", "Progress", "build_index", "data_fingerprint", "is_stale"),
    "compare.alignment": ("SIMILAR_ENOUGH",),
    "generation.catalogue": ("StatementInfo", "force_slug"),
    "compare.rows": ("Comparison", "ComparisonRow", "NotComparable", "compare_statements", "older_first"),
    "results.export": ("MAX_EXPORT_ROWS", "Export", "ExportRow", "export_rows"),
    "results.facets": ("MAX_FILTER_VALUES", "FacetValue", "Facets", "Filters"),
    "compare.forces": ("Chain", "ChainStep", "ForceYears", "force_list", "force_years"),
    "generation.opened": ("IndexUnavailable",),
    "query.parser": ("MAX_QUERY_CHARS", "QueryError"),
    "results.similar": ("SimilarParagraphs", "similar_paragraphs"),
    "results.same_words": ("SameWords",),
    "generation.stats": ("IndexStats", "index_stats"),
    "text.statements": ("Paragraph", "Statement", "StatementError", "canonical_period", "filter_period",
                   "load_statements", "parse_statement", "slugify"),
    "query.understand": ("Understood",),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}


def open_index(index_dir, cache_size: int = CACHE_SIZE) -> StatementIndex:
    """The index in `index_dir`, opened lazily on first use and shared by threads.

    `cache_size` result pages are remembered until the next build (0: none).
    """
    return StatementIndex(index_dir, cache_size)


def __getattr__(name: str):
    """Import a front-door name from its module on first use, then keep it here."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


__all__ = sorted(["CACHE_SIZE", "Hit", "MAX_PAGE", "PAGE_SIZE", "ResultsPage", "SORTS", "ShownParagraph",
                  "check_filters", "check_page_reached", "named_forces",
                  "StatementIndex", "StatementPage", "open_index", "search", "statement_page", *_HOME])
