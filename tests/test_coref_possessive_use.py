"""A possessive pronoun on what an agent uses is the agent's own ("Finland said Turla
used its tool": Turla's tool), on what it operates against another's ("Finland said Turla
hacked its servers": Finland's). Hand-built Docs (no model), as in tests/hand_docs.py."""

from __future__ import annotations

import pytest
from test_extract_coref import article, resolved

from kg.extract import coref

SAID = """
Finland Finland PROPN NNP nsubj 1 B-GPE
said say VERB VBD ROOT 1 O
Turla Turla PROPN NNP nsubj 3 B-ORG
{verb} {lemma} VERB VBD ccomp 1 O
its its PRON PRP$ poss 5 O
{noun} {noun} NOUN NN dobj 3 O
{rest}. . PUNCT . punct 1 O
"""


@pytest.mark.parametrize(
    ("verb", "lemma", "noun", "rest", "owner"),
    [
        ("used", "use", "tool", "", "Turla"),
        (
            "used",
            "use",
            "tool",
            "against against ADP IN prep 3 O\nAcme Acme PROPN NNP pobj 6 B-ORG\n",
            "Turla",
        ),
        ("hacked", "hack", "servers", "", "Finland"),
    ],
)
def test_coref_possessive_use_what_is_used_is_the_users_own(verb, lemma, noun, rest, owner):
    spec = SAID.format(verb=verb, lemma=lemma, noun=noun, rest=rest)
    art = article(spec, Turla="ThreatGroup", Finland="Country")
    assert resolved(coref.pronouns(art), art.doc) == {"its": [owner]}
