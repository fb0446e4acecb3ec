"""Tabular and generic graph formats: Gephi spreadsheet CSV, node-link JSON, GraphML.

All take the graph of :func:`kg.export.projection.project`. The flat formats
(CSV, GraphML) carry the same attributes as the GEXF: lists as ``|``-separated
strings, the node colour as ``#rrggbb`` and its size as plain columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.export.gexf import attribute_value, declare_attributes, xml_safe
from kg.export.output import write_lines

NODE_COLUMNS = ("Id", "Label")
EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "Weight")


def flat_node(data: dict[str, Any]) -> dict[str, Any]:
    """Node attributes with ``viz`` turned into ``color`` (``#rrggbb``) and ``size``."""
    flat = {k: v for k, v in data.items() if k != "viz"}
    viz = data.get("viz") or {}
    if "color" in viz:
        flat["color"] = "#{r:02x}{g:02x}{b:02x}".format(**viz["color"])
    if "size" in viz:
        flat["size"] = float(viz["size"])
    if "position" in viz:
        flat["x"], flat["y"] = float(viz["position"]["x"]), float(viz["position"]["y"])
    return flat


def _rows(
    header: tuple[str, ...], items: list[tuple[list[Any], dict[str, Any]]], skip: set[str]
) -> Iterator[list[str]]:
    declared = [k for k in declare_attributes([d for _, d in items]) if k not in skip]
    yield [*header, *declared]
    for fixed, data in items:
        cells = [attribute_value(data.get(k)) for k in declared]
        yield [*(str(v) for v in fixed), *(c if c is not None else "" for c in cells)]


def _csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue().rstrip("\n")
        buffer.seek(0)
        buffer.truncate()


def generate_nodes_csv(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the lines of ``nodes.csv`` (Gephi: Data Laboratory > Import Spreadsheet).

    Example:
        >>> g = nx.MultiDiGraph(); g.add_node("kg:actor/gru", label="GRU")
        >>> list(generate_nodes_csv(g))
        ['Id,Label', 'kg:actor/gru,GRU']
    """
    items = [
        ([node, data.get("label", node)], flat_node(data)) for node, data in graph.nodes(data=True)
    ]
    yield from _csv_lines(_rows(NODE_COLUMNS, items, skip={"label"}))


def generate_edges_csv(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the lines of ``edges.csv``: ``Source,Target,Type,Id,Label,Weight,...``."""
    items = [
        ([s, t, "Directed", key, data.get("label", ""), data.get("weight", 1)], data)
        for s, t, key, data in graph.edges(keys=True, data=True)
    ]
    yield from _csv_lines(_rows(EDGE_COLUMNS, items, skip={"label", "weight"}))


def write_csv(graph: nx.MultiDiGraph, directory: str | Path) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``directory`` (created if missing).

    Returns:
        The two paths written.
    """
    directory = Path(directory)
    nodes, edges = directory / "nodes.csv", directory / "edges.csv"
    write_lines(generate_nodes_csv(graph), nodes)
    write_lines(generate_edges_csv(graph), edges)
    return [nodes, edges]


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The node-link form of ``graph`` (``nodes`` and ``links``), ready for ``json.dump``."""
    data = nx.node_link_data(graph, edges="links")
    data["graph"] = {k: list(v) if isinstance(v, tuple) else v for k, v in data["graph"].items()}
    return data


def generate_json(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the lines of the node-link JSON of ``graph`` (UTF-8, not ASCII-escaped)."""
    yield from json.dumps(node_link(graph), ensure_ascii=False, indent=1).splitlines()


def write_json(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    """Write the node-link JSON of ``graph`` to a path (atomically) or a text stream."""
    write_lines(generate_json(graph), path_or_file)


def graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with only scalar, XML-safe attribute values (for GraphML)."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(xml_safe(node), **_scalars(flat_node(data)))
    for s, t, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(xml_safe(s), xml_safe(t), key=xml_safe(key), **_scalars(data))
    return flat


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, bool | int | float):
            out[key] = value
        else:
            text = attribute_value(value)
            if text is not None:
                out[key] = text
    return out


def generate_graphml(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the lines of a GraphML document for ``graph`` (yEd, Cytoscape, graphology)."""
    yield from nx.generate_graphml(graphml_graph(graph))


def write_graphml(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    """Write ``graph`` as GraphML to a path (atomically) or a text stream."""
    write_lines(generate_graphml(graph), path_or_file)
