from django.apps import AppConfig


class ReportConfig(AppConfig):
    name = "nightcramp.store.report"
    label = "report"
