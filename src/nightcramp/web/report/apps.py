from django.apps import AppConfig


class ReportPagesConfig(AppConfig):
    """The report pages (the document itself is rendered by the store)."""

    name = "nightcramp.web.report"
    label = "web_report"
