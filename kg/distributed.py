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

The partition machinery (:class:`kg.parallel.PartitionExtractor`, and the
worker-side :func:`~kg.parallel.extract_partition` and
:func:`~kg.parallel.worker_extractor`) needs no Dask: it lives in :mod:`kg.parallel`,
the extraction-backend module, which also picks this backend by name (``dask``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.parallel import Loader, PartitionExtractor, default_loader

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 32
"""Articles per Dask task: large enough to amortise scheduling, small enough to balance."""

LOCAL_WORKERS = 2
"""Worker processes of ``scheduler="local"`` unless told otherwise."""

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
