"""The descriptive-group grammar: actors built from phrases ("Russian government hackers").

See :func:`descriptive_group` for the grammar, labels and types.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.gazetteer.surface import _POSSESSIVE, _QUOTES
from kg.models import Actor
from kg.rdf.namespace import actor_id

if TYPE_CHECKING:
    from kg.extract.gazetteer.core import Gazetteer


@dataclass(frozen=True)
class _Head:
    label: str
    type: str


def _heads() -> dict[str, _Head]:
    threat = (
        "hackers", "spies", "operatives", "cyberspies", "attackers", "hacking group",
        "hacking groups", "hacking team", "gang", "gangs", "crew", "cybercriminals",
    )  # fmt: skip
    people = (
        "officials", "officers", "agents", "authorities", "prosecutors", "investigators",
        "diplomats", "lawmakers", "regulators", "spokesmen", "forces", "troops",
        "law enforcement",
        "police", "intelligence", "intelligence services", "intelligence agencies",
        "security services", "spy agencies", "agencies", "military", "government agencies",
        "secret services", "spy services",
    )  # fmt: skip
    singular = {
        "hackers": "hacker", "spies": "spy", "operatives": "operative",
        "cyberspies": "cyberspy", "attackers": "attacker", "officials": "official",
        "officers": "officer", "agents": "agent", "prosecutors": "prosecutor",
        "investigators": "investigator", "diplomats": "diplomat", "lawmakers": "lawmaker",
        "regulators": "regulator", "spokesmen": "spokesman", "agencies": "agency",
        "intelligence services": "intelligence service",
        "intelligence agencies": "intelligence agency", "security services": "security service",
        "spy agencies": "spy agency", "government agencies": "government agency",
        "secret services": "secret service", "spy services": "spy service",
    }  # fmt: skip
    table: dict[str, _Head] = {}
    for plural in threat + people:
        type_ = "ThreatGroup" if plural in threat else "GovernmentBody"
        label = "intelligence" if plural in _INTELLIGENCE_COLLECTIVES else plural
        head = _Head(label, type_)
        table[plural] = head
        if plural in singular:
            table[singular[plural]] = head
    return table


_INTELLIGENCE_COLLECTIVES = frozenset(
    {
        "intelligence", "intelligence services", "intelligence agencies", "spy agencies",
        "secret services", "spy services",
    }  # fmt: skip
)
_COLLECTIVE_TAILS = frozenset({"services", "service", "agencies", "agency", "group", "enforcement"})
_GROUP_HEADS = _heads()
_GROUP_MODIFIERS = {
    "government": "government",
    "state": "government",
    "military": "military",
    "intelligence": "intelligence",
    "security": "security",
    "cyber": "cyber",
    "army": "military",
    "law enforcement": "law enforcement",
    "cybersecurity": "cybersecurity",
    "counterintelligence": "counterintelligence",
    "defense": "defense",
    "defence": "defense",
    "foreign": "foreign",
    "federal": "federal",
    "national security": "national security",
    "state-sponsored": "state-sponsored",
    "state-backed": "state-sponsored",
    "government-backed": "state-sponsored",
    "government-sponsored": "state-sponsored",
    "state-linked": "state-sponsored",
    "government-linked": "state-sponsored",
    "state sponsored": "state-sponsored",
    "state backed": "state-sponsored",
    "government backed": "state-sponsored",
    "cybercrime": "cybercrime",
    "ransomware": "ransomware",
    "criminal": "criminal",
    "espionage": "espionage",
    "cyberespionage": "cyberespionage",
}
_LEADING_MODIFIERS = frozenset(m for m in _GROUP_MODIFIERS if "-" in m)
"""Modifiers that may come before the nationality: "state-backed Iranian hackers"."""
_BACKED = re.compile(
    r"(.+?)-(backed|sponsored|linked|affiliated|aligned|nexus|based)", re.IGNORECASE
)
_GROUP_PREFIXES = frozenset(
    [
        "the", "a", "an", "some", "several", "many", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "dozens", "senior", "top", "unnamed", "anonymous",
        "current", "other", "elite", "suspected", "alleged", "allegedly", "reportedly",
    ]
)  # fmt: skip


_STATE_BODY_FORMS = {
    "Ministry of Foreign Affairs": (
        "ministry of foreign affairs", "foreign ministry", "foreign affairs ministry",
        "ministry for foreign affairs", "foreign office",
    ),
    "Ministry of Defence": (
        "ministry of defence", "ministry of defense", "defence ministry", "defense ministry",
    ),
    "Ministry of Justice": ("ministry of justice", "justice ministry"),
    "Ministry of the Interior": (
        "ministry of the interior", "ministry of interior", "interior ministry",
        "ministry of internal affairs", "home ministry",
    ),
    "Embassy": ("embassy",),
    "police": ("police", "police force", "national police", "federal police"),
    "parliament": ("parliament",),
    "central bank": ("central bank",),
    "prosecutor's office": (
        "prosecutor's office", "prosecutors' office", "prosecutor general's office",
    ),
    "Ministry of Finance": ("ministry of finance", "finance ministry"),
    "cyber agency": ("cyber agency", "cybersecurity agency", "cyber security agency"),
}  # fmt: skip
_ROLE_FORMS = {
    "president": ("president",),
    "prime minister": ("prime minister", "premier"),
    "chancellor": ("chancellor",),
    "foreign minister": ("foreign minister", "foreign secretary"),
    "defence minister": ("defence minister", "defense minister", "defence secretary"),
    "interior minister": ("interior minister", "home secretary"),
    "justice minister": ("justice minister",),
    "ambassador": ("ambassador", "envoy"),
    "leader": ("leader",),
    "supreme leader": ("supreme leader",),
    "king": ("king",),
    "crown prince": ("crown prince",),
    "attorney general": ("attorney general",),
    "spy chief": ("spy chief", "intelligence chief"),
}
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
    determined = bool(words) and words[0].casefold() in ("the", "a", "an")
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
        if backed.group(2).casefold() in ("backed", "sponsored"):
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
