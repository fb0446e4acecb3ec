"""Run SPARQL against the embedded store or any SPARQL 1.1 endpoint, and format the answer.

The ontology's prefixes (:data:`PREFIXES`) are declared for every query, so
``kg query 'SELECT ?a { ?a a kg:Assertion }'`` works as typed.

Default graph: on the embedded store (and through ``kg serve``) the default graph
is the union of all named graphs, as on Virtuoso, so ad-hoc queries need no
``GRAPH`` clause. The shipped presets do not rely on that: they name graphs with
``GRAPH ?g { }``, which gives the same rows on every server (Fuseki's default
graph, for one, is empty unless configured as the union).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.query.results import GRAPH_FORMATS, WRITERS, to_graph, to_markdown
from kg.rdf.namespace import DEFAULT_BASE_IRI, PREFIXES
from kg.rdf.results import QueryResult

DISPLAY_PREFIXES = {**PREFIXES, "id": DEFAULT_BASE_IRI}
"""Prefixes for tables people read: instance IRIs shown as ``id:actor/israel``."""

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "md", "xml", "turtle", "ntriples", "rdfxml")


def run_query(
    query: str,
    *,
    store: str | os.PathLike[str] | None = None,
    endpoint: str | None = None,
    timeout: float = 60.0,
    max_rows: int | None = None,
    user: str | None = None,
    password: str | None = None,
) -> QueryResult:
    """Run a SPARQL query on a store: a folder, or a SPARQL 1.1 endpoint.

    Args:
        query: SPARQL 1.1 query text (the prefixes of :data:`PREFIXES` are predeclared).
        store: the store (default ``output/kg.store``): a folder or an ``http(s)://`` URL.
        endpoint: URL of a SPARQL 1.1 endpoint (``http(s)://.../sparql``), instead of ``store``.
        timeout: seconds to wait for an endpoint's answer.
        max_rows: keep at most this many rows or triples (``truncated`` is set then).
        user: user name for the endpoint (HTTP Basic or Digest).
        password: its password.

    Raises:
        QueryError: the query is malformed (with the parser's line and column) or failed.
        EndpointError: the endpoint is unreachable, refused us, or timed out.
        StoreError: there is no store at ``store``.

    Example:
        >>> result = run_query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")  # doctest: +SKIP
        >>> result.dicts()  # doctest: +SKIP
        [{'n': '1234'}]
    """
    from kg.rdf.store import DEFAULT_STORE, open_store

    location = endpoint or store or DEFAULT_STORE
    with open_store(
        location, read_only=True, timeout=timeout, user=user, password=password
    ) as kg_store:
        return kg_store.query(query, max_rows=max_rows)


def render(result: QueryResult, fmt: str) -> str:
    """Serialize a result for output: ``csv``, ``tsv``, ``json``, ``xml``, ``md``, or for
    CONSTRUCT/DESCRIBE ``turtle``, ``ntriples``, ``rdfxml`` (``table`` is the CLI's rich table).

    Example:
        >>> render(QueryResult("boolean", boolean=True), "json")
        '{"head": {}, "boolean": true}'
    """
    if result.kind == "graph":
        graph_format = fmt if fmt in GRAPH_FORMATS else "turtle"
        return to_graph(result, graph_format, PREFIXES).decode("utf-8")
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries")
    if fmt == "md":
        return to_markdown(result, DISPLAY_PREFIXES)
    try:
        return WRITERS[fmt](result)
    except KeyError:
        raise QueryError(
            f"unknown format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}"
        ) from None


def read_query(text: str | None, file: str | os.PathLike[str] | None, stdin: Any) -> str:
    """The query text from the argument, a ``--file``, or standard input (in that order)."""
    if text and file:
        raise QueryError("give the query as an argument or with --file, not both")
    if file:
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {file}: {exc}") from None
    if text:
        return text
    if stdin is not None and not stdin.isatty():
        data = stdin.read()
        if data.strip():
            return data
    raise QueryError(
        "no query: pass it as an argument, with --file q.rq, on standard input, "
        "or use --preset NAME (kg query --list shows them)"
    )
