"""One query cannot take ``kg serve`` down; a web page cannot reach it (issue 18).

Against a real ``kg serve`` process on 127.0.0.1: a query that would grow without
bound is stopped at the memory cap, one client cannot hold every worker, the
``Host`` header must name the server, ``FROM`` defines the dataset, and a worker
that dies says why. "Another client" is a second loopback source address
(127.0.0.2), the way a server tells clients apart.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from query_fixtures import free_port, running

from kg.query.server import MAX_CONNECTIONS, ServeConfig, client_key

EXPLODING = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i ?f ?c LIMIT 1"
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ONE_ROW = "SELECT ?s { ?s ?p ?o } LIMIT 1"
CAP_MB = 256


class Server:
    """A ``kg serve`` process and a way to ask it."""

    def __init__(self, process: subprocess.Popen[bytes], port: int) -> None:
        self.process, self.port = process, port

    def ask(
        self,
        query: str,
        *,
        source: str | None = None,
        host: str | None = None,
        params: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int, str, dict[str, str]]:
        """GET /sparql?query=...; return status, body and headers."""
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=timeout,
            source_address=(source, 0) if source else None,
        )
        try:
            path = "/sparql?" + urllib.parse.urlencode({"query": query, **(params or {})})
            headers = {"Accept": "text/csv"}
            if host is not None:
                headers["Host"] = host
            conn.request("GET", path, headers=headers)
            answer = conn.getresponse()
            return answer.status, answer.read().decode(), dict(answer.getheaders())
        finally:
            conn.close()

    def workers(self) -> list[psutil.Process]:
        return psutil.Process(self.process.pid).children(recursive=True)

    def tree_rss(self) -> int:
        total = psutil.Process(self.process.pid).memory_info().rss
        for child in self.workers():
            with contextlib.suppress(psutil.NoSuchProcess):
                total += child.memory_info().rss
        return total


@contextlib.contextmanager
def serving(store: Path, *args: str) -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(process, port)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.ask("ASK {}", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, "kg serve exited"
            assert time.monotonic() < deadline, "kg serve did not start"
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(query_store: Path) -> Iterator[Server]:
    with serving(query_store, "--timeout", "20", "--max-memory", str(CAP_MB)) as running:
        yield running


def _second_address() -> str:
    try:
        with socket.socket() as sock:
            sock.bind(("127.0.0.2", 0))
    except OSError:
        pytest.skip("127.0.0.2 is not a loopback address here")
    return "127.0.0.2"


def test_serve_a_query_over_the_memory_cap_is_stopped_and_the_server_lives_on(server):
    base = server.tree_rss()
    peak = [base]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            with contextlib.suppress(psutil.Error):
                peak[0] = max(peak[0], server.tree_rss())
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    began = time.monotonic()
    try:
        status, body, _ = server.ask(EXPLODING)
    finally:
        done.set()
        watcher.join()
    assert status == 503, body
    assert f"needed more than {CAP_MB} MB of memory and was stopped" in body
    assert time.monotonic() - began < 10  # well before the 20 s time limit
    assert peak[0] - base < (CAP_MB + 200) << 20, f"grew by {(peak[0] - base) >> 20} MB"
    status, body, _ = server.ask(ONE_ROW)
    assert status == 200, body


def test_serve_one_client_cannot_hold_every_worker(server):
    other = _second_address()
    results: dict[str, tuple[int, str, dict[str, str]]] = {}

    def slow() -> None:
        results["slow"] = server.ask(SLOW)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)  # the slow query holds one worker now
    status, body, headers = server.ask(SLOW)  # the same client, a second slow query
    assert status == 429, body
    assert headers["Retry-After"] == "1"
    assert "this client already runs 1 query at once" in body
    began = time.monotonic()
    status, body, _ = server.ask(ONE_ROW, source=other)
    assert status == 200, body
    assert time.monotonic() - began < 1
    thread.join(60)
    assert results["slow"][0] in (200, 503)


@pytest.mark.parametrize(
    "host, status",
    [
        ("attacker.example", 421),
        ("attacker.example:{port}", 421),
        ("127.0.0.1.attacker.example", 421),
        ("127.0.0.1:{port}", 200),
        ("localhost:{port}", 200),
        ("LOCALHOST", 200),
    ],
)
def test_serve_host_header_must_name_the_server(server, host, status):
    got, body, _ = server.ask(ONE_ROW, host=host.format(port=server.port))
    assert got == status, body
    if status == 421:
        assert "is not this server" in body and "--allowed-host" in body


def test_serve_allowed_host_widens_the_names(query_store):
    with serving(query_store, "--allowed-host", "kg.example") as running:
        assert running.ask(ONE_ROW, host="kg.example:80")[0] == 200
        assert running.ask(ONE_ROW, host="other.example")[0] == 421


def test_serve_from_defines_the_dataset(server):
    status, body, _ = server.ask("SELECT ?s FROM <urn:nothing> WHERE { ?s ?p ?o }")
    assert status == 200, body
    assert body.splitlines() == ["s"]  # no rows: the default graph is that (empty) graph
    status, everything, _ = server.ask("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    graphs = server.ask("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }")[1].splitlines()[1:]
    one = graphs[0]
    status, body, _ = server.ask(f"SELECT (COUNT(*) AS ?n) FROM <{one}> {{ ?s ?p ?o }}")
    in_one = int(body.splitlines()[1])
    assert 0 < in_one < int(everything.splitlines()[1])
    status, body, _ = server.ask(
        f"SELECT (COUNT(*) AS ?n) FROM NAMED <{one}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert int(body.splitlines()[1]) == in_one
    # the protocol's default-graph-uri overrides FROM
    status, body, _ = server.ask(
        "SELECT (COUNT(*) AS ?n) FROM <urn:nothing> { ?s ?p ?o }",
        params={"default-graph-uri": one},
    )
    assert int(body.splitlines()[1]) == in_one


def test_serve_a_dead_worker_says_why(server):
    results: dict[str, tuple[int, str, dict[str, str]]] = {}
    before = {p.pid for p in server.workers()}

    def slow() -> None:
        results["slow"] = server.ask(SLOW)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(1.0)
    busy = max(server.workers(), key=lambda p: p.cpu_times().user)
    os.kill(busy.pid, signal.SIGKILL)
    thread.join(30)
    status, body, _ = results["slow"]
    assert status == 503
    assert "the query worker failed (it was killed by SIGKILL" in body
    assert "and was restarted" in body
    deadline = time.monotonic() + 30
    while len(server.workers()) < len(before) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert server.ask(ONE_ROW)[0] == 200


def _trickling(port: int, count: int) -> list[socket.socket]:
    """``count`` connections that send a request line and one header, then go quiet."""
    conns = []
    for _ in range(count):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        conns.append(conn)
    return conns


def test_serve_clients_trickling_headers_cannot_hold_every_connection(server):
    conns = _trickling(server.port, MAX_CONNECTIONS + 6)  # slowloris: every slot and more
    try:
        for _ in range(3):
            for conn in conns:
                with contextlib.suppress(OSError):
                    conn.sendall(b"X-Slow: 1\r\n")
            began = time.monotonic()
            status, body, _ = server.ask(ONE_ROW, timeout=10)
            assert status == 200, body  # on main: 503 "too many connections"
            assert time.monotonic() - began < 2
            time.sleep(1)
    finally:
        for conn in conns:
            conn.close()


def test_serve_clients_trickling_a_body_cannot_hold_every_connection(server):
    conns = []
    for _ in range(MAX_CONNECTIONS + 6):  # slow POST bodies, every slot and more
        conn = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        conn.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/sparql-query\r\nContent-Length: 50000\r\n\r\nASK")
        conns.append(conn)
    try:
        for _ in range(3):
            for conn in conns:
                with contextlib.suppress(OSError):
                    conn.sendall(b" ")
            began = time.monotonic()
            status, body, _ = server.ask(ONE_ROW, timeout=10)
            assert status == 200, body  # on main: 503 "too many connections"
            assert time.monotonic() - began < 2
            time.sleep(1)
    finally:
        for conn in conns:
            conn.close()


def test_serve_headers_must_arrive_within_the_header_timeout(query_store):
    config = ServeConfig(query_store, port=0, header_timeout=1.0)
    with running(config) as served:
        conn = socket.create_connection(served.server_address[:2], timeout=10)
        conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        began, closed = time.monotonic(), False
        while time.monotonic() - began < 5:
            try:
                conn.sendall(b"X-Slow: 1\r\n")  # a byte well within the idle timeout
                conn.settimeout(0.3)
                closed = conn.recv(1) == b""
            except TimeoutError:
                continue
            except OSError:
                closed = True
            if closed:
                break
        conn.close()
        assert closed, "a client trickling header bytes kept its connection"
        assert time.monotonic() - began < 3


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_serve_killed_mid_query_leaves_no_worker_behind(query_store, how):
    with serving(query_store) as running:
        workers = running.workers()
        assert len(workers) >= 2
        def ask() -> None:
            with contextlib.suppress(OSError):  # the server dies before it answers
                running.ask(SLOW)

        thread = threading.Thread(target=ask, daemon=True)
        thread.start()
        time.sleep(0.5)  # a worker is computing now
        running.process.send_signal(how)
        running.process.wait(10)
        _gone, alive = psutil.wait_procs(workers, timeout=5)
        for worker in alive:
            worker.kill()
        assert not alive, "query workers outlived the server"


def _concat(copies: int) -> str:
    """A query with one row whose one value is every object of the store, ``copies`` times."""
    values = " ".join(str(k) for k in range(copies))
    return f"SELECT (GROUP_CONCAT(STR(?o)) AS ?x) {{ ?s ?p ?o . VALUES ?k {{ {values} }} }}"


def test_serve_an_answer_over_max_answer_is_refused_with_the_reason(query_store):  # noqa: F811
    with running(ServeConfig(query_store, port=0, max_answer=1 << 20)) as served:
        port = served.server_address[1]
        status, body, _ = Server(None, port).ask(_concat(60))  # type: ignore[arg-type]
        assert status == 503, body[:200]
        assert body.startswith("the answer is larger than 1 MB and was not sent")
        status, body, _ = Server(None, port).ask(_concat(2))  # type: ignore[arg-type]
        assert status == 200 and len(body) > 50_000


def _csv_size(port: int, sparql: str) -> int:
    """The length of the CSV answer to ``sparql``, read whole."""
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": sparql})
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(response.read())


def test_serve_slow_readers_cannot_pile_answers_up_in_the_server(query_store):  # noqa: F811
    cap = 8 << 20  # a budget of 32 MB of answers being sent at once
    with running(ServeConfig(query_store, port=0, max_answer=cap)) as served:
        port = served.server_address[1]
        one = _csv_size(port, _concat(1))  # one copy of every object, as CSV
        query = urllib.parse.urlencode({"query": _concat(int(0.9 * cap) // one)})  # ~7.2 MB
        readers, heads = [], []
        try:
            for _ in range(5):
                conn = socket.socket()
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                conn.connect(("127.0.0.1", port))
                conn.sendall(f"GET /sparql?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Accept: text/csv\r\n\r\n".encode())
                readers.append(conn)
                conn.settimeout(30)
                head = conn.recv(4096)  # then it reads no more
                while head.startswith(b"HTTP/1.1 503") and not head.endswith(b"shortly\n"):
                    more = conn.recv(4096)  # the 503's short body
                    if not more:
                        break  # closed: the assertions below say what came instead
                    head += more
                heads.append(head.decode(errors="replace"))
            assert [head[9:12] for head in heads] == ["200"] * 4 + ["503"], heads[0][-120:]
            assert "Retry-After: 5" in heads[4]
            assert "the server is sending other large answers: try again shortly" in heads[4]
            status, _, _ = Server(None, port).ask(ONE_ROW)  # type: ignore[arg-type]
            assert status == 200  # small answers always go out
        finally:
            for conn in readers:
                conn.close()


@pytest.mark.parametrize(
    "address, key",
    [
        ("127.0.0.2", "127.0.0.2"),
        ("::ffff:127.0.0.2", "127.0.0.2"),  # a dual-stack socket's view of an IPv4 client
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),  # the same host, another address
        ("fe80::1%eth0", "fe80::/64"),
    ],
)
def test_serve_one_ipv6_host_is_one_client(address, key):
    assert client_key(address) == key


def test_serve_workers_that_cannot_restart_say_why_and_come_back(query_store, tmp_path):  # noqa: F811
    store = shutil.copytree(query_store, tmp_path / "kg.store")
    with serving(store, "--timeout", "5") as running_server:
        moved = store.rename(tmp_path / "elsewhere")  # a restarted worker cannot open it
        for worker in running_server.workers():
            os.kill(worker.pid, signal.SIGKILL)
        deadline, body = time.monotonic() + 30, ""
        while "no query worker is running" not in body and time.monotonic() < deadline:
            status, body, headers = running_server.ask(ONE_ROW)
            assert status == 503, body
        assert body.startswith("no query worker is running: restarting one failed (")
        assert str(store) in body  # the store it could not open
        assert headers["Retry-After"] == "5"
        moved.rename(store)
        deadline, status = time.monotonic() + 60, 0
        while status != 200 and time.monotonic() < deadline:
            status = running_server.ask(ONE_ROW)[0]
            time.sleep(0.5)
        assert status == 200  # a worker was started again once the store was back
