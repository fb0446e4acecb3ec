"""ontologies/kg.ttl: agrees with relations.json, declares the vocabulary, maps honestly."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.inventory import load_relations
from kg.models import ACTOR_TYPES
from kg.rdf.namespace import KG, ONTOLOGY_IRI
from kg.rdf.store import ontology_path, shapes_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def test_rdf_ontology_installed_copy_is_the_top_level_file():
    assert ontology_path().read_bytes() == (ROOT / "ontologies" / "kg.ttl").read_bytes()
    assert shapes_path().read_bytes() == (ROOT / "ontologies" / "shapes.ttl").read_bytes()


def test_rdf_ontology_is_an_owl_ontology(ontology):
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ontology


def test_rdf_ontology_agrees_with_relations_json(ontology):
    inventory = load_relations()
    for family, definition in inventory["families"].items():
        assert (KG[family], RDFS.subPropertyOf, KG.relation) in ontology
        assert ontology.value(KG[family], SKOS.definition) == Literal(definition, lang="en")
    declared = set(ontology.subjects(KG.family, None))
    assert declared == {KG[name] for name in inventory["predicates"]}
    for name, spec in inventory["predicates"].items():
        prop = KG[name]
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
        assert (prop, RDFS.subPropertyOf, KG[spec["family"]]) in ontology
        assert ontology.value(prop, RDFS.label) == Literal(name, lang="en")
        assert ontology.value(prop, SKOS.definition) == Literal(spec["definition"], lang="en")
        assert ontology.value(prop, RDFS.domain) == KG.Entity
        assert ontology.value(prop, RDFS.range) == KG.Entity


def test_rdf_ontology_generated_block_is_up_to_date():
    spec = importlib.util.spec_from_file_location(
        "generate_properties", ROOT / "ontologies" / "generate_properties.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "ontologies" / "kg.ttl").read_text(encoding="utf-8")
    assert module.generate_block(load_relations()) in text


def test_rdf_ontology_declares_every_term_of_the_namespace(ontology):
    subjects = set(ontology.subjects())
    missing = [name for name in KG.__annotations__ if KG[name] not in subjects]
    assert missing == []


def test_rdf_ontology_actor_classes_are_actor_subclasses(ontology):
    for name in ACTOR_TYPES:
        assert (KG[name], RDFS.subClassOf, KG.Actor) in ontology
    assert (KG.Assertion, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in ontology


def test_rdf_ontology_mappings_point_to_described_concepts(ontology):
    external = ("https://schema.org/", "http://www.w3.org/ns/prov#")
    for predicate in (SKOS.exactMatch, SKOS.closeMatch):
        for _, target in ontology.subject_objects(predicate):
            if str(target).startswith(external):
                continue
            assert (target, RDF.type, SKOS.Concept) in ontology, target
            assert ontology.value(target, SKOS.notation) is not None, target
