"""Self-experiments over HTTP: the JSON API (pages may follow)."""
