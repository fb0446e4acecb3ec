"""End to end with the real extractor: ``kg build examples/`` then stats, validate, exports."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.rdf.namespace import KG
from kg.rdf.store import STATS_KEYS, KGStore

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e")
    store = out / "kg.store"
    result = CliRunner().invoke(
        main, ["-q", "build", str(EXAMPLES), "--store", str(store), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return out, store, result.output


def test_build_e2e_examples_build_and_conform(built):
    out, store, output = built
    assert "read 3 articles (0 unchanged, 3 new, 0 changed)" in output
    assert f"wrote {out / 'kg.trig'}" in output
    result = CliRunner().invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "the graph conforms to the SHACL shapes" in result.output


def test_build_e2e_stats_json_has_exactly_six_counts(built):
    _, store, _ = built
    result = CliRunner().invoke(main, ["stats", "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert list(counts) == [*STATS_KEYS, "graph"]
    assert counts["articles"] == 3
    assert counts["assertions"] >= counts["facts"] > 0


def test_build_e2e_seed_article_has_the_israel_hack(built):
    _, store, _ = built
    with KGStore(store, read_only=True) as kg_store:
        israel = kg_store.iris.actor("kg:actor/israel")
        objects = {str(o) for s, p, o, _ in kg_store.quads() if s == israel and p == KG.hacked}
    assert any(o.endswith("/actor/kaspersky-lab") for o in objects), objects


def test_build_e2e_trig_export_matches_store_for_rdflib_and_n3(built):
    out, store, _ = built
    parsed = Dataset()
    parsed.parse(out / "kg.trig", format="trig")
    with KGStore(store, read_only=True) as kg_store:
        buffer = io.BytesIO()
        kg_store.serialize("nquads", buffer)  # N-Quads: one quad a line, the plainest form
        total = len(kg_store.oxigraph)
    reference = Dataset()
    reference.parse(data=buffer.getvalue(), format="nquads")
    names = {g.identifier for g in reference.graphs() if len(g)}
    assert names == {g.identifier for g in parsed.graphs() if len(g)}
    for name in names:
        assert isomorphic(reference.graph(name), parsed.graph(name)), name
    result = subprocess.run(
        ["node", str(TESTS / "js" / "parse_rdf.js"), str(out / "kg.trig"), "trig"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == total


def test_build_e2e_second_build_changes_nothing(built):
    _, store, _ = built
    with KGStore(store, read_only=True) as kg_store:
        before = set(kg_store.quads())
    result = CliRunner().invoke(
        main, ["-q", "build", str(EXAMPLES), "--store", str(store), "--no-exports"]
    )
    assert result.exit_code == 0, result.output
    assert "read 3 articles (3 unchanged, 0 new, 0 changed)" in result.output
    with KGStore(store, read_only=True) as kg_store:
        assert set(kg_store.quads()) == before


def test_build_e2e_stats_and_every_export_state_the_same_numbers(built, tmp_path):
    out, store, _ = built
    result = CliRunner().invoke(main, ["stats", "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    nodes, edges = counts["graph"]["nodes"], counts["graph"]["edges"]
    assert counts["groups"] >= 1  # the examples name an unnamed group of victims
    assert nodes == counts["actors"] + counts["groups"]
    _, _, output = built  # the build's summary line counts them the same way
    assert f"{counts['actors']} actors, {counts['groups']} unnamed groups," in output

    def export(fmt: str, name: str) -> Path:
        target = tmp_path / name
        done = CliRunner().invoke(
            main, ["export", "-f", fmt, "-o", str(target), "--store", str(store)]
        )
        assert done.exit_code == 0, done.output
        return target

    gexf = (out / "graph.gexf").read_text(encoding="utf-8")  # the one kg build wrote
    assert f'<nodes count="{nodes}">' in gexf and f'<edges count="{edges}">' in gexf
    graphml = nx.read_graphml(export("graphml", "g.graphml"), force_multigraph=True)
    assert (graphml.number_of_nodes(), graphml.number_of_edges()) == (nodes, edges)
    data = json.loads(export("json", "g.json").read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["links"])) == (nodes, edges)
    types = [n["type"] for n in data["nodes"]]
    assert (len(types) - types.count("People"), types.count("People")) == (
        counts["actors"],
        counts["groups"],
    )
    tables = export("csv", "tables")
    for table, expected in (("nodes.csv", nodes), ("edges.csv", edges)):
        with open(tables / table, encoding="utf-8", newline="") as handle:
            assert sum(1 for _ in csv.DictReader(handle)) == expected, table
    page = export("html", "g.html").read_text(encoding="utf-8")
    drawn = json.loads(
        re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(
            1
        )
    )
    assert len(drawn["nodes"]) == nodes
    trig = Dataset()
    trig.parse(out / "kg.trig", format="trig")
    with KGStore(store, read_only=True) as kg_store:
        actors_graph = trig.graph(URIRef(kg_store.iris.actors_graph))
    assert len(set(actors_graph.subjects(RDF.type))) == nodes
