"""A SPARQL 1.1 server as the knowledge-graph store: ``--store http(s)://host/sparql``.

:class:`ServerStore` implements :class:`kg.rdf.store.Store` over the SPARQL 1.1
Protocol: ``query`` runs on the endpoint (prefixes predeclared) and returns a
:class:`~kg.rdf.results.QueryResult`; writes go through :class:`Target`: each
article's named graph is *replaced* on the server (Graph Store ``PUT`` or
``DROP`` + ``INSERT DATA``), the actors graph is added to, and the ontology graph
is replaced once when a writable store is opened. ``serialize`` and ``stats``
read the graphs under the store's base IRI back, so ``kg export`` and ``kg stats``
work on a server as on a folder. :class:`Target` is also what ``kg push`` writes to.

Settings that a URL alone cannot carry come from the environment:
``KG_GRAPH_STORE`` (Graph Store Protocol URL), ``KG_UPDATE_ENDPOINT``,
``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD``.

Local state (the build's near-duplicate index) lives in ``state_dir``, by default
``output/remote/<host>-<port>``.
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import EndpointError, QueryError, StoreError
from kg.models import Extraction
from kg.rdf import client, summary
from kg.rdf.graph import ExtractionRun, build_time, extraction_quads
from kg.rdf.namespace import DEFAULT_BASE_IRI, KG, PREFIXES, IRIs
from kg.rdf.results import QueryResult, from_json
from kg.rdf.syntax import query_form

UPDATE_BATCH = 1000
"""Triples per ``INSERT DATA`` request."""
GSP_BATCH = 50_000
"""Triples per Graph Store Protocol request."""

@dataclass(frozen=True)
class Target:
    """A SPARQL 1.1 server to write to.

    Attributes:
        endpoint: the SPARQL query endpoint (also used for updates unless ``update_endpoint``).
        graph_store: the Graph Store HTTP Protocol URL, when the server offers one.
        update_endpoint: where SPARQL Update goes, when not ``endpoint`` (Fuseki: ``/ds/update``).
        user: user for HTTP Basic/Digest authentication.
        password: its password.
        timeout: seconds to wait for each request.
    """

    endpoint: str
    graph_store: str | None = None
    update_endpoint: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 120.0

    @property
    def key(self) -> str:
        """The text that identifies the target in the progress file."""
        return self.graph_store or self.update_endpoint or self.endpoint

    def replace_graph(self, graph: str, triples: Sequence[ox.Triple]) -> None:
        """Make the server's graph ``graph`` hold exactly ``triples``."""
        if self.graph_store:
            chunks = list(batches(triples, GSP_BATCH))
            if not chunks:
                self.drop_graph(graph)
            for number, chunk in enumerate(chunks):
                self._graph_store("PUT" if number == 0 else "POST", graph, chunk)
        else:
            self.drop_graph(graph)
            self.add_to_graph(graph, triples)

    def add_to_graph(self, graph: str, triples: Sequence[ox.Triple]) -> None:
        """Add ``triples`` to the graph (a triple already there stays once)."""
        if self.graph_store:
            for chunk in batches(triples, GSP_BATCH):
                self._graph_store("POST", graph, chunk)
            return
        for chunk in batches(triples, UPDATE_BATCH):
            body = _ntriples(chunk).decode("utf-8")
            self.update(f"INSERT DATA {{ GRAPH <{_iri(graph)}> {{\n{body}}} }}")

    def drop_graph(self, graph: str) -> None:
        """Remove the graph from the server (no error when it is not there)."""
        if self.graph_store:
            self._request("DELETE", self._graph_url(graph), ok_statuses=(404,))
        else:
            self.update(f"DROP SILENT GRAPH <{_iri(graph)}>")

    def update(self, text: str) -> None:
        """Send one SPARQL Update request."""
        body = urllib.parse.urlencode({"update": text}).encode("utf-8")
        answer = self._request(
            "POST",
            self.update_endpoint or self.endpoint,
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
            ok_statuses=(400,),
        )
        if answer.status == 400:
            raise EndpointError(
                f"{self.update_endpoint or self.endpoint} rejected the update: "
                f"{client.first_line(answer.body)}"
            )

    def query(self, text: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a query on the endpoint."""
        return query_endpoint(
            self.endpoint,
            text,
            timeout=self.timeout,
            max_rows=max_rows,
            user=self.user,
            password=self.password,
        )

    def _graph_store(self, method: str, graph: str, triples: Sequence[ox.Triple]) -> None:
        self._request(
            method,
            self._graph_url(graph),
            _ntriples(triples),
            {"Content-Type": "application/n-triples"},
        )

    def _graph_url(self, graph: str) -> str:
        assert self.graph_store is not None
        joiner = "&" if "?" in self.graph_store else "?"
        return self.graph_store + joiner + urllib.parse.urlencode({"graph": graph})

    def _request(
        self,
        method: str,
        url: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        ok_statuses: tuple[int, ...] = (),
    ) -> client.Response:
        return client.request(
            method,
            url,
            data=data,
            headers=headers,
            timeout=self.timeout,
            user=self.user,
            password=self.password,
            ok_statuses=ok_statuses,
        )


SUMMARY = ox.NamedNode(str(KG.summary))
SUMMARY_BATCH = 200
"""Summary nodes recomputed per request (their IRIs go in a VALUES clause)."""
_SUMMARY_READ = """
SELECT ?r ?s ?p ?o ?negated ?article ?modality ?published WHERE {
  VALUES ?r { #nodes }
  GRAPH ?g {
    ?a kg:summary ?r ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:negated ?negated ;
       prov:wasDerivedFrom ?article .
    OPTIONAL { ?a kg:modality ?modality }
    OPTIONAL { ?article schema:datePublished ?published }
  }
}"""
_LABELS_READ = "SELECT ?x ?l WHERE { VALUES ?x { #actors } GRAPH ?g { ?x rdfs:label ?l } }"


def _iri(graph: str) -> str:
    """The graph IRI, checked to be safe between ``<`` and ``>`` in an update."""
    if not graph or any(c in graph for c in '<>"{}|^`\\ \n\r\t'):
        raise QueryError(f"not a usable graph IRI: {graph!r}")
    return graph


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def batches(triples: Sequence[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """Split ``triples`` into lists of about ``size``, never separating triples that share
    a blank node (a group larger than ``size`` travels whole).

    >>> a, p = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p")
    >>> b = ox.BlankNode("b")
    >>> ts = [ox.Triple(a, p, b), ox.Triple(a, p, a), ox.Triple(b, p, a)]
    >>> [len(batch) for batch in batches(ts, 1)]
    [1, 2]
    """
    groups: dict[str, list[ox.Triple]] = {}
    parent: dict[str, str] = {}

    def root(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    current: list[ox.Triple] = []
    for triple in triples:
        blanks = [t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]
        if not blanks:
            current.append(triple)
            if len(current) >= size:
                yield current
                current = []
            continue
        roots = {root(label) for label in blanks}
        keep = roots.pop()
        for other in roots:
            parent[other] = keep
            groups.setdefault(keep, []).extend(groups.pop(other, []))
        groups.setdefault(keep, []).append(triple)
    for group in groups.values():
        current.extend(group)
        if len(current) >= size:
            yield current
            current = []
    if current:
        yield current



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


def with_prefixes(query: str) -> str:
    """Prepend the PREFIX declarations of :data:`PREFIXES` on one line (for remote servers).

    A query's own declarations come later and so win.
    """
    declared = " ".join(f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items())
    return declared + "\n" + query



def default_state_dir(endpoint: str) -> Path:
    """``http://127.0.0.1:8890/sparql`` -> ``output/remote/127.0.0.1-8890``."""
    parts = urllib.parse.urlsplit(endpoint)
    name = re.sub(r"[^A-Za-z0-9.]+", "-", f"{parts.hostname}-{parts.port or parts.scheme}")
    return Path("output") / "remote" / name


class ServerStore:
    """The knowledge graph on a SPARQL 1.1 server (a :class:`kg.rdf.store.Store`).

    Args:
        endpoint: the SPARQL endpoint URL.
        read_only: refuse writes; nothing but queries is sent.
        base_iri: base of instance IRIs (default ``https://w3id.org/intel-kg/id/``).
        wait: accepted as for KGStore; a server has no build lock.
        rebuild: drop every graph under ``<base>graph/`` on the server first.
        graph_store: Graph Store Protocol URL (default: ``KG_GRAPH_STORE``, else SPARQL Update).
        update_endpoint: SPARQL Update URL when it differs (default: ``KG_UPDATE_ENDPOINT``).
        user: user name (default: ``KG_ENDPOINT_USER``).
        password: password (default: ``KG_ENDPOINT_PASSWORD``).
        state_dir: local folder for the build's own state (duplicate index).
        timeout: seconds per request.

    Example:
        >>> with ServerStore("http://127.0.0.1:8890/sparql") as store:  # doctest: +SKIP
        ...     store.add_extractions(extractions)
    """

    def __init__(
        self,
        endpoint: str,
        read_only: bool = False,
        base_iri: str | None = None,
        *,
        wait: bool = False,
        rebuild: bool = False,
        graph_store: str | None = None,
        update_endpoint: str | None = None,
        user: str | None = None,
        password: str | None = None,
        state_dir: str | os.PathLike[str] | None = None,
        timeout: float = 120.0,
    ) -> None:
        del wait  # nothing to wait for: the server serializes writes itself
        env = os.environ
        self.target = Target(
            endpoint,
            graph_store=graph_store or env.get("KG_GRAPH_STORE") or None,
            update_endpoint=update_endpoint or env.get("KG_UPDATE_ENDPOINT") or None,
            user=user or env.get("KG_ENDPOINT_USER") or None,
            password=password or env.get("KG_ENDPOINT_PASSWORD") or None,
            timeout=timeout,
        )
        self.location = endpoint
        self.read_only = read_only
        self.base_iri = IRIs(base_iri or DEFAULT_BASE_IRI).base
        self.iris = IRIs(self.base_iri)
        self.path = Path(state_dir) if state_dir else default_state_dir(endpoint)
        self.export_dir = self.path
        if not read_only:
            self.path.mkdir(parents=True, exist_ok=True)
            if rebuild:
                self._drop_all()
            self._put_ontology()

    def __enter__(self) -> ServerStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: every write is already on the server."""

    # -- writing ------------------------------------------------------------------------

    def add_extractions(
        self,
        extractions: Iterable[Extraction],
        run: ExtractionRun | None = None,
        duplicates: dict[str, list[str]] | None = None,
    ) -> int:
        """Replace each article's graph on the server and add its actors; return the count.

        An article already on the server with the same content hash is left alone.
        Each article graph is replaced whole, so a rerun never duplicates it.
        """
        from kg.rdf.store import _ox_quad

        self._require_writable()
        run = run or ExtractionRun(None, build_time())
        duplicates = duplicates or {}
        by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
        written = 0
        for extraction in extractions:
            article = extraction.article
            if self.is_current(article.id, article.content_hash):
                continue
            quads = extraction_quads(extraction, run, self.iris, duplicates.get(article.id, ()))
            by_graph.setdefault(str(self.iris.article_graph(article.id)), [])
            for quad in map(_ox_quad, quads):
                by_graph[quad.graph_name.value].append(quad.triple)
            written += 1
        actors = by_graph.pop(str(self.iris.actors_graph), [])
        touched = {
            t.object for triples in by_graph.values() for t in triples if t.predicate == SUMMARY
        }
        for graph in by_graph:
            touched |= self._summary_nodes(graph)  # the article's earlier version's
        for graph, triples in by_graph.items():
            self.target.replace_graph(graph, triples)
        if actors:
            self.target.add_to_graph(str(self.iris.actors_graph), list(dict.fromkeys(actors)))
        self._summarize(touched)
        return written

    def _summary_nodes(self, graph: str) -> set[ox.NamedNode]:
        """The summary nodes the assertions of one graph on the server link to."""
        answer = self.query(
            f"SELECT DISTINCT ?r WHERE {{ GRAPH <{_iri(graph)}> {{ ?a kg:summary ?r }} }}"
        )
        return {row[0] for row in answer.rows if isinstance(row[0], ox.NamedNode)}

    def _summarize(self, nodes: set[ox.NamedNode]) -> None:
        """Recompute summary nodes from the server's article graphs (:mod:`kg.rdf.summary`).

        Without the embedded store's transactions: a build stopped between its article
        writes and this leaves those relations' summaries as they were until written again.
        """
        graph = ox.NamedNode(str(self.iris.summary_graph))
        ordered = sorted(nodes, key=lambda n: n.value)
        for start in range(0, len(ordered), SUMMARY_BATCH):
            chunk = ordered[start : start + SUMMARY_BATCH]
            values = " ".join(str(node) for node in chunk)
            found: dict[ox.NamedNode, tuple[tuple, list]] = {}
            for row in self.query(_SUMMARY_READ.replace("#nodes", values)).rows:
                node, *terms = row[:5]
                entry = found.setdefault(node, (tuple(terms), []))
                entry[1].append(row[5:8])
            actors = {term for terms, _ in found.values() for term in (terms[0], terms[2])}
            labels: dict[object, list[str]] = defaultdict(list)
            if actors:
                text = _LABELS_READ.replace("#actors", " ".join(str(a) for a in actors))
                for actor, label in self.query(text).rows:
                    labels[actor].append(label.value)
            quads = [
                quad
                for node, (terms, reports) in found.items()
                for quad in summary.compose(
                    node, graph, terms, reports,
                    lambda a, known=labels: sorted(set(known.get(a, []))) or [a.value],
                )
            ]
            self.target.update(
                f"DELETE {{ GRAPH {graph} {{ ?r ?p ?o }} }} WHERE {{ VALUES ?r {{ {values} }} "
                f"GRAPH {graph} {{ ?r ?p ?o }} }}"
            )
            if quads:
                self.target.add_to_graph(graph.value, [quad.triple for quad in quads])

    def remove_article(self, article_id: str) -> bool:
        """Drop an article's graph from the server; True when it was there."""
        self._require_writable()
        present = self.content_hash(article_id) is not None
        graph = str(self.iris.article_graph(article_id))
        touched = self._summary_nodes(graph)
        self.target.drop_graph(graph)
        self._summarize(touched)
        return present

    def flush(self) -> None:
        """Nothing to do: every write is on the server once its request returns."""

    def _put_ontology(self) -> None:
        from kg.rdf.store import ontology_path, store_format_triple

        triples = [
            quad.triple for quad in ox.parse(path=ontology_path(), format=ox.RdfFormat.TURTLE)
        ]
        triples.append(store_format_triple(str(self.iris.ontology_graph)))  # as in a local store
        self.target.replace_graph(str(self.iris.ontology_graph), triples)

    def _drop_all(self) -> None:
        for graph in self.named_graphs():
            self.target.drop_graph(graph)

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only")

    # -- reading ------------------------------------------------------------------------

    def query(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a query on the endpoint (:data:`~kg.rdf.namespace.PREFIXES` predeclared)."""
        return self.target.query(sparql, max_rows=max_rows)

    def content_hash(self, article_id: str) -> str | None:
        """The content hash the server holds for an article, or None when it is not there."""
        graph = _iri(str(self.iris.article_graph(article_id)))
        node = _iri(str(self.iris.article(article_id)))
        result = self.query(
            f"SELECT ?h WHERE {{ GRAPH <{graph}> {{ <{node}> <{KG.contentHash}> ?h }} }} LIMIT 1"
        )
        return result.rows[0][0].value if result.rows and result.rows[0][0] else None

    def is_current(self, article_id: str, content_hash: str) -> bool:
        """True when the article is on the server with this very content."""
        return self.content_hash(article_id) == content_hash

    def named_graphs(self) -> list[str]:
        """The graphs on the server under ``<base>graph/`` (this knowledge graph's), sorted."""
        prefix = _iri(self.iris.base + "graph/")
        result = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
        )
        return sorted(row[0].value for row in result.rows if row[0] is not None)

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one graph on the server."""
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{_iri(graph)}> {{ ?s ?p ?o }} }}"
        return self.query(sparql).triples

    def stats(self) -> dict[str, int]:
        """The :data:`~kg.rdf.store.STATS_KEYS` counts; ``triples`` counts the triples of
        this knowledge graph's graphs (``<base>graph/...``), the ontology included."""
        from kg.rdf.store import count, graph_stats

        prefix = _iri(self.iris.base + "graph/")
        triples = count(
            self,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}',
        )
        return {**graph_stats(self), "triples": triples}

    def serialize(self, format: str, out: str | os.PathLike[str] | IO[bytes]) -> None:
        """Write this knowledge graph's graphs on the server as ``format`` (see
        :meth:`kg.rdf.store.KGStore.serialize`)."""
        from kg.rdf.store import dump

        copy = ox.Store()
        for number, graph in enumerate(self.named_graphs()):
            name = ox.NamedNode(graph)

            def own(term: Any, number: int = number) -> Any:
                # blank node labels are only unique within one answer: keep graphs apart
                if isinstance(term, ox.BlankNode):
                    label = f"{number}:{term.value}".encode()
                    return ox.BlankNode("b" + hashlib.sha1(label).hexdigest()[:20])
                return term

            copy.bulk_extend(
                ox.Quad(own(t.subject), t.predicate, own(t.object), name)
                for t in self.graph_triples(graph)
            )
        dump(copy, format, out)
