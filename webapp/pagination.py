"""Which page numbers a results page links to: the first, a window around the current page, the last."""

from __future__ import annotations

# Pages either side of the current one that are linked.
WINDOW = 2


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page numbers to show, in order, with None where pages are left out between them
    ("1 … 4 5 6 7 8 … 100" for page 6 of 100)."""
    shown: list[int | None] = []
    for number in range(1, pages + 1):
        if number in (1, pages) or abs(number - page) <= WINDOW:
            shown.append(number)
        elif abs(number - page) == WINDOW + 1:
            shown.append(None)
    return shown
