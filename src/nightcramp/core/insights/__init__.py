"""Personal trigger analysis, relief ranking and diary patterns (no framework imports).

The package itself imports nothing: the analysis needs numpy and scipy, which a command that
only reads the wording (or validates content at start) must not pay for. Import what you need
from its module, e.g. ``from nightcramp.core.insights.analyze import analyze``.
"""
