"""The compare page and its JSON twin on the independent corpus (../shared/corpus): subjects that
were merged, split, rewritten and moved, and two periods that are not neighbours."""

from __future__ import annotations

import re

from .test_app import injected_markup, text_of

OLD, NEW = "penhallow-2019-20", "penhallow-2020-21"
PAGE, API = f"/compare/{OLD}/{NEW}", f"/api/compare/{OLD}/{NEW}"


def rows_of(page: str) -> list[str]:
    """Each row of a compare page, as HTML."""
    return re.findall(r'<li class="compare-row row-\w+">.*?</li>\s*(?=<li class="compare-row|</ol>)', page, re.S)


def numbers(row: str, side: str) -> list[int]:
    """The paragraph numbers one side of a row shows."""
    return [int(n) for n in re.findall(rf'<div class="side-paragraph" id="{side}-p(\d+)">', row)]


def test_penhallow_by_subject(shared_client):
    page = text_of(shared_client.get(PAGE))
    assert re.search(
        r"10 subjects:\s+1 the same, 3 updated, 1 rewritten, 1 moved, 1 merged, 1 split, 1 new, 1 dropped\.</p>", page
    )
    rows = rows_of(page)
    kinds = [re.match(r'<li class="compare-row row-(\w+)">', row)[1] for row in rows]
    assert kinds == ["same", "new", "merged", "updated", "rewritten", "moved", "updated", "updated", "split", "dropped"]
    merged, rewritten, moved, split = rows[2], rows[4], rows[5], rows[8]
    # Merged and split rows show all of their paragraphs, each linked to its statement.
    assert (numbers(merged, "older"), numbers(merged, "newer")) == ([2, 3], [3])
    assert (numbers(split, "older"), numbers(split, "newer")) == ([9], [9, 10])
    for number in (2, 3):
        assert f'<a href="/statements/{OLD}#p{number}">2019/20, paragraph {number}</a>' in merged
    assert "2019/20 paragraphs 2 and 3, 2020/21 paragraph 3</span>" in merged
    # A rewritten row marks the key terms both paragraphs share, on each side, and lists them.
    older_side, newer_side = rewritten.split('<div class="side side-newer">')
    assert older_side.count("<mark>") >= 3 and newer_side.count("<mark>") >= 3
    assert '<p class="key-terms">Key terms in both: threat, peninsula, farming,' in rewritten
    assert "<del>" not in rewritten and "<mark>" not in moved
    assert '<p class="moved">Paragraph 5 in 2019/20, paragraph 6 in 2020/21.</p>' in moved
    assert injected_markup(page) == []


def test_penhallow_json(shared_client):
    data = shared_client.get(API).get_json()
    assert data["summary"]["kinds"] == {
        "same": 1, "updated": 3, "rewritten": 1, "moved": 1, "merged": 1, "split": 1, "new": 1, "dropped": 1
    }
    merged = data["rows"][2]
    assert merged["subject"] == "merged" and merged["kind"] == "changed" and 0 < merged["confidence"] < 1
    assert [p["paragraph"] for p in merged["older_paragraphs"]] == [2, 3]
    assert [p["url"] for p in merged["newer_paragraphs"]] == [f"/statements/{NEW}#p3"]
    assert merged["older"]["paragraph"] == 2  # the first, as before merges
    assert all(0 <= row["confidence"] <= 1 for row in data["rows"])


def test_any_two_periods_not_only_neighbours(shared_client):
    data = shared_client.get("/api/compare/aldermoor-2019-20/aldermoor-2023-24").get_json()
    pairs = {(tuple(p["paragraph"] for p in row["older_paragraphs"]), tuple(p["paragraph"] for p in row["newer_paragraphs"])): row["subject"]
             for row in data["rows"]}
    # Operation Lodestar (county lines), five years on and in new words; Operation Fieldfare (rural crime).
    assert pairs[((4,), (6,))] == "rewritten"
    assert pairs[((5,), (7,))] == "rewritten"
    assert pairs[((1,), (1,))] == "updated"
