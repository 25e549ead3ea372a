"""The compare page and its JSON twin, through Flask's test client, on the compare corpus
(Northshire and Marchford in two periods each, West Midlands in one)."""

from __future__ import annotations

import re
import shutil

import pytest

import index
from webapp import create_app

from .conftest import COMPARE_CORPUS, SEED_SLUG
from .test_app import injected_markup, text_of

OLD, NEW = "northshire-2021-22", "northshire-2022-23"
PAGE, API = f"/compare/{OLD}/{NEW}", f"/api/compare/{OLD}/{NEW}"


def row_kinds(page: str) -> list[str]:
    return re.findall(r'<li class="compare-row row-(\w+)"', page)


# ---- the page -----------------------------------------------------------------


def test_compare_page(compare_client):
    response = compare_client.get(PAGE)
    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>Northshire: 2021/22 compared with 2022/23</h1>" in page
    assert "<title>Northshire: 2021/22 compared with 2022/23 – Statement Search</title>" in page
    # Was "1 paragraph the same, 1 changed, 1 added, 2 removed": the moved paragraph is one subject now.
    assert re.search(r"4 subjects:\s+1 the same, 1 updated, 1 moved, 1 dropped\.</p>", page)
    assert '<dl class="legend">' in page
    assert row_kinds(page) == ["updated", "dropped", "moved", "same"]
    assert re.findall(r'<span class="confidence">confidence (\d+)%</span>', page) == ["93", "78", "93", "100"]
    # Back to both statements, and each paragraph to its place on its statement page.
    assert f'<a href="/statements/{OLD}">Northshire 2021/22</a>' in page
    assert f'<a href="/statements/{NEW}">Northshire 2022/23</a>' in page
    for slug, period, number in [(OLD, "2021/22", n) for n in (1, 2, 3, 4)] + [(NEW, "2022/23", n) for n in (1, 2, 3)]:
        assert f'<a href="/statements/{slug}#p{number}">{period}, paragraph {number}</a>' in page
    assert page.count('<p class="side-absent">Not in 2022/23</p>') == 1
    assert page.count('<p class="side-absent">Not in 2021/22</p>') == 0
    # The moved paragraph is one row, saying where it stood in each.
    assert '<p class="moved">Paragraph 4 in 2021/22, paragraph 2 in 2022/23.</p>' in page
    for anchor in ("older-p1", "older-p2", "older-p3", "older-p4", "newer-p1", "newer-p2", "newer-p3"):
        assert page.count(f'id="{anchor}"') == 1


def test_changed_words_are_marked_for_eyes_and_screen_readers(compare_client):
    page = text_of(compare_client.get(PAGE))
    assert (
        "policed from <del><span class=\"visually-hidden\">removed: </span>sixteen"
        '<span class="visually-hidden"> (end removed)</span></del> stations.</p>'
    ) in page
    assert (
        "policed from <ins><span class=\"visually-hidden\">added: </span>fourteen"
        '<span class="visually-hidden"> (end added)</span></ins> stations.</p>'
    ) in page
    # Each side marks only its own words: the updated row and the moved (reworded) one, and the legend.
    assert page.count("<del>") == 4 and page.count("<ins>") == 4


def test_the_older_period_comes_first(compare_client):
    for reversed_url, canonical in [(f"/compare/{NEW}/{OLD}", PAGE), (f"/api/compare/{NEW}/{OLD}", API)]:
        response = compare_client.get(reversed_url)
        assert response.status_code == 301
        assert response.headers["Location"] == canonical


# ---- the JSON twin ------------------------------------------------------------


def test_compare_api(compare_client):
    response = compare_client.get(API)
    assert response.status_code == 200
    data = response.get_json()
    assert data["older"] == {"slug": OLD, "force": "Northshire", "period": "2021/22", "url": f"/statements/{OLD}"}
    assert data["newer"] == {"slug": NEW, "force": "Northshire", "period": "2022/23", "url": f"/statements/{NEW}"}
    # The coarse counts stay (by subject now), the kinds are beside them.
    assert data["summary"] == {
        "same": 1, "changed": 2, "added": 0, "removed": 1,
        "kinds": {"same": 1, "updated": 1, "rewritten": 0, "moved": 1, "merged": 0, "split": 0, "new": 0, "dropped": 1},
    }
    # `kind` means what it always meant (the coarse change); `subject` holds what became of the subject.
    rows = [
        (row["kind"], row["subject"], row["confidence"], row["older"] and row["older"]["paragraph"],
         row["newer"] and row["newer"]["paragraph"])
        for row in data["rows"]
    ]
    assert rows == [
        ("changed", "updated", 0.933, 1, 1), ("removed", "dropped", 0.784, 2, None),
        ("changed", "moved", 0.929, 4, 2), ("same", "same", 1.0, 3, 3),
    ]
    assert all("change" not in row for row in data["rows"])  # `kind` carries it
    changed = data["rows"][0]
    assert changed["older"]["url"] == f"/statements/{OLD}#p1"
    assert changed["newer"]["url"] == f"/statements/{NEW}#p1"
    assert changed["newer"]["text"].endswith("policed from fourteen stations.")
    assert changed["older_paragraphs"] == [changed["older"]] and changed["newer_paragraphs"] == [changed["newer"]]
    assert changed["diff"][1:] == [
        {"op": "removed", "text": "sixteen"},
        {"op": "added", "text": "fourteen"},
        {"op": "same", "text": "stations."},
    ]
    # A moved paragraph's row stands at its newer place; `moved` is where it stands on the other side.
    assert data["rows"][2]["moved"] == {"paragraph": 4, "url": f"/statements/{OLD}#p4"}
    assert [row["moved"] for row in data["rows"]] == [None, None, data["rows"][2]["moved"], None]
    assert [row["diff"] for row in (data["rows"][1], data["rows"][3])] == [[], []]
    assert data["rows"][1]["newer_paragraphs"] == [] and data["rows"][1]["newer"] is None
    assert data["rows"][3]["key_terms"][:3] == ["lines", "neighbours", "networks"]
    assert_diffs_spell_out_both_sides(data["rows"])


def words(paragraphs: list[dict]) -> str:
    """The words of a side's paragraphs, in order, joined by single spaces."""
    return " ".join(" ".join(p["text"].split()) for p in paragraphs)


def assert_diffs_spell_out_both_sides(rows: list[dict]) -> None:
    """Every changed row has a word diff giving each side's words; every other row an empty one."""
    for row in rows:
        if row["kind"] != "changed":
            assert row["diff"] == [], row
            continue
        assert row["diff"], row
        older = " ".join(piece["text"] for piece in row["diff"] if piece["op"] != "added")
        newer = " ".join(piece["text"] for piece in row["diff"] if piece["op"] != "removed")
        assert " ".join(older.split()) == words(row["older_paragraphs"]), row["subject"]
        assert " ".join(newer.split()) == words(row["newer_paragraphs"]), row["subject"]


def test_compare_api_keeps_the_old_kinds_for_every_subject_kind(shared_client):
    """Rewritten, merged and split subjects (../shared/corpus, Penhallow) are changed rows with a word diff."""
    data = shared_client.get("/api/compare/penhallow-2019-20/penhallow-2020-21").get_json()
    assert [(row["subject"], row["kind"]) for row in data["rows"]] == [
        ("same", "same"), ("new", "added"), ("merged", "changed"), ("updated", "changed"),
        ("rewritten", "changed"), ("moved", "same"), ("updated", "changed"), ("updated", "changed"),
        ("split", "changed"), ("dropped", "removed"),
    ]
    # The summary keeps its old keys, counting rows by `kind`, and counts subjects in `kinds`.
    assert data["summary"] == {
        "same": 2, "changed": 6, "added": 1, "removed": 1,
        "kinds": {"same": 1, "updated": 3, "rewritten": 1, "moved": 1, "merged": 1, "split": 1, "new": 1, "dropped": 1},
    }
    assert_diffs_spell_out_both_sides(data["rows"])
    merged, rewritten, split = data["rows"][2], data["rows"][4], data["rows"][8]
    for row in (merged, rewritten, split):
        assert row["key_terms"] and {"same", "removed", "added"} <= {piece["op"] for piece in row["diff"]}
    assert [row["moved"] is not None for row in data["rows"]] == [row["subject"] == "moved" for row in data["rows"]]
    assert data["rows"][5]["moved"] == {"paragraph": 5, "url": "/statements/penhallow-2019-20#p5"}


def test_page_and_api_say_the_same(compare_client):
    page = text_of(compare_client.get(PAGE))
    data = compare_client.get(API).get_json()
    assert row_kinds(page) == [row["subject"] for row in data["rows"]]


# ---- errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, status, message",
    [
        (f"{OLD}/atlantis-1999", 404, "There is no statement called “atlantis-1999”."),
        (f"atlantis-1999/{NEW}", 404, "There is no statement called “atlantis-1999”."),
        (f"{NEW}/marchford-2023-24", 400, "Compare two periods of the same force"),
        (f"{SEED_SLUG}/{NEW}", 400, "Compare two periods of the same force"),
        (f"{NEW}/{NEW}", 400, "Compare two different periods"),
    ],
)
def test_what_cannot_be_compared(compare_client, path, status, message):
    response = compare_client.get(f"/compare/{path}")
    assert response.status_code == status
    assert message in text_of(response)
    assert '<a class="skip-link" href="#content">' in text_of(response)  # the site's layout
    response = compare_client.get(f"/api/compare/{path}")
    assert response.status_code == status
    assert response.get_json()["error"].startswith(message)


@pytest.mark.parametrize(
    "path",
    ["%2e%2e/%2e%2e", "..%2F..%2Fpyproject.toml/x", "a/b/c", f"{OLD}/", "x" * 2000 + "/y", "%C3%A9/%F0%9F%91%AE", "%00/%ff"],
)
def test_odd_addresses_are_never_a_500(compare_client, path):
    for prefix in ("/compare/", "/api/compare/"):
        response = compare_client.get(prefix + path)
        assert response.status_code in (404, 400), path
        assert "build-system" not in text_of(response)


# ---- escaping -----------------------------------------------------------------


def test_markup_in_compared_statements_renders_as_text(compare_client):
    page = text_of(compare_client.get("/compare/marchford-2022-23/marchford-2023-24"))
    assert row_kinds(page) == ["updated", "same"]
    assert injected_markup(page) == []
    assert '<script>alert("marchford")' not in page and "<b>bold claims</b>" not in page
    assert "&lt;script&gt;alert(&#34;marchford&#34;)&lt;/script&gt; attempts" in page
    # The removed word is itself markup: escaped inside its mark, never a tag.
    assert "<i>" not in page
    assert (
        '<del><span class="visually-hidden">removed: </span>&lt;i&gt;old&lt;/i&gt;'
        '<span class="visually-hidden"> (end removed)</span></del>'
    ) in page
    assert '<span class="visually-hidden">added: </span>&amp; other oddities' in page


# ---- links from statement pages -----------------------------------------------


def test_statement_pages_link_to_the_comparison_of_their_force(compare_client):
    for slug, other in [(NEW, "2021/22"), (OLD, "2022/23")]:
        page = text_of(compare_client.get(f"/statements/{slug}"))
        assert f'<a href="{PAGE}">Compare with {other}</a>' in page
        assert page.count('href="/compare/') == 1


def test_no_comparison_is_offered_for_a_force_with_one_period(compare_client, client):
    assert "/compare/" not in text_of(compare_client.get(f"/statements/{SEED_SLUG}"))
    assert "/compare/" not in text_of(client.get(f"/statements/{NEW}"))  # the corpus without 2021/22
    assert "Compare with" not in text_of(client.get(f"/statements/{NEW}"))


def test_a_force_with_three_periods_links_to_both_others(data_dir, tmp_path):
    shutil.copy(COMPARE_CORPUS / f"{OLD}.txt", data_dir)
    (data_dir / "northshire-2023-24.txt").write_text(
        "Northshire 2023/24\n\nThe force says...\n\nNorthshire opened a fifteenth station on the coast.\n", "utf-8"
    )
    index.build_index(data_dir, tmp_path / "ix")
    client = create_app({"TESTING": True, "DATA_DIR": data_dir, "INDEX_DIR": tmp_path / "ix"}).test_client()
    page = text_of(client.get(f"/statements/{NEW}"))
    assert re.findall(r'<a href="(/compare/[^"]+)">Compare with ([0-9/]+)</a>', page) == [
        (PAGE, "2021/22"),
        (f"/compare/{NEW}/northshire-2023-24", "2023/24"),
    ]
    assert client.get(f"/compare/{NEW}/northshire-2023-24").status_code == 200
