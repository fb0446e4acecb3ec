"""kg.distributed: extraction on a Dask LocalCluster gives the graph of a local build.

One local cluster of 2 worker processes serves the module; each worker loads
the spaCy pipeline once. Faults are injected by loaders defined here (workers
import this module by name): one raises on a marked article, one kills its
worker process the first time it sees a marked article.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Dataset
from rdflib.compare import to_isomorphic

from kg.build import build
from kg.cli import main
from kg.distributed import DaskExtractor
from kg.errors import KGError
from kg.ingest import read_articles
from kg.models import Article, Extraction
from kg.parallel import default_loader, worker_extractor
from kg.rdf.store import KGStore

pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RAISE = "RULE-RAISES-HERE"
KILL = "KILL-WORKER-ONCE:"


class _Faulty:
    """The worker's real extractor, with a fault when an article carries a marker."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.model_name = inner.model_name

    def pipe(self, articles: Iterable[Article], **kwargs: Any) -> Iterator[Extraction]:
        for extraction in self.inner.pipe(articles, **kwargs):
            text = extraction.article.text
            if RAISE in text:
                raise RuntimeError(f"a rule crashed on {extraction.article.id}")
            if KILL in text:
                marker = Path(text.split(KILL, 1)[1].split()[0])
                if not marker.exists():
                    marker.touch()
                    os._exit(1)  # the worker process dies mid-partition
            yield extraction


def faulty_loader(model: str | None, gazetteer: str | None) -> _Faulty:
    """Loader of the fault-injection tests: shares the worker's cached real pipeline."""
    return _Faulty(worker_extractor(default_loader, model, gazetteer))


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    """Fix the build time so that separate builds mint the same activity."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="module")
def local_dask():
    """A DaskExtractor on a LocalCluster of 2 worker processes, for the whole module."""
    with DaskExtractor("local", local_workers=2, partition_size=1) as dask_extractor:
        assert len(dask_extractor.client.nthreads()) == 2
        yield dask_extractor


def graphs_of(path: Path) -> dict[str, Any]:
    """Every named graph of a store or a TriG export, in canonical (comparable) form."""
    if path.suffix == ".trig":
        dataset = Dataset()
        dataset.parse(path, format="trig")
    else:
        with KGStore(path, read_only=True) as kg_store:
            dataset = kg_store.to_dataset()
    return {str(g.identifier): to_isomorphic(g) for g in dataset.graphs() if len(g)}


def news(n: int, tag: str = "") -> list[Article]:
    """``n`` short articles of our own, each with two actors and a relation."""
    pairs = [("Russia", "Ukraine"), ("Iran", "Israel"), ("China", "Taiwan"), ("Lazarus", "Sony")]
    out = []
    for i in range(n):
        a, b = pairs[i % len(pairs)]
        text = (
            f"Officials said that {a} hacked {b} in March {2015 + i}. {b} accused {a} of the "
            f"attack on {i + 2} power stations, according to Reuters. {tag}"
        )
        out.append(Article(id=f"wire-{i:02d}", text=text, title=f"Wire story {i}"))
    return out


def test_distributed_build_of_examples_is_isomorphic_to_local_build(
    tmp_path, extractor, local_dask
):
    local = build([EXAMPLES], tmp_path / "local" / "kg.store", extractor=extractor, workers=1)
    dask = build([EXAMPLES], tmp_path / "dask" / "kg.store", extractor=local_dask)
    assert (dask.read, dask.added, dask.relations) == (local.read, local.added, local.relations)
    assert local.relations > 0
    assert local_dask.model_name == extractor.model_name
    assert graphs_of(tmp_path / "dask" / "kg.store") == graphs_of(tmp_path / "local" / "kg.store")
    assert graphs_of(tmp_path / "dask" / "kg.trig") == graphs_of(tmp_path / "local" / "kg.trig")


def test_distributed_pipe_keeps_input_order_with_a_small_window(extractor, local_dask):
    articles = news(9)
    narrow = DaskExtractor(local_dask.client.scheduler.address, partition_size=2, window=2)
    try:
        out = list(narrow.pipe(iter(articles)))
    finally:
        narrow.close()
    assert [e.article.id for e in out] == [a.id for a in articles]
    assert [e.relations for e in out] == [e.relations for e in extractor.pipe(articles)]


def test_distributed_cli_build_on_scheduler_address(tmp_path, local_dask):
    address = local_dask.client.scheduler.address
    store = tmp_path / "kg.store"
    result = CliRunner().invoke(
        main, ["-q", "build", str(EXAMPLES), "--store", str(store), "--dask", address]
    )
    assert result.exit_code == 0, result.output
    assert "read 3 articles (0 unchanged, 3 new, 0 changed)" in result.output
    with KGStore(store, read_only=True) as kg_store:
        assert kg_store.stats()["articles"] == 3


def test_distributed_rule_exception_loses_only_that_article(tmp_path, local_dask, caplog):
    articles = news(6)
    articles[3] = Article(id="poisoned", text=articles[3].text + " " + RAISE)
    dask = DaskExtractor(
        local_dask.client.scheduler.address, partition_size=3, loader=faulty_loader
    )
    try:
        with caplog.at_level(logging.ERROR, logger="kg.distributed"):
            report = build(articles=articles, store=tmp_path / "kg.store", extractor=dask)
    finally:
        dask.close()
    assert [f.article_id for f in dask.failed] == ["poisoned"]
    assert "poisoned: extraction failed, article skipped: RuntimeError" in caplog.text
    assert (report.read, report.added) == (6, 5)
    with KGStore(tmp_path / "kg.store", read_only=True) as kg_store:
        assert sorted(kg_store.article_ids()) == sorted(
            a.id for a in articles if a.id != "poisoned"
        )


def test_distributed_lost_worker_has_its_partition_retried(tmp_path, extractor, local_dask):
    marker = tmp_path / "killed-once"
    articles = news(6)
    articles[4] = Article(id="killer", text=f"{articles[4].text} {KILL}{marker} end.")
    dask = DaskExtractor(
        local_dask.client.scheduler.address, partition_size=2, loader=faulty_loader
    )
    try:
        out = list(dask.pipe(articles))
    finally:
        dask.close()
    assert marker.exists()  # a worker did die on the article
    assert dask.failed == []
    assert [e.article.id for e in out] == [a.id for a in articles]
    assert [e.relations for e in out] == [e.relations for e in extractor.pipe(articles)]


def test_distributed_unreachable_scheduler_is_one_clear_error():
    dask = DaskExtractor("tcp://127.0.0.1:9", connect_timeout=1)
    with pytest.raises(KGError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        dask.pipe(read_articles([EXAMPLES])).__next__()
