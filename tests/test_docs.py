"""The README and the command help stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.inventory import markdown_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_readme_relation_table_is_generated_from_inventory():
    assert markdown_table() in README


def test_docs_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in README
    assert re.search(r"^python -m pytest$", ci, re.M)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_docs_every_command_has_help_with_example_and_readme_entry(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"kg {name} --help has no example"
    assert f"kg {name}" in README, f"kg {name} is not in the README"


def test_docs_top_level_help_lists_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in main.commands:
        assert name in result.output


def test_docs_readme_relative_links_resolve():
    links = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README)
    assert "docs/extending.md" in links
    assert [link for link in links if not (ROOT / link).exists()] == []


def test_docs_extending_names_code_that_exists():
    """docs/extending.md points at functions, files and properties that are there."""
    from kg.extract import nominal, patterns
    from kg.inventory import RULE_PROPERTIES

    text = (ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
    for path in re.findall(r"`((?:kg|tests|ontologies)/[\w/.-]+\.(?:py|yaml|json))`", text):
        assert (ROOT / path).exists(), path
    assert hasattr(nominal, "joint_relations") and hasattr(patterns, "find_candidates")
    table = set(re.findall(r"^\| `(\w+)` \|", text, re.M))
    assert table == set(RULE_PROPERTIES)
