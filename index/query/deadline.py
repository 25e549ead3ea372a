"""One absolute deadline for a whole search: understanding, matching and the Whoosh reference check it."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass


@dataclass
class Deadline:
    """One absolute deadline for a whole search, shared by every pass of it."""

    at: float = math.inf
    # Set when some pass stopped early because the deadline had passed.
    passed: bool = False

    def expired(self) -> bool:
        """True (and remembered) once the deadline has passed."""
        if not self.passed and time.perf_counter() > self.at:
            self.passed = True
        return self.passed
