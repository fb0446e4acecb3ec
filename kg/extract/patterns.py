"""The relation rules run over one parsed Doc: :func:`find_candidates`.

The rules live by job: :mod:`kg.extract.arguments` finds what an argument token
stands for (mentions, owners, inherited subjects), :mod:`kg.extract.verbal` holds
the verb frames and clause constructions, :mod:`kg.extract.nominal` the event
nouns, relational nouns, titles and descriptions. This module visits only the
tokens a rule can start from (:data:`TRIGGER_WORDS`), runs the rules and drops
invalid candidates. Claim flags (source, modality, negation) are set later by
:mod:`kg.extract.attribution`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.actors import Ref, owned_memberships
from kg.extract.arguments import (
    Candidate,
    Context,
    acts_as_verb,
    is_passive,
)
from kg.extract.lexicon import (
    AFFILIATION_SUFFIXES,
    BASED_WORDS,
    EVALUATIVE_VERBS,
    LEXICON,
    LIST_NOUNS,
    NOUN_FRAMES,
    RELATIONAL_NOUNS,
    SPEECH_VERBS,
    VERB_FRAMES,
    tokens_with,
)
from kg.extract.nominal import (
    _LIST_OPENERS,
    CULPRIT_NOUNS,
    GENERIC_EVENT_HEADS,
    LOCATED_TYPES,
    PRINCIPAL_NOUNS,
    SUFFERER_NOUNS,
    agent_link,
    based_relations,
    event_frame,
    hyphen_affiliations,
    joint_relations,
    listed_members,
    listing_bans,
    located_in,
    modifies_generic_event,
    named_culprits,
    nominal_gerund,
    nominal_relations,
    origin_relations,
    principal_relations,
    relational_relations,
    suffered_events,
    target_relations,
    title_relations,
)
from kg.extract.verbal import (
    DIRECTIVE_SPEECH_VERBS,
    HOLDING_VERBS,
    PERMITTING_VERBS,
    TRANSFER_VERBS,
    dismissed_in_speech,
    held_responsible,
    judged_complements,
    judgements,
    placed,
    placed_blame,
    ransom_demands,
    ransom_payments,
    told_to,
    transfers,
    verb_relations,
    withheld_permission,
)
from kg.inventory import rule, with_rule

_JOINT_MODIFIERS = LEXICON.words("joint_modifiers")
_ORIGIN_PREPS = LEXICON.words("origin_prepositions")
_PAYING_VERBS = LEXICON.words("paying_verbs")
_DEMAND_NOUNS = LEXICON.words("demand_verbs")
_TARGET_NOUNS = LEXICON.words("target_nouns")

__all__ = [  # the rule modules' names that attribution and extraction read from here
    "_LIST_OPENERS",
    "agent_link",
    "TRIGGER_WORDS",
    "Candidate",
    "Context",
    "find_candidates",
    "is_passive",
    "judged_complements",
]


# ----------------------------------------------------------------------- rules
def find_candidates(doc: Doc, refs: list[Ref]) -> list[Candidate]:
    """Run every rule over ``doc``; return the candidates in text order."""
    ctx = Context(doc, refs)
    found: list[Candidate] = []
    if not any(r.is_actor for r in refs):
        return found
    noted = 0
    for token in tokens_with(doc, TRIGGER_WORDS):
        ctx.note_operations(found[noted:])  # who did the operations so far, for "the breach"
        noted = len(found)
        lemma = token.lemma_.lower()
        if lemma in VERB_FRAMES and acts_as_verb(token):
            found.extend(verb_relations(ctx, token))
        if token.pos_ == "VERB" and lemma in _PAYING_VERBS:
            found.extend(ransom_payments(ctx, token))
        if token.pos_ == "NOUN" and lemma in _DEMAND_NOUNS:
            found.extend(ransom_demands(ctx, token))
        elif placed(token):
            found.extend(placed_blame(ctx, token.head))
        elif (
            (token.pos_ in ("NOUN", "PROPN") or nominal_gerund(token))
            and event_frame(token) is not None
            and not modifies_generic_event(token)
        ):
            found.extend(nominal_relations(ctx, token))
        if lemma in BASED_WORDS or token.lower_ in BASED_WORDS:
            found.extend(based_relations(ctx, token))
        if token.lower_ in _ORIGIN_PREPS:
            found.extend(origin_relations(ctx, token))
        if "-" in token.text or token.dep_ == "amod":
            found.extend(hyphen_affiliations(ctx, token))
        if lemma in RELATIONAL_NOUNS and token.pos_ in ("NOUN", "PROPN"):
            found.extend(relational_relations(ctx, token))
        if lemma in LIST_NOUNS and token.pos_ in ("NOUN", "PROPN"):
            found.extend(listing_bans(ctx, token))
        if lemma in EVALUATIVE_VERBS and token.pos_ == "VERB":
            found.extend(judgements(ctx, token))
        if lemma in TRANSFER_VERBS and token.pos_ == "VERB":
            found.extend(transfers(ctx, token))
        if lemma in CULPRIT_NOUNS and token.pos_ == "NOUN":
            found.extend(named_culprits(ctx, token))
        if lemma in PERMITTING_VERBS and token.pos_ == "VERB":
            found.extend(withheld_permission(ctx, token))
        if lemma in HOLDING_VERBS and token.pos_ == "VERB":
            found.extend(held_responsible(ctx, token))
        if lemma in DIRECTIVE_SPEECH_VERBS and token.pos_ == "VERB":
            found.extend(told_to(ctx, token))
        if lemma in SPEECH_VERBS and token.pos_ == "VERB":
            found.extend(dismissed_in_speech(ctx, token))
        if lemma in PRINCIPAL_NOUNS and token.pos_ == "NOUN":
            found.extend(principal_relations(ctx, token))
        if token.lower_ in _JOINT_MODIFIERS and token.dep_ == "amod":
            found.extend(joint_relations(ctx, token.head))
        if lemma in _TARGET_NOUNS and token.pos_ == "NOUN":
            found.extend(target_relations(ctx, token))
        if lemma in SUFFERER_NOUNS and token.pos_ == "NOUN":
            found.extend(suffered_events(ctx, token))
    for ref in refs:
        if ref.actor.type == "Person" or ref.kind == "name":
            found.extend(title_relations(ctx, ref))
        if ref.kind == "name" and ref.actor.type in LOCATED_TYPES:
            found.extend(located_in(ctx, ref))
        if ref.kind == "name" and ref.actor.type == "Organization":
            found.extend(listed_members(ctx, ref))
    found.extend(Candidate(*member) for member in owned_memberships(refs))  # hactor hook
    return _most_specific([c for c in found if _valid(c)])


def _most_specific(found: list[Candidate]) -> list[Candidate]:
    """Drop an ``affiliatedWith`` that a ``memberOf`` of the same pair makes redundant
    ("X works for Y": an employee, not only affiliated)."""
    held = {(c.predicate, c.subject.actor.id, c.object.actor.id) for c in found}
    return [
        c
        for c in found
        if c.predicate not in _SUBSUMED
        or (_SUBSUMED[c.predicate], c.subject.actor.id, c.object.actor.id) not in held
    ]


_SUBSUMED = {p: rule(p, "subsumed_by") for p in with_rule("subsumed_by")}
"""Predicate -> the more specific predicate that makes it redundant (relations.json)."""


TRIGGER_WORDS = frozenset(
    set(VERB_FRAMES)
    | set(NOUN_FRAMES)
    | BASED_WORDS
    | set(RELATIONAL_NOUNS)
    | LEXICON.words("construction_triggers")
    | LIST_NOUNS
    | EVALUATIVE_VERBS
    | HOLDING_VERBS
    | DIRECTIVE_SPEECH_VERBS
    | SPEECH_VERBS
    | TRANSFER_VERBS
    | PERMITTING_VERBS
    | CULPRIT_NOUNS
    | SUFFERER_NOUNS
    | GENERIC_EVENT_HEADS
    | PRINCIPAL_NOUNS
    | {suffix.lstrip("-") for suffix in AFFILIATION_SUFFIXES}
)
"""Every word a rule starts from; other tokens are never visited."""


def _valid(c: Candidate) -> bool:
    if c.subject.actor.id == c.object.actor.id:
        return False
    if not c.subject.is_actor:
        return False  # an unspecified crowd does not act
    return c.object.kind != "people" or c.predicate in _PEOPLE_PREDICATES


_PEOPLE_PREDICATES = with_rule("people_object")
