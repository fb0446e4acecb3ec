"""A SPARQL 1.1 server as the build's store: ``kg build --store http(s)://host/sparql``.

:class:`RemoteStore` has the writing interface of :class:`kg.rdf.store.KGStore`
that the build uses (``add_extractions``, ``content_hash``, ``is_current``,
``remove_article``, ``path``, ``base_iri``, context manager) and
writes through :class:`kg.query.push.Target`: each article's named graph is
*replaced* on the server (Graph Store ``PUT`` or ``DROP`` + ``INSERT DATA``), the
actors graph is added to, and the ontology graph is replaced once when the store
is opened. Its ``query`` runs on the endpoint and returns a
:class:`~kg.query.results.QueryResult` (not pyoxigraph results).

Settings that a URL alone cannot carry come from the environment:
``KG_GRAPH_STORE`` (Graph Store Protocol URL), ``KG_UPDATE_ENDPOINT``,
``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD``.

Local state (the build's near-duplicate index) lives in ``state_dir``, by default
``output/remote/<host>-<port>``.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.models import Extraction
from kg.query.push import Target, _iri
from kg.query.results import QueryResult
from kg.rdf.namespace import DEFAULT_BASE_IRI, KG, IRIs


def is_remote(store: str | os.PathLike[str]) -> bool:
    """True when ``store`` names a SPARQL endpoint (``http://`` or ``https://``), not a folder.

    >>> is_remote("http://localhost:8890/sparql"), is_remote("output/kg.store")
    (True, False)
    """
    return str(store).startswith(("http://", "https://"))


def default_state_dir(endpoint: str) -> Path:
    """``http://127.0.0.1:8890/sparql`` -> ``output/remote/127.0.0.1-8890``."""
    parts = urllib.parse.urlsplit(endpoint)
    name = re.sub(r"[^A-Za-z0-9.]+", "-", f"{parts.hostname}-{parts.port or parts.scheme}")
    return Path("output") / "remote" / name


class RemoteStore:
    """Write the knowledge graph straight to a SPARQL 1.1 server.

    Args:
        endpoint: the SPARQL endpoint URL.
        read_only: refuse writes (for symmetry with KGStore).
        base_iri: base of instance IRIs (default ``https://w3id.org/intel-kg/id/``).
        wait: accepted for KGStore compatibility; a server has no build lock.
        rebuild: drop every graph under ``<base>graph/`` on the server first.
        graph_store: Graph Store Protocol URL (default: ``KG_GRAPH_STORE``, else SPARQL Update).
        update_endpoint: SPARQL Update URL when it differs (default: ``KG_UPDATE_ENDPOINT``).
        user: user name (default: ``KG_ENDPOINT_USER``).
        password: password (default: ``KG_ENDPOINT_PASSWORD``).
        state_dir: local folder for the build's own state (duplicate index).
        timeout: seconds per request.

    Example:
        >>> with RemoteStore("http://127.0.0.1:8890/sparql") as store:  # doctest: +SKIP
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
        self.read_only = read_only
        self.base_iri = IRIs(base_iri or DEFAULT_BASE_IRI).base
        self.iris = IRIs(self.base_iri)
        self.path = Path(state_dir) if state_dir else default_state_dir(endpoint)
        if not read_only:
            self.path.mkdir(parents=True, exist_ok=True)
            if rebuild:
                self._drop_all()
            self._put_ontology()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: every write is already on the server."""

    # -- writing ------------------------------------------------------------------------

    def add_extractions(
        self,
        extractions: Iterable[Extraction],
        run: Any = None,
        duplicates: dict[str, list[str]] | None = None,
    ) -> int:
        """Replace each article's graph on the server and add its actors; return the count.

        An article already on the server with the same content hash is left alone.
        Each article graph is replaced whole, so a rerun never duplicates it.
        """
        from kg.rdf.graph import ExtractionRun, build_time, extraction_quads
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
        for graph, triples in by_graph.items():
            self.target.replace_graph(graph, triples)
        if actors:
            self.target.add_to_graph(str(self.iris.actors_graph), list(dict.fromkeys(actors)))
        return written

    def remove_article(self, article_id: str) -> bool:
        """Drop an article's graph from the server; True when it was there."""
        self._require_writable()
        present = self.content_hash(article_id) is not None
        self.target.drop_graph(str(self.iris.article_graph(article_id)))
        return present

    def _put_ontology(self) -> None:
        from kg.rdf.store import ontology_path

        triples = [
            quad.triple for quad in ox.parse(path=ontology_path(), format=ox.RdfFormat.TURTLE)
        ]
        self.target.replace_graph(str(self.iris.ontology_graph), triples)

    def _drop_all(self) -> None:
        prefix = self.iris.base + "graph/"
        result = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{_iri(prefix)}")) }}'
        )
        for row in result.rows:
            self.target.drop_graph(row[0].value)

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.target.endpoint} is open read-only")

    # -- reading ------------------------------------------------------------------------

    def query(self, sparql: str) -> QueryResult:
        """Run a query on the endpoint (prefixes predeclared)."""
        return self.target.query(sparql)

    def content_hash(self, article_id: str) -> str | None:
        """The content hash the server holds for an article, or None when it is not there."""
        graph = _iri(str(self.iris.article_graph(article_id)))
        node = _iri(str(self.iris.article(article_id)))
        result = self.query(
            f"SELECT ?h WHERE {{ GRAPH <{graph}> {{ <{node}> <{KG.contentHash}> ?h }} }} LIMIT 1"
        )
        return result.rows[0][0].value if result.rows else None

    def is_current(self, article_id: str, content_hash: str) -> bool:
        """True when the article is on the server with this very content."""
        return self.content_hash(article_id) == content_hash
