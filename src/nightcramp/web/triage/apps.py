from django.apps import AppConfig


class TriagePagesConfig(AppConfig):
    """The triage pages: views, forms, templates and static files (the records live in the store)."""

    name = "nightcramp.web.triage"
    label = "web_triage"
