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
