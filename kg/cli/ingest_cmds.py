"""kg commands: ingest_cmds (being written)."""
