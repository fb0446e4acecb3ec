"""``kg build``, ``kg stats`` and ``kg validate``: the RDF store commands."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from kg.cli import gazetteer_option, is_quiet, main, model_option, store_option
from kg.cli.ingest_cmds import finish_ingest, ingest_options
from kg.rdf.store import STATS_KEYS


class _Progress:
    """A progress line on stderr (rich): articles done, articles/s, relations found."""

    def __init__(self, enabled: bool) -> None:
        self._progress = None
        if enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._progress.add_task("building", total=None)
            self._progress.start()
            self._started = time.monotonic()

    def __call__(self, report: Any) -> None:
        if self._progress is None:
            return
        rate = report.read / max(time.monotonic() - self._started, 1e-6)
        self._progress.update(
            self._task,
            description=(
                f"{report.read} articles ({report.skipped} unchanged), {rate:.1f} articles/s, "
                f"{report.relations} relations"
            ),
        )

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@store_option()
@click.option("--rebuild", is_flag=True, help="Empty the store first and build from scratch.")
@click.option(
    "--base-iri",
    metavar="IRI",
    default=None,
    help="Base of actor/article IRIs for a new store (default https://w3id.org/intel-kg/id/).",
)
@model_option
@gazetteer_option
@click.option(
    "--export",
    "export_list",
    metavar="LIST",
    default=None,
    help="Standard exports to write next to the store: trig,gexf, trig, gexf or none "
    "(default: both while the store holds at most 1,000 articles, else none; "
    "kg export writes any format).",
)
@click.option("--no-exports", is_flag=True, help="Do not write kg.trig and graph.gexf.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes (default: number of cores).",
)
@click.option(
    "--dask",
    "dask_scheduler",
    metavar="SCHEDULER",
    default=None,
    help="Extract on a Dask cluster: tcp://HOST:8786, or 'local' for a local cluster of "
    "--workers processes (default 2). Needs pip install 'intel-kg[dask]'.",
)
@click.option(
    "--transaction-size",
    "batch_size",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Articles per store transaction (kg extract's --batch-size is spaCy's batch).",
)
@click.option("--wait", is_flag=True, help="Wait for another kg build holding the store.")
@ingest_options
def build(
    inputs: tuple[str, ...],
    store_path: Path | str,
    rebuild: bool,
    base_iri: str | None,
    model: str | None,
    gazetteer: Path | None,
    export_list: str | None,
    no_exports: bool,
    workers: int | None,
    dask_scheduler: str | None,
    batch_size: int,
    wait: bool,
    ingest: dict[str, Any],
) -> None:
    """Extract articles into the RDF store and write the standard exports.

    Incremental: articles already in the store with the same content are skipped,
    changed ones replace their named graph, and a stopped build resumes. Each batch
    of articles is one transaction. Writes kg.trig and graph.gexf next to the store
    while it holds at most 1,000 articles (rewriting them costs more than a small
    increment of a larger store); --export trig,gexf writes them whatever the size,
    --no-exports never.

    \b
    Examples:
      kg build examples/
      kg build news.jsonl.gz --store /data/kg.store --workers 2
      kg build examples/ --rebuild --base-iri https://example.org/kg/
      kg build news.jsonl.gz --store /data/kg.store --export gexf
      kg build news.jsonl.gz --dask tcp://scheduler:8786
      kg build news/ --store http://127.0.0.1:8890/sparql   # straight to a server
    """
    from kg.build import build as run_build
    from kg.build import export_names
    from kg.ingest import IngestReport
    from kg.parallel import extractor_factory

    if no_exports and export_list is not None:
        raise click.UsageError("--export and --no-exports exclude each other")
    exports = "auto" if export_list is None else export_names(export_list)

    make = extractor_factory(
        "dask" if dask_scheduler else "auto",
        model=model,
        gazetteer=gazetteer,
        workers=workers,
        scheduler=dask_scheduler,
    )
    ingest_report = IngestReport()
    progress = _Progress(enabled=not is_quiet())
    try:
        report = run_build(
            inputs,
            store_path,
            rebuild=rebuild,
            base_iri=base_iri,
            model=model,
            gazetteer=gazetteer,
            extractor_factory=make,
            workers=workers,
            batch_size=batch_size,
            store_timeout=ingest["timeout"],
            exports=() if no_exports else exports,
            wait=wait,
            progress=progress,
            ingest_options=ingest,
            ingest_report=ingest_report,
        )
    finally:
        progress.stop()
    finish_ingest(ingest_report)
    click.echo(report.summary())
    for path in report.exports:
        click.echo(f"wrote {path}")
    if report.failures:
        shown = ", ".join(f"{article_id} ({why})" for article_id, why in report.failures[:3])
        more = f" and {len(report.failures) - 3} more" if len(report.failures) > 3 else ""
        raise click.ClickException(
            f"{len(report.failures)} article(s) failed and were skipped: {shown}{more}; "
            "every other article is stored, and the next kg build tries them again"
        )


@main.command()
@store_option()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
def stats(store_path: Path | str, as_json: bool) -> None:
    """Count the articles, actors, unnamed groups, assertions, facts and triples in the
    store, and the nodes and edges that the graph exports write.

    actors are the named actors of the actors graph; groups the unnamed groups of
    people that relations name ("customers", "journalists"); both are nodes of the
    exported graph. facts are the distinct direct actor-to-actor triples (asserted,
    not negated); triples counts every quad, the ontology included. The graph counts are those of
    kg export with no filter (GEXF, GraphML, CSV, JSON, HTML): nodes (isolated: with
    no edge) and edges, split by the modality an edge is drawn with (asserted when an
    article asserts it, else alleged, else attempted); negated edges are counted apart,
    as exports leave them out unless --include-negated.

    \b
    Examples:
      kg stats
      kg stats --store /data/kg.store --json
      kg stats --store http://127.0.0.1:8890/sparql   # a SPARQL 1.1 server
    """
    from kg.export.projection import GRAPH_COUNT_KEYS, graph_counts
    from kg.rdf.store import open_store

    with open_store(store_path, read_only=True) as store:
        counts = store.stats()
        graph = graph_counts(store) if counts["actors"] or counts["assertions"] else {}
    graph = {key: graph.get(key, 0) for key in GRAPH_COUNT_KEYS}
    if as_json:
        click.echo(json.dumps({**{key: counts[key] for key in STATS_KEYS}, "graph": graph}))
        return
    for key in STATS_KEYS:
        click.echo(f"{key:<11} {counts[key]:>10,}")
    click.echo("exported graph (kg export, no filter):")
    names = {"isolated": "  isolated", "asserted": "  asserted", "alleged": "  alleged"}
    names |= {"attempted": "  attempted", "negated": "negated edges"}
    for key in GRAPH_COUNT_KEYS:
        note = "  (written with --include-negated)" if key == "negated" else ""
        click.echo(f"  {names.get(key, key):<13} {graph[key]:>6,}{note}")


@main.command()
@store_option(servers=False)
def validate(store_path: Path) -> None:
    """Check the store against the SHACL shapes (ontologies/shapes.ttl); exit 1 on violations.

    \b
    Examples:
      kg validate
      kg validate --store /data/kg.store
    """
    from kg.rdf.store import KGStore
    from kg.rdf.validate import validate_store

    with KGStore(store_path, read_only=True) as store:
        report = validate_store(store)
    for violation in report.violations:
        click.echo(str(violation))
    click.echo(report.summary(), err=not report.conforms)
    if not report.conforms:
        raise click.exceptions.Exit(1)


@main.command()
@store_option(servers=False)
def check(store_path: Path) -> None:
    """Verify the store: every table file against its checksum, every quad read; exit 1 on damage.

    The checksums are recorded each time kg build (or any writer) closes the store;
    files written before that are read, not hashed.

    \b
    Examples:
      kg check
      kg check --store /data/kg.store
    """
    from kg.rdf.integrity import verify_store

    report = verify_store(store_path)
    for problem in report.damage:
        click.echo(f"damaged: {problem}", err=True)
    if not report.ok:
        raise click.ClickException(report.summary())
    click.echo(report.summary())
