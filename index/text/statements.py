"""Statement text files -> `Statement` objects.

A statement file looks like this (header lines are optional except the
force and period line):

    More about this area            <- page heading (the title)
    West Midlands 2021/22           <- force and period
    The logo of West Midlands Police
    The force says...
    <body paragraph>                <- numbered 1..N
    ...
    Disclaimer: ...                 <- shown, never numbered
    Source: https://...             <- optional: where it was published (provenance.py)
    Published: 2022-05-16           <- optional: when

Blocks are separated by one or more blank lines; lines inside a block are a
hard-wrapped paragraph and are joined with single spaces. A block with list
lines ("- item", "* item", "• item", "1. item", "2) item") keeps one line per
item (and one for the lines before the first item): the paragraph's text then
holds newlines, and pages show it as a list.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .provenance import Provenance, split_provenance

# "West Midlands 2021/22", "Gwent 2023", "Kent 2021-2022", "Avon and Somerset 2021/2022"
FORCE_PERIOD = re.compile(
    r"^(?P<force>\S.*?)\s+(?P<period>[0-9]{4}(?:\s*[/\-\u2013\u2014]\s*[0-9]{2}(?:[0-9]{2})?)?)$"
)
# A period once spaces are gone: one year, or two ("2022/23", "2022-23", "2022–23", "2022/2023").
PERIOD = re.compile(r"^(?P<first>[0-9]{4})(?:[/\-\u2013\u2014](?P<second>[0-9]{4}|[0-9]{2}))?$")
LOGO_CAPTION = re.compile(r"^the logo of\b", re.IGNORECASE)
FORCE_SAYS = re.compile(r"^the force says\s*(?:\.\.\.|…)?:?$", re.IGNORECASE)
DISCLAIMER = re.compile(r"^disclaimer\s*:", re.IGNORECASE)
# Characters that are never content: C0/C1 controls other than newline and tab.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SPACES = re.compile(r"\s+")
# The start of a list line: a bullet or a number (the group "number"), then spaces before its text.
LIST_ITEM = re.compile(r"(?:[-*•]|(?P<number>[0-9]{1,3})[.)])\s+(?=\S)")
# Heading lines we accept before the force and period line.
MAX_HEADER_LINES = 3


class StatementError(ValueError):
    """A statement file that cannot be read as a statement."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Paragraph:
    """One numbered body paragraph of a statement."""

    number: int
    text: str


@dataclass(frozen=True)
class Statement:
    """A force's statement for one inspection period."""

    slug: str
    force: str
    period: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    disclaimer: str
    source: str
    checksum: str
    # Where and when it was published ("" when the file does not say, or says it badly).
    source_url: str = ""
    published: str = ""
    # What was wrong with a Source: or Published: line (the statement is indexed without it).
    provenance_problems: tuple[str, ...] = ()


def slugify(*parts: str) -> str:
    """Lower-case ASCII words joined by hyphens: ("West Midlands", "2021/22") -> "west-midlands-2021-22"."""
    text = " ".join(parts)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def split_blocks(text: str) -> list[list[str]]:
    """Split text into blank-line separated blocks of stripped, non-empty lines."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        line = line.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def join_lines(lines: list[str]) -> str:
    """Join a hard-wrapped paragraph onto one line with single spaces."""
    return SPACES.sub(" ", " ".join(lines))


def join_block(lines: list[str]) -> str:
    """A body block's text: prose joined onto one line; a list (two or more list lines) one line
    per item, with what comes before the first item on a line of its own."""
    if sum(bool(LIST_ITEM.match(line)) for line in lines) < 2:
        return join_lines(lines)
    parts: list[list[str]] = []
    for line in lines:
        if not parts or LIST_ITEM.match(line):
            parts.append([line])
        else:
            parts[-1].append(line)  # the wrapped rest of an item (or of the lines before the list)
    return "\n".join(join_lines(part) for part in parts)


def normalise_text(text: str) -> str:
    """NFC-normalise, drop a byte-order mark and control characters, unify line endings."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text)


def filter_period(text: str) -> str:
    """A period as typed in a filter (page, API or command line): as statements show it when it
    is one written any accepted way, else as typed without the spaces around it."""
    text = text.strip()
    return canonical_period(text) or text


def canonical_period(text: str) -> str | None:
    """A period written any accepted way as statements show it ("2022-23", "2022–23", "2022/2023"
    -> "2022/23"; one year stays as it is), or None when it is not one (years that do not follow)."""
    match = PERIOD.match(text.replace(" ", ""))
    if match is None:
        return None
    first, second = match["first"], match["second"]
    if second is None:
        return first
    following = int(first) + 1
    if int(second) != (following if len(second) == 4 else following % 100):
        return None
    return f"{first}/{following % 100:02d}"


def normalise_period(text: str, source: str) -> str:
    """A period as statements show it; StatementError when its two years are not consecutive."""
    period = canonical_period(text)
    if period is None:
        following = int(text[:4]) + 1
        raise StatementError(
            source, f"the period {text} is not two consecutive years (like {text[:4]}/{following % 100:02d})"
        )
    return period


def parse_statement(text: str, source: str) -> Statement:
    """Parse the text of one statement file; `source` names it in errors."""
    blocks = split_blocks(normalise_text(text))
    # Header lines are read one by one, so a header without blank lines works too.
    lines = [(number, line) for number, block in enumerate(blocks) for line in block]
    if not lines:
        raise StatementError(source, "the file is empty")

    header_at = next(
        (i for i, (_, line) in enumerate(lines[: MAX_HEADER_LINES + 1]) if FORCE_PERIOD.match(line)),
        None,
    )
    if header_at is None:
        raise StatementError(
            source,
            "no force and period line (like 'West Midlands 2021/22') "
            f"in the first {MAX_HEADER_LINES + 1} lines",
        )
    match = FORCE_PERIOD.match(lines[header_at][1])
    force = match["force"].strip()
    period = normalise_period(SPACES.sub("", match["period"]), source)
    title = join_lines([line for _, line in lines[:header_at]])

    rest = lines[header_at + 1 :]
    while rest and (LOGO_CAPTION.match(rest[0][1]) or FORCE_SAYS.match(rest[0][1])):
        rest = rest[1:]
    # The disclaimer runs from the last line that starts "Disclaimer:" to the end,
    # even when no blank line separates it from the last paragraph. Source: and
    # Published: lines count only at its end: without a disclaimer they are body text.
    disclaimer_at = next((i for i in range(len(rest) - 1, -1, -1) if DISCLAIMER.match(rest[i][1])), None)
    disclaimer, provenance = "", Provenance()
    if disclaimer_at is not None:
        kept, provenance = split_provenance([line for _, line in rest[disclaimer_at + 1 :]])
        disclaimer = join_lines([rest[disclaimer_at][1], *kept])
        rest = rest[:disclaimer_at]
    body = [
        join_block([line for number, line in rest if number == block_number])
        for block_number in dict.fromkeys(number for number, _ in rest)
    ]
    if not body:
        raise StatementError(source, "no body paragraphs after the header lines")

    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Statement(
        slug=slugify(force, period),
        force=force,
        period=period,
        title=title,
        paragraphs=tuple(Paragraph(number, body_text) for number, body_text in enumerate(body, 1)),
        disclaimer=disclaimer,
        source=source,
        checksum=checksum,
        source_url=provenance.source_url,
        published=provenance.published,
        provenance_problems=provenance.problems,
    )


def read_statement(path: Path, source: str | None = None) -> Statement:
    """Read and parse one statement file."""
    source = source or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise StatementError(source, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise StatementError(source, f"cannot be read ({error.strerror})") from None
    return parse_statement(text, source)


def statement_files(data_dir: Path) -> list[Path]:
    """Every `*.txt` file below `data_dir`, in a stable order."""
    return sorted(path for path in Path(data_dir).rglob("*.txt") if path.is_file())


def load_statements(
    data_dir: Path, indexed: dict[str, str] | None = None
) -> tuple[list[Statement], list[StatementError]]:
    """Parse every statement below `data_dir`; bad files are reported, never fatal.

    Two files with the same force and period: the one already indexed stays
    (`indexed` maps slugs to the files they came from), else the first by path.
    """
    data_dir = Path(data_dir)
    errors: list[StatementError] = []
    by_slug: dict[str, list[Statement]] = {}
    for path in statement_files(data_dir):
        source = path.relative_to(data_dir).as_posix()
        try:
            statement = read_statement(path, source)
        except StatementError as error:
            errors.append(error)
            continue
        by_slug.setdefault(statement.slug, []).append(statement)
    statements = []
    for slug, candidates in by_slug.items():
        kept = next((s for s in candidates if s.source == (indexed or {}).get(slug)), candidates[0])
        statements.append(kept)
        errors.extend(
            StatementError(
                other.source,
                f"same force and period ({kept.force} {kept.period}) as {kept.source}, which is indexed instead",
            )
            for other in candidates
            if other is not kept
        )
    statements.sort(key=lambda statement: (statement.force.lower(), statement.period))
    errors.sort(key=lambda error: error.source)
    return statements, errors
