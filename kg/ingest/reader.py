"""read_articles: every input kind to a stream of :class:`Article`, bad inputs reported and skipped.

An input is a file, a directory (read recursively, by extension), an ``http(s)://``
URL, or ``-`` for standard input. Each reader is a generator of articles that raises
:class:`InputError` for an input it cannot read at all; this module catches that,
reports it, and goes on with the next input. Readers report bad records *inside* an
input (a malformed JSON line, a broken feed entry) themselves and keep going.
"""

from __future__ import annotations

import gzip
import itertools
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.ingest.decode import decode_bytes
from kg.ingest.feeds import read_feed
from kg.ingest.html import read_html
from kg.ingest.ids import url_id
from kg.ingest.jsonl import read_json, read_jsonl
from kg.ingest.report import IngestReport
from kg.ingest.text import read_text
from kg.ingest.urls import fetch, kind_of_media_type
from kg.models import Article, content_hash

log = logging.getLogger("kg.ingest")

DEFAULT_TIMEOUT = 20.0
"""Seconds allowed for fetching one URL (connection, each read, and the whole body)."""

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest body accepted from one URL or standard input."""

KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
"""File extensions read, and the reader for each; ``.gz`` may follow any of them."""


def read_articles(
    inputs: Iterable[str | Path],
    *,
    report: IngestReport | None = None,
    allow_private_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article]:
    """Yield one :class:`Article` per article found in ``inputs``, skipping what cannot be read.

    Args:
        inputs: files, directories (recursive), ``http(s)://`` URLs, or ``-`` (stdin).
        report: filled with counts and one warning per skipped input, record or duplicate.
        allow_private_network: let URLs reach loopback, private and link-local addresses.
        timeout: seconds allowed per URL.
        max_bytes: size cap for a URL body or standard input.

    Ids are stable (the ``id`` field, the file stem, or a hash of the URL); an article
    whose text was already read is skipped as a duplicate.

    Example:
        >>> report = IngestReport()
        >>> ids = [a.id for a in read_articles(["examples/"], report=report)]
        >>> report.summary()  # doctest: +SKIP
        'read 3 articles, skipped 0'
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    report = report if report is not None else IngestReport()
    options = _Options(allow_private_network, timeout, max_bytes)
    seen_text: dict[str, str] = {}
    seen_ids: set[str] = set()
    for item in inputs:
        for article in _read_input(str(item), options, report):
            digest = content_hash(article.text)[:32]  # 128 bits: memory stays small at scale
            if digest in seen_text:
                report.skip(
                    f"{article.origin}: {article.id}: same text as {seen_text[digest]}, "
                    "ingested once",
                    duplicate=True,
                )
                continue
            if article.id in seen_ids:
                article = _renamed(article, f"{article.id}-{digest[:8]}", report)
            seen_text[digest] = article.id
            seen_ids.add(article.id)
            report.read += 1
            yield article
    report.log_repeats()


@dataclass(frozen=True)
class _Options:
    """The network and size limits of one :func:`read_articles` run."""

    allow_private_network: bool
    timeout: float
    max_bytes: int


def _renamed(article: Article, new_id: str, report: IngestReport) -> Article:
    report.warn(f"{article.origin}: id {article.id!r} already used, renamed {new_id!r}")
    return replace(article, id=new_id)


def _read_input(item: str, options: _Options, report: IngestReport) -> Iterator[Article]:
    """Yield the articles of one input; report and skip it if it cannot be read."""
    try:
        if item == "-":
            yield from _read_stdin(options, report)
        elif "://" in item:
            yield from _read_url(item, options, report)
        else:
            path = Path(item)
            if path.is_dir():
                for file in _walk(path):
                    yield from _read_file_reported(file, report)
            elif path.exists():
                yield from _read_file(path, report, explicit=True)
            else:
                raise InputError("no such file or directory")
    except InputError as exc:
        report.skip(f"{item}: {exc}")


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` with a known extension, sorted, skipping hidden names."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if not name.startswith(".") and kind_of(path):
                yield path
            else:
                log.debug("%s: not an article file (hidden or unknown extension), ignored", path)


def kind_of(path: Path) -> str | None:
    """The reader for ``path`` by extension (``.gz`` allowed after it), or None.

    >>> kind_of(Path("feed.rss")), kind_of(Path("news.jsonl.gz")), kind_of(Path("a.pdf"))
    ('feed', 'jsonl', None)
    """
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return KIND_BY_SUFFIX.get(suffixes[-1]) if suffixes else None


def _read_file_reported(path: Path, report: IngestReport) -> Iterator[Article]:
    try:
        yield from _read_file(path, report)
    except InputError as exc:
        report.skip(f"{path}: {exc}")


def _read_file(path: Path, report: IngestReport, *, explicit: bool = False) -> Iterator[Article]:
    """Yield the articles of one file; an explicitly named file of unknown type is sniffed."""
    origin = str(path)
    gzipped = path.suffix.lower() == ".gz"
    stem = Path(path.stem if gzipped else path.name).stem
    kind = kind_of(path)
    try:
        if kind == "jsonl":
            with _open(path, gzipped) as stream:
                yield from read_jsonl(stream, stem=stem, origin=origin, report=report)
            return
        data = _read_all(path, gzipped)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if kind is None:
        if not explicit:
            return
        kind = sniff_kind(data)
    yield from read_bytes(data, kind, article_id=stem, origin=origin, report=report)


def _open(path: Path, gzipped: bool) -> BinaryIO:
    return gzip.open(path, "rb") if gzipped else path.open("rb")  # type: ignore[return-value]


def _read_all(path: Path, gzipped: bool) -> bytes:
    with _open(path, gzipped) as stream:
        return stream.read()


def _read_url(url: str, options: _Options, report: IngestReport) -> Iterator[Article]:
    """A page, feed or JSON document at ``url``: the reader is chosen by the content type,
    else by the URL's extension, else by sniffing the body. Its article id is ``url_id(url)``.
    """
    fetched = fetch(
        url,
        timeout=options.timeout,
        max_bytes=options.max_bytes,
        allow_private_network=options.allow_private_network,
    )
    kind = (
        kind_of_media_type(fetched.media_type)
        or kind_of(PurePosixPath(urlsplit(fetched.url).path))
        or sniff_kind(fetched.data)
    )
    if kind == "json" and fetched.data.lstrip()[:1] == b"{":
        kind = sniff_kind(fetched.data)  # JSON lines are often served as application/json
    articles = read_bytes(
        fetched.data,
        kind,
        article_id=url_id(url),
        origin=url,
        report=report,
        url=fetched.url,
        charset=fetched.charset,
    )
    for article in articles:
        yield article if article.url or kind == "feed" else replace(article, url=fetched.url)


def _read_stdin(options: _Options, report: IngestReport) -> Iterator[Article]:
    """Standard input: JSON lines are streamed; any other content is read up to the size cap."""
    stream = sys.stdin.buffer
    head = b""
    while not head.strip() and len(head) <= options.max_bytes:
        line = stream.readline(options.max_bytes + 1)
        if not line:
            break
        head += line
    if sniff_kind(head) == "jsonl":
        lines = itertools.chain(head.splitlines(keepends=True), stream)
        yield from read_jsonl(lines, stem="stdin", origin="-", report=report)
        return
    data = head + stream.read(max(0, options.max_bytes + 1 - len(head)))
    if len(data) > options.max_bytes:
        raise InputError(f"standard input is larger than {options.max_bytes} bytes")
    yield from read_bytes(data, sniff_kind(data), article_id="stdin", origin="-", report=report)


def sniff_kind(data: bytes) -> str:
    """Guess the reader for content of unknown type from its first bytes.

    ``{`` starts JSON lines unless the first line is not a whole object (then JSON);
    ``[`` starts JSON; ``<`` starts a feed if an RSS/Atom/RDF root appears early, else
    HTML; anything else is text.

    >>> sniff_kind(b'{"text": "a"}\\n{"text": "b"}\\n'), sniff_kind(b"<rss version='2.0'>")
    ('jsonl', 'feed')
    """
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first_line = data.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first_line)
        except (ValueError, RecursionError):
            return "json"
        return "jsonl"
    if head.startswith(b"<"):
        lower = head.lower()
        if any(tag in lower for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")):
            return "feed"
        return "html"
    return "text"


def read_bytes(
    data: bytes,
    kind: str,
    *,
    article_id: str,
    origin: str,
    report: IngestReport,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Article]:
    """Yield the articles of one document held in memory, read as ``kind``.

    Raises:
        InputError: the document is empty, binary, undecodable or unreadable as ``kind``.
    """
    notes: list[str] = []
    if kind == "jsonl":
        yield from read_jsonl(data.splitlines(), stem=article_id, origin=origin, report=report)
    elif kind == "feed":
        yield from read_feed(data, origin=origin, report=report)
    elif kind == "html":
        articles = read_html(
            data, article_id=article_id, origin=origin, url=url, charset=charset, notes=notes
        )
        yield from _noted(articles, notes, origin, report)
    elif kind == "json":
        text = decode_bytes(data, charset, notes)
        _warn_notes(notes, origin, report)
        yield from read_json(text, stem=article_id, origin=origin, report=report)
    else:
        text = decode_bytes(data, charset, notes)
        _warn_notes(notes, origin, report)
        yield from read_text(text, article_id=article_id, origin=origin)


def _warn_notes(notes: list[str], origin: str, report: IngestReport) -> None:
    for note in notes:
        report.warn(f"{origin}: {note}")
    notes.clear()


def _noted(
    articles: Iterator[Article], notes: list[str], origin: str, report: IngestReport
) -> Iterator[Article]:
    for article in articles:
        _warn_notes(notes, origin, report)
        yield article
    _warn_notes(notes, origin, report)
