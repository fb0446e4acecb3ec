"""kg query: output formats, prefixes, the lexer, and the one-line errors of the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.errors import QueryError
from kg.query.results import to_csv, to_json, to_tsv, to_xml
from kg.query.runner import PREFIXES, render, run_query
from kg.rdf.results import QueryResult, from_json
from kg.rdf.syntax import forbidden_keywords, query_form

# the kg: prefix is predeclared
HACKS = "SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s kg:hacked ?o } } ORDER BY ?s"


def invoke(*args: str, input: str | None = None):  # noqa: A002
    return CliRunner().invoke(main, list(args), input=input)


def sample() -> QueryResult:
    return QueryResult(
        "bindings",
        ["iri", "text", "lang", "num", "none"],
        [
            (
                ox.NamedNode("https://x.example/a"),
                ox.Literal('say "hi", \tthen\nleave'),
                ox.Literal("Moskva", language="ru"),
                ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                None,
            ),
            (ox.BlankNode("b0"), ox.Literal("ü|x"), None, None, None),
        ],
    )


def test_query_runner_prefixes_are_predeclared(query_store: Path) -> None:
    rows = run_query(HACKS, store=query_store).dicts()
    assert [row["s"].rsplit("/", 1)[1] for row in rows] == ["fancy-bear", "israel"]
    assert set(PREFIXES) == {"kg", "prov", "schema", "skos", "rdf", "rdfs", "owl", "xsd"}


def test_query_runner_default_graph_is_the_union(query_store: Path) -> None:
    result = run_query("ASK { ?a a kg:Assertion ; kg:predicate kg:denied }", store=query_store)
    assert result.boolean is True


def test_query_runner_json_is_sparql_results_json() -> None:
    doc = json.loads(to_json(sample()))
    assert doc["head"]["vars"] == ["iri", "text", "lang", "num", "none"]
    first, second = doc["results"]["bindings"]
    assert first["iri"] == {"type": "uri", "value": "https://x.example/a"}
    assert first["lang"] == {"type": "literal", "value": "Moskva", "xml:lang": "ru"}
    assert first["num"]["datatype"].endswith("#integer")
    assert "none" not in first
    assert second["iri"] == {"type": "bnode", "value": "b0"}
    # and it reads back to the same terms
    assert from_json(to_json(sample())).rows == sample().rows


def test_query_runner_csv_and_tsv_follow_the_spec() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(sample()), newline="")))
    assert rows[0] == ["iri", "text", "lang", "num", "none"]
    assert rows[1] == ["https://x.example/a", 'say "hi", \tthen\nleave', "Moskva", "7", ""]
    assert to_csv(sample()).endswith("\r\n")
    tsv = to_tsv(sample()).splitlines()
    assert tsv[0] == "?iri\t?text\t?lang\t?num\t?none"
    assert tsv[1].split("\t")[:3] == [
        "<https://x.example/a>",
        '"say \\"hi\\", \\tthen\\nleave"',
        '"Moskva"@ru',
    ]
    parsed = ox.parse_query_results(to_tsv(sample()), format=ox.QueryResultsFormat.TSV)
    assert [solution["lang"] for solution in parsed][0] == ox.Literal("Moskva", language="ru")


def test_query_runner_xml_parses_back() -> None:
    text = to_xml(sample())
    ElementTree.fromstring(text)  # well-formed
    parsed = list(ox.parse_query_results(text, format=ox.QueryResultsFormat.XML))
    assert parsed[0]["text"] == ox.Literal('say "hi", \tthen\nleave')


def test_query_runner_ask_in_every_format() -> None:
    yes = QueryResult("boolean", boolean=True)
    assert json.loads(render(yes, "json")) == {"head": {}, "boolean": True}
    assert render(yes, "csv").splitlines() == ["boolean", "true"]
    assert "<boolean>true</boolean>" in render(yes, "xml")


def test_query_runner_markdown_escapes_pipes() -> None:
    lines = render(sample(), "md").splitlines()
    assert lines[0] == "| iri | text | lang | num | none |"
    assert lines[3].startswith("| _:b0 | ü\\|x |")


def test_query_runner_construct_prints_turtle(query_store: Path) -> None:
    result = invoke(
        "query",
        "--store",
        str(query_store),
        "CONSTRUCT { ?s kg:hacked ?o } WHERE { GRAPH ?g { ?s kg:hacked ?o } }",
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("@prefix kg: <https://w3id.org/intel-kg/ontology#> .")
    graph = Graph().parse(data=result.output, format="turtle")
    assert len(graph) == 2


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "md", "xml", "table"])
def test_query_cli_formats(query_store: Path, fmt: str) -> None:
    result = invoke("query", "--store", str(query_store), "--format", fmt, HACKS)
    assert result.exit_code == 0, result.output
    assert "israel" in result.output
    if fmt == "json":
        assert len(json.loads(result.output)["results"]["bindings"]) == 2
    if fmt == "table":
        assert "2 rows" in result.output


def test_query_cli_reads_file_and_stdin(query_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(HACKS, encoding="utf-8")
    from_file = invoke("query", "--store", str(query_store), "--format", "csv", "--file", str(path))
    from_stdin = invoke("query", "--store", str(query_store), "--format", "csv", input=HACKS)
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.output == from_stdin.output
    assert len(from_file.output.splitlines()) == 3


def test_query_cli_preset_with_params(query_store: Path) -> None:
    result = invoke(
        "query",
        "--store",
        str(query_store),
        "--preset",
        "actor",
        "--param",
        "name=APT28",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("Fancy Bear,subject,attacked,")


def test_query_cli_list_shows_every_preset() -> None:
    result = invoke("query", "--list")
    assert result.exit_code == 0
    for name in (
        "who-did-what",
        "actor",
        "disputes",
        "corroboration",
        "timeline",
        "sources",
        "top-actors",
        "new-since",
    ):
        assert f"\n{name}\n" in "\n" + result.output


def test_query_cli_limit_truncates(query_store: Path) -> None:
    result = invoke("query", "--store", str(query_store), "--format", "csv", "--limit", "1", HACKS)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2
    assert "(first 1 rows shown: --limit)" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["SELECT * WHERE {\n  ?s ?p ?o\n  FILTER( }"],
            "Error: invalid SPARQL: error at 3:12: expected one of",
        ),
        (
            ["SELECT * WHERE {\n  ?s foo:bar ?o }"],
            "Error: invalid SPARQL: error at 2:13: unknown prefix 'foo:' (declare it with "
            "PREFIX foo: <...>; predeclared: kg, prov, schema, skos, rdf, rdfs, owl, xsd)",
        ),
        (["SELECT * { ?s ?p 1x }"], "Error: invalid SPARQL: error at 1:22: unexpected text here"),
        (["--preset", "nope"], "Error: no preset 'nope'; the presets are: actor, corroboration,"),
        (["--preset", "timeline"], "Error: preset timeline needs --param name=VALUE; its paramet"),
        (["--preset", "actor", "-p", "nam"], "Error: --param 'nam': write it as name=value"),
        (["-p", "name=x", "ASK {}"], "Error: --param goes with --preset NAME"),
        (["--store", "/nonexistent/kg.store", "ASK {}"], "Error: no store at /nonexistent/kg.sto"),
        (
            ["--endpoint", "http://127.0.0.1:9/sparql", "ASK {}"],
            "Error: cannot reach http://127.0.0.1:9/sparql: [Errno 111] Connection refused",
        ),
        (
            ["--endpoint", "http://127.0.0.1:9/sparql", "DROP ALL"],
            "Error: kg query runs queries, not updates",
        ),
    ],
)
def test_query_cli_errors_are_one_line(
    query_store: Path,
    args: list[str],
    message: str,
) -> None:
    if "--store" not in args:
        args = ["--store", str(query_store), *args]
    result = invoke("query", *args, input="")
    assert result.exit_code == 1
    assert result.output.startswith(message), result.output
    assert len(result.output.strip().splitlines()) == 1


def test_query_cli_no_query_says_how() -> None:
    result = invoke("query", input="")
    assert result.exit_code == 1
    assert "Error: no query: pass it as an argument, with --file q.rq" in result.output


def test_query_syntax_keywords_outside_strings_iris_comments() -> None:
    assert query_form("# SELECT\nCONSTRUCT WHERE { ?s ?p 'SELECT' }") == "CONSTRUCT"
    assert query_form("PREFIX ex: <http://ex/select#> DESCRIBE ex:a") == "DESCRIBE"
    assert query_form("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "UPDATE"
    assert forbidden_keywords('SELECT * { ?s ?p "Federal Security Service" }') == set()
    assert forbidden_keywords("SELECT ?service ?load { ?service ex:load ?load }") == set()


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE <http://evil.example/> { ?s ?p ?o } }",
        "select * {service<http://evil.example/>{?s ?p ?o}}",
        "SELECT * { ?s ex:a\\# SERVICE <http://evil.example/> { } }",  # \# is no comment
        "SELECT * { \\u0053ERVICE <http://evil.example/> { } }",
        "SELECT * { FILTER(?a<?b) SERVICE <http://evil.example/> { } }",
        'SELECT * { ?s ?p """a\nb""" . SERVICE SILENT ?x { } }',
    ],
)
def test_query_syntax_finds_hidden_service(text: str) -> None:
    assert forbidden_keywords(text) == {"SERVICE"}


def test_query_runner_errors_are_query_errors(query_store: Path) -> None:
    with pytest.raises(QueryError, match=r"^invalid SPARQL: error at 1:"):
        run_query("SELEKT * {}", store=query_store)
