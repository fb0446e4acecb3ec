"""SHACL validation (kg.rdf.validate, kg validate): built graphs conform, broken ones do not."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdf_fakes import corpus, extract
from rdflib import Literal, URIRef

from kg.cli import main
from kg.rdf.graph import ExtractionRun, build_time
from kg.rdf.namespace import KG, PROV, IRIs
from kg.rdf.store import KGStore
from kg.rdf.validate import validate_quads, validate_store

IRI = IRIs()
ISRAEL = IRI.actor("kg:actor/israel")
SONY = IRI.actor("kg:actor/sony")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("validate") / "kg.store"
    with KGStore(path) as store:
        store.add_extractions([extract(a) for a in corpus(6)], ExtractionRun("m", build_time()))
    with KGStore(path, read_only=True) as store:
        return path, list(store.quads())


def test_rdf_validate_built_store_conforms(built):
    path, _ = built
    with KGStore(path, read_only=True) as store:
        report = validate_store(store)
    assert report.conforms, [str(v) for v in report.violations]
    assert report.summary() == "the graph conforms to the SHACL shapes"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ((ISRAEL, KG.sanctioned, SONY), "has no asserted, non-negated assertion"),
        ((ISRAEL, KG.countryCode, Literal("isr")), "does not match pattern"),
        ((URIRef("https://w3id.org/intel-kg/id/actor/ghost"), KG.hacked, SONY), "kg:Entity"),
    ],
)
def test_rdf_validate_reports_broken_graphs(built, extra, expected):
    _, quads = built
    report = validate_quads([*quads, (*extra, IRI.article_graph("story-000"))])
    assert not report.conforms
    assert any(expected in str(v) for v in report.violations), [str(v) for v in report.violations]


def test_rdf_validate_assertion_without_provenance(built):
    _, quads = built
    kept = [q for q in quads if q[1] != PROV.wasGeneratedBy]
    report = validate_quads(kept)
    assert not report.conforms
    assert {v.path for v in report.violations} == {str(PROV.wasGeneratedBy)}


def test_rdf_validate_cli_exit_status(built, tmp_path):
    path, _ = built
    result = CliRunner().invoke(main, ["validate", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    broken = tmp_path / "broken.store"
    with KGStore(broken) as store:
        store.add_extractions([extract(a) for a in corpus(2)], ExtractionRun("m", build_time()))
        store.bulk_load([(ISRAEL, KG.sanctioned, SONY, IRI.article_graph("story-000"))])
    result = CliRunner().invoke(main, ["validate", "--store", str(broken)])
    assert result.exit_code == 1
    assert "has no asserted, non-negated assertion" in result.output
    assert "1 SHACL violation(s)" in result.output
