"""Where a statement came from: its original address and the day it was published.

Both are optional lines at the very end of a statement file, right after
the disclaimer (its `Disclaimer:` line and any lines that follow it), in
any order; without a disclaimer before them they are body text:

    Disclaimer: the above statement has been prepared by West Midlands Police.
    Source: https://www.example.police.uk/annual-statement-2021-22
    Published: 2022-05-16

A file without them is read as before. A value that is not a web address
(http or https, with a host), not a real date (YYYY-MM-DD) or given on two
lines is left out: the statement is indexed without it, and the problem is
recorded for /healthz and `flask index stats`.
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
    """The disclaimer's lines after its first without their trailing Source: and Published: lines, and
    what those said (a line given twice is a problem: which one is meant cannot be told)."""
    end = len(lines)
    given: dict[str, list[str]] = {"Source": [], "Published": []}
    while end > 0 and (match := SOURCE.match(lines[end - 1]) or PUBLISHED.match(lines[end - 1])):
        given["Source" if match.re is SOURCE else "Published"].insert(0, match["value"].strip())
        end -= 1
    problems, values = [], {}
    for key, check in (("Source", web_address), ("Published", real_date)):
        if len(given[key]) > 1:
            problems.append(f"{key}: given {len(given[key])} times (give it once)")
        elif given[key] and (problem := check(given[key][0])):
            problems.append(problem)
        elif given[key]:
            values[key] = given[key][0]
    return lines[:end], Provenance(values.get("Source", ""), values.get("Published", ""), tuple(problems))
