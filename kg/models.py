"""The records that flow between the stages: articles in, actors and relations out.

All are frozen dataclasses so they can be hashed, shared between processes and
compared in tests. ``Relation.to_dict`` is the JSON-lines contract of
``kg extract`` (described in the README, under "Extracting relations").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

ACTOR_TYPES = (
    "Country",
    "GovernmentBody",
    "Organization",
    "Company",
    "MediaOutlet",
    "Person",
    "ThreatGroup",
    "Place",
)
"""Actor types of the annotation guidelines."""

MODALITIES = ("asserted", "alleged", "attempted")
KINDS = ("explicit", "coref", "nominal")


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of ``text`` with whitespace normalised.

    >>> content_hash("a  b") == content_hash("a b\\n")
    True
    """
    normal = " ".join(text.split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article, whatever it was read from.

    ``published`` is an ISO date (``YYYY-MM-DD``) or None; ``source`` is the outlet
    (site or publication name); ``origin`` says where it was read from (path or URL).
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = "en"
    author: str | None = None
    origin: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the whitespace-normalised title and text: equal content, equal hash."""
        return content_hash((self.title or "") + "\n" + self.text)


@dataclass(frozen=True)
class Actor:
    """A canonical actor: one label and one stable id across all articles.

    ``id`` has the form ``kg:actor/<slug>``; ``affiliation`` is the label of the
    state (or parent body) the actor belongs to, if known; ``country_code`` is the
    ISO 3166-1 alpha-2 code for countries and state bodies.
    """

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    country_code: str | None = None


@dataclass(frozen=True)
class Mention:
    """An argument of a relation as it appears in the article."""

    label: str
    type: str
    id: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used in ``kg extract`` output."""
        return {
            "label": self.label,
            "type": self.type,
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Relation:
    """One extracted actor-relation triple with its evidence and claim flags.

    ``source`` is the canonical label of the actor that claims the relation, the
    nearest one when claims are nested (None when the article itself asserts it);
    ``source_chain`` lists every claimant, outermost first ("the State Department
    said that the Times reported ..." -> State Department, the Times). ``event_date`` is ``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD``; ``event_date_precision`` is ``year``,
    ``month`` or ``day`` accordingly.
    """

    doc: str
    subject: Mention
    predicate: str
    object: Mention
    sentence: str
    rule: str
    negated: bool = False
    modality: str = "asserted"
    source: str | None = None
    source_id: str | None = None
    source_chain: tuple[str, ...] = ()
    source_chain_ids: tuple[str, ...] = ()
    event_date: str | None = None
    event_date_precision: str | None = None
    confidence: float = 0.5
    kind: str = "explicit"
    sentence_start: int | None = None
    sentence_end: int | None = None
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None

    @property
    def key(self) -> tuple[str, str, str, bool]:
        """(subject id, predicate, object id, negated): one relation per key and article."""
        return (self.subject.id, self.predicate, self.object.id, self.negated)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-lines record of the ``kg extract`` contract."""
        return {
            "doc": self.doc,
            "subject": self.subject.to_dict(),
            "predicate": self.predicate,
            "object": self.object.to_dict(),
            "negated": self.negated,
            "modality": self.modality,
            "source": self.source,
            "source_id": self.source_id,
            "source_chain": list(self.source_chain),
            "source_chain_ids": list(self.source_chain_ids),
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "event_date": self.event_date,
            "event_date_precision": self.event_date_precision,
            "kind": self.kind,
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class ActorMention:
    """An actor found in one article, with the surface forms used and a mention count."""

    actor: Actor
    count: int = 1
    surface_forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article: its relations and the actors it mentions."""

    article: Article
    relations: tuple[Relation, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    warnings: tuple[str, ...] = field(default=())
