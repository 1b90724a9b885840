"""The trigger analysis as each person last saw it, kept in the database per diary version."""
