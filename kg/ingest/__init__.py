"""Ingestion: news articles from files, directories, feeds, URLs and stdin, as Article records.

>>> from kg.ingest import IngestReport, read_articles
>>> report = IngestReport()
>>> articles = list(read_articles(["examples/"], report=report))  # doctest: +SKIP
>>> print(report.summary())  # doctest: +SKIP
read 3 articles, skipped 0
"""

from __future__ import annotations

from kg.ingest.ids import url_id
from kg.ingest.reader import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, KIND_BY_SUFFIX, read_articles
from kg.ingest.report import IngestReport

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "KIND_BY_SUFFIX",
    "IngestReport",
    "read_articles",
    "url_id",
]
