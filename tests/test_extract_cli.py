"""End-to-end tests of ``kg extract`` (model-backed) on sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.extract import extractor as extractor_module
from kg.extract import load_relations
from kg.models import Article

STORY = (
    "Reuters reported on Tuesday that Iranian hackers breached the network of Saudi Aramco "
    "in 2016.\n\n"
    "The Justice Department accused Huawei of stealing trade secrets from T-Mobile. "
    "Huawei denied the allegations.\n\n"
    "Last month the FBI arrested Peter Novak, who had hacked into the servers of Acme Bank.\n\n"
    "Russia did not attack Estonia, Kremlin spokesman Dmitry Peskov said."
)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("extract")
    path = folder / "story.json"
    path.write_text(json.dumps({"id": "story", "text": STORY, "published": "2019-06-12"}))
    return path


@pytest.fixture(scope="module")
def records(story: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["extract", str(story), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _key(record: dict) -> tuple:
    return record["subject"]["label"], record["predicate"], record["object"]["label"]


def test_extract_cli_jsonl_contract(records: list[dict]) -> None:
    assert records
    predicates = set(load_relations()["predicates"])
    for record in records:
        assert record["doc"] == "story"
        assert record["predicate"] in predicates
        for arg in ("subject", "object"):
            mention = record[arg]
            assert set(mention) == {"label", "type", "id", "text", "start", "end"}
            assert STORY[mention["start"] : mention["end"]] == mention["text"]
            assert mention["id"].startswith("kg:actor/")
        assert record["modality"] in ("asserted", "alleged", "attempted")
        assert 0.0 <= record["confidence"] <= 1.0
        assert record["rule"]
        assert record["sentence"] in STORY


def test_extract_cli_reported_speech_sets_source(records: list[dict]) -> None:
    hacked = [
        r for r in records if r["predicate"] == "hacked" and r["object"]["label"] == "Saudi Aramco"
    ]
    assert hacked and hacked[0]["source"] == "Reuters"
    assert hacked[0]["event_date"] == "2016" and hacked[0]["event_date_precision"] == "year"


def test_extract_cli_denial_links_accuser(records: list[dict]) -> None:
    keys = {_key(r) for r in records}
    assert ("Department of Justice", "accused", "Huawei") in keys
    assert ("Huawei", "denied", "Department of Justice") in keys


def test_extract_cli_relative_clause_and_relative_date(records: list[dict]) -> None:
    arrested = [r for r in records if r["predicate"] == "arrested"]
    assert arrested and arrested[0]["object"]["text"] == "Peter Novak"
    assert arrested[0]["event_date"] == "2019-05"
    assert any(
        r["predicate"] == "hacked" and r["subject"]["text"] == "Peter Novak" for r in records
    )


def test_extract_cli_negation_and_title(records: list[dict]) -> None:
    attacked = [
        r for r in records if r["predicate"] == "attacked" and r["object"]["label"] == "Estonia"
    ]
    assert attacked and attacked[0]["negated"] is True
    assert attacked[0]["source"] == "Dmitry Peskov"
    assert any(
        r["predicate"] == "memberOf" and r["subject"]["label"] == "Dmitry Peskov" for r in records
    )


def test_extract_cli_table_and_explain(story: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["extract", str(story), "--format", "table"])
    assert table.exit_code == 0 and "accused" in table.stdout
    explained = runner.invoke(main, ["extract", str(story), "--explain"])
    assert explained.exit_code == 0
    assert "[Huawei] <denied>" in explained.stdout


def test_extract_cli_output_file_needs_force(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "rel.jsonl"
    runner = CliRunner()
    first = runner.invoke(main, ["extract", str(story), "-o", str(out)])
    assert first.exit_code == 0 and out.read_text().count("\n") >= 3
    again = runner.invoke(main, ["extract", str(story), "-o", str(out)])
    assert again.exit_code != 0
    assert f"Error: {out} already exists: use --force to overwrite it" in again.output
    forced = runner.invoke(main, ["extract", str(story), "-o", str(out), "--force"])
    assert forced.exit_code == 0


def test_extract_cli_missing_model_is_one_line(story: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(story), "--model", "no_such_model_xyz"])
    assert result.exit_code != 0
    assert (
        "Error: spaCy model 'no_such_model_xyz' is not installed: run pip install" in result.output
    )
    assert "Traceback" not in result.output


def test_extract_cli_garbage_and_no_actors_warn_without_relations(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.txt"
    garbage.write_text(" ".join(["qzx-vbn 9f8e7d kjhg%%"] * 60))
    plain = tmp_path / "plain.txt"
    plain.write_text("The weather was mild and the river rose slowly over the week.")
    result = CliRunner().invoke(main, ["extract", str(garbage), str(plain)])
    assert result.exit_code == 0
    assert not [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert "does not look like English" in result.output


def test_extract_pipe_long_text_keeps_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.cli.extract_cmds import shared_extractor

    monkeypatch.setattr(extractor_module, "CHUNK_CHARS", 300)
    paragraph = "Iranian hackers attacked Saudi Aramco in 2012. "
    text = paragraph * 40
    extraction = shared_extractor(None, None).extract(Article("long", text))
    assert any("chunks" in w for w in extraction.warnings)
    assert extraction.relations
    for rel in extraction.relations:
        assert text[rel.object.start : rel.object.end] == rel.object.text


def test_extract_people_victims_are_typed_people() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = "Hackers stole the medical records of thousands of patients from Mercy Hospital."
    extraction = shared_extractor(None, None).extract(Article("casie-like", text))
    objects = {(r.predicate, r.object.type) for r in extraction.relations}
    assert ("stole", "People") in objects


def test_extract_empty_article_warns() -> None:
    from kg.cli.extract_cmds import shared_extractor

    extraction = shared_extractor(None, None).extract(Article("empty", "   "))
    assert extraction.relations == ()
    assert extraction.warnings == ("empty: empty text, nothing extracted",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ivan Petrov and Oleg Sidorov, both of the GRU, were charged on Monday.",
            ("Oleg Sidorov", "memberOf", "Main Intelligence Directorate"),
        ),
        (
            "The NATO alliance -- Estonia, Latvia and Lithuania -- condemned the attack.",
            ("Latvia", "memberOf", "NATO"),
        ),
        (
            "Hackers attacked Saudi Aramco, Saudi Arabia's state-owned oil company, in 2012.",
            ("Saudi Aramco", "affiliatedWith", "Saudi Arabia"),
        ),
        (
            "A hacking group known as Lazarus has been blamed for the theft.",
            ("Lazarus Group", "basedIn", "North Korea"),
        ),
        (
            "Washington accused Moscow of ties to the hacking group Sandworm.",
            ("Russia", "affiliatedWith", "Sandworm Team"),
        ),
        (
            "The agency said a China-backed group called APT41 breached the servers of Acme Corp.",
            ("APT41", "affiliatedWith", "China"),
        ),
        (
            "Paris on Monday blamed the Russian military for the outage at the TV5 station.",
            ("France", "blamed", "Russian armed forces"),
        ),
        (
            "Analysts tied the malware to the Turla group, which has also targeted Estonia.",
            ("Turla", "attacked", "Estonia"),
        ),
        (
            "Officials said the hackers worked on behalf of Iran's Revolutionary Guard.",
            ("hackers", "affiliatedWith", "Islamic Revolutionary Guard Corps"),
        ),
        (
            "Moscow on Friday rejected the allegations by Germany as absurd.",
            ("Russia", "denied", "Germany"),
        ),
        (
            "Moscow on Friday rejected the allegations by Germany as absurd.",
            ("Germany", "accused", "Russia"),
        ),
        (
            "The charges were repeated by France and its partners -- Spain and Italy -- "
            "accusations Tehran denied.",
            ("Iran", "denied", "France"),
        ),
        (
            "Seoul has put the blame for the hack on the Acme Bank squarely on North Korea.",
            ("South Korea", "blamed", "North Korea"),
        ),
        (
            "Seoul has put the blame for the hack on the Acme Bank squarely on North Korea.",
            ("North Korea", "hacked", "Acme Bank"),
        ),
        (
            "Britain laid the blame for the outage on Russia.",
            ("United Kingdom", "blamed", "Russia"),
        ),
        (
            "Analysts think the hack of Acme Corp was part of a broader campaign by Turla.",
            ("Turla", "hacked", "Acme Corp"),
        ),
        (
            "Officials believe the attack on Acme Corp could be part of a wider Russian "
            "government operation.",
            ("Russia", "attacked", "Acme Corp"),
        ),
        (
            "Microsoft said it found the intrusion. The company said the hackers had breached "
            "its network.",
            ("hackers", "hacked", "Microsoft"),
        ),
        (
            "Analysts have long suspected that Russia was behind the blackout in Kiev as well "
            "as similar attacks in Poland.",
            ("Russia", "attacked", "Poland"),
        ),
        (
            "Officials said Russian intelligence officers hacked Acme Corp. They also breached "
            "the networks of Beta Corp.",
            ("Russian intelligence officers", "hacked", "Beta Corp."),
        ),
        (
            "Iran is widely believed to have hacked the Acme Corp servers.",
            ("Iran", "hacked", "Acme Corp"),
        ),
        (
            "North Korea is said to have been involved in the attack on Beta Bank.",
            ("North Korea", "attacked", "Beta Bank"),
        ),
        (
            "Police arrested John Smith on Friday. The FBI said the 17-year-old had hacked the "
            "servers of Acme Inc.",
            ("John Smith", "hacked", "Acme Inc."),
        ),
        (
            "Estonia was one of the main targets of Turla last year.",
            ("Turla", "attacked", "Estonia"),
        ),
        (
            "Acme Inc, a frequent target of Chinese hackers, said it was breached.",
            ("Chinese hackers", "attacked", "Acme Inc"),
        ),
        (
            "Symantec said the attackers were able to infiltrate Acme Bank's computers.",
            ("attackers", "hacked", "Acme Bank"),
        ),
        (
            "John Smith was charged with wire fraud, according to a Justice Department statement.",
            ("Department of Justice", "charged", "John Smith"),
        ),
        (
            "John Smith was arrested in Paris on Friday, the FBI said.",
            ("Federal Bureau of Investigation", "arrested", "John Smith"),
        ),
        (
            "The FBI located and arrested John Smith in Texas.",
            ("Federal Bureau of Investigation", "detected", "John Smith"),
        ),
        (
            "The FBI carried out a joint operation with Europol last year.",
            ("Federal Bureau of Investigation", "cooperatedWith", "Europol"),
        ),
        (
            "The NSA issued the warning in a joint statement with its counterparts in Japan.",
            ("National Security Agency", "cooperatedWith", "Japan"),
        ),
    ],
    ids=[
        "both-of",
        "listed-members",
        "state-owned",
        "not-invented",
        "accuse-of",
        "naming",
        "blame-with-date",
        "group-relative-clause",
        "on-behalf-of",
        "denied-accusations-by",
        "accusation-of-a-denial",
        "accusations-x-denied",
        "placed-blame",
        "placed-blame-event",
        "placed-blame-last-on",
        "part-of-campaign-by",
        "part-of-state-operation",
        "its-not-plural",
        "behind-as-well-as",
        "they-plural-group",
        "raising-passive",
        "involved-in-event",
        "the-n-year-old",
        "one-of-the-targets-of",
        "appositive-target-of",
        "able-to",
        "official-act-according-to",
        "official-act-said",
        "shared-object",
        "joint-with",
        "joint-with-counterparts-in",
    ],
)
def test_extract_sentence_rules(text: str, expected: tuple) -> None:
    from kg.cli.extract_cmds import shared_extractor

    extraction = shared_extractor(None, None).extract(Article("s", text))
    found = {(r.subject.label, r.predicate, r.object.label) for r in extraction.relations}
    if expected[1] == "basedIn":
        assert expected not in found  # nothing in the sentence says where Lazarus is
    else:
        assert expected in found, found


def test_extract_ransom_payment_marks_the_victim() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = "The county eventually paid the hackers two bitcoins to unlock its files."
    rels = shared_extractor(None, None).extract(Article("r", text)).relations
    assert any(
        r.predicate == "attacked" and r.subject.text == "hackers" and r.object.type == "People"
        for r in rels
    )


def test_extract_pipe_two_processes_match_one() -> None:
    from kg.cli.extract_cmds import shared_extractor

    extractor = shared_extractor(None, None)
    text = "Israel hacked Kaspersky Lab in 2015. The company denied the allegations."
    articles = [Article(f"a{i}", text) for i in range(4)] + [Article("empty", "")]
    one = [[r.to_dict() for r in e.relations] for e in extractor.pipe(articles)]
    two = [
        [r.to_dict() for r in e.relations]
        for e in extractor.pipe(articles, batch_size=2, n_process=2)
    ]
    assert one == two and any(one)


def test_extract_cli_user_gazetteer_adds_actor(tmp_path: Path) -> None:
    gazetteer = tmp_path / "actors.yaml"
    gazetteer.write_text(
        "- {label: Blue Heron, type: ThreatGroup, aliases: [Heron Team], affiliation: Iran}\n"
    )
    story = tmp_path / "heron.txt"
    story.write_text("Investigators said Heron Team breached the network of Acme Shipping.")
    result = CliRunner().invoke(
        main, ["extract", str(story), "--gazetteer", str(gazetteer), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    heron = [r for r in records if r["subject"]["label"] == "Blue Heron"]
    assert heron and heron[0]["subject"]["type"] == "ThreatGroup"
    assert heron[0]["subject"]["text"] == "Heron Team"


def test_extract_cli_bad_gazetteer_is_one_line(tmp_path: Path, story: Path) -> None:
    result = CliRunner().invoke(
        main, ["extract", str(story), "--gazetteer", str(tmp_path / "no.yaml")]
    )
    assert result.exit_code != 0
    assert result.output.startswith("Error: gazetteer file not found")


def test_extract_denied_accusation_lists_no_members_as_accusers() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = (
        "The charges were repeated by France and its partners -- Spain and Italy -- "
        "accusations Tehran denied."
    )
    rels = shared_extractor(None, None).extract(Article("d", text)).relations
    accusers = {r.object.label for r in rels if r.predicate == "denied"}
    assert "France" in accusers
    assert not accusers & {"Spain", "Italy"}
    accused = [r for r in rels if r.predicate == "accused" and r.subject.label == "France"]
    assert accused and not accused[0].negated


def test_extract_attacks_in_a_region_name_no_victim() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = "Analysts suspect that Russia was behind the blackout as well as attacks in Europe."
    rels = shared_extractor(None, None).extract(Article("e", text)).relations
    assert all(r.object.label != "Europe" for r in rels)


def test_extract_relative_pronoun_under_speech_is_the_subject() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = "The FBI charged two Iranian officers, who the NSA said hacked into Acme Corp's servers."
    rels = shared_extractor(None, None).extract(Article("w", text)).relations
    hacked = [r for r in rels if r.predicate == "hacked"]
    assert hacked and all(r.subject.label != "National Security Agency" for r in hacked)
    assert hacked[0].source == "National Security Agency"


def test_extract_named_as_a_target_has_the_namer_as_source() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = "Microsoft named Estonia as one of the targets of Turla."
    rels = shared_extractor(None, None).extract(Article("t", text)).relations
    attacked = [r for r in rels if r.predicate == "attacked" and r.object.label == "Estonia"]
    assert attacked and attacked[0].subject.label == "Turla"
    assert attacked[0].source == "Microsoft"


def test_extract_the_bank_is_not_any_company() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = "Symantec said the attackers were able to infiltrate the bank's computers."
    rels = shared_extractor(None, None).extract(Article("b", text)).relations
    assert all(r.object.label != "Symantec" for r in rels)


def test_extract_unable_to_is_no_relation() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = "The hackers were unable to steal data from Acme Bank."
    rels = shared_extractor(None, None).extract(Article("u", text)).relations
    assert not [r for r in rels if r.predicate == "stole" and not r.negated]


def test_extract_passive_act_reported_by_a_company_has_no_agent() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = "John Smith was arrested on Friday, Acme Corp said."
    rels = shared_extractor(None, None).extract(Article("a", text)).relations
    assert not [r for r in rels if r.predicate == "arrested"]


def test_extract_pronoun_speaker_after_a_quote_is_an_earlier_speaker() -> None:
    from kg.cli.extract_cmds import shared_extractor

    text = (
        'The NCSC said the hackers targeted vaccine labs. "Turla is still active," it added '
        "in a joint statement with its counterparts in Canada."
    )
    rels = shared_extractor(None, None).extract(Article("q", text)).relations
    joint = [r for r in rels if r.predicate == "cooperatedWith"]
    assert joint and {r.subject.label for r in joint} == {"National Cyber Security Centre"}
