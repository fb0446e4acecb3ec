"""Extraction -> RDF quads (kg.rdf.graph): assertions, flags, provenance, facts, actors."""

from __future__ import annotations

import datetime as dt

import pytest
from rdf_fakes import actor, extract, mention
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import SKOS

from kg.models import Article, Extraction
from kg.rdf.graph import ExtractionRun, extraction_quads, to_dataset
from kg.rdf.namespace import KG, PROV, SCHEMA, IRIs

RUN = ExtractionRun("fake-pattern-0", dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
IRI = IRIs()


def _extraction(text: str, **article: str) -> Extraction:
    return extract(Article(id="a-1", text=text, **article))


def _graph(extraction: Extraction, iris: IRIs = IRI):
    return to_dataset(extraction_quads(extraction, RUN, iris))


def _assertion(dataset, predicate: URIRef) -> URIRef:
    (node,) = set(dataset.subjects(KG.predicate, predicate))
    return node


@pytest.mark.parametrize(
    ("text", "predicate", "modality", "negated", "is_fact"),
    [
        ("Israel hacked Kaspersky.", KG.hacked, "asserted", False, True),
        ("Iran allegedly hacked Microsoft.", KG.hacked, "alleged", False, False),
        ("China tried to hack Sony.", KG.hacked, "attempted", False, False),
        ("Kaspersky never helped Russia.", KG.cooperatedWith, "asserted", True, False),
    ],
)
def test_rdf_graph_direct_fact_only_for_asserted_non_negated(
    text, predicate, modality, negated, is_fact
):
    extraction = _extraction(text)
    relation = extraction.relations[0]
    dataset = _graph(extraction)
    s, o = IRI.actor(relation.subject.id), IRI.actor(relation.object.id)
    article_graph = dataset.graph(IRI.article_graph("a-1"))
    assert ((s, predicate, o) in article_graph) is is_fact
    node = _assertion(dataset, predicate)
    assert article_graph.value(node, KG.modality) == Literal(modality)
    assert article_graph.value(node, KG.negated) == Literal(negated)
    assert article_graph.value(node, KG.subject) == s
    assert article_graph.value(node, KG.object) == o


def test_rdf_graph_assertion_carries_flags_evidence_and_provenance():
    extraction = _extraction("Reuters said in 2017 that Israel hacked Kaspersky.", title="T")
    dataset = _graph(extraction)
    g = dataset.graph(IRI.article_graph("a-1"))
    node = _assertion(dataset, KG.hacked)
    assert set(g.objects(node, RDF.type)) == {KG.Assertion, PROV.Entity}
    assert g.value(node, KG.source) == IRI.actor("kg:actor/reuters")
    assert g.value(node, KG.sentence) == Literal("Israel hacked Kaspersky.")
    assert g.value(node, KG.rule) == Literal("fake-svo")
    assert g.value(node, KG.kind) == Literal("explicit")
    assert g.value(node, KG.confidence) == Literal("0.75", datatype=XSD.double, normalize=False)
    assert g.value(node, KG.eventDate) == Literal("2017-10", datatype=XSD.gYearMonth)
    assert g.value(node, KG.eventDatePrecision) == Literal("month")
    assert g.value(node, KG.subjectText) == Literal("Israel")
    assert int(g.value(node, KG.objectStart)) == extraction.relations[0].object.start
    assert int(g.value(node, KG.sentenceEnd)) == extraction.relations[0].sentence_end
    assert g.value(node, KG.trigger) == Literal("hacked")
    article = IRI.article("a-1")
    assert g.value(node, PROV.wasDerivedFrom) == article
    activity = g.value(node, PROV.wasGeneratedBy)
    assert (activity, RDF.type, KG.ExtractionActivity) in g
    assert (activity, RDF.type, PROV.Activity) in g
    assert g.value(activity, KG.modelName) == Literal("fake-pattern-0")
    assert str(g.value(activity, PROV.startedAtTime)) == "2026-01-02T03:04:05Z"
    assert (article, RDF.type, SCHEMA.NewsArticle) in g
    assert g.value(article, SCHEMA.headline) == Literal("T")
    assert g.value(article, KG.contentHash) == Literal(extraction.article.content_hash)


def test_rdf_graph_actors_graph_has_types_labels_aliases_affiliation_codes():
    extraction = _extraction("Sandworm attacked Israel.")
    actors = _graph(extraction).graph(IRI.actors_graph)
    sandworm, israel = IRI.actor("kg:actor/sandworm"), IRI.actor("kg:actor/israel")
    assert (sandworm, RDF.type, KG.ThreatGroup) in actors
    assert actors.value(sandworm, SKOS.prefLabel) == Literal("Sandworm")
    assert actors.value(sandworm, SKOS.altLabel) == Literal("SANDWORM")
    assert actors.value(sandworm, KG.affiliatedCountry) == IRI.actor("kg:actor/russia")
    assert actors.value(israel, KG.countryCode) == Literal("IL")
    assert (israel, RDF.type, KG.Country) in actors


def test_rdf_graph_is_deterministic_and_follows_base_iri():
    extraction = _extraction("Israel hacked Kaspersky. Lazarus hacked Sony.")
    first = extraction_quads(extraction, RUN)
    assert first == extraction_quads(extraction, RUN)
    other = extraction_quads(extraction, RUN, IRIs("https://example.org/kg"))
    assert len(other) == len(first)
    assert all(q[3].startswith("https://example.org/kg/graph/") for q in other)
    assert not any(isinstance(t, type(None)) for q in first for t in q)


def test_rdf_graph_one_assertion_per_key_and_unknown_predicates_dropped():
    base = _extraction("Israel hacked Kaspersky. Israel hacked Kaspersky.")
    assert len(base.relations) == 2
    strange = base.relations[0].__class__(**{**base.relations[0].__dict__, "predicate": "liked"})
    extraction = Extraction(base.article, (*base.relations, strange), base.actors)
    dataset = _graph(extraction)
    assert len(set(dataset.subjects(RDF.type, KG.Assertion))) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-10-11", Literal("2017-10-11", datatype=XSD.date)),
        ("2017-02-30", None),
        ("not a date", None),
    ],
)
def test_rdf_graph_publication_date_typed_or_left_out(value, expected):
    dataset = _graph(_extraction("Israel hacked Kaspersky.", published=value))
    assert dataset.value(IRI.article("a-1"), SCHEMA.datePublished) == expected


def test_rdf_graph_people_and_things_are_entities_not_actors():
    people = mention("customers", 0).__class__(
        "customers", "People", "kg:actor/customers", "customers", 0, 9
    )
    base = _extraction("Lazarus hacked Sony.")
    relation = base.relations[0].__class__(**{**base.relations[0].__dict__, "object": people})
    dataset = _graph(Extraction(base.article, (relation,), (actor_mention_for("Lazarus"),)))
    node = IRI.actor("kg:actor/customers")
    assert (node, RDF.type, KG.People) in dataset.graph(IRI.actors_graph)
    assert (node, RDF.type, KG.Actor) not in dataset.graph(IRI.actors_graph)


def actor_mention_for(label: str):
    from kg.models import ActorMention

    return ActorMention(actor(label))


def test_rdf_graph_literals_carry_no_control_characters_or_lone_surrogates():
    from kg.models import Actor, ActorMention

    odd = Actor("kg:actor/odd", "Odd\ud800Name\x0b", "Organization", ("Alias\x00",))
    extraction = Extraction(Article(id="a-1", text="Nothing."), (), (ActorMention(odd),))
    actors = _graph(extraction).graph(IRI.actors_graph)
    node = IRI.actor("kg:actor/odd")
    assert actors.value(node, SKOS.prefLabel) == Literal("Odd\ufffdName ")
    assert actors.value(node, SKOS.altLabel) == Literal("Alias ")
