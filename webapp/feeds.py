"""An Atom feed of every search: `/search.atom?q=...` takes the parameters of `/search` and lists
the matching paragraphs newest period first, so a feed reader follows a subject as new statements
arrive. Each entry is one paragraph: its permalink, force, period and marked text."""

from __future__ import annotations

import re

from flask import Blueprint, current_app, render_template, request

import index

from .links import path_for, permanent_url, results_args, with_query
from .shared_index import get_index
from .views import BadRequest, as_typed, filters, page_number

bp = Blueprint("feeds", __name__)

# Paragraphs in one feed document (a page of the feed; ?page=2 gives the next ones).
FEED_ENTRIES = 50
# Characters XML 1.0 cannot hold at all, not even escaped: left out of everything the feed says.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@bp.app_template_filter()
def xml_text(value) -> str:
    """`value` as text XML can hold (autoescaping then escapes its markup characters)."""
    return NOT_XML.sub("", str(value))


@bp.app_template_global()
def feed_url(results: index.ResultsPage) -> str:
    """The feed of `results`: the same words and filters (its own order, page and view)."""
    args = {**results_args(results), "view": None, "sort": None, "live": None, "page": None}
    return with_query(path_for("feeds.search_feed"), args)


def feed_title(results: index.ResultsPage) -> str:
    """What a feed reader calls the feed: the words, and the filters if any."""
    chosen = results.filters.chosen()
    narrowed = f" ({', '.join(chosen)})" if chosen else ""
    return f"Statement Search: {results.query}{narrowed}"


@bp.get("/search.atom")
def search_feed():
    """The Atom feed of a search, newest period first (400 for what /search refuses)."""
    text = request.args.get("q", "")
    if not text.strip():
        raise BadRequest("Add a search query: /search.atom?q=words")
    try:
        results = index.search(
            get_index(),
            text,
            page=page_number(),
            page_size=FEED_ENTRIES,
            time_limit=float(current_app.config["SEARCH_TIME_LIMIT"]),
            filters=filters(),
            as_typed=as_typed(),
            sort="newest",
        )
        index.check_page_reached(results)
    except index.QueryError as error:
        raise BadRequest(str(error)) from None
    query = request.query_string.decode("ascii", "replace")
    body = render_template(
        "feed.xml",
        results=results,
        title=feed_title(results),
        updated=get_index().manifest().get("built_at") or "1970-01-01T00:00:00Z",
        self_url=request.host_url.rstrip("/") + path_for("feeds.search_feed") + f"?{query}",
        page_url=request.host_url.rstrip("/") + path_for("pages.search_page") + f"?{query}",
        entries=[(hit, permanent_url(hit.statement, hit.paragraph)) for hit in results.hits],
    )
    return current_app.response_class(body, mimetype="application/atom+xml")
