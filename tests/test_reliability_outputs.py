"""Outputs are written whole or not at all, and a file the user named is kept without --force.

Every writer goes through :func:`kg.fsutil.atomic_write` (a temporary file
beside the target, renamed when complete). These tests make a writer fail half
way, through each command that takes ``-o`` and through ``kg build``'s own
exports, and check that the previous file is byte for byte what it was and
that no partial file is left beside it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdf_fakes import corpus
from reliability_fakes import NameExtractor, extract

from kg import build as build_module
from kg.build import EXPORTS_STALE, build
from kg.cli import main
from kg.errors import OutputExistsError
from kg.export import FORMATS, GRAPH_FORMATS, gexf, html, tables
from kg.fsutil import atomic_write
from kg.ingest import read_articles
from kg.models import Article
from kg.rdf import store as store_module
from kg.rdf.store import KGStore

PREVIOUS = b"the previous output, which must survive\n"


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """A small store built with the fake extractor (relations between named actors)."""
    path = tmp_path_factory.mktemp("outputs") / "kg.store"
    build(articles=corpus(8), store=path, extractor=NameExtractor(), workers=1, exports=False)
    return path


def _failing(lines: Iterator[str], after: int = 3) -> Iterator[str]:
    for i, line in enumerate(lines):
        if i == after:
            raise RuntimeError("disk gone")
        yield line


def _fail_after_some_lines(monkeypatch, module, name: str) -> None:
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: _failing(real(*a, **k)))


class _HalfDump:
    """A pyoxigraph store whose ``dump`` writes part of the data, then fails."""

    def __init__(self, store) -> None:
        self._store = store

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def __iter__(self):
        return iter(self._store)

    def dump(self, output, **options) -> None:
        output.write(self._store.dump(**options)[:100])
        raise RuntimeError("disk gone")


def _fail_rdf_dump(monkeypatch) -> None:
    oxigraph = KGStore.oxigraph.fget
    union = store_module._union_store
    monkeypatch.setattr(KGStore, "oxigraph", property(lambda self: _HalfDump(oxigraph(self))))
    monkeypatch.setattr(store_module, "_union_store", lambda store: _HalfDump(union(store)))


def _previous(out: Path) -> list[Path]:
    """Write the previous output(s) of ``out``; return the files."""
    files = [out / "nodes.csv", out / "edges.csv"] if out.suffix == "" else [out]
    for file in files:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(PREVIOUS)
    return files


def _output(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / "out" / ("tables" if fmt == "csv" else f"graph.{fmt}")


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_reliability_export_failing_mid_write_keeps_the_previous_file(
    tmp_path, store_path, monkeypatch, fmt
):
    out = _output(tmp_path, fmt)
    files = _previous(out)
    before = _listing(tmp_path / "out")
    if fmt in GRAPH_FORMATS:
        module, name = {
            "gexf": (gexf, "generate_gexf"),
            "graphml": (tables, "generate_graphml"),
            "json": (tables, "generate_json"),
            "html": (html, "generate_html"),
            "csv": (tables, "generate_nodes_csv"),
        }[fmt]
        _fail_after_some_lines(monkeypatch, module, name)
    else:
        _fail_rdf_dump(monkeypatch)
    result = CliRunner().invoke(
        main, ["export", "-f", fmt, "-o", str(out), "--store", str(store_path), "--force"]
    )
    assert result.exit_code == 1
    assert "disk gone" in result.output.strip().splitlines()[-1]
    assert [f.read_bytes() for f in files] == [PREVIOUS] * len(files)
    assert _listing(tmp_path / "out") == before  # no partial file beside it


@pytest.mark.parametrize("fmt", FORMATS)
def test_reliability_export_keeps_an_existing_output_without_force(tmp_path, store_path, fmt):
    out = _output(tmp_path, fmt)
    files = _previous(out)
    runner = CliRunner()
    result = runner.invoke(main, ["export", "-f", fmt, "-o", str(out), "--store", str(store_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {files[0]} already exists: use --force to overwrite it"
    )
    assert [f.read_bytes() for f in files] == [PREVIOUS] * len(files)
    forced = runner.invoke(
        main, ["export", "-f", fmt, "-o", str(out), "--store", str(store_path), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert all(f.read_bytes() != PREVIOUS for f in files)


class _Extractor(NameExtractor):
    """The fake extractor with the ``warnings`` that ``kg extract`` prints first."""

    warnings: tuple[str, ...] = ()


class _FailingExtractor(_Extractor):
    """Extracts two articles, then fails (a crash half way through ``kg extract``)."""

    def pipe(self, articles, **_):
        for i, article in enumerate(articles):
            if i == 2:
                raise RuntimeError("disk gone")
            yield extract(article)


@pytest.fixture
def stories(tmp_path) -> Path:
    folder = tmp_path / "stories"
    folder.mkdir()
    for article in corpus(4):
        (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
    return folder


def test_reliability_extract_output_failing_mid_write_keeps_the_previous_file(
    tmp_path, stories, monkeypatch
):
    monkeypatch.setattr("kg.cli.extract_cmds.shared_extractor", lambda *_: _FailingExtractor())
    out = tmp_path / "out" / "relations.jsonl"
    _previous(out)
    result = CliRunner().invoke(main, ["extract", str(stories), "-o", str(out), "--force"])
    assert result.exit_code == 1
    assert out.read_bytes() == PREVIOUS
    assert _listing(tmp_path / "out") == ["relations.jsonl"]  # no relations.jsonl.part


def test_reliability_extract_keeps_an_existing_output_without_force(tmp_path, stories, monkeypatch):
    monkeypatch.setattr("kg.cli.extract_cmds.shared_extractor", lambda *_: _Extractor())
    out = tmp_path / "relations.jsonl"
    _previous(out)
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(stories), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {out} already exists: use --force to overwrite it"
    assert out.read_bytes() == PREVIOUS
    forced = runner.invoke(main, ["extract", str(stories), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    relations = sum(len(extract(a).relations) for a in read_articles([stories]))
    assert relations > 0
    assert len(out.read_text().splitlines()) == relations


# -- kg build's own exports ------------------------------------------------------------------


def _stop_before_exports(store: Path, articles: list[Article], monkeypatch) -> None:
    """A build killed after its last transaction, before it wrote its exports."""

    def killed(*_):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(build_module, "_write_exports", killed)
        with pytest.raises(KeyboardInterrupt):
            build(articles=articles, store=store, extractor=NameExtractor(), workers=1)


def _exported_ids(trig: Path) -> set[str]:
    from rdflib import Dataset

    from kg.rdf.namespace import KG

    dataset = Dataset()
    dataset.parse(trig, format="trig")
    return {str(o) for _, _, o, _ in dataset.quads((None, KG.articleId, None, None))}


def test_reliability_build_stopped_before_its_exports_writes_them_next_time(tmp_path, monkeypatch):
    store = tmp_path / "kg.store"
    build(articles=corpus(3), store=store, extractor=NameExtractor(), workers=1)
    _stop_before_exports(store, corpus(6), monkeypatch)
    assert (store / EXPORTS_STALE).exists()

    report = build(articles=corpus(6), store=store, extractor=NameExtractor(), workers=1)
    assert report.written == 0  # nothing left to extract, yet the exports are redone
    assert _exported_ids(tmp_path / "kg.trig") == {a.id for a in corpus(6)}
    clean = tmp_path / "clean" / "kg.store"
    build(articles=corpus(6), store=clean, extractor=NameExtractor(), workers=1)
    assert (tmp_path / "graph.gexf").read_text() == (clean.parent / "graph.gexf").read_text()
    assert not (store / EXPORTS_STALE).exists()

    again = build(articles=corpus(6), store=store, extractor=NameExtractor(), workers=1)
    assert again.exports == []  # up to date: not rewritten


def test_reliability_build_gexf_failing_mid_write_keeps_the_previous_file(tmp_path, monkeypatch):
    store = tmp_path / "kg.store"
    build(articles=corpus(3), store=store, extractor=NameExtractor(), workers=1)
    previous = (tmp_path / "graph.gexf").read_bytes()
    with monkeypatch.context() as patch:
        _fail_after_some_lines(patch, gexf, "generate_gexf")
        with pytest.raises(RuntimeError, match="disk gone"):
            build(articles=corpus(6), store=store, extractor=NameExtractor(), workers=1)
    assert (tmp_path / "graph.gexf").read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.gexf", "kg.store", "kg.trig"]
    build(articles=corpus(6), store=store, extractor=NameExtractor(), workers=1)
    assert (tmp_path / "graph.gexf").read_bytes() != previous


def test_reliability_atomic_write_keeps_permissions_and_refuses_without_force(tmp_path):
    out = tmp_path / "file.txt"
    out.write_bytes(PREVIOUS)
    with pytest.raises(OutputExistsError, match="already exists: use --force"), atomic_write(out):
        pass
    with atomic_write(out, force=True) as handle:
        handle.write("new\r\n")
    assert out.read_bytes() == b"new\r\n"  # no newline translation
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
