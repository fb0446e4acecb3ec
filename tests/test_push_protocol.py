"""kg push against a recording stand-in server: batching, replace semantics, resume, failures.

The stand-in answers the Graph Store Protocol and SPARQL Update on 127.0.0.1 and
records every request, so the tests see exactly what a server would receive.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from query_fixtures import push_from

from kg.cli import main
from kg.errors import QueryError
from kg.rdf.server_store import UPDATE_BATCH, Target, _iri, batches
from kg.rdf.store import KGStore

EX = "http://example.org/"
BIG = EX + "graph/big"


@dataclass
class Recorder:
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)
    fail_graphs: set[str] = field(default_factory=set)
    url: str = ""

    def graphs_put(self) -> list[str]:
        return [graph_of(path) for method, path, _ in self.requests if method == "PUT"]


def graph_of(path: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["graph"][0]


@pytest.fixture()
def recorder() -> Iterator[Recorder]:
    record = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            record.requests.append((self.command, self.path, body))
            failing = "graph=" in self.path and graph_of(self.path) in record.fail_graphs
            self.send_response(500 if failing else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_PUT = do_POST = do_DELETE = _any  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    record.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield record
    server.shutdown()
    server.server_close()


@pytest.fixture()
def small_store(tmp_path: Path) -> Path:
    """A store with three small graphs and one of 2,500 triples (with blank nodes).

    (KGStore adds a fifth, the ontology graph.)
    """
    path = tmp_path / "kg.store"
    with KGStore(path) as store:
        quads = []
        for number in range(3):
            graph = ox.NamedNode(f"{EX}graph/{number}")
            quads.append(
                ox.Quad(
                    ox.NamedNode(EX + "a"),
                    ox.NamedNode(EX + "p"),
                    ox.Literal(f'value "{number}"\n'),
                    graph,
                )
            )
        big = ox.NamedNode(BIG)
        for number in range(2500):
            subject = (
                ox.BlankNode(f"b{number // 2}")
                if number % 50 == 0
                else ox.NamedNode(f"{EX}s{number}")
            )
            quads.append(ox.Quad(subject, ox.NamedNode(EX + "p"), ox.Literal(str(number)), big))
        store.oxigraph.extend(quads)
    return path


def graphs_in(path: Path) -> list[str]:
    with KGStore(path, read_only=True) as store:
        return sorted(g.value for g in store.oxigraph.named_graphs())


def test_push_protocol_graph_store_puts_each_graph(
    recorder: Recorder, small_store: Path, tmp_path: Path
) -> None:
    target = Target(recorder.url + "/sparql", graph_store=recorder.url + "/data")
    report = push_from(small_store, target, progress_file=tmp_path / "p.jsonl")
    assert report.ok
    assert sorted(recorder.graphs_put()) == graphs_in(small_store)
    # each PUT carries exactly that graph, as N-Triples
    for method, path, body in recorder.requests:
        assert method == "PUT"
        triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        if graph_of(path) == BIG:
            assert len(triples) == 2500
        elif graph_of(path).startswith(EX):
            assert len(triples) == 1 and triples[0].object.value.startswith('value "')


def test_push_protocol_update_batches_of_at_most_1000(
    recorder: Recorder, small_store: Path, tmp_path: Path
) -> None:
    target = Target(recorder.url + "/sparql")
    assert push_from(small_store, target, progress_file=tmp_path / "p.jsonl").ok
    updates = [
        urllib.parse.parse_qs(body.decode())["update"][0] for _, _, body in recorder.requests
    ]
    big = [u for u in updates if f"<{BIG}>" in u]
    assert big[0] == f"DROP SILENT GRAPH <{BIG}>"  # replace: drop first, then insert
    inserts = big[1:]
    sizes = [u.count(" .\n") for u in inserts]
    assert sum(sizes) == 2500
    assert all(size <= UPDATE_BATCH for size in sizes) and len(sizes) == 3
    store = ox.Store()  # every INSERT DATA is valid SPARQL Update
    for update in inserts:
        store.update(update)
    assert len(store) == 2500


def test_push_protocol_batches_keep_blank_nodes_together() -> None:
    p = ox.NamedNode(EX + "p")
    triples = [ox.Triple(ox.BlankNode("x"), p, ox.Literal(str(n))) for n in range(5)]
    triples += [ox.Triple(ox.NamedNode(EX + str(n)), p, ox.BlankNode("x")) for n in range(3)]
    triples += [ox.Triple(ox.NamedNode(EX + str(n)), p, ox.Literal("plain")) for n in range(4)]
    out = list(batches(triples, 2))
    assert sum(len(b) for b in out) == 12
    holding_x = [b for b in out if any(ox.BlankNode("x") in (t.subject, t.object) for t in b)]
    assert len(holding_x) == 1 and len(holding_x[0]) >= 8


def test_push_protocol_failed_graph_is_reported_and_resumed(
    recorder: Recorder, small_store: Path, tmp_path: Path
) -> None:
    target = Target(recorder.url + "/sparql", graph_store=recorder.url + "/data")
    progress = tmp_path / "p.jsonl"
    failing = f"{EX}graph/1"
    recorder.fail_graphs.add(failing)
    report = push_from(small_store, target, progress_file=progress)
    assert not report.ok
    assert list(report.failed) == [failing]
    assert "HTTP 500" in report.failed[failing]
    assert failing not in progress.read_text()
    assert f"failed: {failing}: " in report.summary()
    # the server is fixed: the next push sends only the graph that did not make it
    recorder.fail_graphs.clear()
    recorder.requests.clear()
    again = push_from(small_store, target, progress_file=progress)
    assert again.ok and again.pushed == [failing] and len(again.unchanged) == 4
    assert recorder.graphs_put() == [failing]


def test_push_protocol_unreachable_endpoint_stops_and_says_so(
    small_store: Path, tmp_path: Path
) -> None:
    base = ["push", "--endpoint", "http://127.0.0.1:9/sparql", "--store", str(small_store)]
    # one graph a request: it stops after three failures in a row
    result = CliRunner().invoke(
        main,
        [
            "-q",
            *base,
            "--graph-store",
            "http://127.0.0.1:9/data",
            "--workers",
            "1",
            "--progress-file",
            str(tmp_path / "p.jsonl"),
        ],
    )
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "pushed 0 graphs (0 triples), 0 unchanged since the last push, 3 failed, 2 not tried\n"
    )
    assert "cannot reach http://127.0.0.1:9/data" in result.stdout
    assert "not tried: 2 graphs (after 3 failures in a row); run kg push again" in result.stdout
    assert result.stderr.strip().splitlines() == [
        "Error: some graphs were not pushed (listed above): run kg push again"
    ]


@pytest.mark.parametrize("iri", ["", "http://x/> } ; DROP ALL ; <", "http://x/a b", "urn:x\n"])
def test_push_protocol_refuses_unsafe_graph_iris(iri: str) -> None:
    with pytest.raises(QueryError, match="not a usable graph IRI"):
        _iri(iri)
