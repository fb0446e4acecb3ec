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
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import EndpointError, QueryError
from kg.query import client
from kg.query.results import (
    GRAPH_FORMATS,
    WRITERS,
    QueryResult,
    from_json,
    from_pyoxigraph,
    to_graph,
    to_markdown,
)
from kg.query.syntax import has_dataset_clause, query_form
from kg.rdf.namespace import DEFAULT_BASE_IRI

PREFIXES = {
    "kg": "https://w3id.org/intel-kg/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefixes declared automatically in every query."""

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
    """Run a SPARQL query on a store directory or a remote endpoint.

    Args:
        query: SPARQL 1.1 query text (the prefixes of :data:`PREFIXES` are predeclared).
        store: path of an embedded store (default ``output/kg.store``) when no endpoint.
        endpoint: URL of a SPARQL 1.1 endpoint (``http(s)://.../sparql``).
        timeout: seconds to wait for a remote endpoint.
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
    if endpoint:
        return query_endpoint(
            endpoint, query, timeout=timeout, max_rows=max_rows, user=user, password=password
        )
    from kg.rdf.store import DEFAULT_STORE, KGStore

    with KGStore(store or DEFAULT_STORE, read_only=True) as kg_store:
        return query_store(kg_store.oxigraph, query, max_rows=max_rows)


def query_store(
    store: ox.Store,
    query: str,
    *,
    max_rows: int | None = None,
    default_graph: list[ox.NamedNode] | None = None,
    named_graphs: list[ox.NamedNode] | None = None,
) -> QueryResult:
    """Run a query on a pyoxigraph store, the default graph being the union of all graphs.

    ``default_graph``/``named_graphs`` restrict the dataset as the SPARQL protocol's
    ``default-graph-uri``/``named-graph-uri`` do; otherwise a query's own ``FROM`` and
    ``FROM NAMED`` clauses define it, as SPARQL 1.1 says (the union is the default
    graph only of a query without them).
    """
    options: dict[str, Any] = {"prefixes": PREFIXES}
    if default_graph:
        options["default_graph"] = default_graph
    elif not has_dataset_clause(query):
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = named_graphs
    try:
        return from_pyoxigraph(store.query(query, **options), max_rows)
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc), query)) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None


_POSITION = re.compile(r"error at (\d+):(\d+)")
_CHAR_CLASSES = re.compile(r"(, )?\[[^\]]*\](?=,|$)", re.MULTILINE)


def syntax_message(error: str, query: str) -> str:
    """One line for a parser error: an unknown prefix named, character-class lists dropped.

    >>> syntax_message("error at 1:9: expected one of Prefix not found, ['%']", "ASK { x:y }")[:58]
    "invalid SPARQL: error at 1:9: unknown prefix 'x:' (declare"
    """
    position = _POSITION.search(error)
    where = position.group(0) if position else "error"
    if "Prefix not found" in error:
        prefix = ""
        if position:
            lines = query.splitlines() or [""]
            line = lines[min(int(position.group(1)), len(lines)) - 1]
            names = re.findall(r"([A-Za-z][\w.-]*)?:", line[: int(position.group(2))])
            prefix = names[-1] if names else ""
        declared = ", ".join(PREFIXES)
        return (
            f"invalid SPARQL: {where}: unknown prefix '{prefix}:' (declare it with "
            f"PREFIX {prefix}: <...>; predeclared: {declared})"
        )
    text = " ".join(_CHAR_CLASSES.sub("", error).split()).rstrip(", ")
    if re.search(r"expected( one of)?$", text):
        text = re.sub(r"expected( one of)?$", "unexpected text here", text)
    return f"invalid SPARQL: {text}"


def with_prefixes(query: str) -> str:
    """Prepend the PREFIX declarations of :data:`PREFIXES` on one line (for remote servers).

    A query's own declarations come later and so win.
    """
    declared = " ".join(f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items())
    return declared + "\n" + query


def query_endpoint(
    endpoint: str,
    query: str,
    *,
    timeout: float = 60.0,
    max_rows: int | None = None,
    user: str | None = None,
    password: str | None = None,
) -> QueryResult:
    """Run a query on a SPARQL 1.1 endpoint (POST, form-encoded) and parse its answer.

    Bindings are asked for as SPARQL JSON, triples as N-Triples.
    """
    form = query_form(query)
    if form == "UPDATE":
        raise QueryError("kg query runs queries, not updates (INSERT/DELETE/LOAD/...)")
    graph = form in ("CONSTRUCT", "DESCRIBE")
    accept = (
        "application/n-triples, text/turtle;q=0.9"
        if graph
        else "application/sparql-results+json, application/json;q=0.9"
    )
    body = urllib.parse.urlencode({"query": with_prefixes(query)}).encode()
    answer = client.request(
        "POST",
        endpoint,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        timeout=timeout,
        user=user,
        password=password,
        ok_statuses=(400,),
    )
    if answer.status == 400:
        raise QueryError(f"the endpoint rejected the query: {client.first_line(answer.body)}")
    result = _parse_triples(answer) if graph else from_json(answer.body)
    if max_rows is not None and len(result) > max_rows:
        result.rows = result.rows[:max_rows]
        result.triples = result.triples[:max_rows]
        result.truncated = True
    return result


def _parse_triples(answer: client.Response) -> QueryResult:
    media = answer.content_type.split(";")[0].strip().lower()
    rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
    try:
        triples = [quad.triple for quad in ox.parse(answer.body, format=rdf_format)]
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(f"the endpoint sent unreadable {media or 'RDF'}: {exc}") from None
    return QueryResult("graph", triples=triples)


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
