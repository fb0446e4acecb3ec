"""User gazetteer files (--gazetteer): additions, overrides, merges and errors."""

from __future__ import annotations

import pytest

from kg.errors import GazetteerError
from kg.extract.gazetteer import Gazetteer


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


YAML_FILE = """\
# analyst corrections
- label: Acme Threat Research
  type: Company
  aliases: [Acme, ACME Labs]
  affiliation: Canada
- label: Mandiant
  aliases: [FireEye]
- {label: Kaspersky Lab, type: Organization, aliases: "Kaspersky Labs|KL"}
"""

CSV_FILE = """\
label,type,aliases,affiliation
Acme Threat Research,Company,Acme|ACME Labs,Canada
Mandiant,,FireEye,
Kaspersky Lab,Organization,Kaspersky Labs|KL,
"""


@pytest.fixture(params=[("user.yaml", YAML_FILE), ("user.csv", CSV_FILE)], ids=["yaml", "csv"])
def user_gaz(request, tmp_path) -> Gazetteer:
    name, text = request.param
    return Gazetteer.load(write(tmp_path, name, text))


def test_gazetteer_user_file_adds_actors(user_gaz):
    acme = user_gaz.lookup("Acme")
    assert acme is not None and acme.label == "Acme Threat Research"
    assert (acme.type, acme.affiliation, acme.country_code) == ("Company", "Canada", "CA")
    assert user_gaz.lookup("ACME Labs") == acme


def test_gazetteer_user_file_overrides_type_and_adds_aliases(user_gaz):
    kaspersky = user_gaz.lookup("Kaspersky Labs")
    assert kaspersky.label == "Kaspersky Lab"
    assert kaspersky.type == "Organization"
    assert kaspersky.affiliation == "Russia"  # not given: kept
    assert user_gaz.lookup("KL") == kaspersky
    assert user_gaz.lookup("kl") is None  # a user acronym is strict too


def test_gazetteer_user_alias_line_merges_two_actors(user_gaz):
    mandiant = user_gaz.lookup("Mandiant")
    assert user_gaz.lookup("FireEye") == mandiant
    assert user_gaz.lookup("FireEye Inc") == mandiant  # the merged actor's aliases follow
    assert user_gaz.get("kg:actor/fireeye") == mandiant  # its id redirects
    assert user_gaz.by_label("FireEye") == mandiant
    assert "FireEye" in mandiant.aliases
    assert [m[:2] for m in user_gaz.merges] == [("FireEye", "Mandiant")]
    labels = [a.label for a in user_gaz.actors]
    assert "FireEye" not in labels and labels.count("Mandiant") == 1


def test_gazetteer_user_file_leaves_shipped_instance_alone(user_gaz):
    shipped = Gazetteer.load()
    assert shipped.lookup("FireEye").label == "FireEye"
    assert shipped.lookup("Acme") is None


def test_gazetteer_user_alias_moves_to_new_actor(tmp_path):
    path = write(
        tmp_path,
        "m.yaml",
        "- {label: Moscow City Hall, type: GovernmentBody, "
        "aliases: [Moscow], affiliation: Russia}\n",
    )
    gaz = Gazetteer.load(path)
    assert gaz.lookup("Moscow").label == "Moscow City Hall"
    assert gaz.by_label("Russia") is not None  # only the alias moved


def test_gazetteer_user_entry_by_alias_refines_that_actor(tmp_path):
    path = write(tmp_path, "a.csv", "label,aliases\nKaspersky,Kasperski\n")
    gaz = Gazetteer.load(path)
    assert gaz.lookup("Kasperski").label == "Kaspersky Lab"


def test_gazetteer_user_file_is_reread_when_edited(tmp_path):
    path = write(tmp_path, "e.yaml", "- {label: Foo Group, type: ThreatGroup}\n")
    assert Gazetteer.load(path).lookup("Foo Group") is not None
    path.write_text("- {label: Bar Group, type: ThreatGroup}\n", encoding="utf-8")
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = Gazetteer.load(path)
    assert again.lookup("Bar Group") is not None and again.lookup("Foo Group") is None


def test_gazetteer_user_can_match_a_generic_attack_name(tmp_path):
    path = write(tmp_path, "g.yaml", "- {label: Play, aliases: [Play ransomware gang, Play]}\n")
    gaz = Gazetteer.load(path)
    assert gaz.lookup("Play ransomware gang").label == "Play"
    assert gaz.lookup("Play").label == "Play"  # the analyst asked for it
    assert Gazetteer.load().lookup("Play") is None


def test_gazetteer_user_empty_yaml_is_the_shipped_gazetteer(tmp_path):
    gaz = Gazetteer.load(write(tmp_path, "empty.yaml", "# nothing yet\n"))
    assert len(gaz.actors) == len(Gazetteer.load().actors)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.yaml",
            "- label: Foo\n  type: Company\n  aliases: [a, b\n",
            "bad.yaml:4: malformed YAML",
        ),
        (
            "bad.yaml",
            "- label: Foo\n  type: Company\n- label: Bar\n  tpye: Company\n",
            "bad.yaml:3: unknown key 'tpye'",
        ),
        (
            "bad.yaml",
            "- label: Foo\n  type: Company\n- label: Bar\n  type: Gang\n",
            "bad.yaml:3: unknown type 'Gang'",
        ),
        (
            "bad.yaml",
            "- label: Unheard Of\n  aliases: [x]\n",
            "bad.yaml:1: new actor 'Unheard Of' needs a type",
        ),
        ("bad.yaml", "- type: Company\n", "bad.yaml:1: entry has no label"),
        ("bad.yaml", "label: Foo\n", "bad.yaml:1: expected a list of actors"),
        (
            "bad.yaml",
            "- {label: Foo, type: Company, aliases: {a: 1}}\n",
            "bad.yaml:1: aliases must be a list",
        ),
        ("bad.csv", "name,type\nFoo,Company\n", "bad.csv:1: CSV header must name a 'label' column"),
        ("bad.csv", "label,type,colour\nFoo,Company,red\n", "bad.csv:1: unknown column 'colour'"),
        (
            "bad.csv",
            "label,type\nFoo,Company\nBar,Company,extra\n",
            "bad.csv:3: more fields than columns",
        ),
        ("bad.csv", "label,type\nFoo,Company\nBar,Gang\n", "bad.csv:3: unknown type 'Gang'"),
        ("bad.txt", "Foo\n", "unsupported gazetteer format '.txt'"),
    ],
)
def test_gazetteer_user_malformed_file_names_file_and_line(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(GazetteerError) as info:
        Gazetteer.load(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_gazetteer_user_missing_file(tmp_path):
    with pytest.raises(GazetteerError, match="gazetteer file not found"):
        Gazetteer.load(tmp_path / "nope.yaml")
