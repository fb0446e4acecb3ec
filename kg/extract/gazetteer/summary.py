"""The actor report of ``kg actors``: canonical actors merged across many extractions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kg.models import Actor


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
        >>> from kg.extract.gazetteer import Gazetteer
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
