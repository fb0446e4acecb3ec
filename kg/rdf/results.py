"""The answer to a SPARQL query, whichever store gave it: :class:`QueryResult`.

Every :class:`~kg.rdf.store.Store` returns one from ``query()``: the embedded
Oxigraph store materializes pyoxigraph's answer (:func:`from_pyoxigraph`), a
SPARQL 1.1 server's JSON answer is parsed (:func:`from_json`). The writers for
people and for the SPARQL result formats are in :mod:`kg.query.results`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class QueryResult:
    """The answer to one query: bindings (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    ``truncated`` is set when a row cap cut the bindings or triples short.
    """

    kind: str  # "bindings" | "boolean" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def dicts(self) -> list[dict[str, str | None]]:
        """Rows as ``{variable: plain value}`` dictionaries (IRIs and lexical forms), for tests.

        >>> QueryResult("bindings", ["n"], [(ox.Literal("1"),)]).dicts()
        [{'n': '1'}]
        """
        return [
            {
                var: None if term is None else plain(term)
                for var, term in zip(self.variables, row, strict=False)
            }
            for row in self.rows
        ]


def from_pyoxigraph(answer: Any, max_rows: int | None = None) -> QueryResult:
    """Materialize a pyoxigraph query answer, keeping at most ``max_rows`` rows or triples."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("boolean", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [var.value for var in answer.variables]
        rows, truncated = _take(
            (tuple(solution[var] for var in variables) for solution in answer), max_rows
        )
        return QueryResult("bindings", variables, rows, truncated=truncated)
    triples, truncated = _take(iter(answer), max_rows)
    return QueryResult("graph", triples=triples, truncated=truncated)


def _take(items: Iterator[Any], limit: int | None) -> tuple[list[Any], bool]:
    taken = []
    for item in items:
        if limit is not None and len(taken) >= limit:
            return taken, True
        taken.append(item)
    return taken, False


def from_json(data: bytes | str) -> QueryResult:
    """Parse SPARQL 1.1 Query Results JSON, tolerating the SPARQL 1.0 ``typed-literal`` type
    and numbers where strings belong (as some servers send them)."""
    try:
        doc = json.loads(data)
        if "boolean" in doc:
            return QueryResult("boolean", boolean=bool(doc["boolean"]))
        variables = list(doc["head"]["vars"])
        rows = [
            tuple(_term_from_json(binding[var]) if var in binding else None for var in variables)
            for binding in doc["results"]["bindings"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise QueryError(f"the endpoint sent malformed SPARQL JSON results: {exc}") from None
    return QueryResult("bindings", variables, rows)


def _term_from_json(value: dict[str, Any]) -> Term:
    kind, text = value["type"], str(value["value"])
    if kind == "uri":
        return ox.BlankNode(text[2:]) if text.startswith("_:") else ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(text, language=value["xml:lang"])
        if value.get("datatype"):
            return ox.Literal(text, datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(text)
    if kind == "triple":
        inner = value["value"]
        return ox.Triple(*(_term_from_json(inner[k]) for k in ("subject", "predicate", "object")))
    raise ValueError(f"unknown term type {kind!r}")


def plain(term: Term) -> str:
    """The text of a term as people read it: the IRI, the literal's lexical form, ``_:id``."""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)
