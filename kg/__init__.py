"""intel-kg: knowledge graphs of who did what to whom in intelligence and cyber news.

The public API follows the pipeline: :func:`kg.ingest.read_articles` yields
:class:`~kg.models.Article` records, the extractor turns them into
:class:`~kg.models.Relation` triples, and the RDF layer stores and exports them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from kg.models import Actor, Article, Extraction, Mention, Relation  # noqa: E402

__all__ = ["Actor", "Article", "Extraction", "Mention", "Relation", "__version__"]
