"""A definite plural description ("the three companies", "these firms") refers to the
latest coordinated list of names of its type before it, of as many names as it counts.
Hand-built Docs (no model): word lemma POS TAG dep head ENT, as in tests/hand_docs.py."""

from __future__ import annotations

import pytest
from test_extract_coref import article, resolved

from kg.extract import coref

THREE_COMPANIES = """
Yahoo Yahoo PROPN NNP nsubjpass 6 B-ORG
, , PUNCT , punct 0 O
Google Google PROPN NNP conj 0 B-ORG
and and CCONJ CC cc 2 O
Apple Apple PROPN NNP conj 2 B-ORG
were be AUX VBD auxpass 6 O
hacked hack VERB VBN ROOT 6 O
. . PUNCT . punct 6 O
The the DET DT det 10 O
{count} {count} NUM CD nummod 10 O
companies company NOUN NNS nsubj 11 O
notified notify VERB VBD ROOT 11 O
the the DET DT det 13 O
FBI FBI PROPN NNP dobj 11 B-ORG
. . PUNCT . punct 11 O
"""

COMPANIES = {"Yahoo": "Company", "Google": "Company", "Apple": "Company"}


def test_coref_plural_sets_the_three_companies_are_the_three_named():
    art = article(THREE_COMPANIES.format(count="three"), **COMPANIES)
    found = resolved(coref.plural_sets(art), art.doc)
    assert sorted(found["The three companies"]) == ["Apple", "Google", "Yahoo"]


@pytest.mark.parametrize("count", ["four", "one"])
def test_coref_plural_sets_a_count_that_does_not_match_resolves_nothing(count):
    art = article(THREE_COMPANIES.format(count=count), **COMPANIES)
    assert coref.plural_sets(art) == []


def test_coref_plural_sets_a_list_of_another_type_resolves_nothing():
    art = article(THREE_COMPANIES.format(count="three"), **{**COMPANIES, "Apple": "Person"})
    assert coref.plural_sets(art) == []  # a person in the list: no three firms


THESE_FIRMS = """
Yahoo Yahoo PROPN NNP nsubjpass 4 B-ORG
and and CCONJ CC cc 0 O
Google Google PROPN NNP conj 0 B-ORG
were be AUX VBD auxpass 4 O
hacked hack VERB VBN ROOT 4 O
. . PUNCT . punct 4 O
These these DET DT det 7 O
firms firm NOUN NNS nsubj 8 O
blamed blame VERB VBD ROOT 8 O
Russia~ Russia PROPN NNP dobj 8 B-GPE
. . PUNCT . punct 8 O
"""

APPLE_BETWEEN = """
Yahoo Yahoo PROPN NNP nsubjpass 4 B-ORG
and and CCONJ CC cc 0 O
Google Google PROPN NNP conj 0 B-ORG
were be AUX VBD auxpass 4 O
hacked hack VERB VBN ROOT 4 O
. . PUNCT . punct 4 O
Apple Apple PROPN NNP nsubj 7 B-ORG
was be AUX VBD ROOT 7 O
not not PART RB neg 7 O
. . PUNCT . punct 7 O
These these DET DT det 11 O
firms firm NOUN NNS nsubj 12 O
blamed blame VERB VBD ROOT 12 O
Russia~ Russia PROPN NNP dobj 12 B-GPE
. . PUNCT . punct 12 O
"""


def test_coref_plural_sets_an_uncounted_description_takes_the_latest_list():
    art = article(THESE_FIRMS, **COMPANIES)
    found = resolved(coref.plural_sets(art), art.doc)
    assert sorted(found["These firms"]) == ["Google", "Yahoo"]
    refs = coref.resolve(art.doc, art.refs)
    assert sorted(r.actor.label for r in refs if r.kind == "coref") == ["Google", "Yahoo"]


def test_coref_plural_sets_another_firm_named_after_the_list_leaves_it_open():
    art = article(APPLE_BETWEEN, **COMPANIES)
    assert coref.plural_sets(art) == []
