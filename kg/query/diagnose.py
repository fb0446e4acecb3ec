"""Why a preset found nothing, in one line: no such actor (did you mean ...), no dated
relations for this actor, an outlet or predicate the graph does not hold, ...

:func:`why_empty` asks the same store or endpoint a few small questions, with values
bound as RDF terms as the presets bind them, so it works wherever the preset ran.
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Callable, Mapping

import pyoxigraph as ox

from kg.query.results import QueryResult

Ask = Callable[[str], QueryResult]
"""Runs one SPARQL query on the store or endpoint the preset ran on."""

_NAMES = """
SELECT DISTINCT ?name WHERE {
  { GRAPH ?g { ?x rdfs:label ?name } } UNION { GRAPH ?g { ?x skos:altLabel ?name } }
  FILTER EXISTS { GRAPH ?h { ?a kg:subject|kg:object ?x } }
}"""

_ACTOR = """
SELECT ?label (COUNT(DISTINCT ?a) AS ?relations) (COUNT(DISTINCT ?dated) AS ?dated_relations)
WHERE {
  { SELECT DISTINCT ?x WHERE {
      VALUES ?wanted { %s }
      { GRAPH ?gn { ?x rdfs:label ?alias } } UNION { GRAPH ?gn { ?x skos:altLabel ?alias } }
      FILTER(LCASE(STR(?alias)) = LCASE(STR(?wanted)))
  } }
  OPTIONAL { GRAPH ?gl { ?x rdfs:label ?label } }
  OPTIONAL {
    GRAPH ?g { ?a a kg:Assertion ; kg:subject|kg:object ?x ; prov:wasDerivedFrom ?article }
    OPTIONAL { GRAPH ?g { ?a kg:eventDate ?event } }
    OPTIONAL { GRAPH ?g { ?article schema:datePublished ?published } }
    BIND(IF(BOUND(?event) || BOUND(?published), ?a, ?nothing) AS ?dated)
  }
}
GROUP BY ?label"""

_KEYS = "ASK { GRAPH ?g { ?x kg:key ?key } }"

_SUMMARY = "ASK { GRAPH ?g { ?x a kg:RelationSummary } }"
_SUMMARY_TERMS = """ASK {
  GRAPH ?g { ?a kg:negated false ; kg:summary ?r }
  FILTER NOT EXISTS { GRAPH ?s { ?r kg:assertionCount ?n } }
}"""
"""True when an unnegated relation's summary node lacks format 4's terms and counts."""
READS_SUMMARY = ("who-did-what", "top-actors", "new-since")

OLDER_STORE = (
    "this store was built by an older kg and has no {what}: run kg build on it once to add "
    "{them} (a store is brought up to date when opened for writing)"
)

_OUTLETS = "SELECT DISTINCT ?outlet WHERE { GRAPH ?g { ?article kg:outlet ?outlet } }"

_LATEST = """
SELECT (MAX(STR(?date)) AS ?latest) (COUNT(DISTINCT ?article) AS ?dated) WHERE {
  GRAPH ?g { ?article schema:datePublished ?date }
}"""

_DISPUTE_PARTS = """
SELECT (COUNT(DISTINCT ?acc) AS ?accusations) (COUNT(DISTINCT ?den) AS ?denials) WHERE {
  { GRAPH ?g { ?acc kg:predicate ?p ; kg:negated false } VALUES ?p { kg:accused kg:blamed } }
  UNION
  { GRAPH ?g { ?den kg:predicate kg:denied } }
}"""

_ASSERTIONS = "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Assertion } }"


def _first(ask: Ask, query: str) -> dict[str, str | None]:
    rows = ask(query).dicts()
    return rows[0] if rows else {}


def _did_you_mean(wanted: str, names: list[str]) -> str:
    """`` (did you mean A, B?)`` for the nearest names, or "" when none is near."""
    folded = {name.casefold(): name for name in names}
    key = wanted.casefold()
    near = [folded[n] for n in difflib.get_close_matches(key, list(folded), n=3, cutoff=0.6)]
    near += sorted(name for fold, name in folded.items() if key in fold and name not in near)
    return f"; did you mean {', '.join(near[:3])}?" if near else ""


def _actor(ask: Ask, name: str, preset: str) -> str | None:
    """Why an actor preset is empty, or None when the actor's relations should show."""
    row = _first(ask, _ACTOR % ox.Literal(name))
    if not row:
        names = [r["name"] for r in ask(_NAMES).dicts() if r["name"]]
        return f"no actor called {name!r} takes part in a relation{_did_you_mean(name, names)}"
    label = row.get("label") or name
    relations = int(row.get("relations") or 0)
    if relations == 0:
        return f"{label} is named in the articles but takes part in no relation"
    if not ask(_KEYS).boolean:
        return f"{label} takes part in {relations} relation(s), but " + OLDER_STORE.format(
            what="kg:key look-up labels", them="them"
        )
    if preset == "timeline" and int(row.get("dated_relations") or 0) == 0:
        return (
            f"no dated relations for {label}: its {relations} relation(s) come from articles "
            "without a publication date, and their sentences give no date "
            f"(kg query --preset actor --param {shlex.quote('name=' + name)} lists them undated)"
        )
    return None


def why_empty(preset: str, values: Mapping[str, str], ask: Ask) -> str:
    """One line saying why ``preset`` with ``values`` gave no rows.

    Args:
        preset: the preset's name.
        values: its parameters, as given on the command line.
        ask: runs a query where the preset ran and returns the result.

    Example:
        >>> why_empty("timeline", {"name": "Isreal"}, ask)  # doctest: +SKIP
        "no actor called 'Isreal' takes part in a relation; did you mean Israel?"
    """
    if int(_first(ask, _ASSERTIONS).get("n") or 0) == 0:
        return "the graph holds no relations yet: run kg build first"
    if preset in READS_SUMMARY and not ask(_SUMMARY).boolean:
        return OLDER_STORE.format(what="summary graph", them="it")
    if preset in READS_SUMMARY[1:] and ask(_SUMMARY_TERMS).boolean:
        return OLDER_STORE.format(what="relation terms in its summary graph", them="them")
    for param in ("name", "actor"):
        if values.get(param):
            reason = _actor(ask, values[param], preset)
            if reason:
                return reason
    if preset == "disputes":
        parts = _first(ask, _DISPUTE_PARTS)
        who = f"involving {values['actor']} " if values.get("actor") else ""
        return (
            f"no accusation {who}is met by a denial from the accused or one who answers for "
            f"it ({parts.get('accusations') or 0} accusations, {parts.get('denials') or 0} "
            "denials in the graph)"
        )
    if values.get("predicate"):
        from kg.inventory import predicates

        known = list(predicates())
        if values["predicate"] not in known:
            near = _did_you_mean(values["predicate"], known)
            return f"{values['predicate']!r} is not one of the 25 predicates{near}"
        return f"no relation with predicate {values['predicate']} in the graph"
    if values.get("outlet"):
        outlets = [r["outlet"] for r in ask(_OUTLETS).dicts() if r["outlet"]]
        if values["outlet"].casefold() not in {o.casefold() for o in outlets}:
            near = _did_you_mean(values["outlet"], outlets)
            return f"no articles from an outlet called {values['outlet']!r}{near}"
    if preset == "new-since" and values.get("since"):
        latest = _first(ask, _LATEST)
        if not int(latest.get("dated") or 0):
            return "no article in the graph has a publication date"
        return f"nothing first reported after {values['since']}: the latest article is dated " + (
            latest.get("latest") or "?"
        )
    if preset == "timeline":
        return "no dated relations for this actor"
    return f"preset {preset} found no rows"
