"""The actor gazetteer: canonical actors, their aliases, and how surface forms map to them.

The gazetteer is what the extractor knows about actors before it reads an article:
every country (with its aliases, demonyms and capital-city metonyms), the
government bodies of the major states, companies and organizations, news outlets,
people who recur in the news, and threat groups (MITRE ATT&CK groups plus
well-known others). Each actor has one canonical label and a stable id
(:func:`kg.rdf.namespace.actor_id`), so "Kaspersky", "Kaspersky Lab" and
"Kaspersky's" are one actor in every article.

Data comes from the YAML files in ``kg/data/gazetteer/`` (read in file-name
order) and from ``kg/data/attack-groups.json`` (© The MITRE Corporation, see
``kg/data/ATTACK-LICENSE.txt``). A user file given with ``--gazetteer`` is
applied last. It is YAML (a list of mappings with the keys of
:data:`ENTRY_KEYS`; ``aliases`` a list or a "|"-separated string) or CSV (a
header naming ``label`` and any of ``type``, ``aliases``, ``affiliation``,
``code``; aliases "|"-separated)::

    - label: Mandiant                  # known actor: add aliases, override fields
      aliases: [FireEye]               # FireEye is a known label: merged into Mandiant
    - {label: Blue Heron, type: ThreatGroup, aliases: [BH-1], affiliation: Iran}

Rules, the same for shipped and user files:

* an entry whose label is a known actor (or, without a type, a known alias)
  overrides that actor's type and affiliation where given and adds its aliases;
* an entry whose alias is the *label* of another known actor merges that actor
  into the entry's actor (all its aliases follow, its id redirects), so merging
  two actors is one alias line;
* an alias that is only an alias of another actor moves to the entry's actor;
* a new actor needs a type; errors name the file and line.

Surface forms are matched by the gazetteer only, never by fuzzy similarity.
Matching (:meth:`Gazetteer.lookup`) ignores a leading "the", a possessive
"'s"/"’s", dots in acronyms ("U.S." = "US") and, for names, letter case. An
acronym-like alias (at most five letters, no lower-case letter, no digit: "US",
"NSA", "GCHQ") matches only in that case, so "us" is not the United States; a
name that is "The" plus one word ("The Record") matches only with its article;
an all-lower-case surface never matches a capitalised name ("apple").

Descriptive actors ("Russian government hackers", "US officials", "China's
Foreign Ministry", "the Albanian prime minister") are built on demand by
:meth:`Gazetteer.descriptive_group`; see its docstring for the grammar, labels
and types.
"""

from __future__ import annotations

import copy
import csv
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kg.errors import GazetteerError
from kg.models import ACTOR_TYPES, Actor
from kg.rdf.namespace import actor_id

__all__ = [
    "ActorSummary",
    "ENTRY_KEYS",
    "Gazetteer",
    "attack_affiliation",
    "normalize_surface",
    "read_gazetteer_file",
    "summarize_actors",
]

_MATCH_LABEL = "_match_label"  # internal entry key: False keeps a generic label out of matching

ENTRY_KEYS = frozenset(
    {"label", "type", "aliases", "affiliation", "code", "demonyms", "adjective", "capitals"}
)
"""Keys allowed in a gazetteer entry (YAML) or column names allowed in a CSV file."""

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " "})
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|'S|(?<=s)')$")
_EDGE_PUNCT = " \t\n\"'()[]{},;:!?*"
_ACRONYM_DOTS = re.compile(r"(?<=\b[A-Za-z])\.")


def normalize_surface(surface: str, *, article: bool = False) -> str:
    """Return the form of a surface string used for matching, case preserved.

    Unicode is NFKC-normalised, curly quotes become straight, whitespace is
    collapsed, a leading "the" (unless ``article``) and a trailing possessive are
    removed, and dots between single letters ("U.S.") are dropped.

    >>> normalize_surface("the U.S.’s")
    'US'
    >>> normalize_surface("  Kaspersky Lab's ")
    'Kaspersky Lab'
    """
    text = unicodedata.normalize("NFKC", surface).translate(_QUOTES)
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    if not article:
        text = _LEADING_ARTICLE.sub("", text)
    text = _POSSESSIVE.sub("", text).strip(_EDGE_PUNCT)
    text = _ACRONYM_DOTS.sub("", text)
    return text.rstrip(".") if re.fullmatch(r"[A-Z]{2,}\.", text) else text


def _claim_form(surface: str) -> str:
    """The normal form under which a gazetteer name is stored (see ``Gazetteer._claim``)."""
    normal = normalize_surface(surface)
    full = normalize_surface(surface, article=True)
    return full if full != normal and " " not in normal else normal


def _is_strict(normal: str) -> bool:
    """True for acronym-like forms that only match in their own case ("US", "NSA", "GCHQ").

    Upper-case forms longer than five letters ("NOBELIUM", "BRONZE BUTLER") are
    vendor spellings of names and match in any case.
    """
    return len(normal) <= 5 and not any(c.islower() or c.isdigit() for c in normal)


def _fold(normal: str) -> str:
    return normal.casefold().replace("-", " ")


@dataclass
class _Entry:
    """A mutable actor record while the gazetteer is being assembled."""

    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    code: str | None = None
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    adjective: str | None = None

    @property
    def id(self) -> str:
        return actor_id(self.label)


@dataclass(frozen=True)
class _Raw:
    """One entry as read from a file, before it is applied."""

    fields: dict[str, Any]
    origin: str  # "file:line" for error messages


class Gazetteer:
    """Canonical actors and the surface forms that denote them.

    Build one with :meth:`Gazetteer.load`; the default instance is cached.

    Example:
        >>> gaz = Gazetteer.load()
        >>> gaz.lookup("the U.S.").label
        'United States'
        >>> gaz.demonym("Russian").label
        'Russia'
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._redirects: dict[str, str] = {}
        self._surface_owner: dict[str, str] = {}  # exact normal form -> actor id
        self._demonym_owner: dict[str, str] = {}  # demonym (exact) -> country id
        self._capital_owner: dict[str, str] = {}  # capital (exact) -> country id
        self.merges: list[tuple[str, str, str]] = []
        """(merged label, into label, origin) for every merge made while loading."""
        self.moved: list[tuple[str, str, str]] = []
        """(surface, from id, to id) for every surface form that changed actor while loading."""
        self._frozen: _Index | None = None

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra: Path | str | None = None) -> Gazetteer:
        """Return the shipped gazetteer, with the user file ``extra`` applied if given.

        Args:
            extra: a YAML or CSV gazetteer file (see the module docstring and the
                README) that adds actors and aliases or overrides shipped ones.

        Raises:
            GazetteerError: when ``extra`` is missing or malformed (message names file:line).

        Example:
            >>> Gazetteer.load().lookup("Kaspersky").label
            'Kaspersky Lab'
        """
        if extra is None:
            return _shipped()
        path = Path(extra)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            raise GazetteerError(f"gazetteer file not found: {path}") from None
        return _with_user_file(str(path.resolve()), stamp)

    def _copy(self) -> Gazetteer:
        other = Gazetteer()
        other._entries = copy.deepcopy(self._entries)
        other._redirects = dict(self._redirects)
        other._surface_owner = dict(self._surface_owner)
        other._demonym_owner = dict(self._demonym_owner)
        other._capital_owner = dict(self._capital_owner)
        other.merges = list(self.merges)
        other.moved = list(self.moved)
        return other

    def apply(self, raws: Iterable[_Raw]) -> None:
        """Apply entries read from one file (see the module docstring for the rules)."""
        self._frozen = None
        for raw in raws:
            self._apply_one(raw)

    def _apply_one(self, raw: _Raw) -> None:
        f = raw.fields
        label = _text(f.get("label"), "label", raw.origin)
        if not label:
            raise GazetteerError(f"{raw.origin}: entry has no label")
        type_ = f.get("type") or None
        if type_ is not None and type_ not in ACTOR_TYPES:
            raise GazetteerError(
                f"{raw.origin}: unknown type {type_!r} (use one of {', '.join(ACTOR_TYPES)})"
            )
        aliases = _text_list(f.get("aliases"), "aliases", raw.origin)
        target_id = self._resolve_id(actor_id(label))
        entry = self._entries.get(target_id)
        if entry is None and type_ is None:
            # An entry without a type whose label is a known alias ("Kaspersky") refines that actor.
            owner = self._owner_of(label)
            entry = self._entries.get(owner) if owner else None
        if entry is None:
            if type_ is None:
                raise GazetteerError(f"{raw.origin}: new actor {label!r} needs a type")
            entry = _Entry(label=label, type=type_)
            self._entries[entry.id] = entry
            if f.get(_MATCH_LABEL, True):
                self._claim(label, entry)
        elif type_ is not None:
            entry.type = type_
        if f.get("affiliation") is not None:
            entry.affiliation = _text(f["affiliation"], "affiliation", raw.origin) or None
        if f.get("code") is not None:
            entry.code = _text(f["code"], "code", raw.origin).upper() or None
        if f.get("adjective") is not None:
            entry.adjective = _text(f["adjective"], "adjective", raw.origin) or None
        for alias in aliases:
            self._add_alias(entry, alias, raw.origin)
        for word in _text_list(f.get("demonyms"), "demonyms", raw.origin):
            self._demonym_owner[normalize_surface(word)] = entry.id
            if word not in entry.demonyms:
                entry.demonyms.append(word)
        for city in _text_list(f.get("capitals"), "capitals", raw.origin):
            self._capital_owner[_claim_form(city)] = entry.id
            if city not in entry.capitals:
                entry.capitals.append(city)

    def _resolve_id(self, id_: str) -> str:
        while id_ in self._redirects:
            id_ = self._redirects[id_]
        return id_

    def _owner_of(self, surface: str) -> str | None:
        owner = self._surface_owner.get(_claim_form(surface))
        return self._resolve_id(owner) if owner else None

    def _claim(self, surface: str, entry: _Entry) -> None:
        """Point a surface form at ``entry``.

        "The Record" is claimed with its article only: a name that is "The" plus
        one word would otherwise be an ordinary word ("Record", "Hill").
        """
        normal = _claim_form(surface)
        if normal:
            previous = self._surface_owner.get(normal)
            if previous is not None and self._resolve_id(previous) != entry.id:
                self.moved.append((normal, previous, entry.id))
            self._surface_owner[normal] = entry.id
            if self._capital_owner.get(normal, entry.id) != entry.id:
                del self._capital_owner[normal]

    def _add_alias(self, entry: _Entry, alias: str, origin: str) -> None:
        other_id = self._resolve_id(actor_id(alias))
        other = self._entries.get(other_id)
        if other is not None and other is not entry and actor_id(other.label) == actor_id(alias):
            self._merge(other, entry, origin)
        if alias not in entry.aliases and alias != entry.label:
            entry.aliases.append(alias)
        self._claim(alias, entry)

    def _merge(self, other: _Entry, into: _Entry, origin: str) -> None:
        """Fold ``other`` into ``into``: aliases, demonyms and capitals follow; the id redirects."""
        del self._entries[other.id]
        self._redirects[other.id] = into.id
        self.merges.append((other.label, into.label, origin))
        for alias in [other.label, *other.aliases]:
            if alias not in into.aliases and alias != into.label:
                into.aliases.append(alias)
        into.demonyms += [d for d in other.demonyms if d not in into.demonyms]
        into.capitals += [c for c in other.capitals if c not in into.capitals]
        into.affiliation = into.affiliation or other.affiliation
        into.code = into.code or other.code
        for table in (self._surface_owner, self._demonym_owner, self._capital_owner):
            for key, owner in table.items():
                if owner == other.id:
                    table[key] = into.id

    # ------------------------------------------------------------------ queries
    @property
    def _index(self) -> _Index:
        if self._frozen is None:
            self._frozen = _Index(self)
        return self._frozen

    @property
    def actors(self) -> list[Actor]:
        """Every canonical actor, in load order."""
        return list(self._index.actors.values())

    def get(self, id_: str) -> Actor | None:
        """Return the actor with compact id ``kg:actor/<slug>`` (following merges), or None."""
        return self._index.actors.get(self._resolve_id(id_))

    def by_label(self, label: str) -> Actor | None:
        """Return the actor whose canonical label is ``label`` (after merges), or None."""
        return self.get(actor_id(label))

    def lookup(self, surface: str) -> Actor | None:
        """Return the actor a surface form names, or None.

        Names, aliases, acronyms and capital-city metonyms are matched; demonyms
        are not (use :meth:`demonym`). See the module docstring for normalisation.

        Example:
            >>> Gazetteer.load().lookup("Moscow’s").label
            'Russia'
        """
        index = self._index
        for normal in dict.fromkeys(
            (normalize_surface(surface, article=True), normalize_surface(surface))
        ):
            owner = index.exact.get(normal)
            if owner is None and any(c.isupper() for c in normal):
                owner = index.folded.get(_fold(normal))
            if owner is not None:
                return index.actors.get(owner)
        return None

    def surface_kind(self, surface: str) -> str | None:
        """How a surface form matches: "label", "alias", "capital", "demonym" or None."""
        actor = self.lookup(surface)
        normal = normalize_surface(surface)
        if actor is not None:
            if _fold(normal) == _fold(normalize_surface(actor.label)):
                return "label"
            if self._capital_owner.get(normal) == actor.id:
                return "capital"
            return "alias"
        return "demonym" if self.demonym(surface) is not None else None

    def demonym(self, word: str) -> Actor | None:
        """Return the country of a demonym or nationality adjective ("Russian", "Israelis").

        Example:
            >>> Gazetteer.load().demonym("North Korean").label
            'North Korea'
        """
        normal = normalize_surface(word)
        owner = self._index.demonyms.get(normal)
        if owner is None and normal[:1].isupper():
            owner = self._index.demonyms_folded.get(normal.casefold())
        return self._index.actors.get(owner) if owner else None

    def country_of(self, actor: Actor | str) -> Actor | None:
        """Return the country an actor is (a Country) or belongs to, following affiliations.

        Example:
            >>> gaz = Gazetteer.load()
            >>> gaz.country_of(gaz.lookup("GRU")).label
            'Russia'
        """
        current = self.get(actor) if isinstance(actor, str) else actor
        seen: set[str] = set()
        while current is not None and current.id not in seen:
            if current.type == "Country":
                return current
            seen.add(current.id)
            if not current.affiliation:
                return None
            current = self.lookup(current.affiliation) or self.demonym(current.affiliation)
        return None

    def patterns(self, *, demonyms: bool = False) -> Iterator[tuple[str, Actor]]:
        """Yield (surface, actor) for every form to match in text, for a PhraseMatcher.

        Surfaces are given as written in the data (labels, aliases, capitals),
        in upper case for headlines (names longer than four letters), and dotted
        for short acronyms ("U.S." for "US"). Match on ``ORTH``; every surface
        yielded looks up to its actor. With ``demonyms=True`` the demonyms are
        yielded too (with their country).
        """
        index = self._index
        seen: set[tuple[str, str]] = set()
        for actor_key, surfaces in index.surfaces.items():
            actor = index.actors[actor_key]
            for surface in surfaces:
                dotted = ".".join(surface) + "." if re.fullmatch(r"[A-Z]{2,3}", surface) else ""
                upper = surface.upper() if len(surface) > 4 else ""  # not "XI" for "Xi"
                for form in (surface, upper, dotted):
                    if form and (form, actor.id) not in seen and self.lookup(form) == actor:
                        seen.add((form, actor.id))
                        yield form, actor
            if demonyms:
                for word in index.demonym_forms.get(actor_key, ()):
                    yield word, actor

    def descriptive_group(self, text: str | Iterable[str]) -> Actor | None:
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
            >>> g = Gazetteer.load().descriptive_group("Russian government hackers")
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
        known = self.lookup(" ".join(words))
        if known is not None and known.type != "Country":
            return known  # "Russian military intelligence" is an alias of the GRU
        body = self._state_body(" ".join(words))
        if body is None and determined:  # "German Chancellor Angela Merkel" is a title
            body = self._role(words)
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
            stem = self.demonym(backed.group(1)) or self.lookup(backed.group(1))
            country = self.country_of(stem) if stem else None
            if country is None:
                return None
            if backed.group(2).casefold() in ("backed", "sponsored"):
                modifiers.insert(0, "state-sponsored")
        else:
            country = self.demonym(qualifier)
        if country is None:
            named = self.lookup(qualifier)
            if named is None:
                return None
            if named.type != "Country":
                return named
            country = named
        adjective = self._index.adjectives.get(country.id, country.label)
        parts = [adjective, *dict.fromkeys([*leading, *modifiers]), head.label]
        label = " ".join(p for p in parts if p)
        known = self.lookup(label)
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

    def _state_body(self, phrase: str) -> Actor | None:
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
        country = self.demonym(qualifier) or self.lookup(qualifier)
        if country is None or country.type != "Country":
            return None
        canonical = _STATE_BODIES[match.group("body").casefold()]
        adjective = self._index.adjectives.get(country.id, country.label)
        label = f"{adjective} {canonical}"
        return self.lookup(label) or Actor(
            id=actor_id(label),
            label=label,
            type="GovernmentBody",
            affiliation=country.label,
            country_code=country.country_code,
        )

    def _role(self, words: list[str]) -> Actor | None:
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
            owner = self.demonym(qualifier) or self.lookup(qualifier)
            if owner is None or owner.type not in ("Country", "GovernmentBody"):
                return None
            prefix = self._index.adjectives.get(owner.id, owner.label)
            label = f"{prefix} {role}"
            return Actor(
                id=actor_id(label),
                label=label,
                type="Person",
                affiliation=owner.label,
                country_code=owner.country_code,
            )
        return None

    def resolve(self, text: str) -> Actor | None:
        """Return the actor a phrase names: :meth:`lookup`, else :meth:`descriptive_group`."""
        return self.lookup(text) or self.descriptive_group(text)


# ---------------------------------------------------------------------- index
class _Index:
    """The frozen, query-side view of a gazetteer: Actor records and lookup tables."""

    def __init__(self, gaz: Gazetteer) -> None:
        entries = gaz._entries
        codes = {e.id: e.code for e in entries.values() if e.type == "Country" and e.code}
        self.actors: dict[str, Actor] = {}
        for entry in entries.values():
            code = entry.code or self._affiliated_code(gaz, entry, codes)
            self.actors[entry.id] = Actor(
                id=entry.id,
                label=entry.label,
                type=entry.type,
                aliases=tuple(entry.aliases),
                affiliation=entry.affiliation,
                country_code=code,
            )
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.surfaces: dict[str, list[str]] = {}
        for entry in entries.values():
            self.surfaces[entry.id] = [entry.label, *entry.aliases, *entry.capitals]
        for table in (gaz._capital_owner, gaz._surface_owner):  # names win over capitals
            for normal, owner in table.items():
                self._put(normal, gaz._resolve_id(owner))
        self.demonyms: dict[str, str] = {}
        self.demonyms_folded: dict[str, str] = {}
        self.demonym_forms: dict[str, list[str]] = {}
        self.adjectives: dict[str, str] = {}
        for normal, owner in gaz._demonym_owner.items():
            owner = gaz._resolve_id(owner)
            for form in (normal, *_plurals(normal)):
                self.demonyms.setdefault(form, owner)
                self.demonyms_folded.setdefault(form.casefold(), owner)
                self.demonym_forms.setdefault(owner, []).append(form)
        for entry in entries.values():
            if entry.adjective or entry.demonyms:
                self.adjectives[entry.id] = entry.adjective or entry.demonyms[0]

    def _put(self, normal: str, owner: str) -> None:
        if owner not in self.actors:
            return
        self.exact[normal] = owner
        if not _is_strict(normal):
            self.folded.setdefault(_fold(normal), owner)
            self.folded[_fold(normal)] = owner

    @staticmethod
    def _affiliated_code(gaz: Gazetteer, entry: _Entry, codes: dict[str, str]) -> str | None:
        seen: set[str] = set()
        current: _Entry | None = entry
        while current is not None and current.affiliation and current.id not in seen:
            seen.add(current.id)
            owner = gaz._owner_of(current.affiliation) or gaz._demonym_owner.get(
                normalize_surface(current.affiliation)
            )
            if owner is None:
                return None
            if owner in codes:
                return codes[owner]
            current = gaz._entries.get(owner)
        return None


def _plurals(word: str) -> list[str]:
    """Plural forms of a demonym: "Russian" -> "Russians"; "Chinese", "British" stay."""
    if word.endswith(("ese", "ish", "ch", "s")):
        return []
    return [word + "s"]


# ------------------------------------------------------- descriptive groups
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


# ---------------------------------------------------------------- file reading
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that records the line of every mapping as ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _read_yaml(text: str, name: str) -> list[_Raw]:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GazetteerError(f"{where}: malformed YAML: {problem}") from None
    if data is None:
        return []
    if isinstance(data, dict) and "actors" in data:
        data = data["actors"]
    if not isinstance(data, list):
        raise GazetteerError(
            f"{name}:1: expected a list of actors (or a mapping with an 'actors' list)"
        )
    raws = []
    for item in data:
        if not isinstance(item, dict):
            raise GazetteerError(f"{name}: each actor must be a mapping with a label, got {item!r}")
        line = item.pop("__line__", "?")
        origin = f"{name}:{line}"
        unknown = sorted(str(k) for k in item if k not in ENTRY_KEYS)
        if unknown:
            raise GazetteerError(
                f"{origin}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(ENTRY_KEYS))})"
            )
        raws.append(_Raw(item, origin))
    return raws


def _read_csv(text: str, name: str) -> list[_Raw]:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    offset = len(text.splitlines()) - len(lines)  # comments are only allowed on top
    reader = csv.DictReader(lines)
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "label" not in header:
        raise GazetteerError(f"{name}:{1 + offset}: CSV header must name a 'label' column")
    unknown = [h for h in header if h not in ENTRY_KEYS]
    if unknown:
        raise GazetteerError(
            f"{name}:{1 + offset}: unknown column {unknown[0]!r} "
            f"(allowed: label, type, aliases, affiliation, code)"
        )
    raws = []
    for row in reader:
        origin = f"{name}:{reader.line_num + offset}"
        if None in row:
            raise GazetteerError(f"{origin}: more fields than columns in the header")
        fields = {k.strip(): (v or "").strip() for k, v in row.items()}
        if not any(fields.values()):
            continue
        for key in ("aliases", "demonyms", "capitals"):
            if key in fields:
                fields[key] = [a.strip() for a in fields[key].split("|") if a.strip()]
        raws.append(_Raw({k: v for k, v in fields.items() if v not in ("", [])}, origin))
    return raws


def read_gazetteer_file(path: Path | str) -> list[_Raw]:
    """Read a YAML or CSV gazetteer file into raw entries (validated for shape, not applied)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GazetteerError(f"gazetteer file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"cannot read gazetteer file {path}: {exc}") from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(text, str(path))
    if suffix == ".csv":
        return _read_csv(text, str(path))
    raise GazetteerError(f"{path}: unsupported gazetteer format {suffix!r} (use .yaml or .csv)")


def _text(value: Any, key: str, origin: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise GazetteerError(f"{origin}: {key} must be text, got {value!r}")
    return str(value).strip()


def _text_list(value: Any, key: str, origin: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split("|")
    if not isinstance(value, list):
        raise GazetteerError(f"{origin}: {key} must be a list or a '|'-separated string")
    return [t for t in (_text(v, key, origin) for v in value) if t]


# --------------------------------------------------------------- MITRE ATT&CK
ATTACK_FILE = "attack-groups.json"
ATTACK_POLICY_FILE = "attack-aliases.yaml"

_ATTRIBUTION_CUES = re.compile(
    r"\b(?:attributed to|linked (?:\S+ )?to|associated with|affiliated with|aligned with"
    r"|on behalf of|at the behest of|operat\w* (?:out of|from|in)|based in|originat\w* (?:in|from)"
    r"|conducted by|sponsored by|backed by|tied to|in association with|work(?:s|ed|ing)? for"
    r"|assessed (?:as|to be)|suspected (?:to be|to have|of being)|(?:believed|thought) to be)\b"
)
_HEAD_END = re.compile(r"\s(?:that|which|who|targeting|active|since|and has)\s|[,;(]")


def _clean_description(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # markdown links
    text = re.sub(r"\(Citation:[^)]*\)", "", text)
    return " ".join(text.translate(_QUOTES).split())


def attack_affiliation(
    gaz: Gazetteer, name: str, description: str, finder: _CountryFinder | None = None
) -> str | None:
    """Return the country an ATT&CK group description attributes the group to, or None.

    The rule, applied to the description without links and citations: a country
    (name, alias or demonym) or a state body with a country (GRU, "Ministry of
    State Security") counts when it is in the group's defining phrase ("X is a
    Chinese threat group", "a China-based ...", "with likely Chinese origins";
    up to "that", "which", "targeting", a comma...) or follows an attribution cue
    in one of the first three sentences ("attributed to Russia's GRU", "operating
    out of Iran", "linked Agrius to Iran's MOIS"). "Russian-speaking" is not an
    attribution. The first counted mention wins.

    Example:
        >>> gaz = Gazetteer.load()
        >>> attack_affiliation(gaz, "X", "X is a threat group attributed to Russia's GRU.")
        'Russia'
    """
    text = _clean_description(description)
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)[:3]
    first = sentences[0] if sentences else ""
    spans: list[str] = []
    for lead in (f"{name} is ", f"{name} are ", f"The {name} group is "):
        if first.startswith(lead):
            spans.append(_HEAD_END.split(first[len(lead) :], maxsplit=1)[0])
    for sentence in sentences:
        for cue in _ATTRIBUTION_CUES.finditer(sentence):
            rest = sentence[cue.end() :]
            spans.append(re.split(r"\b(?:target|against|victim)", rest, maxsplit=1)[0])
    finder = finder or _CountryFinder(gaz)
    for span in spans:
        country = finder.first_country(span)
        if country is not None:
            return country.label
    return None


class _CountryFinder:
    """Finds the first country named in a text: names, aliases, demonyms, state bodies.

    Forms are matched as whole word sequences (hyphens and dashes split words, so
    "China-based" names China); the longest form at a position wins, and regions
    ("South America") are known too so that they are not read as a country.
    """

    _WORD = re.compile(r"[^\s\-–—,;:()\"]+")

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.forms: dict[str, Actor | None] = {}
        for actor in gaz.actors:
            if actor.type in ("Country", "Place") or (
                actor.type == "GovernmentBody" and actor.affiliation
            ):
                country = gaz.country_of(actor)
                for form in (actor.label, *actor.aliases):
                    self.forms.setdefault(self._key(form), country)
        for form, owner in gaz._index.demonyms.items():
            self.forms.setdefault(self._key(form), gaz._index.actors.get(owner))
        self.longest = max((k.count(" ") + 1 for k in self.forms), default=1)

    def _key(self, text: str) -> str:
        return " ".join(w.rstrip(".").removesuffix("'s") for w in self._WORD.findall(text))

    def first_country(self, text: str) -> Actor | None:
        words = list(self._WORD.finditer(text))
        i = 0
        while i < len(words):
            step = 1
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = self._key(" ".join(w.group(0) for w in words[i : i + n]))
                if key in self.forms:
                    speaking = text[words[i + n - 1].end() :].startswith("-speaking")
                    if self.forms[key] is not None and not speaking:
                        return self.forms[key]
                    step = n  # a region, or "Russian-speaking": skip it whole
                    break
            i += step
        return None


def attack_entries(gaz: Gazetteer, data_dir: Path) -> list[_Raw]:
    """Gazetteer entries for the MITRE ATT&CK groups, with generic aliases left out.

    Label is the ATT&CK name, aliases are the group's aliases except those in the
    ``generic`` list of ``gazetteer/attack-aliases.yaml`` (single words that are
    ordinary English words, computed by ``scripts/build_attack_policy.py``), and
    affiliation is :func:`attack_affiliation` of the description.
    """
    path = data_dir / ATTACK_FILE
    groups = json.loads(path.read_text(encoding="utf-8"))
    policy = yaml.safe_load((data_dir / "gazetteer" / ATTACK_POLICY_FILE).read_text()) or {}
    generic = {w.casefold() for w in policy.get("generic", [])}
    raws = []
    finder = _CountryFinder(gaz)
    for group in groups:
        name = group["name"]
        aliases = [a for a in group.get("aliases", []) if a.casefold() not in generic]
        fields: dict[str, Any] = {"label": name, "type": "ThreatGroup", "aliases": aliases}
        if name.casefold() in generic:
            fields[_MATCH_LABEL] = False  # "Play" stays the label, never a surface form
        country = attack_affiliation(gaz, name, group.get("description", ""), finder)
        if country:
            fields["affiliation"] = country
        raws.append(_Raw(fields, f"{path}:{group.get('attack_id', name)}"))
    return raws


# ------------------------------------------------------------- shipped data
def _data_dir() -> Path:
    return Path(str(resources.files("kg") / "data"))


@functools.cache
def _shipped() -> Gazetteer:
    """The shipped gazetteer: YAML files in name order, ATT&CK groups before "60-...".

    ATT&CK affiliations are derived from the countries and state bodies loaded
    before them; the files from "60-" on add news names to ATT&CK groups.
    """
    gaz = Gazetteer()
    data = _data_dir()
    files = sorted((data / "gazetteer").glob("[0-9]*.yaml"))
    for path in [f for f in files if f.name < "60"]:
        gaz.apply(read_gazetteer_file(path))
    gaz.apply(attack_entries(gaz, data))
    for path in [f for f in files if f.name >= "60"]:
        gaz.apply(read_gazetteer_file(path))
    return gaz


@functools.lru_cache(maxsize=8)
def _with_user_file(path: str, stamp: int) -> Gazetteer:
    del stamp  # part of the cache key only: an edited file is read again
    gaz = _shipped()._copy()
    gaz.apply(read_gazetteer_file(path))
    return gaz


# ------------------------------------------------------------ actor summaries
@dataclass(frozen=True)
class ActorSummary:
    """A canonical actor across many articles: the surface forms seen and the counts."""

    actor: Actor
    articles: int
    mentions: int
    surface_forms: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form printed by ``kg actors --format json``."""
        return {
            "id": self.actor.id,
            "label": self.actor.label,
            "type": self.actor.type,
            "affiliation": self.actor.affiliation,
            "country_code": self.actor.country_code,
            "aliases_seen": list(self.surface_forms),
            "articles": self.articles,
            "mentions": self.mentions,
        }


def summarize_actors(
    extractions: Iterable[Any], *, types: Iterable[str] | None = None
) -> list[ActorSummary]:
    """Merge the actors of many extractions by canonical id, most mentioned first.

    Args:
        extractions: :class:`kg.models.Extraction` records (their ``actors`` are
            :class:`kg.models.ActorMention`).
        types: keep only actors of these types.

    Example:
        >>> from kg.models import ActorMention, Article, Extraction
        >>> us = Gazetteer.load().lookup("US")
        >>> ex = Extraction(Article("a", "..."), actors=(ActorMention(us, 2, ("US",)),))
        >>> [(s.actor.label, s.articles, s.mentions) for s in summarize_actors([ex, ex])]
        [('United States', 2, 4)]
    """
    wanted = set(types) if types else None
    actors: dict[str, Actor] = {}
    articles: dict[str, int] = {}
    mentions: dict[str, int] = {}
    forms: dict[str, dict[str, None]] = {}
    for extraction in extractions:
        for found in extraction.actors:
            actor = found.actor
            if wanted is not None and actor.type not in wanted:
                continue
            actors.setdefault(actor.id, actor)
            articles[actor.id] = articles.get(actor.id, 0) + 1
            mentions[actor.id] = mentions.get(actor.id, 0) + found.count
            forms.setdefault(actor.id, {}).update(dict.fromkeys(found.surface_forms))
    summaries = [
        ActorSummary(actor, articles[key], mentions[key], tuple(forms[key]))
        for key, actor in actors.items()
    ]
    return sorted(summaries, key=lambda s: (-s.mentions, -s.articles, s.actor.label.casefold()))
