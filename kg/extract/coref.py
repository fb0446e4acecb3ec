"""References inside an article: pronouns and definite descriptions resolved to earlier actors.

"it", "its", "the company", "the agency", "the hackers" are resolved to the most
recent earlier mention of a compatible type within a short window (the same and
the two previous sentences). Where no candidate fits, nothing is resolved: a wrong
antecedent is worse than none.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.actors import THREAT_NOUNS, Ref
from kg.extract.lexicon import SPEECH_VERBS, tokens_with

WINDOW_SENTENCES = 2
"""How many sentences back an antecedent may be."""

_NONHUMAN = ("Country", "GovernmentBody", "Organization", "Company", "MediaOutlet", "ThreatGroup")
PRONOUN_TYPES: dict[str, tuple[str, ...]] = {
    "it": _NONHUMAN,
    "its": _NONHUMAN,
    "he": ("Person",),
    "him": ("Person",),
    "his": ("Person",),
    "she": ("Person",),
    "her": ("Person",),
    "they": ("ThreatGroup", "People"),
    "them": ("ThreatGroup", "People"),
    "their": ("ThreatGroup", "People"),
}
"""Pronoun -> the actor types it may refer to."""

DESCRIPTION_TYPES: dict[str, tuple[str, ...]] = {}
for _words, _types in (
    (
        "company firm corporation giant provider vendor maker manufacturer business retailer "
        "operator chain insurer carrier startup",
        ("Company", "Organization"),
    ),
    ("agency ministry department office bureau service directorate", ("GovernmentBody",)),
    ("government administration", ("Country", "GovernmentBody")),
    ("country nation state", ("Country",)),
    ("group gang collective crew outfit", ("ThreatGroup", "Organization")),
    ("newspaper paper outlet publication magazine broadcaster", ("MediaOutlet",)),
    ("organization organisation", ("Organization", "GovernmentBody")),
    ("bank", ("Organization", "Company", "GovernmentBody")),
    ("suspect teenager man woman boy chancellor president minister", ("Person",)),
):
    for _word in _words.split():
        DESCRIPTION_TYPES[_word] = _types
"""Head noun of a definite description -> the actor types it may refer to."""

_DEFINITE = {"the", "this", "that"}
_SINGULAR = {"it", "its", "he", "him", "his", "she", "her"}
_PLURAL = {"they", "them", "their"}
_NAMED_KINDS = {"bank"}
"""Description heads that must appear in the antecedent's name."""
_COREF_TRIGGERS = frozenset(set(PRONOUN_TYPES) | set(DESCRIPTION_TYPES) | {"old"})
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_CLAUSE_DEPS = {"ROOT", "ccomp", "relcl", "advcl", "xcomp", "conj"}


def resolve(doc: Doc, refs: list[Ref]) -> list[Ref]:
    """Return ``refs`` plus one ``coref`` mention per resolved pronoun or description.

    Unnamed threat groups ("the hackers") are re-pointed to the most recent named
    threat group in the window, if any.
    """
    sent_of = _sentence_index(doc)
    taken = {i for r in refs for i in range(r.start, r.end)}
    out = sorted(refs, key=lambda r: r.start)
    for pos, ref in enumerate(out):
        if ref.kind == "group" and ref.actor.type == "ThreatGroup" and _is_definite(doc, ref):
            antecedent = _antecedent(out, pos, ref.start, ("ThreatGroup",), sent_of)
            if antecedent is not None and antecedent.actor.label != ref.actor.label:
                out[pos] = replace(ref, actor=antecedent.actor, kind="coref")
    starts = [r.start for r in out]
    plural_starts = {r.start for r in out if doc[r.end - 1].tag_ == "NNS"}
    plural_groups = {r.start for r in out if r.start in plural_starts and r.kind == "group"}
    for token in tokens_with(doc, _COREF_TRIGGERS):
        if token.i in taken:
            continue
        plural = _plural_description_types(token)
        types = (
            plural or _pronoun_types(token) or _description_types(token) or _age_types(token)
        )
        if not types:
            continue
        upto = bisect_left(starts, token.i)
        if plural:
            antecedents = _antecedents(out, upto, token.i, plural, sent_of, 2)
        else:
            singular = token.lower_ in _SINGULAR or token.tag_ in ("NN", "JJ")
            skip = plural_starts if singular else set()
            if token.pos_ == "PRON" and _speaks(token):
                # '"...," it added': the speaker is an earlier speaker, not a name in the quote
                skip = skip | {r.start for r in out if not _speaks(doc[r.end - 1])}
            if token.lemma_.lower() in _NAMED_KINDS and token.pos_ == "NOUN":
                # "the bank" is a bank: an antecedent whose name says so, not any company
                word = token.lemma_.lower()
                skip = skip | {r.start for r in out if word not in r.actor.label.lower()}
            also = plural_groups if token.lower_ in _PLURAL else frozenset()
            antecedent = _antecedent(out, upto, token.i, types, sent_of, skip=skip, also=also)
            antecedents = [antecedent] if antecedent else []
        start = token.i if token.pos_ == "PRON" else _description_start(token)
        span = doc[start : token.i + 1]
        for antecedent in antecedents:
            kind = "people" if antecedent.kind == "people" else "coref"
            ref = Ref(
                antecedent.actor,
                start,
                token.i + 1,
                span.start_char,
                span.end_char,
                span.text,
                kind,
            )
            out.insert(upto, ref)
            starts.insert(upto, start)
    return out


def _plural_description_types(token: Token) -> tuple[str, ...]:
    """ "both companies", "the two firms": two earlier actors of a compatible type."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS":
        return ()
    types = DESCRIPTION_TYPES.get(token.lemma_.lower(), ())
    words = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod")}
    if types and ("both" in words or "two" in words and words & (_DEFINITE | {"those", "these"})):
        return types
    return ()


def _antecedents(
    refs: list[Ref], upto: int, position: int, types: tuple[str, ...], sent_of: list[int], n: int
) -> list[Ref]:
    """The ``n`` most recent distinct compatible actors in the window, or none."""
    found: list[Ref] = []
    here = sent_of[position]
    for i in range(upto - 1, -1, -1):
        ref = refs[i]
        if ref.start >= position or not ref.is_actor or ref.actor.type not in types:
            continue
        if here - sent_of[ref.start] > WINDOW_SENTENCES:
            break
        if all(f.actor.id != ref.actor.id for f in found):
            found.append(ref)
        if len(found) == n:
            return found
    return []


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _is_definite(doc: Doc, ref: Ref) -> bool:
    """A definite unnamed group ("the hackers", "these attackers") with no qualifier of its own."""
    head = doc[ref.end - 1]
    if ref.end - ref.start != 1 or head.lemma_.lower() not in THREAT_NOUNS:
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children)


def _pronoun_types(token: Token) -> tuple[str, ...]:
    if token.pos_ != "PRON":
        return ()
    types = PRONOUN_TYPES.get(token.lower_, ())
    if token.lower_ == "it" and _pleonastic(token):
        return ()
    if token.lower_ == "her" and token.dep_ == "poss":
        return ("Person",)
    return types


def _pleonastic(token: Token) -> bool:
    """'It is clear that ...', 'it is not clear whether': 'it' refers to nothing."""
    head = token.head
    if token.dep_ in ("expl",):
        return True
    if head.lemma_ == "be" and any(c.dep_ in ("ccomp", "acomp", "attr") for c in head.children):
        return any(c.dep_ == "ccomp" for c in head.children) or any(
            c.dep_ == "acomp" and any(g.dep_ in ("ccomp", "xcomp") for g in c.children)
            for c in head.children
        )
    return False


def _description_types(token: Token) -> tuple[str, ...]:
    if token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS") and token.lower_ != "authorities":
        return ()
    types = DESCRIPTION_TYPES.get(token.lemma_.lower(), ())
    if not types:
        return ()
    dets = [c for c in token.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in _DEFINITE:
        return ()
    if any(c.dep_ in ("relcl", "acl") for c in token.children) and token.lemma_ != "company":
        return ()  # "the company that makes X" introduces a new actor
    if any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children)
        for c in token.children
    ):
        return ()  # "the bank of X": a named thing, not a back-reference
    return types


def _speaks(token: Token) -> bool:
    """Whether ``token`` is the subject of a speech verb ("it said", "the company added")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS


def _age_types(token: Token) -> tuple[str, ...]:
    """ "the 17-year-old" used as a noun: a person."""
    if token.lower_ != "old" or token.dep_ not in _NOMINAL_DEPS:
        return ()
    children = list(token.children)
    if any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children) and any(
        c.lemma_ == "year" for c in children
    ):
        return ("Person",)
    return ()


def _description_start(token: Token) -> int:
    return min(c.left_edge.i for c in token.lefts) if any(True for _ in token.lefts) else token.i


def _antecedent(
    refs: list[Ref],
    upto: int,
    position: int,
    types: tuple[str, ...],
    sent_of: list[int],
    exclude: str | None = None,
    skip: frozenset[int] | set[int] = frozenset(),
    also: frozenset[int] | set[int] = frozenset(),
) -> Ref | None:
    """The most recent compatible mention among ``refs[:upto]`` in the window, or None.

    Mentions starting at a position in ``skip`` are passed over: a singular reference
    ("it", "its", "the company") skips plural common-noun mentions ("the hackers
    breached its network": "its" is not the hackers'); mentions starting in ``also``
    fit whatever their type ("they" for "Russian intelligence officers").
    """
    here = sent_of[position]
    for i in range(upto - 1, -1, -1):
        ref = refs[i]
        if ref.start >= position or ref.start in skip:
            continue
        if here - sent_of[ref.start] > WINDOW_SENTENCES:
            return None
        if (
            (ref.actor.type in types or ref.start in also)
            and ref.actor.id != exclude
            and (ref.is_actor or ref.kind == "people")
        ):
            return ref
    return None
