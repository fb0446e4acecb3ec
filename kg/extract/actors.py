"""Finding actor mentions in a parsed Doc: gazetteer names, NER entities, descriptive groups.

A mention (:class:`Ref`) is a token span that denotes one canonical
:class:`~kg.models.Actor`. Sources, in order of precedence:

1. the gazetteer (compiled once into a PhraseMatcher): it overrides NER where the
   two overlap, so "Kaspersky" is Kaspersky Lab, a Company, whatever NER says;
2. descriptive groups built around a group noun ("Russian government hackers",
   "US officials", "German authorities"), via :meth:`Gazetteer.descriptive_group`;
3. spaCy NER entities (PERSON, ORG, GPE, NORP, ...), typed by a few cues;
4. unnamed groups: threat nouns ("hackers", "attackers") become a ThreatGroup,
   victim nouns ("customers", "patients") an unspecified group of type ``People``.

Inside one article, a short name that repeats the tail or head of an earlier
name of the same type ("Merkel" after "Angela Merkel", "Symantec" after
"Symantec Corp") is the same actor. Nothing is merged across articles except
through the gazetteer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.lexicon import ARTICLES, GENITIVE_PREPOSITIONS, LEXICON, tokens_with
from kg.inventory import the_predicate
from kg.models import Actor
from kg.rdf.namespace import actor_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ref:
    """A mention of an actor: the tokens ``[start, end)`` of a Doc and the actor they denote.

    ``kind`` is ``name`` (a name or alias), ``group`` (a descriptive group),
    ``people`` (an unspecified group of people), ``demonym`` (a nationality
    adjective standing for its country) or ``coref`` (a pronoun or description
    resolved to an earlier mention).
    """

    actor: Actor
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    kind: str = "name"
    owner: Ref | None = None
    """The named organisation whose members a built phrase denotes, else None."""

    @property
    def is_actor(self) -> bool:
        """True unless this is an unspecified group of people."""
        return self.kind != "people"


_MEMBER_OF = the_predicate("membership")
THREAT_NOUNS = LEXICON.words("threat_nouns")
"""Nouns of unnamed attackers: "the hackers" is a (ThreatGroup) actor."""

STATE_OFFICIALDOM = LEXICON.words("state_officialdom_heads")
"""Heads of an unnamed body of a state's officials that stands for the state itself."""

PEOPLE_NOUNS = LEXICON.words("people_nouns")
"""Nouns of unspecified groups that suffer an operation (CASIE victims), type ``People``."""

_COMPANY_SUFFIXES = re.compile(
    r"\b(Inc|Corp|Corporation|Co|Ltd|LLC|PLC|plc|GmbH|AG|SA|Technologies|Systems|Software|"
    r"Labs?|Security|Networks|Bank|Airlines?|Airways|Group|Holdings|Pharmaceuticals?|"
    r"Entertainment|Hotels?|Telecom|Communications)\.?$"
)
_GOV_WORDS = re.compile(
    r"\b(Ministry|Department|Agency|Office|Service|Bureau|Council|Command|Directorate|"
    r"Parliament|Congress|Senate|Commission|Police|Army|Navy|Court|Government|Prosecutor|"
    r"Administration|Committee|Centre|Center|Authority|Cabinet|Kremlin|Pentagon)\b"
)
_MEDIA_WORDS = re.compile(
    r"\b(Times|Post|Journal|News|Reuters|Associated Press|AP|AFP|Bloomberg|Guardian|"
    r"Telegraph|Tribune|Herald|Gazette|Daily|Magazine|Wire|Press|TV|Radio|BBC|CNN|"
    r"Spiegel|Handelsblatt|Monitor|Observer|Independent|Economist|Wired|TechCrunch)\b"
)
_EDGE = re.compile(r"^(?:the|The|THE)\s+|(?:'s|’s|'|’)$")
_NER_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


_INTELLIGENCE_BODIES = LEXICON.words("intelligence_bodies")
_INTELLIGENCE_NOUNS = LEXICON.words("intelligence_nouns")
_MINISTRY_NOUNS = LEXICON.words("ministry_nouns")


_END = ""
"""The key of a phrase trie node under which the ids of the phrases ending there are kept
(no token's text is empty)."""


class ActorIndex:
    """The actor knowledge the extractor uses: a thin adapter over the gazetteer.

    It owns the compiled matcher of every gazetteer surface form: a trie over token
    texts, which finds what a spaCy ``PhraseMatcher`` on ``ORTH`` finds, in the same
    order, and is kept in the compiled cache (:mod:`kg.extract.cache`) for the shipped
    gazetteer and a given tokenizer, so start-up need not tokenize every name. When the
    gazetteer cannot be loaded the index still works, from NER alone, and the reason is
    kept in :attr:`warning`.
    """

    def __init__(self, gazetteer: object | None = None) -> None:
        self.gaz = gazetteer
        self.warning: str | None = None
        self._actors: dict[str, Actor] = {}
        self._trie: dict[str, dict] | None = None

    @classmethod
    def load(cls, extra: str | None = None) -> ActorIndex:
        """Load the shipped gazetteer plus the user file ``extra``.

        Raises:
            GazetteerError: the user file is missing or malformed.
        """
        from kg.errors import GazetteerError

        try:
            from kg.extract.gazetteer import Gazetteer

            return cls(Gazetteer.load(extra))
        except GazetteerError:
            if extra is not None:
                raise
            index = cls(None)
            index.warning = "shipped gazetteer unreadable; NER only"
            log.warning(index.warning)
            return index
        except Exception as exc:  # an incomplete gazetteer must not stop extraction
            index = cls(None)
            index.warning = f"gazetteer unavailable ({type(exc).__name__}: {exc}); NER only"
            log.warning(index.warning)
            return index

    def compile(self, nlp: Language) -> None:
        """Build the matcher of every surface form (once per pipeline), tokenized by
        ``nlp``'s tokenizer, or read it from the compiled cache."""
        self._trie = {}
        if self.gaz is None:
            return
        self._actors = {actor.id: actor for actor in self.gaz.actors}
        key = None
        if self.gaz.fingerprint is not None:
            from kg.extract import cache

            tokenizer = nlp.tokenizer.to_bytes(exclude=["vocab"])
            key = cache.entry_key(self.gaz.fingerprint, nlp.lang, tokenizer)
            trie = cache.load("phrases", key)
            if isinstance(trie, dict):
                self._trie = trie
                return
        self._trie = _phrase_trie(nlp, self.gaz.patterns())
        if key is not None:
            cache.store("phrases", key, self._trie)

    # -- knowledge look-ups (all tolerate a missing gazetteer) --------------------
    def lookup(self, surface: str) -> Actor | None:
        """The gazetteer actor a surface form names, or None."""
        return self.gaz.lookup(surface) if self.gaz is not None else None

    def demonym(self, word: str) -> Actor | None:
        """The country of a nationality adjective, or None."""
        return self.gaz.demonym(word) if self.gaz is not None else None

    def group(self, words: list[str]) -> Actor | None:
        """The descriptive group actor of a phrase ("Russian government hackers"), or None."""
        if self.gaz is None or len(words) < 2:
            return None
        if words[-1].lower() in _INTELLIGENCE_BODIES and words[-2].lower() in _INTELLIGENCE_NOUNS:
            words = [*words[:-1], "services"]  # "Moscow's intelligence apparatus"
        try:
            return self.gaz.descriptive_group(words)
        except Exception:  # pragma: no cover - defensive: a gazetteer bug costs one mention
            return None

    def officialdom(self, group: Actor, token: Token) -> Actor:
        """The state itself for an unnamed body of its officials, else ``group``.

        "US officials", "German authorities" and "U.S. government officials" are the
        government of their state (an actor as a whole, as annotation counts it), so a
        plural group whose head is in ``state_officialdom_heads`` and whose owner is a
        country is that country. Named bodies ("FBI officials") and bodies with a
        trade of their own ("German prosecutors", "Russian intelligence services")
        stay groups; so does a single official ("a US official"), who is a person.
        """
        if (
            self.gaz is None
            or group.type != "GovernmentBody"
            or not group.affiliation
            or token.tag_ not in ("NNS", "NNPS")
            or token.lemma_.lower() not in STATE_OFFICIALDOM
        ):
            return group
        state = self.gaz.by_label(group.affiliation)
        return state if state is not None and state.type == "Country" else group

    def is_known(self, actor: Actor) -> bool:
        """True if ``actor`` is a gazetteer actor (not one built by rule)."""
        return self.gaz is not None and self.gaz.get(actor.id) is actor

    def country_of(self, actor: Actor) -> Actor | None:
        """The country an actor is or belongs to, or None."""
        if self.gaz is None:
            return actor if actor.type == "Country" else None
        return self.gaz.country_of(actor)

    def matched(self, doc: Doc) -> Iterator[tuple[int, int, Actor]]:
        """Yield (start, end, actor) of every gazetteer phrase in ``doc``, by start, then
        end (overlapping ones too, as a ``PhraseMatcher`` gives them)."""
        if not self._trie or self.gaz is None:
            return
        words = [token.text for token in doc]
        for start, word in enumerate(words):
            node = self._trie.get(word)
            end = start + 1
            while node is not None:
                for id_ in node.get(_END, ()):
                    actor = self._actors.get(id_)
                    if actor is not None:
                        yield start, end, actor
                node = node.get(words[end]) if end < len(words) else None
                end += 1


def _phrase_trie(nlp: Language, patterns: Iterable[tuple[str, Actor]]) -> dict[str, dict]:
    """The trie of the token texts of every surface form, tokenized by ``nlp``.

    A node maps a token text to the next node and :data:`_END` to the ids of the
    phrases that end there. A phrase of several actors (only a user gazetteer can make
    one) lists them in the order a ``PhraseMatcher`` reports them, which is read off a
    small one made of those phrases alone.
    """
    by_actor: dict[str, list[str]] = {}
    for surface, actor in patterns:
        by_actor.setdefault(actor.id, []).append(surface)
    phrases: dict[tuple[str, ...], list[str]] = {}
    docs: dict[tuple[str, ...], list[tuple[str, Doc]]] = {}
    for id_, surfaces in by_actor.items():
        patterns_ = list(nlp.tokenizer.pipe(surfaces))
        # "sanctioned Evil Corp.": a sentence's full stop joins an abbreviation
        stopped = nlp.tokenizer.pipe(f"{s}." for s in surfaces if _abbreviation_like(s))
        patterns_ += [d for d in stopped if d[-1].text != "." and d[-1].text.endswith(".")]
        for pattern in patterns_:
            words = tuple(token.text for token in pattern)
            if words and id_ not in phrases.setdefault(words, []):
                phrases[words].append(id_)
                docs.setdefault(words, []).append((id_, pattern))
    shared = {words: ids for words, ids in phrases.items() if len(ids) > 1}
    if shared:
        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for words in shared:
            for id_, pattern in docs[words]:
                matcher.add(id_, [pattern])
        for words in shared:
            found = matcher(docs[words][0][1])
            whole = (0, len(words))
            phrases[words] = [nlp.vocab.strings[k] for k, s, e in found if (s, e) == whole]
    trie: dict[str, dict] = {}
    for words, ids in phrases.items():
        node = trie
        for word in words:
            node = node.setdefault(word, {})
        node[_END] = ids
    return trie


def _abbreviation_like(surface: str) -> bool:
    """Whether a name ends in a short capitalised word ("Evil Corp", "Acme Inc") that the
    tokenizer may join to a following full stop."""
    last = surface.rsplit(" ", 1)[-1]
    return " " in surface and len(last) <= 4 and last.isalpha() and last[0].isupper()


def make_actor(label: str, type_: str, affiliation: str | None = None) -> Actor:
    """An actor the gazetteer does not know, with the stable id of its label."""
    return Actor(id=actor_id(label), label=label, type=type_, affiliation=affiliation)


def _clean(text: str) -> str:
    return _EDGE.sub("", _EDGE.sub("", " ".join(text.split())))


def guess_type(text: str, ner_label: str) -> str:
    """The actor type of an entity the gazetteer does not know, from its NER label and words."""
    if ner_label == "PERSON":
        return "Person"
    if ner_label in ("GPE", "LOC", "FAC"):
        return "Place"
    if _MEDIA_WORDS.search(text):
        return "MediaOutlet"
    if _GOV_WORDS.search(text):
        return "GovernmentBody"
    if _COMPANY_SUFFIXES.search(text):
        return "Company"
    return "Organization"


def _span_ref(doc: Doc, start: int, end: int, actor: Actor, kind: str) -> Ref:
    # Drop a leading determiner and a trailing possessive marker from the span.
    while start < end - 1 and doc[start].lower_ in ARTICLES:
        start += 1
    while end > start + 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    span = doc[start:end]
    text = span.text
    end_char = span.end_char
    for suffix in ("'s", "’s"):
        if text.endswith(suffix) and len(text) > 2:
            text, end_char = text[: -len(suffix)], end_char - len(suffix)
    return Ref(actor, start, end, span.start_char, end_char, text, kind)


def find_refs(doc: Doc, index: ActorIndex) -> list[Ref]:
    """Return the actor mentions of ``doc``, left to right, without overlaps.

    Gazetteer matches win over NER; a descriptive group covering a demonym or a
    country name ("Russian government hackers") wins over the shorter mention.
    """
    spans: list[Span] = []
    actors: dict[tuple[int, int], list[tuple[Actor, str]]] = {}

    def add(start: int, end: int, actor: Actor, kind: str, *, also: bool = False) -> None:
        span = doc[start:end]
        spans.append(span)
        if also:  # one more actor of the same phrase ("U.S. and U.K. intelligence agencies")
            actors.setdefault((span.start, span.end), []).append((actor, kind))
        else:
            actors[(span.start, span.end)] = [(actor, kind)]

    for start, end, actor in index.matched(doc):
        add(start, end, actor, "name")
    grouped: set[tuple[int, int]] = set()
    for start, end, actor, kind in _groups(doc, index):
        add(start, end, actor, kind, also=(start, end) in grouped)
        grouped.add((start, end))
    gaz_spans = filter_spans(spans)
    taken = {i for span in gaz_spans for i in range(span.start, span.end)}
    for ent in doc.ents:
        if ent.label_ not in _NER_ACTOR_LABELS or any(
            i in taken for i in range(ent.start, ent.end)
        ):
            continue
        if ent.label_ == "PERSON":
            ent = _without_title(ent)
            if ent is None:
                continue  # "Petty Officer": a title, nobody named
        if _is_chrome(ent) or _is_unit(ent):
            continue
        for part in _comma_parts(ent):
            found = _ner_actor(part, index)
            if found is not None:
                add(part.start, part.end, *found)
    refs = [
        _span_ref(doc, span.start, span.end, actor, kind)
        for span in filter_spans(spans)
        for actor, kind in actors[(span.start, span.end)]
    ]
    refs = _merge_in_document(sorted(refs, key=lambda r: r.start))
    refs = _unnamed_organisations(doc, _owned_roles(doc, refs))
    return _named_groups(doc, _surnames(doc, refs))


_NAMING = LEXICON.words("naming")
"""Verbs that give a description its name: "a hacking group known as X"."""


def _named_groups(doc: Doc, refs: list[Ref]) -> list[Ref]:
    """Give a descriptive group the actor its name denotes ("a Russian group known as X").

    A group mention whose head noun has a naming participle ("known as",
    "called", "dubbed", "tracked as"), or a following apposition with a name, or
    that is itself in apposition to a name ("X, a Moscow-based hacking group"),
    is a mention of that named actor.
    """
    at = {i: ref for ref in refs for i in range(ref.start, ref.end)}
    out = []
    for ref in refs:
        if ref.kind == "group":
            named = _name_of(doc[ref.end - 1], at)
            if named is not None:
                ref = replace(ref, actor=named.actor, kind="name")
        out.append(ref)
    return out


def _name_of(head: Token, at: dict[int, Ref]) -> Ref | None:
    if head.dep_ == "appos" and head.head.i < head.i:  # "Sandworm, a Moscow-based group"
        ref = at.get(head.head.i)
        if ref is not None and ref.kind == "name" and ref.actor.type not in ("Country", "Person"):
            return ref
    for child in head.rights:
        if child.dep_ == "appos":
            ref = at.get(child.i)
            if ref is not None and ref.kind == "name" and ref.actor.type != "Country":
                return ref
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _NAMING:
            for grand in child.subtree:
                ref = at.get(grand.i)
                if ref is not None and ref.kind == "name" and grand.i > child.i:
                    return ref if ref.actor.type != "Country" else None
    return None


COMPANY_NOUNS = LEXICON.words("company_nouns")
"""Heads of a company described by its nationality: "an Israeli cybersecurity firm" is one
Company affiliated to Israel, not Israel ("German companies" stay Germany's)."""

ORG_TAIL_WORDS = LEXICON.words("org_tail_words")
"""Generic last words of an organisation's name, which a short form drops."""

MEMBER_NOUNS = LEXICON.words("member_nouns")
"""Nouns of the members of a named group: "four members of X" is the actor "X members"."""

ROLE_NOUNS = LEXICON.words("role_nouns")
_TITLE_PREPOSITIONS = LEXICON.words("title_prepositions")
"""Person nouns that, singular after a named organisation, are one of its people:
"an NSA contractor" is the Person "NSA contractor", affiliated to the NSA."""

NATIONAL_NOUNS = LEXICON.words("national_nouns")
"""Person nouns that, singular after a nationality, are a person of that country:
"a Chinese woman" is the Person "Chinese woman", not China."""

_LEGISLATURE = re.compile(
    r"\b(?:Parliament|Congress|Senate|House|Assembly|Bundestag|Duma|Knesset|Diet|Majlis|"
    r"Legislature|Council)\b",
    re.IGNORECASE,
)
_ORG_TYPES = ("Organization", "Company", "GovernmentBody", "MediaOutlet", "ThreatGroup")


def _owned_roles(doc: Doc, refs: list[Ref]) -> list[Ref]:
    """Build the actors of noun phrases about the people of an owner.

    "four members of the REvil gang" (ThreatGroup "REvil members"), "an NSA
    contractor" (Person "NSA contractor") and "a Chinese woman" (Person "Chinese
    woman") replace the owner's mention with one spanning the phrase; "an employee
    of Tesla" (Person "Tesla employee") keeps the owner's mention after it. The owner
    is kept as the actor's affiliation, and the named organisation of plural members
    or of one of its staff as the mention's :attr:`Ref.owner` (for
    :func:`owned_memberships`).
    """
    by_token = {i: ref for ref in refs for i in range(ref.start, ref.end)}
    drop: set[int] = set()
    added: list[Ref] = []
    for token in tokens_with(doc, MEMBER_NOUNS | ROLE_NOUNS | NATIONAL_NOUNS | COMPANY_NOUNS):
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = token.lemma_.lower()
        built = None
        if lemma in COMPANY_NOUNS and token.tag_ == "NN":
            built = None if _is_definite(token) else _national_company(doc, token, by_token)
        predicative = token.tag_ == "NN" and token.dep_ in ("attr", "appos")
        if lemma in MEMBER_NOUNS and not predicative:  # "X is a member of Y" is memberOf
            built = _members_of(doc, token, by_token)
            if built is None and token.tag_ == "NNS":
                built = _role_of(doc, token, by_token, lemma)  # "sanctioned Conti members"
        if built is None and token.tag_ == "NN" and not (lemma in MEMBER_NOUNS and predicative):
            built = _role_of(doc, token, by_token, lemma)
        if built is None and token.tag_ == "NN" and lemma in ROLE_NOUNS and not predicative:
            built = _staff_of(doc, token, by_token)
        if built is None:
            continue
        start, end, actor, owner = built
        ref = by_token.get(token.i)
        if any(by_token.get(i, owner) not in (owner, ref) for i in range(start, end)):
            continue  # another actor inside the phrase: leave it to the rules
        drop.update(id(r) for r in (owner, ref) if r is not None and r.start < end)
        member = (
            owner is not None
            and owner.kind == "name"
            and (
                lemma in MEMBER_NOUNS
                and token.tag_ in ("NNS", "NNPS")
                or lemma in ROLE_NOUNS
                and token.tag_ == "NN"
                and actor.type == "Person"
            )
        )
        added.append(
            replace(_span_ref(doc, start, end, actor, "group"), owner=owner if member else None)
        )
    if not added:
        return refs
    kept = [r for r in refs if id(r) not in drop]
    return sorted(filter_refs([*kept, *added]), key=lambda r: r.start)


UNNAMED_ORG_TYPES = {
    "Company": LEXICON.words("unnamed_company_nouns"),
    "Organization": LEXICON.words("unnamed_organization_nouns"),
    "GovernmentBody": LEXICON.words("unnamed_government_nouns"),
    "MediaOutlet": LEXICON.words("unnamed_media_nouns"),
}
"""Heads of unnamed organisations by the actor type they give ("a Bavarian university")."""
_UNNAMED_ORG_NOUNS = frozenset().union(*UNNAMED_ORG_TYPES.values())
_VAGUE = LEXICON.words("vague_modifiers")
_ORG_MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod", "poss")


def _unnamed_organisations(doc: Doc, refs: list[Ref]) -> list[Ref]:
    """Build the actors of unnamed organisations described by a qualifier.

    "a Bavarian university" (Organization), "a logistics company" (Company), "a
    German court" (GovernmentBody, affiliated to Germany), "Saudi Arabia's
    state-owned oil company" (Company of Saudi Arabia). The head is a singular
    organisation noun with at least one descriptive modifier; a country, nationality
    or possessive country among the modifiers is the affiliation and loses its own
    mention; any other named actor among them ("Microsoft's lab") or a vague
    modifier only ("another firm") leaves the noun alone, and so do a bare noun
    ("the company") or a definite one ("the Dutch firm"), which are coreference's,
    a description of a named actor
    ("Aramco, Saudi Arabia's oil company") and a relational noun ("the parent
    company of X"), which are the relation rules'.
    """
    by_token = {i: ref for ref in refs for i in range(ref.start, ref.end)}
    drop: set[int] = set()
    added: list[Ref] = []
    for token in tokens_with(doc, _UNNAMED_ORG_NOUNS):
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or token.tag_ != "NN" or token.i in by_token:
            continue
        if token.dep_ == "compound" and token.head.i > token.i:
            continue  # "bank accounts", "university researchers"
        if token.dep_ in ("appos", "attr") or any(
            c.dep_ == "prep" and c.lower_ in GENITIVE_PREPOSITIONS for c in token.rights
        ):
            continue  # describes a named actor ("X, a German firm"), or relational ("a unit of Y")
        if _is_definite(token):
            continue  # "the cybersecurity company": an earlier name, for coreference
        built = _unnamed_organisation(doc, token, by_token, lemma)
        if built is None:
            continue
        start, actor, owner = built
        drop.update(id(r) for r in refs if start <= r.start and r.end <= token.i)
        added.append(_span_ref(doc, start, token.i + 1, actor, "group"))
    if not added:
        return refs
    kept = [r for r in refs if id(r) not in drop]
    return sorted(filter_refs([*kept, *added]), key=lambda r: r.start)


_DEFINITE = LEXICON.words("definite")


def _is_definite(token: Token) -> bool:
    """True for a noun with a definite determiner ("the Russian firm"): it refers back."""
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.lefts)


def _unnamed_organisation(
    doc: Doc, token: Token, by_token: dict[int, Ref], lemma: str
) -> tuple[int, Actor, Ref | None] | None:
    """(span start, actor, country mention) of one unnamed organisation noun, or None."""
    modifiers = [c for c in token.lefts if c.dep_ in _ORG_MODIFIER_DEPS]
    if not modifiers:
        return None
    start = _after_place(doc, min(m.left_edge.i for m in modifiers), token.i)
    while start < token.i and doc[start].pos_ == "DET":
        start += 1  # "a children's hospital": the determiner of the possessor
    owner: Ref | None = None
    for i in range(start, token.i):
        ref = by_token.get(i)
        if ref is None:
            continue
        if ref.kind == "people" or ref is owner:
            continue  # "a children's hospital": the people noun is part of the description
        if owner is not None:
            return None  # two owners
        if ref.kind != "demonym" and ref.actor.type != "Country":
            return None  # a named owner: "Microsoft's lab" is Microsoft's
        owner = ref
    descriptive = [
        t
        for t in doc[start : token.i]
        if t.is_alpha
        and t.lower_ not in _VAGUE
        and not t.like_num
        and t.pos_ not in ("DET", "PRON")
    ]
    if not descriptive:
        return None
    label = " ".join(_phrase_words(doc[start : token.i + 1], proper_case=True))
    type_ = next(type_ for type_, nouns in UNNAMED_ORG_TYPES.items() if lemma in nouns)
    affiliation = owner.actor.label if owner is not None else None
    return start, make_actor(label, type_, affiliation), owner


def filter_refs(refs: list[Ref]) -> list[Ref]:
    """Drop refs overlapping a longer one (longest first); refs of one span all stay."""
    taken: set[int] = set()
    spans: set[tuple[int, int]] = set()
    out = []
    for ref in sorted(refs, key=lambda r: r.start - r.end):
        if (ref.start, ref.end) not in spans and any(
            i in taken for i in range(ref.start, ref.end)
        ):
            continue
        taken.update(range(ref.start, ref.end))
        spans.add((ref.start, ref.end))
        out.append(ref)
    return out


def _phrase_start(doc: Doc, token: Token) -> int:
    """First token of a noun's pre-modifiers, determiners and counts included."""
    start = token.i
    while start > 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in (
        "det", "nummod", "amod", "quantmod", "advmod", "compound",
    ):  # fmt: skip
        start -= 1
    return start


def _members_of(
    doc: Doc, token: Token, by_token: dict[int, Ref]
) -> tuple[int, int, Actor, Ref] | None:
    """ "seven members of the Conti gang" -> (span, "Conti members", the Conti ref)."""
    found = _named_after(token, by_token, GENITIVE_PREPOSITIONS)
    if found is None:
        return None
    owner, pobj = found
    if owner.actor.type not in ("ThreatGroup", "GovernmentBody", "Organization"):
        return None
    if _LEGISLATURE.search(owner.actor.label) or _LEGISLATURE.search(owner.text):
        return None  # "members of the parliament" are the parliament's, not a group
    label = f"{owner.actor.label} members"
    type_ = "Organization" if owner.actor.type == "Organization" else owner.actor.type
    actor = make_actor(label, type_, owner.actor.label)
    return _phrase_start(doc, token), max(owner.end, pobj.i + 1), actor, owner


def _staff_of(
    doc: Doc, token: Token, by_token: dict[int, Ref]
) -> tuple[int, int, Actor, Ref] | None:
    """ "an employee of Tesla", "an engineer at Google" -> (span, Person "Tesla
    employee", the Tesla ref): one of an organisation's people, not the organisation."""
    found = _named_after(token, by_token, _TITLE_PREPOSITIONS)
    if found is None or found[0].actor.type not in _ORG_TYPES:
        return None
    owner = found[0]  # its mention stays the organisation's: "an employee of X, based in Y"
    actor = make_actor(f"{owner.text} {token.lower_}", "Person", owner.actor.label)
    return _phrase_start(doc, token), token.i + 1, actor, owner


def _named_after(
    token: Token, by_token: dict[int, Ref], prepositions: frozenset[str]
) -> tuple[Ref, Token] | None:
    """The named actor of a prepositional phrase on ``token`` and its object."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in prepositions:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            owner = by_token.get(pobj.i) or next(
                (by_token[i] for i in range(pobj.left_edge.i, pobj.i) if i in by_token), None
            )  # "members of the Conti ransomware group": the group is named in a compound
            if owner is not None and owner.kind == "name":
                return owner, pobj
    return None


def _national_company(
    doc: Doc, token: Token, by_token: dict[int, Ref]
) -> tuple[int, int, Actor, Ref] | None:
    """ "an Israeli cybersecurity firm" -> (span, Company "Israeli cybersecurity firm", Israel)."""
    start = _phrase_start(doc, token)
    owner = None
    for i in range(start, token.i):
        ref = by_token.get(i)
        if ref is None:
            continue
        if ref.kind != "demonym" or owner is not None:
            return None  # a named company ("the Chinese firm Huawei" is Huawei's), or two owners
        owner = ref
    if owner is None:
        return None
    words = [t.lower_ for t in doc[owner.end : token.i] if t.is_alpha]
    label = " ".join([owner.text, *words, token.lower_])
    return start, token.i + 1, make_actor(label, "Company", owner.actor.label), owner


def owned_memberships(refs: Iterable[Ref]) -> Iterator[tuple[Ref, str, Ref, int, str]]:
    """(member, "memberOf", owner, trigger, rule) for each mention built with an owner.

    "seven members of the TrickBot group" and "sanctioned Conti members" are
    memberOf(TrickBot members, TrickBot) and memberOf(Conti members, Conti); "an NSA
    contractor" and "an employee of Tesla" are memberOf their organisation too, under
    the name coreference gives them ("An NSA contractor, Reality Winner,"). The tuple is
    a relation candidate's first five fields; the trigger is the phrase's last token.
    """
    for ref in refs:
        if ref.owner is not None:
            yield ref, _MEMBER_OF, ref.owner, ref.end - 1, "owned-role"


def _role_of(
    doc: Doc, token: Token, by_token: dict[int, Ref], lemma: str
) -> tuple[int, int, Actor, Ref | None] | None:
    """ "an NSA contractor" / "a Chinese woman": (span, the Person, the owner's ref).

    None when the noun is a title before a name ("Microsoft engineer John Smith"):
    the name is the person and the owner keeps its own mention, for memberOf.
    """
    if _is_title_of_name(token):
        return None
    for child in token.lefts:
        owner = by_token.get(child.i)
        if owner is None or child.dep_ not in ("compound", "amod", "nmod", "poss"):
            continue
        if owner.end > token.i:
            return None
        named = owner.kind == "name" and owner.actor.type in _ORG_TYPES
        if named and lemma in MEMBER_NOUNS and token.tag_ == "NNS":
            if _LEGISLATURE.search(owner.actor.label) or owner.actor.type != "ThreatGroup":
                return None
            actor = make_actor(f"{owner.actor.label} members", "ThreatGroup", owner.actor.label)
            return _phrase_start(doc, token), token.i + 1, actor, owner
        national = owner.kind == "demonym" and lemma in NATIONAL_NOUNS
        staff = named and lemma in ROLE_NOUNS | MEMBER_NOUNS
        if not (national or staff):
            return None
        actor = make_actor(f"{owner.text} {token.lower_}", "Person", owner.actor.label)
        return _phrase_start(doc, token), token.i + 1, actor, owner
    if lemma in NATIONAL_NOUNS:  # "a Chechen dissident": a nationality the gazetteer lacks
        for child in token.lefts:
            if child.dep_ in ("amod", "compound") and child.ent_type_ == "NORP":
                if child.i in by_token:
                    return None
                actor = make_actor(f"{child.text} {token.lower_}", "Person")
                return _phrase_start(doc, token), token.i + 1, actor, None
    return None


def _is_title_of_name(token: Token) -> bool:
    """True for a noun that modifies a following person's name ("engineer" in
    "Microsoft engineer John Smith")."""
    head = token.head
    return (
        token.dep_ in ("compound", "amod", "nmod")
        and head.i > token.i
        and head.ent_type_ == "PERSON"
        and token.ent_type_ != "PERSON"
    )


def _surnames(doc: Doc, refs: list[Ref]) -> list[Ref]:
    """Give a bare surname the person named in full earlier ("Hultquist" after "John Hultquist").

    A capitalised word that NER missed, or took for another type, and that is the
    last word of an earlier Person's name (of two words or more) is that person.
    Likewise a word NER missed that is the first word of an earlier organisation's
    name whose other words are generic ("iSight" after "iSight Partners").
    Gazetteer names are left as they are.
    """
    people: dict[str, Actor] = {}
    short: dict[str, Actor] = {}
    by_start: dict[int, list[Ref]] = {}
    for ref in refs:
        by_start.setdefault(ref.start, []).append(ref)
    covered = {i for ref in refs for i in range(ref.start, ref.end)}
    out: list[Ref] = []
    added = False
    for token in doc:
        for ref in by_start.get(token.i, ()):
            person = people.get(ref.text) if ref.end - ref.start == 1 else None
            if person is not None and ref.kind == "name" and ref.actor.type != "Person" and (
                ref.actor.id == actor_id(ref.actor.label) and ref.actor.aliases == ()
            ):
                ref = replace(ref, actor=person)  # NER took the surname for an organisation
            out.append(ref)
            if ref.kind == "name" and ref.actor.type == "Person":
                words = ref.actor.label.split()
                if len(words) >= 2 and words[-1][:1].isupper():
                    people.setdefault(words[-1], ref.actor)
            elif ref.kind == "name" and ref.actor.type in _ORG_TYPES:
                words = ref.text.split()
                if len(words) >= 2 and all(w.lower() in ORG_TAIL_WORDS for w in words[1:]):
                    short.setdefault(words[0], ref.actor)  # "Equation" after "Equation Group"
        if token.i in by_start:
            continue
        if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isalpha():
            continue
        if token.text in short and token.ent_type_ in ("", "ORG", "PERSON", "NORP"):
            out.append(_span_ref(doc, token.i, token.i + 1, short[token.text], "name"))
            added = True
            continue
        if token.text not in people or not token.is_title:
            continue
        if token.pos_ != "PROPN" or token.ent_type_ not in ("", "PERSON", "ORG", "NORP"):
            continue
        out.append(_span_ref(doc, token.i, token.i + 1, people[token.text], "name"))
        added = True
    return sorted(out, key=lambda r: r.start) if added else out


TITLE_WORDS = LEXICON.words("title_words")
"""Words of titles and ranks: a PERSON entity made only of them names nobody."""

_FUNCTION_WORDS = LEXICON.words("function_words")


def _comma_parts(ent: Span) -> list[Span]:
    """An organisation or person entity NER ran across a comma, cut into its names.

    "Optum, UnitedHealthcare" is two companies; "Apple, Inc." stays one (the part
    after the comma is a generic company word).
    """
    if ent.label_ not in ("ORG", "PERSON") or not any(t.text == "," for t in ent):
        return [ent]
    parts: list[Span] = []
    start = ent.start
    for t in [*(t for t in ent if t.text == ","), None]:
        end = t.i if t is not None else ent.end
        if end > start:
            parts.append(Span(ent.doc, start, end, label=ent.label))
        start = end + 1
    for part in parts:
        words = [t.lower_ for t in part if t.is_alpha]
        if not any(t.text[:1].isupper() for t in part) or all(w in ORG_TAIL_WORDS for w in words):
            return [ent]
    return parts


def _without_title(ent: Span) -> Span | None:
    """The entity without leading title words ("Petty Officer Jane Roe" -> "Jane Roe").

    None when the entity is nothing but a title ("Petty Officer"). Hyphenated
    titles ("Agent-in-Charge") are title words too.
    """
    start = ent.start
    doc = ent.doc
    while start < ent.end and (
        doc[start].lower_.rstrip(".") in TITLE_WORDS
        or doc[start].text == "-"
        or all(part in TITLE_WORDS for part in doc[start].lower_.split("-"))
    ):
        start += 1
    if start == ent.end:
        return None
    if start == ent.start:
        return ent
    return Span(doc, start, ent.end, label=ent.label)


def _is_unit(ent: Span) -> bool:
    """True if the entity is a unit written onto a number ("1.4GB", "500MB")."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.like_num and not before.whitespace_


def _is_chrome(ent: Span) -> bool:
    """True if the entity sits on a line of site chrome ("News World Business Opinion").

    Such a line has three or more words, all capitalised, none a function word,
    and no sentence punctuation at its end; a person's name alone on a line
    needs four such words to count.
    """
    text = ent.doc.text
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    if len(words) < (4 if ent.label_ == "PERSON" else 3) or line[-1:] in ".!?:\"”’)":
        return False
    return all(w[0].isupper() and w.lower() not in _FUNCTION_WORDS for w in words)


def _ner_actor(ent: Span, index: ActorIndex) -> tuple[Actor, str] | None:
    text = _clean(ent.text)
    if not text or not any(c.isalpha() for c in text):
        return None
    if ent.label_ == "NORP":
        country = index.demonym(text)
        if country is not None:
            return country, "demonym"
        if ent.root.tag_ in ("NNS", "NNPS") and ent.root.dep_ not in ("amod", "compound"):
            return make_actor(text, "People"), "people"  # "Uighurs": a crowd the rules may use
        return None
    known = index.lookup(text)
    if known is not None:
        return known, "name"
    country = index.demonym(text)
    if country is not None:  # "the Ukrainian power grid" (tagged GPE) is Ukraine's grid
        return country, "demonym"
    if ent.label_ == "PERSON" and len(text.split()) > 5:
        return None
    if text.islower():
        return None  # "blamed" tagged PERSON: a name has a capital
    return make_actor(text, guess_type(text, ent.label_)), "name"


def _group_head(token: Token) -> str | None:
    """The group noun a token is ("hackers" -> "hacker"), or None."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = token.lemma_.lower()
    if lemma in THREAT_NOUNS or lemma in PEOPLE_NOUNS:
        return lemma
    return None


_GROUP_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod", "nummod", "det", "advmod"}
_GOVERNMENT_HEADS = LEXICON.words("government_heads")
_POSSESSIVES = LEXICON.words("possessive_determiners")
_PLACE_SUFFIXES = LEXICON.words("place_suffixes")
_COUNT_NOUNS = LEXICON.words("count_nouns")
_QUANTITY_WORDS = LEXICON.words("quantity_words")


_COLLECTIVE_NOUNS = LEXICON.words("collective_nouns")
"""Heads of a group that is an actor only with a descriptive qualifier ("Moscow-based
hacking group"); alone ("the group") they are left to coreference."""
ROLE_HEADS = LEXICON.words("role_heads")
"""Last words of state offices ("the US ambassador", "the German chancellor"): with a
determiner and a state before them, the office holder is a Person of that state."""
_GROUP_TRIGGERS = frozenset(
    _GOVERNMENT_HEADS | THREAT_NOUNS | PEOPLE_NOUNS | _COLLECTIVE_NOUNS | ROLE_HEADS
)


def _groups(doc: Doc, index: ActorIndex) -> Iterator[tuple[int, int, Actor, str]]:
    """Yield descriptive and unnamed group mentions: (start, end, actor, kind)."""
    for token in tokens_with(doc, _GROUP_TRIGGERS):
        lemma = token.lemma_.lower()
        if token.pos_ not in ("NOUN", "PROPN") or (
            lemma not in _GOVERNMENT_HEADS
            and lemma not in _COLLECTIVE_NOUNS
            and token.lower_ not in ROLE_HEADS
            and _group_head(token) is None
        ):
            continue
        if lemma in _MINISTRY_NOUNS and token.i > 0 and doc[token.i - 1].lower_ in _MINISTRIES:
            start = _modifier_start(doc, token)
            words = _phrase_words(doc[start : token.i + 1])
            body = index.group(words) if len(words) > 2 else None
            if body is not None and body.type == "GovernmentBody":  # "China's foreign ministry"
                yield start, token.i + 1, body, "name" if index.is_known(body) else "group"
                continue
            label = f"{doc[token.i - 1].lower_} {lemma}"  # "foreign ministry spokeswoman"
            yield token.i - 1, token.i + 1, make_actor(label, "GovernmentBody"), "group"
            continue
        if (
            token.i + 1 < len(doc)
            and doc[token.i + 1].dep_ == "compound"
            and (doc[token.i + 1].head.i > token.i)
        ):
            continue  # a modifier inside a longer noun phrase ("government hackers")
        start = _modifier_start(doc, token)
        while start < token.i and doc[start].lower_ in ARTICLES | _POSSESSIVES:
            start += 1
        counted = start  # "12 Russian intelligence officers": the count is in the span only
        while counted < token.i and _is_number(doc[counted]):
            counted += 1
        words = _phrase_words(doc[counted : token.i + 1])
        located = _after_place(doc, counted, token.i)
        if located > counted:  # "Moscow-based hackers": the place stays for basedIn
            start = counted = located
            words = _phrase_words(doc[counted : token.i + 1])
        shared = _coordinated_groups(doc, token, counted, index)
        if shared:  # "U.S. and U.K. intelligence agencies": one mention, two actors
            for first, group in shared:
                group = index.officialdom(group, token)
                kind = "name" if group.type == "Country" or index.is_known(group) else "group"
                yield first, token.i + 1, group, kind
            continue
        placed = _placed_body(doc, token, index) if len(words) == 1 else None
        if placed is not None:  # "officials in Washington", "police in Ukraine"
            end, group = placed
            group = index.officialdom(group, token)
            kind = "name" if group.type == "Country" or index.is_known(group) else "group"
            yield token.i, end, group, kind
            continue
        if token.lower_ in ROLE_HEADS:
            determined = start > 0 and doc[start - 1].lower_ in ARTICLES
            if not determined or len(words) < 2 or token.dep_ in ("appos", "attr"):
                continue  # a title before a name, or one that describes a named person
            words = [doc[start - 1].lower_, *words]
        group = index.group(words) if len(words) >= 2 else None
        if group is not None:
            group = index.officialdom(group, token)
            if group.type == "Country" or index.is_known(group):
                yield start, token.i + 1, group, "name"
            else:
                yield start, token.i + 1, group, "group"
            continue
        if lemma in OFFICIAL_NOUNS and token.tag_ in ("NNS", "NNPS") and not any(
            t.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or index.lookup(t.text) is not None
            for t in doc[token.left_edge.i : token.i]
        ):  # "federal prosecutors said": an unnamed body of officials
            qualified = [w.lower() for w in words[:-1] if not _is_quantity(w)]
            label = " ".join([*qualified, token.lower_])
            first = start if qualified else token.i
            yield first, token.i + 1, make_actor(label, "GovernmentBody"), "group"
            continue
        head = _group_head(token)
        if head is None or start < token.i and _has_named_owner(doc, start, token.i, index):
            continue
        plural = token.text.lower() if token.tag_ in ("NNS", "NNPS") else token.lemma_.lower() + "s"
        if head in THREAT_NOUNS:
            # "state-sponsored Chinese hackers": keep the qualifiers the gazetteer cannot parse
            qualified = [w.lower() for w in words[:-1] if not _is_quantity(w)]
            label = " ".join([*qualified, plural]) if qualified else plural
            first = start if qualified else token.i
            yield first, token.i + 1, make_actor(label, "ThreatGroup"), "group"
        else:
            yield token.i, token.i + 1, make_actor(plural, "People"), "people"


def _placed_body(doc: Doc, token: Token, index: ActorIndex) -> tuple[int, Actor] | None:
    """A state's body named by its place after the head, "officials in Washington",
    "police in Ukraine", "authorities from Iran": (end of the phrase, the body)."""
    if token.lemma_.lower() not in _GOVERNMENT_HEADS | OFFICIAL_NOUNS:
        return None
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in _BODY_PLACE_PREPS]
    for pobj in (p for prep in preps for p in prep.children if p.dep_ == "pobj"):
        place = doc[_modifier_start(doc, pobj) : pobj.i + 1].text
        state = index.lookup(place)
        if state is not None and state.type == "Country":
            group = index.group([place, token.text])
            return (pobj.i + 1, group) if group is not None else None
    return None


_BODY_PLACE_PREPS = LEXICON.words("body_place_prepositions")
OFFICIAL_NOUNS = LEXICON.words("official_nouns")
"""Plural nouns of officials that, with no named owner, are an unnamed GovernmentBody:
"prosecutors said" (the gazetteer builds "German prosecutors" when a state is named)."""

_MINISTRIES = LEXICON.words("ministries")


_QUALIFIER_DEPS = frozenset({"amod", "nmod", "compound", "npadvmod"})


def _coordinated_groups(
    doc: Doc, token: Token, start: int, index: ActorIndex
) -> list[tuple[int, Actor]]:
    """The groups of a group noun with coordinated qualifiers, each with the span's start.

    "U.S. and U.K. intelligence agencies" is US intelligence and UK intelligence;
    "American and British officials" is US officials and British officials. The
    first qualifier modifies the noun and the others are its conjuncts; every
    qualifier must give a group with the shared words after it ("intelligence
    agencies"), else the phrase is left to the other rules (empty list).
    """
    if start == 0 or doc[start - 1].dep_ != "conj":
        return []
    first = doc[start - 1].head
    if first.head.i != token.i or first.dep_ not in _QUALIFIER_DEPS or first.i >= start - 1:
        return []
    qualifiers = [first, *first.conjuncts]
    if any(not (first.i <= q.i < start) for q in qualifiers):
        return []
    shared = _phrase_words(doc[start : token.i + 1])
    begin = _qualifier_start(doc, first)
    while begin > 0 and doc[begin - 1].head.i == token.i and _is_number(doc[begin - 1]):
        begin -= 1  # "two U.S. and British officials": the count is in the span
    groups: list[tuple[int, Actor]] = []
    for q in qualifiers:
        words = [*_phrase_words(doc[_qualifier_start(doc, q) : q.i + 1]), *shared]
        group = index.group(words)
        if group is None or group.type == "Country" or any(g.id == group.id for _, g in groups):
            return []
        groups.append((begin, group))
    return groups


def _qualifier_start(doc: Doc, q: Token) -> int:
    """First token of a qualifier with its own compounds ("North Korean")."""
    begin = q.i
    while begin > 0 and doc[begin - 1].head.i == q.i and doc[begin - 1].dep_ == "compound":
        begin -= 1
    return begin


def _after_place(doc: Doc, start: int, head: int) -> int:
    """The token after "X-based" among a group noun's modifiers, else ``start``.

    Where a group is based is no qualifier of it: "Moscow-based hackers" are
    "hackers", and "Moscow" stays a mention for the basedIn rule.
    """
    for i in range(head - 1, start, -1):
        if doc[i].lower_ in _PLACE_SUFFIXES and doc[i - 1].text == "-":
            return i + 1
    return start


def _is_number(token: Token) -> bool:
    """True for a count before a noun: "12", "twelve", "dozens"."""
    return token.like_num or token.lower_ in _COUNT_NOUNS


def _phrase_words(span: Span, *, proper_case: bool = False) -> list[str]:
    """The words of a noun phrase for the gazetteer, a hyphenated compound kept whole.

    "China-backed hackers" (tokens China, -, backed, hackers) gives
    ["China-backed", "hackers"]; possessive markers are dropped ("Russia's
    military intelligence agency" -> ["Russia", "military", "intelligence", "agency"]).
    With ``proper_case`` a word that is neither a proper noun nor in an entity is
    written in lower case ("Logistics" at a sentence start).
    """
    words: list[str] = []
    glue = False
    for t in span:
        if t.tag_ == "POS" or t.dep_ == "case":
            glue = False
            continue
        joined = words and (glue or t.text == "-") and not t.doc[t.i - 1].whitespace_
        text = t.text
        if proper_case and t.pos_ != "PROPN" and not t.ent_type_:
            text = t.lower_
        if joined:
            words[-1] += text
        else:
            words.append(text)
        glue = t.text == "-" and not t.whitespace_
    return words


def _is_quantity(word: str) -> bool:
    return word[:1].isdigit() or word.lower() in _QUANTITY_WORDS


def _modifier_start(doc: Doc, token: Token) -> int:
    """First token of the pre-modifiers of a noun ("Russian government" in "... hackers")."""
    start = token.i
    while start > 0:
        prev = doc[start - 1]
        marker = prev.tag_ in ("POS", "HYPH") or prev.dep_ == "case"
        inside = (
            token.left_edge.i <= prev.i
            and prev.head.i <= token.i
            and (prev.head.i >= prev.i or marker)
        )
        if not inside:
            break
        if prev.dep_ in _GROUP_DEPS or prev.tag_ in ("POS", "HYPH") or prev.dep_ == "case":
            start -= 1
        else:
            break
    return start


def _has_named_owner(doc: Doc, start: int, end: int, index: ActorIndex) -> bool:
    """True if a modifier of a group noun is itself a named actor ("Yahoo's users")."""
    return any(t.ent_type_ in ("ORG", "PERSON", "GPE") for t in doc[start:end])


def _merge_in_document(refs: list[Ref]) -> list[Ref]:
    """Make a short repeat of an earlier name the same actor ("Merkel" -> "Angela Merkel")."""
    seen: list[Actor] = []
    out: list[Ref] = []
    for ref in refs:
        actor = ref.actor
        if ref.kind == "name" and actor.type in (
            "Person",
            "Organization",
            "Company",
            "MediaOutlet",
            "GovernmentBody",
        ):
            earlier = _longer_name(actor, seen)
            if earlier is not None:
                ref = replace(ref, actor=earlier)
        if ref.kind in ("name", "group"):
            seen.append(ref.actor)
        out.append(ref)
    return out


def _longer_name(actor: Actor, seen: Iterable[Actor]) -> Actor | None:
    words = actor.label.split()
    for earlier in reversed(list(seen)):
        if earlier.id == actor.id:
            return None
        other = earlier.label.split()
        if len(other) <= len(words):
            continue
        same_kind = earlier.type == actor.type or "Person" not in (earlier.type, actor.type)
        if not same_kind:
            continue
        if actor.type == "Person" and other[-len(words) :] == words:
            return earlier
        if actor.type != "Person" and other[: len(words)] == words:
            return earlier
    return None
