"""Statement Search's library: parse statements, build the index, search it.

The front door. The web app (and any other tool) uses these names only:

    report = build_index(data_dir, index_dir)          # build (or skip if fresh)
    index = open_index(index_dir)                     # open once, share
    page = search(index, "domestic abuse", page=1)    # -> ResultsPage of Hits
    every = export_rows(index, "domestic abuse")      # -> Export: every match, best first, capped
    shown = statement_page(index, "west-midlands-2021-22", highlight="abuse")
    alike = similar_paragraphs(index, "west-midlands-2021-22", 2)
    years = compare_statements(index, "northshire-2021-22", "northshire-2022-23")  # -> Comparison

This package never imports Flask.
"""

from .build import BuildInProgress, BuildReport, Progress, build_index, data_fingerprint, is_stale
from .alignment import SIMILAR_ENOUGH
from .catalogue import StatementInfo
from .compare import Comparison, ComparisonRow, NotComparable, compare_statements, older_first
from .export import MAX_EXPORT_ROWS, Export, ExportRow, export_rows
from .facets import MAX_FILTER_VALUES, FacetValue, Facets, Filters
from .query import MAX_QUERY_CHARS, QueryError
from .search import MAX_PAGE, PAGE_SIZE, SORTS, Hit, ResultsPage, search
from .similar import SimilarParagraphs, similar_paragraphs
from .statement_page import ShownParagraph, StatementPage, statement_page
from .stats import IndexStats, index_stats
from .statements import Paragraph, Statement, StatementError, canonical_period, load_statements, parse_statement
from .generation import IndexUnavailable
from .result_cache import CACHE_SIZE
from .store import StatementIndex
from .understand import Understood


def open_index(index_dir, cache_size: int = CACHE_SIZE) -> StatementIndex:
    """The index in `index_dir`, opened lazily on first use and shared by threads.

    `cache_size` result pages are remembered until the next build (0: none).
    """
    return StatementIndex(index_dir, cache_size)


__all__ = [
    "BuildInProgress",
    "BuildReport",
    "Comparison",
    "ComparisonRow",
    "Export",
    "ExportRow",
    "FacetValue",
    "Facets",
    "Filters",
    "Hit",
    "IndexStats",
    "IndexUnavailable",
    "MAX_EXPORT_ROWS",
    "MAX_FILTER_VALUES",
    "MAX_PAGE",
    "MAX_QUERY_CHARS",
    "NotComparable",
    "PAGE_SIZE",
    "Paragraph",
    "Progress",
    "QueryError",
    "ResultsPage",
    "SIMILAR_ENOUGH",
    "SORTS",
    "ShownParagraph",
    "SimilarParagraphs",
    "Statement",
    "StatementError",
    "StatementIndex",
    "StatementInfo",
    "StatementPage",
    "Understood",
    "build_index",
    "canonical_period",
    "compare_statements",
    "data_fingerprint",
    "export_rows",
    "index_stats",
    "is_stale",
    "load_statements",
    "older_first",
    "open_index",
    "parse_statement",
    "search",
    "similar_paragraphs",
    "statement_page",
]
