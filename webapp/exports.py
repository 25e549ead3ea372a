"""Downloads of every paragraph a search matches: CSV for spreadsheets, JSON for programs.

`/search.csv?q=...` and `/search.json?q=...` take the words, filters and
as_typed of a results page. A download says what it holds: the JSON is one
object with the query, filters, sort and the day it was made before its rows;
the CSV's file name carries the query, the filters, a sort other than
relevance and the day, and its last two columns, "search" and "made", repeat
the search (query, filters, sort) and the day on every row, where a
spreadsheet shows them beside the data and a sort or filter cannot lose them
(docs/downloads.md). The matching is done before the first byte is
sent, so bad input is a 400 and the headers can say whether the cap cut the
download; the rows are then written as they are read (streamed), never held
in memory as a whole file.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Iterable, Iterator

from flask import Blueprint, Response, current_app, request, stream_with_context

import index

from . import citations
from .links import export_url, permanent_url
from .shared_index import get_index
from .views import BadRequest, as_typed, filters, live, sort_order

bp = Blueprint("exports", __name__)
bp.add_app_template_global(export_url, "download_url")

# A row's columns in both downloads; the CSV adds SEARCH_COLUMNS (the JSON says them once, at the top).
ROW_COLUMNS = ("rank", "force", "period", "paragraph", "url", "score", "text", "source_url", "published")
SEARCH_COLUMNS = ("search", "made")
COLUMNS = ROW_COLUMNS + SEARCH_COLUMNS
# A spreadsheet reads a cell starting with one of these as a formula (or may, after
# trimming): such a cell gets a leading apostrophe, which shows it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The query's part of a file name, and the filters' part, at most this many characters each.
NAME_CHARS = 40
# Bytes of CSV gathered before they are sent on.
CHUNK_BYTES = 16 * 1024


def spreadsheet_safe(value):
    """`value`, with a leading apostrophe if it is text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row_values(row: index.ExportRow, info: index.StatementInfo | None = None) -> dict:
    """One row's columns (ROW_COLUMNS), in order; the URL is the paragraph's absolute, permanent
    link; the source address and publication date are its statement's (`info`), "" when unknown."""
    return {
        "rank": row.rank,
        "force": row.force,
        "period": row.period,
        "paragraph": row.paragraph,
        "url": permanent_url(row.statement, row.paragraph),
        "score": row.score,
        "text": row.text,
        "source_url": info.source_url if info else "",
        "published": info.published if info else "",
    }


def rows_of(export: index.Export, extra: dict | None = None) -> Iterator[dict]:
    """The export's rows as dicts, each with `extra` columns added."""
    shared, infos = get_index(), {}
    for row in export.rows:
        if row.statement not in infos:
            infos[row.statement] = shared.statement_info(row.statement)
        yield {**row_values(row, infos[row.statement]), **(extra or {})}


def search_description(export: index.Export) -> str:
    """What a download was made with, in one line: "query: county lines; force: Aldermoor; sort: newest"."""
    parts = [f"query: {export.query.strip()}"]
    if export.filters.forces:
        parts.append("force: " + ", ".join(export.filters.forces))
    if export.filters.periods:
        parts.append("period: " + ", ".join(export.filters.periods))
    if export.filters.statement:
        parts.append(f"statement: {export.filters.statement}")
    parts.append(f"sort: {export.sort}")
    if export.as_typed:
        parts.append("words as typed")
    return "; ".join(parts)


def csv_chunks(rows: Iterable[dict]) -> Iterator[bytes]:
    """A header row, then `rows` (dicts of COLUMNS), as UTF-8 CSV (RFC 4180 quoting, CRLF) with a
    byte-order mark so that spreadsheets read it as UTF-8; formula-like cells defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(COLUMNS)
    # The header goes at once, before any row is read: the download starts straight away.
    yield buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        writer.writerow([spreadsheet_safe(row[name]) for name in COLUMNS])
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def json_chunks(facts: dict, rows: Iterable[dict]) -> Iterator[bytes]:
    """One JSON object: `facts`, then "rows", a list of `rows` written one at a time."""
    head = json.dumps({**facts, "rows": []}, ensure_ascii=False)
    yield head[: -len("]}")].encode("utf-8")
    for number, row in enumerate(rows):
        yield (("," if number else "") + json.dumps(row, ensure_ascii=False)).encode("utf-8")
    yield b"]}"


def name_part(text: str) -> str:
    """`text` as a slug (index.slugify), at most NAME_CHARS, ending at a whole word."""
    words = index.slugify(text)
    if len(words) > NAME_CHARS:
        cut = words[: NAME_CHARS + 1]
        # End at a whole word when there is one to end at.
        words = cut.rsplit("-", 1)[0] if "-" in cut else words[:NAME_CHARS]
    return words


def file_name(query: str, extension: str, day: date, filters: index.Filters | None = None, sort: str = "relevance") -> str:
    """statement-search-<the query>[-<the filters>][-<the sort>]-<YYYY-MM-DD>.<extension>, each part
    made safe and short; the sort only when it is not relevance (the default)."""
    parts = [name_part(query) or "results"]
    if filters is not None:
        chosen = filters.chosen()
        if chosen and (filtered := name_part(" ".join(chosen))):
            parts.append(filtered)
    if sort != "relevance":
        parts.append(name_part(sort))
    return f"statement-search-{'-'.join(parts)}-{day.isoformat()}.{extension}"


def run_export(example: str) -> index.Export:
    """The request's search, every matching paragraph up to the cap (BadRequest for bad input)."""
    text = request.args.get("q", "")
    if not text.strip():
        raise BadRequest(f"Add a search query: {example}?q=words")
    try:
        return index.export_rows(
            get_index(),
            text,
            filters=filters(),
            as_typed=as_typed(),
            sort=sort_order(),
            complete_last=live(),
            limit=int(current_app.config["EXPORT_MAX_ROWS"]),
            time_limit=float(current_app.config["SEARCH_TIME_LIMIT"]),
        )
    except index.QueryError as error:
        raise BadRequest(str(error)) from None


def download(export: index.Export, body: Iterator[bytes], content_type: str, extension: str) -> Response:
    """A streamed attachment of `body`, with headers that say how much of the search it holds."""
    response = Response(stream_with_context(body), content_type=content_type)
    name = file_name(export.query, extension, citations.today(), export.filters, export.sort)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Total-Matches"] = str(export.total)
    response.headers["X-Rows-Truncated"] = "true" if export.truncated else "false"
    response.headers["X-Search-Partial"] = "true" if export.partial else "false"
    return response


@bp.get("/search.csv")
def csv_download():
    """Every paragraph a search matches, best first, up to the cap, as a CSV file."""
    export = run_export("/search.csv")
    rows = rows_of(export, {"search": search_description(export), "made": citations.today().isoformat()})
    return download(export, csv_chunks(rows), "text/csv; charset=utf-8", "csv")


@bp.get("/search.json")
def json_download():
    """Every paragraph a search matches, best first, up to the cap, as a JSON file."""
    export = run_export("/search.json")
    facts = {
        "query": export.query,
        "filters": {
            "force": list(export.filters.forces),
            "period": list(export.filters.periods),
            "statement": export.filters.statement,
        },
        "as_typed": export.as_typed,
        "sort": export.sort,
        "live": export.live,
        "suggestion": export.suggestion,
        "fallback": export.fallback,
        "partial": export.partial,
        "total": export.total,
        "exported": len(export.rows),
        "max_rows": export.limit,
        "truncated": export.truncated,
        # The day the download was made (the server's date, as citations give it).
        "made": citations.today().isoformat(),
        "search": search_description(export),
    }
    rows = rows_of(export)
    return download(export, json_chunks(facts, rows), "application/json", "json")
