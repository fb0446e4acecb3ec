"""A large article is written in slices, its own node last (issue 18 item 1: bounded memory).

Hand-built extractions (``rdf_fakes``), no spaCy; the thresholds are lowered so that
a few sentences make a "large" article.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdf_fakes import corpus, extract

from kg.models import Article
from kg.rdf import store as store_module
from kg.rdf.graph import ExtractionRun, build_time
from kg.rdf.store import KGStore

RUN = ExtractionRun("fake-pattern-0", build_time())
LONG = Article(
    id="long",
    text="Israel hacked Kaspersky. Lazarus hacked Sony. Russia attacked Microsoft. "
    "Iran sanctioned China. Sandworm attacked Reuters. China hacked NSA.",
)
CHANGED = Article(id="long", text="Lazarus hacked Sony. Iran attacked Israel. NSA hacked Iran.")


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every article of more than 1 relation is large; slices of 7 quads. Counts slices."""
    monkeypatch.setattr(store_module, "LARGE_ARTICLE_RELATIONS", 1)
    monkeypatch.setattr(store_module, "SLICE_QUADS", 7)
    calls: list[int] = []
    original = KGStore._write_in_slices

    def counting(self: KGStore, extraction, quads):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(self, extraction, quads)

    monkeypatch.setattr(KGStore, "_write_in_slices", counting)
    return calls


def _quads(path: Path, articles: list[Article]) -> set:
    with KGStore(path) as store:
        store.add_extractions([extract(a) for a in articles], RUN)
        return set(store.quads())


def test_store_large_articles_in_slices_equal_one_transaction(
    tmp_path, monkeypatch, small_slices
):
    articles = [*corpus(4), LONG]
    monkeypatch.setattr(store_module, "LARGE_ARTICLE_RELATIONS", 10**9)
    whole = _quads(tmp_path / "whole", articles)
    assert small_slices == []
    monkeypatch.setattr(store_module, "LARGE_ARTICLE_RELATIONS", 1)
    assert _quads(tmp_path / "sliced", articles) == whole
    assert len(small_slices) >= 2  # LONG and the corpus stories of two relations or more


def test_store_large_article_cut_short_is_absent_then_written_whole(
    tmp_path, monkeypatch, small_slices
):
    expected = _quads(tmp_path / "clean", [CHANGED])
    real = store_module._ox_quad
    made: list[int] = []

    def dying(quad):  # type: ignore[no-untyped-def]
        made.append(1)
        if len(made) > 60:  # after some slices of 7 have committed
            raise MemoryError("killed half way")
        return real(quad)

    with KGStore(tmp_path / "s") as store:
        monkeypatch.setattr(store_module, "_ox_quad", dying)
        with pytest.raises(MemoryError):
            store.add_extractions([extract(LONG)], RUN)
        monkeypatch.setattr(store_module, "_ox_quad", real)
        graph = store.iris.article_graph("long")
        assert any(q[3] == graph for q in store.quads())  # part of it was written
        assert store.content_hash("long") is None  # but the article is not there
        assert store.stats()["articles"] == 0
        assert store.add_extractions([extract(CHANGED)], RUN) == 1
        assert set(store.quads()) == expected  # nothing of the first version is left
