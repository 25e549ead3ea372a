"""The load generator itself: bounded in requests and time, and it sends at least what it is asked to."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.load import load


class Answer(BaseHTTPRequestHandler):
    """200 and a word, for every GET."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A tiny HTTP server on 127.0.0.1."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("threads", [1, 3])
def test_at_least_that_many_requests_are_sent_however_short_the_time(server, threads):
    result = load(server, ["/a", "/b"], seconds=0.0, threads=threads, at_least=7)
    assert (result.requests, result.errors, len(result.latencies_ms)) == (7, 0, 7)


def test_at_most_max_requests(server):
    result = load(server, ["/a"], seconds=30.0, threads=2, max_requests=5)
    assert (result.requests, result.errors) == (5, 0)


def test_only_127_0_0_1():
    with pytest.raises(ValueError, match="127.0.0.1"):
        load("http://example.org", ["/"], seconds=0.1)
