from django.apps import AppConfig


class TriagePagesConfig(AppConfig):
    """The triage pages: views, forms, templates, static files (records live in the store)."""

    name = "nightcramp.web.triage"
    label = "web_triage"
