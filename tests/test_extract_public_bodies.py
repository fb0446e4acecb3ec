"""Unnamed public bodies in a country are that state's: "Turla targeted government agencies
in Poland" attacks Poland, but "companies in Poland" are only located there. Hand-built
Docs with the shipped gazetteer (it types Poland a Country), so only the rules run."""

from __future__ import annotations

from test_extract_patterns import triples

from kg.extract.actors import ActorIndex

AGENCIES_IN = """
Turla Turla PROPN NNP nsubj 1 B-ORG
targeted target VERB VBD ROOT 1 O
government government NOUN NN compound 3 O
agencies agency NOUN NNS dobj 1 O
in in ADP IN prep 3 O
Poland~ Poland PROPN NNP pobj 4 B-GPE
. . PUNCT . punct 1 O
"""

COMPANIES_IN = """
Turla Turla PROPN NNP nsubj 1 B-ORG
targeted target VERB VBD ROOT 1 O
companies company NOUN NNS dobj 1 O
in in ADP IN prep 2 O
Poland~ Poland PROPN NNP pobj 3 B-GPE
. . PUNCT . punct 1 O
"""


def attacked(spec: str) -> set[str]:
    return {o for _, p, o, *_ in triples(spec, actors=ActorIndex.load()) if p == "attacked"}


def test_government_agencies_in_a_country_are_that_states():
    assert "Poland" in attacked(AGENCIES_IN)


def test_companies_in_a_country_are_only_located_there():
    assert "Poland" not in attacked(COMPANIES_IN)
