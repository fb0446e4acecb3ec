"""The tally of one ingestion run: how many articles were read, what was skipped and why."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

log = logging.getLogger("kg.ingest")

SHOWN_PER_KIND = 3
"""Warnings of one kind logged at WARNING level; the rest at INFO (``-v``), then counted."""


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
    kinds: dict[str, int] = field(default_factory=dict)

    def warn(self, message: str, *, kind: str | None = None) -> None:
        """Record and log a warning that does not skip anything (always one line).

        Past :data:`SHOWN_PER_KIND` warnings of one kind (``kind``, or the message
        with its input name and numbers left out), they are logged at INFO level
        only (``kg -v`` shows them) and :meth:`log_repeats` counts them.
        """
        message = " ".join(message.split())
        self.warnings.append(message)
        key = kind or _kind(message)
        seen = self.kinds.get(key, 0) + 1
        self.kinds[key] = seen
        log.log(logging.WARNING if seen <= SHOWN_PER_KIND else logging.INFO, "%s", message)

    def skip(self, message: str, *, duplicate: bool = False) -> None:
        """Record one skipped input or record, with the reason as a one-line warning."""
        self.skipped += 1
        if duplicate:
            self.duplicates += 1
        self.warn(message, kind="duplicate" if duplicate else None)

    def log_repeats(self) -> None:
        """Log one line per kind of warning that was repeated beyond the ones shown."""
        for key, count in self.kinds.items():
            if count > SHOWN_PER_KIND:
                log.warning(
                    "... and %d more warnings like these (%s); kg -v shows each",
                    count - SHOWN_PER_KIND,
                    "same text as an earlier article" if key == "duplicate" else key,
                )
        self.kinds = {key: min(count, SHOWN_PER_KIND) for key, count in self.kinds.items()}

    def summary(self) -> str:
        """One line for the end of a run, e.g. ``read 12 articles, skipped 3 (1 duplicate)``."""
        noun = "article" if self.read == 1 else "articles"
        line = f"read {self.read} {noun}, skipped {self.skipped}"
        if self.duplicates:
            line += f" ({self.duplicates} duplicate{'s' if self.duplicates != 1 else ''})"
        return line


def _kind(message: str) -> str:
    """What a warning says, without where: the input name, numbers and quoted names left out."""
    _, _, what = message.partition(": ")
    what = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", what or message)
    return re.sub(r"\d+", "#", what)
