"""The summary graph follows the article graphs through every write (issue 16).

Whatever order articles were written, replaced or removed in, the summary graph is
the one a store built from the final articles in one go holds; an interrupted write
is finished when the store is next opened for writing; an older store gets one.
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.models import Actor, ActorMention
from kg.rdf import summary
from kg.rdf.graph import ExtractionRun, build_time
from kg.rdf.store import META_FILE, KGStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_store import make_actors, make_extractions  # noqa: E402

RUN = ExtractionRun("s", build_time())


@pytest.fixture(scope="module")
def articles():
    rng = random.Random(5)
    return list(make_extractions(rng, make_actors(rng, 12), 40))


def _build(path: Path, *batches) -> Path:
    with KGStore(path) as store:
        for batch in batches:
            store.add_extractions(batch, RUN)
    return path


def _summary(path: Path) -> set[str]:
    with KGStore(path, read_only=True) as store:
        graph = ox.NamedNode(store.iris.summary_graph)
        return {str(q.triple) for q in store.oxigraph.quads_for_pattern(None, None, None, graph)}


def test_rdf_summary_one_node_per_relation_with_its_figures(articles, tmp_path):
    path = _build(tmp_path / "kg.store", articles)
    rows = _summary(path)
    assert any("#articleCount>" in row and '"1"' not in row for row in rows)  # some repeat
    with KGStore(path, read_only=True) as store:
        answer = store.query(
            "SELECT ?n (COUNT(DISTINCT ?article) AS ?m) WHERE { "
            "GRAPH ?s { ?r a kg:RelationSummary ; kg:articleCount ?n } "
            "GRAPH ?g { ?a kg:summary ?r ; prov:wasDerivedFrom ?article } } GROUP BY ?r ?n"
        )
    assert answer.rows and all(int(n.value) == int(m.value) for n, m in answer.rows)


def test_rdf_summary_same_in_halves_as_at_once(articles, tmp_path):
    once = _build(tmp_path / "once", articles)
    halves = _build(tmp_path / "halves", articles[:17], articles[17:])
    assert _summary(halves) == _summary(once)


def test_rdf_summary_follows_replaced_and_removed_articles(articles, tmp_path):
    changed = [
        dataclasses.replace(
            e,
            article=dataclasses.replace(e.article, text=e.article.text + " Updated."),
            relations=e.relations[1:],
        )
        for e in articles[:10]
    ]
    path = _build(tmp_path / "edited", articles, changed)
    with KGStore(path) as store:
        assert store.remove_article(articles[10].article.id)
    expected = _build(tmp_path / "final", changed + articles[11:])
    assert _summary(path) == _summary(expected)


def test_rdf_summary_rows_show_a_label_added_later(articles, tmp_path):
    """A later article that names an actor differently adds its label to every row of it."""
    first = articles[0].relations[0].subject
    renamed = Actor(first.id, "Example Alias Label", first.type)
    later = dataclasses.replace(
        articles[1],
        article=dataclasses.replace(articles[1].article, id="later", text="Later."),
        relations=(),
        actors=(ActorMention(renamed),),
    )
    path = _build(tmp_path / "labels", articles, [later])
    expected = _build(tmp_path / "labels-once", [*articles, later])
    rows = _summary(path)
    assert any("Example Alias Label" in row for row in rows)
    assert rows == _summary(expected)


def test_rdf_summary_interrupted_write_is_finished_on_next_open(articles, tmp_path):
    path = _build(tmp_path / "kg.store", articles)
    whole = _summary(path)
    with KGStore(path) as store:  # as if killed after marking and writing, before summarizing
        graph = ox.NamedNode(store.iris.summary_graph)
        node = next(store.oxigraph.quads_for_pattern(None, summary.SUMMARY, None, None)).object
        for quad in list(store.oxigraph.quads_for_pattern(node, None, None, graph)):
            store.oxigraph.remove(quad)
        store.oxigraph.extend(summary.pending_quads([node], graph))
    assert _summary(path) != whole
    with KGStore(path):
        pass
    assert _summary(path) == whole


def test_rdf_summary_older_store_gets_one_when_opened_for_writing(articles, tmp_path):
    path = _build(tmp_path / "kg.store", articles)
    whole = _summary(path)
    db = ox.Store(str(path))
    graph = next(g for g in db.named_graphs() if g.value.endswith("graph/summary"))
    db.remove_graph(graph)
    for quad in list(db.quads_for_pattern(None, summary.SUMMARY, None, None)):
        db.remove(quad)
    db.flush()
    del db
    meta = path / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": 2}))
    assert _summary(path) == set()
    with KGStore(path):
        pass
    assert _summary(path) == whole
