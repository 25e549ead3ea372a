"""Regenerate the README's screenshots: serve the app on 127.0.0.1, drive Debian's chromium.

    .venv/bin/python scripts/screenshots.py

Uses the seed statement plus the invented statements of tests/relevance (several
years of some forces among them), so the pages show facets, grouping, the chart and
a comparison of two years (Northshire's, from the tests' corpora). Writes docs/screenshots/*.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from waitress import create_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from webapp import create_app  # noqa: E402

CHROMIUM = "/usr/lib/chromium/chromium"
OUT = ROOT / "docs" / "screenshots"
SHOTS = [
    # (file, width, height, path, full page)
    ("desktop-results.png", 1280, 1000, "/search?q=domestic+abuse", False),
    ("phone-results.png", 390, 844, "/search?q=domestic+abuse", False),
    ("phone-statement.png", 390, 844, "/statements/west-midlands-2021-22?q=workforce#p6", False),
    ("desktop-compare.png", 1280, 1000, "/compare/northshire-2021-22/northshire-2022-23", False),
]


def main() -> None:
    """Serve a demonstration corpus and take the screenshots."""
    work = Path(tempfile.mkdtemp())
    data = work / "data"
    data.mkdir()
    relevance = ROOT / "tests" / "relevance"
    northshire = [ROOT / "tests/corpus/northshire-2022-23.txt", ROOT / "tests/corpus-compare/northshire-2021-22.txt"]
    for source in [*sorted((ROOT / "data").glob("*.txt")), *sorted(relevance.glob("statements/*.txt")), *sorted(relevance.glob("rivals/*.txt")), *northshire]:
        shutil.copy(source, data / source.name)
    app = create_app({"DATA_DIR": data, "INDEX_DIR": work / "index"})
    server = create_server(app, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, width, height, path, full in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(base + path)
            if "/compare/" in path:  # the rows, not the key above them
                page.locator(".comparison").scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, document.querySelector('.comparison').getBoundingClientRect().top - 72)")
            page.screenshot(path=str(OUT / name), full_page=full)
            print(f"wrote {OUT / name}")
            page.close()
        browser.close()
    server.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
