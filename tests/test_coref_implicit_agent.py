"""The implicit agent of an agentless passive act in law: "X was also sanctioned" after
"Finland sanctioned Y" was Finland's act; with no additive word, with two earlier doers
of equal weight or none, the agent stays open. Hand-built Docs, so only the rules run."""

from __future__ import annotations

from test_extract_operation_doer import relations

ALSO_SANCTIONED = """
Finland Finland PROPN NNP nsubj 1 B-GPE
sanctioned sanction VERB VBD ROOT 1 O
Turla~ Turla PROPN NNP dobj 1 B-ORG
. . PUNCT . punct 1 O
Kimsuky Kimsuky PROPN NNP nsubjpass 7 B-ORG
was be AUX VBD auxpass 7 O
{also} {also} ADV RB advmod 7 O
sanctioned sanction VERB VBN ROOT 7 O
. . PUNCT . punct 7 O
"""

TWO_SANCTIONERS = """
Finland Finland PROPN NNP nsubj 1 B-GPE
sanctioned sanction VERB VBD ROOT 1 O
Turla Turla PROPN NNP dobj 1 B-ORG
and and CCONJ CC cc 1 O
Estonia Estonia PROPN NNP nsubj 5 B-GPE
sanctioned sanction VERB VBD conj 1 O
Acme~ Acme PROPN NNP dobj 5 B-ORG
. . PUNCT . punct 1 O
Kimsuky Kimsuky PROPN NNP nsubjpass 11 B-ORG
was be AUX VBD auxpass 11 O
also also ADV RB advmod 11 O
sanctioned sanction VERB VBN ROOT 11 O
. . PUNCT . punct 11 O
"""

NO_EARLIER_DOER = """
Kimsuky Kimsuky PROPN NNP nsubjpass 3 B-ORG
was be AUX VBD auxpass 3 O
also also ADV RB advmod 3 O
sanctioned sanction VERB VBN ROOT 3 O
. . PUNCT . punct 3 O
Finland Finland PROPN NNP nsubj 6 B-GPE
sanctioned sanction VERB VBD ROOT 6 O
Turla~ Turla PROPN NNP dobj 6 B-ORG
. . PUNCT . punct 6 O
"""


def test_coref_implicit_agent_an_act_done_also_is_the_earlier_doers():
    found = relations(ALSO_SANCTIONED.format(also="also"))
    assert ("Finland", "sanctioned", "Kimsuky") in found
    assert ("Finland", "sanctioned", "Turla") in found


def test_coref_implicit_agent_without_an_additive_word_stays_open():
    found = relations(ALSO_SANCTIONED.format(also="later"))
    assert ("Finland", "sanctioned", "Turla") in found
    assert not any(o == "Kimsuky" for _, _, o in found)


def test_coref_implicit_agent_two_doers_of_equal_weight_leave_it_open():
    found = relations(TWO_SANCTIONERS)
    assert ("Estonia", "sanctioned", "Acme") in found
    assert not any(o == "Kimsuky" for _, _, o in found)


def test_coref_implicit_agent_needs_a_doer_before_it():
    found = relations(NO_EARLIER_DOER)
    assert ("Finland", "sanctioned", "Turla") in found
    assert not any(o == "Kimsuky" for _, _, o in found)
