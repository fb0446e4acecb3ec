"""The CLI imports a command's module only when that command is needed (issue 16)."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from kg.cli import COMMAND_MODULES, main


def _modules_after(code: str) -> set[str]:
    """The modules imported in a fresh interpreter after running ``code``."""
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


def test_cli_lazy_extract_does_not_import_export_query_or_store_code():
    loaded = _modules_after(
        "from kg.cli import main\nassert main.get_command(None, 'extract') is not None"
    )
    assert "kg.cli.extract_cmds" in loaded
    for heavy in ("kg.cli.export_cmds", "kg.export", "kg.query", "kg.rdf.store", "networkx"):
        assert heavy not in loaded, heavy


def test_cli_lazy_every_registered_command_is_in_the_module_map():
    names = set(main.commands)  # imports every command module
    assert names == set(COMMAND_MODULES)
    for name, module in COMMAND_MODULES.items():
        assert main.commands[name].callback.__module__ == module


def test_cli_lazy_unknown_command_still_fails_with_usage_error():
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_cli_lazy_extractor_does_not_import_rdflib_but_namespace_terms_still_resolve():
    loaded = _modules_after("import kg.extract\nfrom kg.rdf.namespace import actor_id, slugify")
    assert "kg.extract.extractor" in loaded
    assert "rdflib" not in loaded
    assert "kg.rdf.vocab" not in loaded
    from kg.rdf import namespace, vocab

    assert namespace.KG is vocab.KG and namespace.IRIs is vocab.IRIs
    assert str(namespace.KG.hacked) == namespace.ONTOLOGY_IRI + "#hacked"
