"""Actors are looked up by their ``kg:key`` (a normalized label) by equality (issue 16).

The key is written with the actor's labels and aliases at build time; a store built
before keys existed (format 1) is given them when opened for writing, and until then a
preset that finds no actor by key says so and how to fix it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query.presets import get_preset
from kg.query.runner import run_query
from kg.rdf import summary
from kg.rdf.namespace import label_key
from kg.rdf.store import FORMAT_VERSION, META_FILE, KGStore

KEY = ox.NamedNode("https://w3id.org/intel-kg/ontology#key")


@pytest.mark.parametrize(
    ("label", "key"),
    [("Kaspersky Lab", "kaspersky lab"), ("  APT\u00a028\t", "apt 28"), ("Straße", "strasse"),
     ("ＦＳＢ", "fsb")],
)
def test_query_keys_label_key_normalizes_case_width_and_spacing(label, key):
    assert label_key(label) == key


def _rows(preset: str, store: Path, **params: str) -> list[dict]:
    return run_query(get_preset(preset).bind(params), store=store).dicts()


@pytest.mark.parametrize("preset", ["actor", "timeline"])
@pytest.mark.parametrize("spelling", ["russia", " RUSSIA ", "Russia"])
def test_query_keys_name_matches_whatever_the_case_and_spacing(query_store, preset, spelling):
    rows = _rows(preset, query_store, name=spelling)
    assert rows
    assert rows == _rows(preset, query_store, name="Russia")


def test_query_keys_written_for_label_and_every_alias(query_store):
    with KGStore(query_store, read_only=True) as store:
        keys = {q.object.value for q in store.oxigraph.quads_for_pattern(None, KEY, None, None)}
        names = {
            label_key(q.object.value)
            for q in store.oxigraph
            if q.predicate.value.endswith(("#label", "#altLabel"))
            and q.graph_name == ox.NamedNode(store.iris.actors_graph)
        }
    assert names and names == keys


def _make_old(path: Path) -> int:
    """Take the keys and the summary out of a store and record format 1, as a store of the
    earlier kg was."""
    db = ox.Store(str(path))
    keys = list(db.quads_for_pattern(None, KEY, None, None))
    for quad in keys:
        db.remove(quad)
    for quad in list(db.quads_for_pattern(None, summary.SUMMARY, None, None)):
        db.remove(quad)
    db.remove_graph(next(g for g in db.named_graphs() if g.value.endswith("graph/summary")))
    db.flush()
    del db
    meta = path / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": 1}))
    return len(keys)


def test_query_keys_old_store_says_why_then_is_upgraded_when_opened_for_writing(
    query_store, tmp_path
):
    old = tmp_path / "kg.store"
    shutil.copytree(query_store, old, ignore=shutil.ignore_patterns("kg.lock"))
    before = _rows("actor", old, name="Russia")
    assert _make_old(old) > 0
    runner = CliRunner()
    result = runner.invoke(
        main, ["query", "--preset", "actor", "-p", "name=Russia", "--store", str(old)]
    )
    assert result.exit_code == 0, result.output
    assert "this store was built by an older kg and has no kg:key look-up labels: run kg build" in (
        result.stderr
    )
    result = runner.invoke(main, ["query", "--preset", "who-did-what", "--store", str(old)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith(
        "this store was built by an older kg and has no summary graph: run kg build on it once "
        "to add it (a store is brought up to date when opened for writing)"
    )
    wdw = run_query(get_preset("who-did-what").bind(), store=query_store).dicts()
    with KGStore(old):  # a writable open brings it up to date
        pass
    assert json.loads((old / META_FILE).read_text())["format"] == FORMAT_VERSION
    assert _rows("actor", old, name="Russia") == before
    assert run_query(get_preset("who-did-what").bind(), store=old).dicts() == wdw
