"""Pages and their JSON twins. Every view asks `index` and renders what it gets back."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date
from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, url_for

import index

from . import citations
from .links import (
    back_to_results,
    hit_urls,
    kept_by_a_new_search,
    path_for,
    search_url,
    statement_url,
)
from .pagination import page_numbers
from .shared_index import get_index
from .wording import chart_summary, paragraphs_in_statements, percent, statements_matching

bp = Blueprint("pages", __name__)

# The results page lists this many forces to narrow by (the JSON API lists index.results.facets.LISTED_FORCES).
FORCES_SHOWN = 25


class BadRequest(ValueError):
    """Input we refuse with a 400 and a message the person can act on."""


def paragraph_url(slug: str, number: int) -> str:
    """The clean, shareable link to one paragraph."""
    return statement_url(slug, f"p{number}")


def page_number() -> int:
    """The `page` argument as a whole number (BadRequest if it is not one)."""
    raw = request.args.get("page", "1").strip()
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,6}", raw):
        raise BadRequest(f"The page must be a whole number from 1 to {index.MAX_PAGE}.")
    return int(raw)


def filters() -> index.Filters:
    """The force, period and statement filters of the request."""
    return index.Filters(
        forces=tuple(dict.fromkeys(v.strip() for v in request.args.getlist("force") if v.strip())),
        periods=tuple(dict.fromkeys(index.filter_period(v) for v in request.args.getlist("period") if v.strip())),
        statement=request.args.get("statement", "").strip() or None,
    )


def as_typed() -> bool:
    """True for ?as_typed=1: search the words exactly as typed, correcting none."""
    value = request.args.get("as_typed", "")
    if value not in ("", "1"):
        raise BadRequest("as_typed must be 1, or left out.")
    return value == "1"


def sort_order() -> str:
    """The ?sort= order of results ("relevance" when left out; search() refuses others)."""
    return request.args.get("sort", "").strip() or "relevance"


def live() -> bool:
    """True for ?live=1 (results as you type): the last word counts as the start of a word."""
    value = request.args.get("live", "")
    if value not in ("", "1"):
        raise BadRequest("live must be 1, or left out.")
    return value == "1"


def grouped_view(default: bool) -> bool:
    """True for ?view=grouped, False for ?view=flat, `default` otherwise."""
    view = request.args.get("view", "")
    if view not in ("", "grouped", "flat"):
        raise BadRequest("The view must be 'grouped' or 'flat'.")
    return default if not view else view == "grouped"


def run_search(text: str, grouped_by_default: bool) -> index.ResultsPage:
    """The one search call behind the results page and /api/search."""
    try:
        results = index.search(
            get_index(),
            text,
            page=page_number(),
            page_size=int(current_app.config["RESULTS_PER_PAGE"]),
            time_limit=float(current_app.config["SEARCH_TIME_LIMIT"]),
            filters=filters(),
            grouped=grouped_view(grouped_by_default),
            as_typed=as_typed(),
            sort=sort_order(),
            complete_last=live(),
        )
        index.check_page_reached(results)
    except index.QueryError as error:
        raise BadRequest(str(error)) from None
    return results


def page_results(text: str) -> index.ResultsPage:
    """The results page's search (BadRequest if it cannot run)."""
    # With many statements, the best paragraph of each is the better first view.
    return run_search(text, grouped_by_default=get_index().statement_count() > 1)


def same_words_json(others: tuple[index.SameWords, ...]) -> list[dict]:
    """The other years that say the same, figures aside, as the JSON API shows them: each with its link."""
    return [{**asdict(other), "url": paragraph_url(other.statement, other.paragraph)} for other in others]


def hit_json(hit: index.Hit, accessed: date) -> dict:
    """A hit as the JSON API shows it, with its citation (None if its statement has just left the index)."""
    data = asdict(hit)
    data["url"] = paragraph_url(hit.statement, hit.paragraph)
    data["same_words"] = same_words_json(hit.same_words)
    info = get_index().statement_info(hit.statement)
    data["citation"] = citations.citation(info, hit.paragraph, accessed) if info else None
    # The force's page: its statements and subjects over the years.
    data["force_url"] = force_url(hit.force)
    return data


def missing_data_folder() -> str | None:
    """A sentence naming the data folder when it does not exist (None when it does)."""
    folder = Path(current_app.config["DATA_DIR"])
    return None if folder.is_dir() else f"The data folder {folder} does not exist."


@bp.get("/")
def home():
    """The home page: a search box and what can be searched (503 when there is no index yet)."""
    shared, missing = get_index(), missing_data_folder()
    try:
        count, first = shared.statement_count(), shared.statements(limit=5)
    except index.IndexUnavailable:
        if missing is None:
            raise
        # Say why there is nothing to search, rather than only that the index is not ready.
        current_app.logger.error("Search index unavailable: %s", missing)
        return render_template("home.html", count=0, first=[], missing_data=missing), 503
    return render_template("home.html", count=count, first=first, missing_data=missing)


bp.add_app_template_global(kept_by_a_new_search)
bp.add_app_template_global(statement_url)
bp.add_app_template_global(hit_urls)
bp.add_app_template_global(path_for)
bp.add_app_template_global(FORCES_SHOWN, "FORCES_SHOWN")
bp.add_app_template_global(page_numbers)
bp.add_app_template_filter(percent)
bp.add_app_template_filter(paragraphs_in_statements)
bp.add_app_template_filter(statements_matching)
bp.add_app_template_filter(chart_summary)
bp.add_app_template_global(index.named_forces)


@bp.app_template_global()
def results_url(results: index.ResultsPage, **changes) -> str:
    """The current results' URL with one thing changed (for templates)."""
    return search_url(results, **changes)


@bp.app_template_global()
def statement_name(slug: str) -> str:
    """"Force Period" of a statement, for the chip of a within-statement search (the slug if unknown)."""
    info = get_index().statement_info(slug)
    return f"{info.force} {info.period}" if info else slug


@bp.get("/search")
def search_page():
    """The results page for ?q=...&page=..., or an invitation to search when q is empty."""
    text = request.args.get("q", "")
    if not text.strip():
        return render_template("search.html", query="", results=None)
    try:
        results = page_results(text)
    except BadRequest as error:
        # The box gives back what it can hold: a query too long to search is cut to the length allowed.
        return render_template("search.html", query=text[: index.MAX_QUERY_CHARS], results=None, error=str(error)), 400
    return render_template("search.html", query=text, results=results)


@bp.get("/api/search")
def search_api():
    """JSON results for ?q=...&page=...; 400 with {"error": ...} for bad input."""
    text = request.args.get("q", "")
    if not text.strip():
        raise BadRequest("Add a search query: /api/search?q=words")
    results = run_search(text, grouped_by_default=False)
    data = asdict(results)
    accessed = citations.today()
    data["hits"] = [hit_json(hit, accessed) for hit in results.hits]
    return jsonify(data)


def sorted_statements() -> tuple[str, list[index.StatementInfo]]:
    """The request's sort order ("force" or "period") and the statements in it."""
    order = request.args.get("sort", "force")
    if order not in ("force", "period"):
        raise BadRequest("Sort by 'force' or 'period'.")
    infos = get_index().statements()
    if order == "period":
        infos = sorted(infos, key=lambda info: info.force.lower())
        infos.sort(key=lambda info: info.period, reverse=True)
    return order, infos


@bp.get("/statements")
def statements():
    """Every statement in the index, grouped by force (or by period with ?sort=period)."""
    order, infos = sorted_statements()
    key = (lambda info: info.force) if order == "force" else (lambda info: info.period)
    groups = {}
    for info in infos:
        groups.setdefault(key(info), []).append(info)
    return render_template("statements.html", order=order, groups=groups, count=len(infos))


@bp.get("/api/statements")
def statements_api():
    """Every statement in the index, as JSON (?sort=force or period)."""
    order, infos = sorted_statements()
    return jsonify(
        {
            "sort": order,
            "statements": [
                {**asdict(info), "url": url_for("pages.statement", slug=info.slug)} for info in infos
            ],
        }
    )


@bp.get("/statements/<slug>")
def statement(slug: str):
    """One statement, every paragraph with its permalink; ?q= marks the query's words."""
    shown = index.statement_page(get_index(), slug, request.args.get("q", ""), as_typed=as_typed(), complete_last=live())
    if shown is None:
        abort(404, description=f"There is no statement called “{slug}”.")
    shared = get_index()
    accessed = citations.today()
    return render_template(
        "statement.html",
        shown=shown,
        citations={p.number: citations.citation(shown.statement, p.number, accessed) for p in shown.paragraphs},
        back_to=back_to_results(shown.highlight, request.args) if shown.highlight else None,
        others=shared.statement_count() > 1,
        periods=shared.periods_of(shown.statement.force),
    )


@bp.get("/api/statements/<slug>")
def statement_api(slug: str):
    """One statement and its paragraphs, as JSON, each paragraph with its citation."""
    shown = index.statement_page(get_index(), slug)
    if shown is None:
        abort(404, description=f"There is no statement called “{slug}”.")
    accessed = citations.today()
    return jsonify(
        {
            **asdict(shown.statement),
            "url": url_for("pages.statement", slug=slug),
            "paragraphs": [
                {
                    "number": p.number,
                    "text": p.text,
                    "url": paragraph_url(slug, p.number),
                    "citation": citations.citation(shown.statement, p.number, accessed),
                    "same_words": same_words_json(p.same_words),
                }
                for p in shown.paragraphs
            ],
        }
    )


@bp.get("/statements/<slug>/p<int:number>/similar")
def similar(slug: str, number: int):
    """Paragraphs of other statements that say something similar to one paragraph."""
    alike = index.similar_paragraphs(get_index(), slug, number)
    if alike is None:
        abort(404, description=f"There is no paragraph {number} in a statement called “{slug}”.")
    return render_template("similar.html", alike=alike)


@bp.get("/api/statements/<slug>/p<int:number>/similar")
def similar_api(slug: str, number: int):
    """Similar paragraphs of other statements, as JSON."""
    alike = index.similar_paragraphs(get_index(), slug, number)
    if alike is None:
        abort(404, description=f"There is no paragraph {number} in a statement called “{slug}”.")
    return jsonify(
        {
            "statement": slug,
            "paragraph": number,
            "url": paragraph_url(slug, number),
            "text": alike.text,
            "key_terms": list(alike.key_terms),
            "hits": [hit_json(hit, citations.today()) for hit in alike.hits],
        }
    )


@bp.app_template_global()
def compare_url(one: index.StatementInfo, other: index.StatementInfo) -> str:
    """The address of two statements' comparison, older first (the address it is served at)."""
    older, newer = index.older_first(one, other)
    return url_for("pages.compare", slug=older.slug, other=newer.slug)


def compared(slug: str, other: str) -> index.Comparison:
    """The comparison behind the page and its JSON twin (404 for an unknown statement, 400 for two
    that cannot be compared)."""
    shared = get_index()
    try:
        comparison = index.compare_statements(shared, slug, other)
    except index.NotComparable as error:
        raise BadRequest(str(error)) from None
    if comparison is None:
        missing = slug if shared.statement_info(slug) is None else other
        abort(404, description=f"There is no statement called “{missing}”.")
    return comparison


def statement_json(info: index.StatementInfo) -> dict:
    """A compared statement as the JSON API shows it."""
    url = url_for("pages.statement", slug=info.slug)
    return {"slug": info.slug, "force": info.force, "period": info.period, "url": url}


def paragraph_json(slug: str, number: int | None, text: str | None = None) -> dict | None:
    """A paragraph of a comparison as JSON: number, url and (when given) text; None for no paragraph."""
    if number is None:
        return None
    data = {"paragraph": number, "url": paragraph_url(slug, number)}
    if text is not None:
        data["text"] = text
    return data


@bp.get("/compare/<slug>/<other>")
def compare(slug: str, other: str):
    """Two periods of one force's statement side by side, older first (redirected there if not)."""
    comparison = compared(slug, other)
    if comparison.older.slug != slug:
        return redirect(compare_url(comparison.older, comparison.newer), 301)
    return render_template("compare.html", comparison=comparison)


@bp.get("/api/compare/<slug>/<other>")
def compare_api(slug: str, other: str):
    """Two periods of one force's statement compared, as JSON (older first, redirected there if not)."""
    comparison = compared(slug, other)
    older, newer = comparison.older, comparison.newer
    if older.slug != slug:
        return redirect(url_for("pages.compare_api", slug=older.slug, other=newer.slug), 301)
    rows = [compared_row_json(row, older, newer) for row in comparison.rows]
    summary = {**comparison.changes, "kinds": comparison.counts}
    return jsonify({"older": statement_json(older), "newer": statement_json(newer), "summary": summary, "rows": rows})


def compared_row_json(row: index.ComparisonRow, older: index.StatementInfo, newer: index.StatementInfo) -> dict:
    """One subject of a comparison as JSON: its change and subject kind, confidence, every paragraph of each side."""
    return {
        # What `kind` has always meant: same, changed, added (newer only) or removed (older only).
        "kind": row.change,
        # What became of the subject: same, updated, rewritten, moved, merged, split, new or dropped.
        "subject": row.kind,
        "confidence": row.confidence,
        # The first paragraph of each side (null for none), as before merges and splits.
        "older": paragraph_json(older.slug, row.older_number, row.older_text),
        "newer": paragraph_json(newer.slug, row.newer_number, row.newer_text),
        "older_paragraphs": [paragraph_json(older.slug, n, t) for n, t in zip(row.older_numbers, row.older_texts)],
        "newer_paragraphs": [paragraph_json(newer.slug, n, t) for n, t in zip(row.newer_numbers, row.newer_texts)],
        "diff": [{"op": op, "text": text} for op, text in row.changed_words],
        "key_terms": list(row.key_terms),
        # A moved subject's row stands where its paragraph stands in the newer statement (rows follow its
        # reading order): `moved` is where it stood on the other side, in the older one.
        "moved": paragraph_json(older.slug, row.moved),
    }


# ---- provenance: where and when a statement was published ---------------------

bp.add_app_template_global(citations.published_on, "published_on")


# ---- forces: each force's statements and its subjects over the years ----------


@bp.app_template_global()
def force_url(force: str) -> str:
    """The address of a force's page."""
    return url_for("pages.force", slug=index.force_slug(force))


def force_summary_json(name: str, infos: list[index.StatementInfo]) -> dict:
    """A force as /api/forces lists it."""
    return {
        "force": name,
        "slug": index.force_slug(name),
        "url": force_url(name),
        "statements": len(infos),
        "periods": [info.period for info in infos],
    }


@bp.get("/forces")
def forces_page():
    """Every force, with its periods."""
    return render_template("forces.html", forces=index.force_list(get_index()))


@bp.get("/api/forces")
def forces_api():
    """Every force, with its periods, as JSON."""
    return jsonify({"forces": [force_summary_json(name, infos) for name, infos in index.force_list(get_index())]})


def force_or_404(slug: str) -> index.ForceYears:
    """The force at `slug` with its statements and chains (404 when there is none)."""
    years = index.force_years(get_index(), slug)
    if years is None:
        abort(404, description=f"There is no force called “{slug}”.")
    return years


def comparisons_of(infos) -> list[tuple[index.StatementInfo, index.StatementInfo]]:
    """Every two periods of one force, older first, the nearest first."""
    pairs = [(older, newer) for at, older in enumerate(infos) for newer in infos[at + 1 :]]
    return sorted(pairs, key=lambda pair: (infos.index(pair[1]) - infos.index(pair[0]), pair[0].period))


@bp.get("/forces/<slug>")
def force(slug: str):
    """One force: its statements in period order, a search of them, its subjects over the years."""
    years = force_or_404(slug)
    return render_template("force.html", years=years, comparisons=comparisons_of(list(years.statements)))


@bp.get("/api/forces/<slug>")
def force_api(slug: str):
    """One force, its statements and its subjects' chains, as JSON."""
    years = force_or_404(slug)
    infos = list(years.statements)
    return jsonify(
        {
            "force": years.force,
            "slug": years.slug,
            "url": force_url(years.force),
            "search_url": url_for("pages.search_page", force=years.force),
            "statements": [
                {"slug": info.slug, "period": info.period, "paragraphs": info.paragraphs,
                 "url": url_for("pages.statement", slug=info.slug)}
                for info in infos
            ],
            "chains": [
                {
                    "label": list(chain.label),
                    "steps": [
                        {"statement": step.statement.slug, "period": step.statement.period,
                         "paragraphs": [paragraph_json(step.statement.slug, n) for n in step.paragraphs]}
                        for step in chain.steps
                    ],
                }
                for chain in years.chains
            ],
            "comparisons": [
                {"older": older.period, "newer": newer.period, "url": compare_url(older, newer),
                 "api": url_for("pages.compare_api", slug=older.slug, other=newer.slug)}
                for older, newer in comparisons_of(infos)
            ],
        }
    )


@bp.get("/favicon.ico")
def favicon():
    """The site's icon where browsers look for it unasked (the pages link the same SVG)."""
    return current_app.send_static_file("favicon.svg")


@bp.get("/opensearch.xml")
def opensearch():
    """The OpenSearch description, so browsers can add the site to their address bar."""
    body = render_template("opensearch.xml", root=request.host_url.rstrip("/"))
    return current_app.response_class(body, mimetype="application/opensearchdescription+xml")


@bp.get("/healthz")
def health():
    """200 with index facts when the index serving is whole (status "degraded", with what is wrong,
    when a newer one could not be opened or the data folder is missing, and it still serves); 503
    and a log line when it is not."""
    shared = get_index()
    problems = shared.problems()
    missing = missing_data_folder()
    if problems:
        problems = [missing, *problems] if missing else problems
        current_app.logger.error("Search index unhealthy: %s", "; ".join(problems))
        return jsonify({"status": "unhealthy", "problems": problems}), 503
    manifest = shared.manifest()
    facts = {
        "status": "ok",
        "statements": manifest.get("statements"),
        "paragraphs": manifest.get("paragraphs"),
        "built_at": manifest.get("built_at"),
        # Statement files the build could not index, and why: an operator's to-do list.
        "skipped": manifest.get("skipped", []),
        # Source: and Published: lines left out of statements that were indexed (file, problem).
        "provenance": manifest.get("provenance", []),
    }
    # An index still serves when its data folder has gone, but the next build has nothing to read.
    warnings = ([missing] if missing else []) + list(shared.warnings())
    if warnings:
        current_app.logger.error("Search index degraded: %s", "; ".join(warnings))
        facts.update(status="degraded", problems=warnings)
    return jsonify(facts)
