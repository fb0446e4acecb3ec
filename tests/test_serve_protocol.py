"""kg serve speaks the SPARQL 1.1 Protocol: tested with a real client, SPARQLWrapper."""

from __future__ import annotations

import csv
import io
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from query_fixtures import running
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from kg.query.server import ServeConfig, SparqlServer, describe, negotiate

HACKS = """
SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s kg:hacked ?o } } ORDER BY ?s
"""


def client(server: SparqlServer, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.url)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_select_json_with_sparqlwrapper(served: SparqlServer, method: str) -> None:
    sparql = client(served, method)
    sparql.setQuery(HACKS)
    sparql.setReturnFormat(JSON)
    data = sparql.queryAndConvert()
    assert data["head"]["vars"] == ["s", "o"]
    assert [b["s"]["value"].rsplit("/", 1)[1] for b in data["results"]["bindings"]] == [
        "fancy-bear",
        "israel",
    ]


def test_serve_select_xml_csv_tsv(served: SparqlServer) -> None:
    sparql = client(served)
    sparql.setQuery(HACKS)
    sparql.setReturnFormat(XML)
    document = sparql.queryAndConvert()  # an xml.dom document
    assert len(document.getElementsByTagName("result")) == 2
    sparql.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(sparql.queryAndConvert().decode())))
    assert rows[0] == ["s", "o"] and len(rows) == 3
    sparql.setReturnFormat(TSV)
    lines = sparql.queryAndConvert().decode().splitlines()
    assert lines[0] == "?s\t?o"
    assert lines[2].startswith("<https://w3id.org/intel-kg/id/actor/israel>\t")


def test_serve_ask(served: SparqlServer) -> None:
    sparql = client(served)
    sparql.setQuery("ASK { GRAPH ?g { ?a kg:predicate kg:denied } }")
    sparql.setReturnFormat(JSON)
    assert sparql.queryAndConvert()["boolean"] is True


@pytest.mark.parametrize(
    "accept, rdf_format", [("text/turtle", "turtle"), ("application/n-triples", "nt")]
)
def test_serve_construct_negotiated(served: SparqlServer, accept: str, rdf_format: str) -> None:
    query = "CONSTRUCT { ?s kg:hacked ?o } WHERE { GRAPH ?g { ?s kg:hacked ?o } }"
    status, headers, body = fetch(served, query, accept)
    assert status == 200
    assert headers["Content-Type"].startswith(accept)
    assert len(Graph().parse(data=body.decode(), format=rdf_format)) == 2


def test_serve_construct_with_sparqlwrapper(served: SparqlServer) -> None:
    sparql = client(served)
    sparql.setQuery("CONSTRUCT { ?s kg:denied ?o } WHERE { GRAPH ?g { ?s kg:denied ?o } }")
    sparql.setReturnFormat(TURTLE)
    graph = Graph().parse(data=sparql.queryAndConvert().decode(), format="turtle")
    assert len(graph) == 1


def fetch(server: SparqlServer, query: str, accept: str | None = None, **headers: str):
    request = urllib.request.Request(
        server.url + "?" + urllib.parse.urlencode({"query": query}),
        headers={**({"Accept": accept} if accept else {}), **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_serve_unacceptable_media_type_is_406(served: SparqlServer) -> None:
    status, _, body = fetch(served, HACKS, "image/png")
    assert status == 406
    assert b"application/sparql-results+json" in body


def test_serve_syntax_error_is_400_with_position(served: SparqlServer) -> None:
    status, _, body = fetch(served, "SELECT * WHERE {\n ?s ?p \n}")
    assert status == 400
    assert body.decode().startswith("invalid SPARQL: error at 3:")


def test_serve_default_graph_uri_restricts_the_dataset(served: SparqlServer) -> None:
    graph = "https://w3id.org/intel-kg/id/graph/article/copy-1"
    query = "SELECT (COUNT(*) AS ?n) { ?s kg:hacked ?o }"
    url = served.url + "?" + urllib.parse.urlencode({"query": query, "default-graph-uri": graph})
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.read().decode().splitlines() == ["n", "1"]


def test_serve_row_cap_cuts_and_says_so(served: SparqlServer) -> None:
    status, headers, body = fetch(served, "SELECT * { ?s ?p ?o }", "text/csv")
    assert status == 200
    assert len(body.decode().splitlines()) == 1 + 50
    assert headers["X-SPARQL-MaxRows"] == "50"


def test_serve_query_page_works_offline(served: SparqlServer) -> None:
    with urllib.request.urlopen(served.url.removesuffix("sparql"), timeout=10) as answer:
        page = answer.read().decode()
        csp = answer.headers["Content-Security-Policy"]
    assert "<textarea" in page and 'fetch("sparql"' in page
    assert "http://" not in page and "https://" not in page  # no external resources
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp


def test_serve_no_cors_by_default(served: SparqlServer) -> None:
    _, headers, _ = fetch(served, "ASK {}", Origin="https://evil.example")
    assert "Access-Control-Allow-Origin" not in headers
    request = urllib.request.Request(served.url, method="OPTIONS")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code == 405


def test_serve_cors_only_for_the_named_origin(query_store: Path) -> None:
    config = ServeConfig(query_store, port=0, workers=1, cors="https://analyst.example")
    with running(config) as server:
        _, headers, _ = fetch(server, "ASK {}", Origin="https://analyst.example")
    assert headers["Access-Control-Allow-Origin"] == "https://analyst.example"


def test_serve_binds_loopback_and_says_so(served: SparqlServer) -> None:
    assert served.server_address[0] == "127.0.0.1"
    message = describe(served)
    assert served.url in message
    assert "read-only" in message and "only this machine can connect" in message
    assert "no CORS" in message


def test_serve_negotiate() -> None:
    offers = ["application/sparql-results+json", "text/csv"]
    assert negotiate(None, offers) == offers[0]
    assert negotiate("*/*", offers) == offers[0]
    assert negotiate("text/*", offers) == "text/csv"
    assert negotiate("text/csv;q=0.2, application/sparql-results+json;q=0.9", offers) == offers[0]
    assert negotiate("text/csv;q=0", offers) is None
