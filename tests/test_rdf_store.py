"""KGStore: incremental writes, idempotence, exports, locking and unusable store paths."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdf_fakes import corpus, extract
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic, to_isomorphic

from kg.errors import QueryError, StoreError
from kg.models import Article
from kg.rdf import store as store_module
from kg.rdf.graph import ExtractionRun, build_time
from kg.rdf.namespace import DEFAULT_BASE_IRI, KG
from kg.rdf.store import FORMATS, STATS_KEYS, KGStore, Store, open_store

TESTS = Path(__file__).parent
RUN = ExtractionRun("fake-pattern-0", build_time())


def quad_set(store: KGStore) -> set:
    return set(store.quads())


def fill(path: Path, articles: list[Article], **kwargs) -> KGStore:
    store = KGStore(path, **kwargs)
    store.add_extractions([extract(a) for a in articles], RUN)
    return store


def test_rdf_store_stats_has_exactly_the_six_counts(tmp_path):
    with fill(tmp_path / "s", corpus(6)) as store:
        stats = store.stats()
    assert tuple(stats) == STATS_KEYS
    assert stats["articles"] == 6
    assert stats["assertions"] == sum(len(extract(a).relations) for a in corpus(6))
    assert 0 < stats["facts"] < stats["assertions"]
    assert stats["actors"] >= 10
    assert stats["triples"] > stats["assertions"] * 10


def test_rdf_store_same_article_twice_changes_nothing(tmp_path):
    with fill(tmp_path / "s", corpus(4)) as store:
        before = quad_set(store)
        written = store.add_extractions([extract(a) for a in corpus(4)], RUN)
        assert written == 0
        assert quad_set(store) == before


def test_rdf_store_two_halves_equal_one_go(tmp_path):
    articles = corpus(6)
    with fill(tmp_path / "one", articles) as one:
        expected = quad_set(one)
    with fill(tmp_path / "halves", articles[:3]) as halves:
        halves.add_extractions([extract(a) for a in articles[3:]], RUN)
        assert quad_set(halves) == expected


def test_rdf_store_changed_article_replaces_its_graph(tmp_path):
    original = Article(id="a", text="Israel hacked Kaspersky.")
    changed = Article(id="a", text="Lazarus hacked Sony.")
    with fill(tmp_path / "s", [original]) as store:
        assert store.add_extractions([extract(changed)], RUN) == 1
        assert store.content_hash("a") == changed.content_hash
        facts = {(str(s), str(o)) for s, p, o, _ in store.quads() if p == KG.hacked}
    assert facts == {
        ("https://w3id.org/intel-kg/id/actor/lazarus", "https://w3id.org/intel-kg/id/actor/sony")
    }


def test_rdf_store_remove_article(tmp_path):
    with fill(tmp_path / "s", corpus(2)) as store:
        assert store.remove_article("story-000")
        assert not store.remove_article("story-000")
        assert list(store.article_ids()) == ["story-001"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rdf_store_export_parses_back_isomorphic(tmp_path, fmt):
    with fill(tmp_path / "s", corpus(6)) as store:
        out = tmp_path / f"kg.{fmt}"
        store.serialize(fmt, out)
        buffer = io.BytesIO()
        store.serialize("nquads", buffer)
    reference = Dataset()
    reference.parse(data=buffer.getvalue(), format="nquads")
    rdflib_format = {"jsonld": "json-ld", "rdfxml": "xml", "ntriples": "nt"}.get(fmt, fmt)
    if FORMATS[fmt][1]:  # keeps named graphs: compare graph by graph
        parsed = Dataset()
        parsed.parse(out, format=rdflib_format)
        names = {g.identifier for g in reference.graphs() if len(g)}
        assert names == {g.identifier for g in parsed.graphs() if len(g)}
        for name in names:
            assert isomorphic(reference.graph(name), parsed.graph(name)), name
    else:  # graph-less formats hold the union
        union = Graph()
        for s, p, o, _ in reference.quads((None, None, None, None)):
            union.add((s, p, o))
        parsed = Graph().parse(out, format=rdflib_format)
        assert to_isomorphic(parsed) == to_isomorphic(union)


def test_rdf_store_export_parses_with_independent_n3_parser(tmp_path):
    with fill(tmp_path / "s", corpus(6)) as store:
        total = len(store.oxigraph)
        for fmt in ("trig", "nquads", "turtle", "ntriples"):
            store.serialize(fmt, tmp_path / f"kg.{fmt}")
        union = len({(q.subject, q.predicate, q.object) for q in store.oxigraph})
    for fmt, expected in (
        ("trig", total),
        ("nquads", total),
        ("turtle", union),
        ("ntriples", union),
    ):
        result = subprocess.run(
            ["node", str(TESTS / "js" / "parse_rdf.js"), str(tmp_path / f"kg.{fmt}"), fmt],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert int(result.stdout.strip()) == expected, fmt


def test_rdf_store_n3_parser_rejects_broken_input(tmp_path):
    broken = tmp_path / "broken.trig"
    broken.write_text("<a:b> <c:d> { <e:f> <g:h> ", encoding="utf-8")
    result = subprocess.run(
        ["node", str(TESTS / "js" / "parse_rdf.js"), str(broken), "trig"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "line" in result.stderr


def test_rdf_store_serialize_unknown_format(tmp_path):
    with KGStore(tmp_path / "s") as store, pytest.raises(StoreError, match="unknown RDF format"):
        store.serialize("gexf", tmp_path / "x")


def test_rdf_store_path_that_is_a_file(tmp_path):
    path = tmp_path / "kg.store"
    path.write_text("not a store")
    for read_only in (False, True):
        with pytest.raises(StoreError) as info:
            KGStore(path, read_only=read_only)
        assert str(info.value) == (
            f"store path {path} is a file, not a store directory: choose another path with --store"
        )


def test_rdf_store_missing_store_read_only(tmp_path):
    with pytest.raises(StoreError, match="no store at .*: run kg build first"):
        KGStore(tmp_path / "missing", read_only=True)


@pytest.fixture
def read_only_store(tmp_path, monkeypatch):
    """A built store on a read-only file system.

    Non-root: the files are made read-only. Root (permissions do not stop it): a
    read-only bind mount; where mounting is not permitted either, the write probe
    fails with EROFS as it does on a read-only file system.
    """
    source = tmp_path / "built"
    fill(source, corpus(2)).close()
    if os.geteuid() != 0:
        for path in (source, *source.rglob("*")):
            path.chmod(0o555 if path.is_dir() else 0o444)
        yield source
        for path in (source, *source.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        return
    target = tmp_path / "ro"
    target.mkdir()
    bound = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True)
    if bound.returncode != 0:

        def read_only_fs(*args, **kwargs):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(store_module.tempfile, "NamedTemporaryFile", read_only_fs)
        yield source
        return
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)


def test_rdf_store_read_only_path_is_a_clear_error_for_writers(read_only_store):
    with pytest.raises(StoreError) as info:
        KGStore(read_only_store)
    assert str(info.value).startswith(f"store {read_only_store} is not writable (")
    assert str(info.value).endswith("): choose a writable path with --store")


def test_rdf_store_read_only_path_still_reads(read_only_store):
    with KGStore(read_only_store, read_only=True) as store:
        assert store.stats()["articles"] == 2


def _hold_lock(path: Path, seconds: float) -> subprocess.Popen:
    code = textwrap.dedent(
        f"""
        import sys, time
        from kg.rdf.store import KGStore
        store = KGStore({str(path)!r})
        print("locked", flush=True)
        time.sleep({seconds})
        store.close()
        """
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def test_rdf_store_second_writer_gets_a_clear_error(tmp_path):
    holder = _hold_lock(tmp_path / "s", 30)
    try:
        with pytest.raises(StoreError) as info:
            KGStore(tmp_path / "s")
        assert str(info.value) == (
            f"store {tmp_path / 's'} is locked by another kg process (pid {holder.pid}): "
            "wait for it to finish, or pass --wait"
        )
    finally:
        holder.kill()
        holder.wait()


def test_rdf_store_second_writer_waits_with_wait(tmp_path):
    holder = _hold_lock(tmp_path / "s", 1.5)
    started = time.monotonic()
    with KGStore(tmp_path / "s", wait=True) as store:
        waited = time.monotonic() - started
        store.add_extractions([extract(corpus(1)[0])], RUN)
    holder.wait()
    assert waited >= 0.5
    assert holder.returncode == 0


def test_rdf_store_lock_released_when_holder_is_killed(tmp_path):
    holder = _hold_lock(tmp_path / "s", 60)
    holder.kill()
    holder.wait()
    with KGStore(tmp_path / "s") as store:
        assert store.stats()["articles"] == 0


def test_rdf_store_keeps_its_base_iri(tmp_path):
    fill(tmp_path / "s", corpus(1), base_iri="https://example.org/kg/").close()
    with KGStore(tmp_path / "s") as store:
        assert store.base_iri == "https://example.org/kg/"
        assert all(str(q[3]).startswith("https://example.org/kg/graph/") for q in store.quads())
    with pytest.raises(StoreError, match="was built with base IRI https://example.org/kg/"):
        KGStore(tmp_path / "s", base_iri="https://other.example/")
    with KGStore(tmp_path / "s", base_iri="https://other.example/", rebuild=True) as store:
        assert store.stats()["articles"] == 0


def test_rdf_store_rebuild_starts_over(tmp_path):
    fill(tmp_path / "s", corpus(3)).close()
    with KGStore(tmp_path / "s", rebuild=True) as store:
        stats = store.stats()
    assert stats["articles"] == 0
    assert stats["triples"] > 0  # the ontology is loaded again


def test_rdf_store_default_union_query(tmp_path):
    with fill(tmp_path / "s", corpus(6)) as store:
        rows = store.query(
            "SELECT ?a ?b WHERE { ?a ?p ?b . ?p rdfs:subPropertyOf* kg:cyber }"
        ).dicts()
    assert (
        "https://w3id.org/intel-kg/id/actor/israel",
        "https://w3id.org/intel-kg/id/actor/kaspersky",
    ) in {(r["a"], r["b"]) for r in rows}


def test_rdf_store_copy_of_a_store_reads_the_same(tmp_path):
    fill(tmp_path / "s", corpus(2)).close()
    shutil.copytree(tmp_path / "s", tmp_path / "copy")
    with KGStore(tmp_path / "copy", read_only=True) as copy, KGStore(tmp_path / "s") as store:
        assert quad_set(copy) == quad_set(store)


@pytest.mark.parametrize("fmt", ["rdfxml", "trig", "jsonld"])
def test_rdf_store_exports_survive_control_characters(tmp_path, fmt):
    article = Article(
        id="odd\x0bid",
        text="Lazarus hacked Sony.\x0b\x00 Broken text\x1f.",
        title="Title with a vertical\x0btab\x00",
        source="Wire\x07",
    )
    with fill(tmp_path / "s", [article]) as store:
        store.serialize(fmt, tmp_path / f"kg.{fmt}")
        buffer = io.BytesIO()
        store.serialize("nquads", buffer)
    reference = Dataset()
    reference.parse(data=buffer.getvalue(), format="nquads")
    parsed = Dataset()
    parsed.parse(
        tmp_path / f"kg.{fmt}", format={"rdfxml": "xml", "jsonld": "json-ld"}.get(fmt, fmt)
    )
    union = Graph()
    for s, p, o, _ in reference.quads((None, None, None, None)):
        union.add((s, p, o))
    parsed_union = Graph()
    for s, p, o, _ in parsed.quads((None, None, None, None)):
        parsed_union.add((s, p, o))
    assert to_isomorphic(parsed_union) == to_isomorphic(union)
    titles = [
        str(o)
        for _, p, o, _ in reference.quads((None, None, None, None))
        if str(p) == "https://schema.org/headline"
    ]
    assert titles == ["Title with a vertical tab "]


def test_rdf_store_ids_sharing_a_slug_do_not_overwrite_each_other(tmp_path, caplog):
    first = Article(id="Story 1", text="Israel hacked Kaspersky.")
    second = Article(id="story-1", text="Lazarus hacked Sony.")
    with fill(tmp_path / "s", [first]) as store:
        assert store.add_extractions([extract(second)], RUN) == 0
        assert store.stored_id("story-1") == "Story 1"
        assert store.content_hash("Story 1") == first.content_hash
    assert "articles 'Story 1' and 'story-1' get the same IRI" in caplog.text


# -- the Store interface, on both backends: the embedded store and a SPARQL 1.1 server ----------


@pytest.fixture(params=["oxigraph", "server"])
def open_backend(request, tmp_path):
    """Open a fresh, writable store of the parametrized backend (``open_backend()``).

    The server is the session's Virtuoso (``virtuoso`` fixture); each store there gets
    its own base IRI, so tests see only their own graphs.
    """
    opened: list = []
    if request.param == "server":
        _drop_test_graphs(request.getfixturevalue("virtuoso"))

    def open_(name: str = "s") -> Store:
        if request.param == "oxigraph":
            store = open_store(tmp_path / name)
        else:
            endpoint = request.getfixturevalue("virtuoso")
            base = f"https://test.example/{request.node.name}/{name}/"
            base = base.replace("[", "-").replace("]", "")
            store = open_store(
                endpoint, base_iri=base, rebuild=True, state_dir=tmp_path / f"{name}-state"
            )
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()
    if request.param == "server":
        _drop_test_graphs(request.getfixturevalue("virtuoso"))


def _drop_test_graphs(endpoint: str) -> None:
    """Empty the test server of the graphs tests write (queries see every graph on it)."""
    from kg.rdf.server_store import Target

    target = Target(endpoint)
    rows = target.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").dicts()
    for row in rows:
        if row["g"].startswith(("https://test.example/", DEFAULT_BASE_IRI)):
            target.drop_graph(row["g"])


def dataset_of(store: Store) -> Dataset:
    buffer = io.BytesIO()
    store.serialize("nquads", buffer)
    dataset = Dataset()
    dataset.parse(data=buffer.getvalue(), format="nquads")
    return dataset


def same_graphs(one: Dataset, other: Dataset) -> bool:
    names = {g.identifier for g in one.graphs() if len(g)}
    if names != {g.identifier for g in other.graphs() if len(g)}:
        return False
    return all(isomorphic(one.graph(name), other.graph(name)) for name in names)


def test_rdf_store_backends_stats_count_what_was_written(open_backend):
    store = open_backend()
    assert store.add_extractions([extract(a) for a in corpus(6)], RUN) == 6
    stats = store.stats()
    assert tuple(stats) == STATS_KEYS
    assert stats["articles"] == 6
    assert stats["assertions"] == sum(len(extract(a).relations) for a in corpus(6))
    assert 0 < stats["facts"] < stats["assertions"]
    assert stats["actors"] >= 10
    buffer = io.BytesIO()
    store.serialize("nquads", buffer)
    assert stats["triples"] == len(buffer.getvalue().splitlines()) > stats["assertions"] * 10


def test_rdf_store_backends_same_article_twice_changes_nothing(open_backend):
    store = open_backend()
    store.add_extractions([extract(a) for a in corpus(4)], RUN)
    before = dataset_of(store)
    assert store.add_extractions([extract(a) for a in corpus(4)], RUN) == 0
    assert store.is_current("story-001", corpus(4)[1].content_hash)
    assert same_graphs(dataset_of(store), before)


def test_rdf_store_backends_two_halves_equal_one_go(open_backend):
    articles = corpus(6)
    one = open_backend("one")
    one.add_extractions([extract(a) for a in articles], RUN)
    halves = open_backend("halves")
    halves.add_extractions([extract(a) for a in articles[:3]], RUN)
    halves.add_extractions([extract(a) for a in articles[3:]], RUN)
    assert halves.stats() == one.stats()
    if one.base_iri == halves.base_iri:  # compare whole graphs where the IRIs agree
        assert same_graphs(dataset_of(halves), dataset_of(one))


def test_rdf_store_backends_changed_article_replaces_its_graph(open_backend):
    original = Article(id="a", text="Israel hacked Kaspersky.")
    changed = Article(id="a", text="Lazarus hacked Sony.")
    store = open_backend()
    store.add_extractions([extract(original)], RUN)
    assert store.content_hash("a") == original.content_hash
    assert store.add_extractions([extract(changed)], RUN) == 1
    assert store.content_hash("a") == changed.content_hash
    rows = store.query("SELECT ?s ?o WHERE { GRAPH ?g { ?s kg:hacked ?o } }").dicts()
    actor = store.iris.base + "actor/"
    assert rows == [{"s": actor + "lazarus", "o": actor + "sony"}]


def test_rdf_store_backends_graphs_and_their_triples(open_backend):
    store = open_backend()
    store.add_extractions([extract(a) for a in corpus(2)], RUN)
    graphs = store.named_graphs()
    assert graphs == sorted(graphs)
    assert {
        str(store.iris.ontology_graph),
        str(store.iris.actors_graph),
        str(store.iris.summary_graph),
        str(store.iris.article_graph("story-000")),
        str(store.iris.article_graph("story-001")),
    } == set(graphs)
    article = store.graph_triples(str(store.iris.article_graph("story-000")))
    hashes = [t for t in article if t.predicate.value == str(KG.contentHash)]
    assert [t.object.value for t in hashes] == [corpus(2)[0].content_hash]


@pytest.mark.parametrize("fmt", ["trig", "turtle", "jsonld"])
def test_rdf_store_backends_serialize_the_same_graph(open_backend, tmp_path, fmt):
    store = open_backend()
    store.add_extractions([extract(a) for a in corpus(3)], RUN)
    out = tmp_path / f"kg.{fmt}"
    store.serialize(fmt, out)
    reference = dataset_of(store)
    rdflib_format = {"jsonld": "json-ld"}.get(fmt, fmt)
    if FORMATS[fmt][1]:
        parsed = Dataset()
        parsed.parse(out, format=rdflib_format)
        assert same_graphs(parsed, reference)
    else:
        union = Graph()
        for s, p, o, _ in reference.quads((None, None, None, None)):
            union.add((s, p, o))
        assert to_isomorphic(Graph().parse(out, format=rdflib_format)) == to_isomorphic(union)


def test_rdf_store_backends_query_errors_are_query_errors(open_backend):
    store = open_backend()
    with pytest.raises(QueryError, match="SPARQL|rejected"):
        store.query("SELECT ?x WHERE { ?x ")
