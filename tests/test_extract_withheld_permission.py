"""Withholding permission is a ban: "Germany will not allow Huawei to build its network"
bans Huawei, asserted and not negated (the "not" is the ban itself); "allowed Huawei to
build" bans no one. Hand-built Docs, so only the rules and the claims pass run."""

from __future__ import annotations

from test_extract_patterns import triples

NOT_ALLOWED = """
Germany Germany PROPN NNP nsubj 3 B-GPE
will will AUX MD aux 3 O
not not PART RB neg 3 O
allow allow VERB VB ROOT 3 O
Huawei Huawei PROPN NNP nsubj 6 B-ORG
to to PART TO aux 6 O
build build VERB VB ccomp 3 O
its its PRON PRP$ poss 8 O
network~ network NOUN NN dobj 6 O
. . PUNCT . punct 3 O
"""

ALLOWED = """
Germany Germany PROPN NNP nsubj 1 B-GPE
allowed allow VERB VBD ROOT 1 O
Huawei Huawei PROPN NNP nsubj 4 B-ORG
to to PART TO aux 4 O
build build VERB VB ccomp 1 O
its its PRON PRP$ poss 6 O
network~ network NOUN NN dobj 4 O
. . PUNCT . punct 1 O
"""


def test_not_allowing_an_actor_to_act_bans_it_as_a_plain_fact():
    found = {(s, p, o, neg, mod) for s, p, o, neg, mod, _ in triples(NOT_ALLOWED)}
    assert ("Germany", "banned", "Huawei", False, "asserted") in found


def test_allowing_an_actor_to_act_bans_no_one():
    assert not any(p == "banned" for _, p, *_ in triples(ALLOWED))
