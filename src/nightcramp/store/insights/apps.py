from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "nightcramp.store.insights"
    label = "analysis"
