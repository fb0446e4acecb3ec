"""An operation that acts: whoever did the attack acts on what the attack hit ("X was
responsible for an attack that crippled Y", "the intrusion by X compromised Y", "a
campaign targeting Y"), and a description with a nationality word refers to no actor of
another state. Hand-built Docs, so only the rules run."""

from __future__ import annotations

from test_extract_patterns import triples

from kg.extract.actors import ActorIndex

RESPONSIBLE_FOR_AN_ATTACK_THAT = """
Sandworm Sandworm PROPN NNP nsubj 1 B-ORG
was be AUX VBD ROOT 1 O
responsible responsible ADJ JJ acomp 1 O
for for ADP IN prep 2 O
an an DET DT det 5 O
attack attack NOUN NN pobj 3 O
that that PRON WDT nsubj 7 O
crippled cripple VERB VBD relcl 5 O
Ukrenergo~ Ukrenergo PROPN NNP dobj 7 B-ORG
. . PUNCT . punct 1 O
"""

INTRUSION_BY_COMPROMISED = """
The the DET DT det 1 O
intrusion intrusion NOUN NN nsubj 5 O
by by ADP IN prep 1 O
Fancy Fancy PROPN NNP compound 4 B-ORG
Bear Bear PROPN NNP pobj 2 I-ORG
compromised compromise VERB VBD ROOT 5 O
the the DET DT det 7 B-ORG
Senate~ Senate PROPN NNP dobj 5 I-ORG
. . PUNCT . punct 5 O
"""

CAMPAIGN_TARGETING = """
Kimsuky Kimsuky PROPN NNP nsubj 1 B-ORG
launched launch VERB VBD ROOT 1 O
a a DET DT det 3 O
campaign campaign NOUN NN dobj 1 O
targeting target VERB VBG acl 3 O
Estonia~ Estonia PROPN NNP dobj 4 B-GPE
. . PUNCT . punct 1 O
"""

AN_ATTACK_WITH_NO_DOER = """
An an DET DT det 1 O
attack attack NOUN NN nsubj 2 O
crippled cripple VERB VBD ROOT 2 O
Ukrenergo~ Ukrenergo PROPN NNP dobj 2 B-ORG
. . PUNCT . punct 2 O
"""


def relations(spec: str, actors: ActorIndex | None = None) -> set[tuple[str, str, str]]:
    found = triples(spec) if actors is None else triples(spec, actors=actors)
    return {(s, p, o) for s, p, o, *_ in found}


def test_the_one_responsible_for_an_attack_acts_on_what_it_hit():
    assert ("Sandworm", "attacked", "Ukrenergo") in relations(RESPONSIBLE_FOR_AN_ATTACK_THAT)


def test_the_agent_of_an_intrusion_hacks_what_it_compromised():
    assert ("Fancy Bear", "hacked", "Senate") in relations(INTRUSION_BY_COMPROMISED)


def test_a_campaign_targeting_someone_is_its_launchers_attack():
    assert ("Kimsuky", "attacked", "Estonia") in relations(CAMPAIGN_TARGETING)


def test_an_attack_with_no_doer_gives_no_relation():
    assert relations(AN_ATTACK_WITH_NO_DOER) == set()


IRISH_SERVICE = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 2 B-ORG
said say VERB VBD ROOT 2 O
Conti Conti PROPN NNP nsubj 4 B-ORG
attacked attack VERB VBD ccomp 2 O
the the DET DT det 8 O
Irish irish ADJ JJ amod 8 B-NORP
health health NOUN NN compound 8 O
service~ service NOUN NN dobj 4 O
. . PUNCT . punct 2 O
"""


def test_a_description_of_one_nationality_is_no_agency_of_another_state():
    attacked = {o for _, p, o in relations(IRISH_SERVICE, ActorIndex.load()) if p == "attacked"}
    assert "Federal Bureau of Investigation" not in attacked
    assert attacked == {"Ireland"}  # the owner of the service stands for it
