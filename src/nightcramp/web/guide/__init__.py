"""The guide app."""
