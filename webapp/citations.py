"""The one citation format for a paragraph, used by statement pages and the JSON API.

    West Midlands Police, "West Midlands 2021/22", paragraph 3.
    https://host/statements/west-midlands-2021-22#p3 (accessed 1 December 2026).

Who wrote the statement, its name, the paragraph, its permanent link and the
day it was read (the server's date). A statement whose file gives its source
and publication date (index/provenance.py) is cited with both, the original
first:

    West Midlands Police, "West Midlands 2021/22", published 16 May 2022, paragraph 3.
    https://www.example.police.uk/statement; here: https://host/statements/west-midlands-2021-22#p3
    (accessed 1 December 2026).

Plain text: the templates escape it.
"""

from __future__ import annotations

from datetime import date

import index

from .links import permanent_url

# Month names spelled out whatever the server's locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def today() -> date:
    """The server's date: the day a citation says the paragraph was accessed."""
    return date.today()


def long_date(day: date) -> str:
    """A date as a reader writes it: 1 December 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def published_on(info: index.StatementInfo) -> str:
    """The day a statement was published, as a reader writes it ("" when its file does not say)."""
    return long_date(date.fromisoformat(info.published)) if info.published else ""


def citation_text(
    author: str, force: str, period: str, number: int, url: str, accessed: date, source_url: str = "",
    published: str = "",
) -> str:
    """The citation line: author, "force period"[, published D Month YYYY], paragraph N.
    [original URL; here: ]URL (accessed D Month YYYY)."""
    when = f", published {published}" if published else ""
    where = f"{source_url}; here: {url}" if source_url else url
    return f'{author}, "{force} {period}"{when}, paragraph {number}. {where} (accessed {long_date(accessed)}).'


def citation(info: index.StatementInfo, number: int, accessed: date | None = None) -> str:
    """The citation of paragraph `number` of the statement `info`, with its absolute link, accessed today
    unless `accessed` says otherwise."""
    return citation_text(
        info.author, info.force, info.period, number, permanent_url(info.slug, number), accessed or today(),
        info.source_url, published_on(info),
    )
