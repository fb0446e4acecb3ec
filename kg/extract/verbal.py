"""Verbal relation rules: a trigger verb of the lexicon and its arguments.

Active, passive, relative-clause, control and prepositional frames
(:func:`verb_relations`), and the clause constructions built on a verb: accusation
and blame with their events, judgements ("called the claims absurd"), holding
someone responsible, handing information over, ransom payments.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.actors import Ref
from kg.extract.arguments import (
    ACCUSE_VERBS,
    OBJECT_CONTROL,
    RELATIVE,
    SPEECH_BLOCK,
    SUBJ,
    TAKING_PREDICATES,
    Candidate,
    Context,
    acts_as_verb,
    is_passive,
    is_to_infinitive,
    orders,
    patients,
    prep_objects,
    report_subjects,
    with_conjuncts,
)
from kg.extract.lexicon import (
    AGENT_PREPOSITIONS,
    CESSATION_VERBS,
    CHARGE_PREPOSITIONS,
    CONDEMNING_ADJECTIVES,
    CYBER_EVENT_NOUNS,
    CYBER_PREDICATES,
    DENIAL_OBJECTS,
    GENITIVE_PREPOSITIONS,
    LEXICON,
    NAMING_VERBS,
    NEGATION_WORDS,
    NOUN_FRAMES,
    PREVENTING_VERBS,
    VERB_FRAMES,
    VerbFrame,
)
from kg.extract.nominal import (
    described_event,
    event_agents,
    event_doers,
    nominal_relations,
    passive_event_doers,
)
from kg.inventory import rule as inventory_rule
from kg.inventory import the_predicate, with_rule

_CAPTIVE_VERBS = LEXICON.words("captive_verbs")
_NAMING_AS_VERBS = LEXICON.words("coref_naming_as_verbs")
_ROLE_PREPS = LEXICON.words("role_prepositions")
_CAPTIVES = LEXICON.words("captive_nouns")
_DEMAND_VERBS = LEXICON.words("demand_verbs")
_SUSPICION_VERBS = LEXICON.words("suspicion_verbs")
_BLAME_NOUNS = LEXICON.words("blame_nouns")

_KEEPS_BARE = with_rule("keeps_bare_sense")
_REPORT_OBJECT = with_rule("report_object")
_BLAMED = the_predicate("event_blame")
_CRITICIZED = the_predicate("judgement")
_ORDERED = the_predicate("directive")
_BASED_IN = the_predicate("location")
_PARTNERSHIP = the_predicate("partnership")
_TARGETING = the_predicate("targeting")
_SUSPICION = the_predicate("suspicion")

_BLAME_PLACING = LEXICON.words("blame_placing_verbs")
_LEAK_VERBS = LEXICON.words("leak_verbs")
HOLDING_VERBS = LEXICON.words("holding_verbs")
RESPONSIBLE_WORDS = LEXICON.words("responsible_words")
TRANSFER_VERBS = LEXICON.words("transfer_verbs")
ATTRIBUTING_VERBS = LEXICON.words("attributing_verbs")
INFORMATION_NOUNS = LEXICON.words("information_nouns")
_PERCEPTION_PREDICATES = with_rule("object_control")
PERMITTING_VERBS = LEXICON.words("permitting_verbs")
"""Verbs that, negated, forbid their complement ("does not allow X to ...")."""
_ACTIVITY_PREDICATES = with_rule("activity_object")
_PREVENTION_PREPS = LEXICON.words("prevention_prepositions")
_JUDGEMENT_PREPS = LEXICON.words("judgement_prepositions")
_PARTICLES = LEXICON.words("particles")
_RECIPIENT_PREPS = LEXICON.words("recipient_prepositions")
_LOCATION_PREPS = LEXICON.words("location_prepositions")
_BLAME_PREPS = LEXICON.words("blame_prepositions")
_BLAME_CAUSE_PREPS = LEXICON.words("blame_cause_prepositions")
_BLAME_TARGET_PREPS = LEXICON.words("blame_target_prepositions")
_RESPONSIBILITY_PREPS = LEXICON.words("responsibility_prepositions")
_SUPPLY_PREPS = LEXICON.words("supply_prepositions")
_PAYEE_PREPS = LEXICON.words("payee_prepositions")
_PREP_TAILS = LEXICON.words("compound_preposition_tails")
_SITE_PREPS = LEXICON.words("sited_at_prepositions")
_SYMMETRIC_PREPS = LEXICON.words("symmetric_prepositions")


def _ceased_use(verb: Token) -> Token | None:
    """The verb that ends or forbids a use: "stopped using X's software", "barred agencies
    from using X's products" (a ban on X, not a use of it)."""
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in CESSATION_VERBS:
        return head
    if verb.dep_ in ("xcomp", "ccomp") and _negated_permission(head):
        return head  # "does not allow its staff / will no longer permit contractors to use"
    if verb.dep_ == "pcomp" and head.lower_ in _PREVENTION_PREPS:
        governor = head.head
        if governor.lemma_.lower() in PREVENTING_VERBS and governor.pos_ == "VERB":
            return governor
    return None


def withheld_permission(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X will not allow / does not permit Y to V": X bans Y from acting. A complement of
    use ("not allow its staff to use Z's software") bans Z instead (see :func:`_ceased_use`)."""
    if not _negated_permission(verb) or is_passive(verb):
        return
    complement = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    if complement is None or not is_to_infinitive(complement) or _ceased_use_verb(complement):
        return
    permitted = [a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c, owner=False)]
    permitted = permitted or [
        a for c in complement.children if c.dep_ == "nsubj" for a in ctx.actors(c, owner=False)
    ]
    for s, _ in ctx.subjects(verb):
        for o, _ in permitted:
            if o.is_actor and o.actor.id != s.actor.id:
                yield Candidate(s, _PROHIBITION, o, verb.i, "withheld-permission")


def _negated_permission(verb: Token) -> bool:
    """ "does not allow", "will no longer permit": a permitting verb with a negation."""
    return verb.lemma_.lower() in PERMITTING_VERBS and any(
        t.lower_ in NEGATION_WORDS
        for c in verb.children
        if c.dep_ in ("neg", "advmod")
        for t in c.subtree
    )


def _ceased_use_verb(verb: Token) -> bool:
    """Whether the verb is one whose stopping bans its object's owner ("use")."""
    return any(
        inventory_rule(f.predicate, "ceased_form") for f in VERB_FRAMES.get(verb.lemma_.lower(), ())
    )


_PROHIBITION = the_predicate("prohibition")


def _homes(ref: Ref) -> set[str]:
    """Names of the state an actor is or belongs to: its country code, its affiliation, and
    for a body named after its state ("the Chinese Embassy") that state."""
    from kg.extract.gazetteer import Gazetteer

    actor = ref.actor
    homes = {h for h in (actor.country_code, actor.affiliation) if h}
    if actor.type == "Country":
        homes.add(actor.label)
    elif not homes and actor.label.split():
        state = Gazetteer.load().demonym(actor.label.split()[0])
        if state is not None:
            homes |= {h for h in (state.country_code, state.label) if h}
    return homes


def _ordering_verb(verb: Token) -> Token | None:
    """The verb that orders ``verb``: "ordered / told / required agencies to stop"."""
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in OBJECT_CONTROL and orders(head):
        return head
    return None


DIRECTIVE_SPEECH_VERBS = LEXICON.words("directive_speech_verbs")


def told_to(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X told Y to stop", "Y was told by X to hand over the data": a speech verb with an
    object and a to-infinitive complement orders the object."""
    if not any(c.dep_ == "xcomp" and is_to_infinitive(c) for c in verb.children):
        return
    yield from _to_object(ctx, verb, _ORDERED, "told-to")


def _to_object(ctx: Context, verb: Token, predicate: str, rule: str) -> Iterator[Candidate]:
    """``predicate`` from the doers of ``verb`` to its object, in either voice ("X told Y
    to ...", "Y was told by X to ...")."""
    if is_passive(verb):
        subjects, objects = ctx.passive_agents(verb), patients(ctx, verb)
    else:
        subjects = ctx.subjects(verb)
        objects = [a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c, owner=False)]
    for s, _ in subjects:
        for o, _ in objects:
            yield Candidate(s, predicate, o, verb.i, rule)


_DENIED = the_predicate("denies")
_DENIED_CLAIM = inventory_rule(_DENIED, "denies")
_COPULAS = LEXICON.words("copulas")
_DISMISSIVE = LEXICON.words("dismissive_words")


def dismissed_in_speech(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "Huawei said the claims by Washington were baseless": a speaker who calls someone's
    claim dismissive in a reported copula clause denies it (and the claim accused them)."""
    if is_passive(verb):
        return
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() not in _COPULAS:
            continue
        if any(c.dep_ == "neg" for c in clause.children):
            continue  # "said the claims were not baseless"
        judged = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
        if not any(w.lemma_.lower() in _DISMISSIVE for j in judged for w in with_conjuncts(j)):
            continue
        claims = [
            c for c in clause.children if c.dep_ == "nsubj" and c.lemma_.lower() in DENIAL_OBJECTS
        ]
        for claim in claims:
            for s, _ in ctx.subjects(verb):
                for o, _ in ctx.noun_agents(claim):
                    if o.actor.id != s.actor.id:
                        yield Candidate(s, _DENIED, o, verb.i, "denial-of-accusation")
                        yield Candidate(o, _DENIED_CLAIM, s, claim.i, "accusation-denied", True)


def judgements(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "called Russia's actions irresponsible", "described the attack as regrettable":
    a condemning judgement of an actor or its deed criticizes the actor."""
    words = [w for t in judged_complements(verb) for w in (t, *t.conjuncts)]
    if not any(w.lemma_.lower() in CONDEMNING_ADJECTIVES for w in words):
        return
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() in DENIAL_OBJECTS for o in objects):
        return  # "called the claims irresponsible" rejects a claim (a denial)
    targets = [a for o in objects for a in (ctx.actors(o) or event_agents(ctx, o))]
    for s, _ in ctx.subjects(verb) if not is_passive(verb) else []:
        for o, via in targets:
            yield Candidate(s, _CRITICIZED, o, verb.i, "judgement", via_owner=via)


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
    held += [  # "held X responsible", "responsible" hung on X as a modifier after it
        m
        for c in verb.children
        if c.dep_ == "dobj"
        for m in c.children
        if m.dep_ == "amod" and m.i > c.i and m.lemma_.lower() in RESPONSIBLE_WORDS
    ]
    if not held:
        return
    culprits = [a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c, owner=False)]
    holders = ctx.subjects(verb)
    for s, _ in holders:
        for o, _ in culprits:
            yield Candidate(s, _BLAMED, o, verb.i, "blame-on")
    source = holders[0][0] if holders else None
    for event in (p for h in held for p in prep_objects(h, _RESPONSIBILITY_PREPS)):
        if event.lemma_.lower() in NOUN_FRAMES:
            yield from nominal_relations(ctx, event, culprits, source, "blame-on")


def judged_complements(verb: Token) -> list[Token]:
    """What an evaluative verb says its object is: "called it [absurd]", "described it as
    [baseless]", "called them [lies]"."""
    judged = [c for c in verb.children if c.dep_ in _JUDGEMENT_DEPS]
    return judged + [p for c in verb.children if c.lower_ in _JUDGEMENT_PREPS for p in c.children]


_JUDGEMENT_DEPS = {"oprd", "acomp", "advcl", "xcomp", "ccomp", "attr"}


def _frames_for(verb: Token) -> list[VerbFrame]:
    frames = VERB_FRAMES[verb.lemma_.lower()]
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt", "agent")}
    for obj in verb.children:  # "blamed the hack [on X]": the parser hangs it on the object
        if obj.dep_ == "dobj":
            preps |= {c.lower_ for c in obj.children if c.dep_ == "prep"} & _OBJECT_PREPS
    nouns = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    for obj in verb.children:  # "got hold [of X]": a light verb's preposition on its noun
        if obj.dep_ == "dobj" and any(f.noun == obj.lemma_.lower() for f in frames):
            preps |= {c.lower_ for c in obj.children if c.dep_ == "prep"}
    frames = [f for f in frames if f.noun is None or f.noun in nouns]
    results = [f for f in frames if f.result and _takes_result(verb, f)]
    if results:  # "took X into custody", "hit X with sanctions": that sense alone
        return results
    frames = [f for f in frames if not f.result]
    with_prep = [f for f in frames if f.prep and f.prep in preps]
    bare = [f for f in frames if f.prep is None]
    return with_prep + bare  # prepositional senses first; see verb_relations


def _stranded(verb: Token, word: str) -> bool:
    """True if ``verb``'s preposition or particle ``word`` has no object of its own (a
    passive's stranded preposition: "was spied on by Y")."""
    return any(
        c.dep_ in ("prep", "prt")
        and c.lower_ == word
        and not any(g.dep_ == "pobj" for g in c.children)
        for c in verb.children
    )


def _takes_result(verb: Token, frame: VerbFrame) -> bool:
    """True if ``verb``'s preposition ``frame.prep`` takes one of the frame's result nouns."""
    return any(
        p.lemma_.lower() in frame.result
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == frame.prep
        for p in c.children
        if p.dep_ == "pobj"
    )


_OBJECT_PREPS = LEXICON.words("object_attached_prepositions")
"""Prepositions of a verb frame that the parser often attaches to the direct object."""


def verb_relations(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """Active, passive, relative-clause, control and prepositional verb patterns."""
    lemma = verb.lemma_.lower()
    if lemma in SPEECH_BLOCK:
        return
    if lemma in _CAPTIVE_VERBS and not any(t.lower_ in _CAPTIVES for t in verb.subtree):
        return
    served: set[str] = set()
    naming = lemma in _NAMING_AS_VERBS and _names_a_person(ctx, verb)
    for frame in _frames_for(verb):
        if naming and not frame.result:
            continue  # "prosecutors identified her as Jane Doe" name her, they detect nobody
        if frame.prep is None and frame.predicate in served and frame.predicate not in _KEEPS_BARE:
            continue  # "blamed X on Y" found its object; "stole X's data from Y" keeps both
        passive = is_passive(verb)
        if passive and frame.predicate == _BLAMED:  # "E was attributed to X by Y"
            subjects = ctx.passive_agents(verb)
            objects = _blame_objects(ctx, verb) or [  # "X was blamed by Y for E"
                a
                for c in verb.children
                if c.dep_ == "nsubjpass" and c.lemma_.lower() not in NOUN_FRAMES
                for a in ctx.actors(c, owner=False)
            ]
            rule = "passive-by-agent"
        elif (
            passive
            and frame.prep is not None
            and frame.predicate in TAKING_PREDICATES
            and ctx.passive_agents(verb)
            and any(True for _ in prep_objects(verb, frame.prep))
        ):  # "records were stolen from X by Y": the agent takes from X, the records are no actor
            subjects = ctx.passive_agents(verb)
            objects = _objects(ctx, verb, frame)
            rule = "passive-by-agent"
        elif passive and frame.prep is not None and _stranded(verb, frame.prep):
            # "X was spied on / broken into by Y": the surface subject is the object
            subjects = ctx.passive_agents(verb)
            objects = patients(ctx, verb)
            rule = "passive-by-agent"
        elif (
            passive
            and frame.prep is not None
            and not frame.result
            and frame.prep not in _PARTICLES | AGENT_PREPOSITIONS
        ):
            subjects = patients(ctx, verb)
            objects = _objects(ctx, verb, frame)
            rule = "passive-prep"
        elif passive:
            subjects = ctx.passive_agents(verb)
            objects = _experiencers(ctx, verb) or _passive_objects(ctx, verb, frame)
            rule = "passive-by-agent"
            if not subjects and frame.predicate in CYBER_PREDICATES:
                subjects = passive_event_doers(ctx, verb)  # "Y was hit by an attack by X"
                rule = "event-doer" if subjects else rule
            if not subjects and objects:  # "two more men were charged": the charger before
                subjects = ctx.legal_doer(frame.predicate, verb)
                rule = "implicit-agent" if subjects else rule
        else:
            subjects = ctx.subjects(verb)
            objects = _objects(ctx, verb, frame)
            rule = _active_rule(ctx, verb)
            if not subjects and frame.predicate in CYBER_PREDICATES:
                subjects = event_doers(ctx, verb)  # "X was behind an attack that hit Y"
                rule = "event-doer" if subjects else rule
            if subjects and not objects and frame.predicate in CYBER_PREDICATES and not frame.owned:
                objects = _nearest_objects(ctx, verb, frame) or _sited_objects(ctx, verb, frame)
                rule = "nested-argument" if objects else rule
        if frame.predicate == _BLAMED:
            objects = _blame_objects(ctx, verb) or objects
        if frame.predicate in _DEED_PREDICATES and not objects and frame.prep is None:
            # "condemned the attack by Iran" criticizes Iran; "exposed the NSA's spying"
            # reveals the NSA; "the intrusion by X was discovered" detects X
            deed = ("dobj", "nsubjpass") if passive else ("dobj",)
            objects = [
                a
                for c in verb.children
                if c.dep_ in deed
                for a in event_agents(ctx, c) or ctx.operation_doer(c)
            ]  # "condemned the attack": whoever the article says did it
        if frame.prep is not None and lemma in ATTRIBUTING_VERBS and _three_place(verb):
            if _blames(verb) and frame.predicate != _BLAMED:
                continue
            if not _blames(verb):  # "X tied Y to Z": Y is tied to Z; an event is blamed above
                subjects = [
                    a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c, owner=False)
                ]
        if frame.owned:  # "obtained Sony's files", not "obtained a warrant" or "used Sony"
            objects = [(o, via) for o, via in objects if via]
        if frame.things and not _object_heads_in(verb, frame, LEXICON.words(frame.things)):
            continue  # "searched for X's secrets", not "searched for X's servers"
        if frame.inverse:
            subjects, objects = objects, subjects
        predicate = frame.predicate
        ceased_form = inventory_rule(predicate, "ceased_form")
        ceased = _ceased_use(verb) if ceased_form else None
        if ceased is not None:
            predicate, rule = ceased_form, "ceased-use"
            subjects = ctx.subjects(ceased) if not is_passive(ceased) else []
            orderer = _ordering_verb(ceased)
            if orderer is not None:  # "X ordered agencies to stop using Y": X bans Y
                subjects = ctx.subjects(orderer) if not is_passive(orderer) else []
            homes = {h for s, _ in subjects for h in _homes(s)}
            objects = [  # "we will not allow anyone to use Chinese infrastructure", said by
                (o, via)  # China's embassy: no state body bans its own state
                for o, via in objects
                if o.actor.type != "Country" or not homes & _homes(o)
            ]
        if (
            not objects
            and (frame.prep is None or frame.prep in _SYMMETRIC_PREPS)
            and predicate in _SYMMETRIC
        ):
            # "Russia and China agreed to cooperate": each with the other
            objects = subjects if len(subjects) > 1 else []
        for s, s_owner in subjects:
            for o, o_owner in objects:
                owned_form = inventory_rule(predicate, "owned_form")
                if owned_form and o_owner and verb.lemma_.lower() in _LEAK_VERBS:
                    predicate = owned_form  # exposing someone's material is leaking it
                yield Candidate(s, predicate, o, verb.i, rule, via_owner=o_owner or s_owner)
                served.add(frame.predicate)
    yield from _complement_events(ctx, verb)


def _names_a_person(ctx: Context, verb: Token) -> bool:
    """Whether ``verb`` gives its object a person's name: "identified her as Jane Doe"."""
    return any(
        ref.actor.type == "Person" and ref.kind == "name"
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in _ROLE_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for ref in [ctx.ref(pobj)]
        if ref is not None
    )


_DEED_PREDICATES = with_rule("deed_object")
"""Predicates whose object may be a deed, standing for its agent ("exposed X's spying")."""

_SYMMETRIC = with_rule("symmetric")
"""Predicates that hold both ways, so that coordinated subjects relate to each other."""


def transfers(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X passed / sent / handed information to Y" -> cooperatedWith(X, Y): sharing
    information or material with someone is cooperating with them."""
    things = [
        t
        for c in verb.children
        if c.dep_ == "dobj"
        for t in with_conjuncts(c)
        if t.lemma_.lower() in INFORMATION_NOUNS
    ]
    supplied = [  # "provided Russia with information": the object receives
        t
        for p in prep_objects(verb, _SUPPLY_PREPS)
        for t in with_conjuncts(p)
        if t.lemma_.lower() in INFORMATION_NOUNS
    ]
    if supplied and not things:
        for s, _ in ctx.subjects(verb) if not is_passive(verb) else ctx.passive_agents(verb):
            for c in (c for c in verb.children if c.dep_ == "dobj"):
                for o, _ in ctx.actors(c, owner=False):
                    yield Candidate(s, _PARTNERSHIP, o, verb.i, "transfer")
        return
    if not things:
        return
    recipients = [
        a
        for host in (verb, *things)
        for prep in host.children
        if prep.dep_ == "prep" and prep.lower_ in _RECIPIENT_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for a in ctx.actors(pobj, owner=False)
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
            yield Candidate(s, _PARTNERSHIP, o, verb.i, "transfer")


_RANSOM_PURPOSES = LEXICON.words("ransom_purpose_verbs")


def ransom_payments(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X paid the hackers" -> attacked(hackers, X): paying an attacker marks a ransom victim
    ("paid a ransom to the hackers", "paid the hacker ransom": the payee on the payment)."""
    if any(
        c.dep_ in ("advcl", "xcomp")
        and is_to_infinitive(c)
        and c.lemma_.lower() not in _RANSOM_PURPOSES
        for c in verb.children
    ):
        return  # "paid the hackers to steal the data" hires them; "to unlock its files" not
    payees: list[tuple[Ref, bool]] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            payees.extend(ctx.actors(child, owner=False))
            payees.extend(ctx.prep_actors(child, _PAYEE_PREPS))
            for part in child.children:
                if part.dep_ == "compound":
                    payees.extend(ctx.actors(part, owner=False))
    payees.extend(ctx.prep_actors(verb, _PAYEE_PREPS))
    attackers = [a for a in payees if a[0].actor.type == "ThreatGroup"]
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in _DEMAND_VERBS:
        attackers = attackers or ctx.subjects(verb.head)  # "the hackers demanded X pay"
    if not attackers:
        return
    payers = ctx.subjects(verb) or [
        a for c in verb.children if c.dep_ == "nsubj" for a in ctx.actors(c)
    ]
    for s, _ in attackers:
        for o, _ in payers:
            yield Candidate(s, _TARGETING, o, verb.i, "ransom-payment")


_DEMAND_RECEIVERS = LEXICON.words("demand_receiving_verbs")
_DEMAND_SENDERS = LEXICON.words("demand_sending_verbs")
_DEMAND_SOURCE_PREPS = LEXICON.words("source_prepositions")
_SOURCE_PREPS = _DEMAND_SOURCE_PREPS


def ransom_demands(ctx: Context, noun: Token) -> Iterator[Candidate]:
    """ "Y received ransom demands from X", "X sent Y a ransom demand", "Y was approached
    with ransom demands by X", "X's ransom demand to Y" -> attacked(X, Y): a demand for a
    ransom is made by the attacker of whom it is made."""
    if not any(c.dep_ in ("compound", "amod") and c.lower_ in _CAPTIVES for c in noun.children):
        return
    agents = ctx.noun_agents(noun) + ctx.prep_actors(noun, _DEMAND_SOURCE_PREPS)
    victims = ctx.prep_actors(noun, _PAYEE_PREPS)
    host = noun.head
    if noun.dep_ == "dobj" and host.lemma_.lower() in _DEMAND_RECEIVERS:
        agents += ctx.prep_actors(host, _DEMAND_SOURCE_PREPS)  # "received a demand from X"
        victims += ctx.subjects(host)
    elif noun.dep_ == "dobj" and host.lemma_.lower() in _DEMAND_SENDERS:
        agents += ctx.subjects(host)  # "X sent Y a ransom demand", "X made a demand to Y"
        victims += [a for c in host.children if c.dep_ == "dative" for a in ctx.actors(c)]
        victims += ctx.prep_actors(host, _PAYEE_PREPS)
    elif noun.dep_ == "pobj" and host.head.pos_ == "VERB" and is_passive(host.head):
        agents += ctx.passive_agents(host.head)  # "Y was approached with demands by X"
        victims += patients(ctx, host.head)
    for s, _ in agents:
        for o, _ in victims:
            yield Candidate(s, _TARGETING, o, noun.i, "ransom-demand")


_EXPERIENCER_VERBS = LEXICON.words("experiencer_verbs")


def _experiencers(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """ "Y had its servers breached by X", "millions of customers had their data stolen":
    the subject of "have" undergoes the participle, whoever its object's owner is called."""
    if verb.tag_ != "VBN" or is_to_infinitive(verb):
        return []  # not "have yet to be targeted"
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj":
        have = verb.head.head
    elif verb.dep_ in ("ccomp", "xcomp"):
        have = verb.head
    else:
        return []
    if have.lemma_.lower() not in _EXPERIENCER_VERBS or have.pos_ not in ("VERB", "AUX"):
        return []
    return ctx.subjects(have) or [  # "millions of customers had ...": the customers
        a
        for c in have.children
        if c.dep_ == "nsubj"
        for a in ctx.prep_actors(c, GENITIVE_PREPOSITIONS)
    ]


def _active_rule(ctx: Context, verb: Token) -> str:
    if any(c.dep_ in SUBJ and c.lower_ in RELATIVE for c in verb.children):
        return "relative-clause"
    if verb.dep_ in ("xcomp", "acl") or verb.dep_ == "ccomp" and is_to_infinitive(verb):
        return "control"
    return "active"


def _objects(ctx: Context, verb: Token, frame: VerbFrame) -> list[tuple[Ref, bool]]:
    found: list[tuple[Ref, bool]] = []
    if frame.result:  # "took X into custody": the direct object
        return [a for c in verb.children if c.dep_ == "dobj" for a in ctx.actors(c)]
    if frame.prep is None:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                if frame.predicate in _ACTIVITY_PREDICATES and child.lemma_.lower() in (
                    CYBER_EVENT_NOUNS
                ):  # "detected an intrusion by X": X, not the intrusion's target (the
                    # parser often hangs "by X" on the active verb)
                    agents = ctx.noun_agents(child) or ctx.prep_actors(verb, AGENT_PREPOSITIONS)
                    if not agents and child.lemma_.lower() not in NOUN_FRAMES:
                        # "the activities of X"
                        agents = ctx.prep_actors(child, GENITIVE_PREPOSITIONS)
                    agents = agents or ctx.operation_doer(child)  # "investigated the breach"
                    found.extend(agents)
                    continue
                found.extend(ctx.actors(child))
                if frame.predicate in _REPORT_OBJECT:
                    found.extend(report_subjects(ctx, child))
        if not found and (
            verb.lemma_.lower() in OBJECT_CONTROL or frame.predicate in _PERCEPTION_PREDICATES
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
            if frame.predicate == _BASED_IN:  # "operates out of Moscow"
                found.extend(a for p in prep_objects(child, _PREP_TAILS) for a in ctx.actors(p))
        elif child.dep_ == "dobj" and child.lemma_.lower() == frame.noun:
            found.extend(a for p in prep_objects(child, frame.prep or "") for a in ctx.actors(p))
    if not found and frame.prep in _OBJECT_PREPS:
        # "steal emails and passwords from X": the parser hangs "from X" on the object
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for noun in (obj, *obj.conjuncts):
                for prep in noun.children:
                    if prep.dep_ == "prep" and prep.lower_ == frame.prep:
                        found.extend(
                            a for p in prep.children if p.dep_ == "pobj" for a in ctx.actors(p)
                        )
    if not found and frame.predicate in TAKING_PREDICATES and frame.prep in _SOURCE_PREPS:
        # "stole information from the infected computer": the machine, no owner named
        found = [a for p in prep_objects(verb, frame.prep) for a in ctx.machine(p)]
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
    level = [r for root in roots for r in with_conjuncts(root)]
    level = [t for t in level if t.lemma_.lower() not in NOUN_FRAMES]  # events: nominal
    for _ in range(4):
        found = [
            (ref, False)
            for tok in level
            for ref in [ctx.ref(tok)]
            if ref is not None and ref.is_actor and not _locates(tok, ref)
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


def _object_heads_in(verb: Token, frame: VerbFrame, words: frozenset[str]) -> bool:
    """True if the head of the frame's object (or a conjunct of it) is one of ``words``."""
    heads = [c for c in verb.children if c.dep_ == "dobj"]  # "gathered [intelligence] on X"
    if frame.prep is not None:  # "searched for [secrets] of X"
        heads += [p for c in verb.children if c.lower_ == frame.prep for p in c.children]
    return any(t.lemma_.lower() in words for h in heads for t in with_conjuncts(h))


_SITE_PREPOSITIONS = LEXICON.words("site_prepositions")


def _sited_objects(ctx: Context, verb: Token, frame: VerbFrame) -> list[tuple[Ref, bool]]:
    """ "breached computers at X": a thing object sited at an organization is its property
    (the parser hangs "at X" on the verb); what is taken is also sited "in" or "on" its
    owner ("accessed messages in X's chat rooms", not "tracked viewers on X's network")."""
    if not any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in verb.children):
        return []
    words = _SITE_PREPOSITIONS if frame.predicate in TAKING_PREDICATES else _SITE_PREPS
    return [
        (ref, True)
        for pobj in prep_objects(verb, words)
        for ref, _ in ctx.actors(pobj)
        if ref.is_actor and ref.actor.type not in ("Place", "Country", "Person")
    ]


def _locates(token: Token, ref: Ref) -> bool:
    """A place that only locates the object ("water utilities in Pennsylvania")."""
    return ref.actor.type == "Place" and token.head.lower_ in _LOCATION_PREPS


def _complement_subjects(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """ "helped X break into Y", "ordered X to stop": the parser makes the controlled object
    the subject of the complement clause; for an object-control verb it is the object."""
    found: list[tuple[Ref, bool]] = []
    for clause in verb.children:
        if clause.dep_ not in ("ccomp", "xcomp") or not acts_as_verb(clause):
            continue
        if any(c.dep_ == "mark" for c in clause.children):
            continue  # "ordered that X ...": a reported order, not its addressee
        for subj in clause.children:
            if subj.dep_ == "nsubj" and subj.i > verb.i:
                found.extend(ctx.actors(subj, owner=False))
    return found


def _passive_objects(ctx: Context, verb: Token, frame: VerbFrame) -> list[tuple[Ref, bool]]:
    if frame.prep is not None and not frame.result and frame.prep not in _PARTICLES:
        return _objects(ctx, verb, frame)
    return patients(ctx, verb)


def _blame_objects(ctx: Context, verb: Token) -> list[tuple[Ref, bool]]:
    """ "blamed the hack on X" and "attributed it to X": the culprit is after the preposition,
    which the parser hangs on the verb or on the blamed event."""
    hosts = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for host in hosts:
        for child in host.children:
            if child.dep_ == "prep" and child.lower_ in _BLAME_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return ctx.actors(pobj, owner=False)
    return []


def _ordered_departures(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X ordered Y to leave the country", "Y were ordered to leave": an expulsion (not
    "ordered Y to leave the market": what is left is a country, if said)."""
    leaving = [
        c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in _DEPARTURE_VERBS
    ]
    if not any(all(_a_country(ctx, d) for d in c.children if d.dep_ == "dobj") for c in leaving):
        return
    yield from _to_object(ctx, verb, _DEPARTURE, "ordered-departure")


def _a_country(ctx: Context, noun: Token) -> bool:
    """ "the country", "Britain": a country by its noun or its name."""
    ref = ctx.ref(noun)
    return noun.lemma_.lower() in _COUNTRY_NOUNS or ref is not None and ref.actor.type == "Country"


_DEPARTURE = the_predicate("departure")
_DEPARTURE_VERBS = LEXICON.words("departure_verbs")
_COUNTRY_NOUNS = LEXICON.words("coref_country_heads")


def _threatened_through(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X threatened to leak Y's data", "X threatened to publish it unless Y paid": the
    objects of what is threatened, and who must act to avert it, are threatened."""
    if is_passive(verb) or any(c.dep_ == "dobj" for c in verb.children):
        return
    threatened: list[tuple[Ref, bool]] = []
    for act in (c for c in verb.children if c.dep_ == "xcomp" and is_to_infinitive(c)):
        threatened += [a for d in act.children if d.dep_ == "dobj" for a in ctx.actors(d)]
        for clause in (c for c in act.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in clause.children):
                threatened += [
                    a for s in clause.children if s.dep_ == "nsubj" for a in ctx.actors(s)
                ]
    for s, _ in ctx.subjects(verb):
        for o, via in threatened:
            if o.actor.id != s.actor.id:
                yield Candidate(s, _THREAT, o, verb.i, "threat-complement", via_owner=via)


_THREAT = the_predicate("threat_complement")
_CONDITION_MARKS = LEXICON.words("condition_marks")


def _complement_events(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "accused X of ties to Y", "blamed the Sony hack on X": events inside the accusation."""
    lemma = verb.lemma_.lower()
    if orders(verb):
        yield from _ordered_departures(ctx, verb)
    if any(f.predicate == _THREAT for f in VERB_FRAMES.get(lemma, ())):
        yield from _threatened_through(ctx, verb)
    if lemma in _SUSPICION_VERBS and not is_passive(verb):
        accusers = ctx.subjects(verb)
        for clause in verb.children:
            if clause.dep_ == "ccomp":
                for s, _ in accusers:
                    for o, _ in ctx.subjects(clause):
                        yield Candidate(s, _SUSPICION, o, verb.i, "accuse-that")
    if lemma in ACCUSE_VERBS:
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
        holders += [  # "blamed a group it calls X [for the attack]": hung on the naming clause
            clause
            for h in holders[1:]
            for clause in h.children
            if clause.dep_ == "relcl" and clause.lemma_.lower() in NAMING_VERBS
        ]
        for prep in (p for h in holders for p in h.children):
            if prep.dep_ == "prep" and prep.lower_ in CHARGE_PREPOSITIONS:
                events = [n for p in prep.children if p.dep_ == "pobj" for n in with_conjuncts(p)]
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
            for noun in with_conjuncts(c)
            if noun.lemma_.lower() in NOUN_FRAMES
        ]
        described = described_event(verb)  # "the attack, blamed on X / which Y blamed on X"
        if described is not None and (
            is_passive(verb) or any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in verb.children)
        ):
            events.append(described)
        source = blamers[0][0] if blamers else None
        if events and not _blames(verb):  # "linked the attack to X" attributes it to X
            for s, _ in blamers:
                for o, _ in culprits:
                    yield Candidate(s, _BLAMED, o, verb.i, "blame-on")
        for noun in events:
            yield from nominal_relations(ctx, noun, culprits, source, "blame-on")


def _blames(verb: Token) -> bool:
    """True if a sense of ``verb`` itself is ``blamed`` ("blame", "attribute")."""
    return any(f.predicate == _BLAMED for f in VERB_FRAMES.get(verb.lemma_.lower(), ()))


def _three_place(verb: Token) -> bool:
    """ "X linked the attack to Y": an active verb with an object before its preposition,
    so that the object, not the subject, is what is tied to Y."""
    return not is_passive(verb) and any(c.dep_ == "dobj" for c in verb.children)


_CLAUSE_MARKS = {p: tuple(inventory_rule(p, "clause_marks")) for p in with_rule("clause_marks")}
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


def placed(token: Token) -> bool:
    """ "placed / put / laid the blame": blame as the object of a light verb."""
    return (
        token.lemma_.lower() in _BLAME_NOUNS
        and token.pos_ == "NOUN"
        and token.dep_ in ("dobj", "nsubjpass")
        and token.head.lemma_.lower() in _BLAME_PLACING
    )


def placed_blame(ctx: Context, verb: Token) -> Iterator[Candidate]:
    """ "X placed / put / laid the blame for the attack on Y squarely on Z": the last "on"
    around the verb, the blame noun and the event names the culprit, the rest the target."""
    blame = next(c for c in verb.children if placed(c))
    events = [
        pobj
        for host in (verb, blame)
        for prep in host.children
        if prep.dep_ == "prep" and prep.lower_ in _BLAME_CAUSE_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in NOUN_FRAMES
    ]
    ons = [
        prep
        for host in (verb, blame, *events)
        for prep in host.children
        if prep.dep_ == "prep" and prep.lower_ in _BLAME_TARGET_PREPS
    ]
    if not ons:
        return
    last = max(ons, key=lambda t: t.i)
    culprits = [a for p in last.children if p.dep_ == "pobj" for a in ctx.actors(p, owner=False)]
    blamers = ctx.subjects(verb) if not is_passive(verb) else ctx.passive_agents(verb)
    for s, _ in blamers:
        for o, _ in culprits:
            yield Candidate(s, _BLAMED, o, verb.i, "blame-on")
    blamed = {o.start for o, _ in culprits}
    source = blamers[0][0] if blamers else None
    for event in events:
        for cand in nominal_relations(ctx, event, culprits, source, "blame-on"):
            if cand.object.start not in blamed:
                yield cand
