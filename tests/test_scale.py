"""Streaming and resumable builds: a corpus is read as it is built, and a stopped build resumes.

The corpus is the benchmark generator's (``benchmarks/corpus.py``: our own sentence
templates filled with gazetteer actors), written as ``.jsonl.gz``.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.ingest import read_articles
from kg.models import Article
from kg.rdf.store import KGStore

ROOT = Path(__file__).resolve().parent.parent


def _load_corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    """Fix the build time so that separate builds mint the same activity."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> list[Article]:
    """24 generated articles, read back through kg.ingest from a .jsonl.gz file."""
    path = corpus.write(24, tmp_path_factory.mktemp("news") / "news.jsonl.gz", seed=11)
    return list(read_articles([path]))


def read_position(path: Path) -> int | None:
    """Offset this process has read ``path`` up to (Linux /proc), or None when it is not open."""
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") != str(path):
                continue
            with open(f"/proc/self/fdinfo/{fd}") as info:
                return int(info.readline().split()[1])  # "pos:\t<offset>"
        except OSError:
            continue
    return None


def quads_of(path: Path) -> set:
    with KGStore(path, read_only=True) as store:
        return set(store.quads())


def test_scale_read_articles_streams_a_jsonl_gz(tmp_path):
    path = corpus.write(3000, tmp_path / "news.jsonl.gz", seed=3)
    size = path.stat().st_size
    stream = read_articles([path])
    assert inspect.isgenerator(stream)
    assert read_position(path) is None  # nothing is opened before the first article is asked for
    first = next(stream)
    early = read_position(path)
    assert first.id == "bench-3-0000000"
    assert early is not None and early < size / 4  # one buffer, not the file
    for _ in range(2000):
        next(stream)
    assert early < read_position(path) < size
    assert sum(1 for _ in stream) == 3000 - 2001
    assert read_position(path) is None  # closed at the end


def test_scale_build_pulls_articles_as_it_writes(tmp_path, extractor, news):
    pulled = []

    def articles() -> Iterator[Article]:
        for article in news:
            pulled.append(article.id)
            yield article

    at_first_batch = []
    build(
        articles=articles(),
        store=tmp_path / "kg.store",
        extractor=extractor,
        workers=1,
        batch_size=4,
        exports=False,
        progress=lambda report: at_first_batch.append(len(pulled)),
    )
    assert len(pulled) == len(news)
    assert at_first_batch[0] < len(news) / 2  # the first batch was written long before the end


def test_scale_build_in_two_halves_equals_one_build(tmp_path, extractor, news):
    options = {"extractor": extractor, "workers": 1, "batch_size": 4, "exports": False}
    build(articles=news[:12], store=tmp_path / "halves", **options)
    second = build(articles=news, store=tmp_path / "halves", **options)
    assert (second.read, second.skipped, second.added) == (24, 12, 12)
    once = build(articles=news, store=tmp_path / "once", **options)
    assert once.relations == second.relations + sum(
        len(e.relations) for e in extractor.pipe(news[:12])
    )
    assert quads_of(tmp_path / "halves") == quads_of(tmp_path / "once")


def test_scale_stopped_build_resumes_and_skips_done_articles(tmp_path, extractor, news):
    options = {"extractor": extractor, "workers": 1, "batch_size": 4, "exports": False}

    def stop_after_two_batches(report) -> None:
        if report.written >= 8:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(
            articles=news, store=tmp_path / "kg.store", progress=stop_after_two_batches, **options
        )
    with KGStore(tmp_path / "kg.store", read_only=True) as store:
        done = set(store.article_ids())
    assert done == {a.id for a in news[:8]}
    resumed = build(articles=news, store=tmp_path / "kg.store", **options)
    assert (resumed.skipped, resumed.added) == (8, 16)
    build(articles=news, store=tmp_path / "once", **options)
    assert quads_of(tmp_path / "kg.store") == quads_of(tmp_path / "once")


def test_scale_corpus_is_deterministic_and_prefix_stable(tmp_path):
    small = corpus.write(5, tmp_path / "a.jsonl.gz", seed=2)
    again = corpus.write(5, tmp_path / "b.jsonl.gz", seed=2)
    assert small.read_bytes() == again.read_bytes()
    larger = [
        (a.id, a.text) for a in read_articles([corpus.write(20, tmp_path / "c.jsonl", seed=2)])
    ]
    assert larger[:5] == [(a.id, a.text) for a in read_articles([small])]
    assert len({a["text"] for a in corpus.articles(20, seed=2)}) == 20
    assert corpus.article(3, 0)["text"] != corpus.article(2, 0)["text"]
