"""Clause constructions that carry a relation without a trigger verb of its own, and the
argument constructions around them: hand-built Docs, so only the rules are under test."""

from __future__ import annotations

from hand_docs import NER_ONLY, make_doc
from test_extract_patterns import triples

from kg.extract import coref
from kg.extract.actors import ActorIndex, Ref, find_refs, make_actor
from kg.extract.extractor import relations_of
from kg.models import Article


def relations(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec)}


COPULA_POST = """
Anna Anna PROPN NNP compound 1 B-PERSON
Lee Lee PROPN NNP nsubj 2 I-PERSON
is be AUX VBZ ROOT 2 O
an an DET DT det 4 O
engineer engineer NOUN NN attr 2 O
at at ADP IN prep 4 O
Boeing Boeing PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 2 O
"""


def test_a_post_given_by_a_copula_makes_a_member():
    assert ("Anna Lee", "memberOf", "Boeing") in relations(COPULA_POST)


WORKED_AS = """
Anna Anna PROPN NNP compound 1 B-PERSON
Lee Lee PROPN NNP nsubj 2 I-PERSON
worked work VERB VBD ROOT 2 O
as as ADP IN prep 2 O
a a DET DT det 5 O
researcher researcher NOUN NN pobj 3 O
at at ADP IN prep 2 O
Boeing Boeing PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 2 O
"""


def test_working_at_an_employer_makes_a_member_not_an_affiliate():
    found = relations(WORKED_AS)
    assert ("Anna Lee", "memberOf", "Boeing") in found
    assert ("Anna Lee", "affiliatedWith", "Boeing") not in found


WORKED_FOR_A_COUNTRY = """
Anna Anna PROPN NNP compound 1 B-PERSON
Lee Lee PROPN NNP nsubj 2 I-PERSON
worked work VERB VBD ROOT 2 O
for for ADP IN prep 2 O
Russia Russia PROPN NNP pobj 3 B-GPE
. . PUNCT . punct 2 O
"""


def test_working_for_a_country_is_not_membership():
    found = relations(WORKED_FOR_A_COUNTRY)
    assert ("Anna Lee", "memberOf", "Russia") not in found
    assert ("Anna Lee", "affiliatedWith", "Russia") in found


HELD_RESPONSIBLE = """
Britain Britain PROPN NNP nsubj 1 B-GPE
held hold VERB VBD ROOT 1 O
Russia Russia PROPN NNP dobj 1 B-GPE
responsible responsible ADJ JJ oprd 1 O
for for ADP IN prep 3 O
the the DET DT det 6 O
attack attack NOUN NN pobj 4 O
on on ADP IN prep 6 O
Estonia Estonia PROPN NNP pobj 7 B-GPE
. . PUNCT . punct 1 O
"""


def test_holding_someone_responsible_blames_them_for_the_event():
    found = triples(HELD_RESPONSIBLE)
    assert ("Britain", "blamed", "Russia") in {(s, p, o) for s, p, o, *_ in found}
    attack = [t for t in found if t[:3] == ("Russia", "attacked", "Estonia")]
    assert attack and attack[0][4] == "alleged"  # Britain's claim, not a fact


BLAMED_FOR = """
Sandworm Sandworm PROPN NNP nsubjpass 2 B-ORG
was be AUX VBD auxpass 2 O
blamed blame VERB VBN ROOT 2 O
for for ADP IN prep 2 O
the the DET DT det 5 O
attack attack NOUN NN pobj 3 O
on on ADP IN prep 5 O
Ukraine Ukraine PROPN NNP pobj 6 B-GPE
and and CCONJ CC cc 5 O
the the DET DT det 11 O
hack hack NOUN NN conj 5 O
of of ADP IN prep 10 O
Georgia Georgia PROPN NNP pobj 11 B-GPE
. . PUNCT . punct 2 O
"""


def test_the_one_blamed_for_an_event_is_its_alleged_agent_in_each_conjunct():
    found = {t[:3]: t for t in triples(BLAMED_FOR)}
    assert found[("Sandworm", "attacked", "Ukraine")][4] == "alleged"
    assert found[("Sandworm", "hacked", "Georgia")][4] == "alleged"


LISTED_VICTIMS = """
Sandworm Sandworm PROPN NNP nsubj 1 B-ORG
hit hit VERB VBD ROOT 1 O
countries country NOUN NNS dobj 1 O
including include VERB VBG prep 2 O
Ukraine Ukraine PROPN NNP pobj 3 B-GPE
and and CCONJ CC cc 4 O
Georgia Georgia PROPN NNP conj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_plural_object_stands_for_the_examples_it_lists():
    found = relations(LISTED_VICTIMS)
    assert {("Sandworm", "attacked", "Ukraine"), ("Sandworm", "attacked", "Georgia")} <= found


CUSTOMERS_TARGETED_BY = """
Microsoft Microsoft PROPN NNP nsubj 1 B-ORG
warned warn VERB VBD ROOT 1 O
customers customer NOUN NNS dobj 1 O
targeted target VERB VBN acl 2 O
by by ADP IN agent 3 O
Nobelium Nobelium PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 1 O
"""


def test_the_agent_of_a_reduced_relative_is_not_the_object_of_the_main_verb():
    found = relations(CUSTOMERS_TARGETED_BY)
    assert ("Microsoft", "tippedOff", "Nobelium") not in found
    assert ("Nobelium", "attacked", "customers") in found


SOLD_SECRETS = """
Robert Robert PROPN NNP compound 1 B-PERSON
Hanssen Hanssen PROPN NNP nsubj 2 I-PERSON
sold sell VERB VBD ROOT 2 O
secrets secret NOUN NNS dobj 2 O
to to ADP IN dative 2 O
the the DET DT det 6 O
KGB KGB PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 2 O
"""

SOLD_CARS = SOLD_SECRETS.replace("secrets secret", "cars car")


def test_handing_over_information_is_cooperation_and_handing_over_goods_is_not():
    assert ("Robert Hanssen", "cooperatedWith", "KGB") in relations(SOLD_SECRETS)
    assert ("Robert Hanssen", "cooperatedWith", "KGB") not in relations(SOLD_CARS)


AGREED_TO_COOPERATE = """
Russia Russia PROPN NNP nsubj 3 B-GPE
and and CCONJ CC cc 0 O
China China PROPN NNP conj 0 B-GPE
agreed agree VERB VBD ROOT 3 O
to to PART TO aux 5 O
cooperate cooperate VERB VB xcomp 3 O
. . PUNCT . punct 3 O
"""


def test_coordinated_subjects_of_a_symmetric_verb_relate_to_each_other():
    found = relations(AGREED_TO_COOPERATE)
    assert {("Russia", "cooperatedWith", "China"), ("China", "cooperatedWith", "Russia")} <= found


ACCUSED_OF_SPYING = """
Germany Germany PROPN NNP nsubj 1 B-GPE
arrested arrest VERB VBD ROOT 1 O
Anna Anna PROPN NNP compound 3 B-PERSON
Lee Lee PROPN NNP dobj 1 I-PERSON
, , PUNCT , punct 3 O
a a DET DT det 6 O
woman woman NOUN NN appos 3 O
accused accuse VERB VBN acl 6 O
of of ADP IN prep 7 O
spying spy VERB VBG pcomp 8 O
on on ADP IN prep 9 O
France France PROPN NNP pobj 10 B-GPE
. . PUNCT . punct 1 O
"""


def test_the_noun_a_reduced_accusation_describes_is_the_alleged_agent():
    found = {t[:3]: t for t in triples(ACCUSED_OF_SPYING)}
    assert found[("Anna Lee", "spiedOn", "France")][4] == "alleged"


RESEARCHERS_LINKED = """
Researchers researcher NOUN NNS nsubj 3 O
at at ADP IN prep 0 O
Symantec Symantec PROPN NNP pobj 1 B-ORG
linked link VERB VBD ROOT 3 O
the the DET DT det 5 O
attack attack NOUN NN dobj 3 O
on on ADP IN prep 5 O
Sony Sony PROPN NNP pobj 6 B-ORG
to to ADP IN prep 3 O
Lazarus Lazarus PROPN NNP compound 10 B-ORG
Group Group PROPN NNP pobj 8 I-ORG
. . PUNCT . punct 3 O
"""


def test_linking_an_event_to_someone_blames_them_and_researchers_speak_for_their_firm():
    found = {t[:3]: t for t in triples(RESEARCHERS_LINKED)}
    assert ("Symantec", "blamed", "Lazarus Group") in found
    assert found[("Lazarus Group", "attacked", "Sony")][4:] == ("alleged", "Symantec")
    assert ("Symantec", "affiliatedWith", "Lazarus Group") not in found


TIED_ACTOR = """
Researchers researcher NOUN NNS nsubj 1 O
tied tie VERB VBD ROOT 1 O
Sandworm Sandworm PROPN NNP dobj 1 B-ORG
to to ADP IN prep 1 O
Russia Russia PROPN NNP pobj 3 B-GPE
. . PUNCT . punct 1 O
"""


def test_tying_an_actor_to_another_affiliates_the_object_not_the_subject():
    assert ("Sandworm", "affiliatedWith", "Russia") in relations(TIED_ACTOR)


ATTRIBUTED_BY = """
The the DET DT det 1 O
attack attack NOUN NN nsubjpass 3 O
was be AUX VBD auxpass 3 O
attributed attribute VERB VBN ROOT 3 O
to to ADP IN prep 3 O
North North PROPN NNP compound 6 B-GPE
Korea Korea PROPN NNP pobj 4 I-GPE
by by ADP IN agent 3 O
the the DET DT det 9 O
FBI FBI PROPN NNP pobj 7 B-ORG
. . PUNCT . punct 3 O
"""


def test_a_passive_attribution_blames_by_its_agent():
    assert ("FBI", "blamed", "North Korea") in relations(ATTRIBUTED_BY)


STUDY_BY = """
A a DET DT det 1 O
study study NOUN NN nsubj 5 O
by by ADP IN prep 1 O
Amnesty Amnesty PROPN NNP compound 4 B-ORG
International International PROPN NNP pobj 2 I-ORG
identified identify VERB VBD ROOT 5 O
NSO NSO PROPN NNP compound 7 B-ORG
Group Group PROPN NNP dobj 5 I-ORG
as as ADP IN prep 5 O
the the DET DT det 10 O
vendor vendor NOUN NN pobj 8 O
. . PUNCT . punct 5 O
"""


def test_the_author_of_a_report_acts_through_it():
    assert ("Amnesty International", "detected", "NSO Group") in relations(STUDY_BY)


ALL_OF_WHICH = """
Fancy Fancy PROPN NNP compound 1 B-ORG
Bear Bear PROPN NNP nsubj 16 I-ORG
, , PUNCT , punct 1 O
Cozy Cozy PROPN NNP compound 4 B-ORG
Bear Bear PROPN NNP conj 1 I-ORG
and and CCONJ CC cc 4 O
Sandworm Sandworm PROPN NNP conj 4 B-ORG
, , PUNCT , punct 1 O
all all PRON DT nsubjpass 12 O
of of ADP IN prep 8 O
which which PRON WDT pobj 9 O
are be AUX VBP auxpass 12 O
controlled control VERB VBN relcl 1 O
by by ADP IN agent 12 O
Russia Russia PROPN NNP pobj 13 B-GPE
, , PUNCT , punct 1 O
hacked hack VERB VBD ROOT 16 O
Ukraine Ukraine PROPN NNP dobj 16 B-GPE
. . PUNCT . punct 16 O
"""


def test_all_of_which_stands_for_every_listed_antecedent():
    found = relations(ALL_OF_WHICH)
    for group in ("Fancy Bear", "Cozy Bear", "Sandworm"):
        assert (group, "affiliatedWith", "Russia") in found


COMPUTERS_AT = """
Sandworm Sandworm PROPN NNP nsubj 1 B-ORG
hacked hack VERB VBD ROOT 1 O
computers computer NOUN NNS dobj 1 O
at at ADP IN prep 2 O
the the DET DT det 5 O
DNC DNC PROPN NNP pobj 3 B-ORG
. . PUNCT . punct 1 O
"""

COMPUTERS_THAT_REACHED = """
Sandworm Sandworm PROPN NNP nsubj 1 B-ORG
hacked hack VERB VBD ROOT 1 O
computers computer NOUN NNS dobj 1 O
that that PRON WDT nsubj 4 O
reached reach VERB VBD relcl 2 O
the the DET DT det 6 O
DNC DNC PROPN NNP dobj 4 B-ORG
. . PUNCT . punct 1 O
"""


def test_a_cyber_object_is_the_actor_nearest_its_head_but_never_inside_a_clause():
    assert ("Sandworm", "hacked", "DNC") in relations(COMPUTERS_AT)
    assert ("Sandworm", "hacked", "DNC") not in relations(COMPUTERS_THAT_REACHED)


FELL_VICTIM = """
The the DET DT det 1 O
DNC DNC PROPN NNP nsubj 2 B-ORG
fell fall VERB VBD ROOT 2 O
victim victim NOUN NN dobj 2 O
to to ADP IN prep 2 O
a a DET DT det 6 O
hack hack NOUN NN pobj 4 O
by by ADP IN prep 6 O
Iran Iran PROPN NNP pobj 7 B-GPE
. . PUNCT . punct 2 O
"""

TARGET_OF = """
Sony Sony PROPN NNP nsubj 1 B-ORG
was be AUX VBD ROOT 1 O
the the DET DT det 3 O
target target NOUN NN attr 1 O
of of ADP IN prep 3 O
Iran Iran PROPN NNP poss 7 B-GPE
's 's PART POS case 5 O
attack attack NOUN NN pobj 4 O
. . PUNCT . punct 1 O
"""


def test_the_victim_or_target_of_an_event_is_its_object():
    assert ("Iran", "hacked", "DNC") in relations(FELL_VICTIM)
    assert ("Iran", "attacked", "Sony") in relations(TARGET_OF)


SHARED_PREP_OBJECT = """
China China PROPN NNP nsubj 1 B-GPE
hacked hack VERB VBD ROOT 1 O
and and CCONJ CC cc 1 O
spied spy VERB VBD conj 1 O
on on ADP IN prep 3 O
the the DET DT det 6 O
Vatican Vatican PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 1 O
"""


def test_a_verb_without_object_shares_the_prepositional_object_of_its_conjunct():
    found = relations(SHARED_PREP_OBJECT)
    assert {("China", "hacked", "Vatican"), ("China", "spiedOn", "Vatican")} <= found


JOINED_IN = """
Australia Australia PROPN NNP nsubj 1 B-GPE
joined join VERB VBD ROOT 1 O
the the DET DT det 4 B-GPE
United United PROPN NNP compound 4 I-GPE
States States PROPN NNP dobj 1 I-GPE
in in ADP IN prep 1 O
blaming blame VERB VBG pcomp 5 O
China China PROPN NNP dobj 6 B-GPE
. . PUNCT . punct 1 O
"""


def test_joining_someone_in_an_act_makes_both_its_subjects():
    found = relations(JOINED_IN)
    assert {("Australia", "blamed", "China"), ("United States", "blamed", "China")} <= found


CHARGED_WITH_GERUND = """
Prosecutors prosecutor NOUN NNS nsubj 1 O
charged charge VERB VBD ROOT 1 O
Anna Anna PROPN NNP compound 3 B-PERSON
Lee Lee PROPN NNP dobj 1 I-PERSON
with with ADP IN prep 1 O
spying spy VERB VBG pobj 4 O
for for ADP IN prep 5 O
Russia~ Russia PROPN NNP pobj 6 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_gerund_parsed_as_object_of_a_charge_takes_the_accused_as_subject():
    found = {(s, p, o, m) for s, p, o, _, m, _ in triples(CHARGED_WITH_GERUND)}
    assert ("Anna Lee", "affiliatedWith", "Russia", "alleged") in found


ON_SUSPICION_OF = """
Germany Germany PROPN NNP nsubj 1 B-GPE
arrested arrest VERB VBD ROOT 1 O
Anna Anna PROPN NNP compound 3 B-PERSON
Lee Lee PROPN NNP dobj 1 I-PERSON
on on ADP IN prep 1 O
suspicion suspicion NOUN NN pobj 4 O
of of ADP IN prep 5 O
spying spy VERB VBG pobj 6 O
for for ADP IN prep 7 O
Iran~ Iran PROPN NNP pobj 8 B-GPE
. . PUNCT . punct 1 O
"""


def test_what_someone_is_held_on_suspicion_of_is_alleged_of_them():
    found = {(s, p, o, m) for s, p, o, _, m, _ in triples(ON_SUSPICION_OF)}
    assert ("Anna Lee", "affiliatedWith", "Iran", "alleged") in found
    assert not any(p == "affiliatedWith" and m == "asserted" for _, p, _, m in found)


ESPIONAGE_OPERATION = """
Iran Iran PROPN NNP nsubj 1 B-GPE
conducted conduct VERB VBD ROOT 1 O
an an DET DT det 4 O
espionage espionage NOUN NN compound 4 O
operation operation NOUN NN dobj 1 O
against against ADP IN prep 4 O
Israel~ Israel PROPN NNP pobj 5 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_generic_operation_takes_the_sense_of_its_event_modifier():
    found = relations(ESPIONAGE_OPERATION)
    assert ("Iran", "spiedOn", "Israel") in found
    assert ("Iran", "attacked", "Israel") not in found


CUSTOMER_OF = """
Egypt Egypt PROPN NNP nsubj 1 B-GPE
was be AUX VBD ROOT 1 O
a a DET DT det 3 O
customer customer NOUN NN attr 1 O
of of ADP IN prep 3 O
Cytrox~ Cytrox PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 1 O
"""


def test_a_customer_is_served_by_its_supplier():
    assert ("Cytrox", "cooperatedWith", "Egypt") in relations(CUSTOMER_OF)


AT_THE_REQUEST_OF = """
Moscow Moscow PROPN NNP nsubj 1 B-GPE
arrested arrest VERB VBD ROOT 1 O
the the DET DT det 3 O
suspects suspect NOUN NNS dobj 1 O
at at ADP IN prep 1 O
the the DET DT det 6 O
request request NOUN NN pobj 4 O
of of ADP IN prep 6 O
Washington~ Washington PROPN NNP pobj 7 B-GPE
. . PUNCT . punct 1 O
"""

ON_THE_ORDERS_OF = """
Hackers hacker NOUN NNS nsubj 1 O
attacked attack VERB VBD ROOT 1 O
Estonia Estonia PROPN NNP dobj 1 B-GPE
on on ADP IN prep 1 O
the the DET DT det 5 O
orders order NOUN NNS pobj 3 O
of of ADP IN prep 5 O
the the DET DT det 8 O
Kremlin~ Kremlin PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 1 O
"""


def test_acting_at_the_request_of_someone_is_cooperating_with_them():
    assert ("Moscow", "cooperatedWith", "Washington") in relations(AT_THE_REQUEST_OF)


def test_acting_on_the_orders_of_someone_is_being_ordered_by_them():
    found = relations(ON_THE_ORDERS_OF)
    assert ("Kremlin", "ordered", "hackers") in found
    assert ("hackers", "attacked", "Estonia") in found


CAME_UNDER_ATTACK = """
Estonia Estonia PROPN NNP nsubj 1 B-GPE
came come VERB VBD ROOT 1 O
under under ADP IN prep 1 O
attack attack NOUN NN pobj 2 O
from from ADP IN prep 3 O
Russia~ Russia PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_who_comes_under_attack_from_someone_is_attacked_by_them():
    found = relations(CAME_UNDER_ATTACK)
    assert ("Russia", "attacked", "Estonia") in found
    assert ("Estonia", "attacked", "Russia") not in found


BELONGING_TO = """
The the DET DT det 1 O
hackers hacker NOUN NNS nsubj 2 O
stole steal VERB VBD ROOT 2 O
data datum NOUN NNS dobj 2 O
belonging belong VERB VBG acl 3 O
to to ADP IN prep 4 O
Equifax~ Equifax PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 2 O
"""

SITED_COMPUTERS = """
Hackers hacker NOUN NNS nsubj 1 O
breached breach VERB VBD ROOT 1 O
computers computer NOUN NNS dobj 1 O
at at ADP IN prep 1 O
Stanford Stanford PROPN NNP compound 5 B-ORG
University~ University PROPN NNP pobj 3 I-ORG
. . PUNCT . punct 1 O
"""


def test_data_belonging_to_an_actor_is_the_actors():
    assert ("hackers", "stole", "Equifax") in relations(BELONGING_TO)


def test_computers_at_an_organization_are_its_own():
    assert ("hackers", "hacked", "Stanford University") in relations(SITED_COMPUTERS)


GOT_HOLD_OF = """
The the DET DT det 1 O
hackers hacker NOUN NNS nsubj 2 O
got get VERB VBD ROOT 2 O
hold hold NOUN NN dobj 2 O
of of ADP IN prep 3 O
the the DET DT det 6 O
files file NOUN NNS pobj 4 O
of of ADP IN prep 6 O
the the DET DT det 9 O
Pentagon~ Pentagon PROPN NNP pobj 7 B-ORG
. . PUNCT . punct 2 O
"""


def test_getting_hold_of_an_actors_files_is_stealing_from_it():
    assert ("hackers", "stole", "Pentagon") in relations(GOT_HOLD_OF)


SEARCHED_FOR = """
Russia Russia PROPN NNP nsubj 1 B-GPE
searched search VERB VBD ROOT 1 O
for for ADP IN prep 1 O
the the DET DT det 4 O
{thing} {lemma} NOUN NNS pobj 2 O
of of ADP IN prep 4 O
the the DET DT det 7 O
NSA~ NSA PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 1 O
"""


def test_searching_for_an_actors_secrets_is_spying_on_it_but_not_for_its_servers():
    secrets = relations(SEARCHED_FOR.format(thing="secrets", lemma="secret"))
    servers = relations(SEARCHED_FOR.format(thing="servers", lemma="server"))
    assert ("Russia", "spiedOn", "NSA") in secrets
    assert not any(p == "spiedOn" for _, p, _ in servers)


IS_FROM = """
Anna Anna PROPN NNP compound 1 B-PERSON
Lee Lee PROPN NNP nsubj 2 I-PERSON
is be AUX VBZ ROOT 2 O
from from ADP IN prep 2 O
Germany~ Germany PROPN NNP pobj 3 B-GPE
. . PUNCT . punct 2 O
"""


def test_being_from_a_country_is_being_based_there():
    assert ("Anna Lee", "basedIn", "Germany") in relations(IS_FROM)


STATE_SPONSORED = """
A a DET DT det 5 O
Russian russian ADJ JJ amod 5 B-NORP
state~ state NOUN NN npadvmod 4 O
-~ - PUNCT HYPH punct 4 O
sponsored sponsor VERB VBN amod 5 O
group group NOUN NN nsubj 10 O
known know VERB VBN acl 5 O
as as ADP IN prep 6 O
Midnight Midnight PROPN NNP compound 9 B-ORG
Blizzard Blizzard PROPN NNP pobj 7 I-ORG
hacked hack VERB VBD ROOT 10 O
Microsoft~ Microsoft PROPN NNP dobj 10 B-ORG
. . PUNCT . punct 10 O
"""


def test_a_state_sponsored_group_of_a_nationality_is_affiliated_with_that_state():
    # the gazetteer: "Russian" is the demonym of Russia
    found = {(p, o) for _, p, o, *_ in triples(STATE_SPONSORED, actors=ActorIndex.load())}
    assert ("affiliatedWith", "Russia") in found


SAID_RESPONSIBLE = """
The the DET DT det 1 O
NCSC NCSC PROPN NNP nsubj 2 B-ORG
said say VERB VBD ROOT 2 O
the the DET DT det 4 O
GRU GRU PROPN NNP nsubj 5 B-ORG
was be AUX VBD ccomp 2 O
{neg}
responsible responsible ADJ JJ acomp 5 O
for for ADP IN prep {resp} O
the the DET DT det {det} O
attacks~ attack NOUN NNS pobj {prep} O
. . PUNCT . punct 2 O
"""


def test_saying_an_actor_was_responsible_for_an_operation_blames_it():
    said = SAID_RESPONSIBLE.format(neg="", resp=6, det=9, prep=7)
    denied = SAID_RESPONSIBLE.format(neg="not not PART RB neg 5 O", resp=7, det=10, prep=8)
    assert ("NCSC", "blamed", "GRU") in relations(said)
    assert ("NCSC", "blamed", "GRU") not in relations(denied)


REPORT_ACCUSING = """
Mandiant Mandiant PROPN NNP nsubj 1 B-ORG
published publish VERB VBD ROOT 1 O
a a DET DT det 3 O
report report NOUN NN dobj 1 O
accusing accuse VERB VBG acl 3 O
China~ China PROPN NNP dobj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_who_issues_a_document_acts_through_its_clause():
    assert ("Mandiant", "accused", "China") in relations(REPORT_ACCUSING)


ORDERED_TO_STOP_USING = """
DHS DHS PROPN NNP nsubj 1 B-ORG
ordered order VERB VBD ROOT 1 O
agencies agency NOUN NNS dobj 1 O
to to PART TO aux 4 O
stop stop VERB VB xcomp 1 O
using use VERB VBG xcomp 4 O
Kaspersky Kaspersky PROPN NNP compound 7 B-ORG
products~ product NOUN NNS dobj 5 O
. . PUNCT . punct 1 O
"""


def test_ordering_others_to_stop_using_a_product_bans_its_maker():
    assert ("DHS", "banned", "Kaspersky") in relations(ORDERED_TO_STOP_USING)


LOWERCASE_PERSON = """
Australia Australia PROPN NNP nsubj 1 B-GPE
blamed blame VERB VBD ROOT 1 B-PERSON
Russia~ Russia PROPN NNP dobj 1 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_lowercase_word_tagged_as_a_person_is_no_actor():
    found = relations(LOWERCASE_PERSON)
    assert ("Australia", "blamed", "Russia") in found
    assert not any("blamed" in (s, o) for s, _, o in found)


DENIED_ACCUSATION = """
Russia Russia PROPN NNP nsubj 1 B-GPE
denied deny VERB VBD ROOT 1 O
the the DET DT det 3 O
accusations accusation NOUN NNS dobj 1 O
by by ADP IN prep 3 O
Britain Britain PROPN NNP pobj 4 B-GPE
that that SCONJ IN mark 9 O
Fancy Fancy PROPN NNP compound 8 B-ORG
Bear Bear PROPN NNP nsubj 9 I-ORG
hacked hack VERB VBD acl 3 O
the the DET DT det 11 O
BBC~ BBC PROPN NNP dobj 9 B-ORG
. . PUNCT . punct 1 O
"""


def test_a_denied_accusation_keeps_the_accusers_claim_beside_the_denial():
    hacks = {
        (negated, modality, source)
        for s, p, o, negated, modality, source in triples(DENIED_ACCUSATION)
        if p == "hacked"
    }
    assert any(negated and source == "Russia" for negated, _, source in hacks)
    assert (False, "alleged", "Britain") in hacks


REDUCED_BELIEF = """
The the DET DT det 1 O
hackers~ hacker NOUN NNS nsubj 3 O
, , PUNCT , punct 1 O
believed believe VERB VBD ROOT 3 O
to to PART TO aux 6 O
be be AUX VB aux 6 O
working work VERB VBG xcomp 3 O
for for ADP IN prep 6 O
Iran~ Iran PROPN NNP pobj 7 B-GPE
, , PUNCT , punct 3 O
stole steal VERB VBD conj 3 O
data datum NOUN NNS dobj 10 O
from from ADP IN prep 10 O
Aramco~ Aramco PROPN NNP pobj 12 B-ORG
. . PUNCT . punct 3 O
"""


def test_a_reduced_belief_between_commas_has_no_speaker_and_spares_the_main_verb():
    found = {(p, o): (m, src) for s, p, o, _, m, src in triples(REDUCED_BELIEF)}
    assert found[("affiliatedWith", "Iran")] == ("alleged", None)
    assert found[("stole", "Aramco")] == ("asserted", None)


LOCATED_OBJECT = """
Hackers hacker NOUN NNS nsubj 1 O
attacked attack VERB VBD ROOT 1 O
utilities utility NOUN NNS dobj 1 O
in in ADP IN prep 2 O
Pennsylvania~ Pennsylvania PROPN NNP pobj 3 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_place_that_only_locates_the_object_is_not_attacked():
    assert not any(p == "attacked" for _, p, _ in relations(LOCATED_OBJECT))


HELPED_MISTAGGED = """
Israel Israel PROPN NNP nsubj 1 B-GPE
helped help VERB VBD ROOT 1 O
the the DET DT det 4 O
United United PROPN NNP compound 4 B-GPE
States States PROPN NNP nsubj 5 I-GPE
hack hack NOUN NN ccomp 1 O
Iran~ Iran PROPN NNP dobj 5 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_verb_tagged_as_a_noun_still_heads_its_clause():
    found = relations(HELPED_MISTAGGED)
    assert ("Israel", "cooperatedWith", "United States") in found
    assert ("United States", "hacked", "Iran") in found


SUPPLIED_WITH = """
Anna Anna PROPN NNP compound 1 B-PERSON
Lee Lee PROPN NNP nsubj 2 I-PERSON
supplied supply VERB VBD ROOT 2 O
the the DET DT det 4 O
GRU GRU PROPN NNP dobj 2 B-ORG
with with ADP IN prep 2 O
documents~ document NOUN NNS pobj 5 O
. . PUNCT . punct 2 O
"""


def test_supplying_someone_with_information_is_cooperating_with_them():
    assert ("Anna Lee", "cooperatedWith", "GRU") in relations(SUPPLIED_WITH)


DESCRIPTION_THEN_NAME = """
Germany Germany PROPN NNP nsubj 1 B-GPE
arrested arrest VERB VBD ROOT 1 O
a a DET DT det 4 O
Russian Russian ADJ JJ amod 4 B-NORP
citizen citizen NOUN NN dobj 1 O
, , PUNCT , punct 1 O
Anna Anna PROPN NNP compound 7 B-PERSON
Lee Lee PROPN NNP npadvmod 1 I-PERSON
, , PUNCT , punct 1 O
on on ADP IN prep 1 O
Monday~ Monday PROPN NNP pobj 9 B-DATE
. . PUNCT . punct 1 O
"""


def test_a_description_followed_by_a_name_between_commas_stands_for_the_name():
    found = relations(DESCRIPTION_THEN_NAME)
    assert any(p == "arrested" and o == "Anna Lee" for _, p, o in found)


CONDEMNED_DEED = """
Netanyahu Netanyahu PROPN NNP nsubj 1 B-PERSON
condemned condemn VERB VBD ROOT 1 O
the the DET DT det 3 O
attack attack NOUN NN dobj 1 O
by by ADP IN prep 3 O
Iran~ Iran PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_condemning_a_deed_criticizes_its_agent():
    assert ("Netanyahu", "criticized", "Iran") in relations(CONDEMNED_DEED)


OFFICERS_WHO_HACKED = """
The the DET DT det 1 O
officers~ officer NOUN NNS nsubj 9 O
, , PUNCT , punct 1 O
who who PRON WP nsubj 5 O
prosecutors prosecutor NOUN NNS nsubj 5 O
said say VERB VBD relcl 1 O
hacked hack VERB VBD ccomp 5 O
Yahoo~ Yahoo PROPN NNP dobj 6 B-ORG
, , PUNCT , punct 1 O
fled~ flee VERB VBD ROOT 9 O
. . PUNCT . punct 9 O
"""


def test_a_relative_pronoun_stands_for_every_actor_of_a_plural_mention():
    doc = make_doc(OFFICERS_WHO_HACKED)
    refs = [r for r in find_refs(doc, NER_ONLY) if r.text != "officers"]
    span = doc[1:2]
    for name in ("Anna Lee", "Bo Chen"):  # "the officers" resolved to two people
        actor = make_actor(name, "Person")
        refs.append(Ref(actor, 1, 2, span.start_char, span.end_char, span.text, "coref"))
    found = {
        (r.subject.label, r.predicate, r.object.label)
        for r in relations_of(Article("t", doc.text), doc, refs)
    }
    assert ("Anna Lee", "hacked", "Yahoo") in found
    assert ("Bo Chen", "hacked", "Yahoo") in found


HACKING_ATTEMPTS = """
Iran Iran PROPN NNP nsubj 1 B-GPE
launched launch VERB VBD ROOT 1 O
hacking hack VERB VBG amod 3 O
attempts attempt NOUN NNS dobj 1 O
on on ADP IN prep 3 O
the the DET DT det 6 O
DNC~ DNC PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 1 O
"""


def test_attempts_named_by_their_event_are_that_event_attempted():
    found = {(s, p, o, m) for s, p, o, _, m, _ in triples(HACKING_ATTEMPTS)}
    assert ("Iran", "hacked", "DNC", "attempted") in found


WITH_THE_HELP_OF = """
Israel~ Israel PROPN NNP nsubj 10 B-GPE
, , PUNCT , punct 10 O
with with ADP IN prep 10 O
the the DET DT det 4 O
help help NOUN NN pobj 2 O
of of ADP IN prep 4 O
the the DET DT det 8 B-GPE
United United PROPN NNP compound 8 I-GPE
States~ States PROPN NNP pobj 5 I-GPE
, , PUNCT , punct 10 O
sabotaged sabotage VERB VBD ROOT 10 O
Iran~ Iran PROPN NNP dobj 10 B-GPE
. . PUNCT . punct 10 O
"""


def test_acting_with_the_help_of_someone_is_cooperating_with_them():
    found = relations(WITH_THE_HELP_OF)
    assert ("Israel", "cooperatedWith", "United States") in found
    assert ("Israel", "attacked", "Iran") in found


REJECTED_COMPOUND_CLAIMS = """
Huawei Huawei PROPN NNP nsubj 1 B-ORG
rejected reject VERB VBD ROOT 1 O
US US PROPN NNP compound 3 B-GPE
claims claim NOUN NNS dobj 1 O
that that SCONJ IN mark 6 O
Huawei Huawei PROPN NNP nsubj 6 B-ORG
spied spy VERB VBD acl 3 O
for for ADP IN prep 6 O
China~ China PROPN NNP pobj 7 B-GPE
. . PUNCT . punct 1 O
"""


def test_the_accuser_of_a_denied_claim_may_be_its_compound():
    ties = {
        (negated, source)
        for s, p, o, negated, _, source in triples(REJECTED_COMPOUND_CLAIMS)
        if p == "affiliatedWith"
    }
    assert (False, "US") in ties
    assert any(negated for negated, _ in ties)


CARRIED_OUT_BY = """
The the DET DT det 1 O
attack attack NOUN NN nsubj 10 O
on on ADP IN prep 1 O
Sony~ Sony PROPN NNP pobj 2 B-ORG
, , PUNCT , punct 1 O
carried carry VERB VBN acl 1 O
out out ADP RP prt 5 O
by by ADP IN agent 5 O
Russia~ Russia PROPN NNP pobj 7 B-GPE
, , PUNCT , punct 1 O
destroyed destroy VERB VBD ROOT 10 O
data~ datum NOUN NNS dobj 10 O
. . PUNCT . punct 10 O
"""


def test_a_clause_saying_who_carried_out_the_event_gives_its_agent():
    assert ("Russia", "attacked", "Sony") in relations(CARRIED_OUT_BY)


ANNOUNCED_BY = CARRIED_OUT_BY.replace("carried carry", "announced announce").replace(
    "out out ADP RP prt 5 O", "publicly publicly ADV RB advmod 5 O"
)


def test_a_clause_of_another_verb_does_not_make_its_agent_the_attacker():
    assert ("Russia", "attacked", "Sony") not in relations(ANNOUNCED_BY)


BLAMED_IN_RELATIVE_ON_TARGET = """
The the DET DT det 1 O
hack hack NOUN NN nsubj 11 O
of of ADP IN prep 1 O
Yahoo~ Yahoo PROPN NNP pobj 2 B-ORG
, , PUNCT , punct 3 O
which which PRON WDT dobj 7 O
Germany Germany PROPN NNP nsubj 7 B-GPE
blamed blame VERB VBD relcl 3 O
on on ADP IN prep 7 O
Russia~ Russia PROPN NNP pobj 8 B-GPE
, , PUNCT , punct 1 O
exposed expose VERB VBD ROOT 11 O
data~ datum NOUN NNS dobj 11 O
. . PUNCT . punct 11 O
"""


def test_a_relative_clause_blaming_the_event_names_its_alleged_agent():
    # the parser hangs "which ... blamed on" on the target, not on the event noun
    found = triples(BLAMED_IN_RELATIVE_ON_TARGET)
    assert ("Germany", "blamed", "Russia") in relations(BLAMED_IN_RELATIVE_ON_TARGET)
    assert ("Russia", "hacked", "Yahoo", False, "alleged", "Germany") in found


JOINT_STATEMENT = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 2 B-ORG
issued issue VERB VBD ROOT 2 O
a a DET DT det 5 O
joint joint ADJ JJ amod 5 O
statement statement NOUN NN dobj 2 O
with with ADP IN prep 5 O
Europol Europol PROPN NNP pobj 6 B-ORG
. . PUNCT . punct 2 O
"""


def test_a_joint_act_with_a_partner_is_cooperation():
    """The worked construction example of docs/extending.md."""
    assert relations(JOINT_STATEMENT) == {("FBI", "cooperatedWith", "Europol")}


DETAINED_NATIONALS = """
China China PROPN NNP nsubj 1 B-GPE
detained detain VERB VBD ROOT 1 O
two two NUM CD nummod 3 B-CARDINAL
Canadians~ Canadians PROPN NNPS dobj 1 B-NORP
, , PUNCT , punct 3 O
Anna Anna PROPN NNP compound 6 B-PERSON
Lee Lee PROPN NNP appos 3 I-PERSON
and and CCONJ CC cc 6 O
Ben Ben PROPN NNP compound 9 B-PERSON
Cho~ Cho PROPN NNP conj 6 I-PERSON
. . PUNCT . punct 1 O
"""


def test_nationals_named_in_apposition_are_the_people_not_their_country():
    # the gazetteer: "Canadians" is the demonym of Canada
    found = {t[:3] for t in triples(DETAINED_NATIONALS, actors=ActorIndex.load())}
    assert ("China", "arrested", "Anna Lee") in found
    assert ("China", "arrested", "Ben Cho") in found
    assert not any(o == "Canada" for _, _, o in found)


BELIEVED_CARRIED_OUT = """
The the DET DT det 1 O
attack attack NOUN NN nsubjpass 5 O
on on ADP IN prep 1 O
Sony Sony PROPN NNP pobj 2 B-ORG
is be AUX VBZ auxpass 5 O
believed believe VERB VBN ROOT 5 O
to to PART TO aux 9 O
have have AUX VB aux 9 O
been be AUX VBN auxpass 9 O
carried carry VERB VBN xcomp 5 O
out out ADP RP prt 9 O
by by ADP IN agent 9 O
Russia~ Russia PROPN NNP pobj 11 B-GPE
. . PUNCT . punct 5 O
"""


def test_an_event_raised_to_a_belief_verb_takes_its_agent_from_the_passive_below():
    found = triples(BELIEVED_CARRIED_OUT)
    assert ("Russia", "attacked", "Sony", False, "alleged", None) in found


REJECTED_ATTRIBUTION = """
Wang Wang PROPN NNP compound 1 B-PERSON
Wenbin Wenbin PROPN NNP nsubj 2 I-PERSON
rejected reject VERB VBD ROOT 2 O
Microsoft Microsoft PROPN NNP poss 5 B-ORG
's 's PART POS case 3 O
attribution~ attribution NOUN NN dobj 2 O
. . PUNCT . punct 2 O
"""


def test_rejecting_someones_attribution_denies_them():
    assert ("Wang Wenbin", "denied", "Microsoft") in relations(REJECTED_ATTRIBUTION)


ENTITY_LIST = """
Commerce Commerce PROPN NNP nsubj 1 B-ORG
added add VERB VBD ROOT 1 O
Huawei Huawei PROPN NNP dobj 1 B-ORG
to to ADP IN prep 1 O
its its PRON PRP$ poss 6 O
Entity Entity PROPN NNP compound 6 B-ORG
List~ List PROPN NNP pobj 3 I-ORG
. . PUNCT . punct 1 O
"""


def test_a_list_written_as_a_proper_name_still_bans_whoever_is_added():
    assert ("Commerce", "banned", "Huawei") in relations(ENTITY_LIST)


INVESTIGATING_THE_BREACH = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 3 B-ORG
is be AUX VBZ aux 3 O
investigating investigate VERB VBG ROOT 3 O
the the DET DT det 5 O
breach breach NOUN NN dobj 3 O
of of ADP IN prep 5 O
the the DET DT det 8 O
Treasury Treasury PROPN NNP pobj 6 B-ORG
by by ADP IN prep 3 O
Iran~ Iran PROPN NNP pobj 9 B-GPE
. . PUNCT . punct 3 O
"""


def test_investigating_an_operation_investigates_its_agent_not_its_target():
    found = relations(INVESTIGATING_THE_BREACH)
    assert ("FBI", "investigated", "Iran") in found
    assert ("FBI", "investigated", "Treasury") not in found


DETECTED_INTRUSION = INVESTIGATING_THE_BREACH.replace(
    "investigating investigate VERB VBG", "detected detect VERB VBD"
).replace("is be AUX VBZ aux 3 O", "first first ADV RB advmod 3 O")


def test_detecting_an_operation_detects_its_agent():
    assert ("FBI", "detected", "Iran") in relations(DETECTED_INTRUSION)


BLAMED_BY = """
Sandworm Sandworm PROPN NNP nsubjpass 2 B-ORG
was be AUX VBD auxpass 2 O
blamed blame VERB VBN ROOT 2 O
by by ADP IN agent 2 O
Britain Britain PROPN NNP pobj 3 B-GPE
for for ADP IN prep 2 O
the the DET DT det 7 O
attacks~ attack NOUN NNS pobj 5 O
. . PUNCT . punct 2 O
"""


def test_the_one_blamed_in_a_passive_is_blamed_by_its_agent():
    assert relations(BLAMED_BY) == {("Britain", "blamed", "Sandworm")}


EVENT_BLAMED_BY = BLAMED_BY.replace(
    "Sandworm Sandworm PROPN NNP nsubjpass 2 B-ORG", "Intrusions intrusion NOUN NNS nsubjpass 2 O"
)


def test_a_blamed_event_without_a_culprit_blames_no_one():
    assert not any(p == "blamed" for _, p, _ in relations(EVENT_BLAMED_BY))


EXPOSED_SPYING = """
Der Der PROPN NNP compound 1 B-ORG
Spiegel Spiegel PROPN NNP nsubj 2 I-ORG
exposed expose VERB VBD ROOT 2 O
the the DET DT det 4 O
BND BND PROPN NNP poss 6 B-ORG
's 's PART POS case 4 O
spying spying NOUN NN dobj 2 O
. . PUNCT . punct 2 O
"""

DISCOVERED_INTRUSION = """
The the DET DT det 1 O
intrusion intrusion NOUN NN nsubjpass 6 O
by by ADP IN prep 1 O
Fancy Fancy PROPN NNP compound 4 B-ORG
Bear Bear PROPN NNP pobj 2 I-ORG
was be AUX VBD auxpass 6 O
discovered discover VERB VBN ROOT 6 O
by by ADP IN agent 6 O
Mandiant Mandiant PROPN NNP pobj 7 B-ORG
. . PUNCT . punct 6 O
"""


def test_revealing_or_discovering_a_deed_is_about_its_agent():
    assert ("Der Spiegel", "revealed", "BND") in relations(EXPOSED_SPYING)
    assert ("Mandiant", "detected", "Fancy Bear") in relations(DISCOVERED_INTRUSION)


BASED_FIRM_DENIED = """
The the DET DT det 4 O
Moscow Moscow PROPN NNP npadvmod 3 B-GPE
- - PUNCT HYPH punct 3 O
based base VERB VBN amod 4 O
Kaspersky Kaspersky PROPN NNP nsubj 5 B-ORG
denied deny VERB VBD ROOT 5 O
the the DET DT det 7 O
claims claim NOUN NNS dobj 5 O
. . PUNCT . punct 5 O
"""

BASED_FIRM_NOT = """
Kaspersky Kaspersky PROPN NNP nsubjpass 3 B-ORG
is be AUX VBZ auxpass 3 O
not not PART RB neg 3 O
based base VERB VBN ROOT 3 O
in in ADP IN prep 3 O
Moscow Moscow PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 3 O
"""


def test_a_based_modifier_keeps_its_place_whatever_its_clause_denies():
    based = {t[:4] for t in triples(BASED_FIRM_DENIED) if t[1] == "basedIn"}
    assert based == {("Kaspersky", "basedIn", "Moscow", False)}
    negated = {t[:4] for t in triples(BASED_FIRM_NOT) if t[1] == "basedIn"}
    assert negated == {("Kaspersky", "basedIn", "Moscow", True)}


SPOKESMAN_DENIES = """
Britain Britain PROPN NNP nsubj 1 B-GPE
blamed blame VERB VBD ROOT 1 O
Russia~ Russia PROPN NNP dobj 1 B-GPE
. . PUNCT . punct 1 O
Kremlin Kremlin PROPN NNP compound 5 B-ORG
spokesman spokesman NOUN NN compound 7 O
Dmitry Dmitry PROPN NNP compound 7 B-PERSON
Peskov Peskov PROPN NNP nsubj 8 I-PERSON
denied deny VERB VBD ROOT 8 O
the the DET DT det 10 O
accusations~ accusation NOUN NNS dobj 8 O
. . PUNCT . punct 8 O
"""


def test_a_spokesman_denying_the_accusations_answers_those_who_accused_his_state():
    # the gazetteer: the Kremlin is Russia's
    found = {t[:3] for t in triples(SPOKESMAN_DENIES, actors=ActorIndex.load())}
    assert ("Dmitry Peskov", "denied", "United Kingdom") in found


def rules_of(spec: str) -> set[tuple[str, str, str, str]]:
    doc = make_doc(spec)
    refs = coref.resolve(doc, find_refs(doc, NER_ONLY))
    return {
        (r.subject.label, r.predicate, r.object.label, r.rule)
        for r in relations_of(Article("t", doc.text), doc, refs)
    }


ON_BEHALF = """
Sandworm Sandworm PROPN NNP nsubj 1 B-ORG
acted act VERB VBD ROOT 1 O
on on ADP IN prep 1 O
behalf behalf NOUN NN pobj 2 O
of of ADP IN prep 3 O
Russia Russia PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""

WARNED_IN = """
Microsoft Microsoft PROPN NNP nsubj 1 B-ORG
warned warn VERB VBD ROOT 1 O
Siemens Siemens PROPN NNP dobj 1 B-ORG
in in ADP IN prep 2 O
Germany Germany PROPN NNP pobj 3 B-GPE
. . PUNCT . punct 1 O
"""


def test_acting_on_behalf_of_a_state_is_affiliation():
    assert rules_of(ON_BEHALF) == {("Sandworm", "affiliatedWith", "Russia", "on-behalf-of")}


def test_an_organisation_in_a_country_is_based_there():
    found = rules_of(WARNED_IN)
    assert ("Siemens", "basedIn", "Germany", "located-in") in found
    assert ("Microsoft", "tippedOff", "Siemens", "active") in found


UNACCEPTABLE_THAT = """
Germany Germany PROPN NNP nsubj 1 B-GPE
said say VERB VBD ROOT 1 O
it it PRON PRP nsubj 3 O
is be AUX VBZ ccomp 1 O
unacceptable unacceptable ADJ JJ acomp 3 O
that that SCONJ IN mark 7 O
Russia Russia PROPN NNP nsubj 7 B-GPE
hacked hack VERB VBD ccomp 3 O
the the DET DT det 9 O
Bundestag Bundestag PROPN NNP dobj 7 B-ORG
. . PUNCT . punct 1 O
"""
PAID_THE_HACKERS = """
Colonial Colonial PROPN NNP nsubj 1 B-ORG
paid pay VERB VBD ROOT 1 O
the the DET DT det 3 O
hackers hacker NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
"""
CHARGED_SAID = """
Anna Anna PROPN NNP compound 1 B-PERSON
Lee Lee PROPN NNP nsubjpass 3 I-PERSON
was be AUX VBD auxpass 3 O
charged charge VERB VBN ccomp 8 O
, , PUNCT , punct 8 O
the the DET DT det 7 O
Justice Justice PROPN NNP compound 7 B-ORG
Department Department PROPN NNP nsubj 8 I-ORG
said say VERB VBD ROOT 8 O
. . PUNCT . punct 8 O
"""
ACCUSED_THEN_DENIED = """
Germany Germany PROPN NNP nsubj 1 B-GPE
accused accuse VERB VBD ROOT 1 O
Russia Russia PROPN NNP dobj 1 B-GPE
of of ADP IN prep 1 O
hacking hack VERB VBG pcomp 3 O
. . PUNCT . punct 1 O
Russia Russia PROPN NNP nsubj 7 B-GPE
denied deny VERB VBD ROOT 7 O
the the DET DT det 9 O
accusations accusation NOUN NNS dobj 7 O
. . PUNCT . punct 7 O
"""


def test_calling_an_act_unacceptable_criticizes_its_agent():
    """attribution.condemnations: S says "it is unacceptable that X ..." -> criticized(S, X)."""
    assert rules_of(UNACCEPTABLE_THAT) == {
        ("Germany", "criticized", "Russia", "condemnation"),
        ("Russia", "hacked", "Bundestag", "active"),
    }


def test_paying_the_hackers_marks_a_ransom_victim():
    assert rules_of(PAID_THE_HACKERS) == {("hackers", "attacked", "Colonial", "ransom-payment")}


def test_an_agentless_legal_act_is_the_reporting_bodys():
    """attribution's official acts: the government body that reports a passive charge."""
    assert rules_of(CHARGED_SAID) == {("Justice Department", "charged", "Anna Lee", "official-act")}


def test_a_denial_answers_the_earlier_accuser():
    assert rules_of(ACCUSED_THEN_DENIED) == {
        ("Germany", "accused", "Russia", "active"),
        ("Russia", "denied", "Germany", "denial"),
    }


HIT_WITH_SANCTIONS = """
Britain Britain PROPN NNP nsubj 1 B-GPE
hit hit VERB VBD ROOT 1 O
Russia Russia PROPN NNP dobj 1 B-GPE
with with ADP IN prep 1 O
sanctions~ sanction NOUN NNS pobj 3 O
. . PUNCT . punct 1 O
"""

IDENTIFIED_AS_PERPETRATOR = """
Britain Britain PROPN NNP nsubj 1 B-GPE
identified identify VERB VBD ROOT 1 O
Russia Russia PROPN NNP dobj 1 B-GPE
as as ADP IN prep 1 O
the the DET DT det 5 O
perpetrator~ perpetrator NOUN NN pobj 3 O
. . PUNCT . punct 1 O
"""

TAKEN_INTO_CUSTODY = """
Ivan Ivan PROPN NNP compound 1 B-PERSON
Safronov Safronov PROPN NNP nsubjpass 3 I-PERSON
was be AUX VBD auxpass 3 O
taken take VERB VBN ROOT 3 O
into into ADP IN prep 3 O
custody custody NOUN NN pobj 4 O
by by ADP IN agent 3 O
Russia~ Russia PROPN NNP pobj 6 B-GPE
. . PUNCT . punct 3 O
"""


def test_a_resultative_sense_stands_alone():
    assert relations(HIT_WITH_SANCTIONS) == {("Britain", "sanctioned", "Russia")}
    assert relations(IDENTIFIED_AS_PERPETRATOR) == {("Britain", "blamed", "Russia")}
    assert relations(TAKEN_INTO_CUSTODY) == {("Russia", "arrested", "Ivan Safronov")}


def test_without_its_result_noun_the_verb_keeps_its_other_senses():
    struck = HIT_WITH_SANCTIONS.replace("sanctions~ sanction", "malware~ malware")
    assert relations(struck) == {("Britain", "attacked", "Russia")}
    found = IDENTIFIED_AS_PERPETRATOR.replace("perpetrator~ perpetrator", "threat~ threat")
    assert ("Britain", "detected", "Russia") in relations(found)
PLAYED_A_ROLE = """
Iran Iran PROPN NNP nsubj 1 B-GPE
played play VERB VBD ROOT 1 O
a a DET DT det 4 O
key key ADJ JJ amod 4 O
role role NOUN NN dobj 1 O
in in ADP IN prep 1 O
the the DET DT det 7 O
attack attack NOUN NN pobj 5 O
on on ADP IN prep 7 O
Sony~ Sony PROPN NNP pobj 8 B-ORG
. . PUNCT . punct 1 O
"""


def test_playing_a_role_in_an_event_makes_its_agent():
    # the parser hangs "in the attack" on the verb, not on "role"
    assert ("Iran", "attacked", "Sony") in relations(PLAYED_A_ROLE)


PLAYED_A_GAME = PLAYED_A_ROLE.replace("role role NOUN", "match match NOUN")


def test_playing_something_else_in_an_event_does_not():
    assert ("Iran", "attacked", "Sony") not in relations(PLAYED_A_GAME)


CHARGES_FROM_ON_THE_VERB = """
Russia Russia PROPN NNP nsubj 1 B-GPE
refuted refute VERB VBD ROOT 1 O
the the DET DT det 3 O
charges~ charge NOUN NNS dobj 1 O
from from ADP IN prep 1 O
Britain~ Britain PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""

CLAIMS_MADE_BY = """
Russia Russia PROPN NNP nsubj 1 B-GPE
dismissed dismiss VERB VBD ROOT 1 O
the the DET DT det 3 O
claims claim NOUN NNS dobj 1 O
made make VERB VBN acl 3 O
by by ADP IN agent 4 O
Britain~ Britain PROPN NNP pobj 5 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_denied_accusation_names_its_accuser_on_the_verb_or_in_a_reduced_passive():
    for spec in (CHARGES_FROM_ON_THE_VERB, CLAIMS_MADE_BY):
        assert ("Russia", "denied", "Britain") in relations(spec)


def test_a_denial_without_an_accuser_names_none():
    britain, court = "Britain~ Britain PROPN NNP pobj 4 B-GPE", "court~ court NOUN NN pobj 4 O"
    found = relations(CHARGES_FROM_ON_THE_VERB.replace(britain, court))
    assert not any(p in ("denied", "accused") for _, p, _ in found)
