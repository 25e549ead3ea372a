"""Search URLs that keep the current query and filters while changing one thing.

A results page carries dozens of links (hits, filters, pages); building each
with url_for costs more than searching. Here the path of each endpoint is
built by url_for once per app and mount point, and the query string is
encoded as url_for encodes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlencode

from flask import current_app, request, url_for

import index

# Characters url_for leaves as they are in a query string.
QUERY_SAFE = "!$'()*,/:;?@"
# The most paths path_for keeps (a page needs a dozen; a statement path is built from one of them).
PATHS_KEPT = 256
# What a statement's slug is made of (index.text.statements.slugify).
SLUG = re.compile(r"[a-z0-9-]+")


def path_for(endpoint: str, **values) -> str:
    """url_for(endpoint, **values) without a query string, built once per app and mount point.

    A path depends only on where the app is mounted (the request's script root) and, for an
    external URL, on the host it was asked for; at most PATHS_KEPT are kept.
    """
    key = (request.script_root, request.host_url if values.get("_external") else None, endpoint, *values.items())
    paths = current_app.extensions.setdefault("link_paths", {})
    path = paths.get(key)
    if path is None:
        if len(paths) >= PATHS_KEPT:
            paths.clear()
        path = paths[key] = url_for(endpoint, **values)
    return path


@lru_cache(maxsize=512, typed=True)
def encoded(name: str, value: str | int) -> str:
    """One "name=value" of a query string, as urlencode writes it (a page repeats the same ones;
    at most 512 kept, each at most a few KiB)."""
    return urlencode([(name, value)], safe=QUERY_SAFE)


def query_string(args: dict) -> str:
    """`args` as a query string: None values left out, lists repeated."""
    return "&".join(
        encoded(name, item)
        for name, value in args.items()
        if value is not None
        for item in (value if isinstance(value, (list, tuple)) else [value])
    )


def with_query(path: str, args: dict, anchor: str | None = None) -> str:
    """`path` with `args` as its query string (None values left out, lists repeated) and `anchor`."""
    query = query_string(args)
    url = f"{path}?{query}" if query else path
    return f"{url}#{anchor}" if anchor else url


def statement_path(slug: str, external: bool = False) -> str:
    """The path of a statement page, or its absolute URL when `external`. A slug
    (index.text.statements.slugify) is letters, digits and hyphens, which url_for writes as they
    are: its path is the endpoint's path for any such slug with the slug swapped in, so
    path_for keeps one path, not one per statement."""
    if not SLUG.fullmatch(slug):
        return path_for("pages.statement", slug=slug, _external=external)
    return path_for("pages.statement", slug="-", _external=external)[:-1] + slug


def statement_url(slug: str, anchor: str | None = None, **args) -> str:
    """The URL of a statement page (of one of its paragraphs, with `anchor` "pN"), with `args`."""
    return with_query(statement_path(slug), args, anchor)


def hit_urls(hits: Iterable[index.Hit], results: index.ResultsPage | None = None) -> list[str]:
    """The link of each hit, to its paragraph on its statement page; from a results page, with
    the query (which marks the words there) and the state "Back to results" returns to. The
    query string is built once for all the hits."""
    query = query_string({"q": results.query or None, **results_state(results)}) if results else ""
    ending = f"?{query}#" if query else "#"
    return [f"{statement_path(hit.statement)}{ending}{hit.anchor}" for hit in hits]


def permanent_url(slug: str, number: int) -> str:
    """The absolute, permanent link to paragraph `number` of a statement (https://host/statements/<slug>#pN)."""
    return with_query(statement_path(slug, external=True), {}, f"p{number}")


def results_args(results: index.ResultsPage) -> dict:
    """What the address of `results` says, by query-string name (None: left out): the one
    spelling of a search's state that links, downloads and the search form build on."""
    filters = results.filters
    return {
        "q": results.query,
        "force": list(filters.forces) or None,
        "period": list(filters.periods) or None,
        "statement": filters.statement,
        "view": "grouped" if results.grouped else "flat",
        "sort": results.sort if results.sort != "relevance" else None,
        "as_typed": "1" if results.as_typed else None,
        # Results as you type are a preview: every link from them (hits, filters, pages, downloads,
        # the address bar) carries Enter's address, so a shared link shows what Enter shows.
        "live": None,
        "page": results.page if results.page > 1 else None,
    }


def results_state(results: index.ResultsPage) -> dict:
    """The filters, view and page of `results` that a link to a statement carries, so that its
    "Back to results" returns to them (only what differs from a plain search)."""
    state = {**results_args(results), "q": None}
    if state["view"] == "grouped":
        state["view"] = None
    return {name: value for name, value in state.items() if value is not None}


def kept_by_a_new_search(results: index.ResultsPage) -> list[tuple[str, str]]:
    """(name, value) of the search form's hidden fields: a new search keeps the chosen filters,
    view and order."""
    args = results_args(results)
    return [
        (name, value)
        for name in ("force", "period", "statement", "view", "sort")
        for value in (args[name] if isinstance(args[name], list) else [args[name]])
        if value is not None
    ]


def back_to_results(query: str, args) -> str:
    """The results URL a statement page's "Back to results" goes to, from the state its link
    carried (`args`: the request's query string); values that cannot be a search's are dropped."""
    forces = args.getlist("force")[: index.MAX_FILTER_VALUES]
    periods = args.getlist("period")[: index.MAX_FILTER_VALUES]
    view = args.get("view") if args.get("view") in ("flat", "grouped") else None
    page = args.get("page", "")
    page = int(page) if re.fullmatch(r"[0-9]{1,3}", page) and 1 < int(page) <= index.MAX_PAGE else None
    sort = args.get("sort") if args.get("sort") in index.SORTS[1:] else None
    state = {"q": query, "force": forces or None, "period": periods or None,
             "statement": args.get("statement") or None, "view": view, "sort": sort,
             "as_typed": "1" if args.get("as_typed") == "1" else None,
             # Enter's address, even from a statement opened with live=1: results as you type are a preview.
             "live": None, "page": page}
    return with_query(path_for("pages.search_page"), state)


def search_url(results: index.ResultsPage, endpoint: str = "pages.search_page", **changes) -> str:
    """The URL of `results` with `changes` applied.

    changes: q=words, as_typed=True/False, page=N, view="flat"/"grouped", sort=order, statement=slug or None,
    add_force/remove_force=name, add_period/remove_period=period, clear=True.
    """
    args = results_args(results)
    forces, periods = args["force"] or [], args["period"] or []
    if "add_force" in changes:
        forces.append(changes["add_force"])
    if "remove_force" in changes:
        forces.remove(changes["remove_force"])
    if "add_period" in changes:
        periods.append(changes["add_period"])
    if "remove_period" in changes:
        periods.remove(changes["remove_period"])
    args.update(force=forces or None, period=periods or None, statement=changes.get("statement", args["statement"]))
    if changes.get("clear"):
        args.update(force=None, period=None, statement=None)
    if "q" in changes:
        # Results as you type keep their reading of the last word, until other words are searched.
        args.update(q=changes["q"], live=None)
    if "view" in changes:
        args["view"] = changes["view"]
    if "sort" in changes:
        args["sort"] = changes["sort"] if changes["sort"] != "relevance" else None
    if "as_typed" in changes:
        args["as_typed"] = "1" if changes["as_typed"] else None
    # A link goes to the first page unless it names another.
    args["page"] = changes.get("page") if changes.get("page", 1) != 1 else None
    return with_query(path_for(endpoint), args)


def export_url(results: index.ResultsPage, endpoint: str) -> str:
    """The download of `results` from `endpoint`: the same words, filters, order and as_typed
    (every matching paragraph, so neither the view nor the page)."""
    args = {**results_args(results), "view": None, "page": None}
    return with_query(path_for(endpoint), args)
