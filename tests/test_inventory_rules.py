"""Predicate properties of relations.json ("rules"): read by the extraction rules, validated."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from new_predicate import extract_with_predicate

from kg import inventory
from kg.inventory import RULE_PROPERTIES, InventoryError, rule, the_predicate, with_rule


def _shipped_relations() -> dict:
    text = resources.files("kg").joinpath("data/relations.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_inventory_rules_use_known_properties_and_name_real_predicates():
    data = _shipped_relations()["predicates"]
    for name, spec in data.items():
        for key, value in spec.get("rules", {}).items():
            assert key in RULE_PROPERTIES, (name, key)
            if isinstance(value, str):
                assert value in data, (name, key, value)


@pytest.mark.parametrize(
    ("prop", "expected"),
    [
        ("symmetric", {"cooperatedWith"}),
        ("accusation", {"accused", "blamed", "charged"}),
        ("people_object", {"hacked", "attacked", "spiedOn", "stole", "leaked", "tippedOff"}),
    ],
)
def test_inventory_with_rule_reads_the_shipped_properties(prop, expected):
    assert with_rule(prop) == expected


def test_inventory_rule_values():
    assert rule("revealed", "owned_form") == "leaked"
    assert rule("used", "ceased_form") == "banned"
    assert rule("hacked", "owned_form") is None
    assert the_predicate("denies") == "denied"
    with pytest.raises(KeyError):
        with_rule("no-such-property")


def test_inventory_unknown_rule_property_is_an_error(tmp_path: Path, monkeypatch):
    relations = _shipped_relations()
    relations["predicates"]["hacked"]["rules"] = {"symetric": True}
    path = tmp_path / "relations.json"
    path.write_text(json.dumps(relations), encoding="utf-8")
    monkeypatch.setenv("KG_RELATIONS", str(path))
    inventory.load_relations.cache_clear()
    inventory.predicates.cache_clear()
    try:
        with pytest.raises(InventoryError, match="hacked: unknown rule property 'symetric'"):
            inventory.predicates()
    finally:
        monkeypatch.delenv("KG_RELATIONS")
        inventory.load_relations.cache_clear()
        inventory.predicates.cache_clear()


def _extract(tmp_path: Path, rules: dict) -> set[tuple[str, str, str]]:
    """``kg extract`` (a fresh process) with a new predicate negotiatedWith and its sense."""
    entry = {
        "family": "affiliation",
        "definition": "S negotiated with O",
        "triggers": ["negotiate", "bargain with"],  # "negotiate" alone: a bare sense too
        "rules": rules,
    }
    sense = (
        "  - predicate: negotiatedWith\n    words: negotiate bargain\n"
        '    prep: "with"\n    example: "Germany negotiated with France."\n'
    )
    text = "Norway bargained with Sweden for a week. Later Iran and Syria negotiated."
    return extract_with_predicate(tmp_path, "negotiatedWith", entry, sense, text)


def test_inventory_new_predicate_with_a_rule_property_is_extracted(tmp_path: Path):
    """A new predicate is one relations.json entry plus a lexicon sense; its ``symmetric``
    property (and nothing in the Python rules) relates coordinated subjects to each other."""
    symmetric = _extract(tmp_path, {"symmetric": True})
    assert symmetric == {
        ("Norway", "negotiatedWith", "Sweden"),
        ("Iran", "negotiatedWith", "Syria"),
        ("Syria", "negotiatedWith", "Iran"),
    }
    plain = _extract(tmp_path, {})
    assert plain == {("Norway", "negotiatedWith", "Sweden")}
