"""Trigger words: which verbs and nouns express which predicate, and where their arguments are.

The predicate inventory and its trigger words come from the package copy of
``relations.json`` (:func:`load_relations`); this module adds a general English
lexicon of verb frames (with the preposition or particle that introduces the
object), event nouns, speech verbs and modality cues. Everything is keyed by
lowercase lemma so that matching a token is one dictionary look-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from kg.inventory import load_relations


def wordset(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


@cache
def _hashes(words: frozenset[str]) -> numpy.ndarray:
    return numpy.array(sorted(hash_string(w) for w in words), dtype="uint64")


def tokens_with(doc: Doc, words: Iterable[str]) -> list[Token]:
    """The tokens whose lowercase form or lemma is one of ``words``, in text order.

    One vectorised pass over the Doc's arrays instead of a Python loop over every
    token: the rules only look at the few tokens that can trigger them.
    """
    if not len(doc):
        return []
    key = words if isinstance(words, frozenset) else frozenset(words)
    values = doc.to_array([LOWER, LEMMA])
    hit = numpy.isin(values, _hashes(key)).any(axis=1)
    return [doc[int(i)] for i in numpy.flatnonzero(hit)]


def predicate_families() -> dict[str, str]:
    """Map each predicate to its family (``hacked`` -> ``cyber``)."""
    return {p: v["family"] for p, v in load_relations()["predicates"].items()}


@dataclass(frozen=True)
class VerbFrame:
    """A verb sense: its predicate and where the object is.

    ``prep`` is the preposition or particle that introduces the object (``spy on``,
    ``hack into``, ``tip off``), None for a direct object. ``inverse`` swaps the
    roles (``X is backed by Y`` -> ``affiliatedWith(X, Y)``).
    """

    predicate: str
    prep: str | None = None
    inverse: bool = False


# Verb lemma -> frames. A frame with a preposition wins over the bare frame when
# that preposition is present.
_VERBS: dict[str, tuple[VerbFrame, ...]] = {}


def _verbs(predicate: str, words: str, prep: str | None = None, inverse: bool = False) -> None:
    for word in words.split():
        _VERBS.setdefault(word, ())
        _VERBS[word] = (*_VERBS[word], VerbFrame(predicate, prep, inverse))


_verbs("hacked", "hack breach compromise infiltrate penetrate access")
_verbs("hacked", "hack break intrude get", "into")
_verbs(
    "attacked",
    "attack target strike hit ddos sabotage disrupt hamper cripple infect "
    "trick lure fool scam defraud bilk dupe phish phishe extort blackmail swindle con lock "
    "encrypt "
    "ransom impersonate spoof",
)
_verbs("spiedOn", "monitor surveil watch track wiretap tap intercept bug")
_verbs("spiedOn", "spy eavesdrop snoop", "on")
_verbs("spiedOn", "hunt", "for")
_verbs("stole", "steal exfiltrate filch siphon loot")
_verbs("stole", "steal take obtain download", "from")
_verbs("attacked", "demand extort earn collect make", "from")
_verbs("attacked", "hold")  # only "held to ransom / hostage" (checked in the rule)
_verbs("hacked", "take", "over")
_verbs("leaked", "leak dump")
_verbs("used", "exploit leverage weaponize abuse hijack")
_verbs("used", "piggyback", "on")
_verbs("detected", "detect discover uncover unearth observe catch spot notice identify locate")
_verbs("detected", "root", "out")
_verbs("revealed", "reveal disclose expose publish")
_verbs("blamed", "blame")
_verbs("blamed", "blame pin", "on")
_verbs("blamed", "attribute", "to")
_verbs("tippedOff", "alert warn inform notify brief")
_verbs("tippedOff", "tip", "off")
_verbs("accused", "accuse suspect")
_verbs("denied", "deny reject refute dismiss dispute")
_verbs("threatened", "threaten")
_verbs("threatened", "retaliate", "against")
_verbs("criticized", "criticize criticise condemn denounce rebuke slam lambaste")
_verbs("ordered", "order direct instruct require mandate command summon")
_verbs("banned", "ban bar prohibit blacklist restrict exclude")
_verbs("banned", "remove", "from")
_verbs("banned", "phase", "out")
_verbs("sanctioned", "sanction")
_verbs("charged", "indict charge prosecute sue convict")
_verbs("arrested", "arrest detain extradite jail apprehend")
_verbs("expelled", "expel deport")
_verbs("expelled", "kick", "out")
_verbs("investigated", "investigate probe examine scrutinize scrutinise")
_verbs("investigated", "look", "into")
_verbs("cooperatedWith", "help assist aid abet")
_verbs("cooperatedWith", "cooperate collaborate partner work", "with")
_verbs("affiliatedWith", "work", "for")
_verbs("affiliatedWith", "align ally associate link tie connect affiliate", "with")
_verbs("affiliatedWith", "associate link tie connect affiliate", "to")
_verbs("affiliatedWith", "associate", "in")
_verbs("affiliatedWith", "back sponsor control operate run fund finance", None, True)
_verbs("memberOf", "own", None, True)

_AMBIGUOUS_TRIGGERS = wordset("tell take obtain release find use watch link charge")
"""Inventory triggers too common to count without a frame of our own (``tell`` is speech)."""

_PREPOSITIONS = wordset("on into off to with for out from against in")


def _merge_inventory() -> None:
    """Add the inventory's one-word and verb-plus-preposition triggers to the verb frames."""
    for predicate, spec in load_relations()["predicates"].items():
        for trigger in spec["triggers"]:
            words = trigger.lower().split()
            if not words or words[0] in _AMBIGUOUS_TRIGGERS or "-" in trigger:
                continue
            known = {(f.predicate, f.prep) for f in _VERBS.get(words[0], ())}
            if len(words) == 1 and (predicate, None) not in known:
                _verbs(predicate, words[0])
            elif (
                len(words) == 2 and words[1] in _PREPOSITIONS and (predicate, words[1]) not in known
            ):
                _verbs(predicate, words[0], words[1])


_merge_inventory()

VERB_FRAMES: dict[str, tuple[VerbFrame, ...]] = dict(_VERBS)
"""Verb lemma -> its frames."""

BLOCKED_OBJECTS = {"tippedOff": {"that"}}


@dataclass(frozen=True)
class NounFrame:
    """An event noun: its predicate, the prepositions introducing its object, and
    whether a compound proper-noun modifier is the victim (``the Sony hack``) or
    the agent (``US sanctions``)."""

    predicate: str
    preps: tuple[str, ...]
    compound_is_object: bool = True


NOUN_FRAMES: dict[str, NounFrame] = {}


def _nouns(predicate: str, words: str, preps: str, compound_is_object: bool = True) -> None:
    for word in words.split():
        NOUN_FRAMES[word] = NounFrame(predicate, tuple(preps.split()), compound_is_object)


_nouns("hacked", "hack hacking breach intrusion compromise infiltration penetration", "of on into")
_nouns("hacked", "access", "to")
_nouns(
    "attacked",
    "attack cyberattack cyber-attack assault strike outage blackout campaign phishing scam "
    "ransomware fraud",
    "on against in",
)
_nouns("attacked", "sabotage disruption", "of")
_nouns(
    "spiedOn", "espionage cyber-espionage cyberespionage spying surveillance", "on against of in"
)
_nouns("spiedOn", "monitoring", "of")
_nouns("stole", "theft", "of from")
_nouns("stole", "heist", "from on")
_nouns("leaked", "leak", "of from")
_nouns("used", "use exploitation abuse", "of")
_nouns("blamed", "blame", "on")
_nouns("accused", "accusation allegation", "against")
_nouns("threatened", "threat", "against to")
_nouns("criticized", "criticism condemnation", "of")
_nouns("banned", "ban", "on of", compound_is_object=False)
_nouns("sanctioned", "sanction", "on against", compound_is_object=False)
_nouns("charged", "indictment charge lawsuit prosecution", "of against", compound_is_object=False)
_nouns("arrested", "arrest detention extradition", "of", compound_is_object=False)
_nouns("expelled", "expulsion", "of", compound_is_object=False)
_nouns("investigated", "investigation probe inquiry", "into of", compound_is_object=False)
_nouns("cooperatedWith", "cooperation collaboration partnership", "with", compound_is_object=False)
_nouns("affiliatedWith", "tie link connection", "to with", compound_is_object=False)

CYBER_EVENT_NOUNS = frozenset(
    lemma
    for lemma, frame in NOUN_FRAMES.items()
    if frame.predicate in {"hacked", "attacked", "spiedOn", "stole", "leaked"}
) | {"incident", "operation", "scheme", "crime", "activity", "effort"}
"""Nouns that name an operation whose agent can be given by ``behind``/``responsible for``."""

SUPPORT_VERBS = wordset(
    "launch conduct carry perpetrate mount stage orchestrate mastermind organize organise "
    "commit execute announce provide place impose file bring make wage cause"
)
"""Light verbs whose subject is the agent of their event-noun object
(``X launched an attack on Y``, ``X imposed sanctions on Y``)."""

AGENT_LINKS = wordset("behind responsible responsibility mastermind involvement involve")
"""Words that tie an actor to an operation as its agent (``X was behind the hack``)."""

SPEECH_VERBS = wordset(
    "say report claim tell state add write note announce confirm allege assert explain "
    "insist argue believe suspect conclude find warn publish cite quote"
)
"""Verbs of saying and believing: their subject is the source of their complement."""

ALLEGING_VERBS = wordset("allege suspect believe claim accuse think assess")
"""Sources whose complement is an allegation rather than a fact."""

ALLEGED_CUES = wordset(
    "allegedly reportedly purportedly apparently alleged suspected likely probably possibly "
    "presumably believed said"
)
ATTEMPT_VERBS = wordset(
    "try attempt seek plan intend aim want prepare plot scheme endeavor endeavour"
)
ATTEMPT_NOUNS = wordset("attempt effort bid plan plot")
NEGATION_WORDS = wordset("not never no n't neither nor")

DENIAL_OBJECTS = wordset(
    "allegation accusation claim charge report suggestion assertion involvement responsibility"
)
"""Objects of ``deny`` that point back at an accuser."""

TITLE_NOUNS = wordset(
    """chancellor spokesman spokeswoman spokesperson minister ambassador secretary director
    president chief executive ceo cfo cto ciso coo attorney officer adviser advisor analyst
    researcher official agent head chairman chairwoman chair founder cofounder co-founder
    prosecutor general senator representative lawmaker diplomat commander envoy premier
    governor mayor leader manager employee staffer member vice deputy counsel engineer
    scientist investigator spy operative contractor consultant partner owner king
    prince general colonel lieutenant admiral"""
)
"""Role nouns: ``Kremlin spokesman Dmitry Peskov`` -> memberOf(Dmitry Peskov, Russia)."""

PART_NOUNS = wordset("member part unit arm division subsidiary branch territory")
"""``X is a member/part/unit of Y`` -> memberOf(X, Y)."""

VICTIM_NOUNS = wordset(
    "company business organization organisation firm town city county hospital school "
    "university district agency department bank retailer store government council clinic "
    "practice charity establishment institution enterprise corporation"
)
"""Unnamed organizations that suffer an operation ("a company", "the town"): type ``People``."""

REPORT_NOUNS = wordset(
    "report reports story article details information news revelation revelations document "
    "documents findings evidence"
)
"""What is published about someone: "reports that the NSA spied on X" reveal the NSA."""

CONDEMNING_ADJECTIVES = wordset(
    "unacceptable outrageous reckless irresponsible deplorable appalling shameful disgraceful "
    "egregious despicable intolerable inexcusable"
)
"""'It is unacceptable that X ...' said by S -> criticized(S, X)."""

BASED_WORDS = wordset("based headquartered located")

AFFILIATION_SUFFIXES = (
    "-sponsored",
    "-backed",
    "-linked",
    "-affiliated",
    "-controlled",
    "-funded",
    "-run",
    "-owned",
    "-aligned",
    "-allied",
    "-supported",
)
"""Hyphenated modifiers: ``China-sponsored actor`` -> affiliatedWith(actor, China)."""
