"""The doctor report: what goes on it (document), its charts and its paper size."""

from nightcramp.core.report.document import (
    MedicationLine,
    ReportDocument,
    ReportInput,
    TriageSummary,
    build_report,
    weekly_cramp_nights,
)
from nightcramp.core.report.paper import Paper, paper_for_locale

__all__ = [
    "MedicationLine",
    "Paper",
    "ReportDocument",
    "ReportInput",
    "TriageSummary",
    "build_report",
    "paper_for_locale",
    "weekly_cramp_nights",
]
