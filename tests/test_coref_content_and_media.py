""" "it" as the object of a verb of saying is what was said, no actor ("Reuters reported
it"); a description modified by "news" or "wire" is an outlet ("the news agency" is
Reuters, not the FBI before it). Hand-built Docs (no model), as in tests/hand_docs.py."""

from __future__ import annotations

import pytest
from test_extract_coref import article, resolved

from kg.extract import coref

REPORTED = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 2 B-ORG
charged charge VERB VBD ROOT 2 O
Li~ Li PROPN NNP dobj 2 B-PERSON
. . PUNCT . punct 2 O
Reuters Reuters PROPN NNP nsubj 6 B-ORG
{verb} {lemma} VERB VBD ROOT 6 O
it it PRON PRP dobj 6 O
. . PUNCT . punct 6 O
The the DET DT det 11 O
{modifier} {modifier} {pos} {tag} {dep} 11 O
agency agency NOUN NN nsubj 12 O
blamed blame VERB VBD ROOT 12 O
Russia~ Russia PROPN NNP dobj 12 B-GPE
. . PUNCT . punct 12 O
"""

TYPES = {"FBI": "GovernmentBody", "Reuters": "MediaOutlet"}


def spec(verb: str = "reported", lemma: str = "report", modifier: str = "news") -> str:
    pos, tag, dep = ("NOUN", "NN", "compound") if modifier == "news" else ("ADJ", "JJ", "amod")
    return REPORTED.format(verb=verb, lemma=lemma, modifier=modifier, pos=pos, tag=tag, dep=dep)


def test_coref_content_it_reported_is_no_actor():
    art = article(spec(), **TYPES)
    assert "it" not in resolved(coref.pronouns(art), art.doc)


def test_coref_content_it_of_another_verb_still_refers():
    art = article(spec(verb="hacked", lemma="hack"), **TYPES)
    assert resolved(coref.pronouns(art), art.doc) == {"it": ["FBI"]}


@pytest.mark.parametrize(("modifier", "antecedent"), [("news", "Reuters"), ("federal", "FBI")])
def test_coref_media_modifier_makes_the_agency_an_outlet(modifier, antecedent):
    art = article(spec(modifier=modifier), **TYPES)
    found = resolved(coref.descriptions(art), art.doc)
    assert found == {f"The {modifier} agency": [antecedent]}
