"""The summary graph: what the articles report about each relation, kept with the article graphs.

One ``kg:RelationSummary`` node per relation (subject, predicate, object, negated),
in ``<base>graph/summary``::

    <summary/…> a kg:RelationSummary ; kg:articleCount 3 ; kg:modalities "alleged, asserted" ;
        kg:firstReported "2024-01-02"^^xsd:date ; kg:lastReported "2024-03-01"^^xsd:date ;
        kg:row "hacked\t3\talleged, asserted\t2024-01-02\t6\tRussiaUkraine" ;
        rdf:subject <actor/russia> ; rdf:predicate kg:hacked ; rdf:object <actor/ukraine> ;
        kg:assertionCount 4 ; kg:datedArticleCount 3 .

Each assertion links to its relation's node with ``kg:summary`` in its own article
graph. The node of an unnegated relation names its subject, predicate and object with
``rdf:subject``, ``rdf:predicate`` and ``rdf:object`` (stated with the assertions' own
``kg:subject`` ..., they would double what every preset that reads assertions goes
through), for the presets that count relations per actor or date from this graph alone
(top-actors, new-since). The node is a function of the article graphs alone:
:func:`summary_quads` recomputes it from the assertions that link to it (one index
look-up, then a few per article).
:class:`~kg.rdf.store.KGStore` recomputes the nodes a write touches (its articles'
relations, those of an earlier version it replaces or removes, and those of an actor
it gives a new label): the nodes are first marked ``kg:pending``, then rewritten and
unmarked in one transaction, so a write interrupted in between leaves marks that the
next write or writable open clears by recomputing those nodes. Presets read the
summary instead of aggregating every assertion; the assertions stay one hop away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import RDFS

from kg.rdf.vocab import KG, PROV, SCHEMA

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
SUMMARY = ox.NamedNode(str(KG.summary))
PENDING = ox.NamedNode(str(KG.pending))
_RELATION_SUMMARY = ox.NamedNode(str(KG.RelationSummary))
_TERMS = tuple(ox.NamedNode(str(t)) for t in (KG.subject, KG.predicate, KG.object, KG.negated))
_MODALITY = ox.NamedNode(str(KG.modality))
_DERIVED = ox.NamedNode(str(PROV.wasDerivedFrom))
_PUBLISHED = ox.NamedNode(str(SCHEMA.datePublished))
_COUNT = ox.NamedNode(str(KG.articleCount))
_MODALITIES = ox.NamedNode(str(KG.modalities))
_FIRST = ox.NamedNode(str(KG.firstReported))
_LAST = ox.NamedNode(str(KG.lastReported))
_ROW = ox.NamedNode(str(KG.row))
_ASSERTIONS = ox.NamedNode(str(KG.assertionCount))
_DATED = ox.NamedNode(str(KG.datedArticleCount))
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_STATEMENT = tuple(ox.NamedNode(_RDF + name) for name in ("subject", "predicate", "object"))
_LABEL = ox.NamedNode(str(RDFS.label))
ROW_SEPARATOR = "\t"
"""Between the fields of a ``kg:row`` (the labels, which may hold one, come last)."""

UPDATE_QUADS = 20_000
"""Quads per summary transaction when many nodes are recomputed at once (an upgrade)."""


def _first(store: ox.Store, subject: object, predicate: ox.NamedNode, graph: object) -> object:
    for quad in store.quads_for_pattern(subject, predicate, None, graph):
        return quad.object
    return None


def summary_nodes(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> set[ox.NamedNode]:
    """The summary nodes that the assertions of ``graphs`` link to."""
    return {
        quad.object
        for graph in graphs
        for quad in store.quads_for_pattern(None, SUMMARY, None, graph)
    }


def summary_quads(store: ox.Store, node: ox.NamedNode, graph: ox.NamedNode) -> list[ox.Quad]:
    """The quads of one summary node in ``graph``, recomputed from the assertions that link to
    it; none when no article reports the relation any more."""
    terms: tuple[Any, ...] | None = None
    reports: list[tuple[Any, Any, Any]] = []
    for link in store.quads_for_pattern(None, SUMMARY, node, None):
        assertion, article_graph = link.subject, link.graph_name
        article = _first(store, assertion, _DERIVED, article_graph)
        if article is None:
            continue
        if terms is None:
            terms = tuple(_first(store, assertion, term, article_graph) for term in _TERMS)
        reports.append(
            (
                article,
                _first(store, assertion, _MODALITY, article_graph),
                _first(store, article, _PUBLISHED, article_graph),
            )
        )
    if terms is None:
        return []
    return compose(node, graph, terms, reports, lambda actor: _labels(store, actor))


def compose(
    node: ox.NamedNode,
    graph: ox.NamedNode,
    terms: tuple[Any, ...],
    reports: Iterable[tuple[Any, Any, Any]],
    labels: Callable[[Any], list[str]],
) -> list[ox.Quad]:
    """The quads of a summary node from what its assertions say.

    Args:
        terms: the relation's subject, predicate, object and ``kg:negated`` literal.
        reports: (article, modality or None, publication date or None) per assertion.
        labels: the labels of an actor (its IRI when it has none), for ``kg:row``.
    """
    if any(term is None for term in terms):
        return []
    modalities = set()
    published: dict[Any, Any] = {}
    assertions = 0
    for article, modality, date in reports:
        assertions += 1
        if modality is not None:
            modalities.add(modality.value)
        if published.get(article) is None:
            published[article] = date
    if not published:
        return []
    # The relation's own terms are left to its assertions (?a kg:summary ?node): stated
    # here too, they would double what the presets' assertion patterns read.
    quads = [ox.Quad(node, RDF_TYPE, _RELATION_SUMMARY, graph)]
    quads.append(ox.Quad(node, _COUNT, _integer(len(published)), graph))
    quads.append(ox.Quad(node, _MODALITIES, ox.Literal(", ".join(sorted(modalities))), graph))
    dates = sorted((d for d in published.values() if d is not None), key=lambda d: d.value)
    if dates:
        quads.append(ox.Quad(node, _FIRST, dates[0], graph))
        quads.append(ox.Quad(node, _LAST, dates[-1], graph))
    subject, predicate, obj, negated = terms
    if negated.value not in ("true", "1"):
        # what top-actors and new-since count, with the terms they group by: the
        # statement's own (rdf:subject ...), which no assertion pattern reads
        for term, value in zip(_STATEMENT, (subject, predicate, obj), strict=True):
            quads.append(ox.Quad(node, term, value, graph))
        quads.append(ox.Quad(node, _ASSERTIONS, _integer(assertions), graph))
        quads.append(ox.Quad(node, _DATED, _integer(len(dates)), graph))
        fields = (
            predicate.value.partition("#")[2],
            str(len(published)),
            ", ".join(sorted(modalities)),
            dates[0].value if dates else "",
        )
        for s_label in labels(subject):
            for o_label in labels(obj):
                text = ROW_SEPARATOR.join((*fields, str(len(s_label)), s_label + o_label))
                quads.append(ox.Quad(node, _ROW, ox.Literal(text), graph))
    return quads


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _labels(store: ox.Store, actor: object) -> list[str]:
    """The actor's labels (in any graph), or its IRI when it has none."""
    found = {quad.object.value for quad in store.quads_for_pattern(actor, _LABEL, None, None)}
    return sorted(found) or [actor.value]


def nodes_of_actors(store: ox.Store, actors: Iterable[ox.NamedNode]) -> set[ox.NamedNode]:
    """The summary nodes of the relations in which ``actors`` are subject or object."""
    return {
        link.object
        for actor in actors
        for term in _TERMS[::2]
        for quad in store.quads_for_pattern(None, term, actor, None)
        for link in store.quads_for_pattern(quad.subject, SUMMARY, None, quad.graph_name)
    }


def pending_quads(nodes: Iterable[ox.NamedNode], graph: ox.NamedNode) -> list[ox.Quad]:
    """``<summary graph> kg:pending <node>``: the nodes about to be recomputed."""
    return [ox.Quad(graph, PENDING, node, graph) for node in nodes]


def pending_nodes(store: ox.Store, graph: ox.NamedNode) -> set[ox.NamedNode]:
    """The nodes an interrupted write left marked as pending."""
    return {quad.object for quad in store.quads_for_pattern(graph, PENDING, None, graph)}


def recompute(store: ox.Store, nodes: Iterable[ox.NamedNode], graph: ox.NamedNode) -> None:
    """Rewrite ``nodes`` from the article graphs and clear their pending marks.

    Each transaction replaces whole nodes (their old quads and mark out, the new ones
    in), at most about :data:`UPDATE_QUADS` quads at a time.
    """
    remove: list[ox.Quad] = []
    add: list[ox.Quad] = []
    for node in sorted(nodes, key=lambda n: n.value):
        remove += store.quads_for_pattern(node, None, None, graph)
        remove.append(ox.Quad(graph, PENDING, node, graph))
        add += summary_quads(store, node, graph)
        if len(remove) + len(add) >= UPDATE_QUADS:
            store.update(_update_text(remove, add))
            remove, add = [], []
    if remove or add:
        store.update(_update_text(remove, add))


def _update_text(remove: list[ox.Quad], add: list[ox.Quad]) -> str:
    """One SPARQL update (one transaction) deleting ``remove`` and inserting ``add``."""
    return f"DELETE DATA {{ {_data(remove)} }} ;\nINSERT DATA {{ {_data(add)} }}"


def _data(quads: list[ox.Quad]) -> str:
    return "\n".join(_statements(quads))


def _statements(quads: list[ox.Quad]) -> Iterator[str]:
    for quad in quads:
        yield f"GRAPH {quad.graph_name} {{ {quad.subject} {quad.predicate} {quad.object} }}"
