"""SPARQL for analysts: run queries and presets, serve the store, push it to a server.

* :mod:`kg.query.runner`: :func:`run_query` on the embedded store or an endpoint, output formats;
* :mod:`kg.query.presets`: the shipped ``presets/*.rq`` and safe parameter binding;
* :mod:`kg.query.server`: ``kg serve``, a SPARQL 1.1 Protocol endpoint;
* :mod:`kg.query.push`: ``kg push`` to a server store; :mod:`kg.query.remote`: the
  :class:`RemoteStore` behind ``kg build --store URL``.

Example:
    >>> from kg.query import get_preset, run_query
    >>> rows = run_query(get_preset("who-did-what").bind()).dicts()  # doctest: +SKIP
"""

from __future__ import annotations

from kg.query.presets import Preset, get_preset, list_presets
from kg.query.results import QueryResult
from kg.query.runner import PREFIXES, run_query

__all__ = ["PREFIXES", "Preset", "QueryResult", "get_preset", "list_presets", "run_query"]
