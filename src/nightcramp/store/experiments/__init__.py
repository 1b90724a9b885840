"""A person's self-experiments: the design, its state, adherence, and the use cases on them."""
