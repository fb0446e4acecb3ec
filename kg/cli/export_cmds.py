"""kg commands: export_cmds (being written)."""
