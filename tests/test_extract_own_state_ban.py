"""No state body bans its own state: "the Chinese Embassy said it would not allow anyone to
use Chinese servers" bans no one, while "the Pentagon stopped using Chinese equipment"
still bans China. Hand-built Docs with the shipped gazetteer (demonyms), rules only."""

from __future__ import annotations

from test_extract_patterns import triples

from kg.extract.actors import ActorIndex

OWN_SERVERS = """
The the DET DT det 2 B-ORG
Chinese Chinese PROPN NNP compound 2 I-ORG
Embassy Embassy PROPN NNP nsubj 3 I-ORG
said say VERB VBD ROOT 3 O
it it PRON PRP nsubj 7 O
would would AUX MD aux 7 O
not not PART RB neg 7 O
allow allow VERB VB ccomp 3 O
anyone anyone PRON NN nsubj 10 O
to to PART TO aux 10 O
use use VERB VB ccomp 7 O
Chinese chinese ADJ JJ amod 12 B-NORP
servers~ server NOUN NNS dobj 10 O
. . PUNCT . punct 3 O
"""

FOREIGN_EQUIPMENT = """
The the DET DT det 1 B-ORG
Pentagon Pentagon PROPN NNP nsubj 2 I-ORG
stopped stop VERB VBD ROOT 2 O
using use VERB VBG xcomp 2 O
Chinese chinese ADJ JJ amod 5 B-NORP
equipment~ equipment NOUN NN dobj 3 O
. . PUNCT . punct 2 O
"""


def banned(spec: str) -> set[str]:
    return {o for _, p, o, *_ in triples(spec, actors=ActorIndex.load()) if p == "banned"}


def test_a_state_body_forbidding_use_of_its_own_states_things_bans_no_one():
    assert "China" not in banned(OWN_SERVERS)


def test_stopping_use_of_a_foreign_states_things_bans_that_state():
    assert banned(FOREIGN_EQUIPMENT) == {"China"}
