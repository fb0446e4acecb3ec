"""A title before the name it describes: "the Russian ambassador to Germany, Sergei
Nechayev," serves Russia, and "Acme's parent company, Globex," owns Acme. Hand-built Docs,
so only the rules run."""

from __future__ import annotations

from test_extract_patterns import triples

from kg.extract.actors import ActorIndex

AMBASSADOR_FIRST = """
The the DET DT det 2 O
Russian russian ADJ JJ amod 2 B-NORP
ambassador ambassador NOUN NN nsubj 9 O
to to ADP IN prep 2 O
Germany~ Germany PROPN NNP pobj 3 B-GPE
, , PUNCT , punct 2 O
Sergei Sergei PROPN NNP compound 7 B-PERSON
Nechayev~ Nechayev PROPN NNP appos 2 I-PERSON
, , PUNCT , punct 2 O
rejected reject VERB VBD ROOT 9 O
the the DET DT det 11 O
report~ report NOUN NN dobj 9 O
. . PUNCT . punct 9 O
"""

PARENT_FIRST = """
Acme~ Acme PROPN NNP poss 3 B-ORG
's 's PART POS case 0 O
parent parent NOUN NN compound 3 O
company~ company NOUN NN nsubj 7 O
, , PUNCT , punct 3 O
Globex~ Globex PROPN NNP appos 3 B-ORG
, , PUNCT , punct 3 O
sued sue VERB VBD ROOT 7 O
Initech~ Initech PROPN NNP dobj 7 B-ORG
. . PUNCT . punct 7 O
"""


def test_a_state_title_before_the_name_makes_its_holder_a_member_of_the_state():
    found = {t[:3] for t in triples(AMBASSADOR_FIRST, actors=ActorIndex.load())}
    assert ("Sergei Nechayev", "memberOf", "Russia") in found
    assert ("Sergei Nechayev", "memberOf", "Germany") not in found  # he is sent to Germany


def test_an_owners_parent_company_named_after_it_owns_the_owner():
    found = {t[:3] for t in triples(PARENT_FIRST)}
    assert ("Acme", "memberOf", "Globex") in found
