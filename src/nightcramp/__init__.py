"""nightcramp: relief, diary, analysis and triage for night leg cramps."""

__version__ = "0.1.0"
__all__ = ["__version__"]
