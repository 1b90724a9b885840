"""The store: each person's records (Django models) and the use cases that read and write them.

Adapters (web, CLI) reach the database only through here; the rules themselves live in core.
"""
