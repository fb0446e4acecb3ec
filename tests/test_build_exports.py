"""kg build's standard exports: written on demand, and by default only while cheap."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner
from rdf_fakes import PatternExtractor, corpus

from kg import build as build_module
from kg import parallel
from kg.build import EXPORTS_STALE, build, export_names
from kg.cli import main
from kg.errors import ExportError


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    """Fix the build time so that separate builds mint the same activity."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def outputs(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name in ("kg.trig", "graph.gexf"))


@pytest.mark.parametrize(
    ("asked", "names"),
    [
        (True, ("trig", "gexf")),
        ("auto", ("trig", "gexf")),
        (False, ()),
        ("none", ()),
        ("", ()),
        ("GEXF", ("gexf",)),
        ("gexf, trig", ("trig", "gexf")),
        (["trig"], ("trig",)),
    ],
)
def test_build_export_names(asked, names):
    assert export_names(asked) == names


def test_build_export_names_refuses_an_unknown_one():
    with pytest.raises(ExportError, match="unknown build export 'html': choose from trig, gexf"):
        export_names("trig,html")


def test_build_auto_exports_stop_above_the_limit(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(build_module, "AUTO_EXPORT_ARTICLES", 3)
    # the CLI's logging setup may stop propagation to caplog's root handler
    monkeypatch.setattr(build_module.log, "handlers", [caplog.handler])
    monkeypatch.setattr(build_module.log, "level", logging.INFO)
    store = tmp_path / "kg.store"
    report = build(articles=corpus(3), store=store, extractor=PatternExtractor(), workers=1)
    assert outputs(tmp_path) == ["graph.gexf", "kg.trig"]
    assert len(report.exports) == 2
    before = (tmp_path / "kg.trig").read_bytes()

    report = build(articles=corpus(5), store=store, extractor=PatternExtractor(), workers=1)
    assert report.added == 2
    assert report.exports == []
    assert (tmp_path / "kg.trig").read_bytes() == before  # left as it was
    assert (store / EXPORTS_STALE).exists()  # and known to be older than the store
    assert "exports not rewritten" in caplog.text
    assert "kg.trig and graph.gexf now older than the store" in caplog.text


def test_build_writes_the_exports_asked_for_whatever_the_size(tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "AUTO_EXPORT_ARTICLES", 1)
    store = tmp_path / "kg.store"
    report = build(
        articles=corpus(3), store=store, extractor=PatternExtractor(), workers=1, exports="gexf"
    )
    assert outputs(tmp_path) == ["graph.gexf"]
    assert report.exports == [str(tmp_path / "graph.gexf")]
    assert (store / EXPORTS_STALE).exists()  # kg.trig was not written

    report = build(articles=corpus(3), store=store, extractor=PatternExtractor(), exports=True)
    assert report.written == 0
    assert outputs(tmp_path) == ["graph.gexf", "kg.trig"]  # the stale marker asked for them
    assert not (store / EXPORTS_STALE).exists()


def test_build_cli_export_option(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "extractor_factory", lambda *_, **__: PatternExtractor)
    (tmp_path / "news").mkdir()
    for article in corpus(2):
        (tmp_path / "news" / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
    command = ["build", str(tmp_path / "news"), "--store", str(tmp_path / "out" / "kg.store")]
    runner = CliRunner()
    result = runner.invoke(main, [*command, "--export", "trig"])
    assert result.exit_code == 0, result.output
    assert outputs(tmp_path / "out") == ["kg.trig"]
    assert f"wrote {tmp_path / 'out' / 'kg.trig'}" in result.output

    result = runner.invoke(main, [*command, "--export", "csv"])
    assert result.exit_code != 0
    assert result.output.strip().splitlines()[-1] == (
        "Error: unknown build export 'csv': choose from trig, gexf "
        "(kg export writes every other format)"
    )
    result = runner.invoke(main, [*command, "--export", "gexf", "--no-exports"])
    assert result.exit_code == 2
    assert "--export and --no-exports exclude each other" in result.output
