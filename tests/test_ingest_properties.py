"""Property tests: whatever bytes or text an analyst feeds in, ingestion does not crash and
every input is accounted for (read as articles, or skipped with a one-line warning).

Hypothesis example counts are kept moderate (50-80) so that the suite stays fast.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import IngestReport, read_articles
from kg.ingest.decode import clean_text

DATA = Path(__file__).parent / "data" / "ingest"
SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".gz")
SPECIALS = (
    "\u0301",  # combining acute accent
    "e\u0301\u0302\u0303",  # stacked combining marks
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "مجموعة قرصنة إيرانية",  # Arabic (RTL)
    "קבוצת האקרים",  # Hebrew (RTL)
    "🛰️👩‍💻🇺🇦",  # emoji with joiners and flags
    "\x00",  # NUL
    "\ufeff",  # byte-order mark inside the text
    "\r\n",
    "\u2028",  # line separator
    "\U0010ffff",  # the last code point
)
unicode_text = st.lists(
    st.one_of(st.text(st.characters(exclude_categories=("Cs",))), st.sampled_from(SPECIALS)),
    max_size=12,
).map("".join)
surrogate_text = st.lists(  # lone surrogates only exist in JSON escapes (\ud800), not in UTF-8
    st.one_of(
        st.text(st.characters(categories=["Cs"]), max_size=3),
        st.text(st.characters()),
        st.sampled_from(SPECIALS),
    ),
    max_size=12,
).map("".join)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@contextmanager
def files(**contents: bytes) -> Iterator[list[Path]]:
    """Write ``name=bytes`` files to a fresh directory; yield their paths."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, data in contents.items():
            path = Path(folder, name)
            path.write_bytes(data)
            paths.append(path)
        yield paths


def ingest(inputs: list) -> tuple[list, IngestReport]:
    report = IngestReport()
    articles = list(read_articles(inputs, report=report))
    assert_accounted(inputs, articles, report)
    return articles, report


def assert_accounted(inputs: list, articles: list, report: IngestReport) -> None:
    """Every input gave articles or a warning; counts add up; articles are clean."""
    assert report.read == len(articles)
    assert report.skipped <= len(report.warnings)
    for item in inputs:
        name = str(item)
        assert any(a.origin == name for a in articles) or any(
            w.startswith(name) for w in report.warnings
        ), f"{name} neither read nor reported"
    for warning in report.warnings:
        assert warning and "\n" not in warning
    for article in articles:
        assert article.id and article.text.strip()
        for value in (article.id, article.text, article.title or "", article.source or ""):
            value.encode("utf-8")  # no lone surrogates left
            assert "\x00" not in value
        assert article.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published)


@SETTINGS
@given(text=unicode_text, suffix=st.sampled_from([".txt", ".md"]))
def test_ingest_property_arbitrary_unicode_text_file(text, suffix):
    with files(**{f"a{suffix}": text.encode("utf-8")}) as paths:
        articles, report = ingest(paths)
    if "\x00" not in text and clean_text(text.removeprefix("\ufeff")).strip():
        assert report.read == 1, report.warnings  # text with no NUL is never dropped


@SETTINGS
@given(title=surrogate_text, text=surrogate_text, published=surrogate_text)
def test_ingest_property_json_with_lone_surrogates_and_odd_unicode(title, text, published):
    record = {"id": "x", "title": title, "text": text, "published": published}
    line = json.dumps(record)  # ensure_ascii: surrogates become \udXXX escapes
    with files(**{"a.json": line.encode(), "b.jsonl": (line + "\n" + line).encode()}) as paths:
        articles, report = ingest(paths)
    if clean_text(text).strip():
        assert report.read == 1 and report.duplicates == 2  # same text: read once


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_ingest_property_random_bytes_any_extension(data, suffix):
    with files(**{f"r{suffix}": data}) as paths:
        ingest(paths)


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_ingest_property_random_bytes_on_stdin(data, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    ingest(["-"])


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=(DATA / "one.json").stat().st_size))
def test_ingest_property_truncated_json(cut):
    data = (DATA / "one.json").read_bytes()[:cut]
    with files(**{"t.json": data, "t.jsonl": data.replace(b"\n", b" ")}) as paths:
        articles, report = ingest(paths)
    complete = data.rstrip().endswith(b"}")
    assert report.read == (1 if complete else 0)


@pytest.mark.parametrize("depth", [100, 10_000, 200_000])
@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_ingest_property_deeply_nested_json(depth, opener):
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + "1" + closer * depth
    with files(**{"n.json": nested.encode(), "n.jsonl": nested.encode() + b"\n"}) as paths:
        articles, report = ingest(paths)
    assert articles == [] and report.skipped == 2


def test_ingest_property_huge_single_line():
    line = "Hackers struck the ministry again " * 60_000  # about 2 MB, no newline
    record = json.dumps({"id": "huge", "text": line})
    page = f"<html><body><article><p>{line}</p></article></body></html>"
    with files(**{
        "h.txt": line.encode(), "h.jsonl": record.encode(), "h.html": page.encode()
    }) as paths:
        articles, report = ingest(paths)
    assert report.read == 1 and report.duplicates == 2
    assert len(articles[0].text) == len(line.strip())


html_without_body = st.one_of(
    st.just(b""),
    st.just(b"<html></html>"),
    st.just(b"<!DOCTYPE html><html><head></head></html>"),
    st.just(b"<html><body></body></html>"),
    st.just(b"<frameset><frame src='a.html'></frameset>"),
    unicode_text.map(lambda t: f"<html><head><title>{escape(t)}</title></head></html>".encode()),
    unicode_text.map(lambda t: f"<html><head><meta name='x' content='{t}'></head>".encode()),
)


@SETTINGS
@given(page=html_without_body)
def test_ingest_property_html_without_body_is_skipped(page):
    with files(**{"p.html": page}) as paths:
        articles, report = ingest(paths)
    assert articles == [] and report.skipped == 1


@SETTINGS
@given(markup=unicode_text)
def test_ingest_property_arbitrary_html(markup):
    with files(**{"p.html": f"<html><body>{markup}</body></html>".encode()}) as paths:
        ingest(paths)


xml_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")), max_size=120
)
entries = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "title": xml_text,
            "description": xml_text,
            "link": st.one_of(xml_text, st.just("https://example.org/a")),
            "pubDate": st.one_of(xml_text, st.just("Tue, 14 Mar 2023 09:30:00 +0000")),
            "guid": xml_text,
        },
    ),
    min_size=1,
    max_size=6,
)


def rss(items: list[dict[str, str]]) -> bytes:
    body = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"{body}</channel></rss>"
    ).encode()


@SETTINGS
@given(items=entries)
def test_ingest_property_feed_with_broken_entries(items):
    with files(**{"f.rss": rss(items)}) as paths:
        articles, report = ingest(paths)
    assert report.read + report.skipped == len(items)  # each entry read or reported


@SETTINGS
@given(items=entries, cut=st.integers(min_value=1, max_value=400))
def test_ingest_property_truncated_feed(items, cut):
    with files(**{"f.rss": rss(items)[:cut]}) as paths:
        ingest(paths)
