"""The diary records and their use cases."""
