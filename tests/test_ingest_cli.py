"""Tests of ``kg articles`` through click's CliRunner: every input kind, every bad input."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.cli.ingest_cmds import articles_from, finish_ingest, ingest_options
from kg.ingest import IngestReport, url_id

DATA = Path(__file__).parent / "data" / "ingest"
BAD = DATA / "bad"
BAD_CASES = [  # file name, and what its warning says after the path
    tuple(line.split("\t")) for line in (BAD / "expected-warnings.tsv").read_text().splitlines()
]


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, ["articles", *args], input=input)


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("plain.txt", ["plain"]),
        ("story.md", ["story"]),
        ("latin1.txt", ["latin1"]),
        ("utf16.txt", ["utf16"]),
        ("page.html", ["page"]),
        ("one.json", ["fixture-finland-ddos"]),
        ("list.json", ["fixture-chile-army", "list-3"]),
        ("news.jsonl", ["fixture-canada-rcmp", "news-3"]),
        (
            "feed.rss",
            [
                url_id("https://desk.example.org/2023/ukraine-phishing-raid"),
                url_id("https://desk.example.org/2023/singapore-health-data"),
            ],
        ),
        (
            "feed.atom",
            [
                url_id("urn:example:policy-notes:brazil-agency"),
                url_id("https://notes.example.org/kenya-fine"),
            ],
        ),
    ],
)
def test_ingest_cli_reads_every_input_kind(name, ids):
    result = run(str(DATA / name), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    got = records(result)
    assert [r["id"] for r in got] == ids
    assert all(r["chars"] == len(r["text"]) > 0 for r in got)
    assert result.stderr.splitlines()[-1].startswith(f"read {len(ids)} article")


def test_ingest_cli_table_lists_id_date_source_chars_title():
    result = run(str(DATA / "one.json"), str(DATA / "page.html"))
    assert result.exit_code == 0
    header, first, second = result.stdout.splitlines()
    assert header.split() == ["ID", "DATE", "SOURCE", "CHARS", "TITLE"]
    assert first.split()[:4] == ["fixture-finland-ddos", "2022-04-08", "Example", "Wire"]
    assert first.split()[4] == "222"
    assert first.endswith("Finnish government websites hit by denial-of-service attack")
    assert second.split()[:4] == ["page", "2021-02-09", "Harbor", "Courier"]
    assert result.stderr == "read 2 articles, skipped 0\n"


def test_ingest_cli_directory_mixes_good_and_bad_and_summarises():
    result = run(str(DATA), "--format", "jsonl")
    assert result.exit_code == 0
    assert len(records(result)) == 15
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING: ")]
    assert len(warnings) == 14  # 12 skips, one recovered malformed feed, one detected encoding
    assert result.stderr.splitlines()[-1] == "read 15 articles, skipped 12"


@pytest.mark.parametrize(("name", "reason"), BAD_CASES)
def test_ingest_cli_bad_file_alone_fails_with_one_line_error(name, reason):
    result = run(str(BAD / name))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"WARNING: {BAD / name}{reason}",
        "read 0 articles, skipped 1",
        "Error: no articles read (read 0 articles, skipped 1)",
    ]
    assert result.stdout.split() == ["ID", "DATE", "SOURCE", "CHARS", "TITLE"]  # header only


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "truncated.rss", "xxe.rss"])
def test_ingest_cli_bad_file_does_not_stop_the_batch(name):
    result = run(str(BAD / name), str(DATA / "plain.txt"), "--format", "jsonl")
    assert result.exit_code == 0
    assert [r["id"] for r in records(result)] == ["plain"]
    assert f"WARNING: {BAD / name}" in result.stderr
    assert result.stderr.splitlines()[-1] == "read 1 article, skipped 1"


def test_ingest_cli_missing_path_is_a_warning_then_error_if_nothing_read(tmp_path):
    missing = str(tmp_path / "nope")
    result = run(missing)
    assert result.exit_code == 1
    assert f"WARNING: {missing}: no such file or directory" in result.stderr
    assert result.stderr.splitlines()[-1] == "Error: no articles read (read 0 articles, skipped 1)"
    result = run(missing, str(DATA / "plain.txt"))
    assert result.exit_code == 0


def test_ingest_cli_stdin_text_and_jsonl():
    result = run("-", "--format", "jsonl", input=(DATA / "plain.txt").read_bytes())
    assert result.exit_code == 0
    [record] = records(result)
    assert (record["id"], record["origin"]) == ("stdin", "-")
    assert record["title"] == "Norwegian parliament says hackers read officials' email"

    result = run("-", "--format", "jsonl", input=(DATA / "news.jsonl").read_bytes())
    assert [r["id"] for r in records(result)] == ["fixture-canada-rcmp", "stdin-3"]
    assert "WARNING: -:2: malformed JSON at column" in result.stderr


def test_ingest_cli_jsonl_output_reads_back_as_the_same_articles(tmp_path):
    first = run(str(DATA), "--format", "jsonl")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(first.stdout, encoding="utf-8")
    second = run(str(corpus), "--format", "jsonl")
    keys = ("id", "title", "text", "published", "url", "source", "author")
    assert [tuple(r[k] for k in keys) for r in records(second)] == [
        tuple(r[k] for k in keys) for r in records(first)
    ]


def test_ingest_cli_quiet_hides_warnings_and_summary():
    args = ["-q", "articles", str(BAD / "empty.txt"), str(DATA / "plain.txt")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert result.stderr == ""


def test_ingest_cli_help_has_an_example_and_the_ingest_options():
    result = run("--help")
    assert result.exit_code == 0
    for text in ("Examples:", "kg articles examples/", "--allow-private-network", "--timeout",
                 "--max-bytes", "--format"):
        assert text in result.stdout


def test_ingest_cli_ingest_options_are_reusable_by_other_commands():
    @click.command()
    @click.argument("inputs", nargs=-1)
    @ingest_options
    def count(inputs, ingest):
        report = IngestReport()
        click.echo(f"{sum(1 for _ in articles_from(inputs, ingest, report))} {ingest}")
        finish_ingest(report)

    result = CliRunner().invoke(count, [str(DATA / "news.jsonl"), "--timeout", "3"])
    assert result.exit_code == 0
    assert result.stdout == (
        "2 {'allow_private_network': False, 'timeout': 3.0, 'max_bytes': 20971520}\n"
    )
    assert result.stderr.splitlines()[-1] == "read 2 articles, skipped 1"
