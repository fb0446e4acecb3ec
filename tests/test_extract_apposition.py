"""Arguments named beside their noun: a relational noun with an owner and a name in
apposition ("its subsidiary, Beta Corp,"), an accusation named after a denial. Hand-built
Docs, so only the rules run."""

from __future__ import annotations

from test_extract_patterns import triples

PERSONS_PARTY = """
Anna Anna PROPN NNP compound 1 B-PERSON
Lee~ Lee PROPN NNP poss 3 I-PERSON
's 's PART POS case 1 O
party~ party NOUN NN nsubj 9 O
, , PUNCT , punct 3 O
the the DET DT det 7 B-ORG
Green Green PROPN NNP compound 7 I-ORG
Union~ Union PROPN NNP appos 3 I-ORG
, , PUNCT , punct 9 O
won~ win VERB VBD ROOT 9 O
. . PUNCT . punct 9 O
"""


def relations(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec)}


def test_a_persons_party_named_in_apposition_has_them_as_member():
    assert ("Anna Lee", "memberOf", "Green Union") in relations(PERSONS_PARTY)


ITS_SUBSIDIARY = """
Acme Acme PROPN NNP nsubj 1 B-ORG
said say VERB VBD ROOT 1 O
its its PRON PRP$ poss 3 O
subsidiary~ subsidiary NOUN NN nsubjpass 9 O
, , PUNCT , punct 3 O
Beta Beta PROPN NNP compound 6 B-ORG
Corp~ Corp PROPN NNP appos 3 I-ORG
, , PUNCT , punct 3 O
was be AUX VBD auxpass 9 O
hacked~ hack VERB VBN ccomp 1 O
. . PUNCT . punct 1 O
"""


def test_a_subsidiary_named_in_apposition_is_a_member_of_the_owner():
    assert ("Beta Corp", "memberOf", "Acme") in relations(ITS_SUBSIDIARY)


UNOWNED_VENDOR = """
the the DET DT det 2 O
Israeli Israeli ADJ JJ amod 2 B-NORP
vendor vendor NOUN NN nsubj 5 O
, , PUNCT , punct 2 O
Beta Beta PROPN NNP appos 2 B-ORG
won win VERB VBD ROOT 5 O
. . PUNCT . punct 5 O
"""


def test_a_nationality_is_no_owner_of_the_named_vendor():
    assert not any(p == "cooperatedWith" for _, p, _ in relations(UNOWNED_VENDOR))


DENIED_THE_HACKING = """
Russia Russia PROPN NNP nsubj 1 B-GPE
denied deny VERB VBD ROOT 1 O
the the DET DT det 3 O
hacking hacking NOUN NN dobj 1 O
after after ADP IN prep 1 O
accusations accusation NOUN NNS pobj 4 O
by by ADP IN prep 5 O
Britain~ Britain PROPN NNP pobj 6 B-GPE
. . PUNCT . punct 1 O
"""


def test_denying_an_operation_answers_its_named_accusers():
    assert ("Russia", "denied", "Britain") in relations(DENIED_THE_HACKING)


DENIED_THE_REPORT = DENIED_THE_HACKING.replace("hacking hacking NOUN", "visit visit NOUN")


def test_denying_something_else_is_no_denial_of_an_accusation():
    assert ("Russia", "denied", "Britain") not in relations(DENIED_THE_REPORT)


ALONGSIDE = """
China~ China PROPN NNP nsubj 5 B-GPE
, , PUNCT , punct 0 O
alongside alongside ADP IN prep 0 O
Russia~ Russia PROPN NNP pobj 2 B-GPE
, , PUNCT , punct 0 O
hacked hack VERB VBD ROOT 5 O
Sony~ Sony PROPN NNP dobj 5 B-ORG
. . PUNCT . punct 5 O
"""


def test_a_companion_of_the_subject_is_a_second_subject():
    assert {("China", "hacked", "Sony"), ("Russia", "hacked", "Sony")} <= relations(ALONGSIDE)


ALONG_WITH_ON_THE_VERB = """
China~ China PROPN NNP nsubj 7 B-GPE
, , PUNCT , punct 7 O
along along ADP IN prep 7 O
with with ADP IN prep 2 O
Russia~ Russia PROPN NNP pobj 3 B-GPE
, , PUNCT , punct 7 O
has have AUX VBZ aux 7 O
hacked hack VERB VBN ROOT 7 O
Sony~ Sony PROPN NNP dobj 7 B-ORG
. . PUNCT . punct 7 O
"""


def test_along_with_hung_on_the_verb_before_it_joins_the_subject():
    assert ("Russia", "hacked", "Sony") in relations(ALONG_WITH_ON_THE_VERB)


AFTER_THE_VERB = """
China China PROPN NNP nsubj 1 B-GPE
hacked hack VERB VBD ROOT 1 O
Sony Sony PROPN NNP dobj 1 B-ORG
along along ADP IN prep 1 O
with with ADP IN prep 3 O
Russia~ Russia PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""


def test_along_with_after_the_verb_is_no_second_subject():
    assert ("Russia", "hacked", "Sony") not in relations(AFTER_THE_VERB)


SANCTIONS_IMPOSED_BY = """
The the DET DT det 1 O
sanctions sanction NOUN NNS nsubj 7 O
imposed impose VERB VBN acl 1 O
by by ADP IN agent 2 O
Britain Britain PROPN NNP pobj 3 B-GPE
on on ADP IN prep 2 O
Russia Russia PROPN NNP pobj 5 B-GPE
began~ begin VERB VBD ROOT 7 O
. . PUNCT . punct 7 O
"""


def test_a_clause_doing_an_act_gives_its_agent_and_its_object():
    assert ("Britain", "sanctioned", "Russia") in relations(SANCTIONS_IMPOSED_BY)


BREACH_ANNOUNCED_BY = """
The the DET DT det 1 O
breach breach NOUN NN nsubj 7 O
announced announce VERB VBN acl 1 O
by by ADP IN agent 2 O
Acme Acme PROPN NNP pobj 3 B-ORG
of of ADP IN prep 1 O
Beta Beta PROPN NNP pobj 5 B-ORG
began~ begin VERB VBD ROOT 7 O
. . PUNCT . punct 7 O
"""


def test_announcing_an_operation_is_not_doing_it():
    assert ("Acme", "hacked", "Beta") not in relations(BREACH_ANNOUNCED_BY)


BELIEVED_WITHOUT_COMMAS = """
Hackers hacker NOUN NNS nsubj 1 O
believed believe VERB VBD ROOT 1 O
to to PART TO aux 4 O
be be AUX VB aux 4 O
working work VERB VBG xcomp 1 O
for for ADP IN prep 4 O
Iran Iran PROPN NNP pobj 5 B-GPE
targeted target VERB VBD conj 1 O
Sony~ Sony PROPN NNP dobj 7 B-ORG
. . PUNCT . punct 1 O
"""


def test_a_reduced_belief_passive_without_commas_hedges_only_its_own_clause():
    # the parser reads "believed" as the hackers' own verb; they are not the source of
    # the main clause, which the article asserts
    found = triples(BELIEVED_WITHOUT_COMMAS)
    assert ("hackers", "attacked", "Sony", False, "asserted", None) in found
    assert any(t[1] == "affiliatedWith" and t[4] == "alleged" for t in found)


ACCUSED_A_NAMED_GROUP = """
Britain Britain PROPN NNP nsubj 1 B-GPE
accused accuse VERB VBD ROOT 1 O
a a DET DT det 3 O
group group NOUN NN dobj 1 O
it it PRON PRP nsubj 5 O
dubbed dub VERB VBD relcl 3 O
Sandworm Sandworm PROPN NNP dobj 5 B-ORG
of of ADP IN prep 5 O
hacking hack VERB VBG pcomp 7 O
Ukraine~ Ukraine PROPN NNP dobj 8 B-GPE
. . PUNCT . punct 1 O
"""


def test_a_charge_hung_on_the_naming_clause_is_the_named_groups_alleged_act():
    found = triples(ACCUSED_A_NAMED_GROUP)
    assert ("Sandworm", "hacked", "Ukraine", False, "alleged", "Britain") in found
    assert not any(s == "Britain" and p == "hacked" for s, p, *_ in found)


FIRMS_NAMED = """
Acme Acme PROPN NNP nsubj 2 B-ORG
is be AUX VBZ aux 2 O
working work VERB VBG ROOT 2 O
with with ADP IN prep 2 O
two two NUM CD nummod 5 B-CARDINAL
firms~ firm NOUN NNS pobj 3 O
, , PUNCT , punct 5 O
Initech Initech PROPN NNP appos 5 B-ORG
and and CCONJ CC cc 7 O
Globex~ Globex PROPN NNP conj 7 B-ORG
, , PUNCT , punct 5 O
on on ADP IN prep 2 O
the the DET DT det 13 O
case~ case NOUN NN pobj 11 O
. . PUNCT . punct 2 O
"""


def test_every_name_coordinated_in_an_apposition_is_an_argument():
    found = relations(FIRMS_NAMED)
    assert {("Acme", "cooperatedWith", "Initech"), ("Acme", "cooperatedWith", "Globex")} <= found
