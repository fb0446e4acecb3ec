"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the embedded store.

``GET``/``POST /sparql`` with ``query=`` (or a ``application/sparql-query`` body);
answers negotiated by ``Accept``: SPARQL JSON (default), XML, CSV and TSV for
SELECT/ASK, Turtle (default), N-Triples and RDF/XML for CONSTRUCT/DESCRIBE. A
page with a query box is served at ``/`` (no external resources; works offline).

Safe by default:

* read-only: SPARQL Update is refused with 403 unless the server was started with
  ``--allow-update`` *and* the request carries ``Authorization: Bearer <token>``
  (compared with :func:`hmac.compare_digest`); ``LOAD`` and ``SERVICE`` (which
  would make the server fetch URLs) are refused with 403 always;
* limits: request body size (413), query time, result rows (cut, and the
  ``X-SPARQL-MaxRows`` header says so);
* queries run in worker processes: a query that overruns its time or its memory
  (``--max-memory``, 1 GB by default, watched every 50 ms) is killed with its worker
  (503, saying which) and a fresh worker takes its place, so one pathological query
  cannot stall the next client nor exhaust the host;
* an answer is at most ``max_answer`` bytes (64 MB; 503 beyond, saying so), and the
  answers being sent at once hold at most ``ANSWER_BUDGET`` answers' worth of memory
  (beyond, a large answer gets 503 with Retry-After; small ones always go out), so
  clients that read slowly cannot pile answers up in the server;
* one client (one IPv4 address, or one IPv6 /64) runs at most ``--max-client-queries``
  queries at once (default: all workers but one); more wait a moment, then get 429 with
  Retry-After;
* at most ``MAX_CONNECTIONS`` connections are served at once; a request's line and
  headers must arrive within ``header_timeout`` (20 s) in all, not per byte (and then its
  body), and when every slot is taken the connection that has waited longest for its
  headers or body is closed to make room (so clients trickling bytes, slowloris, cannot
  hold the server);
  503 only when every slot runs a request;
* the ``Host`` header must name the address served (or ``localhost``), else 421:
  a web page cannot reach a local endpoint by DNS rebinding (``--allowed-host``
  adds names);
* binds 127.0.0.1 unless ``--host`` says otherwise; no CORS headers unless
  ``--cors ORIGIN`` names the one origin allowed.
"""

from __future__ import annotations

import contextlib
import hmac
import io
import ipaddress
import logging
import multiprocessing
import os
import queue
import signal
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError
from kg.rdf.syntax import forbidden_keywords

log = logging.getLogger(__name__)

BINDINGS_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
}
CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
WILDCARD_HOSTS = ("", "0.0.0.0", "::")
MAX_CONNECTIONS = 64
"""Connections served at once (beyond, the one idle longest is closed, else 503)."""
HEADER_TIMEOUT = 20.0
"""Seconds a connection may take, in all, to send a request's line and headers (or idle)."""
EVICT_WAIT = 1.0
"""Seconds a new connection waits for the slot of a closed idle connection."""
CLIENT_WAIT = 2.0
"""Seconds a client's query beyond its limit of concurrent queries waits before a 429."""
ANSWER_BUDGET = 4
"""Answers of the largest size (``max_answer``) the server holds at once while sending."""
SMALL_ANSWER = 1 << 20
"""Bytes of an answer that is always sent, whatever the others being sent hold."""
RESTART_INTERVAL = 5.0
"""Seconds between two tries to restart a query worker that could not be restarted."""
WATCH_INTERVAL = 0.05
"""Seconds between two looks at a running query's worker (its memory)."""


@dataclass(frozen=True)
class ServeConfig:
    """Settings of one ``kg serve``.

    Attributes:
        store: the store directory.
        host: address to bind (loopback by default).
        port: TCP port (0 picks a free one).
        allow_update: accept SPARQL Update from requests that carry ``token``.
        token: the bearer token for updates.
        cors: the one origin allowed to call from a browser (no CORS headers when None).
        timeout: seconds a query may run before its worker is killed.
        max_rows: rows (or triples) returned at most.
        max_answer: bytes of one answer at most (long values can make few rows big).
        max_body: bytes of request body accepted at most.
        workers: query worker processes (one, read-write, when updates are allowed).
        max_memory: bytes of memory (RSS) a query worker may use; over it, it is killed.
        max_client_queries: queries one client address may run at once (None: all
            workers but one).
        allowed_hosts: further names accepted in the ``Host`` header.
        max_connections: connections served at once.
        header_timeout: seconds a connection may take to send a request's line and
            headers (idle keep-alive time included), and then its body.
    """

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    token: str | None = None
    cors: str | None = None
    timeout: float = 30.0
    max_rows: int = 10_000
    max_answer: int = 64 << 20
    max_body: int = 1_000_000
    workers: int = 2
    max_memory: int = 1 << 30
    max_client_queries: int | None = None
    allowed_hosts: tuple[str, ...] = ()
    max_connections: int = MAX_CONNECTIONS
    header_timeout: float = HEADER_TIMEOUT

    @property
    def client_limit(self) -> int:
        """Queries one client may run at once: the setting, or all workers but one."""
        if self.max_client_queries is not None:
            return self.max_client_queries
        return max(1, (1 if self.allow_update else self.workers) - 1)

    def check(self) -> None:
        """Raise :class:`QueryError` for settings that cannot work or would be unsafe."""
        if self.allow_update and not self.token:
            raise QueryError(
                "--allow-update needs a token: pass --token or set KG_SERVE_TOKEN "
                "(clients then send 'Authorization: Bearer <token>')"
            )
        if (
            self.workers < 1
            or min(self.timeout, self.header_timeout) <= 0
            or self.max_rows < 1
            or self.max_answer < 1
            or self.max_body < 1
        ):
            raise QueryError("workers, timeouts, max rows and max body must be positive")
        if self.max_memory < (64 << 20):
            raise QueryError("--max-memory must be at least 64 MB")
        if (self.max_client_queries is not None and self.max_client_queries < 1) or (
            self.max_connections < 1
        ):
            raise QueryError("--max-client-queries and the connection limit must be positive")


# --- the worker processes ----------------------------------------------------------------


def _worker_main(
    conn: Connection, store_path: str, writable: bool, parent: int | None = None
) -> None:
    """Body of a worker process: open the store, then answer jobs until told to stop.

    The worker exits as soon as ``parent`` (the server) is gone, even mid-query: a
    server killed with SIGTERM or SIGKILL leaves no worker computing behind it.
    """
    from kg.rdf.store import KGStore

    if parent is not None:
        _exit_with(parent)

    try:
        kg_store = KGStore(store_path, read_only=not writable)
    except KGError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            break
        if job is None:
            break
        try:
            conn.send(_execute(kg_store.oxigraph, job))
        except MemoryError:
            conn.send((503, "text/plain; charset=utf-8", b"the query ran out of memory", {}))
        except Exception as exc:  # a reply for any failure: the worker must survive
            reason = f"query failed: {type(exc).__name__}: {exc}".rstrip(": ")
            conn.send((500, "text/plain; charset=utf-8", reason.encode(), {}))
    kg_store.close()


def _exit_with(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-server", daemon=True).start()


def _execute(store: Any, job: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
    """Run one query or update job in a worker; return (status, content type, body, headers)."""
    import pyoxigraph as ox

    from kg.query.results import WRITERS, to_graph
    from kg.rdf.store import PREFIXES, query_oxigraph

    text = "text/plain; charset=utf-8"
    if job["kind"] == "update":
        try:
            store.update(job["text"], prefixes=PREFIXES)
        except SyntaxError as exc:
            return 400, text, f"invalid SPARQL Update: {exc}".encode(), {}
        return 204, text, b"", {}
    try:
        result = query_oxigraph(
            store,
            job["text"],
            max_rows=job["max_rows"],
            default_graph=[ox.NamedNode(iri) for iri in job.get("default_graph", [])],
            named_graphs=[ox.NamedNode(iri) for iri in job.get("named_graphs", [])],
        )
    except QueryError as exc:
        return 400, text, str(exc).encode(), {}
    except ValueError as exc:
        return 400, text, f"invalid graph IRI: {exc}".encode(), {}
    offers = GRAPH_TYPES if result.kind == "graph" else BINDINGS_TYPES
    media = negotiate(job["accept"], list(offers))
    if media is None:
        wanted = ", ".join(dict.fromkeys(CONTENT_TYPES[f] for f in offers.values()))
        return 406, text, f"cannot answer in {job['accept']}: ask for one of {wanted}".encode(), {}
    fmt = offers[media]
    if result.kind == "graph":
        body = to_graph(result, fmt, PREFIXES)
    else:
        body = WRITERS[fmt](result).encode("utf-8")
    if len(body) > job["max_answer"]:
        return 503, text, (
            f"the answer is larger than {_size(job['max_answer'])} and was not sent: ask for "
            "fewer rows or shorter values"
        ).encode(), {}
    headers = {"X-SPARQL-MaxRows": str(job["max_rows"])} if result.truncated else {}
    return 200, CONTENT_TYPES[fmt] + "; charset=utf-8", body, headers


def _size(count: int) -> str:
    """Bytes in words: ``64 MB``, ``512 kB``."""
    return f"{count >> 20} MB" if count >= 1 << 20 else f"{max(1, count >> 10)} kB"


class _Worker:
    def __init__(self, store: Path, writable: bool, start_timeout: float = 60.0) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, str(store), writable, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()
        if not self.conn.poll(start_timeout):
            self.kill()
            raise QueryError(f"the query worker did not start within {start_timeout:g} s")
        status, message = self.conn.recv()
        if status != "ready":
            self.kill()
            raise QueryError(message)

    def rss(self) -> int | None:
        """The worker's resident memory in bytes (None where it cannot be read)."""
        return _rss(self.process.pid)

    def death(self) -> str:
        """Why the worker process ended, in words (after it has)."""
        self.process.join(1)
        code = self.process.exitcode
        if code is None:
            return "it stopped answering"
        if code < 0:
            with contextlib.suppress(ValueError):
                name = signal.Signals(-code).name
                hint = " (the system may be out of memory)" if -code == signal.SIGKILL else ""
                return f"it was killed by {name}{hint}"
            return f"it was killed by signal {-code}"
        return f"it exited with status {code}"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.process.join(5)
        except (OSError, ValueError):
            pass
        self.kill()


def _rss(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except Exception:  # noqa: BLE001 - no way to read it here: no memory watch
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class WorkerPool:
    """Worker processes that run queries with time and memory limits; an overrunning
    worker is killed and replaced."""

    def __init__(
        self,
        store: Path,
        *,
        writable: bool,
        size: int,
        timeout: float,
        max_memory: int | None = None,
    ) -> None:
        self.store, self.writable, self.timeout = store, writable, timeout
        self.max_memory, self.size = max_memory, size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._missing = 0
        """Workers that could not be restarted (tried again every RESTART_INTERVAL)."""
        self._restart_error = ""
        self._last_restart = 0.0
        for _ in range(size):
            self._idle.put(_Worker(store, writable))

    def run(self, job: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
        """Run a job on a free worker, waiting at most the time limit for one and for the answer."""
        text = "text/plain; charset=utf-8"
        self._retry_restart()
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                worker = self._idle.get(timeout=min(0.2, self.timeout))
                break
            except queue.Empty:
                with self._lock:
                    none_left, error = self._missing >= self.size, self._restart_error
                if none_left:
                    reason = (
                        f"no query worker is running: restarting one failed ({error}); "
                        f"tried again every {RESTART_INTERVAL:g} s"
                    )
                    return 503, text, reason.encode(), {"Retry-After": f"{RESTART_INTERVAL:g}"}
                if time.monotonic() >= deadline:
                    busy = b"all query workers are busy: try again shortly"
                    return 503, text, busy, {"Retry-After": "5"}
        try:
            worker.conn.send(job)
            reply, reason = self._wait(worker)
            if reply is not None:
                rss = worker.rss() if self.max_memory else None
                if rss is not None and self.max_memory and rss > self.max_memory:
                    worker.kill()  # answered, but holds too much memory now: start afresh
                    self._replace()
                else:
                    self._idle.put(worker)
                return reply
        except (EOFError, OSError):
            reason = f"the query worker failed ({worker.death()}) and was restarted"
        worker.kill()
        self._replace()
        return 503, text, reason.encode(), {}

    def _wait(self, worker: _Worker) -> tuple[Any, str]:
        """The worker's reply, or None and why it was stopped (time or memory)."""
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None, f"the query ran longer than {self.timeout:g} s and was stopped"
            if worker.conn.poll(min(WATCH_INTERVAL, left)):
                return worker.conn.recv(), ""
            if self.max_memory:
                rss = worker.rss()
                if rss is not None and rss > self.max_memory:
                    return None, (
                        f"the query needed more than {self.max_memory >> 20} MB of memory "
                        "and was stopped (kg serve --max-memory)"
                    )

    def _replace(self) -> None:
        def spawn() -> None:
            if self._closed:
                return
            try:
                self._idle.put(_Worker(self.store, self.writable))
            except QueryError as exc:
                log.error("cannot restart a query worker: %s", exc)
                with self._lock:
                    self._missing += 1
                    self._restart_error = str(exc)
                    self._last_restart = time.monotonic()

        threading.Thread(target=spawn, daemon=True).start()

    def _retry_restart(self) -> None:
        """Try again to start one worker that could not be restarted, once in a while."""
        with self._lock:
            if not self._missing or time.monotonic() - self._last_restart < RESTART_INTERVAL:
                return
            self._missing -= 1
            self._last_restart = time.monotonic()
        self._replace()

    def close(self) -> None:
        """Stop every idle worker."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """Pick the offered media type the ``Accept`` header prefers (the first offer for ``*/*``).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["application/json", "text/csv",
    ...     "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offers[0]
    best: tuple[float, int, str] | None = None
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        media = media.lower()
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        for offer in offers:
            if media in (offer, "*/*") or (media.endswith("/*") and offer.startswith(media[:-1])):
                candidate = (quality, -position - (0.5 if media.endswith("*") else 0), offer)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
                break
    return best[2] if best else None


# --- HTTP ------------------------------------------------------------------------------------


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the configuration, the worker pool and the per-client limits."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, config: ServeConfig) -> None:
        config.check()
        self.config = config
        self._connections = threading.BoundedSemaphore(config.max_connections)
        self._waiting: dict[Any, float] = {}
        """Connections waiting for a request's headers (or idle) -> since when."""
        self._evicted: set[Any] = set()
        self._sending_bytes = 0
        self._sending_lock = threading.Lock()
        self._waiting_lock = threading.Lock()
        self._clients: dict[str, list[Any]] = {}
        self._clients_lock = threading.Lock()
        self.pool = WorkerPool(
            config.store,
            writable=config.allow_update,
            size=1 if config.allow_update else config.workers,
            timeout=config.timeout,
            max_memory=config.max_memory,
        )
        try:
            super().__init__((config.host, config.port), SparqlHandler)
        except OSError as exc:
            self.pool.close()
            raise QueryError(f"cannot listen on {config.host}:{config.port}: {exc}") from None

    @property
    def url(self) -> str:
        """The endpoint URL (``http://host:port/sparql``)."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    # bounded connections

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread; when all slots are taken, close the connection
        that has waited longest for its request to make room, or answer 503 if none waits."""
        if not self._connections.acquire(blocking=False) and not self._evict_idle():
            body = b"too many connections: try again shortly\n"
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                    b"Retry-After: 1\r\nConnection: close\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._connections.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.waiting(request, False)
            self._connections.release()

    def waiting(self, connection: Any, waits: bool) -> bool:
        """Mark ``connection`` as waiting for a request (closable to make room) or not.

        Returns False when the connection was closed to make room meanwhile.
        """
        with self._waiting_lock:
            if connection in self._evicted:
                self._evicted.discard(connection)
                return False
            if waits:
                self._waiting[connection] = time.monotonic()
            else:
                self._waiting.pop(connection, None)
            return True

    def _evict_idle(self) -> bool:
        """Close the connection waiting longest for its request; True once its slot is ours."""
        with self._waiting_lock:
            if not self._waiting:
                return False
            oldest = min(self._waiting, key=self._waiting.__getitem__)
            del self._waiting[oldest]
            self._evicted.add(oldest)
        with contextlib.suppress(OSError):  # its handler reads end-of-file and finishes
            oldest.shutdown(socket.SHUT_RDWR)
        return self._connections.acquire(timeout=EVICT_WAIT)

    # per-client limits and Host names

    @contextlib.contextmanager
    def client_slot(self, client: str) -> Any:
        """Hold one of ``client``'s query slots for the block; yield False when none frees up."""
        with self._clients_lock:
            entry = self._clients.setdefault(
                client, [threading.BoundedSemaphore(self.config.client_limit), 0]
            )
            entry[1] += 1
        try:
            got = entry[0].acquire(timeout=CLIENT_WAIT)
            try:
                yield got
            finally:
                if got:
                    entry[0].release()
        finally:
            with self._clients_lock:
                entry[1] -= 1
                if entry[1] == 0:
                    self._clients.pop(client, None)

    @contextlib.contextmanager
    def sending(self, size: int) -> Any:
        """Count ``size`` bytes as being sent for the block; yield False when they do not
        fit in the budget of answers held at once (answers of a megabyte or less always do)."""
        budget = ANSWER_BUDGET * self.config.max_answer
        with self._sending_lock:
            fits = size <= SMALL_ANSWER or self._sending_bytes + size <= budget
            if fits:
                self._sending_bytes += size
        try:
            yield fits
        finally:
            if fits:
                with self._sending_lock:
                    self._sending_bytes -= size

    def host_allowed(self, header: str | None) -> bool:
        """True when a ``Host`` header names this server (see :class:`ServeConfig`)."""
        if header is None:
            return False
        name = _host_name(header)
        allowed = {"localhost", *LOOPBACK_HOSTS, *(h.lower() for h in self.config.allowed_hosts)}
        listen = self.config.host.lower().strip("[]")
        if name in allowed or name == listen:
            return True
        if listen in WILDCARD_HOSTS:  # every address of this machine: any IP literal
            try:
                ipaddress.ip_address(name)
            except ValueError:
                return False
            return True
        return False


def client_key(address: str) -> str:
    """Who a client is, for the per-client limits: its IPv4 address, or its IPv6 /64.

    One IPv6 host usually holds a whole /64, and could otherwise pose as many clients.

    >>> client_key("192.0.2.7"), client_key("2001:db8:1:2:a:b:c:d"), client_key("::ffff:192.0.2.7")
    ('192.0.2.7', '2001:db8:1:2::/64', '192.0.2.7')
    """
    try:
        ip = ipaddress.ip_address(address.partition("%")[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _host_name(header: str) -> str:
    """The host part of a ``Host`` header, lower-cased, without port or IPv6 brackets."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


class SparqlHandler(BaseHTTPRequestHandler):
    """One request: the SPARQL protocol at /sparql, the query page at /."""

    server: SparqlServer
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    timeout = 20  # seconds a client may stay silent while sending a request (or idle)

    def setup(self) -> None:
        super().setup()
        with contextlib.suppress(OSError):  # answers go out at once, not after a delayed ACK
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.rfile.close()  # read through a reader with an overall deadline instead
        self._reader = _DeadlineReader(self.connection, self.timeout)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        """Wait for one request (closable to make room meanwhile), within the header deadline."""
        self.server.waiting(self.connection, True)
        self._reader.within(self.server.config.header_timeout)
        try:
            super().handle_one_request()
        except ConnectionError:  # the client hung up: nothing to answer, nothing to log
            self.close_connection = True

    def parse_request(self) -> bool:
        """Parse the request line and headers, then refuse a Host that is not this server."""
        headers_read = super().parse_request()
        self._reader.within(None)
        if not self.server.waiting(self.connection, False):  # closed to make room
            self.close_connection = True
            return False
        if not headers_read:
            return False
        if not self.server.host_allowed(self.headers.get("Host")):
            self._send_text(
                421,
                f"Host {self.headers.get('Host')!r} is not this server: kg serve answers "
                f"for {self.server.config.host} and localhost (add names with --allowed-host)",
                close=True,
            )
            return False
        return True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        log.info("%s %s", self.address_string(), format % args)

    # routing

    def do_GET(self) -> None:  # noqa: N802 (stdlib naming)
        path, _, query_string = self.path.partition("?")
        if path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", _page(), page=True)
        elif path == "/sparql":
            params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
            if "update" in params:
                self._send_text(405, "send SPARQL Update with POST")
            elif "query" not in params:
                self._send_text(400, "missing query= parameter (SPARQL 1.1 Protocol)")
            else:
                self._query(params["query"][0], params)
        else:
            self._send_text(404, "not found: the endpoint is /sparql")

    def do_POST(self) -> None:  # noqa: N802
        path = self.path.partition("?")[0]
        if path != "/sparql":
            self._send_text(404, "not found: the endpoint is /sparql")
            return
        body = self._read_body()
        if body is None:
            return
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        url_params = urllib.parse.parse_qs(self.path.partition("?")[2], keep_blank_values=True)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._send_text(400, "the request body is not UTF-8")
            return
        if media == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(text, keep_blank_values=True)
            if "update" in params:
                self._update(params["update"][0])
            elif "query" in params:
                self._query(params["query"][0], params)
            else:
                self._send_text(400, "missing query= or update= parameter")
        elif media == "application/sparql-query":
            self._query(text, url_params)
        elif media == "application/sparql-update":
            self._update(text)
        else:
            self._send_text(
                415,
                "send application/x-www-form-urlencoded, application/sparql-query "
                "or application/sparql-update",
            )

    def do_OPTIONS(self) -> None:  # noqa: N802
        if not self.server.config.cors:
            self._send_text(405, "no cross-origin access (start kg serve with --cors ORIGIN)")
            return
        self._send(
            204,
            "text/plain",
            b"",
            extra={
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
                "Access-Control-Max-Age": "600",
            },
        )

    def do_PUT(self) -> None:  # noqa: N802
        self._send_text(405, "this endpoint does not implement the Graph Store Protocol")

    do_DELETE = do_PUT  # noqa: N815
    do_PATCH = do_PUT  # noqa: N815

    # the protocol

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._send_text(
                411, "send a Content-Length (chunked bodies are not accepted)", close=True
            )
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send_text(411, "a POST needs a Content-Length", close=True)
            return None
        if length < 0 or length > self.server.config.max_body:
            self._send_text(
                413,
                f"request body over the limit of {self.server.config.max_body} bytes",
                close=True,
            )
            return None
        self._reader.within(self.server.config.header_timeout)
        self.server.waiting(self.connection, True)  # not running yet: closable to make room
        try:
            body = self.rfile.read(length)
        finally:
            self._reader.within(None)
        if not self.server.waiting(self.connection, False) or len(body) < length:
            self.close_connection = True  # closed to make room, or the client hung up
            return None
        return body

    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        refused = forbidden_keywords(text)
        if refused:
            self._send_text(
                403,
                f"{' and '.join(sorted(refused))} not allowed: "
                "this endpoint only reads its own store",
            )
            return
        job = {
            "kind": "query",
            "text": text,
            "accept": self.headers.get("Accept", ""),
            "max_rows": self.server.config.max_rows,
            "max_answer": self.server.config.max_answer,
            "default_graph": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", []),
        }
        with self.server.client_slot(client_key(self.client_address[0])) as free:
            if not free:
                limit = self.server.config.client_limit
                self._send(
                    429,
                    "text/plain; charset=utf-8",
                    f"this client already runs {limit} quer{'y' if limit == 1 else 'ies'} "
                    "at once: wait for an answer first (kg serve --max-client-queries)\n".encode(),
                    extra={"Retry-After": "1"},
                )
                return
            status, content_type, body, headers = self.server.pool.run(job)
        with self.server.sending(len(body)) as room:
            if room:
                self._send(status, content_type, body, extra=headers)
                return
        del body
        self._send(
            503,
            "text/plain; charset=utf-8",
            b"the server is sending other large answers: try again shortly\n",
            extra={"Retry-After": "5"},
        )

    def _update(self, text: str) -> None:
        config = self.server.config
        if not config.allow_update:
            self._send_text(403, "read-only endpoint: SPARQL Update is disabled")
            return
        if not self._has_token():
            self._send_text(403, "SPARQL Update needs 'Authorization: Bearer <token>'")
            return
        refused = forbidden_keywords(text)
        if refused:
            self._send_text(403, f"{' and '.join(sorted(refused))} not allowed in updates")
            return
        status, content_type, body, headers = self.server.pool.run({"kind": "update", "text": text})
        self._send(status, content_type, body, extra=headers)

    def _has_token(self) -> bool:
        token = self.server.config.token or ""
        scheme, _, given = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return False
        return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))

    # sending

    def _send_text(self, status: int, message: str, *, close: bool = False) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(), close=close)

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        *,
        extra: dict[str, str] | None = None,
        page: bool = False,
        close: bool = False,
    ) -> None:
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if page:
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'",
            )
        cors = self.server.config.cors
        if cors:
            self.send_header("Access-Control-Allow-Origin", cors)
            self.send_header("Vary", "Origin")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        try:
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:  # the client hung up (e.g. while still sending a refused body)
            self.close_connection = True


class _DeadlineReader(io.RawIOBase):
    """A socket's input with an overall deadline besides the usual per-read timeout.

    A socket timeout alone bounds the silence between two bytes: a client that sends
    one header byte every few seconds would hold its connection for ever.
    """

    def __init__(self, sock: socket.socket, idle: float | None) -> None:
        super().__init__()
        self.sock, self.idle = sock, idle
        self.deadline: float | None = None

    def within(self, seconds: float | None) -> None:
        """Let the reads from now on take ``seconds`` in all (None: no overall limit)."""
        self.deadline = None if seconds is None else time.monotonic() + seconds
        if seconds is None:
            self.sock.settimeout(self.idle)  # writes too use the socket's timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        timeout = self.idle
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request took too long to arrive")
            timeout = left if timeout is None else min(timeout, left)
        self.sock.settimeout(timeout)
        return self.sock.recv_into(buffer)


def _page() -> bytes:
    return (resources.files("kg.query") / "static" / "index.html").read_bytes()


def make_server(config: ServeConfig) -> SparqlServer:
    """Start the workers and bind the socket; call ``serve_forever()`` on the result.

    Example:
        >>> server = make_server(ServeConfig(Path("output/kg.store"), port=0))  # doctest: +SKIP
        >>> threading.Thread(target=server.serve_forever, daemon=True).start()  # doctest: +SKIP
    """
    return SparqlServer(config)


def describe(server: SparqlServer) -> str:
    """The start-up message: where it listens, who can reach it, what it allows."""
    config = server.config
    if config.host in LOOPBACK_HOSTS:
        reach = "only this machine can connect (use --host to listen on other interfaces)"
    else:
        reach = f"listening on {config.host}: anyone who can reach this machine can query it"
    mode = "read-write with the token" if config.allow_update else "read-only"
    cors = f"CORS for {config.cors}" if config.cors else "no CORS"
    return (
        f"kg serve: SPARQL endpoint {server.url} ({mode}; {cors}; query time limit "
        f"{config.timeout:g} s, {config.max_memory >> 20} MB per worker, at most "
        f"{config.max_rows} rows, {config.client_limit} at once per client); {reach}. "
        "Query page at " + server.url.removesuffix("sparql") + " . Ctrl-C stops it."
    )
