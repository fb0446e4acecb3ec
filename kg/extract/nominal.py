"""Nominal relation rules: event nouns, relational nouns, titles and descriptions.

"Israel's hack of Kaspersky", "X launched an attack on Y", "a unit of the GRU",
"Kremlin spokesman Dmitry Peskov", "Moscow-based", "on behalf of", "the target of",
lists of members and bans.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.actors import Ref
from kg.extract.arguments import (
    ACQUIRE_VERBS,
    OPERATIONS,
    OWNER_DEPS,
    RELATIVE,
    Candidate,
    Context,
    is_passive,
    patients,
    prep_objects,
    with_conjuncts,
)
from kg.extract.lexicon import (
    AFFILIATION_SUFFIXES,
    AGENT_LINKS,
    ATTEMPT_NOUNS,
    CYBER_EVENT_NOUNS,
    DENIAL_VERBS,
    GENITIVE_PREPOSITIONS,
    LEXICON,
    NOUN_FRAMES,
    PERPETRATING_VERBS,
    RELATIONAL_NOUNS,
    SPEECH_VERBS,
    SUPPORT_VERBS,
    TITLE_NOUNS,
    NounFrame,
)
from kg.inventory import the_predicate

_BLAMED = the_predicate("event_blame")
_ORDERED = the_predicate("directive")
_BASED_IN = the_predicate("location")
_MEMBERSHIP = the_predicate("membership")
_LISTING = the_predicate("listing")
_PARTNERSHIP = the_predicate("partnership")
_SPONSORSHIP = the_predicate("sponsorship")
_TARGETING = the_predicate("targeting")

SUFFERER_NOUNS = LEXICON.words("sufferer_nouns")
_COORDINATORS = LEXICON.words("list_coordinators")
_THE = LEXICON.words("definite_articles")
_EXCLUSION_LIST_PREPS = LEXICON.words("exclusion_list_prepositions")
_CONTAINMENT_PREPS = LEXICON.words("containment_prepositions")
_UNDERGOING_AGENT_PREPS = LEXICON.words("undergoing_agent_prepositions")
_AGENCY_PREPS = LEXICON.words("agency_prepositions")
_AGENT_LINK_PREPS = LEXICON.words("agent_link_prepositions")
_UNDERGOING_PREPS = LEXICON.words("undergoing_prepositions")
_INVOLVEMENT_PREPS = LEXICON.words("involvement_prepositions")
_INVOLVEMENT_INFINITIVES = LEXICON.words("involvement_infinitives")
_INVOLVEMENT_VERBS = LEXICON.words("involvement_verbs")
_NEGATIVE_PRONOUNS = LEXICON.words("negative_pronouns")
_DEFINITE_DETERMINERS = LEXICON.words("coref_definite_determiners")
_LINKING_PREPS = LEXICON.words("linking_prepositions")
_LINKING_VERBS = LEXICON.words("linking_verbs")
_PART_NOUNS = LEXICON.words("part_nouns")
_BASED_PREPS = LEXICON.words("based_prepositions")
_BE = LEXICON.words("be_verbs")
_STATE_WORDS = LEXICON.words("state_words")
_PRINCIPAL_OBJECT_PREPS = LEXICON.words("principal_object_prepositions")
_PARTNER_PREPS = LEXICON.words("partner_prepositions")
_PARTITIVES = LEXICON.words("partitive_pronouns")
_ROLE_PREPS = LEXICON.words("role_prepositions")
_MEMBER_QUANTIFIERS = LEXICON.words("member_quantifiers")
_APPOSED_TITLES = TITLE_NOUNS | _MEMBER_QUANTIFIERS | _PARTITIVES
_TITLE_PREPS = LEXICON.words("title_prepositions")
_SUFFERER_PREPS = LEXICON.words("sufferer_prepositions")
_BEHALF_NOUNS = LEXICON.words("behalf_nouns")
_INVOLVING_VERBS = LEXICON.words("involving_verbs")
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
        elif doc[i].text == "," or doc[i].text in _COORDINATORS or doc[i].lower_ in _THE:
            i += 1
        else:
            break
    if len(members) >= 2:
        for member in members:
            yield Candidate(member, _MEMBERSHIP, ref, ref.start, "listed-members")


LOCATED_TYPES = {"GovernmentBody", "Company", "Organization", "MediaOutlet"}


def listing_bans(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "put X on a blacklist", "added X to the entity list" -> banned(S, X)."""
    if noun.lemma_.lower() == "list" and not any(
        c.lemma_.lower() in _LIST_KINDS for c in noun.children if c.dep_ in ("compound", "amod")
    ):
        return
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _EXCLUSION_LIST_PREPS:
        return
    verb = prep.head
    if verb.lemma_.lower() not in _LISTING_VERBS or verb.pos_ != "VERB":
        return
    if is_passive(verb):
        listers, listed = ctx.passive_agents(verb), patients(ctx, verb)
    else:
        listers = ctx.subjects(verb)
        listed = [a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c)]
    for s, _ in listers:
        for o, via in listed:
            yield Candidate(s, _LISTING, o, noun.i, "listing", via_owner=via)


def event_agents(ctx: Context, noun: Token) -> list[tuple[Ref, bool]]:
    """The agent of an event noun, "Russia's attack", as the one a judgement is about."""
    return ctx.noun_agents(noun) if noun.lemma_.lower() in NOUN_FRAMES else []


_LIST_KINDS = LEXICON.words("list_kinds")
_LISTING_VERBS = LEXICON.words("listing_verbs")


def located_in(ctx: Context, ref: Ref) -> Iterator[Candidate]:
    """ "the National Security Agency in the US" -> basedIn(NSA, United States)."""
    head = ctx.doc[ref.end - 1]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _CONTAINMENT_PREPS:
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
                    yield Candidate(ref, _BASED_IN, place, child.i, "located-in")


def nominal_relations(
    ctx: Context,
    noun: Token,
    agents: list[tuple[Ref, bool]] | None = None,
    source: Ref | None = None,
    rule: str = "nominal",
) -> Iterator[Candidate]:
    """Noun events: "Israel's hack of Kaspersky", "the Russian intrusion into the NSA",
    "ties to Moscow", "X launched an attack on Y", "X was behind the hack of Y"."""
    frame = event_frame(noun) or NOUN_FRAMES[noun.lemma_.lower()]
    if frame.predicate in (_PARTNERSHIP, _SPONSORSHIP):
        sides = _sides(ctx, noun)
        if len(sides) >= 2:  # "ties between X and Y", "the X-Y cooperation agreement"
            for o in sides[1:]:
                yield Candidate(sides[0], frame.predicate, o, noun.i, "tie-between", nominal=True)
            return
    objects: list[tuple[Ref, bool]] = []
    for child in _event_preps(noun):
        if child.lower_ in frame.preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = ctx.actors(pobj)
                    if child.lower_ in _CONTAINMENT_PREPS:
                        # "attacks in the US": a country, not "in Europe"
                        found = [f for f in found if f[0].actor.type == "Country"]
                    objects.extend(found)
    if not objects and not frame.compound_is_object and not frame.compound_is_name:
        # "her extradition", "Park's indictment": the possessor undergoes it
        objects = [
            (r, False)
            for c in noun.children
            if c.dep_ == "poss"
            for r in [ctx.ref(c)]
            if r is not None and r.is_actor
        ]
    local_agents = [] if agents else ctx.noun_agents(noun)
    # "the disclosure of programs by X": X does the event rather than owning its object
    objects = [(o, v) for o, v in objects if not v or all(o is not a for a, _ in local_agents)]
    if objects:
        ctx.events.append((noun.i, frame.predicate, objects))
    elif _definite(noun) and not any(
        ctx.actors(p, owner=False) for c in noun.children if c.dep_ == "prep" for p in c.children
    ):  # "the attack" refers back, "the attack of Sony" names its own argument
        objects = _earlier_event_objects(ctx, noun, frame.predicate)
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
    elif not frame.compound_is_object and not frame.compound_is_name:
        for child in noun.lefts:
            ref = ctx.ref(child)
            if ref is not None and child.dep_ in ("compound", "amod", "nmod") and ref.is_actor:
                local_agents.append((ref, False))
    undergoer = _undergoing(noun)
    if undergoer is not None and not objects:  # "X came under attack from Y"
        objects = [
            a for c in undergoer.children if c.dep_ in ("nsubj", "nsubjpass") for a in ctx.actors(c)
        ] or ctx.subjects(undergoer)  # "the servers of X came under attack": X's servers
        local_agents = [
            a
            for host in (noun, undergoer)
            for prep in host.children
            if prep.dep_ == "prep" and prep.lower_ in _UNDERGOING_AGENT_PREPS
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for a in ctx.actors(pobj, owner=False)
        ] or [
            a  # "suffered a breach at the hands of Y"
            for host in (noun, undergoer)
            for prep in host.children
            if prep.dep_ == "prep"
            for holder in prep.children
            if holder.dep_ == "pobj" and holder.lemma_.lower() in _AGENT_HOLDERS
            for word in GENITIVE_PREPOSITIONS
            for pobj in prep_objects(holder, word)
            for a in ctx.actors(pobj, owner=False)
        ]
        if not local_agents and not agents:
            return
    if not objects and agents is None and not local_agents:
        yield from _claimed_agency(ctx, noun)  # "the FBI said X was behind the attacks"
    disclaimed = _disclaimed(noun)
    if agents is None or not agents:
        agents = local_agents or _governing_agents(ctx, noun)
        if agents and rule == "nominal" and not local_agents:
            rule = "support-verb" if noun.head.lemma_.lower() in SUPPORT_VERBS else "agent-of-event"
    if not objects and frame.predicate in OPERATIONS:
        for s, _ in agents:  # "the gang thought to be behind a hack": the article's attacker
            ctx.note_doer(s)
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
                modality=(
                    "alleged"
                    if rule in ("accuse-of", "blame-on")
                    else "attempted"
                    if noun.lemma_.lower() in ATTEMPT_NOUNS
                    else None
                ),
                negated=disclaimed,
            )


def _sides(ctx: Context, noun: Token) -> list[Ref]:
    """The two sides of a tie noun: "between X and Y", or a hyphenated pair of actors before
    it ("the Russia-China agreement", "US-Israeli cooperation")."""
    sides = [
        r
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in _PAIR_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for r, _ in ctx.actors(pobj, owner=False)
        if r.is_actor
    ]
    if sides:
        return sides
    words = [t for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod") for t in c.subtree]
    pair: list[Ref] = []
    for word in words:
        ref = ctx.ref(word)
        if ref is not None and ref.is_actor and all(ref is not p for p in pair):
            pair.append(ref)
    hyphened = len(pair) == 2 and any(
        t.text == "-" for t in ctx.doc[pair[0].end : pair[1].start]
    ) and pair[1].start - pair[0].end == 1
    return pair if hyphened else []


_PAIR_PREPS = LEXICON.words("pair_prepositions")


def agent_link(event: Token) -> bool:
    """Whether the event noun is the object of "behind" or "responsible for"."""
    prep = event.head
    if event.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    if prep.lower_ in _AGENCY_PREPS:
        return True
    return prep.lower_ in _AGENT_LINK_PREPS and prep.head.lemma_.lower() in AGENT_LINKS


def _claimed_agency(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "The NCSC said the GRU was responsible for the attacks" -> blamed(NCSC, GRU): whoever
    says an actor was behind an operation blames it, even when the operation's target is
    not named (with a target, attribution derives the blame from the event itself)."""
    if not agent_link(noun):
        return
    prep = noun.head
    if prep.lower_ not in _AGENCY_PREPS and prep.head.pos_ != "ADJ":
        return  # "denied any involvement in the hack" claims nothing
    link = prep.head if prep.lower_ in _AGENCY_PREPS else prep.head.head
    if link.pos_ not in ("AUX", "VERB") or any(
        c.dep_ == "neg" for t in (link, prep.head) for c in t.children
    ):
        return  # "said it was not responsible for the attack"
    reported = _reporters(ctx, link)
    if reported is None:
        return
    speech, speakers = reported
    agents = ctx.subjects(link)
    for s, _ in speakers:
        for o, _ in agents:
            yield Candidate(s, _BLAMED, o, speech.i, "attribution-blame")


def _reporters(ctx: Context, clause: Token) -> tuple[Token, list[tuple[Ref, bool]]] | None:
    """The speech verb whose reported clause ``clause`` is (first of its conjuncts), with
    its speakers; None when the clause is not reported ("X said [Y was behind it]")."""
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    speech = clause.head
    if clause.dep_ != "ccomp" or speech.lemma_.lower() not in SPEECH_VERBS:
        return None
    return speech, ctx.subjects(speech) if not is_passive(speech) else ctx.passive_agents(speech)


def named_culprits(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "US officials said Russia was the most likely culprit", "X was the perpetrator, the
    Times reported" -> blamed(speaker, X): saying who the culprit is blames them."""
    copula = noun.head
    if noun.dep_ != "attr" or copula.lemma_.lower() not in _BE:
        return
    if any(c.dep_ == "neg" for c in copula.children):
        return  # "said Russia was not the culprit"
    reported = _reporters(ctx, copula)
    if reported is None:
        return
    speech, speakers = reported
    for s, _ in speakers:
        for o, _ in ctx.subjects(copula):
            if o.is_actor:
                yield Candidate(s, _BLAMED, o, speech.i, "attribution-blame")


CULPRIT_NOUNS = LEXICON.words("culprit_nouns")
"""Nouns that name who did a deed: "X was the culprit / perpetrator / mastermind"."""


def _undergoing(noun: Token) -> Token | None:
    """The verb of "came / was / fell under attack", "suffered / experienced a breach": its
    subject undergoes the event."""
    prep = noun.head
    if noun.dep_ == "dobj" and prep.lemma_.lower() in _SUFFERING_VERBS:
        return prep
    if noun.dep_ != "pobj" or prep.lower_ not in _UNDERGOING_PREPS or prep.head.pos_ not in (
        "VERB",
        "AUX",
    ):
        return None
    return prep.head if prep.head.lemma_.lower() in _UNDERGOING_VERBS else None


_UNDERGOING_VERBS = LEXICON.words("undergoing_verbs")
_SUFFERING_VERBS = LEXICON.words("suffering_verbs")
_AGENT_HOLDERS = LEXICON.words("agent_holder_nouns")


def event_frame(noun: Token) -> NounFrame | None:
    """The frame of an event noun. A generic head takes the sense of the event noun that
    modifies it: "an espionage campaign against X" is spying, "a hacking operation on X"
    hacking; its own prepositions still carry the object."""
    lemma = noun.lemma_.lower()
    own = NOUN_FRAMES.get(lemma) or NOUN_FRAMES.get(noun.lower_)  # "spying": lemma "spy"
    if lemma not in GENERIC_EVENT_HEADS:
        return own
    for child in noun.lefts:
        specific = _modifier_frame(child)
        if specific is not None and (own is None or specific.predicate != own.predicate):
            preps = tuple(dict.fromkeys((*specific.preps, *GENERIC_EVENT_PREPS)))
            return NounFrame(
                specific.predicate, preps, specific.compound_is_object, specific.compound_is_name
            )
    return own


def nominal_gerund(token: Token) -> bool:
    """A gerund the tagger took for a verb that heads a noun phrase, not a clause: it has a
    determiner, possessive or adjective and no subject, object or auxiliary ("Chinese
    hacking of X", "American spying on X", "the NSA's spying on Y")."""
    if token.tag_ != "VBG":
        return False
    deps = {c.dep_ for c in token.children}
    return not deps & _CLAUSAL_DEPS and bool(deps & _NOMINAL_DEPS)


_CLAUSAL_DEPS = {"nsubj", "nsubjpass", "dobj", "aux", "auxpass", "mark", "advmod", "neg"}
_NOMINAL_DEPS = {"amod", "det", "poss"}


def _modifier_frame(child: Token) -> NounFrame | None:
    if child.dep_ not in ("compound", "amod", "nmod"):
        return None
    return NOUN_FRAMES.get(child.lemma_.lower()) or NOUN_FRAMES.get(child.lower_)


def modifies_generic_event(noun: Token) -> bool:
    """True for "espionage" in "an espionage campaign": the head speaks for the event."""
    return _modifier_frame(noun) is not None and noun.head.lemma_.lower() in GENERIC_EVENT_HEADS


GENERIC_EVENT_HEADS = LEXICON.words("generic_event_heads")
GENERIC_EVENT_PREPS = tuple(sorted(LEXICON.words("generic_event_prepositions")))


_QUANTITY_NOUNS = LEXICON.words("event_quantity_nouns")


def _counted_by(noun: Token) -> Token:
    """The noun that counts ``noun``, "a series [of attacks]", which stands in its place
    in the clause; else ``noun`` itself."""
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in GENITIVE_PREPOSITIONS
        and prep.head.lemma_.lower() in _QUANTITY_NOUNS
        and prep.head.pos_ == "NOUN"
    ):
        return prep.head
    return noun


def _event_preps(noun: Token) -> list[Token]:
    """The prepositions of an event noun, with those the parser hung on its light verb:
    "opened an investigation [into X]", "imposed sanctions [on Y]"."""
    preps = [c for c in noun.children if c.dep_ == "prep"]
    frame = NOUN_FRAMES.get(noun.lemma_.lower())
    # "attribution of the hack [to X]"
    if frame is not None and GENITIVE_PREPOSITIONS.isdisjoint(frame.preps):
        preps += [
            g
            for c in preps
            if c.lower_ in GENITIVE_PREPOSITIONS
            for p in c.children
            for g in p.children
            if p.dep_ == "pobj" and g.dep_ == "prep"
        ]
    counted = _counted_by(noun)
    head = counted.head
    if counted.dep_ == "dobj" and head.lemma_.lower() in SUPPORT_VERBS:  # "gave a warning to X"
        preps += [c for c in head.children if c.dep_ in ("prep", "dative") and c.i > noun.i]
    preps += [  # "the sanctions imposed by X [on Y]"
        c
        for clause in noun.children
        if clause.dep_ == "acl" and _does(clause, noun) and is_passive(clause)
        for c in clause.children
        if c.dep_ == "prep"
    ]
    return preps


def _does(clause: Token, noun: Token) -> bool:
    """Whether the clause's verb names the doing of the event noun: a perpetrating verb for
    any event ("the attack carried out by X"), any support verb for an act that is not an
    operation ("the sanctions imposed / announced by X"; "the breach announced by X" is
    not X's breach)."""
    lemma = clause.lemma_.lower()
    if lemma in PERPETRATING_VERBS:
        return True
    return lemma in SUPPORT_VERBS and noun.lemma_.lower() not in CYBER_EVENT_NOUNS


def _involvement(noun: Token) -> Token | None:
    """The "have" of "have nothing / anything / something to do with [noun]"."""
    prep = noun.head
    if (
        noun.dep_ != "pobj"
        or prep.lower_ not in _INVOLVEMENT_PREPS
        or prep.head.lemma_.lower() not in _INVOLVEMENT_INFINITIVES
    ):
        return None
    pronoun = prep.head.head
    if prep.head.dep_ != "relcl" or pronoun.lower_ not in _INVOLVEMENT_PRONOUNS:
        return None
    have = pronoun.head
    return have if have.lemma_.lower() in _INVOLVEMENT_VERBS and pronoun.dep_ == "dobj" else None


def _disclaimed(noun: Token) -> bool:
    """ "had nothing to do with [the attack]": the involvement is denied by the construction."""
    have = _involvement(noun)
    if have is None:
        return False
    if any(
        c.dep_ == "neg" or c.dep_ == "dobj" and c.lower_ in _NEGATIVE_PRONOUNS
        for c in have.children
    ):
        return True  # "had nothing to do with", "did not have anything to do with"
    # "denied having anything to do with"
    return have.dep_ in ("xcomp", "ccomp") and have.head.lemma_.lower() in DENIAL_VERBS


_INVOLVEMENT_PRONOUNS = LEXICON.words("involvement_pronouns")


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE_DETERMINERS for c in noun.children)


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


def described_event(clause: Token) -> Token | None:
    """The event noun that a modifier clause describes: its head ("the attack, blamed on
    X"), or the event whose target the parser hung the clause on ("the hack of the DNC,
    which was blamed on X")."""
    if clause.dep_ not in ("acl", "relcl") or clause.head.dep_ == "attr":
        return None  # "it was not the first attack blamed on X" describes a kind of event
    host = clause.head
    if host.lemma_.lower() in NOUN_FRAMES:
        return host
    prep = host.head
    if host.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.lemma_.lower() in NOUN_FRAMES:
        return prep.head
    return None


def _doing_clause(ctx: Context, noun: Token) -> list[tuple[Ref, bool]]:
    """The agent named by a clause that modifies the event noun and says who did it: "the
    attack on X, carried out by Y", "the breach, which was conducted by Y", "the attack
    that Y launched on X"; also when the parser hung the clause on the target, since one
    does not carry out or conduct an actor."""
    targets = [p for c in noun.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for clause in (c for host in (noun, *targets) for c in host.children):
        if not _does(clause, noun) or described_event(clause) != noun:
            continue
        if is_passive(clause):
            agents = ctx.passive_agents(clause)
        elif clause.dep_ == "relcl" and not any(
            c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP") for c in clause.children
        ):  # "the attack that Y launched": the relative pronoun is the object
            agents = ctx.subjects(clause)
        else:
            agents = []
        agents = [a for a in agents if a[0].is_actor]
        if agents:
            return agents
    return []


def _governing_agents(ctx: Context, noun: Token) -> list[tuple[Ref, bool]]:
    """The agent given by the construction around an event noun."""
    frame = NOUN_FRAMES.get(noun.lemma_.lower())
    relational = frame is not None and frame.predicate in (_PARTNERSHIP, _SPONSORSHIP)
    head = noun.head
    dep = noun.dep_
    if dep == "conj" and head.pos_ in ("AUX", "VERB") and _behind_event(head):
        return ctx.subjects(head)  # "X was behind the outage as well as attacks in Y"
    while dep == "conj":
        noun, head, dep = head, head.head, head.dep_
    noun = _counted_by(noun)  # "launched a series of attacks"
    head, dep = noun.head, noun.dep_
    lemma = head.lemma_.lower()
    if dep in ("nsubj", "nsubjpass") and lemma in _BE:
        larger = _larger_operation(head)
        if larger is not None:
            return _operation_agents(ctx, larger)
    if dep == "dobj" and (lemma in SUPPORT_VERBS | ACQUIRE_VERBS or relational):
        return ctx.subjects(head) if not is_passive(head) else ctx.passive_agents(head)
    if dep == "nsubjpass" and lemma in SUPPORT_VERBS:
        return ctx.passive_agents(head)
    for clause in head.children if dep in ("nsubj", "nsubjpass") else ():
        # raising: "the attack is believed / appears to have been carried out by X"
        if clause.dep_ == "xcomp" and clause.lemma_.lower() in SUPPORT_VERBS and is_passive(clause):
            return ctx.passive_agents(clause)
    done = _doing_clause(ctx, noun)
    if done:
        return done
    have = _involvement(noun)
    if have is not None:  # "said it had nothing to do with the attack"
        return ctx.subjects(have)
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        prep_head = head.head
        word = prep_head.lemma_.lower()
        if prep_head.pos_ == "VERB" and any(  # "played a role in E", "in" hung on the verb
            c.dep_ == "dobj" and c.lemma_.lower() in AGENT_LINKS for c in prep_head.children
        ):
            return ctx.subjects(prep_head)
        if head.lower_ in _AGENCY_PREPS or word in AGENT_LINKS:
            if prep_head.pos_ in ("AUX", "VERB"):
                if word in _INVOLVING_VERBS and is_passive(prep_head):  # "X was involved in E"
                    return ctx.subjects(prep_head) or _passive_subjects(ctx, prep_head)
                return ctx.subjects(prep_head)
            if prep_head.pos_ in ("NOUN", "PROPN") and head.lower_ in _AGENCY_PREPS:
                behind = [a for a in ctx.actors(prep_head, owner=False) if a[0].is_actor]
                if behind:  # "the hackers behind the attack on Y"
                    return behind
            if prep_head.pos_ in ("NOUN", "ADJ", "PROPN"):
                agents = ctx.noun_agents(prep_head) if prep_head.pos_ != "ADJ" else []
                if agents:
                    return agents
                governor = prep_head.head
                if prep_head.dep_ in ("acomp", "attr", "dobj") and governor.pos_ in ("AUX", "VERB"):
                    return ctx.subjects(governor)
                if prep_head.dep_ == "pobj":
                    return _governing_agents(ctx, prep_head)
        if head.lower_ in _LINKING_PREPS and word in _LINKING_VERBS:
            linked = "nsubjpass" if is_passive(prep_head) else "dobj"  # "X was linked to E",
            return [  # "investigators linked X to E"
                a
                for c in prep_head.children
                if c.dep_ == linked
                for a in ctx.actors(c, owner=False)
            ]
    return []


def acting_event(verb: Token) -> Token | None:
    """The operation noun that is the doer of ``verb``: its subject ("the attack by X hit
    Y"), the antecedent of its relative pronoun ("an attack that crippled Y") or the noun
    a participle modifies ("a campaign targeting Y"); None when the doer is no operation."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        noun = verb.head
    else:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        noun = verb.head if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else subject
    return noun if noun.pos_ == "NOUN" and noun.lemma_.lower() in CYBER_EVENT_NOUNS else None


def event_doers(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """Whoever did the operation that does ``verb``: "X was responsible for an attack that
    hit Y", "the intrusion by X compromised Y", "X launched a campaign targeting Y" all
    have X as the one who acts on Y (see :func:`acting_event`)."""
    noun = acting_event(verb)
    if noun is None:
        return []
    return [a for a in ctx.noun_agents(noun) or _governing_agents(ctx, noun) if a[0].is_actor]


def passive_event_doers(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """Whoever did the operation that is the "by" agent of a passive ``verb``: "Y was hit
    by an attack launched by X", "Y was targeted by X's phishing campaign", "by a campaign
    run by X" all have X act on Y."""
    for by in (c for c in verb.children if c.dep_ == "agent"):
        for noun in by.children:
            if noun.dep_ == "pobj" and noun.pos_ == "NOUN" and (
                noun.lemma_.lower() in CYBER_EVENT_NOUNS
            ):
                agents = ctx.noun_agents(noun) or _doing_clause(ctx, noun)
                return [a for a in agents if a[0].is_actor]
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
        and (linked or prep.lower_ in _AGENCY_PREPS)
        and any(p.dep_ == "pobj" and p.lemma_.lower() in CYBER_EVENT_NOUNS for p in prep.children)
        for prep in verb.children
    )


def _larger_operation(copula: Token) -> Token | None:
    """ "E was part of a wider X effort / a campaign by X": the larger operation noun."""
    for attr in copula.children:
        if attr.dep_ != "attr" or attr.lemma_.lower() not in _PART_NOUNS:
            continue
        for prep in attr.children:
            if prep.dep_ == "prep" and prep.lower_ in GENITIVE_PREPOSITIONS:
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
        elif child.dep_ == "prep" and child.lower_ in _BASED_PREPS:
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
    rule = "based-in"
    if based.dep_ in ("amod", "acl", "compound") and based.head.i != based.i:
        holders = ctx.actors(based.head, owner=False)
        rule = "based-modifier"  # a noun phrase: the clause's negation is not its own
    else:
        holders = [
            a
            for c in based.children
            if c.dep_ in ("nsubjpass", "nsubj")
            for a in ctx.actors(c, owner=False)
        ]
        if not holders and based.dep_ in ("xcomp", "conj"):  # "X is believed to be based in Y"
            holders = ctx.subjects(based)
    for s, _ in holders:
        for o, _ in places:
            yield Candidate(s, _BASED_IN, o, based.i, rule)


def origin_relations(ctx: Context, prep: Token) -> Iterator[Candidate]:
    """ "X is from Russia", "hackers who are from Iran" -> basedIn: a copula's "from"
    names where its subject is based."""
    verb = prep.head
    if prep.dep_ != "prep" or verb.lemma_.lower() not in _BE or verb.pos_ != "AUX":
        return
    places = [
        a
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for a in ctx.actors(pobj, owner=False)
        if a[0].kind == "name" and a[0].actor.type in ("Country", "Place")
    ]
    for s, _ in ctx.subjects(verb) if places else []:
        for o, _ in places:
            yield Candidate(s, _BASED_IN, o, prep.i, "origin")


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
    if sponsor is not None and sponsor is ctx.ref(noun):
        sponsor = None  # "Russian state-sponsored hackers" is one mention of the group
    if sponsor is None and doc[token.i - 2].lower_ in _STATE_WORDS:
        # "Saudi Arabia's state-owned oil company", "a Russian state-sponsored group": the
        # state is the possessor or the nationality of the noun
        states = [ctx.ref(c) for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
        sponsor = next((r for r in states if r is not None and r.actor.type == "Country"), None)
    if sponsor is None:
        return
    for s, _ in ctx.actors(noun, owner=False):
        yield Candidate(s, _SPONSORSHIP, sponsor, token.i, "hyphen-affiliation")


def principal_relations(ctx: Context, behalf: Token) -> Iterator[Candidate]:
    """ "X acts on behalf of Y" -> affiliatedWith(X, Y); "X arrested Z at the request of Y"
    -> cooperatedWith(X, Y); "X did it on the orders of Y" -> ordered(Y, X)."""
    prep = behalf.head
    lemma = behalf.lemma_.lower()
    if behalf.dep_ != "pobj" or prep.lower_ not in _PRINCIPAL_PREPS:
        return
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return
    principals = [
        a
        for prep in behalf.children
        if prep.dep_ == "prep" and prep.lower_ in _PRINCIPAL_OBJECT_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for a in ctx.actors(pobj, owner=False)
    ] or [
        (r, False) for c in behalf.children if c.dep_ == "poss" for r in [ctx.ref(c)] if r
    ]
    principals = [p for p in principals if p[0].is_actor]
    agents = ctx.subjects(verb) if not is_passive(verb) else ctx.passive_agents(verb)
    for s, _ in agents:
        for o, _ in principals:
            if lemma in _BEHALF_NOUNS:
                yield Candidate(s, _SPONSORSHIP, o, behalf.i, "on-behalf-of")
            elif lemma in _ORDER_NOUNS:
                yield Candidate(o, _ORDERED, s, behalf.i, "on-orders-of")
            else:
                yield Candidate(s, _PARTNERSHIP, o, behalf.i, "at-request-of")


_PRINCIPAL_PREPS = LEXICON.words("principal_prepositions")
_ORDER_NOUNS = LEXICON.words("order_nouns")
PRINCIPAL_NOUNS = _ORDER_NOUNS | LEXICON.words("request_nouns") | _BEHALF_NOUNS


_COUNTERPARTS = LEXICON.words("counterpart_nouns")


def joint_relations(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "X issued a joint statement with Y", "in a joint operation with its counterparts in
    Y" -> cooperatedWith(X, Y)."""
    partners: list[tuple[Ref, bool]] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in _PARTNER_PREPS:
            continue
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            found = ctx.actors(pobj, owner=False)
            if not found and pobj.lemma_.lower() in _COUNTERPARTS:
                found = [
                    a
                    for a in ctx.prep_actors(pobj, _CONTAINMENT_PREPS)
                    if a[0].actor.type == "Country"
                ]
            partners.extend(found)
    if not partners:
        return
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("pobj", "dobj") or governor.pos_ not in ("VERB", "AUX"):
        return
    for s, _ in ctx.subjects(governor):
        for o, _ in partners:
            yield Candidate(s, _PARTNERSHIP, o, noun.i, "joint-with", nominal=True)


def target_relations(ctx: Context, target: Token) -> Iterator[Candidate]:
    """ "X was (one of) the targets of Y", "named X as a target of Y" -> attacked(Y, X)."""
    agents = ctx.prep_actors(target, GENITIVE_PREPOSITIONS)
    if not agents:
        return
    node = target
    source: Ref | None = None
    if (
        node.dep_ == "pobj"
        and node.head.lower_ in GENITIVE_PREPOSITIONS
        and node.head.head.lower_ in _PARTITIVES
    ):
        node = node.head.head  # "one of the targets"
    if node.dep_ == "attr" and node.head.lemma_ in _BE:
        victims = ctx.subjects(node.head)
    elif node.dep_ == "pobj" and node.head.lower_ in _ROLE_PREPS and node.head.head.pos_ == "VERB":
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
                s, _TARGETING, o, target.i, "target-of", True, source=source, via_owner=o_owner
            )


def suffered_events(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "X was the target / a victim of a Russian hack", "X fell victim to an attack by Y":
    X is the object of the event, the event's agent its subject."""
    events = list(prep_objects(noun, GENITIVE_PREPOSITIONS))
    if noun.dep_ == "dobj":  # "fell victim to E": the parser hangs "to E" on the verb
        events += prep_objects(noun.head, _SUFFERER_PREPS)
    events = [e for e in events if e.lemma_.lower() in NOUN_FRAMES]
    if not events:
        return
    including = _including_verb(noun)
    if including is not None:  # "victims of the hack include X and Y"
        victims = [v for c in including.children if c.dep_ == "dobj" for v in ctx.actors(c)]
    elif noun.dep_ in ("attr", "dobj", "oprd") and noun.head.pos_ in ("VERB", "AUX"):
        victims = ctx.subjects(noun.head)
    elif noun.dep_ == "appos":
        victims = ctx.actors(noun.head, owner=False)
    else:
        return
    for event in events:
        predicate = NOUN_FRAMES[event.lemma_.lower()].predicate
        for s, _ in ctx.noun_agents(event) or ctx.operation_doer(event):
            for o, o_owner in victims:
                yield Candidate(s, predicate, o, event.i, "target-of", True, via_owner=o_owner)


def _including_verb(noun: Token) -> Token | None:
    """The verb that lists what a subject noun covers: "victims of E include X", "the
    victims are believed to have included X" (through a raising verb)."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = noun.head
    if verb.lemma_.lower() in _INCLUDING_VERBS:
        return verb
    return next(
        (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in _INCLUDING_VERBS),
        None,
    )


_INCLUDING_VERBS = LEXICON.words("including_verbs")


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
    owner = frame.predicate != _MEMBERSHIP  # "a critic of Italy's policies" criticizes Italy
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
    elif dep == "pobj" and head.lower_ in _ROLE_PREPS:
        described = ctx.subjects(head.head)
    elif dep == "appos":
        described = ctx.actors(head, owner=False)
    elif dep == "nsubj" and head.lemma_.lower() in _COPULAS and frame.predicate != _MEMBERSHIP:
        # "Y's latest victim is X", "the parent of X is Y"
        described = [a for c in head.children if c.dep_ == "attr" for a in ctx.actors(c, False)]
    elif dep == "pobj" and head.lower_ in _INCLUSION_PREPS and head.head.lemma_.lower() in _COPULAS:
        described = ctx.subjects(head.head)  # "X was among the victims of Y"
    elif frame.predicate != _MEMBERSHIP and _including_verb(top) is not None:
        # "Y's victims / the victims of Y include X"
        including = _including_verb(top)
        described = [a for c in including.children if c.dep_ == "dobj" for a in ctx.actors(c)]
    owned = any(c.dep_ == "poss" for t in {noun, phrase} for c in t.children) or any(
        p.lower_ in frame.preps for p in preps
    )  # "its subsidiary", "Instagram's parent company"
    if not described and owned:  # "its subsidiary, Change Healthcare,": the appositive name
        described = ctx.appositive_names(phrase)
    rule = "copula-member" if frame.predicate == _MEMBERSHIP else "relational-noun"
    for d, _ in described:
        for o, _ in others:
            s, obj = (d, o) if frame.described == "subject" else (o, d)
            if frame.predicate == _MEMBERSHIP and _located_not_member(s, obj):
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
_INCLUSION_PREPS = LEXICON.words("inclusion_prepositions")


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
            yield Candidate(ref, _MEMBERSHIP, org, head.i, "title")
    yield from _employment(ctx, ref, head)
    # Apposition either way round: "Name, the CFO of Huawei" / "Huawei's CFO, Name".
    titles = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        titles.append(head.head)
    for title in titles:
        if title.lemma_.lower() not in _APPOSED_TITLES:
            continue
        for org in _title_orgs(ctx, title, ref) or _title_states(ctx, title):
            for person in [ref] + _conjunct_refs(ctx, head):
                yield Candidate(person, _MEMBERSHIP, org, title.i, "apposition")


def _employment(ctx: Context, ref: Ref, head: Token) -> Iterator[Candidate]:
    """A person's post as a clause: "X is the CEO of Y", "X worked as an engineer at Y",
    "X works for / at Y", "X serves as adviser to Y" -> memberOf(X, Y); also in a relative
    clause on X ("X, who worked for Y, ...")."""
    verbs = [head.head] if head.dep_ == "nsubj" else []
    verbs += [
        c
        for c in head.children
        if c.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.lower_ in RELATIVE for s in c.children)
    ]
    for verb in verbs:
        yield from _posts(ctx, ref, verb)


def _posts(ctx: Context, ref: Ref, verb: Token) -> Iterator[Candidate]:
    """memberOf(ref, Y) for the post at Y that the clause of ``verb`` gives ``ref``."""
    lemma = verb.lemma_.lower()
    titles = []
    if lemma in _COPULAS:
        titles = [c for c in verb.children if c.dep_ == "attr"]
    elif lemma in EMPLOYMENT_VERBS:
        titles = list(prep_objects(verb, _ROLE_PREPS))
    titles = [c for t in titles for c in with_conjuncts(t) if c.lemma_.lower() in TITLE_NOUNS]
    orgs = [o for title in titles for o in _title_orgs(ctx, title, ref)]
    if lemma in EMPLOYMENT_VERBS:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in _EMPLOYER_PREPS:
                continue
            orgs.extend(
                r
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for r, _ in ctx.actors(pobj, owner=False)
                if r.is_actor and r.actor.type not in _NOT_EMPLOYERS and r not in orgs
            )
    for org in orgs:
        yield Candidate(ref, _MEMBERSHIP, org, (titles[0] if titles else verb).i, "employment")


EMPLOYMENT_VERBS = LEXICON.words("employment_verbs")
_EMPLOYER_PREPS = LEXICON.words("employer_prepositions")
_NOT_EMPLOYERS = {"Person", "Place", "Country"}


def _quantified_members(ctx: Context, ref: Ref, head: Token) -> Iterator[Candidate]:
    """ "X and Y, both of Z" for members the NER did not type as persons."""
    for title in head.children:
        if title.dep_ == "appos" and title.lower_ in _MEMBER_QUANTIFIERS:
            for org in _title_orgs(ctx, title, ref):
                members = [ref] + [r for c in head.conjuncts for r in [ctx.ref(c)] if r]
                for member in members:
                    yield Candidate(member, _MEMBERSHIP, org, title.i, "apposition")


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
        [c for c in title.lefts if c.dep_ in OWNER_DEPS | {"poss"}]
        + [t for c in title.lefts if c.dep_ in ("compound", "poss") for t in c.subtree],
        person,
    )
    for child in title.children:
        if child.dep_ == "prep" and child.lower_ in _TITLE_PREPS:
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


def _title_states(ctx: Context, title: Token) -> list[Ref]:
    """The state of a title whose words became the named holder's mention: in "the Russian
    ambassador to Germany, Sergei Nechayev," the description is Nechayev, and "Russian"
    still names the state he serves."""
    from kg.extract.gazetteer import Gazetteer

    if ctx.ref(title) is None:
        return []
    found: list[Ref] = []
    for child in title.lefts:
        if child.dep_ not in ("amod", "compound", "nmod") or ctx.ref(child) is not ctx.ref(title):
            continue
        words = ctx.doc[child.left_edge.i : child.i + 1]  # "North Korean"
        state = Gazetteer.load().demonym(words.text)
        if state is not None and state.type == "Country":
            found.append(
                Ref(
                    state,
                    words.start,
                    words.end,
                    words.start_char,
                    words.end_char,
                    words.text,
                    "demonym",
                )
            )
    return found


def _conjunct_refs(ctx: Context, head: Token) -> list[Ref]:
    out = []
    for conj in head.conjuncts:
        r = ctx.ref(conj)
        if r is not None and r.actor.type == "Person":
            out.append(r)
    return out
