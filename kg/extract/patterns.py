"""Relation patterns: pure functions from a parsed Doc and its actor mentions to candidates.

Each rule reads the dependency parse around a trigger word (see
:mod:`kg.extract.lexicon`) and yields :class:`Candidate` records naming the
rule that fired. Arguments are found the same way for every rule:

* an argument token inside an actor mention is that actor; a relative pronoun
  ("which", "who") is the noun it modifies; a reflexive ("itself") is the
  subject of the clause above;
* an argument that is a *thing* stands for its owner ("Kaspersky's network",
  "US government secrets", "software from Kaspersky Lab", "American programs");
* coordinated arguments count one by one ("the US and Canada").

Subjects missing from a clause are inherited: coordinated verbs share their
subject, "X tried to hack Y" and "accusing the firm" take the subject of the
verb above, "ordered its branches to remove X" takes the orderer when the
ordered party is not an actor, and "attempts by X to steal Y" takes the agent
of the noun. Claim flags (source, modality, negation) are set later by
:mod:`kg.extract.attribution`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract.actors import Ref, make_actor
from kg.extract.lexicon import (
    AFFILIATION_SUFFIXES,
    AGENT_LINKS,
    ATTEMPT_NOUNS,
    BASED_WORDS,
    CESSATION_VERBS,
    CONDEMNING_ADJECTIVES,
    CYBER_EVENT_NOUNS,
    CYBER_PREDICATES,
    DENIAL_OBJECTS,
    DENIAL_VERBS,
    EVALUATIVE_VERBS,
    FROM_AGENT_NOUNS,
    LEXICON,
    LIST_NOUNS,
    NOUN_FRAMES,
    PREVENTING_VERBS,
    RELATIONAL_NOUNS,
    REPORT_NOUNS,
    SUPPORT_VERBS,
    TITLE_NOUNS,
    VERB_FRAMES,
    VICTIM_NOUNS,
    VerbFrame,
    tokens_with,
)

RULE_CONFIDENCE = {
    "active": 0.85,
    "passive-by-agent": 0.82,
    "relative-clause": 0.8,
    "control": 0.72,
    "title": 0.8,
    "apposition": 0.78,
    "copula-member": 0.8,
    "relational-noun": 0.75,
    "based-in": 0.8,
    "hyphen-affiliation": 0.75,
    "accuse-of": 0.7,
    "agent-of-event": 0.65,
    "support-verb": 0.68,
    "nominal": 0.6,
    "blame-on": 0.75,
    "clause-object": 0.65,
    "ceased-use": 0.7,
    "listing": 0.72,
    "judgement": 0.65,
    "employment": 0.75,
    "transfer": 0.7,
    "nested-argument": 0.55,
}
"""Base confidence per rule; lowered for coreference and non-gazetteer actors."""

_OBJECT_CONTROL = LEXICON.words("object_control_verbs")
_ACCUSE_VERBS = LEXICON.words("accusing_verbs")
_RELATIVE = LEXICON.words("relative_pronouns")
_REFLEXIVE = LEXICON.words("reflexive_pronouns")
_SUBJ = {"nsubj", "csubj"}
_THING_PREPS = LEXICON.words("owner_prepositions")
_OWNER_DEPS = {"poss", "compound", "amod", "nmod", "npadvmod"}
_SPEECH_BLOCK = LEXICON.words("speech_only_verbs")
_GROUP_WORDS = LEXICON.words("group_words")
_ACQUIRE_VERBS = LEXICON.words("acquire_verbs")
_NAMING = LEXICON.words("naming_verbs")
_BLAME_PLACING = LEXICON.words("blame_placing_verbs")
_LEAK_VERBS = LEXICON.words("leak_verbs")
HOLDING_VERBS = LEXICON.words("holding_verbs")
RESPONSIBLE_WORDS = LEXICON.words("responsible_words")
TRANSFER_VERBS = LEXICON.words("transfer_verbs")
VOICE_NOUNS = LEXICON.words("voice_nouns")
ATTRIBUTING_VERBS = LEXICON.words("attributing_verbs")
AUTHORED_NOUNS = LEXICON.words("authored_nouns")
SUFFERER_NOUNS = LEXICON.words("sufferer_nouns")
_QUANTIFIERS = LEXICON.words("relative_quantifiers")
_VOICE_PREPS = ("for", "at", "from", "of", "with")
INFORMATION_NOUNS = LEXICON.words("information_nouns")


@dataclass(frozen=True)
class Candidate:
    """A relation found by a rule, before its claim flags are set."""

    subject: Ref
    predicate: str
    object: Ref
    trigger: int
    rule: str
    nominal: bool = False
    modality: str | None = None
    source: Ref | None = None
    via_owner: bool = False
    negated: bool = False
    """Negated by the construction itself ("had nothing to do with the attack")."""

    @property
    def kind(self) -> str:
        """``coref`` if an argument is a resolved reference, ``nominal`` for noun events."""
        if "coref" in (self.subject.kind, self.object.kind):
            return "coref"
        return "nominal" if self.nominal else "explicit"

    @property
    def confidence(self) -> float:
        """Rule confidence, lowered for references, owners and unknown actors."""
        score = RULE_CONFIDENCE.get(self.rule, 0.6)
        if self.kind == "coref":
            score -= 0.15
        if self.via_owner:
            score -= 0.05
        if self.subject.kind in ("group", "people") or self.object.kind in ("group", "people"):
            score -= 0.05
        return max(0.05, min(1.0, score))


class Context:
    """A Doc with its mentions indexed by token, shared by every rule."""

    def __init__(self, doc: Doc, refs: list[Ref]) -> None:
        self.doc = doc
        self.refs = refs
        self.at: dict[int, Ref] = {}
        self.also: dict[int, list[Ref]] = {}
        """Further actors of a plural mention ("both companies") by token."""
        self.events: list[tuple[int, str, list[tuple[Ref, bool]]]] = []
        """(token, predicate, objects) of the event nouns met so far, for "the attack"."""
        # Larger mentions first, so a name inside a description keeps its own mention.
        for ref in sorted(refs, key=lambda r: r.start - r.end):
            for i in range(ref.start, ref.end):
                same = self.at.get(i)
                if same is not None and (same.start, same.end) == (ref.start, ref.end):
                    self.also.setdefault(i, []).append(same)
                self.at[i] = ref

    # -- arguments -------------------------------------------------------------
    def ref(self, token: Token) -> Ref | None:
        """The mention a token belongs to, or None."""
        return self.at.get(token.i)

    def actors(self, token: Token, owner: bool = True, depth: int = 0) -> list[tuple[Ref, bool]]:
        """The actors an argument token denotes: (mention, reached through an owner)."""
        found: list[tuple[Ref, bool]] = []
        for tok in _with_conjuncts(token):
            found.extend(self._actors_one(tok, owner, depth))
        seen: set[int] = set()
        unique = []
        for ref, via in found:
            if id(ref) not in seen:
                seen.add(id(ref))
                unique.append((ref, via))
        return unique

    def prep_actors(self, host: Token, word: str) -> list[tuple[Ref, bool]]:
        """The actors named by the objects of ``host``'s preposition ``word`` ("of Y")."""
        return [a for pobj in prep_objects(host, word) for a in self.actors(pobj, owner=False)]

    def _actors_one(self, tok: Token, owner: bool, depth: int) -> list[tuple[Ref, bool]]:
        ref = self.ref(tok)
        if (ref is None or ref.kind in ("group", "people")) and tok.lemma_.lower() in VOICE_NOUNS:
            voiced = self._voiced(tok)  # "a spokesman for X", "researchers at X" speak for X
            if voiced:
                return voiced
        if ref is not None and ref.kind in ("group", "people") and ref.end - ref.start == 1:
            named = self._named(tok)  # "an actor dubbed Volt Typhoon": the name, not the noun
            if named:
                return named
        if ref is not None and tok.i in self.also:
            return [(ref, False)] + [(r, False) for r in self.also[tok.i]]
        if ref is not None:
            if ref.kind == "people" and owner and depth <= 2:
                # "the company's customers", not "customers targeted by X"
                return [(ref, False), *self._owners(tok, depth, by_agents=False)]
            return [(ref, False)]
        listed = [] if tok.lemma_.lower() in NOUN_FRAMES else _listed(tok)
        listed = [a for p in listed for a in self.actors(p, owner, depth + 1)]
        if listed:  # "countries including the US and Britain"
            return listed
        lower = tok.lower_
        quantified = self._quantified_relative(tok) if lower in _QUANTIFIERS else []
        if quantified:
            return quantified
        if lower in _RELATIVE and tok.tag_ in ("WDT", "WP", "WP$"):
            return self._relative_antecedent(tok)
        if lower in _REFLEXIVE:
            return []
        named = self._named(tok)
        if named:
            return named
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG", "PRODUCT", "WORK_OF_ART"):
            return self._untagged_name(tok)
        if not owner or depth > 2 or tok.pos_ not in ("NOUN", "PROPN", "NUM", "PRON", "X"):
            return self._unnamed_victim(tok)
        if tok.lemma_.lower() in NOUN_FRAMES and not _thing_object(tok):
            return []  # an event: handled by the nominal rules, not as a thing
        return self._owners(tok, depth) or self._unnamed_victim(tok)

    def _voiced(self, tok: Token) -> list[tuple[Ref, bool]]:
        """The organization a spokesperson, official or researcher speaks for."""
        return [
            (r, False)
            for word in _VOICE_PREPS
            for r, _ in self.prep_actors(tok, word)
            if r.is_actor and r.actor.type not in ("Person", "Place")
        ]

    def _untagged_name(self, tok: Token) -> list[tuple[Ref, bool]]:
        """A proper noun that NER missed, as the argument of a trigger: an Organization."""
        if tok.i == tok.sent.start and tok.is_lower or not any(c.isupper() for c in tok.text):
            return []
        start = tok.i
        while (
            start > 0
            and self.doc[start - 1].dep_ == "compound"
            and (self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].head.i == tok.i)
        ):
            start -= 1
        if any(i in self.at for i in range(start, tok.i + 1)):
            return []
        span = self.doc[start : tok.i + 1]
        actor = make_actor(span.text, "Organization")
        ref = Ref(actor, start, tok.i + 1, span.start_char, span.end_char, span.text, "name")
        return [(ref, False)]

    def _unnamed_victim(self, tok: Token) -> list[tuple[Ref, bool]]:
        """ "the town", "a company": an unspecified group (``People``) as a victim."""
        if tok.lemma_.lower() not in VICTIM_NOUNS or tok.pos_ != "NOUN":
            return []
        start = tok.i
        while start > tok.left_edge.i and self.doc[start - 1].dep_ in ("compound", "amod"):
            start -= 1
        span = self.doc[start : tok.i + 1]
        actor = make_actor(span.text.lower(), "People")
        ref = Ref(actor, start, tok.i + 1, span.start_char, span.end_char, span.text, "people")
        return [(ref, False)]

    def _owners(self, tok: Token, depth: int, by_agents: bool = True) -> list[tuple[Ref, bool]]:
        """Owner for thing: "Kaspersky's network", "US secrets", "software from X"; with
        ``by_agents``, also the agent of a reduced passive ("tools used by X")."""
        owners: list[tuple[Ref, bool]] = []
        for child in tok.children:
            if child.dep_ in _OWNER_DEPS and child.i < tok.i:
                child_ref = self.ref(child)
                if child_ref is not None:
                    owners.append((child_ref, True))
                elif child.dep_ == "poss":  # "the town's computer system"
                    owners.extend((r, True) for r, _ in self._unnamed_victim(child))
            elif child.dep_ == "acl" and child.tag_ == "VBN" and child.i > tok.i:
                if by_agents and not _takes_from_owner(child):  # not "files leaked by X"
                    owners.extend((r, True) for r, _ in self.passive_agents(child))
                for pobj in prep_objects(child, "from"):  # "tools stolen from X"
                    owners.extend((r, True) for r, _ in self.actors(pobj, True, depth + 1))
            elif child.dep_ == "prep" and child.lower_ in _THING_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        owners.extend((r, True) for r, _ in self.actors(pobj, True, depth + 1))
        if any(r.actor.type != "Place" for r, _ in owners):
            owners = [(r, v) for r, v in owners if r.actor.type != "Place"]
        return owners

    def _named(self, tok: Token) -> list[tuple[Ref, bool]]:
        """The name a description carries: "a group called X", "service X", "X, a group"."""
        if tok.dep_ == "appos" and tok.pos_ == "NOUN":  # "Sandworm, a Moscow-based group"
            ref = self.ref(tok.head)
            if ref is not None and ref.is_actor:
                return [(ref, False)]
        if tok.lemma_.lower() in _GROUP_WORDS:  # "the Sandworm group", "the firm Mandiant"
            for child in tok.children:
                ref = self.ref(child)
                if child.dep_ == "compound" and ref is not None and ref.kind == "name":
                    return [(ref, False)]
        for child in tok.children:
            if (
                child.dep_ == "appos"
                and child.i > tok.i
                and not any(g.dep_ == "nummod" for g in child.children)
            ):
                ref = self.ref(child)
                if ref is not None and ref.is_actor:
                    return [(ref, False)]
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _NAMING:
                for grand in child.subtree:
                    ref = self.ref(grand)
                    if ref is not None and ref.kind == "name" and grand.i > child.i:
                        return [(ref, False)]
        return []

    def _relative_antecedent(self, rel: Token) -> list[tuple[Ref, bool]]:
        """The noun a relative pronoun stands for: the mention just before it, else the head."""
        i = rel.i - 1
        while i >= 0 and self.doc[i].is_punct:
            i -= 1
        if i >= 0 and i in self.at:
            return [(self.at[i], False)]
        verb = rel.head
        if verb.dep_ in ("relcl", "acl") and verb.head.i < rel.i:
            return self.actors(verb.head, owner=False)
        return []

    # -- clause structure ---------------------------------------------------------
    def subjects(self, verb: Token, depth: int = 0) -> list[tuple[Ref, bool]]:
        """The actors doing ``verb``: its subject, or the subject it inherits."""
        if depth > 4:
            return []
        speech = verb.lemma_.lower() in _SPEECH_BLOCK
        for child in verb.children:
            if speech and child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                continue  # "officers, who prosecutors said hacked X": the speaker is not "who"
            if child.dep_ in _SUBJ:
                if child.lower_ in _REFLEXIVE:
                    return self.subjects(verb.head, depth + 1) if verb.head != verb else []
                found = self.actors(child, owner=child.dep_ == "nsubj" and _possessed(child))
                if not found and child.lemma_.lower() in AUTHORED_NOUNS:
                    found = self._authors(child)  # "a report from X identified Y"
                return found
            if child.dep_ == "nsubjpass":
                return []
        head = verb.head
        if head == verb:
            return []
        dep = verb.dep_
        if dep == "conj":
            return self.subjects(head, depth + 1)
        if dep in ("xcomp", "ccomp") and head.lemma_.lower() in _SPEECH_BLOCK:
            for rel in head.children:
                if rel.lower_ in _RELATIVE and rel.dep_ in ("dobj", "nsubj") and rel.i < verb.i:
                    return self._relative_antecedent(rel)  # "who DOJ said hacked X"
        if dep == "xcomp" or dep == "ccomp" and _is_to_infinitive(verb):
            return self._controller(head, depth)
        if dep in ("advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
            if dep == "pcomp" and head.dep_ == "prep":
                return self.subjects(head.head, depth + 1)
            return self.subjects(head, depth + 1)
        if dep == "pcomp" and head.dep_ == "prep":
            governor = head.head
            if governor.pos_ == "VERB":
                objects = [c for c in governor.children if c.dep_ == "dobj"]
                if objects and governor.lemma_ in _ACCUSE_VERBS:
                    return self.actors(objects[0], owner=False)
                passive = [c for c in governor.children if c.dep_ == "nsubjpass"]
                if passive and governor.lemma_ in _ACCUSE_VERBS:  # "X was suspected of hacking"
                    return self.actors(passive[0], owner=False)
                if governor.lemma_ in _ACCUSE_VERBS and governor.dep_ == "acl":
                    return self.actors(governor.head, owner=False)  # "a man accused of spying"
                return self.subjects(governor, depth + 1)
            return self.noun_agents(governor)
        if dep in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if verb.tag_ == "VBN":
                return []  # a reduced passive: the noun is the object
            agents = self.noun_agents(head) or self.actors(head, owner=False)
            if not agents and _is_to_infinitive(verb):
                governor = _means_governor(head)
                if governor is not None:  # "used the promise to trick people"
                    return self.subjects(governor, depth + 1)
            return agents
        return []

    def _authors(self, noun: Token) -> list[tuple[Ref, bool]]:
        """Who wrote a report or study: "X's report", "a report by / from X"."""
        return self.noun_agents(noun) or [
            a for p in prep_objects(noun, "from") for a in self.actors(p, owner=False)
        ]

    def _quantified_relative(self, subj: Token) -> list[tuple[Ref, bool]]:
        """ "X, Y and Z, all of which are controlled by W": the quantifier stands for the
        antecedent of its relative pronoun."""
        if subj.lower_ not in _QUANTIFIERS:
            return []
        for pobj in prep_objects(subj, "of"):
            if pobj.lower_ in _RELATIVE and pobj.tag_ in ("WDT", "WP"):
                verb = subj.head
                if verb.dep_ in ("relcl", "acl") and verb.head.i < subj.i:
                    return self.actors(verb.head, owner=False)
                return self._relative_antecedent(pobj)
        return []

    def _controller(self, governor: Token, depth: int) -> list[tuple[Ref, bool]]:
        for child in governor.children:
            if child.dep_ == "nsubjpass":  # "X is believed / was ordered to hack Y"
                return self.actors(child, owner=False)
        if governor.lemma_ in _OBJECT_CONTROL:
            for child in governor.children:
                if child.dep_ == "dobj":
                    found = self.actors(child, owner=False)
                    if found:
                        return found
        if governor.pos_ in ("NOUN", "PROPN"):
            return self.noun_agents(governor)
        if (
            governor.pos_ == "ADJ"
            and governor.dep_ == "acomp"
            and not governor.lower_.startswith("un")  # "unable to": it did not happen
        ):
            return self.subjects(governor.head, depth + 1)  # "X was able / likely to hack Y"
        return self.subjects(governor, depth + 1)

    def noun_agents(self, noun: Token) -> list[tuple[Ref, bool]]:
        """The agent of an event noun: "by X", "X's attack", "Russian intrusion", "X-backed"."""
        agents: list[tuple[Ref, bool]] = []
        by = ("by", "from") if noun.lemma_.lower() in FROM_AGENT_NOUNS else ("by",)
        for child in noun.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in by:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        agents.extend(self.actors(pobj, owner=False))
        if agents:
            return agents
        for child in noun.lefts:
            ref = self.ref(child)
            if ref is None or not ref.is_actor:
                continue
            if child.dep_ == "poss" or ref.kind == "demonym":
                agents.append((ref, False))
        return agents

    def passive_agents(self, verb: Token) -> list[tuple[Ref, bool]]:
        """The "by" agent of a passive verb (also when the parser hung it one level lower)."""
        direct = [c for c in verb.children if _is_by(c)]
        if not direct:
            lower = [c for c in verb.children if c.dep_ in _AGENT_HOSTS]
            direct = [g for c in lower for g in c.children if _is_by(g)]
            direct += [
                g
                for c in lower
                for p in c.children
                if p.dep_ == "pobj"
                for g in p.children
                if _is_by(g)
            ]
        return [
            a
            for by in direct
            for p in by.children
            if p.dep_ == "pobj"
            for a in self.actors(p, owner=False)
        ]


def prep_objects(host: Token, word: str) -> Iterator[Token]:
    """The objects of ``host``'s preposition ``word``: "part of [Y]", "with [Y]"."""
    for prep in host.children:
        if prep.dep_ == "prep" and prep.lower_ == word:
            yield from (p for p in prep.children if p.dep_ == "pobj")


def _listed(noun: Token) -> list[Token]:
    """The examples a plural noun lists: "countries including [X]", "firms such as [X]",
    "companies like [X]"."""
    if noun.pos_ != "NOUN" or noun.tag_ not in ("NNS", "NNPS"):
        return []
    found = []
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if word == "as" and prep.i > 0 and noun.doc[prep.i - 1].lower_ == "such":
            word = "such"  # "such as"
        if word in _LISTING_PREPS:
            found.extend(p for p in prep.children if p.dep_ == "pobj")
    return found


_LISTING_PREPS = LEXICON.words("listing_prepositions")


def _is_by(token: Token) -> bool:
    return token.dep_ in ("agent", "prep") and token.lower_ == "by"


_AGENT_HOSTS = {"prep", "dobj", "npadvmod", "advmod", "advcl", "xcomp"}
_MEANS_VERBS = LEXICON.words("means_verbs")


def _means_governor(noun: Token) -> Token | None:
    """The verb whose subject acts through ``noun``: "used X to ...", "in an attempt to ..."."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _MEANS_VERBS:
        return noun.head
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "in" and noun.lemma_.lower() in ATTEMPT_NOUNS:
        return prep.head if prep.head.pos_ in ("VERB", "AUX") else None
    return None


def _takes_from_owner(verb: Token) -> bool:
    """A verb whose agent takes or exposes the thing rather than owning it ("stolen by X")."""
    frames = VERB_FRAMES.get(verb.lemma_.lower(), ())
    return any(f.predicate in _TAKING_PREDICATES for f in frames)


_TAKING_PREDICATES = {"stole", "leaked", "hacked", "revealed"}
_PERCEPTION_PREDICATES = {"spiedOn", "detected"}


def _ceased_use(verb: Token) -> Token | None:
    """The verb that ends or forbids a use: "stopped using X's software", "barred agencies
    from using X's products" (a ban on X, not a use of it)."""
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in CESSATION_VERBS:
        return head
    if verb.dep_ == "pcomp" and head.lower_ == "from":
        governor = head.head
        if governor.lemma_.lower() in PREVENTING_VERBS and governor.pos_ == "VERB":
            return governor
    return None


def _thing_object(noun: Token) -> bool:
    """An event noun that a content verb acts on is a thing with an owner: "targeted the
    campaign of X", "banned all use of X's software" (not "launched an attack on X")."""
    head = noun.head
    return (
        noun.dep_ == "dobj"
        and head.pos_ == "VERB"
        and head.lemma_.lower() not in SUPPORT_VERBS | _ACQUIRE_VERBS
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    )


def _possessed(token: Token) -> bool:
    return any(c.dep_ == "poss" for c in token.children)


def _is_to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for conj in token.conjuncts:
        if conj.i > token.i:
            out.append(conj)
    return out


def is_passive(verb: Token) -> bool:
    """True for a passive clause, or a reduced passive participle ("tools used by X")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        return True  # "had their data stolen by hackers"
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")


# ----------------------------------------------------------------------- rules
def find_candidates(doc: Doc, refs: list[Ref]) -> list[Candidate]:
    """Run every rule over ``doc``; return the candidates in text order."""
    ctx = Context(doc, refs)
    found: list[Candidate] = []
    if not any(r.is_actor for r in refs):
        return found
    for token in tokens_with(doc, TRIGGER_WORDS):
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and lemma in VERB_FRAMES:
            found.extend(verb_relations(ctx, token))
        if token.pos_ == "VERB" and lemma == "pay":
            found.extend(ransom_payments(ctx, token))
        elif _placed(token):
            found.extend(_placed_blame(ctx, token.head))
        elif token.pos_ in ("NOUN", "PROPN") and lemma in NOUN_FRAMES:
            found.extend(nominal_relations(ctx, token))
        if lemma in BASED_WORDS or token.lower_ in BASED_WORDS:
            found.extend(based_relations(ctx, token))
        if "-" in token.text or token.dep_ == "amod":
            found.extend(hyphen_affiliations(ctx, token))
        if lemma in RELATIONAL_NOUNS and token.pos_ in ("NOUN", "PROPN"):
            found.extend(relational_relations(ctx, token))
        if lemma in LIST_NOUNS and token.pos_ == "NOUN":
            found.extend(listing_bans(ctx, token))
        if lemma in EVALUATIVE_VERBS and token.pos_ == "VERB":
            found.extend(judgements(ctx, token))
        if lemma in TRANSFER_VERBS and token.pos_ == "VERB":
            found.extend(transfers(ctx, token))
        if lemma in HOLDING_VERBS and token.pos_ == "VERB":
            found.extend(held_responsible(ctx, token))
        if token.lower_ == "behalf":
            found.extend(on_behalf_of(ctx, token))
        if token.lower_ == "joint" and token.dep_ == "amod":
            found.extend(joint_relations(ctx, token.head))
        if lemma == "target" and token.pos_ == "NOUN":
            found.extend(target_relations(ctx, token))
        if lemma in SUFFERER_NOUNS and token.pos_ == "NOUN":
            found.extend(suffered_events(ctx, token))
    for ref in refs:
        if ref.actor.type == "Person" or ref.kind == "name":
            found.extend(title_relations(ctx, ref))
        if ref.kind == "name" and ref.actor.type in _LOCATED_TYPES:
            found.extend(located_in(ctx, ref))
        if ref.kind == "name" and ref.actor.type == "Organization":
            found.extend(listed_members(ctx, ref))
    return _most_specific([c for c in found if _valid(c)])


def _most_specific(found: list[Candidate]) -> list[Candidate]:
    """Drop an ``affiliatedWith`` that a ``memberOf`` of the same pair makes redundant
    ("X works for Y": an employee, not only affiliated)."""
    members = {(c.subject.actor.id, c.object.actor.id) for c in found if c.predicate == "memberOf"}
    return [
        c
        for c in found
        if c.predicate != "affiliatedWith" or (c.subject.actor.id, c.object.actor.id) not in members
    ]


_LIST_OPENERS = {"--", "—", "–", ":", "("}


def listed_members(ctx: Context, ref: Ref) -> Iterator[Candidate]:
    """ "the Five Eyes alliance -- Australia, Canada and New Zealand --": each listed state
    is a member of the organization."""
    doc = ctx.doc
    i = ref.end
    head = doc[ref.end - 1].head
    if i < len(doc) and doc[i].text not in _LIST_OPENERS and head.i >= i:
        i = head.i + 1  # "the Five Eyes [security alliance] --"
    if i >= len(doc) or doc[i].text not in _LIST_OPENERS:
        return
    members: list[Ref] = []
    i += 1
    while i < len(doc):
        member = ctx.ref(doc[i])
        if member is not None and member.actor.type == "Country":
            if member not in members:
                members.append(member)
            i = member.end
        elif doc[i].text in (",", "and") or doc[i].lower_ == "the":
            i += 1
        else:
            break
    if len(members) >= 2:
        for member in members:
            yield Candidate(member, "memberOf", ref, ref.start, "listed-members")


TRIGGER_WORDS = frozenset(
    set(VERB_FRAMES)
    | set(NOUN_FRAMES)
    | BASED_WORDS
    | set(RELATIONAL_NOUNS)
    | LEXICON.words("construction_triggers")
    | LIST_NOUNS
    | EVALUATIVE_VERBS
    | HOLDING_VERBS
    | TRANSFER_VERBS
    | SUFFERER_NOUNS
    | {suffix.lstrip("-") for suffix in AFFILIATION_SUFFIXES}
)
"""Every word a rule starts from; other tokens are never visited."""

_LOCATED_TYPES = {"GovernmentBody", "Company", "Organization", "MediaOutlet"}


def listing_bans(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "put X on a blacklist", "added X to the entity list" -> banned(S, X)."""
    if noun.lemma_.lower() == "list" and not any(
        c.lemma_.lower() in _LIST_KINDS for c in noun.children if c.dep_ in ("compound", "amod")
    ):
        return
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("on", "to", "onto"):
        return
    verb = prep.head
    if verb.lemma_.lower() not in _LISTING_VERBS or verb.pos_ != "VERB":
        return
    if is_passive(verb):
        listers, listed = ctx.passive_agents(verb), _patients(ctx, verb)
    else:
        listers = ctx.subjects(verb)
        listed = [a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c)]
    for s, _ in listers:
        for o, via in listed:
            yield Candidate(s, "banned", o, noun.i, "listing", via_owner=via)


def judgements(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "called Russia's actions irresponsible", "described the attack as regrettable":
    a condemning judgement of an actor or its deed criticizes the actor."""
    words = [w for t in judged_complements(verb) for w in (t, *t.conjuncts)]
    if not any(w.lemma_.lower() in CONDEMNING_ADJECTIVES for w in words):
        return
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() in DENIAL_OBJECTS for o in objects):
        return  # "called the claims irresponsible" rejects a claim (a denial)
    targets = [a for o in objects for a in (ctx.actors(o) or _event_agents(ctx, o))]
    for s, _ in ctx.subjects(verb) if not is_passive(verb) else []:
        for o, via in targets:
            yield Candidate(s, "criticized", o, verb.i, "judgement", via_owner=via)


def held_responsible(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X held Y responsible / accountable for E" -> blamed(X, Y), and E done by Y as X's
    claim."""
    if is_passive(verb):
        return
    held = [
        c
        for c in verb.children
        if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and c.lemma_.lower() in RESPONSIBLE_WORDS
    ]
    if not held:
        return
    culprits = [a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c, owner=False)]
    holders = ctx.subjects(verb)
    for s, _ in holders:
        for o, _ in culprits:
            yield Candidate(s, "blamed", o, verb.i, "blame-on")
    source = holders[0][0] if holders else None
    for event in (p for h in held for p in prep_objects(h, "for")):
        if event.lemma_.lower() in NOUN_FRAMES:
            yield from nominal_relations(ctx, event, culprits, source, "blame-on")


def judged_complements(verb: Token) -> list[Token]:
    """What an evaluative verb says its object is: "called it [absurd]", "described it as
    [baseless]", "called them [lies]"."""
    judged = [c for c in verb.children if c.dep_ in _JUDGEMENT_DEPS]
    return judged + [p for c in verb.children if c.lower_ == "as" for p in c.children]


_JUDGEMENT_DEPS = {"oprd", "acomp", "advcl", "xcomp", "ccomp", "attr"}


def _event_agents(ctx: Context, noun: Token) -> list[tuple[Ref, bool]]:
    """The agent of an event noun, "Russia's attack", as the one a judgement is about."""
    return ctx.noun_agents(noun) if noun.lemma_.lower() in NOUN_FRAMES else []


_LIST_KINDS = LEXICON.words("list_kinds")
_LISTING_VERBS = LEXICON.words("listing_verbs")


def located_in(ctx: Context, ref: Ref) -> Iterator[Candidate]:
    """ "the National Security Agency in the US" -> basedIn(NSA, United States)."""
    head = ctx.doc[ref.end - 1]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for pobj in child.children:
                place = ctx.ref(pobj) if pobj.dep_ == "pobj" else None
                if (
                    place is not None
                    and place.kind == "name"
                    and place.actor.type
                    in (
                        "Country",
                        "Place",
                    )
                ):
                    yield Candidate(ref, "basedIn", place, child.i, "located-in")


def _valid(c: Candidate) -> bool:
    if c.subject.actor.id == c.object.actor.id:
        return False
    if not c.subject.is_actor:
        return False  # an unspecified crowd does not act
    return c.object.kind != "people" or c.predicate in _PEOPLE_PREDICATES


_PEOPLE_PREDICATES = {"hacked", "attacked", "spiedOn", "stole", "leaked", "tippedOff"}


def _frames_for(verb: Token) -> list[VerbFrame]:
    frames = VERB_FRAMES[verb.lemma_.lower()]
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt", "agent")}
    for obj in verb.children:  # "blamed the hack [on X]": the parser hangs it on the object
        if obj.dep_ == "dobj":
            preps |= {c.lower_ for c in obj.children if c.dep_ == "prep"} & _OBJECT_PREPS
    with_prep = [f for f in frames if f.prep and f.prep in preps]
    bare = [f for f in frames if f.prep is None]
    return with_prep + bare  # prepositional senses first; see verb_relations


_OBJECT_PREPS = LEXICON.words("object_attached_prepositions")
"""Prepositions of a verb frame that the parser often attaches to the direct object."""


def verb_relations(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """Active, passive, relative-clause, control and prepositional verb patterns."""
    lemma = verb.lemma_.lower()
    if lemma in _SPEECH_BLOCK:
        return
    if lemma == "hold" and not any(t.lower_ in ("ransom", "hostage") for t in verb.subtree):
        return
    served: set[str] = set()
    for frame in _frames_for(verb):
        if frame.prep is None and frame.predicate in served and frame.predicate != "stole":
            continue  # "blamed X on Y" found its object; "stole X's data from Y" keeps both
        passive = is_passive(verb)
        if passive and frame.predicate == "blamed":  # "E was attributed to X by Y"
            subjects = ctx.passive_agents(verb)
            objects = _blame_objects(ctx, verb)
            rule = "passive-by-agent"
        elif passive and frame.prep is not None and frame.prep not in ("off", "out", "by"):
            subjects = _patients(ctx, verb)
            objects = _objects(ctx, verb, frame)
            rule = "passive-prep"
        elif passive:
            subjects = ctx.passive_agents(verb)
            objects = _passive_objects(ctx, verb, frame)
            rule = "passive-by-agent"
        else:
            subjects = ctx.subjects(verb)
            objects = _objects(ctx, verb, frame)
            rule = _active_rule(ctx, verb)
            if subjects and not objects and frame.predicate in CYBER_PREDICATES and not frame.owned:
                objects = _nearest_objects(ctx, verb, frame)
                rule = "nested-argument" if objects else rule
        if frame.predicate == "blamed":
            objects = _blame_objects(ctx, verb) or objects
        if frame.prep is not None and lemma in ATTRIBUTING_VERBS and _three_place(verb):
            if _blames(verb) and frame.predicate != "blamed":
                continue
            if not _blames(verb):  # "X tied Y to Z": Y is tied to Z; an event is blamed above
                subjects = [
                    a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c, owner=False)
                ]
        if frame.owned:  # "obtained Sony's files", not "obtained a warrant" or "used Sony"
            objects = [(o, via) for o, via in objects if via]
        if frame.inverse:
            subjects, objects = objects, subjects
        predicate = frame.predicate
        ceased = _ceased_use(verb) if predicate == "used" else None
        if ceased is not None:
            predicate, rule = "banned", "ceased-use"
            subjects = ctx.subjects(ceased) if not is_passive(ceased) else []
        if not objects and frame.prep in (None, "with") and predicate in _SYMMETRIC:
            # "Russia and China agreed to cooperate": each with the other
            objects = subjects if len(subjects) > 1 else []
        for s, s_owner in subjects:
            for o, o_owner in objects:
                if predicate == "revealed" and o_owner and verb.lemma_.lower() in _LEAK_VERBS:
                    predicate = "leaked"  # exposing someone's material is leaking it
                yield Candidate(s, predicate, o, verb.i, rule, via_owner=o_owner or s_owner)
                served.add(frame.predicate)
    yield from _complement_events(ctx, verb)


_SYMMETRIC = {"cooperatedWith"}
"""Predicates that hold both ways, so that coordinated subjects relate to each other."""


def transfers(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X passed / sent / handed information to Y" -> cooperatedWith(X, Y): sharing
    information or material with someone is cooperating with them."""
    things = [
        t
        for c in verb.children
        if c.dep_ == "dobj"
        for t in _with_conjuncts(c)
        if t.lemma_.lower() in INFORMATION_NOUNS
    ]
    if not things:
        return
    recipients = [
        a
        for host in (verb, *things)
        for word in ("to", "with")
        for a in ctx.prep_actors(host, word)
    ]
    for dative in (c for c in verb.children if c.dep_ == "dative"):  # "sold [to] Y", "gave Y"
        if dative.pos_ == "ADP":
            recipients.extend(
                ctx.prep_actors(dative.head, dative.lower_)
                or [
                    a
                    for p in dative.children
                    if p.dep_ == "pobj"
                    for a in ctx.actors(p, owner=False)
                ]
            )
        else:
            recipients.extend(ctx.actors(dative, owner=False))
    for s, _ in ctx.subjects(verb) if not is_passive(verb) else ctx.passive_agents(verb):
        for o, _ in recipients:
            yield Candidate(s, "cooperatedWith", o, verb.i, "transfer")


def ransom_payments(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X paid the hackers" -> attacked(hackers, X): paying an attacker marks a ransom victim."""
    payees: list[tuple[Ref, bool]] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            payees.extend(ctx.actors(child, owner=False))
    payees.extend(ctx.prep_actors(verb, "to"))
    attackers = [a for a in payees if a[0].actor.type == "ThreatGroup"]
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() == "demand":
        attackers = attackers or ctx.subjects(verb.head)  # "the hackers demanded X pay"
    if not attackers:
        return
    payers = ctx.subjects(verb) or [
        a for c in verb.children if c.dep_ == "nsubj" for a in ctx.actors(c)
    ]
    for s, _ in attackers:
        for o, _ in payers:
            yield Candidate(s, "attacked", o, verb.i, "ransom-payment")


def _active_rule(ctx: Context, verb: Token) -> str:
    if any(c.dep_ in _SUBJ and c.lower_ in _RELATIVE for c in verb.children):
        return "relative-clause"
    if verb.dep_ in ("xcomp", "acl") or verb.dep_ == "ccomp" and _is_to_infinitive(verb):
        return "control"
    return "active"


def _objects(ctx: Context, verb: Token, frame: VerbFrame) -> list[tuple[Ref, bool]]:
    found: list[tuple[Ref, bool]] = []
    if frame.prep is None:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                found.extend(ctx.actors(child))
                if frame.predicate == "revealed":
                    found.extend(report_subjects(ctx, child))
        if not found and (
            verb.lemma_.lower() in _OBJECT_CONTROL or frame.predicate in _PERCEPTION_PREDICATES
        ):  # "helped X break in", "watched X search Y's networks"
            found.extend(_complement_subjects(ctx, verb))
        if not found and not any(c.dep_ in ("dobj", "ccomp", "prep") for c in verb.children):
            # "located and arrested the suspect": the object of the last conjunct is shared
            for conj in verb.children:
                if conj.dep_ == "conj" and conj.pos_ == "VERB":
                    objects = [c for c in conj.children if c.dep_ == "dobj"]
                    preps = {f.prep for f in VERB_FRAMES.get(conj.lemma_.lower(), ()) if f.prep}
                    objects += [  # "hacked and spied on X"
                        p
                        for c in conj.children
                        if c.dep_ == "prep" and c.lower_ in preps
                        for p in c.children
                        if p.dep_ == "pobj"
                    ]
                    found.extend(a for c in objects for a in ctx.actors(c))
        return found
    for child in verb.children:
        if child.dep_ == "prt" and child.lower_ == frame.prep:
            for obj in verb.children:
                if obj.dep_ == "dobj":
                    found.extend(ctx.actors(obj))
        elif child.dep_ == "prep" and child.lower_ == frame.prep:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(ctx.actors(pobj))
            if frame.predicate == "basedIn":  # "operates out of Moscow"
                found.extend(a for p in prep_objects(child, "of") for a in ctx.actors(p))
    if not found and frame.prep in _OBJECT_PREPS:
        # "steal emails and passwords from X": the parser hangs "from X" on the object
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for noun in (obj, *obj.conjuncts):
                for prep in noun.children:
                    if prep.dep_ == "prep" and prep.lower_ == frame.prep:
                        found.extend(
                            a for p in prep.children if p.dep_ == "pobj" for a in ctx.actors(p)
                        )
    return found


def _nearest_objects(ctx: Context, verb: Token, frame: VerbFrame) -> list[tuple[Ref, bool]]:
    """The actors nearest the head of the object phrase when its head is not one: "hacked
    the personal email accounts of dozens of officials at X", "targeted a network run for
    X" (never inside a clause of its own)."""
    if frame.prep is None:
        roots = [c for c in verb.children if c.dep_ == "dobj"]
    else:
        roots = [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == frame.prep
            for p in c.children
            if p.dep_ == "pobj"
        ]
    return [(ref, True) for ref, _ in _nearest(ctx, roots)]


def _nearest(ctx: Context, roots: list[Token]) -> list[tuple[Ref, bool]]:
    """The actors nearest the heads ``roots``, breadth first through noun phrases only."""
    level = [r for root in roots for r in _with_conjuncts(root)]
    level = [t for t in level if t.lemma_.lower() not in NOUN_FRAMES]  # events: nominal
    for _ in range(4):
        found = [
            (ref, False)
            for tok in level
            for ref in [ctx.ref(tok)]
            if ref is not None and ref.is_actor
        ]
        if found:
            return found
        level = [
            c
            for tok in level
            for c in tok.children
            if c.pos_ not in ("VERB", "AUX") and c.dep_ not in ("relcl", "acl", "advcl", "appos")
        ]
        level = [t for t in level if t.lemma_.lower() not in NOUN_FRAMES]  # events: nominal
    return []


def _complement_subjects(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """ "helped X break into Y", "ordered X to stop": the parser makes the controlled object
    the subject of the complement clause; for an object-control verb it is the object."""
    found: list[tuple[Ref, bool]] = []
    for clause in verb.children:
        if clause.dep_ not in ("ccomp", "xcomp") or clause.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "mark" for c in clause.children):
            continue  # "ordered that X ...": a reported order, not its addressee
        for subj in clause.children:
            if subj.dep_ == "nsubj" and subj.i > verb.i:
                found.extend(ctx.actors(subj, owner=False))
    return found


def _passive_objects(ctx: Context, verb: Token, frame: VerbFrame) -> list[tuple[Ref, bool]]:
    if frame.prep is not None and frame.prep not in ("off", "out"):
        return _objects(ctx, verb, frame)
    return _patients(ctx, verb)


def _patients(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """The surface subject of a passive: "X was hacked", "tools used by", "X is said to be"."""
    for child in verb.children:
        if child.dep_ == "nsubjpass" or child.dep_ == "nsubj" and verb.tag_ == "VBN":
            found = ctx.actors(child)
            if verb.lemma_.lower() in ("publish", "reveal", "disclose"):
                found = found + report_subjects(ctx, child)
            return found
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
        return ctx.actors(verb.head)
    if verb.dep_ in ("xcomp", "conj") and verb.head != verb:
        return _patients(ctx, verb.head)
    return []


def report_subjects(ctx: Context, noun: Token) -> list[tuple[Ref, bool]]:
    """Who a report is about: "reports that the NSA spied on X", "details about X"."""
    if noun.lemma_.lower() not in REPORT_NOUNS:
        return []
    found: list[tuple[Ref, bool]] = []
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in child.children
        ):
            found.extend(ctx.subjects(child))
        elif child.dep_ == "prep" and child.lower_ in ("about", "on", "into"):
            found.extend(
                a for p in child.children if p.dep_ == "pobj" for a in ctx.actors(p, owner=False)
            )
    return found


def _blame_objects(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """ "blamed the hack on X" and "attributed it to X": the culprit is after the preposition,
    which the parser hangs on the verb or on the blamed event."""
    hosts = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for host in hosts:
        for child in host.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "to"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return ctx.actors(pobj, owner=False)
    return []


def _complement_events(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "accused X of ties to Y", "blamed the Sony hack on X": events inside the accusation."""
    lemma = verb.lemma_.lower()
    if lemma in ("suspect", "allege", "accuse") and not is_passive(verb):
        accusers = ctx.subjects(verb)
        for clause in verb.children:
            if clause.dep_ == "ccomp":
                for s, _ in accusers:
                    for o, _ in ctx.subjects(clause):
                        yield Candidate(s, "accused", o, verb.i, "accuse-that")
    if lemma in _ACCUSE_VERBS:
        # "accused X of the hack of Y", "X was blamed for the attack on Y", "sanctioned X
        # for its attack on Y": X is the alleged agent, the accuser the claim's source
        accusers = ctx.subjects(verb) if not is_passive(verb) else ctx.passive_agents(verb)
        accused = [
            o
            for c in verb.children
            if c.dep_ in ("dobj", "nsubjpass")
            for o in ctx.actors(c, owner=False)
        ]
        holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        for prep in (p for h in holders for p in h.children):
            if prep.dep_ == "prep" and prep.lower_ in _CHARGE_PREPS:
                events = [n for p in prep.children if p.dep_ == "pobj" for n in _with_conjuncts(p)]
                for noun in events:
                    if noun.lemma_.lower() in NOUN_FRAMES:
                        source = accusers[0][0] if accusers else None
                        for agent, _ in accused:
                            yield from nominal_relations(
                                ctx, noun, [(agent, False)], source, "accuse-of"
                            )
    yield from _clause_objects(ctx, verb)
    if lemma in ATTRIBUTING_VERBS:
        culprits = _blame_objects(ctx, verb)
        blamers = ctx.subjects(verb) if not is_passive(verb) else ctx.passive_agents(verb)
        events = [
            noun
            for c in verb.children
            if c.dep_ in ("dobj", "nsubjpass")
            for noun in _with_conjuncts(c)
            if noun.lemma_.lower() in NOUN_FRAMES
        ]
        source = blamers[0][0] if blamers else None
        if events and not _blames(verb):  # "linked the attack to X" attributes it to X
            for s, _ in blamers:
                for o, _ in culprits:
                    yield Candidate(s, "blamed", o, verb.i, "blame-on")
        for noun in events:
            yield from nominal_relations(ctx, noun, culprits, source, "blame-on")


def _blames(verb: Token) -> bool:
    """True if a sense of ``verb`` itself is ``blamed`` ("blame", "attribute")."""
    return any(f.predicate == "blamed" for f in VERB_FRAMES.get(verb.lemma_.lower(), ()))


def _three_place(verb: Token) -> bool:
    """ "X linked the attack to Y": an active verb with an object before its preposition,
    so that the object, not the subject, is what is tied to Y."""
    return not is_passive(verb) and any(c.dep_ == "dobj" for c in verb.children)


_CHARGE_PREPS = ("of", "with", "for")


_CLAUSE_MARKS = {"detected": ("that", None), "investigated": ("whether", "if")}
"""Verb senses whose object can be the agent of a clause, by the clause's conjunction:
"discovered that X had hacked Y", "is investigating whether X hacked Y"."""


def _clause_objects(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """The agent of a finite complement clause as the object of a detection or inquiry."""
    if is_passive(verb):
        return
    predicates = {f.predicate for f in VERB_FRAMES.get(verb.lemma_.lower(), ()) if not f.prep}
    for predicate in predicates & set(_CLAUSE_MARKS):
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.lemma_.lower() not in VERB_FRAMES:
                continue
            marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
            if (marks[0] if marks else None) not in _CLAUSE_MARKS[predicate]:
                continue
            agents = ctx.subjects(clause) if not is_passive(clause) else []
            for s, _ in ctx.subjects(verb):
                for o, _ in agents:
                    yield Candidate(s, predicate, o, verb.i, "clause-object")


def _placed(token: Token) -> bool:
    """ "placed / put / laid the blame": blame as the object of a light verb."""
    return (
        token.lemma_.lower() == "blame"
        and token.pos_ == "NOUN"
        and token.dep_ in ("dobj", "nsubjpass")
        and token.head.lemma_.lower() in _BLAME_PLACING
    )


def _placed_blame(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X placed / put / laid the blame for the attack on Y squarely on Z": the last "on"
    around the verb, the blame noun and the event names the culprit, the rest the target."""
    blame = next(c for c in verb.children if _placed(c))
    events = [
        pobj
        for host in (verb, blame)
        for prep in host.children
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in NOUN_FRAMES
    ]
    ons = [
        prep
        for host in (verb, blame, *events)
        for prep in host.children
        if prep.dep_ == "prep" and prep.lower_ == "on"
    ]
    if not ons:
        return
    last = max(ons, key=lambda t: t.i)
    culprits = [a for p in last.children if p.dep_ == "pobj" for a in ctx.actors(p, owner=False)]
    blamers = ctx.subjects(verb) if not is_passive(verb) else ctx.passive_agents(verb)
    for s, _ in blamers:
        for o, _ in culprits:
            yield Candidate(s, "blamed", o, verb.i, "blame-on")
    blamed = {o.start for o, _ in culprits}
    source = blamers[0][0] if blamers else None
    for event in events:
        for cand in nominal_relations(ctx, event, culprits, source, "blame-on"):
            if cand.object.start not in blamed:
                yield cand


def nominal_relations(
    ctx: Context,
    noun: Token,
    agents: list[tuple[Ref, bool]] | None = None,
    source: Ref | None = None,
    rule: str = "nominal",
) -> Iterator[Candidate]:
    """Noun events: "Israel's hack of Kaspersky", "the Russian intrusion into the NSA",
    "ties to Moscow", "X launched an attack on Y", "X was behind the hack of Y"."""
    frame = NOUN_FRAMES[noun.lemma_.lower()]
    objects: list[tuple[Ref, bool]] = []
    for child in _event_preps(noun):
        if child.lower_ in frame.preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = ctx.actors(pobj)
                    if child.lower_ == "in":  # "attacks in the US": a country, not "in Europe"
                        found = [f for f in found if f[0].actor.type == "Country"]
                    objects.extend(found)
    if not objects and not frame.compound_is_object:
        # "her extradition", "Park's indictment": the possessor undergoes it
        objects = [
            (r, False)
            for c in noun.children
            if c.dep_ == "poss"
            for r in [ctx.ref(c)]
            if r is not None and r.is_actor
        ]
    if objects:
        ctx.events.append((noun.i, frame.predicate, objects))
    elif _definite(noun) and not any(
        ctx.actors(p, owner=False) for c in noun.children if c.dep_ == "prep" for p in c.children
    ):  # "the attack" refers back, "the attack of Sony" names its own argument
        objects = _earlier_event_objects(ctx, noun, frame.predicate)
    local_agents = [] if agents else ctx.noun_agents(noun)
    local_agents = [a for a in local_agents if all(a[0] is not o for o, _ in objects)]
    if frame.compound_is_object and not objects:
        for child in noun.lefts:
            ref = ctx.ref(child)
            if ref is None or ref.kind == "demonym":
                continue
            if (
                child.dep_ == "compound"
                or child.dep_ == "poss"
                and ref.actor.type not in ("Country", "ThreatGroup")
            ):
                objects.append((ref, False))
                local_agents = [a for a in local_agents if a[0] is not ref]
    elif not frame.compound_is_object:
        for child in noun.lefts:
            ref = ctx.ref(child)
            if ref is not None and child.dep_ in ("compound", "amod", "nmod") and ref.is_actor:
                local_agents.append((ref, False))
    disclaimed = _disclaimed(noun)
    if agents is None or not agents:
        agents = local_agents or _governing_agents(ctx, noun)
        if agents and rule == "nominal" and not local_agents:
            rule = "support-verb" if noun.head.lemma_.lower() in SUPPORT_VERBS else "agent-of-event"
    for s, _ in agents:
        for o, o_owner in objects:
            yield Candidate(
                s,
                frame.predicate,
                o,
                noun.i,
                rule,
                nominal=True,
                source=source,
                via_owner=o_owner,
                modality="alleged" if rule in ("accuse-of", "blame-on") else None,
                negated=disclaimed,
            )


def _event_preps(noun: Token) -> list[Token]:
    """The prepositions of an event noun, with those the parser hung on its light verb:
    "opened an investigation [into X]", "imposed sanctions [on Y]"."""
    preps = [c for c in noun.children if c.dep_ == "prep"]
    frame = NOUN_FRAMES.get(noun.lemma_.lower())
    if frame is not None and "of" not in frame.preps:  # "attribution of the hack [to X]"
        preps += [
            g
            for c in preps
            if c.lower_ == "of"
            for p in c.children
            for g in p.children
            if p.dep_ == "pobj" and g.dep_ == "prep"
        ]
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in SUPPORT_VERBS:
        preps += [c for c in head.children if c.dep_ == "prep" and c.i > noun.i]
    return preps


def _involvement(noun: Token) -> Token | None:
    """The "have" of "have nothing / anything / something to do with [noun]"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with" or prep.head.lemma_.lower() != "do":
        return None
    pronoun = prep.head.head
    if prep.head.dep_ != "relcl" or pronoun.lower_ not in _INVOLVEMENT_PRONOUNS:
        return None
    have = pronoun.head
    return have if have.lemma_.lower() == "have" and pronoun.dep_ == "dobj" else None


def _disclaimed(noun: Token) -> bool:
    """ "had nothing to do with [the attack]": the involvement is denied by the construction."""
    have = _involvement(noun)
    if have is None:
        return False
    if any(c.dep_ == "neg" or c.dep_ == "dobj" and c.lower_ == "nothing" for c in have.children):
        return True  # "had nothing to do with", "did not have anything to do with"
    # "denied having anything to do with"
    return have.dep_ in ("xcomp", "ccomp") and have.head.lemma_.lower() in DENIAL_VERBS


_INVOLVEMENT_PRONOUNS = LEXICON.words("involvement_pronouns")


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _earlier_event_objects(ctx: Context, noun: Token, predicate: str) -> list[tuple[Ref, bool]]:
    """ "the attack" refers back to the latest attack on a named target, up to 3 sentences back."""
    sent_start = noun.sent.start
    for i, pred, objects in reversed(ctx.events):
        if i >= noun.i:
            continue
        if pred == predicate and len(list(ctx.doc[i : noun.i].sents)) <= 4:
            return objects
        if i < sent_start - 400:
            break
    return []


def _governing_agents(ctx: Context, noun: Token) -> list[tuple[Ref, bool]]:
    """The agent given by the construction around an event noun."""
    frame = NOUN_FRAMES.get(noun.lemma_.lower())
    relational = frame is not None and frame.predicate in ("cooperatedWith", "affiliatedWith")
    head = noun.head
    dep = noun.dep_
    if dep == "conj" and head.pos_ in ("AUX", "VERB") and _behind_event(head):
        return ctx.subjects(head)  # "X was behind the outage as well as attacks in Y"
    while dep == "conj":
        noun, head, dep = head, head.head, head.dep_
    lemma = head.lemma_.lower()
    if dep in ("nsubj", "nsubjpass") and lemma == "be":
        larger = _larger_operation(head)
        if larger is not None:
            return _operation_agents(ctx, larger)
    if dep == "dobj" and (lemma in SUPPORT_VERBS | _ACQUIRE_VERBS or relational):
        return ctx.subjects(head) if not is_passive(head) else ctx.passive_agents(head)
    if dep == "nsubjpass" and lemma in SUPPORT_VERBS:
        return ctx.passive_agents(head)
    have = _involvement(noun)
    if have is not None:  # "said it had nothing to do with the attack"
        return ctx.subjects(have)
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        prep_head = head.head
        word = prep_head.lemma_.lower()
        if head.lower_ == "behind" or word in AGENT_LINKS:
            if prep_head.pos_ in ("AUX", "VERB"):
                if word == "involve" and is_passive(prep_head):  # "X was involved in E"
                    return ctx.subjects(prep_head) or _passive_subjects(ctx, prep_head)
                return ctx.subjects(prep_head)
            if prep_head.pos_ in ("NOUN", "ADJ", "PROPN"):
                agents = ctx.noun_agents(prep_head) if prep_head.pos_ != "ADJ" else []
                if agents:
                    return agents
                governor = prep_head.head
                if prep_head.dep_ in ("acomp", "attr", "dobj") and governor.pos_ in ("AUX", "VERB"):
                    return ctx.subjects(governor)
                if prep_head.dep_ == "pobj":
                    return _governing_agents(ctx, prep_head)
        if head.lower_ == "to" and word in ("link", "tie", "connect") and is_passive(prep_head):
            return [
                a
                for c in prep_head.children
                if c.dep_ == "nsubjpass"
                for a in ctx.actors(c, owner=False)
            ]
    return []


def _passive_subjects(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """The passive subject of ``verb``, or of the verb that raises it ("X is said to have
    been involved")."""
    for host in (verb, verb.head if verb.dep_ == "xcomp" else verb):
        for child in host.children:
            if child.dep_ == "nsubjpass":
                return ctx.actors(child, owner=False)
    return []


def _behind_event(verb: Token) -> bool:
    """Whether ``verb`` has "behind E" / "responsible for E" with E an operation noun."""
    linked = verb.lemma_.lower() in AGENT_LINKS
    return any(
        prep.dep_ == "prep"
        and (linked or prep.lower_ == "behind")
        and any(p.dep_ == "pobj" and p.lemma_.lower() in CYBER_EVENT_NOUNS for p in prep.children)
        for prep in verb.children
    )


def _larger_operation(copula: Token) -> Token | None:
    """ "E was part of a wider X effort / a campaign by X": the larger operation noun."""
    for attr in copula.children:
        if attr.dep_ != "attr" or attr.lemma_.lower() != "part":
            continue
        for prep in attr.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() in CYBER_EVENT_NOUNS:
                        return pobj
    return None


def _operation_agents(ctx: Context, operation: Token) -> list[tuple[Ref, bool]]:
    """Who runs an operation: "by X", "X's", "a Chinese government effort"."""
    agents = ctx.noun_agents(operation)
    if agents:
        return agents
    found: list[tuple[Ref, bool]] = []
    for child in operation.lefts:
        ref = ctx.ref(child)
        if ref is not None and ref.is_actor and child.dep_ in ("compound", "amod", "nmod"):
            found.append((ref, False))
    return found


def based_relations(ctx: Context, based: Token) -> Iterator[Candidate]:
    """ "Moscow-based company", "X, based in Y", "X is headquartered in Y" -> basedIn."""
    places: list[tuple[Ref, bool]] = []
    for child in based.children:
        if child.dep_ in ("npadvmod", "compound", "nmod", "amod") and child.i < based.i:
            ref = ctx.ref(child)
            if ref is not None:
                places.append((ref, False))
        elif child.dep_ == "prep" and child.lower_ in ("in", "out"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    places.extend(ctx.actors(pobj, owner=False))
    if not places and based.i >= 2 and ctx.doc[based.i - 1].text == "-":
        ref = ctx.ref(ctx.doc[based.i - 2])
        if ref is not None:
            places.append((ref, False))
    if not places:
        return
    holders: list[tuple[Ref, bool]] = []
    if based.dep_ in ("amod", "acl", "compound") and based.head.i != based.i:
        holders = ctx.actors(based.head, owner=False)
    else:
        holders = [
            a
            for c in based.children
            if c.dep_ in ("nsubjpass", "nsubj")
            for a in ctx.actors(c, owner=False)
        ]
    for s, _ in holders:
        for o, _ in places:
            yield Candidate(s, "basedIn", o, based.i, "based-in")


def hyphen_affiliations(ctx: Context, token: Token) -> Iterator[Candidate]:
    """ "China-sponsored actor", "Kremlin-backed hackers" -> affiliatedWith(actor, state)."""
    text = token.text.lower()
    doc = ctx.doc
    suffix = "-" + text
    if suffix not in AFFILIATION_SUFFIXES or token.i < 2 or doc[token.i - 1].text != "-":
        return
    noun = token.head if token.dep_ in ("amod", "compound") else None
    if noun is None or noun.i == token.i:
        return
    sponsor = ctx.ref(doc[token.i - 2])
    if sponsor is None and doc[token.i - 2].lower_ in ("state", "government"):
        # "Saudi Arabia's state-owned oil company": the state is the possessor
        states = [ctx.ref(c) for c in noun.children if c.dep_ in ("poss", "compound")]
        sponsor = next((r for r in states if r is not None and r.actor.type == "Country"), None)
    if sponsor is None:
        return
    for s, _ in ctx.actors(noun, owner=False):
        yield Candidate(s, "affiliatedWith", sponsor, token.i, "hyphen-affiliation")


def on_behalf_of(ctx: Context, behalf: Token) -> Iterator[Candidate]:
    """ "X works/acts/operates on behalf of Y" -> affiliatedWith(X, Y)."""
    prep = behalf.head
    if behalf.dep_ != "pobj" or prep.lower_ != "on" or prep.head.pos_ not in ("VERB", "AUX"):
        return
    principals = ctx.prep_actors(behalf, "of")
    for s, _ in ctx.subjects(prep.head):
        for o, _ in principals:
            yield Candidate(s, "affiliatedWith", o, behalf.i, "on-behalf-of")


_COUNTERPARTS = LEXICON.words("counterpart_nouns")


def joint_relations(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "X issued a joint statement with Y", "in a joint operation with its counterparts in
    Y" -> cooperatedWith(X, Y)."""
    partners: list[tuple[Ref, bool]] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            found = ctx.actors(pobj, owner=False)
            if not found and pobj.lemma_.lower() in _COUNTERPARTS:
                found = [a for a in ctx.prep_actors(pobj, "in") if a[0].actor.type == "Country"]
            partners.extend(found)
    if not partners:
        return
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("pobj", "dobj") or governor.pos_ not in ("VERB", "AUX"):
        return
    for s, _ in ctx.subjects(governor):
        for o, _ in partners:
            yield Candidate(s, "cooperatedWith", o, noun.i, "joint-with", nominal=True)


def target_relations(ctx: Context, target: Token) -> Iterator[Candidate]:
    """ "X was (one of) the targets of Y", "named X as a target of Y" -> attacked(Y, X)."""
    agents = ctx.prep_actors(target, "of")
    if not agents:
        return
    node = target
    source: Ref | None = None
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ == "one":
        node = node.head.head  # "one of the targets"
    if node.dep_ == "attr" and node.head.lemma_ == "be":
        victims = ctx.subjects(node.head)
    elif node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.head.pos_ == "VERB":
        verb = node.head.head
        victims = [v for c in verb.children if c.dep_ == "dobj" for v in ctx.actors(c)]
        namers = ctx.subjects(verb)  # "Microsoft named X as a target": Microsoft says so
        source = namers[0][0] if namers else None
    elif node.dep_ == "appos":
        victims = ctx.actors(node.head)
    else:
        return
    for s, _ in agents:
        for o, o_owner in victims:
            yield Candidate(
                s, "attacked", o, target.i, "target-of", True, source=source, via_owner=o_owner
            )


def suffered_events(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "X was the target / a victim of a Russian hack", "X fell victim to an attack by Y":
    X is the object of the event, the event's agent its subject."""
    events = list(prep_objects(noun, "of"))
    if noun.dep_ == "dobj":  # "fell victim to E": the parser hangs "to E" on the verb
        events += prep_objects(noun.head, "to")
    events = [e for e in events if e.lemma_.lower() in NOUN_FRAMES]
    if not events:
        return
    if noun.dep_ in ("attr", "dobj", "oprd") and noun.head.pos_ in ("VERB", "AUX"):
        victims = ctx.subjects(noun.head)
    elif noun.dep_ == "appos":
        victims = ctx.actors(noun.head, owner=False)
    else:
        return
    for event in events:
        predicate = NOUN_FRAMES[event.lemma_.lower()].predicate
        for s, _ in ctx.noun_agents(event):
            for o, o_owner in victims:
                yield Candidate(s, predicate, o, event.i, "target-of", True, via_owner=o_owner)


def relational_relations(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """Relational nouns: "X is a member/unit of Y", "operates as part of Y", "Guam, a US
    territory", "Y, the parent company of X", "Facebook owner Meta", "X, a politician and
    critic of Y", "the RGB, North Korea's intelligence bureau"."""
    inside = ctx.ref(noun)
    if inside is not None and inside.kind == "name":
        return  # a word of a name ("the Member States Council")
    frame = RELATIONAL_NOUNS[noun.lemma_.lower()]
    phrase = noun.head if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else noun
    top = phrase
    while top.dep_ == "conj" and top.head != top:
        top = top.head  # "a politician and critic of Y": the clause role is the first one's
    preps = [c for t in {noun, phrase} for c in t.children if c.dep_ == "prep"]
    if top is not phrase:
        preps += [c for c in top.children if c.dep_ == "prep" and c.i > noun.i]
    owner = frame.predicate != "memberOf"  # "a critic of Italy's policies" criticizes Italy
    others = [
        a
        for prep in preps
        if prep.lower_ in frame.preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for a in ctx.actors(pobj, owner=owner)
    ]
    for child in (*noun.children, *(phrase.children if phrase is not noun else ())):
        ref = ctx.ref(child)
        if child.dep_ in _PREMODIFIERS and child.i < noun.i and ref is not None and ref.is_actor:
            others.append((ref, False))
    if not others:
        return
    described: list[tuple[Ref, bool]] = []
    dep, head = top.dep_, top.head
    named = ctx.ref(phrase.head) if phrase.dep_ == "compound" else None
    if named is not None and named.kind == "name":
        described = [(named, False)]  # "Facebook owner [Meta Platforms]"
    elif dep == "attr" and head.lemma_.lower() in _COPULAS:
        described = [a for c in head.children if c.dep_ == "nsubj" for a in ctx.actors(c, False)]
    elif dep == "pobj" and head.lower_ == "as":
        described = ctx.subjects(head.head)
    elif dep == "appos":
        described = ctx.actors(head, owner=False)
    rule = "copula-member" if frame.predicate == "memberOf" else "relational-noun"
    for d, _ in described:
        for o, _ in others:
            s, obj = (d, o) if frame.described == "subject" else (o, d)
            if frame.predicate == "memberOf" and _located_not_member(s, obj):
                continue
            yield Candidate(s, frame.predicate, obj, noun.i, rule)


def _located_not_member(member: Ref, whole: Ref) -> bool:
    """A company or outlet is based in a country, not part of it ("German news agency X")."""
    return whole.actor.type in ("Country", "Place") and member.actor.type in (
        "Company",
        "MediaOutlet",
    )


_PREMODIFIERS = {"compound", "amod", "poss", "nmod"}
_COPULAS = LEXICON.words("copulas")


def title_relations(ctx: Context, ref: Ref) -> Iterator[Candidate]:
    """Role titles: "Kremlin spokesman Dmitry Peskov", "Eric Chien, director at Symantec",
    "iSight's director, John Hultquist", "X and Y, both of Z" -> memberOf(person, body)."""
    doc = ctx.doc
    head = doc[ref.end - 1]
    if ref.actor.type != "Person":
        yield from _quantified_members(ctx, ref, head)
        return
    # Pre-modifiers of the name: "German Chancellor", "UK foreign minister".
    premods = [t for t in doc[head.left_edge.i : ref.start]]
    if any(t.lemma_.lower() in TITLE_NOUNS for t in premods):
        for org in _refs_in(ctx, premods, exclude=ref):
            yield Candidate(ref, "memberOf", org, head.i, "title")
    yield from _employment(ctx, ref, head)
    # Apposition either way round: "Name, the CFO of Huawei" / "Huawei's CFO, Name".
    titles = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        titles.append(head.head)
    for title in titles:
        if title.lemma_.lower() not in TITLE_NOUNS | {"both", "one", "all", "each"}:
            continue
        for org in _title_orgs(ctx, title, ref):
            for person in [ref] + _conjunct_refs(ctx, head):
                yield Candidate(person, "memberOf", org, title.i, "apposition")


def _employment(ctx: Context, ref: Ref, head: Token) -> Iterator[Candidate]:
    """A person's post as a clause: "X is the CEO of Y", "X worked as an engineer at Y",
    "X works for / at Y", "X serves as adviser to Y" -> memberOf(X, Y)."""
    if head.dep_ != "nsubj":
        return
    verb = head.head
    lemma = verb.lemma_.lower()
    titles = []
    if lemma in _COPULAS:
        titles = [c for c in verb.children if c.dep_ == "attr"]
    elif lemma in EMPLOYMENT_VERBS:
        titles = list(prep_objects(verb, "as"))
    titles = [c for t in titles for c in _with_conjuncts(t) if c.lemma_.lower() in TITLE_NOUNS]
    orgs = [o for title in titles for o in _title_orgs(ctx, title, ref)]
    if lemma in EMPLOYMENT_VERBS:
        for word in _EMPLOYER_PREPS:
            orgs.extend(
                r
                for r, _ in ctx.prep_actors(verb, word)
                if r.is_actor and r.actor.type not in _NOT_EMPLOYERS and r not in orgs
            )
    for org in orgs:
        yield Candidate(ref, "memberOf", org, (titles[0] if titles else verb).i, "employment")


EMPLOYMENT_VERBS = LEXICON.words("employment_verbs")
_EMPLOYER_PREPS = ("at", "for")
_NOT_EMPLOYERS = {"Person", "Place", "Country"}


def _quantified_members(ctx: Context, ref: Ref, head: Token) -> Iterator[Candidate]:
    """ "X and Y, both of Z" for members the NER did not type as persons."""
    for title in head.children:
        if title.dep_ == "appos" and title.lower_ in ("both", "all", "each"):
            for org in _title_orgs(ctx, title, ref):
                members = [ref] + [r for c in head.conjuncts for r in [ctx.ref(c)] if r]
                for member in members:
                    yield Candidate(member, "memberOf", org, title.i, "apposition")


def _refs_in(ctx: Context, tokens: list[Token], exclude: Ref) -> list[Ref]:
    out: list[Ref] = []
    for t in tokens:
        r = ctx.ref(t)
        if (
            r is not None
            and r is not exclude
            and r.actor.type != "Person"
            and r.is_actor
            and (r not in out)
        ):
            out.append(r)
    return out


def _title_orgs(ctx: Context, title: Token, person: Ref) -> list[Ref]:
    """The body a role title belongs to: its modifiers, or "of/at/for/on/with X"."""
    found = _refs_in(
        ctx,
        [c for c in title.lefts if c.dep_ in _OWNER_DEPS | {"poss"}]
        + [t for c in title.lefts if c.dep_ in ("compound", "poss") for t in c.subtree],
        person,
    )
    for child in title.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "for", "on", "with", "in"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(
                        r
                        for r, _ in ctx.actors(pobj, owner=False)
                        if r.actor.type != "Person"
                        and r.is_actor
                        and r not in found
                        and r.actor.type != "Place"
                    )
    return found


def _conjunct_refs(ctx: Context, head: Token) -> list[Ref]:
    out = []
    for conj in head.conjuncts:
        r = ctx.ref(conj)
        if r is not None and r.actor.type == "Person":
            out.append(r)
    return out
