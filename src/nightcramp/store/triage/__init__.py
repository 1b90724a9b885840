"""The triage records and their use cases."""
