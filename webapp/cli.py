"""`flask --app webapp index ...`: build the index from the command line."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

import index

# AppGroup runs each command inside the app's context.
index_group = AppGroup("index", help="Build the search index.")


@index_group.command("build")
@click.option(
    "--if-stale",
    is_flag=True,
    help="Skip the build when the index already matches the data.",
)
def build_command(if_stale: bool):
    """Build the index from DATA_DIR into INDEX_DIR, then swap it in.

    The running app picks up the new index without a restart. Statement files
    that cannot be parsed are listed and skipped; the rest are indexed.
    """
    config = current_app.config
    try:
        report = index.build_index(
            config["DATA_DIR"],
            config["INDEX_DIR"],
            full=not if_stale,
            wait=float(config["BUILD_WAIT_SECONDS"]),
        )
    except (OSError, index.BuildInProgress) as error:
        raise click.ClickException(str(error)) from None
    for problem in report.skipped:
        click.echo(f"Skipped {problem.source}: {problem.reason}", err=True)
    statements = f"{report.statements} statement{'s' if report.statements != 1 else ''}"
    if report.built:
        click.echo(
            f"Indexed {statements}, {report.paragraphs} paragraphs in {report.seconds:.2f} s "
            f"({config['INDEX_DIR']}/{report.generation})"
        )
    else:
        click.echo(f"Index is up to date: {statements}, {report.paragraphs} paragraphs")


def init_app(app: Flask) -> None:
    """Register the commands on `app.cli`."""
    app.cli.add_command(index_group)
