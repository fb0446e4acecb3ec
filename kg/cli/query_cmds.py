"""kg commands: query_cmds (being written)."""
