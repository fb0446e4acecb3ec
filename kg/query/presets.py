"""Analyst presets: SPARQL queries shipped as ``presets/*.rq``, with declared parameters.

A preset file is plain SPARQL that runs as it is in any SPARQL tool. Its leading
comment block describes it::

    # Relations for one actor, oldest first.
    #
    # @param name    string  required  the actor's label or one of its aliases

and its WHERE clause holds a ``# @values`` comment line and uses parameter ``name``
as the variable ``?param_name``. Binding parameters replaces that comment with a
``VALUES`` row whose cells are RDF terms written by
pyoxigraph (quotes, backslashes and new lines escaped), so a value is only ever
data: ``} ; DROP ALL ; {`` stays one string literal. Optional parameters that are
not given are ``UNDEF``. A parameter of type ``key`` is a name, bound as its
normalized look-up key (:func:`kg.rdf.namespace.label_key`) and matched against the
``kg:key`` literals of actors by equality.

The presets read named graphs with ``GRAPH ?g { }`` so they give the same rows on
the embedded store, ``kg serve``, Virtuoso and Fuseki whatever each server takes
its default graph to be.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf.namespace import label_key

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("string", "key", "date", "integer", "iri")
VALUES_MARKER = re.compile(r"^[ \t]*# @values[ \t]*$", re.MULTILINE)
_PARAM_LINE = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)\s+(required|optional)\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """One declared preset parameter."""

    name: str
    type: str
    required: bool
    help: str

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for a value given on the command line, checked against the type."""
        if self.type == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise QueryError(
                    f"parameter {self.name}: {value!r} is not a date (YYYY-MM-DD)"
                ) from None
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value):
                raise QueryError(f"parameter {self.name}: {value!r} is not an integer")
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
        if self.type == "key":  # a name matched against kg:key by equality
            return ox.Literal(label_key(value))
        if self.type == "iri":
            try:
                return ox.NamedNode(value)
            except ValueError as exc:
                raise QueryError(f"parameter {self.name}: {value!r} is not an IRI: {exc}") from None
        return ox.Literal(value)


@dataclass(frozen=True)
class Preset:
    """A named query with its description and parameters."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str

    def usage(self) -> str:
        """One line per parameter: ``name (type, required): help``."""
        if not self.params:
            return "no parameters"
        return "; ".join(
            f"{p.name} ({p.type}, {'required' if p.required else 'optional'}): {p.help}"
            for p in self.params
        )

    def bind(self, values: Mapping[str, str] | None = None) -> str:
        """Return the query text with ``values`` bound in a VALUES row.

        Raises:
            QueryError: for an unknown or missing parameter, or a value of the wrong type.

        >>> p = get_preset("actor")
        >>> 'VALUES (?param_name) { ("x\\\\"y") }' in p.bind({"name": 'X"Y'})
        True
        """
        values = dict(values or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(
                f"preset {self.name} has no parameter {', '.join(unknown)}; "
                f"its parameters: {self.usage()}"
            )
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryError(
                f"preset {self.name} needs --param {missing[0]}=VALUE; "
                f"its parameters: {self.usage()}"
            )
        if not self.params:
            return self.text
        names = " ".join("?param_" + p.name for p in self.params)
        cells = " ".join(
            str(p.term(values[p.name])) if p.name in values else "UNDEF" for p in self.params
        )
        row = f"VALUES ({names}) {{ ({cells}) }}"
        # a function as replacement: backslashes in the row are not group references
        return VALUES_MARKER.sub(lambda _: row, self.text, count=1)


def parse_preset(name: str, text: str) -> Preset:
    """Read a preset's description and ``@param`` lines from its leading comment block."""
    description: list[str] = []
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM_LINE.match(line)
        if match:
            pname, ptype, need, help_ = match.groups()
            if ptype not in PARAM_TYPES:
                raise QueryError(f"preset {name}: parameter {pname} has unknown type {ptype}")
            params.append(Param(pname, ptype, need == "required", help_.strip()))
        elif line.strip("# ") and not params:
            description.append(line.lstrip("#").strip())
    if params and not VALUES_MARKER.search(text):
        raise QueryError(f"preset {name} declares parameters but has no '# @values' line")
    return Preset(name, " ".join(description), tuple(params), text)


def list_presets() -> list[Preset]:
    """Every shipped preset, sorted by name."""
    folder = resources.files("kg.query") / "presets"
    return sorted(
        (
            parse_preset(entry.name.removesuffix(".rq"), entry.read_text(encoding="utf-8"))
            for entry in folder.iterdir()
            if entry.name.endswith(".rq")
        ),
        key=lambda preset: preset.name,
    )


def get_preset(name: str) -> Preset:
    """The preset called ``name``.

    Raises:
        QueryError: naming the valid presets when there is none of that name.
    """
    presets = {preset.name: preset for preset in list_presets()}
    if name not in presets:
        raise QueryError(f"no preset {name!r}; the presets are: {', '.join(presets)}")
    return presets[name]
