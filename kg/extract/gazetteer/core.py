"""The Gazetteer: assembling canonical actors from entries, and querying them."""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.errors import GazetteerError
from kg.extract.gazetteer.attack import attack_entries
from kg.extract.gazetteer.files import _MATCH_LABEL, _Raw, _text, _text_list, read_gazetteer_file
from kg.extract.gazetteer.groups import descriptive_group
from kg.extract.gazetteer.index import _Index
from kg.extract.gazetteer.surface import _claim_form, _fold, normalize_surface
from kg.models import ACTOR_TYPES, Actor
from kg.rdf.namespace import actor_id


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
        self.fingerprint: str | None = None
        """The cache key of the shipped data this gazetteer is (None once a user file is
        applied): :meth:`kg.extract.actors.ActorIndex.compile` keys its patterns by it."""

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
        self.fingerprint = None
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

        The grammar, labels and types are those of
        :func:`kg.extract.gazetteer.groups.descriptive_group`.

        Example:
            >>> g = Gazetteer.load().descriptive_group("Russian government hackers")
            >>> (g.label, g.type, g.affiliation)
            ('Russian government hackers', 'ThreatGroup', 'Russia')
        """
        return descriptive_group(self, text)

    def resolve(self, text: str) -> Actor | None:
        """Return the actor a phrase names: :meth:`lookup`, else :meth:`descriptive_group`."""
        return self.lookup(text) or self.descriptive_group(text)


# ------------------------------------------------------------- shipped data
def _data_dir() -> Path:
    return Path(str(resources.files("kg") / "data"))


@functools.cache
def _shipped() -> Gazetteer:
    """The shipped gazetteer, from the compiled cache (:mod:`kg.extract.cache`) when it
    holds the one of these data files, else assembled by :func:`_assemble` and kept there."""
    from kg.extract import cache

    key = cache.entry_key("gazetteer")
    gaz = cache.load("gazetteer", key)
    if isinstance(gaz, Gazetteer):
        return gaz
    gaz = _assemble()
    _ = gaz._index  # the lookup tables, built once and kept with the entries
    gaz.fingerprint = key
    cache.store("gazetteer", key, gaz)
    return gaz


def _assemble() -> Gazetteer:
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
