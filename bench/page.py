"""Where an uncached search page's time goes: measured in-process, one thread, no server.

The web load gives requests/s; this splits one page into its parts, on the
same URLs, with the result cache off: Flask answering /opensearch.xml and a
constant page as large as a search page (the floor), then the whole search
page, the search alone (the page's own call, with its arguments), the
snippets within it, and the template render alone. Each figure is the best of
`rounds` passes over the URLs, per page.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from flask import render_template

from index import ResultsPage
from index.query.understand import understand
from index.results.snippets import snippet
from webapp import create_app, views
from webapp.shared_index import get_index

from .results import PageCosts

CONSTANT = "/bench/constant"


def best_ms(work, items: list, rounds: int) -> float:
    """The best of `rounds` passes of `work` over `items`, in ms per item."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for item in items:
            work(item)
        best = min(best, time.perf_counter() - started)
    return best / len(items) * 1000


def page_costs(data_dir: Path, index_dir: Path, paths: list[str], rounds: int = 15) -> PageCosts:
    """Measure each part of the search pages at `paths` (/search?q=...) on a built index."""
    app = create_app({"DATA_DIR": str(data_dir), "INDEX_DIR": str(index_dir), "AUTO_BUILD": False,
                      "RESULT_CACHE_SIZE": 0})
    body = {}
    app.add_url_rule(CONSTANT, "bench_constant", lambda: body["page"])
    client = app.test_client()
    for path in paths:
        status = client.get(path).status_code
        if status != 200:
            raise RuntimeError(f"{path} answered {status}: only pages that show results can be measured")
    body["page"] = client.get(paths[0]).get_data()
    texts = [parse_qs(urlsplit(path).query)["q"][0] for path in paths]

    def search(pair: tuple[str, str]) -> ResultsPage:
        """The search exactly as the page runs it, with the page's own arguments."""
        path, text = pair
        with app.test_request_context(path):
            return views.page_results(text)

    pages = list(zip(paths, texts))
    results = {text: search((path, text)) for path, text in pages}
    with app.app_context():
        generation = get_index().current()
    marked = []
    for text in texts:
        marking = understand(text, generation).marking
        for hit in results[text].hits:
            if snippet(hit.text, marking) != hit.snippet:
                raise RuntimeError(f"the snippets of {text!r} are not marked as its page marks them")
            marked.append((hit.text, marking))

    def render(pair: tuple[str, str]) -> None:
        path, text = pair
        with app.test_request_context(path):
            render_template("search.html", query=text, results=results[text])

    snippets = best_ms(lambda hit: snippet(*hit), marked, rounds) * len(marked) / len(texts) if marked else 0.0
    return PageCosts(
        rounds=rounds,
        opensearch=best_ms(client.get, ["/opensearch.xml"] * len(paths), rounds),
        constant=best_ms(client.get, [CONSTANT] * len(paths), rounds),
        page=best_ms(client.get, paths, rounds),
        search=best_ms(search, pages, rounds),
        snippets=snippets,
        render=best_ms(render, pages, rounds),
    )
