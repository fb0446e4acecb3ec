"""Project the RDF store onto a networkx ``MultiDiGraph``: actors as nodes, relations as edges.

Every graph export (GEXF, GraphML, CSV, JSON, HTML) starts from this projection,
so they all carry the same nodes, edges and attributes.

* **Nodes** are actors, keyed by their compact id (``kg:actor/<slug>``), with
  ``label``, ``type``, ``country``, ``country_code``, ``aliases`` (list),
  ``articles`` (how many articles mention the actor), ``mentions`` (in how many
  relations it is an argument), ``first_seen``/``last_seen`` (ISO dates of those
  articles), ``weighted_degree`` and ``viz`` (``color`` as r, g, b by type and
  ``size`` by weighted degree).
* **Edges** aggregate the ``kg:Assertion`` nodes of every article per
  (subject, predicate, object): ``label``/``predicate``, ``family``,
  ``weight`` (number of supporting articles), ``asserted``/``alleged``/
  ``attempted`` counts, ``modality`` (the edge's strongest: ``asserted`` when any
  article asserts it, else ``alleged``, else ``attempted``),
  ``first_date``/``last_date``, ``outlets`` (list) and one example ``sentence``.
  Negated assertions are left out unless ``include_negated``; they then form
  their own edges with ``negated=True``.
  Edge keys are unique ids, so parallel edges with different predicates survive.

Relations and mentions are read one named graph at a time with index lookups
(:func:`graph_rows`), in time linear in the store; actors and relation families
come from the SPARQL in ``kg/export/queries/*.rq``. Both read every named graph, so
the projection works on any store laid out as ``kg.rdf.namespace`` describes.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import networkx as nx

from kg.errors import ExportError
from kg.models import ACTOR_TYPES, MODALITIES
from kg.rdf.namespace import KG

log = logging.getLogger(__name__)

FAMILIES = ("cyber", "detection", "communication", "coercion", "affiliation")
"""The relation families, super-properties of the 25 relation properties."""

TYPE_COLORS: dict[str, tuple[int, int, int]] = {
    "Country": (31, 119, 180),
    "GovernmentBody": (214, 39, 40),
    "Organization": (44, 160, 44),
    "Company": (255, 127, 14),
    "MediaOutlet": (148, 103, 189),
    "Person": (140, 86, 75),
    "ThreatGroup": (227, 119, 194),
    "Place": (23, 190, 207),
    "Actor": (127, 127, 127),  # known only by name (a source or an affiliation)
    "People": (188, 189, 34),  # unspecified groups of people ("customers")
}
"""Node colour (r, g, b) per type; other types (``Thing``) get :data:`OTHER_COLOR`."""

OTHER_COLOR = (199, 199, 199)

_KG_NS = str(KG._NS)
KG_IRI = _KG_NS
PROV_IRI = "http://www.w3.org/ns/prov#"
SCHEMA_IRI = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """Which part of the graph to export.

    ``predicates`` and ``families`` are relation names (``hacked``, ``cyber``);
    ``since``/``until`` are ISO dates (``2024``, ``2024-03`` or ``2024-03-05``)
    compared with article dates, inclusive; ``sources`` are outlet names
    (case-insensitive); ``actor`` with ``hops`` keeps the ego network of one
    actor (label, alias or id); ``min_weight`` drops edges supported by fewer
    articles. Example: ``Filters(families=("cyber",), since="2024")``.
    """

    predicates: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    actor: str | None = None
    hops: int = 1
    since: str | None = None
    until: str | None = None
    min_weight: int = 1
    sources: tuple[str, ...] = ()
    include_negated: bool = False

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise ExportError(
                    f"--{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
                )
        unknown = [f for f in self.families if f not in FAMILIES]
        if unknown:
            raise ExportError(
                f"unknown relation family {unknown[0]!r}: choose from {', '.join(FAMILIES)}"
            )
        if self.hops < 0:
            raise ExportError("--hops must be 0 or more")
        if self.min_weight < 1:
            raise ExportError("--min-weight must be 1 or more")

    @property
    def restricts_edges(self) -> bool:
        """True when some edges of the whole graph may be left out."""
        return bool(
            self.predicates
            or self.families
            or self.actor
            or self.since
            or self.until
            or self.sources
            or self.min_weight > 1
        )


@dataclass
class _EdgeData:
    """Evidence gathered for one (subject, predicate, object, negated) edge."""

    articles: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    modalities: Counter[str] = field(default_factory=Counter)
    outlets: set[str] = field(default_factory=set)
    sentence: str | None = None


@dataclass
class _NodeData:
    """Evidence gathered for one actor: the articles that mention it, and its relations."""

    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    dates: set[str] = field(default_factory=set)

    def seen(self, article: str, date: str | None, mention: bool = False) -> None:
        """Record the actor in ``article``; ``mention`` when as an argument of a relation."""
        self.articles.add(article)
        self.mentions += int(mention)
        if date:
            self.dates.add(date)


def project(store: Any, filters: Filters | None = None) -> nx.MultiDiGraph:
    """Return the actor graph of ``store`` as a ``MultiDiGraph``.

    Args:
        store: any :class:`kg.rdf.store.Store` (the embedded store or a server).
        filters: which part of the graph to keep (default: everything).

    Returns:
        The projected graph; ``graph.graph`` holds ``time_span`` (first and last
        date, or None) and ``name``.

    Raises:
        ExportError: a filter names an unknown predicate or actor.

    Example:
        >>> graph = project(store, Filters(predicates=("hacked",)))  # doctest: +SKIP
    """
    filters = filters or Filters()
    families = relation_families(store)
    _check_predicates(filters.predicates, families)
    edges, nodes = _gather(store, filters, families)
    return _project(store, filters, families, edges, nodes)


def _project(
    store: Any,
    filters: Filters,
    families: dict[str, str],
    edges: dict[tuple[str, str, str, bool], _EdgeData],
    nodes: dict[str, _NodeData],
) -> nx.MultiDiGraph:
    """The graph of :func:`project` from the gathered evidence."""
    actors = _read_actors(store)
    graph = nx.MultiDiGraph(name="intel-kg actor graph")
    if filters.actor or not filters.restricts_edges:
        for iri in sorted(actors):  # every actor, also those without relations
            _add_node(graph, iri, actors, nodes.get(iri))
    for (subject, predicate, object_, negated), data in sorted(edges.items()):
        if len(data.articles) < filters.min_weight:
            continue
        for iri in (subject, object_):
            if node_id(iri) not in graph:
                _add_node(graph, iri, actors, nodes.get(iri), store)
        _add_edge(graph, subject, predicate, object_, negated, data, families.get(predicate))

    if filters.actor:
        graph = _ego_network(graph, filters.actor, filters.hops)
    _set_sizes(graph)
    dates = [
        attrs[key]
        for _, attrs in graph.nodes(data=True)
        for key in ("first_seen", "last_seen")
        if key in attrs
    ]
    graph.graph["time_span"] = (min(dates), max(dates)) if dates else None
    if graph.number_of_nodes() == 0:
        log.warning("the store holds no actors or relations to export: writing an empty graph")
    return graph


def _gather(
    store: Any, filters: Filters, families: dict[str, str]
) -> tuple[dict[tuple[str, str, str, bool], _EdgeData], dict[str, _NodeData]]:
    """Evidence per (subject, predicate, object, negated) edge and per actor, filtered.

    Streamed one named graph at a time (:func:`graph_rows`), so time grows with the
    store and memory with the graph's edges and actors, not with the assertions.
    """
    edges: defaultdict[tuple[str, str, str, bool], _EdgeData] = defaultdict(_EdgeData)
    nodes: defaultdict[str, _NodeData] = defaultdict(_NodeData)
    for assertions, mentions in graph_rows(store):
        for row in assertions:
            predicate = _local_name(row["predicate"])
            negated = row["negated"] in ("true", "1")
            date = _iso_date(row["date"])
            if not _keep_relation(filters, predicate, families.get(predicate), negated):
                continue
            if not _keep_article(filters, date, row["outlet"]):
                continue
            article = row["article"] or row["assertion"]
            edge = edges[row["subject"], predicate, row["object"], negated]
            edge.articles.add(article)
            edge.modalities[row["modality"] or "asserted"] += 1
            if date:
                edge.dates.add(date)
            if row["outlet"]:
                edge.outlets.add(row["outlet"])
            if row["sentence"] and (edge.sentence is None or row["sentence"] < edge.sentence):
                edge.sentence = row["sentence"]  # the smallest, so the choice is stable
            for iri in (row["subject"], row["object"]):
                nodes[iri].seen(article, date, mention=True)
        for row in mentions:
            date = _iso_date(row["date"])
            if _keep_article(filters, date, row["outlet"]):
                nodes[row["actor"]].seen(row["article"], date)
    return edges, nodes


_ASSERTION_FIELDS = {
    "subject": KG_IRI + "subject",
    "predicate": KG_IRI + "predicate",
    "object": KG_IRI + "object",
    "negated": KG_IRI + "negated",
    "modality": KG_IRI + "modality",
    "sentence": KG_IRI + "sentence",
    "article": PROV_IRI + "wasDerivedFrom",
}
"""What the projection reads of a ``kg:Assertion``: row key -> property IRI."""
_ARTICLE_FIELDS = {"date": SCHEMA_IRI + "datePublished", "outlet": KG_IRI + "outlet"}
_Row = dict[str, str | None]
_Values = dict[str, dict[str, list[str]]]
"""Row key -> subject -> the property's values."""


def graph_rows(store: Any) -> Iterator[tuple[list[_Row], list[_Row]]]:
    """Per named graph, its relation rows and its mention rows, as plain strings.

    A relation row has ``assertion``, the keys of :data:`_ASSERTION_FIELDS` and the
    ``date`` and ``outlet`` of the article it derives from (that article's, in the same
    graph), None where missing; a mention row has ``article``, ``actor``, ``date`` and
    ``outlet`` (``?article schema:mentions ?actor``). A property with several values
    gives one row per combination, as a SPARQL join would.

    Each graph is read whole (:meth:`kg.rdf.store.Store.graph_triples`: an index
    lookup with the graph bound on the embedded store, one request on a server) and
    indexed here, not joined with SPARQL over every graph, so the time is linear in
    the store and only one graph's rows are in memory at once.
    """
    wanted = {*_ASSERTION_FIELDS.values(), *_ARTICLE_FIELDS.values(), SCHEMA_IRI + "mentions"}

    for graph in store.named_graphs():
        by_property: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        assertions: list[str] = []
        for triple in store.graph_triples(graph):
            predicate = triple.predicate.value
            if predicate == RDF_TYPE and triple.object.value == KG_IRI + "Assertion":
                assertions.append(_term_value(triple.subject))  # type: ignore[arg-type]
            elif predicate in wanted:
                values = by_property[predicate][_term_value(triple.subject)]  # type: ignore[index]
                values.append(_term_value(triple.object))  # type: ignore[arg-type]
        mentioned = by_property[SCHEMA_IRI + "mentions"]
        if not assertions and not mentioned:
            continue
        articles = {key: by_property[iri] for key, iri in _ARTICLE_FIELDS.items()}
        relation_rows: list[_Row] = []
        if assertions:
            known = {key: by_property[iri] for key, iri in _ASSERTION_FIELDS.items()}
            for assertion in assertions:
                relation_rows.extend(_combinations(assertion, known, articles))
        mention_rows = [
            {"article": article, "actor": actor, "date": date, "outlet": outlet}
            for article, actors in mentioned.items()
            for actor in actors
            for date in articles["date"].get(article) or [None]
            for outlet in articles["outlet"].get(article) or [None]
        ]
        yield relation_rows, mention_rows


def _combinations(
    assertion: str,
    known: dict[str, dict[str, list[str]]],
    articles: dict[str, dict[str, list[str]]],
) -> Iterator[_Row]:
    """The rows of one assertion: every combination of its values (none without s, p, o)."""
    subjects, predicates_, objects = (
        known[k].get(assertion) for k in ("subject", "predicate", "object")
    )
    if not (subjects and predicates_ and objects):
        return
    optional = [known[k].get(assertion) or [None] for k in ("negated", "modality", "sentence")]
    for subject, predicate, object_ in itertools.product(subjects, predicates_, objects):
        for negated, modality, sentence in itertools.product(*optional):
            for article in known["article"].get(assertion) or [None]:
                dates = articles["date"].get(article) if article else None
                outlets = articles["outlet"].get(article) if article else None
                for date, outlet in itertools.product(dates or [None], outlets or [None]):
                    yield {
                        "assertion": assertion,
                        "subject": subject,
                        "predicate": predicate,
                        "object": object_,
                        "negated": negated,
                        "modality": modality,
                        "sentence": sentence,
                        "article": article,
                        "date": date,
                        "outlet": outlet,
                    }


@cache
def _query_text(name: str) -> str:
    return resources.files("kg.export").joinpath("queries", f"{name}.rq").read_text("utf-8")


def select(store: Any, name: str) -> Iterator[dict[str, str | None]]:
    """Run the SELECT query ``kg/export/queries/<name>.rq``; yield rows of plain strings.

    IRIs and literals become their string value; unbound variables become None.
    """
    result = store.query(_query_text(name))
    for row in result.rows:
        yield {var: _term_value(term) for var, term in zip(result.variables, row, strict=True)}


def _term_value(term: Any) -> str | None:
    if term is None:
        return None
    value = term.value
    return value if type(term).__name__ != "BlankNode" else "_:" + value


def relation_families(store: Any) -> dict[str, str]:
    """Map relation names (``hacked``) to their family (``cyber``).

    From the inventory (``kg/data/relations.json``), completed by the ontology in the
    store (``rdfs:subPropertyOf``), which may hold relations of a newer version.
    """
    from kg.inventory import predicates

    families = {name: p.family for name, p in predicates().items()}
    for row in select(store, "families"):
        families.setdefault(_local_name(row["property"]), _local_name(row["family"]))
    return families


def _check_predicates(predicates: tuple[str, ...], families: dict[str, str]) -> None:
    for name in predicates:
        if name not in families:
            choices = ", ".join(sorted(families))
            raise ExportError(f"unknown predicate {name!r}: choose from {choices}")


def _keep_relation(filters: Filters, predicate: str, family: str | None, negated: bool) -> bool:
    if negated and not filters.include_negated:
        return False
    if filters.predicates and predicate not in filters.predicates:
        return False
    return not (filters.families and family not in filters.families)


def _keep_article(filters: Filters, date: str | None, outlet: str | None) -> bool:
    if filters.since and (date is None or date < filters.since):
        return False
    if filters.until and (date is None or date[: len(filters.until)] > filters.until):
        return False
    if filters.sources:
        return (outlet or "").casefold() in {s.casefold() for s in filters.sources}
    return True


def _read_actors(store: Any) -> dict[str, dict[str, Any]]:
    """Actors of the store by IRI: label, type, aliases, country, country code."""
    actors: dict[str, dict[str, Any]] = {}
    for row in select(store, "actors"):
        actor = actors.setdefault(row["actor"], {"aliases": set(), "types": set()})
        actor["types"].add(_local_name(row["type"]))
        for key in ("label", "prefLabel", "countryCode", "countryLabel", "country"):
            if row[key] and not actor.get(key):
                actor[key] = row[key]
        if row["alias"]:
            actor["aliases"].add(row["alias"])
    return actors


def node_id(iri: str) -> str:
    """Compact node id of an actor IRI: ``.../actor/gru`` -> ``kg:actor/gru``."""
    head, sep, slug = iri.rpartition("/actor/")
    return f"kg:actor/{slug}" if sep and head else iri


def _add_node(
    graph: nx.MultiDiGraph,
    iri: str,
    actors: dict[str, dict[str, Any]],
    data: _NodeData | None,
    store: Any = None,
) -> None:
    actor = actors.get(iri) or _describe(store, iri)
    types = sorted(actor.get("types", ()))
    # the most specific type: any subclass of kg:Actor before kg:Actor itself
    type_ = next((t for t in types if t in ACTOR_TYPES), types[0] if types else "Actor")
    label = actor.get("prefLabel") or actor.get("label") or _local_name(iri)
    attrs: dict[str, Any] = {"label": label, "type": type_, "iri": iri}
    country = actor.get("countryLabel") or (
        _label_of(actors, actor["country"]) if actor.get("country") else None
    )
    if country:
        attrs["country"] = country
    if actor.get("countryCode"):
        attrs["country_code"] = actor["countryCode"]
    attrs["aliases"] = sorted(a for a in actor.get("aliases", ()) if a != label)
    attrs["articles"] = len(data.articles) if data else 0
    attrs["mentions"] = data.mentions if data else 0
    if data and data.dates:
        attrs["first_seen"], attrs["last_seen"] = min(data.dates), max(data.dates)
    r, g, b = TYPE_COLORS.get(type_, OTHER_COLOR)
    attrs["viz"] = {"color": {"r": r, "g": g, "b": b}, "size": 10.0}
    graph.add_node(node_id(iri), **attrs)


def _label_of(actors: dict[str, dict[str, Any]], iri: str) -> str:
    actor = actors.get(iri, {})
    return actor.get("prefLabel") or actor.get("label") or _local_name(iri)


def _describe(store: Any, iri: str) -> dict[str, Any]:
    """Label and types of a relation argument that is not in the actors graph."""
    if store is None or iri.startswith("_:") or any(c in iri for c in '<>"{}|^`\\ '):
        return {}
    described: dict[str, Any] = {"types": set()}
    result = store.query(
        f"SELECT ?label ?type WHERE {{ GRAPH ?g {{ {{ <{iri}> rdfs:label ?label }} "
        f"UNION {{ <{iri}> a ?type }} }} }}"
    )
    for label, type_ in result.rows:
        if label is not None:
            described.setdefault("label", label.value)
        if type_ is not None:
            described["types"].add(_local_name(type_.value))
    return described


def _add_edge(
    graph: nx.MultiDiGraph,
    subject: str,
    predicate: str,
    object_: str,
    negated: bool,
    data: _EdgeData,
    family: str | None,
) -> None:
    source, target = node_id(subject), node_id(object_)
    label = f"not {predicate}" if negated else predicate
    key = f"{source}|{label}|{target}"
    attrs: dict[str, Any] = {"label": label, "predicate": predicate}
    if family:
        attrs["family"] = family
    attrs["weight"] = len(data.articles)
    for modality in MODALITIES:
        attrs[modality] = data.modalities.get(modality, 0)
    attrs["modality"] = edge_modality(data.modalities)
    if negated:
        attrs["negated"] = True
    if data.dates:
        attrs["first_date"], attrs["last_date"] = min(data.dates), max(data.dates)
    attrs["outlets"] = sorted(data.outlets)
    if data.sentence:
        attrs["sentence"] = data.sentence
    graph.add_edge(source, target, key=key, **attrs)


def edge_modality(counts: Counter[str] | dict[str, int]) -> str:
    """The modality an edge is drawn and counted with: the strongest that supports it.

    >>> edge_modality({"alleged": 2, "attempted": 1})
    'alleged'
    """
    return next((m for m in MODALITIES if counts.get(m)), MODALITIES[0])


GRAPH_COUNT_KEYS = ("nodes", "isolated", "edges", "asserted", "alleged", "attempted", "negated")
"""The keys of :func:`graph_counts`."""


def graph_counts(store: Any) -> dict[str, int]:
    """Nodes and edges of the whole exported graph (what ``kg export`` writes with no filter).

    ``isolated`` nodes have no edge; ``edges`` split by :func:`edge_modality` into
    ``asserted``, ``alleged`` and ``attempted``; ``negated`` counts the ``not <predicate>``
    edges that ``--include-negated`` adds (not in ``edges``).

    Example:
        >>> graph_counts(store)["edges"]  # doctest: +SKIP
        20
    """
    families = relation_families(store)
    edges, nodes = _gather(store, Filters(include_negated=True), families)  # one pass for both
    kept = {key: data for key, data in edges.items() if not key[3]}
    graph = _project(store, Filters(), families, kept, nodes)
    counts = dict.fromkeys(GRAPH_COUNT_KEYS, 0)
    counts["nodes"] = graph.number_of_nodes()
    counts["isolated"] = sum(1 for _ in nx.isolates(graph))
    counts["edges"] = graph.number_of_edges()
    for *_, modality in graph.edges(data="modality"):
        counts[modality] += 1
    counts["negated"] = len(edges) - len(kept)
    return counts


def _ego_network(graph: nx.MultiDiGraph, name: str, hops: int) -> nx.MultiDiGraph:
    center = find_actor(graph, name)
    return nx.ego_graph(graph, center, radius=hops, undirected=True)


def find_actor(graph: nx.MultiDiGraph, name: str) -> str:
    """Return the node id of the actor called ``name`` (id, label or alias; any case).

    Raises:
        ExportError: no actor has that name.
    """
    wanted = name.casefold()
    for node, attrs in graph.nodes(data=True):
        names = [node, attrs.get("label", ""), *attrs.get("aliases", ())]
        if any(n.casefold() == wanted for n in names):
            return node
    raise ExportError(f"no actor called {name!r} in the exported graph (check kg actors)")


def _set_sizes(graph: nx.MultiDiGraph) -> None:
    """Size each node by its weighted degree: 10 for an isolated node, growing as a square root."""
    for node, degree in graph.degree(weight="weight"):
        graph.nodes[node]["weighted_degree"] = int(degree)
        graph.nodes[node]["viz"]["size"] = round(10.0 + 5.0 * math.sqrt(degree), 2)


def add_layout(graph: nx.MultiDiGraph, max_nodes: int = 500, seed: int = 7) -> bool:
    """Give nodes a force-directed position (``viz.position``) so the first view reads.

    Skipped (returns False) above ``max_nodes``: networkx's layout takes about 1 s for
    500 nodes but 8 s for 1000, and on large graphs Gephi's ForceAtlas2 does better.
    """
    if not 0 < graph.number_of_nodes() <= max_nodes:
        return False
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for source, target, weight in graph.edges(data="weight", default=1):
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += weight
        else:
            simple.add_edge(source, target, weight=weight)
    positions = nx.spring_layout(simple, weight="weight", seed=seed, scale=500.0)
    for node, (x, y) in positions.items():
        graph.nodes[node]["viz"]["position"] = {"x": round(float(x), 2), "y": round(float(y), 2)}
    return True


@lru_cache(maxsize=4096)  # predicates and types: a few dozen values, met once per row
def _local_name(iri: str | None) -> str:
    if not iri:
        return ""
    if iri.startswith(_KG_NS):
        return iri[len(_KG_NS) :]
    return re.split(r"[#/]", iri)[-1]


@lru_cache(maxsize=65536)  # article dates repeat across an article's rows
def _iso_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of an xsd:date or xsd:dateTime literal, else None."""
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None
