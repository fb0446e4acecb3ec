"""Rule tests on hand-built spaCy Docs: the parse is given, so no model is involved.

Each token is written ``word lemma POS TAG dep head ENT`` (head is the absolute
index of the head token; ENT an IOB tag such as ``B-GPE`` or ``O``). Actors come
from the entities alone (no gazetteer), so the tests exercise the rules only.
"""

from __future__ import annotations

import pytest
from hand_docs import NER_ONLY, make_doc

from kg.extract import coref
from kg.extract.actors import ActorIndex, find_refs
from kg.extract.extractor import relations_of
from kg.models import Article


def triples(spec: str, published: str | None = None, actors: ActorIndex = NER_ONLY) -> set[tuple]:
    """(subject, predicate, object, negated, modality, source) of each relation, with the
    actors of ``actors`` (the entities alone unless a test passes ``ActorIndex.load()``)."""
    doc = make_doc(spec)
    refs = coref.resolve(doc, find_refs(doc, actors))
    article = Article("t", doc.text, published=published)
    return {
        (r.subject.label, r.predicate, r.object.label, r.negated, r.modality, r.source)
        for r in relations_of(article, doc, refs)
    }


ACTIVE = """
Israel Israel PROPN NNP nsubj 1 B-GPE
hacked hack VERB VBD ROOT 1 O
Kaspersky Kaspersky PROPN NNP dobj 1 B-ORG
. . PUNCT . punct 1 O
"""

PASSIVE = """
Kaspersky Kaspersky PROPN NNP nsubjpass 2 B-ORG
was be AUX VBD auxpass 2 O
hacked hack VERB VBN ROOT 2 O
by by ADP IN agent 2 O
Israel Israel PROPN NNP pobj 3 B-GPE
. . PUNCT . punct 2 O
"""

OWNER = """
Israel Israel PROPN NNP nsubj 1 B-GPE
breached breach VERB VBD ROOT 1 O
Kaspersky Kaspersky PROPN NNP poss 4 B-ORG
's 's PART POS case 2 O
network network NOUN NN dobj 1 O
. . PUNCT . punct 1 O
"""

RELATIVE = """
Canada Canada PROPN NNP nsubj 7 B-GPE
, , PUNCT , punct 0 O
which which PRON WDT nsubj 3 O
monitored monitor VERB VBD relcl 0 O
Iran Iran PROPN NNP dobj 3 B-GPE
, , PUNCT , punct 0 O
was be AUX VBD aux 7 O
silent silent ADJ JJ ROOT 7 O
. . PUNCT . punct 7 O
"""

COORDINATED = """
Israel Israel PROPN NNP nsubj 3 B-GPE
and and CCONJ CC cc 0 O
Egypt Egypt PROPN NNP conj 0 B-GPE
sanctioned sanction VERB VBD ROOT 3 O
Iran Iran PROPN NNP dobj 3 B-GPE
. . PUNCT . punct 3 O
"""

REPORTED_NEGATED = """
Reuters Reuters PROPN NNP nsubj 1 B-ORG
reported report VERB VBD ROOT 1 O
that that SCONJ IN mark 6 O
Russia Russia PROPN NNP nsubj 6 B-GPE
did do AUX VBD aux 6 O
not not PART RB neg 6 O
hack hack VERB VB ccomp 1 O
Ukraine Ukraine PROPN NNP dobj 6 B-GPE
. . PUNCT . punct 1 O
"""

ATTEMPTED = """
Russia Russia PROPN NNP nsubj 1 B-GPE
tried try VERB VBD ROOT 1 O
to to PART TO aux 3 O
hack hack VERB VB xcomp 1 O
Ukraine Ukraine PROPN NNP dobj 3 B-GPE
. . PUNCT . punct 1 O
"""

PARTICLE = """
Israel Israel PROPN NNP nsubj 1 B-GPE
tipped tip VERB VBD ROOT 1 O
off off ADP RP prt 1 O
Washington Washington PROPN NNP dobj 1 B-GPE
. . PUNCT . punct 1 O
"""

NOMINAL = """
Israel Israel PROPN NNP poss 2 B-GPE
's 's PART POS case 0 O
hack hack NOUN NN nsubj 5 O
of of ADP IN prep 2 O
Kaspersky Kaspersky PROPN NNP pobj 3 B-ORG
surprised surprise VERB VBD ROOT 5 O
analysts analyst NOUN NNS dobj 5 O
. . PUNCT . punct 5 O
"""

TITLE = """
Kremlin Kremlin PROPN NNP compound 1 B-ORG
spokesman spokesman NOUN NN compound 3 O
Dmitry Dmitry PROPN NNP compound 3 B-PERSON
Peskov Peskov PROPN NNP nsubj 4 I-PERSON
spoke speak VERB VBD ROOT 4 O
. . PUNCT . punct 4 O
"""

ACCORDING = """
Iran Iran PROPN NNP nsubj 1 B-GPE
attacked attack VERB VBD ROOT 1 O
Aramco Aramco PROPN NNP dobj 1 B-ORG
, , PUNCT , punct 1 O
according accord VERB VBG prep 1 O
to to ADP IN prep 4 O
Reuters Reuters PROPN NNP pobj 5 B-ORG
. . PUNCT . punct 1 O
"""


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (ACTIVE, ("Israel", "hacked", "Kaspersky", False, "asserted", None)),
        (PASSIVE, ("Israel", "hacked", "Kaspersky", False, "asserted", None)),
        (OWNER, ("Israel", "hacked", "Kaspersky", False, "asserted", None)),
        (RELATIVE, ("Canada", "spiedOn", "Iran", False, "asserted", None)),
        (COORDINATED, ("Egypt", "sanctioned", "Iran", False, "asserted", None)),
        (COORDINATED, ("Israel", "sanctioned", "Iran", False, "asserted", None)),
        (REPORTED_NEGATED, ("Russia", "hacked", "Ukraine", True, "asserted", "Reuters")),
        (ATTEMPTED, ("Russia", "hacked", "Ukraine", False, "attempted", None)),
        (PARTICLE, ("Israel", "tippedOff", "Washington", False, "asserted", None)),
        (NOMINAL, ("Israel", "hacked", "Kaspersky", False, "asserted", None)),
        (TITLE, ("Dmitry Peskov", "memberOf", "Kremlin", False, "asserted", None)),
        (ACCORDING, ("Iran", "attacked", "Aramco", False, "asserted", "Reuters")),
    ],
    ids=[
        "active",
        "passive",
        "owner",
        "relative",
        "coord-1",
        "coord-2",
        "reported-negated",
        "attempted",
        "particle",
        "nominal",
        "title",
        "according-to",
    ],
)
def test_patterns_find_relation(spec: str, expected: tuple) -> None:
    assert expected in triples(spec)


def test_patterns_passive_is_not_reversed() -> None:
    found = {(s, p, o) for s, p, o, *_ in triples(PASSIVE)}
    assert ("Kaspersky", "hacked", "Israel") not in found


def test_patterns_no_actors_no_relations() -> None:
    spec = """
    It it PRON PRP nsubj 1 O
    hacked hack VERB VBD ROOT 1 O
    nothing nothing PRON NN dobj 1 O
    . . PUNCT . punct 1 O
    """
    assert triples(spec) == set()


def test_patterns_pronoun_resolves_to_earlier_actor() -> None:
    spec = """
    Kaspersky Kaspersky PROPN NNP nsubj 1 B-ORG
    said say VERB VBD ROOT 1 O
    Israel Israel PROPN NNP nsubj 3 B-GPE
    hacked hack VERB VBD ccomp 1 O
    it it PRON PRP dobj 3 O
    . . PUNCT . punct 1 O
    """
    found = triples(spec)
    assert ("Israel", "hacked", "Kaspersky", False, "asserted", "Kaspersky") in found
