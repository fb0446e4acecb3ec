"""The closed inventory of relation predicates, read from the package's copy of relations.json.

This file is the single source of truth for the extractor's triggers, the ontology's
relation properties and the README's relation table.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import KGError

RULE_PROPERTIES: dict[str, str] = {
    "people_object": "accepts an unnamed People object ('hacked activists', 'spied on dissidents')",
    "taking": "its agent takes or exposes the thing, not owns it ('documents stolen by X')",
    "object_control": "a verb without an object takes the agent of its clause ('saw X steal Y')",
    "clause_marks": "conjunctions (null: none) of a complement clause whose agent is the object",
    "accusation": "is an accusation: a later denial by its object answers its subject",
    "denies": "the predicate a denial rejects: denied(A, B) answers <denies>(B, A)",
    "symmetric": "holds both ways: coordinated subjects relate to each other",
    "subsumed_by": "dropped for the same pair when this more specific predicate holds",
    "owned_form": "the predicate when a reveal verb's object is someone's material",
    "ceased_form": "the predicate when the act is stopped or forbidden ('stop using Y')",
    "membership": "ties a member to the body it belongs to, whose state speaks for it",
    "activity_object": "an operation as its object stands for the operation's agent "
    "('detected an intrusion by X', 'is investigating the Russian hack')",
    "event_blame": "places an event on its object: 'blamed the hack on X', 'attributed E to X'",
    "judgement": "the predicate of evaluations: 'called X's claims absurd', 'condemned X'",
    "directive": "its verbs order a to-infinitive: 'ordered agencies to stop using Y'",
    "report_object": "a report as object stands for its subjects: 'exposed the hackers of X'",
    "location": "where an actor is: 'operates out of Moscow', 'Moscow-based', 'from Russia'",
    "keeps_bare_sense": "its bare sense counts beside a prepositional one ('stole X from Y')",
    "deed_object": "an event noun as its object stands for its agent ('exposed X's spying')",
    "prohibition": "the predicate of not letting an actor act ('will not allow X to build Y')",
    "operation": "its subject did an operation that a later 'the attack' / 'the breach' "
    "refers back to ('the FBI is investigating the breach')",
    "partnership": "the predicate of acting with another: handing over ('passed secrets to Y'), "
    "'a joint statement with Y', 'at the request of Y'",
    "sponsorship": "the predicate of acting for a backer: 'X-backed', 'on behalf of Y'",
    "targeting": "the predicate of making a victim: 'X was the target of Y', 'X paid the "
    "hackers' (a ransom)",
    "suspicion": "a suspicion verb's 'that' clause: 'S suspected that O hacked Y'",
    "listing": "putting its object on a list of exclusion: 'added X to the entity list'",
    "departure": "ordering its object to leave: 'ordered X to leave the country'",
    "threat_complement": "the objects of what its verb threatens to do, and who must act to "
    "avert it, are its objects: 'threatened to leak X's data', '... unless Y paid'",
    "legal_act": "an act in law whose agentless passive ('X was charged') was done by the "
    "article's one earlier doer of that act",
}
"""The per-predicate properties that extraction rules read (``rules`` of relations.json)."""


class InventoryError(KGError):
    """relations.json has an entry that the extractor cannot use."""


@dataclass(frozen=True)
class Predicate:
    """One relation predicate of the inventory."""

    name: str
    family: str
    definition: str
    triggers: tuple[str, ...]
    rules: dict[str, Any] = field(default_factory=dict, compare=False)
    """Properties read by the extraction rules (keys of :data:`RULE_PROPERTIES`)."""


@cache
def load_relations() -> dict:
    """Return the parsed ``kg/data/relations.json`` (families and predicates).

    The environment variable ``KG_RELATIONS`` names another copy to read instead,
    for trying out a new predicate before it is added to the package.

    >>> "hacked" in load_relations()["predicates"]
    True
    """
    override = os.environ.get("KG_RELATIONS")
    if override:  # a development copy with a predicate being added (see the README)
        return json.loads(Path(override).read_text(encoding="utf-8"))
    text = resources.files("kg").joinpath("data/relations.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def predicates() -> dict[str, Predicate]:
    """Return the 25 predicates by name, in inventory order."""
    data = load_relations()["predicates"]
    found = {}
    for name, spec in data.items():
        rules = dict(spec.get("rules", {}))
        for key, value in rules.items():
            if key not in RULE_PROPERTIES:
                allowed = ", ".join(RULE_PROPERTIES)
                raise InventoryError(
                    f"relations.json: {name}: unknown rule property {key!r} (use one of {allowed})"
                )
            if isinstance(value, str) and value not in data:
                raise InventoryError(f"relations.json: {name}: {key} names no predicate {value!r}")
        found[name] = Predicate(
            name, spec["family"], spec["definition"], tuple(spec["triggers"]), rules
        )
    return found


def with_rule(prop: str) -> frozenset[str]:
    """Return the predicates whose rule property ``prop`` is set (true, or a value).

    >>> sorted(with_rule("symmetric"))
    ['cooperatedWith']
    """
    if prop not in RULE_PROPERTIES:
        raise KeyError(prop)
    return frozenset(name for name, p in predicates().items() if p.rules.get(prop))


def rule(predicate: str, prop: str) -> Any:
    """Return the value of rule property ``prop`` of ``predicate`` (None when unset).

    >>> rule("revealed", "owned_form")
    'leaked'
    """
    if prop not in RULE_PROPERTIES:
        raise KeyError(prop)
    return predicates()[predicate].rules.get(prop)


def the_predicate(prop: str) -> str:
    """Return the one predicate with rule property ``prop`` ("denies" -> "denied").

    >>> the_predicate("denies")
    'denied'
    """
    names = sorted(with_rule(prop))
    if len(names) != 1:
        raise InventoryError(f"relations.json: exactly one predicate must set {prop!r}: {names}")
    return names[0]


@cache
def families() -> dict[str, str]:
    """Return the 5 relation families with their descriptions."""
    return dict(load_relations()["families"])


def markdown_table() -> str:
    """Return the inventory as the Markdown table that the README shows."""
    lines = [
        "| predicate | family | definition | example triggers |",
        "| --- | --- | --- | --- |",
    ]
    for p in predicates().values():
        triggers = ", ".join(p.triggers[:5])
        lines.append(f"| `{p.name}` | {p.family} | {p.definition} | {triggers} |")
    return "\n".join(lines)
