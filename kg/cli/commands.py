"""Imports every command module so that each registers its commands on ``kg.cli.main``."""

from kg.cli import (  # noqa: F401
    actors_cmds,
    export_cmds,
    extract_cmds,
    info_cmds,
    ingest_cmds,
    query_cmds,
    store_cmds,
)
