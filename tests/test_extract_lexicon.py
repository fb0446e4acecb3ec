"""The trigger lexicon as data: loading, checking, and every sense's example sentence."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from new_predicate import extract_with_predicate

from kg.extract.lexicon import (
    LEXICON,
    LexiconError,
    NounFrame,
    RelationalNoun,
    VerbFrame,
    load_lexicon,
)
from kg.inventory import load_relations
from kg.models import ACTOR_TYPES, Article

INVENTORY = load_relations()["predicates"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_every_predicate_has_a_sense_or_an_inventory_trigger():
    covered = {f.predicate for frames in LEXICON.verbs.values() for f in frames}
    covered |= {n.predicate for n in LEXICON.nouns.values()}
    covered |= {n.predicate for n in LEXICON.relational_nouns.values()}
    # basedIn and memberOf are also reached by the located-in, title and apposition rules
    assert set(INVENTORY) - covered <= {"basedIn", "memberOf"}
    assert "basedIn" in covered and "memberOf" in covered


def test_inventory_triggers_are_merged_except_ambiguous_ones():
    ambiguous = LEXICON.words("ambiguous_triggers")
    for predicate, spec in INVENTORY.items():
        for trigger in spec["triggers"]:
            words = trigger.lower().split()
            if len(words) != 1 or words[0] in ambiguous or "-" in trigger:
                continue
            frames = LEXICON.verbs[words[0]]
            assert VerbFrame(predicate) in frames, trigger


def test_a_sense_is_one_entry(tmp_path: Path):
    path = write(
        tmp_path,
        """
        verbs:
          - predicate: hacked
            words: pwn
            example: "Anonymous pwned the Church of Scientology."
          - predicate: spiedOn
            words: snoop
            prep: "on"
          - predicate: stole
            words: nab
            owned: true
          - predicate: stole
            words: get
            noun: hold
            prep: "of"
          - predicate: spiedOn
            words: scour
            prep: "for"
            things: loot
        nouns:
          - predicate: banned
            words: interdiction
            preps: "on of"
            compound: agent
        relational_nouns:
          - predicate: cooperatedWith
            words: sidekick
            preps: "of"
        lists:
          speech_verbs:
            words: say tell
          loot:
            words: secret
        """,
    )
    lexicon = load_lexicon(path, INVENTORY)
    assert VerbFrame("stole", "of", noun="hold") in lexicon.verbs["get"]
    assert VerbFrame("spiedOn", "for", things="loot") in lexicon.verbs["scour"]
    assert VerbFrame("hacked") in lexicon.verbs["pwn"]
    assert VerbFrame("spiedOn", "on") in lexicon.verbs["snoop"]
    assert VerbFrame("stole", owned=True) in lexicon.verbs["nab"]
    assert lexicon.nouns["interdiction"] == NounFrame("banned", ("on", "of"), False)
    assert lexicon.relational_nouns["sidekick"] == RelationalNoun("cooperatedWith", ("of",))
    assert lexicon.words("speech_verbs") == {"say", "tell"}
    assert lexicon.senses[0].line == 2 and lexicon.senses[0].example.startswith("Anonymous")
    # the inventory's own triggers come in as well
    assert VerbFrame("hacked") in lexicon.verbs["hack"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("verbs:\n  - predicate: hackd\n    words: hack\n", ":2: unknown predicate 'hackd'"),
        ("verbs:\n  - predicate: hacked\n    words: Hack\n", "'Hack' is not a lowercase word"),
        (
            "verbs:\n  - predicate: hacked\n    words: hack\n    prep: into onto\n",
            ":4: prep must be one preposition",
        ),
        (
            "verbs:\n  - predicate: arrested\n    words: take\n    result: custody\n",
            ":4: result needs the prep that takes it",
        ),
        (
            "verbs:\n  - predicate: hacked\n    words: hack\n    object: x\n",
            ":2: unknown field 'object' in verbs",
        ),
        ("nouns:\n  - predicate: hacked\n    words: hack\n", ":2: a nouns entry needs preps"),
        (
            "nouns:\n  - predicate: hacked\n    words: hack\n    preps: of\n    compound: x\n",
            ":5: compound must be object or agent",
        ),
        (
            "nouns:\n  - {predicate: hacked, words: hack, preps: of}\n"
            "  - {predicate: stole, words: hack, preps: of}\n",
            ":3: 'hack' is already a noun",
        ),
        ("verbs:\n  - predicate: hacked\n    words: [hack\n", "not valid YAML"),
        ("nouns: {}\n", ":1: nouns must be a list"),
        ("adverbs: []\n", ":1: unknown section 'adverbs'"),
        ("lists:\n  cues:\n    doc: no words\n", ":3: the list 'cues' needs words"),
        ("verbs:\n  - predicate: hacked\n    words: hack\n    owned: maybe\n", ":4: owned must be"),
        (
            "verbs:\n  - predicate: stole\n    words: get\n    noun: hold hand\n",
            ":4: noun must be one noun lemma",
        ),
        (
            "verbs:\n  - predicate: spiedOn\n    words: search\n    things: loot_nouns\n",
            ":4: things: the lexicon has no word list 'loot_nouns'",
        ),
    ],
)
def test_a_bad_entry_is_reported_with_its_line(tmp_path: Path, text: str, message: str):
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as raised:
        load_lexicon(path, INVENTORY)
    assert str(raised.value).startswith(str(path))
    assert message in str(raised.value)


def test_a_missing_file_is_one_clear_error(tmp_path: Path):
    with pytest.raises(LexiconError, match="cannot read the lexicon"):
        load_lexicon(tmp_path / "nope.yaml", INVENTORY)


def test_every_sense_has_an_example():
    assert LEXICON.senses
    missing = [s.line for s in LEXICON.senses if not s.example]
    assert missing == []


@pytest.fixture(scope="module")
def example_predicates(extractor) -> list[tuple[object, set[str]]]:
    senses = list(LEXICON.senses)
    articles = [Article(f"sense-{s.line}", s.example) for s in senses]
    return [
        (s, {r.predicate for r in e.relations})
        for s, e in zip(senses, extractor.pipe(articles), strict=True)
    ]


def test_each_example_sentence_yields_its_predicate(example_predicates):
    failing = [
        f"lexicon.yaml:{s.line} {s.predicate}: {s.example!r} gave {sorted(found)}"
        for s, found in example_predicates
        if s.predicate not in found
    ]
    assert failing == []


def test_an_owned_sense_needs_an_owned_object(extractor):
    owned = extractor.extract(Article("a", "Russian spies obtained Yahoo's user database."))
    plain = extractor.extract(Article("b", "The FBI obtained a warrant against Yahoo."))
    assert ("stole", "Yahoo") in {(r.predicate, r.object.label) for r in owned.relations}
    assert all(r.predicate != "stole" for r in plain.relations)


def test_a_particle_denial_links_the_accuser(extractor):
    text = "China brushed off the accusations from the United States."
    found = {
        (r.subject.label, r.predicate, r.object.label)
        for r in extractor.extract(Article("c", text)).relations
    }
    assert ("China", "denied", "United States") in found


@pytest.mark.parametrize(
    "module", ["patterns", "arguments", "verbal", "nominal", "lexicon", "coref"]
)
def test_rule_modules_hold_no_word_lists_of_their_own(module: str, extractor):
    """Sets of dependency labels, actor types and predicate names are grammar; every other
    set of words a rule module holds comes from the lexicon file."""
    grammar = set(extractor.nlp.get_pipe("parser").labels) | set(INVENTORY) | set(ACTOR_TYPES)
    grammar |= {"ROOT", "agent", "prt", "neg", "case"}
    data = set(LEXICON.verbs) | set(LEXICON.nouns) | set(LEXICON.relational_nouns)
    for words in LEXICON.lists.values():
        data |= words
    data |= {w.lstrip("-") for w in LEXICON.words("affiliation_suffixes")}
    namespace = vars(importlib.import_module(f"kg.extract.{module}"))
    own = {
        name: sorted(set(value) - grammar - data)
        for name, value in namespace.items()
        if isinstance(value, (set, frozenset))
        and all(isinstance(w, str) for w in value)
        and any(w.isalpha() for w in value)  # punctuation sets are not words
    }
    assert {name: words for name, words in own.items() if words} == {}


def test_adding_a_predicate_is_one_inventory_entry_and_one_lexicon_sense(tmp_path: Path):
    """A predicate that is not in the inventory, added the way the README says, comes out
    of ``kg extract`` (a fresh process: the lexicon is loaded once, at import)."""
    entry = {
        "family": "affiliation",
        "definition": "S recruited O as an agent, source or member",
        "triggers": ["recruit"],
    }
    sense = (
        "  - predicate: recruited\n    words: enlist\n"
        '    example: "The GRU enlisted Anna Chapman."\n'
    )
    text = "The FSB recruited Anna Chapman in 2001. Later the SVR enlisted Richard Murphy."
    found = extract_with_predicate(tmp_path, "recruited", entry, sense, text)
    assert {p for _, p, _ in found} == {"recruited"}
    assert len(found) == 2
    article = tmp_path / "article.txt"
    without = subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(article)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "recruited" not in without.stdout
