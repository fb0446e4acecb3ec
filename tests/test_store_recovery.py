"""A store never empties itself: lost metadata is restored, damage is refused (issue 18).

Through the CLI, as a user meets it: ``kg-store.json`` deleted or overwritten, the
database's ``CURRENT`` file lost. Only ``kg build --rebuild`` empties a store.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.rdf.store import FORMAT_VERSION, META_FILE

BASE = "https://example.org/kg/"
TEXTS = {
    "one.txt": "Iranian hackers attacked Saudi Aramco in 2012, officials said.",
    "two.txt": "Microsoft said Russian spies targeted NATO in 2016.",
    "three.txt": "Lazarus Group attacked Sony Pictures in 2014.",
}


def _kg(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _articles(store: Path) -> int:
    code, out, err = _kg("stats", "--store", str(store), "--json")
    assert code == 0, err
    return json.loads(out)["articles"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A store of two articles built with a non-default base IRI, and the third article."""
    folder = tmp_path_factory.mktemp("recovery")
    for name, text in TEXTS.items():
        (folder / name).write_text(text + "\n")
    store = folder / "kg.store"
    for name in ("one.txt", "two.txt"):
        code, _, err = _kg(
            "-q", "build", str(folder / name), "--store", str(store), "--workers", "1",
            "--no-exports", "--base-iri", BASE,
        )
        assert code == 0, err
    assert _articles(store) == 2
    return store, folder / "three.txt"


@pytest.fixture
def built(template, tmp_path):
    """A fresh copy of the template store (each test damages its own)."""
    store, third = template
    copy = tmp_path / "kg.store"
    shutil.copytree(store, copy, ignore=shutil.ignore_patterns("kg.lock"))
    return copy, third


@pytest.mark.parametrize("damage", ["deleted", "{broken", "[]", '{"base_iri": 3}'])
def test_store_lost_metadata_is_restored_and_nothing_is_lost(built, damage):
    store, third = built
    meta = store / META_FILE
    if damage == "deleted":
        meta.unlink()
    else:
        meta.write_text(damage)
    code, out, err = _kg("stats", "--store", str(store), "--json")
    assert code == 0, err
    assert json.loads(out)["articles"] == 2
    restored = f"restored from the store (base IRI {BASE}, format {FORMAT_VERSION})"
    assert restored in err

    code, out, err = _kg(
        "build", str(third), "--store", str(store), "--workers", "1", "--no-exports"
    )
    assert code == 0, err
    assert f"{META_FILE} was missing or broken: restored from the store" in err
    assert "never completely created" not in err
    assert "1 new" in out
    assert _articles(store) == 3
    restored = json.loads(meta.read_text())
    assert restored["base_iri"] == BASE  # --base-iri kept, not reset
    assert restored["format"] == FORMAT_VERSION  # as the store states it

    # and the restored base is enforced as before
    code, _, err = _kg(
        "build", str(third), "--store", str(store), "--no-exports", "--base-iri",
        "https://other.example/",
    )
    assert code == 1
    assert f"was built with base IRI {BASE}" in err


@pytest.mark.parametrize("command", ["build", "stats"])
def test_store_without_its_current_file_is_refused_not_recreated(built, command):
    store, third = built
    (store / "CURRENT").unlink()
    (store / META_FILE).unlink()
    files = sorted(p.name for p in store.glob("*.sst"))
    args = ["build", str(third), "--workers", "1", "--no-exports"] if command == "build" else [
        "stats"
    ]
    code, out, err = _kg(*args, "--store", str(store))
    assert code == 1, out
    lines = err.strip().splitlines()
    assert lines[-1].startswith(f"Error: cannot open store {store} (")
    assert lines[-1].endswith("it is damaged; kg build --rebuild empties it and builds afresh")
    assert sorted(p.name for p in store.glob("*.sst")) == files  # nothing deleted
    assert not (store / "CURRENT").exists()  # no empty database created over the old one


def _state_format(store: Path, version: int) -> None:
    """Make the store state ``version`` about itself, as a later kg would."""
    import pyoxigraph as ox

    graph = ox.NamedNode(BASE + "graph/ontology")
    predicate = ox.NamedNode("https://w3id.org/intel-kg/ontology#storeFormat")
    db = ox.Store(str(store))
    stated = list(db.quads_for_pattern(graph, predicate, None, graph))
    assert [q.object.value for q in stated] == [str(FORMAT_VERSION)]  # every store states it
    db.remove(stated[0])
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    db.add(ox.Quad(graph, predicate, ox.Literal(str(version), datatype=integer), graph))
    db.flush()
    del db


@pytest.mark.parametrize("where", ["metadata file", "store, metadata file lost"])
@pytest.mark.parametrize("command", ["build", "stats"])
def test_store_of_a_newer_format_is_refused_in_one_line(built, where, command):
    store, third = built
    meta = store / META_FILE
    if where == "metadata file":
        meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": FORMAT_VERSION + 1}))
    else:
        _state_format(store, FORMAT_VERSION + 1)
        meta.unlink()
    args = ["build", str(third), "--workers", "1", "--no-exports"] if command == "build" else [
        "stats"
    ]
    code, out, err = _kg(*args, "--store", str(store))
    assert code == 1, out
    assert err.strip().splitlines()[-1] == (
        f"Error: store {store} has format {FORMAT_VERSION + 1}, newer than the {FORMAT_VERSION} "
        "this kg reads: upgrade kg "
        "(pip install -U intel-kg), or kg build --rebuild to build it afresh"
    )
    assert _stored_articles(store) == 2  # refused, nothing touched


def _stored_articles(store: Path) -> int:
    import pyoxigraph as ox

    db = ox.Store.read_only(str(store))
    is_a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    kind = ox.NamedNode("https://schema.org/NewsArticle")
    return sum(1 for _ in db.quads_for_pattern(None, is_a, kind, None))


def test_store_only_rebuild_empties_it(built):
    store, third = built
    code, out, err = _kg(
        "-q", "build", str(third), "--store", str(store), "--workers", "1", "--no-exports",
        "--rebuild",
    )
    assert code == 0, err
    assert _articles(store) == 1
    assert json.loads((store / META_FILE).read_text())["base_iri"] != BASE  # a new store
