"""kg commands: extract_cmds (being written)."""
