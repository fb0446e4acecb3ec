"""``kg relations``: the closed inventory of relation predicates."""

from __future__ import annotations

import json

import click

from kg.cli import family_option, format_option, main
from kg.inventory import markdown_table, predicates


@main.command("relations")
@format_option(["table", "md", "json"], "table", "Output format.")
@family_option("Only the predicates of this family (repeat).")
def relations_command(fmt: str, families: tuple[str, ...]) -> None:
    """List the 25 relation predicates that kg extracts, by family.

    \b
    Example:
      kg relations --family cyber
      kg relations --format md > relations.md
    """
    chosen = [p for p in predicates().values() if not families or p.family in families]
    if fmt == "md":
        click.echo(markdown_table() if not families else _md(chosen))
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
