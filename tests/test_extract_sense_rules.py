"""Constructions found through the sentence suite of the lexicon by sense (issue 11 item 1):
hand-built Docs, so only the rules are under test."""

from __future__ import annotations

from test_extract_patterns import triples


def relations(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec)}


TOLD_TO_STOP = """
Merkel Merkel PROPN NNP nsubj 1 B-PERSON
told tell VERB VBD ROOT 1 O
Siemens Siemens PROPN NNP dobj 1 B-ORG
to to PART TO aux 4 O
stop stop VERB VB xcomp 1 O
. . PUNCT . punct 1 O
"""

TOLD_THAT = """
Merkel Merkel PROPN NNP nsubj 1 B-PERSON
told tell VERB VBD ROOT 1 O
Siemens Siemens PROPN NNP dobj 1 B-ORG
that that SCONJ IN mark 5 O
it it PRON PRP nsubj 5 O
stopped stop VERB VBD ccomp 1 O
. . PUNCT . punct 1 O
"""


def test_telling_someone_to_do_something_orders_them():
    assert relations(TOLD_TO_STOP) == {("Merkel", "ordered", "Siemens")}


def test_telling_someone_that_something_happened_does_not():
    assert not any(p == "ordered" for _, p, _ in relations(TOLD_THAT))


SPIED_ON_BY = """
Merkel Merkel PROPN NNP nsubjpass 2 B-PERSON
was be AUX VBD auxpass 2 O
spied spy VERB VBN ROOT 2 O
on on ADP RP prt 2 O
by by ADP IN agent 2 O
Russia~ Russia PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 2 O
"""

STOLEN_FROM_BY = """
Files files NOUN NNS nsubjpass 2 O
were be AUX VBD auxpass 2 O
stolen steal VERB VBN ROOT 2 O
from from ADP IN prep 2 O
Siemens Siemens PROPN NNP pobj 3 B-ORG
by by ADP IN agent 2 O
Russia~ Russia PROPN NNP pobj 5 B-GPE
. . PUNCT . punct 2 O
"""

LINKED_TO = """
Sandworm Sandworm PROPN NNP nsubjpass 2 B-ORG
is be AUX VBZ auxpass 2 O
linked link VERB VBN ROOT 2 O
to to ADP IN prep 2 O
Russia~ Russia PROPN NNP pobj 3 B-GPE
. . PUNCT . punct 2 O
"""


def test_a_passive_with_a_stranded_preposition_makes_its_subject_the_object():
    assert relations(SPIED_ON_BY) == {("Russia", "spiedOn", "Merkel")}


def test_a_taking_passive_takes_from_the_prepositional_object():
    assert relations(STOLEN_FROM_BY) == {("Russia", "stole", "Siemens")}


def test_a_passive_preposition_with_its_own_object_still_relates_the_subject():
    assert relations(LINKED_TO) == {("Sandworm", "affiliatedWith", "Russia")}


NOT_ALLOWED_TO_USE = """
Germany Germany PROPN NNP nsubj 3 B-GPE
does do AUX VBZ aux 3 O
not not PART RB neg 3 O
allow allow VERB VB ROOT 3 O
agencies agency NOUN NNS dobj 3 O
to to PART TO aux 6 O
use use VERB VB xcomp 3 O
Huawei Huawei PROPN NNP poss 9 B-ORG
's 's PART POS case 7 O
equipment~ equipment NOUN NN dobj 6 O
. . PUNCT . punct 3 O
"""


def test_not_allowing_a_use_bans_the_owner():
    assert ("Germany", "banned", "Huawei") in relations(NOT_ALLOWED_TO_USE)
    assert not any(p == "used" for _, p, _ in relations(NOT_ALLOWED_TO_USE))


def test_allowing_a_use_bans_no_one():
    allowed = NOT_ALLOWED_TO_USE.replace("not not PART RB neg 3 O", "also also ADV RB advmod 3 O")
    assert not any(p == "banned" for _, p, _ in relations(allowed))


SAID_CLAIMS_BASELESS = """
Russia Russia PROPN NNP nsubj 1 B-GPE
said say VERB VBD ROOT 1 O
the the DET DT det 3 O
claims claim NOUN NNS nsubj 6 O
by by ADP IN prep 3 O
Britain Britain PROPN NNP pobj 4 B-GPE
were be AUX VBD ccomp 1 O
baseless~ baseless ADJ JJ acomp 6 O
. . PUNCT . punct 1 O
"""


def test_saying_someones_claims_are_baseless_denies_them():
    found = relations(SAID_CLAIMS_BASELESS)
    assert ("Russia", "denied", "Britain") in found
    assert ("Britain", "accused", "Russia") in found


def test_saying_someones_claims_are_sound_denies_nothing():
    sound = SAID_CLAIMS_BASELESS.replace("baseless~ baseless", "accurate~ accurate")
    assert not any(p == "denied" for _, p, _ in relations(sound))


CLAIMS_BY_ON_THE_VERB = """
Russia Russia PROPN NNP nsubj 1 B-GPE
rejected reject VERB VBD ROOT 1 O
the the DET DT det 3 O
claims claim NOUN NNS dobj 1 O
by by ADP IN prep 1 O
Britain~ Britain PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_by_accuser_that_the_parser_hangs_on_the_denial_verb_is_still_the_accuser():
    assert ("Russia", "denied", "Britain") in relations(CLAIMS_BY_ON_THE_VERB)
