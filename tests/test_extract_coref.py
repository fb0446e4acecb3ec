"""The coreference sieve, pass by pass, on hand-built spaCy Docs (no model involved).

Each token is written ``word lemma POS TAG dep head ENT`` as in
tests/test_extract_patterns.py. Actors come from the entities alone (no
gazetteer); where a test needs another actor type than NER's guess, it retypes
the mention by label.
"""

from __future__ import annotations

from dataclasses import replace

from hand_docs import NER_ONLY, VOCAB, make_doc
from spacy.tokens import Doc

from kg.extract import coref
from kg.extract.actors import Ref, find_refs
from kg.models import Actor


def article(spec: str, **types: str) -> coref.Article:
    """The article of ``spec``, with the actors labelled as keys retyped to the values."""
    doc = make_doc(spec)
    refs: list[Ref] = []
    for ref in find_refs(doc, NER_ONLY):
        if ref.actor.label in types:
            ref = replace(ref, actor=replace(ref.actor, type=types[ref.actor.label]))
        refs.append(ref)
    return coref.Article.build(doc, refs)


def resolved(results: list[coref.Resolution], doc: Doc) -> dict[str, list[str]]:
    """Anaphor text -> the labels of its antecedents."""
    return {
        doc[r.anaphor.start : r.anaphor.head + 1].text: [a.actor.label for a in r.antecedents]
        for r in results
    }


DEFINITE_GROUP = """
APT28 APT28 PROPN NNP nsubj 1 B-ORG
attacked attack VERB VBD ROOT 1 O
Acme Acme PROPN NNP dobj 1 B-ORG
. . PUNCT . punct 1 O
The the DET DT det 5 O
hackers hacker NOUN NNS nsubj 6 O
stole steal VERB VBD ROOT 6 O
data data NOUN NNS dobj 6 O
. . PUNCT . punct 6 O
"""


def test_definite_group_takes_the_named_threat_group() -> None:
    art = article(DEFINITE_GROUP, APT28="ThreatGroup")
    assert resolved(coref.definite_groups(art), art.doc) == {"hackers": ["APT28"]}


def test_definite_group_needs_a_threat_group() -> None:
    art = article(DEFINITE_GROUP)  # APT28 stays an Organization
    assert coref.definite_groups(art) == []


BOTH_COMPANIES = """
Yahoo Yahoo PROPN NNP nsubjpass 4 B-ORG
and and CCONJ CC cc 0 O
Google Google PROPN NNP conj 0 B-ORG
were be AUX VBD auxpass 4 O
hacked hack VERB VBN ROOT 4 O
. . PUNCT . punct 4 O
Both both DET DT det 7 O
companies company NOUN NNS nsubj 8 O
notified notify VERB VBD ROOT 8 O
the the DET DT det 10 O
FBI FBI PROPN NNP dobj 8 B-ORG
. . PUNCT . punct 8 O
"""


def test_plural_description_takes_two_antecedents() -> None:
    art = article(BOTH_COMPANIES, Yahoo="Company", Google="Company")
    found = resolved(coref.plural_descriptions(art), art.doc)
    assert sorted(found["Both companies"]) == ["Google", "Yahoo"]


def test_plural_description_with_one_candidate_resolves_nothing() -> None:
    art = article(BOTH_COMPANIES, Yahoo="Company", Google="Person")
    assert coref.plural_descriptions(art) == []


HEAD_MATCH = """
Sandworm Sandworm PROPN NNP nsubj 6 B-ORG
, , PUNCT , punct 0 O
a a DET DT det 4 O
hacking hacking NOUN NN compound 4 O
group group NOUN NN appos 0 O
, , PUNCT , punct 0 O
attacked attack VERB VBD ROOT 6 O
Ukraine Ukraine PROPN NNP dobj 6 B-GPE
. . PUNCT . punct 6 O
Microsoft Microsoft PROPN NNP nsubj 10 B-ORG
said say VERB VBD ROOT 10 O
the the DET DT det 12 O
group group NOUN NN nsubj 13 O
used use VERB VBD ccomp 10 O
malware malware NOUN NN dobj 13 O
. . PUNCT . punct 10 O
"""


def test_head_match_takes_the_name_described_by_the_same_noun() -> None:
    art = article(HEAD_MATCH)
    # by type alone "the group" would be the nearest organization, Microsoft
    assert resolved(coref.descriptions(art), art.doc) == {"the group": ["Microsoft"]}
    assert resolved(coref.head_match(art), art.doc) == {"the group": ["Sandworm"]}
    refs = coref.resolve(art.doc, art.refs)
    assert [r.actor.label for r in refs if r.text == "the group"] == ["Sandworm"]


def test_head_match_needs_compatible_modifiers() -> None:
    tail = """
    Microsoft Microsoft PROPN NNP nsubj 10 B-ORG
    said say VERB VBD ROOT 10 O
    the the DET DT det 13 O
    ransomware ransomware NOUN NN compound 13 O
    group group NOUN NN nsubj 14 O
    used use VERB VBD ccomp 10 O
    malware malware NOUN NN dobj 14 O
    . . PUNCT . punct 10 O
    """
    art = article(HEAD_MATCH.split("Microsoft")[0] + tail)
    assert [art.doc[a.start : a.head + 1].text for a in art.anaphors] == ["the ransomware group"]
    assert coref.head_match(art) == []


def test_a_description_with_its_own_name_is_no_anaphor() -> None:
    spec = """
    The the DET DT det 2 O
    Sandworm Sandworm PROPN NNP compound 2 B-ORG
    group group NOUN NN nsubj 3 O
    attacked attack VERB VBD ROOT 3 O
    Ukraine Ukraine PROPN NNP dobj 3 B-GPE
    . . PUNCT . punct 3 O
    """
    art = article(spec)
    assert art.anaphors == []
    sandworm = next(r for r in art.refs if r.text == "Sandworm")
    assert coref.head_nouns(art.doc, sandworm) == [("group", {"sandworm"})]


THE_COMPANY = """
Israel Israel PROPN NNP nsubj 1 B-GPE
hacked hack VERB VBD ROOT 1 O
Kaspersky Kaspersky PROPN NNP dobj 1 B-ORG
. . PUNCT . punct 1 O
The the DET DT det 5 O
company company NOUN NN nsubj 6 O
detected detect VERB VBD ROOT 6 O
Israel Israel PROPN NNP dobj 6 B-GPE
. . PUNCT . punct 6 O
"""


def test_definite_description_takes_the_latest_actor_of_its_type() -> None:
    art = article(THE_COMPANY)
    assert resolved(coref.descriptions(art), art.doc) == {"The company": ["Kaspersky"]}


def test_definite_description_of_another_type_resolves_nothing() -> None:
    art = article(THE_COMPANY, Kaspersky="GovernmentBody")
    assert coref.descriptions(art) == []


SHE = """
Angela Angela PROPN NNP compound 1 B-PERSON
Merkel Merkel PROPN NNP nsubj 2 I-PERSON
spoke speak VERB VBD ROOT 2 O
. . PUNCT . punct 2 O
She she PRON PRP nsubj 5 O
criticized criticize VERB VBD ROOT 5 O
Russia Russia PROPN NNP dobj 5 B-GPE
. . PUNCT . punct 5 O
"""


def test_pronoun_takes_the_latest_actor_of_its_animacy() -> None:
    art = article(SHE)
    assert resolved(coref.pronouns(art), art.doc) == {"She": ["Angela Merkel"]}


def test_pronoun_of_another_animacy_resolves_nothing() -> None:
    art = article(SHE.replace("She she", "It it"))
    assert coref.pronouns(art) == []


def test_pronoun_beyond_the_window_resolves_nothing() -> None:
    filler = "\n".join([f"Nothing nothing PRON NN ROOT {i} O" for i in range(4, 8)])
    spec = SHE.replace("She she PRON PRP nsubj 5 O", filler + "\nShe she PRON PRP nsubj 9 O")
    spec = spec.replace(
        "criticized criticize VERB VBD ROOT 5 O", "criticized criticize VERB VBD ROOT 9 O"
    )
    spec = spec.replace(
        "Russia Russia PROPN NNP dobj 5 B-GPE", "Russia Russia PROPN NNP dobj 9 B-GPE"
    )
    spec = spec.replace(". . PUNCT . punct 5 O", ". . PUNCT . punct 9 O")
    art = article(spec)
    assert coref.pronouns(art) == []


def test_sieves_run_most_precise_first_and_feed_the_later_ones() -> None:
    names = [s.__name__ for s in coref.SIEVES]
    assert names.index("head_match") < names.index("descriptions") < names.index("pronouns")
    art = article(THE_COMPANY)
    after = art.with_(coref.descriptions(art))
    assert not after.anaphors
    mention = next(r for r in after.refs if r.text == "The company")
    assert (mention.actor.label, mention.kind) == ("Kaspersky", "coref")
    assert after.antecedent(8, ("Organization",)) is mention
    # binding: the object of "detected" is not its subject
    assert after.antecedent(7, ("Organization",)) is None


NAMED_LATER = """
A a DET DT det 1 O
teenager teenager NOUN NN nsubjpass 3 O
was be AUX VBD auxpass 3 O
arrested arrest VERB VBN ROOT 3 O
. . PUNCT . punct 3 O
Police police NOUN NNS nsubj 6 O
identified identify VERB VBD ROOT 6 O
the the DET DT det 12 O
17 17 NUM CD nummod 10 O
- - PUNCT HYPH punct 10 O
year year NOUN NN npadvmod 12 O
- - PUNCT HYPH punct 12 O
old old ADJ JJ dobj 6 O
as as ADP IN prep 12 O
John John PROPN NNP compound 15 B-PERSON
Smith Smith PROPN NNP pobj 13 I-PERSON
. . PUNCT . punct 6 O
"""


def test_an_unnamed_person_takes_the_name_the_article_gives_later() -> None:
    art = article(NAMED_LATER)
    assert [r.text for r in art.refs if r.kind == "seed"] == ["A teenager"]
    refs = coref.resolve(art.doc, [r for r in art.refs if r.kind != "seed"])
    by_start = {r.start: (r.actor.label, r.kind) for r in refs}
    assert by_start[0] == ("John Smith", "coref")  # A teenager
    assert by_start[7] == ("John Smith", "coref")  # the 17-year-old


def test_an_unnamed_person_never_named_is_dropped() -> None:
    doc = make_doc("\n".join(NAMED_LATER.strip().splitlines()[:5]))
    assert coref.resolve(doc, find_refs(doc, NER_ONLY)) == []


MET_A_MAN = """
Angela Angela PROPN NNP compound 1 B-PERSON
Merkel Merkel PROPN NNP nsubj 2 I-PERSON
met meet VERB VBD ROOT 2 O
a a DET DT det 4 O
man man NOUN NN dobj 2 O
. . PUNCT . punct 2 O
She she PRON PRP nsubj 7 O
criticized criticize VERB VBD ROOT 7 O
Russia Russia PROPN NNP dobj 7 B-GPE
. . PUNCT . punct 7 O
"""


def test_pronoun_agrees_in_gender_with_its_antecedent() -> None:
    art = article(MET_A_MAN)
    assert resolved(coref.pronouns(art), art.doc) == {"She": ["Angela Merkel"]}
    art = article(MET_A_MAN.replace("She she", "He he"))
    assert resolved(coref.pronouns(art), art.doc) == {"He": ["a man"]}


def test_description_is_not_the_subject_of_its_own_verb() -> None:
    spec = """
    REvil REvil PROPN NNP nsubj 1 B-ORG
    attacked attack VERB VBD ROOT 1 O
    Acme Acme PROPN NNP dobj 1 B-ORG
    . . PUNCT . punct 1 O
    The the DET DT det 5 O
    FSB FSB PROPN NNP nsubj 6 B-ORG
    dismantled dismantle VERB VBD ROOT 6 O
    the the DET DT det 8 O
    organization organization NOUN NN dobj 6 O
    . . PUNCT . punct 6 O
    """
    art = article(spec, Acme="Company")
    assert resolved(coref.descriptions(art), art.doc) == {"the organization": ["REvil"]}


QUOTE = """
" " PUNCT `` punct 2 O
We we PRON PRP nsubj 2 O
dispute dispute VERB VBP ccomp 6 O
it it PRON PRP dobj 2 O
, , PUNCT , punct 6 O
" " PUNCT '' punct 6 O
said say VERB VBD ROOT 6 O
a a DET DT det 8 O
spokesman spokesman NOUN NN nsubj 6 O
for for ADP IN prep 8 O
Acme Acme PROPN NNP pobj 9 B-ORG
. . PUNCT . punct 6 O
"""


def _quoted(spec: str) -> Doc:
    """A Doc whose quotation marks are spaced as in print: '"We dispute it," said ...'."""
    doc = make_doc(spec)
    spaces = [not (t.i == 0 or t.i + 1 < len(doc) and doc[t.i + 1].text in ',."') for t in doc]
    return Doc(
        VOCAB,
        words=[t.text for t in doc],
        spaces=spaces,
        lemmas=[t.lemma_ for t in doc],
        pos=[t.pos_ for t in doc],
        tags=[t.tag_ for t in doc],
        deps=[t.dep_ for t in doc],
        heads=[t.head.i for t in doc],
        ents=[t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") for t in doc],
    )


def test_first_person_plural_in_a_quote_is_the_body_the_speaker_speaks_for() -> None:
    doc = _quoted(QUOTE)
    assert doc.text.startswith('"We dispute it," said')
    assert coref.quote_spans(doc) == [(1, 5)]
    art = coref.Article.build(doc, find_refs(doc, NER_ONLY))
    assert resolved(coref.speakers(art), doc) == {"We": ["Acme"]}


def test_first_person_singular_in_a_quote_is_a_speaking_person_only() -> None:
    doc = _quoted(QUOTE.replace("We we PRON PRP", "I I PRON PRP"))
    art = coref.Article.build(doc, find_refs(doc, NER_ONLY))
    assert coref.speakers(art) == []  # the speaker is a spokesman, not a named person


TWO_LEADERS = """
Joe Joe PROPN NNP compound 1 B-PERSON
Biden Biden PROPN NNP nsubj 2 I-PERSON
met meet VERB VBD ROOT 2 O
Vladimir Vladimir PROPN NNP compound 4 B-PERSON
Putin Putin PROPN NNP dobj 2 I-PERSON
. . PUNCT . punct 2 O
The the DET DT det 8 O
two two NUM CD nummod 8 O
leaders leader NOUN NNS nsubj 9 O
agreed agree VERB VBD ROOT 9 O
. . PUNCT . punct 9 O
"""


def test_the_two_leaders_are_the_two_latest_persons() -> None:
    art = article(TWO_LEADERS)
    found = resolved(coref.plural_descriptions(art), art.doc)
    assert sorted(found["The two leaders"]) == ["Joe Biden", "Vladimir Putin"]


def test_those_two_individuals_replace_the_crowd_mention() -> None:
    art = article(TWO_LEADERS.replace("leaders leader", "individuals individual"))
    assert [r.kind for r in art.refs if r.text == "individuals"] == ["people"]
    after = art.with_(coref.plural_descriptions(art))
    at_eight = sorted((r.actor.label, r.kind) for r in after.refs if r.end == 9)
    assert at_eight == [("Joe Biden", "coref"), ("Vladimir Putin", "coref")]


def test_a_nationality_modifier_is_no_antecedent() -> None:
    spec = """
    Germany Germany PROPN NNP nsubj 1 B-GPE
    arrested arrest VERB VBD ROOT 1 O
    a a DET DT det 4 O
    Chinese chinese ADJ JJ amod 4 B-NORP
    woman woman NOUN NN dobj 1 O
    . . PUNCT . punct 1 O
    The the DET DT det 7 O
    country country NOUN NN nsubj 8 O
    protested protest VERB VBD ROOT 8 O
    . . PUNCT . punct 8 O
    """
    doc = make_doc(spec)
    china = Actor(id="kg:actor/china", label="China", type="Country")
    germany = Actor(id="kg:actor/germany", label="Germany", type="Country")
    refs = [Ref(germany, 0, 1, 0, 7, "Germany"), Ref(china, 3, 4, 0, 0, "Chinese", "demonym")]
    art = coref.Article.build(doc, refs)
    assert resolved(coref.descriptions(art), doc) == {"The country": ["Germany"]}


def test_he_or_she_and_pleonastic_it_resolve_nothing() -> None:
    spec = """
    Angela Angela PROPN NNP compound 1 B-PERSON
    Merkel Merkel PROPN NNP nsubj 2 I-PERSON
    spoke speak VERB VBD ROOT 2 O
    . . PUNCT . punct 2 O
    He he PRON PRP nsubj 7 O
    or or CCONJ CC cc 4 O
    she she PRON PRP conj 4 O
    left leave VERB VBD ROOT 7 O
    . . PUNCT . punct 7 O
    It it PRON PRP nsubj 10 O
    is be AUX VBZ ROOT 10 O
    important important ADJ JJ acomp 10 O
    to to PART TO aux 13 O
    act act VERB VB xcomp 10 O
    . . PUNCT . punct 10 O
    """
    art = article(spec, **{"Angela Merkel": "Person"})
    assert art.anaphors == []


DISMANTLED = """
REvil REvil PROPN NNP nsubj 1 B-ORG
attacked attack VERB VBD ROOT 1 O
Acme Acme PROPN NNP dobj 1 B-ORG
. . PUNCT . punct 1 O
The the DET DT det 5 O
FSB FSB PROPN NNP nsubj 6 B-ORG
said say VERB VBD ROOT 6 O
it it PRON PRP nsubj 8 O
dismantled dismantle VERB VBD ccomp 6 O
the the DET DT det 10 O
organization organization NOUN NN dobj 8 O
. . PUNCT . punct 6 O
"""


def test_a_description_waits_for_the_pronoun_subject_of_its_verb() -> None:
    art = article(DISMANTLED, Acme="Company")
    assert coref.descriptions(art) == []  # "it" is not resolved yet
    art = art.with_(coref.pronouns(art))
    assert resolved(coref.bound_descriptions(art), art.doc) == {"the organization": ["REvil"]}
    refs = coref.resolve(art.doc, art.refs)
    assert [r.actor.label for r in refs if r.start == 9] == ["REvil"]


def test_a_person_pronoun_reaches_further_back_to_the_only_person() -> None:
    filler = "\n".join(f"Nothing nothing PRON NN ROOT {i} O" for i in range(4, 8))
    spec = SHE.replace("She she PRON PRP nsubj 5 O", filler + "\nShe she PRON PRP nsubj 9 O")
    for old, new in (
        ("criticized criticize VERB VBD ROOT 5 O", "criticized criticize VERB VBD ROOT 9 O"),
        ("Russia Russia PROPN NNP dobj 5 B-GPE", "Russia Russia PROPN NNP dobj 9 B-GPE"),
        (". . PUNCT . punct 5 O", ". . PUNCT . punct 9 O"),
    ):
        spec = spec.replace(old, new)
    art = article(spec)
    assert coref.pronouns(art) == []  # beyond the window
    assert resolved(coref.salient(art), art.doc) == {"She": ["Angela Merkel"]}
    two = spec.replace("Nothing nothing PRON NN ROOT 5 O", "Bob Bob PROPN NNP ROOT 5 B-PERSON")
    art = article(two)
    assert coref.salient(art) == []  # two persons: ambiguous


def test_a_country_is_not_described_by_the_firm_it_modifies() -> None:
    spec = """
    UK UK PROPN NNP compound 1 B-GPE
    firm firm NOUN NN nsubj 2 O
    failed fail VERB VBD ROOT 2 O
    . . PUNCT . punct 2 O
    """
    art = article(spec, UK="Country")
    uk = next(r for r in art.refs if r.text == "UK")
    assert coref.head_nouns(art.doc, uk) == []
    art = article(spec)  # a Place by NER: not a firm either
    assert coref.head_nouns(art.doc, next(r for r in art.refs if r.text == "UK")) == []


THREE_GROUPS = """
Acme Acme PROPN NNP nsubj 1 B-ORG
sanctioned sanction VERB VBD ROOT 1 O
three three NUM CD nummod 3 O
groups group NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
They they PRON PRP nsubj 6 O
are be AUX VBP ROOT 6 O
Alpha Alpha PROPN NNP attr 6 B-ORG
, , PUNCT , punct 7 O
Beta Beta PROPN NNP conj 7 B-ORG
and and CCONJ CC cc 9 O
Gamma Gamma PROPN NNP conj 9 B-ORG
. . PUNCT . punct 6 O
"""


def test_a_numbered_plural_is_the_next_list_of_that_many_names() -> None:
    art = article(THREE_GROUPS)
    found = resolved(coref.numbered(art), art.doc)
    assert sorted(found["three groups"]) == ["Alpha", "Beta", "Gamma"]
    refs = coref.resolve(art.doc, art.refs)
    assert sorted(r.actor.label for r in refs if r.start == 2) == ["Alpha", "Beta", "Gamma"]


def test_a_numbered_plural_needs_the_same_count() -> None:
    art = article(THREE_GROUPS.replace("three three NUM", "two two NUM"))
    assert coref.numbered(art) == []


def test_a_gendered_anaphor_prefers_the_entity_known_to_be_of_its_gender() -> None:
    spec = """
    She she PRON PRP nsubj 1 O
    left leave VERB VBD ROOT 1 O
    . . PUNCT . punct 1 O
    """
    # Angela Merkel is known female after "She"; John Smith, nearer, is of unknown gender
    text = SHE.replace("criticized criticize VERB VBD ROOT 5 O", "met meet VERB VBD ROOT 5 O")
    text = text.replace(
        "Russia Russia PROPN NNP dobj 5 B-GPE",
        "John John PROPN NNP compound 7 B-PERSON\nSmith Smith PROPN NNP dobj 5 I-PERSON",
    ).replace(". . PUNCT . punct 5 O", ". . PUNCT . punct 5 O")
    rows = [r for r in text.strip().splitlines() if r.strip()]
    tail = [_shift(r, len(rows)) for r in spec.strip().splitlines()]
    art = article("\n".join(rows + tail))
    art = art.with_(coref.pronouns(art))
    last = next(r for r in art.refs if r.start == len(rows))
    assert last.actor.label == "Angela Merkel"


def _shift(row: str, by: int) -> str:
    cols = row.split()
    cols[5] = str(int(cols[5]) + by)
    return " ".join(cols)


def test_a_descriptive_person_of_the_actor_finder_is_named_too() -> None:
    doc = make_doc(NAMED_LATER)
    teen = Actor(id="kg:actor/teenager", label="teenager", type="Person")
    smith = Actor(id="kg:actor/john-smith", label="John Smith", type="Person")
    refs = [Ref(teen, 1, 2, 0, 0, "teenager", "group"), Ref(smith, 14, 16, 0, 0, "John Smith")]
    by_start = {r.start: r.actor.label for r in coref.resolve(doc, refs)}
    assert by_start[1] == "John Smith"
    # never named, it stays the actor it was
    short = make_doc("\n".join(NAMED_LATER.strip().splitlines()[:5]))
    assert [r.actor.label for r in coref.resolve(short, refs[:1])] == ["teenager"]


def test_a_description_reaches_further_back_to_the_only_entity_of_its_type() -> None:
    filler = "\n".join(f"Nothing nothing PRON NN ROOT {i} O" for i in range(4, 8))
    rows = THE_COMPANY.strip().splitlines()
    tail = [_shift(r, 4) for r in rows[4:]]
    art = article("\n".join([*rows[:4], filler, *tail]), Kaspersky="Company")
    assert coref.descriptions(art) == []  # beyond the window
    assert resolved(coref.salient(art), art.doc) == {"The company": ["Kaspersky"]}


APPOSITIVE_PERSON = """
Ayman Ayman PROPN NNP compound 1 B-ORG
Nour Nour PROPN NNP nsubjpass 8 I-ORG
, , PUNCT , punct 1 O
a a DET DT det 5 O
liberal liberal ADJ JJ amod 5 O
politician politician NOUN NN appos 1 O
, , PUNCT , punct 1 O
was be AUX VBD auxpass 8 O
hacked hack VERB VBN ROOT 8 O
. . PUNCT . punct 8 O
Nour Nour PROPN NNP nsubj 11 B-ORG
spoke speak VERB VBD ROOT 11 O
. . PUNCT . punct 11 O
He he PRON PRP nsubj 14 O
left leave VERB VBD ROOT 14 O
. . PUNCT . punct 14 O
"""


def test_appositive_role_noun_makes_a_name_a_person() -> None:
    doc = make_doc(APPOSITIVE_PERSON)
    refs = coref.appositive_types(doc, find_refs(doc, NER_ONLY))
    assert {r.text: r.actor.type for r in refs}["Ayman Nour"] == "Person"
    company = make_doc(APPOSITIVE_PERSON.replace("politician politician", "company company"))
    refs = coref.appositive_types(company, find_refs(company, NER_ONLY))
    assert {r.text: r.actor.type for r in refs}["Ayman Nour"] == "Company"
    other = make_doc(APPOSITIVE_PERSON.replace("politician politician", "platform platform"))
    refs = coref.appositive_types(other, find_refs(other, NER_ONLY))
    assert {r.text: r.actor.type for r in refs}["Ayman Nour"] == "Organization"


TITLE_NOUN = """
customers customer NOUN NNS nsubjpass 6 O
of of ADP IN prep 0 O
loan loan NOUN NN compound 3 O
firm firm NOUN NN pobj 1 O
Wonga Wonga PROPN NNP appos 0 B-GPE
were be AUX VBD auxpass 6 O
hit hit VERB VBN ROOT 6 O
. . PUNCT . punct 6 O
The the DET DT det 9 O
company company NOUN NN nsubj 10 O
apologized apologize VERB VBD ROOT 10 O
. . PUNCT . punct 10 O
"""


def test_a_company_noun_before_a_name_makes_it_a_company() -> None:
    art = article(TITLE_NOUN)
    assert [r.actor.type for r in art.refs if r.text == "Wonga"] == ["Company"]
    assert resolved(coref.descriptions(art), art.doc) == {"The company": ["Wonga"]}


def test_a_surname_alone_is_the_person_named_in_full_before() -> None:
    art = article(APPOSITIVE_PERSON)
    assert [r.actor.label for r in art.refs if r.text == "Nour"] == ["Ayman Nour"]
    assert resolved(coref.pronouns(art), art.doc) == {"He": ["Ayman Nour"]}


SUBJECT_FIRST = """
Nour Nour PROPN NNP nsubj 1 B-PERSON
criticized criticize VERB VBD ROOT 1 O
Hosni Hosni PROPN NNP compound 3 B-PERSON
Mubarak Mubarak PROPN NNP dobj 1 I-PERSON
. . PUNCT . punct 1 O
He he PRON PRP nsubj 6 O
left leave VERB VBD ROOT 6 O
Egypt Egypt PROPN NNP dobj 6 B-GPE
. . PUNCT . punct 6 O
"""


def test_a_person_pronoun_prefers_the_subject_of_the_sentence_before() -> None:
    art = article(SUBJECT_FIRST)
    # by recency "He" would be Mubarak, the object named last
    assert resolved(coref.pronouns(art), art.doc) == {"He": ["Nour"]}
    order = [r.text for r in art.candidates(5, coref.WINDOW_SENTENCES, salience=True)]
    assert order[:2] == ["Nour", "Hosni Mubarak"]
    assert [r.text for r in art.candidates(5, coref.WINDOW_SENTENCES)][:2] == [
        "Hosni Mubarak",
        "Nour",
    ]


NAME_AS_MODIFIER = """
Ghad Ghad PROPN NNP compound 1 B-PERSON
party party NOUN NN nsubj 2 O
blamed blame VERB VBD ROOT 2 O
Egypt Egypt PROPN NNP dobj 2 B-GPE
for for ADP IN prep 2 O
hacking hack VERB VBG pcomp 4 O
his his PRON PRP$ poss 7 O
phone phone NOUN NN dobj 5 O
. . PUNCT . punct 2 O
"""


def test_a_person_name_that_modifies_a_noun_is_no_antecedent() -> None:
    art = article(NAME_AS_MODIFIER)
    assert coref.pronouns(art) == []
    spec = NAME_AS_MODIFIER.replace("compound 1 B-PERSON", "nsubj 2 B-PERSON").replace(
        "party party NOUN NN nsubj 2 O", "itself itself PRON PRP dobj 2 O"
    )
    art = article(spec)
    assert resolved(coref.pronouns(art), art.doc) == {"his": ["Ghad"]}


IT_SAID = """
Microsoft Microsoft PROPN NNP nsubj 1 B-ORG
highlighted highlight VERB VBD ROOT 1 O
Guam Guam PROPN NNP dobj 1 B-GPE
. . PUNCT . punct 1 O
But but CCONJ CC cc 11 O
, , PUNCT , punct 11 O
it it PRON PRP nsubj 7 O
said say VERB VBD parataxis 11 O
, , PUNCT , punct 11 O
activity activity NOUN NN nsubjpass 11 O
was be AUX VBD auxpass 11 O
detected detect VERB VBN ROOT 11 O
. . PUNCT . punct 11 O
"""


def test_a_speaking_it_with_no_speaker_before_is_the_subject_before() -> None:
    art = article(IT_SAID, Guam="Country")
    # by recency "it" would be Guam, the object
    assert resolved(coref.pronouns(art), art.doc) == {"it": ["Microsoft"]}


def _attacker_then(lines: str) -> str:
    filler = "".join(
        f"Acme Acme PROPN NNP nsubj {i + 1} B-ORG\npaid pay VERB VBD ROOT {i + 1} O\n"
        f". . PUNCT . punct {i + 1} O\n"
        for i in range(4, 13, 3)
    )
    head = """
    Cl0p Cl0p PROPN NNP nsubj 1 B-ORG
    attacked attack VERB VBD ROOT 1 O
    Acme Acme PROPN NNP dobj 1 B-ORG
    . . PUNCT . punct 1 O
    """
    return head + filler + lines


SALIENT_GROUP_TAIL = """
The the DET DT det 14 O
hackers hacker NOUN NNS nsubj 15 O
leaked leak VERB VBD ROOT 15 O
data data NOUN NNS dobj 15 O
. . PUNCT . punct 15 O
"""


def test_the_hackers_far_from_any_group_are_the_one_named_group() -> None:
    art = article(_attacker_then(SALIENT_GROUP_TAIL), Cl0p="ThreatGroup")
    assert resolved(coref.definite_groups(art), art.doc) == {"hackers": ["Cl0p"]}


def test_the_hackers_with_two_named_groups_far_back_resolve_nothing() -> None:
    spec = _attacker_then(SALIENT_GROUP_TAIL).replace(
        "Acme Acme PROPN NNP dobj", "Lapsus Lapsus PROPN NNP dobj"
    )
    art = article(spec, Cl0p="ThreatGroup", Lapsus="ThreatGroup")
    assert coref.definite_groups(art) == []


COUNTRY_AS_MODIFIER = """
U.S. U.S. PROPN NNP compound 1 B-GPE
officials official NOUN NNS nsubj 2 O
criticized criticize VERB VBD ROOT 2 O
the the DET DT det 4 O
hack hack NOUN NN dobj 2 O
. . PUNCT . punct 2 O
It it PRON PRP nsubj 7 O
targeted target VERB VBD ROOT 7 O
journalists journalist NOUN NNS dobj 7 O
. . PUNCT . punct 7 O
"""


def test_a_country_name_that_modifies_a_noun_is_no_antecedent() -> None:
    art = article(COUNTRY_AS_MODIFIER, **{"U.S.": "Country"})
    assert coref.pronouns(art) == []  # "U.S. officials" is American officials, not the state
    spec = COUNTRY_AS_MODIFIER.replace("compound 1 B-GPE", "nsubj 2 B-GPE").replace(
        "officials official NOUN NNS nsubj 2 O", "alone alone ADV RB advmod 2 O"
    )
    art = article(spec, **{"U.S.": "Country"})
    assert resolved(coref.pronouns(art), art.doc) == {"It": ["U.S."]}


PERSON_SPEAKS = """
Police police NOUN NNS nsubj 1 O
arrested arrest VERB VBD ROOT 1 O
Ilnur Ilnur PROPN NNP dobj 1 B-PERSON
. . PUNCT . punct 1 O
He he PRON PRP nsubj 5 O
said say VERB VBD ROOT 5 O
nothing nothing PRON NN dobj 5 O
. . PUNCT . punct 5 O
"""


def test_a_speaking_person_pronoun_with_no_speaker_before_is_the_person_before() -> None:
    art = article(PERSON_SPEAKS)
    assert resolved(coref.pronouns(art), art.doc) == {"He": ["Ilnur"]}


TWO_OFFICERS = """
Police police NOUN NNS nsubj 1 O
charged charge VERB VBD ROOT 1 O
two two NUM CD nummod 3 O
officers officer NOUN NNS dobj 1 O
. . PUNCT . punct 1 O
DOJ DOJ PROPN NNP nsubj 8 B-ORG
and and CCONJ CC cc 5 O
FBI FBI PROPN NNP conj 5 B-ORG
spoke speak VERB VBD ROOT 8 O
. . PUNCT . punct 8 O
Acme Acme PROPN NNP nsubj 11 B-ORG
paid pay VERB VBD ROOT 11 O
. . PUNCT . punct 11 O
Acme Acme PROPN NNP nsubj 14 B-ORG
paid pay VERB VBD ROOT 14 O
. . PUNCT . punct 14 O
Ivan Ivan PROPN NNP compound 17 B-ORG
Petrov Petrov PROPN NNP nsubj 21 I-ORG
and and CCONJ CC cc 17 O
Oleg Oleg PROPN NNP compound 20 B-PERSON
Sidorov Sidorov PROPN NNP conj 17 I-PERSON
resigned resign VERB VBD ROOT 21 O
. . PUNCT . punct 21 O
"""


def test_a_full_name_coordinated_with_a_persons_is_a_person() -> None:
    art = article(TWO_OFFICERS)
    assert [r.actor.type for r in art.refs if r.text == "Ivan Petrov"] == ["Person"]
    no_person = TWO_OFFICERS.replace("B-PERSON", "B-ORG").replace("I-PERSON", "I-ORG")
    art = article(no_person)
    assert [r.actor.type for r in art.refs if r.text == "Ivan Petrov"] == ["Organization"]


def test_a_numbered_plural_skips_lists_of_another_type_and_looks_four_sentences_on() -> None:
    art = article(TWO_OFFICERS)
    found = resolved(coref.numbered(art), art.doc)
    assert sorted(found["two officers"]) == ["Ivan Petrov", "Oleg Sidorov"]


THEY_AFTER_TWO_LEADERS = (
    TWO_LEADERS
    + """
They they PRON PRP nsubj 13 O
cooperated cooperate VERB VBD ROOT 13 O
. . PUNCT . punct 13 O
"""
)


def test_they_after_a_plural_of_several_actors_is_all_of_them() -> None:
    art = article(THEY_AFTER_TWO_LEADERS)
    art = art.with_(coref.plural_descriptions(art))
    found = resolved(coref.pronouns(art), art.doc)
    assert sorted(found["They"]) == ["Joe Biden", "Vladimir Putin"]
    refs = coref.resolve(art.doc, [r for r in art.refs if r.kind != "coref"])
    assert sorted(r.actor.label for r in refs if r.text == "They") == [
        "Joe Biden",
        "Vladimir Putin",
    ]


def test_they_after_a_plural_of_one_unnamed_group_is_no_set() -> None:
    spec = THEY_AFTER_TWO_LEADERS.replace("two two NUM CD nummod 8 O", "new new ADJ JJ amod 8 O")
    art = article(spec)
    art = art.with_(coref.plural_descriptions(art))
    assert coref._plural_set(art, 12) == ()
