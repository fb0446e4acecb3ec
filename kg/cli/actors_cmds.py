"""kg commands: actors_cmds (being written)."""
