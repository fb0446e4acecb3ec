"""Strict head match to an indefinite description: "a bank in Manila ... the bank" is one
unnamed body, an Organization actor; a definite first mention opens none, and a fitting
name between the two may be meant instead. Hand-built Docs (no model), as in
tests/hand_docs.py: word lemma POS TAG dep head ENT."""

from __future__ import annotations

from test_extract_coref import article, resolved

from kg.extract import coref

A_BANK = """
Turla Turla PROPN NNP nsubj 1 B-ORG
robbed rob VERB VBD ROOT 1 O
{det} {det} DET DT det 3 O
bank bank NOUN NN dobj 1 O
in in ADP IN prep 3 O
Manila~ Manila PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
The the DET DT det 8 O
bank bank NOUN NN nsubj 9 O
blamed blame VERB VBD ROOT 9 O
Turla~ Turla PROPN NNP dobj 9 B-ORG
. . PUNCT . punct 9 O
"""

NAME_BETWEEN = """
Turla Turla PROPN NNP nsubj 1 B-ORG
robbed rob VERB VBD ROOT 1 O
a a DET DT det 3 O
bank bank NOUN NN dobj 1 O
. . PUNCT . punct 1 O
Zeta Zeta PROPN NNP compound 6 B-ORG
Bank Bank PROPN NNP nsubj 7 I-ORG
lost lose VERB VBD ROOT 7 O
money~ money NOUN NN dobj 7 O
. . PUNCT . punct 7 O
The the DET DT det 11 O
bank bank NOUN NN nsubj 12 O
blamed blame VERB VBD ROOT 12 O
Turla~ Turla PROPN NNP dobj 12 B-ORG
. . PUNCT . punct 12 O
"""


def test_coref_indefinite_heads_the_bank_is_the_bank_met_before():
    art = article(A_BANK.format(det="a"), Turla="ThreatGroup")
    assert resolved(coref.indefinite_heads(art), art.doc) == {"The bank": ["bank in Manila"]}
    refs = coref.resolve(art.doc, art.refs)
    bank = [(r.text, r.kind, r.actor.type) for r in refs if r.actor.label == "bank in Manila"]
    assert bank == [("a bank", "group", "Organization"), ("The bank", "coref", "Organization")]


def test_coref_indefinite_heads_a_definite_first_mention_opens_no_body():
    art = article(A_BANK.format(det="the"), Turla="ThreatGroup")
    assert coref.indefinite_heads(art) == []
    assert not any(r.actor.label == "bank in Manila" for r in coref.resolve(art.doc, art.refs))


def test_coref_indefinite_heads_a_fitting_name_between_leaves_it_to_the_name():
    art = article(NAME_BETWEEN, Turla="ThreatGroup")
    assert coref.indefinite_heads(art) == []
    assert resolved(coref.descriptions(art), art.doc) == {"The bank": ["Zeta Bank"]}
