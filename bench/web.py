"""Serve the app with waitress in a subprocess on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Server:
    """A running server: its base URL and process id."""

    url: str
    pid: int


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(
    data_dir: Path,
    index_dir: Path,
    threads: int = 4,
    wsgi: str = "webapp:create_app",
    settings: dict | None = None,
):
    """Run waitress on a free 127.0.0.1 port; yields a Server; stops it after."""
    port = free_port()
    env = {
        **os.environ,
        **{f"FLASK_{name}": str(value) for name, value in (settings or {}).items()},
        "FLASK_DATA_DIR": str(data_dir),
        "FLASK_INDEX_DIR": str(index_dir),
        "FLASK_AUTO_BUILD": "false",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", f"--threads={threads}", "--call", wsgi],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.1)
        yield Server(base, process.pid)
    finally:
        process.terminate()
        process.wait(10)
