"""SHACL validation of the knowledge graph with ``ontologies/shapes.ttl`` (pyshacl).

The shapes run over the union of the store's graphs, the ontology graph included,
so that ``sh:class kg:Actor`` accepts a ``kg:Country`` through ``rdfs:subClassOf``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.term import Node

from kg.rdf.graph import Quad
from kg.rdf.store import KGStore, shapes_path

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message and the severity."""

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        return f"{self.severity}: {where}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate_store`: conforms, and the violations when it does not."""

    conforms: bool
    violations: tuple[Violation, ...] = field(default=())

    def summary(self) -> str:
        """One line: ``conforms`` or the number of violations."""
        if self.conforms:
            return "the graph conforms to the SHACL shapes"
        return f"{len(self.violations)} SHACL violation(s)"


def validate_store(store: KGStore, shapes: str | Path | None = None) -> ValidationReport:
    """Validate everything in the store against the shapes (default: the installed shapes.ttl).

    Example:
        >>> with KGStore("output/kg.store", read_only=True) as store:  # doctest: +SKIP
        ...     print(validate_store(store).summary())
        the graph conforms to the SHACL shapes
    """
    return validate_quads(store.quads(), shapes)


def validate_quads(quads: Iterable[Quad], shapes: str | Path | None = None) -> ValidationReport:
    """Validate the union of ``quads`` (their graph names are ignored)."""
    union = Graph()
    for s, p, o, _ in quads:
        union.add((s, p, o))
    return validate_graph(union, shapes)


def validate_graph(data: Graph, shapes: str | Path | None = None) -> ValidationReport:
    """Validate one rdflib graph (it must include the ontology for subclass reasoning)."""
    from pyshacl import validate

    shapes_graph = Graph().parse(str(shapes or shapes_path()), format="turtle")
    conforms, results, _ = validate(
        data,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = sorted(
        (_violation(results, result) for result in results.subjects(SH.resultSeverity, None)),
        key=str,
    )
    return ValidationReport(bool(conforms), tuple(violations))


def _violation(results: Graph, result: Node) -> Violation:
    def value(predicate: Node) -> str | None:
        found = results.value(result, predicate)
        return None if found is None else str(found)

    severity = value(SH.resultSeverity) or str(SH.Violation)
    return Violation(
        focus=value(SH.focusNode) or "?",
        path=value(SH.resultPath),
        message=value(SH.resultMessage) or "constraint not met",
        severity=severity.rsplit("#", 1)[-1],
    )
