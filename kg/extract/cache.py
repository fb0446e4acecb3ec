"""A compiled cache of what extraction computes from its data files before reading text.

Assembling the shipped gazetteer (YAML files and ATT&CK groups, about 0.2 CPU s) and
tokenizing its ~6,500 surface forms for the name matcher (about 0.45 s) are the same
work on every start-up, so their results are kept as pickles in the user cache folder:
``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/intel-kg``, else ``~/.cache/intel-kg``.
An entry is named by a SHA-256 over everything it is computed from (:func:`source_key`:
the files under ``kg/data``, the source of ``kg/extract`` and of the modules it builds
actors with, the Python, spaCy and pickle versions, plus whatever the caller adds, such
as the tokenizer's rules), so an edited file gives a new name and an entry is never
stale. An entry that cannot be read, is damaged, or is not the user's own (owned by
someone else or writable by others) is ignored and computed again; a cache folder that
cannot be written only costs the time saved. ``KG_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

KEEP_PER_KIND = 4
"""Entries kept per kind: older ones (of earlier data or code) are removed when one is written."""


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off (``KG_NO_CACHE=1``)."""
    if os.environ.get("KG_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "intel-kg"


@functools.cache
def source_key() -> str:
    """The SHA-256 of the data files and source code the cached values are computed from.

    >>> len(source_key())
    64
    """
    import spacy

    package = Path(__file__).resolve().parent.parent
    files = sorted(
        [
            *(p for p in (package / "data").rglob("*") if p.is_file()),
            *(package / "extract").rglob("*.py"),
            package / "models.py",
            package / "inventory.py",
            package / "rdf" / "namespace.py",
        ]
    )
    digest = hashlib.sha256()
    versions = f"{sys.version} spacy {spacy.__version__} pickle {pickle.HIGHEST_PROTOCOL}"
    digest.update(versions.encode())
    for path in files:
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def entry_key(*parts: bytes | str) -> str:
    """The key of an entry: :func:`source_key` and ``parts`` hashed together."""
    digest = hashlib.sha256(source_key().encode())
    for part in parts:
        digest.update(b"\0" + (part.encode() if isinstance(part, str) else part))
    return digest.hexdigest()


def _path(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{kind}-{key[:40]}.pickle"


def load(kind: str, key: str) -> object | None:
    """The value stored for ``(kind, key)``, or None when there is none usable."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                log.debug("cache entry %s is not the user's own: ignored", path)
                return None
            stored_key, value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign entry is computed again
        log.debug("cache entry %s unreadable (%s): ignored", path, exc)
        return None
    return value if stored_key == key else None


def store(kind: str, key: str, value: object) -> None:
    """Keep ``value`` for ``(kind, key)``, written whole or not at all; errors are logged."""
    path = _path(kind, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((key, value), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        older = sorted(path.parent.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in older[:-KEEP_PER_KIND]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("cache entry %s not written: %s", path, exc)
