"""http(s) URLs: fetched with a timeout, a size cap and a User-Agent, never into private networks.

Only ``http`` and ``https`` are followed, on the first request and on every redirect.
Every address the host name resolves to is checked before connecting, and the
connection is made to a checked address (no second lookup an attacker could answer
differently): loopback, private, link-local, multicast and other non-global
addresses are refused unless ``allow_private_network`` is set. Proxies from the
environment are not used, since they would hide the address actually reached.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from kg import __version__
from kg.errors import InputError

USER_AGENT = f"intel-kg/{__version__} (knowledge-graph builder; +https://w3id.org/intel-kg)"
ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, application/json;q=0.9, text/plain;q=0.8, */*;q=0.5"
)
_KIND_BY_MEDIA_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "text/plain": "text",
    "text/markdown": "text",
}


@dataclass(frozen=True)
class Fetched:
    """A fetched body with its media type, charset and final URL (after redirects)."""

    data: bytes
    media_type: str
    charset: str | None
    url: str


def kind_of_media_type(media_type: str) -> str | None:
    """The reader for a response's media type (``text/html`` -> ``html``), or None.

    >>> kind_of_media_type("application/rss+xml"), kind_of_media_type("image/png")
    ('feed', None)
    """
    return _KIND_BY_MEDIA_TYPE.get(media_type.lower())


def fetch(url: str, *, timeout: float, max_bytes: int, allow_private_network: bool) -> Fetched:
    """GET ``url`` and return its body, within ``timeout`` seconds and ``max_bytes`` bytes.

    Raises:
        InputError: with a one-line reason, for every way the fetch can fail.

    Example:
        >>> fetch("file:///etc/passwd", timeout=1, max_bytes=10, allow_private_network=True)
        Traceback (most recent call last):
        kg.errors.InputError: only http and https URLs are read, not 'file'
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"only http and https URLs are read, not {parts.scheme!r}")
    if not parts.hostname:
        raise InputError("URL has no host")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    opener = _opener(allow_private_network)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputError(f"larger than the size cap of {max_bytes} bytes ({length})")
            chunks: list[bytes] = []
            total = 0
            while chunk := response.read1(65536):
                total += len(chunk)
                if total > max_bytes:
                    raise InputError(f"larger than the size cap of {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise InputError(f"timed out after {timeout:g} s")
                chunks.append(chunk)
            return Fetched(
                data=b"".join(chunks),
                media_type=response.headers.get_content_type(),
                charset=response.headers.get_content_charset(),
                url=response.geturl(),
            )
    except urllib.error.HTTPError as exc:
        raise InputError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise InputError(f"timed out after {timeout:g} s") from None
        raise InputError(f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise InputError(f"timed out after {timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise InputError(f"cannot fetch: {type(exc).__name__}: {exc}") from None


def check_address(host: str, address: str) -> None:
    """Refuse ``address`` (what ``host`` resolved to) unless it is a global unicast address.

    >>> check_address("example.org", "93.184.216.34")
    >>> check_address("localhost", "127.0.0.1")
    Traceback (most recent call last):
    kg.errors.InputError: refused: localhost resolves to non-public address 127.0.0.1 \
(pass --allow-private-network to allow it)
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for candidate in (ip, *embedded_ipv4(ip)):
        if not candidate.is_global or candidate.is_multicast:
            shown = ip if candidate == ip else f"{ip} (IPv4 {candidate})"
            raise InputError(
                f"refused: {host} resolves to non-public address {shown} "
                "(pass --allow-private-network to allow it)"
            )


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_COMPATIBLE = ipaddress.ip_network("::/96")
_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")  # SIIT (RFC 2765), unlike ::ffff:0:0/96


def embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: mapped, translated, IPv4-compatible, NAT64,
    6to4, Teredo.

    A connection to such an address can reach the IPv4 host inside it, so the
    private-address rule applies to that host too.

    >>> [str(a) for a in embedded_ipv4(ipaddress.ip_address("64:ff9b::7f00:1"))]
    ['127.0.0.1']
    >>> [str(a) for a in embedded_ipv4(ipaddress.ip_address("2002:c0a8:101::"))]
    ['192.168.1.1']
    """
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found: list[ipaddress.IPv4Address] = []
    value = int(ip)
    if ip.ipv4_mapped:
        found.append(ip.ipv4_mapped)
    if ip in _COMPATIBLE and value > 1:
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if ip in _NAT64 or ip in _TRANSLATED:
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if ip in _NAT64_LOCAL:  # RFC 6052 /48 (bits 48-63 and 72-87) or /96 layout
        packed = ip.packed
        found.append(ipaddress.IPv4Address(packed[6:8] + packed[9:11]))
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
        found = [a for a in found if int(a)]
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)
    return found


def _connector(allow_private_network: bool) -> Callable[..., socket.socket]:
    """A ``socket.create_connection`` that checks every resolved address before connecting."""

    def create_connection(
        address: tuple[str, int], timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT, *_: Any
    ) -> socket.socket:
        host, port = address
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if not allow_private_network:
            for info in infos:
                check_address(host, str(info[4][0]))
        error: OSError = OSError(f"no address for {host}")
        for family, socktype, proto, _canonname, sockaddr in infos:
            sock = socket.socket(family, socktype, proto)
            try:
                if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                    sock.settimeout(timeout)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error

    return create_connection


def _guarded(
    connection_class: type[http.client.HTTPConnection], connect: Callable[..., socket.socket]
) -> Callable[..., http.client.HTTPConnection]:
    """A factory of ``connection_class`` connections that connect through ``connect``."""

    def connection(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        conn = connection_class(host, **kwargs)
        conn._create_connection = connect  # type: ignore[attr-defined]
        return conn

    return connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, connect: Callable[..., socket.socket]) -> None:
        super().__init__()
        self._connection = _guarded(http.client.HTTPConnection, connect)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, connect: Callable[..., socket.socket]) -> None:
        super().__init__(context=ssl.create_default_context())
        self._connection = _guarded(http.client.HTTPSConnection, connect)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._context)  # type: ignore[attr-defined]


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows at most 5 redirects, and only to http and https (urllib would allow ftp)."""

    max_redirections = 5

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        target = headers.get("Location") or headers.get("URI")
        if target:
            newurl = urljoin(req.full_url, target)
            if urlsplit(newurl).scheme.lower() not in ("http", "https"):
                raise InputError(f"redirect to {newurl} refused: only http and https are followed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(allow_private_network: bool) -> urllib.request.OpenerDirector:
    """An opener with no proxy, file, ftp or data handlers: only guarded http(s)."""
    opener = urllib.request.OpenerDirector()
    connect = _connector(allow_private_network)
    for handler in (
        _HTTPHandler(connect),
        _HTTPSHandler(connect),
        _RedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener
