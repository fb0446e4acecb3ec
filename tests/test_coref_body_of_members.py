"""A singular body description whose antecedent is the members of a body is that body:
"Finland arrested members of Zeta. Estonia dismantled the organization" dismantled Zeta,
not its members. Hand-built Docs
(no model), as in tests/hand_docs.py."""

from __future__ import annotations

from test_extract_coref import article

from kg.extract import coref

MEMBERS = """
Finland Finland PROPN NNP nsubj 1 B-GPE
arrested arrest VERB VBD ROOT 1 O
members member NOUN NNS dobj 1 O
of of ADP IN prep 2 O
Zeta~ Zeta PROPN NNP pobj 3 B-ORG
. . PUNCT . punct 1 O
Estonia Estonia PROPN NNP nsubj 7 B-GPE
dismantled dismantle VERB VBD ROOT 7 O
the the DET DT det 9 O
organization organization NOUN NN dobj 7 O
. . PUNCT . punct 7 O
"""


def test_coref_body_of_members_the_organization_is_the_body():
    art = article(MEMBERS, Zeta="ThreatGroup", Finland="Country", Estonia="Country")
    members = [r for r in art.refs if r.text == "members of Zeta"]
    assert members and members[0].owner is not None  # the members' mention keeps its body
    refs = coref.resolve(art.doc, art.refs)
    assert [r.actor.label for r in refs if r.text == "the organization"] == ["Zeta"]
