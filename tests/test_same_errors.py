"""One rule for bad input everywhere: a page past the last one and a malformed period are refused
by the results page (400 with a message), the JSON API (400 JSON) and the CLI alike; a well-formed
force or period no statement has is answered, with a notice; a missing data folder is named."""

from __future__ import annotations

import pytest

import index
from webapp import create_app

from .shared_corpus import shared_corpus

# (query string, the CLI's arguments, the message all three give). The shared corpus has 20
# statements; "recruitment" matches paragraphs in most, so 10 a page gives 3 pages at most.
REFUSED = [
    ("q=rural&page=21", ["rural", "--page", "21"], "There is no page 21: the results end at page "),
    ("q=rural&period=banana", ["rural", "--period", "banana"], "“banana” is not a period: write one like 2021/22."),
    ("q=rural&period=2022/24", ["rural", "--period", "2022/24"], "“2022/24” is not a period: write one like 2021/22."),
]


@pytest.fixture
def shared_cli(shared_app):
    """Run `index search ...` on the independent corpus."""
    return lambda *args: shared_app.test_cli_runner().invoke(args=["index", "search", *args])


@pytest.mark.parametrize(("query", "arguments", "message"), REFUSED)
def test_the_page_the_api_and_the_cli_refuse_alike(shared_client, shared_cli, query, arguments, message):
    page = shared_client.get(f"/search?{query}")
    assert page.status_code == 400
    assert message in page.get_data(as_text=True)
    api = shared_client.get(f"/api/search?{query}")
    assert api.status_code == 400 and api.get_json()["error"].startswith(message)
    cli = shared_cli(*arguments)
    assert cli.exit_code == 1 and f"Error: {message}" in cli.stderr


def test_the_last_page_itself_is_served(shared_client):
    last = shared_client.get("/api/search?q=rural&view=flat").get_json()["pages"]
    assert last > 1
    assert shared_client.get(f"/api/search?q=rural&view=flat&page={last}").status_code == 200
    past = shared_client.get(f"/api/search?q=rural&view=flat&page={last + 1}")
    assert past.get_json() == {"error": f"There is no page {last + 1}: the results end at page {last}."}


def test_no_match_refuses_page_two_but_answers_page_one(shared_client):
    assert shared_client.get("/api/search?q=zeppelin").get_json()["total"] == 0
    assert shared_client.get("/api/search?q=zeppelin&page=2").status_code == 400


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("q=rural&period=2031/32", "No statement in the index covers the period 2031/32."),
        ("q=rural&period=2031-32", "No statement in the index covers the period 2031/32."),
        ("q=rural&force=Atlantis", "No statement in the index is from the force “Atlantis”."),
        ("q=rural&statement=atlantis-1999-00", "There is no statement called “atlantis-1999-00” in the index."),
    ],
)
def test_a_well_formed_name_no_statement_has_is_answered_with_a_notice(shared_client, query, notice):
    page = shared_client.get(f"/search?{query}")
    assert page.status_code == 200
    assert f'<p class="notice">{notice}</p>' in page.get_data(as_text=True)
    api = shared_client.get(f"/api/search?{query}")
    assert api.status_code == 200 and api.get_json()["notices"] == [notice]


def test_names_the_index_has_give_no_notice(shared_client):
    data = shared_client.get("/api/search?q=rural&period=2022/23&force=Aldermoor").get_json()
    assert data["total"] > 0 and data["notices"] == []


def test_a_missing_data_folder_is_named_by_healthz_and_the_home_page(tmp_path, shared_index_dir):
    missing = tmp_path / "no-such-folder"
    # An index still serving: degraded, and the home page still lists what can be searched.
    serving = create_app({"TESTING": True, "DATA_DIR": missing, "INDEX_DIR": shared_index_dir}).test_client()
    health = serving.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["status"] == "degraded"
    assert health.get_json()["problems"] == [f"The data folder {missing} does not exist."]
    home = serving.get("/").get_data(as_text=True)
    assert f"The data folder {missing} does not exist." in home and "20 statements:" in home
    # Nothing built: unhealthy, the folder named first, and the home page says why.
    empty = create_app({"TESTING": True, "DATA_DIR": missing, "INDEX_DIR": tmp_path / "ix"}).test_client()
    health = empty.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["problems"][0] == f"The data folder {missing} does not exist."
    home = empty.get("/")
    assert home.status_code == 503 and f"The data folder {missing} does not exist." in home.get_data(as_text=True)


def test_an_existing_data_folder_is_not_mentioned(shared_client):
    assert shared_client.get("/healthz").get_json()["status"] == "ok"
    assert "does not exist" not in shared_client.get("/").get_data(as_text=True)


def test_the_shared_rules_refuse_directly():
    with pytest.raises(index.QueryError, match="is not a period"):
        index.check_filters(index.Filters(periods=("2021/2023",)))
    index.check_filters(index.Filters(periods=("2031/32", "2024")))  # well formed: not refused
