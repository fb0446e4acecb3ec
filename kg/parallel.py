"""The extraction backends of a build: serial, a process pool, or a Dask cluster, by name.

:func:`extractor_factory` turns a backend name (:data:`BACKENDS`) into the
factory that :func:`kg.build.build` calls when it has articles to extract, so
the CLI only picks a name and the model loads only when needed:

* ``serial``: :class:`kg.extract.Extractor` in this process;
* ``process``: :class:`ProcessExtractor`, a pool of worker processes here;
* ``dask``: :class:`kg.distributed.DaskExtractor` on a Dask cluster;
* ``auto``: ``serial`` for one worker, ``process`` for more.

The process pool and Dask share :class:`PartitionExtractor`: articles travel in
partitions, at most a window of them in flight, and come back in input order.

``kg build --workers N`` runs the extractor in ``N`` worker processes. Each worker
holds one loaded pipeline (inherited from the parent where the platform forks,
loaded once per worker otherwise) and extracts whole partitions of articles, so
only finished :class:`~kg.models.Extraction` records cross process boundaries,
never spaCy ``Doc`` objects. Streaming with a bounded window, input order and the
handling of failures are those of :class:`PartitionExtractor`, shared with the
Dask extractor: an article whose extraction raises is logged with
its id and left out (it is not stored, so the next build tries it again), and a
partition whose worker process died is retried one article at a time in a fresh
pool, so only the article that kills a worker is lost.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kg.models import Article, Extraction

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_PARTITION_SIZE = 16


BACKENDS = ("auto", "serial", "process", "dask")
"""The names :func:`extractor_factory` knows."""


class ExtractorLike(Protocol):
    """What a build needs from an extractor: ``pipe`` (and ``close`` when it holds workers)."""

    def pipe(self, articles: Iterable[Article], **kwargs: Any) -> Iterator[Extraction]:
        """Yield one Extraction per article."""
        ...


ExtractorFactory = Callable[[], ExtractorLike]
"""Called by the build, once, when there are articles to extract."""


class Backend:
    """Any extractor seen through the one interface a build uses: ``pipe``, ``model_name``
    (None when unknown), ``failed`` (articles it left out itself) and ``close``.

    >>> Backend(object()).model_name is None, Backend(object()).failed
    (True, [])
    """

    def __init__(self, extractor: Any) -> None:
        self.extractor = extractor

    def pipe(self, articles: Iterable[Article], **kwargs: Any) -> Iterator[Extraction]:
        """Yield one Extraction per article (those it fails on are in :attr:`failed`)."""
        return self.extractor.pipe(articles, **kwargs)

    @property
    def model_name(self) -> str | None:
        """The model label for the build's provenance, when the extractor knows it."""
        name = getattr(self.extractor, "model_name", None)
        return str(name) if name else None

    @property
    def failed(self) -> list[Failure]:
        """The articles the extractor isolated and left out itself."""
        return list(getattr(self.extractor, "failed", ()))

    def close(self) -> None:
        """Release the extractor's workers, if it has any."""
        close = getattr(self.extractor, "close", None)
        if close is not None:
            close()


def extractor_factory(
    backend: str = "auto",
    *,
    model: str | None = None,
    gazetteer: str | Path | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> ExtractorFactory:
    """The factory of the extractor of a backend (see :data:`BACKENDS`).

    Args:
        backend: ``auto``, ``serial``, ``process`` or ``dask``.
        model: spaCy pipeline name or path; gazetteer: user gazetteer file.
        workers: processes (``process``; ``auto`` picks it above 1) or local Dask workers.
        scheduler: the Dask scheduler address, or ``local`` (``dask`` only).

    Raises:
        KGError: an unknown backend, or ``dask`` without a scheduler.

    >>> extractor_factory("serial").__name__
    'make'
    """
    from kg.errors import KGError

    if backend not in BACKENDS:
        raise KGError(f"unknown extraction backend {backend!r}: choose from {', '.join(BACKENDS)}")
    if backend == "dask" and not scheduler:
        raise KGError("the dask backend needs a scheduler: tcp://HOST:8786 or local")
    count = workers or os.cpu_count() or 1
    if backend == "auto":
        backend = "process" if count > 1 else "serial"
    gazetteer_ = None if gazetteer is None else str(gazetteer)

    def make() -> ExtractorLike:
        if backend == "process":
            return ProcessExtractor(model, gazetteer_, workers=count)
        if backend == "dask":
            from kg.distributed import LOCAL_WORKERS, DaskExtractor

            assert scheduler is not None
            return DaskExtractor(
                scheduler, model, gazetteer_, local_workers=workers or LOCAL_WORKERS
            )
        try:
            from kg.extract import Extractor
        except ImportError as exc:  # pragma: no cover - only in a partial install
            raise KGError(f"the extractor is not available: {exc}") from None
        return Extractor(model=model, gazetteer=gazetteer)

    return make


Loader = Callable[[str | None, str | None], Any]
"""``loader(model, gazetteer)`` -> an object with ``pipe(articles, batch_size=...)``."""

_EXTRACTORS: dict[tuple[str, str | None, str | None], Any] = {}
_LOCK = threading.RLock()  # one pipeline per process, used by one task at a time


def default_loader(model: str | None, gazetteer: str | None) -> Any:
    """Load ``kg.extract.Extractor(model, gazetteer)``: the loader of every worker by default."""
    from kg.extract import Extractor

    return Extractor(model=model, gazetteer=gazetteer)


def worker_extractor(loader: Loader, model: str | None, gazetteer: str | None) -> Any:
    """The extractor of this process for (loader, model, gazetteer), loaded on first use.

    Example:
        >>> ex = worker_extractor(default_loader, None, None)  # doctest: +SKIP
        >>> ex is worker_extractor(default_loader, None, None)  # doctest: +SKIP
        True
    """
    key = (f"{loader.__module__}.{loader.__qualname__}", model, gazetteer)
    with _LOCK:
        if key not in _EXTRACTORS:
            _EXTRACTORS[key] = loader(model, gazetteer)
        return _EXTRACTORS[key]


@dataclass(frozen=True)
class Failure:
    """An article whose extraction raised: it is left out of the build."""

    article_id: str
    error: str


def extract_partition(
    articles: list[Article],
    loader: Loader,
    model: str | None,
    gazetteer: str | None,
    batch_size: int,
) -> list[Extraction | Failure]:
    """Run on a worker: one Extraction per article, or a Failure for an article that raised.

    The partition goes through ``pipe`` in one stream; if anything raises, it is
    redone one article at a time so that only the failing articles are lost.
    """
    extractor = worker_extractor(loader, model, gazetteer)
    with _LOCK:
        try:
            return list(extractor.pipe(articles, batch_size=batch_size))
        except Exception as exc:
            log.warning(
                "a partition of %d articles failed (%s): extracting them one by one",
                len(articles),
                _describe(exc),
            )
        return [_extract_one(extractor, article) for article in articles]


def worker_model_name(loader: Loader, model: str | None, gazetteer: str | None) -> str | None:
    """Run on a worker: the model label of its extractor (for the build's provenance)."""
    return getattr(worker_extractor(loader, model, gazetteer), "model_name", None)


def _extract_one(extractor: Any, article: Article) -> Extraction | Failure:
    try:
        return next(iter(extractor.pipe([article], batch_size=1)))
    except Exception as exc:
        log.error("%s: extraction failed, article skipped: %s", article.id, _describe(exc))
        return Failure(article.id, _describe(exc))


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


class PartitionExtractor:
    """Base of extractors that send partitions of articles to other processes (here: Dask).

    Subclasses say how a task is submitted (:meth:`_submit`, returning a future
    with ``result()`` and ``cancel()``) and how many run at once (:meth:`_slots`);
    this class streams the partitions with a bounded window, yields Extractions
    in input order and records the articles that failed in :attr:`failed`.
    """

    def __init__(
        self,
        model: str | None = None,
        gazetteer: str | Path | None = None,
        partition_size: int = DEFAULT_PARTITION_SIZE,
        window: int | None = None,
        loader: Loader = default_loader,
    ) -> None:
        if partition_size < 1:
            raise ValueError("partition_size must be at least 1")
        self.model = model
        self.gazetteer = str(gazetteer) if gazetteer else None
        self.partition_size = partition_size
        self.window = window
        self.loader = loader
        self.failed: list[Failure] = []
        self._model_name: str | None = None

    @property
    def model_name(self) -> str | None:
        """The model label reported by a worker (loads the pipeline there)."""
        if self._model_name is None:
            future = self._submit(worker_model_name, self.loader, self.model, self.gazetteer)
            self._model_name = future.result()
        return self._model_name

    def _submit(self, func: Callable[..., Any], *args: Any) -> Any:
        raise NotImplementedError

    def _slots(self) -> int:
        raise NotImplementedError

    def pipe(
        self, articles: Iterable[Article], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[Extraction]:
        """Extract from a stream of articles in other processes; yield them in input order.

        ``batch_size`` is the spaCy batch size in the workers; ``n_process`` is
        ignored (the workers are the processes).
        """
        del n_process
        window = self.window or 2 * self._slots()
        pending: deque[tuple[list[Article], Any]] = deque()
        try:
            for part in partitions(articles, self.partition_size):
                pending.append((part, self._submit_part(part, batch_size)))
                if len(pending) >= window:
                    yield from self._extractions(*pending.popleft(), batch_size)
            while pending:
                yield from self._extractions(*pending.popleft(), batch_size)
        finally:
            for _part, future in pending:
                future.cancel()

    def _submit_part(self, part: list[Article], batch_size: int) -> Any:
        return self._submit(
            extract_partition, part, self.loader, self.model, self.gazetteer, batch_size
        )

    def _extractions(self, part: list[Article], future: Any, batch_size: int) -> list[Extraction]:
        """The Extractions of a finished partition; failures recorded and logged."""
        try:
            results = future.result()
        except Exception as exc:  # e.g. KilledWorker: the partition crashed its workers
            if len(part) == 1:
                results = [Failure(part[0].id, _describe(exc))]
            else:
                log.warning(
                    "a partition of %d articles from %s failed (%s): "
                    "retrying its articles one by one",
                    len(part),
                    part[0].id,
                    _describe(exc),
                )
                singles = [([a], self._submit_part([a], batch_size)) for a in part]
                return [e for one, f in singles for e in self._extractions(one, f, batch_size)]
        extractions = []
        for result in results:
            if isinstance(result, Failure):
                self.failed.append(result)
                log.error(
                    "%s: extraction failed, article skipped: %s", result.article_id, result.error
                )
            else:
                extractions.append(result)
        return extractions

    def close(self) -> None:
        """Release the workers."""

    def __enter__(self) -> PartitionExtractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class ProcessExtractor(PartitionExtractor):
    """Extracts in a pool of worker processes, with the ``pipe`` of :class:`kg.extract.Extractor`.

    Args:
        model: spaCy pipeline name or path.
        gazetteer: a user gazetteer file.
        workers: worker processes (2 or more; use the plain Extractor for one).
        partition_size: articles sent to a worker at a time.
        window: partitions in flight at most (default: two per worker).
        loader: ``loader(model, gazetteer)`` builds the extractor of each process.

    Example:
        >>> with ProcessExtractor(workers=2) as ex:  # doctest: +SKIP
        ...     [e.article.id for e in ex.pipe(articles)]
        ['a1', 'a2', 'a3']
    """

    def __init__(
        self,
        model: str | None = None,
        gazetteer: str | None = None,
        *,
        workers: int = 2,
        partition_size: int = DEFAULT_PARTITION_SIZE,
        window: int | None = None,
        loader: Loader = default_loader,
    ) -> None:
        super().__init__(model, gazetteer, partition_size, window, loader)
        self.workers = max(1, workers)
        # Loading here reports a missing model at once, and forked workers inherit it.
        local = worker_extractor(loader, model, self.gazetteer)
        self._model_name = getattr(local, "model_name", None) or model
        self._executor: ProcessPoolExecutor | None = None

    def pipe(
        self, articles: Iterable[Article], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[Extraction]:
        """Yield one Extraction per article, in input order; the pool stops at the end."""
        try:
            yield from super().pipe(articles, batch_size, n_process)
        finally:
            self.close()

    def _slots(self) -> int:
        return self.workers

    def _extractions(self, part: list[Article], future: Any, batch_size: int) -> list[Extraction]:
        try:
            future.result()
        except BrokenProcessPool:
            # A worker died, and with it every task of its pool: redo this partition one
            # article at a time, each alone in the pool, so a death costs only its article.
            log.warning(
                "a worker process died; extracting %d articles from %s one at a time",
                len(part),
                part[0].id,
            )
            out: list[Extraction] = []
            for article in part:
                single = self._submit_part([article], batch_size)
                out.extend(super()._extractions([article], single, batch_size))
            return out
        except Exception:  # noqa: S110 - the base class reports every other failure
            pass
        return super()._extractions(part, future, batch_size)

    def _submit(self, func: Callable[..., Any], *args: Any) -> Future[Any]:
        if self._executor is None:
            self._executor = self._new_pool()
        try:
            return self._executor.submit(func, *args)
        except BrokenProcessPool:  # a worker died: later tasks go to a fresh pool
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._new_pool()
            return self._executor.submit(func, *args)

    def _new_pool(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        return ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        )

    def close(self) -> None:
        """Stop the worker processes."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _exit_with_parent(parent: int) -> None:
    """Run in each worker: exit as soon as the parent process is gone (killed, crashed).

    A pool worker otherwise waits forever for work from a parent that was killed,
    holding its loaded pipeline in memory.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()

def partitions(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items from a stream (the last one shorter): the one batching helper,
    for partitions of articles and the build's store transactions.

    >>> [len(part) for part in partitions(range(5), 2)]
    [2, 2, 1]
    """
    iterator = iter(items)
    while part := list(itertools.islice(iterator, size)):
        yield part
