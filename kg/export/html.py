"""One self-contained HTML page: an interactive force-directed view of the actor graph.

The page bundles vis-network (``kg/export/static/vis-network.min.js``, from the
npm package ``vis-network``, dual-licensed Apache-2.0/MIT, licenses beside it)
and the graph as JSON, so it works offline and from a file. Nodes are coloured
by type and sized by weighted degree; edges by relation family, dashed when
alleged, dotted when attempted, each labelled with its predicate (drawn when
zoomed in, and on hover, with the evidence). Negated edges are in the page but
hidden until asked for; actors with too few links are hidden (at least one; more
on graphs of over 400 actors). In-page filters: family, predicate, modality,
minimum weight and links, date range; a click on an actor shows its
neighbourhood; a search box finds an actor by name or alias.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.export.gexf import LIST_SEPARATOR
from kg.export.output import write_lines
from kg.export.projection import FAMILIES, OTHER_COLOR, TYPE_COLORS, edge_modality

LIBRARY = "vis-network.min.js"

FAMILY_COLORS: dict[str, tuple[int, int, int]] = {
    "cyber": (178, 24, 43),
    "detection": (33, 102, 172),
    "communication": (27, 120, 55),
    "coercion": (224, 130, 20),
    "affiliation": (118, 42, 131),
}
"""Edge colour (r, g, b) per relation family, unlike any node colour."""


@cache
def _static(name: str) -> str:
    return resources.files("kg.export").joinpath("static", name).read_text("utf-8")


def _hex(rgb: tuple[int, int, int] | dict[str, int]) -> str:
    r, g, b = (rgb[c] for c in "rgb") if isinstance(rgb, dict) else rgb
    return f"#{r:02x}{g:02x}{b:02x}"


def _joined(value: Any) -> str | None:
    if isinstance(value, list | tuple | set):
        return LIST_SEPARATOR.join(str(v) for v in value) or None
    return value


def page_data(graph: nx.MultiDiGraph, show_negated: bool = False) -> dict[str, Any]:
    """The JSON the page draws: nodes, edges, the colour of each actor type and relation
    family present, and whether negated edges are shown at first."""
    nodes = []
    for node, data in graph.nodes(data=True):
        viz = data.get("viz") or {}
        nodes.append(
            {
                "id": node,
                "label": data.get("label", node),
                "type": data.get("type"),
                "color": _hex(viz.get("color") or OTHER_COLOR),
                "size": viz.get("size", 10),
                "country": data.get("country"),
                "aliases": _joined(data.get("aliases")),
                "articles": data.get("articles"),
                "first_seen": data.get("first_seen"),
                "last_seen": data.get("last_seen"),
            }
        )
    edges = []
    pairs: Counter[tuple[str, str]] = Counter()
    for source, target, key, data in graph.edges(keys=True, data=True):
        pair = (min(source, target), max(source, target))
        dates = [d for d in (data.get("first_date"), data.get("last_date")) if d]
        edges.append(
            {
                "id": key,
                "source": source,
                "target": target,
                "label": data.get("label", ""),
                "predicate": data.get("predicate") or data.get("label", ""),
                "negated": bool(data.get("negated")),
                "modality": data.get("modality") or edge_modality(data),
                "index": pairs[pair],  # parallel edges get different curves
                "weight": data.get("weight", 1),
                "family": data.get("family"),
                "asserted": data.get("asserted"),
                "alleged": data.get("alleged"),
                "attempted": data.get("attempted"),
                "dates": " – ".join(dict.fromkeys(dates)) or None,
                "first_date": data.get("first_date"),
                "last_date": data.get("last_date") or data.get("first_date"),
                "outlets": _joined(data.get("outlets")),
                "sentence": data.get("sentence"),
            }
        )
        pairs[pair] += 1
    present = sorted({n["type"] for n in nodes if n["type"]})
    types = {t: _hex(TYPE_COLORS.get(t, OTHER_COLOR)) for t in present}
    used = {e["family"] for e in edges}
    families = {f: _hex(FAMILY_COLORS[f]) for f in FAMILIES if f in used}
    return {
        "nodes": nodes,
        "edges": edges,
        "types": types,
        "families": families,
        "show_negated": show_negated,
    }


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its ``<script>`` element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def generate_html(
    graph: nx.MultiDiGraph, title: str = "intel-kg actor graph", show_negated: bool = False
) -> Iterator[str]:
    """Yield the lines of the self-contained HTML page for ``graph``.

    Negated edges in ``graph`` are drawn only once the page's "negated" box is ticked
    (ticked at first with ``show_negated``).

    Example:
        >>> page = "\\n".join(generate_html(nx.MultiDiGraph()))
        >>> "<script src=" in page
        False
    """
    template = _static("graph.html")
    # the data goes in last, so that no text in it is taken for a placeholder
    page = (
        template.replace("__KG_TITLE__", html.escape(title))
        .replace("__KG_LIBRARY__", _static(LIBRARY).strip())
        .replace("__KG_DATA__", _script_json(page_data(graph, show_negated)))
    )
    yield from page.splitlines()


def write_html(
    graph: nx.MultiDiGraph,
    path_or_file: str | Path | IO[str],
    title: str = "intel-kg actor graph",
    show_negated: bool = False,
) -> None:
    """Write the HTML page for ``graph`` to a path (atomically) or a text stream."""
    write_lines(generate_html(graph, title, show_negated), path_or_file)
