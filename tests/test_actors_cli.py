"""``kg actors``: listing the gazetteer, and the actors found in articles."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main

STORY = """\
Hackers tied to Moscow breached the networks of a Dutch shipping firm, Dutch officials \
said on Tuesday.

The Netherlands' intelligence service, the AIVD, said the GRU had run the operation. \
Microsoft said the same group, which it calls Forest Blizzard and others know as Fancy \
Bear, had also targeted NATO.
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_actors_cli_lists_gazetteer_by_type_as_json():
    result = run("actors", "--type", "MediaOutlet", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {row["type"] for row in rows} == {"MediaOutlet"}
    nyt = next(row for row in rows if row["label"] == "The New York Times")
    assert "NYT" in nyt["aliases"] and nyt["id"] == "kg:actor/the-new-york-times"


def test_actors_cli_lists_gazetteer_as_table():
    result = run("actors", "--type", "ThreatGroup")
    assert result.exit_code == 0, result.output
    assert "Lazarus Group" in result.output and "North Korea" in result.output
    assert "Kaspersky" not in result.output


def test_actors_cli_user_gazetteer_adds_actor(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("label,type,aliases,affiliation\nBlue Heron,ThreatGroup,BH-1,Iran\n")
    result = run("actors", "--gazetteer", str(extra), "--type", "ThreatGroup", "--format", "json")
    assert result.exit_code == 0, result.output
    row = next(r for r in json.loads(result.output) if r["label"] == "Blue Heron")
    assert (row["aliases"], row["affiliation"], row["code"]) == (["BH-1"], "Iran", "IR")


def test_actors_cli_malformed_gazetteer_is_one_error_line(tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text("- label: Blue Heron\n  type: Gang\n")
    result = run("actors", "--gazetteer", str(extra))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {extra}:1: unknown type 'Gang' "
        "(use one of Country, GovernmentBody, Organization, Company, MediaOutlet, Person, "
        "ThreatGroup, Place)"
    ]


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    path = tmp_path_factory.mktemp("actors") / "dutch-shipping.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_actors_cli_counts_canonical_actors_in_articles(story):
    result = CliRunner().invoke(main, ["actors", str(story), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = {row["label"]: row for row in json.loads(result.stdout)}
    apt28 = rows["APT28"]
    assert set(apt28["aliases_seen"]) == {"Forest Blizzard", "Fancy Bear"}
    assert (apt28["articles"], apt28["mentions"]) == (1, 2)
    assert rows["Main Intelligence Directorate"]["aliases_seen"] == ["GRU"]
    assert rows["Russia"]["aliases_seen"] == ["Moscow"]
    assert rows["Dutch shipping firm"]["affiliation"] == "Netherlands"
    assert rows["Netherlands"]["aliases_seen"] == ["Dutch officials"]  # a state's officials


def test_actors_cli_merge_by_one_alias_line(story, tmp_path):
    extra = tmp_path / "merge.yaml"
    extra.write_text("- {label: Main Intelligence Directorate, aliases: [APT28]}\n")
    result = CliRunner().invoke(
        main, ["actors", str(story), "--gazetteer", str(extra), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    rows = {row["label"]: row for row in json.loads(result.stdout)}
    assert "APT28" not in rows
    gru = rows["Main Intelligence Directorate"]
    assert set(gru["aliases_seen"]) == {"GRU", "Forest Blizzard", "Fancy Bear"}
    assert gru["mentions"] == 3
