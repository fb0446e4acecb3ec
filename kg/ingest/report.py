"""The tally of one ingestion run: how many articles were read, what was skipped and why."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger("kg.ingest")


@dataclass
class IngestReport:
    """Counts and warnings of one :func:`kg.ingest.read_articles` run.

    Every input that yields no article, every malformed record inside an input and
    every duplicate is counted in ``skipped`` and explained by one line in ``warnings``
    (also logged on the ``kg.ingest`` logger).

    Example:
        >>> report = IngestReport()
        >>> report.skip("notes.bin: binary file")
        >>> report.summary()
        'read 0 articles, skipped 1'
    """

    read: int = 0
    skipped: int = 0
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """Record and log a warning that does not skip anything (always one line)."""
        message = " ".join(message.split())
        self.warnings.append(message)
        log.warning("%s", message)

    def skip(self, message: str, *, duplicate: bool = False) -> None:
        """Record one skipped input or record, with the reason as a one-line warning."""
        self.skipped += 1
        if duplicate:
            self.duplicates += 1
        self.warn(message)

    def summary(self) -> str:
        """One line for the end of a run, e.g. ``read 12 articles, skipped 3 (1 duplicate)``."""
        noun = "article" if self.read == 1 else "articles"
        line = f"read {self.read} {noun}, skipped {self.skipped}"
        if self.duplicates:
            line += f" ({self.duplicates} duplicate{'s' if self.duplicates != 1 else ''})"
        return line
