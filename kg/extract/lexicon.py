"""Trigger words: which verbs and nouns express which predicate, and where their arguments are.

The lexicon is data: ``kg/data/lexicon.yaml`` holds every verb sense (with the
preposition or particle that introduces its object), event noun, relational noun
and named word list (speech verbs, modality and negation cues, title nouns ...).
:func:`load_lexicon` reads and checks it once, adds the one-word and
verb-plus-preposition triggers of the predicate inventory (``relations.json``), and
reports a bad entry as ``FILE:LINE: what is wrong``. Everything is keyed by
lowercase lemma so that matching a token is one dictionary look-up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy
import yaml
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from kg.inventory import load_relations, the_predicate


def wordset(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


@cache
def _hashes(words: frozenset[str]) -> numpy.ndarray:
    return numpy.array(sorted(get_string_id(w) for w in words), dtype="uint64")


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


class LexiconError(ValueError):
    """A lexicon entry that cannot be read; the message starts with ``FILE:LINE:``."""


@dataclass(frozen=True)
class VerbFrame:
    """A verb sense: its predicate and where the object is.

    ``prep`` is the preposition or particle that introduces the object (``spy on``,
    ``hack into``, ``tip off``), None for a direct object. ``inverse`` swaps the
    roles (``X is backed by Y`` -> ``affiliatedWith(X, Y)``). ``owned`` senses count
    only when the object is a thing an actor owns (``obtained Sony's files``). ``noun``
    makes a light-verb expression: the sense needs that noun as the direct object and
    its object follows ``prep`` on the verb or on the noun (``got hold of X's files``,
    ``got their hands on X's emails``). ``things`` names a word list that the object's
    head must be in (``searched for X's secrets``, not ``searched for X's servers``).
    ``result`` makes a resultative: the object is the direct object and ``prep`` takes
    one of these nouns (``took X into custody``, ``named X as the culprit``); the sense
    then stands alone, the verb's other senses do not count.
    """

    predicate: str
    prep: str | None = None
    inverse: bool = False
    owned: bool = False
    noun: str | None = None
    things: str | None = None
    result: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NounFrame:
    """An event noun: its predicate, the prepositions introducing its object, and
    whether a compound proper-noun modifier is the victim (``the Sony hack``), the
    agent (``US sanctions``) or a name of the operation or its tool, neither
    (``compound_is_name``: ``the SamSam ransomware``, ``the Netflix scam``)."""

    predicate: str
    preps: tuple[str, ...]
    compound_is_object: bool = True
    compound_is_name: bool = False


@dataclass(frozen=True)
class RelationalNoun:
    """A noun that relates the actor it describes to the object of its preposition.

    ``described`` says which argument the described actor is: ``subject`` for
    ``X is a member of Y`` -> memberOf(X, Y), ``object`` for ``Y is the owner of X``
    -> memberOf(X, Y).
    """

    predicate: str
    preps: tuple[str, ...]
    described: str = "subject"


@dataclass(frozen=True)
class Sense:
    """One entry of the lexicon file, kept for its example sentence and its line."""

    section: str
    predicate: str
    words: tuple[str, ...]
    line: int
    example: str | None
    prep: str | None = None


@dataclass
class Lexicon:
    """The loaded lexicon: frames keyed by lemma and the named word lists."""

    verbs: dict[str, tuple[VerbFrame, ...]] = field(default_factory=dict)
    nouns: dict[str, NounFrame] = field(default_factory=dict)
    relational_nouns: dict[str, RelationalNoun] = field(default_factory=dict)
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    sequences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    senses: list[Sense] = field(default_factory=list)

    def words(self, name: str) -> frozenset[str]:
        """The word list called ``name`` (``speech_verbs``); KeyError names the list."""
        try:
            return self.lists[name]
        except KeyError:
            raise KeyError(f"the lexicon has no word list {name!r}") from None

    def sequence(self, name: str) -> tuple[str, ...]:
        """The words of list ``name`` in the order the file gives them, for a list whose
        order means something (``cardinal_numbers``: the word at position n names n).

        >>> LEXICON.sequence("cardinal_numbers")[3]
        'three'
        """
        try:
            return self.sequences[name]
        except KeyError:
            raise KeyError(f"the lexicon has no word list {name!r}") from None

    def add_verb(self, word: str, frame: VerbFrame) -> None:
        """Add ``frame`` to the frames of verb ``word`` unless it is already there."""
        frames = self.verbs.get(word, ())
        if frame not in frames:
            self.verbs[word] = (*frames, frame)


_WORD = re.compile(r"^-?[a-z][a-z'-]*\.?$")  # a trailing dot: an abbreviation ("inc.")
_FIELDS = {
    "verbs": {
        "predicate",
        "words",
        "prep",
        "noun",
        "things",
        "inverse",
        "owned",
        "result",
        "example",
    },
    "nouns": {"predicate", "words", "preps", "compound", "example"},
    "relational_nouns": {"predicate", "words", "preps", "described", "example"},
}
_CHOICES = {"compound": ("object", "agent", "name"), "described": ("subject", "object")}


class _Reader:
    """Turns the composed YAML node tree into a :class:`Lexicon`, naming lines in errors."""

    def __init__(self, source: str, predicates: Iterable[str]):
        self.source = source
        self.predicates = frozenset(predicates)
        self.lexicon = Lexicon()
        self.named_lists: list[tuple[yaml.Node, str]] = []

    def fail(self, node: yaml.Node, message: str) -> LexiconError:
        return LexiconError(f"{self.source}:{node.start_mark.line + 1}: {message}")

    def mapping(self, node: yaml.Node, what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of field: value")
        fields: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise self.fail(key, f"{what} has a field name that is not a word")
            if key.value in fields:
                raise self.fail(key, f"{what} repeats the field {key.value!r}")
            fields[key.value] = value
        return fields

    def text(self, node: yaml.Node, name: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
            raise self.fail(node, f"{name} must be a non-empty string")
        return " ".join(node.value.split())

    def words(self, node: yaml.Node, name: str) -> tuple[str, ...]:
        words = tuple(self.text(node, name).split())
        for word in words:
            if not _WORD.match(word):
                raise self.fail(node, f"{name}: {word!r} is not a lowercase word or lemma")
        return words

    def flag(self, node: yaml.Node, name: str) -> bool:
        value = self.text(node, name).lower()
        if value not in ("true", "false"):
            raise self.fail(node, f"{name} must be true or false, not {value!r}")
        return value == "true"

    def choice(self, node: yaml.Node, name: str) -> str:
        value = self.text(node, name)
        if value not in _CHOICES[name]:
            options = " or ".join(_CHOICES[name])
            raise self.fail(node, f"{name} must be {options}, not {value!r}")
        return value

    def read(self, root: yaml.Node | None) -> Lexicon:
        if root is None:
            return self.lexicon
        for key, node in self.mapping(root, "the lexicon").items():
            if key == "lists":
                self.read_lists(node)
            elif key in _FIELDS:
                if not isinstance(node, yaml.SequenceNode):
                    raise self.fail(node, f"{key} must be a list of entries")
                for entry in node.value:
                    self.read_entry(key, entry)
            else:
                raise self.fail(
                    root,
                    f"unknown section {key!r} (expected verbs, nouns, relational_nouns or lists)",
                )
        for node, name in self.named_lists:
            if name not in self.lexicon.lists:
                raise self.fail(node, f"things: the lexicon has no word list {name!r}")
        return self.lexicon

    def read_entry(self, section: str, node: yaml.Node) -> None:
        fields = self.mapping(node, f"a {section} entry")
        for name in fields:
            if name not in _FIELDS[section]:
                allowed = ", ".join(sorted(_FIELDS[section]))
                raise self.fail(node, f"unknown field {name!r} in {section} (allowed: {allowed})")
        for name in ("predicate", "words"):
            if name not in fields:
                raise self.fail(node, f"a {section} entry needs {name}")
        predicate = self.text(fields["predicate"], "predicate")
        if predicate not in self.predicates:
            raise self.fail(fields["predicate"], f"unknown predicate {predicate!r}")
        words = self.words(fields["words"], "words")
        example = self.text(fields["example"], "example") if "example" in fields else None
        prep = None
        lexicon = self.lexicon
        if section == "verbs":
            if "prep" in fields:
                preps = self.words(fields["prep"], "prep")
                if len(preps) != 1:
                    raise self.fail(fields["prep"], "prep must be one preposition or particle")
                prep = preps[0]
            noun = None
            if "noun" in fields:
                nouns = self.words(fields["noun"], "noun")
                if len(nouns) != 1:
                    raise self.fail(fields["noun"], "noun must be one noun lemma")
                noun = nouns[0]
            things = None
            if "things" in fields:
                things = self.text(fields["things"], "things")
                self.named_lists.append((fields["things"], things))
            result: frozenset[str] = frozenset()
            if "result" in fields:
                if prep is None:
                    raise self.fail(fields["result"], "result needs the prep that takes it")
                result = frozenset(self.words(fields["result"], "result"))
            frame = VerbFrame(
                predicate,
                prep,
                self.flag(fields["inverse"], "inverse") if "inverse" in fields else False,
                self.flag(fields["owned"], "owned") if "owned" in fields else False,
                noun,
                things,
                result,
            )
            for word in words:
                lexicon.add_verb(word, frame)
        else:
            if "preps" not in fields:
                raise self.fail(node, f"a {section} entry needs preps")
            preps = self.words(fields["preps"], "preps")
            table: dict = lexicon.nouns if section == "nouns" else lexicon.relational_nouns
            for word in words:
                if word in table:
                    raise self.fail(fields["words"], f"{word!r} is already a {section[:-1]}")
                if section == "nouns":
                    compound = (
                        self.choice(fields["compound"], "compound")
                        if "compound" in fields
                        else "object"
                    )
                    table[word] = NounFrame(
                        predicate, preps, compound == "object", compound == "name"
                    )
                else:
                    described = (
                        self.choice(fields["described"], "described")
                        if "described" in fields
                        else "subject"
                    )
                    table[word] = RelationalNoun(predicate, preps, described)
        lexicon.senses.append(
            Sense(section, predicate, words, node.start_mark.line + 1, example, prep)
        )

    def read_lists(self, node: yaml.Node) -> None:
        for name, entry in self.mapping(node, "lists").items():
            fields = self.mapping(entry, f"the list {name!r}")
            unknown = set(fields) - {"doc", "words"}
            if unknown:
                raise self.fail(entry, f"unknown field {sorted(unknown)[0]!r} in list {name!r}")
            if "words" not in fields:
                raise self.fail(entry, f"the list {name!r} needs words")
            words = self.words(fields["words"], "words")
            self.lexicon.lists[name] = frozenset(words)
            self.lexicon.sequences[name] = words


def _merge_inventory(lexicon: Lexicon, inventory: Mapping[str, Mapping]) -> None:
    """Add the inventory's one-word and verb-plus-preposition triggers to the verb frames.

    Triggers listed as ``ambiguous_triggers`` count only through the lexicon's own
    senses; hyphenated ones are noun modifiers, read by the affiliation rule.
    """
    ambiguous = lexicon.lists.get("ambiguous_triggers", frozenset())
    prepositions = lexicon.lists.get("prepositions", frozenset())
    for predicate, spec in inventory.items():
        for trigger in spec["triggers"]:
            words = trigger.lower().split()
            if not words or words[0] in ambiguous or "-" in trigger:
                continue
            if len(words) == 1:
                lexicon.add_verb(words[0], VerbFrame(predicate))
            elif len(words) == 2 and words[1] in prepositions:
                lexicon.add_verb(words[0], VerbFrame(predicate, words[1]))


def load_lexicon(
    path: str | Path | None = None, inventory: Mapping[str, Mapping] | None = None
) -> Lexicon:
    """Read and check a lexicon file (default: ``$KG_LEXICON``, else the shipped
    ``kg/data/lexicon.yaml``).

    ``inventory`` is the ``predicates`` mapping of relations.json (default: the
    package copy); every entry must name one of its predicates, and its triggers
    are merged in. A bad entry raises :class:`LexiconError` with ``FILE:LINE:``.

    >>> lexicon = load_lexicon()
    >>> lexicon.verbs["hack"][0].predicate
    'hacked'
    """
    if path is None and os.environ.get("KG_LEXICON"):
        path = os.environ["KG_LEXICON"]  # a development copy (see "Extending" in the README)
    shipped = path is None and inventory is None
    if shipped:  # the shipped file, read once per change of it (kg.extract.cache)
        from kg.extract import cache

        key = cache.entry_key("lexicon")
        cached = cache.load("lexicon", key)
        if isinstance(cached, Lexicon):
            return cached
    if path is None:
        source = "lexicon.yaml"
        text = resources.files("kg").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise LexiconError(f"{source}: cannot read the lexicon: {error.strerror}") from None
    if inventory is None:
        inventory = load_relations()["predicates"]
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise LexiconError(f"{source}:{line}: not valid YAML: {error.problem}") from None
    lexicon = _Reader(source, inventory).read(root)
    _merge_inventory(lexicon, inventory)
    if shipped:
        cache.store("lexicon", key, lexicon)
    return lexicon


LEXICON = load_lexicon()
"""The shipped lexicon, loaded once at import."""

VERB_FRAMES: dict[str, tuple[VerbFrame, ...]] = LEXICON.verbs
"""Verb lemma -> its frames. A frame with a preposition wins over the bare frame
when that preposition is present."""

_INFLECTED_TAGS = {"VBD": "ed", "VBN": "ed", "VBG": "ing", "VBZ": "s"}


def lexicon_lemma(token: Token) -> str | None:
    """The verb of the lexicon an inflected verb is when the lemmatizer missed it, else None.

    The small model's lemmatizer gets regular forms of rarer verbs wrong ("waged" ->
    "wag", "wiretapped" -> "wiretappe", "lambasted" -> "lambast"); the stem with its
    ending undone, with an "e" restored or a doubled consonant undoubled, is tried
    against the verbs of the lexicon.
    """
    ending = _INFLECTED_TAGS.get(token.tag_)
    lower = token.lower_
    if ending is None or token.lemma_.lower() in VERB_FRAMES or not lower.endswith(ending):
        return None
    stem = lower[: -len(ending)]
    if ending == "s" and stem.endswith("e"):
        candidates = [stem, stem[:-1]]  # "wiretaps", "dismisses"
    else:
        candidates = [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])  # "wiretapped", "wiretapping"
    return next((c for c in candidates if c in VERB_FRAMES), None)

NOUN_FRAMES: dict[str, NounFrame] = LEXICON.nouns
"""Event noun lemma -> its frame (``theft of X from Y``)."""

RELATIONAL_NOUNS: dict[str, RelationalNoun] = LEXICON.relational_nouns
"""Relational noun lemma -> its frame (``X is a member of Y``)."""

CYBER_PREDICATES = frozenset(
    p for p, spec in load_relations()["predicates"].items() if spec["family"] == "cyber"
)
"""The predicates of the cyber family (hacked, attacked, spiedOn, stole, leaked, used)."""

CYBER_EVENT_NOUNS = frozenset(
    lemma for lemma, frame in NOUN_FRAMES.items() if frame.predicate in CYBER_PREDICATES
) | LEXICON.words("cyber_operation_nouns")
"""Nouns that name an operation whose agent can be given by ``behind``/``responsible for``."""

SUPPORT_VERBS = LEXICON.words("support_verbs")
"""Light verbs whose subject is the agent of their event-noun object
(``X launched an attack on Y``, ``X imposed sanctions on Y``)."""

PERPETRATING_VERBS = LEXICON.words("perpetrating_verbs")
"""Support verbs that name the doing of an operation (``the attack, carried out by Y``)."""

NAMING_VERBS = LEXICON.words("naming_verbs")
"""Verbs that give a description its name (``an actor dubbed Volt Typhoon``)."""

CHARGE_PREPOSITIONS = LEXICON.words("charge_prepositions")
"""Prepositions that hold the charge of an accusation verb (``accused X of``)."""

AGENT_LINKS = LEXICON.words("agent_links")
"""Words that tie an actor to an operation as its agent (``X was behind the hack``)."""

SPEECH_VERBS = LEXICON.words("speech_verbs")
"""Verbs of saying and believing: their subject is the source of their complement."""

ALLEGING_VERBS = LEXICON.words("alleging_verbs")
"""Sources whose complement is an allegation rather than a fact."""

ALLEGED_CUES = LEXICON.words("alleged_cues")
ATTEMPT_VERBS = LEXICON.words("attempt_verbs")
ATTEMPT_NOUNS = LEXICON.words("attempt_nouns")
NEGATION_WORDS = LEXICON.words("negation_words")

DENIAL_OBJECTS = LEXICON.words("denial_objects")
"""Objects of ``deny`` that point back at an accuser."""

_DENIED = the_predicate("denies")

DENIAL_VERBS = frozenset(
    word
    for word, frames in VERB_FRAMES.items()
    if any(f.predicate == _DENIED and f.prep is None for f in frames)
)
"""Verbs of rejection (``deny``, ``dismiss``, ``rebut``): their object is a claim."""

DENIAL_PARTICLES: dict[str, frozenset[str]] = {
    word: frozenset(f.prep for f in frames if f.predicate == _DENIED and f.prep)
    for word, frames in VERB_FRAMES.items()
    if word not in DENIAL_VERBS and any(f.predicate == _DENIED and f.prep for f in frames)
}
"""Verbs of rejection with their particle (``brush off``, ``wave aside``)."""

EVALUATIVE_VERBS = LEXICON.words("evaluative_verbs")
"""Verbs that judge their object by a complement ("called the claims absurd")."""

DISMISSIVE_WORDS = LEXICON.words("dismissive_words")
"""Judgements that reject a claim ("absurd", "groundless", "nonsense")."""

CESSATION_VERBS = LEXICON.words("cessation_verbs")
"""Verbs that end their complement ("stopped using X's software" bans X)."""

PREVENTING_VERBS = LEXICON.words("preventing_verbs")
"""Verbs that keep their object from a "from" action ("barred agencies from using X")."""

LIST_NOUNS = LEXICON.words("list_nouns")
"""Lists that exclude whoever is put on them ("blacklist", "the entity list")."""

FROM_AGENT_NOUNS = LEXICON.words("from_agent_nouns")
"""Nouns of communication whose "from" names their author ("accusations from Washington")."""

TITLE_NOUNS = LEXICON.words("title_nouns")
"""Role nouns: ``Kremlin spokesman Dmitry Peskov`` -> memberOf(Dmitry Peskov, Russia)."""

VICTIM_NOUNS = LEXICON.words("victim_nouns")
"""Unnamed organizations that suffer an operation ("a company", "the town"): type ``People``."""

VICTIM_PRONOUNS = LEXICON.words("victim_pronouns")
"""The addressee as a victim ("the scammers tricked you"): type ``People``."""

REPORT_NOUNS = LEXICON.words("report_nouns")
"""What is published about someone: "reports that the NSA spied on X" reveal the NSA."""

CONDEMNING_ADJECTIVES = LEXICON.words("condemning_adjectives")
"""'It is unacceptable that X ...' said by S -> criticized(S, X)."""

BASED_WORDS = LEXICON.words("based_words")
SUSPICION_NOUNS = LEXICON.words("allegation_nouns")

AFFILIATION_SUFFIXES = tuple(sorted(LEXICON.words("affiliation_suffixes")))
"""Hyphenated modifiers: ``China-sponsored actor`` -> affiliatedWith(actor, China)."""

ARTICLES = LEXICON.words("articles")
"""Articles, dropped from the start of a mention ("the NSA")."""

GENITIVE_PREPOSITIONS = LEXICON.words("genitive_prepositions")
"""The preposition of the genitive ("a unit of Y", "members of X")."""

AGENT_PREPOSITIONS = LEXICON.words("agent_prepositions")
"""Prepositions of a passive verb's or an event noun's agent ("hacked by X")."""

COMPLEMENT_MARKS = LEXICON.words("complement_marks")
"""Conjunctions that open a content clause ("said that X hacked Y")."""

INFINITIVE_MARKERS = LEXICON.words("infinitive_markers")
"""The marker of a to-infinitive ("ordered X to stop")."""
