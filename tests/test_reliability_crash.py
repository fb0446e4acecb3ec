"""Faults, nothing lost: killed builds, concurrent builds and queries, interrupted outputs.

A build is killed (SIGKILL) 20 times at seeded random moments and restarted each
time; between kills no article is ever visible half-loaded, and the final store
and exports equal those of a clean uninterrupted build. The builds that get
killed run :func:`kg.build.build` with the light extractor of
``reliability_fakes`` (the store writing path is what is tested); one more is
the real ``kg build`` command with spaCy and its worker processes. Also: two
builds on one store, ``kg query`` during a build, a rebuild killed half way,
and a store path that is a folder of other files.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest
from rdf_fakes import corpus
from rdflib import RDF, Dataset, Graph
from rdflib.compare import to_isomorphic
from reliability_fakes import GATE, NameExtractor, expected_assertions

from kg.build import build
from kg.errors import StoreError
from kg.ingest import read_articles
from kg.models import Article
from kg.rdf import summary
from kg.rdf.dedup import INDEX_FILE
from kg.rdf.namespace import DEFAULT_BASE_IRI, KG, IRIs
from kg.rdf.store import KGStore

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FAKES = TESTS / "reliability_fakes.py"
EPOCH = "1700000000"  # SOURCE_DATE_EPOCH: every build mints the same activity and time
KILLS = 20
ARTICLES = 110
SYNDICATED = 10
DELAY = 0.01  # seconds of fake extraction per article


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    """Builds run in this process use the same build time as the subprocesses."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _bench_corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    """A JSON-lines corpus: benchmark articles, some syndicated again with a credit line."""
    records = list(_bench_corpus().articles(ARTICLES, seed=11))
    for i in range(SYNDICATED):
        copy = dict(records[i * 7])
        copy["id"] = f"syndicated-{i}"
        copy["text"] += " This story was first published by a partner outlet."
        records.insert(30 + i * 8, copy)
    path = tmp_path_factory.mktemp("news") / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def news_articles(news) -> list[Article]:
    return list(read_articles([news]))


# -- running and reading builds ---------------------------------------------------------


def _start(args: list[str], log: Path) -> subprocess.Popen:
    """Start a process with its standard output in ``log`` (so that nothing blocks on a pipe)."""
    with log.open("w") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=_env())


def _fake_build(
    store: Path, news: Path, log: Path, delay: float = DELAY, gate: Path | None = None
) -> subprocess.Popen:
    """A build by ``reliability_fakes.py build``; with ``gate``, it waits for that file."""
    args = [sys.executable, str(FAKES), "build", str(store), str(delay), "4", str(news)]
    env = _env() if gate is None else {**_env(), GATE: str(gate)}
    with log.open("w") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)


def _wait_for(log: Path, word: str, process: subprocess.Popen | int, timeout: float = 60) -> None:
    """Wait until ``word`` is in ``log``; fail if the process (a Popen or a pid) ends first."""
    deadline = time.monotonic() + timeout
    while word not in _text(log):
        if isinstance(process, subprocess.Popen):
            ended = process.poll() is not None
        else:
            ended = not psutil.pid_exists(process)
        if ended and word not in _text(log):
            raise AssertionError(f"process ended before {word!r}:\n{_text(log)}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no {word!r} after {timeout}s:\n{_text(log)}")
        time.sleep(0.005)


def _stamp(log: Path, word: str) -> float:
    """The time printed on the ``word`` line of a fake build's log."""
    for line in _text(log).splitlines():
        if line.startswith(word + " "):
            return float(line.split()[1])
    raise AssertionError(f"no {word!r} line in {log}")


def _phase(log: Path) -> str:
    """Where a killed build was: opening, articles, exports, or finished."""
    text = _text(log)
    for word, phase in (("done", "finished"), ("exports", "exports"), ("batch", "articles")):
        if word in text:
            return phase
    return "opening"


def _text(log: Path) -> str:
    return log.read_text() if log.exists() else ""


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()


class Zygote:
    """``reliability_fakes.py zygote``: imports once, forks one process per build."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(FAKES), "zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
        )

    def start(self, store: Path, news: Path, log: Path) -> int:
        """Start a build of ``news`` into ``store``; return its pid once "ready" is in ``log``."""
        command = [str(store), str(DELAY), "4", str(log), str(news)]
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        word, pid = self.process.stdout.readline().split()
        assert word == "pid"
        _wait_for(log, "ready", int(pid))
        return int(pid)

    def wait(self) -> int:
        """Wait for the build to end; return its exit code (-9 when killed)."""
        word, _pid, code = self.process.stdout.readline().split()
        assert word == "exit"
        return int(code)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def zygote() -> Iterator[Zygote]:
    forks = Zygote()
    yield forks
    forks.close()


def _graphs(store: Path) -> dict[str, set[ox.Quad]]:
    """Every graph of the store (opened read-only) as a set of pyoxigraph quads."""
    graphs: dict[str, set[ox.Quad]] = {}
    with KGStore(store, read_only=True) as kg:
        for quad in kg.oxigraph:
            graphs.setdefault(str(quad.graph_name), set()).add(quad)
    return graphs


def _rdflib_graphs(quads: Iterable[tuple]) -> dict[str, Graph]:
    graphs: dict[str, Graph] = {}
    for s, p, o, g in quads:
        graphs.setdefault(str(g), Graph()).add((s, p, o))
    return graphs


def _assert_isomorphic(got: dict[str, Graph], want: dict[str, Graph]) -> None:
    """rdflib isomorphism of every named graph."""
    assert sorted(got) == sorted(want)
    for name, graph in want.items():
        assert to_isomorphic(got[name]) == to_isomorphic(graph), name


def _store_graphs(store: Path) -> dict[str, Graph]:
    with KGStore(store, read_only=True) as kg:
        return _rdflib_graphs(kg.quads())


def _trig_graphs(path: Path) -> dict[str, Graph]:
    dataset = Dataset()
    dataset.parse(path, format="trig")
    return _rdflib_graphs(dataset.quads((None, None, None, None)))


def _indexed(store: Path) -> set[str]:
    with sqlite3.connect(store / INDEX_FILE) as db:
        return {row[0] for row in db.execute("SELECT id FROM minhash")}


ASSERTION = ox.NamedNode(str(KG.Assertion))
CONTENT_HASH = ox.NamedNode(str(KG.contentHash))
TYPE = ox.NamedNode(str(RDF.type))


def _assert_whole_articles(store: Path, clean: dict[str, set], articles: list[Article]) -> int:
    """Check that every article graph in the store is complete; return how many there are."""
    if not store.exists():
        return 0
    got = _graphs(store)
    iris = IRIs(DEFAULT_BASE_IRI)
    by_graph = {f"<{iris.article_graph(a.id)}>": a for a in articles}
    for name, quads in got.items():
        if name in by_graph:
            article = by_graph[name]
            node = ox.NamedNode(str(iris.article(article.id)))
            hashes = {
                q.object.value for q in quads if (q.subject, q.predicate) == (node, CONTENT_HASH)
            }
            assertions = {q.subject for q in quads if (q.predicate, q.object) == (TYPE, ASSERTION)}
            assert hashes == {article.content_hash}, f"{article.id}: no content hash"
            assert len(assertions) == expected_assertions(article), f"{article.id}: half-loaded"
            assert quads == clean[name], f"{article.id}: differs from the clean build"
        elif name == f"<{iris.actors_graph}>":
            assert quads <= clean[name], "actors that the clean build does not have"
        elif name == f"<{iris.summary_graph}>":
            _assert_summary_follows(store, quads)
        else:
            assert quads == clean[name], f"graph {name} is partial"
    return sum(1 for name in got if name in by_graph)


def _assert_summary_follows(store: Path, quads: set[ox.Quad]) -> None:
    """Every summary node not marked pending is the one the article graphs present make."""
    with KGStore(store, read_only=True) as kg:
        graph = ox.NamedNode(kg.iris.summary_graph)
        pending = summary.pending_nodes(kg.oxigraph, graph)
        nodes = {q.subject for q in quads} | summary.summary_nodes(
            kg.oxigraph, (g for g in kg.oxigraph.named_graphs() if g != graph)
        )
        for node in nodes - pending - {graph}:
            stored = {q for q in quads if q.subject == node}
            assert stored == set(summary.summary_quads(kg.oxigraph, node, graph)), node


def _assert_exports_whole(out: Path) -> None:
    """kg.trig and graph.gexf, when present, parse to the end (never truncated)."""
    if (out / "kg.trig").exists():
        list(ox.parse(path=str(out / "kg.trig"), format=ox.RdfFormat.TRIG))
    if (out / "graph.gexf").exists():
        ET.parse(out / "graph.gexf")


# -- the crash test -----------------------------------------------------------------------


def test_reliability_build_killed_20_times_equals_a_clean_build(
    tmp_path, news, news_articles, zygote
):
    n = len(news_articles)
    clean_store = tmp_path / "clean" / "kg.store"
    log = tmp_path / "clean.log"
    zygote.start(clean_store, news, log)
    started = time.monotonic()
    assert zygote.wait() == 0, log.read_text()
    writing = _stamp(log, "exports") - started
    exporting = _stamp(log, "done") - _stamp(log, "exports")
    clean = _graphs(clean_store)
    duplicate_of = ox.NamedNode(str(KG.duplicateOf))
    assert any(q.predicate == duplicate_of for quads in clean.values() for q in quads)

    store = tmp_path / "crash" / "kg.store"
    rng = random.Random(8)
    seen: list[int] = []
    phases: list[str] = []
    for kill in range(KILLS):
        done = seen[-1] if seen else 0
        log = tmp_path / f"kill-{kill}.log"
        pid = zygote.start(store, news, log)
        if done < n and kill < KILLS - 5:  # somewhere in what is left to write
            time.sleep(rng.uniform(0, 2 * writing * (n - done) / n / (KILLS - 5 - kill)))
        else:  # the last five: while the exports are written
            _wait_for(log, "exports", pid)
            time.sleep(rng.uniform(0, exporting))
        with contextlib.suppress(ProcessLookupError):  # unless it has already finished
            os.kill(pid, signal.SIGKILL)
        zygote.wait()
        seen.append(_assert_whole_articles(store, clean, news_articles))
        _assert_exports_whole(store.parent)
        phases.append(_phase(log))
    assert any(0 < count < n for count in seen), seen
    assert {"articles", "exports"} <= set(phases), phases

    log = tmp_path / "final.log"
    zygote.start(store, news, log)
    assert zygote.wait() == 0, log.read_text()
    assert _graphs(store) == clean
    _assert_isomorphic(_store_graphs(store), _store_graphs(clean_store))
    _assert_isomorphic(
        _trig_graphs(store.parent / "kg.trig"), _trig_graphs(clean_store.parent / "kg.trig")
    )
    clean_gexf = (clean_store.parent / "graph.gexf").read_text()
    assert (store.parent / "graph.gexf").read_text() == clean_gexf
    assert _indexed(store) == _indexed(clean_store)


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def test_reliability_cli_build_killed_and_restarted_equals_a_clean_build(tmp_path, news, extractor):
    """The real ``kg build``: spaCy in two worker processes, killed once, restarted at once."""
    n = 48
    small = tmp_path / "small.jsonl"
    with small.open("w") as out:
        for line in news.read_text().splitlines()[:n]:
            record = json.loads(line)
            record["text"] = record["text"].split("\n\n")[0]  # first paragraphs: a quick build
            out.write(json.dumps(record) + "\n")
    clean_store = tmp_path / "clean" / "kg.store"
    build([small], clean_store, extractor=extractor, workers=1)

    store = tmp_path / "crash" / "kg.store"
    cli = _kg("-q", "build", str(small), "--store", str(store), "--transaction-size", "1")
    process = _start([*cli, "--workers", "2"], tmp_path / "killed.log")
    while process.poll() is None and not _has_articles(store):
        time.sleep(0.02)
    workers: list[psutil.Process] = []
    with contextlib.suppress(psutil.NoSuchProcess):
        workers = psutil.Process(process.pid).children(recursive=True)
    _kill(process)
    with KGStore(store, read_only=True) as kg:
        done = kg.stats()["articles"]
    assert 0 < done < n, f"the build was not killed half way ({done} of {n} articles)"
    try:
        # no --wait: the dead build's worker processes must not hold the store
        again = subprocess.run(cli, capture_output=True, text=True, env=_env())
        assert again.returncode == 0, again.stderr
    finally:
        _gone, alive = psutil.wait_procs(workers, timeout=5)
        for worker in alive:
            worker.kill()
    assert len(workers) >= 2 and not alive, "no worker processes, or they outlived the build"
    _assert_isomorphic(_store_graphs(store), _store_graphs(clean_store))
    _assert_isomorphic(
        _trig_graphs(store.parent / "kg.trig"), _trig_graphs(clean_store.parent / "kg.trig")
    )


def _has_articles(store: Path) -> bool:
    if not (store / "kg-store.json").exists():
        return False
    with KGStore(store, read_only=True) as kg:
        return kg.stats()["articles"] > 0


def test_reliability_killed_parallel_build_frees_the_store_and_its_workers(tmp_path):
    store = tmp_path / "kg.store"
    log = tmp_path / "pool.log"
    process = _start([sys.executable, str(FAKES), "pool", str(store)], log)
    _wait_for(log, "batch", process)
    workers = psutil.Process(process.pid).children(recursive=True)
    assert len(workers) >= 2
    _kill(process)
    try:
        with KGStore(store) as kg:  # not "locked by another kg process"
            assert kg.stats()["articles"] > 0
    finally:
        _gone, alive = psutil.wait_procs(workers, timeout=5)
        for worker in alive:
            worker.kill()
    assert not alive, "worker processes outlived the killed build"


# -- two builds, and queries during a build --------------------------------------------------


def test_reliability_second_build_fails_in_one_line_or_waits(tmp_path, news, news_articles):
    store = tmp_path / "kg.store"
    gate = tmp_path / "gate"
    log = tmp_path / "first.log"
    first = _fake_build(store, news, log, gate=gate)  # stops after 40 articles, until the gate
    try:
        _wait_for(log, "batch", first)
        refused = subprocess.run(
            _kg("build", str(news), "--store", str(store), "--no-exports"),
            capture_output=True,
            text=True,
            env=_env(),
        )
        assert refused.returncode == 1
        assert refused.stderr.strip() == (
            f"Error: store {store} is locked by another kg process (pid {first.pid}): "
            "wait for it to finish, or pass --wait"
        )
        waiting_log = tmp_path / "waiting.log"
        waiting = _start(
            _kg("build", str(news), "--store", str(store), "--no-exports", "--wait"), waiting_log
        )
        _wait_for(waiting_log, f"store {store} is locked by pid {first.pid}: waiting", waiting)
        gate.touch()
        assert first.wait(timeout=60) == 0, log.read_text()
        assert waiting.wait(timeout=60) == 0, waiting_log.read_text()
    finally:
        for process in (first, locals().get("waiting")):
            if process is not None and process.poll() is None:
                _kill(process)
    n = len(news_articles)
    assert f"read {n} articles ({n} unchanged, 0 new, 0 changed)" in waiting_log.read_text()


ARTICLE_STATE = """
SELECT ?g ?id ?hash ?triples (COUNT(?x) AS ?assertions) WHERE {
  { SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }
  FILTER(CONTAINS(STR(?g), "/graph/article/"))
  OPTIONAL { GRAPH ?g { ?a a schema:NewsArticle ; kg:articleId ?id ; kg:contentHash ?hash } }
  OPTIONAL { GRAPH ?g { ?x a kg:Assertion } }
} GROUP BY ?g ?id ?hash ?triples
"""


def _query_args(store: Path) -> list[str]:
    return ["query", "--store", str(store), "--format", "csv", ARTICLE_STATE]


def _query_rows(store: Path) -> list[dict[str, str]]:
    answer = subprocess.run(_kg(*_query_args(store)), capture_output=True, text=True, env=_env())
    assert answer.returncode == 0, answer.stderr
    return list(csv.DictReader(io.StringIO(answer.stdout)))


def _rows(query: subprocess.Popen, out: Path) -> list[dict[str, str]]:
    _, errors = query.communicate(timeout=60)
    assert query.returncode == 0, errors
    return list(csv.DictReader(io.StringIO(out.read_text())))


def test_reliability_query_during_a_build_sees_only_whole_articles(tmp_path, news, news_articles):
    clean_store = tmp_path / "clean" / "kg.store"
    build([news], clean_store, extractor=NameExtractor(), workers=1, exports=False)
    size = {name.strip("<>"): len(quads) for name, quads in _graphs(clean_store).items()}
    by_id = {a.id: a for a in news_articles}

    store = tmp_path / "kg.store"
    log = tmp_path / "build.log"
    # writes for 4 seconds, then stops before article 40 (the gate never opens)
    builder = _fake_build(store, news, log, delay=0.1, gate=tmp_path / "gate")
    try:
        _wait_for(log, "batch", builder)
        queries = []
        for i in range(3):
            with (tmp_path / f"q{i}.csv").open("w") as out:
                query = subprocess.Popen(
                    _kg(*_query_args(store)), stdout=out, stderr=subprocess.PIPE, env=_env()
                )
            queries.append(query)
            time.sleep(0.3)
        answers = [_rows(query, tmp_path / f"q{i}.csv") for i, query in enumerate(queries)]
    finally:
        _kill(builder)
    for rows in answers:
        for row in rows:
            article = by_id[row["id"]]  # every article graph has its article node
            assert row["hash"] == article.content_hash
            assert int(row["assertions"]) == expected_assertions(article), row["id"]
            assert int(row["triples"]) == size[row["g"]], row["id"]
    counts = [len(rows) for rows in answers]
    assert all(0 < count <= 40 for count in counts), counts


REBUILD_KILLED = """
import os, shutil, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from rdf_fakes import corpus
from reliability_fakes import NameExtractor
from kg.build import build
build(articles=corpus(5), store={store!r}, extractor=NameExtractor(), workers=1, exports=False)
deleted = 0
def dying(delete):
    def wrapper(*args, **kwargs):
        global deleted
        if deleted == {stop_after}:
            os._exit(9)  # killed here, half way through the wipe
        deleted += 1
        return delete(*args, **kwargs)
    return wrapper
Path.unlink = dying(Path.unlink)
shutil.rmtree = dying(shutil.rmtree)
build(articles=corpus(5), store={store!r}, extractor=NameExtractor(), rebuild=True, workers=1)
"""


@pytest.mark.parametrize("stop_after", [1, 4, 9])
def test_reliability_rebuild_killed_half_way_starts_afresh(tmp_path, stop_after):
    store = tmp_path / "kg.store"
    script = REBUILD_KILLED.format(tests=str(TESTS), store=str(store), stop_after=stop_after)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr
    with KGStore(store, read_only=True) as kg:  # a reader meanwhile: a whole store or none
        assert kg.stats()["articles"] in (0, 5)
    report = build(
        articles=corpus(3), store=store, extractor=NameExtractor(), workers=1, exports=False
    )
    assert report.added == 3
    with KGStore(store, read_only=True) as kg:
        assert sorted(kg.article_ids()) == [a.id for a in corpus(3)]


@pytest.mark.parametrize("rebuild", [False, True])
def test_reliability_store_in_a_folder_of_other_files_never_empties_it(tmp_path, rebuild):
    (tmp_path / "notes.txt").write_text("my notes")
    if rebuild:
        with pytest.raises(StoreError) as info:
            build(articles=corpus(2), store=tmp_path, extractor=NameExtractor(), rebuild=True)
        assert str(info.value) == (
            f"{tmp_path} holds files that are not part of a store (notes.txt): "
            "not emptying it; choose another path with --store"
        )
    else:
        build(articles=corpus(2), store=tmp_path, extractor=NameExtractor(), exports=False)
    assert (tmp_path / "notes.txt").read_text() == "my notes"
