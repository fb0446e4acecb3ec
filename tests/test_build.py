"""kg.build and ``kg build`` / ``kg stats``: incremental, resumable, atomic per article."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdf_fakes import PatternExtractor, corpus, extract
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg import build as build_module
from kg import parallel
from kg.build import build
from kg.cli import main
from kg.models import Article
from kg.rdf.graph import ExtractionRun, build_time, extraction_quads
from kg.rdf.namespace import KG
from kg.rdf.store import STATS_KEYS, KGStore

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    """Fix the build time so that separate builds mint the same activity."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def quads_of(path: Path) -> set:
    with KGStore(path, read_only=True) as store:
        return set(store.quads())


def test_build_counts_and_exports(tmp_path):
    extractor = PatternExtractor()
    report = build(articles=corpus(6), store=tmp_path / "kg.store", extractor=extractor, workers=1)
    assert (report.read, report.skipped, report.added, report.replaced) == (6, 0, 6, 0)
    assert report.relations == sum(len(extract(a).relations) for a in corpus(6))
    assert report.exports[0] == str(tmp_path / "kg.trig")
    assert str(tmp_path / "graph.gexf") in report.exports
    dataset = Dataset()
    dataset.parse(tmp_path / "kg.trig", format="trig")
    assert len(dataset.graph(DATASET_DEFAULT_GRAPH_ID)) == 0  # everything is in named graphs
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(
        quads_of(tmp_path / "kg.store")
    )
    assert "read 6 articles (0 unchanged, 6 new, 0 changed)" in report.summary()


def test_build_twice_skips_unchanged_without_extracting(tmp_path):
    build(articles=corpus(6), store=tmp_path / "s", extractor=PatternExtractor(), exports=False)
    before = quads_of(tmp_path / "s")
    again = PatternExtractor()
    report = build(articles=corpus(6), store=tmp_path / "s", extractor=again, exports=False)
    assert (report.read, report.skipped, report.written) == (6, 6, 0)
    assert again.seen == []
    assert quads_of(tmp_path / "s") == before


def test_build_changed_article_is_replaced(tmp_path):
    articles = corpus(3)
    build(articles=articles, store=tmp_path / "s", extractor=PatternExtractor(), exports=False)
    changed = Article(id=articles[1].id, text="Sandworm hacked Sony.", title="Dispatch 1")
    report = build(
        articles=[articles[0], changed],
        store=tmp_path / "s",
        extractor=PatternExtractor(),
        exports=False,
    )
    assert (report.skipped, report.replaced, report.added) == (1, 1, 0)
    with KGStore(tmp_path / "s", read_only=True) as store:
        assert store.content_hash(changed.id) == changed.content_hash
        assert store.stats()["articles"] == 3


def test_build_two_halves_equal_one_go(tmp_path):
    articles = corpus(10)
    build(
        articles=articles,
        store=tmp_path / "one",
        extractor=PatternExtractor(),
        exports=False,
        batch_size=4,
    )
    build(
        articles=articles[:5], store=tmp_path / "two", extractor=PatternExtractor(), exports=False
    )
    build(articles=articles, store=tmp_path / "two", extractor=PatternExtractor(), exports=False)
    assert quads_of(tmp_path / "one") == quads_of(tmp_path / "two")


def test_build_links_near_duplicates(tmp_path):
    original = corpus(1)[0]
    copy = Article(id="syndicated", text=original.text + " Reposted.", title="Copy")
    build(articles=[original], store=tmp_path / "s", extractor=PatternExtractor(), exports=False)
    report = build(
        articles=[copy], store=tmp_path / "s", extractor=PatternExtractor(), exports=False
    )
    assert report.duplicates == 1
    with KGStore(tmp_path / "s", read_only=True) as store:
        links = [(s, o) for s, p, o, _ in store.quads() if p == KG.duplicateOf]
        assert links == [(store.iris.article("syndicated"), store.iris.article(original.id))]


@pytest.fixture
def fake_extractor(monkeypatch):
    """The CLI's extraction backend, whatever its name, is the pattern extractor."""
    monkeypatch.setattr(parallel, "extractor_factory", lambda *_, **__: PatternExtractor)


def test_build_cli_builds_examples_and_stats_prints_five_counts(tmp_path, fake_extractor):
    store = tmp_path / "out" / "kg.store"
    runner = CliRunner()
    result = runner.invoke(
        main, ["-q", "build", str(ROOT / "examples"), "--store", str(store), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "read 3 articles (0 unchanged, 3 new, 0 changed)" in result.output
    assert (tmp_path / "out" / "kg.trig").exists()
    result = runner.invoke(main, ["stats", "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert list(counts) == [*STATS_KEYS, "graph"]
    assert counts["articles"] == 3
    result = runner.invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output


def test_build_cli_locked_store_is_one_error_line(tmp_path, fake_extractor):
    with KGStore(tmp_path / "s"):
        result = CliRunner().invoke(
            main, ["build", str(ROOT / "examples"), "--store", str(tmp_path / "s"), "--no-exports"]
        )
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: store {tmp_path / 's'} is locked by another kg process (pid {os.getpid()}): "
        "wait for it to finish, or pass --wait"
    )


def test_build_cli_store_path_is_a_file(tmp_path, fake_extractor):
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(main, ["stats", "--store", str(tmp_path / "file")])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: store path {tmp_path / 'file'} is a file, not a store directory: "
        "choose another path with --store"
    )


BUILDER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from kg.build import build
    from rdf_fakes import PatternExtractor, corpus
    report = build(articles=corpus({n}), store={store!r}, extractor=PatternExtractor(delay=0.02),
                   batch_size=2, exports=False, workers=1,
                   progress=lambda report: print("batch", report.written, flush=True))
    print(report.summary())
    """
)


def _article_graphs(path: Path) -> dict:
    graphs: dict = {}
    for s, p, o, g in quads_of(path):
        graphs.setdefault(g, set()).add((s, p, o, g))
    return graphs


def test_build_killed_mid_build_leaves_whole_articles_and_resumes(tmp_path):
    n = 60
    store = tmp_path / "kg.store"
    script = BUILDER.format(tests=str(TESTS), n=n, store=str(store))
    run = ExtractionRun(PatternExtractor.model_name, build_time())
    with KGStore(tmp_path / "scratch") as scratch:
        iris = scratch.iris
    expected = {
        iris.article_graph(a.id): {
            q for q in extraction_quads(extract(a), run, iris) if q[3] == iris.article_graph(a.id)
        }
        for a in corpus(n)
    }
    rng = random.Random(7)
    seen_partial = set()
    for _ in range(5):
        process = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        process.stdout.readline()  # the first batch is in: kill somewhere after it
        time.sleep(rng.uniform(0.0, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if not store.exists():
            continue
        graphs = _article_graphs(store)
        for name, quads in graphs.items():
            if name in expected:
                assert quads == expected[name], f"half-loaded article graph {name}"
        seen_partial.add(sum(1 for name in graphs if name in expected))
    assert any(0 < count < n for count in seen_partial), seen_partial
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert f"read {n} articles" in finished.stdout
    clean = tmp_path / "clean.store"
    subprocess.run(
        [sys.executable, "-c", BUILDER.format(tests=str(TESTS), n=n, store=str(clean))],
        check=True,
        capture_output=True,
    )
    assert quads_of(store) == quads_of(clean)


def test_build_flushes_the_store_every_few_hundred_articles(tmp_path, monkeypatch):
    flushes = []
    monkeypatch.setattr(build_module, "FLUSH_EVERY", 4)
    monkeypatch.setattr(KGStore, "flush", lambda self: flushes.append(self.path))
    build(
        articles=corpus(10),
        store=tmp_path / "s",
        extractor=PatternExtractor(),
        exports=False,
        batch_size=2,
    )
    assert len(flushes) == 2  # after articles 4 and 8


def test_build_cli_no_article_read_writes_no_export(tmp_path):
    empty = tmp_path / "news"
    empty.mkdir()
    store = tmp_path / "out" / "kg.store"
    result = CliRunner().invoke(main, ["build", str(empty), "--store", str(store)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: no articles read (read 0 articles, skipped 0)"
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kg.store"]
