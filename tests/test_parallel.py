"""kg.parallel: extraction in a process pool gives the serial result, in order, minus failures."""

from __future__ import annotations

import os
from pathlib import Path

from rdflib.compare import to_isomorphic

from kg.build import build
from kg.models import Article, Extraction
from kg.parallel import ProcessExtractor
from kg.rdf.store import KGStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


class _Echo:
    """A stand-in extractor: no relations, raises on articles whose text says so."""

    model_name = "echo"

    def pipe(self, articles, batch_size=16, n_process=1):
        for article in articles:
            if "DIE" in article.text:
                os._exit(1)  # the worker process dies, as on a crash in native code
            if "RAISE" in article.text:
                raise RuntimeError(f"rule failed on {article.id}")
            yield Extraction(article)


def echo_loader(model, gazetteer):
    return _Echo()


def _articles(n, bad=()):
    return [
        Article(f"a{i}", f"RAISE text {i}" if i in bad else f"text {i}") for i in range(n)
    ]


def test_parallel_pipe_keeps_input_order_across_partitions():
    ex = ProcessExtractor(workers=2, partition_size=3, window=2, loader=echo_loader)
    ids = [e.article.id for e in ex.pipe(_articles(20))]
    assert ids == [f"a{i}" for i in range(20)]
    assert ex.failed == []


def test_parallel_pipe_loses_only_the_failing_article(caplog):
    ex = ProcessExtractor(workers=2, partition_size=4, loader=echo_loader)
    ids = [e.article.id for e in ex.pipe(_articles(10, bad={5}))]
    assert ids == [f"a{i}" for i in range(10) if i != 5]
    assert [f.article_id for f in ex.failed] == ["a5"]


def test_parallel_pipe_survives_a_worker_that_dies():
    articles = _articles(12)
    articles[7] = Article("a7", "DIE here")
    ex = ProcessExtractor(workers=2, partition_size=3, loader=echo_loader)
    ids = [e.article.id for e in ex.pipe(articles)]
    assert ids == [f"a{i}" for i in range(12) if i != 7]
    assert [f.article_id for f in ex.failed] == ["a7"]


def test_parallel_build_with_two_workers_equals_serial_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # same activity IRI and time
    for workers in (1, 2):
        build([EXAMPLES], tmp_path / f"w{workers}" / "kg.store", workers=workers, exports=False)
    serial = graphs_of(tmp_path / "w1" / "kg.store")
    assert any("graph/article/" in name for name in serial)
    assert graphs_of(tmp_path / "w2" / "kg.store") == serial


def graphs_of(store: Path) -> dict:
    with KGStore(store, read_only=True) as kg_store:
        dataset = kg_store.to_dataset()
    return {str(g.identifier): to_isomorphic(g) for g in dataset.graphs() if len(g)}
