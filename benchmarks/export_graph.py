"""Graph export speed on a synthetic store: projection, layout and each writer.

Builds an in-memory Oxigraph store laid out as ``kg.rdf.namespace`` describes
(actors graph, one named graph per article with assertions and facts), then
times :func:`kg.export.projection.project` and every writer, and prints each
one's share of the whole and its assertions per second.
Run: ``python benchmarks/export_graph.py [--actors 2000] [--articles 5000] [--per-article 6]``.
"""

from __future__ import annotations

import argparse
import io
import random
import time

import pyoxigraph as ox

from kg.export.gexf import generate_gexf
from kg.export.html import generate_html
from kg.export.projection import Filters, add_layout, project
from kg.export.tables import generate_edges_csv, generate_graphml, generate_json, generate_nodes_csv
from kg.inventory import predicates
from kg.models import ACTOR_TYPES
from kg.rdf.namespace import KG, PROV, SCHEMA, IRIs

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD = "http://www.w3.org/2001/XMLSchema#"


def n(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def synthetic_store(actors: int, articles: int, per_article: int, seed: int = 1) -> ox.Store:
    """A store of ``articles`` articles with ``per_article`` assertions each among ``actors``."""
    rng = random.Random(seed)
    iris = IRIs()
    names = list(predicates())
    actor_iris = [n(iris.actor(f"kg:actor/a{i}")) for i in range(actors)]
    quads: list[ox.Quad] = []
    actors_graph = n(iris.actors_graph)
    for i, actor in enumerate(actor_iris):
        quads.append(
            ox.Quad(actor, RDF_TYPE, n(KG[ACTOR_TYPES[i % len(ACTOR_TYPES)]]), actors_graph)
        )
        quads.append(ox.Quad(actor, RDFS_LABEL, ox.Literal(f"Actor {i}"), actors_graph))
    for a in range(articles):
        graph = n(iris.article_graph(f"art{a}"))
        article = n(iris.article(f"art{a}"))
        date = f"20{20 + a % 6}-{1 + a % 12:02d}-{1 + a % 28:02d}"
        quads += [
            ox.Quad(article, RDF_TYPE, n(SCHEMA.NewsArticle), graph),
            ox.Quad(
                article, n(SCHEMA.datePublished), ox.Literal(date, datatype=n(XSD + "date")), graph
            ),
            ox.Quad(article, n(KG.outlet), ox.Literal(f"Outlet {a % 20}"), graph),
        ]
        for k in range(per_article):
            s, o = rng.sample(actor_iris, 2)
            p = n(KG[rng.choice(names)])
            node = n(iris.assertion(f"art{a}", str(k)))
            modality = rng.choice(("asserted", "asserted", "alleged", "attempted"))
            negated = rng.random() < 0.05
            quads += [
                ox.Quad(node, RDF_TYPE, n(KG.Assertion), graph),
                ox.Quad(node, n(KG.subject), s, graph),
                ox.Quad(node, n(KG.predicate), p, graph),
                ox.Quad(node, n(KG.object), o, graph),
                ox.Quad(
                    node,
                    n(KG.negated),
                    ox.Literal("true" if negated else "false", datatype=n(XSD + "boolean")),
                    graph,
                ),
                ox.Quad(node, n(KG.modality), ox.Literal(modality), graph),
                ox.Quad(
                    node, n(KG.sentence), ox.Literal(f"Sentence {a}.{k} of the article."), graph
                ),
                ox.Quad(node, n(PROV.wasDerivedFrom), article, graph),
                ox.Quad(article, n(SCHEMA.mentions), s, graph),
                ox.Quad(article, n(SCHEMA.mentions), o, graph),
            ]
            if modality == "asserted" and not negated:
                quads.append(ox.Quad(s, p, o, graph))
    store = ox.Store()
    store.bulk_extend(quads)
    return store


def timed(label: str, func, assertions: int, results: list) -> object:
    started = time.perf_counter()
    value = func()
    seconds = time.perf_counter() - started
    results.append((label, seconds))
    print(f"{label:<22} {seconds:8.2f} s   {assertions / seconds:12,.0f} assertions/s")
    return value


def drain(lines) -> int:
    out = io.StringIO()
    for line in lines:
        out.write(line)
        out.write("\n")
    return out.tell()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--per-article", type=int, default=6)
    args = parser.parse_args()
    assertions = args.articles * args.per_article

    started = time.perf_counter()
    store = synthetic_store(args.actors, args.articles, args.per_article)
    print(
        f"store: {len(store):,} quads, {assertions:,} assertions, {args.actors:,} actors "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    results: list[tuple[str, float]] = []
    graph = timed("projection", lambda: project(store), assertions, results)
    print(f"graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
    timed(
        "projection --family",
        lambda: project(store, Filters(families=("cyber",))),
        assertions,
        results,
    )
    top = sorted(graph, key=lambda v: -graph.nodes[v]["weighted_degree"])[:500]
    core = graph.subgraph(top).copy()
    timed("layout (500 nodes)", lambda: add_layout(core), assertions, results)
    add_layout(graph)  # skipped above 500 nodes, as kg export does
    sizes = {}
    for label, gen in (
        ("gexf 1.3", lambda: generate_gexf(graph)),
        ("graphml", lambda: generate_graphml(graph)),
        ("csv (nodes+edges)", lambda: (*generate_nodes_csv(graph), *generate_edges_csv(graph))),
        ("json", lambda: generate_json(graph)),
        ("html", lambda: generate_html(graph)),
    ):
        sizes[label] = timed(label, lambda gen=gen: drain(gen()), assertions, results)
    total = sum(s for _, s in results)
    print("\nshare of the whole, output size")
    for label, seconds in results:
        size = f"{sizes[label] / 1e6:8.1f} MB" if label in sizes else ""
        print(f"{label:<22} {100 * seconds / total:5.1f} %  {size}")


if __name__ == "__main__":
    main()
