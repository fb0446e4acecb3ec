"""Regenerate the relation-property block of ``ontologies/kg.ttl`` from ``relations.json``.

The 25 relation properties and their 5 family super-properties are written
between the ``# BEGIN GENERATED`` and ``# END GENERATED`` markers of kg.ttl; the
rest of the file is written by hand. Run after editing relations.json::

    python ontologies/generate_properties.py

The inventory is read from ``kg/data/relations.json`` (the package copy), or
from the shared spec when the package copy is not there yet.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TTL = HERE / "kg.ttl"
CANDIDATES = (HERE.parent / "kg" / "data" / "relations.json",)
BEGIN = "# BEGIN GENERATED relation properties (ontologies/generate_properties.py)"
END = "# END GENERATED relation properties"


def load_inventory() -> dict:
    """Return the parsed relations.json (package copy first)."""
    for path in CANDIDATES:
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    raise SystemExit("relations.json not found in " + ", ".join(map(str, CANDIDATES)))


def turtle_string(text: str) -> str:
    """Return ``text`` as a Turtle string literal."""
    return json.dumps(text, ensure_ascii=False)


def generate_block(inventory: dict) -> str:
    """Return the Turtle text of the family and relation properties."""
    lines = [BEGIN, ""]
    for family, definition in inventory["families"].items():
        lines += [
            f"kg:{family} a owl:ObjectProperty ;",
            "    rdfs:subPropertyOf kg:relation ;",
            "    a kg:RelationFamily ;",
            f"    rdfs:label {turtle_string(family)}@en ;",
            f"    skos:definition {turtle_string(definition)}@en ;",
            "    rdfs:domain kg:Entity ;",
            "    rdfs:range kg:Entity .",
            "",
        ]
    for name, spec in inventory["predicates"].items():
        triggers = ", ".join(turtle_string(t) + "@en" for t in spec.get("triggers", []))
        lines += [
            f"kg:{name} a owl:ObjectProperty ;",
            f"    rdfs:subPropertyOf kg:{spec['family']} ;",
            f"    kg:family kg:{spec['family']} ;",
            f"    rdfs:label {turtle_string(name)}@en ;",
            f"    skos:definition {turtle_string(spec['definition'])}@en ;",
            "    rdfs:domain kg:Entity ;",
            "    rdfs:range kg:Entity" + (" ;" if triggers else " ."),
        ]
        if triggers:
            lines.append(f"    kg:trigger_word {triggers} .")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def main() -> int:
    """Rewrite the generated block of kg.ttl in place."""
    text = TTL.read_text(encoding="utf-8")
    head, sep, rest = text.partition(BEGIN)
    if not sep or END not in rest:
        raise SystemExit(f"{TTL}: markers {BEGIN!r} / {END!r} not found")
    tail = rest.split(END, 1)[1]
    TTL.write_text(head + generate_block(load_inventory()) + tail, encoding="utf-8")
    print(f"wrote {TTL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
