"""A definite operation noun refers back to the article's attacker: after "Turla hacked the
Senate", "the FBI is investigating the breach" investigates Turla and "the EU condemned the
attack" criticizes it. With two attackers of equal weight the reference stays open.
Hand-built Docs, so only the rules run."""

from __future__ import annotations

from test_extract_patterns import triples

ONE_ATTACKER = """
Turla Turla PROPN NNP nsubj 1 B-ORG
hacked hack VERB VBD ROOT 1 O
the the DET DT det 3 O
Senate~ Senate PROPN NNP dobj 1 B-ORG
. . PUNCT . punct 1 O
The the DET DT det 6 O
FBI FBI PROPN NNP nsubj 8 B-ORG
is be AUX VBZ aux 8 O
investigating investigate VERB VBG ROOT 8 O
the the DET DT det 10 O
breach~ breach NOUN NN dobj 8 O
. . PUNCT . punct 8 O
"""

TWO_ATTACKERS = """
Turla Turla PROPN NNP nsubj 1 B-ORG
hacked hack VERB VBD ROOT 1 O
the the DET DT det 3 O
Senate Senate PROPN NNP dobj 1 B-ORG
and and CCONJ CC cc 1 O
Kimsuky Kimsuky PROPN NNP nsubj 6 B-ORG
hacked hack VERB VBD conj 1 O
Acme~ Acme PROPN NNP dobj 6 B-ORG
. . PUNCT . punct 1 O
The the DET DT det 10 O
FBI FBI PROPN NNP nsubj 12 B-ORG
is be AUX VBZ aux 12 O
investigating investigate VERB VBG ROOT 12 O
the the DET DT det 14 O
breach~ breach NOUN NN dobj 12 O
. . PUNCT . punct 12 O
"""

CONDEMNED = """
Turla Turla PROPN NNP nsubj 1 B-ORG
attacked attack VERB VBD ROOT 1 O
Estonia~ Estonia PROPN NNP dobj 1 B-GPE
. . PUNCT . punct 1 O
Finland Finland PROPN NNP nsubj 5 B-GPE
condemned condemn VERB VBD ROOT 5 O
the the DET DT det 7 O
attack~ attack NOUN NN dobj 5 O
. . PUNCT . punct 5 O
"""

BEFORE_THE_ATTACKER = """
Finland Finland PROPN NNP nsubj 1 B-GPE
condemned condemn VERB VBD ROOT 1 O
the the DET DT det 3 O
attack~ attack NOUN NN dobj 1 O
. . PUNCT . punct 1 O
Turla Turla PROPN NNP nsubj 5 B-ORG
attacked attack VERB VBD ROOT 5 O
Estonia~ Estonia PROPN NNP dobj 5 B-GPE
. . PUNCT . punct 5 O
"""


def relations(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec)}


def test_investigating_the_breach_investigates_the_only_attacker():
    assert ("FBI", "investigated", "Turla") in relations(ONE_ATTACKER)


def test_with_two_attackers_of_equal_weight_the_breach_stays_unresolved():
    assert not any(p == "investigated" for _, p, _ in relations(TWO_ATTACKERS))


def test_condemning_the_attack_criticizes_its_doer():
    assert ("Finland", "criticized", "Turla") in relations(CONDEMNED)


def test_an_attack_named_before_any_attacker_refers_to_none():
    assert not any(p == "criticized" for _, p, _ in relations(BEFORE_THE_ATTACKER))


VICTIMS_INCLUDED = """
Turla Turla PROPN NNP nsubj 1 B-ORG
hacked hack VERB VBD ROOT 1 O
Acme~ Acme PROPN NNP dobj 1 B-ORG
. . PUNCT . punct 1 O
The the DET DT det 5 O
victims victim NOUN NNS nsubj 9 O
of of ADP IN prep 5 O
the the DET DT det 8 O
hack hack NOUN NN pobj 6 O
included include VERB VBD ROOT 9 O
Initech Initech PROPN NNP dobj 9 B-ORG
and and CCONJ CC cc 10 O
Globex~ Globex PROPN NNP conj 10 B-ORG
. . PUNCT . punct 9 O
"""

BEHIND_A_HACK = """
Turla Turla PROPN NNP nsubj 1 B-ORG
was be AUX VBD ROOT 1 O
behind behind ADP IN prep 1 O
a a DET DT det 4 O
hack~ hack NOUN NN pobj 2 O
. . PUNCT . punct 1 O
The the DET DT det 7 O
victims victim NOUN NNS nsubj 11 O
of of ADP IN prep 7 O
the the DET DT det 10 O
hack hack NOUN NN pobj 8 O
included include VERB VBD ROOT 11 O
Initech~ Initech PROPN NNP dobj 11 B-ORG
. . PUNCT . punct 11 O
"""


def test_the_victims_of_the_hack_are_what_its_doer_hacked():
    found = relations(VICTIMS_INCLUDED)
    assert {("Turla", "hacked", "Initech"), ("Turla", "hacked", "Globex")} <= found


def test_being_behind_a_hack_makes_the_articles_attacker():
    assert ("Turla", "hacked", "Initech") in relations(BEHIND_A_HACK)
