"""The production server under ordinary load, under attack, and over a 2,000-request soak.

Talks to 127.0.0.1 only; every phase is bounded in requests and seconds. Speed
is reported by `python -m bench.hostile`; here only correctness is asserted:
no errors, and no file descriptors or memory leaking.
"""

from __future__ import annotations

import pytest

from bench.hostile import run

# Heavy (a 2,000-request soak): out of the quick loop, run in CI.
pytestmark = pytest.mark.slow


def test_load_attack_and_soak(corpus_dir, index_dir):
    figures = run(corpus_dir, index_dir, seconds=3, soak_requests=2000)
    # Each phase ran (how many requests fit in its seconds depends on the machine's load: not asserted).
    assert figures["alone"].requests > 0 and figures["alone"].errors == 0
    assert figures["attacked"].requests > 0 and figures["attacked"].errors == 0
    assert figures["attacker"].requests > 0 and figures["attacker"].errors == 0  # 200 or 400, never 5xx
    soak = figures["soak"]
    assert sum(requests for requests, *_ in soak) == 2000
    assert sum(errors for _, errors, *_ in soak) == 0
    (_, _, first_fds, first_mb), (_, _, last_fds, last_mb) = soak[0], soak[-1]
    # A leak grows with the requests (hundreds here). A few may open late, and then stay: each of
    # the server's 4 threads keeps its own Whoosh searcher for statement pages, opened the first
    # time that many statement pages happen to be served at once.
    assert last_fds <= first_fds + 8
    assert last_mb <= first_mb * 1.15
