from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "nightcramp.web.triage"
    label = "triage"
