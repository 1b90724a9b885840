from django.apps import AppConfig


class PlanPagesConfig(AppConfig):
    """The plan pages: views, forms, templates, static files (records live in the store)."""

    name = "nightcramp.web.plan"
    label = "web_plan"
