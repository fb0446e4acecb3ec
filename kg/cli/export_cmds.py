"""``kg export``: the graph for Gephi, yEd, Cytoscape and browsers, or the store as RDF."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import family_option, is_quiet, main, store_option
from kg.export import FORMATS, export
from kg.export.projection import Filters


@main.command("export")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help="gexf (Gephi), graphml, csv (Gephi spreadsheets), json (node-link), html, "
    "or an RDF format: turtle, trig, nquads, ntriples, jsonld, rdfxml.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write; for csv a folder that gets nodes.csv and edges.csv.",
)
@store_option()
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option(
    "--gexf-version",
    type=click.Choice(["1.3", "1.2draft"]),
    default="1.3",
    show_default=True,
    help="GEXF version (1.2draft for older tools).",
)
@click.option(
    "--predicate", "predicates", multiple=True, metavar="NAME", help="Only this relation (repeat)."
)
@family_option()
@click.option(
    "--actor", metavar="NAME", help="Only the ego network of this actor (label or alias)."
)
@click.option(
    "--hops", type=click.IntRange(min=0), default=1, show_default=True, help="Radius for --actor."
)
@click.option("--since", metavar="DATE", help="Only articles from this date (YYYY[-MM[-DD]]).")
@click.option("--until", metavar="DATE", help="Only articles up to this date (inclusive).")
@click.option(
    "--min-weight",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only edges supported by at least this many articles.",
)
@click.option(
    "--source", "sources", multiple=True, metavar="OUTLET", help="Only articles of this outlet."
)
@click.option(
    "--include-negated",
    is_flag=True,
    help="Also export denied relations, as separate edges marked negated.",
)
def export_command(
    fmt: str,
    output: Path,
    store_path: Path,
    force: bool,
    gexf_version: str,
    predicates: tuple[str, ...],
    families: tuple[str, ...],
    actor: str | None,
    hops: int,
    since: str | None,
    until: str | None,
    min_weight: int,
    sources: tuple[str, ...],
    include_negated: bool,
) -> None:
    """Export the knowledge graph: actors as nodes, relations as weighted edges.

    Graph formats aggregate every article's relations per (subject, predicate,
    object); the filters choose which. RDF formats write the whole store.

    \b
    Example:
      kg export --format gexf -o output/graph.gexf
      kg export --format html -o output/graph.html --family cyber --since 2024
      kg export --format csv -o output/tables --actor "Fancy Bear" --hops 2
      kg export --format trig -o output/kg.trig
    """
    filters = Filters(
        predicates=predicates,
        families=families,
        actor=actor,
        hops=hops,
        since=since,
        until=until,
        min_weight=min_weight,
        sources=sources,
        include_negated=include_negated,
    )
    result = export(
        fmt,
        output,
        store=store_path,
        filters=filters,
        force=force,
        gexf_version=gexf_version,
    )
    if not is_quiet():
        click.echo(result.summary(), err=True)
