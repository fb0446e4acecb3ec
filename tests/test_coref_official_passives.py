"""The implicit agent of an agentless passive act in law that a government body reports:
"Petrova was suspected of spying, the FBI said" is the FBI's accusation, as "was accused
of" already was; "was prosecuted" its charge. A reporter that is no government body
does not act. Hand-built Docs with the gazetteer's actors (tests/hand_docs.py)."""

from __future__ import annotations

import pytest
from test_extract_patterns import triples

from kg.extract.actors import ActorIndex

REPORTED = """
Petrova Petrova PROPN NNP nsubjpass 2 B-PERSON
was be AUX VBD auxpass 2 O
{verb} {lemma} VERB VBN ccomp 8 O
of of ADP IN prep 2 O
spying spy VERB VBG pobj 3 O
, , PUNCT , punct 8 O
the the DET DT det 7 O
{speaker} {speaker} PROPN NNP nsubj 8 B-ORG
said say VERB VBD ROOT 8 O
. . PUNCT . punct 8 O
"""


def pairs(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec, actors=ActorIndex.load())}


@pytest.mark.parametrize(
    ("verb", "lemma", "predicate"),
    [("suspected", "suspect", "accused"), ("prosecuted", "prosecute", "charged")],
)
def test_coref_official_passives_the_reporting_body_did_the_act(verb, lemma, predicate):
    found = pairs(REPORTED.format(verb=verb, lemma=lemma, speaker="FBI"))
    assert ("Federal Bureau of Investigation", predicate, "Petrova") in found


def test_coref_official_passives_a_reporter_that_is_no_body_does_not_act():
    found = pairs(REPORTED.format(verb="suspected", lemma="suspect", speaker="Reuters"))
    assert not any(o == "Petrova" for _, _, o in found)
