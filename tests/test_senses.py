"""The trigger lexicon by sense, sentence by sentence, through the real pipeline.

``tests/data/senses.yaml`` holds, for every predicate of the inventory, short
news-style sentences of our own in varied constructions (active, passive with a
by-agent, particle and light verbs, evaluative, nominal, negated, reported), each
with the relation it states. A sentence the pipeline still misses carries its
reason as ``xfail`` and runs strict, so a fix shows up as an unexpected pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.inventory import load_relations
from kg.models import Article, Relation

SENSES = Path(__file__).parent / "data" / "senses.yaml"
CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(SENSES.read_text(encoding="utf-8"))


def _params() -> list[Any]:
    params = []
    for predicate, cases in CASES.items():
        for number, case in enumerate(cases):
            xfail = case.get("xfail")
            marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
            params.append(pytest.param(predicate, case, id=f"{predicate}-{number}", marks=marks))
    return params


def test_every_predicate_has_six_sentences_of_varied_polarity():
    assert set(CASES) == set(load_relations()["predicates"])
    assert all(len(cases) >= 6 for cases in CASES.values())
    assert all(len(case["expect"]) == 2 for cases in CASES.values() for case in cases)
    assert sum(bool(case.get("negated")) for cases in CASES.values() for case in cases) >= 20


def _names(extractor, name: str) -> set[str]:
    """The surface ``name`` and the canonical label the gazetteer gives it."""
    index = extractor.nlp.get_pipe("kg_actors").index
    actor = index.lookup(name)
    return {name.lower()} | ({actor.label.lower()} if actor else set())


def _matches(relation: Relation, predicate: str, subject: set[str], obj: set[str]) -> bool:
    return (
        relation.predicate == predicate
        and {relation.subject.label.lower(), relation.subject.text.lower()} & subject != set()
        and {relation.object.label.lower(), relation.object.text.lower()} & obj != set()
    )


@pytest.mark.parametrize(("predicate", "case"), _params())
def test_sentence_states_its_relation(extractor, predicate: str, case: dict[str, Any]):
    subject, obj = (_names(extractor, name) for name in case["expect"])
    relations = extractor.extract(Article("sense", case["text"])).relations
    found = [r for r in relations if _matches(r, predicate, subject, obj)]
    got = sorted((r.subject.label, r.predicate, r.object.label, r.negated) for r in relations)
    assert found, f"{case['text']!r} gave {got}"
    assert any(r.negated == bool(case.get("negated")) for r in found), got
