"""The knowledge-graph store: the :class:`Store` interface and the embedded Oxigraph store.

Everything that reads or writes the graph (build, query, presets, push, export,
stats) takes a :class:`Store`; :func:`open_store` picks the implementation from
the location: a folder gives the embedded :class:`KGStore` (Oxigraph on disk),
an ``http(s)://`` URL a SPARQL 1.1 server store
(:class:`kg.rdf.server_store.ServerStore`). Both keep the same graph layout and
answer ``query()`` with a :class:`~kg.rdf.results.QueryResult`.

:class:`KGStore` wraps a ``pyoxigraph.Store`` directory (default ``output/kg.store``)
and keeps the graph layout of :mod:`kg.rdf.namespace`: the ontology graph, the
actors graph and one graph per article. Writes are transactions of whole
articles, so an article is either fully in the store or absent, whatever
happens to the process:

* :meth:`KGStore.add_extractions` writes a batch of articles in one transaction
  (a changed article's old graph is dropped first; were the process killed in
  between, the article is absent and the next build puts it back);
* :meth:`KGStore.is_current` tells whether an article with the same content is
  already in, so a rerun skips it (incremental, resumable builds).

A store never empties itself: only ``rebuild=True`` (``kg build --rebuild``) does.
A missing or broken ``kg-store.json`` is restored from the store's own contents
(its base IRI is in the name of its ontology and article graphs), with a warning;
a store that cannot be opened is refused with an error naming the recovery step.
A ``--rebuild`` killed half way leaves a marker, so the next build finishes it.

One writer at a time: a writable store holds an exclusive lock on
``<store>/kg.lock`` (released by the OS when the process dies, even on SIGKILL);
a second writer gets a :class:`~kg.errors.StoreError` naming the holder's pid,
or waits with ``wait=True``. Read-only stores take no lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
import weakref
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any, Protocol

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.fsutil import atomic_write
from kg.inventory import predicates
from kg.models import ACTOR_TYPES, Extraction
from kg.rdf import summary
from kg.rdf.graph import (
    ExtractionRun,
    Quad,
    actor_quads,
    build_time,
    extraction_quads,
    summary_iri,
    unique_relations,
)
from kg.rdf.integrity import record_checksums
from kg.rdf.namespace import DEFAULT_BASE_IRI, KG, ONTOLOGY_IRI, PREFIXES, IRIs, label_key
from kg.rdf.results import QueryResult, from_pyoxigraph
from kg.rdf.syntax import has_dataset_clause, syntax_message

log = logging.getLogger(__name__)

DEFAULT_STORE = Path("output") / "kg.store"
LOCK_FILE = "kg.lock"
META_FILE = "kg-store.json"
WIPE_MARKER = ".kg-rebuilding"
"""Present in a store while ``--rebuild`` empties it: a killed rebuild is finished next time."""
FORMAT_VERSION = 4
"""Version of the store layout, recorded in ``kg-store.json`` and in the store itself
(``kg:storeFormat`` in the ontology graph); a store of a later version is refused, one of
an earlier version is brought up to date when opened for writing (:meth:`KGStore._upgrade`).
Version 2 added the ``kg:key`` look-up literals of actors' labels and aliases, version 3
the summary graph (:mod:`kg.rdf.summary`), version 4 its nodes' statement terms and counts."""
LARGE_ARTICLE_RELATIONS = 500
"""An article with more relations is written in slices (:meth:`KGStore._write_in_slices`);
a news story has a few dozen."""
SLICE_QUADS = 10_000
"""Quads per transaction when a large article is written in slices (~16 MB of writes)."""

FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
}
"""Export format name -> (Oxigraph format, keeps named graphs). Graph-less formats get the union."""

STATS_KEYS = ("articles", "actors", "groups", "assertions", "facts", "triples")


class Store(Protocol):
    """A knowledge-graph store: what build, query, presets, push, export and stats use.

    Implemented by :class:`KGStore` (embedded Oxigraph) and
    :class:`kg.rdf.server_store.ServerStore` (a SPARQL 1.1 server); open one with
    :func:`open_store`. ``location`` is the folder or URL (for messages); ``path`` a
    local folder for the build's own state (duplicate index, markers); ``export_dir``
    where ``kg build`` writes its standard exports.
    """

    location: str
    path: Path
    export_dir: Path
    base_iri: str
    iris: IRIs
    read_only: bool

    def query(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL query (:data:`PREFIXES` predeclared, default graph = union of all)."""
        ...

    def add_extractions(
        self,
        extractions: Iterable[Extraction],
        run: ExtractionRun | None = None,
        duplicates: dict[str, list[str]] | None = None,
    ) -> int:
        """Write (or replace) whole articles; return how many were written."""
        ...

    def content_hash(self, article_id: str) -> str | None:
        """The content hash stored for an article, None when it is not in the store."""
        ...

    def is_current(self, article_id: str, content_hash: str) -> bool:
        """True when the article is in the store with this very content."""
        ...

    def flush(self) -> None:
        """Make every write so far durable (a long build calls it now and then)."""
        ...

    def serialize(self, format: str, out: str | os.PathLike[str] | IO[bytes]) -> None:
        """Write the whole store as ``format`` (one of :data:`FORMATS`) to a path or file."""
        ...

    def stats(self) -> dict[str, int]:
        """The counts of :data:`STATS_KEYS`."""
        ...

    def named_graphs(self) -> list[str]:
        """The IRIs of the store's named graphs, sorted."""
        ...

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph."""
        ...

    def close(self) -> None:
        """Release what the store holds (files, locks)."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc_info: object) -> None: ...


def is_server(location: str | os.PathLike[str]) -> bool:
    """True when ``location`` names a SPARQL endpoint (``http://`` or ``https://``), not a folder.

    >>> is_server("http://localhost:8890/sparql"), is_server("output/kg.store")
    (True, False)
    """
    return str(location).startswith(("http://", "https://"))


def open_store(
    location: str | os.PathLike[str] = DEFAULT_STORE,
    *,
    read_only: bool = False,
    timeout: float | None = None,
    user: str | None = None,
    password: str | None = None,
    **options: Any,
) -> Store:
    """Open the store at ``location``: a folder (embedded Oxigraph) or a SPARQL 1.1 server URL.

    Args:
        location: store directory, or ``http(s)://host/sparql``.
        read_only: no writes (no lock on a folder; nothing but queries sent to a server).
        timeout: seconds per request to a server (default 120); a folder has none.
        user: user name for a server (HTTP Basic or Digest); password: its password.
        options: ``base_iri``, ``wait`` and ``rebuild`` (see :class:`KGStore`).

    Example:
        >>> with open_store("output/kg.store", read_only=True) as store:  # doctest: +SKIP
        ...     print(store.stats()["articles"])
    """
    if is_server(location):
        from kg.rdf.server_store import ServerStore

        extra: dict[str, Any] = {"user": user, "password": password}
        if timeout is not None:
            extra["timeout"] = timeout
        return ServerStore(str(location), read_only=read_only, **extra, **options)
    return KGStore(location, read_only=read_only, **options)


def count(store: Store, sparql: str) -> int:
    """The integer in the first cell of a one-row ``SELECT (COUNT(...) AS ?n)`` answer."""
    result = store.query(sparql)
    if not result.rows or result.rows[0][0] is None:
        return 0
    return int(result.rows[0][0].value)


def graph_stats(store: Store) -> dict[str, int]:
    """The counts of :data:`STATS_KEYS` but ``triples``, by SPARQL (the same on every store).

    ``actors`` counts entities of an actor class in the actors graph; ``groups`` the
    unnamed groups of people there (``kg:People``, "customers"), which are nodes of
    the exported graph too; ``facts`` the distinct direct actor-to-actor triples.
    """
    actors = store.iris.actors_graph
    actor_classes = " ".join(f"<{KG[t]}>" for t in (*ACTOR_TYPES, "Actor"))
    relation_properties = " ".join(f"<{KG[p]}>" for p in predicates())
    return {
        "articles": count(
            store,
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }",
        ),
        "actors": count(
            store,
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{actors}> "
            f"{{ ?x a ?t VALUES ?t {{ {actor_classes} }} }} }}",
        ),
        "groups": count(
            store,
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{actors}> "
            "{ ?x a kg:People FILTER NOT EXISTS { ?x a ?t "
            f"VALUES ?t {{ {actor_classes} }} }} }} }}",
        ),
        "assertions": count(
            store, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a kg:Assertion } }"
        ),
        "facts": count(
            store,
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
            f"{{ GRAPH ?g {{ ?s ?p ?o VALUES ?p {{ {relation_properties} }} }} }} }}",
        ),
    }


def dump(source: ox.Store, format: str, out: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write a pyoxigraph store as ``format`` to ``out`` (a path, written atomically, or a file).

    The formats without named graphs (turtle, ntriples, rdfxml) get the union of all graphs.
    """
    try:
        rdf_format, has_graphs = FORMATS[format]
    except KeyError:
        raise StoreError(
            f"unknown RDF format {format!r}: use one of {', '.join(FORMATS)}"
        ) from None
    if not has_graphs:
        source = _union_store(source)
    options: dict[str, Any] = {"format": rdf_format}
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        options["prefixes"] = PREFIXES
    if not has_graphs:
        options["from_graph"] = ox.DefaultGraph()
    if isinstance(out, str | os.PathLike):
        with atomic_write(Path(out), force=True, binary=True, error=StoreError) as handle:
            source.dump(handle, **options)
    else:
        source.dump(out, **options)


def _union_store(store: ox.Store) -> ox.Store:
    """An in-memory store whose default graph is the (deduplicated) union of all graphs."""
    union = ox.Store()
    union.bulk_extend(
        ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store
    )
    return union


def query_oxigraph(
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

    Raises:
        QueryError: the query is malformed (with the parser's line and column) or failed.
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
    except RuntimeError as exc:  # RocksDB's "Corruption: block checksum mismatch ..."
        raise QueryError(
            f"query failed: {_one_line(exc)}: the store may be damaged (run kg check)"
        ) from None
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def ontology_path() -> Path:
    """Path of the installed ``kg.ttl`` (``ontologies/kg.ttl`` in a checkout)."""
    return Path(str(resources.files("kg").joinpath("ontologies/kg.ttl")))


def shapes_path() -> Path:
    """Path of the installed ``shapes.ttl`` (``ontologies/shapes.ttl`` in a checkout)."""
    return Path(str(resources.files("kg").joinpath("ontologies/shapes.ttl")))


class KGStore:
    """The on-disk knowledge graph: load extractions by article, query with SPARQL, export.

    Args:
        path: store directory (created if missing).
        read_only: open without the write lock, for queries, stats and exports.
        base_iri: base of instance IRIs; None means the one the store was built with
            (or the default for a new store). A store keeps the base it was built with:
            a different one needs ``rebuild=True``.
        wait: when another process holds the write lock, wait for it instead of failing.
        rebuild: delete everything in the store first (``kg build --rebuild``).

    Example:
        >>> with KGStore("output/kg.store") as store:  # doctest: +SKIP
        ...     store.add_extractions(extractions)
        ...     print(store.stats())
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_STORE,
        read_only: bool = False,
        base_iri: str | None = None,
        *,
        wait: bool = False,
        rebuild: bool = False,
    ) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.export_dir = self.path.parent
        self.read_only = read_only
        self._lock: IO[str] | None = None
        self._described: dict[URIRef, int] = {}
        self._labels: set[tuple[Node, Node]] = set()
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(
                f"store path {self.path} is a file, not a store directory: "
                "choose another path with --store"
            )
        if read_only:
            self._store = _open_read_only(self.path)
        else:
            self._prepare_writable(wait=wait)
            if not rebuild and (self.path / WIPE_MARKER).exists():
                log.warning(
                    "store %s: an earlier kg build --rebuild was interrupted: finishing it",
                    self.path,
                )
                rebuild = True
            if rebuild:
                self._wipe()
            try:
                _check_database_files(self.path)
                self._store = ox.Store(str(self.path))
            except (OSError, RuntimeError) as exc:
                self.close()
                raise StoreError(
                    f"cannot open store {self.path} ({_one_line(exc)}): it is damaged; "
                    "kg build --rebuild empties it and builds afresh"
                ) from None
        try:
            self.base_iri = self._settle_base_iri(base_iri)
            self.iris = IRIs(self.base_iri)
            if not read_only:
                self._ensure_ontology()
                self._upgrade()
                self._finish_summaries()
        except BaseException:
            self.close()  # release the lock now, not when the object is collected
            raise

    # -- opening and closing ----------------------------------------------------------

    def _prepare_writable(self, *, wait: bool) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create store {self.path}: {exc.strerror or exc}") from None
        try:
            with tempfile.NamedTemporaryFile(dir=self.path, prefix=".write-test-"):
                pass
            lock = open(self.path / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise StoreError(
                f"store {self.path} is not writable ({exc.strerror or exc}): "
                "choose a writable path with --store"
            ) from None
        self._acquire(lock, wait=wait)

    def _acquire(self, lock: IO[str], *, wait: bool) -> None:
        announced = False
        while True:
            try:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _lock_holder(lock)
                if not wait:
                    lock.close()
                    raise StoreError(
                        f"store {self.path} is locked by another kg process (pid {holder}): "
                        "wait for it to finish, or pass --wait"
                    ) from None
                if not announced:
                    log.warning("store %s is locked by pid %s: waiting", self.path, holder)
                    announced = True
                time.sleep(0.2)
        lock.seek(0)
        lock.truncate()
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        self._lock = lock
        _HELD_LOCKS.add(lock)

    def _wipe(self) -> None:
        foreign = _foreign_files(self.path)
        if foreign:
            self.close()
            raise StoreError(
                f"{self.path} holds files that are not part of a store ({', '.join(foreign[:3])}): "
                "not emptying it; choose another path with --store"
            )
        # The marker goes first and last: a wipe killed half way is finished by the next open.
        marker = self.path / WIPE_MARKER
        marker.touch()
        for entry in self.path.iterdir():
            if entry.name in (LOCK_FILE, WIPE_MARKER):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        marker.unlink()

    def close(self) -> None:
        """Flush, close the database and release the write lock."""
        store = self.__dict__.pop("_store", None)
        written = store is not None and not self.read_only
        if written:
            with contextlib.suppress(OSError):
                store.flush()
        del store
        if self._lock is not None and self._lock.closed:  # in a forked child: not ours
            self._lock = None
        if self._lock is not None:
            if written:  # still ours alone: the table files are final until the next writer
                record_checksums(self.path)
            _HELD_LOCKS.discard(self._lock)
            with contextlib.suppress(OSError):
                self._lock.seek(0)
                self._lock.truncate()
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (for bulk work and custom queries)."""
        try:
            return self._store
        except AttributeError:
            raise StoreError(f"store {self.path} is closed") from None

    # -- metadata and ontology --------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        try:
            meta = json.loads((self.path / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return meta if isinstance(meta, dict) else {}

    def _write_meta(self, meta: dict[str, Any]) -> None:
        _atomic_write_bytes(self.path / META_FILE, json.dumps(meta, indent=1).encode())

    def _settle_base_iri(self, requested: str | None) -> str:
        meta = self._meta()
        self._check_format(meta.get("format"))
        stored = meta.get("base_iri")
        if not isinstance(stored, str) or not stored:
            stored = self._restore_meta()
        if requested is not None:
            requested = IRIs(requested).base
        if stored and requested and stored != requested:
            raise StoreError(
                f"store {self.path} was built with base IRI {stored}, not {requested}: "
                "use --rebuild to change it"
            )
        base = stored or requested or DEFAULT_BASE_IRI
        if not stored and not self.read_only:
            self._write_meta({**meta, "format": FORMAT_VERSION, "base_iri": base})
        return base

    def _restore_meta(self) -> str | None:
        """The base IRI recorded in the store itself, when ``kg-store.json`` lacks it.

        None for an empty store (a new one, or a first build killed early). A store
        with data but no trace of its base is refused rather than guessed at.
        """
        base = _base_in_store(self.oxigraph)
        if base is None:
            if _holds_data(self.oxigraph):
                raise StoreError(
                    f"store {self.path} has lost {META_FILE} and its base IRI cannot be found "
                    "in it: kg build --rebuild empties it and builds afresh"
                )
            return None
        version = _format_in_store(self.oxigraph, IRIs(base).ontology_graph)
        self._check_format(version)
        log.warning(
            "store %s: %s was missing or broken: restored from the store "
            "(base IRI %s, format %s)",
            self.path, META_FILE, base, version,
        )
        if not self.read_only:
            # the ontology hash is left out: the ontology graph is checked and reloaded
            self._write_meta({"format": version, "base_iri": base})
        return base

    def _check_format(self, version: object) -> None:
        """Refuse a store whose layout is newer than this kg reads."""
        if isinstance(version, int) and not isinstance(version, bool) and (
            version > FORMAT_VERSION
        ):
            raise StoreError(
                f"store {self.path} has format {version}, newer than the {FORMAT_VERSION} "
                "this kg reads: upgrade kg (pip install -U intel-kg), or kg build --rebuild "
                "to build it afresh"
            )

    def _ensure_ontology(self) -> None:
        """Load ``kg.ttl`` into the ontology graph, replacing it when the file changed."""
        data = ontology_path().read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        meta = self._meta()
        graph = ox.NamedNode(self.iris.ontology_graph)
        if meta.get("ontology_sha256") == digest and self.oxigraph.contains_named_graph(graph):
            return
        self.oxigraph.remove_graph(graph)
        self.oxigraph.load(data, format=ox.RdfFormat.TURTLE, to_graph=graph)
        # the store's identity, kept inside it too: the base IRI is in this graph's name
        self._state_format()
        self._write_meta({**meta, "ontology_sha256": digest})

    def _upgrade(self) -> None:
        """Bring a store of an earlier format up to :data:`FORMAT_VERSION`, once.

        Format 1 had no ``kg:key`` literals: they are made from the labels and aliases
        of the actors graph. Formats 1 and 2 had no summary graph: every assertion gets
        its ``kg:summary`` link and every summary node is computed; format 3's nodes are
        recomputed. The new format is
        recorded last, so an upgrade interrupted is done again.
        """
        meta = self._meta()
        version = meta.get("format", 1)
        if not isinstance(version, int) or version >= FORMAT_VERSION:
            return
        if version < 2:
            self._add_keys()
        if version < 3:
            self._add_summaries()
        elif version < 4:
            self._recompute_summaries()
        log.warning("store %s: format %s brought up to %s", self.path, version, FORMAT_VERSION)
        self._state_format()
        self._write_meta({**meta, "format": FORMAT_VERSION})
        self.oxigraph.optimize()  # the upgrade's deletions would slow every later scan

    def _add_keys(self) -> None:
        actors = _ox(self.iris.actors_graph)
        keys: set[tuple[Any, str]] = set()
        for predicate in (RDFS.label, SKOS.altLabel):
            for quad in self.oxigraph.quads_for_pattern(None, _ox(predicate), None, actors):
                keys.add((quad.subject, label_key(quad.object.value)))
        key = _ox(KG.key)
        self.oxigraph.extend(ox.Quad(s, key, ox.Literal(k), actors) for s, k in keys if k)

    def _add_summaries(self) -> None:
        store = self.oxigraph
        terms = [_ox(t) for t in (KG.subject, KG.predicate, KG.object, KG.negated)]
        links = []
        for quad in store.quads_for_pattern(None, _ox(RDF.type), _ox(KG.Assertion), None):
            a, g = quad.subject, quad.graph_name
            values = [next(iter(store.quads_for_pattern(a, t, None, g)), None) for t in terms]
            if any(v is None for v in values):
                continue
            s, p, o, negated = (v.object for v in values)
            node = self.iris.summary(s.value, p.value, o.value, negated.value in ("true", "1"))
            links.append(ox.Quad(a, summary.SUMMARY, _ox(node), g))
        nodes = {quad.object for quad in links}
        graph = _ox(self.iris.summary_graph)
        store.extend(links + summary.pending_quads(nodes, graph))
        summary.recompute(store, nodes, graph)

    def _recompute_summaries(self) -> None:
        """Recompute every summary node (format 3's lacked the terms and counts of format 4)."""
        links = self.oxigraph.quads_for_pattern(None, summary.SUMMARY, None, None)
        nodes = {quad.object for quad in links}
        summary.recompute(self.oxigraph, nodes, _ox(self.iris.summary_graph))

    def _finish_summaries(self) -> None:
        """Recompute the summary nodes that an interrupted write left pending."""
        graph = _ox(self.iris.summary_graph)
        pending = summary.pending_nodes(self.oxigraph, graph)
        if pending:
            log.warning("store %s: recomputing %d relation summaries", self.path, len(pending))
            summary.recompute(self.oxigraph, pending, graph)

    def _state_format(self) -> None:
        """Make the ontology graph state :data:`FORMAT_VERSION` (and no other)."""
        graph = ox.NamedNode(self.iris.ontology_graph)
        for quad in list(self.oxigraph.quads_for_pattern(graph, _STORE_FORMAT, None, graph)):
            self.oxigraph.remove(quad)
        self.oxigraph.add(ox.Quad(*store_format_triple(graph.value), graph))

    # -- writing articles -------------------------------------------------------------

    def content_hash(self, article_id: str) -> str | None:
        """Return the content hash stored for an article, or None when it is not in the store."""
        quads = self.oxigraph.quads_for_pattern(
            _ox(self.iris.article(article_id)),
            _ox(KG.contentHash),
            None,
            _ox(self.iris.article_graph(article_id)),
        )
        for quad in quads:
            return quad.object.value
        return None

    def stored_id(self, article_id: str) -> str | None:
        """Return the id of the article stored under ``article_id``'s IRI, None if none is.

        Two ids with the same slug (``Story 1`` and ``story-1``) share one IRI; the id
        tells them apart.
        """
        quads = self.oxigraph.quads_for_pattern(
            _ox(self.iris.article(article_id)),
            _ox(KG.articleId),
            None,
            _ox(self.iris.article_graph(article_id)),
        )
        for quad in quads:
            return quad.object.value
        return None

    def is_current(self, article_id: str, content_hash: str) -> bool:
        """True when the article is in the store with this very content (nothing to do)."""
        return self.content_hash(article_id) == content_hash

    def add_extractions(
        self,
        extractions: Iterable[Extraction],
        run: ExtractionRun | None = None,
        duplicates: dict[str, list[str]] | None = None,
    ) -> int:
        """Write a batch of articles in one transaction; return how many were written.

        An article already in the store with the same content hash is left alone; one
        with different content has its named graph replaced. Actors are merged into
        the actors graph. An article of more than :data:`LARGE_ARTICLE_RELATIONS`
        relations is written apart, in slices, its own node last.

        Args:
            extractions: the articles with their relations and actors.
            run: the extraction activity; a run with no model name, now, when None.
            duplicates: article id -> ids of earlier near-duplicates (``kg:duplicateOf``).
        """
        self._require_writable()
        run = run or ExtractionRun(None, build_time())
        duplicates = duplicates or {}
        todo: list[Extraction] = []
        stale: list[ox.NamedNode] = []
        described: dict[URIRef, int] = {}
        seen: set[str] = set()
        for extraction in extractions:
            article = extraction.article
            if article.id in seen:
                log.warning("article %s appears twice in one batch: first kept", article.id)
                continue
            seen.add(article.id)
            stored = self.content_hash(article.id)
            if stored == article.content_hash:
                continue
            if stored is not None:
                other = self.stored_id(article.id)
                if other not in (None, article.id):
                    log.warning(
                        "articles %r and %r get the same IRI %s: %r left out",
                        other, article.id, self.iris.article(article.id), article.id,
                    )
                    continue
                stale.append(_ox(self.iris.article_graph(article.id)))
            elif self.oxigraph.contains_named_graph(_ox(self.iris.article_graph(article.id))):
                stale.append(_ox(self.iris.article_graph(article.id)))  # a large one, cut short
            todo.append(extraction)
        large = [e for e in todo if len(e.relations) > LARGE_ARTICLE_RELATIONS]
        small = [e for e in todo if len(e.relations) <= LARGE_ARTICLE_RELATIONS]

        def quads(batch: list[Extraction]) -> Iterator[ox.Quad]:
            # made article by article as the transaction takes them: an article's quads
            # are never all held as pyoxigraph objects at once
            for extraction in batch:
                article_id = extraction.article.id
                rdf = extraction_quads(extraction, run, self.iris, duplicates.get(article_id, ()))
                yield from (_ox_quad(q) for q in self._unwritten(rdf, described))

        try:
            # the summary nodes the batch touches are marked first, recomputed last
            summary_graph = _ox(self.iris.summary_graph)
            touched = summary.summary_nodes(self.oxigraph, stale) | {
                _ox(summary_iri(self.iris, relation))
                for extraction in todo
                for relation in unique_relations(extraction.relations)
            }
            touched |= summary.nodes_of_actors(self.oxigraph, self._relabelled(todo))
            touched |= summary.pending_nodes(self.oxigraph, summary_graph)  # left by a failure
            self.oxigraph.extend(summary.pending_quads(touched, summary_graph))
            for graph in stale:
                self.oxigraph.remove_graph(graph)
            if small:
                self.oxigraph.extend(quads(small))  # one transaction, all or nothing
            for extraction in large:
                self._write_in_slices(extraction, quads([extraction]))
            summary.recompute(self.oxigraph, touched, summary_graph)
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from None
        self._described.update(described)
        return len(todo)

    def _relabelled(self, extractions: list[Extraction]) -> set[Any]:
        """The actors to which ``extractions`` give a label the store does not hold yet
        (the rows of their relations show it). Labels found are remembered, so each is
        looked up once per store object."""
        label = _ox(RDFS.label)
        actors = _ox(self.iris.actors_graph)
        pattern = self.oxigraph.quads_for_pattern
        new: set[Any] = set()
        for extraction in extractions:
            for quad in actor_quads(extraction, self.iris):
                if quad[1] != RDFS.label or (quad[0], quad[2]) in self._labels:
                    continue
                self._labels.add((quad[0], quad[2]))  # held once this batch is written
                node = _ox(quad[0])
                if not _holds(pattern(node, label, _ox(quad[2]), actors)):
                    new.add(node)
        return new

    def _write_in_slices(self, extraction: Extraction, quads: Iterator[ox.Quad]) -> None:
        """Write a large article in transactions of :data:`SLICE_QUADS` quads.

        One transaction holds all its writes in memory (about 1.6 kB a quad): a 2 MB
        article's 180,000 quads took 300 MB at once. The article node's own quads
        (its type, id, content hash, mentions) go in the last transaction, so until it
        commits the article is absent for :meth:`is_current`, ``kg stats`` and the
        presets that start from articles; a build stopped in between leaves a graph
        without them, which the next build removes before writing the article again.
        """
        node = _ox(self.iris.article(extraction.article.id))
        held: list[ox.Quad] = []
        part: list[ox.Quad] = []
        for quad in quads:
            if quad.subject == node:
                held.append(quad)
                continue
            part.append(quad)
            if len(part) >= SLICE_QUADS:
                self.oxigraph.extend(part)
                self.oxigraph.flush()  # the written slice leaves memory for the table files
                part = []
        self.oxigraph.extend(part + held)

    def _unwritten(self, quads: list[Quad], described: dict[URIRef, int]) -> Iterator[Quad]:
        """Leave out actor descriptions this store object has already written, unchanged.

        Most articles name actors that earlier articles described in the same words;
        skipping them saves a fifth of the writes. ``described`` collects what this
        batch adds (recorded once the transaction has committed).
        """
        actors_graph = self.iris.actors_graph
        groups: dict[URIRef, list[Quad]] = {}
        for quad in quads:
            if quad[3] == actors_graph:
                groups.setdefault(quad[0], []).append(quad)
            else:
                yield quad
        for subject, group in groups.items():
            digest = hash(frozenset(group))
            if digest in (self._described.get(subject), described.get(subject)):
                continue
            described[subject] = digest
            yield from group

    def remove_article(self, article_id: str) -> bool:
        """Drop an article's named graph; True when it was there."""
        self._require_writable()
        graph = _ox(self.iris.article_graph(article_id))
        present = self.oxigraph.contains_named_graph(graph)
        if present:
            touched = summary.summary_nodes(self.oxigraph, [graph])
            summary_graph = _ox(self.iris.summary_graph)
            self.oxigraph.extend(summary.pending_quads(touched, summary_graph))
            self.oxigraph.remove_graph(graph)
            summary.recompute(self.oxigraph, touched, summary_graph)
        return present

    def bulk_load(self, quads: Iterable[Quad]) -> None:
        """Load many rdflib quads fast, without a transaction (benchmarks, imports)."""
        self._require_writable()
        self.oxigraph.bulk_extend(_ox_quad(q) for q in quads)

    def flush(self) -> None:
        """Write the database's in-memory buffers to disk (a long build calls it now and then).

        RocksDB keeps recent writes in memtables until they fill; flushing every few
        hundred articles keeps a long build's memory flat.
        """
        self._require_writable()
        self.oxigraph.flush()

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    # -- reading ----------------------------------------------------------------------

    def query(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL query; the default graph is the union of all graphs.

        Example:
            >>> store.query("SELECT ?a WHERE { ?a a schema:NewsArticle }").rows  # doctest: +SKIP
        """
        return query_oxigraph(self.oxigraph, sparql, max_rows=max_rows)

    def stats(self) -> dict[str, int]:
        """Return the :data:`STATS_KEYS` counts (see :func:`graph_stats`); ``triples`` is
        every quad in the store, the ontology included."""
        return {**graph_stats(self), "triples": len(self.oxigraph)}

    def named_graphs(self) -> list[str]:
        """The IRIs of the store's named graphs, sorted."""
        graphs = self.oxigraph.named_graphs()
        return sorted(g.value for g in graphs if isinstance(g, ox.NamedNode))

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph."""
        quads = self.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return [quad.triple for quad in quads]

    def article_ids(self) -> Iterator[str]:
        """Yield the id of every article in the store."""
        result = self.query(
            "SELECT ?id WHERE { GRAPH ?g { ?a a schema:NewsArticle ; kg:articleId ?id } }"
        )
        for row in result.rows:
            if row[0] is not None:
                yield row[0].value

    def quads(self) -> Iterator[Quad]:
        """Yield every quad of the store as rdflib terms."""
        for quad in self.oxigraph:
            yield (
                _rdflib(quad.subject),
                _rdflib(quad.predicate),
                _rdflib(quad.object),
                _rdflib(quad.graph_name),
            )

    def to_dataset(self) -> Dataset:
        """Return the whole store as an rdflib Dataset (for tests and small stores)."""
        dataset = Dataset(default_union=True)
        for quad in self.quads():
            dataset.add(quad)
        return dataset

    def serialize(self, format: str, out: str | os.PathLike[str] | IO[bytes]) -> None:
        """Write the store as ``format`` to ``out`` (a path, written atomically, or a binary file).

        ``format`` is one of turtle, trig, nquads, ntriples, jsonld, rdfxml; the formats
        without named graphs (turtle, ntriples, rdfxml) get the union of all graphs.

        Example:
            >>> store.serialize("trig", "output/kg.trig")  # doctest: +SKIP
        """
        dump(self.oxigraph, format, out)


# -- helpers ----------------------------------------------------------------------------


def _open_read_only(path: Path) -> ox.Store:
    if not path.exists():
        raise StoreError(f"no store at {path}: run kg build first (or pass --store PATH)")
    last: OSError | None = None
    for attempt in range(5):  # a writer may be compacting files away under us: retry
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            last = exc if isinstance(exc, OSError) else OSError(str(exc))
            time.sleep(0.1 * (attempt + 1))
    if (path / WIPE_MARKER).exists() or not (_initialised(path) or any(path.glob("*.sst"))):
        # being emptied by --rebuild, or killed while first created: nothing to read
        log.warning("store %s was never completely created: reading it as empty", path)
        return ox.Store()
    raise StoreError(
        f"cannot open store {path} ({_one_line(last)}): it is damaged; "
        "kg build --rebuild empties it and builds afresh"
    ) from None


def _check_database_files(path: Path) -> None:
    """Raise OSError when the database files are there but ``CURRENT`` is not.

    RocksDB would create a new, empty database over them (and later delete the old
    files as obsolete): a store that lost ``CURRENT`` is refused instead.
    """
    if (path / "CURRENT").exists():
        return
    if any(path.glob("MANIFEST-*")) or any(path.glob("*.sst")):
        raise OSError("its CURRENT file is missing")


def _one_line(exc: BaseException | None) -> str:
    text = " ".join(str(exc).split()) if exc is not None else "unknown error"
    return text[:200]


_GRAPH_SUFFIXES = ("graph/ontology", "graph/actors")


def _base_in_store(store: ox.Store) -> str | None:
    """The base IRI a store was built with, read from the names of its graphs."""
    ontology = ox.NamedNode(ONTOLOGY_IRI)
    for quad in store.quads_for_pattern(ontology, None, None, None):
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode) and graph.value.endswith(_GRAPH_SUFFIXES[0]):
            return graph.value.removesuffix(_GRAPH_SUFFIXES[0])
    for graph in store.named_graphs():
        if not isinstance(graph, ox.NamedNode):
            continue
        value = graph.value
        for suffix in _GRAPH_SUFFIXES:
            if value.endswith(suffix):
                return value.removesuffix(suffix)
        if "graph/article/" in value:
            return value.rsplit("graph/article/", 1)[0]
    return None


_STORE_FORMAT = ox.NamedNode(str(KG.storeFormat))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))


def store_format_triple(ontology_graph: str) -> ox.Triple:
    """``<ontology graph> kg:storeFormat N``: the store's layout version, stated in that graph."""
    return ox.Triple(ox.NamedNode(ontology_graph), _STORE_FORMAT, _integer(FORMAT_VERSION))


def _format_in_store(store: ox.Store, ontology_graph: str) -> int:
    """The ``kg:storeFormat`` the store states about itself (1 for stores made before it did)."""
    graph = ox.NamedNode(ontology_graph)
    for quad in store.quads_for_pattern(graph, _STORE_FORMAT, None, graph):
        with contextlib.suppress(ValueError):
            return int(quad.object.value)
    return 1


def _holds_data(store: ox.Store) -> bool:
    return _holds(store.quads_for_pattern(None, None, None, None))


def _holds(quads: Iterator[ox.Quad]) -> bool:
    """True when ``quads`` (a pattern's answer) is not empty."""
    return next(iter(quads), None) is not None


def _initialised(path: Path) -> bool:
    """True once a writer has created the store and loaded the ontology into it."""
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return "ontology_sha256" in meta


_HELD_LOCKS: weakref.WeakSet[IO[str]] = weakref.WeakSet()
"""The store lock files this process holds."""


def _forget_locks_in_child() -> None:
    """After a fork, close the child's copies of the held lock files, without unlocking.

    An flock belongs to the open file, which a forked child shares: a worker process
    of ``kg build --workers N`` that outlived its killed parent would otherwise keep
    the store locked, and the restarted build would be refused.
    """
    for lock in list(_HELD_LOCKS):
        with contextlib.suppress(OSError):
            lock.close()
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_forget_locks_in_child)


_STORE_FILE = re.compile(
    r"\..*|kg\.lock|kg-store\.json|kg-files\.json|kg-minhash\.sqlite(-journal|-wal|-shm)?"
    r"|exports-stale"
    r"|CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|(MANIFEST|OPTIONS)-\d+|\d+\.(sst|log|blob)|.*\.dbtmp"
)
"""Names of the files a store directory holds (Oxigraph's RocksDB files and ours)."""


def _foreign_files(path: Path) -> list[str]:
    """The names in ``path`` that are not store files (a folder that is not a store)."""
    return sorted(e.name for e in path.iterdir() if not _STORE_FILE.fullmatch(e.name))


def _lock_holder(lock: IO[str]) -> str:
    lock.seek(0)
    pid = lock.read().strip()
    return pid or "unknown"


def _atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_write(target, force=True, binary=True, error=StoreError) as handle:
        handle.write(data)


@lru_cache(maxsize=65536)
def _named_node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _ox(term: Node) -> Any:
    """rdflib term -> pyoxigraph term."""
    if isinstance(term, URIRef):
        return _named_node(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_named_node(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term is None or term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    raise TypeError(f"cannot store RDF term {term!r}")


def _ox_quad(quad: Quad) -> ox.Quad:
    s, p, o, g = quad
    return ox.Quad(_ox(s), _ox(p), _ox(o), _ox(g))


_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = str(RDF.langString)


def _rdflib(term: Any) -> Node:
    """pyoxigraph term -> rdflib term (lexical forms kept as they are)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise TypeError(f"cannot convert RDF term {term!r}")


__all__ = [
    "DEFAULT_STORE",
    "FORMATS",
    "KGStore",
    "PREFIXES",
    "STATS_KEYS",
    "Store",
    "is_server",
    "ontology_path",
    "open_store",
    "shapes_path",
]
