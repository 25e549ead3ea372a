"""A build that stops before each step that writes, renames, syncs or removes, until told to go on.

Run as `python -m tests.paused_build DATA INDEX full|update`: before each such step it prints
STOP and waits for a line on its standard input. A test can then kill it at a chosen step,
whatever the machine's speed, instead of at a moment taken from a measured duration.
"""

from __future__ import annotations

import os
import shutil
import sys

import numpy as np

import index

MARK = "STOP"


def pausing(function):
    """`function`, which first says STOP and waits for a line on standard input."""

    def paused(*args, **kwargs):
        print(MARK, flush=True)
        sys.stdin.readline()
        return function(*args, **kwargs)

    return paused


def main() -> None:
    """Build the index of argv[1] into argv[2] (argv[3]: "full" or "update"), pausing before each step."""
    data, target, kind = sys.argv[1:4]
    for module, name in ((os, "rename"), (os, "replace"), (os, "symlink"), (os, "fsync"), (os, "unlink"),
                         (shutil, "rmtree"), (np, "save")):
        setattr(module, name, pausing(getattr(module, name)))
    index.build_index(data, target, full=kind == "full", progress=pausing(lambda progress: None))


if __name__ == "__main__":
    main()
