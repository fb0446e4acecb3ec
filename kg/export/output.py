"""Writing outputs safely: to a temporary file beside the target, renamed into place when done.

A reader never sees a half-written export, an interrupted export leaves the old
file as it was, and a file the user named is never overwritten without ``force``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from kg.errors import ExportError, OutputExistsError
from kg.fsutil import atomic_write


def check_writable(path: str | Path, force: bool) -> Path:
    """Return ``path`` as a Path; raise when it exists (without ``force``) or is a folder.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is False.
        ExportError: ``path`` is a directory.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a directory: name a file to write")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists: use --force to overwrite it")
    return path


@contextlib.contextmanager
def atomic_output(path: str | Path, *, force: bool = False, binary: bool = False) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it to ``path`` when the block succeeds.

    Example:
        >>> with atomic_output("out/graph.gexf", force=True) as out:  # doctest: +SKIP
        ...     out.write("<gexf/>")
    """
    path = check_writable(path, force)
    with atomic_write(path, force=True, binary=binary, error=ExportError) as out:
        yield out


@contextlib.contextmanager
def text_output(path_or_file: str | Path | IO[str]) -> Iterator[IO[str]]:
    """A text stream: ``path_or_file`` itself if it is one, else an atomic file (overwritten)."""
    if hasattr(path_or_file, "write"):
        yield path_or_file  # type: ignore[misc]
    else:
        with atomic_output(path_or_file, force=True) as out:  # type: ignore[arg-type]
            yield out


def write_lines(lines: Iterable[str], path_or_file: str | Path | IO[str]) -> None:
    """Write ``lines`` (each without its newline) to a path, atomically, or to a text stream."""
    with text_output(path_or_file) as out:
        for line in lines:
            out.write(line + "\n")
