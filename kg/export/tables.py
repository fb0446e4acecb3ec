"""Tabular and generic graph formats: Gephi spreadsheet CSV, node-link JSON, GraphML.

All take the graph of :func:`kg.export.projection.project`. The flat formats
(CSV, GraphML) carry the same attributes as the GEXF: lists as ``|``-separated
strings, the node colour as ``#rrggbb`` and its size as plain columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.export.gexf import (
    attribute_value,
    declare_attributes,
    edge_ends,
    escape_text,
    quote_attr,
)
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


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
"""A plain decimal number (``float()`` also takes ``-inf``, ``-nan``, ``-1_0`` and spaces)."""


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: a leading ``'`` before ``= + - @``, tab or CR.

    The OWASP rule against CSV injection; numbers (``-2.5``) stay numbers.

    >>> [spreadsheet_safe(c) for c in ("=HYPERLINK(1)", "-2+3", "-2.5", "@SUM(1)", "APT28")]
    ["'=HYPERLINK(1)", "'-2+3", '-2.5', "'@SUM(1)", 'APT28']
    >>> [spreadsheet_safe(c) for c in ("-1e5", "+3", "-inf", "-1_000", "-2 ")]
    ['-1e5', '+3', "'-inf", "'-1_000", "'-2 "]
    """
    if not cell.startswith(_FORMULA_START) or _NUMBER.fullmatch(cell):
        return cell
    return "'" + cell


def _csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
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


GRAPHML_TYPES = {"boolean": "boolean", "integer": "int", "double": "double", "string": "string"}


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    """Attribute values as GraphML can hold them: numbers and booleans, else strings."""
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
    """Yield the lines of a GraphML document for ``graph`` (yEd, Cytoscape, graphology).

    Every attribute is a ``<key>`` with one type; node colour and size are plain
    ``color`` (``#rrggbb``) and ``size`` data; edge ids are the projection's keys.

    Example:
        >>> 'edgedefault="directed"' in " ".join(generate_graphml(nx.MultiDiGraph()))
        True
    """
    nodes = [(node, _scalars(flat_node(data))) for node, data in graph.nodes(data=True)]
    edges = [(s, t, key, _scalars(data)) for s, t, key, data in graph.edges(keys=True, data=True)]
    node_keys = declare_attributes([d for _, d in nodes], reserved=frozenset())
    edge_keys = declare_attributes([d for *_, d in edges], reserved=frozenset())
    ids = {("node", name): f"n{i}" for i, name in enumerate(node_keys)}
    ids |= {("edge", name): f"e{i}" for i, name in enumerate(edge_keys)}
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
    )
    for kind, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, type_ in keys.items():
            yield (
                f'  <key id="{ids[kind, name]}" for="{kind}" attr.name={quote_attr(name)}'
                f' attr.type="{GRAPHML_TYPES[type_]}"/>'
            )
    yield '  <graph id="G" edgedefault="directed">'
    for node, data in nodes:
        yield f"    <node id={quote_attr(node)}>"
        yield from _graphml_data("node", data, node_keys, ids)
        yield "    </node>"
    for source, target, key, data in edges:
        yield f"    <edge id={quote_attr(key)} {edge_ends(source, target)}>"
        yield from _graphml_data("edge", data, edge_keys, ids)
        yield "    </edge>"
    yield "  </graph>"
    yield "</graphml>"


def _graphml_data(
    kind: str, data: dict[str, Any], keys: dict[str, str], ids: dict[tuple[str, str], str]
) -> Iterator[str]:
    for name in keys:
        value = attribute_value(data.get(name))
        if value is not None:
            yield f'      <data key="{ids[kind, name]}">{escape_text(value)}</data>'


def write_graphml(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    """Write ``graph`` as GraphML to a path (atomically) or a text stream."""
    write_lines(generate_graphml(graph), path_or_file)
