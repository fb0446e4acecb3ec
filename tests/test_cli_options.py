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
