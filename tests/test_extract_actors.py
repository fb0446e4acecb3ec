"""Actor mentions on hand-built spaCy Docs with the shipped gazetteer.

Each token is written ``word lemma POS TAG dep head ENT`` as in
``test_extract_patterns.py``; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest
import spacy
from hand_docs import make_doc

from kg.extract.actors import ActorIndex, Ref, find_refs

NLP = spacy.blank("en")


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    built = ActorIndex.load()
    built.compile(NLP)
    return built


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


MEMBERS = """
Three three NUM CD nummod 1 B-CARDINAL
members member NOUN NNS nsubjpass 7 O
of of ADP IN prep 1 O
the the DET DT det 6 O
Lazarus Lazarus PROPN NNP compound 6 B-ORG
hacking hacking NOUN NN compound 6 O
group group NOUN NN pobj 2 O
were be AUX VBD auxpass 7 O
indicted indict VERB VBN ROOT 7 O
. . PUNCT . punct 7 O
"""


def test_members_of_a_named_group_are_one_actor_with_their_owner(index: ActorIndex) -> None:
    refs = refs_of(MEMBERS, index)
    assert list(refs) == ["Three members of the Lazarus hacking group"]
    members = refs["Three members of the Lazarus hacking group"].actor
    owner = index.lookup("Lazarus")
    assert owner is not None
    assert members.label == f"{owner.label} members"
    assert (members.type, members.affiliation) == ("ThreatGroup", owner.label)


def test_a_member_as_predicate_stays_a_membership(index: ActorIndex) -> None:
    refs = refs_of(
        """
        She she PRON PRP nsubj 1 O
        is be AUX VBZ ROOT 1 O
        a a DET DT det 3 O
        member member NOUN NN attr 1 O
        of of ADP IN prep 3 O
        Lazarus Lazarus PROPN NNP pobj 4 B-ORG
        . . PUNCT . punct 1 O
        """,
        index,
    )
    assert refs["Lazarus"].actor == index.lookup("Lazarus")


def test_members_of_a_parliament_are_not_a_group(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Hackers hacker NOUN NNS nsubj 1 O
        targeted target VERB VBD ROOT 1 O
        members member NOUN NNS dobj 1 O
        of of ADP IN prep 2 O
        the the DET DT det 5 O
        Knesset Knesset PROPN NNP pobj 3 B-ORG
        . . PUNCT . punct 1 O
        """,
        index,
    )
    assert "Knesset" in refs


def test_a_staff_noun_after_an_organisation_is_its_person(index: ActorIndex) -> None:
    refs = refs_of(
        """
        A a DET DT det 3 O
        former former ADJ JJ amod 3 O
        GCHQ GCHQ PROPN NNP compound 3 B-ORG
        analyst analyst NOUN NN nsubj 4 O
        leaked leak VERB VBD ROOT 4 O
        files file NOUN NNS dobj 4 O
        . . PUNCT . punct 4 O
        """,
        index,
    )
    person = refs["former GCHQ analyst"].actor
    gchq = index.lookup("GCHQ")
    assert gchq is not None
    assert (person.label, person.type, person.affiliation) == ("GCHQ analyst", "Person", gchq.label)
    assert "GCHQ" not in refs


def test_a_person_noun_after_a_nationality_is_not_the_country(index: ActorIndex) -> None:
    refs = refs_of(
        """
        An an DET DT det 2 O
        Iranian iranian ADJ JJ amod 2 B-NORP
        engineer engineer NOUN NN nsubjpass 4 O
        was be AUX VBD auxpass 4 O
        arrested arrest VERB VBN ROOT 4 O
        . . PUNCT . punct 4 O
        """,
        index,
    )
    person = refs["Iranian engineer"].actor
    assert (person.type, person.affiliation) == ("Person", "Iran")


def test_a_surname_is_the_person_named_in_full_earlier(index: ActorIndex) -> None:
    doc = make_doc(
        """
        Maria Maria PROPN NNP compound 1 B-PERSON
        Okonkwo Okonkwo PROPN NNP nsubj 2 I-PERSON
        spoke speak VERB VBD ROOT 2 O
        . . PUNCT . punct 2 O
        Later later ADV RB advmod 6 O
        Okonkwo Okonkwo PROPN NNP nsubj 6 O
        left leave VERB VBD ROOT 6 O
        . . PUNCT . punct 6 O
        Okonkwo Okonkwo PROPN NNP nsubj 9 B-ORG
        returned return VERB VBD ROOT 9 O
        . . PUNCT . punct 9 O
        """
    )
    refs = find_refs(doc, index)
    assert [(r.text, r.actor.label) for r in refs] == [
        ("Maria Okonkwo", "Maria Okonkwo"),
        ("Okonkwo", "Maria Okonkwo"),
        ("Okonkwo", "Maria Okonkwo"),
    ]


def test_a_surname_before_the_full_name_is_not_resolved(index: ActorIndex) -> None:
    doc = make_doc(
        """
        Okonkwo Okonkwo PROPN NNP nsubj 1 O
        spoke speak VERB VBD ROOT 1 O
        . . PUNCT . punct 1 O
        Maria Maria PROPN NNP compound 4 B-PERSON
        Okonkwo Okonkwo PROPN NNP nsubj 5 I-PERSON
        left leave VERB VBD ROOT 5 O
        . . PUNCT . punct 5 O
        """
    )
    assert [r.text for r in find_refs(doc, index)] == ["Maria Okonkwo"]


def test_a_title_alone_is_not_a_person_and_a_title_is_cut_from_a_name(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Petty petty PROPN NNP compound 1 B-PERSON
        Officer officer PROPN NNP nsubj 2 I-PERSON
        said say VERB VBD ROOT 2 O
        that that SCONJ IN mark 8 O
        Chief chief PROPN NNP compound 7 B-PERSON
        Inspector inspector PROPN NNP compound 7 I-PERSON
        Ana Ana PROPN NNP compound 7 I-PERSON
        Lindqvist Lindqvist PROPN NNP nsubj 8 I-PERSON
        left leave VERB VBD ccomp 2 O
        . . PUNCT . punct 2 O
        """,
        index,
    )
    assert list(refs) == ["Ana Lindqvist"]
    assert refs["Ana Lindqvist"].actor.type == "Person"


def test_a_line_of_site_chrome_gives_no_actor(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Home home PROPN NNP compound 3 B-ORG
        Politics politics PROPN NNP compound 3 I-ORG
        Markets markets PROPN NNP compound 3 I-ORG
        Technology~ technology PROPN NNP ROOT 3 I-ORG
        <NL>~ <NL> SPACE _SP dep 3 O
        Vexora Vexora PROPN NNP nsubj 6 B-ORG
        hacked hack VERB VBD ROOT 6 O
        Norway Norway PROPN NNP dobj 6 B-GPE
        . . PUNCT . punct 6 O
        """,
        index,
    )
    assert list(refs) == ["Vexora", "Norway"]


def test_a_linked_gang_is_a_group_not_its_country(index: ActorIndex) -> None:
    refs = refs_of(
        """
        The the DET DT det 5 O
        Iran~ Iran PROPN NNP npadvmod 3 B-GPE
        -~ - PUNCT HYPH punct 3 O
        linked link VERB VBN amod 5 O
        ransomware ransomware NOUN NN compound 5 O
        gang gang NOUN NN nsubj 6 O
        struck strike VERB VBD ROOT 6 O
        . . PUNCT . punct 6 O
        """,
        index,
    )
    gang = refs["Iran-linked ransomware gang"].actor
    assert (gang.label, gang.type, gang.affiliation) == (
        "Iranian ransomware gang",
        "ThreatGroup",
        "Iran",
    )


def test_a_group_known_by_a_name_is_that_actor(index: ActorIndex) -> None:
    refs = refs_of(
        """
        A a DET DT det 3 O
        Chinese chinese ADJ JJ amod 3 B-NORP
        hacking hacking NOUN NN compound 3 O
        group group NOUN NN nsubj 7 O
        known know VERB VBN acl 3 O
        as as ADP IN prep 4 O
        APT41 APT41 PROPN NNP pobj 5 B-ORG
        struck strike VERB VBD ROOT 7 O
        . . PUNCT . punct 7 O
        """,
        index,
    )
    apt41 = index.lookup("APT41")
    assert apt41 is not None
    assert refs["Chinese hacking group"].actor == apt41
    assert refs["Chinese hacking group"].kind == "name"


def test_a_group_in_apposition_to_a_name_is_that_actor(index: ActorIndex) -> None:
    refs = refs_of(
        """
        APT41~ APT41 PROPN NNP nsubj 6 B-ORG
        , , PUNCT , punct 0 O
        a a DET DT det 5 O
        Chinese chinese ADJ JJ amod 5 B-NORP
        hacking hacking NOUN NN compound 5 O
        group group NOUN NN appos 0 O
        struck strike VERB VBD ROOT 6 O
        . . PUNCT . punct 6 O
        """,
        index,
    )
    assert refs["Chinese hacking group"].actor == refs["APT41"].actor


def test_where_a_group_is_based_stays_a_place_mention(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Tehran~ Tehran PROPN NNP npadvmod 2 B-GPE
        -~ - PUNCT HYPH punct 2 O
        based base VERB VBN amod 3 O
        hackers hacker NOUN NNS nsubj 4 O
        struck strike VERB VBD ROOT 4 O
        . . PUNCT . punct 4 O
        """,
        index,
    )
    assert refs["Tehran"].actor.label == "Iran"
    assert refs["hackers"].actor.type == "ThreatGroup"


def test_members_named_in_a_compound_are_the_groups_members(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Two two NUM CD nummod 2 B-CARDINAL
        Lazarus Lazarus PROPN NNP compound 2 B-ORG
        members member NOUN NNS nsubjpass 4 O
        were be AUX VBD auxpass 4 O
        named name VERB VBN ROOT 4 O
        . . PUNCT . punct 4 O
        """,
        index,
    )
    lazarus = index.lookup("Lazarus")
    assert lazarus is not None
    members = refs["Two Lazarus members"].actor
    assert (members.label, members.affiliation) == (f"{lazarus.label} members", lazarus.label)


def test_a_short_form_of_an_organisation_named_earlier_is_that_actor(index: ActorIndex) -> None:
    doc = make_doc(
        """
        Vexora Vexora PROPN NNP compound 1 B-ORG
        Labs Labs PROPN NNP nsubj 2 I-ORG
        spoke speak VERB VBD ROOT 2 O
        . . PUNCT . punct 2 O
        Vexora Vexora PROPN NNP nsubj 5 O
        left leave VERB VBD ROOT 5 O
        . . PUNCT . punct 5 O
        """
    )
    refs = find_refs(doc, index)
    assert [(r.text, r.actor.label) for r in refs] == [
        ("Vexora Labs", "Vexora Labs"),
        ("Vexora", "Vexora Labs"),
    ]


def test_the_holder_of_a_state_office_is_a_person_not_the_state(index: ActorIndex) -> None:
    refs = refs_of(
        """
        The the DET DT det 2 O
        Norwegian norwegian ADJ JJ amod 2 B-NORP
        ambassador ambassador NOUN NN nsubjpass 4 O
        was be AUX VBD auxpass 4 O
        summoned summon VERB VBN ROOT 4 O
        . . PUNCT . punct 4 O
        """,
        index,
    )
    holder = refs["Norwegian ambassador"].actor
    assert (holder.type, holder.affiliation) == ("Person", "Norway")


def test_an_office_before_a_name_is_a_title(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Norwegian norwegian ADJ JJ amod 1 B-NORP
        Ambassador ambassador PROPN NNP compound 3 O
        Ole Ole PROPN NNP compound 3 B-PERSON
        Nordmann Nordmann PROPN NNP nsubj 4 I-PERSON
        left leave VERB VBD ROOT 4 O
        . . PUNCT . punct 4 O
        """,
        index,
    )
    assert refs["Norwegian"].actor.label == "Norway"
    assert refs["Ole Nordmann"].actor.type == "Person"


def test_a_company_described_by_its_nationality_is_not_the_country(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Hackers hacker NOUN NNS nsubj 1 O
        struck strike VERB VBD ROOT 1 O
        a a DET DT det 5 O
        Danish danish ADJ JJ amod 5 B-NORP
        shipping shipping NOUN NN compound 5 O
        firm firm NOUN NN dobj 1 O
        . . PUNCT . punct 1 O
        """,
        index,
    )
    firm = refs["Danish shipping firm"].actor
    assert (firm.label, firm.type, firm.affiliation) == (
        "Danish shipping firm",
        "Company",
        "Denmark",
    )


def test_an_entity_run_across_a_comma_is_cut_into_its_names(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Hackers hacker NOUN NNS nsubj 1 O
        hit hit VERB VBD ROOT 1 O
        Vexora~ Vexora PROPN NNP dobj 1 B-ORG
        , , PUNCT , punct 2 I-ORG
        Quillant Quillant PROPN NNP conj 2 I-ORG
        . . PUNCT . punct 1 O
        """,
        index,
    )
    assert [refs["Vexora"].actor.label, refs["Quillant"].actor.label] == ["Vexora", "Quillant"]


def test_a_comma_before_a_company_suffix_keeps_one_name(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Vexora~ Vexora PROPN NNP nsubj 3 B-ORG
        , , PUNCT , punct 0 I-ORG
        Inc. Inc. PROPN NNP appos 0 I-ORG
        said say VERB VBD ROOT 3 O
        . . PUNCT . punct 3 O
        """,
        index,
    )
    assert list(refs) == ["Vexora, Inc."]


def test_a_secret_service_is_the_countrys_intelligence(index: ActorIndex) -> None:
    refs = refs_of(
        """
        a a DET DT det 3 O
        Cuban cuban ADJ JJ amod 3 B-NORP
        secret secret ADJ JJ amod 3 O
        service service NOUN NN ROOT 3 O
        """,
        index,
    )
    body = refs["Cuban secret service"].actor
    assert (body.type, body.affiliation) == ("GovernmentBody", "Cuba")


def test_unowned_prosecutors_are_an_unnamed_government_body(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Federal federal ADJ JJ amod 1 O
        prosecutors prosecutor NOUN NNS nsubj 2 O
        said say VERB VBD ROOT 2 O
        . . PUNCT . punct 2 O
        """,
        index,
    )
    body = refs["Federal prosecutors"].actor
    assert (body.label, body.type) == ("federal prosecutors", "GovernmentBody")
    assert refs["Federal prosecutors"].kind == "group"


def test_prosecutors_of_a_named_state_are_not_unnamed(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Latvian latvian ADJ JJ amod 1 B-NORP
        prosecutors prosecutor NOUN NNS nsubj 2 O
        said say VERB VBD ROOT 2 O
        . . PUNCT . punct 2 O
        """,
        index,
    )
    assert refs["Latvian prosecutors"].actor.affiliation == "Latvia"


def test_a_staff_noun_before_a_name_is_a_title_and_keeps_the_owner(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Cisco Cisco PROPN NNP compound 1 B-ORG
        analyst analyst NOUN NN compound 3 O
        Maria Maria PROPN NNP compound 3 B-PERSON
        Lopez Lopez PROPN NNP nsubj 4 I-PERSON
        warned warn VERB VBD ROOT 4 O
        customers customer NOUN NNS dobj 4 O
        . . PUNCT . punct 4 O
        """,
        index,
    )
    assert refs["Maria Lopez"].actor.type == "Person"
    assert refs["Cisco"].kind == "name"
    assert "Cisco analyst" not in refs


def test_coordinated_qualifiers_make_one_mention_of_each_group(index: ActorIndex) -> None:
    refs = find_refs(
        make_doc(
            """
            French french ADJ JJ amod 3 B-NORP
            and and CCONJ CC cc 0 O
            German german ADJ JJ conj 0 B-NORP
            officials official NOUN NNS nsubj 4 O
            condemned condemn VERB VBD ROOT 4 O
            the the DET DT det 6 O
            intrusion intrusion NOUN NN dobj 4 O
            . . PUNCT . punct 4 O
            """
        ),
        index,
    )
    phrase = [(r.text, r.actor.label, r.actor.type) for r in refs if r.start == 0]
    assert phrase == [  # a state's officials are the state (test_extract_officialdom)
        ("French and German officials", "France", "Country"),
        ("French and German officials", "Germany", "Country"),
    ]


def test_a_coordinated_qualifier_that_is_no_group_leaves_the_names(index: ActorIndex) -> None:
    refs = refs_of(
        """
        Google Google PROPN NNP nmod 3 B-ORG
        and and CCONJ CC cc 0 O
        Yahoo Yahoo PROPN NNP conj 0 B-ORG
        users user NOUN NNS nsubjpass 5 O
        were be AUX VBD auxpass 5 O
        warned warn VERB VBN ROOT 5 O
        . . PUNCT . punct 5 O
        """,
        index,
    )
    assert refs["Google"].actor.label == "Google"
    assert refs["Yahoo"].kind == "name"


@pytest.mark.parametrize(
    ("spec", "text", "label", "type_", "affiliation"),
    [
        (
            """
            Thieves thief NOUN NNS nsubj 1 O
            robbed rob VERB VBD ROOT 1 O
            a a DET DT det 4 O
            Swiss swiss ADJ JJ amod 4 B-NORP
            university university NOUN NN dobj 1 O
            . . PUNCT . punct 1 O
            """,
            "Swiss university",
            "Swiss university",
            "Organization",
            "Switzerland",
        ),
        (
            """
            She she PRON PRP nsubj 1 O
            joined join VERB VBD ROOT 1 O
            a a DET DT det 4 O
            shipping shipping NOUN NN compound 4 O
            company company NOUN NN dobj 1 O
            . . PUNCT . punct 1 O
            """,
            "shipping company",
            "shipping company",
            "Company",
            None,
        ),
        (
            """
            A a DET DT det 2 O
            regional regional ADJ JJ amod 2 O
            court court NOUN NN nsubj 3 O
            fined fine VERB VBD ROOT 3 O
            him he PRON PRP dobj 3 O
            . . PUNCT . punct 3 O
            """,
            "regional court",
            "regional court",
            "GovernmentBody",
            None,
        ),
    ],
)
def test_an_unnamed_organisation_with_a_qualifier_is_typed_by_its_head(
    index: ActorIndex, spec: str, text: str, label: str, type_: str, affiliation: str | None
) -> None:
    ref = refs_of(spec, index)[text]
    assert (ref.actor.label, ref.actor.type, ref.actor.affiliation, ref.kind) == (
        label,
        type_,
        affiliation,
        "group",
    )


@pytest.mark.parametrize(
    "spec",
    [
        """
        The the DET DT det 1 O
        company company NOUN NN nsubj 2 O
        apologised apologise VERB VBD ROOT 2 O
        . . PUNCT . punct 2 O
        """,
        """
        Another another DET DT det 1 O
        firm firm NOUN NN nsubj 2 O
        apologised apologise VERB VBD ROOT 2 O
        . . PUNCT . punct 2 O
        """,
        """
        The the DET DT det 2 O
        Swedish swedish ADJ JJ amod 2 B-NORP
        bank bank NOUN NN nsubj 3 O
        apologised apologise VERB VBD ROOT 3 O
        . . PUNCT . punct 3 O
        """,
        """
        The the DET DT det 3 O
        Finnish finnish ADJ JJ amod 3 B-NORP
        telecom telecom NOUN NN compound 3 O
        firm firm NOUN NN nsubj 4 O
        apologised apologise VERB VBD ROOT 4 O
        . . PUNCT . punct 4 O
        """,
        """
        Oracle Oracle PROPN NNP poss 2 B-ORG
        's 's PART POS case 0 O
        cloud cloud NOUN NN compound 3 O
        subsidiary subsidiary NOUN NN nsubj 4 O
        apologised apologise VERB VBD ROOT 4 O
        . . PUNCT . punct 4 O
        """,
    ],
)
def test_a_bare_vague_definite_or_owned_organisation_noun_is_no_new_actor(
    index: ActorIndex, spec: str
) -> None:
    refs = find_refs(make_doc(spec), index)
    assert all(r.actor.type not in ("Company", "Organization") or r.kind == "name" for r in refs)


def test_a_person_noun_after_a_nationality_the_gazetteer_lacks_is_a_person(
    index: ActorIndex,
) -> None:
    refs = refs_of(
        """
        Police police NOUN NNS nsubj 1 O
        questioned question VERB VBD ROOT 1 O
        a a DET DT det 4 O
        Basque basque ADJ JJ amod 4 B-NORP
        journalist journalist NOUN NN dobj 1 O
        . . PUNCT . punct 1 O
        """,
        index,
    )
    person = refs["Basque journalist"].actor
    assert (person.label, person.type, person.affiliation) == ("Basque journalist", "Person", None)


def test_a_plural_nationality_the_gazetteer_lacks_is_an_unspecified_group(
    index: ActorIndex,
) -> None:
    refs = refs_of(
        """
        Spies spy NOUN NNS nsubj 1 O
        watched watch VERB VBD ROOT 1 O
        Tibetans tibetan PROPN NNPS dobj 1 B-NORP
        abroad abroad ADV RB advmod 1 O
        . . PUNCT . punct 1 O
        """,
        index,
    )
    ref = refs["Tibetans"]
    assert (ref.actor.type, ref.kind, ref.is_actor) == ("People", "people", False)


def test_coordinated_groups_survive_a_members_phrase_in_their_sentence(
    index: ActorIndex,
) -> None:
    refs = find_refs(
        make_doc(
            """
            French french ADJ JJ amod 3 B-NORP
            and and CCONJ CC cc 0 O
            German german ADJ JJ conj 0 B-NORP
            officials official NOUN NNS nsubj 4 O
            charged charge VERB VBD ROOT 4 O
            two two NUM CD nummod 6 B-CARDINAL
            members member NOUN NNS dobj 4 O
            of of ADP IN prep 6 O
            APT28 APT28 PROPN NNP pobj 7 B-ORG
            . . PUNCT . punct 4 O
            """
        ),
        index,
    )
    assert [r.actor.label for r in refs] == [
        "France",  # a state's officials are the state (test_extract_officialdom)
        "Germany",
        "APT28 members",
    ]


MEMBERS_OF_A_GROUP = """
Police police NOUN NNS nsubj 1 O
arrested arrest VERB VBD ROOT 1 O
three three NUM CD nummod 3 B-CARDINAL
members member NOUN NNS dobj 1 O
of of ADP IN prep 3 O
APT28 APT28 PROPN NNP pobj 4 B-ORG
. . PUNCT . punct 1 O
"""


def test_members_of_a_group_are_members_of_it(index: ActorIndex) -> None:
    from kg.extract.patterns import find_candidates

    doc = make_doc(MEMBERS_OF_A_GROUP)
    refs = find_refs(doc, index)
    found = {
        (c.subject.actor.label, c.predicate, c.object.text, c.rule)
        for c in find_candidates(doc, refs)
    }
    assert ("APT28 members", "memberOf", "APT28", "owned-role") in found


def test_a_single_staff_member_is_a_member_of_its_organisation(index: ActorIndex) -> None:
    refs = refs_of(
        """
        A a DET DT det 2 O
        GCHQ GCHQ PROPN NNP compound 2 B-ORG
        analyst analyst NOUN NN nsubj 3 O
        resigned resign VERB VBD ROOT 3 O
        . . PUNCT . punct 3 O
        """,
        index,
    )
    owner = refs["GCHQ analyst"].owner
    assert owner is not None and owner.text == "GCHQ"  # memberOf(GCHQ analyst, GCHQ)


def test_a_person_of_a_nationality_is_no_member_of_the_country(index: ActorIndex) -> None:
    refs = find_refs(
        make_doc(
            """
            A a DET DT det 2 O
            Danish danish ADJ JJ amod 2 B-NORP
            student student NOUN NN nsubj 3 O
            protested protest VERB VBD ROOT 3 O
            . . PUNCT . punct 3 O
            """
        ),
        index,
    )
    assert [(r.actor.label, r.owner) for r in refs] == [("Danish student", None)]
