"""The closed inventory of relation predicates, read from the package's copy of relations.json.

This file is the single source of truth for the extractor's triggers, the ontology's
relation properties and the README's relation table.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Predicate:
    """One relation predicate of the inventory."""

    name: str
    family: str
    definition: str
    triggers: tuple[str, ...]


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
    return {
        name: Predicate(name, spec["family"], spec["definition"], tuple(spec["triggers"]))
        for name, spec in data.items()
    }


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
