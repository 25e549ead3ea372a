"""The app's settings: defaults here, then instance/config.py, then FLASK_* variables."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Every setting the app reads, with its default. README documents each one
# (a test checks), and any can be set as FLASK_<NAME> in the environment.
SETTINGS = {
    # Folder of statement files (*.txt, searched recursively).
    "DATA_DIR": str(PROJECT_ROOT / "data"),
    # Folder the built index lives in (default: <instance folder>/index).
    "INDEX_DIR": None,
    # Build the index when the app starts if it is missing or older than the data.
    "AUTO_BUILD": True,
    # Longest a starting app waits for another process's build, in seconds.
    "BUILD_WAIT_SECONDS": 600,
    # Hits per results page.
    "RESULTS_PER_PAGE": 10,
    # Seconds of matching before a search returns what it has found so far.
    "SEARCH_TIME_LIMIT": 1.0,
    # Rows a download (/search.csv, /search.json) holds at most: the best matches first.
    "EXPORT_MAX_ROWS": 5000,
    # Result pages remembered until the next build (0 turns the cache off).
    "RESULT_CACHE_SIZE": 256,
}


def default_config(instance_path: str) -> dict:
    """The defaults, with paths that depend on the instance folder filled in."""
    config = dict(SETTINGS)
    config["INDEX_DIR"] = str(Path(instance_path) / "index")
    # Only GET requests reach us; anything with a large body is refused early.
    config["MAX_CONTENT_LENGTH"] = 16 * 1024
    # Pages answer GET and HEAD only: no automatic OPTIONS either.
    config["PROVIDE_AUTOMATIC_OPTIONS"] = False
    return config
