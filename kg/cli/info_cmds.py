"""``kg relations``: the closed inventory of relation predicates."""

from __future__ import annotations

import json

import click

from kg.cli import format_option, main
from kg.inventory import families, markdown_table, predicates


@main.command("relations")
@format_option(["table", "md", "json"], "table", "Output format.")
@click.option("--family", default=None, help="Only the predicates of this family.")
def relations_command(fmt: str, family: str | None) -> None:
    """List the 25 relation predicates that kg extracts, by family.

    \b
    Example:
      kg relations --family cyber
      kg relations --format md > relations.md
    """
    if family is not None and family not in families():
        raise click.BadParameter(
            f"unknown family {family!r}; choose from {', '.join(families())}",
            param_hint="--family",
        )
    chosen = [p for p in predicates().values() if family in (None, p.family)]
    if fmt == "md":
        click.echo(markdown_table() if family is None else _md(chosen))
    elif fmt == "json":
        click.echo(json.dumps([p.__dict__ for p in chosen], indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("predicate", "family", "definition", "triggers")
        for p in chosen:
            table.add_row(p.name, p.family, p.definition, ", ".join(p.triggers))
        Console().print(table)


def _md(chosen: list) -> str:
    rows = ["| predicate | family | definition |", "| --- | --- | --- |"]
    rows += [f"| `{p.name}` | {p.family} | {p.definition} |" for p in chosen]
    return "\n".join(rows)
