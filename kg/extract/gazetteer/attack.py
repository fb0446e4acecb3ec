"""The MITRE ATT&CK import: threat-group entries and the country a description attributes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kg.extract.gazetteer.files import _MATCH_LABEL, _Raw
from kg.extract.gazetteer.surface import _QUOTES
from kg.models import Actor

if TYPE_CHECKING:
    from kg.extract.gazetteer.core import Gazetteer

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
        >>> from kg.extract.gazetteer import Gazetteer
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
