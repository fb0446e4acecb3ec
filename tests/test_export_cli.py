"""``kg export`` end to end through the CLI: every format, overwrite rules, filters, errors."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from export_graphs import load_store, sample_dataset, sample_extractions
from lxml import etree

from kg.cli import main
from kg.export import GRAPH_FORMATS, RDF_FORMATS
from kg.rdf.store import KGStore

SCHEMAS = Path(__file__).parent / "data" / "gexf"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "kg.store"
    store = load_store(sample_dataset(), path)
    del store  # close it: kg export opens the directory read-only
    return path


@pytest.fixture(scope="module")
def clean_store_path(tmp_path_factory) -> Path:
    """The sample store without the vertical tab, for the RDF serializations.

    Oxigraph's RDF/XML writer keeps that character, which XML forbids (reported to the
    store's owner); the graph exports strip it.
    """
    path = tmp_path_factory.mktemp("export-clean") / "kg.store"
    store = load_store(sample_dataset(xml_forbidden=False), path)
    del store
    return path


def run(*args: str):
    return CliRunner().invoke(main, ["export", *args], catch_exceptions=False)


def output_of(fmt: str, tmp_path: Path) -> Path:
    return tmp_path / ("tables" if fmt == "csv" else f"graph.{fmt}")


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_export_cli_writes_every_graph_format(store_path, tmp_path, fmt):
    out = output_of(fmt, tmp_path)
    result = run("--format", fmt, "-o", str(out), "--store", str(store_path))
    assert result.exit_code == 0, result.output
    assert "wrote 7 nodes and 5 edges to" in result.output
    assert out.exists()
    assert not list(tmp_path.rglob(".*.tmp"))  # the temporary file was renamed


def test_export_cli_gexf_is_valid_for_each_version(store_path, tmp_path):
    for version in ("1.3", "1.2draft"):
        out = tmp_path / f"{version}.gexf"
        result = run(
            "-f", "gexf", "-o", str(out), "--store", str(store_path), "--gexf-version", version
        )
        assert result.exit_code == 0, result.output
        schema = etree.XMLSchema(etree.parse(str(SCHEMAS / version / "gexf.xsd")))
        assert schema.validate(etree.parse(str(out))), schema.error_log
        assert b"<viz:position" in out.read_bytes()  # laid out for the first view


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_cli_rdf_formats_come_from_the_store(clean_store_path, tmp_path, fmt):
    out = tmp_path / f"kg.{fmt}"
    result = run("--format", fmt, "-o", str(out), "--store", str(clean_store_path))
    assert result.exit_code == 0, result.output
    rdflib_format = {"jsonld": "json-ld", "rdfxml": "xml", "ntriples": "nt"}.get(fmt, fmt)
    with KGStore(clean_store_path, read_only=True) as kg:
        quads = list(kg.oxigraph)
    if fmt in ("trig", "nquads", "jsonld"):
        parsed = rdflib.Dataset()
        parsed.parse(out, format=rdflib_format)
        assert len(list(parsed.quads((None, None, None, None)))) == len(quads)
    else:
        triples = {(q.subject, q.predicate, q.object) for q in quads}
        assert len(rdflib.Graph().parse(out, format=rdflib_format)) == len(triples)


def test_export_cli_never_overwrites_without_force(store_path, tmp_path):
    out = tmp_path / "graph.gexf"
    out.write_text("keep me", encoding="utf-8")
    result = run("-f", "gexf", "-o", str(out), "--store", str(store_path))
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        f"Error: {out} already exists: use --force to overwrite it"
    )
    assert out.read_text() == "keep me"
    result = run("-f", "gexf", "-o", str(out), "--store", str(store_path), "--force")
    assert result.exit_code == 0 and out.read_text().startswith("<?xml")


def test_export_cli_csv_refuses_existing_tables_without_force(store_path, tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "edges.csv").write_text("old", encoding="utf-8")
    result = run("-f", "csv", "-o", str(folder), "--store", str(store_path))
    assert result.exit_code == 1 and "edges.csv already exists" in result.output
    assert not (folder / "nodes.csv").exists()  # nothing written before the check


def test_export_cli_filters_reach_the_projection(store_path, tmp_path):
    out = tmp_path / "graph.json"
    args = ["-f", "json", "-o", str(out), "--store", str(store_path)]
    result = run(*args, "--family", "cyber", "--min-weight", "2", "--include-negated")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [link["label"] for link in data["links"]] == ["hacked"]
    result = run(*args, "--force", "--actor", "Kaspersky Lab", "--hops", "1")
    assert result.exit_code == 0, result.output
    ids = {n["id"] for n in json.loads(out.read_text(encoding="utf-8"))["nodes"]}
    assert ids == {"kg:actor/kaspersky-lab", "kg:actor/fancy-bear"}
    result = run(*args, "--force", "--source", "Daily Wire Service", "--since", "2024-04-01")
    labels = sorted(link["label"] for link in json.loads(out.read_text())["links"])
    assert labels == ["attacked", "hacked"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--predicate", "hackd"], "Error: unknown predicate 'hackd': choose from "),
        (["--actor", "Nobody"], "Error: no actor called 'Nobody' in the exported graph"),
        (["--since", "yesterday"], "Error: --since 'yesterday' is not a date"),
    ],
)
def test_export_cli_bad_filters_give_one_error_line(store_path, tmp_path, args, message):
    result = run("-f", "gexf", "-o", str(tmp_path / "g.gexf"), "--store", str(store_path), *args)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(message)
    assert not (tmp_path / "g.gexf").exists()


def test_export_cli_filters_are_refused_for_rdf_formats(store_path, tmp_path):
    result = run(
        "-f",
        "trig",
        "-o",
        str(tmp_path / "kg.trig"),
        "--store",
        str(store_path),
        "--family",
        "cyber",
    )
    assert result.exit_code == 1
    assert "Error: filters apply to graph formats only, not to RDF formats" in result.output


def test_export_cli_missing_store_is_one_error_line(tmp_path):
    result = run("-f", "gexf", "-o", str(tmp_path / "g.gexf"), "--store", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert f"Error: no store at {tmp_path / 'none'}: run kg build first" in result.output


def test_export_cli_empty_store_writes_valid_empty_graph_with_warning(tmp_path, caplog):
    with KGStore(tmp_path / "empty.store"):
        pass  # a new store: just the ontology
    out = tmp_path / "empty.gexf"
    with caplog.at_level(logging.WARNING):
        result = run("-f", "gexf", "-o", str(out), "--store", str(tmp_path / "empty.store"))
    assert result.exit_code == 0, result.output
    assert "wrote 0 nodes and 0 edges" in result.output
    assert "writing an empty graph" in result.output + caplog.text
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "1.3" / "gexf.xsd")))
    assert schema.validate(etree.parse(str(out)))


def test_export_cli_graphml_reads_back_with_networkx(store_path, tmp_path):
    out = tmp_path / "graph.graphml"
    assert run("-f", "graphml", "-o", str(out), "--store", str(store_path)).exit_code == 0
    graph = nx.read_graphml(out, force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (7, 5)


def test_export_cli_counts_agree_with_kg_stats(tmp_path):
    store = tmp_path / "kg.store"
    with KGStore(store) as kg:
        kg.add_extractions(sample_extractions())
    stats = CliRunner().invoke(main, ["stats", "--json", "--store", str(store)])
    assert stats.exit_code == 0, stats.output
    counts = json.loads(stats.output)
    out = tmp_path / "graph.json"
    assert run("-f", "json", "-o", str(out), "--store", str(store)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    actors = [n for n in data["nodes"] if n["type"] not in ("People", "Thing")]
    facts = [e for e in data["links"] if e["asserted"] and not e.get("negated")]
    assert (len(actors), len(facts)) == (counts["actors"], counts["facts"]) == (4, 2)
    # the graph counts are what the exports write: every node and edge, the alleged
    # accusation apart from the asserted facts, and the negated edge only on request
    graph = counts["graph"]
    assert graph == {
        "nodes": 4,
        "isolated": 1,
        "edges": 3,
        "asserted": 2,
        "alleged": 1,
        "attempted": 0,
        "negated": 1,
    }
    assert (len(data["nodes"]), len(data["links"])) == (graph["nodes"], graph["edges"])
    modalities = sorted(e["modality"] for e in data["links"])
    assert modalities == ["alleged", "asserted", "asserted"]
    gexf = tmp_path / "graph.gexf"
    assert run("-f", "gexf", "-o", str(gexf), "--store", str(store)).exit_code == 0
    text = gexf.read_text(encoding="utf-8")
    assert f'<nodes count="{graph["nodes"]}">' in text
    assert f'<edges count="{graph["edges"]}">' in text
    both = tmp_path / "negated.json"
    assert run("-f", "json", "-o", str(both), "--store", str(store), "--include-negated")
    links = json.loads(both.read_text(encoding="utf-8"))["links"]
    assert len(links) == graph["edges"] + graph["negated"]
    table = CliRunner().invoke(main, ["stats", "--store", str(store)])
    lines = [" ".join(line.split()) for line in table.output.splitlines()]
    assert lines[6:] == [
        "exported graph (kg export, no filter):",
        "nodes 4",
        "isolated 1",
        "edges 3",
        "asserted 2",
        "alleged 1",
        "attempted 0",
        "negated edges 1 (written with --include-negated)",
    ]
