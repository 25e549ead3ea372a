"""How the pages say counts and shares: one wording everywhere (facets, the chart, its table).

Registered for the templates in views.py as filters: plain strings, escaped by the templates like
any text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index import FacetValue


def percent(share: float) -> str:
    """A share as a whole percentage ("33%"); never "0%" for some, nor "100%" for not all."""
    value = 100 * share
    if 0 < value < 1:
        return "<1%"
    if 99 < value < 100:
        return ">99%"
    return f"{int(value + 0.5)}%"


def paragraphs_in_statements(value: FacetValue) -> str:
    """A facet value's matches (an index.FacetValue): "14 paragraphs in 3 statements", or "no matches"."""
    count, statements = value.count, value.statements
    if not count:
        return "no matches"
    return f"{count} paragraph{'' if count == 1 else 's'} in {statements} statement{'' if statements == 1 else 's'}"


def statements_matching(value: FacetValue) -> str:
    """A chart value's statements (an index.FacetValue): "3 of 12 (25%)"."""
    return f"{value.statements} of {value.all_statements} ({percent(value.share)})"


def chart_summary(values: Iterable[FacetValue]) -> str:
    """A chart's figures as one line of text, for its title: "2021/22 25% (3 of 12), 2022/23 …"."""
    return ", ".join(f"{v.value} {percent(v.share)} ({v.statements} of {v.all_statements})" for v in values)
