"""A small HTTP client for SPARQL endpoints and graph stores (standard library only).

Every failure becomes one :class:`~kg.errors.EndpointError` line: unreachable
host, timeout, 401 (with a hint about ``--user``/``--password``), 403, or any
other error status with the first line the server gave. HTTP Basic and Digest
authentication are both offered; the server's challenge picks one.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from kg.errors import EndpointError

USER_AGENT = "intel-kg (+https://w3id.org/intel-kg)"


@dataclass(frozen=True)
class Response:
    """Status, content type and body of an answered request."""

    status: int
    content_type: str
    body: bytes

    def text(self) -> str:
        """The body decoded as UTF-8 (replacing undecodable bytes)."""
        return self.body.decode("utf-8", errors="replace")


def request(
    method: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
    user: str | None = None,
    password: str | None = None,
    ok_statuses: tuple[int, ...] = (),
) -> Response:
    """Send one request and return the response.

    Args:
        method: ``GET``, ``POST``, ``PUT`` or ``DELETE``.
        url: an ``http`` or ``https`` URL.
        data: the request body.
        headers: extra request headers.
        timeout: seconds to wait for a connection and for each read.
        user: user name for Basic/Digest authentication.
        password: its password.
        ok_statuses: error statuses (>= 400) to return instead of raising, e.g. 400 to read
            a server's syntax-error message.

    Raises:
        EndpointError: one line saying what went wrong.

    Example:
        >>> request("GET", "ftp://example.org/")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        kg.errors.EndpointError: ...only http and https URLs...
    """
    if not url.startswith(("http://", "https://")):
        raise EndpointError(f"{url}: only http and https URLs are supported")
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password or "")
        handlers += [
            urllib.request.HTTPBasicAuthHandler(passwords),
            urllib.request.HTTPDigestAuthHandler(passwords),
        ]
    opener = urllib.request.build_opener(*handlers)
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("User-Agent", USER_AGENT)
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with opener.open(req, timeout=timeout) as answer:
            return Response(answer.status, answer.headers.get("Content-Type", ""), answer.read())
    except urllib.error.HTTPError as exc:
        body = exc.read() if exc.fp else b""
        if exc.code in ok_statuses:
            return Response(exc.code, exc.headers.get("Content-Type", ""), body)
        raise EndpointError(describe_status(url, exc.code, body)) from None
    except TimeoutError:
        raise EndpointError(f"{url} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise EndpointError(f"{url} did not answer within {timeout:g} s") from None
        raise EndpointError(f"cannot reach {url}: {exc.reason}") from None
    except (ConnectionError, OSError) as exc:
        raise EndpointError(f"cannot reach {url}: {exc}") from None


def describe_status(url: str, status: int, body: bytes) -> str:
    """One line for an error status, with the first meaningful line of the server's message."""
    detail = first_line(body)
    if status == 401:
        return f"{url} asks for credentials (HTTP 401): give --user and --password" + (
            "" if not detail else f" ({detail})"
        )
    if status == 403:
        return f"{url} refused the request (HTTP 403)" + ("" if not detail else f": {detail}")
    return f"{url} answered HTTP {status}" + ("" if not detail else f": {detail}")


def first_line(body: bytes, limit: int = 300) -> str:
    """The first non-empty line of an error body, without markup, at most ``limit`` characters."""
    text = re.sub(r"<[^>]+>", " ", body.decode("utf-8", errors="replace"))
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:limit]
    return ""
