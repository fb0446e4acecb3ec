"""The compiled cache of the shipped gazetteer and its name matcher (kg.extract.cache).

The matcher is a trie over token texts that must find what spaCy's PhraseMatcher on
ORTH finds, in the same order; a cached gazetteer and trie must give the same matches
as freshly built ones, and a damaged, foreign or stale entry must be ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract import cache
from kg.extract import gazetteer as gazetteer_module
from kg.extract.actors import ActorIndex, _abbreviation_like, _phrase_trie
from kg.extract.gazetteer import Gazetteer
from kg.models import Actor

SENTENCES = [
    "Officials in the U.S. said the NSA and Kaspersky Lab had met in Moscow .",
    "RUSSIA and the United States blamed Fancy Bear ; APT28 denied it .",
    "The GRU 's hackers sanctioned Evil Corp. after the Russian Federation spoke .",
    "United States United States North Korea Lazarus Group",
]


@pytest.fixture()
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    monkeypatch.delenv("KG_NO_CACHE", raising=False)
    gazetteer_module._shipped.cache_clear()
    yield folder
    gazetteer_module._shipped.cache_clear()


def phrase_matcher_matches(nlp: spacy.Language, gaz: Gazetteer, doc: Doc) -> list[tuple]:
    """What the PhraseMatcher the index used before the trie finds (its compile, verbatim)."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    by_actor: dict[str, list[str]] = {}
    actors = {}
    for surface, actor in gaz.patterns():
        by_actor.setdefault(actor.id, []).append(surface)
        actors[nlp.vocab.strings.add(actor.id)] = actor
    for id_, surfaces in by_actor.items():
        patterns = list(nlp.tokenizer.pipe(surfaces))
        stopped = nlp.tokenizer.pipe(f"{s}." for s in surfaces if _abbreviation_like(s))
        patterns += [d for d in stopped if d[-1].text != "." and d[-1].text.endswith(".")]
        matcher.add(id_, patterns)
    return [(start, end, actors[key].id) for key, start, end in matcher(doc)]


def words_doc(nlp: spacy.Language, sentence: str) -> Doc:
    return Doc(nlp.vocab, words=sentence.split())


def test_extract_cache_trie_finds_what_the_phrase_matcher_finds(cache_folder: Path) -> None:
    nlp = spacy.blank("en")
    index = ActorIndex.load()
    index.compile(nlp)
    found_any = False
    for sentence in SENTENCES:
        doc = words_doc(nlp, sentence)
        ours = [(start, end, actor.id) for start, end, actor in index.matched(doc)]
        assert ours == phrase_matcher_matches(nlp, index.gaz, doc), sentence
        found_any = found_any or bool(ours)
    assert found_any


def test_extract_cache_shared_phrase_keeps_the_phrase_matchers_order() -> None:
    nlp = spacy.blank("en")
    blue = Actor(id="kg:actor/blue", label="Blue Heron", type="ThreatGroup")
    heron = Actor(id="kg:actor/heron", label="Heron", type="ThreatGroup")
    grey = Actor(id="kg:actor/grey", label="Grey Heron", type="ThreatGroup")
    patterns = [("Blue Heron", blue), ("Heron", heron), ("Blue Heron", grey), ("Heron", blue)]
    trie = _phrase_trie(nlp, patterns)
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for actor in (blue, heron, grey):
        surfaces = [s for s, a in patterns if a is actor]
        matcher.add(actor.id, list(nlp.tokenizer.pipe(surfaces)))
    doc = words_doc(nlp, "the Blue Heron and Heron")
    expected = [(nlp.vocab.strings[k], s, e) for k, s, e in matcher(doc)]
    index = ActorIndex(Gazetteer())
    index._trie = trie
    index._actors = {a.id: a for a in (blue, heron, grey)}
    assert [(a.id, s, e) for s, e, a in index.matched(doc)] == expected
    assert len(expected) == 6  # two actors each: "Blue Heron", its "Heron", the last "Heron"


def test_extract_cache_warm_start_reads_the_entries(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nlp = spacy.blank("en")
    cold = ActorIndex.load()
    cold.compile(nlp)
    kinds = sorted(p.name.split("-")[0] for p in cache_folder.glob("*.pickle"))
    assert kinds == ["gazetteer", "phrases"]

    gazetteer_module._shipped.cache_clear()
    monkeypatch.setattr(gazetteer_module.core, "_assemble", _must_not_run)
    monkeypatch.setattr("kg.extract.actors._phrase_trie", _must_not_run)
    warm = ActorIndex.load()
    warm.compile(nlp)
    assert warm.gaz is not cold.gaz
    for sentence in SENTENCES:
        doc = words_doc(nlp, sentence)
        assert [(s, e, a.id) for s, e, a in warm.matched(doc)] == [
            (s, e, a.id) for s, e, a in cold.matched(doc)
        ]
    # the actors matched are the gazetteer's own objects, as is_known() requires
    start, end, actor = next(warm.matched(words_doc(nlp, "Kaspersky Lab")))
    assert warm.is_known(actor)


def _must_not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("computed although the cache holds it")


def test_extract_cache_another_tokenizer_gets_its_own_entry(cache_folder: Path) -> None:
    plain = spacy.blank("en")
    ActorIndex.load().compile(plain)
    special = spacy.blank("en")
    special.tokenizer.add_special_case("Lab", [{"ORTH": "La"}, {"ORTH": "b"}])
    index = ActorIndex.load()
    index.compile(special)
    assert len(list(cache_folder.glob("phrases-*.pickle"))) == 2
    doc = Doc(special.vocab, words=["Kaspersky", "La", "b"])
    assert [(s, e) for s, e, _ in index.matched(doc)][-1] == (0, 3)


@pytest.mark.parametrize("damage", ["garbage", "writable by others", "other key"])
def test_extract_cache_unusable_entry_is_computed_again(cache_folder: Path, damage: str) -> None:
    key = cache.entry_key("test")
    cache.store("test", key, {"value": 1})
    assert cache.load("test", key) == {"value": 1}
    (path,) = cache_folder.glob("test-*.pickle")
    if damage == "garbage":
        path.write_bytes(b"not a pickle")
    elif damage == "writable by others":
        os.chmod(path, 0o666)
    else:
        cache.store("test", cache.entry_key("other"), {"value": 2})
        (other,) = set(cache_folder.glob("test-*.pickle")) - {path}
        os.replace(other, path)  # an entry of another key under this name
    assert cache.load("test", key) is None


def test_extract_cache_turned_off_writes_nothing(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_NO_CACHE", "1")
    ActorIndex.load().compile(spacy.blank("en"))
    assert not cache_folder.exists()


def test_extract_cache_user_gazetteer_is_not_cached(cache_folder: Path, tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("- {label: Blue Heron, type: ThreatGroup, aliases: [BH-1]}\n")
    nlp = spacy.blank("en")
    index = ActorIndex.load(str(user))
    index.compile(nlp)
    assert index.gaz.fingerprint is None
    assert [p.name.split("-")[0] for p in cache_folder.glob("*.pickle")] == ["gazetteer"]
    doc = words_doc(nlp, "Blue Heron and Kaspersky Lab")
    found = [(start, end, actor.label) for start, end, actor in index.matched(doc)]
    assert found[0] == (0, 2, "Blue Heron")
    assert (3, 5, "Kaspersky Lab") in found


def test_extract_cache_lexicon_is_read_once_per_change(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.extract import lexicon as lexicon_module

    monkeypatch.delenv("KG_LEXICON", raising=False)
    cold = lexicon_module.load_lexicon()
    assert len(list(cache_folder.glob("lexicon-*.pickle"))) == 1
    monkeypatch.setattr(lexicon_module, "_Reader", _must_not_run)
    warm = lexicon_module.load_lexicon()
    assert warm is not cold
    assert (warm.verbs, warm.nouns, warm.lists) == (cold.verbs, cold.nouns, cold.lists)
    assert warm.verbs["hack"][0].predicate == "hacked"
