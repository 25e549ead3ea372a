"""The seven query types, each with several variants, in our syntax and in FTS5's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    """One benchmark query: its type, our text, and the closest FTS5 MATCH expression."""

    kind: str
    text: str
    fts5: str


QUERIES = [
    *(Query("common word", w, w) for w in ("police", "crime", "community", "public", "support")),
    *(Query("rare word", w, w) for w in ("heritage", "burglary", "casualties", "precept", "grant")),
    *(Query("two-word AND", t, t) for t in ("mental health", "funding demand", "knife crime", "drug gangs", "rural theft")),
    *(Query("phrase", f'"{p}"', f'"{p}"') for p in (
        "organised crime groups", "domestic abuse", "county lines", "body worn video", "serious violence",
    )),
    *(Query("prefix", p + "*", p + "*") for p in ("invest", "recruit", "partner", "collabor", "protect")),
    # FTS5 has no typo tolerance: it is given the word spelt right, the easier task.
    *(Query("typo", typo, right) for typo, right in (
        ("fundng", "funding"), ("violense", "violence"), ("safegaurding", "safeguarding"),
        ("recruitmnet", "recruitment"), ("neighbourhod", "neighbourhood"),
    )),
    *(Query("three-word OR", t, t) for t in (
        "knife OR drugs OR burglary", "cyber OR fraud OR online", "roads OR collisions OR speeding",
        "morale OR wellbeing OR retention", "precept OR grant OR budget",
    )),
]

KINDS = list(dict.fromkeys(q.kind for q in QUERIES))
