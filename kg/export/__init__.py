"""Exports of the knowledge graph: Gephi and friends (graph formats) and RDF serializations.

:func:`export` is what ``kg export`` runs. Graph formats go through one
projection (:func:`kg.export.projection.project`: actors as nodes, relations
aggregated over articles as edges); RDF formats are the store's own
serializations (:meth:`kg.rdf.store.KGStore.serialize`). Every output is written
to a temporary file and renamed into place, and an existing output is only
replaced with ``force``.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ExportError
from kg.export.output import check_writable
from kg.export.projection import Filters

log = logging.getLogger(__name__)

GRAPH_FORMATS = ("gexf", "graphml", "csv", "json", "html")
RDF_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml")
FORMATS = GRAPH_FORMATS + RDF_FORMATS

__all__ = ["FORMATS", "GRAPH_FORMATS", "RDF_FORMATS", "ExportResult", "Filters", "export"]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the files, and the node and edge counts (graph formats)."""

    paths: tuple[Path, ...]
    nodes: int | None = None
    edges: int | None = None

    def summary(self) -> str:
        """One line for the user: ``wrote 12 nodes and 30 edges to output/graph.gexf``."""
        where = ", ".join(str(p) for p in self.paths)
        if self.nodes is None:
            return f"wrote {where}"
        return f"wrote {self.nodes} nodes and {self.edges} edges to {where}"


def export(
    fmt: str,
    out: str | Path,
    *,
    store: str | Path | None = None,
    filters: Filters | None = None,
    force: bool = False,
    gexf_version: str = "1.3",
) -> ExportResult:
    """Export the store at ``store`` as ``fmt`` to ``out``.

    Args:
        fmt: one of :data:`FORMATS`.
        out: output file; for ``csv`` a folder that gets ``nodes.csv`` and ``edges.csv``.
        store: store directory (default ``output/kg.store``).
        filters: which part of the graph to export (graph formats only).
        force: replace existing outputs.
        gexf_version: ``"1.3"`` or ``"1.2draft"``.

    Raises:
        OutputExistsError: an output exists and ``force`` is False.
        StoreError: the store is missing or unreadable.
        ExportError: a bad format, filter or output path.

    Example:
        >>> cyber = Filters(families=("cyber",))
        >>> export("gexf", "output/graph.gexf", filters=cyber)  # doctest: +SKIP
    """
    from kg.rdf.store import DEFAULT_STORE, open_store

    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: choose from {', '.join(FORMATS)}")
    out = Path(out)
    targets = [out / "nodes.csv", out / "edges.csv"] if fmt == "csv" else [out]
    if fmt == "csv" and out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file: csv writes nodes.csv and edges.csv into a folder")
    for target in targets:
        check_writable(target, force)

    with open_store(store or DEFAULT_STORE, read_only=True) as kg:
        if fmt in RDF_FORMATS:
            if filters and filters != Filters():
                raise ExportError("filters apply to graph formats only, not to RDF formats")
            kg.serialize(fmt, out)
            return ExportResult(paths=(out,))
        return _export_graph(kg, fmt, out, filters, gexf_version)


def _export_graph(
    store: object, fmt: str, out: Path, filters: Filters | None, gexf_version: str
) -> ExportResult:
    from kg.export import gexf, html, tables
    from kg.export.projection import add_layout, project

    if fmt == "html":  # negated edges go in the page, hidden unless asked for
        shown = filters or Filters()
        graph = project(store, dataclasses.replace(shown, include_negated=True))
        html.write_html(graph, out, show_negated=shown.include_negated)
        edges = sum(
            1 for *_, negated in graph.edges(data="negated") if shown.include_negated or not negated
        )
        return ExportResult((out,), graph.number_of_nodes(), edges)
    graph = project(store, filters)
    if fmt in ("gexf", "graphml"):
        add_layout(graph)
    paths: tuple[Path, ...] = (out,)
    if fmt == "gexf":
        gexf.write_gexf(graph, out, version=gexf_version)
    elif fmt == "graphml":
        tables.write_graphml(graph, out)
    elif fmt == "json":
        tables.write_json(graph, out)
    else:
        paths = tuple(tables.write_csv(graph, out))
    return ExportResult(paths, graph.number_of_nodes(), graph.number_of_edges())
