"""``kg extract``: actor-relation triples from articles, as JSON lines or a table."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from kg.cli import format_option, gazetteer_option, is_quiet, main, model_option
from kg.cli.ingest_cmds import articles_from, finish_ingest, ingest_options
from kg.fsutil import atomic_write
from kg.ingest import IngestReport
from kg.models import Extraction, Relation


def shared_extractor(model: str | None, gazetteer: str | None) -> Any:
    """One :class:`kg.extract.Extractor` per (model, gazetteer file and its mtime) per process."""
    stamp = Path(gazetteer).stat().st_mtime_ns if gazetteer and Path(gazetteer).exists() else 0
    return _extractor(model, gazetteer, stamp)


@functools.lru_cache(maxsize=4)
def _extractor(model: str | None, gazetteer: str | None, stamp: int) -> Any:
    from kg.extract import Extractor  # loads spaCy: imported only when a command runs

    return Extractor(model=model, gazetteer=gazetteer)


def jsonl_lines(extractions: Iterable[Extraction]) -> Iterator[str]:
    """One JSON object per relation: the contract of ``spec/extract-output.md``."""
    for extraction in extractions:
        for relation in extraction.relations:
            yield json.dumps(relation.to_dict(), ensure_ascii=False)


def explain_lines(extractions: Iterable[Extraction]) -> Iterator[str]:
    """Per relation, its triple and the sentence with [subject], <trigger> and {object} marked."""
    for extraction in extractions:
        for rel in extraction.relations:
            flags = [rel.modality] + (["NEGATED"] if rel.negated else [])
            source = f" source={rel.source}" if rel.source else ""
            yield (
                f"{rel.doc}: {rel.predicate}({rel.subject.label}, {rel.object.label}) "
                f"[{', '.join(flags)}; {rel.kind}; rule={rel.rule}; conf={rel.confidence:.2f}"
                f"{source}]"
            )
            yield "    " + marked_sentence(extraction.article.text, rel)


def marked_sentence(text: str, rel: Relation) -> str:
    """The evidence sentence with ``[subject]``, ``<trigger>`` and ``{object}`` marked."""
    start = rel.sentence_start if rel.sentence_start is not None else 0
    end = rel.sentence_end if rel.sentence_end is not None else len(text)
    marks: list[tuple[int, int, str, str]] = [
        (rel.subject.start, rel.subject.end, "[", "]"),
        (rel.object.start, rel.object.end, "{", "}"),
    ]
    if rel.trigger_start is not None and rel.trigger_end is not None:
        marks.append((rel.trigger_start, rel.trigger_end, "<", ">"))
    start = min([start] + [m[0] for m in marks])
    end = max([end] + [m[1] for m in marks])
    inserts: list[tuple[int, int, str]] = []
    for s, e, left, right in marks:
        inserts.append((s, 1, left))
        inserts.append((e, 0, right))
    pieces = []
    cursor = start
    for pos, _order, mark in sorted(inserts):
        pieces.append(text[cursor:pos])
        pieces.append(mark)
        cursor = pos
    pieces.append(text[cursor:end])
    return " ".join("".join(pieces).split())


def print_table(extractions: Iterable[Extraction], out: IO[str]) -> None:
    """Print relations as a rich table: doc, subject, predicate, object, flags, source."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("doc", "subject", "predicate", "object", "flags", "source", "conf"):
        table.add_column(column, overflow="fold")
    for extraction in extractions:
        for rel in extraction.relations:
            flags = rel.modality + (", negated" if rel.negated else "")
            table.add_row(
                rel.doc,
                rel.subject.label,
                rel.predicate,
                rel.object.label,
                flags,
                rel.source or "",
                f"{rel.confidence:.2f}",
            )
    Console(file=out, width=160 if not out.isatty() else None).print(table)


@contextmanager
def _output(path: str | None, force: bool) -> Iterator[IO[str]]:
    if path is None or path == "-":
        yield sys.stdout
        return
    with atomic_write(path, force=force) as handle:
        yield handle


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@format_option(
    ["jsonl", "table"],
    "jsonl",
    "jsonl: one relation a line (the extract contract); table: a readable table.",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write to FILE instead of standard output (refused if it exists).",
)
@click.option("--force", is_flag=True, help="Overwrite the -o FILE if it exists.")
@click.option(
    "--explain",
    is_flag=True,
    help="Show each relation's sentence with [subject], <trigger> and {object} marked.",
)
@gazetteer_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Articles parsed per spaCy batch.",
)
@model_option
@ingest_options
def extract(
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    force: bool,
    explain: bool,
    gazetteer: str | None,
    batch_size: int,
    model: str | None,
    ingest: dict[str, Any],
) -> None:
    """Extract actor-relation triples (who did what to whom) from articles.

    Each relation carries its evidence sentence, the rule that found it, negation,
    modality (asserted/alleged/attempted), the source that claims it, an event
    date and a confidence. Warnings (skipped articles) go to stderr.

    \b
    Examples:
      kg extract examples/ --format table
      kg extract news/ --format jsonl -o relations.jsonl
      kg extract story.txt --explain
      kg extract news/ --gazetteer my-actors.yaml
    """
    quiet = is_quiet()
    extractor = shared_extractor(model, gazetteer)
    report = IngestReport()
    with _output(output, force) as out:
        for note in extractor.warnings:
            _warn(note, quiet)
        extractions = _warned(
            extractor.pipe(articles_from(inputs, ingest, report), batch_size=batch_size), quiet
        )
        if explain:
            for line in explain_lines(extractions):
                click.echo(line, file=out)
        elif fmt == "table":
            print_table(extractions, out)
        else:
            for line in jsonl_lines(extractions):
                out.write(line + "\n")
    finish_ingest(report)


def _warned(extractions: Iterable[Extraction], quiet: bool) -> Iterator[Extraction]:
    for extraction in extractions:
        for note in extraction.warnings:
            _warn(note, quiet)
        yield extraction


def _warn(note: str, quiet: bool) -> None:
    if not quiet:
        click.echo(f"Warning: {note}", err=True)
