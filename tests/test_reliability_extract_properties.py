"""Hypothesis over extraction: whatever the text, the records keep the extract contract.

The texts are news-like sentences of our own with real actor names, mixed with
hostile Unicode (combining marks, right-to-left text, emoji, NUL, control and
private-use characters), and plain arbitrary Unicode. Every relation must
point at its mentions by offsets into the article text (``spec/extract-output.md``),
use a predicate of the inventory and serialize as JSON. Each text opens with a
plain sentence whose relation must be found, so an extractor that returns nothing
fails these tests instead of satisfying every property vacuously.
"""

from __future__ import annotations

import json
import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.extractor import break_symbol_runs
from kg.inventory import predicates
from kg.models import KINDS, MODALITIES, Article

NAMES = [
    "Russia",
    "Fancy Bear",
    "Microsoft",
    "the NSA",
    "Lazarus Group",
    "Iran",
    "Kaspersky Lab",
    "Ukraine",
    "China",
    "Sandworm",
    "Reuters",
]
TEMPLATES = [
    "{a} hacked {b} in March 2023.",
    "{a} denied that it attacked {b}.",
    "{a} accused {b} of spying on {c}, {d} reported.",
    "Officials said {a} allegedly tried to breach {b}.",
    "{a} did not sanction {b}.",
    "{a} and {b} agreed to cooperate against {c}.",
    "According to {d}, {a} stole files from {b} last week.",
    "{b} was hit by ransomware that {a} deployed.",
]
NOISE = [
    "\u0301\u0308",  # combining marks
    "\u202eشبكة\u202c",  # right-to-left override and Arabic
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew
    "🙂🔥",  # emoji
    "\x00",
    "\u200b\u200d",  # zero-width
    "\ue000",  # private use
    "\r\n\t",
    "\u2028",  # line separator
]

sentence = st.builds(
    lambda template, names: template.format(a=names[0], b=names[1], c=names[2], d=names[3]),
    st.sampled_from(TEMPLATES),
    st.permutations(NAMES).map(lambda names: names[:4]),
)
noise = st.one_of(
    st.sampled_from(NOISE), st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
)
news_text = st.lists(st.one_of(sentence, noise), min_size=1, max_size=8).map(" ".join)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
ANCHORS = {
    "Fancy Bear hacked Microsoft in March 2023.": ("Fancy Bear", "hacked", "Microsoft"),
    "Lazarus Group attacked Sony.": ("Lazarus Group", "attacked", "Sony"),
    "Sandworm hacked Ukraine.": ("Sandworm", "hacked", "Ukraine"),
    "Russia accused China of spying on Iran.": ("China", "spiedOn", "Iran"),
}
"""Opening sentences, each with a relation the rules must find whatever text follows."""
anchor = st.sampled_from(sorted(ANCHORS))

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _assert_contract(article: Article, extraction) -> None:
    text = article.text
    assert extraction.article == article
    for relation in extraction.relations:
        assert relation.doc == article.id
        assert relation.predicate in predicates()
        assert relation.modality in MODALITIES and relation.kind in KINDS
        assert 0.0 <= relation.confidence <= 1.0
        for mention in (relation.subject, relation.object):
            assert 0 <= mention.start <= mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text, mention
        if relation.sentence_start is not None:
            assert 0 <= relation.sentence_start <= relation.sentence_end <= len(text)
        assert relation.event_date is None or DATE.fullmatch(relation.event_date)
        json.dumps(relation.to_dict(), ensure_ascii=False).encode("utf-8")


def _triples(extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}


@SETTINGS
@given(first=anchor, text=news_text)
def test_reliability_extract_news_with_hostile_unicode_keeps_the_contract(extractor, first, text):
    article = Article(id="prop", text=first + "\n\n" + text)
    extraction = extractor.extract(article)
    _assert_contract(article, extraction)
    assert ANCHORS[first] in _triples(extraction)


@SETTINGS
@given(first=anchor, text=any_text)
def test_reliability_extract_arbitrary_unicode_keeps_the_contract(extractor, first, text):
    article = Article(id="prop", text=first + "\n\n" + text)
    extraction = extractor.extract(article)
    _assert_contract(article, extraction)
    assert ANCHORS[first] in _triples(extraction)


def test_reliability_extract_pipe_of_odd_articles_gives_one_extraction_each(extractor):
    story = " ".join(t.format(a="Russia", b="Ukraine", c="Iran", d="Reuters") for t in TEMPLATES)
    texts = ["", " ", "\x00", "🙂" * 5000, story, "\u202e" + "x" * 10]
    articles = [Article(id=f"odd-{i}", text=text) for i, text in enumerate(texts)]
    extractions = list(extractor.pipe(articles, batch_size=2))
    assert [e.article.id for e in extractions] == [a.id for a in articles]
    for article, extraction in zip(articles, extractions, strict=True):
        _assert_contract(article, extraction)
    assert extractions[4].relations  # the properties above check real relations too


def test_reliability_extract_long_symbol_runs_tokenize_in_linear_time(extractor):
    # unbroken, 4,000 "=" take spaCy's tokenizer 18 s and 20,000 several minutes
    text = "Sandworm hacked Ukraine. " + "=" * 20_000 + " " + "🙂" * 20_000 + " !" + "?" * 9_000
    broken = break_symbol_runs(text)
    assert len(broken) == len(text)
    started = time.monotonic()
    extractor.nlp.make_doc(broken)
    assert time.monotonic() - started < 3


def test_reliability_extract_around_a_symbol_run_keeps_offsets(extractor):
    before = "Fancy Bear hacked Microsoft in March 2023, officials said. "
    article = Article(
        id="rule", text=before + "=" * 2_000 + " Iran denied that it attacked Ukraine."
    )
    extraction = extractor.extract(article)
    _assert_contract(article, extraction)
    assert {r.subject.start < len(before) for r in extraction.relations} == {True, False}
