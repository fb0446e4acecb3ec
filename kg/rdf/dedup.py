"""Near-duplicate articles (syndicated copies) by MinHash over word shingles.

At build time every new article's text is hashed (datasketch ``MinHash`` over
5-word shingles) and looked up in an LSH index of the articles already built;
each earlier article whose estimated Jaccard similarity reaches the threshold
becomes a ``kg:duplicateOf`` link in the new article's graph. Corroboration
counts (the query presets) use these links so that one story syndicated by ten
outlets is not ten independent sources.

The signatures persist in ``<store>/kg-minhash.sqlite`` so that incremental
builds compare new articles with everything built before.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.8
NUM_PERM = 64
SHINGLE_WORDS = 5
SEED = 1
INDEX_FILE = "kg-minhash.sqlite"

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Return the set of ``size``-word shingles of ``text`` (lowercased words).

    >>> sorted(shingles("The US hacked them. The US", size=2))
    ['hacked them', 'the us', 'them the', 'us hacked']
    """
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> LeanMinHash | None:
    """Return the MinHash of ``text``'s shingles, or None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return LeanMinHash(minhash)


class DuplicateIndex:
    """An LSH index of article signatures, optionally persisted in a SQLite file.

    Args:
        path: SQLite file for the signatures (None: in memory only).
        threshold: estimated Jaccard similarity from which two articles are duplicates.

    Example:
        >>> index = DuplicateIndex()
        >>> text = "Israel hacked Kaspersky and watched Russian hackers in real time. " * 3
        >>> index.add("a", text)
        []
        >>> index.add("b", text + " Syndicated.")
        ['a']
    """

    def __init__(self, path: str | Path | None = None, threshold: float = DEFAULT_THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._db = sqlite3.connect(str(path))
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS minhash (id TEXT PRIMARY KEY, hashvalues BLOB)"
            )
            for article_id, blob in self._db.execute("SELECT id, hashvalues FROM minhash"):
                values = np.frombuffer(blob, dtype=np.uint64)
                self._insert(article_id, LeanMinHash(seed=SEED, hashvalues=values))

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def _insert(self, article_id: str, minhash: LeanMinHash) -> None:
        if article_id in self._signatures:
            self._lsh.remove(article_id)
        self._signatures[article_id] = minhash
        self._lsh.insert(article_id, minhash)

    def add(self, article_id: str, text: str) -> list[str]:
        """Index an article; return the ids of earlier articles it nearly duplicates (sorted).

        Re-adding an id (a changed article) replaces its signature.
        """
        minhash = signature(text)
        if minhash is None:
            return []
        found = sorted(
            other
            for other in self._lsh.query(minhash)
            if other != article_id and self._signatures[other].jaccard(minhash) >= self.threshold
        )
        self._insert(article_id, minhash)
        if self._db is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO minhash VALUES (?, ?)",
                (article_id, np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()),
            )
        return found

    def commit(self) -> None:
        """Make the signatures added so far durable."""
        if self._db is not None:
            self._db.commit()

    def close(self) -> None:
        """Commit and close the SQLite file."""
        if self._db is not None:
            self._db.commit()
            self._db.close()
            self._db = None
