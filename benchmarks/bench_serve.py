"""Benchmark: ``kg serve`` under hostile load, a real server process on 127.0.0.1.

Builds a synthetic store (``bench_store.py``'s articles), starts ``kg serve`` and prints

* the median latency of a one-row query on a fresh connection per query and on one
  keep-alive connection, and their ratio (keep-alive should not be slower);
* a query whose memory grows without bound (a cartesian ``ORDER BY``): its status, how
  long until it was stopped, and how much the server's process tree grew (against the
  ``--max-memory`` cap), then the latency of the next query;
* one client holding slow queries: the status of its second one and the latency of
  another client's (another loopback address) one-row query meanwhile;
* two exploding queries at once from two addresses: the server tree's peak against
  workers x cap + its base;
* 80 connections trickling header bytes (slowloris): another one-row query's latency.

Usage::

    python benchmarks/bench_serve.py [--articles 500] [--max-memory 1024] [--requests 200]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import make_actors, make_extractions  # noqa: E402

from kg.rdf.graph import ExtractionRun, build_time  # noqa: E402
from kg.rdf.store import KGStore  # noqa: E402

ONE_ROW = "SELECT ?s { ?s ?p ?o } LIMIT 1"
EXPLODING = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i ?f ?c LIMIT 1"
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def ask(conn: http.client.HTTPConnection, query: str) -> int:
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                 headers={"Accept": "text/csv"})
    answer = conn.getresponse()
    answer.read()
    return answer.status


def fresh(port: int, query: str, source: str | None = None) -> tuple[int, float]:
    began = time.perf_counter()
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=120, source_address=(source, 0) if source else None
    )
    try:
        status = ask(conn, query)
    finally:
        conn.close()
    return status, time.perf_counter() - began


def tree_rss(pid: int) -> int:
    root = psutil.Process(pid)
    total = root.memory_info().rss
    for child in root.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--max-memory", type=int, default=1024, help="MB per worker")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)

    rng = random.Random(7)
    actors = make_actors(rng, 200)
    extractions = list(make_extractions(rng, actors, args.articles))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kg.store"
        with KGStore(path) as store:
            run = ExtractionRun("synthetic", build_time())
            for i in range(0, len(extractions), 64):
                store.add_extractions(extractions[i : i + 64], run)
            quads = len(store.oxigraph)
        print(f"store: {args.articles:,} articles, {quads:,} quads")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(path), "--port", str(port),
             "--max-memory", str(args.max_memory), "--timeout", "60"],
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError):
                    if fresh(port, "ASK {}")[0] == 200:
                        break
                if time.monotonic() > deadline:
                    raise SystemExit("kg serve did not start")
                time.sleep(0.2)

            cold = [fresh(port, ONE_ROW)[1] for _ in range(args.requests)]
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            warm = []
            for _ in range(args.requests):
                began = time.perf_counter()
                ask(conn, ONE_ROW)
                warm.append(time.perf_counter() - began)
            conn.close()
            p50_cold, p50_warm = statistics.median(cold), statistics.median(warm)
            print(
                f"one-row query p50: fresh connection {p50_cold * 1000:.2f} ms, keep-alive "
                f"{p50_warm * 1000:.2f} ms (keep-alive / fresh = {p50_warm / p50_cold:.2f})"
            )

            base = tree_rss(server.pid)
            peak = [base]
            done = threading.Event()

            def watch() -> None:
                while not done.is_set():
                    with contextlib.suppress(psutil.Error):
                        peak[0] = max(peak[0], tree_rss(server.pid))
                    time.sleep(0.02)

            watcher = threading.Thread(target=watch)
            watcher.start()
            status, seconds = fresh(port, EXPLODING)
            done.set()
            watcher.join()
            after_status, after = fresh(port, ONE_ROW)
            print(
                f"exploding query: {status} after {seconds:.2f} s; server tree RSS "
                f"{base >> 20} MB -> peak {peak[0] >> 20} MB (+{(peak[0] - base) >> 20} MB, "
                f"cap {args.max_memory} MB per worker); next query {after_status} in "
                f"{after * 1000:.1f} ms"
            )

            def hold() -> None:
                with contextlib.suppress(OSError):  # the server stops before it answers
                    fresh(port, SLOW)

            holder = threading.Thread(target=hold, daemon=True)
            holder.start()
            time.sleep(0.5)
            second, _ = fresh(port, SLOW)
            try:
                other, other_s = fresh(port, ONE_ROW, source="127.0.0.2")
                other_text = f"{other} in {other_s * 1000:.1f} ms"
            except OSError:
                other_text = "not measured (127.0.0.2 not available)"
            print(
                f"one client holding a slow query: its second slow query {second}; "
                f"another client's one-row query {other_text}"
            )
            holder.join(120)

            base = tree_rss(server.pid)
            peak = [base]
            done.clear()
            watcher = threading.Thread(target=watch)
            watcher.start()
            answers: list[int] = []

            def explode(source: str) -> None:
                answers.append(fresh(port, EXPLODING, source)[0])

            askers = [
                threading.Thread(target=explode, args=(source,))
                for source in ("127.0.0.1", "127.0.0.2")
            ]
            for asker in askers:
                asker.start()
            for asker in askers:
                asker.join(120)
            done.set()
            watcher.join()
            print(
                f"two exploding queries at once (two addresses): {sorted(answers)}; server tree "
                f"RSS {base >> 20} MB -> peak {peak[0] >> 20} MB (bound: 2 x {args.max_memory} "
                f"MB + base = {(2 * args.max_memory) + (base >> 20)} MB)"
            )

            trickling = []
            for _ in range(80):
                sock = socket.create_connection(("127.0.0.1", port))
                sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                trickling.append(sock)
            latencies = []
            for _ in range(5):
                for sock in trickling:
                    with contextlib.suppress(OSError):
                        sock.sendall(b"X-Slow: 1\r\n")
                latencies.append(fresh(port, ONE_ROW))
                time.sleep(1)
            for sock in trickling:
                sock.close()
            print(
                "80 connections trickling headers: one-row queries "
                + ", ".join(f"{status} in {seconds * 1000:.1f} ms" for status, seconds in latencies)
            )
        finally:
            server.terminate()
            server.wait(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
