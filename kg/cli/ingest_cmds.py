"""``kg articles``: list the articles read from files, directories, feeds, URLs or stdin.

Also the ingestion options shared by every command that reads articles
(:func:`ingest_options`) and the helpers that run and close an ingestion
(:func:`articles_from`, :func:`finish_ingest`)::

    @main.command()
    @click.argument("inputs", nargs=-1, required=True)
    @ingest_options
    def extract(inputs, ingest):
        report = IngestReport()
        for article in articles_from(inputs, ingest, report):
            ...
        finish_ingest(report)
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any

import click

from kg.cli import format_option, is_quiet, main
from kg.errors import InputError
from kg.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, IngestReport, read_articles
from kg.models import Article


def ingest_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--allow-private-network``, ``--timeout`` and ``--max-bytes`` to a command.

    The command receives them bundled as one keyword argument ``ingest`` (a dict of
    :func:`kg.ingest.read_articles` keyword arguments), ready for :func:`articles_from`.
    """

    @functools.wraps(func)
    def command(
        *args: Any, allow_private_network: bool, timeout: float, max_bytes: int, **kwargs: Any
    ) -> Any:
        ingest = {
            "allow_private_network": allow_private_network,
            "timeout": timeout,
            "max_bytes": max_bytes,
        }
        return func(*args, ingest=ingest, **kwargs)

    command.__click_params__ = list(getattr(func, "__click_params__", []))  # type: ignore[attr-defined]
    options = (
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_BYTES,
            show_default=True,
            help="Size cap for one URL body or standard input.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=DEFAULT_TIMEOUT,
            show_default=True,
            help="Seconds allowed for one network request: fetching a URL (kg build: also "
            "each request to a --store server).",
        ),
        click.option(
            "--allow-private-network",
            is_flag=True,
            help="Let URLs reach loopback, private and link-local addresses (refused by default).",
        ),
    )
    for option in options:
        command = option(command)
    return command


def articles_from(
    inputs: Iterable[str], ingest: dict[str, Any], report: IngestReport
) -> Iterator[Article]:
    """Read the articles of ``inputs`` with the options of :func:`ingest_options`."""
    return read_articles(inputs, report=report, **ingest)


def finish_ingest(report: IngestReport) -> None:
    """Print the read/skipped summary on stderr; fail if nothing at all was read.

    Raises:
        InputError: no article was read (the command then exits non-zero).
    """
    if not is_quiet():
        click.echo(report.summary(), err=True)
    if report.read == 0:
        raise InputError(f"no articles read ({report.summary()})")


_COLUMNS = (("id", 32), ("date", 10), ("source", 20), ("chars", 7), ("title", 60))


def _cell(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


def _align(name: str, cell: str, width: int) -> str:
    return cell.rjust(width) if name == "chars" else cell.ljust(width)


def table_lines(articles: Iterable[Article]) -> Iterator[str]:
    """Yield a header and one fixed-width line per article: id, date, source, chars, title."""
    yield "  ".join(name.upper().ljust(width) for name, width in _COLUMNS).rstrip()
    for article in articles:
        values = (
            article.id,
            article.published or "-",
            article.source or "-",
            str(len(article.text)),
            article.title or "-",
        )
        cells = [
            _align(name, _cell(value, width), width)
            for (name, width), value in zip(_COLUMNS, values, strict=True)
        ]
        yield "  ".join(cells).rstrip()


def jsonl_lines(articles: Iterable[Article]) -> Iterator[str]:
    """Yield one JSON object per article: every field of :class:`Article` plus ``chars``."""
    for article in articles:
        record = asdict(article)
        record["chars"] = len(article.text)
        yield json.dumps(record, ensure_ascii=False)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@format_option(
    ["table", "jsonl"],
    "table",
    "table: id, date, source, chars, title; jsonl: one article a line, with its text.",
)
@ingest_options
def articles(inputs: tuple[str, ...], fmt: str, ingest: dict[str, Any]) -> None:
    """List the articles read from files, directories, feeds, URLs or standard input.

    Reads .txt/.md, .html/.htm, .json/.jsonl(.gz), RSS/Atom (.xml/.rss/.atom),
    directories (recursively), http(s) URLs and - (stdin). Bad inputs are reported
    on stderr and skipped; the summary ends the output on stderr.

    \b
    Examples:
      kg articles examples/
      kg articles news.jsonl.gz https://example.org/feed.rss --format jsonl > corpus.jsonl
      cat story.txt | kg articles -
    """
    report = IngestReport()
    lines = jsonl_lines if fmt == "jsonl" else table_lines
    for line in lines(articles_from(inputs, ingest, report)):
        click.echo(line)
    finish_ingest(report)
