"""Real-browser fixtures: the app served by waitress on 127.0.0.1, Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from waitress import create_server

from webapp import create_app

# Debian's chromium package; `playwright install` cannot download browsers here.
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # no network beyond 127.0.0.1 here
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's chromium; fail (never skip) when it is missing."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"chromium not found at {CHROMIUM}: install it with scripts/install-test-tools "
            "(or set CHROMIUM_PATH)"
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@contextmanager
def serving(config: dict):
    """The base URL of the app made with `config`, served by waitress on a free 127.0.0.1 port."""
    server = create_server(create_app({"TESTING": True, **config}), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="session")
def live_server(corpus_dir, index_dir):
    """The base URL of the app on the test corpus."""
    # Three hits a page, so that the small test corpus has pages to turn.
    with serving({"DATA_DIR": corpus_dir, "INDEX_DIR": index_dir, "RESULTS_PER_PAGE": 3}) as url:
        yield url


@pytest.fixture(scope="session")
def compare_server(compare_corpus_dir, compare_index_dir):
    """The base URL of the app on the compare corpus (two forces in two periods each)."""
    with serving({"DATA_DIR": compare_corpus_dir, "INDEX_DIR": compare_index_dir}) as url:
        yield url


@pytest.fixture(scope="session")
def shared_server(shared_corpus_dir, shared_index_dir):
    """The base URL of the app on the independent corpus (../shared/corpus)."""
    with serving({"DATA_DIR": shared_corpus_dir, "INDEX_DIR": shared_index_dir}) as url:
        yield url


@pytest.fixture
def no_js_page(browser, live_server):
    """A page in a browser context with JavaScript turned off."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js_compare_page(browser, compare_server):
    """A page with JavaScript turned off, for the compare corpus."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def csp_errors(page):
    """Console messages about Content-Security-Policy violations on `page`."""
    seen = []
    page.on("console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None)
    return seen


# Invented forces with names as long as real ones get, each with a period or two: the statement
# list's table at its narrowest (a period must never break inside itself).
LONG_NAMES = [
    ("Avonmouth and Severnside", "2019/20"),
    ("Avonmouth and Severnside", "2020/21"),
    ("Greater Moorland and Fells", "2020/21"),
    ("Northshire", "2019/20"),
]


@pytest.fixture(scope="session")
def long_names_server(tmp_path_factory):
    """The base URL of the app on one-paragraph statements of forces with long names."""
    data = tmp_path_factory.mktemp("long-names")
    for force, period in LONG_NAMES:
        slug = f"{force} {period}".lower().replace(" ", "-").replace("/", "-")
        (data / f"{slug}.txt").write_text(
            f"More about this area\n\n{force} {period}\n\nThe logo of {force} Police\n\nThe force says...\n\n"
            f"{force} keeps a neighbourhood team in every town.\n\n"
            f"Disclaimer: the above statement has been prepared by {force} Police.\n",
            "utf-8",
        )
    with serving({"DATA_DIR": data, "INDEX_DIR": tmp_path_factory.mktemp("long-names-index")}) as url:
        yield url
