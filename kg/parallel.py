"""Extraction on every core of this machine: :class:`ProcessExtractor`.

``kg build --workers N`` runs the extractor in ``N`` worker processes. Each worker
holds one loaded pipeline (inherited from the parent where the platform forks,
loaded once per worker otherwise) and extracts whole partitions of articles, so
only finished :class:`~kg.models.Extraction` records cross process boundaries,
never spaCy ``Doc`` objects. At most ``window`` partitions are in flight, so a
stream of any length is processed in bounded memory, and results come back in
input order, so a parallel build writes the same graph as a serial one.

An article whose extraction raises is logged with its id and left out (it is not
stored, so the next build tries it again); a worker process that dies has its
partition redone one article at a time in the parent.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from kg.distributed import (
    Failure,
    Loader,
    default_loader,
    extract_partition,
    worker_extractor,
)
from kg.models import Article, Extraction

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 16


class ProcessExtractor:
    """Extracts in a pool of worker processes, with the ``pipe`` of :class:`kg.extract.Extractor`.

    Args:
        model: spaCy pipeline name or path.
        gazetteer: a user gazetteer file.
        workers: worker processes (2 or more; use the plain Extractor for one).
        partition_size: articles sent to a worker at a time.
        window: partitions in flight at most (default: three per worker).
        loader: ``loader(model, gazetteer)`` builds the extractor of each process.

    Example:
        >>> ex = ProcessExtractor(workers=2)  # doctest: +SKIP
        >>> [e.article.id for e in ex.pipe(articles)]  # doctest: +SKIP
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
        self.model = model
        self.gazetteer = None if gazetteer is None else str(gazetteer)
        self.workers = max(1, workers)
        self.partition_size = max(1, partition_size)
        self.window = window or 3 * self.workers
        self.loader = loader
        # Loading here reports a missing model at once, and forked workers inherit it.
        self._local = worker_extractor(loader, model, self.gazetteer)
        self.model_name = getattr(self._local, "model_name", model)
        self.failed: list[Failure] = []

    def pipe(
        self, articles: Iterable[Article], batch_size: int = 16, n_process: int | None = None
    ) -> Iterator[Extraction]:
        """Yield one Extraction per article, in input order, extracted by the worker pool.

        ``n_process`` is accepted for interface compatibility; the pool size is ``workers``.
        """
        stream = iter(articles)
        pending: deque[tuple[list[Article], Future[list[Extraction | Failure]]]] = deque()
        pool = self._pool()
        try:
            while True:
                while len(pending) < self.window:
                    part = list(islice(stream, self.partition_size))
                    if not part:
                        break
                    pending.append((part, self._submit(pool, part, batch_size)))
                if not pending:
                    return
                part, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    log.warning(
                        "a worker process died on a partition of %d articles: "
                        "extracting them one by one",
                        len(part),
                    )
                    results = self._in_parent(part, batch_size)
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool()
                    pending = deque(
                        (p, self._submit(pool, p, batch_size)) for p, _ in pending
                    )
                yield from self._keep(results)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _pool(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        return ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        )

    def _submit(
        self, pool: ProcessPoolExecutor, part: list[Article], batch_size: int
    ) -> Future[list[Extraction | Failure]]:
        return pool.submit(
            extract_partition, part, self.loader, self.model, self.gazetteer, batch_size
        )

    def _in_parent(self, part: list[Article], batch_size: int) -> list[Extraction | Failure]:
        out: list[Extraction | Failure] = []
        for article in part:
            out.extend(extract_partition([article], self.loader, self.model, self.gazetteer, 1))
        return out

    def _keep(self, results: list[Any]) -> Iterator[Extraction]:
        for result in results:
            if isinstance(result, Failure):  # already logged with its id by the worker
                self.failed.append(result)
            else:
                yield result


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
