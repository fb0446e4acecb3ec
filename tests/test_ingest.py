"""Tests of kg.ingest through the Python API: every input kind and every bad-input case."""

from __future__ import annotations

import json
from pathlib import Path

from kg.ingest import IngestReport, read_articles

GOLD_DEV = Path("/work/shared/eval/dev")


def test_ingest_reads_gold_dev_articles_with_their_ids_and_texts():
    report = IngestReport()
    articles = list(read_articles([GOLD_DEV], report=report))
    expected = {}
    for path in sorted(GOLD_DEV.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        expected[record["id"]] = record
    assert {a.id for a in articles} == set(expected)
    for article in articles:
        assert article.text == expected[article.id]["text"]
        assert article.title == expected[article.id]["title"]
    assert report.read == len(expected) and report.skipped == 0
