"""Extraction on every core of this machine: :class:`ProcessExtractor`.

``kg build --workers N`` runs the extractor in ``N`` worker processes. Each worker
holds one loaded pipeline (inherited from the parent where the platform forks,
loaded once per worker otherwise) and extracts whole partitions of articles, so
only finished :class:`~kg.models.Extraction` records cross process boundaries,
never spaCy ``Doc`` objects. Streaming with a bounded window, input order and the
handling of failures are those of :class:`kg.distributed.PartitionExtractor`,
shared with the Dask extractor: an article whose extraction raises is logged with
its id and left out (it is not stored, so the next build tries it again), and a
partition whose worker process died is retried one article at a time in a fresh
pool, so only the article that kills a worker is lost.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from kg.distributed import Loader, PartitionExtractor, default_loader, worker_extractor
from kg.models import Article, Extraction

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 16


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
