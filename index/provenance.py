"""Where a statement came from: its original address and the day it was published.

Both are optional lines at the very end of a statement file, after the
disclaimer, in any order:

    Disclaimer: the above statement has been prepared by West Midlands Police.
    Source: https://www.example.police.uk/annual-statement-2021-22
    Published: 2022-05-16

A file without them is read as before. A value that is not a web address
(http or https, with a host) or not a real date (YYYY-MM-DD) is left out:
the statement is indexed without it, and the problem is recorded for
/healthz and `flask index stats`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

SOURCE = re.compile(r"^source\s*:\s*(?P<value>.*)$", re.IGNORECASE)
PUBLISHED = re.compile(r"^published\s*:\s*(?P<value>.*)$", re.IGNORECASE)
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Longer addresses are refused: a statement's page address is far shorter.
MAX_URL_CHARS = 2000


@dataclass(frozen=True)
class Provenance:
    """A statement's original address and publication date ("" when not given or not valid)."""

    source_url: str = ""
    published: str = ""
    # What was wrong with a value given ("Source: ... is not a web address").
    problems: tuple[str, ...] = ()


def web_address(value: str) -> str | None:
    """Why `value` is not an http(s) address with a host, or None when it is one."""
    if len(value) > MAX_URL_CHARS:
        return f"Source: the address is longer than {MAX_URL_CHARS} characters"
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
        return f"Source: “{value[:80]}” is not a web address (like https://www.example.police.uk/statement)"
    return None


def real_date(value: str) -> str | None:
    """Why `value` is not a real date written YYYY-MM-DD, or None when it is one."""
    if not ISO_DATE.match(value):
        return f"Published: “{value[:40]}” is not a date written YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"Published: {value} is not a real date"
    return None


def split_provenance(lines: list[str]) -> tuple[list[str], Provenance]:
    """The lines without their trailing Source: and Published: lines, and what those said."""
    end = len(lines)
    given: dict[str, str] = {}
    while end > 0:
        line = lines[end - 1]
        match = SOURCE.match(line) or PUBLISHED.match(line)
        key = "source" if SOURCE.match(line) else "published"
        if match is None or key in given:
            break
        given[key] = match["value"].strip()
        end -= 1
    problems = []
    source_url, published = given.get("source", ""), given.get("published", "")
    if "source" in given and (problem := web_address(source_url)):
        problems.append(problem)
        source_url = ""
    if "published" in given and (problem := real_date(published)):
        problems.append(problem)
        published = ""
    return lines[:end], Provenance(source_url, published, tuple(problems))
