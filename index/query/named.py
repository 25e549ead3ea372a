"""Forces and periods named in a query: found, taken out of the words, and kept as names."""

from __future__ import annotations

from ..text.analysis import stem
from ..text.statements import canonical_period, slugify
from .boosts import names
from .parser import after_open_quote


def find_named(text: str, forces: dict[str, str], periods: dict[str, str], longest: int):
    """Force names and periods in the query (outside quotes, not after NOT): (rest of text, forces, periods).

    Force names are matched as word sequences against a dictionary, longest
    first, in one pass over the query: cost grows with the query, not with the
    number of forces in the index.
    """
    tokens = text.split()
    words = [token.lower().strip(",.;:!?") for token in tokens]
    keep = [True] * len(tokens)
    found_forces, found_periods = [], []
    quoted = after_open_quote(tokens)
    at = 0
    while at < len(tokens):
        usable = not quoted[at] and (at == 0 or tokens[at - 1] != "NOT") and not tokens[at].startswith("-")
        matched = 0
        if usable:
            for size in range(min(longest, len(tokens) - at), 0, -1):
                name = " ".join(words[at : at + size])
                if name in forces and '"' not in name:
                    found_forces.append(forces[name])
                    matched = size
                    break
            # Two years, written any accepted way ("2022/23", "2022-23", "2022–23", "2022/2023").
            period = canonical_period(words[at])
            if not matched and period and "/" in period and slugify(period) in periods:
                found_periods.append(periods[slugify(period)])
                matched = 1
        for offset in range(matched):
            keep[at + offset] = False
        at += max(matched, 1)
    rest = " ".join(token for token, kept in zip(tokens, keep) if kept)
    return rest, list(dict.fromkeys(found_forces)), list(dict.fromkeys(found_periods))


def names_with_forces(text: str, forces: dict[str, str], named: list[str]) -> list[tuple[str, ...]]:
    """The names typed (boosts.names), a named force's words kept when they begin a longer name
    ("Kettlewick Connect"), but not a force's name alone (that is a Named boost already)."""
    alone = {tuple(stem(word) for word in name.split()) for name, key in forces.items() if key in named}
    return [run for run in names(text) if run not in alone]
