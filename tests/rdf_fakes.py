"""Hand-built extractions and a regex extractor for the RDF store and build tests.

No spaCy: :class:`PatternExtractor` finds ``<Name> <verb> <Name>`` in the text with
a regular expression, so store and build tests are fast and do not depend on a
model. The sentences are our own.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

from kg.models import Actor, ActorMention, Article, Extraction, Mention, Relation
from kg.rdf.namespace import actor_id

TYPES = {
    "Israel": "Country",
    "Russia": "Country",
    "Iran": "Country",
    "China": "Country",
    "Kaspersky": "Company",
    "Sony": "Company",
    "Microsoft": "Company",
    "Lazarus": "ThreatGroup",
    "Sandworm": "ThreatGroup",
    "NSA": "GovernmentBody",
    "Reuters": "MediaOutlet",
}

VERBS = {
    "hacked": ("hacked", "asserted", False),
    "accused": ("accused", "asserted", False),
    "attacked": ("attacked", "asserted", False),
    "allegedly hacked": ("hacked", "alleged", False),
    "tried to hack": ("hacked", "attempted", False),
    "never helped": ("cooperatedWith", "asserted", True),
    "sanctioned": ("sanctioned", "asserted", False),
}

_PATTERN = re.compile(
    r"\b(?P<s>[A-Z][A-Za-z]+) (?P<v>" + "|".join(sorted(VERBS, key=len, reverse=True)) + r") "
    r"(?P<o>[A-Z][A-Za-z]+)\b"
)


def mention(label: str, start: int) -> Mention:
    """A mention of a known actor (type from TYPES, Organization otherwise)."""
    return Mention(
        label, TYPES.get(label, "Organization"), actor_id(label), label, start, start + len(label)
    )


def actor(label: str) -> Actor:
    """The canonical actor of a label, with an alias and a country code for countries."""
    kind = TYPES.get(label, "Organization")
    code = {"Israel": "IL", "Russia": "RU", "Iran": "IR", "China": "CN"}.get(label)
    affiliation = "Russia" if label == "Sandworm" else None
    return Actor(actor_id(label), label, kind, (label.upper(),), affiliation, code)


def extract(article: Article) -> Extraction:
    """Find ``Name verb Name`` relations in the article text."""
    relations = []
    labels: list[str] = []
    for match in _PATTERN.finditer(article.text):
        predicate, modality, negated = VERBS[match["v"]]
        subject = mention(match["s"], match.start("s"))
        obj = mention(match["o"], match.start("o"))
        relations.append(
            Relation(
                doc=article.id,
                subject=subject,
                predicate=predicate,
                object=obj,
                sentence=match.group(0) + ".",
                rule="fake-svo",
                negated=negated,
                modality=modality,
                source="Reuters" if "Reuters" in article.text else None,
                event_date="2017-10" if "2017" in article.text else None,
                confidence=0.75,
                sentence_start=match.start(),
                sentence_end=match.end(),
                trigger=match["v"],
            )
        )
        labels += [match["s"], match["o"]]
    actors = tuple(ActorMention(actor(label)) for label in dict.fromkeys(labels))
    return Extraction(article, tuple(relations), actors)


class PatternExtractor:
    """A stand-in for ``kg.extract.Extractor`` with the same ``pipe`` interface."""

    model_name = "fake-pattern-0"

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.seen: list[str] = []

    def pipe(self, articles: Iterable[Article], **_: Any) -> Iterator[Extraction]:
        for article in articles:
            self.seen.append(article.id)
            if self.delay:
                time.sleep(self.delay)
            yield extract(article)


STORIES = [
    "Israel hacked Kaspersky and watched Russian operatives in real time, Reuters said in 2017.",
    "Lazarus hacked Sony before the film came out. Microsoft accused Lazarus days later.",
    "Sandworm attacked Ukraine again. The NSA accused Sandworm of the blackout.",
    "Kaspersky never helped Russia, the company said. Iran allegedly hacked Microsoft.",
    "China tried to hack NSA contractors. Israel sanctioned Iran over the intrusion.",
    "Sandworm hacked Microsoft while Russia sanctioned Reuters for its reporting.",
]


def corpus(n: int = 6) -> list[Article]:
    """``n`` small articles (the stories recombined with distinct ids and words)."""
    return [
        Article(
            id=f"story-{i:03d}",
            text=f"{STORIES[i % len(STORIES)]} Filed as dispatch number {i} of the series.",
            title=f"Dispatch {i}",
            published=f"2017-10-{1 + i % 28:02d}",
            source="Example Wire",
            url=f"https://news.example.org/{i}",
        )
        for i in range(n)
    ]
