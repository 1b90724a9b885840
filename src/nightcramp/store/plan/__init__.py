"""The plan records and their use cases."""
