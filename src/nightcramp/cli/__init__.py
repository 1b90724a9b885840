"""The Typer command-line adapter. Heavy imports happen inside commands, never at start."""
