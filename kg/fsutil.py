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
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kg.errors import KGError, OutputExistsError

if sys.platform != "win32":
    import fcntl
else:  # pragma: no cover - no advisory locks: the writer's pid tells
    fcntl = None


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
        remove_litter(target)
        fd, tmp = _locked_temporary(target)
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
            if fcntl is not None:
                os.replace(tmp, target)  # renamed while still locked
        if fcntl is None:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _locked_temporary(target: Path) -> tuple[int, str]:
    """Create the temporary file beside ``target`` and lock it (held until it is closed)."""
    while True:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
        if fcntl is None:
            return fd, tmp
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:
            return fd, tmp
        os.close(fd)  # another writer's clean-up took it before the lock: make another


STALE_AFTER = 3600.0
"""Seconds after which a temporary file without a writer's pid in its name is litter."""


def remove_litter(target: str | os.PathLike[str]) -> list[Path]:
    """Delete the temporary files that killed writers of ``target`` left beside it.

    A temporary file is named ``.<target name>.<writer pid>.<random>.tmp`` and its
    writer holds an advisory lock on it (``flock``) while it writes: it is litter once
    nobody holds that lock. The lock, unlike the pid, cannot mislead when the pid
    has been reused or the writer runs in another pid namespace (a container sharing
    the folder). Where there are no such locks, the file is litter once that pid is
    gone. (Names without a pid, from older versions, are litter after
    :data:`STALE_AFTER` seconds.) Returns the files removed.
    """
    target = Path(target)
    removed: list[Path] = []
    prefix = f".{target.name}."
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for candidate in candidates:
        middle = candidate.name[len(prefix) :]
        if not middle.endswith(".tmp"):
            continue
        pid_text, _, rest = middle.partition(".")
        if pid_text.isdigit() and rest:
            if fcntl is not None:
                if _unlink_unlocked(candidate):
                    removed.append(candidate)
                continue
            if _alive(int(pid_text)):
                continue
        else:
            try:
                if time.time() - candidate.stat().st_mtime < STALE_AFTER:
                    continue
            except OSError:
                continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def _unlink_unlocked(path: Path) -> bool:
    """Delete ``path`` unless a writer holds its lock; True when it was deleted."""
    assert fcntl is not None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # a live writer holds it
        os.close(fd)
        return False
    try:
        path.unlink()
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


__all__ = ["atomic_write", "remove_litter"]
