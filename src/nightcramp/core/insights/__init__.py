"""Personal trigger analysis, relief ranking and diary patterns (no framework imports)."""

from nightcramp.core.insights.analyze import Analysis, FactorResult, Verdict, analyze

__all__ = ["Analysis", "FactorResult", "Verdict", "analyze"]
