"""How the pages say counts and shares: one wording everywhere (facets, the chart, its table).

Registered for the templates in views.py (`percent` as a filter, `paragraphs_in_statements` as a
global): plain strings, escaped by the templates like any text.
"""

from __future__ import annotations


def percent(share: float) -> str:
    """A share as a whole percentage ("33%"); never "0%" for some, nor "100%" for not all."""
    value = 100 * share
    if 0 < value < 1:
        return "<1%"
    if 99 < value < 100:
        return ">99%"
    return f"{int(value + 0.5)}%"


def paragraphs_in_statements(count: int, statements: int) -> str:
    """A facet value's matches: "14 paragraphs in 3 statements", or "no matches"."""
    if not count:
        return "no matches"
    return f"{count} paragraph{'' if count == 1 else 's'} in {statements} statement{'' if statements == 1 else 's'}"
