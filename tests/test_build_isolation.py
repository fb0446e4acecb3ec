"""One bad article never costs the others (issue 18).

An article whose extraction raises (``MemoryError`` included) or whose storing
raises is reported with its id and skipped; every other article of the batch is
stored, articles already stored are untouched, and the summary counts failures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from rdf_fakes import PatternExtractor, corpus, extract

from kg.build import build
from kg.cli import main
from kg.models import Article, Extraction
from kg.rdf.store import KGStore

POISON = "POISONED"


class BatchExtractor:
    """Like ``nlp.pipe``: takes articles a batch at a time, and dies on the poisoned one."""

    model_name = "fake-batch-0"

    def __init__(self, error: type[BaseException] = MemoryError) -> None:
        self.error = error

    def pipe(
        self, articles: Iterable[Article], batch_size: int = 4, **_: Any
    ) -> Iterator[Extraction]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        yield from self._run(batch)

    def _run(self, batch: list[Article]) -> Iterator[Extraction]:
        if any(POISON in a.text for a in batch):
            raise self.error("cannot allocate")
        for article in batch:
            yield extract(article)


def _poisoned(articles: list[Article], index: int) -> list[Article]:
    bad = articles[index]
    articles[index] = Article(id=bad.id, text=f"{bad.text} {POISON}", title=bad.title)
    return articles


def _ids(store) -> list[str]:
    with KGStore(store, read_only=True) as kg:
        return sorted(kg.article_ids())


@pytest.mark.parametrize("error", [MemoryError, RuntimeError, RecursionError])
def test_build_an_article_that_fails_to_extract_costs_only_itself(tmp_path, error):
    store = tmp_path / "kg.store"
    build(articles=corpus(3), store=store, extractor=PatternExtractor(), workers=1, exports=False)
    articles = _poisoned(corpus(12)[3:], 4)  # story-007 poisoned, inside a batch of four
    report = build(
        articles=articles, store=store, extractor=BatchExtractor(error), workers=1,
        batch_size=4, exports=False,
    )
    assert [article_id for article_id, _ in report.failures] == ["story-007"]
    assert report.failures[0][1].startswith(error.__name__)
    assert report.added == 8
    assert "(0 unchanged, 8 new, 0 changed, 1 failed)" in report.summary()
    assert _ids(store) == [a.id for a in corpus(12) if a.id != "story-007"]


def test_build_an_article_that_fails_to_store_costs_only_itself(tmp_path, monkeypatch):
    store = tmp_path / "kg.store"
    original = KGStore.add_extractions

    def add(self: KGStore, extractions: Any, *args: Any, **kwargs: Any) -> int:
        extractions = list(extractions)
        if any(e.article.id == "story-002" for e in extractions):
            raise ValueError("invalid IRI")
        return original(self, extractions, *args, **kwargs)

    monkeypatch.setattr(KGStore, "add_extractions", add)
    report = build(
        articles=corpus(6), store=store, extractor=PatternExtractor(), workers=1,
        batch_size=4, exports=False,
    )
    assert report.failures == [("story-002", "ValueError: invalid IRI")]
    assert report.added == 5
    assert _ids(store) == [a.id for a in corpus(6) if a.id != "story-002"]


def test_build_cli_reports_the_failed_article_stores_the_rest_and_exits_1(tmp_path, monkeypatch):
    """The real extractor through ``kg build``; one article runs out of memory."""
    from kg.extract import Extractor

    real = Extractor.pipe

    def pipe(self: Any, articles: Iterable[Article], *args: Any, **kwargs: Any):
        for extraction in real(self, articles, *args, **kwargs):
            if POISON in extraction.article.text:
                raise MemoryError()
            yield extraction

    monkeypatch.setattr(Extractor, "pipe", pipe)
    (tmp_path / "a-small.txt").write_text("Iranian hackers attacked Saudi Aramco in 2012.\n")
    (tmp_path / "b-huge.txt").write_text(f"Russia hacked Ukraine. {POISON}\n")
    (tmp_path / "c-small.txt").write_text("Lazarus Group attacked Sony Pictures in 2014.\n")
    store = tmp_path / "kg.store"
    result = CliRunner().invoke(
        main, ["build", str(tmp_path), "--store", str(store), "--workers", "1", "--no-exports"]
    )
    assert result.exit_code == 1, result.output
    assert "b-huge: extraction failed, article skipped: MemoryError" in result.stderr
    assert "(0 unchanged, 2 new, 0 changed, 1 failed)" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: 1 article(s) failed and were skipped: b-huge (MemoryError); every other "
        "article is stored, and the next kg build tries them again"
    )
    assert _ids(store) == ["a-small", "c-small"]


def test_build_parses_a_bounded_batch_whatever_the_store_batch(tmp_path):
    """The Docs of one spaCy batch live together: the store's 64 must not be the parse batch."""
    from kg.build import PARSE_BATCH

    seen: list[int] = []

    class Recording(PatternExtractor):
        def pipe(self, articles: Iterable[Article], **kwargs: Any) -> Iterator[Extraction]:
            seen.append(kwargs["batch_size"])
            return super().pipe(articles, **kwargs)

    build(articles=corpus(3), store=tmp_path / "kg.store", extractor=Recording(), workers=1,
          batch_size=64, exports=False)
    assert seen == [PARSE_BATCH] and PARSE_BATCH <= 4
