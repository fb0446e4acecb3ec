"""One of an organisation's people is a person, not the organisation: "a Tesla engineer",
"an employee of Tesla" are Persons that are memberOf Tesla, and what is done to them is
not done to Tesla. A news lead that introduces such a person by description and names
them in the next sentence ("A Tesla engineer was arrested. John Smith is jailed ...")
gives the description's relations to the name; "identified her as X" names her and
detects nobody. Hand-built Docs (no model), as in tests/hand_docs.py."""

from __future__ import annotations

from test_extract_coref import article, resolved
from test_extract_patterns import triples

from kg.extract import coref

COMPOUND_OWNER = """
A a DET DT det 2 O
Tesla Tesla PROPN NNP compound 2 B-ORG
engineer engineer NOUN NN nsubjpass 4 O
was be AUX VBD auxpass 4 O
arrested arrest VERB VBN ROOT 4 O
by by ADP IN agent 4 O
the the DET DT det 7 O
FBI~ FBI PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 4 O
"""

OF_OWNER = """
The the DET DT det 1 O
FBI FBI PROPN NNP nsubj 2 B-ORG
arrested arrest VERB VBD ROOT 2 O
an an DET DT det 4 O
employee employee NOUN NN dobj 2 O
of of ADP IN prep 4 O
Tesla~ Tesla PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 2 O
"""

INTRODUCED = """
A a DET DT det 2 O
Tesla Tesla PROPN NNP compound 2 B-ORG
engineer engineer NOUN NN nsubjpass 4 O
was be AUX VBD auxpass 4 O
arrested~ arrest VERB VBN ROOT 4 O
. . PUNCT . punct 4 O
{title}John John PROPN NNP compound {john_head} B-PERSON
Smith Smith PROPN NNP nsubjpass {smith_head} I-PERSON
is be AUX VBZ auxpass {verb} O
jailed jail VERB VBN ROOT {verb} O
in in ADP IN prep {verb} O
Ohio~ Ohio PROPN NNP pobj {in_} B-GPE
. . PUNCT . punct {verb} O
"""

NAMED_AS = """
A a DET DT det 2 O
Tesla Tesla PROPN NNP compound 2 B-ORG
engineer engineer NOUN NN nsubj 3 O
leaked leak VERB VBD ROOT 3 O
files~ file NOUN NNS dobj 3 O
. . PUNCT . punct 3 O
Prosecutors prosecutor NOUN NNS nsubj 7 O
identified identify VERB VBD ROOT 7 O
her she PRON PRP dobj 7 O
as as ADP IN prep 7 O
Jane Jane PROPN NNP compound 11 B-PERSON
Doe~ Doe PROPN NNP pobj 9 I-PERSON
. . PUNCT . punct 7 O
"""


def _introduced(title: bool) -> str:
    shift = 1 if title else 0
    title_row = "Attorney Attorney PROPN NNP compound 8 O\n" if title else ""
    return INTRODUCED.format(
        title=title_row,
        john_head=7 + shift,
        smith_head=9 + shift,
        verb=9 + shift,
        in_=10 + shift,
    )


def _pairs(spec: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, *_ in triples(spec)}


def test_unnamed_persons_a_compound_owner_makes_one_of_its_people():
    found = _pairs(COMPOUND_OWNER)
    assert ("Tesla engineer", "memberOf", "Tesla") in found
    assert ("FBI", "arrested", "Tesla engineer") in found
    assert ("FBI", "arrested", "Tesla") not in found


def test_unnamed_persons_an_employee_of_a_company_is_its_person_not_the_company():
    found = _pairs(OF_OWNER)
    assert ("Tesla employee", "memberOf", "Tesla") in found
    assert ("FBI", "arrested", "Tesla employee") in found
    assert ("FBI", "arrested", "Tesla") not in found


def test_unnamed_persons_the_next_sentence_names_the_person_it_opens_with():
    art = article(_introduced(title=False))
    assert resolved(coref.introduced(art), art.doc) == {"Tesla engineer": ["John Smith"]}
    assert ("John Smith", "memberOf", "Tesla") in _pairs(_introduced(title=False))


def test_unnamed_persons_a_titled_name_is_someone_else():
    art = article(_introduced(title=True))
    assert coref.introduced(art) == []
    assert not any(s == "John Smith" for s, _, _ in _pairs(_introduced(title=True)))


def test_unnamed_persons_identified_as_a_name_names_and_detects_nobody():
    found = _pairs(NAMED_AS)
    assert ("Jane Doe", "memberOf", "Tesla") in found
    assert not any(p == "detected" for _, p, _ in found)
