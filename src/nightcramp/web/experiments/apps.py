from django.apps import AppConfig


class ExperimentPagesConfig(AppConfig):
    """Self-experiments on the web: API routes (records live in the store)."""

    name = "nightcramp.web.experiments"
    label = "web_experiments"
