"""The insight app."""
