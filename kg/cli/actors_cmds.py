"""``kg actors``: the canonical actors of the gazetteer, or those found in articles."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from kg.cli import format_option, gazetteer_option, main, model_option
from kg.cli.ingest_cmds import articles_from, finish_ingest, ingest_options
from kg.models import ACTOR_TYPES


@main.command()
@click.argument("inputs", nargs=-1, metavar="[PATH|URL|-]...")
@gazetteer_option
@format_option(
    ["table", "json"], "table", "table: a readable table; json: one JSON array of actors."
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(ACTOR_TYPES),
    help="Only actors of this type (repeatable).",
)
@model_option
@ingest_options
def actors(
    inputs: tuple[str, ...],
    gazetteer: str | None,
    fmt: str,
    types: tuple[str, ...],
    model: str | None,
    ingest: dict[str, Any],
) -> None:
    """List canonical actors: those found in articles, or the whole gazetteer.

    With inputs, the articles are extracted and every actor found is listed once,
    under its canonical label, with the surface forms seen, the number of articles
    that mention it and the number of mentions. Without inputs, the gazetteer
    (shipped data plus --gazetteer FILE) is listed with its known aliases.

    \b
    Examples:
      kg actors --type ThreatGroup            # the threat groups the gazetteer knows
      kg actors news/ --format json           # actors found in articles
      kg actors news/ --gazetteer fixes.yaml  # after merging or adding actors
    """
    from kg.extract.gazetteer import Gazetteer

    gaz = Gazetteer.load(gazetteer)
    if not inputs:
        known = [a for a in gaz.actors if not types or a.type in types]
        rows = [_gazetteer_row(a) for a in known]
        _emit(rows, fmt, ("label", "type", "affiliation", "code", "aliases"))
        return

    from kg.extract import Extractor
    from kg.extract.gazetteer import summarize_actors
    from kg.ingest import IngestReport

    extractor = Extractor(model=model, gazetteer=gazetteer)
    report = IngestReport()
    extractions = extractor.pipe(articles_from(inputs, ingest, report))
    summaries = summarize_actors(extractions, types=types or None)
    finish_ingest(report)
    rows = [s.to_dict() for s in summaries]
    _emit(rows, fmt, ("label", "type", "affiliation", "aliases_seen", "articles", "mentions"))


def _gazetteer_row(actor: Any) -> dict[str, Any]:
    return {
        "id": actor.id,
        "label": actor.label,
        "type": actor.type,
        "affiliation": actor.affiliation,
        "code": actor.country_code,
        "aliases": list(actor.aliases),
    }


def _emit(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...]) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row[c]) for c in columns))
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)
