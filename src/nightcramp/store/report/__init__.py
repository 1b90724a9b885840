"""The report records and their use cases."""
