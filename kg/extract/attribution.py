"""Claim flags of a relation: who says so (source), how sure (modality), and negation.

* **Claimants**: every level of reported speech above the trigger, innermost
  first: a verb of saying, believing or finding whose complement holds it ("The
  Times reported that ...", "X confirmed that ..."), an accusation verb whose "of /
  with / for" holds it ("accused X of hacking Y", "was charged with"), a claim
  noun whose "that" clause holds it ("allegations by X that ...", "reports that
  ... were published by X"), "according to X", or a speech clause closing the
  sentence ("..., reported the newspaper X", "..., the Post reported"). A clause
  coordinated with its own subject is not reported by its neighbour's speaker, nor
  is a main clause by a speech verb in a subordinate clause ("after X said that").
  The relation's ``source`` is the nearest claimant, ``chain`` all of them
  outermost first. A source that is not an actor ("the report", "the indictment",
  an unresolved "it") falls back to the body behind it or to the article's previous
  source; an unnamed body of a state's officials ("US officials") speaks for the
  state.
* **Modality** (the claims rule): ``alleged`` under allegedly/reportedly/
  suspected, an alleging verb (suspect, allege, believe, claim), an accusation
  ("accused X of", "charged that") or an allegation noun, and a passive linking verb
  over the event ("X was linked to the attack on Y"); ``attempted`` under try/attempt/seek/
  plan/aim or "attempts by X to"; else ``asserted`` (also under factive verbs:
  confirm, reveal, find). Only an asserted, non-negated relation is a fact.
* **Negation**: not/never/no on the trigger or the verbs above it in its clause,
  anything denied ("denied hacking X", "denied any involvement"), a rejected
  claim ("refuted claims that X hacked Y") and denied evidence ("there is no
  evidence that X hacked Y").
* **Blame**: "X said Y was behind / responsible for E" is blamed(X, Y) as well.
* **Denials** are linked to the accuser: ``denied(A, B)`` where B made the
  accusation against A (or A's state) earlier in the article, or where the
  denied accusation names B ("rejected B's allegations", "after accusations
  by B"; then ``accused(B, A)`` too).
* **Official acts**: a passive charge, arrest or sanction with no agent, reported
  by a government body ("X was charged, the Justice Department said"), is that
  body's act.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Token

from kg.extract import lexicon
from kg.extract.actors import Ref
from kg.extract.lexicon import (
    AGENT_PREPOSITIONS,
    ALLEGED_CUES,
    ALLEGING_VERBS,
    ATTEMPT_NOUNS,
    ATTEMPT_VERBS,
    CHARGE_PREPOSITIONS,
    COMPLEMENT_MARKS,
    CONDEMNING_ADJECTIVES,
    DENIAL_OBJECTS,
    DENIAL_PARTICLES,
    DENIAL_VERBS,
    DISMISSIVE_WORDS,
    EVALUATIVE_VERBS,
    GENITIVE_PREPOSITIONS,
    INFINITIVE_MARKERS,
    LEXICON,
    NAMING_VERBS,
    NEGATION_WORDS,
    SPEECH_VERBS,
    VERB_FRAMES,
    tokens_with,
)
from kg.extract.patterns import (
    _LIST_OPENERS,
    Candidate,
    Context,
    agent_link,
    is_passive,
    judged_complements,
)
from kg.inventory import rule as inventory_rule
from kg.inventory import the_predicate, with_rule
from kg.models import Actor

_BLAMED = the_predicate("event_blame")
_CRITICIZED = the_predicate("judgement")

_COMPLEMENT_DEPS = {"ccomp", "parataxis", "xcomp", "advcl", "conj"}
_DENY = DENIAL_VERBS | frozenset(DENIAL_PARTICLES)
_SAME_CLAUSE = {
    "xcomp",
    "aux",
    "dobj",
    "pobj",
    "prep",
    "conj",
    "pcomp",
    "acomp",
    "attr",
    "oprd",
    "amod",
    "compound",
}
_ACCUSING = with_rule("accusation")
_DENIED = the_predicate("denies")
_MEMBERSHIP = the_predicate("membership")
_DENIED_CLAIM = inventory_rule(_DENIED, "denies")
_LEGAL_ACTS = {
    word: frame.predicate
    for word in LEXICON.words("official_act_verbs")
    for frame in VERB_FRAMES[word]
    if frame.prep is None
}
"""Official act verb -> the predicate of its bare sense ("indict" -> charged)."""
_ACCUSATIONS = LEXICON.words("accusation_nouns")
_QUESTION_MARKS = LEXICON.words("question_marks")
_AUTHOR_PREPS = LEXICON.words("author_prepositions")
_SOURCING_WORDS = LEXICON.words("sourcing_words")
_SOURCING_PREPOSITIONS = LEXICON.words("sourcing_prepositions")
_HEARSAY_PARTICIPLES = LEXICON.words("hearsay_participles")
_LINKING_PREPOSITIONS = LEXICON.words("linking_prepositions")

FACTIVE_VERBS = LEXICON.words("factive_verbs")
"""Verbs whose complement the source presents as a fact: it stays ``asserted``."""
ACCUSATION_VERBS = LEXICON.words("accusation_verbs")
"""Verbs whose "of / with / for" complement is an accusation ("accused X of hacking Y")."""
ALLEGATION_NOUNS = LEXICON.words("allegation_nouns")
"""Claim nouns whose "that" clause is alleged ("allegations that X hacked Y")."""
_REPORTING_NOUNS = LEXICON.words("reporting_nouns")
_CLAIM_NOUNS = ALLEGATION_NOUNS | _REPORTING_NOUNS
_AUTHOR_VERBS = LEXICON.words("authoring_verbs")
_EXTRA_SPEECH = LEXICON.words("extra_speech_verbs")
_CLAIM_VERBS = SPEECH_VERBS | FACTIVE_VERBS | _EXTRA_SPEECH
_NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")
_LEGAL_DOCUMENTS = LEXICON.words("legal_documents")
_SPEAKING_DOCUMENTS = LEXICON.words("speaking_documents")
_OUTLET_NOUNS = LEXICON.words("outlet_nouns")
_VERB_KINDS = ("speech", "alleging", "factive")
LINKING_VERBS = LEXICON.words("linking_verbs")
"""Verbs that tie an actor to an event without saying it acted: "X was linked to the hack"."""
EVIDENCE_NOUNS = LEXICON.words("evidence_nouns")
"""Nouns of support: "no evidence that X hacked Y" negates the relation."""
STATE_VOICE_HEADS = LEXICON.words("state_voice_heads")
"""Last words of an unnamed body of a state's officials: "US officials" speak for the US."""
_ALLEGING_KINDS = ("alleging", "accusation", "allegation")


@dataclass(frozen=True)
class Claim:
    """The claim flags of one candidate.

    ``source`` is the nearest claimant (the one ``annotation.md`` names: "The Times
    reported that X hacked Y" -> the Times); ``chain`` every claimant, outermost first
    ("the State Department said that the Times reported ..." -> State Department,
    the Times). ``speaker`` is the claimant whose own verb or noun governs the
    relation (None when the source comes from "according to" or the article's
    previous source).
    """

    source: Ref | None
    modality: str
    negated: bool
    chain: tuple[Ref, ...] = ()
    speaker: Ref | None = None


@dataclass(frozen=True)
class _Claimant:
    """One level of reported speech above a trigger: who, through which word, how."""

    ref: Ref | None
    word: Token
    kind: str  # "speech", "alleging", "factive", "accusation", "reporting", "allegation"


def hypothetical(ctx: Context, cand: Candidate) -> bool:
    """True when the trigger sits in an embedded question ("whether X hacked Y")."""
    trigger = ctx.doc[cand.trigger]
    for tok in [trigger, *_ancestors(trigger)[:4]]:
        if any(c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in tok.children):
            return True
    return False


def claim_of(ctx: Context, cand: Candidate, last_source: Ref | None) -> Claim:
    """Compute source, modality and negation for a candidate.

    The claims rule: what an accusation, suspicion, charge, claim or allegation
    says ("accused X of hacking Y", "X was suspected of", "charged with", "claimed
    that", "allegations that") is ``alleged``, with the accuser as its source; what
    a source reports or says is ``asserted`` with that source; what it confirms,
    reveals or finds (factive verbs) is ``asserted`` too. Only an asserted,
    non-negated relation becomes a direct fact in the graph.
    """
    trigger = ctx.doc[cand.trigger]
    chain = _ancestors(trigger)
    claimants = [
        c
        for c in _claimants(ctx, trigger, chain, last_source)
        if not _own_comment(c, trigger, cand.subject)
    ]
    rejected = next((c for c in claimants if _rejected_claim(c)), None)
    if rejected is not None:  # "X refuted claims that it hacked Y": X's denial, not a claim
        claimants = [c for c in claimants if c is not rejected]
    speech_verb = next((c.word for c in claimants if c.kind in _VERB_KINDS), None)
    refs = [c.ref for c in claimants if c.ref is not None]
    denial = rejected.word.head if rejected is not None else None
    if cand.rule not in _DESCRIPTIVE_RULES:
        denial = denial or _denial_verb(trigger, chain, speech_verb)
    deniers = ctx.subjects(denial) if denial is not None else []
    if deniers:  # "China denied (claims that it was) hacking X": China says it did not
        refs.insert(0, deniers[0][0])
    according = _according_to(ctx, trigger, claimants, last_source)
    if according is not None:
        refs.append(according)  # "according to X" frames the whole sentence: outermost
    if cand.source is not None:
        refs.insert(0, cand.source)
    refs = _dedupe([_state_voice(ctx, r) for r in refs])
    speaker = claimants[0].ref if claimants else None
    source = refs[0] if refs else None
    outer_first = tuple(reversed(refs))
    if cand.rule == "accusation-denied":  # the denial takes the accusation as made
        return Claim(source, "asserted", False, outer_first, speaker)
    if cand.rule in _DESCRIPTIVE_RULES:  # "Kremlin spokesman X denied ...": still a spokesman
        return Claim(source, "asserted", False, outer_first, speaker)
    negated = (
        cand.negated
        or rejected is not None
        or cand.rule not in _NEGATION_IS_THE_SENSE
        and (_negated(trigger, chain, speech_verb) or _unsupported(trigger, chain))
    )
    modality = cand.modality or "asserted"
    if _attempted(trigger, chain, speech_verb):
        modality = "attempted"
    elif modality == "asserted" and (
        _alleged(trigger, chain, speech_verb) or any(c.kind in _ALLEGING_KINDS for c in claimants)
    ):
        modality = "alleged"
    return Claim(source, modality, negated, outer_first, speaker)


_NEGATION_IS_THE_SENSE = ("withheld-permission",)
"""Rules whose own "not" makes the relation ("will not allow X to ..." bans X)."""
_DESCRIPTIVE_RULES = (
    "title",
    "apposition",
    "listed-members",
    "located-in",
    "hyphen-affiliation",
    "based-modifier",
)
"""Rules that read a noun phrase, not a clause: the clause's negation and modality are not
theirs."""


def _ancestors(token: Token) -> list[Token]:
    chain = []
    current = token
    while current.head != current and len(chain) < 12:
        current = current.head
        chain.append(current)
    return chain


def _speaker(
    ctx: Context, trigger: Token, chain: list[Token], last_source: Ref | None
) -> tuple[Ref | None, Token | None]:
    """The nearest claimant of ``trigger`` and its speech verb (None when not a verb)."""
    claimants = _claimants(ctx, trigger, chain, last_source)
    for claimant in claimants:
        if claimant.ref is not None:
            verb = claimant.word if claimant.kind in _VERB_KINDS else None
            return claimant.ref, verb
    according = _according_to(ctx, trigger, claimants, last_source)
    return according, None


def _claimants(
    ctx: Context, trigger: Token, chain: list[Token], last_source: Ref | None
) -> list[_Claimant]:
    """Every level of reported speech above ``trigger``, innermost first.

    A verb of saying, believing or finding whose complement holds the trigger, an
    accusation verb whose "of / with / for" holds it ("accused X of hacking Y",
    "was charged with"), or a claim noun whose clause holds it ("allegations that
    X hacked Y"). A clause coordinated with its own subject ("X said A hacked B,
    and C sanctioned D") is not reported by the speaker of its neighbour.
    """
    found: list[_Claimant] = []
    below = trigger
    for tok in chain:
        if below.dep_ == "conj" and _own_clause(below):
            break
        claimant = _claimant_at(ctx, tok, below, trigger, last_source)
        if claimant is not None:
            found.append(claimant)
        below = tok
    if not found:
        ref, verb = _parenthetical(ctx, trigger, chain)
        if ref is not None and verb is not None:
            found.append(_Claimant(ref, verb, _verb_kind(verb)))
    trailing = _trailing_speaker(ctx, chain[-1] if chain else trigger)
    if trailing is not None and all(c.word.i != trailing.word.i for c in found):
        found.append(trailing)
    return found


def _trailing_speaker(ctx: Context, root: Token) -> _Claimant | None:
    """ "X has said ..., reported the newspaper Y": an inverted speech verb after a comma at
    the end of the sentence, hung on its root, reports all of it."""
    for verb in root.rights:
        if (
            verb.dep_ not in ("conj", "parataxis", "ccomp")
            or verb.lemma_.lower() not in _CLAIM_VERBS
            or verb.i == 0
        ):
            continue
        inverted = verb.nbor(-1).text == "," and not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children
        )
        if inverted:
            for child in verb.rights:
                if child.dep_ in ("nsubj", "dobj"):
                    found = ctx.actors(child, owner=False)
                    if found:
                        return _Claimant(found[0][0], verb, _verb_kind(verb))
        elif _closing_comment(verb):  # "X said A hacked B, the Post reported."
            found = ctx.subjects(verb)
            if found:
                return _Claimant(found[0][0], verb, _verb_kind(verb))
    return None


def _closing_comment(verb: Token) -> bool:
    """ "..., the Post reported." : a speech verb with its subject after a comma, nothing
    of its own after it but punctuation, and no complement or subordinator."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return (
        bool(subjects)
        and subjects[0].left_edge.i > 0
        and verb.doc[subjects[0].left_edge.i - 1].text == ","
        and not _has_own_content(verb)
        and all(t.is_punct for t in verb.doc[verb.i + 1 : verb.sent.end])
    )


def _rejected_claim(claimant: _Claimant) -> bool:
    """A claim noun that a verb of rejection takes ("denied / refuted reports that ...")."""
    noun = claimant.word
    return (
        claimant.kind in ("allegation", "reporting")
        and noun.dep_ in ("dobj", "nsubjpass")
        and noun.head.pos_ == "VERB"
        and _denies(noun.head)
    )


def _own_comment(claimant: _Claimant, trigger: Token, subject: Ref) -> bool:
    """ "The FBI blamed X, saying ...": the actor's comment on its own act is no source."""
    return (
        claimant.word.head.i == trigger.i
        and claimant.ref is not None
        and claimant.ref.actor.id == subject.actor.id
    )


def _own_clause(verb: Token) -> bool:
    """A coordinated verb with its own subject and no "that" of its own."""
    return (
        verb.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
        and not any(c.dep_ == "mark" and c.lower_ in COMPLEMENT_MARKS for c in verb.children)
    )


def _verb_kind(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in ALLEGING_VERBS:
        return "alleging"
    if lemma in FACTIVE_VERBS:
        return "factive"
    return "speech"


def _claimant_at(
    ctx: Context, tok: Token, below: Token, trigger: Token, last_source: Ref | None
) -> _Claimant | None:
    """The claimant that ``tok`` makes of the clause ``below`` it, if any."""
    lemma = tok.lemma_.lower()
    if tok.i == trigger.i:
        return None
    if _reduced_report(tok):  # "the hackers, believed to be working for Iran, stole ..."
        return _Claimant(None, tok, "alleging") if below.dep_ == "xcomp" else None
    if (
        lemma in _CLAIM_VERBS
        and tok.pos_ in ("VERB", "AUX")
        and tok.dep_ not in _NOMINAL_DEPS  # "Reports that ..." tagged as a verb
        and (below.dep_ in _COMPLEMENT_DEPS or below.dep_ == "dobj" and below is not trigger)
    ):
        speakers = ctx.subjects(tok)
        if not speakers and any(c.dep_ == "nsubjpass" for c in tok.children):
            # "X was reported by Y": Y; "X is said to be run by Y": Y runs it, nobody says so
            speakers = [a for a in ctx.passive_agents(tok) if not _within(a[0], below)]
        if speakers:
            first = min(speakers, key=lambda found: found[0].start)[0]
            return _Claimant(first, tok, _verb_kind(tok))
        if _has_subject_noun(tok, _LEGAL_DOCUMENTS):  # prosecutors write indictments
            body = _latest_of_type(ctx, tok.i, "GovernmentBody", subject=True)
            return _Claimant(body or last_source, tok, _verb_kind(tok))
        if _has_subject_noun(tok, _SPEAKING_DOCUMENTS):
            # "the report says", and "it said" that coreference left open: the last source
            return _Claimant(last_source, tok, _verb_kind(tok))
        if lemma in ALLEGING_VERBS:  # "the lawsuit alleges that ...": alleged, by nobody named
            return _Claimant(None, tok, "alleging")
        return None
    if (
        lemma in ACCUSATION_VERBS
        and tok.pos_ == "VERB"
        and below.dep_ == "ccomp"
        and any(c.dep_ == "mark" and c.lower_ in COMPLEMENT_MARKS for c in below.children)
    ):  # "the FBI charged that North Korea hacked Sony"
        speakers = ctx.subjects(tok)
        return _Claimant(speakers[0][0] if speakers else None, tok, "accusation")
    if (
        lemma in ACCUSATION_VERBS
        and tok.pos_ == "VERB"
        and (
            below.dep_ == "prep"
            and below.lower_ in CHARGE_PREPOSITIONS
            or below.dep_ == "dobj"
            and _named_charge(below, trigger)
        )
    ):
        speakers = ctx.passive_agents(tok) if is_passive(tok) else ctx.subjects(tok)
        return _Claimant(speakers[0][0] if speakers else None, tok, "accusation")
    if (
        (tok.pos_ == "NOUN" or tok.dep_ in _NOMINAL_DEPS)
        and lemma in _CLAIM_NOUNS
        and below.dep_ in ("acl", "ccomp")
        and any(c.dep_ == "mark" and c.lower_ in COMPLEMENT_MARKS for c in below.children)
    ):
        kind = "allegation" if lemma in ALLEGATION_NOUNS else "reporting"
        return _Claimant(_noun_claimant(ctx, tok), tok, kind)
    return None


def _named_charge(accused: Token, trigger: Token) -> bool:
    """Whether the trigger is the charge that the parser hung on the clause naming the
    accused: "accused a group it dubbed X [of hacking Y]"."""
    return any(
        clause.dep_ == "relcl"
        and clause.lemma_.lower() in NAMING_VERBS
        and any(
            prep.dep_ == "prep"
            and prep.lower_ in CHARGE_PREPOSITIONS
            and prep.left_edge.i <= trigger.i <= prep.right_edge.i
            for prep in clause.children
        )
        for clause in accused.children
    )




def _within(ref: Ref, clause: Token) -> bool:
    """Whether the mention lies in the subtree of ``clause``."""
    return clause.left_edge.i <= ref.start <= clause.right_edge.i


def _noun_claimant(ctx: Context, noun: Token) -> Ref | None:
    """Who makes a claim noun: "X's allegations", "allegations by X", "reports that ...
    were published by X", "X made allegations that"."""
    agents = ctx.noun_agents(noun)
    if not agents and noun.dep_ == "nsubjpass":
        agents = ctx.passive_agents(noun.head)
    if not agents and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _AUTHOR_VERBS:
        agents = ctx.subjects(noun.head)
    return agents[0][0] if agents else None


def _state_voice(ctx: Context, ref: Ref) -> Ref:
    """The state an unnamed body of its officials speaks for, as a claimant: "US officials
    said" and "German authorities believe" are the United States and Germany claiming.

    Only a descriptive group ("US security agencies") whose last word is in
    ``state_voice_heads`` and whose owner is a country is replaced; the mention keeps
    its place in the text.
    """
    actor = ref.actor
    if (
        ref.kind != "group"
        or actor.type != "GovernmentBody"
        or not actor.affiliation
        or actor.label.split()[-1].lower() not in STATE_VOICE_HEADS
    ):
        return ref
    state = next(
        (
            r.actor
            for r in ctx.refs
            if r.actor.label == actor.affiliation and r.actor.type == "Country"
        ),
        None,
    ) or _country(actor)
    return ref if state is None else replace(ref, actor=state, kind="name")


def _country(group: Actor) -> Actor | None:
    """The gazetteer's country of a descriptive group's owner (None if it is no country)."""
    from kg.extract.gazetteer import Gazetteer

    state = Gazetteer.load().by_label(group.affiliation or "")
    return state if state is not None and state.type == "Country" else None


def _dedupe(refs: list[Ref]) -> list[Ref]:
    out: list[Ref] = []
    for ref in refs:
        if all(r.actor.id != ref.actor.id for r in out):
            out.append(ref)
    return out


def blames(ctx: Context, cand: Candidate, claim: Claim) -> Iterator[Candidate]:
    """ "The FBI said X was behind / responsible for the hack": blamed(FBI, X).

    The claimant who ties an agent to an operation blames that agent; the
    relation's own source is the next claimant out ("..., the Times reported").
    """
    if claim.negated or not agent_link(ctx.doc[cand.trigger]):
        return
    blamer = claim.speaker or claim.source
    if blamer is None or blamer.actor.id in (cand.subject.actor.id, cand.object.actor.id):
        return
    yield Candidate(blamer, _BLAMED, cand.subject, cand.trigger, "attribution-blame")


def _parenthetical(
    ctx: Context, trigger: Token, chain: list[Token]
) -> tuple[Ref | None, Token | None]:
    """ "Both companies, X said, notified Y": a speech verb hung on the clause it reports."""
    for tok in [trigger, *chain[:3]]:
        for child in tok.children:
            if (
                child.dep_ in ("parataxis", "advcl")
                and child.lemma_.lower() in SPEECH_VERBS
                and not _has_own_content(child)  # "after Obama said that ...": a clause apart
            ):
                speakers = ctx.subjects(child)
                if speakers:
                    return speakers[0][0], child
    return None, None


def _has_own_content(verb: Token) -> bool:
    """Whether a speech verb has a subordinator or a complement of its own ("after X said
    that ...", "X said it"): then it is no parenthetical comment on its neighbour."""
    return any(c.dep_ == "mark" or c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)


def _has_subject_noun(verb: Token, nouns: frozenset[str]) -> bool:
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in nouns for c in verb.children
    )


def _according_to(
    ctx: Context, trigger: Token, claimants: list[_Claimant], last_source: Ref | None
) -> Ref | None:
    """ "according to X" in the trigger's sentence; "according to the paper('s sources)"
    is the outlet last cited."""
    sent = trigger.sent
    for tok in sent:
        if tok.lower_ not in _SOURCING_WORDS:
            continue
        for to in tok.children:
            if to.lower_ not in _SOURCING_PREPOSITIONS:
                continue
            for pobj in to.children:
                found = ctx.actors(pobj)
                if found:
                    return found[0][0]
                if any(t.lemma_.lower() in _OUTLET_NOUNS for t in pobj.subtree):
                    return _latest_outlet(ctx, tok.i)
    return None


def _latest_outlet(ctx: Context, before: int) -> Ref | None:
    """The media outlet named last before token ``before`` ("the paper" refers to it)."""
    return _latest_of_type(ctx, before, "MediaOutlet")


def _latest_of_type(ctx: Context, before: int, type_: str, subject: bool = False) -> Ref | None:
    """The actor of type ``type_`` named last before token ``before`` (with ``subject``,
    the last one that was the subject of a clause: who acted, not who was mentioned)."""
    found = [
        r
        for r in ctx.refs
        if r.actor.type == type_
        and r.start < before
        and r.is_actor
        and (not subject or ctx.doc[r.end - 1].dep_ == "nsubj")
    ]
    return max(found, key=lambda r: r.start) if found else None


def _clause_chain(trigger: Token, chain: list[Token], stop: Token | None) -> list[Token]:
    """The trigger and its ancestors up to (not including) the speech verb."""
    out = [trigger]
    for tok in chain:
        if stop is not None and tok.i == stop.i:
            break
        out.append(tok)
    return out


def _negated(trigger: Token, chain: list[Token], stop: Token | None) -> bool:
    below = trigger
    for tok in _clause_chain(trigger, chain, stop):
        if (
            tok is not trigger
            and below.dep_ not in _SAME_CLAUSE
            and tok.lemma_.lower() not in _DENY
        ):
            return False
        below = tok
        for child in tok.children:
            if (
                child.dep_ == "neg"
                or child.lower_ in NEGATION_WORDS
                and child.dep_ in ("det", "advmod", "neg")
            ):
                return True
        if tok is not trigger and _rejects(tok):
            return True
    return False


def _unsupported(trigger: Token, chain: list[Token]) -> bool:
    """ "There is no evidence that X hacked Y", "found no sign of X stealing Y", "did not find
    any evidence that ...": a denied evidence noun whose clause holds the trigger."""
    below = trigger
    for tok in chain[:4]:
        if (
            tok.pos_ == "NOUN"
            and tok.lemma_.lower() in EVIDENCE_NOUNS
            and below.dep_ in ("acl", "ccomp", "prep")
            and (below.dep_ != "prep" or below.lower_ in GENITIVE_PREPOSITIONS)
        ):
            return any(
                c.dep_ in ("det", "neg") and c.lower_ in NEGATION_WORDS for c in tok.children
            ) or any(c.dep_ == "neg" for c in tok.head.children)
        below = tok
    return False


def _denial_verb(trigger: Token, chain: list[Token], stop: Token | None) -> Token | None:
    """The verb of rejection above the trigger in its clause, or over the clause it takes
    ("denied hacking X", "denied any involvement in the attack", "denied that ...")."""
    below = trigger
    for tok in _clause_chain(trigger, chain, stop)[1:]:
        if tok.lemma_.lower() in _DENY and tok.pos_ == "VERB":
            return tok
        if below.dep_ not in _SAME_CLAUSE:
            return None
        below = tok
    return None


def _attempted(trigger: Token, chain: list[Token], stop: Token | None) -> bool:
    for tok in _clause_chain(trigger, chain, stop)[1:]:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in ATTEMPT_VERBS:
            return True
        if tok.pos_ == "NOUN" and lemma in ATTEMPT_NOUNS:
            return True
    return False


def _alleged(trigger: Token, chain: list[Token], stop: Token | None) -> bool:
    clause = _clause_chain(trigger, chain, stop)
    below = trigger
    for tok in clause:
        for child in tok.children:
            if child.lower_ in ALLEGED_CUES and child.dep_ in ("advmod", "amod", "auxpass"):
                return True
        if (
            tok is not trigger
            and tok.lemma_.lower() in _HEARSAY_PARTICIPLES
            and tok.tag_ == "VBN"
        ):
            return True  # "is said to", "are believed to have"
        if (
            below.dep_ == "prep"
            and below.lower_ in _LINKING_PREPOSITIONS
            and tok.lemma_.lower() in LINKING_VERBS
            and is_passive(tok)
        ):
            return True  # "Iran has been linked / tied to the attack on X"
        if tok is not trigger and tok.pos_ == "NOUN" and tok.lemma_.lower() in ALLEGATION_NOUNS:
            return True  # "arrested on suspicion of spying", "held on charges of hacking"
        below = tok
    return stop is not None and stop.lemma_.lower() in ALLEGING_VERBS


def condemnations(ctx: Context) -> Iterator[Candidate]:
    """S says "it is unacceptable that X ..." -> criticized(S, X)."""
    for adj in tokens_with(ctx.doc, CONDEMNING_ADJECTIVES):
        if adj.lemma_.lower() not in CONDEMNING_ADJECTIVES or adj.dep_ != "acomp":
            continue
        clauses = [c for c in adj.head.children if c.dep_ == "ccomp"]
        clauses += [c for c in adj.children if c.dep_ == "ccomp"]
        targets = [t for clause in clauses for t in ctx.subjects(clause)]
        if not targets:
            continue
        speaker, _verb = _speaker(ctx, adj, _ancestors(adj), None)
        if speaker is None:
            speaker = _colon_speaker(ctx, adj)
        if speaker is not None:
            for target, _ in targets:
                yield Candidate(speaker, _CRITICIZED, target, adj.i, "condemnation")


def _colon_speaker(ctx: Context, token: Token) -> Ref | None:
    """The subject of 'X said:' just before a quote that holds ``token``."""
    sent = token.sent
    for tok in sent:
        if tok.i >= token.i:
            break
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
            speakers = ctx.subjects(tok)
            if speakers:
                return speakers[0][0]
    return None


def link_denials(ctx: Context, found: list[Candidate]) -> Iterator[Candidate]:
    """``denied(A, B)``: A rejects what B, earlier in the article, accused A (or A's state) of."""
    already = {c.trigger for c in found if c.predicate == _DENIED}
    verbs = {t.i: t for t in tokens_with(ctx.doc, _DENY | EVALUATIVE_VERBS)}
    for claim in tokens_with(ctx.doc, DENIAL_OBJECTS):  # "opposes groundless accusations"
        if claim.dep_ == "dobj":
            verbs.setdefault(claim.head.i, claim.head)
    for token in sorted(verbs.values()):
        if not _denies(token) or token.pos_ != "VERB" or token.i in already:
            continue
        objects = [c for c in token.children if c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass")]
        if token.dep_ == "relcl":
            objects.append(token.head)
        if not objects:
            continue
        if not any(
            o.lemma_.lower() in DENIAL_OBJECTS or _names_operation(o) or o.pos_ == "VERB"
            for o in objects
        ):  # "denied the accusations", "denied hacking X", "denied the attack"
            continue
        for denier, _ in ctx.subjects(token):
            local = _accusation_agents(ctx, token, denier)
            for noun, accuser in local:
                yield Candidate(denier, _DENIED, accuser, token.i, "denial-of-accusation")
                yield Candidate(accuser, _DENIED_CLAIM, denier, noun.i, "accusation-denied", True)
            if local:
                continue
            for accuser in _accusers(ctx, found, token.i, denier):
                yield Candidate(denier, _DENIED, accuser, token.i, "denial")


def _names_operation(noun: Token) -> bool:
    """Whether the noun names an operation ("denied the attack"), by the lexicon's frames."""
    return noun.lemma_.lower() in lexicon.CYBER_EVENT_NOUNS


def _rejects(verb: Token) -> bool:
    """ "denied", or "brushed off" / "waved aside" with its particle (not "a wave of")."""
    lemma = verb.lemma_.lower()
    if lemma in DENIAL_VERBS:
        return True
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    return bool(particles & DENIAL_PARTICLES.get(lemma, frozenset()))


def _denies(verb: Token) -> bool:
    """A verb of rejection (:func:`_rejects`), or a judgement that a claim is baseless."""
    if _rejects(verb):
        return True
    lemma = verb.lemma_.lower()
    claims = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in DENIAL_OBJECTS]
    if any(_dismissive(m) for c in claims for m in c.children if m.dep_ == "amod"):
        return True  # "opposes groundless accusations"
    if claims and lemma in EVALUATIVE_VERBS:  # "called the claims absurd / as baseless"
        judged = judged_complements(verb)
        judged += [c for c in verb.children if c.dep_ == "dobj" and c.i > claims[0].i]
        judged += [  # "called the claims by X absurd", "absurd" hung on X as a modifier after it
            t for c in claims for t in c.subtree if t.dep_ == "amod" and t.head.i < t.i
        ]
        return any(_dismissive(t) for t in judged)  # also "called the claims lies"
    return False


def _dismissive(token: Token) -> bool:
    """ "absurd", "groundless and irresponsible", "a fabrication", "sheer nonsense"."""
    words = [token, *token.conjuncts, *(c for c in token.children if c.dep_ == "amod")]
    return any(w.lemma_.lower() in DISMISSIVE_WORDS or w.lower_ in DISMISSIVE_WORDS for w in words)


def official_agents(ctx: Context, found: list[Candidate]) -> Iterator[Candidate]:
    """ "X was charged with fraud, according to a Justice Department statement": a passive
    legal action with no agent is the act of the government body that reports it."""
    done = {c.trigger for c in found}
    for verb in tokens_with(ctx.doc, _LEGAL_ACTS):
        lemma = verb.lemma_.lower()
        if lemma not in _LEGAL_ACTS or verb.pos_ != "VERB" or verb.i in done:
            continue
        if not is_passive(verb) or ctx.passive_agents(verb):
            continue
        chain = _ancestors(verb)
        speaker, _ = _speaker(ctx, verb, chain, None)
        if speaker is None or speaker.actor.type != "GovernmentBody":
            continue
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                for target, _ in ctx.actors(child, owner=False):
                    if target.actor.type in ("Person", "ThreatGroup", "Company", "Organization"):
                        yield Candidate(speaker, _LEGAL_ACTS[lemma], target, verb.i, "official-act")


def _accusation_agents(ctx: Context, deny: Token, denier: Ref) -> list[tuple[Token, Ref]]:
    """Accusers named with the denied accusation: "rejected Germany's allegations", "denied
    it after accusations by X", "the claims were echoed by X -- accusations Y denied"."""
    found: list[tuple[Token, Ref]] = []
    scope = deny
    if deny.dep_ == "relcl":  # "accusations (that) X denied", also renaming a noun before it
        scope = deny.head
        while scope.dep_ == "appos" and scope.head != scope:
            scope = scope.head
    for noun in scope.subtree:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _ACCUSATIONS:
            continue
        agents = ctx.noun_agents(noun)
        if not agents and noun.dep_ == "nsubjpass":
            agents = ctx.passive_agents(noun.head)
        if not agents:  # "the claims made / levelled by X": a reduced passive on the noun
            agents = [a for c in noun.children if c.dep_ == "acl" for a in ctx.passive_agents(c)]
        if not agents and noun.dep_ == "dobj" and noun.head.i == deny.i:
            # "refuted the charges from / by the FBI": the parser hangs "from X" on the verb
            agents = ctx.prep_actors(deny, _AUTHOR_PREPS) or ctx.prep_actors(
                deny, AGENT_PREPOSITIONS
            )
        for agent, _ in agents:
            known = {a.actor.id for _, a in found} | {denier.actor.id}
            if agent.actor.id not in known and not _listed_after(ctx, agents[0][0], agent):
                found.append((noun, agent))
    return found


def _listed_after(ctx: Context, first: Ref, ref: Ref) -> bool:
    """Whether ``ref`` is in a list set off by a dash, colon or bracket after ``first``
    ("X and its allies -- A, B and C --"): the list spells out members, not more accusers."""
    return ref.start > first.end and any(
        t.text in _LIST_OPENERS for t in ctx.doc[first.end : ref.start]
    )


def _accusers(ctx: Context, found: list[Candidate], before: int, denier: Ref) -> list[Ref]:
    """The subjects of the latest accusation against the denier (or its state, also the
    state of the body it speaks for: "Kremlin spokesman Dmitry Peskov rejected the
    accusations") before it."""
    states = {_state(denier)} | {
        _state(c.object)
        for c in found
        if c.predicate == _MEMBERSHIP and c.subject.actor.id == denier.actor.id
    }
    states.discard(None)
    best: list[Candidate] = []
    for cand in found:
        if cand.trigger >= before or cand.predicate not in _ACCUSING:
            continue
        target = cand.object.actor
        if target.id == denier.actor.id or _state(cand.object) in states:
            newer_sentence = best and ctx.doc[best[0].trigger].sent != ctx.doc[cand.trigger].sent
            if newer_sentence and cand.trigger > best[0].trigger:
                best = []
            best.append(cand)
    out: list[Ref] = []
    for cand in best:
        if cand.subject.actor.id != denier.actor.id and all(
            r.actor.id != cand.subject.actor.id for r in out
        ):
            out.append(cand.subject)
    return out


def _state(ref: Ref) -> str | None:
    actor = ref.actor
    if actor.type == "Country":
        return actor.label
    return actor.affiliation


def denied_accusation(ctx: Context, cand: Candidate, claim: Claim) -> Claim | None:
    """The accuser's claim inside a denial: "China denies the Netherlands' accusations that
    X spied on Y" -> besides the negated relation (China's word), the relation alleged by
    the Netherlands. None unless ``cand`` sits in the content of a denied accusation whose
    accuser is named ("X's accusations", "accusations by / from X", "US claims")."""
    if not claim.negated:
        return None
    token = ctx.doc[cand.trigger]
    for noun in token.ancestors:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _ACCUSATIONS:
            continue
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in DENIAL_VERBS:
            return None
        accusers = [a for a, _ in ctx.noun_agents(noun) if a.is_actor]
        accusers += [  # "U.S. claims that ..."
            r
            for c in noun.children
            if c.dep_ == "compound"
            for r in [ctx.ref(c)]
            if r is not None and r.is_actor
        ]
        accusers += [  # "denies the Netherlands' accusations", parsed as two objects
            a
            for c in noun.head.children
            if c.dep_ == "dobj" and c.i < noun.i and any(g.dep_ == "case" for g in c.children)
            for a, _ in ctx.actors(c, owner=False)
        ]
        if not accusers:
            return None
        return Claim(accusers[0], "alleged", False, (accusers[0],), accusers[0])
    return None


def _reduced_report(verb: Token) -> bool:
    """ "X, believed / said / thought to be ...": a reduced passive of belief that the
    parser read as X's own verb. Nobody is its speaker; the main verb is the article's.
    Also without the commas ("hackers believed to be working for Iran targeted Y"): the
    active verb of belief takes an object or a clause, never a bare "to" infinitive."""
    doc = verb.doc
    if verb.lemma_.lower() not in _REDUCED_REPORT_VERBS or verb.i < 1:
        return False
    if not any(
        c.dep_ == "xcomp" and any(g.lower_ in INFINITIVE_MARKERS for g in c.children)
        for c in verb.children
    ):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if doc[verb.i - 1].text == ",":
        return any(c.i < verb.i - 1 for c in subjects)
    return (
        verb.tag_ in ("VBD", "VBN")
        and any(c.right_edge.i == verb.i - 1 and c.pos_ in ("NOUN", "PROPN") for c in subjects)
        and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children)
    )


_REDUCED_REPORT_VERBS = LEXICON.words("reduced_report_verbs")
