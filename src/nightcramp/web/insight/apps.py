from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "nightcramp.web.insight"
    label = "insight"
