"""The report app."""
