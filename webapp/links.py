"""Search URLs that keep the current query and filters while changing one thing."""

from __future__ import annotations

import re

from flask import url_for

import index


def results_state(results: index.ResultsPage) -> dict:
    """The filters, view and page of `results` that a link to a statement carries, so that its
    "Back to results" returns to them (only what differs from a plain search)."""
    state = {
        "force": list(results.filters.forces) or None,
        "period": list(results.filters.periods) or None,
        "statement": results.filters.statement,
        "view": None if results.grouped else "flat",
        "page": results.page if results.page > 1 else None,
        "as_typed": "1" if results.as_typed else None,
    }
    return {name: value for name, value in state.items() if value is not None}


def back_to_results(query: str, args) -> str:
    """The results URL a statement page's "Back to results" goes to, from the state its link
    carried (`args`: the request's query string); values that cannot be a search's are dropped."""
    forces = args.getlist("force")[: index.MAX_FILTER_VALUES]
    periods = args.getlist("period")[: index.MAX_FILTER_VALUES]
    view = args.get("view") if args.get("view") in ("flat", "grouped") else None
    page = args.get("page", "")
    page = int(page) if re.fullmatch(r"[0-9]{1,3}", page) and 1 < int(page) <= index.MAX_PAGE else None
    state = {"q": query, "force": forces or None, "period": periods or None,
             "statement": args.get("statement") or None, "view": view, "page": page,
             "as_typed": "1" if args.get("as_typed") == "1" else None}
    return url_for("pages.search_page", **{name: value for name, value in state.items() if value is not None})


def search_url(results: index.ResultsPage, endpoint: str = "pages.search_page", **changes) -> str:
    """The URL of `results` with `changes` applied.

    changes: q=words, as_typed=True/False, page=N, view="flat"/"grouped", statement=slug or None,
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
        "q": changes.get("q", results.query),
        "force": forces or None,
        "period": periods or None,
        "statement": statement,
        "view": changes.get("view", "grouped" if results.grouped else "flat"),
        "as_typed": "1" if changes.get("as_typed", results.as_typed) else None,
        "page": changes.get("page") if changes.get("page", 1) != 1 else None,
    }
    return url_for(endpoint, **{name: value for name, value in args.items() if value is not None})
