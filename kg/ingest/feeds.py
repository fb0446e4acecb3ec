"""RSS and Atom feeds with feedparser: one article per entry, from its content or summary."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.dates import normalise_date
from kg.ingest.html import html_to_text
from kg.ingest.ids import url_id
from kg.ingest.markup import check_feed_xml
from kg.ingest.report import IngestReport
from kg.models import Article


def read_feed(data: bytes, *, origin: str, report: IngestReport) -> Iterator[Article]:
    """Yield one article per entry of an RSS or Atom feed; broken entries are reported.

    The entry id is the hash of its link (else of its guid), as for a URL read directly,
    so the same story from a feed and from its page has the same id.

    Raises:
        InputError: the feed declares XML entities, does not parse, or has no entries.
    """
    if not data.strip():
        raise InputError("empty")
    well_formed = check_feed_xml(data)
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    broken = parsed.get("bozo") and not well_formed
    reason = str(parsed.get("bozo_exception") or "not well-formed XML").splitlines()[0]
    if not parsed.entries:
        if broken:
            raise InputError(f"feed does not parse: {reason}")
        if not parsed.get("version"):
            raise InputError("not an RSS or Atom feed")
        raise InputError("feed has no entries")
    if broken:
        report.warn(f"{origin}: feed is not well-formed ({reason}); reading the entries recovered")
    source = _text(parsed.feed.get("title")) or None
    for index, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_article(entry, index=index, origin=origin, source=source)
        except InputError as exc:
            report.skip(f"{origin}: entry {index}: {exc}")


def _entry_article(entry: Any, *, index: int, origin: str, source: str | None) -> Article:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    text = _text(max(contents, key=len, default="")) or _text(entry.get("summary"))
    if not text:
        raise InputError("no content or summary")
    link = entry.get("link") or None
    key = link or entry.get("id") or f"{origin}#{index}"
    # dict.get: FeedParserDict.get maps "updated" to "published" with a deprecation warning
    published = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return Article(
        id=url_id(key),
        text=text,
        title=_text(entry.get("title")) or None,
        published=normalise_date(published) or normalise_date(dict.get(entry, "published")),
        url=link,
        source=source,
        author=_text(entry.get("author")) or None,
        origin=origin,
    )


def _text(value: Any) -> str:
    return html_to_text(value) if isinstance(value, str) else ""
