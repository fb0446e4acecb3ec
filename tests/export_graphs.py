"""Hand-built knowledge graphs for the export tests, laid out as ``kg.rdf.namespace`` describes.

The sentences are our own, written for these tests. One actor's label carries
XML-special characters, an emoji, right-to-left text and a control character
that XML forbids, so every format is checked against them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pyoxigraph
from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from kg.models import Actor, ActorMention, Article, Extraction, Mention, Relation
from kg.rdf.namespace import KG, PROV, SCHEMA, IRIs
from kg.rdf.results import QueryResult
from kg.rdf.store import query_oxigraph

IRI = IRIs()
JS = Path(__file__).parent / "js"
WEIRD_LABEL = 'Ĉ&"Q" <Ops> 🐻 ביטחון\x0b'
"""A label with XML specials, an emoji, Hebrew and a vertical tab (forbidden in XML)."""
WEIRD_LABEL_CLEAN = 'Ĉ&"Q" <Ops> 🐻 ביטחון'

ACTORS = {
    # slug: (type, label, aliases, affiliated country slug, country code)
    "russia": ("Country", "Russia", (), None, "RU"),
    "united-states": ("Country", "United States", ("US", "U.S."), None, "US"),
    "gru": ("GovernmentBody", "GRU", ("Main Intelligence Directorate",), "russia", None),
    "fancy-bear": ("ThreatGroup", "Fancy Bear", ("APT28",), "russia", None),
    "kaspersky-lab": ("Company", "Kaspersky Lab", (), None, None),
    "weird-ops": ("Company", WEIRD_LABEL, (), None, None),
    "lone-wolf": ("Person", "Lone Wolf", (), None, None),
}

FAMILIES = {
    "hacked": "cyber",
    "attacked": "cyber",
    "accused": "communication",
    "sanctioned": "coercion",
    "detected": "detection",
}

ARTICLES = {
    # id: (date, outlet, [(subject, predicate, object, modality, negated, sentence)])
    "a1": (
        "2024-03-05",
        "Example Times",
        [
            (
                "fancy-bear",
                "hacked",
                "united-states",
                "asserted",
                False,
                "Fancy Bear hacked networks of the United States, officials said.",
            ),
            (
                "united-states",
                "accused",
                "russia",
                "asserted",
                False,
                "The United States accused Russia of the intrusion.",
            ),
            (
                "kaspersky-lab",
                "detected",
                "fancy-bear",
                "asserted",
                False,
                "Kaspersky Lab detected the Fancy Bear implant last week.",
            ),
        ],
    ),
    "a2": (
        "2024-04-10",
        "Daily Wire Service",
        [
            (
                "fancy-bear",
                "hacked",
                "united-states",
                "alleged",
                False,
                "Fancy Bear allegedly hacked a federal agency again.",
            ),
            (
                "fancy-bear",
                "attacked",
                "united-states",
                "asserted",
                False,
                "Fancy Bear attacked the power grid of the United States.",
            ),
            (
                "russia",
                "hacked",
                "united-states",
                "asserted",
                True,
                "Russia did not hack the United States, the Kremlin said.",
            ),
        ],
    ),
    "a3": (
        None,
        "Example Times",
        [
            (
                "united-states",
                "sanctioned",
                "weird-ops",
                "asserted",
                False,
                'Washington sanctioned Ĉ&"Q" <Ops> 🐻 ביטחון on Friday.',
            ),
        ],
    ),
}


def actor_iri(slug: str) -> URIRef:
    """IRI of a test actor."""
    return IRI.actor(f"kg:actor/{slug}")


def sample_dataset(articles: dict | None = None, xml_forbidden: bool = True) -> Dataset:
    """The ontology families, the actors graph and one named graph per article.

    ``xml_forbidden=False`` leaves the vertical tab out of the odd label.
    """
    articles = ARTICLES if articles is None else articles
    ds = Dataset()
    onto = ds.graph(IRI.ontology_graph)
    for name, family in FAMILIES.items():
        onto.add((KG[name], RDFS.subPropertyOf, KG[family]))
    actors = ds.graph(IRI.actors_graph)
    for slug, (type_, label, aliases, country, code) in ACTORS.items():
        node = actor_iri(slug)
        if not xml_forbidden:
            label = label.replace("\x0b", "")
        actors.add((node, RDF.type, KG[type_]))
        actors.add((node, RDFS.label, Literal(label)))
        actors.add((node, SKOS.prefLabel, Literal(label)))
        for alias in aliases:
            actors.add((node, SKOS.altLabel, Literal(alias)))
        if country:
            actors.add((node, KG.affiliatedCountry, actor_iri(country)))
        if code:
            actors.add((node, KG.countryCode, Literal(code)))
    for article_id, (date, outlet, relations) in articles.items():
        graph = ds.graph(IRI.article_graph(article_id))
        node = IRI.article(article_id)
        graph.add((node, RDF.type, SCHEMA.NewsArticle))
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, KG.articleId, Literal(article_id)))
        graph.add((node, KG.outlet, Literal(outlet)))
        if date:
            graph.add((node, SCHEMA.datePublished, Literal(date, datatype=XSD.date)))
        for i, (subject, predicate, object_, modality, negated, sentence) in enumerate(relations):
            assertion = IRI.assertion(article_id, str(i))
            for p, o in (
                (RDF.type, KG.Assertion),
                (KG.subject, actor_iri(subject)),
                (KG.predicate, KG[predicate]),
                (KG.object, actor_iri(object_)),
                (KG.negated, Literal(negated)),
                (KG.modality, Literal(modality)),
                (KG.sentence, Literal(sentence)),
                (PROV.wasDerivedFrom, node),
            ):
                graph.add((assertion, p, o))
            graph.add((node, SCHEMA.mentions, actor_iri(subject)))
            graph.add((node, SCHEMA.mentions, actor_iri(object_)))
            if modality == "asserted" and not negated:
                graph.add((actor_iri(subject), KG[predicate], actor_iri(object_)))
    return ds


class MemoryStore:
    """A pyoxigraph store in memory with what the projection asks of a
    :class:`kg.rdf.store.Store`: ``query``, ``named_graphs`` and ``graph_triples``."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.oxigraph = store

    def query(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        """Run the query as the embedded store does (default graph = union of all)."""
        return query_oxigraph(self.oxigraph, sparql, max_rows=max_rows)

    def named_graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs())

    def graph_triples(self, graph: str) -> list[pyoxigraph.Triple]:
        """The triples of one named graph."""
        name = pyoxigraph.NamedNode(graph)
        return [q.triple for q in self.oxigraph.quads_for_pattern(None, None, None, name)]


def load_store(dataset: Dataset, path: Path | None = None) -> Any:
    """``dataset`` in a :class:`MemoryStore`, or in a pyoxigraph store on disk at ``path``
    (delete it to close it before opening the folder as a KGStore)."""
    store = pyoxigraph.Store(str(path)) if path else pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(_ox(s), _ox(p), _ox(o), _ox(g)) for s, p, o, g in dataset.quads())
    store.flush()
    return store if path else MemoryStore(store)


def _ox(term: URIRef | Literal) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        datatype = pyoxigraph.NamedNode(str(term.datatype or XSD.string))
        return pyoxigraph.Literal(str(term), datatype=datatype)
    return pyoxigraph.NamedNode(str(term))


def graphology(path: Path, fmt: str = "gexf") -> dict:
    """What graphology's parsers read from ``path`` (``tests/js/parse.js``; GEXF as Gephi Lite)."""
    assert (JS / "node_modules").is_dir(), "run npm ci in tests/js first"
    result = subprocess.run(
        ["node", "parse.js", fmt, str(path)], cwd=JS, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _mention(label: str, type_: str) -> Mention:
    return Mention(label, type_, "kg:actor/" + label.lower().replace(" ", "-"), label, 0, 1)


def _relation(doc: str, subject: Mention, predicate: str, object_: Mention, **flags) -> Relation:
    sentence = f"{subject.label} {predicate} {object_.label}."
    return Relation(doc, subject, predicate, object_, sentence, rule="test", **flags)


def sample_extractions() -> list[Extraction]:
    """Two articles as the extractor hands them to ``KGStore.add_extractions``.

    4 actors (one without relations); 2 facts (asserted, not negated); one alleged
    and one denied relation that are assertions only.
    """
    bear, us = _mention("Fancy Bear", "ThreatGroup"), _mention("United States", "Country")
    nsa = _mention("NSA", "GovernmentBody")
    actors = tuple(ActorMention(Actor(m.id, m.label, m.type)) for m in (bear, us, nsa)) + (
        ActorMention(Actor("kg:actor/lone-wolf", "Lone Wolf", "Person")),
    )
    return [
        Extraction(
            Article(id="x1", text="one", published="2024-01-02", source="Wire"),
            relations=(
                _relation("x1", bear, "hacked", us),
                _relation("x1", nsa, "accused", bear, modality="alleged"),
                _relation("x1", bear, "attacked", us, negated=True),
            ),
            actors=actors,
        ),
        Extraction(
            Article(id="x2", text="two", published="2024-02-03", source="Post"),
            relations=(
                _relation("x2", bear, "hacked", us),
                _relation("x2", us, "sanctioned", bear),
            ),
            actors=actors[:2],
        ),
    ]
