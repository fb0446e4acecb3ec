"""A small news corpus, already "extracted", for the query, serve and push tests.

The extractions are built by hand (our own sentences, no spaCy) and written with
the real :class:`kg.rdf.store.KGStore`, so the presets run against the graph
layout the build produces. The corpus has:

* one wire story (``wire-1``, Wire Agency) republished word for word by two sites
  (``copy-1`` and ``copy-2``, linked as the build links them: each copy is
  ``kg:duplicateOf`` every earlier copy, so copy-2 of wire-1 and copy-1), and an
  independent report of the same hack (``ledger-1``, Tech Ledger);
* an accusation met by a denial (United States government / Kaspersky Lab);
* an article without date or outlet (``undated-1``);
* a negated relation, an alleged one, an attempted one, an event date, a cited
  source, a non-actor argument (``customers``), and an actor whose label holds
  quotes and braces (for the injection tests).
"""

from __future__ import annotations

from pathlib import Path

from kg.models import Actor, ActorMention, Article, Extraction, Mention, Relation
from kg.rdf.namespace import actor_id

ACTORS = {
    "Israel": Actor(actor_id("Israel"), "Israel", "Country", ("Israeli intelligence",)),
    "Kaspersky Lab": Actor(
        actor_id("Kaspersky Lab"), "Kaspersky Lab", "Company", ("Kaspersky", "the firm")
    ),
    "United States government": Actor(
        actor_id("United States government"),
        "United States government",
        "GovernmentBody",
        ("US government", "Washington"),
    ),
    "Russia": Actor(actor_id("Russia"), "Russia", "Country"),
    "Fancy Bear": Actor(actor_id("Fancy Bear"), "Fancy Bear", "ThreatGroup", ("APT28",)),
    "The New York Times": Actor(
        actor_id("The New York Times"), "The New York Times", "MediaOutlet", ("the Times",)
    ),
    'Group "Q" {ops}': Actor(actor_id('Group "Q" {ops}'), 'Group "Q" {ops}', "ThreatGroup"),
    "customers": Actor(actor_id("customers"), "customers", "People"),
}

# id: (published, outlet, duplicate of (ids, space-separated),
#      [(s, p, o, modality, negated, source, event date)])
ARTICLES: dict[str, tuple[str | None, str | None, str | None, list[tuple]]] = {
    "wire-1": (
        "2017-10-10",
        "Wire Agency",
        None,
        [
            ("Israel", "hacked", "Kaspersky Lab", "asserted", False, "The New York Times", None),
            ("Russia", "spiedOn", "United States government", "alleged", False, None, None),
        ],
    ),
    "copy-1": (
        "2017-10-11",
        "Daily Echo",
        "wire-1",
        [("Israel", "hacked", "Kaspersky Lab", "asserted", False, "The New York Times", None)],
    ),
    "copy-2": (
        "2017-10-11",
        "Metro Post",
        "wire-1 copy-1",
        [("Israel", "hacked", "Kaspersky Lab", "asserted", False, "The New York Times", None)],
    ),
    "ledger-1": (
        "2017-10-12",
        "Tech Ledger",
        None,
        [
            ("Israel", "hacked", "Kaspersky Lab", "asserted", False, "The New York Times", None),
            ("United States government", "accused", "Kaspersky Lab", "asserted", False, None, None),
            ("Kaspersky Lab", "denied", "United States government", "asserted", False, None, None),
            ("Kaspersky Lab", "cooperatedWith", "Russia", "asserted", True, None, None),
            (
                "United States government",
                "banned",
                "Kaspersky Lab",
                "asserted",
                False,
                None,
                "2017-09",
            ),
        ],
    ),
    "wire-2": (
        "2018-03-01",
        "Wire Agency",
        None,
        [
            ("Fancy Bear", "hacked", "customers", "asserted", False, None, None),
            ("Fancy Bear", "attacked", "United States government", "attempted", False, None, None),
            ("United States government", "accused", "Kaspersky Lab", "asserted", False, None, None),
            ('Group "Q" {ops}', "leaked", "Russia", "asserted", False, None, None),
        ],
    ),
    "undated-1": (  # no date, no outlet: aggregates must skip the missing values
        None,
        None,
        None,
        [
            ("Israel", "hacked", "Kaspersky Lab", "asserted", False, None, None),
            ("United States government", "accused", "Kaspersky Lab", "asserted", False, None, None),
        ],
    ),
}


def _mention(label: str) -> Mention:
    actor = ACTORS[label]
    return Mention(actor.label, actor.type, actor.id, actor.label, 0, len(actor.label))


def extractions() -> list[Extraction]:
    """The corpus as extractions, in article order."""
    out = []
    for article_id, (published, outlet, _duplicate, facts) in ARTICLES.items():
        sentences = []
        relations = []
        for s, p, o, modality, negated, source, event_date in facts:
            sentence = f"{s} {'did not ' if negated else ''}{p} {o}, {outlet or 'a blog'} wrote."
            sentences.append(sentence)
            relations.append(
                Relation(
                    doc=article_id,
                    subject=_mention(s),
                    predicate=p,
                    object=_mention(o),
                    sentence=sentence,
                    rule="hand-made",
                    negated=negated,
                    modality=modality,
                    source=source,
                    source_id=ACTORS[source].id if source else None,
                    event_date=event_date,
                    confidence=0.9,
                )
            )
        names = {name for fact in facts for name in (fact[0], fact[2], fact[5]) if name}
        article = Article(
            id=article_id,
            text=" ".join(sentences),
            title=f"Report {article_id}",
            published=published,
            url=f"https://news.example/{article_id}",
            source=outlet,
        )
        out.append(
            Extraction(
                article,
                tuple(relations),
                tuple(ActorMention(ACTORS[name]) for name in sorted(names)),
            )
        )
    return out


def duplicates() -> dict[str, list[str]]:
    """Article id -> ids of the articles it copies (``kg:duplicateOf``)."""
    return {aid: dup.split() for aid, (_, _, dup, _) in ARTICLES.items() if dup}


def build_store(path: Path) -> Path:
    """Write the corpus into a new store at ``path`` and return the path."""
    import datetime as dt

    from kg.rdf.graph import ExtractionRun
    from kg.rdf.store import KGStore

    run = ExtractionRun("hand-made", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    with KGStore(path) as store:
        store.add_extractions(extractions(), run, duplicates())
    return path
