"""The account app."""
