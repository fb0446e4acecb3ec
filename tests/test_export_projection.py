"""The store -> networkx projection shared by every graph export."""

from __future__ import annotations

import logging

import pyoxigraph
import pytest
from export_graphs import WEIRD_LABEL, MemoryStore, load_store, sample_dataset, sample_extractions

from kg.errors import ExportError
from kg.export.projection import TYPE_COLORS, Filters, add_layout, project
from kg.rdf.store import KGStore


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return load_store(sample_dataset())


def _edges(graph) -> dict[tuple[str, str, str], dict]:
    return {(s, d["label"], t): d for s, t, d in graph.edges(data=True)}


def test_projection_nodes_carry_actor_attributes(store):
    graph = project(store)
    assert graph.number_of_nodes() == 7  # every actor, also those without relations
    bear = graph.nodes["kg:actor/fancy-bear"]
    assert bear["label"] == "Fancy Bear"
    assert bear["type"] == "ThreatGroup"
    assert bear["country"] == "Russia"
    assert bear["aliases"] == ["APT28"]
    assert (bear["articles"], bear["mentions"]) == (2, 4)
    assert (bear["first_seen"], bear["last_seen"]) == ("2024-03-05", "2024-04-10")
    assert bear["viz"]["color"] == dict(zip("rgb", TYPE_COLORS["ThreatGroup"], strict=True))
    assert graph.nodes["kg:actor/russia"]["country_code"] == "RU"
    lone = graph.nodes["kg:actor/lone-wolf"]
    assert (lone["articles"], lone["weighted_degree"], lone["viz"]["size"]) == (0, 0, 10.0)
    assert "first_seen" not in lone  # no value rather than an empty one


def test_projection_sizes_nodes_by_weighted_degree(store):
    graph = project(store)
    sizes = {n: d["viz"]["size"] for n, d in graph.nodes(data=True)}
    degrees = {n: d["weighted_degree"] for n, d in graph.nodes(data=True)}
    assert (
        degrees["kg:actor/united-states"] == 5
    )  # hacked (2 articles) + attacked + accused + sanctioned
    ranked = sorted(sizes, key=sizes.get)
    assert ranked == sorted(degrees, key=lambda n: (degrees[n], sizes[n]))


def test_projection_aggregates_relations_over_articles(store):
    edges = _edges(project(store))
    hacked = edges[("kg:actor/fancy-bear", "hacked", "kg:actor/united-states")]
    assert hacked["weight"] == 2
    assert (hacked["asserted"], hacked["alleged"], hacked["attempted"]) == (1, 1, 0)
    assert (hacked["first_date"], hacked["last_date"]) == ("2024-03-05", "2024-04-10")
    assert hacked["outlets"] == ["Daily Wire Service", "Example Times"]
    assert hacked["family"] == "cyber"
    assert hacked["sentence"].startswith("Fancy Bear")


def test_projection_keeps_parallel_edges_with_distinct_keys(store):
    graph = project(store)
    between = graph.get_edge_data("kg:actor/fancy-bear", "kg:actor/united-states")
    assert sorted(d["predicate"] for d in between.values()) == ["attacked", "hacked"]
    keys = [k for *_, k in graph.edges(keys=True)]
    assert len(keys) == len(set(keys))


def test_projection_leaves_out_negated_relations_unless_asked(store):
    assert ("kg:actor/russia", "not hacked", "kg:actor/united-states") not in _edges(project(store))
    edges = _edges(project(store, Filters(include_negated=True)))
    denied = edges[("kg:actor/russia", "not hacked", "kg:actor/united-states")]
    assert denied["negated"] is True and denied["predicate"] == "hacked"


def test_projection_undated_article_gives_no_dates(store):
    edges = _edges(project(store))
    sanctioned = edges[("kg:actor/united-states", "sanctioned", "kg:actor/weird-ops")]
    assert "first_date" not in sanctioned
    assert project(store).graph["time_span"] == ("2024-03-05", "2024-04-10")


def test_projection_keeps_labels_verbatim(store):
    assert project(store).nodes["kg:actor/weird-ops"]["label"] == WEIRD_LABEL


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(predicates=("hacked",)), {"hacked"}),
        (Filters(families=("cyber",)), {"hacked", "attacked"}),
        (Filters(families=("coercion", "detection")), {"sanctioned", "detected"}),
        (Filters(since="2024-04"), {"hacked", "attacked"}),
        (Filters(until="2024-03"), {"hacked", "accused", "detected"}),
        (Filters(since="2024-03-06", until="2024-12-31"), {"hacked", "attacked"}),
        (Filters(sources=("example times",)), {"hacked", "accused", "detected", "sanctioned"}),
        (Filters(min_weight=2), {"hacked"}),
    ],
)
def test_projection_filters_choose_edges(store, filters, expected):
    graph = project(store, filters)
    assert {d["label"] for *_, d in graph.edges(data=True)} == expected
    # a filtered graph keeps only the actors its edges connect
    assert all(graph.degree(n) > 0 for n in graph)


def test_projection_filter_counts_only_matching_articles(store):
    hacked = _edges(project(store, Filters(since="2024-04")))[
        ("kg:actor/fancy-bear", "hacked", "kg:actor/united-states")
    ]
    assert hacked["weight"] == 1 and hacked["alleged"] == 1 and hacked["asserted"] == 0


@pytest.mark.parametrize(
    ("name", "hops", "nodes"),
    [
        ("APT28", 0, {"kg:actor/fancy-bear"}),
        (
            "fancy bear",
            1,
            {"kg:actor/fancy-bear", "kg:actor/united-states", "kg:actor/kaspersky-lab"},
        ),
        (
            "kg:actor/kaspersky-lab",
            2,
            {"kg:actor/kaspersky-lab", "kg:actor/fancy-bear", "kg:actor/united-states"},
        ),
    ],
)
def test_projection_ego_network_by_label_alias_or_id(store, name, hops, nodes):
    assert set(project(store, Filters(actor=name, hops=hops))) == nodes


def test_projection_ego_network_of_isolated_actor_and_with_other_filters(store):
    assert set(project(store, Filters(actor="Lone Wolf"))) == {"kg:actor/lone-wolf"}
    cyber = project(store, Filters(actor="Fancy Bear", hops=2, families=("cyber",)))
    assert set(cyber) == {"kg:actor/fancy-bear", "kg:actor/united-states"}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (dict(predicates=("hackd",)), "unknown predicate 'hackd'"),
        (dict(actor="Nobody"), "no actor called 'Nobody'"),
    ],
)
def test_projection_unknown_names_fail_with_one_line(store, filters, message):
    with pytest.raises(ExportError, match=message):
        project(store, Filters(**filters))


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (dict(families=("spying",)), "unknown relation family 'spying'"),
        (dict(since="March 2024"), "--since 'March 2024' is not a date"),
        (dict(min_weight=0), "--min-weight must be 1 or more"),
    ],
)
def test_projection_bad_filters_are_refused(filters, message):
    with pytest.raises(ExportError, match=message):
        Filters(**filters)


def test_projection_empty_store_gives_empty_graph_and_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="kg"):
        graph = project(MemoryStore(pyoxigraph.Store()))
    assert graph.number_of_nodes() == graph.number_of_edges() == 0
    assert graph.graph["time_span"] is None
    assert "empty graph" in caplog.text


def test_projection_layout_positions_every_node(store):
    graph = project(store)
    assert add_layout(graph)
    assert all("position" in d["viz"] for _, d in graph.nodes(data=True))
    assert not add_layout(project(store), max_nodes=3)


def test_projection_counts_agree_with_store_stats(tmp_path):
    with KGStore(tmp_path / "kg.store") as kg:
        kg.add_extractions(sample_extractions())
        stats = kg.stats()
        graph = project(kg)
    actor_nodes = [n for n, d in graph.nodes(data=True) if d["type"] not in ("People", "Thing")]
    assert len(actor_nodes) == stats["actors"] == 4
    facts = [d for *_, d in graph.edges(data=True) if d["asserted"] and not d.get("negated")]
    assert len(facts) == stats["facts"] == 2
    assert (
        graph.get_edge_data("kg:actor/fancy-bear", "kg:actor/united-states")[
            "kg:actor/fancy-bear|hacked|kg:actor/united-states"
        ]["weight"]
        == 2
    )


# The SPARQL that the projection's relation rows used to come from, kept as the reference.
_REFERENCE_ROWS = """
PREFIX kg: <https://w3id.org/intel-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?assertion ?subject ?predicate ?object ?negated ?modality ?sentence ?article ?date ?outlet
WHERE {
  GRAPH ?g {
    ?assertion a kg:Assertion ; kg:subject ?subject ; kg:predicate ?predicate ;
               kg:object ?object .
    OPTIONAL { ?assertion kg:negated ?negated }
    OPTIONAL { ?assertion kg:modality ?modality }
    OPTIONAL { ?assertion kg:sentence ?sentence }
    OPTIONAL {
      ?assertion prov:wasDerivedFrom ?article .
      OPTIONAL { ?article schema:datePublished ?date }
      OPTIONAL { ?article kg:outlet ?outlet }
    }
  }
}
"""


def _awkward_store() -> MemoryStore:
    """The sample store plus rows a SPARQL join treats in its own way."""
    ox = load_store(sample_dataset())
    kg = "https://w3id.org/intel-kg/ontology#"
    g = pyoxigraph.NamedNode("https://example.org/graph/odd")
    other = pyoxigraph.NamedNode("https://example.org/graph/other")
    a, b = pyoxigraph.NamedNode("https://example.org/a"), pyoxigraph.BlankNode("b1")
    article = pyoxigraph.NamedNode("https://example.org/article/odd")
    actor = pyoxigraph.NamedNode("https://w3id.org/intel-kg/id/actor/fancy-bear")
    target = pyoxigraph.NamedNode("https://w3id.org/intel-kg/id/actor/russia")

    def q(s, p, o, graph=g):
        name = p if p.startswith("http") else kg + p
        return pyoxigraph.Quad(s, pyoxigraph.NamedNode(name), o, graph)

    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    ox.oxigraph.extend(
        [
            q(a, rdf_type, pyoxigraph.NamedNode(kg + "Assertion")),
            q(a, "subject", actor),
            q(a, "predicate", pyoxigraph.NamedNode(kg + "hacked")),
            q(a, "object", target),
            q(a, "modality", pyoxigraph.Literal("alleged")),
            q(a, "http://www.w3.org/ns/prov#wasDerivedFrom", article),
            q(article, "outlet", pyoxigraph.Literal("One")),  # two outlets: two rows
            q(article, "outlet", pyoxigraph.Literal("Two")),
            # the date is in another graph: not the article's date for this assertion
            q(article, "https://schema.org/datePublished", pyoxigraph.Literal("2020-01-01"), other),
            # a blank-node assertion without negated, modality or article
            q(b, rdf_type, pyoxigraph.NamedNode(kg + "Assertion")),
            q(b, "subject", target),
            q(b, "predicate", pyoxigraph.NamedNode(kg + "accused")),
            q(b, "object", actor),
            # no kg:Assertion type: not a relation
            q(pyoxigraph.NamedNode("https://example.org/untyped"), "subject", actor),
        ]
    )
    return ox


def test_projection_graph_rows_match_the_sparql_join():
    from kg.export.projection import _term_value, graph_rows

    ox = _awkward_store()
    solutions = ox.oxigraph.query(_REFERENCE_ROWS)
    names = [v.value for v in solutions.variables]
    expected = sorted(tuple((n, _term_value(s[n])) for n in names) for s in solutions)
    rows = [row for assertions, _ in graph_rows(ox) for row in assertions]
    assert sorted(tuple((n, row[n]) for n in names) for row in rows) == expected
    odd = [
        dict(row) for row in expected if dict(row)["article"] == "https://example.org/article/odd"
    ]
    assert sorted((row["outlet"], row["date"]) for row in odd) == [("One", None), ("Two", None)]
    assert any(dict(row)["assertion"] == "_:b1" for row in expected)
