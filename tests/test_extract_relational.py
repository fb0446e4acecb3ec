"""Relational nouns and prepositions the parser hangs one level off: hand-built Docs."""

from __future__ import annotations

from dataclasses import replace

from test_extract_patterns import NER_ONLY, make_doc, triples

from kg.extract import coref
from kg.extract.actors import find_refs
from kg.extract.extractor import relations_of
from kg.models import Article


def relations(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec)}


PARENT_COMPANY = """
Meta Meta PROPN NNP nsubj 8 B-ORG
, , PUNCT , punct 0 O
the the DET DT det 4 O
parent parent NOUN NN compound 4 O
company company NOUN NN appos 0 O
of of ADP IN prep 4 O
WhatsApp WhatsApp PROPN NNP pobj 5 B-ORG
, , PUNCT , punct 0 O
sued sue VERB VBD ROOT 8 O
Paragon Paragon PROPN NNP dobj 8 B-ORG
. . PUNCT . punct 8 O
"""


def test_a_relational_noun_inside_a_compound_keeps_its_preposition():
    assert ("WhatsApp", "memberOf", "Meta") in relations(PARENT_COMPANY)


OWNER_BEFORE_NAME = """
Facebook Facebook PROPN NNP compound 1 B-ORG
owner owner NOUN NN compound 2 O
Meta Meta PROPN NNP nsubj 3 B-ORG
named name VERB VBD ROOT 3 O
Cytrox Cytrox PROPN NNP oprd 3 B-ORG
. . PUNCT . punct 3 O
"""


def test_a_relational_noun_before_a_name_describes_the_name():
    assert ("Facebook", "memberOf", "Meta") in relations(OWNER_BEFORE_NAME)


CONJOINED_CRITIC = """
Nour Nour PROPN NNP nsubj 8 B-PERSON
, , PUNCT , punct 0 O
a a DET DT det 3 O
politician politician NOUN NN appos 0 O
and and CCONJ CC cc 3 O
critic critic NOUN NN conj 3 O
of of ADP IN prep 3 O
Sisi Sisi PROPN NNP pobj 6 B-PERSON
fled flee VERB VBD ROOT 8 O
. . PUNCT . punct 8 O
"""


def test_a_conjoined_relational_noun_takes_the_preposition_after_it():
    assert ("Nour", "criticized", "Sisi") in relations(CONJOINED_CRITIC)


POSSESSIVE_BODY = """
The the DET DT det 1 O
Bureau Bureau PROPN NNP nsubj 7 B-ORG
, , PUNCT , punct 1 O
Korea Korea PROPN NNP poss 6 B-GPE
's 's PART POS case 3 O
intelligence intelligence NOUN NN compound 6 O
bureau bureau NOUN NN appos 1 O
spies spy VERB VBZ ROOT 7 O
. . PUNCT . punct 7 O
"""

NEWS_AGENCY = """
The the DET DT det 1 O
Spiegel Spiegel PROPN NNP nsubj 7 B-ORG
, , PUNCT , punct 1 O
Germany Germany PROPN NNP poss 6 B-GPE
's 's PART POS case 3 O
news news NOUN NN compound 6 O
agency agency NOUN NN appos 1 O
reported report VERB VBD ROOT 7 O
. . PUNCT . punct 7 O
"""


def test_a_country_s_bureau_is_part_of_the_country():
    assert ("Bureau", "memberOf", "Korea") in relations(POSSESSIVE_BODY)


def _members_when_typed(kind: str) -> set[tuple[str, str]]:
    doc = make_doc(NEWS_AGENCY)  # NER alone types "Spiegel" a MediaOutlet
    refs = [
        replace(r, actor=replace(r.actor, type=kind)) if r.text == "Spiegel" else r
        for r in find_refs(doc, NER_ONLY)
    ]
    found = relations_of(Article("t", doc.text), doc, coref.resolve(doc, refs))
    return {(r.subject.label, r.object.label) for r in found if r.predicate == "memberOf"}


def test_an_outlet_or_company_is_not_part_of_its_country():
    assert _members_when_typed("GovernmentBody") == {("Spiegel", "Germany")}
    assert _members_when_typed("MediaOutlet") == set()
    assert _members_when_typed("Company") == set()


BLAME_ON_OBJECT = """
Washington Washington PROPN NNP nsubj 1 B-GPE
pinned pin VERB VBD ROOT 1 O
the the DET DT det 3 O
attack attack NOUN NN dobj 1 O
on on ADP IN prep 3 O
Moscow Moscow PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_frame_preposition_hung_on_the_object_still_selects_the_frame():
    assert ("Washington", "blamed", "Moscow") in relations(BLAME_ON_OBJECT)


LIGHT_VERB_PREP = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 2 B-ORG
opened open VERB VBD ROOT 2 O
an an DET DT det 4 O
investigation investigation NOUN NN dobj 2 O
into into ADP IN prep 2 O
Kaspersky Kaspersky PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 2 O
"""


def test_an_event_preposition_hung_on_the_light_verb_is_the_event_s():
    assert ("FBI", "investigated", "Kaspersky") in relations(LIGHT_VERB_PREP)


NESTED_ATTRIBUTION = """
Microsoft Microsoft PROPN NNP poss 2 B-ORG
's 's PART POS case 0 O
attribution attribution NOUN NN nsubj 8 O
of of ADP IN prep 2 O
the the DET DT det 5 O
attack attack NOUN NN pobj 3 O
to to ADP IN prep 5 O
Russia Russia PROPN NNP pobj 6 B-GPE
was be AUX VBD ROOT 8 O
quick quick ADJ JJ acomp 8 O
. . PUNCT . punct 8 O
"""


def test_an_attribution_of_an_event_to_an_actor_blames_the_actor():
    assert ("Microsoft", "blamed", "Russia") in relations(NESTED_ATTRIBUTION)


ACCUSATIONS_FROM = """
Russia Russia PROPN NNP nsubj 1 B-GPE
rejected reject VERB VBD ROOT 1 O
the the DET DT det 3 O
accusations accusation NOUN NNS dobj 1 O
from from ADP IN prep 3 O
Germany Germany PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_accusations_from_an_actor_name_the_accuser_of_a_denial():
    found = relations(ACCUSATIONS_FROM)
    assert ("Russia", "denied", "Germany") in found
    assert ("Germany", "accused", "Russia") in found


HELPED_SUBJECT = """
NSO NSO PROPN NNP nsubj 1 B-ORG
helped help VERB VBD ROOT 1 O
Pegasus Pegasus PROPN NNP nsubj 3 B-ORG
breach breach VERB VB ccomp 1 O
WhatsApp WhatsApp PROPN NNP dobj 3 B-ORG
. . PUNCT . punct 1 O
"""

ORDERED_THAT = """
Berlin Berlin PROPN NNP nsubj 1 B-GPE
ordered order VERB VBD ROOT 1 O
that that SCONJ IN mark 4 O
Moscow Moscow PROPN NNP nsubj 4 B-GPE
stop stop VERB VB ccomp 1 O
. . PUNCT . punct 1 O
"""


def test_the_parsed_subject_of_a_controlled_clause_is_the_object_of_the_control_verb():
    found = relations(HELPED_SUBJECT)
    assert ("NSO", "cooperatedWith", "Pegasus") in found
    assert ("Pegasus", "hacked", "WhatsApp") in found
    assert not any(p == "ordered" for _, p, _ in relations(ORDERED_THAT))


CALLED_ABSURD = """
Russia Russia PROPN NNP nsubj 1 B-GPE
called call VERB VBD ROOT 1 O
the the DET DT det 3 O
accusations accusation NOUN NNS dobj 1 O
by by ADP IN prep 3 O
Germany Germany PROPN NNP pobj 4 B-GPE
absurd absurd ADJ JJ oprd 1 O
. . PUNCT . punct 1 O
"""

CALLED_SERIOUS = CALLED_ABSURD.replace("absurd absurd", "serious serious")

OPPOSES_GROUNDLESS = """
China China PROPN NNP nsubj 1 B-GPE
opposes oppose VERB VBZ ROOT 1 O
groundless groundless ADJ JJ amod 3 O
accusations accusation NOUN NNS dobj 1 O
from from ADP IN prep 3 O
Canada Canada PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_dismissive_judgement_of_an_accusation_is_a_denial():
    assert ("Russia", "denied", "Germany") in relations(CALLED_ABSURD)
    assert ("China", "denied", "Canada") in relations(OPPOSES_GROUNDLESS)
    assert not any(p == "denied" for _, p, _ in relations(CALLED_SERIOUS))


TARGETED_CAMPAIGN = """
Hackers hacker NOUN NNS nsubj 1 O
targeted target VERB VBD ROOT 1 O
the the DET DT det 3 O
campaign campaign NOUN NN dobj 1 O
of of ADP IN prep 3 O
Trump Trump PROPN NNP pobj 4 B-PERSON
. . PUNCT . punct 1 O
"""

LAUNCHED_CAMPAIGN = """
Iran Iran PROPN NNP nsubj 1 B-GPE
launched launch VERB VBD ROOT 1 O
a a DET DT det 3 O
campaign campaign NOUN NN dobj 1 O
of of ADP IN prep 3 O
Trump Trump PROPN NNP pobj 4 B-PERSON
. . PUNCT . punct 1 O
"""


def test_an_event_noun_acted_on_is_a_thing_with_its_owner():
    assert relations(TARGETED_CAMPAIGN) == {("hackers", "attacked", "Trump")}
    # as the object of a light verb it stays an event, whose "of" is not a victim
    assert not any(p == "attacked" for _, p, _ in relations(LAUNCHED_CAMPAIGN))


DISCOVERED_THAT = """
Symantec Symantec PROPN NNP nsubj 1 B-ORG
discovered discover VERB VBD ROOT 1 O
that that SCONJ IN mark 5 O
Dragonfly Dragonfly PROPN NNP nsubj 5 B-ORG
had have AUX VBD aux 5 O
infiltrated infiltrate VERB VBN ccomp 1 O
Enel Enel PROPN NNP dobj 5 B-ORG
. . PUNCT . punct 1 O
"""

INVESTIGATING_WHETHER = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 3 B-ORG
is be AUX VBZ aux 3 O
investigating investigate VERB VBG ROOT 3 O
whether whether SCONJ IN mark 6 O
Russia Russia PROPN NNP nsubj 6 B-GPE
hacked hack VERB VBD ccomp 3 O
Yahoo Yahoo PROPN NNP dobj 6 B-ORG
. . PUNCT . punct 3 O
"""


def test_the_agent_of_a_discovered_or_investigated_clause_is_the_object():
    assert ("Symantec", "detected", "Dragonfly") in relations(DISCOVERED_THAT)
    assert ("FBI", "investigated", "Russia") in relations(INVESTIGATING_WHETHER)
    # a "that" clause is what an inquiry found, not whom it investigated
    that = INVESTIGATING_WHETHER.replace("whether whether", "that that")
    assert not any(p == "investigated" for _, p, _ in relations(that))


STOPPED_USING = """
Google Google PROPN NNP nsubj 1 B-ORG
stopped stop VERB VBD ROOT 1 O
using use VERB VBG xcomp 1 O
Huawei Huawei PROPN NNP poss 6 B-ORG
's 's PART POS case 3 O
mobile mobile ADJ JJ amod 6 O
phones phone NOUN NNS dobj 2 O
. . PUNCT . punct 1 O
"""


def test_ending_a_use_of_an_actor_s_product_bans_it():
    found = relations(STOPPED_USING)
    assert ("Google", "banned", "Huawei") in found
    assert ("Google", "used", "Huawei") not in found
    kept = STOPPED_USING.replace("stopped stop VERB VBD ROOT", "began begin VERB VBD ROOT")
    assert ("Google", "used", "Huawei") in relations(kept)


WATCHED_CLAUSE = """
Israel Israel PROPN NNP nsubj 1 B-GPE
watched watch VERB VBD ROOT 1 O
Turla Turla PROPN NNP nsubj 3 B-ORG
search search VERB VB ccomp 1 O
Kaspersky Kaspersky PROPN NNP poss 6 B-ORG
's 's PART POS case 4 O
networks network NOUN NNS dobj 3 O
. . PUNCT . punct 1 O
"""


def test_the_subject_of_a_watched_clause_is_the_one_watched():
    assert ("Israel", "spiedOn", "Turla") in relations(WATCHED_CLAUSE)


RELEASED_STOLEN = """
Anonymous Anonymous PROPN NNP nsubj 1 B-ORG
released release VERB VBD ROOT 1 O
files file NOUN NNS dobj 1 O
stolen steal VERB VBN acl 2 O
from from ADP IN prep 3 O
Sony Sony PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 1 O
"""

RELEASED_LEAKED_BY = """
Anonymous Anonymous PROPN NNP nsubj 1 B-ORG
released release VERB VBD ROOT 1 O
files file NOUN NNS dobj 1 O
leaked leak VERB VBN acl 2 O
by by ADP IN agent 3 O
Snowden Snowden PROPN NNP pobj 4 B-PERSON
. . PUNCT . punct 1 O
"""


def test_a_thing_taken_from_an_actor_is_owned_by_it_not_by_its_taker():
    assert ("Anonymous", "leaked", "Sony") in relations(RELEASED_STOLEN)
    assert ("Anonymous", "leaked", "Snowden") not in relations(RELEASED_LEAKED_BY)


TITLE_IN_DENIAL = """
Kremlin Kremlin PROPN NNP compound 2 B-ORG
spokesman spokesman NOUN NN compound 2 O
Peskov Peskov PROPN NNP nsubj 3 B-PERSON
denied deny VERB VBD ROOT 3 O
the the DET DT det 5 O
claims claim NOUN NNS dobj 3 O
. . PUNCT . punct 3 O
"""


def test_a_title_is_not_negated_by_the_clause_it_speaks():
    found = {(s, p, o, neg) for s, p, o, neg, *_ in triples(TITLE_IN_DENIAL)}
    assert ("Peskov", "memberOf", "Kremlin", False) in found


ADDED_TO_LIST = """
Commerce Commerce PROPN NNP nsubj 1 B-ORG
added add VERB VBD ROOT 1 O
Huawei Huawei PROPN NNP dobj 1 B-ORG
to to ADP IN prep 1 O
the the DET DT det 6 O
entity entity NOUN NN compound 6 O
list list NOUN NN pobj 3 O
. . PUNCT . punct 1 O
"""


def test_putting_an_actor_on_an_exclusion_list_bans_it():
    assert ("Commerce", "banned", "Huawei") in relations(ADDED_TO_LIST)
    guests = ADDED_TO_LIST.replace("entity entity NOUN NN compound", "guest guest NOUN NN compound")
    assert not any(p == "banned" for _, p, _ in relations(guests))


CALLED_RECKLESS = """
Germany Germany PROPN NNP nsubj 1 B-GPE
called call VERB VBD ROOT 1 O
Russia Russia PROPN NNP poss 4 B-GPE
's 's PART POS case 2 O
actions action NOUN NNS dobj 1 O
reckless reckless ADJ JJ oprd 1 O
. . PUNCT . punct 1 O
"""


def test_a_condemning_judgement_of_an_actor_s_deeds_criticizes_the_actor():
    assert ("Germany", "criticized", "Russia") in relations(CALLED_RECKLESS)
    praised = CALLED_RECKLESS.replace("reckless reckless", "brave brave")
    assert not any(p == "criticized" for _, p, _ in relations(praised))


NOTHING_TO_DO = """
Russia Russia PROPN NNP nsubj 1 B-GPE
had have VERB VBD ROOT 1 O
nothing nothing PRON NN dobj 1 O
to to PART TO aux 4 O
do do VERB VB relcl 2 O
with with ADP IN prep 4 O
the the DET DT det 7 O
attack attack NOUN NN pobj 5 O
on on ADP IN prep 7 O
Ukraine Ukraine PROPN NNP pobj 8 B-GPE
. . PUNCT . punct 1 O
"""


def test_having_nothing_to_do_with_an_event_is_its_agency_negated():
    found = {(s, p, o, neg) for s, p, o, neg, *_ in triples(NOTHING_TO_DO)}
    assert ("Russia", "attacked", "Ukraine", True) in found
    admitted = NOTHING_TO_DO.replace("nothing nothing PRON", "something something PRON")
    found = {(s, p, o, neg) for s, p, o, neg, *_ in triples(admitted)}
    assert ("Russia", "attacked", "Ukraine", False) in found
