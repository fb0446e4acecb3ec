""" "The victims", "the victim" and "those targeted" refer back to the objects of the latest
operation found before them: after "Turla hacked Yahoo and Zeta", "Finland warned the
victims" tips off Yahoo and Zeta. A qualified noun ("the victims of Acme"), a singular
noun for two objects, or no operation before leave the noun as it is. Hand-built Docs,
so only the rules run (word lemma POS TAG dep head ENT, tests/hand_docs.py)."""

from __future__ import annotations

import pytest
from test_extract_operation_doer import relations

TWO_VICTIMS = """
Turla Turla PROPN NNP nsubj 1 B-ORG
hacked hack VERB VBD ROOT 1 O
Yahoo Yahoo PROPN NNP dobj 1 B-ORG
and and CCONJ CC cc 2 O
Zeta~ Zeta PROPN NNP conj 2 B-ORG
. . PUNCT . punct 1 O
Finland Finland PROPN NNP nsubj 7 B-GPE
warned warn VERB VBD ROOT 7 O
the the DET DT det 9 O
{noun} {lemma} NOUN {tag} dobj 7 O
. . PUNCT . punct 7 O
"""

THOSE_TARGETED = """
Turla Turla PROPN NNP nsubj 1 B-ORG
hacked hack VERB VBD ROOT 1 O
Yahoo Yahoo PROPN NNP dobj 1 B-ORG
and and CCONJ CC cc 2 O
Zeta~ Zeta PROPN NNP conj 2 B-ORG
. . PUNCT . punct 1 O
Finland Finland PROPN NNP nsubj 7 B-GPE
warned warn VERB VBD ROOT 7 O
those those PRON DT dobj 7 O
targeted target VERB VBN acl 8 O
. . PUNCT . punct 7 O
"""

OF_ANOTHER = """
Turla Turla PROPN NNP nsubj 1 B-ORG
hacked hack VERB VBD ROOT 1 O
Yahoo Yahoo PROPN NNP dobj 1 B-ORG
and and CCONJ CC cc 2 O
Zeta~ Zeta PROPN NNP conj 2 B-ORG
. . PUNCT . punct 1 O
Finland Finland PROPN NNP nsubj 7 B-GPE
warned warn VERB VBD ROOT 7 O
the the DET DT det 9 O
victims victim NOUN NNS dobj 7 O
of of ADP IN prep 9 O
Acme~ Acme PROPN NNP pobj 10 B-ORG
. . PUNCT . punct 7 O
"""


def tipped(spec: str) -> set[str]:
    return {o for s, p, o in relations(spec) if (s, p) == ("Finland", "tippedOff")}


@pytest.mark.parametrize(
    "spec", [TWO_VICTIMS.format(noun="victims", lemma="victim", tag="NNS"), THOSE_TARGETED]
)
def test_coref_operation_victims_are_the_latest_operations_objects(spec):
    found = relations(spec)
    assert ("Turla", "hacked", "Zeta") in found
    assert tipped(spec) == {"Yahoo", "Zeta"}


def test_coref_operation_victims_a_singular_victim_of_two_objects_is_none_of_them():
    assert not tipped(TWO_VICTIMS.format(noun="victim", lemma="victim", tag="NN")) & {
        "Yahoo",
        "Zeta",
    }


def test_coref_operation_victims_the_victims_of_another_are_not_them():
    assert tipped(OF_ANOTHER) & {"Yahoo", "Zeta"} == set()


def test_coref_operation_victims_need_an_operation_before():
    rows = TWO_VICTIMS.format(noun="victims", lemma="victim", tag="NNS")
    no_operation = rows.replace("hacked hack VERB", "met meet VERB")
    assert tipped(no_operation) & {"Yahoo", "Zeta"} == set()
