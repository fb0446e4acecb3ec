"""References inside an article: an ordered multi-pass sieve, after Lee et al. (2013).

Deterministic coreference in the manner of "Deterministic coreference resolution
based on entity-centric, precision-ranked rules" (Lee, Chang, Peirsman, Chambers,
Surdeanu and Jurafsky, 2013): the article's mentions are collected once, then
passed through an ordered list of sieves (:data:`SIEVES`), the most precise
first. Each sieve is a pure function from the article as resolved so far
(:class:`Article`) to the resolutions it adds (:class:`Resolution`); a later sieve
sees the earlier sieves' resolutions as mentions of their actors, so a pronoun
can take its antecedent from a description resolved before it ("the company ...
it"). Mentions are entity-centric: a resolved mention denotes its antecedent's
actor, the cluster being the actor.

Names, aliases, acronyms, demonyms ("the Russians") and capital-city metonyms
("Moscow") are resolved when mentions are found, by the gazetteer
(:mod:`kg.extract.actors`); a short repeat of a longer name ("Merkel") is merged
there too. Before the passes, :func:`appositive_types` (appositive and predicate
nominative: "X, a liberal politician" is a person, "firm X" a company, a full name
coordinated with a person's a person, whatever NER guessed) and
:func:`surname_aliases` (alias match: "Nour" after "Ayman Nour") correct the names. The
sieves here resolve what names cannot, in this order:

1. :func:`definite_groups` -- "the hackers" -> the named threat group before, or the
   article's one named threat group however far back;
2. :func:`plural_descriptions` -- "both companies", "the two leaders";
3. :func:`plural_sets` -- "the three companies", "these firms": the latest coordinated
   list of names of that type ("Yahoo, Google and Apple");
4. :func:`head_match` -- a description repeating the noun and modifiers a name was
   described by ("the X ransomware gang ... the gang"), however far back;
5. :func:`indefinite_heads` -- "a bank in the Philippines ... the bank": one unnamed body;
6. :func:`descriptions` -- "the company", "the agency", "the 17-year-old" by type;
7. :func:`pronouns` -- by number, animacy, gender and type ("they" after "the two
   leaders" is both); a person pronoun takes
   the most salient person of an earlier sentence (its subject first), as Lee et al.
   order candidates; "it said" with no speaker before takes the subject before, "he
   said" the person before;
8. :func:`bound_descriptions` -- descriptions whose verb has a pronoun subject;
9. :func:`salient` -- the one fitting entity of a longer window;
10. :func:`numbered` -- "three hacker groups ... X, Y and Z" (cataphoric, the first
    list of that many names of the right type within four sentences);
11. :func:`speakers` -- first-person pronouns inside a quote -> the speaker;
12. :func:`naming` -- an unnamed person ("a teenager") named later ("identified the
    17-year-old as X"): every mention of it becomes X's;
13. :func:`introduced` -- an unnamed person the next sentence opens with a bare name
    ("A Chinese intelligence officer was extradited ... Yanjun Xu is jailed").

Constraints hold in every pass: a mention is not the subject of its own verb
(binding), nor of another gender or age than its entity's, nor a nationality
adjective or a country's or person's name that only modifies a noun ("U.S.
officials"), nor an "it" whose clause hangs on one whose subject before it is a
thing that is no actor ("the scheme worked because it fooled users"). An antecedent
is looked for in a short window (the same and the two previous sentences) unless a
pass says otherwise; where none fits, nothing is resolved: a wrong antecedent is
worse than none. The word lists are the
``coref_*`` lists of ``kg/data/lexicon.yaml``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from kg.extract import actors
from kg.extract.actors import STATE_OFFICIALDOM, Ref
from kg.extract.lexicon import (
    GENITIVE_PREPOSITIONS,
    LEXICON,
    SPEECH_VERBS,
    VERB_FRAMES,
    tokens_with,
)
from kg.inventory import with_rule
from kg.models import Actor

_OPERATIONS = with_rule("operation")

OPERATION_VERBS: dict[str, frozenset[str | None]] = {
    w: frozenset(f.prep for f in frames if f.predicate in _OPERATIONS)
    for w, frames in VERB_FRAMES.items()
    if any(f.predicate in _OPERATIONS for f in frames)
}
"""Verbs of hacking, attacking, stealing, spying and leaking, with the prepositions (None:
the direct object) of their victim: that object is not the agent's own ("Russia hacked
its servers" -> another's servers), unlike what the agent uses ("X used its malware
against Y": X's own malware)."""

WINDOW_SENTENCES = 2
"""How many sentences back an antecedent may be."""

_words = LEXICON.words
_NONHUMAN = ("Country", "GovernmentBody", "Organization", "Company", "MediaOutlet", "ThreatGroup")
PRONOUN_TYPES: dict[str, tuple[str, ...]] = {
    **{w: _NONHUMAN for w in _words("coref_it_pronouns")},
    **{w: ("Person",) for w in _words("coref_he_pronouns") | _words("coref_she_pronouns")},
    **{w: ("ThreatGroup", "People") for w in _words("coref_they_pronouns")},
}
"""Pronoun -> the actor types it may refer to."""

DESCRIPTION_TYPES: dict[str, tuple[str, ...]] = {}
for _list, _types in (
    ("coref_company_heads", ("Company", "Organization")),
    ("coref_body_heads", ("GovernmentBody",)),
    ("coref_government_heads", ("Country", "GovernmentBody")),
    ("coref_country_heads", ("Country",)),
    ("coref_group_heads", ("ThreatGroup", "Organization")),
    ("coref_media_heads", ("MediaOutlet",)),
    ("coref_organization_heads", ("Organization", "GovernmentBody", "ThreatGroup")),
    ("coref_named_kinds", ("Organization", "Company", "GovernmentBody")),
    ("coref_person_heads", ("Person",)),
):
    for _word in _words(_list):
        DESCRIPTION_TYPES[_word] = _types
"""Head noun of a definite description -> the actor types it may refer to (lexicon lists
``coref_*_heads``)."""

_DEFINITE = _words("coref_definite_determiners")
_DEMONSTRATIVES = _words("coref_demonstratives")
_THE = _words("definite_articles")
_BE = _words("be_verbs")
_OWN = _words("reflexive_possessives")
_LIST_CONJUNCTIONS = _words("coref_list_conjunctions")
_ROLE_PREPS = _words("role_prepositions")
_SPEAKER_PREPS = _words("coref_speaker_prepositions")
_AGE_UNITS = _words("coref_age_units")
_EXPLETIVES = _words("coref_expletive_pronouns")
_PERSON_POSSESSIVES = _words("coref_person_possessives")
_ONE_BODY = _words("coref_plural_descriptions")
_BACKREF_HEADS = _words("coref_relative_backref_heads")
_PAIR_QUANTIFIERS = _words("coref_pair_quantifiers")
_PAIR_NUMBERS = _words("coref_pair_numbers")
_INDEFINITE_ARTICLES = _words("indefinite_articles")
_DETERMINED = _DEFINITE | _DEMONSTRATIVES
_NONHUMAN_SINGULAR = _words("coref_it_pronouns")
_SINGULAR = _words("coref_it_pronouns") | _words("coref_he_pronouns") | _words("coref_she_pronouns")
_PLURAL = _words("coref_they_pronouns")
SEED_NOUNS = _words("coref_seed_nouns")
"""Heads of an indefinite person description ("a Russian citizen", "a 17-year-old man")
that opens an unnamed entity, kept only if the article names it later."""
MALE = _words("coref_male_words")
FEMALE = _words("coref_female_words")
_SEED = "kg:seed/"
_NAMING_AS = _words("coref_naming_as_verbs")
_NAMED_KINDS = _words("coref_named_kinds")
"""Description heads that must appear in the antecedent's name."""
PLURAL_PERSON_HEADS = _words("coref_plural_person_heads")
"""Heads of "the two leaders", "both men": two persons."""
FIRST_SINGULAR = _words("coref_first_singular")
FIRST_PLURAL = _words("coref_first_plural")
_QUOTES = frozenset({'"', "“", "”", "''", "``"})
_NAMING = _words("naming_verbs")
_COREF_TRIGGERS = frozenset(set(PRONOUN_TYPES) | set(DESCRIPTION_TYPES) | _words("coref_age_words"))
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"}


# -- the article's mentions ---------------------------------------------------------


@dataclass(frozen=True)
class Anaphor:
    """A mention that needs an antecedent: the tokens ``[start, head]`` of the Doc.

    ``form`` is ``pronoun`` ("it", "their"), ``description`` ("the company"),
    ``plural`` ("both companies": two antecedents), ``numbered`` ("three hacker
    groups": ``count`` actors named after it), ``age`` ("the 17-year-old") or
    ``group`` (an unnamed group already found as a mention, "the hackers", which
    ``ref`` holds) or ``seed`` (an unnamed person, "a Russian citizen", whose name
    may come later; ``ref`` holds its placeholder mention). ``types`` are the actor
    types it may denote.
    """

    start: int
    head: int
    form: str
    types: tuple[str, ...]
    ref: Ref | None = None
    count: int = 0


@dataclass(frozen=True)
class Resolution:
    """An anaphor and the mentions it refers to (one, or two for "both companies")."""

    anaphor: Anaphor
    antecedents: tuple[Ref, ...]


class Article:
    """The mentions of one article as resolved so far; sieves read it, never change it.

    ``refs`` are the actor mentions in text order (names, groups and the anaphors
    already resolved, as ``coref`` mentions of their antecedent's actor);
    ``anaphors`` are the mentions still unresolved.
    """

    def __init__(
        self, doc: Doc, refs: list[Ref], anaphors: list[Anaphor], sent_of: list[int]
    ) -> None:
        self.doc = doc
        self.refs = refs
        self.starts = [r.start for r in refs]
        self.anaphors = anaphors
        self.sent_of = sent_of

    @classmethod
    def build(cls, doc: Doc, refs: Iterable[Ref]) -> Article:
        """The article of ``doc`` with the actor mentions ``refs`` and its anaphors."""
        refs = surname_aliases(doc, appositive_types(doc, list(refs)))
        seeds = find_seeds(doc, refs)
        inside = {i for r in seeds for i in range(r.start, r.end)}
        # "a Russian citizen": the person, not an unspecified group of citizens
        refs = [r for r in refs if r.kind != "people" or r.start not in inside]
        ordered = sorted([*refs, *seeds], key=lambda r: r.start)
        return cls(doc, ordered, find_anaphors(doc, ordered), _sentence_index(doc))

    def attributes(self, actor: Actor, position: int) -> tuple[set[str], set[int]]:
        """The genders and ages of ``actor``'s mentions before ``position`` (entity-centric)."""
        genders: set[str] = set()
        ages: set[int] = set()
        for ref in self.refs[: self.before(position)]:
            if ref.actor.id == actor.id:
                genders |= _genders(self.doc, ref.start, ref.end)
                ages |= _ages(self.doc, ref.start, ref.end)
        return genders, ages

    def before(self, position: int) -> int:
        """How many mentions start before token ``position``."""
        return bisect_left(self.starts, position)

    def with_(self, resolutions: Iterable[Resolution]) -> Article:
        """A new article where ``resolutions`` hold: their anaphors become mentions."""
        refs = list(self.refs)
        starts = list(self.starts)
        done: set[Anaphor] = set()
        for res in resolutions:
            done.add(res.anaphor)
            anaphor = res.anaphor
            for antecedent in res.antecedents:
                if antecedent.kind == "group" and antecedent not in refs:  # "a bank" opened
                    at = bisect_left(starts, antecedent.start)
                    refs.insert(at, antecedent)
                    starts.insert(at, antecedent.start)
            if anaphor.form == "seed" and anaphor.ref is not None:
                seed, actor = anaphor.ref.actor.id, res.antecedents[0].actor
                refs = [
                    replace(r, actor=actor, kind="coref") if r.actor.id == seed else r for r in refs
                ]
                continue
            if anaphor.form in ("plural", "numbered", "set") and anaphor.ref is not None:
                inside = [
                    i
                    for i, r in enumerate(refs)
                    if r.kind in ("group", "people")
                    and anaphor.start <= r.start
                    and r.end <= anaphor.head + 1
                ]
                for i in reversed(inside or [refs.index(anaphor.ref)]):
                    del refs[i], starts[i]
                anaphor = replace(anaphor, ref=None)
            elif anaphor.ref is not None:
                pos = refs.index(anaphor.ref)
                refs[pos] = replace(anaphor.ref, actor=res.antecedents[0].actor, kind="coref")
                continue
            span = self.doc[anaphor.start : anaphor.head + 1]
            upto = bisect_left(starts, anaphor.start)
            for antecedent in res.antecedents:
                kind = "people" if antecedent.kind == "people" else "coref"
                ref = Ref(
                    antecedent.actor,
                    anaphor.start,
                    anaphor.head + 1,
                    span.start_char,
                    span.end_char,
                    span.text,
                    kind,
                )
                refs.insert(upto, ref)
                starts.insert(upto, anaphor.start)
        left = [a for a in self.anaphors if a not in done]
        return Article(self.doc, refs, left, self.sent_of)

    def antecedent(
        self,
        position: int,
        types: tuple[str, ...],
        skip: Callable[[Ref], bool] = lambda r: False,
        also: Callable[[Ref], bool] = lambda r: False,
        window: int = WINDOW_SENTENCES,
        salience: bool = False,
    ) -> Ref | None:
        """The most recent compatible mention before ``position`` in the window, or None.

        Mentions for which ``skip`` holds are passed over; mentions for which
        ``also`` holds fit whatever their type. With ``salience`` (person pronouns),
        the mentions of an earlier sentence are tried in order of syntactic
        salience (:meth:`candidates`), not of recency.
        """
        bound = self.coarguments(position)
        for ref in self.candidates(position, window, salience):
            if skip(ref) or ref.actor.id in bound:
                continue
            if _modifier(self.doc, ref):
                continue  # "a Chinese woman": the nationality is not what is referred to
            if (ref.actor.type in types or also(ref)) and (ref.is_actor or ref.kind == "people"):
                return ref
        return None

    def candidates(self, position: int, window: int, salience: bool = False) -> list[Ref]:
        """The mentions before ``position`` within ``window`` sentences, in the order tried.

        By default the most recent first. With ``salience``, as the pronoun pass of
        Lee et al. (2013) orders them: the mentions of the pronoun's own sentence
        by recency, then each earlier sentence, nearest first, its mentions by
        their depth in the parse (a subject before an object or a modifier), then
        from left to right: "he" after "X, a critic of Y, ..." is X, the topic.
        """
        here = self.sent_of[position]
        earlier: list[Ref] = []
        for i in range(self.before(position) - 1, -1, -1):
            ref = self.refs[i]
            if ref.start >= position:
                continue
            if here - self.sent_of[ref.start] > window:
                break
            earlier.append(ref)
        if not salience:
            return earlier
        by_sentence: dict[int, list[Ref]] = {}
        for ref in earlier:
            by_sentence.setdefault(self.sent_of[ref.start], []).append(ref)
        ordered = list(by_sentence.pop(here, []))
        for n in sorted(by_sentence, reverse=True):
            ordered += sorted(by_sentence[n], key=lambda r: (_depth(self.doc, r), r.start))
        return ordered

    def coarguments(self, position: int) -> set[str]:
        """The actors a mention at ``position`` cannot denote: the subjects of its own verb.

        In "the FSB dismantled the organization", "the organization" is not the FSB
        (binding principle B), nor is "it" in "the company detected it" the company.
        """
        token = self.doc[position]
        if token.tag_ == "PRP$" and _operated_on(token.head):
            token = token.head  # "Russia hacked its servers": not Russia's own (hook, h14)
        if token.dep_ not in ("dobj", "nsubjpass", "pobj", "attr") or token.tag_ == "PRP$":
            return set()
        verb = token.head if token.dep_ != "pobj" else token.head.head
        subjects = {c.i for c in verb.children if c.dep_ == "nsubj"} | {
            g.i for c in verb.children if c.dep_ == "agent" for g in c.children
        }
        return {r.actor.id for r in self.refs if r.end - 1 in subjects and r.start < position}

    def antecedents(self, position: int, types: tuple[str, ...], n: int) -> list[Ref]:
        """The ``n`` most recent distinct compatible actors in the window, or none."""
        found: list[Ref] = []
        here = self.sent_of[position]
        for i in range(self.before(position) - 1, -1, -1):
            ref = self.refs[i]
            if ref.start >= position or not ref.is_actor or ref.actor.type not in types:
                continue
            if here - self.sent_of[ref.start] > WINDOW_SENTENCES:
                break
            if all(f.actor.id != ref.actor.id for f in found):
                found.append(ref)
            if len(found) == n:
                return found
        return []


def _operated_on(noun: Token) -> bool:
    """An object of a hacking, attacking, stealing or spying verb, not the agent's "own"."""
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head
    prep = None if noun.dep_ == "dobj" else noun.head.lower_
    return (
        noun.dep_ in ("dobj", "pobj")
        and verb.pos_ == "VERB"
        and prep in OPERATION_VERBS.get(verb.lemma_.lower(), ())
        and not any(c.lower_ in _OWN for c in noun.children)
    )


Sieve = Callable[[Article], list[Resolution]]
"""A pass of the sieve: the resolutions it adds to an article."""


def find_anaphors(doc: Doc, refs: list[Ref]) -> list[Anaphor]:
    """The mentions of ``doc`` that need an antecedent, in text order.

    Tokens inside an actor mention are not anaphors, except a definite unnamed
    threat group ("the hackers"), which may be a later mention of a named one.
    """
    found = [
        Anaphor(ref.start, ref.end - 1, "group", ("ThreatGroup",), ref)
        for ref in refs
        if ref.kind == "group" and ref.actor.type == "ThreatGroup" and _is_definite(doc, ref)
    ]
    found += [
        Anaphor(r.start, r.end - 1, "seed", ("Person",), r)
        for r in refs
        if r.kind == "seed" or _unnamed_person(doc, r)
    ]
    found += _numbered(doc, refs)
    taken = {i for r in refs if r.kind != "seed" for i in range(r.start, r.end)}
    seeded = {r.end - 1 for r in refs if r.kind == "seed"}
    people = {r.start: r for r in refs if r.kind == "people" and r.end - r.start == 1}
    for token in tokens_with(doc, _COREF_TRIGGERS | PLURAL_PERSON_HEADS):
        if token.i in seeded:
            continue
        if token.i in people:  # "those two individuals": the two persons, not a crowd
            types = _plural_description_types(token)
            if types:
                found.append(
                    Anaphor(_description_start(token), token.i, "plural", types, people[token.i])
                )
            elif _set_description_types(token):
                found.append(_set_anaphor(token, people[token.i]))
            continue
        if token.i in taken:
            continue
        for form, types_of in _FORMS:
            types = types_of(token)
            if types:
                start = token.i if token.pos_ == "PRON" else _description_start(token)
                found.append(Anaphor(start, token.i, form, types))
                break
        else:
            if _set_description_types(token):
                found.append(_set_anaphor(token, None))
    return sorted(found, key=lambda a: a.head)


def _set_anaphor(token: Token, ref: Ref | None) -> Anaphor:
    """ "the three companies", "these firms": a definite plural of a set named before."""
    counts = [_count(c) for c in token.children if c.dep_ == "nummod"]
    start = _description_start(token)
    types = _set_description_types(token)
    return Anaphor(start, token.i, "set", types, ref, counts[0] if len(counts) == 1 else 0)


def _count(token: Token) -> int:
    return _NUMBERS.get(token.lower_, int(token.text) if token.text.isdecimal() else 0)


_NUMBERS = {word: n for n, word in enumerate(LEXICON.sequence("cardinal_numbers"))}
NUMBERED_TYPES: dict[str, tuple[str, ...]] = {
    **{w: ("ThreatGroup", "Organization") for w in _words("coref_group_heads")},
    **{w: ("Person",) for w in PLURAL_PERSON_HEADS},
    **{w: ("Person", "ThreatGroup") for w in _words("coref_plural_threat_heads")},
}
"""Heads of a numbered plural ("three hacker groups", "two officers") -> the types of the
names a later list gives them."""


def _numbered(doc: Doc, refs: list[Ref]) -> list[Anaphor]:
    """ "three hacker groups", "two Russian officers": an indefinite plural with a count."""
    at = {i: r for r in refs for i in range(r.start, r.end)}
    out = []
    for token in tokens_with(doc, frozenset(NUMBERED_TYPES)):
        types = NUMBERED_TYPES.get(token.lemma_.lower())
        if not types or token.tag_ != "NNS" or token.pos_ != "NOUN":
            continue
        covering = at.get(token.i)
        if covering is not None and covering.kind not in ("group", "people"):
            continue
        children = list(token.children)
        if any(c.dep_ == "det" and c.lower_ in _DEFINITE | _DEMONSTRATIVES for c in children):
            continue  # "the two leaders": a plural description, not a new set
        counts = [
            _NUMBERS.get(c.lower_, int(c.text) if c.text.isdecimal() else 0)
            for c in children
            if c.dep_ == "nummod"
        ]
        if len(counts) == 1 and 2 <= counts[0] <= 9:
            start = _description_start(token)
            ref = covering or next((at[i] for i in range(start, token.i) if i in at), None)
            out.append(Anaphor(start, token.i, "numbered", types, ref, counts[0]))
    return out


def _unnamed_person(doc: Doc, ref: Ref) -> bool:
    """A descriptive person mention of the actor finder ("a Chinese woman") that the
    article may name later; unlike a seed it stays an actor if it is never named."""
    head = doc[ref.end - 1]
    return (
        ref.kind == "group"
        and ref.actor.type == "Person"
        and head.lemma_.lower() in SEED_NOUNS | actors.ROLE_NOUNS
        and head.tag_ == "NN"
        and (
            _indefinite([c.lower_ for c in head.children if c.dep_ == "det"])
            or head.left_edge.lower_ in _INDEFINITE_ARTICLES  # "a Chinese Ministry of X officer"
        )
    )


def _indefinite(determiners: list[str]) -> bool:
    """One determiner, an indefinite article ("a Russian citizen", "an engineer")."""
    return len(determiners) == 1 and determiners[0] in _INDEFINITE_ARTICLES


def find_seeds(doc: Doc, refs: Iterable[Ref]) -> list[Ref]:
    """Placeholder mentions of unnamed persons: "a Russian citizen", "A 19-year-old man".

    Each is a new entity (``kind`` ``seed``) that later descriptions and pronouns may
    refer to; the :func:`naming` pass gives it the name the article gives it ("the
    suspect, identified as X"), and :func:`resolve` drops it if none does.
    """
    taken = {i for r in refs if r.kind != "people" for i in range(r.start, r.end)}
    seeds: list[Ref] = []
    for token in tokens_with(doc, SEED_NOUNS):
        if token.i in taken or token.pos_ != "NOUN" or token.tag_ != "NN":
            continue
        dets = [c.lower_ for c in token.children if c.dep_ == "det"]
        if not _indefinite(dets) or any(c.dep_ == "relcl" for c in token.children):
            continue
        start = _description_start(token)
        span = doc[start : token.i + 1]
        actor = Actor(id=f"{_SEED}{token.i}", label=span.text, type="Person")
        seeds.append(
            Ref(actor, start, token.i + 1, span.start_char, span.end_char, span.text, "seed")
        )
    return seeds


# -- names: appositive, predicate nominative and alias --------------------------------

PERSON_ROLE_NOUNS = _words("coref_person_role_nouns")
"""Nouns of a person's role: "X, a liberal politician" makes X a person."""
_COMPANY_HEADS = _words("coref_company_heads")
_GUESSED_TYPES = ("Organization", "Place")
"""The types NER gives a name it cannot place; a description may correct them."""


def appositive_types(doc: Doc, refs: list[Ref]) -> list[Ref]:
    """Appositive and predicate nominative (Lee et al. 2013, pass 2): a name equated with
    a person's role noun is a person ("Ayman Nour, a liberal politician", "a politician,
    Ayman Nour", "Nour is an activist"), one equated with a company noun a company
    ("payday loan firm Wonga", "Wonga, a lender"), and the entity's every mention takes
    the type that NER missed (only names NER could not place: organizations, places).
    """
    types: dict[str, str] = {}
    for ref in refs:
        if ref.kind != "name" or ref.actor.type not in _GUESSED_TYPES:
            continue
        nouns = _described_by(doc[ref.end - 1])
        before = doc[ref.start - 1] if ref.start > 0 else None
        if before is not None and before.pos_ == "NOUN":
            nouns.append(before)  # "spyware vendor Cytrox", "activist X": a title noun
        if any(_is_role(n) for n in nouns) or _beside_a_person(doc, ref, refs):
            types[ref.actor.id] = "Person"
        elif any(n.tag_ == "NN" and n.lemma_.lower() in _COMPANY_HEADS for n in nouns):
            types[ref.actor.id] = "Company"
    if not types:
        return refs
    return [
        replace(r, actor=replace(r.actor, type=types[r.actor.id])) if r.actor.id in types else r
        for r in refs
    ]


def _beside_a_person(doc: Doc, ref: Ref, refs: list[Ref]) -> bool:
    """A first name and surname coordinated with a person's ("Dmitry Dokuchaev and Igor
    Sushchin"): coordinated full names are of one kind."""
    if not _full_name(doc, ref):
        return False
    heads = {doc[r.end - 1].i: r for r in refs if r.kind == "name" and r.actor.type == "Person"}
    return any(c.i in heads and _full_name(doc, heads[c.i]) for c in doc[ref.end - 1].conjuncts)


def _full_name(doc: Doc, ref: Ref) -> bool:
    """Two or three capitalised proper nouns, none a word of an organisation's name."""
    tokens = doc[ref.start : ref.end]
    return 2 <= len(tokens) <= 3 and all(
        t.pos_ == "PROPN" and t.is_title and t.lower_ not in actors.ORG_TAIL_WORDS for t in tokens
    )


def _described_by(head: Token) -> list[Token]:
    """The common nouns a name is equated with by apposition or by "is"."""
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < head.i:
        nouns.append(head.head)
    if head.dep_ == "nsubj" and head.head.lemma_ in _BE:
        nouns += [c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return nouns + [c for n in nouns for c in n.conjuncts if c.pos_ == "NOUN"]


def _is_role(noun: Token) -> bool:
    """A singular noun of a person's role ("a politician", "an activist")."""
    return noun.tag_ == "NN" and noun.lemma_.lower() in PERSON_ROLE_NOUNS


def surname_aliases(doc: Doc, refs: list[Ref]) -> list[Ref]:
    """Alias match: a one-word name that NER did not take for a person ("Nour", typed a
    place) after a person named in full ("Ayman Nour") is that person's surname."""
    people: dict[str, Ref] = {}
    out: list[Ref] = []
    for ref in refs:
        if ref.kind == "name" and ref.actor.type == "Person":
            words = ref.actor.label.split()
            if len(words) >= 2:
                people.setdefault(words[-1], ref)
        elif (
            ref.kind == "name"
            and ref.actor.type in _GUESSED_TYPES
            and ref.end - ref.start == 1
            and ref.text in people
            and doc[ref.start].pos_ == "PROPN"
        ):
            ref = replace(ref, actor=people[ref.text].actor)
        out.append(ref)
    return out


# -- the sieves, most precise first ---------------------------------------------------


def definite_groups(article: Article) -> list[Resolution]:
    """ "the hackers", "these attackers" -> the most recent named threat group in the window."""
    out: list[Resolution] = []
    work = article
    for anaphor in article.anaphors:
        if anaphor.form != "group" or anaphor.ref is None:
            continue
        found = work.antecedent(anaphor.ref.start, anaphor.types) or _salient_group(
            work, anaphor.ref.start
        )
        if found is not None and found.actor.label != anaphor.ref.actor.label:
            res = Resolution(anaphor, (found,))
            out.append(res)
            work = work.with_([res])
    return out


def _salient_group(article: Article, position: int) -> Ref | None:
    """The one named threat group of the article before ``position``, if only one is named
    ("the hackers" paragraphs after "the Cl0p gang"): the article's attacker."""
    named = {
        r.actor.id: r
        for r in article.refs[: article.before(position)]
        if r.kind in ("name", "coref") and r.actor.type == "ThreatGroup" and r.start < position
    }
    return next(iter(named.values())) if len(named) == 1 else None


def plural_descriptions(article: Article) -> list[Resolution]:
    """ "both companies", "the two firms" -> the two most recent distinct compatible actors."""
    out: list[Resolution] = []
    for anaphor in article.anaphors:
        if anaphor.form != "plural":
            continue
        found = article.antecedents(anaphor.head, anaphor.types, 2)
        if found:
            out.append(Resolution(anaphor, tuple(found)))
    return out


def plural_sets(article: Article) -> list[Resolution]:
    """ "the three companies", "these firms", "the countries" -> the latest coordinated list
    of names of that type ("Microsoft, Google and Apple") in the window, of as many names
    as the description counts; none when a further actor of that type is named between
    the list and the description, or the list's names are not all of the type."""
    out: list[Resolution] = []
    doc = article.doc
    for anaphor in article.anaphors:
        if anaphor.form != "set":
            continue
        here = article.sent_of[anaphor.head]
        before = [
            r
            for r in article.refs[: article.before(anaphor.start)]
            if r.is_actor
            and r.kind in ("name", "coref")
            and here - article.sent_of[r.start] <= WINDOW_SENTENCES
            and not _modifier(doc, r)
        ]
        lists = _lists(doc, before)
        if not lists:
            continue
        names = lists[-1]
        later = [r for r in before if r.start > names[-1].start]
        ids = {r.actor.id for r in names}
        if (
            len(ids) != len(names)
            or anaphor.count
            and len(names) != anaphor.count
            or any(r.actor.type not in anaphor.types for r in names)
            or any(r.actor.type in anaphor.types and r.actor.id not in ids for r in later)
        ):
            continue
        out.append(Resolution(anaphor, tuple(names)))
    return out


HEAD_CLASSES: dict[str, str] = {
    word: name
    for name, words in (
        ("group", _words("coref_group_heads")),
        ("company", _words("coref_company_synonyms")),
        ("newspaper", _words("coref_newspaper_synonyms")),
    )
    for word in words
}
"""Head nouns that describe alike ("the gang" repeats "the X ransomware group")."""


def head_nouns(doc: Doc, ref: Ref) -> list[tuple[str, set[str]]]:
    """The common nouns a name is described by, with their modifiers.

    "the Sandworm group", "Sandworm, a hacking group", "Sandworm is a group",
    "a group called Sandworm" each give ("group", {...modifier lemmas}).
    """
    last = doc[ref.end - 1]
    while last.dep_ in ("compound", "nmod") and last.head.pos_ == "PROPN" and last.head.i > last.i:
        last = last.head  # "ALPHV/Blackcat ransomware gang": up to the whole name
    nouns: list[Token] = []
    if last.dep_ in ("compound", "nmod") and last.head.pos_ == "NOUN" and last.head.i > last.i:
        nouns.append(last.head)
    nouns += [c for c in last.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if last.dep_ == "appos" and last.head.pos_ == "NOUN":
        nouns.append(last.head)
    if last.dep_ == "nsubj" and last.head.lemma_ in _BE:
        nouns += [c for c in last.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    verb = last.head
    if verb.lemma_.lower() in _NAMING and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        nouns.append(verb.head)  # "a group called Sandworm"
    out = []
    for noun in nouns:
        if noun.dep_ == "compound":
            continue  # "Ryuk ransomware group operations": a modifier, not a description
        lemma = noun.lemma_.lower()
        places = ref.actor.type in ("Country", "Place")
        if places and "Country" not in DESCRIPTION_TYPES.get(lemma, ("Country",)):
            continue  # "UK payday loan firm Wonga": a country is no firm
        if any(c.pos_ == "PROPN" and c.i > last.i for c in noun.children):
            continue  # "the US firm Mandiant": the firm is the name after it
        mods = {c.lemma_.lower() for c in noun.lefts if c.dep_ in ("amod", "compound")}
        out.append((HEAD_CLASSES.get(lemma, lemma), mods))
    return out


def head_match(article: Article) -> list[Resolution]:
    """A definite description whose head noun and modifiers an earlier name was described
    by ("the Sandworm group ... the group", "X, a ransomware gang ... the gang") -> that
    name, however far back (strict head match with compatible modifiers)."""
    doc = article.doc
    described: list[tuple[int, Ref, str, set[str]]] = []
    for ref in article.refs:
        if ref.kind == "name" and ref.is_actor:
            for head, mods in head_nouns(doc, ref):
                words = mods | {w.lower() for w in ref.actor.label.split()}
                described.append((ref.start, ref, head, words))
    out: list[Resolution] = []
    for anaphor in article.anaphors:
        if anaphor.form != "description":
            continue
        token = doc[anaphor.head]
        head = HEAD_CLASSES.get(token.lemma_.lower(), token.lemma_.lower())
        mods = {c.lemma_.lower() for c in token.lefts if c.dep_ in ("amod", "compound")}
        for start, ref, other, words in reversed(described):
            if start < anaphor.start and other == head and mods <= words:
                out.append(Resolution(anaphor, (ref,)))
                break
    return out


_UNNAMED_HEADS = {
    **{w: "Organization" for w in _NAMED_KINDS | _words("coref_organization_heads")},
    **{w: "Company" for w in _COMPANY_HEADS},
}
"""Head nouns of a description that may repeat an indefinite one ("a bank ... the bank"),
with the type of the unnamed body they open."""


def indefinite_heads(article: Article) -> list[Resolution]:
    """Strict head match to an indefinite description (Lee et al. 2013): "a bank in the
    Philippines ... the bank" -> one unnamed body, an actor of the type its head names
    ("a hospital" an Organization, "a firm" a Company), when the article names no
    fitting actor after the indefinite one. The body is an actor only if referred back to."""
    doc = article.doc
    covered = {i for r in article.refs for i in range(r.start, r.end)}
    out: list[Resolution] = []
    opened: dict[int, Ref] = {}
    for anaphor in article.anaphors:
        token = doc[anaphor.head]
        lemma = token.lemma_.lower()
        if anaphor.form != "description" or lemma not in _UNNAMED_HEADS or token.tag_ != "NN":
            continue
        first = _indefinite_before(doc, token, covered, article.sent_of)
        if first is None:
            continue
        later = article.refs[article.before(first.i) : article.before(anaphor.start)]
        if any(
            r.is_actor
            and r.actor.type in anaphor.types
            and (lemma not in _NAMED_KINDS or lemma in r.actor.label.lower())
            for r in later
        ):
            continue  # "a firm ... Microsoft said the firm": the name may be meant
        body = opened.get(first.i) or _unnamed_body(doc, first, _UNNAMED_HEADS[lemma])
        opened[first.i] = body
        out.append(Resolution(anaphor, (body,)))
    return out


def _indefinite_before(
    doc: Doc, token: Token, covered: set[int], sent_of: list[int]
) -> Token | None:
    """The nearest earlier singular noun of ``token``'s lemma with an indefinite article,
    in no actor mention, within the window."""
    here = sent_of[token.i]
    for i in range(token.i - 1, -1, -1):
        if here - sent_of[i] > WINDOW_SENTENCES:
            return None
        other = doc[i]
        if other.lemma_.lower() != token.lemma_.lower() or other.pos_ != "NOUN":
            continue
        if other.tag_ != "NN" or i in covered or other.dep_ not in _NOMINAL_DEPS:
            return None  # "the bank ... the bank": the nearest is no new body
        dets = [c.lower_ for c in other.children if c.dep_ == "det"]
        return other if _indefinite(dets) else None
    return None


def _unnamed_body(doc: Doc, head: Token, type_: str) -> Ref:
    """The mention of an unnamed body: "a bank in the Philippines", labelled without its
    article and with its place ("bank in the Philippines")."""
    start = _description_start(head)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _BODY_PLACE_PREPS:
            end = child.right_edge.i + 1
    words = doc[start:end]
    label = " ".join(t.text for t in words if not (t.i == start and t.dep_ == "det"))
    span = doc[start : head.i + 1]
    return Ref(
        actors.make_actor(label, type_),
        start,
        head.i + 1,
        span.start_char,
        span.end_char,
        span.text,
        "group",
    )


_BODY_PLACE_PREPS = _words("coref_body_place_prepositions")


def descriptions(article: Article, defer: bool = True) -> list[Resolution]:
    """ "the company" -> the latest Company, "the agency" -> the latest government body,
    "the 17-year-old" -> the latest person; "the bank" only to an actor named a bank.

    A description whose verb has a pronoun subject not yet resolved ("it dismantled
    the organization") waits for :func:`bound_descriptions`, after the pronouns, so
    that it does not take the pronoun's antecedent.
    """
    out: list[Resolution] = []
    work = article
    pending = {a.head for a in article.anaphors if a.form == "pronoun"}
    for anaphor in article.anaphors:
        if anaphor.form not in ("description", "age"):
            continue
        token = article.doc[anaphor.head]
        if defer and _bound_by(token) & pending:
            continue
        skips: list[Callable[[Ref], bool]] = []
        if token.tag_ in ("NN", "JJ"):
            skips.append(_singular_skip(article))
        if token.lemma_.lower() in _NAMED_KINDS and token.pos_ == "NOUN":
            word = token.lemma_.lower()
            skips.append(lambda r, word=word: word not in r.actor.label.lower())
        skips.append(_disagrees(work, anaphor))
        if _names_of(token):  # "the suspect, named as X": only an unnamed person, else X
            unnamed = {a.ref.actor.id for a in article.anaphors if a.form == "seed" and a.ref}
            skips.append(lambda r, unnamed=unnamed: r.actor.id not in unnamed)
        found = None
        ages = _ages(article.doc, anaphor.start, anaphor.head + 1)
        if ages:  # "the 17-year-old": the person of that age, however far back
            found = work.antecedent(
                anaphor.head,
                anaphor.types,
                skip=lambda r, w=work, a=ages, p=anaphor.start: (
                    not a <= w.attributes(r.actor, p)[1]
                ),
                window=len(article.doc),
            )
        found = found or _gendered(work, anaphor, skips)
        found = found or work.antecedent(anaphor.head, anaphor.types, skip=_any(skips))
        found = _body_of_members(found, anaphor) if found is not None else None
        if found is not None:
            res = Resolution(anaphor, (found,))
            out.append(res)
            work = work.with_([res])
    return out


def _body_of_members(found: Ref, anaphor: Anaphor) -> Ref:
    """A singular body description whose antecedent is the members of a body ("members
    of the REvil group ... the organization") is that body, not its members."""
    owner = found.owner
    if (
        found.kind == "group"
        and owner is not None
        and owner.is_actor
        and owner.actor.type in anaphor.types
        and anaphor.types != ("Person",)
    ):
        return owner
    return found


def _qualifying_states(article: Article, anaphor: Anaphor) -> set[str]:
    """The countries a description's nationality words name ("the Russian company")."""
    return {
        r.actor.id
        for r in article.refs
        if r.kind == "demonym" and anaphor.start <= r.start < anaphor.head
    }


def _of_another_state(actor: Actor, states: set[str]) -> bool:
    """Whether ``actor`` belongs to a known country that is none of ``states``."""
    from kg.extract.gazetteer import Gazetteer

    country = Gazetteer.load().country_of(actor)
    return country is not None and country.id not in states


def bound_descriptions(article: Article) -> list[Resolution]:
    """The descriptions :func:`descriptions` left for after the pronouns."""
    return descriptions(article, defer=False)


def _bound_by(token: Token) -> set[int]:
    """The subjects of the verb a non-subject mention is an argument of."""
    if token.dep_ not in ("dobj", "nsubjpass", "pobj", "attr"):
        return set()
    verb = token.head if token.dep_ != "pobj" else token.head.head
    return {c.i for c in verb.children if c.dep_ == "nsubj"}


def pronouns(article: Article) -> list[Resolution]:
    """Pronouns by number, animacy and type: "it" -> the latest non-human singular actor,
    "he"/"she" -> the latest person, "they" -> the latest threat group or group of people.
    A pronoun that speaks after a quote ('"...," it added') takes an earlier speaker."""
    out: list[Resolution] = []
    work = article
    plural_groups = {  # "US officials ... they": a state's officials are plural in the text
        r.start
        for r in article.refs
        if _plural_mention(article.doc, r)
        and (r.kind == "group" or article.doc[r.end - 1].lemma_.lower() in STATE_OFFICIALDOM)
    }
    plural_starts = {r.start for r in article.refs if _plural_mention(article.doc, r)}
    for anaphor in article.anaphors:
        if anaphor.form != "pronoun":
            continue
        token = article.doc[anaphor.head]
        singular = token.lower_ in _SINGULAR or token.tag_ in ("NN", "JJ")
        skips: list[Callable[[Ref], bool]] = []
        if singular:
            skips.append(lambda r: r.start in plural_starts)
        skips.append(_disagrees(work, anaphor))
        also: Callable[[Ref], bool] = (
            (lambda r: r.start in plural_groups) if token.lower_ in _PLURAL else (lambda r: False)
        )
        person = anaphor.types == ("Person",)
        if token.lower_ in _PLURAL:
            members = _plural_set(work, anaphor.head) or _coordinated_subjects(work, token)
            if members:
                res = Resolution(anaphor, members)
                out.append(res)
                work = work.with_([res])
                continue
        if token.lower_ in _NONHUMAN_SINGULAR and _thing_subject_governs(work, token):
            continue  # "the scheme worked because it fooled users": the scheme, no actor
        found = None
        if _speaks(token):  # '"...," it added': an earlier speaker, else the topic
            speakers_only = [*skips, lambda r: not _speaks(article.doc[r.end - 1])]
            found = _gendered(work, anaphor, speakers_only, salience=person) or work.antecedent(
                anaphor.head, anaphor.types, skip=_any(speakers_only), also=also, salience=person
            )
        if found is None and _speaks(token) and token.lower_ in _NONHUMAN_SINGULAR:
            # "But, it said, ..." with no speaker before: the subject that is the topic
            found = work.antecedent(
                anaphor.head,
                anaphor.types,
                skip=_any([*skips, lambda r: article.doc[r.end - 1].dep_ != "nsubj"]),
                salience=True,
            )
        elif not _speaks(token) or (found is None and person):
            found = (
                found
                or _gendered(work, anaphor, skips, salience=person)
                or work.antecedent(
                    anaphor.head, anaphor.types, skip=_any(skips), also=also, salience=person
                )
            )
        if found is not None:
            res = Resolution(anaphor, (found,))
            out.append(res)
            work = work.with_([res])
    return out


def _plural_set(article: Article, position: int) -> tuple[Ref, ...]:
    """The actors of the latest plural mention before ``position`` if it denotes several
    ("the two leaders ... they agreed"), else none."""
    doc = article.doc
    for ref in article.candidates(position, 1):
        if not (_plural_mention(doc, ref) or ref.kind == "people"):
            continue
        same = [r for r in article.refs if r.start == ref.start and r.kind == "coref"]
        if len({r.actor.id for r in same}) >= 2:
            return tuple(same)
        return ()
    return ()


def _coordinated_subjects(article: Article, pronoun: Token) -> tuple[Ref, ...]:
    """The actors of a coordinated subject of a clause above the pronoun, "X and Y said
    [they] had been hacked", each an antecedent; else none."""
    at = {i: r for r in article.refs for i in range(r.start, r.end) if r.start < pronoun.i}
    for verb in pronoun.ancestors:
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            heads = [subject, *subject.conjuncts]
            found = [at[h.i] for h in heads if h.i in at and h.i < pronoun.i]
            if len(found) >= 2 and len(found) == len(heads):
                return tuple(found)
        if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj"):
            break
    return ()


def numbered(article: Article) -> list[Resolution]:
    """ "sanctions on three hacker groups ... target X, Y and Z": a numbered plural is the
    first list of exactly that many distinct names of its type in the next
    :data:`NUMBERED_WINDOW` sentences."""
    out: list[Resolution] = []
    for anaphor in article.anaphors:
        if anaphor.form != "numbered":
            continue
        here = article.sent_of[anaphor.head]
        after = [
            r
            for r in article.refs[article.before(anaphor.head + 1) :]
            if article.sent_of[r.start] - here <= NUMBERED_WINDOW and r.kind == "name"
        ]
        for names in _lists(article.doc, after):
            if len(names) != anaphor.count or any(r.actor.type not in anaphor.types for r in names):
                continue  # "the DOJ and the FBI" are not "two officers"
            if len({r.actor.id for r in names}) == len(names):
                out.append(Resolution(anaphor, tuple(names)))
            break
    return out


NUMBERED_WINDOW = 4
"""How many sentences after a numbered plural its list of names may come."""


def _lists(doc: Doc, refs: list[Ref]) -> list[list[Ref]]:
    """Runs of name mentions separated only by commas and "and"/"or": "X, Y, and Z"."""
    runs: list[list[Ref]] = []
    for ref in refs:
        if runs and all(
            t.lower_ == "," or t.lower_ in _LIST_CONJUNCTIONS
            for t in doc[runs[-1][-1].end : ref.start]
        ):
            runs[-1].append(ref)
        else:
            runs.append([ref])
    return [run for run in runs if len(run) > 1]


SALIENT_WINDOW = 6
"""How many sentences back a person pronoun may reach when only one person fits."""


def salient(article: Article) -> list[Resolution]:
    """A person pronoun or a singular description with nothing in the window -> the one
    entity that fits in the last :data:`SALIENT_WINDOW` sentences, if exactly one does
    (the article's protagonist: "the company" six sentences after the only company)."""
    out: list[Resolution] = []
    doc = article.doc
    for anaphor in article.anaphors:
        token = doc[anaphor.head]
        person = anaphor.form == "pronoun" and anaphor.types == ("Person",)
        described = anaphor.form == "description" and token.tag_ == "NN"
        if not (person or described) or token.lemma_.lower() in _NAMED_KINDS:
            continue
        here = article.sent_of[anaphor.head]
        disagrees = _disagrees(article, anaphor)
        bound = article.coarguments(anaphor.head)
        found: dict[str, Ref] = {}
        for ref in article.refs[: article.before(anaphor.start)]:
            if (
                ref.actor.type in anaphor.types
                and ref.is_actor
                and here - article.sent_of[ref.start] <= SALIENT_WINDOW
                and ref.actor.id not in bound
                and not _modifier(doc, ref)
                and not _plural_mention(doc, ref)
                and not disagrees(ref)
            ):
                found[ref.actor.id] = ref
        if len(found) == 1:
            out.append(
                Resolution(anaphor, (_body_of_members(next(iter(found.values())), anaphor),))
            )
    return out


def naming(article: Article) -> list[Resolution]:
    """An unnamed person the article names: "the suspect, identified only as X", "named
    the 17-year-old as X", "a teenager, X," -> every mention of that person is X's."""
    out: list[Resolution] = []
    at = {i: r for r in article.refs for i in range(r.start, r.end)}
    seeds = {a.ref.actor.id: a for a in article.anaphors if a.form == "seed" and a.ref}
    done: set[str] = set()
    for ref in article.refs:
        anaphor = seeds.get(ref.actor.id)
        if anaphor is None or ref.actor.id in done:
            continue
        name = _person_named(article, at, ref.end - 1)
        if name is not None:
            out.append(Resolution(anaphor, (name,)))
            done.add(ref.actor.id)
    for anaphor in article.anaphors:
        if anaphor.form in ("description", "age") and _named_as(article.doc[anaphor.head]):
            name = _person_named(article, at, anaphor.head)
            if name is not None:
                out.append(Resolution(anaphor, (name,)))
    return out


def introduced(article: Article) -> list[Resolution]:
    """An unnamed person the next sentence names by opening with them: "A Chinese
    intelligence officer has been extradited to the US. Yanjun Xu is jailed in Ohio."

    The news lead introduces a person by description and names them at once. The
    name must be the subject of the next sentence, the person's first mention in the
    article, bare (no title or description of its own: "U.S. Attorney X says" is
    someone else) and the only person named there; the description's own sentence
    names no person, and it is the only unnamed person there.
    """
    doc = article.doc
    seeds = [a for a in article.anaphors if a.form == "seed" and a.ref is not None]
    out: list[Resolution] = []
    for anaphor in seeds:
        here = article.sent_of[anaphor.head]
        if any(article.sent_of[a.head] == here for a in seeds if a is not anaphor):
            continue
        persons = [
            r
            for r in article.refs
            if r.kind == "name"
            and r.actor.type == "Person"
            and article.sent_of[r.start] in (here, here + 1)
        ]
        named = [r for r in persons if article.sent_of[r.start] == here + 1]
        if len(persons) != 1 or len(named) != 1:
            continue
        name = named[0]
        first = next(r for r in article.refs if r.actor.id == name.actor.id)
        if first is not name or not _bare_subject(doc, name):
            continue
        out.append(Resolution(anaphor, (name,)))
    return out


def _bare_subject(doc: Doc, ref: Ref) -> bool:
    """A name that is its clause's subject with no title or description of its own
    (an age may follow: "Reality Winner, 25, pleaded guilty")."""
    head = doc[ref.end - 1]
    before = doc[ref.start - 1] if ref.start > 0 else None
    titled = before is not None and before.pos_ in ("NOUN", "PROPN") and before.head == head
    described = any(c.dep_ == "appos" and c.pos_ != "NUM" for c in head.children)
    return head.dep_ in ("nsubj", "nsubjpass") and not titled and not described


def _person_named(article: Article, at: dict[int, Ref], head: int) -> Ref | None:
    for token in _names_of(article.doc[head]):
        name = at.get(token.i)
        if name is not None and name.kind == "name" and name.actor.type == "Person":
            return name
    return None


def _names_of(token: Token) -> list[Token]:
    """The proper nouns a person description is equated with by apposition or naming."""
    return _named_as(token) + _appositive_names(token)


def _named_as(token: Token) -> list[Token]:
    """The proper nouns a description is named as: "the suspect, named as X"."""
    found: list[Token] = []
    verbs = [c for c in token.children if c.dep_ == "acl"]  # "the suspect, named as X"
    if token.dep_ in ("dobj", "nsubjpass"):
        verbs.append(token.head)  # "identified the 17-year-old as X", "X was named as"
    for verb in verbs:
        if verb.lemma_.lower() in _NAMING_AS:
            hosts = [verb, token] if verb == token.head else [verb]
            for prep in (c for host in hosts for c in host.children):
                if prep.dep_ == "prep" and prep.lower_ in _ROLE_PREPS:
                    found += [g for g in prep.children if g.dep_ == "pobj"]
            found += [c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "PROPN"]
    return found


def _appositive_names(token: Token) -> list[Token]:
    """ "a teenager, Graham Clark,", "Graham Clark, a 17-year-old": the name in apposition."""
    found = [
        c
        for c in token.children
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i - token.i in (1, 2)
    ]
    if token.dep_ == "appos" and token.head.pos_ == "PROPN" and token.left_edge.i > token.head.i:
        found.append(token.head)
    return found


def speakers(article: Article) -> list[Resolution]:
    """First-person pronouns inside a quote -> the quoted speaker: "I" a person who speaks,
    "we"/"our" the organization or country that speaks, or that a speaking person
    belongs to ("UK foreign minister X said: 'our allies'", "a spokesman for X said")."""
    doc = article.doc
    at = {i: r for r in article.refs for i in range(r.start, r.end)}
    out: list[Resolution] = []
    for start, end in quote_spans(doc):
        verb = _quote_verb(doc, start, end)
        subject = _subject(verb) if verb is not None else None
        if subject is None:
            continue
        speaker = at.get(subject.i)
        body = _owner_of_speaker(article, at, subject, speaker)
        for token in doc[start:end]:
            word = token.lower_
            if token.pos_ != "PRON" or token.i in at:
                continue
            found = None
            if word in FIRST_SINGULAR and speaker is not None and speaker.actor.type == "Person":
                found = speaker
            elif word in FIRST_PLURAL:
                found = body
            if found is not None and found.is_actor:
                out.append(Resolution(Anaphor(token.i, token.i, "speaker", ()), (found,)))
    return out


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks; a quote that goes on into the next paragraph
    (which opens with a new mark) ends there."""
    marks = [t for t in doc if t.text in _QUOTES]
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for mark in marks:
        before = mark.i == 0 or bool(doc[mark.i - 1].whitespace_) or doc[mark.i - 1].is_space
        opening = mark.text in ("“", "``") or (
            mark.text in ('"', "''") and before and not mark.whitespace_
        )
        if opening:
            if open_at is not None:
                spans.append((open_at, mark.i))
            open_at = mark.i + 1
        elif open_at is not None:
            spans.append((open_at, mark.i))
            open_at = None
    return spans


def _quote_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The speech verb of a quote: '"...," X said', 'X said: "..."', else the last one before."""
    after = doc[end].sent if end < len(doc) else None
    if after is not None:
        for tok in doc[end : min(after.end, end + 8)]:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS:
                return tok
    opening = doc[start - 1].sent if start > 0 else None
    if opening is not None:
        for tok in reversed(doc[opening.start : start]):
            if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS:
                return tok
        previous = doc[opening.start - 1].sent if opening.start > 0 else None
        if previous is not None:
            for tok in previous:
                if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS and tok.i < start:
                    return tok
    return None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    return None


def _owner_of_speaker(
    article: Article, at: dict[int, Ref], subject: Token, speaker: Ref | None
) -> Ref | None:
    """The body a speaker speaks for: itself unless a person, else the organization or
    country in its title ("UK foreign minister X", "a spokesman for X", "X's director")."""
    if speaker is not None and speaker.actor.type not in ("Person", "Place"):
        return speaker if speaker.kind in ("name", "coref", "group") else None
    head = subject
    tokens = list(article.doc[head.left_edge.i : head.i])
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _SPEAKER_PREPS:
            tokens += [g for g in prep.children if g.dep_ == "pobj"]
    for tok in tokens:
        ref = at.get(tok.i)
        if (
            ref is not None
            and ref is not speaker
            and ref.actor.type not in ("Person", "Place", "People")
            and ref.is_actor
        ):
            return ref
    return None


SIEVES: tuple[Sieve, ...] = (
    definite_groups,
    plural_descriptions,
    plural_sets,
    head_match,
    indefinite_heads,
    descriptions,
    pronouns,
    bound_descriptions,
    salient,
    numbered,
    speakers,
    naming,
    introduced,
)
"""The passes, in the order they run: most precise first."""


def resolve(doc: Doc, refs: list[Ref], sieves: Iterable[Sieve] = SIEVES) -> list[Ref]:
    """Return ``refs`` plus one ``coref`` mention per resolved pronoun or description.

    Unnamed threat groups ("the hackers") are re-pointed to the most recent named
    threat group in the window, if any.
    """
    article = Article.build(doc, refs)
    for sieve in sieves:
        article = article.with_(sieve(article))
    return [r for r in article.refs if not r.actor.id.startswith(_SEED)]


# -- mention features ------------------------------------------------------------------


def _gendered(
    article: Article,
    anaphor: Anaphor,
    skips: list[Callable[[Ref], bool]],
    salience: bool = False,
) -> Ref | None:
    """For "she", "the woman": the latest entity in the window known to be of that gender,
    before any of unknown gender ("Yaqi X. ... Maximilian Krah ... the woman")."""
    genders = _genders(article.doc, anaphor.start, anaphor.head + 1)
    if not genders:
        return None

    def unknown(ref: Ref) -> bool:
        return not genders & article.attributes(ref.actor, anaphor.start)[0]

    return article.antecedent(
        anaphor.head, anaphor.types, skip=_any([*skips, unknown]), salience=salience
    )


def _disagrees(article: Article, anaphor: Anaphor) -> Callable[[Ref], bool]:
    """Whether a candidate's entity has a gender or an age the anaphor excludes, or
    belongs to another state than the anaphor's nationality word ("the Irish health
    service" is no American agency named before)."""
    genders = _genders(article.doc, anaphor.start, anaphor.head + 1)
    ages = _ages(article.doc, anaphor.start, anaphor.head + 1)
    states = _qualifying_states(article, anaphor)
    if not genders and not ages and not states:
        return lambda r: False

    def test(ref: Ref) -> bool:
        theirs, their_ages = article.attributes(ref.actor, anaphor.start)
        return (
            bool(genders and theirs and not genders & theirs)
            or bool(ages and their_ages and not ages & their_ages)
            or bool(states and _of_another_state(ref.actor, states))
        )

    return test


def _genders(doc: Doc, start: int, end: int) -> set[str]:
    word = doc[end - 1].lower_ if doc[end - 1].pos_ == "PRON" else doc[end - 1].lemma_.lower()
    return {"m"} if word in MALE else {"f"} if word in FEMALE else set()


def _ages(doc: Doc, start: int, end: int) -> set[int]:
    """The ages a mention gives ("the 17-year-old", "a 22-year-old man")."""
    ages = set()
    for t in doc[start:end]:
        if (
            t.like_num
            and t.text.isdigit()
            and any(n.lemma_.lower() in _AGE_UNITS for n in doc[t.i + 1 : min(t.i + 3, end)])
        ):
            ages.add(int(t.text))
    return ages


def _depth(doc: Doc, ref: Ref) -> int:
    """How many arcs the mention's head is below the root of its sentence."""
    token = doc[ref.end - 1]
    for candidate in doc[ref.start : ref.end]:
        if not ref.start <= candidate.head.i < ref.end or candidate.head == candidate:
            token = candidate
            break
    depth = 0
    while token.head != token and depth < len(doc):
        token = token.head
        depth += 1
    return depth


def _modifier(doc: Doc, ref: Ref) -> bool:
    """A nationality, a country's or a person's name that only modifies a noun after it:
    "Chinese" in "a Chinese woman", "U.S." in "U.S. officials" (as "American" would),
    "Ariane" in "the Ariane launch vehicle" (no person is meant)."""
    head = doc[ref.end - 1]
    return (
        head.dep_ in ("amod", "compound", "nmod")
        and head.head.i >= ref.end
        and head.head.pos_ == "NOUN"
        and (ref.kind in ("demonym",) or ref.actor.type in ("Person", "Country"))
    )


def _any(tests: list[Callable[[Ref], bool]]) -> Callable[[Ref], bool]:
    return lambda r: any(test(r) for test in tests)


def _plural_mention(doc: Doc, ref: Ref) -> bool:
    return doc[ref.end - 1].tag_ == "NNS"


def _singular_skip(article: Article) -> Callable[[Ref], bool]:
    """A singular description skips plural common-noun mentions ("the hackers")."""
    plural = {r.start for r in article.refs if _plural_mention(article.doc, r)}
    return lambda r: r.start in plural


def _plural_description_types(token: Token) -> tuple[str, ...]:
    """ "both companies", "the two firms": two earlier actors of a compatible type."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS":
        return ()
    lemma = token.lemma_.lower()
    types = DESCRIPTION_TYPES.get(lemma, ("Person",) if lemma in PLURAL_PERSON_HEADS else ())
    words = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod")}
    if types and (words & _PAIR_QUANTIFIERS or words & _PAIR_NUMBERS and words & _DETERMINED):
        return types
    return ()


def _set_description_types(token: Token) -> tuple[str, ...]:
    """ "the three companies", "these firms", "the countries": a plural common noun with a
    definite or demonstrative determiner and no qualifier that makes a new set ("the
    companies that make X", "the firms of X", "their companies")."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS" or token.lower_ in _ONE_BODY:
        return ()
    lemma = token.lemma_.lower()
    types = DESCRIPTION_TYPES.get(lemma, ("Person",) if lemma in PLURAL_PERSON_HEADS else ())
    if not types or _plural_description_types(token):
        return ()
    children = list(token.children)
    dets = [c for c in children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in _DETERMINED:
        return ()
    if any(c.dep_ in ("poss", "relcl", "acl", "prep", "appos") for c in children):
        return ()
    counts = [_count(c) for c in children if c.dep_ == "nummod"]
    if any(n < 2 for n in counts) or len(counts) > 1:
        return ()
    return types


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _is_definite(doc: Doc, ref: Ref) -> bool:
    """A definite unnamed group ("the hackers", "these attackers") with no qualifier of its own."""
    head = doc[ref.end - 1]
    if ref.end - ref.start != 1 or head.lemma_.lower() not in actors.THREAT_NOUNS:
        return False
    return any(c.dep_ == "det" and c.lower_ in _THE | _DEMONSTRATIVES for c in head.children)


def _pronoun_types(token: Token) -> tuple[str, ...]:
    if token.pos_ != "PRON":
        return ()
    pair = {token.lower_, *(c.lower_ for c in token.conjuncts)}
    if pair & MALE and pair & FEMALE:
        return ()  # "he or she": a person of unknown identity
    types = PRONOUN_TYPES.get(token.lower_, ())
    if token.lower_ in _EXPLETIVES and _pleonastic(token):
        return ()
    if (
        token.lower_ in _NONHUMAN_SINGULAR
        and token.dep_ == "dobj"
        and token.head.lemma_.lower() in _CONTENT_VERBS
    ):
        return ()  # "Der Spiegel reported it": what was said, no actor
    if token.lower_ in _PERSON_POSSESSIVES and token.dep_ == "poss":
        return ("Person",)
    return types


def _pleonastic(token: Token) -> bool:
    """'It is clear that ...', 'it is not clear whether': 'it' refers to nothing."""
    head = token.head
    if token.dep_ in ("expl",):
        return True
    if head.lemma_ in _BE and any(c.dep_ in ("ccomp", "acomp", "attr") for c in head.children):
        acomps = [c for c in head.children if c.dep_ == "acomp"]
        return (
            any(c.dep_ == "ccomp" for c in head.children)
            or any(any(g.dep_ in ("ccomp", "xcomp") for g in c.children) for c in acomps)
            or (  # "it is important to attribute ...", not "it is able to ..."
                any(c.dep_ == "xcomp" for c in head.children)
                and any(c.lemma_.lower() not in _CONTROL_ADJECTIVES for c in acomps)
            )
        )
    return False


_CONTENT_VERBS = _words("coref_content_verbs")
_MEDIA_MODIFIERS = _words("coref_media_modifiers")
_CONTROL_ADJECTIVES = _words("coref_control_adjectives")
"""Adjectives whose subject is the doer of the infinitive: "it is able to ..." refers."""


def _description_types(token: Token) -> tuple[str, ...]:
    if token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS") and token.lower_ not in _ONE_BODY:
        return ()
    types = DESCRIPTION_TYPES.get(token.lemma_.lower(), ())
    if not types:
        return ()
    if any(c.dep_ in ("compound", "amod") and c.lower_ in _MEDIA_MODIFIERS for c in token.children):
        types = ("MediaOutlet",)  # "the news agency": an outlet, not a government body
    dets = [c for c in token.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in _DEFINITE:
        return ()
    reduced = all(c.tag_ == "VBN" for c in token.children if c.dep_ in ("relcl", "acl"))
    if (
        any(c.dep_ in ("relcl", "acl") for c in token.children)
        and token.lemma_ not in _BACKREF_HEADS
        and not _named_as(token)
        and not (reduced and types == ("Person",))
    ):
        return ()  # "the company that makes X" introduces a new actor; "the woman arrested
        # on Friday" repeats one
    if any(
        c.dep_ == "prep"
        and c.lower_ in GENITIVE_PREPOSITIONS
        and any(g.pos_ == "PROPN" for g in c.children)
        for c in token.children
    ):
        return ()  # "the bank of X": a named thing, not a back-reference
    if _own_name(token) is not None and not _named_as(token):
        return ()  # "the Sandworm group", "the firm Mandiant": the name is the mention
    return types


def _own_name(token: Token) -> Token | None:
    """The proper noun a description carries as compound or apposition, or None."""
    for child in token.children:
        if (
            child.dep_ in ("compound", "appos", "nmod")
            and child.pos_ == "PROPN"
            and child.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")
        ):
            return child  # not "the Florida boy": a place is a modifier
    return None


_SUBORDINATE_DEPS = ("advcl", "conj")


def _thing_subject_governs(article: Article, token: Token) -> bool:
    """Whether the clause of ``token`` hangs on a clause whose subject, before it, is a
    singular noun that is no actor mention and no description ("this phish worked because
    it tricked the user"): that noun is the nearest antecedent that agrees."""
    clause = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in _SUBORDINATE_DEPS:
        return False
    covered = {i for r in article.refs for i in range(r.start, r.end)}
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.i < token.i
        and c.tag_ == "NN"
        and c.i not in covered
        and c.lemma_.lower() not in DESCRIPTION_TYPES
        for c in clause.head.children
    )


def _speaks(token: Token) -> bool:
    """Whether ``token`` is the subject of a speech verb ("it said", "the company added")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS


def _age_types(token: Token) -> tuple[str, ...]:
    """ "the 17-year-old" used as a noun: a person."""
    if token.lower_ not in _words("coref_age_words") or token.dep_ not in _NOMINAL_DEPS:
        return ()
    children = list(token.children)
    if any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children) and any(
        c.lemma_ in _AGE_UNITS for c in children
    ):
        return ("Person",)
    return ()


def _description_start(token: Token) -> int:
    return min(c.left_edge.i for c in token.lefts) if any(True for _ in token.lefts) else token.i


_FORMS: tuple[tuple[str, Callable[[Token], tuple[str, ...]]], ...] = (
    ("plural", _plural_description_types),
    ("pronoun", _pronoun_types),
    ("description", _description_types),
    ("age", _age_types),
)
"""How a trigger token is classified, first match wins."""
