"""Paying attackers to do something hires them; it is no ransom ("the FSB paid the hackers to
steal the data" does not make the FSB their victim). Hand-built Docs, so only the rules run."""

from __future__ import annotations

from test_extract_patterns import triples

PAID_TO_STEAL = """
The the DET DT det 1 B-ORG
FSB FSB PROPN NNP nsubj 2 I-ORG
paid pay VERB VBD ROOT 2 O
the the DET DT det 4 O
hackers hacker NOUN NNS dobj 2 O
to to PART TO aux 6 O
steal steal VERB VB advcl 2 O
the the DET DT det 8 O
data~ datum NOUN NNS dobj 6 O
. . PUNCT . punct 2 O
"""

PAID_A_SUM = """
Acme Acme PROPN NNP nsubj 1 B-ORG
paid pay VERB VBD ROOT 1 O
the the DET DT det 3 O
hackers hacker NOUN NNS dative 1 O
millions~ million NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
"""


def test_paying_hackers_to_do_something_is_no_ransom():
    assert not any(p == "attacked" for _, p, *_ in triples(PAID_TO_STEAL))


def test_paying_hackers_a_sum_still_marks_a_ransom_victim():
    assert ("hackers", "attacked", "Acme") in {t[:3] for t in triples(PAID_A_SUM)}


PAID_TO_UNLOCK = """
Acme Acme PROPN NNP nsubj 1 B-ORG
paid pay VERB VBD ROOT 1 O
the the DET DT det 3 O
hackers hacker NOUN NNS dobj 1 O
to to PART TO aux 5 O
unlock unlock VERB VB advcl 1 O
its its PRON PRP$ poss 7 O
files~ file NOUN NNS dobj 5 O
. . PUNCT . punct 1 O
"""


def test_paying_hackers_to_undo_their_attack_is_a_ransom():
    assert ("hackers", "attacked", "Acme") in {t[:3] for t in triples(PAID_TO_UNLOCK)}
