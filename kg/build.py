"""The one pipeline behind ``kg build``: stream ingest -> extract -> store -> exports.

Articles stream from :func:`kg.ingest.read_articles`; those already in the store
with the same content hash are skipped before extraction (so a stopped build
resumes where it was); the rest go through the extractor and are written in
batches, one transaction per batch, so that an article is either fully in the
store or absent whatever happens to the process. One article that fails to
extract or to store (an exception, ``MemoryError`` included) is logged with its
id, counted in :attr:`BuildReport.failures` and left out; every other article is
stored, and the next build tries the failed one again. Near-duplicates get
``kg:duplicateOf`` links.

Exports are written on demand: ``exports=("trig", "gexf")`` (``kg build --export
trig,gexf``) writes ``kg.trig`` and ``graph.gexf`` next to the store, and ``kg
export`` writes any format at any time. By default (``exports="auto"``) a build
writes both only while they are cheap, that is while the store holds at most
:data:`AUTO_EXPORT_ARTICLES` articles; a larger store is left as it is, since
rewriting the whole graph for every increment would cost more than the increment
(23 s against 6 s for one article into a million-quad store). A build that
stopped before writing the exports whole leaves a marker in the store, so the
next build that writes exports writes them even when it has no article to add.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import parallel
from kg.errors import ExportError, KGError
from kg.models import Article, Extraction
from kg.parallel import Backend, ExtractorFactory, ExtractorLike, partitions
from kg.rdf.dedup import INDEX_FILE, DuplicateIndex
from kg.rdf.graph import ExtractionRun, build_time
from kg.rdf.store import DEFAULT_STORE, Store, open_store

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 64
PARSE_BATCH = int(os.environ.get("KG_PARSE_BATCH", "1"))
"""Texts (articles, or 20 kB chunks of a long one) spaCy parses at once.

The Docs of a batch are alive together: with the store's 64, one 1 MB article held
ten parsed chunks at once (2.9 GB). One at a time bounds memory whatever the length,
and measured no slower on news-sized articles (spaCy's CPU pipelines gain little from
batching); KG_PARSE_BATCH overrides it."""
FLUSH_EVERY = 512
"""Articles between two flushes of the store's write buffers (keeps memory flat)."""
EXPORTS_STALE = "exports-stale"
"""Marker file in the store: articles were written since the exports were last written whole."""
EXPORT_NAMES = ("trig", "gexf")
"""The standard exports a build can write: ``kg.trig`` and ``graph.gexf``."""
AUTO_EXPORT_ARTICLES = 1000
"""Largest store (in articles) whose standard exports a default build rewrites.

About 150,000 quads: the trig and GEXF take about a second there, and grow with the
whole store, not with the articles a build adds."""


@dataclass
class BuildReport:
    """Counts of one build: what was read, skipped, written, found and exported."""

    read: int = 0
    skipped: int = 0
    added: int = 0
    replaced: int = 0
    relations: int = 0
    duplicates: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    exports: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    elapsed: float = 0.0

    @property
    def written(self) -> int:
        """Articles written in this build (new or changed)."""
        return self.added + self.replaced

    def summary(self) -> str:
        """One line: ``read 3 articles (0 unchanged, 3 new, 0 changed), 25 relations, ...``.

        Articles that failed are counted in the parentheses (``, 1 failed``) when there are any.
        """
        failed = f", {len(self.failures)} failed" if self.failures else ""
        return (
            f"read {self.read} articles ({self.skipped} unchanged, {self.added} new, "
            f"{self.replaced} changed{failed}), {self.relations} relations, "
            f"{len(self.actors)} actors, {len(self.groups)} unnamed groups, "
            f"{self.duplicates} near-duplicates in {self.elapsed:.1f}s"
        )


def build(
    inputs: Iterable[str | Path] | None = None,
    store: str | Path = DEFAULT_STORE,
    *,
    articles: Iterable[Article] | None = None,
    rebuild: bool = False,
    base_iri: str | None = None,
    model: str | None = None,
    gazetteer: str | Path | None = None,
    extractor: ExtractorLike | None = None,
    extractor_factory: ExtractorFactory | None = None,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    exports: bool | str | Iterable[str] = "auto",
    output_dir: str | Path | None = None,
    wait: bool = False,
    progress: Callable[[BuildReport], None] | None = None,
    ingest_options: dict[str, Any] | None = None,
    ingest_report: Any = None,
    store_timeout: float | None = None,
) -> BuildReport:
    """Extract the articles of ``inputs`` into the store at ``store``; return the counts.

    Args:
        inputs: files, directories, URLs or ``-`` (read with :func:`kg.ingest.read_articles`).
        store: store directory (created if missing), or the URL of a SPARQL 1.1 server
            (``http(s)://``) to write to directly (see :func:`kg.rdf.store.open_store`).
        articles: Article records to build instead of reading ``inputs``.
        rebuild: empty the store first.
        base_iri: base of instance IRIs (a new store only; an existing one keeps its own).
        model: spaCy pipeline name or path; gazetteer: user gazetteer file.
        extractor: an object with ``pipe(articles)``, used as it is (the caller closes it).
        extractor_factory: makes the extractor when there is something to extract
            (:func:`kg.parallel.extractor_factory`; default: its ``auto`` backend, serial
            for one worker, a process pool for more); the build closes what it makes.
        workers: extraction processes (default: the number of cores).
        batch_size: articles per store transaction.
        exports: which standard exports to write into ``output_dir``: names from
            :data:`EXPORT_NAMES` (``("trig", "gexf")``), True for both, False for none,
            or ``"auto"``: both while the store holds at most
            :data:`AUTO_EXPORT_ARTICLES` articles, none above.
        output_dir: where exports go (default: the directory that holds the store).
        wait: wait for another build holding the store lock instead of failing.
        progress: called with the report after every batch.
        ingest_options: keyword arguments for ``read_articles`` (timeouts, private network).
        ingest_report: a ``kg.ingest.IngestReport`` to fill (read and skipped inputs).
        store_timeout: seconds per request to a server store (default 120).

    Example:
        >>> report = build(["examples/"], "output/kg.store")  # doctest: +SKIP
        >>> print(report.summary())  # doctest: +SKIP
        read 3 articles (0 unchanged, 3 new, 0 changed), 41 relations, 23 actors, ...
    """
    report = BuildReport()
    if articles is None:
        articles = _read(inputs or (), report, ingest_options or {}, ingest_report)
    owned: Backend | None = None
    with open_store(
        store, base_iri=base_iri, wait=wait, rebuild=rebuild, timeout=store_timeout
    ) as kg_store:
        index = DuplicateIndex(kg_store.path / INDEX_FILE)
        try:
            todo = _unchanged_skipped(articles, kg_store, index, report)
            first = next(todo, None)
            if first is not None:  # load the pipeline only when something needs extracting
                (kg_store.path / EXPORTS_STALE).touch()
                if extractor is not None:
                    backend = Backend(extractor)
                else:
                    make = extractor_factory or parallel.extractor_factory(
                        model=model, gazetteer=gazetteer, workers=workers
                    )
                    backend = owned = Backend(make())
                run = ExtractionRun(backend.model_name or model, build_time())
                extractions = _isolated(
                    backend, itertools.chain([first], todo), batch_size, report
                )
                for batch in partitions(extractions, batch_size):
                    _write_batch(kg_store, index, batch, run, report)
                    if report.written // FLUSH_EVERY > (report.written - len(batch)) // FLUSH_EVERY:
                        kg_store.flush()
                    if progress is not None:
                        progress(report)
        finally:
            index.close()
            if owned is not None:
                owned.close()
        wanted = export_names(exports)
        if wanted and report.read == 0:
            log.info("no article read: exports not written")
        elif wanted:
            out_dir = Path(output_dir) if output_dir else kg_store.export_dir
            if exports == "auto":
                wanted = _cheap_exports(kg_store, out_dir)
            if wanted:
                _write_exports(kg_store, out_dir, report, wanted)
    report.elapsed = time.monotonic() - report.started
    return report


def export_names(exports: bool | str | Iterable[str]) -> tuple[str, ...]:
    """The standard exports asked for: ``"trig,gexf"`` -> ``("trig", "gexf")``.

    True and ``"auto"`` mean both, False, ``""`` and ``"none"`` none.

    Raises:
        ExportError: a name that is not in :data:`EXPORT_NAMES`.

    >>> export_names("gexf, trig")
    ('trig', 'gexf')
    """
    if exports is True or exports == "auto":
        return EXPORT_NAMES
    if exports is False:
        return ()
    names = exports.split(",") if isinstance(exports, str) else list(exports)
    wanted = {name.strip().lower() for name in names} - {"", "none"}
    unknown = sorted(wanted - set(EXPORT_NAMES))
    if unknown:
        raise ExportError(
            f"unknown build export {unknown[0]!r}: choose from {', '.join(EXPORT_NAMES)} "
            "(kg export writes every other format)"
        )
    return tuple(name for name in EXPORT_NAMES if name in wanted)


def _cheap_exports(store: Store, out_dir: Path) -> tuple[str, ...]:
    """Both standard exports for a store of at most AUTO_EXPORT_ARTICLES articles, else none."""
    prefix = store.iris.base + "graph/article/"
    articles = sum(1 for graph in store.named_graphs() if graph.startswith(prefix))
    if articles <= AUTO_EXPORT_ARTICLES:
        return EXPORT_NAMES
    stale = [name for name in ("kg.trig", "graph.gexf") if (out_dir / name).exists()]
    note = (
        f"the store holds more than {AUTO_EXPORT_ARTICLES:,} articles: exports not rewritten "
        "by kg build (run kg export --format gexf, or kg build --export trig,gexf)"
    )
    if stale and (store.path / EXPORTS_STALE).exists():
        log.warning("%s; %s now older than the store", note, " and ".join(stale))
    else:
        log.info(note)
    return ()


def _read(
    inputs: Iterable[str | Path], report: BuildReport, options: dict[str, Any], ingest: Any
) -> Iterator[Article]:
    from kg.ingest import IngestReport, read_articles

    ingest = ingest if ingest is not None else IngestReport()
    yield from read_articles(list(inputs), report=ingest, **options)
    report.warnings.extend(ingest.warnings)


def _unchanged_skipped(
    articles: Iterable[Article], store: Store, index: DuplicateIndex, report: BuildReport
) -> Iterator[Article]:
    """Yield only articles that are new or changed; count the rest as skipped.

    A skipped article missing from the duplicate index (a build killed between the
    store commit and the index commit) is indexed again, so later copies still link.
    """
    for article in articles:
        report.read += 1
        if store.is_current(article.id, article.content_hash):
            report.skipped += 1
            if article.id not in index:
                index.add(article.id, article.text)
            continue
        yield article


class _SourceFailed(Exception):
    """Wraps an exception raised while reading the input (not the extractor's fault)."""


def _isolated(
    extractor: Backend, articles: Iterator[Article], batch_size: int, report: BuildReport
) -> Iterator[Extraction]:
    """``extractor.pipe`` over ``articles``, where a failing article costs only itself.

    When the stream raises (``MemoryError`` included), the articles it had taken but
    not yet yielded are extracted again one at a time; the one that fails again is
    recorded in ``report.failures`` and left out, and the stream resumes after them.
    Failures an extractor isolates itself (its ``failed`` list) are recorded too.
    """
    known = len(extractor.failed)
    while True:
        taken: deque[Article] = deque()

        def feed(taken: deque[Article] = taken) -> Iterator[Article]:
            while True:
                try:
                    article = next(articles)
                except StopIteration:
                    return
                except Exception as exc:
                    raise _SourceFailed() from exc
                taken.append(article)
                yield article

        try:
            parse_batch = min(batch_size, PARSE_BATCH)
            for extraction in extractor.pipe(feed(), batch_size=parse_batch, n_process=1):
                while taken and taken[0].id != extraction.article.id:
                    taken.popleft()  # left out by the extractor itself
                if taken:
                    taken.popleft()
                yield extraction
            break
        except _SourceFailed as exc:
            raise exc.__cause__ from None  # type: ignore[misc]  # the input's own error
        except Exception as exc:
            log.warning(
                "extraction failed (%s): extracting %d articles one at a time",
                _describe(exc),
                len(taken),
            )
            for article in list(taken):
                try:
                    yield from extractor.pipe(iter([article]), batch_size=1, n_process=1)
                except Exception as exc:
                    _failed(report, article.id, "extraction", exc)
    for failure in extractor.failed[known:]:
        report.failures.append((failure.article_id, failure.error))


def _failed(report: BuildReport, article_id: str, stage: str, exc: BaseException) -> None:
    log.error("%s: %s failed, article skipped: %s", article_id, stage, _describe(exc))
    report.failures.append((article_id, _describe(exc)))


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _write_batch(
    store: Store,
    index: DuplicateIndex,
    batch: list[Extraction],
    run: ExtractionRun,
    report: BuildReport,
) -> None:
    duplicates: dict[str, list[str]] = {}
    for extraction in batch:
        article = extraction.article
        found = index.add(article.id, article.text)
        if found:
            duplicates[article.id] = found
            report.duplicates += 1
    changed = {e.article.id for e in batch if store.content_hash(e.article.id) is not None}
    stored = _store_isolated(store, batch, run, duplicates, report)
    index.commit()
    for extraction in stored:
        if extraction.article.id in changed:
            report.replaced += 1
        else:
            report.added += 1
        report.relations += len(extraction.relations)
        _count_actors(extraction, report)
        report.warnings.extend(extraction.warnings)


def _count_actors(extraction: Extraction, report: BuildReport) -> None:
    """Add the extraction's actors and unnamed groups to the report, as the actors graph
    gets them (:func:`kg.rdf.graph.extraction_quads`), so that on a new store the build
    and ``kg stats`` give the same numbers."""
    from kg.rdf.graph import source_chain
    from kg.rdf.namespace import actor_id

    for mention in extraction.actors:
        actor = mention.actor
        report.actors.add(actor.id)
        if actor.affiliation and actor_id(actor.affiliation) != actor.id:
            report.actors.add(actor_id(actor.affiliation))
    for relation in extraction.relations:
        for arg in (relation.subject, relation.object):
            if arg.type == "People":
                report.groups.add(arg.id)
            elif arg.type != "Thing":
                report.actors.add(arg.id)
        report.actors.update(source for source, _ in source_chain(relation))


def _store_isolated(
    store: Store,
    batch: list[Extraction],
    run: ExtractionRun,
    duplicates: dict[str, list[str]],
    report: BuildReport,
) -> list[Extraction]:
    """Write a batch in one transaction; if an article breaks it, write them one by one.

    A store that cannot be written at all (a :class:`~kg.errors.KGError`, e.g. a full disk)
    stops the build; any other failure costs only the article that raises it.
    Returns the extractions stored.
    """
    try:
        store.add_extractions(batch, run, duplicates)
        return batch
    except KGError:
        raise
    except Exception as exc:
        if len(batch) == 1:
            _failed(report, batch[0].article.id, "storing", exc)
            return []
        log.warning(
            "storing %d articles failed (%s): storing them one at a time",
            len(batch),
            _describe(exc),
        )
    stored: list[Extraction] = []
    for extraction in batch:
        stored.extend(_store_isolated(store, [extraction], run, duplicates, report))
    return stored


def _write_exports(
    store: Store, out_dir: Path, report: BuildReport, wanted: tuple[str, ...] = EXPORT_NAMES
) -> None:
    """Write the standard exports asked for: kg.trig, and graph.gexf when the GEXF exporter
    is there."""
    targets = {"trig": out_dir / "kg.trig", "gexf": out_dir / "graph.gexf"}
    stale = store.path / EXPORTS_STALE
    if not report.written and all(targets[name].exists() for name in wanted) and not stale.exists():
        return  # nothing changed since the last build wrote them
    if "trig" in wanted:
        store.serialize("trig", targets["trig"])
        report.exports.append(str(targets["trig"]))
    if "gexf" not in wanted:
        return  # the marker stays: graph.gexf is still older than the store
    try:
        from kg.export.gexf import write_gexf
        from kg.export.projection import add_layout, project
    except ImportError:
        log.info("GEXF exporter not installed: graph.gexf not written")
        if "trig" in wanted:
            stale.unlink(missing_ok=True)
        return
    gexf = targets["gexf"]
    try:
        graph = project(store)
        add_layout(graph)  # a first layout, as kg export gives (graphs up to 500 nodes)
        write_gexf(graph, gexf)
    except ExportError as exc:
        report.warnings.append(f"graph.gexf not written: {exc}")
        return
    report.exports.append(str(gexf))
    if "trig" in wanted:
        stale.unlink(missing_ok=True)
