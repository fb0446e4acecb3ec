"""Actor mentions on hand-built spaCy Docs with the shipped gazetteer.

Each token is written ``word lemma POS TAG dep head ENT`` as in
``test_extract_patterns.py``; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.actors import ActorIndex, Ref, find_refs

NLP = spacy.blank("en")


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    built = ActorIndex.load()
    built.compile(NLP)
    return built


def make_doc(spec: str) -> Doc:
    """Build a parsed Doc from one token per line: word lemma POS TAG dep head ENT.

    A word ending in ``~`` has no space after it ("China~ -~ backed" is "China-backed").
    """
    rows = [line.split() for line in spec.strip().splitlines()]
    words, lemmas, pos, tags, deps, heads, ents = zip(*rows, strict=True)
    spaces = [not w.endswith("~") for w in words]
    return Doc(
        NLP.vocab,
        words=[w.rstrip("~") for w in words],
        spaces=spaces,
        lemmas=list(lemmas),
        pos=list(pos),
        tags=list(tags),
        deps=list(deps),
        heads=[int(h) for h in heads],
        ents=list(ents),
    )


def refs_of(spec: str, index: ActorIndex) -> dict[str, Ref]:
    return {ref.text: ref for ref in find_refs(make_doc(spec), index)}


def test_hyphenated_backer_makes_a_group(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Iran~ Iran PROPN NNP npadvmod 2 B-GPE
        -~ - PUNCT HYPH punct 2 O
        backed back VERB VBN amod 3 O
        hackers hacker NOUN NNS nsubj 4 O
        struck strike VERB VBD ROOT 4 O
        a a DET DT det 6 O
        bank bank NOUN NN dobj 4 O
        . . PUNCT . punct 4 O
        """,
        index,
    )
    group = refs["Iran-backed hackers"].actor
    assert (group.type, group.affiliation) == ("ThreatGroup", "Iran")
    assert "Iran" not in refs  # not collapsed to the backer


def test_counted_officers_keep_their_count_in_the_span(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Nine nine NUM CD nummod 3 B-CARDINAL
        Chinese chinese ADJ JJ amod 3 B-NORP
        intelligence intelligence NOUN NN compound 3 O
        officers officer NOUN NNS nsubjpass 5 O
        were be AUX VBD auxpass 5 O
        charged charge VERB VBN ROOT 5 O
        . . PUNCT . punct 5 O
        """,
        index,
    )
    group = refs["Nine Chinese intelligence officers"].actor
    assert group.label == "Chinese intelligence officers"
    assert (group.type, group.affiliation) == ("GovernmentBody", "China")


def test_adjective_tagged_as_place_is_the_country(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Hackers hacker NOUN NNS nsubj 1 O
        cut cut VERB VBD ROOT 1 O
        the the DET DT det 5 O
        Georgian georgian ADJ JJ amod 5 B-GPE
        water water NOUN NN compound 5 O
        supply supply NOUN NN dobj 1 O
        . . PUNCT . punct 1 O
        """,
        index,
    )
    assert refs["Georgian"].actor.label == "Georgia"
    assert refs["Georgian"].kind == "demonym"


def test_owned_description_known_to_the_gazetteer_is_the_actor(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Russia~ Russia PROPN NNP poss 4 B-GPE
        's 's PART POS case 0 O
        foreign foreign ADJ JJ amod 4 O
        intelligence intelligence NOUN NN compound 4 O
        agency agency NOUN NN nsubj 5 O
        denied deny VERB VBD ROOT 5 O
        it it PRON PRP dobj 5 O
        . . PUNCT . punct 5 O
        """,
        index,
    )
    ref = refs["Russia's foreign intelligence agency"]
    assert ref.actor.label == "Foreign Intelligence Service"
    assert ref.kind == "name"


def test_leading_state_backing_before_the_nationality(index: ActorIndex) -> None:
    refs = refs_of(
        """
        State~ state NOUN NN npadvmod 2 O
        -~ - PUNCT HYPH punct 2 O
        sponsored sponsor VERB VBN amod 4 O
        Iranian iranian ADJ JJ amod 4 B-NORP
        hackers hacker NOUN NNS nsubj 5 O
        struck strike VERB VBD ROOT 5 O
        . . PUNCT . punct 5 O
        """,
        index,
    )
    group = refs["State-sponsored Iranian hackers"].actor
    assert group.label == "Iranian state-sponsored hackers"
    assert group.affiliation == "Iran"
