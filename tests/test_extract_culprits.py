"""Saying who the culprit is blames them: "the FBI said Iran was the culprit" is
blamed(FBI, Iran); "was not the culprit" blames no one. Hand-built Docs, so only the rules
run."""

from __future__ import annotations

from test_extract_patterns import triples

CULPRIT = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 2 B-ORG
said say VERB VBD ROOT 2 O
Iran Iran PROPN NNP nsubj 4 B-GPE
was be AUX VBD ccomp 2 O
the the DET DT det 6 O
culprit~ culprit NOUN NN attr 4 O
. . PUNCT . punct 2 O
"""

NOT_THE_CULPRIT = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 2 B-ORG
said say VERB VBD ROOT 2 O
Iran Iran PROPN NNP nsubj 4 B-GPE
was be AUX VBD ccomp 2 O
not not PART RB neg 4 O
the the DET DT det 7 O
culprit~ culprit NOUN NN attr 4 O
. . PUNCT . punct 2 O
"""


def test_naming_the_culprit_in_speech_blames_it():
    assert ("FBI", "blamed", "Iran") in {t[:3] for t in triples(CULPRIT)}


def test_saying_someone_was_not_the_culprit_blames_no_one():
    assert not any(p == "blamed" for _, p, *_ in triples(NOT_THE_CULPRIT))
