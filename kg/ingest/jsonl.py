"""JSON articles: one object or a list in ``.json``, one object a line in ``.jsonl`` (and .gz).

Fields: ``id``, ``title``, ``text``, ``published``, ``url``, ``source`` (also read:
``language``, ``author``, and the common aliases ``headline``, ``body``/``content``,
``date``/``datePublished``, ``link``, ``outlet``/``site``). Unknown fields are ignored,
so the gold files with their ``actors`` and ``relations`` load as articles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.dates import normalise_date
from kg.ingest.decode import clean_text, decode_bytes
from kg.ingest.report import IngestReport
from kg.models import Article

_ALIASES = {
    "id": ("id", "doc_id", "article_id"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "articleBody"),
    "published": ("published", "date", "datePublished", "published_at", "pubDate"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site", "sitename", "publisher"),
    "language": ("language", "lang"),
    "author": ("author", "byline"),
}


def _field(record: dict[str, Any], name: str, *, strip: bool = True) -> str | None:
    for key in _ALIASES[name]:
        value = record.get(key)
        if isinstance(value, dict):  # e.g. {"source": {"name": "Reuters"}}
            value = value.get("name")
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = clean_text(str(value))
            if text.strip():
                return text.strip() if strip else text
    return None


def record_to_article(record: Any, *, default_id: str, origin: str) -> Article:
    """Turn one JSON object into an :class:`Article`; ``default_id`` is used without ``id``.

    Raises:
        InputError: the record is not an object or has no text.

    >>> record_to_article({"text": "APT28 struck.", "published": "2020-05-14T08:00Z"},
    ...                   default_id="a", origin="a.json").published
    '2020-05-14'
    """
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, found {type(record).__name__}")
    text = _field(record, "text", strip=False)  # as given: gold offsets point into it
    if not text:
        raise InputError("no 'text' field")
    return Article(
        id=_field(record, "id") or default_id,
        text=text,
        title=_field(record, "title"),
        published=normalise_date(_field(record, "published")),
        url=_field(record, "url"),
        source=_field(record, "source"),
        language=_field(record, "language") or "en",
        author=_field(record, "author"),
        origin=origin,
    )


def _loads(text: str, *, one_line: bool = False) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"column {exc.pos + 1}" if one_line else f"line {exc.lineno} column {exc.colno}"
        reason = re.sub(r"\s+(starting )?at$", "", exc.msg)
        raise InputError(f"malformed JSON at {where}: {reason}") from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None


def read_json(text: str, *, stem: str, origin: str, report: IngestReport) -> Iterator[Article]:
    """Yield the article (one object) or articles (a list of objects) of a ``.json`` document.

    A bad item of a list is skipped and reported; a document that does not parse raises.

    Raises:
        InputError: the document is not valid JSON, or is one object that is not an article.
    """
    data = _loads(text)
    if not isinstance(data, list):
        yield record_to_article(data, default_id=stem, origin=origin)
        return
    if not data:
        raise InputError("empty JSON list")
    for index, record in enumerate(data, start=1):
        try:
            yield record_to_article(record, default_id=f"{stem}-{index}", origin=origin)
        except InputError as exc:
            report.skip(f"{origin}: item {index}: {exc}")


def read_jsonl(
    lines: Iterable[bytes], *, stem: str, origin: str, report: IngestReport
) -> Iterator[Article]:
    """Yield one article per line of a JSON-lines stream; bad lines are reported and skipped.

    Lines are decoded one by one (UTF-8, else detected, with a warning), so a huge file
    streams.

    Raises:
        InputError: the stream holds no line at all.
    """
    seen_any = False
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        notes: list[str] = []
        try:
            record = _loads(decode_bytes(raw, notes=notes).rstrip("\r\n"), one_line=True)
            for note in notes:
                report.warn(f"{origin}:{lineno}: {note}")
            yield record_to_article(record, default_id=f"{stem}-{lineno}", origin=origin)
        except InputError as exc:
            report.skip(f"{origin}:{lineno}: {exc}")
    if not seen_any:
        raise InputError("empty")
