"""A small HTTP load generator for 127.0.0.1 only: bounded in requests and in time."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class LoadResult:
    """What a load run measured."""

    requests: int
    errors: int
    seconds: float
    latencies_ms: tuple[float, ...]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p99(self) -> float:
        return self.percentile(0.99)


def load(
    base_url: str,
    paths: list[str],
    seconds: float,
    threads: int = 4,
    max_requests: int = 100_000,
    ok_statuses: frozenset[int] = frozenset({200}),
    at_least: int = 0,
) -> LoadResult:
    """GET `paths` round-robin from `threads` keep-alive connections for `seconds` (at most `max_requests`),
    and on past `seconds` until `at_least` requests were sent (for at most a minute more)."""
    parts = urlsplit(base_url)
    if parts.hostname not in LOOPBACK:
        raise ValueError("load tests only talk to 127.0.0.1")
    deadline = time.perf_counter() + seconds
    # However slow the machine, `at_least` requests get sent, within a bound.
    last_chance = deadline + 60
    lock = threading.Lock()
    latencies: list[float] = []
    counters = {"requests": 0, "errors": 0}

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        number = offset
        while (now := time.perf_counter()) < deadline or (counters["requests"] < at_least and now < last_chance):
            with lock:
                if counters["requests"] >= max(max_requests, at_least) or (now >= deadline and counters["requests"] >= at_least):
                    break
                counters["requests"] += 1
            path = paths[number % len(paths)]
            number += threads
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                failed = response.status not in ok_statuses
            except (OSError, http.client.HTTPException):
                failed = True
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                counters["errors"] += failed
        connection.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(seconds + 120)
    return LoadResult(counters["requests"], counters["errors"], time.perf_counter() - started, tuple(latencies))
