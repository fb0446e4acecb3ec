"""Damage detection for a store: checksums of its database files, and a full read.

Oxigraph keeps its data in RocksDB table files (``*.sst``), which are written once
and never changed. Each time a writer closes the store, :func:`record_checksums`
notes the SHA-256 of every table file not yet recorded (so a build hashes only
the files it created) in ``kg-files.json``. :func:`verify_store` (``kg check``)
hashes them all again, then reads every quad through each of the database's
indexes: a byte changed in a table file, a table file gone, or a block whose own
checksum fails is reported as damage.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CHECKSUMS_FILE = "kg-files.json"
_CHUNK = 1 << 20


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _recorded(path: Path) -> dict[str, list[Any]]:
    try:
        data = json.loads((path / CHECKSUMS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def record_checksums(path: str | Path) -> None:
    """Record the size and SHA-256 of each table file of a closed store (new files only)."""
    from kg.fsutil import atomic_write

    path = Path(path)
    old = _recorded(path)
    files: dict[str, list[Any]] = {}
    for table in sorted(path.glob("*.sst")):
        try:
            size = table.stat().st_size
            known = old.get(table.name)
            if known and known[0] == size:
                files[table.name] = known
            else:
                files[table.name] = [size, _sha256(table)]
        except OSError as exc:  # a file compacted away meanwhile: nothing to record
            log.debug("not recording %s: %s", table, exc)
    try:
        with atomic_write(path / CHECKSUMS_FILE, force=True) as out:
            json.dump({"files": files}, out, indent=0)
    except Exception as exc:  # noqa: BLE001 - the store itself is fine; kg check says so
        log.warning("could not record the checksums of store %s: %s", path, exc)


@dataclass
class CheckReport:
    """What ``kg check`` found: files verified, quads read, and the damage."""

    path: Path
    files: int = 0
    bytes: int = 0
    quads: int = 0
    unrecorded: list[str] = field(default_factory=list)
    damage: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no damage was found."""
        return not self.damage

    def summary(self) -> str:
        """One line: what was checked and the verdict."""
        checked = (
            f"{self.files} table files ({self.bytes / 1e6:.1f} MB) match their checksums, "
            f"{self.quads:,} quads read through every index"
        )
        if self.ok:
            note = (
                f"; {len(self.unrecorded)} files without a recorded checksum (read only)"
                if self.unrecorded
                else ""
            )
            return f"store {self.path}: no damage found: {checked}{note}"
        return (
            f"store {self.path} is damaged ({len(self.damage)} problem"
            f"{'s' if len(self.damage) > 1 else ''}): restore it from a backup, or "
            "kg build --rebuild to build it afresh"
        )


def verify_store(path: str | Path) -> CheckReport:
    """Verify every table file against its checksum, then read every quad of every index.

    Raises:
        StoreError: there is no store at ``path``, or a writer holds it right now.
    """
    import pyoxigraph as ox

    from kg.errors import StoreError

    path = Path(path)
    report = CheckReport(path)
    if not path.is_dir():
        raise StoreError(f"no store at {path}: run kg build first (or pass --store PATH)")
    _refuse_if_written(path)
    recorded = _recorded(path)
    present = {table.name: table for table in path.glob("*.sst")}
    for name, (size, digest) in sorted(recorded.items()):
        table = present.get(name)
        if table is None:
            report.damage.append(f"{name}: the table file is missing")
            continue
        actual = table.stat().st_size
        if actual != size:
            report.damage.append(f"{name}: {actual} bytes, {size} when recorded")
        elif _sha256(table) != digest:
            report.damage.append(f"{name}: its content differs from the checksum recorded")
        report.files += 1
        report.bytes += actual
    report.unrecorded = sorted(set(present) - set(recorded))
    try:
        store = ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
        report.damage.append(f"the database cannot be opened: {' '.join(str(exc).split())}")
        return report
    try:
        report.quads = _read_everything(store)
    except (OSError, RuntimeError, ValueError) as exc:
        report.damage.append(f"reading failed: {' '.join(str(exc).split())[:300]}")
    return report


def _read_everything(store: Any) -> int:
    """Read every quad through each index (by graph, subject, predicate, object)."""
    import pyoxigraph as ox

    quads = 0
    subjects: set[Any] = set()
    predicates: set[Any] = set()
    objects: set[Any] = set()
    for quad in store:
        quads += 1
        subjects.add(quad.subject)
        predicates.add(quad.predicate)
        if not isinstance(quad.object, ox.Literal):
            objects.add(quad.object)
    for graph in store.named_graphs():
        for _quad in store.quads_for_pattern(None, None, None, graph):
            pass
    for subject in subjects:
        for _quad in store.quads_for_pattern(subject, None, None, None):
            pass
    for predicate in predicates:
        for _quad in store.quads_for_pattern(None, predicate, None, None):
            pass
    for obj in objects:
        for _quad in store.quads_for_pattern(None, None, obj, None):
            pass
    union = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    for _row in store.query(union, use_default_graph_as_union=True):
        pass
    return quads


def _refuse_if_written(path: Path) -> None:
    import fcntl

    from kg.errors import StoreError

    lock_path = path / "kg.lock"  # kg.rdf.store.LOCK_FILE (which imports this module)
    if not lock_path.exists():
        return
    with lock_path.open("a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "unknown"
            raise StoreError(
                f"store {path} is being written by another kg process (pid {holder}): "
                "run kg check when it has finished"
            ) from None
        fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


__all__ = ["CHECKSUMS_FILE", "CheckReport", "record_checksums", "verify_store"]
