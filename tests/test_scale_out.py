"""Several worker processes sharing one index that was built ahead of time."""

from __future__ import annotations

import json
import urllib.request

import pytest

import index
from bench.web import serve
from index.generation import layout

# Heavy (two server processes): out of the quick loop, run in CI.
pytestmark = pytest.mark.slow


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def test_two_workers_read_one_index_and_follow_a_new_build(data_dir, tmp_path):
    built = tmp_path / "shared-index"
    index.build_index(data_dir, built)  # built once, ahead of time; the workers never build
    with serve(data_dir, built) as first, serve(data_dir, built) as second:
        assert first.pid != second.pid
        for worker in (first, second):
            assert get_json(worker.url + "/api/search?q=moorland")["total"] == 1
            assert get_json(worker.url + "/api/search?q=lighthouse")["total"] == 0
        (data_dir / "coast.txt").write_text("Coastshire 2024/25\n\nA lighthouse team patrols the bay.\n")
        report = index.build_index(data_dir, built)  # the deploy step, outside the workers
        for worker in (first, second):
            assert get_json(worker.url + "/api/search?q=lighthouse")["total"] == 1
            health = get_json(worker.url + "/healthz")
            assert health["status"] == "ok" and health["statements"] == 4
    assert layout.current_generation(built).name == report.generation
