"""kg commands: store_cmds (being written)."""
