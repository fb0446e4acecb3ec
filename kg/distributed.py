"""Extraction on a Dask cluster: :class:`DaskExtractor`, with the ``pipe`` of the Extractor.

``kg.build.build(..., extractor=DaskExtractor("tcp://scheduler:8786"))`` (``kg build
--dask tcp://scheduler:8786``) runs the spaCy pipeline on the workers of a
``dask.distributed`` cluster and writes the store where the build runs:

* articles stream in partitions of ``partition_size``; at most ``window``
  partitions are in flight, so the client never holds the corpus;
* each worker process loads the pipeline once (:func:`worker_extractor`, a
  module-level cache keyed by loader, model and gazetteer) and keeps it for
  every later partition;
* results come back in input order, so a Dask build writes the same graph as a
  local one (near-duplicate links depend on the order);
* an exception on one article loses that article only: the partition is redone
  one article at a time and the failing one is logged with its id and left out
  (it is not in the store, so the next build tries it again);
* a worker lost mid-build has its partition rescheduled by Dask; a partition
  that still fails (it killed its workers) is split and its articles retried one
  by one, so only the article that crashes a worker is lost.

``scheduler="local"`` starts a ``LocalCluster`` of worker processes on this
machine. Dask is an optional dependency (``pip install 'intel-kg[dask]'``).

The worker-side functions (:func:`extract_partition`, :func:`worker_extractor`)
need no Dask: ``kg.parallel`` runs them in a local process pool for ``--workers``.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.models import Article, Extraction

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 32
"""Articles per Dask task: large enough to amortise scheduling, small enough to balance."""

LOCAL_WORKERS = 2
"""Worker processes of ``scheduler="local"`` unless told otherwise."""

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
            for part in _partitions(articles, self.partition_size):
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


class DaskExtractor(PartitionExtractor):
    """Extracts on a Dask cluster, with the ``pipe`` of :class:`kg.extract.Extractor`.

    Args:
        scheduler: ``tcp://host:8786`` (any address ``dask.distributed.Client``
            takes), or ``local`` for a ``LocalCluster`` of worker processes here.
        model: spaCy pipeline name or path, as the workers see it.
        gazetteer: a user gazetteer file at a path the workers can read.
        partition_size: articles per task.
        local_workers: worker processes of a ``local`` cluster (one thread each).
        retries: times Dask reruns a task that raised on its worker.
        window: partitions in flight (default: twice the cluster's threads).
        loader: ``loader(model, gazetteer)`` builds a worker's extractor; a
            module-level function, so that workers can import it.
        connect_timeout: seconds to wait for a remote scheduler.

    The cluster connection is opened on first use and kept until :meth:`close`
    (or the end of a ``with`` block). Failed articles are in :attr:`failed`.

    Example:
        >>> from kg.build import build
        >>> with DaskExtractor("local") as extractor:  # doctest: +SKIP
        ...     print(build(["news.jsonl.gz"], "output/kg.store", extractor=extractor).summary())
    """

    def __init__(
        self,
        scheduler: str,
        model: str | None = None,
        gazetteer: str | Path | None = None,
        partition_size: int = DEFAULT_PARTITION_SIZE,
        *,
        local_workers: int = LOCAL_WORKERS,
        retries: int = 2,
        window: int | None = None,
        loader: Loader = default_loader,
        connect_timeout: float = 20,
    ) -> None:
        super().__init__(model, gazetteer, partition_size, window, loader)
        self.scheduler = scheduler
        self.local_workers = local_workers
        self.retries = retries
        self.connect_timeout = connect_timeout
        self._client: Any = None
        self._cluster: Any = None
        self._quieted: int | None = None

    @property
    def client(self) -> Any:
        """The ``dask.distributed.Client``, connected (or a local cluster started) on first use."""
        if self._client is None:
            self._connect()
        return self._client

    def _connect(self) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise KGError("Dask is not installed: run pip install 'intel-kg[dask]'") from None
        if self.scheduler == "local":
            self._quieted = _quiet_dask_logs()
            self._cluster = LocalCluster(
                n_workers=self.local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
            return
        try:
            self._client = Client(self.scheduler, timeout=self.connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise KGError(
                f"cannot reach the Dask scheduler at {self.scheduler}: {exc} (start one with "
                "'dask scheduler', or use --dask local)"
            ) from None

    def _slots(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def _submit(self, func: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(func, *args, retries=self.retries, pure=False)

    def close(self) -> None:
        """Disconnect from the cluster (and stop it when it is a local one)."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._quieted is not None:
            logging.getLogger("distributed").setLevel(self._quieted)
            self._quieted = None


def _quiet_dask_logs() -> int:
    """Keep a local cluster's start and stop chatter off stderr; return the old level."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(max(level, logging.ERROR))
    return level


def _partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while part := list(itertools.islice(iterator, size)):
        yield part
