"""The domain core: rules, statistics and content. Imports no Django and no CLI library."""
