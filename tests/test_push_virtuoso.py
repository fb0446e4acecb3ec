"""kg push and kg build --store URL against a real server store: Virtuoso.

The ``virtuoso`` fixture uses the server of ``KG_TEST_VIRTUOSO`` (``.ci/run``)
or starts a throw-away one (``.ci/virtuoso.sh``). The tests push the test graph,
query it back through every preset, push again, and get the same counts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from query_fixtures import push_from
from query_graphs import duplicates, extractions
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import EndpointError
from kg.query.presets import get_preset, list_presets
from kg.query.runner import run_query
from kg.rdf.graph import ExtractionRun
from kg.rdf.namespace import DEFAULT_BASE_IRI
from kg.rdf.server_store import ServerStore, Target

PARAMS = {
    "actor": {"name": "Kaspersky"},
    "timeline": {"name": "Kaspersky"},
    "new-since": {"since": "2017-10-11"},
    "sources": {"outlet": "Tech Ledger"},
}
OURS = f'FILTER(STRSTARTS(STR(?g), "{DEFAULT_BASE_IRI}"))'


def graph_store(endpoint: str) -> str:
    return endpoint.removesuffix("sparql") + "sparql-graph-crud"


def counts(endpoint: str | None = None, store: Path | None = None) -> dict[str, int]:
    """Triples per graph of ours, on the server or in the store."""
    query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }} GROUP BY ?g"
    rows = run_query(query, endpoint=endpoint, store=store).dicts()
    return {row["g"]: int(row["n"]) for row in rows}


def clear(endpoint: str) -> None:
    target = Target(endpoint)
    for graph in counts(endpoint):
        target.drop_graph(graph)
    assert counts(endpoint) == {}


def _unordered(value: str | None) -> object:
    """A GROUP_CONCAT list as a set (servers order it differently); "" as None.

    Lists are joined by ", ", or by "; " for groups whose members are joined by
    " + " with the first one (the corroboration preset's original) kept first.
    """
    if not value:
        return None
    if "; " in value or " + " in value:
        groups = (group.split(" + ") for group in value.split("; "))
        return frozenset((first, frozenset(rest)) for first, *rest in groups)
    return frozenset(value.split(", ")) if ", " in value else value


def normalised(rows: list[dict]) -> list[dict]:
    """Rows with GROUP_CONCAT lists as sets and empty aggregates as None (servers differ there)."""
    return [{key: _unordered(value) for key, value in row.items()} for row in rows]


def same_answers(endpoint: str, store: Path) -> None:
    for preset in list_presets():
        text = preset.bind(PARAMS.get(preset.name, {}))
        local = run_query(text, store=store).dicts()
        remote = run_query(text, endpoint=endpoint).dicts()
        assert local, preset.name
        assert normalised(remote) == normalised(local), preset.name


@pytest.mark.parametrize("mode", ["graph-store", "update"])
def test_push_virtuoso_push_query_push_again(
    virtuoso: str,
    query_store: Path,
    tmp_path: Path,
    mode: str,
) -> None:
    clear(virtuoso)
    target = Target(virtuoso, graph_store=graph_store(virtuoso) if mode == "graph-store" else None)
    progress = tmp_path / "push.jsonl"
    expected = counts(store=query_store)

    first = push_from(query_store, target, progress_file=progress)
    assert first.ok and len(first.pushed) == len(expected) == 9  # 6 articles, actors, ontology,
    # summary
    assert first.triples == sum(expected.values())
    assert counts(virtuoso) == expected
    same_answers(virtuoso, query_store)

    # again: nothing changed, nothing sent
    second = push_from(query_store, target, progress_file=progress)
    assert second.pushed == [] and len(second.unchanged) == 9
    # and from scratch: every graph replaced, not duplicated
    third = push_from(query_store, target, progress_file=progress, restart=True)
    assert len(third.pushed) == 9
    assert counts(virtuoso) == expected
    same_answers(virtuoso, query_store)


def test_push_virtuoso_resumes_after_a_graph_was_lost(
    virtuoso: str,
    query_store: Path,
    tmp_path: Path,
) -> None:
    clear(virtuoso)
    progress = tmp_path / "push.jsonl"
    target = Target(virtuoso, graph_store=graph_store(virtuoso))
    assert push_from(query_store, target, progress_file=progress).ok
    # a crash after the third graph: only the first three lines reached the progress file
    lines = progress.read_text().splitlines()
    progress.write_text("\n".join(lines[:3]) + "\n" + lines[3][:20])  # and a torn line
    resumed = push_from(query_store, target, progress_file=progress)
    assert len(resumed.unchanged) == 3 and len(resumed.pushed) == 6
    assert counts(virtuoso) == counts(store=query_store)


def test_push_virtuoso_cli(virtuoso: str, query_store: Path, tmp_path: Path) -> None:
    clear(virtuoso)
    args = ["push", "--endpoint", virtuoso, "--graph-store", graph_store(virtuoso)]
    args += ["--store", str(query_store), "--progress-file", str(tmp_path / "p.jsonl")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    total = sum(counts(store=query_store).values())
    assert result.stdout.startswith(f"pushed 9 graphs ({total} triples), 0 unchanged")
    result = CliRunner().invoke(
        main, ["query", "--endpoint", virtuoso, "--preset", "corroboration", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("Israel,hacked,Kaspersky Lab,3,3,5,")


def test_push_virtuoso_wrong_password_is_one_line(virtuoso: str, query_store: Path) -> None:
    secured = graph_store(virtuoso) + "-auth"
    target = Target(virtuoso, graph_store=secured, user="dba", password="not-the-password")
    with pytest.raises(EndpointError, match=r"asks for credentials \(HTTP 401\)"):
        target.replace_graph("urn:x:g", [])
    progress = query_store.parent / "x.jsonl"
    report = push_from(query_store, target, progress_file=progress, workers=1)
    assert not report.ok and len(report.failed) == 3 and len(report.not_tried) == 6


def test_push_virtuoso_remote_store_build(virtuoso: str, query_store: Path) -> None:
    clear(virtuoso)
    run = ExtractionRun("hand-made", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    with ServerStore(virtuoso, state_dir=query_store.parent / "remote") as remote:
        assert remote.add_extractions(extractions(), run, duplicates()) == 6
        assert remote.add_extractions(extractions(), run, duplicates()) == 0  # all current
        assert remote.is_current("wire-1", extractions()[0].article.content_hash)
    assert counts(virtuoso) == counts(store=query_store)
    same_answers(virtuoso, query_store)
    text = get_preset("who-did-what").bind({})
    assert len(run_query(text, endpoint=virtuoso)) == 8


def test_push_virtuoso_build_cli_writes_straight_to_the_server(
    virtuoso: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clear(virtuoso)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # same provenance in both builds
    monkeypatch.chdir(tmp_path)  # the remote store keeps its duplicate index under output/
    examples = str(Path(__file__).resolve().parent.parent / "examples")
    runner = CliRunner()
    local = tmp_path / "local" / "kg.store"
    for store in (str(local), virtuoso):
        result = runner.invoke(
            main, ["-q", "build", examples, "--store", store, "--workers", "1"]
        )
        assert result.exit_code == 0, result.output
    assert counts(virtuoso) == counts(store=local)
    assert len(counts(virtuoso)) >= 4  # three articles, the actors and the ontology
    again = runner.invoke(main, ["build", examples, "--store", virtuoso, "--workers", "1"])
    assert again.exit_code == 0, again.output
    assert "(3 unchanged, 0 new, 0 changed)" in again.output
    local_stats = runner.invoke(main, ["stats", "--json", "--store", str(local)])
    server_stats = runner.invoke(main, ["stats", "--json", "--store", virtuoso])
    assert server_stats.exit_code == 0, server_stats.output
    assert json.loads(server_stats.output) == json.loads(local_stats.output)
    assert json.loads(server_stats.output)["articles"] == 3
    refused = runner.invoke(main, ["validate", "--store", virtuoso])
    assert refused.exit_code == 2
    assert f"{virtuoso} is a SPARQL server: kg validate needs a store folder" in refused.output


def test_push_virtuoso_export_from_the_server_equals_the_embedded_store(
    virtuoso: str, query_store: Path, tmp_path: Path
) -> None:
    clear(virtuoso)
    assert push_from(query_store, Target(virtuoso, graph_store=graph_store(virtuoso))).ok
    runner = CliRunner()
    for fmt in ("gexf", "json", "nquads"):
        written = {}
        for name, store in (("local", str(query_store)), ("server", virtuoso)):
            out = tmp_path / f"{name}.{fmt}"
            done = runner.invoke(main, ["export", "-f", fmt, "-o", str(out), "--store", store])
            assert done.exit_code == 0, done.output
            written[name] = out.read_bytes()
        if fmt == "nquads":  # the same quads, whatever the order and blank node labels
            local, server = (Dataset() for _ in range(2))
            local.parse(data=written["local"], format="nquads")
            server.parse(data=written["server"], format="nquads")
            assert len(server) == len(local) > 0
            for graph in local.graphs():
                assert isomorphic(graph, server.graph(graph.identifier)), graph.identifier
        else:
            assert written["server"] == written["local"], fmt
