"""Sharing a diary read-only: time-limited share links, clinician grants, and who looked when."""
