"""The self-contained HTML page, opened in headless Chromium (Debian's ``chromium``).

Console output is read from Chromium's log (``--enable-logging=stderr``): the page
logs one ``kg-graph: ready`` line and anything else (errors, warnings, uncaught
exceptions) fails the test. The screenshot is decoded with a small PNG reader and
must show the node colours of the actor types. Hovering an edge and typing in the
search box go through the DevTools protocol (``--remote-debugging-pipe``), which
also reports every console call and uncaught exception of the page.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from pathlib import Path
from typing import Any

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


class DevTools:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4).

    Console calls and uncaught exceptions of the page are collected in ``console``.
    """

    def __init__(self, url: str, profile: Path) -> None:
        binary = shutil.which("chromium")
        assert binary, "install Debian's chromium: apt-get install -y chromium"
        to_chrome, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome = os.pipe()
        # Chromium reads commands on fd 3 and answers on fd 4: bash puts the pipe ends
        # there from copies numbered 100 and up, which cannot collide with 3 and 4.
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD, 100) for fd in (to_chrome, from_chrome)]
        for fd in (to_chrome, from_chrome):
            os.close(fd)
        redirect = f'exec "$0" "$@" 3<&{ends[0]} 4>&{ends[1]} {ends[0]}<&- {ends[1]}>&-'
        flags = [
            f for f in CHROMIUM_FLAGS if not f.startswith(("--enable-logging", "--v=", "--virtual"))
        ]
        self.proc = subprocess.Popen(
            ["/bin/bash", "-c", redirect, binary, *flags, f"--user-data-dir={profile}"]
            + ["--remote-debugging-pipe", "about:blank"],
            pass_fds=ends,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for fd in ends:
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.console: list[tuple[str, str]] = []
        target = self.call("Target.createTarget", url=url)["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Runtime.enable", session=True)

    def call(self, method: str, session: bool = False, **params: Any) -> dict:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply["error"]
                return reply.get("result", {})

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 65536)
            assert chunk, "chromium closed the DevTools pipe"
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if message.get("method") == "Runtime.consoleAPICalled":
            args = message["params"]["args"]
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in args)
            self.console.append((message["params"]["type"], text))
        elif message.get("method") == "Runtime.exceptionThrown":
            self.console.append(("exception", message["params"]["exceptionDetails"]["text"]))
        return message

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture
def devtools(tmp_path):
    browsers: list[DevTools] = []

    def open_page(url: str) -> DevTools:
        browsers.append(DevTools(url, tmp_path / f"devtools-{len(browsers)}"))
        return browsers[-1]

    yield open_page
    for browser in browsers:
        browser.close()


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


READY = "document.body !== null && document.body.getAttribute('data-kg-ready') === '1'"

EDGE_POINT = """(() => {
  const id = %s, network = kgGraph.network;
  const point = network.body.edges[id].edgeType.getPoint(0.5);
  const dom = network.canvasToDOM(point);
  const box = document.getElementById("kg-graph").getBoundingClientRect();
  return [dom.x + box.left, dom.y + box.top];
})()"""


def test_html_hovering_an_edge_shows_its_predicate(graph, tmp_path, devtools):
    page = tmp_path / "graph.html"
    write_html(graph, page)
    browser = devtools(page.as_uri())
    browser.wait_for(READY)
    edge = "kg:actor/kaspersky-lab|detected|kg:actor/fancy-bear"
    assert browser.evaluate(f"kgGraph.edges.get({json.dumps(edge)}).label") is None
    x, y = browser.evaluate(EDGE_POINT % json.dumps(edge))
    browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)
    label = browser.wait_for(f"kgGraph.edges.get({json.dumps(edge)}).label")
    assert label == "detected"
    browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=2, y=200)
    browser.wait_for(f"kgGraph.edges.get({json.dumps(edge)}).label === ' '")
    assert browser.console == [("log", "kg-graph: ready 7 nodes")]


def test_html_search_box_finds_an_actor_by_alias(graph, tmp_path, devtools):
    page = tmp_path / "graph.html"
    write_html(graph, page)
    browser = devtools(page.as_uri())
    browser.wait_for(READY)
    browser.evaluate("document.getElementById('kg-search').focus()")
    browser.call("Input.insertText", session=True, text="apt28")
    for kind in ("keyDown", "keyUp"):
        browser.call(
            "Input.dispatchKeyEvent",
            session=True,
            type=kind,
            key="Enter",
            code="Enter",
            windowsVirtualKeyCode=13,
        )
    assert browser.wait_for("document.getElementById('kg-status').textContent") == "1 match"
    assert browser.evaluate("kgGraph.network.getSelectedNodes()") == ["kg:actor/fancy-bear"]
    assert browser.console == [("log", "kg-graph: ready 7 nodes")]
