"""Stable article ids for what has no file name or ``id`` field: a hash of its URL."""

from __future__ import annotations

import hashlib


def url_id(url: str) -> str:
    """The stable id of an article known by its URL: ``url-`` and 16 hex digits of its hash.

    >>> url_id("https://example.org/a")
    'url-b5b10dd0429e69ac'
    """
    return "url-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
