"""Shared fixtures, found by every test module without an import.

``extractor`` is the spaCy-backed extractor, loaded once per session;
``query_store`` is the :mod:`query_graphs` corpus in a store on disk; ``served``
is ``kg serve`` over it on 127.0.0.1 (a free port) with short limits;
``virtuoso`` is a SPARQL 1.1 server for the push and server-store tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from query_fixtures import free_port, running
from query_graphs import build_store

from kg.query.server import ServeConfig, SparqlServer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def extractor():
    """The real ``kg.extract.Extractor`` (default model), loaded once for the whole session.

    It is the instance the CLI commands share, so CLI tests do not load the model again.
    """
    from kg.cli.extract_cmds import shared_extractor

    return shared_extractor(None, None)


@pytest.fixture(scope="session")
def query_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus in a store on disk (built once; tests only read it)."""
    return build_store(tmp_path_factory.mktemp("query") / "kg.store")


@pytest.fixture(scope="session")
def served(query_store: Path) -> Iterator[SparqlServer]:
    """``kg serve`` over the test store: 3 s query limit, 50 rows, 20 kB bodies, 2 workers."""
    config = ServeConfig(query_store, port=0, timeout=3.0, max_rows=50, max_body=20_000, workers=2)
    with running(config) as server:
        yield server


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The SPARQL endpoint URL of a Virtuoso that lets the test client write.

    Uses the server named by ``KG_TEST_VIRTUOSO`` (``.ci/run`` starts one with
    ``.ci/virtuoso.sh start``); else starts a throw-away one with the same script
    when ``virtuoso-t`` is installed (temporary database, free loopback ports) and
    stops it at the end; else skips.
    """
    url = os.environ.get("KG_TEST_VIRTUOSO")
    if url:
        if not _answers(url):
            pytest.fail(f"KG_TEST_VIRTUOSO={url} does not answer")
        yield url
        return
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.skip("no Virtuoso: set KG_TEST_VIRTUOSO or install virtuoso-opensource")
    env = dict(
        os.environ,
        KG_VIRTUOSO_HTTP_PORT=str(free_port()),
        KG_VIRTUOSO_ISQL_PORT=str(free_port()),
        KG_VIRTUOSO_STATE=str(tmp_path_factory.mktemp("virtuoso") / "state"),
    )
    script = str(ROOT / ".ci" / "virtuoso.sh")
    started = subprocess.run(
        [script, "start"], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    if started.returncode != 0:
        pytest.fail(f"could not start Virtuoso: {started.stderr.strip()[-500:]}")
    try:
        yield started.stdout.strip().splitlines()[-1].split("=", 1)[1]
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True, timeout=60, check=False)
