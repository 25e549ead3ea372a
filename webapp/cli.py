"""`flask --app webapp index ...`: build, inspect and search the index from a terminal."""

from __future__ import annotations

import html
import re
import time

import click
from flask import Flask, current_app, url_for
from flask.cli import AppGroup

import index

# AppGroup runs each command inside the app's context. Help is wrapped at 80
# columns whatever the terminal, so the README can reproduce it exactly.
index_group = AppGroup(
    "index",
    help="Build, inspect and search the statement index.",
    context_settings={"terminal_width": 80, "max_content_width": 80},
)

MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def plural(count: int, word: str) -> str:
    """'1 statement', '2 statements'."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class ProgressLine:
    """Prints build progress to stderr at most twice a second."""

    def __init__(self):
        self.last = 0.0

    def __call__(self, progress: index.Progress) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and progress.statements_done != progress.statements_total:
            return
        self.last = now
        click.echo(
            f"  {progress.statements_done:,}/{progress.statements_total:,} statements, "
            f"{progress.paragraphs_done:,} paragraphs, {progress.rate:,.0f} paragraphs/s",
            err=True,
        )


@index_group.command("build")
@click.option("--full", is_flag=True, help="Re-index every statement, not only the changed ones.")
@click.option("--quiet", is_flag=True, help="Do not print progress while building.")
def build_command(full: bool, quiet: bool):
    """Bring the index up to date with the statement files in DATA_DIR.

    Only statements whose files changed are re-indexed; removed files leave
    the index. The new index is written beside the old one and swapped in at
    once, so a running app picks it up without a restart. Files that cannot
    be parsed are listed and skipped; the rest are indexed.
    """
    config = current_app.config
    try:
        report = index.build_index(
            config["DATA_DIR"],
            config["INDEX_DIR"],
            full=full,
            wait=float(config["BUILD_WAIT_SECONDS"]),
            progress=None if quiet else ProgressLine(),
        )
    except (OSError, index.BuildInProgress) as error:
        raise click.ClickException(str(error)) from None
    for problem in report.skipped:
        click.echo(f"Skipped {problem.source}: {problem.reason}", err=True)
    for source, problem in report.provenance:
        click.echo(f"Indexed {source} without a line: {problem}", err=True)
    totals = f"{plural(report.statements, 'statement')}, {plural(report.paragraphs, 'paragraph')}"
    if not report.built:
        click.echo(f"Index is up to date: {totals}")
        return
    how = "Rebuilt" if report.full else "Updated"
    click.echo(f"{how} the index: {totals} in {report.seconds:.2f} s")
    if not report.full:
        click.echo(
            f"  {len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed"
        )
    click.echo(f"  {config['INDEX_DIR']}/{report.generation}")


@index_group.command("stats")
def stats_command():
    """Show what the index holds: statements, paragraphs, size on disk, last build."""
    stats = index.index_stats(current_app.config["INDEX_DIR"])
    if stats is None:
        raise click.ClickException(
            "no index has been built yet: run 'flask --app webapp index build'"
        )
    click.echo(f"Statements:  {stats.statements:,} ({stats.forces:,} forces, {stats.periods} periods)")
    click.echo(f"Paragraphs:  {stats.paragraphs:,}")
    click.echo(f"Size:        {stats.bytes / 1_048_576:,.1f} MiB in {stats.segments} segment(s)")
    click.echo(f"Last build:  {stats.built_at} ({'full' if stats.full else 'update'}, {stats.seconds:.2f} s)")
    click.echo(f"Skipped:     {plural(stats.skipped, 'file')}")
    for source, reason in stats.skipped_files:
        click.echo(f"  {source}: {reason}")
    if stats.provenance_problems:
        # Indexed, but without the line named: the file needs fixing, the index is whole.
        click.echo(f"Provenance:  {plural(len(stats.provenance_problems), 'line')} left out")
        for source, problem in stats.provenance_problems:
            click.echo(f"  {source}: {problem}")
    click.echo(f"Location:    {stats.location}")


def emphasise(snippet: str) -> str:
    """A snippet's HTML as terminal text, its marks in bold, a list's lines on lines of their own."""
    parts = MARK.split(str(snippet).replace("<br>", "\n"))
    return "".join(
        click.style(html.unescape(part), bold=True, underline=True) if odd else html.unescape(part)
        for odd, part in ((i % 2 == 1, part) for i, part in enumerate(parts))
    )


@index_group.command("search")
@click.argument("query")
@click.option("--page", default=1, show_default=True, help="Page of results to show.")
@click.option("--force", "forces", multiple=True, help="Only this force (repeatable).")
@click.option("--period", "periods", multiple=True, help="Only this period, e.g. 2021/22 (repeatable).")
def search_command(query: str, page: int, forces: tuple[str, ...], periods: tuple[str, ...]):
    """Search the index and print the hits, the matched words emphasised, with their URLs."""
    from .shared_index import get_index

    periods = tuple(index.filter_period(period) for period in periods)
    filters = index.Filters(forces, periods)
    try:
        # The same rules as the pages and the API: a malformed period, then a page past the last.
        index.check_filters(filters)
        check_names(get_index(), forces, periods)
        results = index.search(get_index(), query, page=page, filters=filters)
        index.check_page_reached(results)
    except index.QueryError as error:
        raise click.ClickException(str(error)) from None
    except index.IndexUnavailable:
        raise click.ClickException(
            "no index has been built yet: run 'flask --app webapp index build'"
        ) from None
    note = " (no paragraph has all the words; these have some)" if results.fallback else ""
    verb = "matches" if results.total == 1 else "match"
    # After a typo is corrected, the words searched come first, then what was typed.
    searched = f"{results.suggestion!r} (you typed {query!r})" if results.suggestion else repr(query)
    click.echo(f"{plural(results.total, 'paragraph')} {verb} {searched}{note}; page {results.page} of {results.pages}")
    if results.suggestion:
        click.echo(f"Showing results for: {results.suggestion}")
    for number, hit in enumerate(results.hits, (results.page - 1) * results.page_size + 1):
        with current_app.test_request_context():  # url_for needs a request to build paths
            link = url_for("pages.statement", slug=hit.statement, _anchor=hit.anchor)
        click.echo(f"\n{number}. {hit.force} {hit.period}, paragraph {hit.paragraph}  {link}")
        click.echo(f"   {emphasise(hit.snippet)}")
        if hit.same_words:
            years = ", ".join(other.period for other in hit.same_words)
            lead = "Listed after the other results, as it repeats one above: same" if hit.repeat else "Same"
            click.echo(f"   {lead} words, figures aside, in {years}")


def check_names(shared: index.StatementIndex, forces: tuple[str, ...], periods: tuple[str, ...]) -> None:
    """Refuse --force and --period values that no statement has, saying which ones there are."""
    statements = shared.statements()
    for option, chosen, known in (
        ("force", forces, sorted({info.force for info in statements})),
        ("period", periods, sorted({info.period for info in statements})),
    ):
        unknown = [value for value in chosen if value not in known]
        if unknown:
            listed = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "") or "none"
            raise click.ClickException(f"no statement has the {option} {unknown[0]!r}; there are: {listed}")


def init_app(app: Flask) -> None:
    """Register the commands on `app.cli`."""
    app.cli.add_command(index_group)
