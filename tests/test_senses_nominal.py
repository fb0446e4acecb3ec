"""Nominal relations by construction, sentence by sentence, through the real pipeline.

``tests/data/senses_nominal.yaml`` holds, for every predicate of the inventory,
news-style sentences of our own that state the relation with an event or relational
noun ("the hack of X by Y", "Y's attack on X", "allegations from X against Y", "ties
between X and Y", "accusations that Y hacked X") and vary how the noun takes its
arguments: prepositions, possessive, compound, nationality adjective, hyphenated
modifier, that-clause, and the noun as the object or subject of a light or support
verb (issue 11). A case may name another ``predicate`` than its section. A sentence
the pipeline still misses carries its reason as ``xfail`` and runs strict.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from test_senses import _matches, _names

from kg.inventory import load_relations
from kg.models import Article

SUITE = Path(__file__).parent / "data" / "senses_nominal.yaml"
CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(SUITE.read_text(encoding="utf-8"))


def _params() -> list[Any]:
    params = []
    for section, cases in CASES.items():
        for number, case in enumerate(cases):
            xfail = case.get("xfail")
            marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
            predicate = case.get("predicate", section)
            params.append(pytest.param(predicate, case, id=f"{section}-{number}", marks=marks))
    return params


def test_every_predicate_has_three_nominal_sentences():
    assert set(CASES) == set(load_relations()["predicates"])
    assert all(len(cases) >= 3 for cases in CASES.values())
    assert all(len(case["expect"]) == 2 for cases in CASES.values() for case in cases)


@pytest.mark.parametrize(("predicate", "case"), _params())
def test_nominal_sentence_states_its_relation(extractor, predicate: str, case: dict[str, Any]):
    subject, obj = (_names(extractor, name) for name in case["expect"])
    relations = extractor.extract(Article("nominal", case["text"])).relations
    found = [r for r in relations if _matches(r, predicate, subject, obj)]
    got = sorted((r.subject.label, r.predicate, r.object.label, r.negated) for r in relations)
    assert found, f"{case['text']!r} gave {got}"
    assert any(r.negated == bool(case.get("negated")) for r in found), got
