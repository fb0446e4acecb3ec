"""Summary nodes of format 4 name their relation and count its assertions (issue 16).

top-actors and new-since read them instead of every assertion; a store of format 3
(nodes without those terms) says so until a writable open recomputes its nodes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from kg.cli import main
from kg.query.presets import get_preset
from kg.query.runner import run_query
from kg.rdf import summary
from kg.rdf.store import FORMAT_VERSION, META_FILE, KGStore

KG = "https://w3id.org/intel-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
FORMAT_4_TERMS = [ox.NamedNode(RDF + name) for name in ("subject", "predicate", "object")] + [
    ox.NamedNode(KG + name) for name in ("assertionCount", "datedArticleCount")
]


def _rows(preset: str, store: Path, **params: str) -> list[dict]:
    return run_query(get_preset(preset).bind(params), store=store).dicts()


def _assertions(store: ox.Store, node: ox.NamedNode) -> list[tuple[ox.Quad, ...]]:
    """(kg:subject, kg:predicate, kg:object, kg:negated) of each assertion linked to ``node``."""
    found = []
    for link in store.quads_for_pattern(None, summary.SUMMARY, node, None):
        found.append(
            tuple(
                next(store.quads_for_pattern(link.subject, ox.NamedNode(KG + term), None, None))
                for term in ("subject", "predicate", "object", "negated")
            )
        )
    return found


def test_rdf_summary_terms_name_the_relation_of_the_assertions(query_store):
    with KGStore(query_store, read_only=True) as kg_store:
        store = kg_store.oxigraph
        graph = ox.NamedNode(kg_store.iris.summary_graph)
        nodes = {q.subject for q in store.quads_for_pattern(None, FORMAT_4_TERMS[3], None, graph)}
        assert nodes
        for node in nodes:
            assertions = _assertions(store, node)
            values = {name: q.object for name, q in zip("spon", assertions[0], strict=True)}
            assert values["n"].value == "false"
            stated = {
                term.value.rpartition("#")[2]: next(
                    store.quads_for_pattern(node, term, None, graph)
                ).object
                for term in FORMAT_4_TERMS
            }
            assert stated["subject"] == values["s"]
            assert stated["predicate"] == values["p"]
            assert stated["object"] == values["o"]
            assert int(stated["assertionCount"].value) == len(assertions)
            count = next(store.quads_for_pattern(node, ox.NamedNode(KG + "articleCount"), None))
            assert int(stated["datedArticleCount"].value) <= int(count.object.value)
        negated = {
            link.object
            for link in store.quads_for_pattern(None, summary.SUMMARY, None, None)
            if _assertions(store, link.object)[0][3].object.value == "true"
        }
        assert negated and not negated & nodes  # negated relations have none of them


def _make_format_3(path: Path) -> int:
    """Take format 4's terms out of the summary nodes and record format 3."""
    db = ox.Store(str(path))
    removed = [q for term in FORMAT_4_TERMS for q in db.quads_for_pattern(None, term, None, None)]
    for quad in removed:
        db.remove(quad)
    db.flush()
    del db
    meta = path / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": 3}))
    return len(removed)


def test_rdf_summary_terms_format_3_store_says_why_then_is_upgraded(query_store, tmp_path):
    old = tmp_path / "kg.store"
    shutil.copytree(query_store, old, ignore=shutil.ignore_patterns("kg.lock"))
    top = _rows("top-actors", query_store)
    new = _rows("new-since", query_store, since="2017-06-01")
    assert top and new
    assert _make_format_3(old) > 0
    runner = CliRunner()
    for args in (["top-actors"], ["new-since", "-p", "since=2017-06-01"]):
        result = runner.invoke(main, ["query", "--store", str(old), "--preset", *args])
        assert result.exit_code == 0, result.output
        assert result.stderr.strip().endswith(
            "this store was built by an older kg and has no relation terms in its summary "
            "graph: run kg build on it once to add them (a store is brought up to date when "
            "opened for writing)"
        )
    with KGStore(old):  # a writable open recomputes the nodes
        pass
    assert json.loads((old / META_FILE).read_text())["format"] == FORMAT_VERSION == 4
    assert _rows("top-actors", old) == top
    assert _rows("new-since", old, since="2017-06-01") == new
