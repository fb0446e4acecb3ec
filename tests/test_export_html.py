"""The self-contained HTML page, opened in headless Chromium (Debian's ``chromium``).

Console output is read from Chromium's log (``--enable-logging=stderr``): the page
logs one ``kg-graph: ready`` line and anything else (errors, warnings, uncaught
exceptions) fails the test. The screenshot is decoded with a small PNG reader and
must show the node colours of the actor types.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import networkx as nx
import pytest
from export_graphs import JS, load_store, sample_dataset

from kg.export.html import LIBRARY, generate_html, page_data, write_html
from kg.export.projection import TYPE_COLORS, project

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--window-size=900,650",
    "--virtual-time-budget=8000",
]
CONSOLE = re.compile(r':CONSOLE[^\]]*\] "(.*)", source: ')
HEADER_PX = 90  # the page's header bar: the graph is drawn below it


def chromium(url: str, tmp_path: Path, *args: str) -> tuple[list[str], str]:
    """Open ``url`` in headless Chromium; return its console messages and its stdout."""
    binary = shutil.which("chromium")
    assert binary, "install Debian's chromium: apt-get install -y chromium"
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    result = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return CONSOLE.findall(result.stderr), result.stdout


def png_rows(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG: (width, height, bytes per pixel, rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
    assert depth == 8 and color in (2, 6), (depth, color)
    bpp = 3 if color == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def colour_counts(png: Path) -> dict[tuple[int, int, int], int]:
    """How many pixels of each colour the graph area (below the header) has."""
    width, _, bpp, rows = png_rows(png.read_bytes())
    counts: dict[tuple[int, int, int], int] = {}
    for row in rows[HEADER_PX:]:
        for x in range(0, width * bpp, bpp):
            rgb = (row[x], row[x + 1], row[x + 2])
            counts[rgb] = counts.get(rgb, 0) + 1
    return counts


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return project(load_store(sample_dataset()))


def test_html_page_is_self_contained(graph):
    page = "\n".join(generate_html(graph))
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert "sourceMappingURL" not in page
    assert page.count("<script") == 3  # the data, the bundled library, the page script


def test_html_bundled_library_matches_npm_package():
    bundled = (Path(__file__).parents[1] / "kg" / "export" / "static" / LIBRARY).read_text()
    version = re.search(r"@version\s+(\S+)", bundled).group(1)
    package = (JS / "node_modules" / "vis-network" / "package.json").read_text()
    assert f'"version": "{version}"' in package
    licenses = (Path(__file__).parents[1] / "kg" / "export" / "static").glob("*LICENSE*")
    assert len(list(licenses)) == 2


def test_html_opens_in_chromium_without_console_errors_and_draws_nodes(graph, tmp_path):
    page = tmp_path / "graph.html"
    write_html(graph, page)
    messages, _ = chromium(page.as_uri(), tmp_path, "--screenshot=shot.png")
    assert messages == ["kg-graph: ready 7 nodes"]
    counts = colour_counts(tmp_path / "shot.png")
    white = counts.get((255, 255, 255), 0)
    assert white < 0.99 * sum(counts.values()), "the graph area is blank"
    for type_ in {d["type"] for _, d in graph.nodes(data=True)}:
        assert counts.get(TYPE_COLORS[type_], 0) >= 20, f"no {type_} node drawn"


def test_html_search_from_link_selects_the_actor(graph, tmp_path):
    page = tmp_path / "graph.html"
    write_html(graph, page)
    messages, dom = chromium(page.as_uri() + "#q=apt28", tmp_path, "--dump-dom")
    assert messages == ["kg-graph: ready 7 nodes"]
    assert '<span id="kg-status">1 match</span>' in dom


def test_html_console_check_catches_page_errors(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<script>console.error('broken'); null.x;</script>", encoding="utf-8")
    messages, _ = chromium(bad.as_uri(), tmp_path, "--dump-dom")
    assert messages[0] == "broken" and messages[1].startswith("Uncaught TypeError")


def test_html_empty_graph_page_loads(tmp_path):
    page = tmp_path / "empty.html"
    write_html(nx.MultiDiGraph(), page)
    messages, dom = chromium(page.as_uri(), tmp_path, "--dump-dom")
    assert messages == ["kg-graph: ready 0 nodes"]
    assert "No actors or relations to show." in dom


def test_html_labels_cannot_break_out_of_the_data_script(tmp_path):
    graph = nx.MultiDiGraph()
    evil = "</script><script>console.error('injected')</script><!--"
    graph.add_node("a", label=evil, type="Person", viz={"color": {"r": 1, "g": 2, "b": 3}})
    graph.add_node("b", label="B ‫RTL‬ 🐻", type="Country")
    graph.add_edge("a", "b", key="a|hacked|b", label="hacked", weight=1)
    page = tmp_path / "evil.html"
    write_html(graph, page)
    assert evil not in page.read_text(encoding="utf-8")
    messages, _ = chromium(page.as_uri(), tmp_path, "--dump-dom")
    assert messages == ["kg-graph: ready 2 nodes"]
    assert page_data(graph)["nodes"][0]["label"] == evil  # the label itself is kept


def test_html_larger_graph_loads_without_layout_warnings(tmp_path):
    # a random graph of this size makes vis-network's "improved layout" give up with a warning
    graph = nx.MultiDiGraph()
    for i in range(200):
        graph.add_node(f"n{i}", label=f"Actor {i}", type="Company")
    for i, j in nx.gnm_random_graph(200, 2000, seed=1, directed=True).edges():
        graph.add_edge(f"n{i}", f"n{j}", key=f"n{i}|hacked|n{j}", label="hacked", weight=1)
    page = tmp_path / "large.html"
    write_html(graph, page)
    messages, _ = chromium(page.as_uri(), tmp_path, "--dump-dom")
    assert messages == ["kg-graph: ready 200 nodes"]
