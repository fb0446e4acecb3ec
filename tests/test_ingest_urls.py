"""Tests of URL ingestion against a server on 127.0.0.1 started by the fixture.

Every test that should reach the server sets ``allow_private_network=True``; the
refusal tests check that without it nothing reaches the server at all.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.ingest import IngestReport, read_articles, url_id
from kg.ingest.urls import USER_AGENT, check_address

pytestmark = pytest.mark.network

DATA = Path(__file__).parent / "data" / "ingest"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, tuple[int, dict[str, str], bytes, float]]
    requests: list[tuple[str, dict[str, str]]]

    def handle_error(self, request, client_address):  # a client that gave up: not an error
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.server.requests.append((self.path, dict(self.headers)))
        if self.path == "/drip":  # one byte every 0.1 s, for ever (until the client leaves)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(600):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            return
        status, headers, body, delay = self.server.routes.get(
            self.path, (404, {"Content-Type": "text/plain"}, b"not here", 0.0)
        )
        time.sleep(delay)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers and "X-No-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Site:
    """The test server: its base URL and the (path, headers) of every request it received."""

    def __init__(self, url: str, requests: list) -> None:
        self.url = url
        self.requests = requests

    def __str__(self) -> str:
        return self.url


@pytest.fixture(scope="module")
def site():
    """An HTTP server on 127.0.0.1 with the routes of the tests, for the module's tests."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    port = httpd.server_address[1]
    html = {"Content-Type": "text/html; charset=utf-8"}
    rss = {"Content-Type": "application/rss+xml"}
    page = (DATA / "page.html").read_bytes()
    big = b"Big\n\n" + b"word " * 5000
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "http://127.0.0.1:{port}/secret">]>'
        '<rss version="2.0"><channel><title>x</title><item><title>t</title>'
        "<description>leak: &s;</description></item></channel></rss>"
    )
    httpd.routes = {
        "/page.html": (200, html, page, 0.0),
        "/news/latest": (200, html, page, 0.0),
        "/feed": (200, rss, (DATA / "feed.rss").read_bytes(), 0.0),
        "/atom.xml": (200, {"Content-Type": "application/xml"}, (DATA / "feed.atom").read_bytes(),
                      0.0),
        "/articles": (200, {"Content-Type": "application/json"},
                      (DATA / "news.jsonl").read_bytes(), 0.0),
        "/one": (200, {"Content-Type": "application/json"}, (DATA / "one.json").read_bytes(), 0.0),
        "/story": (200, {"Content-Type": "text/plain; charset=windows-1252"},
                   (DATA / "latin1.txt").read_bytes(), 0.0),
        "/bomb": (200, rss, (DATA / "bad" / "bomb.xml").read_bytes(), 0.0),
        "/xxe": (200, rss, xxe.encode(), 0.0),
        "/external-dtd": (200, rss, (
            f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:{port}/evil.dtd">'
            '<rss version="2.0"><channel><title>x</title><item><title>t</title>'
            "<description>A story with an external DTD.</description></item></channel></rss>"
        ).encode(), 0.0),
        "/secret": (200, {"Content-Type": "text/plain"}, b"SECRET-VALUE-77", 0.0),
        "/slow": (200, html, page, 3.0),
        "/big": (200, {"Content-Type": "text/plain"}, big, 0.0),
        "/big-unannounced": (200, {"Content-Type": "text/plain", "X-No-Length": "1"}, big, 0.0),
        "/empty": (200, {"Content-Type": "text/html"}, b"", 0.0),
        "/error": (500, {"Content-Type": "text/plain"}, b"boom", 0.0),
        "/to-page": (302, {"Location": "/page.html"}, b"", 0.0),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b"", 0.0),
        "/to-ftp": (301, {"Location": "ftp://127.0.0.1/pub/x"}, b"", 0.0),
    }
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Site(f"http://127.0.0.1:{port}", httpd.requests)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(site):
    """The base URL of the test server, with its request log emptied."""
    site.requests.clear()
    return site.url


def read(*inputs, **options):
    report = IngestReport()
    return list(read_articles(list(inputs), report=report, **options)), report


def test_ingest_url_page_is_read_with_metadata_and_user_agent(server, site):
    url = f"{server}/page.html"
    [article], report = read(url, allow_private_network=True)
    assert article.id == url_id(url)
    assert article.url == url and article.origin == url
    assert article.title == "Water utility says intruders changed chemical settings"
    assert article.source == "Harbor Courier"
    assert article.published == "2021-02-09"
    [(path, headers)] = site.requests
    assert path == "/page.html"
    assert headers["User-Agent"] == USER_AGENT
    assert report.summary() == "read 1 article, skipped 0"


@pytest.mark.parametrize(
    ("path", "count", "first_title"),
    [
        ("/news/latest", 1, "Water utility says intruders changed chemical settings"),  # html
        ("/feed", 2, "Ukrainian police raid suspected phishing ring"),  # by content type
        ("/atom.xml", 2, "Brazil creates national cyber security agency"),  # xml: sniffed
        ("/articles", 2, "Canadian police charge man over ransomware campaign"),  # JSON lines
        ("/one", 1, "Finnish government websites hit by denial-of-service attack"),
        ("/story", 1, "Le ministère suisse de la défense piraté"),  # charset from header
    ],
)
def test_ingest_url_reader_follows_content_type(server, path, count, first_title):
    articles, _ = read(f"{server}{path}", allow_private_network=True)
    assert len(articles) == count
    assert articles[0].title == first_title


def test_ingest_url_feed_entries_keep_their_own_links(server):
    articles, _ = read(f"{server}/feed", allow_private_network=True)
    assert articles[0].url == "https://desk.example.org/2023/ukraine-phishing-raid"
    assert articles[0].id == url_id(articles[0].url)


def test_ingest_url_redirect_within_http_is_followed(server):
    [article], _ = read(f"{server}/to-page", allow_private_network=True)
    assert article.id == url_id(f"{server}/to-page")
    assert article.url == f"{server}/page.html"


@pytest.mark.parametrize(
    ("path", "target"), [("/to-file", "file:///etc/passwd"), ("/to-ftp", "ftp://127.0.0.1/pub/x")]
)
def test_ingest_url_redirect_to_other_scheme_is_refused(server, path, target):
    articles, report = read(f"{server}{path}", allow_private_network=True)
    assert articles == []
    assert report.warnings == [
        f"{server}{path}: redirect to {target} refused: only http and https are followed"
    ]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://h/1"])
def test_ingest_url_other_schemes_are_refused(url):
    articles, report = read(url, allow_private_network=True)
    assert articles == []
    scheme = url.split(":")[0]
    assert report.warnings == [f"{url}: only http and https URLs are read, not {scheme!r}"]


def test_ingest_url_loopback_is_refused_without_allow_private_network(server, site):
    articles, report = read(f"{server}/page.html", f"{server.replace('127.0.0.1', 'localhost')}/x")
    assert articles == []
    assert report.warnings[0] == (
        f"{server}/page.html: refused: 127.0.0.1 resolves to non-public address 127.0.0.1 "
        "(pass --allow-private-network to allow it)"
    )
    assert "refused: localhost resolves to non-public address" in report.warnings[1]
    assert site.requests == []  # nothing reached the server


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
     "100.64.0.1", "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::"],
)
def test_ingest_url_non_public_addresses_are_refused(address):
    with pytest.raises(InputError, match="non-public address"):
        check_address("host.example", address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_ingest_url_public_addresses_are_allowed(address):
    check_address("host.example", address)


def test_ingest_url_timeout_is_reported_and_batch_goes_on(server):
    start = time.perf_counter()
    articles, report = read(
        f"{server}/slow", f"{server}/one", allow_private_network=True, timeout=0.5
    )
    assert time.perf_counter() - start < 2.5
    assert [a.id for a in articles] == ["fixture-finland-ddos"]
    assert report.warnings == [f"{server}/slow: timed out after 0.5 s"]


def test_ingest_url_slow_drip_is_cut_by_the_total_timeout(server):
    start = time.perf_counter()
    articles, report = read(f"{server}/drip", allow_private_network=True, timeout=0.5)
    assert time.perf_counter() - start < 2.5
    assert articles == [] and report.warnings == [f"{server}/drip: timed out after 0.5 s"]


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_ingest_url_size_cap(server, path):
    articles, report = read(f"{server}{path}", allow_private_network=True, max_bytes=1000)
    assert articles == []
    assert report.warnings[0].startswith(
        f"{server}{path}: larger than the size cap of 1000 bytes"
    )
    articles, _ = read(f"{server}{path}", allow_private_network=True, max_bytes=100_000)
    assert len(articles) == 1


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/error", "HTTP 500 Internal Server Error"),
        ("/missing", "HTTP 404 Not Found"),
        ("/empty", "empty"),
        ("/bomb", "refused: declares XML entities (entity bomb or external-entity attack)"),
    ],
)
def test_ingest_url_failures_are_reported(server, path, reason):
    articles, report = read(f"{server}{path}", allow_private_network=True)
    assert articles == []
    assert report.warnings == [f"{server}{path}: {reason}"]


def test_ingest_url_connection_refused_is_reported():
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    articles, report = read(f"http://127.0.0.1:{port}/", allow_private_network=True)
    assert articles == []
    assert report.warnings[0].startswith(f"http://127.0.0.1:{port}/: cannot fetch: ")


def test_ingest_url_feed_external_dtd_is_not_fetched(server, site):
    [article], _ = read(f"{server}/external-dtd", allow_private_network=True)
    assert article.text == "A story with an external DTD."
    assert [path for path, _ in site.requests] == ["/external-dtd"]  # never /evil.dtd


def test_ingest_url_https_is_guarded_too(server, site):
    https = server.replace("http://", "https://")
    articles, report = read(f"{https}/page.html")
    assert articles == [] and "refused: 127.0.0.1 resolves to non-public" in report.warnings[0]
    assert site.requests == []
    # Allowed, the TLS handshake with a plain-HTTP server fails: reported, not raised.
    articles, report = read(f"{https}/page.html", allow_private_network=True, timeout=2)
    assert articles == [] and report.warnings[0].startswith(f"{https}/page.html: cannot fetch: ")


def test_ingest_url_xxe_fetches_nothing(server, site):
    articles, report = read(f"{server}/xxe", allow_private_network=True)
    assert articles == [] and "refused" in report.warnings[0]
    assert [path for path, _ in site.requests] == ["/xxe"]  # never /secret


# --- through the CLI ---------------------------------------------------------------------------


def test_ingest_cli_url_needs_allow_private_network(server):
    runner = CliRunner()
    url = f"{server}/page.html"
    refused = runner.invoke(main, ["articles", url])
    assert refused.exit_code == 1
    assert f"WARNING: {url}: refused: 127.0.0.1 resolves to non-public address" in refused.stderr
    assert refused.stderr.rstrip().endswith(
        "Error: no articles read (read 0 articles, skipped 1)"
    )
    allowed = runner.invoke(main, ["articles", url, "--allow-private-network", "--format", "jsonl"])
    assert allowed.exit_code == 0, allowed.stderr
    [record] = [json.loads(line) for line in allowed.stdout.splitlines()]
    assert record["id"] == url_id(url) and record["source"] == "Harbor Courier"
    assert allowed.stderr.strip() == "read 1 article, skipped 0"


def test_ingest_cli_timeout_and_max_bytes_options(server):
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["articles", f"{server}/slow", f"{server}/big", f"{server}/one",
         "--allow-private-network", "--timeout", "0.5", "--max-bytes", "5000"],
    )
    assert result.exit_code == 0, result.stderr
    assert "fixture-finland-ddos" in result.stdout
    assert f"WARNING: {server}/slow: timed out after 0.5 s" in result.stderr
    assert f"WARNING: {server}/big: larger than the size cap of 5000 bytes" in result.stderr
    assert result.stderr.strip().endswith("read 1 article, skipped 2")
