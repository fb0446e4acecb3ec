"""CSV (Gephi spreadsheet layout), node-link JSON and GraphML."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from export_graphs import WEIRD_LABEL, WEIRD_LABEL_CLEAN, graphology, load_store, sample_dataset

from kg.export.projection import Filters, add_layout, project
from kg.export.tables import (
    generate_edges_csv,
    generate_graphml,
    generate_json,
    generate_nodes_csv,
    write_csv,
    write_graphml,
    write_json,
)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    graph = project(load_store(sample_dataset()), Filters(include_negated=True))
    add_layout(graph)
    return graph


def test_tables_csv_uses_gephi_spreadsheet_columns(graph, tmp_path):
    nodes_path, edges_path = write_csv(graph, tmp_path / "tables")
    with nodes_path.open(encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with edges_path.open(encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    us = next(n for n in nodes if n["Id"] == "kg:actor/united-states")
    assert us["aliases"] == "U.S.|US" and us["color"] == "#1f77b4" and us["country_code"] == "US"
    hacked = next(
        e for e in edges if e["Id"] == "kg:actor/fancy-bear|hacked|kg:actor/united-states"
    )
    assert (hacked["Type"], hacked["Label"], hacked["Weight"]) == ("Directed", "hacked", "2")
    assert hacked["outlets"] == "Daily Wire Service|Example Times"
    assert next(e for e in edges if e["Label"] == "not hacked")["negated"] == "true"
    weird = next(n for n in nodes if n["Id"] == "kg:actor/weird-ops")
    assert weird["Label"] == WEIRD_LABEL  # CSV is not XML: the label is kept whole


def test_tables_csv_lines_are_generated_one_record_each(graph):
    nodes = list(generate_nodes_csv(graph))
    edges = list(generate_edges_csv(graph))
    assert len(nodes) == graph.number_of_nodes() + 1
    assert len(edges) == graph.number_of_edges() + 1
    assert list(csv.reader(io.StringIO("\n".join(edges))))[1][0] == "kg:actor/fancy-bear"


def test_tables_json_is_node_link_and_round_trips(graph, tmp_path):
    path = tmp_path / "graph.json"
    write_json(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) >= {"nodes", "links", "directed", "multigraph"}
    back = nx.node_link_graph(data, edges="links")
    assert back.is_multigraph() and back.is_directed()
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))
    assert back.nodes["kg:actor/weird-ops"]["label"] == WEIRD_LABEL
    assert back.nodes["kg:actor/united-states"]["aliases"] == ["U.S.", "US"]
    assert "\n".join(generate_json(graph)) + "\n" == path.read_text(encoding="utf-8")


def test_tables_graphml_parses_with_networkx(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))
    assert back.nodes["kg:actor/weird-ops"]["label"] == WEIRD_LABEL_CLEAN
    assert back.nodes["kg:actor/fancy-bear"]["color"] == "#e377c2"
    edge = back.edges[
        "kg:actor/fancy-bear",
        "kg:actor/united-states",
        "kg:actor/fancy-bear|hacked|kg:actor/united-states",
    ]
    assert (edge["label"], edge["weight"], edge["family"]) == ("hacked", 2, "cyber")


def test_tables_graphml_parses_with_graphology(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    path.write_text("\n".join(generate_graphml(graph)), encoding="utf-8")
    parsed = graphology(path, "graphml")
    assert parsed["type"] == "directed" and parsed["multi"]
    assert (parsed["order"], parsed["size"]) == (graph.number_of_nodes(), graph.number_of_edges())
    nodes = {n["key"]: n["attributes"] for n in parsed["nodes"]}
    assert nodes["kg:actor/weird-ops"]["label"] == WEIRD_LABEL_CLEAN
    edges = {e["key"]: e for e in parsed["edges"]}
    hacked = edges["kg:actor/fancy-bear|hacked|kg:actor/united-states"]
    assert hacked["attributes"]["weight"] == 2 and hacked["attributes"]["predicate"] == "hacked"


def test_tables_empty_graph_writes_headers_only(tmp_path):
    empty = nx.MultiDiGraph()
    nodes_path, edges_path = write_csv(empty, tmp_path)
    assert nodes_path.read_text() == "Id,Label\n"
    assert edges_path.read_text() == "Source,Target,Type,Id,Label,Weight\n"
    assert nx.read_graphml(io.BytesIO("\n".join(generate_graphml(empty)).encode())).order() == 0
