"""Files written whole or not at all: a temporary file beside the target, renamed into place.

Every file that kg writes for the user (``kg export`` and ``kg extract -o``
outputs, the ``kg.trig`` and ``graph.gexf`` of ``kg build``, the store's
metadata) goes through :func:`atomic_write`. A reader never sees a half-written
file, a failure or a crash while writing leaves the previous file exactly as it
was, and the data is on disk (``fsync``) before the rename makes it visible.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kg.errors import KGError, OutputExistsError


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    binary: bool = False,
    error: type[KGError] = KGError,
) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it to ``path`` when the block succeeds.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    Text is written as UTF-8 without newline translation; the file gets the usual
    permissions (``0o666`` less the umask), not the private ones of a temporary file.

    Args:
        path: the file to write.
        force: replace ``path`` if it exists (else raise :class:`OutputExistsError`).
        binary: open the file in binary mode.
        error: the :class:`KGError` subclass raised when the file cannot be created.

    Example:
        >>> with atomic_write("output/graph.gexf", force=True) as out:  # doctest: +SKIP
        ...     out.write("<gexf/>")
    """
    target = Path(path)
    if not force and target.exists():
        raise OutputExistsError(f"{target} already exists: use --force to overwrite it")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise error(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        if binary:
            handle: IO = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


__all__ = ["atomic_write"]
