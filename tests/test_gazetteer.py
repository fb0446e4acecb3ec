"""The actor gazetteer: shipped data, surface-form normalisation, demonyms, groups."""

from __future__ import annotations

import pytest

from kg.extract.gazetteer import (
    Gazetteer,
    attack_affiliation,
    normalize_surface,
    summarize_actors,
)
from kg.models import ACTOR_TYPES, ActorMention, Article, Extraction
from kg.rdf.namespace import actor_id


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def label(actor):
    return actor.label if actor is not None else None


# ------------------------------------------------------------------ shipped data
def test_gazetteer_docstring_examples_hold():
    import doctest
    import importlib
    import pkgutil

    import kg.extract.gazetteer as package

    names = [package.__name__] + [
        f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)
    ]
    assert len(names) > 5
    for name in names:
        assert doctest.testmod(importlib.import_module(name)).failed == 0, name


def test_gazetteer_load_is_cached():
    assert Gazetteer.load() is Gazetteer.load()


def test_gazetteer_actors_have_valid_types_and_stable_ids(gaz):
    assert len(gaz.actors) > 800
    for actor in gaz.actors:
        assert actor.type in ACTOR_TYPES
        assert actor.id == actor_id(actor.label)
        assert gaz.get(actor.id) == actor


def test_gazetteer_countries_cover_un_members_and_others(gaz):
    former = {"SU", "DD", "YU", "CS"}  # Soviet Union, East Germany, Yugoslavia, Czechoslovakia
    countries = [a for a in gaz.actors if a.type == "Country" and a.country_code not in former]
    assert len(countries) == 197  # 193 UN members, Holy See, Palestine, Taiwan, Kosovo
    codes = {a.country_code for a in countries}
    assert len(codes) == 197
    for name in ("Tuvalu", "Kosovo", "Taiwan", "Palestine", "Vatican City", "South Sudan"):
        assert gaz.by_label(name).type == "Country"


def test_gazetteer_shipped_surfaces_do_not_collide(gaz):
    # Only overlaps that are in MITRE's own data (one alias on two groups) are allowed.
    assert {surface for surface, _, _ in gaz.moved} <= {"UAC-0056", "Thrip"}
    assert gaz.merges == []


def test_gazetteer_state_bodies_carry_their_country(gaz):
    for name in ("NSA", "FBI", "GCHQ", "FSB", "GRU", "SVR", "MSS", "Mossad", "IRGC", "RGB", "BND"):
        actor = gaz.lookup(name)
        assert actor is not None and actor.type == "GovernmentBody", name
        assert actor.country_code is not None, name


# --------------------------------------------------------------- normalisation
@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("US", "United States"),
        ("U.S.", "United States"),
        ("the U.S.", "United States"),
        ("The United States", "United States"),
        ("America's", "United States"),
        ("USA", "United States"),
        ("us", None),
        ("Us", None),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("Kaspersky", "Kaspersky Lab"),
        ("Kaspersky's", "Kaspersky Lab"),
        ("Kaspersky’s", "Kaspersky Lab"),
        ("KASPERSKY LAB", "Kaspersky Lab"),
        ("the Justice Department", "Department of Justice"),
        ("DOJ", "Department of Justice"),
        ("the Kremlin", "Kremlin"),
        ("Moscow", "Russia"),
        ("Pyongyang", "North Korea"),
        ("the Russian government", "Russia"),
        ("US government", "United States"),
        ("nsa", None),
        ("Nato", "NATO"),
        ("the Times", "The New York Times"),
        ("The Record", "The Record"),
        ("Record", None),
        ("Fancy Bear", "APT28"),
        ("Sandworm", "Sandworm Team"),
        ("Nobelium", "APT29"),
        ("", None),
        ("   ", None),
    ],
)
def test_gazetteer_lookup_normalises_surface_forms(gaz, surface, expected):
    assert label(gaz.lookup(surface)) == expected


@pytest.mark.parametrize(
    ("surface", "normal"),
    [("the U.S.’s", "US"), ("  Kaspersky Lab's ", "Kaspersky Lab"), ("“NSA”", "NSA")],
)
def test_gazetteer_normalize_surface(surface, normal):
    assert normalize_surface(surface) == normal


def test_gazetteer_generic_attack_words_are_not_matched(gaz):
    for word in ("Play", "Snake", "Mantis", "Equation", "Silence"):
        assert gaz.lookup(word) is None, word
    assert gaz.by_label("Play").type == "ThreatGroup"  # still a known actor by label
    assert label(gaz.lookup("Equation Group")) == "Equation"


def test_gazetteer_patterns_are_confirmed_by_lookup(gaz):
    patterns = list(gaz.patterns())
    surfaces = {surface for surface, _ in patterns}
    assert {"NSA", "Kremlin", "Kaspersky", "Moscow", "U.S."} <= surfaces
    assert "us" not in surfaces
    for surface, actor in patterns[::25]:
        assert gaz.lookup(surface) == actor
    assert "Russian" not in surfaces
    assert ("Russian", gaz.by_label("Russia")) in set(gaz.patterns(demonyms=True))


# -------------------------------------------------------- demonyms, countries
@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Russian", "Russia"),
        ("Russians", "Russia"),
        ("Israeli", "Israel"),
        ("Israelis", "Israel"),
        ("Chinese", "China"),
        ("North Korean", "North Korea"),
        ("American", "United States"),
        ("Americans", "United States"),
        ("British", "United Kingdom"),
        ("Iranian", "Iran"),
        ("Ukrainian", "Ukraine"),
        ("russian", None),
        ("Moscow", None),
    ],
)
def test_gazetteer_demonym(gaz, word, country):
    assert label(gaz.demonym(word)) == country


@pytest.mark.parametrize(
    ("surface", "country"),
    [
        ("GRU", "Russia"),
        ("CISA", "United States"),  # via the Department of Homeland Security
        ("Cisco Talos", "United States"),  # via Cisco
        ("Unit 8200", "Israel"),  # via the Israel Defense Forces
        ("Germany", "Germany"),
        ("Reuters", "United Kingdom"),
        ("Interpol", None),
    ],
)
def test_gazetteer_country_of_follows_affiliations(gaz, surface, country):
    assert label(gaz.country_of(gaz.lookup(surface))) == country


def test_gazetteer_surface_kind(gaz):
    assert gaz.surface_kind("Kaspersky Lab") == "label"
    assert gaz.surface_kind("Kaspersky") == "alias"
    assert gaz.surface_kind("Moscow") == "capital"
    assert gaz.surface_kind("Russian") == "demonym"
    assert gaz.surface_kind("banana") is None


# ---------------------------------------------------------- descriptive groups
@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Russian government hackers", ("Russian government hackers", "ThreatGroup", "Russia")),
        ("a Russian government hacker", ("Russian government hackers", "ThreatGroup", "Russia")),
        ("Russian hackers", ("Russian hackers", "ThreatGroup", "Russia")),
        ("Chinese spies", ("Chinese spies", "ThreatGroup", "China")),
        (
            "Chinese state-backed hackers",
            ("Chinese state-sponsored hackers", "ThreatGroup", "China"),
        ),
        ("US officials", ("US officials", "GovernmentBody", "United States")),
        ("U.S. officials", ("US officials", "GovernmentBody", "United States")),
        ("senior American officials", ("US officials", "GovernmentBody", "United States")),
        (
            "American intelligence officers",
            ("US intelligence officers", "GovernmentBody", "United States"),
        ),
        (
            "Israeli intelligence officers",
            ("Israeli intelligence officers", "GovernmentBody", "Israel"),
        ),
        ("the German authorities", ("German authorities", "GovernmentBody", "Germany")),
        ("Russian intelligence", ("Russian intelligence", "GovernmentBody", "Russia")),
        ("the Russian intelligence services", ("Russian intelligence", "GovernmentBody", "Russia")),
        ("Iranian military officials", ("Iranian military officials", "GovernmentBody", "Iran")),
        ("Britain's spy agencies", ("British intelligence", "GovernmentBody", "United Kingdom")),
        ("China-linked hackers", ("Chinese hackers", "ThreatGroup", "China")),
        ("Kremlin-backed hackers", ("Russian state-sponsored hackers", "ThreatGroup", "Russia")),
        ("a Moscow-based hacking group", ("Russian hacking group", "ThreatGroup", "Russia")),
        ("suspected North Korean hackers", ("North Korean hackers", "ThreatGroup", "North Korea")),
        ("US federal prosecutors", ("US federal prosecutors", "GovernmentBody", "United States")),
        ("Russian law enforcement", ("Russian law enforcement", "GovernmentBody", "Russia")),
        ("Russian special services", ("Russian intelligence", "GovernmentBody", "Russia")),
        (
            "Iranian security agencies",
            ("Iranian security agencies", "GovernmentBody", "Iran"),
        ),
    ],
)
def test_gazetteer_descriptive_group(gaz, phrase, expected):
    group = gaz.descriptive_group(phrase)
    assert group is not None, phrase
    assert (group.label, group.type, group.affiliation) == expected
    assert group.id == actor_id(group.label)
    assert gaz.descriptive_group(phrase.split()) == group  # tokens work like text


@pytest.mark.parametrize(
    "phrase",
    [
        "hackers",
        "the officials",
        "Russian",
        "Russian bears",
        "former US officials",
        "Atlantis-backed hackers",
        "the president",
        "German Chancellor",  # a title before a name, not an actor of its own
        "",
    ],
)
def test_gazetteer_descriptive_group_rejects_other_phrases(gaz, phrase):
    assert gaz.descriptive_group(phrase) is None


def test_gazetteer_descriptive_group_from_spacy_tokens(gaz):
    group = gaz.descriptive_group(["Britain", "'s", "spy", "agencies"])
    assert (group.label, group.affiliation) == ("British intelligence", "United Kingdom")
    assert label(gaz.descriptive_group(["the", "U.S.", "officials"])) == "US officials"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("China’s Ministry of Foreign Affairs", "Chinese Ministry of Foreign Affairs"),
        ("the Ministry of Foreign Affairs of China", "Chinese Ministry of Foreign Affairs"),
        ("Iran's foreign ministry", "Iranian Ministry of Foreign Affairs"),  # shipped actor
        ("the French Defense Ministry", "French Ministry of Defence"),
        ("the Russian embassy", "Russian Embassy"),
        ("Belgian police", "Belgian police"),
        ("Dutch police", "Dutch National Police"),  # shipped, by alias
        ("UK Ministry of Defence", "Ministry of Defence"),  # shipped, by alias
        ("US Justice Ministry", "Department of Justice"),
        ("Germany's foreign ministry", "German Foreign Office"),
    ],
)
def test_gazetteer_descriptive_group_state_bodies(gaz, phrase, expected):
    body = gaz.descriptive_group(phrase)
    assert body is not None and body.label == expected
    assert body.type == "GovernmentBody" and body.country_code is not None


def test_gazetteer_people_aliases_carry_no_titles(gaz):
    # A title inside a gazetteer name would hide it from the extractor's role rules.
    titles = ("President ", "Chancellor ", "Gen. ", "Secretary ", "Attorney General ")
    for actor in gaz.actors:
        if actor.type == "Person":
            assert not [a for a in actor.aliases if a.startswith(titles)], actor.label


def test_gazetteer_people_carry_their_state(gaz):
    assert label(gaz.lookup("Putin")) == "Vladimir Putin"
    assert label(gaz.country_of(gaz.lookup("Peskov"))) == "Russia"  # via the Kremlin
    assert label(gaz.lookup("Merkel's")) == "Angela Merkel"
    assert "XI" not in {surface for surface, _ in gaz.patterns()}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Albanian prime minister", ("Albanian prime minister", "Albania")),
        ("the U.S. ambassador", ("US ambassador", "United States")),
        ("the Iranian supreme leader", ("Iranian supreme leader", "Iran")),
        ("the Russian defense minister", ("Russian defence minister", "Russia")),
    ],
)
def test_gazetteer_descriptive_group_office_holders(gaz, phrase, expected):
    person = gaz.descriptive_group(phrase)
    assert person is not None and (person.label, person.affiliation) == expected
    assert person.type == "Person"


def test_gazetteer_descriptive_group_of_a_named_body_is_that_body(gaz):
    assert label(gaz.descriptive_group("FBI agents")) == "Federal Bureau of Investigation"
    assert label(gaz.descriptive_group("Kaspersky officials")) == "Kaspersky Lab"
    assert label(gaz.descriptive_group("Kremlin spokesman")) == "Kremlin"


def test_gazetteer_resolve_tries_names_then_groups(gaz):
    assert label(gaz.resolve("the NSA")) == "National Security Agency"
    assert label(gaz.resolve("Russian hackers")) == "Russian hackers"
    assert gaz.resolve("the weather") is None


# -------------------------------------------------------- MITRE ATT&CK groups
@pytest.mark.parametrize(
    ("group", "country"),
    [
        ("APT28", "Russia"),  # "attributed to Russia's ... (GRU)"
        ("APT29", "Russia"),  # "attributed to Russia's Foreign Intelligence Service (SVR)"
        ("Turla", "Russia"),  # via the FSB
        ("Sandworm Team", "Russia"),
        ("Lazarus Group", "North Korea"),  # "North Korean state-sponsored"
        ("APT1", "China"),  # "a Chinese threat group"
        ("Volt Typhoon", "China"),  # "People's Republic of China (PRC) state-sponsored"
        ("APT33", "Iran"),  # "a suspected Iranian threat group"
        ("Gorgon Group", "Pakistan"),  # "suspected to be Pakistan-based"
        ("APT-C-36", None),  # "a suspected South America espionage group"
        ("APT-C-23", None),  # targets "Israeli military assets": not an attribution
        ("Whitefly", None),  # targets Singapore
        ("RedCurl", None),  # "Russian-speaking" is not an attribution
    ],
)
def test_gazetteer_attack_affiliation_derived_from_description(gaz, group, country):
    assert gaz.by_label(group).affiliation == country


@pytest.mark.parametrize(
    ("description", "country"),
    [
        ("Foo is a threat group attributed to Iran's Ministry of Intelligence.", "Iran"),
        ("Foo is a Belarus-based group that targets Poland.", "Belarus"),
        ("Foo is a group targeting Israeli and Saudi banks.", None),
        ("Foo is a Russian-speaking criminal group.", None),
        ("Foo is a group. It has been linked to the DPRK government.", "North Korea"),
        ("Foo is a group active in Latin America.", None),
    ],
)
def test_gazetteer_attack_affiliation_rule(gaz, description, country):
    assert attack_affiliation(gaz, "Foo", description) == country


def test_gazetteer_attack_aliases_and_notice_shipped(gaz):
    from kg.extract.gazetteer import _data_dir

    assert set(gaz.by_label("APT28").aliases) >= {"Fancy Bear", "Sofacy", "STRONTIUM"}
    notice = (_data_dir() / "README.md").read_text(encoding="utf-8")
    assert "© 2025 The MITRE Corporation" in notice
    assert "MITRE" in (_data_dir() / "ATTACK-LICENSE.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------ summaries
def test_gazetteer_summarize_actors_merges_by_canonical_id(gaz):
    us, nsa = gaz.lookup("US"), gaz.lookup("NSA")
    one = Extraction(Article("a", "x"), actors=(ActorMention(us, 2, ("US", "America")),))
    two = Extraction(
        Article("b", "y"),
        actors=(ActorMention(us, 1, ("the United States",)), ActorMention(nsa, 5, ("NSA",))),
    )
    summary = summarize_actors([one, two])
    assert [(s.actor.label, s.articles, s.mentions) for s in summary] == [
        ("National Security Agency", 1, 5),
        ("United States", 2, 3),
    ]
    assert summary[1].surface_forms == ("US", "America", "the United States")
    only = summarize_actors([one, two], types=["Country"])
    assert [s.actor.label for s in only] == ["United States"]
