"""Self-experiments: randomised N-of-1 tests of one change, with a stopping rule that keeps the
chance of a false call at 5 % or less however often the person looks.

The package itself imports nothing, so that validating content at start loads no analysis.
Import from the modules: `content` (the changes and words), `eligibility` (who may run which),
`schedule` (design and CSV), `analysis` (the looks and the verdict), `document` (the JSON
document), `boundaries`, `estimate`, `stats` and `simulate`.
"""
