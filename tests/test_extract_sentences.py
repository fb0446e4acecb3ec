"""Sentence segmentation that respects the document: paragraph breaks and headline,
title or byline lines end a sentence before spaCy's parser sees the text."""

from __future__ import annotations

import pytest
import spacy

from kg.extract.pipeline import line_starts
from kg.models import Article

HEADLINE = "FBI blames North Korea for Sony hack\n\nThe FBI on Friday blamed North Korea."
BYLINE = "Spies hacked the ministry\nBy Jane Doe\nWASHINGTON - The FBI said so."
WRAPPED = (
    "The agency said on Tuesday that a group of hackers working for a foreign\n"
    "government had broken into the networks of several companies in the energy\n"
    "sector over the course of the last two years and had stolen designs from the\n"
    "engineers of at least three of them, according to officials who asked not to\n"
    "be named because the investigation is continuing and no charges were filed.\n"
    "The companies were not named in the statement that the agency released on\n"
    "its website late on Tuesday evening after the markets had closed for the day.\n"
    "Officials said more details would follow.\n"
)


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


def _starts(nlp: spacy.language.Language, text: str) -> list[str]:
    doc = nlp(text)
    return [doc[i].text for i in line_starts(doc)]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        (HEADLINE, ["The"]),
        (BYLINE, ["By", "WASHINGTON"]),
        ("One line.\nAnother line.", ["Another"]),
        ("No break here. None at all.", []),
    ],
    ids=["headline", "byline-dateline", "line-after-a-full-stop", "no-newline"],
)
def test_sentences_line_starts(blank: spacy.language.Language, text: str, starts: list) -> None:
    assert _starts(blank, text) == starts


def test_sentences_hard_wrapped_text_breaks_only_after_punctuation(
    blank: spacy.language.Language,
) -> None:
    assert _starts(blank, WRAPPED) == ["The", "Officials"]


def test_sentences_headline_is_its_own_sentence_with_exact_offsets() -> None:
    from kg.cli.extract_cmds import shared_extractor

    extractor = shared_extractor(None, None)
    rels = extractor.extract(Article("sony", HEADLINE)).relations
    blamed = [r for r in rels if r.predicate == "blamed" and r.object.label == "North Korea"]
    assert blamed
    for rel in rels:
        assert "\n" not in rel.sentence
        assert HEADLINE[rel.sentence_start : rel.sentence_end].strip() == rel.sentence
        assert HEADLINE[rel.subject.start : rel.subject.end] == rel.subject.text
    assert blamed[0].sentence in ("FBI blames North Korea for Sony hack", HEADLINE[38:])
