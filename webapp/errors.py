"""Every failure as a page in the site's layout, or JSON under /api/: never a stack trace."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound

import index

from .views import BadRequest

TITLES = {
    400: "That request could not be understood",
    404: "Page not found",
    405: "Method not allowed",
    413: "Request too large",
    500: "Something went wrong",
    503: "Search is not available right now",
}


def wants_json() -> bool:
    """True for the JSON API and JSON downloads, whose errors are JSON too."""
    return request.path.startswith("/api/") or request.path in ("/healthz", "/search.json")


def error_response(status: int, message: str):
    """An error as JSON {"error": message} or as a page, with `status`."""
    if wants_json():
        return make_response(jsonify({"error": message}), status)
    title = TITLES.get(status, "Error")
    page = render_template("errors/error.html", status=status, title=title, message=message)
    return make_response(page, status)


def handle_http(error: HTTPException):
    """Flask's own errors (404, 405, ...) in our layout."""
    message = error.description
    if message == NotFound.description:
        message = "There is no page at this address. Check the link, or search the statements."
    response = error_response(error.code or 500, message)
    if error.code == 405:
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods or ["GET", "HEAD"]))
    return response


def handle_bad_request(error: BadRequest):
    """Input we refuse, with the reason."""
    return error_response(400, str(error))


def handle_unavailable(error: index.IndexUnavailable):
    """No index to read: 503 (details go to the log, not to the visitor)."""
    current_app.logger.error("Search index unavailable: %s", error)
    return error_response(
        503, "The search index is not ready. Please try again in a few minutes."
    )


def handle_unexpected(error: Exception):
    """Anything else: logged with its traceback, shown as a plain 500."""
    if isinstance(error, HTTPException):
        return handle_http(error)
    current_app.logger.exception("Unhandled error on %s", request.path)
    return error_response(500, InternalServerError.description)


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(BadRequest, handle_bad_request)
    app.register_error_handler(index.IndexUnavailable, handle_unavailable)
    app.register_error_handler(Exception, handle_unexpected)
