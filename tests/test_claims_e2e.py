"""The claims rule and group scoping end to end: ``kg build`` with the real extractor
on articles written here, then ``kg query`` (presets and plain SPARQL) through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ARTICLES = [
    {
        "id": "claims-a",
        "title": "Hotel breach",
        "published": "2018-12-12",
        "source": "Daily Wire Service",
        "text": (
            "FBI accuses China of hotel breach\n\n"
            "The FBI accused China of hacking Marriott. "
            "The State Department said that the New York Times reported that Israel hacked "
            "Kaspersky. Hackers broke into the networks of Acme Bank last year, officials said. "
            "Russia attacked a company in Ohio."
        ),
    },
    {
        "id": "claims-b",
        "title": "Treasury",
        "published": "2018-12-13",
        "source": "Other Wire",
        "text": (
            "Chinese government hackers hacked the Treasury, the FBI confirmed. "
            "Hackers also broke into the networks of Globex Bank, officials said. "
            "Iran attacked a company in Texas."
        ),
    },
    {
        "id": "claims-c",
        "title": "FBI blames North Korea",
        "published": "2014-12-19",
        "source": "Third Wire",
        "text": (
            "FBI blames North Korea for Sony Pictures hack\n"
            "By Jane Doe\n\n"
            "The FBI on Friday formally blamed North Korea for the cyberattack on Sony "
            "Pictures Entertainment, saying the evidence pointed to Pyongyang."
        ),
    },
]


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("claims")
    corpus = tmp / "news.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = tmp / "kg.store"
    _run(["-q", "build", str(corpus), "--store", str(path), "--workers", "1", "--no-exports"])
    return path


def _select(store: Path, sparql: str) -> list[dict[str, str]]:
    doc = json.loads(_run(["query", "--store", str(store), "--format", "json", sparql]))
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def _preset(store: Path, name: str, *params: str) -> list[dict[str, str]]:
    args = ["query", "--store", str(store), "--preset", name, "--format", "json"]
    for param in params:
        args += ["--param", param]
    doc = json.loads(_run(args))
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def test_claims_e2e_accusation_is_an_allegation_not_a_fact(store: Path) -> None:
    rows = _preset(store, "actor", "name=China")
    hacked = [r for r in rows if r["predicate"] == "hacked" and r["role"] == "subject"]
    assert hacked and {r["modality"] for r in hacked} == {"alleged"}
    direct = _select(
        store,
        "SELECT ?o WHERE { GRAPH ?g { ?c kg:hacked ?o } GRAPH ?ga { ?c rdfs:label 'China' } }",
    )
    assert not direct
    accused = _select(
        store,
        "SELECT ?s WHERE { GRAPH ?g { ?s kg:accused ?o } GRAPH ?ga { ?o rdfs:label 'China' } }",
    )
    assert accused  # the accusation itself is a fact


def test_claims_e2e_nested_sources_are_a_list_outermost_first(store: Path) -> None:
    rows = _select(
        store,
        "SELECT ?outer ?first ?second WHERE { GRAPH ?g { ?a kg:predicate kg:hacked ; "
        "kg:source ?s ; kg:sourceChain ?chain . ?chain rdf:first ?f ; rdf:rest ?rest . "
        "?rest rdf:first ?n ; rdf:rest rdf:nil } "
        "GRAPH ?ga { ?s rdfs:label ?outer . ?f rdfs:label ?first . ?n rdfs:label ?second } }",
    )
    assert rows == [
        {
            "outer": "Department of State",
            "first": "Department of State",
            "second": "The New York Times",
        }
    ]


def test_claims_e2e_unnamed_groups_stay_in_their_article(store: Path) -> None:
    shared = _select(
        store,
        "SELECT ?x (COUNT(DISTINCT ?g) AS ?n) WHERE { "
        "GRAPH ?g { ?a a kg:Assertion . { ?a kg:subject ?x } UNION { ?a kg:object ?x } } "
        "GRAPH ?ga { ?x a ?t } FILTER(?t IN (kg:ThreatGroup, kg:People)) } "
        "GROUP BY ?x HAVING (COUNT(DISTINCT ?g) > 1)",
    )
    assert shared == []
    iris = _select(store, "SELECT DISTINCT ?x WHERE { GRAPH ?ga { ?x rdfs:label 'hackers' } }")
    assert len(iris) == 2 and all("/actor/claims-" in r["x"] for r in iris)
    company = _select(store, "SELECT DISTINCT ?x WHERE { GRAPH ?ga { ?x rdfs:label 'company' } }")
    assert len(company) == 2
    sources = _select(
        store,
        "SELECT ?x (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a kg:source ?x } "
        "GRAPH ?ga { ?x rdfs:label 'officials' } } GROUP BY ?x",
    )  # an unnamed source is its article's too
    assert len(sources) == 2 and {r["n"] for r in sources} == {"1"}
    assert all("/actor/claims-" in r["x"] for r in sources)
    hackers = _preset(store, "actor", "name=hackers")
    hacked = {r["other"]: r["articles"] for r in hackers if r["predicate"] == "hacked"}
    assert hacked == {"Acme Bank": "1", "Globex Bank": "1"}


def test_claims_e2e_descriptive_group_keeps_its_owner(store: Path) -> None:
    rows = _select(
        store,
        "SELECT ?x WHERE { GRAPH ?ga { ?x rdfs:label ?l ; kg:affiliatedCountry ?c . "
        "?c rdfs:label 'China' } FILTER(CONTAINS(LCASE(STR(?l)), 'hackers')) }",
    )
    assert rows and all("claims-b" in r["x"] for r in rows)


def test_claims_e2e_headline_and_byline_do_not_swallow_the_lead(store: Path) -> None:
    rows = _preset(store, "who-did-what", "predicate=blamed")
    blamed = [r for r in rows if r["object"] == "North Korea"]
    assert blamed and blamed[0]["subject"] == "Federal Bureau of Investigation"
