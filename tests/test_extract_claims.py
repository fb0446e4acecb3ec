"""The claims rule, end to end through the extractor (model-backed), on sentences
written for these tests: what an accusation, suspicion, charge or claim says is
``alleged`` with the accuser as its source; a factive verb gives a fact; nested
sources are kept as a chain, outermost first."""

from __future__ import annotations

from typing import Any

import pytest
from hand_docs import NER_ONLY, make_doc

from kg.extract import attribution
from kg.extract.actors import Ref, find_refs, make_actor
from kg.extract.extractor import relations_of
from kg.extract.lexicon import LEXICON
from kg.inventory import load_relations
from kg.models import ACTOR_TYPES, Article, Relation
from kg.rdf.graph import is_fact


def _relations(text: str) -> list[Relation]:
    from kg.cli.extract_cmds import shared_extractor

    return list(shared_extractor(None, None).extract(Article("c", text)).relations)


def _find(text: str, predicate: str, subject: str, obj: str) -> Relation:
    rels = _relations(text)
    found = [
        r
        for r in rels
        if r.predicate == predicate and r.subject.label == subject and r.object.label == obj
    ]
    assert found, [(r.subject.label, r.predicate, r.object.label) for r in rels]
    return found[0]


@pytest.mark.parametrize(
    ("text", "triple", "source"),
    [
        (
            "The FBI accused China of hacking Marriott.",
            ("China", "hacked", "Marriott International"),
            "Federal Bureau of Investigation",
        ),
        (
            "Russia was suspected of hacking the Democratic National Committee.",
            ("Russia", "hacked", "Democratic National Committee"),
            None,
        ),
        (
            "Germany alleged that Russia hacked the Bundestag.",
            ("Russia", "hacked", "Bundestag"),
            "Germany",
        ),
    ],
    ids=["accused-of", "suspected-of", "alleged-that"],
)
def test_claims_accusation_content_is_alleged_never_a_fact(
    text: str, triple: tuple[str, str, str], source: str | None
) -> None:
    subject, predicate, obj = triple
    rel = _find(text, predicate, subject, obj)
    assert rel.modality == "alleged"
    assert rel.source == source
    assert not is_fact(rel)


def test_claims_the_accusation_itself_is_a_fact() -> None:
    rel = _find(
        "The FBI accused China of hacking Marriott.",
        "accused",
        "Federal Bureau of Investigation",
        "China",
    )
    assert rel.modality == "asserted" and rel.source is None and is_fact(rel)


def test_claims_factive_verb_gives_a_fact_with_its_source() -> None:
    rel = _find("The FBI confirmed that North Korea hacked Sony.", "hacked", "North Korea", "Sony")
    assert rel.modality == "asserted"
    assert rel.source == "Federal Bureau of Investigation"
    assert is_fact(rel)


def test_claims_nested_sources_are_a_chain_outermost_first() -> None:
    text = (
        "The State Department said that the New York Times reported that Israel hacked Kaspersky."
    )
    rel = _find(text, "hacked", "Israel", "Kaspersky Lab")
    assert rel.source_chain == ("Department of State", "The New York Times")
    assert rel.source == "The New York Times"  # the nearest claimant, as annotation.md has it
    assert rel.to_dict()["source_chain"] == ["Department of State", "The New York Times"]


@pytest.mark.parametrize(
    "text",
    [
        "Obama said Russia hacked the DNC, and the Treasury sanctioned the GRU.",
        "The Treasury sanctioned the GRU, and Obama said Russia hacked the DNC.",
    ],
    ids=["speech-first", "speech-second"],
)
def test_claims_source_does_not_spread_to_a_coordinated_clause(text: str) -> None:
    hacked = _find(text, "hacked", "Russia", "Democratic National Committee")
    assert hacked.source == "Barack Obama"
    sanctioned = _find(
        text, "sanctioned", "Department of the Treasury", "Main Intelligence Directorate"
    )
    assert sanctioned.source is None and sanctioned.source_chain == ()


def test_claims_that_clause_of_a_report_noun_has_its_publisher_as_source() -> None:
    text = "Reports that the NSA spied on Angela Merkel were published by Der Spiegel."
    rel = _find(text, "spiedOn", "National Security Agency", "Angela Merkel")
    assert rel.source == "Der Spiegel"


def test_claims_according_to_the_paper_is_the_outlet_named_before() -> None:
    text = (
        "The Guardian reported the breach on Monday. Russia hacked the Bundestag, according "
        "to the paper's sources."
    )
    rel = _find(text, "hacked", "Russia", "Bundestag")
    assert rel.source == "The Guardian"


def test_claims_inverted_speech_verb_at_the_end_is_the_outer_source() -> None:
    text = (
        "Angela Merkel has said there is evidence of Russia's involvement in the cyberattack "
        "on the Bundestag, reported the newspaper Der Spiegel."
    )
    blamed = _find(text, "blamed", "Angela Merkel", "Russia")
    assert blamed.source == "Der Spiegel"


@pytest.mark.parametrize(
    "text",
    [
        "The FBI said the Lazarus Group was behind the hack of Sony.",
        "The FBI said the Lazarus Group was responsible for the attack on Sony.",
    ],
    ids=["behind", "responsible-for"],
)
def test_claims_attribution_of_an_operation_is_a_blame(text: str) -> None:
    blamed = _find(text, "blamed", "Federal Bureau of Investigation", "Lazarus Group")
    assert blamed.source is None and is_fact(blamed)
    operation = [r for r in _relations(text) if r.subject.label == "Lazarus Group"]
    assert operation and operation[0].source == "Federal Bureau of Investigation"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Microsoft said Russia never hacked its email servers.", True),
        ("Microsoft said Russia did not hack the company's email servers.", True),
        ("Microsoft said Russia hacked its email servers.", False),
    ],
    ids=["never-its", "did-not-the-company", "asserted-its"],
)
def test_claims_negation_inside_reported_speech(text: str, negated: bool) -> None:
    rel = _find(text, "hacked", "Russia", "Microsoft")
    assert rel.negated is negated
    assert rel.source == "Microsoft"
    assert is_fact(rel) is not negated


def test_claims_the_agents_own_things_stay_its_own() -> None:
    rels = _relations("Iran hacked its own servers.")
    assert not [r for r in rels if r.predicate == "hacked"]


def test_claims_an_indictment_speaks_for_the_government_body_that_brought_it() -> None:
    text = (
        "The Justice Department charged two men on Tuesday. John Smith, a former KGB "
        "officer, was named. The indictment alleges that Peter Novak hacked Acme Bank."
    )
    rel = _find(text, "hacked", "Peter Novak", "Acme Bank")
    assert rel.source == "Department of Justice"
    assert rel.modality == "alleged"


def test_claims_a_repeated_relation_keeps_the_mention_with_a_source() -> None:
    text = "Russia hacked the Bundestag. Germany said that Russia hacked the Bundestag."
    rels = [r for r in _relations(text) if r.predicate == "hacked"]
    assert len(rels) == 1 and rels[0].source == "Germany"


@pytest.mark.parametrize(
    "text",
    [
        "Russia refuted claims that it hacked the Bundestag.",
        "Russia denied reports that it hacked the Bundestag.",
    ],
    ids=["refuted-claims-that", "denied-reports-that"],
)
def test_claims_a_rejected_claim_is_negated(text: str) -> None:
    rel = _find(text, "hacked", "Russia", "Bundestag")
    assert rel.negated and not is_fact(rel)


def test_claims_allegations_made_by_a_source_are_alleged() -> None:
    text = "Germany made allegations that Russia hacked the Bundestag."
    rel = _find(text, "hacked", "Russia", "Bundestag")
    assert rel.modality == "alleged" and rel.source == "Germany" and not rel.negated


SAID_THAT = """
{q} {q} ADJ JJ amod 1 {ent}
{head} {lemma} NOUN NNS nsubj 2 O
said say VERB VBD ROOT 2 O
Russia Russia PROPN NNP nsubj 4 B-GPE
hacked hack VERB VBD ccomp 2 O
Ukraine Ukraine PROPN NNP dobj 4 B-GPE
. . PUNCT . punct 2 O
"""


def _with_group(doc_spec: str, label: str, affiliation: str) -> list[Relation]:
    """Relations of a hand-built Doc whose first two words are the descriptive group ``label``."""
    doc = make_doc(doc_spec)
    group = make_actor(label, "GovernmentBody", affiliation)
    span = doc[0:2]
    refs = [Ref(group, 0, 2, span.start_char, span.end_char, span.text, "group")]
    refs += [r for r in find_refs(doc, NER_ONLY) if r.start >= 2]
    return relations_of(Article("t", doc.text), doc, refs)


@pytest.mark.parametrize(
    ("words", "label", "affiliation", "source"),
    [
        (("US", "GPE", "officials", "official"), "US officials", "United States", "United States"),
        (
            ("German", "NORP", "authorities", "authority"),
            "German authorities",
            "Germany",
            "Germany",
        ),
        (
            ("Dutch", "NORP", "agencies", "agency"),
            "Dutch security agencies",
            "Netherlands",
            "Netherlands",
        ),
        (
            ("German", "NORP", "prosecutors", "prosecutor"),
            "German prosecutors",
            "Germany",
            "German prosecutors",
        ),
    ],
    ids=["officials", "authorities", "agencies", "prosecutors-stay"],
)
def test_claims_unnamed_officials_speak_for_their_state(
    words: tuple[str, str, str, str], label: str, affiliation: str, source: str
) -> None:
    qualifier, ent, head, lemma = words
    spec = SAID_THAT.format(q=qualifier, ent="B-" + ent, head=head, lemma=lemma)
    rels = [r for r in _with_group(spec, label, affiliation) if r.predicate == "hacked"]
    assert [(r.subject.label, r.object.label) for r in rels] == [("Russia", "Ukraine")]
    assert rels[0].source == source and rels[0].source_chain == (source,)


RAISED = """
Acme Acme PROPN NNP nsubjpass 2 B-ORG
is be AUX VBZ auxpass 2 O
{verb} {lemma} VERB VBN ROOT 2 O
to to PART TO aux 6 O
have have AUX VB aux 6 O
been be AUX VBN auxpass 6 O
hacked hack VERB VBN xcomp 2 O
by by ADP IN agent 6 O
Russia Russia PROPN NNP pobj 7 B-GPE
. . PUNCT . punct 2 O
"""


@pytest.mark.parametrize(("verb", "lemma"), [("said", "say"), ("believed", "believe")])
def test_claims_raised_passive_is_alleged_and_its_agent_no_source(verb: str, lemma: str) -> None:
    doc = make_doc(RAISED.format(verb=verb, lemma=lemma))
    rels = relations_of(Article("t", doc.text), doc, find_refs(doc, NER_ONLY))
    found = [(r.subject.label, r.predicate, r.object.label, r.modality, r.source) for r in rels]
    assert found == [("Russia", "hacked", "Acme", "alleged", None)]


EVIDENCE = """
There there PRON EX expl 1 O
is be VERB VBZ ROOT 1 O
{det} {det} DET DT det 3 O
{noun} {noun} NOUN NN attr 1 O
that that SCONJ IN mark 6 O
Russia Russia PROPN NNP nsubj 6 B-GPE
hacked hack VERB VBD acl 3 O
Acme Acme PROPN NNP dobj 6 B-ORG
. . PUNCT . punct 1 O
"""


@pytest.mark.parametrize(
    ("det", "noun", "negated"),
    [("no", "evidence", True), ("no", "sign", True), ("new", "evidence", False)],
    ids=["no-evidence", "no-sign", "new-evidence"],
)
def test_claims_no_evidence_that_negates_the_relation(det: str, noun: str, negated: bool) -> None:
    doc = make_doc(EVIDENCE.format(det=det, noun=noun))
    rels = relations_of(Article("t", doc.text), doc, find_refs(doc, NER_ONLY))
    found = [(r.subject.label, r.predicate, r.object.label, r.negated) for r in rels]
    assert found == [("Russia", "hacked", "Acme", negated)]


CLOSING_COMMENT = """
Microsoft Microsoft PROPN NNP nsubj 1 B-ORG
said say VERB VBD ROOT 1 O
Russia Russia PROPN NNP nsubj 3 B-GPE
hacked hack VERB VBD ccomp 1 O
Acme Acme PROPN NNP dobj 3 B-ORG
, , PUNCT , punct 8 O
the the DET DT det 7 O
Post Post PROPN NNP nsubj 8 B-ORG
reported report VERB VBD ccomp 1 O
. . PUNCT . punct 1 O
"""

SAID_AFTER = """
Acme Acme PROPN NNP nsubj 1 B-ORG
sanctioned sanction VERB VBD ROOT 1 O
Russia Russia PROPN NNP dobj 1 B-GPE
after after SCONJ IN mark 5 O
Obama Obama PROPN NNP nsubj 5 B-PERSON
said say VERB VBD advcl 1 O
Iran Iran PROPN NNP nsubj 7 B-GPE
hacked hack VERB VBD ccomp 5 O
Globex Globex PROPN NNP dobj 7 B-ORG
. . PUNCT . punct 1 O
"""


def _chains(spec: str) -> dict[tuple[str, str, str], tuple[str, ...]]:
    doc = make_doc(spec)
    rels = relations_of(Article("t", doc.text), doc, find_refs(doc, NER_ONLY))
    return {(r.subject.label, r.predicate, r.object.label): r.source_chain for r in rels}


def test_claims_closing_speech_clause_is_the_outermost_source() -> None:
    assert _chains(CLOSING_COMMENT) == {("Russia", "hacked", "Acme"): ("Post", "Microsoft")}


def test_claims_speech_in_a_subordinate_clause_is_not_its_main_clause_source() -> None:
    assert _chains(SAID_AFTER) == {
        ("Acme", "sanctioned", "Russia"): (),
        ("Iran", "hacked", "Globex"): ("Obama",),
    }


IT_SAID = """
Acme Acme PROPN NNP nsubj 1 B-ORG
said say VERB VBD ROOT 1 O
Russia Russia PROPN NNP nsubj 3 B-GPE
hacked hack VERB VBD ccomp 1 O
Globex Globex PROPN NNP dobj 3 B-ORG
. . PUNCT . punct 1 O
It it PRON PRP nsubj 7 O
said say VERB VBD ROOT 7 O
Iran Iran PROPN NNP nsubj 9 B-GPE
hacked hack VERB VBD ccomp 7 O
Initech Initech PROPN NNP dobj 9 B-ORG
. . PUNCT . punct 7 O
"""


def test_claims_it_said_left_unresolved_is_the_last_source() -> None:
    assert _chains(IT_SAID) == {
        ("Russia", "hacked", "Globex"): ("Acme",),
        ("Iran", "hacked", "Initech"): ("Acme",),
    }


THAT_CLAUSE = """
The the DET DT det 1 O
{noun} {noun} {pos} {tag} nsubj 2 {ent}
{verb} {lemma} VERB VBD ROOT 2 O
that that SCONJ IN mark 5 O
Iran Iran PROPN NNP nsubj 5 B-GPE
hacked hack VERB VBD ccomp 2 O
Acme Acme PROPN NNP dobj 5 B-ORG
. . PUNCT . punct 2 O
"""

LINKED_TO = """
Iran Iran PROPN NNP nsubjpass 3 B-GPE
has have AUX VBZ aux 3 O
been be AUX VBN auxpass 3 O
{verb} {lemma} VERB VBN ROOT 3 O
to to ADP IN prep 3 O
the the DET DT det 6 O
attack attack NOUN NN pobj 4 O
on on ADP IN prep 6 O
Acme Acme PROPN NNP pobj 7 B-ORG
. . PUNCT . punct 3 O
"""


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            THAT_CLAUSE.format(
                noun="lawsuit", pos="NOUN", tag="NN", ent="O", verb="alleges", lemma="allege"
            ),
            ("Iran", "hacked", "Acme", "alleged", None),
        ),
        (
            THAT_CLAUSE.format(
                noun="FBI", pos="PROPN", tag="NNP", ent="B-ORG", verb="charged", lemma="charge"
            ),
            ("Iran", "hacked", "Acme", "alleged", "FBI"),
        ),
        (
            LINKED_TO.format(verb="linked", lemma="link"),
            ("Iran", "attacked", "Acme", "alleged", None),
        ),
    ],
    ids=["lawsuit-alleges-that", "charged-that", "linked-to-the-attack"],
)
def test_claims_allegations_without_an_accusation_frame(spec: str, expected: tuple) -> None:
    doc = make_doc(spec)
    rels = relations_of(Article("t", doc.text), doc, find_refs(doc, NER_ONLY))
    found = [
        (r.subject.label, r.predicate, r.object.label, r.modality, r.source)
        for r in rels
        if r.predicate in ("hacked", "attacked")
    ]
    assert found == [expected]


LINKED_WHO = """
Iran Iran PROPN NNP nsubjpass 8 B-GPE
, , PUNCT , punct 0 O
which which PRON WDT nsubj 3 O
hacked hack VERB VBD relcl 0 O
Acme Acme PROPN NNP dobj 3 B-ORG
, , PUNCT , punct 0 O
has have AUX VBZ aux 8 O
been be AUX VBN auxpass 8 O
linked link VERB VBN ROOT 8 O
to to ADP IN prep 8 O
the the DET DT det 11 O
attack attack NOUN NN pobj 9 O
on on ADP IN prep 11 O
Globex Globex PROPN NNP pobj 12 B-ORG
. . PUNCT . punct 8 O
"""


def test_claims_a_link_to_another_event_leaves_the_relative_clause_asserted() -> None:
    doc = make_doc(LINKED_WHO)
    rels = relations_of(Article("t", doc.text), doc, find_refs(doc, NER_ONLY))
    found = {(r.subject.label, r.predicate, r.object.label, r.modality) for r in rels}
    assert found == {
        ("Iran", "hacked", "Acme", "asserted"),
        ("Iran", "attacked", "Globex", "alleged"),
    }


def test_claims_attribution_holds_no_word_lists_of_its_own(extractor: Any) -> None:
    """The claims rule's words (factive verbs, claim nouns, evidence nouns ...) come from
    the lexicon file; the module's own sets are dependency labels and predicate names."""
    grammar = set(extractor.nlp.get_pipe("parser").labels) | set(ACTOR_TYPES)
    grammar |= set(load_relations()["predicates"]) | {"ROOT", "agent", "prt", "neg", "case"}
    data = set(LEXICON.verbs).union(*LEXICON.lists.values())
    own = {
        name: sorted(set(value) - grammar - data)
        for name, value in vars(attribution).items()
        if isinstance(value, (set, frozenset))
        and all(isinstance(w, str) for w in value)
        and any(w.isalpha() for w in value)
    }
    assert {name: words for name, words in own.items() if words} == {}


DENIED_CLAIMS = """
Germany Germany PROPN NNP nsubj 1 B-GPE
denied deny VERB VBD ROOT 1 O
claims claim NOUN NNS dobj 1 O
that that SCONJ IN mark 5 O
Russia Russia PROPN NNP nsubj 5 B-GPE
hacked hack VERB VBD acl 2 O
Acme Acme PROPN NNP dobj 5 B-ORG
. . PUNCT . punct 1 O
"""

REPORTED_DENIAL = """
The the DET DT det 1 O
Times Times PROPN NNP nsubj 2 B-ORG
reported report VERB VBD ROOT 2 O
that that SCONJ IN mark 5 O
Germany Germany PROPN NNP nsubj 5 B-GPE
denied deny VERB VBD ccomp 2 O
hacking hack VERB VBG xcomp 5 O
Acme Acme PROPN NNP dobj 6 B-ORG
. . PUNCT . punct 2 O
"""


@pytest.mark.parametrize(
    ("spec", "triple", "chain"),
    [
        (DENIED_CLAIMS, ("Russia", "hacked", "Acme"), ("Germany",)),
        (REPORTED_DENIAL, ("Germany", "hacked", "Acme"), ("Times", "Germany")),
    ],
    ids=["denied-claims-that", "reported-denial"],
)
def test_claims_the_denier_is_the_source_of_what_it_denies(
    spec: str, triple: tuple[str, str, str], chain: tuple[str, ...]
) -> None:
    doc = make_doc(spec)
    rels = relations_of(Article("t", doc.text), doc, find_refs(doc, NER_ONLY))
    found = [r for r in rels if (r.subject.label, r.predicate, r.object.label) == triple]
    assert [(r.negated, r.source_chain, r.source) for r in found] == [(True, chain, chain[-1])]
