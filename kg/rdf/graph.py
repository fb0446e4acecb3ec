"""Extraction -> RDF: the quads that one article contributes to the knowledge graph.

One :class:`~kg.models.Extraction` becomes

* in the article's named graph (``<base>graph/article/<slug>``): the article node
  (``schema:NewsArticle``, ``prov:Entity``), the extraction activity
  (``kg:ExtractionActivity``, PROV-O), one ``kg:Assertion`` node per distinct relation
  with all its flags and evidence (``kg:source`` the outermost claimant,
  ``kg:sourceChain`` the list of nested claimants), ``schema:mentions`` links to the
  actors it names, and the direct fact ``actor kg:hacked actor`` of every asserted, non-negated
  relation (a denied, alleged or attempted relation is only an assertion);
* in the shared actors graph (``<base>graph/actors``): the type, labels, aliases,
  affiliation and country code of every entity the article names.

Everything is derived from the extraction alone, so the same article gives the same
quads on every run (stable IRIs, no blank nodes), which is what makes builds
idempotent. Literals are written in the canonical form that Oxigraph keeps, so a
graph read back from the store compares equal term by term.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from kg import __version__
from kg.inventory import predicates
from kg.models import ACTOR_TYPES, Actor, Article, Extraction, Mention, Relation
from kg.rdf.namespace import KG, PROV, SCHEMA, IRIs, actor_id, label_key

log = logging.getLogger(__name__)

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]
"""(subject, predicate, object, graph) as rdflib terms."""

_PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}


@dataclass(frozen=True)
class ExtractionRun:
    """The PROV-O activity that produced a set of assertions: one ``kg build`` run.

    ``started`` is the build's start time; set ``SOURCE_DATE_EPOCH`` for a
    reproducible build (see :func:`build_time`).
    """

    model_name: str | None
    started: dt.datetime
    tool_version: str = __version__

    @property
    def key(self) -> str:
        """The text that identifies the run (its IRI is minted from it)."""
        return f"{self.tool_version}\x00{self.model_name or ''}\x00{_datetime(self.started)}"


def build_time() -> dt.datetime:
    """Return the build time: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else now (UTC).

    >>> build_time().tzinfo is not None
    True
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def extraction_quads(
    extraction: Extraction,
    run: ExtractionRun,
    iris: IRIs | None = None,
    duplicate_of: Iterable[str] = (),
) -> list[Quad]:
    """Return every quad that one article contributes: its named graph and its actors.

    Args:
        extraction: the article with its relations and actors.
        run: the extraction activity (tool version, model, start time).
        iris: IRI minting under a base IRI (default base when None).
        duplicate_of: ids of earlier articles this one is a near-duplicate of.

    Example:
        >>> from kg.models import Article, Extraction
        >>> run = ExtractionRun("en_core_web_sm", build_time())
        >>> quads = extraction_quads(Extraction(Article(id="a1", text="Hello.")), run)
        >>> quads[0][2] == SCHEMA.NewsArticle
        True
    """
    iris = iris or IRIs()
    return list(_article_quads(extraction, run, iris, tuple(duplicate_of))) + list(
        actor_quads(extraction, iris)
    )


def to_dataset(quads: Iterable[Quad]) -> Dataset:
    """Return an rdflib Dataset holding ``quads``; its default graph is their union."""
    dataset = Dataset(default_union=True)
    for s, p, o, g in quads:
        dataset.add((s, p, o, g))
    return dataset


def assertion_iri(iris: IRIs, article_id: str, relation: Relation) -> URIRef:
    """Return the stable IRI of the assertion node of ``relation`` in article ``article_id``."""
    subject_id, predicate, object_id, negated = relation.key
    return iris.assertion(article_id, f"{subject_id}|{predicate}|{object_id}|{negated}")


def summary_iri(iris: IRIs, relation: Relation) -> URIRef:
    """Return the IRI of the summary node of ``relation`` (its subject, predicate, object and
    negation), in the summary graph (:mod:`kg.rdf.summary`)."""
    return iris.summary(
        str(iris.actor(relation.subject.id)),
        str(KG[relation.predicate]),
        str(iris.actor(relation.object.id)),
        bool(relation.negated),
    )


def is_fact(relation: Relation) -> bool:
    """True when the relation is also written as a direct triple: asserted and not negated."""
    return relation.modality == "asserted" and not relation.negated


def unique_relations(relations: Iterable[Relation]) -> list[Relation]:
    """Return one relation per key (subject, predicate, object, negated), the most confident.

    Relations with a predicate outside the inventory are dropped with a warning.
    """
    known = predicates()
    best: dict[tuple, Relation] = {}
    for relation in relations:
        if relation.predicate not in known:
            log.warning("%s: unknown predicate %r skipped", relation.doc, relation.predicate)
            continue
        current = best.get(relation.key)
        if current is None or relation.confidence > current.confidence:
            best[relation.key] = relation
    return list(best.values())


def _article_quads(
    extraction: Extraction, run: ExtractionRun, iris: IRIs, duplicate_of: tuple[str, ...]
) -> Iterator[Quad]:
    article = extraction.article
    g = iris.article_graph(article.id)
    node = iris.article(article.id)
    yield node, RDF.type, SCHEMA.NewsArticle, g
    yield node, RDF.type, PROV.Entity, g
    yield node, KG.articleId, _text(article.id), g
    yield node, KG.contentHash, Literal(article.content_hash), g
    yield from _optional_article_fields(node, article, g)
    for other in sorted(set(duplicate_of) - {article.id}):
        yield node, KG.duplicateOf, iris.article(other), g

    activity = iris.activity(run.key)
    yield activity, RDF.type, PROV.Activity, g
    yield activity, RDF.type, KG.ExtractionActivity, g
    yield activity, KG.toolVersion, _text(run.tool_version), g
    if run.model_name:
        yield activity, KG.modelName, _text(run.model_name), g
    yield activity, PROV.startedAtTime, _typed(_datetime(run.started), XSD.dateTime), g

    mentioned = {iris.actor(m.actor.id) for m in extraction.actors}
    relations = unique_relations(extraction.relations)
    for relation in relations:
        mentioned.update((iris.actor(relation.subject.id), iris.actor(relation.object.id)))
    for entity in sorted(mentioned):
        yield node, SCHEMA.mentions, entity, g

    for relation in relations:
        yield from _assertion_quads(
            relation, assertion_iri(iris, article.id, relation), node, activity, iris, g
        )


def _optional_article_fields(node: URIRef, article: Article, g: URIRef) -> Iterator[Quad]:
    if article.title:
        yield node, SCHEMA.headline, _text(article.title), g
    if article.url:
        yield node, SCHEMA.url, _typed(_clean(article.url), XSD.anyURI), g
    published = _date_literal(article.published)
    if published is not None:
        yield node, SCHEMA.datePublished, published, g
    if article.source:
        yield node, KG.outlet, _text(article.source), g
    if article.language:
        yield node, SCHEMA.inLanguage, _text(article.language), g


def _assertion_quads(
    relation: Relation,
    node: URIRef,
    article: URIRef,
    activity: URIRef,
    iris: IRIs,
    g: URIRef,
) -> Iterator[Quad]:
    subject = iris.actor(relation.subject.id)
    obj = iris.actor(relation.object.id)
    predicate = KG[relation.predicate]
    yield node, RDF.type, KG.Assertion, g
    yield node, RDF.type, PROV.Entity, g
    yield node, KG.subject, subject, g
    yield node, KG.predicate, predicate, g
    yield node, KG.object, obj, g
    yield node, KG.negated, Literal(bool(relation.negated)), g
    yield node, KG.modality, _text(relation.modality), g
    yield node, KG.confidence, _double(relation.confidence), g
    yield from _source_quads(relation, node, iris, g)
    yield node, KG.sentence, _text(relation.sentence), g
    yield node, KG.rule, _text(relation.rule), g
    yield node, KG.kind, _text(relation.kind), g
    yield from _offsets(node, relation, g)
    if relation.trigger:
        yield node, KG.trigger, _text(relation.trigger), g
    event_date = _date_literal(relation.event_date)
    if event_date is not None:
        yield node, KG.eventDate, event_date, g
        precision = relation.event_date_precision or _PRECISION_BY_LENGTH.get(
            len(relation.event_date.strip()), "day"
        )
        yield node, KG.eventDatePrecision, _text(precision), g
    yield node, PROV.wasDerivedFrom, article, g
    yield node, PROV.wasGeneratedBy, activity, g
    yield node, KG.summary, summary_iri(iris, relation), g
    if is_fact(relation):
        yield subject, predicate, obj, g


def source_chain(relation: Relation) -> list[tuple[str, str]]:
    """(compact id, label) of every claimant of ``relation``, outermost first.

    >>> from kg.models import Mention
    >>> m = Mention("A", "Country", "kg:actor/a", "A", 0, 1)
    >>> r = Relation("d", m, "hacked", m, "s", "r", source="The Times",
    ...              source_chain=("State Department", "The Times"))
    >>> [label for _, label in source_chain(r)]
    ['State Department', 'The Times']
    """
    if relation.source_chain:
        ids = relation.source_chain_ids or tuple(actor_id(x) for x in relation.source_chain)
        return list(zip(ids, relation.source_chain, strict=False))
    if relation.source:
        return [(relation.source_id or actor_id(relation.source), relation.source)]
    return []


def _source_quads(relation: Relation, node: URIRef, iris: IRIs, g: URIRef) -> Iterator[Quad]:
    """``kg:source`` the outermost claimant; nested claimants also as ``kg:sourceChain``,
    an RDF list (outermost first) whose nodes are IRIs minted from the assertion."""
    chain = source_chain(relation)
    if not chain:
        return
    yield node, KG.source, iris.actor(chain[0][0]), g
    if len(chain) < 2:
        return
    cells = [URIRef(f"{node}/source/{i}") for i in range(len(chain))]
    yield node, KG.sourceChain, cells[0], g
    for i, (compact, _label) in enumerate(chain):
        yield cells[i], RDF.first, iris.actor(compact), g
        yield cells[i], RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil, g


def _offsets(node: URIRef, relation: Relation, g: URIRef) -> Iterator[Quad]:
    if relation.sentence_start is not None and relation.sentence_end is not None:
        yield node, KG.sentenceStart, Literal(relation.sentence_start), g
        yield node, KG.sentenceEnd, Literal(relation.sentence_end), g
    for mention, text, start, end in (
        (relation.subject, KG.subjectText, KG.subjectStart, KG.subjectEnd),
        (relation.object, KG.objectText, KG.objectStart, KG.objectEnd),
    ):
        yield node, text, _text(mention.text), g
        yield node, start, Literal(mention.start), g
        yield node, end, Literal(mention.end), g


def actor_quads(extraction: Extraction, iris: IRIs) -> Iterator[Quad]:
    """Quads of the actors graph: canonical actors first, then bare relation arguments."""
    g = iris.actors_graph
    described: set[URIRef] = set()
    for mention in extraction.actors:
        described.add(iris.actor(mention.actor.id))
        yield from _describe_actor(mention.actor, iris, g)
    for relation in unique_relations(extraction.relations):
        for arg in (relation.subject, relation.object):
            if iris.actor(arg.id) not in described:
                described.add(iris.actor(arg.id))
                yield from _describe_mention(arg, iris, g)
        for source_id, label in source_chain(relation):
            if iris.actor(source_id) not in described:
                described.add(iris.actor(source_id))
                yield from _describe_bare_actor(iris.actor(source_id), label, g)


def _describe_actor(actor: Actor, iris: IRIs, g: URIRef) -> Iterator[Quad]:
    node = iris.actor(actor.id)
    yield node, RDF.type, entity_class(actor.type), g
    yield node, RDFS.label, _text(actor.label), g
    yield node, SKOS.prefLabel, _text(actor.label), g
    for alias in sorted(set(actor.aliases) - {actor.label}):
        yield node, SKOS.altLabel, _text(alias), g
    yield from _keys(node, (actor.label, *actor.aliases), g)
    if actor.affiliation and actor_id(actor.affiliation) != actor.id:
        affiliated = iris.actor(actor_id(actor.affiliation))
        yield node, KG.affiliatedCountry, affiliated, g
        yield from _describe_bare_actor(affiliated, actor.affiliation, g)
    if actor.country_code:
        yield node, KG.countryCode, _text(actor.country_code.upper()), g


def _describe_mention(mention: Mention, iris: IRIs, g: URIRef) -> Iterator[Quad]:
    node = iris.actor(mention.id)
    yield node, RDF.type, entity_class(mention.type), g
    yield node, RDFS.label, _text(mention.label), g
    yield node, SKOS.prefLabel, _text(mention.label), g
    yield from _keys(node, (mention.label,), g)


def _describe_bare_actor(node: URIRef, label: str, g: URIRef) -> Iterator[Quad]:
    """An actor known only by name (a source or an affiliation): typed kg:Actor."""
    yield node, RDF.type, KG.Actor, g
    yield node, RDFS.label, _text(label), g
    yield node, SKOS.prefLabel, _text(label), g
    yield from _keys(node, (label,), g)


def _keys(node: URIRef, labels: Iterable[str], g: URIRef) -> Iterator[Quad]:
    """``kg:key`` of each distinct label and alias, for look-up by equality."""
    for key in sorted({label_key(_clean(str(label))) for label in labels} - {""}):
        yield node, KG.key, Literal(key), g


def entity_class(type_name: str) -> URIRef:
    """Return the ontology class of an actor or argument type (kg:Actor when unknown).

    >>> entity_class("ThreatGroup").endswith("#ThreatGroup")
    True
    """
    if type_name in ACTOR_TYPES or type_name in ("People", "Thing"):
        return KG[type_name]
    return KG.Actor


_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text: str) -> str:
    """Text that every RDF syntax can carry: control characters (which XML 1.0 cannot
    hold) become spaces and lone surrogates become U+FFFD, keeping the length."""
    return _SURROGATE.sub("\ufffd", _UNWRITABLE.sub(" ", text))


def _text(text: str) -> Literal:
    """A plain string literal, cleaned with :func:`_clean`."""
    return Literal(_clean(str(text)))


def _typed(text: str, datatype: URIRef) -> Literal:
    """A typed literal with exactly this lexical form (rdflib would otherwise rewrite it)."""
    return Literal(text, datatype=datatype, normalize=False)


def _double(value: float) -> Literal:
    """``0.82`` -> ``"0.82"^^xsd:double`` in the lexical form that Oxigraph keeps."""
    text = f"{round(float(value), 3):.3f}".rstrip("0").rstrip(".") or "0"
    return _typed(text, XSD.double)


def _datetime(value: dt.datetime) -> str:
    """ISO form with ``Z`` for UTC, as Oxigraph writes it."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _date_literal(text: str | None) -> Literal | None:
    """``2017`` / ``2017-10`` / ``2017-10-11`` (or an ISO date-time) as a typed literal.

    Returns None for a value that is not a valid date, so no ill-typed literal is written.
    """
    if not text:
        return None
    text = text.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return _typed(text, XSD.gYear)
        if len(text) == 7:
            dt.date.fromisoformat(text + "-01")
            return _typed(text, XSD.gYearMonth)
        if len(text) == 10:
            return _typed(dt.date.fromisoformat(text).isoformat(), XSD.date)
        return _typed(_datetime(dt.datetime.fromisoformat(text)), XSD.dateTime)
    except ValueError:
        log.warning("not a date, left out: %r", text)
        return None
