"""Near-duplicate articles (syndicated copies) by MinHash over word shingles.

At build time every new article's text is hashed (datasketch ``MinHash`` over
5-word shingles) and looked up in an LSH index of the clusters built so far.
Each cluster of near-duplicates has one canonical representative, the first of
its articles indexed: a new article whose estimated Jaccard similarity with a
representative reaches the threshold joins that cluster and gets one
``kg:duplicateOf`` link, to the representative; otherwise it starts a cluster of
its own. Only representatives are in the LSH index, so 200 copies of one story
give 199 links (not 19,900) and each lookup compares with one article per
cluster, not every copy. Corroboration counts (the query presets) follow these
links so that one story syndicated by ten outlets is not ten independent sources.

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
    encoded = [g.encode("utf-8") for g in grams]
    for start in range(0, len(encoded), 4096):  # update_batch makes an (n x perm) array
        minhash.update_batch(encoded[start : start + 4096])
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
        self._canonical: dict[str, str] = {}
        """Article id -> its cluster's representative (absent: it is one)."""
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._db = sqlite3.connect(str(path))
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS minhash (id TEXT PRIMARY KEY, hashvalues BLOB)"
            )
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(minhash)")}
            if "canonical" not in columns:  # an index of an older build: every one a cluster
                self._db.execute("ALTER TABLE minhash ADD COLUMN canonical TEXT")
            rows = self._db.execute("SELECT id, hashvalues, canonical FROM minhash ORDER BY rowid")
            for article_id, blob, canonical in rows:
                values = np.frombuffer(blob, dtype=np.uint64)
                self._insert(article_id, LeanMinHash(seed=SEED, hashvalues=values), canonical)

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def _insert(self, article_id: str, minhash: LeanMinHash, canonical: str | None) -> None:
        if article_id in self._signatures and article_id not in self._canonical:
            self._lsh.remove(article_id)
        self._signatures[article_id] = minhash
        if canonical is None or canonical == article_id:
            self._canonical.pop(article_id, None)
            self._lsh.insert(article_id, minhash)
        else:
            self._canonical[article_id] = canonical

    def canonical(self, article_id: str) -> str | None:
        """The representative of an indexed article's cluster (itself for a representative)."""
        if article_id not in self._signatures:
            return None
        return self._canonical.get(article_id, article_id)

    def add(self, article_id: str, text: str) -> list[str]:
        """Index an article; return ``[representative]`` of the earlier cluster it joins, or [].

        The representative is the most similar one the article reaches the threshold
        with (the first by id, on a tie). Re-adding an id (a changed article)
        replaces its signature; a representative keeps its place.
        """
        minhash = signature(text)
        if minhash is None:
            return []
        scored = []
        for other in self._lsh.query(minhash):
            if other == article_id:
                continue
            similarity = self._signatures[other].jaccard(minhash)
            if similarity >= self.threshold:
                scored.append((-similarity, other))
        keeps_place = article_id in self._signatures and article_id not in self._canonical
        representative = None if keeps_place or not scored else min(scored)[1]
        self._insert(article_id, minhash, representative)
        if self._db is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO minhash (id, hashvalues, canonical) VALUES (?, ?, ?)",
                (
                    article_id,
                    np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes(),
                    representative,
                ),
            )
        return [representative] if representative else []

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
