"""kg query, kg serve, kg push: SPARQL from the shell, over HTTP, and into a server store."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from kg.cli import ExitWith, is_quiet, main, store_option
from kg.errors import QueryError


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r}: write it as name=value")
        values[name.strip()] = value
    return values


def _credentials(user: str | None, password: str | None) -> tuple[str | None, str | None]:
    if user is not None and password is None:
        password = os.environ.get("KG_ENDPOINT_PASSWORD")
    return user, password


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "--file", "file", type=click.Path(dir_okay=False), help="Read the query from a .rq file."
)
@click.option("--preset", metavar="NAME", help="Run a shipped preset (see --list).")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A preset parameter, bound as an RDF term (repeatable).",
)
@click.option("--list", "list_", is_flag=True, help="List the presets and their parameters.")
@store_option(name="store")
@click.option(
    "--endpoint", metavar="URL", help="Query this SPARQL 1.1 endpoint (the same as --store URL)."
)
@click.option("--user", metavar="USER", help="User for the endpoint (Basic or Digest auth).")
@click.option(
    "--password",
    metavar="PASSWORD",
    help="Password for --user (or set KG_ENDPOINT_PASSWORD).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "csv", "tsv", "json", "md", "xml", "turtle", "ntriples", "rdfxml"]),
    help="Output format; CONSTRUCT/DESCRIBE print Turtle unless ntriples or rdfxml is asked.",
)
@click.option("--limit", type=click.IntRange(min=0), help="Print at most this many rows.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for a server's answer (--store URL or --endpoint; none on a folder).",
)
@click.option(
    "--show-query", is_flag=True, help="Print the query as sent (parameters bound) and stop."
)
def query(
    sparql: str | None,
    file: str | None,
    preset: str | None,
    params: tuple[str, ...],
    list_: bool,
    store: Path | str,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    fmt: str,
    limit: int | None,
    timeout: float,
    show_query: bool,
) -> None:
    """Run SPARQL on the knowledge graph (the embedded store, or --endpoint URL).

    The prefixes kg, prov, schema, skos, rdf, rdfs, owl and xsd are declared for
    you. The query comes from the argument, --file, standard input, or --preset.

    \b
    Examples:
      kg query 'SELECT ?s ?o { ?s kg:hacked ?o }'
      kg query --list
      kg query --preset actor --param name=Kaspersky --format md
      kg query --preset new-since -p since=2024-01-01 --endpoint http://localhost:8890/sparql
      kg query --file q.rq --format json > answer.json
    """
    from kg.query.presets import get_preset, list_presets
    from kg.query.results import rich_table
    from kg.query.runner import DISPLAY_PREFIXES, read_query, render, run_query

    if list_:
        for item in list_presets():
            click.echo(f"{item.name}\n    {item.description}\n    parameters: {item.usage()}")
        return
    if preset:
        if sparql or file:
            raise QueryError("give either --preset or a query, not both")
        text = get_preset(preset).bind(_parse_params(params))
    else:
        if params:
            raise QueryError("--param goes with --preset NAME (kg query --list shows them)")
        text = read_query(sparql, file, sys.stdin)
    if show_query:
        click.echo(text)
        return
    user, password = _credentials(user, password)
    result = run_query(
        text,
        store=store,
        endpoint=endpoint,
        timeout=timeout,
        max_rows=limit,
        user=user,
        password=password,
    )
    if fmt == "table" and result.kind != "graph":
        from rich.console import Console

        Console(soft_wrap=False).print(rich_table(result, DISPLAY_PREFIXES))
    else:
        click.echo(render(result, fmt), nl=False)
    if result.truncated:
        click.echo(f"(first {limit} rows shown: --limit)", err=True)
    if preset and result.kind == "bindings" and len(result) == 0:
        from kg.query.diagnose import why_empty
        from kg.query.results import QueryResult

        def ask(text: str) -> QueryResult:
            return run_query(
                text, store=store, endpoint=endpoint, timeout=timeout, user=user, password=password
            )

        click.echo(f"no rows: {why_empty(preset, _parse_params(params), ask)}", err=True)


@main.command()
@store_option("Store to serve (a folder).", name="store", servers=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--allow-update", is_flag=True, help="Accept SPARQL Update from requests with the token."
)
@click.option(
    "--token",
    envvar="KG_SERVE_TOKEN",
    metavar="TOKEN",
    help="Bearer token for updates (or set KG_SERVE_TOKEN).",
)
@click.option("--cors", metavar="ORIGIN", help="Allow browser calls from this one origin.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds a query may run.",
)
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True)
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    default=1_000_000,
    show_default=True,
    help="Largest request body, in bytes.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Query worker processes.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=64),
    default=1024,
    show_default=True,
    metavar="MB",
    help="Memory a query worker may use; a query over it is stopped (503).",
)
@click.option(
    "--max-client-queries",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Queries one client address may run at once (default: all workers but one); "
    "more get 429.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header names NAME (repeatable); by default "
    "only the --host address and localhost.",
)
def serve(
    store: Path | str,
    host: str,
    port: int,
    allow_update: bool,
    token: str | None,
    cors: str | None,
    timeout: float,
    max_rows: int,
    max_body: int,
    workers: int,
    max_memory: int,
    max_client_queries: int | None,
    allowed_hosts: tuple[str, ...],
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint at http://HOST:PORT/sparql.

    Read-only unless --allow-update (updates then need 'Authorization: Bearer
    TOKEN'). LOAD and SERVICE are always refused. Listens on 127.0.0.1 only,
    unless --host says otherwise. A query page is at http://HOST:PORT/ .

    \b
    Examples:
      kg serve                              # http://127.0.0.1:7878/sparql
      kg serve --port 9000 --timeout 10 --max-rows 5000
      KG_SERVE_TOKEN=s3cret kg serve --allow-update
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * {?s ?p ?o} LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """

    from kg.query.server import ServeConfig, describe, make_server

    config = ServeConfig(
        Path(store),
        host=host,
        port=port,
        allow_update=allow_update,
        token=token,
        cors=cors,
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        workers=workers,
        max_memory=max_memory << 20,
        max_client_queries=max_client_queries,
        allowed_hosts=allowed_hosts,
    )
    server = make_server(config)
    click.echo(describe(server), err=True)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as Ctrl-C does
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("kg serve: stopped", err=True)
    finally:
        server.server_close()


@main.command()
@click.option("--endpoint", required=True, metavar="URL", help="SPARQL endpoint of the server.")
@click.option(
    "--graph-store",
    metavar="URL",
    help="Graph Store Protocol URL; without it, SPARQL Update in batches.",
)
@click.option("--update-endpoint", metavar="URL", help="SPARQL Update URL, if not --endpoint.")
@click.option("--user", metavar="USER", help="User (HTTP Basic or Digest).")
@click.option(
    "--password", metavar="PASSWORD", help="Password for --user (or set KG_ENDPOINT_PASSWORD)."
)
@store_option("Store whose named graphs are pushed: a folder or a server URL.", name="store")
@click.option(
    "--progress-file",
    type=click.Path(dir_okay=False),
    help="Where progress is kept (default: <store>.push.jsonl).",
)
@click.option("--restart", is_flag=True, help="Push every graph again, ignoring earlier progress.")
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=4,
    show_default=True,
    help="Requests in flight at once.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=120.0,
    show_default=True,
    help="Seconds to wait for each request.",
)
@click.pass_context
def push(
    ctx: click.Context,
    endpoint: str,
    graph_store: str | None,
    update_endpoint: str | None,
    user: str | None,
    password: str | None,
    store: Path | str,
    progress_file: str | None,
    restart: bool,
    workers: int,
    timeout: float,
) -> None:
    """Copy the store's named graphs to a SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB...).

    Each graph is replaced on the server, so pushing twice changes nothing.
    Resumable: graphs already pushed with the same content are skipped; a push
    that failed part-way names the graphs that did not make it.

    \b
    Examples:
      kg push --endpoint http://127.0.0.1:8890/sparql \\
              --graph-store http://127.0.0.1:8890/sparql-graph-crud        # Virtuoso
      kg push --endpoint http://localhost:3030/kg/sparql \\
              --graph-store http://localhost:3030/kg/data --user admin      # Fuseki
      kg push --endpoint http://localhost:3030/kg/sparql \\
              --update-endpoint http://localhost:3030/kg/update             # Update only
    """

    from kg.rdf.server_store import Target
    from kg.rdf.store import open_store

    user, password = _credentials(user, password)
    target = Target(
        endpoint,
        graph_store=graph_store,
        update_endpoint=update_endpoint,
        user=user,
        password=password,
        timeout=timeout,
    )
    quiet = is_quiet()
    with open_store(store, read_only=True, timeout=timeout) as source:
        report = _push(source, target, quiet, progress_file, restart, workers)
    click.echo(report.summary())
    if not report.ok:
        raise ExitWith("some graphs were not pushed (listed above): run kg push again", 1)


def _push(
    source: Any,
    target: Any,
    quiet: bool,
    progress_file: str | None,
    restart: bool,
    workers: int,
) -> Any:
    """Push with a progress bar on standard error unless ``quiet``."""
    from kg.query.push import push_store

    if quiet:
        return push_store(
            source, target, progress_file=progress_file, restart=restart, workers=workers
        )
    else:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("pushing graphs"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task("push", total=None)

            def advance(_graph: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            return push_store(
                source,
                target,
                progress_file=progress_file,
                restart=restart,
                on_graph=advance,
                workers=workers,
            )
