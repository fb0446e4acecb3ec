"""GEXF for Gephi and Gephi Lite: version 1.3 by default, 1.2draft on request.

A small writer of our own, since networkx writes only 1.1draft/1.2draft and its
dynamic output declares the edge attributes twice (which graphology-gexf, the
parser of Gephi Lite, rejects). It follows what Gephi and Gephi Lite need:

* ``defaultedgetype="directed"``; unique edge ids; the predicate in the edge's
  ``kind`` (Gephi keeps parallel edges only when their kind differs), ``label``
  and ``predicate`` attribute (graphology ignores ``kind``);
* ``viz:color`` with ``r``, ``g``, ``b`` only (an alpha turns Gephi Lite grey),
  ``viz:size`` by weighted degree;
* ``mode="dynamic"`` with ``timeformat="date"`` and a closed ``start``/``end``
  interval on every dated node and edge (the graph is static when nothing is
  dated); items whose articles have no date carry no interval, so Gephi shows them
  at every moment, and a node's interval covers its dated edges' (see
  :func:`intervals`); ``first_seen``/``last_seen``
  (nodes) and ``first_date``/``last_date`` (edges) also as plain strings;
* one attributes block per class, one declared type per attribute, no empty
  values, ``integer``/``double``/``boolean``/``string`` types, lists written as
  ``|``-separated strings, characters that XML forbids stripped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg import __version__
from kg.errors import ExportError
from kg.export.output import write_lines
from kg.rdf.graph import build_time

GEXF_VERSIONS: dict[str, dict[str, str]] = {
    "1.3": {
        "xmlns": "http://gexf.net/1.3",
        "viz": "http://gexf.net/1.3/viz",
        "schema": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "version": "1.3",
    },
    "1.2draft": {
        "xmlns": "http://www.gexf.net/1.2draft",
        "viz": "http://www.gexf.net/1.2draft/viz",
        "schema": "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd",
        "version": "1.2",
    },
}
"""Namespaces of the GEXF versions we write."""

LIST_SEPARATOR = "|"

# Characters that XML 1.0 does not allow anywhere, even escaped.
_XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
RESERVED = frozenset({"label", "viz", "weight"})
"""Keys of node/edge data that GEXF writes as XML attributes or viz, not as attvalues."""


def xml_safe(text: str) -> str:
    """Return ``text`` without the characters that XML 1.0 forbids (most C0 controls).

    >>> xml_safe("APT\\x0b28")
    'APT28'
    """
    return _XML_FORBIDDEN.sub("", text)


def quote_attr(value: Any) -> str:
    """A quoted, escaped XML attribute value."""
    return '"' + xml_safe(str(value)).translate(_ATTR_ESCAPES) + '"'


def escape_text(value: str) -> str:
    """``value`` as XML character data: forbidden characters dropped, ``& < >`` escaped."""
    return xml_safe(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute_value(value: Any) -> str | None:
    """The string form of one attribute value; None for a value to omit (None, empty).

    Lists become ``|``-separated strings; booleans ``true``/``false``.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | set | frozenset):
        items = [xml_safe(str(v)) for v in value]
        return LIST_SEPARATOR.join(items) if items else None
    text = xml_safe(str(value))
    return text if text != "" else None


def attribute_type(values: list[Any]) -> str:
    """One GEXF type for all values of an attribute: boolean, integer, double or string."""
    kinds = {type(v) for v in values if v is not None}
    if kinds and kinds <= {bool}:
        return "boolean"
    if kinds and kinds <= {int}:
        return "integer"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def declare_attributes(
    items: list[dict[str, Any]], reserved: frozenset[str] = RESERVED
) -> dict[str, str]:
    """Attribute titles (in first-seen order, less ``reserved``) and their single GEXF type."""
    values: dict[str, list[Any]] = {}
    for data in items:
        for key, value in data.items():
            if key not in reserved and attribute_value(value) is not None:
                values.setdefault(key, []).append(value)
    return {key: attribute_type(vals) for key, vals in values.items()}


def generate_gexf(graph: nx.MultiDiGraph, version: str = "1.3") -> Iterator[str]:
    """Yield the lines of a GEXF document for ``graph`` (a :func:`~kg.export.projection.project`).

    Args:
        graph: the actor graph.
        version: ``"1.3"`` (default) or ``"1.2draft"``.

    Example:
        >>> text = "\\n".join(generate_gexf(nx.MultiDiGraph()))
        >>> 'xmlns="http://gexf.net/1.3"' in text
        True
    """
    if version not in GEXF_VERSIONS:
        raise ExportError(f"unknown GEXF version {version!r}: choose 1.3 or 1.2draft")
    ns = GEXF_VERSIONS[version]
    span = graph.graph.get("time_span")
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))
    node_attrs = declare_attributes([data for _, data in nodes])
    edge_attrs = declare_attributes([data for *_, data in edges])
    node_times, edge_times = intervals(graph)

    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield (
        f"<gexf xmlns={quote_attr(ns['xmlns'])} xmlns:viz={quote_attr(ns['viz'])}"
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f" xsi:schemaLocation={quote_attr(ns['schema'])} version={quote_attr(ns['version'])}>"
    )
    yield f'  <meta lastmodifieddate="{build_time().date().isoformat()}">'
    yield f"    <creator>intel-kg {__version__}</creator>"
    description = escape_text(graph.graph.get("name") or "intel-kg graph")
    yield f"    <description>{description}</description>"
    yield "  </meta>"
    mode = 'mode="dynamic" timeformat="date"' if span else 'mode="static"'
    if span and version == "1.3":
        mode += ' timerepresentation="interval"'
    yield f'  <graph defaultedgetype="directed" {mode}>'
    yield from _declarations("node", node_attrs)
    yield from _declarations("edge", edge_attrs)

    yield f'    <nodes count="{len(nodes)}">'
    for node, data in nodes:
        label = quote_attr(data.get("label", node))
        head = f"      <node id={quote_attr(node)} label={label}{_interval(node_times, node)}"
        yield from _element(head, "node", data, node_attrs)
    yield "    </nodes>"

    yield f'    <edges count="{len(edges)}">'
    for source, target, key, data in edges:
        head = f"      <edge id={quote_attr(key)} {edge_ends(source, target)}"
        if data.get("label"):
            head += f" label={quote_attr(data['label'])}"
            if version == "1.3":
                head += f" kind={quote_attr(data['label'])}"
        head += f' weight="{float(data.get("weight", 1))!r}"'
        yield from _element(head + _interval(edge_times, key), "edge", data, edge_attrs)
    yield "    </edges>"
    yield "  </graph>"
    yield "</gexf>"


def edge_ends(source: str, target: str) -> str:
    """The ``source`` and ``target`` XML attributes of an edge (GEXF and GraphML)."""
    return f"source={quote_attr(source)} target={quote_attr(target)}"


def _declarations(class_: str, attrs: dict[str, str]) -> Iterator[str]:
    if not attrs:
        return
    yield f'    <attributes class="{class_}" mode="static">'
    for title, type_ in attrs.items():
        name = quote_attr(title)
        yield f'      <attribute id={name} title={name} type="{type_}"/>'
    yield "    </attributes>"


def intervals(
    graph: nx.MultiDiGraph,
) -> tuple[dict[Any, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Closed time intervals of the dated nodes and edges (by key); empty when nothing is dated.

    An edge spans its first and last article dates; a node spans its own dates and
    those of its dated edges, so that Gephi never shows an edge whose ends are not
    there. A node or edge without any date gets no interval: Gephi then shows it at
    every moment, rather than pinning an undated story to the start of the timeline.
    """
    if not graph.graph.get("time_span"):
        return {}, {}
    edges = {
        key: (data["first_date"], data.get("last_date") or data["first_date"])
        for _, _, key, data in graph.edges(keys=True, data=True)
        if data.get("first_date")
    }
    nodes: dict[Any, tuple[str, str]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("first_seen"):
            nodes[node] = (data["first_seen"], data.get("last_seen") or data["first_seen"])
    for source, target, key in graph.edges(keys=True):
        if key not in edges:
            continue
        for node in (source, target):
            start, end = nodes.get(node, edges[key])
            nodes[node] = (min(start, edges[key][0]), max(end, edges[key][1]))
    return nodes, edges


def _interval(times: dict[Any, tuple[str, str]], item: Any) -> str:
    """The ``start``/``end`` XML attributes of a node or edge; none in a static graph."""
    if item not in times:
        return ""
    start, end = times[item]
    return f' start="{start}" end="{end}"'


def _element(head: str, tag: str, data: dict[str, Any], declared: dict[str, str]) -> Iterator[str]:
    values = [(k, attribute_value(data.get(k))) for k in declared]
    values = [(k, v) for k, v in values if v is not None]
    viz = data.get("viz") or {}
    if not values and not viz:
        yield head + "/>"
        return
    yield head + ">"
    if values:
        yield "        <attvalues>"
        for key, value in values:
            yield f"          <attvalue for={quote_attr(key)} value={quote_attr(value)}/>"
        yield "        </attvalues>"
    color = viz.get("color")
    if color:
        r, g, b = (int(color[c]) for c in "rgb")
        yield f'        <viz:color r="{r}" g="{g}" b="{b}"/>'
    if "size" in viz:
        yield f'        <viz:size value="{float(viz["size"])!r}"/>'
    position = viz.get("position")
    if position:
        x, y = float(position["x"]), float(position["y"])
        yield f'        <viz:position x="{x!r}" y="{y!r}" z="0.0"/>'
    yield f"      </{tag}>"


def write_gexf(
    graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str], version: str = "1.3"
) -> None:
    """Write ``graph`` as GEXF to a path (atomically) or a text stream."""
    write_lines(generate_gexf(graph, version), path_or_file)
