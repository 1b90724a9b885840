"""The account records and their use cases."""
