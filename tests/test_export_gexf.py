"""GEXF for Gephi and Gephi Lite: schema-valid, read the same by graphology-gexf, Gephi's rules."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from export_graphs import ARTICLES, WEIRD_LABEL_CLEAN, graphology, load_store, sample_dataset
from lxml import etree

from kg.export.gexf import GEXF_VERSIONS, generate_gexf, write_gexf, xml_safe
from kg.export.projection import Filters, add_layout, project

TESTS = Path(__file__).parent
SCHEMAS = TESTS / "data" / "gexf"
VERSIONS = ["1.3", "1.2draft"]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    graph = project(load_store(sample_dataset()), Filters(include_negated=True))
    add_layout(graph)
    return graph


def gexf_text(graph: nx.MultiDiGraph, version: str = "1.3") -> str:
    return "\n".join(generate_gexf(graph, version)) + "\n"


def validate(text: str, version: str) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / version / "gexf.xsd")))
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log


def ns(version: str) -> dict[str, str]:
    return {"g": GEXF_VERSIONS[version]["xmlns"], "viz": GEXF_VERSIONS[version]["viz"]}


@pytest.mark.parametrize("version", VERSIONS)
def test_gexf_validates_against_schema_of_declared_version(graph, version):
    text = gexf_text(graph, version)
    root = etree.fromstring(text.encode())
    assert root.tag == f"{{{GEXF_VERSIONS[version]['xmlns']}}}gexf"
    validate(text, version)


def test_gexf_schema_check_rejects_a_broken_file(graph):
    text = gexf_text(graph).replace(' source="kg:actor/kaspersky-lab"', "", 1)
    with pytest.raises(AssertionError, match="source"):
        validate(text, "1.3")
    with pytest.raises(AssertionError):
        validate(gexf_text(graph, "1.2draft"), "1.3")  # namespace and version must match


@pytest.mark.parametrize("version", VERSIONS)
def test_gexf_graphology_reads_same_nodes_edges_and_attributes(graph, version, tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(graph, path, version=version)
    parsed = graphology(path)
    assert parsed["type"] == "directed"
    assert (parsed["order"], parsed["size"]) == (graph.number_of_nodes(), graph.number_of_edges())
    nodes = {n["key"]: n["attributes"] for n in parsed["nodes"]}
    bear = nodes["kg:actor/fancy-bear"]
    assert bear["label"] == "Fancy Bear"
    assert bear["type"] == "ThreatGroup"
    assert bear["aliases"] == "APT28"
    assert bear["articles"] == 2
    assert bear["first_seen"] == "2024-03-05"
    assert bear["color"] == "rgb(227,119,194)"  # no alpha
    assert bear["size"] == graph.nodes["kg:actor/fancy-bear"]["viz"]["size"]
    assert nodes["kg:actor/weird-ops"]["label"] == WEIRD_LABEL_CLEAN
    edges = {e["key"]: e for e in parsed["edges"]}
    for source, target, key, data in graph.edges(keys=True, data=True):
        edge = edges[key]
        assert (edge["source"], edge["target"]) == (source, target)
        assert edge["attributes"]["label"] == data["label"]
        assert edge["attributes"]["predicate"] == data["predicate"]
        assert edge["attributes"]["weight"] == data["weight"]
        assert edge["attributes"]["outlets"] == "|".join(data["outlets"])
        if version == "1.3":
            assert edge["attributes"]["kind"] == data["label"]


@pytest.mark.parametrize("version", VERSIONS)
def test_gexf_networkx_reads_it_back(graph, version, tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(graph, path, version=version)
    back = nx.read_gexf(path)
    assert back.is_directed() and back.is_multigraph()
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))
    assert back.nodes["kg:actor/fancy-bear"]["label"] == "Fancy Bear"
    hacked = back.edges[
        "kg:actor/fancy-bear",
        "kg:actor/united-states",
        "kg:actor/fancy-bear|hacked|kg:actor/united-states",
    ]
    assert (hacked["label"], hacked["weight"], hacked["alleged"]) == ("hacked", 2.0, 1)


def test_gexf_follows_gephi_conventions(graph):
    root = etree.fromstring(gexf_text(graph).encode())
    n = ns("1.3")
    g = root.find("g:graph", n)
    assert g.get("defaultedgetype") == "directed"
    assert (g.get("mode"), g.get("timeformat")) == ("dynamic", "date")
    blocks = [a.get("class") for a in g.findall("g:attributes", n)]
    assert sorted(blocks) == ["edge", "node"]  # one block per class
    types = {a.get("type") for a in g.iterfind("g:attributes/g:attribute", n)}
    assert types <= {"string", "integer", "double", "boolean"}
    assert not [v for v in g.iterfind(".//g:attvalue", n) if v.get("value") == ""]
    colors = g.findall(".//viz:color", n)
    assert colors and all(sorted(c.keys()) == ["b", "g", "r"] for c in colors)
    edges = g.findall("g:edges/g:edge", n)
    assert len({e.get("id") for e in edges}) == len(edges)
    parallel = [e for e in edges if e.get("source") == "kg:actor/fancy-bear"]
    assert sorted(e.get("kind") for e in parallel) == ["attacked", "hacked"]
    # every dated node and edge timed, as a closed interval; the undated ones not at all
    items = g.findall("g:nodes/g:node", n) + edges
    timed = [e for e in items if e.get("start")]
    assert timed and all(e.get("end") for e in timed)
    assert {e.get("id") for e in items if not e.get("start") and not e.get("end")} == {
        "kg:actor/gru",  # named only as an affiliation
        "kg:actor/lone-wolf",
        "kg:actor/weird-ops",
        "kg:actor/united-states|sanctioned|kg:actor/weird-ops",
    }


def test_gexf_undated_items_carry_no_interval(graph, tmp_path):
    # Gephi shows an element without a spell at every moment; a spell over the whole
    # period would pin an undated story to the first date of the timeline
    root = etree.fromstring(gexf_text(graph).encode())
    n = ns("1.3")
    lone = root.find(".//g:node[@id='kg:actor/lone-wolf']", n)
    assert (lone.get("start"), lone.get("end")) == (None, None)
    assert lone.find(".//g:attvalue[@for='first_seen']", n) is None
    bear = root.find(".//g:node[@id='kg:actor/fancy-bear']", n)
    assert bear.find(".//g:attvalue[@for='first_seen']", n).get("value") == "2024-03-05"
    assert (bear.get("start"), bear.get("end")) == ("2024-03-05", "2024-04-10")
    path = tmp_path / "graph.gexf"
    write_gexf(graph, path)
    parsed = {node["key"]: node["attributes"] for node in graphology(path)["nodes"]}
    assert "start" not in parsed["kg:actor/lone-wolf"]


def test_gexf_edges_lie_within_the_intervals_of_their_nodes(graph):
    root = etree.fromstring(gexf_text(graph).encode())
    n = ns("1.3")
    times = {e.get("id"): (e.get("start"), e.get("end")) for e in root.iterfind(".//g:node", n)}
    dated = [edge for edge in root.iterfind(".//g:edge", n) if edge.get("start")]
    assert dated
    for edge in dated:
        start, end = edge.get("start"), edge.get("end")
        assert start <= end
        for node in (edge.get("source"), edge.get("target")):
            assert times[node][0] <= start and end <= times[node][1]
    # the undated sanction leaves its ends alone: the United States keeps its dated span
    assert times["kg:actor/weird-ops"] == (None, None)
    assert times["kg:actor/united-states"] == ("2024-03-05", "2024-04-10")
    assert times["kg:actor/kaspersky-lab"] == ("2024-03-05", "2024-03-05")


def test_gexf_without_any_date_is_static():
    undated = {k: (None, outlet, rels) for k, (_, outlet, rels) in ARTICLES.items()}
    graph = project(load_store(sample_dataset(undated)))
    text = gexf_text(graph)
    validate(text, "1.3")
    assert 'mode="static"' in text and "start=" not in text


def test_gexf_special_characters_survive_and_forbidden_ones_go(graph):
    text = gexf_text(graph)
    assert "\x0b" not in text
    root = etree.fromstring(text.encode())
    n = ns("1.3")
    node = root.find(".//g:node[@id='kg:actor/weird-ops']", n)
    assert node.get("label") == WEIRD_LABEL_CLEAN
    edge = root.find(".//g:edge[@target='kg:actor/weird-ops']", n)
    sentence = edge.find("g:attvalues/g:attvalue[@for='sentence']", n).get("value")
    assert sentence == f"Washington sanctioned {WEIRD_LABEL_CLEAN} on Friday."


def test_gexf_empty_graph_is_valid(tmp_path):
    graph = nx.MultiDiGraph(time_span=None)
    for version in VERSIONS:
        text = gexf_text(graph, version)
        validate(text, version)
        path = tmp_path / f"empty-{version}.gexf"
        path.write_text(text, encoding="utf-8")
        parsed = graphology(path)
        assert (parsed["order"], parsed["size"]) == (0, 0)


def test_gexf_write_to_stream_equals_generated_lines(graph):
    out = io.StringIO()
    write_gexf(graph, out)
    assert out.getvalue() == gexf_text(graph)


def test_gexf_1_2draft_has_no_kind_but_keeps_label():
    graph = project(load_store(sample_dataset()))
    text = gexf_text(graph, "1.2draft")
    assert " kind=" not in text and ' label="hacked"' in text
    assert 'version="1.2"' in text and "timerepresentation" not in text


@pytest.mark.parametrize(
    ("text", "clean"), [("a\x00b\x1fc", "abc"), ("tab\tnew\nline", "tab\tnew\nline")]
)
def test_gexf_xml_safe_strips_only_forbidden_characters(text, clean):
    assert xml_safe(text) == clean


def test_gexf_is_reproducible_with_source_date_epoch(graph, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    text = gexf_text(graph)
    assert '<meta lastmodifieddate="1970-01-01">' in text
    assert gexf_text(graph) == text
