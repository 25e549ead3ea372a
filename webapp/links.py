"""Search URLs that keep the current query and filters while changing one thing."""

from __future__ import annotations

from flask import url_for

import index


def search_url(results: index.ResultsPage, endpoint: str = "pages.search_page", **changes) -> str:
    """The URL of `results` with `changes` applied.

    changes: page=N, view="flat"/"grouped", statement=slug or None,
    add_force/remove_force=name, add_period/remove_period=period, clear=True.
    """
    filters = results.filters
    forces, periods = list(filters.forces), list(filters.periods)
    statement = changes.get("statement", filters.statement)
    if "add_force" in changes:
        forces.append(changes["add_force"])
    if "remove_force" in changes:
        forces.remove(changes["remove_force"])
    if "add_period" in changes:
        periods.append(changes["add_period"])
    if "remove_period" in changes:
        periods.remove(changes["remove_period"])
    if changes.get("clear"):
        forces, periods, statement = [], [], None
    args = {
        "q": results.query,
        "force": forces or None,
        "period": periods or None,
        "statement": statement,
        "view": changes.get("view", "grouped" if results.grouped else "flat"),
        "as_typed": "1" if results.as_typed else None,
        "page": changes.get("page") if changes.get("page", 1) != 1 else None,
    }
    return url_for(endpoint, **{name: value for name, value in args.items() if value is not None})
