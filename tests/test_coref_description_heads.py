"""Definite descriptions by the type their head noun names ("the airline" a company,
"the regulator" a government body, "the regime" a state, "the cartel" a group, "the
website" an outlet, "the spokesman" a person); "the embassy", "the unit", "the police"
only an actor named one.
Hand-built Docs (no model): word lemma POS TAG dep head ENT, as in tests/hand_docs.py."""

from __future__ import annotations

import pytest
from test_extract_coref import article, resolved

from kg.extract import coref

ONE_ACTOR = """
Zeta Zeta PROPN NNP nsubjpass 2 B-ORG
was be AUX VBD auxpass 2 O
hacked hack VERB VBN ROOT 2 O
. . PUNCT . punct 2 O
The the DET DT det 5 O
{head} {head} NOUN NN nsubj 6 O
blamed blame VERB VBD ROOT 6 O
Russia~ Russia PROPN NNP dobj 6 B-GPE
. . PUNCT . punct 6 O
"""

HEADS = [
    ("airline", "Company", "Person"),
    ("lender", "Company", "Country"),
    ("regulator", "GovernmentBody", "Company"),
    ("regime", "Country", "Person"),
    ("kingdom", "Country", "Company"),
    ("cartel", "ThreatGroup", "Person"),
    ("organization", "ThreatGroup", "Person"),
    ("website", "MediaOutlet", "Country"),
    ("spokesman", "Person", "Company"),
    ("defendant", "Person", "Country"),
    ("teen", "Person", "Company"),
    ("prosecutor", "Person", "Country"),
]


@pytest.mark.parametrize(("head", "fits", "other"), HEADS)
def test_coref_description_heads_take_an_actor_of_their_type(head, fits, other):
    art = article(ONE_ACTOR.format(head=head), Zeta=fits)
    assert resolved(coref.descriptions(art), art.doc) == {f"The {head}": ["Zeta"]}
    art = article(ONE_ACTOR.format(head=head), Zeta=other)
    assert coref.descriptions(art) == []


@pytest.mark.parametrize("head", ["embassy", "unit", "police", "party"])
def test_coref_description_heads_a_named_kind_is_only_an_actor_named_one(head):
    art = article(ONE_ACTOR.format(head=head), Zeta="GovernmentBody")
    assert coref.descriptions(art) == []
    name = head.capitalize()
    named = ONE_ACTOR.replace("Zeta Zeta PROPN", f"{name} {name} PROPN")
    art = article(named.format(head=head), **{name: "GovernmentBody"})
    assert resolved(coref.descriptions(art), art.doc) == {f"The {head}": [name]}
