"""SPARQL for analysts: run queries and presets, serve the store, push it to a server.

* :mod:`kg.query.runner`: :func:`run_query` on any store (a folder or a server), output formats;
* :mod:`kg.query.presets`: the shipped ``presets/*.rq`` and safe parameter binding;
* :mod:`kg.query.server`: ``kg serve``, a SPARQL 1.1 Protocol endpoint;
* :mod:`kg.query.push`: ``kg push``, any store's named graphs to a SPARQL 1.1 server.

The stores themselves (:class:`kg.rdf.store.Store`, the embedded one and the
server store) are in :mod:`kg.rdf`.

Example:
    >>> from kg.query import get_preset, run_query
    >>> rows = run_query(get_preset("who-did-what").bind()).dicts()  # doctest: +SKIP
"""

from __future__ import annotations

from kg.query.presets import Preset, get_preset, list_presets
from kg.query.runner import PREFIXES, run_query
from kg.rdf.results import QueryResult

__all__ = ["PREFIXES", "Preset", "QueryResult", "get_preset", "list_presets", "run_query"]
