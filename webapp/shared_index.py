"""The one index this app reads: opened once per process, built first when stale."""

from __future__ import annotations

import threading

import click
from flask import Flask, current_app

import index

EXTENSION = "statement_index"


class IndexState:
    """The shared index of one app, and whether its start-up build has run."""

    def __init__(self, app: Flask):
        self.index = index.open_index(app.config["INDEX_DIR"], int(app.config["RESULT_CACHE_SIZE"]))
        self._ready = False
        self._lock = threading.Lock()

    def ensure_built(self, app: Flask) -> None:
        """Build the index once if it is missing or stale (when AUTO_BUILD is on)."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            if app.config["AUTO_BUILD"]:
                try:
                    report = index.build_index(
                        app.config["DATA_DIR"],
                        app.config["INDEX_DIR"],
                        full=False,
                        wait=float(app.config["BUILD_WAIT_SECONDS"]),
                    )
                except Exception as error:  # noqa: BLE001 - start-up must not die while an index can serve
                    app.logger.error("Could not build the search index (the last good one, if any, serves): %s", error)
                else:
                    log_report(app, report)
            self._ready = True


def log_report(app: Flask, report: index.BuildReport) -> None:
    """Log what a start-up build did, and every statement file it skipped."""
    if report.built:
        app.logger.info(
            "Built the search index: %d statement%s, %d paragraph%s in %.2f s",
            report.statements, "" if report.statements == 1 else "s",
            report.paragraphs, "" if report.paragraphs == 1 else "s", report.seconds,
        )
    for problem in report.skipped:
        app.logger.warning("Skipped statement file %s", problem)
    for source, problem in report.provenance:
        app.logger.warning("Indexed %s without a line: %s", source, problem)


def init_app(app: Flask) -> None:
    """Attach the shared index to `app`; build it now unless a CLI command is starting."""
    state = IndexState(app)
    app.extensions[EXTENSION] = state
    if click.get_current_context(silent=True) is None:
        state.ensure_built(app)
    else:
        # Under `flask ...` the command may be the build itself: serve-time
        # commands build on their first request instead.
        app.before_request(lambda: state.ensure_built(app))


def get_index() -> index.StatementIndex:
    """The shared index of the current app."""
    return current_app.extensions[EXTENSION].index
