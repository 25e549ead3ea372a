"""Statement Search's web app: `create_app()` builds it.

Run it with any WSGI server, e.g. `waitress-serve --call webapp:create_app`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask

from . import cli, errors, exports, feeds, headers, shared_index, views
from .config import default_config


def create_app(test_config: dict | None = None) -> Flask:
    """Make the app: defaults, then instance/config.py, then FLASK_* variables (or `test_config`)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(default_config(app.instance_path))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env()
    else:
        app.config.from_mapping(test_config)
    for name in ("DATA_DIR", "INDEX_DIR"):
        app.config[name] = os.fspath(Path(app.config[name]).expanduser())
    if int(app.config["EXPORT_MAX_ROWS"]) < 1:
        raise ValueError("FLASK_EXPORT_MAX_ROWS must be 1 or more: the most rows a download holds.")

    if app.logger.level == logging.NOTSET:
        # Say what the start-up build did; Flask's default would hide INFO.
        app.logger.setLevel(logging.INFO)

    app.register_blueprint(views.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(feeds.bp)
    errors.init_app(app)
    headers.init_app(app)
    cli.init_app(app)
    shared_index.init_app(app)
    return app
