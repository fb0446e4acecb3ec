"""Definite descriptions whose head names a kind of body ("the lab", "the studio"): resolved
by the reference sieves to the actor they denote. Hand-built Docs, so only the rules run."""

from __future__ import annotations

from test_extract_patterns import triples

from kg.extract.actors import ActorIndex

LAB_FINDINGS = """
Kaspa Kaspa PROPN NNP compound 1 B-ORG
Lab Lab PROPN NNP nsubj 2 I-ORG
published publish VERB VBD ROOT 2 O
a a DET DT det 4 O
report~ report NOUN NN dobj 2 O
. . PUNCT . punct 2 O
NSO NSO PROPN NNP nsubj 7 B-ORG
rejected reject VERB VBD ROOT 7 O
the the DET DT det 9 O
lab~ lab NOUN NN poss 11 O
's 's PART POS case 9 O
findings~ finding NOUN NNS dobj 7 O
. . PUNCT . punct 7 O
"""


def test_the_lab_is_the_body_named_a_lab():
    found = {(s, p, o) for s, p, o, *_ in triples(LAB_FINDINGS)}
    assert ("NSO", "denied", "Kaspa Lab") in found


BANK_FINDINGS = LAB_FINDINGS.replace("lab~ lab NOUN", "laboratory~ laboratory NOUN")


def test_a_kind_the_name_does_not_say_is_not_resolved_to_it():
    # "the laboratory" is not "Kaspa Lab": a named kind needs its word in the name
    found = {(s, p, o) for s, p, o, *_ in triples(BANK_FINDINGS)}
    assert ("NSO", "denied", "Kaspa Lab") not in found


STUDIO = """
Hackers hacker NOUN NNS nsubj 1 O
attacked attack VERB VBD ROOT 1 O
Sony Sony PROPN NNP compound 3 B-ORG
Pictures~ Pictures PROPN NNP dobj 1 I-ORG
. . PUNCT . punct 1 O
Russia Russia PROPN NNP nsubj 6 B-GPE
denied deny VERB VBD ROOT 6 O
that that SCONJ IN mark 10 O
it it PRON PRP nsubj 10 O
had have AUX VBD aux 10 O
attacked attack VERB VBN ccomp 6 O
the the DET DT det 12 O
studio~ studio NOUN NN dobj 10 O
. . PUNCT . punct 6 O
"""


def test_the_studio_is_the_latest_company():
    # the gazetteer: Sony Pictures is a company, Russia a country
    found = {t[:4] for t in triples(STUDIO, actors=ActorIndex.load())}
    assert ("Russia", "attacked", "Sony Pictures Entertainment", True) in found
