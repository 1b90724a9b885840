"""The plan app."""
