"""Arguments of the relation rules: the mention an argument token stands for.

:class:`Context` indexes a Doc's actor mentions by token and finds the actors a token
denotes and the actors doing a verb:

* an argument token inside an actor mention is that actor; a relative pronoun
  ("which", "who") is the noun it modifies; a reflexive ("itself") is the
  subject of the clause above; "all of which" is each antecedent;
* an argument that is a *thing* stands for its owner ("Kaspersky's network",
  "US government secrets", "software from Kaspersky Lab", "American programs");
  a spokesperson, official or researcher stands for the organization they speak for;
* coordinated arguments count one by one ("the US and Canada"), and a plural noun
  stands for the examples it lists ("countries including X and Y").

Subjects missing from a clause are inherited: coordinated verbs share their
subject, "X tried to hack Y" and "accusing the firm" take the subject of the
verb above, "ordered its branches to remove X" takes the orderer when the
ordered party is not an actor, and "attempts by X to steal Y" takes the agent
of the noun.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract.actors import Ref, make_actor
from kg.extract.lexicon import (
    AGENT_PREPOSITIONS,
    ATTEMPT_NOUNS,
    COMPLEMENT_MARKS,
    CYBER_EVENT_NOUNS,
    FROM_AGENT_NOUNS,
    GENITIVE_PREPOSITIONS,
    INFINITIVE_MARKERS,
    LEXICON,
    NAMING_VERBS,
    NOUN_FRAMES,
    REPORT_NOUNS,
    SUPPORT_VERBS,
    SUSPICION_NOUNS,
    VERB_FRAMES,
    VICTIM_NOUNS,
    VICTIM_PRONOUNS,
)
from kg.inventory import the_predicate, with_rule

_PUBLISHING_VERBS = LEXICON.words("publishing_verbs")
_ORDERED = the_predicate("directive")

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
    "based-modifier": 0.8,
    "told-to": 0.7,
    "ordered-departure": 0.7,
    "threat-complement": 0.65,
    "hyphen-affiliation": 0.75,
    "accuse-of": 0.7,
    "agent-of-event": 0.65,
    "event-doer": 0.62,
    "implicit-agent": 0.6,
    "withheld-permission": 0.65,
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
    "origin": 0.75,
    "on-orders-of": 0.7,
    "at-request-of": 0.7,
    "listed-members": 0.6,
    "located-in": 0.6,
}
"""Base confidence per rule; lowered for coreference and non-gazetteer actors."""
OBJECT_CONTROL = LEXICON.words("object_control_verbs")
ACCUSE_VERBS = LEXICON.words("accusing_verbs")
RELATIVE = LEXICON.words("relative_pronouns")
_REFLEXIVE = LEXICON.words("reflexive_pronouns")
SUBJ = {"nsubj", "csubj"}
_THING_PREPS = LEXICON.words("owner_prepositions")
_FLAW_NOUNS = LEXICON.words("flaw_nouns")
_FLAW_PREPS = LEXICON.words("flaw_prepositions")
_PLACE_TYPES = ("Country", "Place")
_BELONGING_VERBS = LEXICON.words("belonging_verbs")
_STORING_VERBS = LEXICON.words("storing_verbs")
_STORING_PREPS = LEXICON.words("site_prepositions")
OWNER_DEPS = {"poss", "compound", "amod", "nmod", "npadvmod"}
SPEECH_BLOCK = LEXICON.words("speech_only_verbs")
_GROUP_WORDS = LEXICON.words("group_words")
ACQUIRE_VERBS = LEXICON.words("acquire_verbs")
VOICE_NOUNS = LEXICON.words("voice_nouns")
AUTHORED_NOUNS = LEXICON.words("authored_nouns")
ISSUED_DOCUMENTS = (
    AUTHORED_NOUNS | LEXICON.words("legal_documents") | LEXICON.words("issued_documents")
)
_QUANTIFIERS = LEXICON.words("relative_quantifiers")
_CAPTIVES = LEXICON.words("captive_nouns")
MACHINE_NOUNS = LEXICON.words("machine_nouns")
"""Machines and data stores something is taken from ("stole files from the server")."""
JOINING_VERBS = LEXICON.words("joining_verbs")
OPERATIONS = with_rule("operation")
"""Predicates whose subject did an operation (relations.json property ``operation``)."""
_LEGAL_ACTS = with_rule("legal_act")
_VICTIM_REFERENCES = LEXICON.words("victim_reference_nouns")
_SUFFERED_PARTICIPLES = LEXICON.words("suffered_participles") | frozenset(
    w for w, frames in VERB_FRAMES.items() if any(f.predicate in OPERATIONS for f in frames)
)
_BACK_DEMONSTRATIVES = LEXICON.words("coref_demonstratives")
_PERPETRATING = LEXICON.words("perpetrating_verbs")
_AGENT_LINKS = LEXICON.words("agent_links")
_ADDITIVES = LEXICON.words("additive_adverbs")
_BACK_DETERMINERS = LEXICON.words("coref_definite_determiners")
_HOME_PREPS = LEXICON.words("home_prepositions")
_PUBLIC_BODY_NOUNS = LEXICON.words("public_body_nouns")
_VOICE_PREPS = LEXICON.words("voice_prepositions")
_JOINING_PREPS = LEXICON.words("joining_prepositions")
_AUTHOR_PREPS = LEXICON.words("author_prepositions")
_LISTING_OPENERS = LEXICON.words("listing_openers")
_ATTEMPT_PREPS = LEXICON.words("attempt_prepositions")
_REPORT_PREPS = LEXICON.words("report_prepositions")
_LISTING_OPENER_PREPS = LEXICON.words("listing_opener_prepositions")
_COMPANION_ADVERB_PREPS = LEXICON.words("companion_adverb_prepositions")
_SOURCE_PREPS = LEXICON.words("source_prepositions")
_BELONGING_PREPS = LEXICON.words("belonging_prepositions")
_NEGATIVE_PREFIXES = tuple(sorted(LEXICON.words("negative_prefixes")))


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
        self.attackers = Doers()
        """The doers of the operations found so far, for "investigated the breach"."""
        self.victims: tuple[int, list[Ref]] = (-1, [])
        """The trigger and the objects of the latest operation found so far ("the victims")."""
        self.legal_doers: dict[str, Doers] = {}
        """The doers of each act in law found so far, by predicate."""
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
        for tok in with_conjuncts(token):
            found.extend(self._actors_one(tok, owner, depth))
        seen: set[int] = set()
        unique = []
        for ref, via in found:
            if id(ref) not in seen:
                seen.add(id(ref))
                unique.append((ref, via))
        return unique

    def companion_actors(
        self, verb: Token, found: list[tuple[Ref, bool]]
    ) -> list[tuple[Ref, bool]]:
        """The companions the parser hung on the verb before it, besides ``found``: "China,
        along with Russia, was accused" (after the verb they may belong to the object)."""
        return [
            a
            for c in companions(verb)
            if c.i < verb.i
            for a in self.actors(c, owner=False)
            if all(a[0] is not f[0] for f in found)
        ]

    def prep_actors(self, host: Token, words: str | frozenset[str]) -> list[tuple[Ref, bool]]:
        """The actors named by the objects of ``host``'s prepositions ``words`` ("of Y")."""
        return [a for pobj in prep_objects(host, words) for a in self.actors(pobj, owner=False)]

    def _actors_one(self, tok: Token, owner: bool, depth: int) -> list[tuple[Ref, bool]]:
        ref = self.ref(tok)
        if ref is None or ref.kind == "people":
            victims = self.operation_victims(tok)  # "warned the victims", "those targeted"
            if victims:
                return victims
            doers = self.operation_perpetrators(tok)  # "sanctioned those behind the hack"
            if doers:
                return doers
        if (ref is None or ref.kind in ("group", "people")) and tok.lemma_.lower() in VOICE_NOUNS:
            voiced = self._voiced(tok)  # "a spokesman for X", "researchers at X" speak for X
            if voiced:
                return voiced
        if ref is not None and ref.kind in ("group", "people") and ref.end - ref.start == 1:
            named = self._named(tok)  # "an actor dubbed Volt Typhoon": the name, not the noun
            if named:
                return named
        if ref is not None and (
            ref.kind in ("group", "people") or ref.kind == "demonym" and tok.tag_ in ("NNS", "NNPS")
        ):
            named = self._appositive_name(tok)  # "a Russian citizen, Ilnur N.": the person;
            if named:  # "two Canadians, A and B": the people, not Canada
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
        if lower in RELATIVE and tok.tag_ in ("WDT", "WP", "WP$"):
            return self._relative_antecedent(tok)
        if lower in _REFLEXIVE:
            return []
        named = self._named(tok)
        if named:
            return named
        untagged = tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG", "PRODUCT", "WORK_OF_ART")
        if untagged and not _opening_thing(tok):  # "Files stolen from X": a thing, no name
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
            for prep in tok.children
            if prep.dep_ == "prep" and prep.lower_ in _VOICE_PREPS
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for r, _ in self.actors(pobj, owner=False)
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
        while start > 1 and _glued_hyphen(self.doc[start - 1]):
            start -= 2  # "F-Secure": the whole hyphenated name
        if any(i in self.at for i in range(start, tok.i + 1)):
            return []
        span = self.doc[start : tok.i + 1]
        actor = make_actor(span.text, "Organization")
        ref = Ref(actor, start, tok.i + 1, span.start_char, span.end_char, span.text, "name")
        return [(ref, False)]

    def _unnamed_victim(self, tok: Token) -> list[tuple[Ref, bool]]:
        """ "the town", "a company", "you": an unspecified group (``People``) as a victim."""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PRON" and tok.lower_ in VICTIM_PRONOUNS:
            actor = make_actor(tok.lower_, "People")
            end = tok.idx + len(tok)
            return [(Ref(actor, tok.i, tok.i + 1, tok.idx, end, tok.text, "people"), False)]
        if tok.pos_ != "NOUN" or lemma not in VICTIM_NOUNS:
            return []
        ref = self._unnamed(tok, "People")
        return [(ref, False), *[(r, True) for r in self._home_states(tok)]]  # "agencies in X"

    def _unnamed(self, tok: Token, type_: str) -> Ref:
        """A built mention of the noun with its modifiers ("the infected computer"), of an
        actor the gazetteer does not know, of kind ``people`` (an unspecified group)."""
        start = tok.i
        while start > tok.left_edge.i and self.doc[start - 1].dep_ in ("compound", "amod"):
            start -= 1
        span = self.doc[start : tok.i + 1]
        actor = make_actor(span.text.lower(), type_)
        return Ref(actor, start, tok.i + 1, span.start_char, span.end_char, span.text, "people")

    def _home_states(self, tok: Token) -> list[Ref]:
        """The states whose public bodies an unspecified group is: "government agencies in
        Poland and Ukraine" are Poland's and Ukraine's. "Companies in Japan" are only
        located there (a place that only locates is no actor), so only public bodies."""
        if tok.lemma_.lower() not in _PUBLIC_BODY_NOUNS:
            return []
        return [
            r
            for pobj in prep_objects(tok, _HOME_PREPS)
            for r, _ in self.actors(pobj, owner=False)
            if r.actor.type == "Country"
        ]

    def machine(self, tok: Token) -> list[tuple[Ref, bool]]:
        """ "the infected computer", "a server": a machine or data store as a non-actor
        victim (type ``Thing``), for the place something is taken from."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in MACHINE_NOUNS or tok.i in self.at:
            return []
        return [(self._unnamed(tok, "Thing"), False)]

    def _owners(self, tok: Token, depth: int, by_agents: bool = True) -> list[tuple[Ref, bool]]:
        """Owner for thing: "Kaspersky's network", "US secrets", "software from X"; with
        ``by_agents``, also the agent of a reduced passive ("tools used by X")."""
        owners: list[tuple[Ref, bool]] = []
        for child in tok.children:
            if child.dep_ in OWNER_DEPS and child.i < tok.i:
                child_ref = self.ref(child)
                if child_ref is not None:
                    owners.append((child_ref, True))
                elif child.dep_ == "poss" and child.tag_ == "WP$":  # "X, whose servers ..."
                    owners.extend((r, True) for r, _ in self._relative_antecedent(child))
                elif child.dep_ == "poss" or tok.lower_ in _CAPTIVES:
                    # "the town's computer system"; "held the hospital hostage", which the
                    # parser reads as a compound: the hospital is the captive
                    owners.extend((r, True) for r, _ in self._unnamed_victim(child))
            elif child.dep_ == "acl" and child.tag_ == "VBN" and child.i > tok.i:
                if by_agents and not _takes_from_owner(child):  # not "files leaked by X"
                    owners.extend(  # "tools built by the NSA", not "domains registered by users"
                        (r, True) for r, _ in self.passive_agents(child) if r.kind != "people"
                    )
                for pobj in prep_objects(child, _SOURCE_PREPS):  # "tools stolen from X"
                    owners.extend((r, True) for r, _ in self.actors(pobj, True, depth + 1))
                if child.lemma_.lower() in _STORING_VERBS:
                    for word in _STORING_PREPS:  # "data stored on X's servers"
                        for pobj in prep_objects(child, word):
                            owners.extend((r, True) for r, _ in self.actors(pobj, True, depth + 1))
            elif child.dep_ == "acl" and child.lemma_.lower() in _BELONGING_VERBS:
                for pobj in prep_objects(child, _BELONGING_PREPS):  # "data belonging to X"
                    owners.extend((r, True) for r, _ in self.actors(pobj, True, depth + 1))
            elif child.dep_ == "prep" and child.lower_ in _THING_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        owners.extend((r, True) for r, _ in self.actors(pobj, True, depth + 1))
            elif child.lower_ in _FLAW_PREPS and tok.lemma_.lower() in _FLAW_NOUNS:
                for pobj in prep_objects(tok, child.lower_):  # "a flaw in X's software", not
                    owners.extend(  # "a flaw in Germany": a place holds no flaw of its own
                        (r, True)
                        for r, via in self.actors(pobj, True, depth + 1)
                        if via or r.actor.type not in _PLACE_TYPES
                    )
        if any(r.actor.type != "Place" for r, _ in owners):
            owners = [(r, v) for r, v in owners if r.actor.type != "Place"]
        brands = {  # "Elon Musk's Twitter account": Musk's, on Twitter's platform
            id(self.ref(c)) for c in tok.children if c.dep_ == "compound" and c.i < tok.i
        }
        if any(id(r) not in brands and r.actor.type in ("Person", "People") for r, _ in owners):
            owners = [(r, v) for r, v in owners if id(r) not in brands]
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
                if ref is not None and ref.is_actor:  # "two firms, CrowdStrike and Mandiant"
                    more = [self.ref(c) for c in child.conjuncts]
                    more = [r for r in more if r is not None and r.kind == "name" and r.is_actor]
                    return [(r, False) for r in (ref, *more)]
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in NAMING_VERBS:
                for grand in child.subtree:
                    ref = self.ref(grand)
                    if ref is not None and ref.kind == "name" and grand.i > child.i:
                        return [(ref, False)]
        return []

    def appositive_names(self, tok: Token) -> list[tuple[Ref, bool]]:
        """The names in apposition after ``tok``: "two Canadians, A and B", "its
        subsidiary, Beta Corp"."""
        for child in tok.children:
            if child.dep_ == "appos" and child.i > tok.i:
                names = [self.ref(c) for c in with_conjuncts(child)]
                names = [r for r in names if r is not None and r.kind == "name" and r.is_actor]
                if names:
                    return [(r, False) for r in names]
        return []

    def _appositive_name(self, tok: Token) -> list[tuple[Ref, bool]]:
        """The name in apposition to a description: "a Russian citizen, Ilnur N.,"."""
        names = self.appositive_names(tok)
        if names:
            return names
        own = self.ref(tok)
        hung = self._hung_apposition(tok, own)
        if hung:
            return hung
        after = tok.i + 1
        if own is None or after + 1 >= len(self.doc) or self.doc[after].text != ",":
            return []
        name = self.ref(self.doc[after + 1])  # the parser often hangs the name elsewhere
        if (
            name is not None
            and name.kind == "name"
            and name.actor.type == own.actor.type
            and (name.end >= len(self.doc) or self.doc[name.end].is_punct)
        ):
            return [(name, False)]
        return []

    def _hung_apposition(self, tok: Token, own: Ref | None) -> list[tuple[Ref, bool]]:
        """The person named after a person noun's genitive, which the parser hangs on the
        genitive's body ("an employee of the MSS, namely Li Wei": Li Wei, not the MSS):
        a body is not a person, so the name renames the noun before it."""
        if own is None or tok.tag_ != "NN" or own.actor.type not in ("People", "Person"):
            return []
        for pobj in prep_objects(tok, GENITIVE_PREPOSITIONS):
            body = self.ref(pobj)
            if body is None or body.actor.type in ("Person", "People"):
                continue
            for child in pobj.children:
                name = self.ref(child)
                if (
                    child.dep_ == "appos"
                    and child.i > pobj.i
                    and name is not None
                    and name.kind == "name"
                    and name.actor.type == "Person"
                ):
                    return [(name, False)]
        return []

    def _relative_antecedent(self, rel: Token) -> list[tuple[Ref, bool]]:
        """The noun a relative pronoun stands for: the mention just before it, else the head."""
        i = rel.i - 1
        while i >= 0 and self.doc[i].is_punct:
            i -= 1
        if i >= 0 and i in self.at:  # with the other actors of the same span ("two officers")
            return [(self.at[i], False)] + [(r, False) for r in self.also.get(i, ())]
        verb = rel.head
        if verb.dep_ in ("relcl", "acl") and verb.head.i < rel.i:
            return self.actors(verb.head, owner=False)
        return []

    # -- clause structure ---------------------------------------------------------
    def subjects(self, verb: Token, depth: int = 0) -> list[tuple[Ref, bool]]:
        """The actors doing ``verb``: its subject, or the subject it inherits."""
        if depth > 4:
            return []
        speech = verb.lemma_.lower() in SPEECH_BLOCK
        for child in verb.children:
            if speech and child.lower_ in RELATIVE and verb.dep_ == "relcl":
                continue  # "officers, who prosecutors said hacked X": the speaker is not "who"
            if child.dep_ in SUBJ:
                if child.lower_ in _REFLEXIVE:
                    return self.subjects(verb.head, depth + 1) if verb.head != verb else []
                found = self.actors(child, owner=child.dep_ == "nsubj" and _possessed(child))
                found += self.companion_actors(verb, found)
                for second in _second_subjects(verb, child):  # "X as well as Y blamed Z"
                    found += self.actors(second, owner=False)
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
        if dep in ("xcomp", "ccomp") and head.lemma_.lower() in SPEECH_BLOCK:
            for rel in head.children:
                if rel.lower_ in RELATIVE and rel.dep_ in ("dobj", "nsubj") and rel.i < verb.i:
                    return self._relative_antecedent(rel)  # "who DOJ said hacked X"
            if head.dep_ == "relcl" and head.head.i < head.i and not is_passive(verb):
                # "companies it said support X": the noun is the subject, not "it"
                return self.actors(head.head, owner=False)
        if dep == "xcomp" or dep == "ccomp" and is_to_infinitive(verb):
            return self._controller(head, depth)
        if dep in ("advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
            if dep == "pcomp" and head.dep_ == "prep":
                return self.subjects(head.head, depth + 1)
            return self.subjects(head, depth + 1)
        if dep == "pobj" and verb.tag_ == "VBG":
            dep = "pcomp"  # "charged X with spying for Y": the parser makes the gerund an object
        if dep == "pcomp" and head.dep_ == "prep":
            governor = head.head
            if governor.lemma_.lower() in SUSPICION_NOUNS and governor.dep_ == "pobj":
                # "arrested X on suspicion of spying", "X was held on charges of hacking Y"
                host = governor.head.head
                held = [c for c in host.children if c.dep_ == "dobj"]
                return self.actors(held[0], owner=False) if held else patients(self, host)
            if (
                governor.pos_ == "VERB"
                and governor.dep_ == "relcl"
                and governor.lemma_.lower() in NAMING_VERBS
                and governor.head.head.lemma_.lower() in ACCUSE_VERBS
            ):  # "accused a group it dubbed X [of hacking Y]": hung on the naming clause
                governor = governor.head.head
            if governor.pos_ == "VERB":
                objects = [c for c in governor.children if c.dep_ == "dobj"]
                if objects and governor.lemma_ in ACCUSE_VERBS:
                    return self.actors(objects[0], owner=False)
                passive = [c for c in governor.children if c.dep_ == "nsubjpass"]
                if passive and governor.lemma_ in ACCUSE_VERBS:  # "X was suspected of hacking"
                    return self.actors(passive[0], owner=False)
                if governor.lemma_ in ACCUSE_VERBS and governor.dep_ == "acl":
                    return self.actors(governor.head, owner=False)  # "a man accused of spying"
                if governor.lemma_.lower() in JOINING_VERBS and head.lower_ in _JOINING_PREPS:
                    # "X joined Y in condemning Z": both condemn Z
                    joined = [a for c in objects for a in self.actors(c, owner=False)]
                    return self.subjects(governor, depth + 1) + joined
                return self.subjects(governor, depth + 1)
            if governor.pos_ == "ADJ" and governor.dep_ == "acomp":
                return self.subjects(governor.head, depth + 1)  # "X is notorious for hacking Y"
            return self.noun_agents(governor)
        if dep in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if verb.tag_ == "VBN":
                return []  # a reduced passive: the noun is the object
            agents = self.noun_agents(head) or self.actors(head, owner=False)
            if not agents and head.lemma_.lower() in ISSUED_DOCUMENTS:
                agents = self._issuers(head)  # "X unsealed an indictment charging Y"
            if not agents and is_to_infinitive(verb):
                governor = _means_governor(head)
                if governor is not None:  # "used the promise to trick people"
                    return self.subjects(governor, depth + 1)
            return agents
        return []

    def _authors(self, noun: Token) -> list[tuple[Ref, bool]]:
        """Who wrote a report or study: "X's report", "a report by / from X"."""
        return self.noun_agents(noun) or [
            a for p in prep_objects(noun, _AUTHOR_PREPS) for a in self.actors(p, owner=False)
        ]

    def _issuers(self, document: Token) -> list[tuple[Ref, bool]]:
        """Who issued a document: its author, or the subject of the verb that put it out
        ("X published / filed / unsealed a report / lawsuit / indictment ...")."""
        authors = self._authors(document)
        if authors:
            return authors
        governor = document.head
        if document.dep_ == "dobj" and governor.pos_ == "VERB" and not is_passive(governor):
            return self.subjects(governor)
        if document.dep_ == "nsubjpass" and governor.pos_ == "VERB":
            return self.passive_agents(governor)
        return []

    def _quantified_relative(self, subj: Token) -> list[tuple[Ref, bool]]:
        """ "X, Y and Z, all of which are controlled by W": the quantifier stands for the
        antecedent of its relative pronoun."""
        if subj.lower_ not in _QUANTIFIERS:
            return []
        for pobj in prep_objects(subj, GENITIVE_PREPOSITIONS):
            if pobj.lower_ in RELATIVE and pobj.tag_ in ("WDT", "WP"):
                verb = subj.head
                if verb.dep_ in ("relcl", "acl") and verb.head.i < subj.i:
                    return self.actors(verb.head, owner=False)
                return self._relative_antecedent(pobj)
        return []

    def _controller(self, governor: Token, depth: int) -> list[tuple[Ref, bool]]:
        for child in governor.children:
            if child.dep_ == "nsubjpass":  # "X is believed / was ordered to hack Y"
                return self.actors(child, owner=False)
        if governor.lemma_ in OBJECT_CONTROL:
            for child in governor.children:
                if child.dep_ == "dobj":
                    found = self.actors(child, owner=False)
                    if found and (any(r.is_actor for r, _ in found) or not orders(governor)):
                        return found  # "ordered agencies to remove X": the orderer removes X
        if governor.pos_ in ("NOUN", "PROPN"):
            return self.noun_agents(governor)
        if (
            governor.pos_ == "ADJ"
            and governor.dep_ == "acomp"
            and not governor.lower_.startswith(_NEGATIVE_PREFIXES)  # "unable to": did not happen
        ):
            return self.subjects(governor.head, depth + 1)  # "X was able / likely to hack Y"
        return self.subjects(governor, depth + 1)

    def noun_agents(self, noun: Token) -> list[tuple[Ref, bool]]:
        """The agent of an event noun: "by X", "X's attack", "Russian intrusion", "X-backed"."""
        agents: list[tuple[Ref, bool]] = []
        by = AGENT_PREPOSITIONS
        if noun.lemma_.lower() in FROM_AGENT_NOUNS:
            by = by | _AUTHOR_PREPS
        hosts = [child for child in noun.children if child.dep_ in ("prep", "agent")]
        if not any(host.lower_ in by for host in hosts):
            hosts = _lowered_by(noun)
        for child in hosts:
            if child.lower_ in by:
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

    def note_operations(self, found: Iterable[Candidate]) -> None:
        """Count who did the operations among ``found`` (see :meth:`operation_doer`)."""
        for c in found:
            if c.predicate in OPERATIONS and c.subject.actor.id != c.object.actor.id:
                self.note_doer(c.subject)
                self._note_victim(c)
            doer = c.subject.actor.id
            if (
                c.predicate in _LEGAL_ACTS
                and c.rule != "implicit-agent"
                and doer != c.object.actor.id
                and c.subject.is_actor
            ):
                self.legal_doers.setdefault(c.predicate, Doers()).note(c.subject)

    def _note_victim(self, c: Candidate) -> None:
        """Keep the objects of the latest operation: a later trigger starts a new list."""
        trigger, objects = self.victims
        if c.trigger > trigger:
            self.victims = (c.trigger, [c.object] if c.object.is_actor else [])
        elif (
            c.trigger == trigger
            and c.object.is_actor
            and all(o.actor.id != c.object.actor.id for o in objects)
        ):
            objects.append(c.object)

    def operation_victims(self, tok: Token) -> list[tuple[Ref, bool]]:
        """Whom "the victims", "the victim" or "those targeted" refer back to: the objects
        of the latest operation found before it ("X hacked Y and Z. ... warned the
        victims"), one for a singular noun; else none."""
        trigger, objects = self.victims
        if not objects or trigger >= tok.i:
            return []
        children = list(tok.children)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _VICTIM_REFERENCES:
            if not any(c.dep_ == "det" and c.lower_ in _BACK_DETERMINERS for c in children):
                return []
            if any(c.dep_ in ("prep", "poss", "compound", "amod", "nummod") for c in children):
                return []  # "the victims of X", "Russian victims": another set
            if tok.tag_ == "NN" and len(objects) != 1:
                return []
        elif not (
            tok.lower_ in _BACK_DEMONSTRATIVES
            and tok.pos_ == "PRON"
            and any(
                c.dep_ == "acl"
                and c.tag_ == "VBN"
                and c.lemma_.lower() in _SUFFERED_PARTICIPLES
                and not any(g.dep_ == "agent" for g in c.children)
                for c in children
            )
        ):
            return []
        return [(o, False) for o in objects]

    def operation_perpetrators(self, tok: Token) -> list[tuple[Ref, bool]]:
        """Whom "those conducting / behind / responsible for the attacks" refer back to: the
        article's attacker, as for "the attack" (:meth:`operation_doer`); else none."""
        if tok.lower_ not in _BACK_DEMONSTRATIVES or tok.pos_ != "PRON":
            return []
        events: list[Token] = []
        for child in tok.children:
            lemma = child.lemma_.lower()
            if child.dep_ == "acl" and child.tag_ == "VBG" and lemma in _PERPETRATING:
                events += [g for g in child.children if g.dep_ == "dobj"]
            elif child.dep_ == "prep" and lemma in _AGENT_LINKS:  # "those behind the hack"
                events += [g for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "amod" and lemma in _AGENT_LINKS:  # "those responsible for"
                events += [g for p in child.children if p.dep_ == "prep" for g in p.children]
        if not any(e.lemma_.lower() in CYBER_EVENT_NOUNS for e in events):
            return []
        doer = self.attackers.chief()
        return [(doer, False)] if doer is not None and doer.start < tok.i else []

    def note_doer(self, ref: Ref) -> None:
        """Count ``ref`` as the doer of one more operation ("X was behind the hack")."""
        if ref.is_actor:
            self.attackers.note(ref)

    def operation_doer(self, noun: Token) -> list[tuple[Ref, bool]]:
        """Who did the operation a definite event noun refers back to ("the FBI is
        investigating the breach", "the EU condemned the attack"): the article's attacker,
        the only doer of the operations found before it or the doer of most of them (at
        least two, and more than any other doer); else none."""
        if (
            noun.lemma_.lower() not in CYBER_EVENT_NOUNS
            or not any(c.dep_ == "det" and c.lower_ in _BACK_DETERMINERS for c in noun.children)
            or any(
                c.dep_ in ("prep", "poss", "compound", "amod") and self.ref(c)
                for c in noun.children
            )
        ):
            return []
        doer = self.attackers.chief()
        return [(doer, False)] if doer is not None and doer.start < noun.i else []

    def legal_doer(self, predicate: str, verb: Token) -> list[tuple[Ref, bool]]:
        """Who did an act in law that an agentless passive states as one more of its kind
        ("two other men were also charged", "X was sanctioned too"): the only earlier doer
        of that act in the article, or the doer of most of them (at least two, and more
        than any other); else none: a tie or no earlier doer leaves it open."""
        if predicate not in _LEGAL_ACTS or not any(
            c.dep_ == "advmod" and c.lower_ in _ADDITIVES for c in verb.children
        ):
            return []  # "Y was arrested in April" may be another's act; "Y was also arrested"
        doer = self.legal_doers.get(predicate, Doers()).chief()
        return [(doer, False)] if doer is not None and doer.start < verb.i else []

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


class Doers:
    """Who did a kind of deed so far in an article, and how often, by actor."""

    def __init__(self) -> None:
        self.latest: dict[str, Ref] = {}
        self.counts: Counter[str] = Counter()

    def note(self, ref: Ref) -> None:
        """Count one more deed of ``ref``'s actor (its latest mention is kept)."""
        self.latest[ref.actor.id] = ref
        self.counts[ref.actor.id] += 1

    def chief(self) -> Ref | None:
        """The only doer, or the one of most deeds (two or more, and more than any other);
        None when there is none or a tie."""
        ranked = self.counts.most_common(2)
        if not ranked or len(ranked) > 1 and (ranked[0][1] < 2 or ranked[1][1] == ranked[0][1]):
            return None
        return self.latest[ranked[0][0]]


def prep_objects(host: Token, words: str | frozenset[str]) -> Iterator[Token]:
    """The objects of ``host``'s prepositions ``words`` (a lexicon list, or one word):
    "part of [Y]", "with [Y]"."""
    if isinstance(words, str):
        words = frozenset((words,))
    for prep in host.children:
        if prep.dep_ == "prep" and prep.lower_ in words:
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
        opener = noun.doc[prep.i - 1].lower_ if prep.i > 0 else ""
        if word in _LISTING_OPENER_PREPS and opener in _LISTING_OPENERS:
            word = opener  # "such as"
        if word in _LISTING_PREPS:
            found.extend(p for p in prep.children if p.dep_ == "pobj")
    return found


_LISTING_PREPS = LEXICON.words("listing_prepositions")


def orders(verb: Token) -> bool:
    """True for a verb with an ordering sense: "ordered", "required", "instructed"."""
    return any(f.predicate == _ORDERED for f in VERB_FRAMES.get(verb.lemma_.lower(), ()))


def _glued_hyphen(token: Token) -> bool:
    """Whether ``token`` is a hyphen written between two words ("F-Secure")."""
    before = token.doc[token.i - 1]
    glued = not token.whitespace_ and not before.whitespace_
    return token.text == "-" and glued and before.is_alpha


def _opening_thing(tok: Token) -> bool:
    """A capitalised thing noun that opens its sentence and that the tagger took for a
    name ("Files stolen from X were published"): a single word, no entity."""
    lower = tok.lower_
    return (
        tok.i == tok.sent.start
        and not tok.ent_type_
        and not any(c.dep_ == "compound" for c in tok.children)
        and (lower in _THING_NOUNS or lower.endswith("s") and lower[:-1] in _THING_NOUNS)
    )


_THING_NOUNS = LEXICON.words("information_nouns")


def _second_subjects(verb: Token, first: Token) -> list[Token]:
    """Subjects the parser gave the verb after ``first`` when it joined them with a
    coordinator it hung elsewhere ("the US as well as Britain blamed X")."""
    doc = verb.doc
    return [
        c
        for c in verb.children
        if c.dep_ in SUBJ and c.i > first.i and any(t.dep_ == "cc" for t in doc[first.i : c.i])
    ]


def _is_by(token: Token) -> bool:
    return token.dep_ in ("agent", "prep") and token.lower_ in AGENT_PREPOSITIONS


def _lowered_by(noun: Token, depth: int = 2) -> list[Token]:
    """The "by" phrase of an event noun that the parser hung on a noun of its arguments:
    "the theft of records from [X] by Y", "the arrest of [X] by Y". Only through
    prepositions and their objects, and never past another event noun, which has its own."""
    found: list[Token] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or _is_by(prep):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.lemma_.lower() in NOUN_FRAMES:
                continue
            found += [c for c in pobj.children if _is_by(c)]
            if not found and depth > 1:
                found += _lowered_by(pobj, depth - 1)
    return found


_AGENT_HOSTS = {"prep", "dobj", "npadvmod", "advmod", "advcl", "xcomp"}
_MEANS_VERBS = LEXICON.words("means_verbs")


def _means_governor(noun: Token) -> Token | None:
    """The verb whose subject acts through ``noun``: "used X to ...", "in an attempt to ..."."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _MEANS_VERBS:
        return noun.head
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ in _ATTEMPT_PREPS
        and noun.lemma_.lower() in ATTEMPT_NOUNS
    ):
        return prep.head if prep.head.pos_ in ("VERB", "AUX") else None
    return None


def _takes_from_owner(verb: Token) -> bool:
    """A verb whose agent takes or exposes the thing rather than owning it ("stolen by X")."""
    frames = VERB_FRAMES.get(verb.lemma_.lower(), ())
    return any(f.predicate in TAKING_PREDICATES for f in frames)


TAKING_PREDICATES = with_rule("taking")
"""Predicates whose agent takes the thing ("documents stolen from X by Y")."""


def _thing_object(noun: Token) -> bool:
    """An event noun that a content verb acts on is a thing with an owner: "targeted the
    campaign of X", "banned all use of X's software" (not "launched an attack on X")."""
    head = noun.head
    return (
        noun.dep_ == "dobj"
        and head.pos_ == "VERB"
        and head.lemma_.lower() not in SUPPORT_VERBS | ACQUIRE_VERBS
        and any(c.dep_ == "prep" and c.lower_ in GENITIVE_PREPOSITIONS for c in noun.children)
    )


def _possessed(token: Token) -> bool:
    return any(c.dep_ == "poss" for c in token.children)


def is_to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in INFINITIVE_MARKERS for c in verb.children)


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated after it, companions included ("China, along
    with Russia,")."""
    out = [token]
    for conj in token.conjuncts:
        if conj.i > token.i:
            out.append(conj)
    out += [c for c in companions(token) if c.i > token.i and c not in out]
    return out


def companions(host: Token) -> list[Token]:
    """The objects of "along / together with" and "alongside" attached to ``host``, which
    join it as a second argument of the same role."""
    found = []
    for prep in host.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if word in _COMPANION_PREPOSITIONS:
            found += [p for p in prep.children if p.dep_ == "pobj"]
        elif word in _COMPANION_ADVERBS:  # "along with X": "with" hangs on "along"
            found += prep_objects(prep, _COMPANION_ADVERB_PREPS)
        elif word in _COMPANION_ADVERB_PREPS and any(  # "together with X": adverb on "with"
            c.lower_ in _COMPANION_ADVERBS
            for c in (*prep.children, *host.children)
            if c.dep_ == "advmod" and c.i == prep.i - 1
        ):
            found += [p for p in prep.children if p.dep_ == "pobj"]
    return found


_COMPANION_PREPOSITIONS = LEXICON.words("companion_prepositions")
_COMPANION_ADVERBS = LEXICON.words("companion_adverbs")


def acts_as_verb(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun that heads a clause with an object
    ("helped the United States [hack] Iran")."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    return (
        token.pos_ == "NOUN"
        and token.dep_ in _CLAUSE_DEPS
        and any(c.dep_ == "dobj" for c in token.children)
        and not any(c.dep_ == "det" for c in token.children)
    )


_CLAUSE_DEPS = ("ccomp", "xcomp", "conj", "ROOT", "advcl", "relcl")


def is_passive(verb: Token) -> bool:
    """True for a passive clause, or a reduced passive participle ("tools used by X")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        return True  # "had their data stolen by hackers"
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")


def patients(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """The surface subject of a passive: "X was hacked", "tools used by", "X is said to be"."""
    for child in verb.children:
        if child.dep_ == "nsubjpass" or child.dep_ == "nsubj" and verb.tag_ == "VBN":
            found = ctx.actors(child)
            if verb.lemma_.lower() in _PUBLISHING_VERBS:
                found = found + report_subjects(ctx, child)
            found += ctx.companion_actors(verb, found)
            return found
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
        return ctx.actors(verb.head)
    if verb.dep_ in ("xcomp", "conj") and verb.head != verb:
        return patients(ctx, verb.head)
    return []


def report_subjects(ctx: Context, noun: Token) -> list[tuple[Ref, bool]]:
    """Who a report is about: "reports that the NSA spied on X", "details about X"."""
    if noun.lemma_.lower() not in REPORT_NOUNS:
        return []
    found: list[tuple[Ref, bool]] = []
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            g.dep_ == "mark" and g.lower_ in COMPLEMENT_MARKS for g in child.children
        ):
            found.extend(ctx.subjects(child))
        elif child.dep_ == "prep" and child.lower_ in _REPORT_PREPS:
            found.extend(
                a for p in child.children if p.dep_ == "pobj" for a in ctx.actors(p, owner=False)
            )
    return found
