"""Helpers of the query, serve and push tests: run ``kg serve`` in a thread, find a free port.

Their fixtures (``query_store``, ``served``, ``virtuoso``) are in ``conftest.py``.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.query.server import ServeConfig, SparqlServer, make_server

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def running(config: ServeConfig) -> Iterator[SparqlServer]:
    """Run ``kg serve`` with ``config`` in a thread for the duration of the block."""
    server = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def push_from(path: Path, target: Any, **options: Any) -> Any:
    """``push_store`` from the store folder at ``path`` (opened read-only)."""
    from kg.query.push import push_store
    from kg.rdf.store import open_store

    with open_store(path, read_only=True) as store:
        return push_store(store, target, **options)
