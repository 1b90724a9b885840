from django.apps import AppConfig


class ReportConfig(AppConfig):
    name = "nightcramp.web.report"
    label = "report"
