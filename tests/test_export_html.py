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
HEADER_PX = 145  # the page's header bar (search, filters, legend): the graph is below it


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
    linked = {d["type"] for n, d in graph.nodes(data=True) if graph.degree(n)}
    for type_ in linked:
        assert counts.get(TYPE_COLORS[type_], 0) >= 20, f"no {type_} node drawn"
    # an actor without relations (the Person Lone Wolf) is hidden at first
    isolated = {d["type"] for n, d in graph.nodes(data=True) if not graph.degree(n)}
    assert "Person" in isolated - linked and counts.get(TYPE_COLORS["Person"], 0) == 0


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


def test_html_every_edge_has_its_predicate_and_hovering_draws_it_at_any_zoom(
    graph, tmp_path, devtools
):
    page = tmp_path / "graph.html"
    write_html(graph, page)
    browser = devtools(page.as_uri())
    browser.wait_for(READY)
    labels = browser.evaluate("kgGraph.edges.get().map(e => [e.id, e.label])")
    assert {key: label for key, label in labels} == {
        key: data["label"] for *_, key, data in graph.edges(keys=True, data=True)
    }
    edge = "kg:actor/kaspersky-lab|detected|kg:actor/fancy-bear"
    browser.evaluate("kgGraph.network.moveTo({scale: 0.3})")  # too small for labels
    x, y = browser.evaluate(EDGE_POINT % json.dumps(edge))
    browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)
    size = browser.wait_for(f"(kgGraph.edges.get({json.dumps(edge)}).font || {{}}).size")
    assert size * 0.3 >= 9  # drawn: at least the label threshold on screen
    browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=2, y=300)
    browser.wait_for(f"kgGraph.edges.get({json.dumps(edge)}).font.size === 11")
    assert browser.console == [("log", "kg-graph: ready 7 nodes")]


STYLED = {
    # (source, target, predicate, family, modality, negated)
    ("a", "b", "hacked", "cyber", "asserted", False),
    ("a", "c", "spiedOn", "cyber", "alleged", False),
    ("b", "c", "attacked", "cyber", "attempted", False),
    ("c", "a", "accused", "communication", "asserted", False),
    ("b", "a", "hacked", "cyber", "asserted", True),
    ("d", "e", "sanctioned", "coercion", "asserted", False),
}


def styled_graph(isolated: int = 1) -> nx.MultiDiGraph:
    """Five linked actors, one edge per modality, a negated edge, and isolated actors."""
    graph = nx.MultiDiGraph()
    for name in "abcde":
        graph.add_node(name, label=f"Actor {name.upper()}", type="Company")
    for i in range(isolated):
        graph.add_node(f"lone-{i}", label=f"Lone {i}", type="Person")
    for i, (s, o, p, family, modality, negated) in enumerate(sorted(STYLED)):
        label = f"not {p}" if negated else p
        day = f"2024-0{i + 1}-01"
        dates = {"first_date": day, "last_date": day}
        graph.add_edge(
            s, o, key=f"{s}|{label}|{o}", label=label, predicate=p, family=family,
            modality=modality, negated=negated, weight=1 + (p == "sanctioned"), **{modality: 1},
            **dates,
        )  # fmt: skip
    return graph


def shown(browser: DevTools) -> tuple[list[str], list[str]]:
    nodes = browser.evaluate("kgGraph.nodeView.getIds().sort()")
    edges = browser.evaluate("kgGraph.edgeView.getIds().sort()")
    return nodes, edges


def click(browser: DevTools, selector: str) -> None:
    browser.evaluate(f"document.querySelector({json.dumps(selector)}).click()")


def test_html_styles_modalities_hides_negated_and_isolated_and_filters(tmp_path, devtools):
    page = tmp_path / "styled.html"
    write_html(styled_graph(), page)
    browser = devtools(page.as_uri())
    browser.wait_for(READY)
    dashes = dict(browser.evaluate("kgGraph.edges.get().map(e => [e.id, e.dashes])"))
    assert dashes["a|hacked|b"] is False  # asserted: solid
    assert dashes["a|spiedOn|c"] == [10, 6]  # alleged: dashed
    assert dashes["b|attacked|c"] == [2, 4]  # attempted: dotted
    nodes, edges = shown(browser)
    assert nodes == ["a", "b", "c", "d", "e"]  # the isolated actor is hidden
    assert "b|not hacked|a" not in edges and len(edges) == 5  # the negated edge too
    status = browser.evaluate("document.getElementById('kg-status').textContent")
    assert status == "5 of 6 actors, 5 of 6 relations (1 actors hidden: too few links)"
    click(browser, "#kg-negated")
    assert "b|not hacked|a" in shown(browser)[1]
    click(browser, "#kg-negated")
    click(browser, "#kg-family-cyber")  # a family off
    assert shown(browser) == (["a", "c", "d", "e"], ["c|accused|a", "d|sanctioned|e"])
    click(browser, "#kg-family-cyber")
    click(browser, "#kg-mod-asserted")  # only alleged and attempted left
    assert shown(browser)[1] == ["a|spiedOn|c", "b|attacked|c"]
    click(browser, "#kg-mod-asserted")
    browser.evaluate(
        "const w = document.getElementById('kg-min-weight'); w.value = 2;"
        " w.dispatchEvent(new Event('change'))"
    )
    assert shown(browser) == (["d", "e"], ["d|sanctioned|e"])
    click(browser, "#kg-reset")
    browser.evaluate(
        "const s = document.getElementById('kg-since'); s.value = '2024-03-01';"
        " s.dispatchEvent(new Event('change'))"
    )
    # edges dated March or later (the styled edges are dated one month apart)
    assert shown(browser)[1] == ["b|attacked|c", "c|accused|a", "d|sanctioned|e"]
    click(browser, "#kg-reset")
    assert shown(browser)[0] == ["a", "b", "c", "d", "e", "lone-0"]  # show all: isolated too
    assert browser.console == [("log", "kg-graph: ready 6 nodes")]


def test_html_click_on_an_actor_shows_its_neighbourhood(tmp_path, devtools):
    page = tmp_path / "styled.html"
    write_html(styled_graph(), page)
    browser = devtools(page.as_uri())
    browser.wait_for(READY)
    x, y = browser.evaluate(
        """(() => { const p = kgGraph.network.getPositions(["d"]).d;
        const dom = kgGraph.network.canvasToDOM(p);
        const box = document.getElementById("kg-graph").getBoundingClientRect();
        return [dom.x + box.left, dom.y + box.top]; })()"""
    )
    for kind in ("mousePressed", "mouseReleased"):
        browser.call(
            "Input.dispatchMouseEvent", session=True, type=kind, x=x, y=y, button="left",
            clickCount=1,
        )  # fmt: skip
    browser.wait_for("document.getElementById('kg-status').textContent.startsWith('neigh')")
    assert shown(browser) == (["d", "e"], ["d|sanctioned|e"])
    browser.evaluate("kgGraph.setFocus(null)")
    assert len(shown(browser)[0]) == 5


def test_html_a_thousand_actors_open_thinned_by_links(tmp_path):
    graph = nx.MultiDiGraph()
    for i in range(1000):
        graph.add_node(f"n{i}", label=f"Actor {i}", type="Company")
    for i, j in nx.barabasi_albert_graph(1000, 1, seed=3).edges():
        graph.add_edge(f"n{i}", f"n{j}", key=f"n{i}|hacked|n{j}", label="hacked", weight=1)
    page = tmp_path / "big.html"
    write_html(graph, page)
    messages, dom = chromium(page.as_uri(), tmp_path, "--dump-dom")
    assert messages == ["kg-graph: ready 1000 nodes"]
    shown_nodes = int(re.search(r'data-kg-shown="(\d+)/', dom).group(1))
    assert 0 < shown_nodes <= 400
    assert re.search(r'id="kg-status">\d+ of 1000 actors', dom)


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


def screenshot(browser: DevTools, path: Path) -> dict[tuple[int, int, int], int]:
    """Save what the page draws now as ``path`` (PNG); its colour counts below the header."""
    import base64

    shot = browser.call("Page.captureScreenshot", session=True, format="png")
    path.write_bytes(base64.b64decode(shot["data"]))
    return colour_counts(path)


def test_html_export_of_a_build_draws_labelled_styled_edges(tmp_path, devtools):
    """``kg build examples/`` then ``kg export --format html``, looked at in Chromium.

    The screenshot is kept in ``$KG_CI_ARTIFACTS`` (``output/`` in CI) when set.
    """
    from click.testing import CliRunner

    from kg.cli import main
    from kg.export.html import FAMILY_COLORS

    store, page = tmp_path / "kg.store", tmp_path / "graph.html"
    examples = str(Path(__file__).parents[1] / "examples")
    runner = CliRunner()
    built = runner.invoke(main, ["-q", "build", examples, "--store", str(store), "--workers", "1"])
    assert built.exit_code == 0, built.output
    exported = runner.invoke(
        main, ["export", "--store", str(store), "--format", "html", "-o", str(page)]
    )
    assert exported.exit_code == 0, exported.output
    browser = devtools(page.as_uri())
    browser.wait_for(READY)
    # no isolated actor is drawn: every shown node has a shown edge
    isolated = browser.evaluate(
        """(() => { const ends = new Set();
        kgGraph.edgeView.get().forEach(e => { ends.add(e.from); ends.add(e.to); });
        return kgGraph.nodeView.getIds().filter(id => !ends.has(id)); })()"""
    )
    assert isolated == [] and browser.evaluate("kgGraph.nodeView.length") > 5
    browser.evaluate("kgGraph.network.moveTo({scale: 1.0})")  # labels are drawn from 0.82
    artifacts = Path(os.environ.get("KG_CI_ARTIFACTS") or tmp_path)
    artifacts.mkdir(parents=True, exist_ok=True)
    counts = screenshot(browser, artifacts / "graph-html-examples.png")
    label = (0x20, 0x20, 0x78)  # the edge label colour
    assert counts.get(label, 0) >= 20, "no edge label drawn"
    drawn = {f: counts.get(rgb, 0) for f, rgb in FAMILY_COLORS.items()}
    assert sum(1 for n in drawn.values() if n >= 50) >= 3, drawn  # edges of several families
    dashes = browser.evaluate("kgGraph.edgeView.get().map(e => JSON.stringify(e.dashes))")
    assert {"false", "[10,6]", "[2,4]"} <= set(dashes)  # asserted, alleged, attempted
    # a filter changes what is drawn: without the cyber family no cyber edge is left
    browser.evaluate("document.getElementById('kg-family-cyber').click()")
    time.sleep(0.5)
    after = screenshot(browser, tmp_path / "no-cyber.png")
    assert after.get(FAMILY_COLORS["cyber"], 0) == 0 < drawn["cyber"]
    assert [m for m in browser.console if m[0] != "log"] == []
