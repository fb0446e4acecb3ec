"""A person named after a person noun's genitive renames the noun, though the parser
hangs the name on the genitive's body: "passed secrets to an employee of the MSS, namely
Li Wei" passes them to Li Wei; a body named after it ("an employee of the MSS, the
agency") does not. Hand-built Docs (no model), as in tests/hand_docs.py."""

from __future__ import annotations

from test_extract_operation_doer import relations

HUNG = """
Anna Anna PROPN NNP compound 1 B-PERSON
Petrova Petrova PROPN NNP nsubj 2 I-PERSON
passed pass VERB VBD ROOT 2 O
secrets secret NOUN NNS dobj 2 O
to to ADP IN prep 2 O
an an DET DT det 6 O
employee employee NOUN NN pobj 4 O
of of ADP IN prep 6 O
the the DET DT det 9 O
MSS~ MSS PROPN NNP pobj 7 B-ORG
, , PUNCT , punct 9 O
namely namely ADV RB advmod 13 O
{first} {first} PROPN NNP compound 13 B-{ent}
{last}~ {last} PROPN NNP appos 9 I-{ent}
. . PUNCT . punct 2 O
"""


def test_coref_hung_apposition_the_person_named_is_the_employee():
    found = relations(HUNG.format(first="Li", last="Wei", ent="PERSON"))
    assert ("Anna Petrova", "cooperatedWith", "Li Wei") in found


def test_coref_hung_apposition_a_body_named_after_it_is_no_employee():
    found = relations(HUNG.format(first="Zeta", last="Agency", ent="ORG"))
    assert not any(o == "Zeta Agency" and p == "cooperatedWith" for _, p, o in found)
