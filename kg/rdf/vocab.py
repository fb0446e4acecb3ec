"""The rdflib terms of the intel-kg ontology and the instance IRI minter.

Imported through :mod:`kg.rdf.namespace` (``from kg.rdf.namespace import KG``), which
loads this module, and rdflib, only when one of these names is first used.
"""

from __future__ import annotations

import hashlib

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.rdf.namespace import DEFAULT_BASE_IRI, ONTOLOGY_IRI, slugify

PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")


class KG(DefinedNamespace):
    """The intel-kg ontology namespace."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # classes
    Entity: URIRef  # anything that can be an argument of a relation
    Actor: URIRef
    Country: URIRef
    GovernmentBody: URIRef
    Organization: URIRef
    Company: URIRef
    MediaOutlet: URIRef
    Person: URIRef
    ThreatGroup: URIRef
    Place: URIRef
    People: URIRef  # an unspecified group of people ("customers"), not an actor
    Thing: URIRef  # a non-actor argument
    Assertion: URIRef  # one extracted relation, as a claim
    ExtractionActivity: URIRef
    RelationFamily: URIRef

    # relation families (super-properties)
    relation: URIRef
    cyber: URIRef
    detection: URIRef
    communication: URIRef
    coercion: URIRef
    affiliation: URIRef

    # the 25 relation properties
    hacked: URIRef
    attacked: URIRef
    spiedOn: URIRef
    stole: URIRef
    leaked: URIRef
    used: URIRef
    detected: URIRef
    revealed: URIRef
    blamed: URIRef
    tippedOff: URIRef
    accused: URIRef
    denied: URIRef
    threatened: URIRef
    criticized: URIRef
    ordered: URIRef
    banned: URIRef
    sanctioned: URIRef
    charged: URIRef
    arrested: URIRef
    expelled: URIRef
    investigated: URIRef
    cooperatedWith: URIRef
    affiliatedWith: URIRef
    memberOf: URIRef
    basedIn: URIRef

    # assertion properties
    subject: URIRef  # -> actor
    predicate: URIRef  # -> relation property IRI (kg:hacked)
    object: URIRef  # -> actor
    negated: URIRef  # xsd:boolean
    modality: URIRef  # "asserted" | "alleged" | "attempted"
    confidence: URIRef  # xsd:double in [0, 1]
    source: URIRef  # -> actor that claims the relation
    sourceChain: URIRef  # -> rdf:List of the nested claimants, outermost first
    sentence: URIRef  # the evidence sentence
    sentenceStart: URIRef  # xsd:integer offsets in the article text
    sentenceEnd: URIRef
    subjectText: URIRef  # surface form and offsets of the subject mention
    subjectStart: URIRef
    subjectEnd: URIRef
    objectText: URIRef
    objectStart: URIRef
    objectEnd: URIRef
    trigger: URIRef
    rule: URIRef  # name of the extraction pattern
    kind: URIRef  # "explicit" | "coref" | "nominal"
    eventDate: URIRef  # xsd:date | xsd:gYearMonth | xsd:gYear
    eventDatePrecision: URIRef  # "day" | "month" | "year"

    # actor properties
    affiliatedCountry: URIRef  # -> Country (the state a body or group belongs to)
    countryCode: URIRef  # ISO 3166-1 alpha-2
    key: URIRef  # a label or alias normalized for look-up (label_key)

    # article properties
    articleId: URIRef
    contentHash: URIRef
    outlet: URIRef  # name of the publishing outlet (string)
    duplicateOf: URIRef  # near-duplicate (syndicated copy) of another article

    # extraction activity
    toolVersion: URIRef
    modelName: URIRef

    # store identity
    storeFormat: URIRef  # on the ontology graph's IRI, in that graph

    # the summary graph: one kg:RelationSummary per (subject, predicate, object, negated)
    RelationSummary: URIRef
    summary: URIRef  # assertion -> its relation's summary node (in the article graph)
    articleCount: URIRef  # articles that report the relation
    modalities: URIRef  # its modalities, sorted, joined by ", "
    firstReported: URIRef  # earliest publication date of those articles
    lastReported: URIRef  # latest one
    pending: URIRef  # summary graph -> a summary node still to recompute
    row: URIRef  # who-did-what's row of an unnegated relation (kg.rdf.summary)
    assertionCount: URIRef  # assertions of an unnegated relation
    datedArticleCount: URIRef  # articles with a publication date that report it

    # relation property annotations
    family: URIRef
    trigger_word: URIRef


class IRIs:
    """Mints the instance IRIs under one base IRI."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def actor(self, compact_id: str) -> URIRef:
        """IRI of an actor from its compact id ``kg:actor/<slug>``."""
        return URIRef(self.base + compact_id.removeprefix("kg:"))

    def article(self, article_id: str) -> URIRef:
        """IRI of an article node."""
        return URIRef(self.base + "article/" + slugify(article_id))

    def article_graph(self, article_id: str) -> URIRef:
        """IRI of the named graph that holds one article's assertions and facts."""
        return URIRef(self.base + "graph/article/" + slugify(article_id))

    def assertion(self, article_id: str, key: str) -> URIRef:
        """IRI of an assertion node, from its article and a key unique inside it."""
        digest = hashlib.sha1(f"{article_id}\x00{key}".encode()).hexdigest()[:16]
        return URIRef(self.base + "assertion/" + digest)

    def summary(self, subject: str, predicate: str, obj: str, negated: bool) -> URIRef:
        """IRI of the summary node of a relation, from the IRIs of its terms and its negation."""
        key = f"{subject}\x00{predicate}\x00{obj}\x00{'1' if negated else '0'}"
        return URIRef(self.base + "summary/" + hashlib.sha1(key.encode()).hexdigest()[:16])

    @property
    def summary_graph(self) -> URIRef:
        """IRI of the graph of relation summaries (maintained with the article graphs)."""
        return URIRef(self.base + "graph/summary")

    def activity(self, key: str) -> URIRef:
        """IRI of an extraction activity."""
        return URIRef(self.base + "activity/" + hashlib.sha1(key.encode()).hexdigest()[:16])

    @property
    def actors_graph(self) -> URIRef:
        """IRI of the shared actors graph."""
        return URIRef(self.base + "graph/actors")

    @property
    def ontology_graph(self) -> URIRef:
        """IRI of the graph that holds the ontology."""
        return URIRef(self.base + "graph/ontology")
