"""Publication dates in any common form to ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from typing import Any


def normalise_date(value: Any) -> str | None:
    """Return ``value`` as an ISO date ``YYYY-MM-DD``, or None if it is not a full date.

    Accepts ISO dates and timestamps, RFC 2822 dates (feeds, HTTP), ``datetime``/``date``
    objects, ``time.struct_time`` (feedparser) and free text that dateparser understands.

    >>> normalise_date("Tue, 14 Jan 2020 09:30:00 +0000")
    '2020-01-14'
    >>> normalise_date("14 January 2020"), normalise_date("soon")
    ('2020-01-14', None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()[:100]
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser_date(text)


DATE_LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar", "zh",
                  "ja", "ko", "fa", "he"]
"""Languages of month names tried for free-text dates (all of dateparser's take seconds to load)."""


def _dateparser_date(text: str) -> str | None:
    if not any(c.isdigit() for c in text):  # a full date has at least a day or a year in digits
        return None
    import dateparser

    try:
        parsed = dateparser.parse(
            text,
            languages=DATE_LANGUAGES,
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True},
        )
    except (ValueError, OverflowError, TypeError, RecursionError):
        return None
    return parsed.date().isoformat() if parsed else None
