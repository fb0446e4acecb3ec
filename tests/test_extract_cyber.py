"""Cyber-attack constructions (attacker and victim of attacks, breaches, ransom and
phishing): hand-built Docs of sentences written for these tests, so only the rules are
under test."""

from __future__ import annotations

import pytest
from test_extract_patterns import triples


def relations(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec)}


TRICKED_YOU = """
The the DET DT det 1 O
fraudsters fraudster NOUN NNS nsubj 2 O
fooled fool VERB VBD ROOT 2 O
you you PRON PRP dobj 2 O
. . PUNCT . punct 2 O
"""

TRICKED_THEM = """
The the DET DT det 1 O
fraudsters fraudster NOUN NNS nsubj 2 O
fooled fool VERB VBD ROOT 2 O
them they PRON PRP dobj 2 O
. . PUNCT . punct 2 O
"""


def test_the_addressee_is_an_unnamed_victim_of_an_attack():
    assert ("fraudsters", "attacked", "you") in relations(TRICKED_YOU)
    assert not {r for r in relations(TRICKED_THEM) if r[1] == "attacked"}


YOUR_ACCOUNT = """
Crooks crook NOUN NNS nsubj 2 O
will will AUX MD aux 2 O
breach breach VERB VB ROOT 2 O
your your PRON PRP$ poss 4 O
mailbox mailbox NOUN NN dobj 2 O
. . PUNCT . punct 2 O
"""


def test_the_addressee_owns_what_is_hacked():
    assert ("crooks", "hacked", "your") in relations(YOUR_ACCOUNT)


RANSOM_TO = """
The the DET DT det 1 O
clinic clinic NOUN NN nsubj 2 O
paid pay VERB VBD ROOT 2 O
a a DET DT det 4 O
ransom ransom NOUN NN dobj 2 O
to to ADP IN prep 4 O
the the DET DT det 7 O
extortionists extortionist NOUN NNS pobj 5 O
. . PUNCT . punct 2 O
"""

HACKER_RANSOM = """
The the DET DT det 1 O
council council NOUN NN nsubj 2 O
refused refuse VERB VBD ROOT 2 O
to to PART TO aux 4 O
pay pay VERB VB xcomp 2 O
the the DET DT det 7 O
hacker hacker NOUN NN compound 7 O
ransom ransom NOUN NN dobj 4 O
. . PUNCT . punct 2 O
"""

FEE_TO_LAWYERS = """
The the DET DT det 1 O
clinic clinic NOUN NN nsubj 2 O
paid pay VERB VBD ROOT 2 O
a a DET DT det 4 O
fee fee NOUN NN dobj 2 O
to to ADP IN prep 4 O
its its PRON PRP$ poss 7 O
lawyers lawyer NOUN NNS pobj 5 O
. . PUNCT . punct 2 O
"""


def test_paying_a_ransom_to_attackers_makes_the_payer_their_victim():
    assert ("extortionists", "attacked", "clinic") in relations(RANSOM_TO)
    assert ("hackers", "attacked", "council") in relations(HACKER_RANSOM)
    assert not relations(FEE_TO_LAWYERS)


SCHEME_FOOLED = """
Acme Acme PROPN NNP nsubj 1 B-ORG
warned warn VERB VBD ROOT 1 O
customers customer NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
The the DET DT det 5 O
scheme scheme NOUN NN nsubj 6 O
worked work VERB VBD ROOT 6 O
because because SCONJ IN mark 9 O
it it PRON PRP nsubj 9 O
fooled fool VERB VBD advcl 6 O
customers customer NOUN NNS dobj 9 O
. . PUNCT . punct 6 O
"""

ACME_FOOLED = """
Acme Acme PROPN NNP nsubj 1 B-ORG
warned warn VERB VBD ROOT 1 O
customers customer NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
Acme Acme PROPN NNP nsubjpass 6 B-ORG
was be AUX VBD auxpass 6 O
sued sue VERB VBN ROOT 6 O
because because SCONJ IN mark 9 O
it it PRON PRP nsubj 9 O
fooled fool VERB VBD advcl 6 O
customers customer NOUN NNS dobj 9 O
. . PUNCT . punct 6 O
"""


def test_it_under_a_clause_about_a_thing_is_that_thing_not_the_actor_before():
    assert ("Acme", "attacked", "customers") not in relations(SCHEME_FOOLED)
    assert ("Acme", "attacked", "customers") in relations(ACME_FOOLED)


FELL_VICTIM = """
The the DET DT det 1 O
clinic clinic NOUN NN nsubj 2 O
fell fall VERB VBD ROOT 2 O
victim victim NOUN NN dobj 2 O
to to ADP IN prep 2 O
Ryuk Ryuk PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 2 O
"""

FELL_TO = """
The the DET DT det 1 O
clinic clinic NOUN NN nsubj 2 O
fell fall VERB VBD ROOT 2 O
to to ADP IN prep 2 O
Ryuk Ryuk PROPN NNP pobj 3 B-ORG
. . PUNCT . punct 2 O
"""


def test_falling_victim_to_someone_is_being_attacked_by_them():
    assert ("Ryuk", "attacked", "clinic") in relations(FELL_VICTIM)
    assert not relations(FELL_TO)


BEHIND_A_DUMP = """
Anonymous Anonymous PROPN NNP nsubj 1 B-ORG
was be AUX VBD ROOT 1 O
behind behind ADP IN prep 1 O
a a DET DT det 4 O
dump dump NOUN NN pobj 2 O
of of ADP IN prep 4 O
Acme Acme PROPN NNP poss 8 B-ORG
's 's PART POS case 6 O
emails email NOUN NNS pobj 5 O
. . PUNCT . punct 1 O
"""


def test_a_dump_of_someone_s_data_is_a_leak():
    assert ("Anonymous", "leaked", "Acme") in relations(BEHIND_A_DUMP)


NOTORIOUS_FOR = """
Lazarus Lazarus PROPN NNP nsubj 1 B-ORG
is be AUX VBZ ROOT 1 O
notorious notorious ADJ JJ acomp 1 O
for for ADP IN prep 2 O
robbing rob VERB VBG pcomp 3 O
Acme Acme PROPN NNP dobj 4 B-ORG
. . PUNCT . punct 1 O
"""


def test_the_subject_of_an_adjective_does_the_gerund_after_it():
    assert ("Lazarus", "stole", "Acme") in relations(NOTORIOUS_FOR)


HIT_BY_A_CAMPAIGN = """
Acme Acme PROPN NNP nsubjpass 2 B-ORG
was be AUX VBD auxpass 2 O
targeted target VERB VBN ROOT 2 O
by by ADP IN agent 2 O
a a DET DT det 6 O
phishing phishing NOUN NN compound 6 O
campaign campaign NOUN NN pobj 3 O
run run VERB VBN acl 6 O
by by ADP IN agent 7 O
Sandworm Sandworm PROPN NNP pobj 8 B-ORG
. . PUNCT . punct 2 O
"""

HIT_BY_A_CAMPAIGN_ABOUT = """
Acme Acme PROPN NNP nsubjpass 2 B-ORG
was be AUX VBD auxpass 2 O
targeted target VERB VBN ROOT 2 O
by by ADP IN agent 2 O
a a DET DT det 5 O
campaign campaign NOUN NN pobj 3 O
about about ADP IN prep 5 O
Sandworm Sandworm PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 2 O
"""


def test_the_doer_of_the_operation_that_is_a_passive_agent_is_the_attacker():
    assert ("Sandworm", "attacked", "Acme") in relations(HIT_BY_A_CAMPAIGN)
    assert ("Sandworm", "attacked", "Acme") not in relations(HIT_BY_A_CAMPAIGN_ABOUT)


STORED_ON = """
Intruders intruder NOUN NNS nsubj 1 O
exfiltrated exfiltrate VERB VBD ROOT 1 O
files file NOUN NNS dobj 1 O
stored store VERB VBN acl 2 O
on on ADP IN prep 3 O
Initech Initech PROPN NNP compound 6 B-ORG
servers server NOUN NNS pobj 4 O
. . PUNCT . punct 1 O
"""

WRITTEN_ON = """
Intruders intruder NOUN NNS nsubj 1 O
exfiltrated exfiltrate VERB VBD ROOT 1 O
files file NOUN NNS dobj 1 O
written write VERB VBN acl 2 O
on on ADP IN prep 3 O
Initech Initech PROPN NNP compound 6 B-ORG
software software NOUN NN pobj 4 O
. . PUNCT . punct 1 O
"""


def test_data_stored_on_an_owner_s_machines_is_the_owner_s():
    assert ("intruders", "stole", "Initech") in relations(STORED_ON)
    assert ("intruders", "stole", "Initech") not in relations(WRITTEN_ON)


ACCESSED_IN = """
Intruders intruder NOUN NNS nsubj 1 O
accessed access VERB VBD ROOT 1 O
messages message NOUN NNS dobj 1 O
in in ADP IN prep 1 O
the the DET DT det 5 O
mailboxes mailbox NOUN NNS pobj 3 O
of of ADP IN prep 5 O
Initech Initech PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 1 O
"""

TRACKED_ON = """
Intruders intruder NOUN NNS nsubj 1 O
tracked track VERB VBD ROOT 1 O
readers reader NOUN NNS dobj 1 O
on on ADP IN prep 1 O
the the DET DT det 6 O
Initech Initech PROPN NNP compound 6 B-ORG
forum forum NOUN NN pobj 3 O
. . PUNCT . punct 1 O
"""


def test_what_is_taken_in_or_on_an_owner_s_place_is_the_owner_s():
    assert ("intruders", "hacked", "Initech") in relations(ACCESSED_IN)
    assert ("intruders", "spiedOn", "Initech") not in relations(TRACKED_ON)


HACKERS_BEHIND = """
The the DET DT det 1 O
crooks crook NOUN NNS nsubj 7 O
behind behind ADP IN prep 1 O
the the DET DT det 4 O
breach breach NOUN NN pobj 2 O
of of ADP IN prep 4 O
Initech Initech PROPN NNP pobj 5 B-ORG
fled flee VERB VBD ROOT 7 O
. . PUNCT . punct 7 O
"""

CROOKS_BEHIND_A_NAMED_TOOL = """
The the DET DT det 1 O
crooks crook NOUN NNS nsubj 6 O
behind behind ADP IN prep 1 O
the the DET DT det 5 O
Ryuk Ryuk PROPN NNP compound 5 B-ORG
ransomware ransomware NOUN NN pobj 2 O
fled flee VERB VBD ROOT 6 O
. . PUNCT . punct 6 O
"""


def test_the_attackers_behind_an_operation_do_it_and_a_named_tool_is_no_victim():
    assert ("crooks", "hacked", "Initech") in relations(HACKERS_BEHIND)
    assert not {r for r in relations(CROOKS_BEHIND_A_NAMED_TOOL) if r[1] == "attacked"}


SUFFERED_AT_THE_HANDS = """
Initech Initech PROPN NNP nsubj 1 B-ORG
suffered suffer VERB VBD ROOT 1 O
a a DET DT det 3 O
breach breach NOUN NN dobj 1 O
at at ADP IN prep 1 O
the the DET DT det 6 O
hands hand NOUN NNS pobj 4 O
of of ADP IN prep 6 O
Sandworm Sandworm PROPN NNP pobj 7 B-ORG
. . PUNCT . punct 1 O
"""

REPORTED_AT_THE_HANDS = """
Initech Initech PROPN NNP nsubj 1 B-ORG
reported report VERB VBD ROOT 1 O
a a DET DT det 3 O
breach breach NOUN NN dobj 1 O
at at ADP IN prep 1 O
the the DET DT det 6 O
hands hand NOUN NNS pobj 4 O
of of ADP IN prep 6 O
Sandworm Sandworm PROPN NNP pobj 7 B-ORG
. . PUNCT . punct 1 O
"""


def test_who_suffers_an_operation_is_its_object_and_its_agent_may_be_at_the_hands_of():
    assert ("Sandworm", "hacked", "Initech") in relations(SUFFERED_AT_THE_HANDS)
    assert ("Sandworm", "hacked", "Initech") not in relations(REPORTED_AT_THE_HANDS)


TOOK_CREDIT = """
Sandworm Sandworm PROPN NNP nsubj 1 B-ORG
took take VERB VBD ROOT 1 O
credit credit NOUN NN dobj 1 O
for for ADP IN prep 1 O
the the DET DT det 5 O
attack attack NOUN NN pobj 3 O
on on ADP IN prep 5 O
Initech Initech PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 1 O
"""


def test_taking_credit_for_an_operation_makes_its_agent():
    assert ("Sandworm", "attacked", "Initech") in relations(TOOK_CREDIT)


PERSON_S_BRANDED_ACCOUNT = """
Intruders intruder NOUN NNS nsubj 1 O
breached breach VERB VBD ROOT 1 O
Anna Anna PROPN NNP compound 3 B-PERSON
Lee Lee PROPN NNP poss 6 I-PERSON
's 's PART POS case 3 O
Initech Initech PROPN NNP compound 6 B-ORG
account account NOUN NN dobj 1 O
. . PUNCT . punct 1 O
"""

COMPANY_S_BRANDED_SOFTWARE = """
Intruders intruder NOUN NNS nsubj 1 O
breached breach VERB VBD ROOT 1 O
Globex Globex PROPN NNP poss 5 B-ORG
's 's PART POS case 2 O
Initech Initech PROPN NNP compound 5 B-ORG
servers server NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
"""


def test_a_person_s_branded_account_is_the_person_s_not_the_brand_s():
    found = relations(PERSON_S_BRANDED_ACCOUNT)
    assert ("intruders", "hacked", "Anna Lee") in found
    assert ("intruders", "hacked", "Initech") not in found
    assert ("intruders", "hacked", "Initech") in relations(COMPANY_S_BRANDED_SOFTWARE)


UNIT_ON_A_NUMBER = """
Intruders intruder NOUN NNS nsubj 1 O
dumped dump VERB VBD ROOT 1 O
40~ 40 NUM CD nummod 3 O
GB GB PROPN NNP compound 4 B-GPE
files file NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
"""

SPACED_NAME_AFTER_A_NUMBER = """
Intruders intruder NOUN NNS nsubj 1 O
dumped dump VERB VBD ROOT 1 O
40 40 NUM CD nummod 4 O
Initech Initech PROPN NNP compound 4 B-ORG
files file NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
"""


def test_a_unit_written_onto_a_number_is_no_actor():
    assert not relations(UNIT_ON_A_NUMBER)
    assert ("intruders", "leaked", "Initech") in relations(SPACED_NAME_AFTER_A_NUMBER)


HYPHENATED_NAME = """
Intruders intruder NOUN NNS nsubj 1 O
breached breach VERB VBD ROOT 1 O
Ini~ Ini PROPN NNP compound 4 O
-~ - PUNCT HYPH punct 4 O
Tech Tech PROPN NNP dobj 1 O
. . PUNCT . punct 1 O
"""


def test_a_hyphenated_name_the_tagger_missed_is_kept_whole():
    assert ("intruders", "hacked", "Ini-Tech") in relations(HYPHENATED_NAME)


WHOSE_SERVERS = """
Initech Initech PROPN NNP nsubj 9 B-ORG
, , PUNCT , punct 0 O
whose whose DET WP$ poss 3 O
servers server NOUN NNS nsubjpass 5 O
were be AUX VBD auxpass 5 O
breached breach VERB VBN relcl 0 O
by by ADP IN agent 5 O
Sandworm Sandworm PROPN NNP pobj 6 B-ORG
, , PUNCT , punct 9 O
apologized apologize VERB VBD ROOT 9 O
. . PUNCT . punct 9 O
"""


def test_whose_things_are_hacked_is_the_relative_s_antecedent():
    assert ("Sandworm", "hacked", "Initech") in relations(WHOSE_SERVERS)


HELD_HOSTAGE_AS_COMPOUND = """
Extortionists extortionist NOUN NNS nsubj 1 O
held hold VERB VBD ROOT 1 O
the the DET DT det 4 O
clinic clinic NOUN NN compound 4 O
hostage hostage NOUN NN dobj 1 O
. . PUNCT . punct 1 O
"""

CLINIC_MEETING = """
Extortionists extortionist NOUN NNS nsubj 1 O
held hold VERB VBD ROOT 1 O
the the DET DT det 4 O
clinic clinic NOUN NN compound 4 O
meeting meeting NOUN NN dobj 1 O
. . PUNCT . punct 1 O
"""


def test_the_captive_the_parser_makes_a_compound_of_hostage_is_the_victim():
    assert ("extortionists", "attacked", "clinic") in relations(HELD_HOSTAGE_AS_COMPOUND)
    assert not relations(CLINIC_MEETING)


RECEIVED_A_RANSOM_DEMAND = """
Initech Initech PROPN NNP nsubj 1 B-ORG
received receive VERB VBD ROOT 1 O
a a DET DT det 4 O
ransom ransom NOUN NN compound 4 O
demand demand NOUN NN dobj 1 O
from from ADP IN prep 4 O
Sandworm Sandworm PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 1 O
"""

RECEIVED_A_DEMAND = """
Initech Initech PROPN NNP nsubj 1 B-ORG
received receive VERB VBD ROOT 1 O
a a DET DT det 3 O
demand demand NOUN NN dobj 1 O
from from ADP IN prep 3 O
Sandworm Sandworm PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 1 O
"""

SENT_A_RANSOM_NOTE = """
Sandworm Sandworm PROPN NNP nsubj 1 B-ORG
sent send VERB VBD ROOT 1 O
Initech Initech PROPN NNP dative 1 B-ORG
a a DET DT det 5 O
ransom ransom NOUN NN compound 5 O
demand demand NOUN NN dobj 1 O
. . PUNCT . punct 1 O
"""


def test_a_ransom_demand_is_made_by_the_attacker_of_the_one_who_receives_it():
    assert ("Sandworm", "attacked", "Initech") in relations(RECEIVED_A_RANSOM_DEMAND)
    assert ("Sandworm", "attacked", "Initech") in relations(SENT_A_RANSOM_NOTE)
    assert not relations(RECEIVED_A_DEMAND)


HAD_ITS_SERVERS_BREACHED = """
Initech Initech PROPN NNP nsubj 1 B-ORG
had have VERB VBD ROOT 1 O
its its PRON PRP$ poss 3 O
servers server NOUN NNS nsubj 4 O
breached breach VERB VBN ccomp 1 O
by by ADP IN agent 4 O
Sandworm Sandworm PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 1 O
"""

HAVE_YET_TO_BE_BREACHED = """
Initech Initech PROPN NNP nsubj 1 B-ORG
has have VERB VBZ ROOT 1 O
yet yet ADV RB advmod 1 O
to to PART TO aux 5 O
be be AUX VB auxpass 5 O
breached breach VERB VBN xcomp 1 O
by by ADP IN agent 5 O
Sandworm Sandworm PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 1 O
"""

HAD_THEIR_DATA_STOLEN = """
Thousands thousand NOUN NNS nsubj 3 O
of of ADP IN prep 0 O
patients patient NOUN NNS pobj 1 O
had have VERB VBD ROOT 3 O
their their PRON PRP$ poss 5 O
records record NOUN NNS dobj 3 O
stolen steal VERB VBN acl 5 O
by by ADP IN agent 6 O
Sandworm Sandworm PROPN NNP pobj 7 B-ORG
. . PUNCT . punct 3 O
"""


def test_the_subject_of_have_undergoes_the_participle_of_its_object():
    assert ("Sandworm", "hacked", "Initech") in relations(HAD_ITS_SERVERS_BREACHED)
    assert ("Sandworm", "stole", "patients") in relations(HAD_THEIR_DATA_STOLEN)
    assert ("Sandworm", "hacked", "Initech") not in relations(HAVE_YET_TO_BE_BREACHED)


def _defrauded_by(noun: str) -> str:
    return f"""
The the DET DT det 1 O
{noun}s {noun} NOUN NNS nsubj 2 O
defrauded defraud VERB VBD ROOT 2 O
Initech Initech PROPN NNP dobj 2 B-ORG
. . PUNCT . punct 2 O
"""


@pytest.mark.parametrize("noun", ["conspirator", "impostor", "swindler", "spammer", "extorter"])
def test_nouns_of_fraud_and_conspiracy_name_unnamed_attackers(noun):
    assert (f"{noun}s", "attacked", "Initech") in relations(_defrauded_by(noun))


def test_a_noun_of_no_wrongdoing_names_no_attacker():
    assert not relations(_defrauded_by("neighbour"))


AMONG_THE_VICTIMS = """
Initech Initech PROPN NNP nsubj 1 B-ORG
was be AUX VBD ROOT 1 O
among among ADP IN prep 1 O
the the DET DT det 4 O
victims victim NOUN NNS pobj 2 O
of of ADP IN prep 4 O
Sandworm Sandworm PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 1 O
"""

VICTIMS_INCLUDE = """
Sandworm Sandworm PROPN NNP poss 2 B-ORG
's 's PART POS case 0 O
victims victim NOUN NNS nsubj 3 O
include include VERB VBP ROOT 3 O
Initech Initech PROPN NNP dobj 3 B-ORG
. . PUNCT . punct 3 O
"""

AMONG_THE_PASSENGERS = """
Initech Initech PROPN NNP nsubj 1 B-ORG
sat sit VERB VBD ROOT 1 O
among among ADP IN prep 1 O
the the DET DT det 4 O
victims victim NOUN NNS pobj 2 O
of of ADP IN prep 4 O
Sandworm Sandworm PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 1 O
"""


def test_one_among_or_included_in_someone_s_victims_is_attacked_by_them():
    assert ("Sandworm", "attacked", "Initech") in relations(AMONG_THE_VICTIMS)
    assert ("Sandworm", "attacked", "Initech") in relations(VICTIMS_INCLUDE)
    assert ("Sandworm", "attacked", "Initech") not in relations(AMONG_THE_PASSENGERS)


LATEST_VICTIM_IS = """
Sandworm Sandworm PROPN NNP poss 3 B-ORG
's 's PART POS case 0 O
latest late ADJ JJS amod 3 O
victim victim NOUN NN nsubj 4 O
is be AUX VBZ ROOT 4 O
Initech Initech PROPN NNP attr 4 B-ORG
. . PUNCT . punct 4 O
"""

LATEST_VICTIM_WAS_NAMED = """
Sandworm Sandworm PROPN NNP poss 3 B-ORG
's 's PART POS case 0 O
latest late ADJ JJS amod 3 O
victim victim NOUN NN nsubjpass 5 O
was be AUX VBD auxpass 5 O
named name VERB VBN ROOT 5 O
by by ADP IN agent 5 O
Initech Initech PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 5 O
"""


def test_a_relational_noun_subject_of_a_copula_describes_its_complement():
    assert ("Sandworm", "attacked", "Initech") in relations(LATEST_VICTIM_IS)
    assert ("Sandworm", "attacked", "Initech") not in relations(LATEST_VICTIM_WAS_NAMED)


LINKED_TO_THE_BREACH = """
Analysts analyst NOUN NNS nsubj 1 O
linked link VERB VBD ROOT 1 O
Sandworm Sandworm PROPN NNP dobj 1 B-ORG
to to ADP IN prep 1 O
the the DET DT det 5 O
breach breach NOUN NN pobj 3 O
of of ADP IN prep 5 O
Initech Initech PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 1 O
"""

SENT_TO_THE_BREACH = """
Analysts analyst NOUN NNS nsubj 1 O
sent send VERB VBD ROOT 1 O
Sandworm Sandworm PROPN NNP dobj 1 B-ORG
to to ADP IN prep 1 O
the the DET DT det 5 O
breach breach NOUN NN pobj 3 O
of of ADP IN prep 5 O
Initech Initech PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 1 O
"""


def test_who_is_linked_to_an_operation_in_the_active_is_its_agent():
    assert ("Sandworm", "hacked", "Initech") in relations(LINKED_TO_THE_BREACH)
    assert ("Sandworm", "hacked", "Initech") not in relations(SENT_TO_THE_BREACH)


TAKEN_FROM_A_MACHINE = """
Intruders intruder NOUN NNS nsubj 1 O
copied copy VERB VBD ROOT 1 O
files file NOUN NNS dobj 1 O
from from ADP IN prep 1 O
the the DET DT det 6 O
infected infected ADJ JJ amod 6 O
laptop laptop NOUN NN pobj 3 O
. . PUNCT . punct 1 O
"""

TAKEN_FROM_A_DRAWER = """
Intruders intruder NOUN NNS nsubj 1 O
copied copy VERB VBD ROOT 1 O
files file NOUN NNS dobj 1 O
from from ADP IN prep 1 O
the the DET DT det 5 O
drawer drawer NOUN NN pobj 3 O
. . PUNCT . punct 1 O
"""


def test_a_machine_something_is_taken_from_is_a_non_actor_victim():
    assert ("intruders", "stole", "infected laptop") in relations(TAKEN_FROM_A_MACHINE)
    assert not relations(TAKEN_FROM_A_DRAWER)
