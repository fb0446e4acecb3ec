"""An unnamed body of a state's officials is the state: "US officials accused Iran" is the
United States accusing Iran, as annotation counts any part of a government as its state.
Hand-built Docs with the shipped gazetteer, so only the rules run."""

from __future__ import annotations

from test_extract_patterns import triples

from kg.extract.actors import ActorIndex

OFFICIALS = """
US US PROPN NNP compound 1 B-GPE
officials official NOUN NNS nsubj 2 O
accused accuse VERB VBD ROOT 2 O
Iran~ Iran PROPN NNP dobj 2 B-GPE
. . PUNCT . punct 2 O
"""

PROSECUTORS = """
German german ADJ JJ amod 1 B-NORP
prosecutors prosecutor NOUN NNS nsubj 2 O
charged charge VERB VBD ROOT 2 O
Ivan Ivan PROPN NNP compound 4 B-PERSON
Petrov~ Petrov PROPN NNP dobj 2 I-PERSON
. . PUNCT . punct 2 O
"""

ONE_OFFICIAL = """
A a DET DT det 2 O
US US PROPN NNP compound 2 B-GPE
official official NOUN NN nsubj 3 O
accused accuse VERB VBD ROOT 3 O
Iran~ Iran PROPN NNP dobj 3 B-GPE
. . PUNCT . punct 3 O
"""

TWO_STATES = """
American american ADJ JJ amod 3 B-NORP
and and CCONJ CC cc 0 O
British british ADJ JJ conj 0 B-NORP
authorities authority NOUN NNS nsubj 4 O
sanctioned sanction VERB VBD ROOT 4 O
Evil Evil PROPN NNP compound 6 B-ORG
Corp~ Corp PROPN NNP dobj 4 I-ORG
. . PUNCT . punct 4 O
"""


def relations(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec, actors=ActorIndex.load())}


def test_a_states_officials_are_the_state():
    assert relations(OFFICIALS) == {("United States", "accused", "Iran")}


def test_prosecutors_stay_a_body_of_their_own():
    subjects = {s for s, p, o in relations(PROSECUTORS) if p == "charged"}
    assert subjects == {"German prosecutors"}


def test_a_single_official_is_not_the_state():
    assert "United States" not in {s for s, _, _ in relations(ONE_OFFICIAL)}


def test_the_authorities_of_two_states_are_both_states():
    sanctioned = {s for s, p, _ in relations(TWO_STATES) if p == "sanctioned"}
    assert sanctioned == {"United States", "United Kingdom"}


THEY_ARRESTED = """
German german ADJ JJ amod 1 B-NORP
authorities authority NOUN NNS nsubj 2 O
said say VERB VBD ROOT 2 O
they they PRON PRP nsubj 4 O
arrested arrest VERB VBD ccomp 2 O
Ivan Ivan PROPN NNP compound 6 B-PERSON
Petrov~ Petrov PROPN NNP dobj 4 I-PERSON
. . PUNCT . punct 2 O
"""


def test_they_after_a_states_officials_is_the_state():
    assert ("Germany", "arrested", "Ivan Petrov") in relations(THEY_ARRESTED)
