"""Event dates: the date expression in a relation's sentence, resolved against publication.

"in 2015" -> ``2015`` (year); "last month" -> ``2017-09`` (month) for an article
published 2017-10-11; "on Sept. 13" and "last Wednesday" -> a day. Relative
expressions need the article's published date: without it they give no date.
Parsing uses dateparser (anchored with ``RELATIVE_BASE``), only on the DATE
entities spaCy found, and results are cached per (expression, anchor).
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

_YEAR = re.compile(r"^(?:in |since |during |early |late |mid-?)*((?:19|20)\d\d)$", re.I)
_HAS_YEAR = re.compile(r"\b(19|20)\d\d\b")
_MONTH = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?",
    re.I,
)
_DAY_NUMBER = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_RELATIVE = re.compile(r"\b(last|this|next|ago|yesterday|today|earlier|previous)\b", re.I)
_VAGUE = re.compile(
    r"\b(years?|decades?|months|weeks|days|recent|recently|ago|century|"
    r"times?|season|quarter|period|hours?)\b",
    re.I,
)


def event_date(sent: Span, trigger: Token, published: str | None) -> tuple[str, str] | None:
    """The (ISO date, precision) of the DATE entity of the trigger's clause, else the nearest."""
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    if not dates:
        return None
    own = [e for e in dates if _governed_by(e.root, trigger)]
    nearest = min(own or dates, key=lambda e: abs(e.start - trigger.i))
    return parse_date(nearest.text, published)


def _governed_by(token: Token, trigger: Token) -> bool:
    """True if ``token`` is in the clause of ``trigger`` (its subtree, up to 8 steps)."""
    for _ in range(8):
        if token.i == trigger.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


@lru_cache(maxsize=4096)
def parse_date(text: str, published: str | None) -> tuple[str, str] | None:
    """Resolve a date expression; None when vague or relative without an anchor.

    >>> parse_date("in 2015", None)
    ('2015', 'year')
    >>> parse_date("last month", "2017-10-11")
    ('2017-09', 'month')
    >>> parse_date("last month", None) is None
    True
    """
    text = " ".join(text.split()).strip(" ,.")
    year = _YEAR.match(text)
    if year:
        return year.group(1), "year"
    has_year = bool(_HAS_YEAR.search(text))
    month = _MONTH.search(text)
    weekday = _WEEKDAY.search(text)
    relative = _RELATIVE.search(text)
    if not (has_year or month or weekday or relative):
        return None
    if (
        _VAGUE.search(text)
        and not (month or weekday)
        and not re.search(r"\b(last|this|next) (week|month|year)\b|\bago\b", text, re.I)
    ):
        return None
    anchor = _anchor(published)
    if anchor is None and not has_year:
        return None
    if month and not has_year and not _DAY_NUMBER.search(text) and anchor is None:
        return None
    parsed = _fast_parse(text, anchor) or _dateparse(text, anchor)
    if parsed is None:
        return None
    if (
        weekday
        or (month and _DAY_NUMBER.search(_MONTH.sub("", text)))
        or re.search(r"\b(yesterday|today|days? ago)\b", text, re.I)
    ):
        return parsed.strftime("%Y-%m-%d"), "day"
    if month or re.search(r"\b(month|week)\b", text, re.I):
        return parsed.strftime("%Y-%m"), "month"
    return parsed.strftime("%Y"), "year"


_MONTH_NUMBER = {
    name: n
    for n, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_DAY_YEAR = re.compile(
    r"^(?:(?:in|on|since|during|early|late|mid-?)\s+)?([a-z]+)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?"
    r",?(?:\s+((?:19|20)\d\d))?$"
)


def _fast_parse(text: str, anchor: datetime | None) -> datetime | None:
    """The common expressions, without dateparser (which is slow): None if not one of them."""
    lower = text.lower()
    if anchor is not None:
        relative = re.match(r"^(last|this|next) (year|month|week)$", lower)
        if relative:
            step = {"last": -1, "this": 0, "next": 1}[relative.group(1)]
            unit = relative.group(2)
            if unit == "year":
                return anchor.replace(year=anchor.year + step, day=1)
            if unit == "week":
                return anchor + timedelta(days=7 * step)
            month = anchor.month + step
            year = anchor.year + (month - 1) // 12
            return anchor.replace(year=year, month=(month - 1) % 12 + 1, day=1)
        weekday = re.match(r"^(?:on |last |this )?(" + "|".join(_WEEKDAYS) + r")$", lower)
        if weekday:
            back = (anchor.weekday() - _WEEKDAYS.index(weekday.group(1))) % 7
            if back == 0 and lower.startswith("last "):
                back = 7  # "last Wednesday" written on a Wednesday is a week ago
            return anchor - timedelta(days=back)
        if lower in ("yesterday", "today"):
            return anchor - timedelta(days=1 if lower == "yesterday" else 0)
    match = _MONTH_DAY_YEAR.match(lower)
    if match and match.group(1) in _MONTH_NUMBER:
        month = _MONTH_NUMBER[match.group(1)]
        day = int(match.group(2) or 1)
        if match.group(3):
            year = int(match.group(3))
        elif anchor is not None:
            year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
        else:
            return None
        try:
            return datetime(year, month, day)
        except ValueError:
            return None
    return None


def _anchor(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:10])
    except ValueError:
        return None


def _dateparse(text: str, anchor: datetime | None) -> datetime | None:
    import dateparser  # imported here: it is slow to import and only needed for dates

    cleaned = re.sub(
        r"^(in|on|since|during|by|from|until|early|late|mid-?)\s+", "", text, flags=re.I
    )
    cleaned = re.sub(
        r"\b(last|this)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        r"\2",
        cleaned,
        flags=re.I,
    )
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = anchor
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return dateparser.parse(cleaned, languages=["en"], settings=settings)
        except Exception:  # dateparser raises assorted errors on odd input
            return None
