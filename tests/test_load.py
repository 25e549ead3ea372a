"""The production server under ordinary load, under attack, and over a 2,000-request soak.

Talks to 127.0.0.1 only; every phase is bounded in requests and seconds. Speed
is reported by `python -m bench.hostile`; here only correctness is asserted:
no errors, and no file descriptors or memory leaking.
"""

from __future__ import annotations

import pytest

from bench.hostile import hostile_paths, ordinary_paths, run

# Heavy (a 2,000-request soak): out of the quick loop, run in CI.
pytestmark = pytest.mark.slow


def test_load_attack_and_soak(corpus_dir, index_dir):
    figures = run(corpus_dir, index_dir, seconds=3, soak_requests=2000)
    # Each phase sent every one of its paths at least once (how many more fit in its seconds depends
    # on the machine's load: not asserted), and each request was answered.
    ordinary = ordinary_paths(index_dir)
    for phase, paths in (("alone", ordinary), ("attacked", ordinary), ("attacker", hostile_paths())):
        result = figures[phase]
        assert result.requests >= len(paths) and len(result.latencies_ms) == result.requests, phase
        assert result.errors == 0, phase  # the attacker's: 200 or 400, never 5xx
    soak = figures["soak"]
    assert sum(requests for requests, *_ in soak) == 2000
    assert sum(errors for _, errors, *_ in soak) == 0
    (_, _, first_fds, first_mb), (_, _, last_fds, last_mb) = soak[0], soak[-1]
    # A leak grows with the requests (hundreds here). A few may open late, and then stay: each of
    # the server's 4 threads keeps its own Whoosh searcher for statement pages, opened the first
    # time that many statement pages happen to be served at once.
    assert last_fds <= first_fds + 8
    assert last_mb <= first_mb * 1.15
