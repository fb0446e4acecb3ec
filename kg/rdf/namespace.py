"""The closed vocabulary of the intel-kg ontology (``ontologies/kg.ttl``), and IRI minting.

Terms are declared (in :mod:`kg.rdf.vocab`) as an rdflib ``DefinedNamespace`` with
``_fail = True`` so that a typo fails loudly. Instance IRIs live under a base IRI that the user can
change (``--base-iri``); they are stable: the same actor or article gets the same
IRI on every run.

Graph layout (see README, "The graph"):

* ``<base>graph/ontology``  the ontology itself;
* ``<base>graph/actors``    actors: type, ``skos:prefLabel``/``rdfs:label``,
  ``skos:altLabel`` aliases, ``kg:affiliatedCountry``, ``kg:countryCode``;
* ``<base>graph/article/<slug>``  one named graph per article, holding the article
  node (``schema:NewsArticle``, ``prov:Entity``), its ``kg:Assertion`` nodes, and the
  direct facts (``actor kg:hacked actor``) of its asserted, non-negated relations.
The rdflib terms (``KG``, ``PROV``, ``SCHEMA``, ``IRIs``) live in :mod:`kg.rdf.vocab`
and are imported from there on first use, so that the extractor, which needs only
:func:`slugify` and :func:`actor_id`, does not import rdflib.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

ONTOLOGY_IRI = "https://w3id.org/intel-kg/ontology"
DEFAULT_BASE_IRI = "https://w3id.org/intel-kg/id/"

PREFIXES = {
    "kg": ONTOLOGY_IRI + "#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""The prefixes declared in every query (on any store) and used in Turtle and TriG output."""


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug: ``"Kaspersky Lab"`` -> ``"kaspersky-lab"``.

    >>> slugify("Moscow’s Intelligence — Apparatus!")
    'moscows-intelligence-apparatus'
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if not slug:
        slug = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return slug


def label_key(label: str) -> str:
    """Return the look-up key of a label or alias (``kg:key``): NFKC, case-folded, spaces collapsed.

    A name given to a preset is normalized the same way and matched by equality.

    >>> label_key("  Kaspersky\u00a0LAB ")
    'kaspersky lab'
    """
    return " ".join(unicodedata.normalize("NFKC", label).casefold().split())


def actor_id(label: str) -> str:
    """Return the stable compact id of an actor label (``kg:actor/<slug>``)."""
    return "kg:actor/" + slugify(label)


_LAZY = frozenset({"KG", "PROV", "SCHEMA", "IRIs"})


def __getattr__(name: str) -> Any:
    """``KG``, ``PROV``, ``SCHEMA`` and ``IRIs``, from :mod:`kg.rdf.vocab` on first use."""
    if name in _LAZY:
        from kg.rdf import vocab

        return getattr(vocab, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
