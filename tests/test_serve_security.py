"""kg serve lets nobody in where they do not belong, and one bad query cannot stall it."""

from __future__ import annotations

import http.client
import shutil
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from query_fixtures import running

from kg.cli import main
from kg.errors import QueryError
from kg.query.presets import get_preset
from kg.query.runner import run_query
from kg.query.server import ServeConfig, SparqlServer

TOKEN = "test-token-0123456789abcdef"
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
INSERT = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:p> 'added' } }"


def post(
    server: SparqlServer,
    body: bytes | str,
    content_type: str = "application/x-www-form-urlencoded",
    **headers: str,
) -> tuple[int, str]:
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(
        server.url,
        data=data,
        method="POST",
        headers={"Content-Type": content_type, "Accept": "text/csv", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def form(**fields: str) -> str:
    return urllib.parse.urlencode(fields)


def count(server: SparqlServer) -> int:
    status, body = post(server, form(query=COUNT))
    assert status == 200, body
    return int(body.splitlines()[1])


@pytest.fixture()
def writable(query_store: Path, tmp_path: Path) -> Iterator[SparqlServer]:
    """kg serve --allow-update --token TOKEN over a copy of the test store."""
    copy = shutil.copytree(query_store, tmp_path / "kg.store")
    config = ServeConfig(copy, port=0, allow_update=True, token=TOKEN, timeout=5)
    with running(config) as server:
        yield server


@pytest.mark.parametrize(
    "body, content_type",
    [
        (form(update="DROP ALL"), "application/x-www-form-urlencoded"),
        ("DROP ALL", "application/sparql-update"),
        (form(update=INSERT), "application/x-www-form-urlencoded"),
        (form(update="LOAD <http://127.0.0.1:9/x.ttl>"), "application/x-www-form-urlencoded"),
    ],
)
def test_serve_update_refused_when_read_only(
    served: SparqlServer,
    body: str,
    content_type: str,
) -> None:
    before = count(served)
    status, message = post(served, body, content_type, Authorization=f"Bearer {TOKEN}")
    assert status == 403
    assert "read-only" in message
    assert count(served) == before


def test_serve_update_as_query_does_nothing(served: SparqlServer) -> None:
    before = count(served)
    status, _ = post(served, form(query="DROP ALL"))
    assert status == 400
    assert count(served) == before


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong", f"Bearer {TOKEN[:-1]}x", f"Basic {TOKEN}", f"Bearer {TOKEN} extra"],
)
def test_serve_update_needs_the_token(writable: SparqlServer, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    before = count(writable)
    status, message = post(writable, form(update=INSERT), **headers)
    assert status == 403
    assert "Bearer" in message
    assert count(writable) == before


def test_serve_update_accepted_with_the_token(writable: SparqlServer) -> None:
    before = count(writable)
    status, _ = post(writable, form(update=INSERT), Authorization=f"Bearer {TOKEN}")
    assert status == 204
    assert count(writable) == before + 1
    status, _ = post(writable, INSERT, "application/sparql-update", Authorization=f"Bearer {TOKEN}")
    assert status == 204
    assert count(writable) == before + 1  # the same triple again: a set


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://127.0.0.1:9/evil.ttl>",
        "load <file:///etc/passwd> INTO GRAPH <urn:x:g>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ],
)
def test_serve_load_and_service_refused_even_with_the_token(
    writable: SparqlServer, update: str
) -> None:
    status, message = post(writable, form(update=update), Authorization=f"Bearer {TOKEN}")
    assert status == 403
    assert "not allowed" in message


@pytest.fixture()
def trap() -> Iterator[tuple[str, list[socket.socket]]]:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    caught: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                caught.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql", caught
    stop.set()
    thread.join(2)
    listener.close()
    for conn in caught:
        conn.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "select * {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * {{ ?s ?p ?o FILTER(?s<?o)SERVICE<{url}>{{?a ?b ?c}} }}",
        "SELECT * {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_serve_service_refused_and_nothing_fetched(
    served: SparqlServer,
    trap: tuple[str, list[socket.socket]],
    template: str,
) -> None:
    url, caught = trap
    status, message = post(served, form(query=template.format(url=url)))
    assert status == 403
    assert "SERVICE not allowed" in message
    time.sleep(0.3)
    assert caught == []


def test_serve_body_limit(served: SparqlServer) -> None:
    padding = "# " + "x" * 25_000 + "\n"
    status, message = post(served, form(query=padding + "ASK {}"))
    assert status == 413
    assert "20000 bytes" in message
    status, _ = post(served, form(query="ASK {}"))
    assert status == 200


def test_serve_post_without_length_is_refused(served: SparqlServer) -> None:
    host, port = served.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: application/sparql-query\r\n\r\n5\r\nASK {\r\n0\r\n\r\n"
        )
        assert conn.recv(100).startswith(b"HTTP/1.1 411")


def test_serve_timeout_then_next_query_answers(served: SparqlServer) -> None:
    started = time.monotonic()
    status, message = post(served, form(query=SLOW))
    elapsed = time.monotonic() - started
    assert status == 503
    assert "longer than 3 s" in message
    assert elapsed < 10
    started = time.monotonic()
    assert count(served) > 100
    assert time.monotonic() - started < 5


def test_serve_slow_query_does_not_block_another_client(served: SparqlServer) -> None:
    results: dict[str, tuple[int, float]] = {}

    def slow() -> None:
        began = time.monotonic()
        results["slow"] = (post(served, form(query=SLOW))[0], time.monotonic() - began)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)  # the slow query holds one worker now
    began = time.monotonic()
    # another client: another address (one address may hold only one of the two workers)
    conn = http.client.HTTPConnection(
        "127.0.0.1", served.server_address[1], timeout=30, source_address=("127.0.0.2", 0)
    )
    conn.request("GET", "/sparql?" + form(query="ASK { ?s ?p ?o }"))
    status = conn.getresponse().status
    conn.close()
    results["fast"] = (status, time.monotonic() - began)
    thread.join(30)
    assert results["fast"][0] == 200
    assert results["fast"][1] < 2
    assert results["slow"][0] == 503
    # after the slow one was killed, both workers serve again
    assert count(served) > 100


def test_serve_preset_injection_through_the_endpoint(writable: SparqlServer) -> None:
    before = count(writable)
    for value in ['"} ; DROP ALL ; {', "x' } } ; CLEAR ALL ; #", "{ } }"]:
        text = get_preset("actor").bind({"name": value})
        assert len(run_query(text, endpoint=writable.url)) == 0
    assert count(writable) == before


def test_serve_allow_update_needs_a_token(query_store: Path) -> None:
    with pytest.raises(QueryError, match="--allow-update needs a token"):
        ServeConfig(query_store, allow_update=True).check()
    result = CliRunner().invoke(
        main, ["serve", "--store", str(query_store), "--allow-update"], env={"KG_SERVE_TOKEN": ""}
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: --allow-update needs a token: pass --token")


def test_serve_missing_store_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no store at ")
