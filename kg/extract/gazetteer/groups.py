"""The descriptive-group grammar: actors built from phrases ("Russian government hackers").

See :func:`descriptive_group` for the grammar, labels and types.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from kg.errors import GazetteerError
from kg.extract.gazetteer.surface import _POSSESSIVE, _QUOTES
from kg.models import Actor
from kg.rdf.namespace import actor_id

if TYPE_CHECKING:
    from kg.extract.gazetteer.core import Gazetteer


@dataclass(frozen=True)
class _Head:
    label: str
    type: str


def _load_grammar() -> dict[str, Any]:
    """The word tables of the grammar, from ``kg/data/gazetteer/groups.yaml``."""
    path = resources.files("kg").joinpath("data/gazetteer/groups.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    missing = sorted(_GRAMMAR_KEYS - set(data))
    if missing:
        raise GazetteerError(f"gazetteer/groups.yaml: missing {', '.join(missing)}")
    return data


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_GRAMMAR_KEYS = frozenset(
    {
        "prefixes", "determiners", "heads", "singular", "intelligence_collectives",
        "collective_tails", "modifiers", "affiliation_suffixes", "sponsoring_suffixes",
        "state_bodies", "roles", "leader_governments",
    }
)  # fmt: skip
_GRAMMAR = _load_grammar()


def _heads() -> dict[str, _Head]:
    table: dict[str, _Head] = {}
    for type_, plurals in _GRAMMAR["heads"].items():
        for plural in plurals:
            label = "intelligence" if plural in _INTELLIGENCE_COLLECTIVES else plural
            head = _Head(label, type_)
            table[plural] = head
            if plural in _GRAMMAR["singular"]:
                table[_GRAMMAR["singular"][plural]] = head
    return table


_INTELLIGENCE_COLLECTIVES = frozenset(_GRAMMAR["intelligence_collectives"])
_COLLECTIVE_TAILS = frozenset(_GRAMMAR["collective_tails"].split())
_LEADER_GOVERNMENTS = frozenset(_GRAMMAR["leader_governments"].split())
_GROUP_HEADS = _heads()
_GROUP_MODIFIERS: dict[str, str] = dict(_GRAMMAR["modifiers"])
_LEADING_MODIFIERS = frozenset(m for m in _GROUP_MODIFIERS if "-" in m)
"""Modifiers that may come before the nationality: "state-backed Iranian hackers"."""
_AFFILIATION_SUFFIXES = "|".join(_GRAMMAR["affiliation_suffixes"].split())
_BACKED = re.compile(rf"(.+?)-({_AFFILIATION_SUFFIXES})", re.IGNORECASE)
_SPONSORING = frozenset(_GRAMMAR["sponsoring_suffixes"].split())
_GROUP_PREFIXES = frozenset(_GRAMMAR["prefixes"].split())
_DETERMINERS = frozenset(_GRAMMAR["determiners"].split())
_STATE_BODY_FORMS: dict[str, list[str]] = _GRAMMAR["state_bodies"]
_ROLE_FORMS: dict[str, list[str]] = _GRAMMAR["roles"]
_ROLES = {form: canonical for canonical, forms in _ROLE_FORMS.items() for form in forms}

_STATE_BODIES = {
    form: canonical for canonical, forms in _STATE_BODY_FORMS.items() for form in forms
}
_BODY_ALTERNATION = "|".join(re.escape(f) for f in sorted(_STATE_BODIES, key=len, reverse=True))
_BODY_AFTER = re.compile(rf"(?P<q>.+?)(?:'s)? (?P<body>{_BODY_ALTERNATION})$", re.IGNORECASE)
_BODY_BEFORE = re.compile(
    rf"(?P<body>{_BODY_ALTERNATION}) (?:of|in) (?:the )?(?P<q>.+)$", re.IGNORECASE
)


def _words(text: str | Iterable[str]) -> list[str]:
    if isinstance(text, str):
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES).split()
    words = [w for w in (t.strip() for t in text) if w]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    merged: list[str] = []
    for word in words:
        if word in ("'s", "'S") and merged:
            merged[-1] += word
        else:
            merged.append(word)
    return [w for w in merged if w]


def descriptive_group(gaz: Gazetteer, text: str | Iterable[str]) -> Actor | None:
    """Build the canonical actor of a descriptive group phrase, or return None.

    Grammar (after dropping a leading determiner or quantifier such as "the",
    "a", "some", "senior", "top", "several"):
    ``QUALIFIER [MODIFIER...] HEAD`` where QUALIFIER is a demonym ("Russian")
    or a country name, alias or acronym ("US", "U.S.", "Russia's"), MODIFIER
    is one of government, state, military, intelligence, security, cyber,
    law enforcement, state-sponsored (state-backed, government-backed, ...
    are spelled state-sponsored) and HEAD is a plural or singular person noun
    (hackers, spies, operatives, officials, officers, agents, authorities,
    prosecutors, investigators, diplomats, ...) or a collective
    ("intelligence", "intelligence services", "military").

    The label is ``<adjective> <modifiers> <plural head>`` with the country's
    label adjective ("US" for the United States, else its first demonym):
    "American intelligence officers" -> "US intelligence officers". Type is
    ThreatGroup for hackers, spies and operatives, GovernmentBody otherwise;
    affiliation is the country's label. A qualifier that is itself a known
    non-country actor ("FBI agents", "Kaspersky officials") returns that actor,
    and so does a phrase that is itself a known alias of a non-country actor
    ("Russian military intelligence" is the GRU). Two more phrase kinds give
    single actors: the bodies of a named state ("China's Foreign Ministry" ->
    "Chinese Ministry of Foreign Affairs", GovernmentBody) and the holders of
    its offices ("the Albanian prime minister" -> "Albanian prime minister",
    Person; only after "the", "a" or "an": without them it is a title before a
    name, "German Chancellor Angela Merkel").

    Example:
        >>> from kg.extract.gazetteer import Gazetteer
        >>> g = descriptive_group(Gazetteer.load(), "Russian government hackers")
        >>> (g.label, g.type, g.affiliation)
        ('Russian government hackers', 'ThreatGroup', 'Russia')
    """
    words = _words(text)
    determined = bool(words) and words[0].casefold() in _DETERMINERS
    while words and words[0].casefold() in _GROUP_PREFIXES:
        words = words[1:]
    leading: list[str] = []  # "state-sponsored Chinese hackers": a modifier first
    while len(words) > 2 and words[0].casefold() in _LEADING_MODIFIERS:
        leading.append(_GROUP_MODIFIERS[words[0].casefold()])
        words = words[1:]
    if len(words) < 2:
        return None
    known = gaz.lookup(" ".join(words))
    if known is not None and known.type != "Country":
        return known  # "Russian military intelligence" is an alias of the GRU
    state = _led_state(gaz, words)
    if state is not None:
        return state  # "the Trump administration" is the United States
    body = _state_body(gaz, " ".join(words))
    if body is None and determined:  # "German Chancellor Angela Merkel" is a title
        body = _role(gaz, words)
    if body is not None:
        return body
    head = _GROUP_HEADS.get(words[-1].casefold())
    start = len(words) - 1
    if words[-1].casefold() in _COLLECTIVE_TAILS and len(words) >= 3:
        collective = _GROUP_HEADS.get(f"{words[-2]} {words[-1]}".casefold())
        if collective:
            head, start = collective, len(words) - 2
    if head is None:
        return None
    modifiers: list[str] = []
    qualifier_end = start
    while qualifier_end > 0:
        modifier = _GROUP_MODIFIERS.get(words[qualifier_end - 1].casefold())
        if modifier is None and qualifier_end >= 2:
            pair = f"{words[qualifier_end - 2]} {words[qualifier_end - 1]}".casefold()
            if pair in _GROUP_MODIFIERS:
                modifiers.insert(0, _GROUP_MODIFIERS[pair])
                qualifier_end -= 2
                continue
        if modifier is None:
            break
        modifiers.insert(0, modifier)
        qualifier_end -= 1
    if qualifier_end == 0:
        return None
    qualifier = " ".join(words[:qualifier_end])
    backed = _BACKED.fullmatch(qualifier)
    if backed:  # "China-linked", "Kremlin-backed", "Moscow-based"
        stem = gaz.demonym(backed.group(1)) or gaz.lookup(backed.group(1))
        country = gaz.country_of(stem) if stem else None
        if country is None:
            return None
        if backed.group(2).casefold() in _SPONSORING:
            modifiers.insert(0, "state-sponsored")
    else:
        country = gaz.demonym(qualifier)
    if country is None:
        named = gaz.lookup(qualifier)
        if named is None:
            return None
        if named.type != "Country":
            return named
        country = named
    adjective = gaz._index.adjectives.get(country.id, country.label)
    parts = [adjective, *dict.fromkeys([*leading, *modifiers]), head.label]
    label = " ".join(p for p in parts if p)
    known = gaz.lookup(label)
    if known is not None and known.type != "Country":
        return known  # "Russia's military intelligence agency" is the GRU
    return Actor(
        id=actor_id(label),
        label=label,
        type=head.type,
        aliases=(),
        affiliation=country.label,
        country_code=country.country_code,
    )


def _led_state(gaz: Gazetteer, words: list[str]) -> Actor | None:
    """The country whose government a leader's name and a government head denote ("the
    Trump administration", "the Merkel government"), from the leader's affiliation."""
    if words[-1].casefold() not in _LEADER_GOVERNMENTS:
        return None
    leader = gaz.lookup(" ".join(words[:-1]))
    if leader is None or leader.type != "Person" or not leader.affiliation:
        return None
    state = gaz.by_label(leader.affiliation)
    return state if state is not None and state.type == "Country" else None


def _state_body(gaz: Gazetteer, phrase: str) -> Actor | None:
    """The ministry, embassy, police... of a named state: "China's Foreign Ministry".

    Forms: ``QUALIFIER BODY`` ("the Russian Defence Ministry", "Iran's foreign
    ministry") and ``BODY of COUNTRY`` ("the Ministry of Foreign Affairs of
    China"). The label is ``<adjective> <canonical body>`` ("Chinese Ministry of
    Foreign Affairs"); a shipped actor of that label or alias is returned as is.
    """
    match = _BODY_AFTER.match(phrase) or _BODY_BEFORE.match(phrase)
    if match is None:
        return None
    qualifier = match.group("q")
    country = gaz.demonym(qualifier) or gaz.lookup(qualifier)
    if country is None or country.type != "Country":
        return None
    canonical = _STATE_BODIES[match.group("body").casefold()]
    adjective = gaz._index.adjectives.get(country.id, country.label)
    label = f"{adjective} {canonical}"
    return gaz.lookup(label) or Actor(
        id=actor_id(label),
        label=label,
        type="GovernmentBody",
        affiliation=country.label,
        country_code=country.country_code,
    )


def _role(gaz: Gazetteer, words: list[str]) -> Actor | None:
    """The holder of a state office: "the Albanian prime minister", "the US ambassador".

    The label is ``<adjective or body label> <canonical role>`` ("Albanian prime
    minister", "US ambassador"), type Person, affiliated to the state or body. A
    spokesman is not an office here: "Kremlin spokesman" is the Kremlin speaking.
    """
    for size in (2, 1):
        if len(words) <= size:
            continue
        role = _ROLES.get(" ".join(words[-size:]).casefold())
        if role is None:
            continue
        qualifier = " ".join(words[:-size])
        owner = gaz.demonym(qualifier) or gaz.lookup(qualifier)
        if owner is None or owner.type not in ("Country", "GovernmentBody"):
            return None
        prefix = gaz._index.adjectives.get(owner.id, owner.label)
        label = f"{prefix} {role}"
        return Actor(
            id=actor_id(label),
            label=label,
            type="Person",
            affiliation=owner.label,
            country_code=owner.country_code,
        )
    return None
