"""Options shared by every command: ``-q/-v`` work before or after the command (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

DATA = Path(__file__).parent / "data" / "ingest"
BAD = DATA / "bad"


@pytest.mark.parametrize(
    "args",
    [
        ["-q", "articles", str(BAD / "empty.txt"), str(DATA / "plain.txt")],
        ["articles", "-q", str(BAD / "empty.txt"), str(DATA / "plain.txt")],
        ["articles", str(BAD / "empty.txt"), str(DATA / "plain.txt"), "--quiet"],
    ],
)
def test_cli_options_quiet_before_or_after_the_command_hides_warnings(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_cli_options_without_quiet_the_warning_is_shown():
    result = CliRunner().invoke(main, ["articles", str(BAD / "empty.txt"), str(DATA / "plain.txt")])
    assert result.exit_code == 0
    assert result.stderr != ""


def test_cli_options_every_command_accepts_quiet_and_verbose():
    for name, command in main.commands.items():
        opts = {opt for param in command.params for opt in param.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= opts, name


def test_cli_options_build_quiet_after_the_command_is_accepted(tmp_path):
    result = CliRunner().invoke(main, ["build", "--quiet", "--help"])
    assert result.exit_code == 0
    assert "--quiet" in result.stdout


def test_cli_options_dash_f_means_format_in_every_command():
    for name, command in main.commands.items():
        for param in command.params:
            if "-f" in param.opts:
                assert "--format" in param.opts, name


def test_cli_options_query_file_has_no_short_form_and_f_is_format():
    result = CliRunner().invoke(main, ["query", "--list", "-f", "json"])
    assert result.exit_code == 0, result.output
    params = {p.name: p for p in main.commands["query"].params}
    assert params["file"].opts == ["--file"]


DOWN = "http://127.0.0.1:9/sparql"  # nothing listens on port 9


@pytest.mark.parametrize("command", ["validate", "check", "serve"])
def test_cli_options_store_url_refused_in_one_line_where_a_folder_is_needed(command):
    result = CliRunner().invoke(main, [command, "--store", DOWN])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert lines == [
        f"Error: Invalid value for '--store': {DOWN} is a SPARQL server: kg {command} needs a "
        "store folder (kg query, kg stats and kg export take a server URL)"
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["export", "-f", "gexf", "-o", "graph.gexf"],
        ["query", "ASK { ?s ?p ?o }"],
    ],
)
def test_cli_options_store_url_reaches_the_server_unmangled(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "--store", DOWN])
    assert result.exit_code == 1, result.output
    error = result.output.strip().splitlines()[-1]
    assert error.startswith("Error: ") and DOWN in error, error  # the URL keeps its "//"
    assert "no store at" not in error
    assert not (tmp_path / "graph.gexf").exists()


def test_cli_options_family_is_a_choice_everywhere():
    for args in (["relations"], ["export", "-f", "gexf", "-o", "x.gexf"]):
        result = CliRunner().invoke(main, [*args, "--family", "nonsense"])
        assert result.exit_code == 2, args
        assert "Invalid value for '--family': 'nonsense' is not one of 'cyber'" in result.output
    both = CliRunner().invoke(main, ["relations", "--family", "cyber", "--family", "coercion"])
    assert both.exit_code == 0, both.output
    assert "hacked" in both.output and "sanctioned" in both.output
    assert "accused" not in both.output


def test_cli_options_batch_and_transaction_sizes_have_distinct_names():
    def options(command: str) -> set[str]:
        return {opt for param in main.commands[command].params for opt in param.opts}

    assert "--batch-size" in options("extract") and "--batch-size" not in options("build")
    assert "--transaction-size" in options("build")
