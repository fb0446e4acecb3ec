"""The lookup index: the frozen, query-side tables of a loaded gazetteer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.gazetteer.surface import _fold, _is_strict, normalize_surface
from kg.extract.lexicon import LEXICON
from kg.models import Actor

if TYPE_CHECKING:
    from kg.extract.gazetteer.core import Gazetteer, _Entry


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


_INVARIANT_ENDINGS = tuple(sorted(LEXICON.words("invariant_demonym_endings")))
"""Demonym endings whose plural is the word itself ("Chinese", "British")."""


def _plurals(word: str) -> list[str]:
    """Plural forms of a demonym: "Russian" -> "Russians"; "Chinese", "British" stay."""
    if word.endswith(_INVARIANT_ENDINGS):
        return []
    return [word + "s"]
