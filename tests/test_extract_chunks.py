"""Long articles are parsed in bounded chunks and batches (issue 18 item 1), model-backed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import kg.extract.extractor as extractor_module
from kg.models import Article

FILLER = "The weather in the region was mild for most of the week, and markets were calm."


def test_extract_chunks_spacy_never_gets_more_than_the_character_budget(
    extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extractor_module, "CHUNK_CHARS", 2_000)
    monkeypatch.setattr(extractor_module, "BATCH_CHARS", 5_000)
    parsed: list[int] = []
    real_pipe = extractor.nlp.pipe

    def counting_pipe(items: Any, **kwargs: Any) -> Iterator[Any]:
        items = list(items)
        if kwargs.get("as_tuples"):
            parsed.append(sum(len(text) for text, _ in items))
        return real_pipe(items, **kwargs)

    monkeypatch.setattr(extractor.nlp, "pipe", counting_pipe)
    story = "Iranian hackers attacked Saudi Aramco in 2012.\n\n" + "\n\n".join([FILLER] * 40)
    articles = [Article(f"a{i}", story) for i in range(3)]
    extractions = list(extractor.pipe(articles, batch_size=64))
    assert [e.article.id for e in extractions] == ["a0", "a1", "a2"]
    assert all(e.relations for e in extractions)
    assert len(parsed) >= 3  # 3 articles of 2 chunks each: one batch of 64 would hold all 6
    assert max(parsed) <= 5_000
    assert sum(parsed) == 3 * len(story)


def test_extract_chunks_a_surname_in_a_later_chunk_is_the_person_named_earlier(
    extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extractor_module, "CHUNK_CHARS", 400)
    text = (
        "Daniel Okafor, a researcher at Mandiant, said Russian hackers attacked the "
        "Ukrainian power grid.\n\n"
        + "\n\n".join([FILLER] * 8)
        + "\n\nOkafor said the hackers also attacked Ukrenergo in 2016.\n"
    )
    extraction = extractor.extract(Article("okafor", text))
    assert any("3 chunks" in w for w in extraction.warnings)
    ids = {m.actor.id: m.surface_forms for m in extraction.actors}
    assert "kg:actor/okafor" not in ids
    assert ids["kg:actor/daniel-okafor"] == ("Daniel Okafor", "Okafor")
    (late,) = [r for r in extraction.relations if r.object.text == "Ukrenergo"]
    assert late.source_id == "kg:actor/daniel-okafor"
    assert text[late.trigger_start : late.trigger_end] == late.trigger == "attacked"
