from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "nightcramp.store.triage"
    label = "triage"
