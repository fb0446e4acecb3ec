"""Actor-relation extraction: articles in, relations with provenance and claim flags out.

>>> from kg.extract import Extractor
>>> from kg.models import Article
>>> ex = Extractor()  # doctest: +SKIP
>>> [r.predicate for r in ex.extract(Article("a", "Israel hacked Kaspersky.")).relations]
... # doctest: +SKIP
['hacked']

The stages, each a module: :mod:`~kg.extract.pipeline` (spaCy + our
components), :mod:`~kg.extract.actors` and :mod:`~kg.extract.coref` (mentions),
:mod:`~kg.extract.patterns` (runs the rules of :mod:`~kg.extract.arguments`,
:mod:`~kg.extract.verbal` and :mod:`~kg.extract.nominal`), :mod:`~kg.extract.attribution` (source,
modality, negation, denials), :mod:`~kg.extract.dates` (event dates).
"""

from __future__ import annotations

from kg.extract.extractor import Extractor
from kg.inventory import load_relations

__all__ = ["Extractor", "load_relations"]
